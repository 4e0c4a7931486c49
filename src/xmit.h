/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_XMIT_H
#define _JOOL_XMIT_H

#include <linux/netdevice.h>

netdev_tx_t jool_xmit(struct sk_buff *skb, struct net_device *dev);

#endif /* _JOOL_XMIT_H */
