/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_XMIT_H
#define _JOOL_XMIT_H

#include <linux/netdevice.h>
#include "core/xlat.h"
#include "device.h"

struct jool_config;
struct jool_nat64_map;

/* A core function that translates (or prepares) header bytes in place. */
typedef enum xlat_verdict (*jool_xlat_fn)(const struct xlat_cfg *, u8 *,
					  unsigned int, struct xlat_pkt *);

void jool_xmit_init(void);
netdev_tx_t jool_xmit(struct sk_buff *skb, struct net_device *dev);
netdev_tx_t jool_xmit_one(struct sk_buff *skb, struct net_device *dev,
			  bool icmp6_ready, const struct jool_nat64_map *map);
enum xlat_verdict jool_run_core(struct sk_buff *skb, jool_xlat_fn fn,
				const struct xlat_cfg *cfg,
				struct xlat_pkt *pkt, unsigned int need);
void jool_reinject(struct sk_buff *skb, struct jool_device *jdev);
void jool_drop_skb(struct jool_device *jdev, struct sk_buff *skb,
		   const struct jool_config *cfg, const struct xlat_pkt *pkt);

#endif /* _JOOL_XMIT_H */
