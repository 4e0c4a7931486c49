/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_CORE_CSUM_H
#define _JOOL_CORE_CSUM_H

#include "core_types.h"

__wsum jool_pseudo4_sum(__be32 saddr, __be32 daddr, u32 len, u8 proto);
__wsum jool_pseudo6_sum(const struct in6_addr *saddr,
			const struct in6_addr *daddr, u32 len, u8 proto);
void jool_csum_swap(__sum16 *check, __wsum old, __wsum new);
__sum16 *jool_l4_check_field(u8 *l4, u8 proto);
void jool_icmp_csum_retype(u8 *icmp, u8 type, __wsum old_pseudo,
			   __wsum new_pseudo);
void jool_l4_csum_xlat(u8 *l4, u8 proto, __wsum old_pseudo, __wsum new_pseudo);

#endif /* _JOOL_CORE_CSUM_H */
