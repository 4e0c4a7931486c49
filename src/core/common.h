/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers private to the translation core (src/core/). */
#ifndef _JOOL_CORE_COMMON_H
#define _JOOL_CORE_COMMON_H

#include "core/xlat.h"

static inline enum xlat_verdict xlat_more(struct xlat_pkt *pkt,
					  unsigned int need)
{
	pkt->need = need;
	return XLAT_MORE;
}

static inline enum xlat_verdict xlat_drop(struct xlat_pkt *pkt,
					  enum jool_stat reason)
{
	pkt->reason = reason;
	return XLAT_DROP;
}

/* Bytes of upper-layer header the core reads or rewrites (0: none). */
static inline unsigned int l4_min_len(u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return sizeof(struct tcphdr);
	case IPPROTO_UDP:
		return sizeof(struct udphdr);
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return 8;
	}
	return 0;
}

/*
 * A CHECKSUM_PARTIAL packet must have its checksum where we expect it: we
 * re-seed that field and move csum_start along with the L4 header.
 */
static inline bool partial_csum_ok(const struct xlat_pkt *pkt,
				   unsigned int l4off, u8 proto)
{
	if (!pkt->csum_partial)
		return true;
	if (pkt->csum_start != l4off)
		return false;
	if (proto == IPPROTO_TCP)
		return pkt->csum_offset == offsetof(struct tcphdr, check);
	if (proto == IPPROTO_UDP)
		return pkt->csum_offset == offsetof(struct udphdr, check);
	return false;
}

#endif /* _JOOL_CORE_COMMON_H */
