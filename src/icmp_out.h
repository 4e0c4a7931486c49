/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_ICMP_OUT_H
#define _JOOL_ICMP_OUT_H

#include <linux/skbuff.h>
#include "core/xlat.h"
#include "device.h"

void jool_icmp_err_lookups(struct sk_buff *skb, struct net_device *dev,
			   const struct xlat_cfg *cfg, struct xlat_pkt *pkt,
			   bool to_v4);
void jool_icmp_answer_drop(struct jool_device *jdev, struct sk_buff *skb,
			   const struct xlat_pkt *pkt);

#endif /* _JOOL_ICMP_OUT_H */
