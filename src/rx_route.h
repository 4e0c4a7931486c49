/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_RX_ROUTE_H
#define _JOOL_RX_ROUTE_H

#include <linux/skbuff.h>

struct jool_device;
struct jool_rx_routes;

struct jool_rx_routes __percpu *jool_rx_routes_alloc(void);
void jool_rx_routes_forget(struct jool_device *jdev);
void jool_rx_routes_free(struct jool_rx_routes __percpu *cache);
int jool_rx_route4(struct jool_device *jdev, struct sk_buff *skb);
void jool_rx_route6(struct jool_device *jdev, struct sk_buff *skb);

#endif /* _JOOL_RX_ROUTE_H */
