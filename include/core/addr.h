/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_CORE_ADDR_H
#define _JOOL_CORE_ADDR_H

#include "core/xlat.h"

enum jool_stat addr_xlat64(const struct xlat_cfg *cfg,
			   const struct in6_addr *a6, __be32 *a4, bool src);
enum jool_stat addr_xlat46(const struct xlat_cfg *cfg, __be32 a4,
			   struct in6_addr *a6, bool src);

#endif /* _JOOL_CORE_ADDR_H */
