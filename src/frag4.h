/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_FRAG4_H
#define _JOOL_FRAG4_H

#include <linux/skbuff.h>
#include "core/xlat.h"

struct jool_nat64_map;

bool jool_frag4_needed(struct sk_buff *skb, const struct xlat_cfg *cfg,
		       unsigned int route_mtu);
void jool_frag4_xmit(struct sk_buff *skb, struct net_device *dev,
		     const struct xlat_cfg *cfg, unsigned int route_mtu,
		     const struct jool_nat64_map *map);

#endif /* _JOOL_FRAG4_H */
