/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EAM hairpinning (RFC 7757 4): which IPv4 packets are the second half of an
 * IPv6-to-IPv6 trip through the translator, and how their addresses are
 * translated. See src/core/hairpin.c.
 */
#ifndef _JOOL_CORE_HAIRPIN_H
#define _JOOL_CORE_HAIRPIN_H

#include "core/xlat.h"

bool jool_xlat_hairpin(const struct xlat_cfg *cfg, const struct xlat_pkt *pkt);
unsigned int jool_hairpin_hops(const struct xlat_pkt *pkt);
enum jool_stat jool_addr_xlat46_hp(const struct xlat_cfg *cfg, __be32 a4,
				   struct in6_addr *a6, unsigned int flags,
				   bool hairpin, bool *changed);

#endif /* _JOOL_CORE_HAIRPIN_H */
