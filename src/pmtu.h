/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_PMTU_H
#define _JOOL_PMTU_H

#include <linux/skbuff.h>
#include <net/ipv6.h>
#include "device.h"

struct jool_config;

/**
 * jool_fits6() - does the IPv6 translation of IPv4 @skb fit every IPv6 link?
 * @skb: an IPv4 packet, not GSO
 *
 * Its translation grows by 28 bytes at most (20 for the header, 8 for a
 * Fragment Header; an ICMP error, whose quoted packet grows too, is cut
 * to 1280 bytes by its own translation), and every IPv6 link carries 1280
 * (RFC 8200 5): no MTU, route or header of it needs to be read.
 */
static inline bool jool_fits6(const struct sk_buff *skb)
{
	return skb->len + 28 <= IPV6_MIN_MTU;
}

struct jool_pmtu __percpu *jool_pmtu_alloc(void);
void jool_pmtu_free(struct jool_pmtu __percpu *cache);
unsigned int jool_pmtu_route(struct jool_device *jdev,
			     const struct jool_config *cfg,
			     struct sk_buff *skb);
unsigned int jool_pmtu_get(struct jool_device *jdev,
			   const struct jool_config *cfg, struct sk_buff *skb);

#endif /* _JOOL_PMTU_H */
