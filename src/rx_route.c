// SPDX-License-Identifier: GPL-2.0
/*
 * The input route of a translated packet that rx.c hands to the stack
 * inline (docs/design.md, "One pass"): what ip_route_input_noref() and
 * ip6_route_input() give it, from a small per-CPU cache when the kernel's
 * answer can only be the one it gave last time.
 *
 * The second route lookup was the largest single cost a translated packet
 * adds to plain forwarding (a FIB walk, rules, the source check). The
 * kernel caches routes itself, but per next hop, behind the walk: what
 * it skips is making the route, not finding it. This cache skips the
 * finding, for flows whose answer depends on nothing but what its key
 * holds and what the kernel's own route validation watches:
 *
 * - the key: source, destination, TOS or traffic class and flow label,
 *   mark, and for IPv6 the next header (the multipath hash reads it); the
 *   input device is the jool device itself (one cache per device);
 * - the route's validity, as the kernel checks a socket's cached route
 *   (dst_check()): IPv4's generation, bumped by every change of routes,
 *   rules, addresses and of the sysctls that flush the routing cache;
 *   IPv6's FIB serial number, through the route's cookie;
 * - what neither watches but the IPv4 lookup reads, kept in the slot and
 *   compared: rp_filter and src_valid_mark of the device (changing them
 *   flushes nothing); and what the lookup sets in IPCB, given back on a
 *   hit (IPSKB_NOPOLICY, IPSKB_DOREDIRECT).
 *
 * Nothing is cached where the answer depends on more: rules that match
 * ports or protocols (the kernel then dissects every packet), a multipath
 * hash over more than addresses, ICMP (its multipath hash reads the quoted
 * packet of an error), IPv6 link-local or multicast destinations, IPv6
 * forwarding off (the lookup then reads neighbour states), and any answer
 * the kernel did not cache itself (an IPv4 route made for this packet
 * only: realms, broadcast, multicast) or that is an error. Only successes
 * are cached: a packet that fails the lookup fails it again.
 *
 * A hit costs a hash, a compare and dst_check(); the slot holds a
 * reference, and the packet gets the route without one (as the kernel's
 * own lookup gives it), valid while the reference is (RCU). A route that
 * goes away is moved by the kernel to the blackhole device and fails
 * dst_check(): a cached route never holds a device. The difference a user
 * can see: /proc/net/stat/rt_cache counts no slow-path lookup for a hit.
 */
#include <linux/hash.h>
#include <linux/inetdevice.h>
#include <net/ip.h>
#include <net/ip6_fib.h>
#include <net/ip6_route.h>
#include <net/ipv6_stubs.h>
#include <net/route.h>
#include "compat.h"
#include "rx_route.h"

#define RXR_BITS 5
#define RXR_SLOTS (1 << RXR_BITS)

/**
 * struct rxr_slot4 - one cached IPv4 input route
 * @dst: the route (a reference), NULL if the slot is empty
 * @saddr: the packet's source
 * @daddr: the packet's destination
 * @mark: skb->mark
 * @ipcb_flags: the IPCB flags the lookup set
 * @tos: the packet's TOS
 * @rpf: rp_filter and src_valid_mark of the device when it was looked up
 */
struct rxr_slot4 {
	struct dst_entry *dst;
	__be32 saddr;
	__be32 daddr;
	u32 mark;
	u16 ipcb_flags;
	u8 tos;
	u8 rpf;
};

/**
 * struct rxr_slot6 - one cached IPv6 input route
 * @dst: the route (a reference), NULL if the slot is empty
 * @saddr: the packet's source
 * @daddr: the packet's destination
 * @flowinfo: its traffic class and flow label
 * @mark: skb->mark
 * @cookie: dst_check()'s cookie
 * @nexthdr: its next header
 */
struct rxr_slot6 {
	struct dst_entry *dst;
	struct in6_addr saddr;
	struct in6_addr daddr;
	__be32 flowinfo;
	u32 mark;
	u32 cookie;
	u8 nexthdr;
};

struct jool_rx_routes {
	struct rxr_slot4 v4[RXR_SLOTS];
	struct rxr_slot6 v6[RXR_SLOTS];
};

/**
 * jool_rx_routes_alloc() - a device's empty input route cache
 *
 * Return: the per-CPU cache, or NULL without memory.
 */
struct jool_rx_routes __percpu *jool_rx_routes_alloc(void)
{
	return alloc_percpu(struct jool_rx_routes);
}

/**
 * jool_rx_routes_free() - release a cache and its routes
 * @cache: from jool_rx_routes_alloc(), or NULL; no packet may be using it
 */
void jool_rx_routes_free(struct jool_rx_routes __percpu *cache)
{
	struct jool_rx_routes *c;
	unsigned int i;
	int cpu;

	if (!cache)
		return;
	for_each_possible_cpu(cpu) {
		c = per_cpu_ptr(cache, cpu);
		for (i = 0; i < RXR_SLOTS; i++) {
			dst_release(c->v4[i].dst);
			dst_release(c->v6[i].dst);
		}
	}
	free_percpu(cache);
}

/*
 * The route @skb just got, with a reference for a slot; NULL if it is not
 * one to keep (see the top of the file).
 */
static struct dst_entry *keepable(struct sk_buff *skb)
{
	struct dst_entry *dst = skb_dst(skb);

	if (!dst || !skb_dst_is_noref(skb) || dst->error ||
	    !dst_hold_safe(dst))
		return NULL;
	return dst;
}

/* rp_filter and src_valid_mark, which the source check reads. */
static u8 rpf_conf(struct in_device *in_dev)
{
	return IN_DEV_RPFILTER(in_dev) | (IN_DEV_SRC_VMARK(in_dev) << 4);
}

/* Whether the IPv4 lookup reads nothing but the slot's key. */
static bool cacheable4(const struct net *net, const struct iphdr *iph)
{
	if (iph->protocol == IPPROTO_ICMP)
		return false;
#ifdef CONFIG_IP_MULTIPLE_TABLES
	if (net->ipv4.fib_rules_require_fldissect)
		return false;
#endif
#ifdef CONFIG_IP_ROUTE_MULTIPATH
	if (READ_ONCE(net->ipv4.sysctl_fib_multipath_hash_policy))
		return false;
#endif
	return true;
}

/**
 * jool_rx_route4() - the input route of a translated IPv4 packet
 * @routes: the jool device's cache
 * @skb: the packet, received on the jool device (skb->dev), no route yet
 *
 * ip_route_input_noref() with the header's addresses and TOS, or its
 * last answer for the same key.
 *
 * Context: softirq (the xmit path), BH disabled.
 * Return: 0, -EXDEV (the source check refused it) or another error.
 */
int jool_rx_route4(struct jool_rx_routes __percpu *routes,
		   struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct in_device *in_dev = __in_dev_get_rcu(skb->dev);
	struct rxr_slot4 *slot = NULL;
	struct dst_entry *dst;
	u16 flags;
	u8 rpf;
	int err;

	if (in_dev && cacheable4(dev_net(skb->dev), iph)) {
		rpf = rpf_conf(in_dev);
		slot = &this_cpu_ptr(routes)->v4[hash_32((__force u32)iph->daddr ^
				hash_32((__force u32)iph->saddr ^ skb->mark, 32),
				RXR_BITS)];
		if (slot->dst && slot->daddr == iph->daddr &&
		    slot->saddr == iph->saddr && slot->mark == skb->mark &&
		    slot->tos == iph->tos && slot->rpf == rpf &&
		    dst_check(slot->dst, 0)) {
			skb_dst_set_noref(skb, slot->dst);
			IPCB(skb)->flags |= slot->ipcb_flags;
			return 0;
		}
	}

	flags = IPCB(skb)->flags;
	err = jool_route_input4(skb, iph, skb->dev);
	if (err || !slot)
		return err;
	dst = keepable(skb);
	if (!dst)
		return 0;
	dst_release(slot->dst);
	slot->dst = dst;
	slot->saddr = iph->saddr;
	slot->daddr = iph->daddr;
	slot->mark = skb->mark;
	slot->tos = iph->tos;
	slot->rpf = rpf;
	slot->ipcb_flags = IPCB(skb)->flags & ~flags;
	return 0;
}

/* Whether the IPv6 lookup reads nothing but the slot's key. */
static bool cacheable6(const struct net *net, const struct ipv6hdr *hdr)
{
	if (hdr->nexthdr == IPPROTO_ICMPV6 || rt6_need_strict(&hdr->daddr) ||
	    !READ_ONCE(net->ipv6.devconf_all->forwarding) ||
	    ip6_multipath_hash_policy(net))
		return false;
#ifdef CONFIG_IPV6_MULTIPLE_TABLES
	if (net->ipv6.fib6_rules_require_fldissect)
		return false;
#endif
	return true;
}

/**
 * jool_rx_route6() - the input route of a translated IPv6 packet
 * @routes: the jool device's cache
 * @skb: the packet, received on the jool device (skb->dev), no route yet
 *
 * ip6_route_input(), or its last answer for the same key. The packet
 * always gets a route (an error route if there is none), as from
 * ip6_route_input().
 *
 * Context: softirq (the xmit path), BH disabled.
 */
void jool_rx_route6(struct jool_rx_routes __percpu *routes,
		    struct sk_buff *skb)
{
	const struct ipv6hdr *hdr = ipv6_hdr(skb);
	struct rxr_slot6 *slot = NULL;
	struct dst_entry *dst;

	if (cacheable6(dev_net(skb->dev), hdr)) {
		slot = &this_cpu_ptr(routes)->v6[hash_32(ipv6_addr_hash(&hdr->daddr) ^
				hash_32(ipv6_addr_hash(&hdr->saddr) ^ skb->mark, 32),
				RXR_BITS)];
		if (slot->dst && ipv6_addr_equal(&slot->daddr, &hdr->daddr) &&
		    ipv6_addr_equal(&slot->saddr, &hdr->saddr) &&
		    slot->mark == skb->mark &&
		    slot->flowinfo == ip6_flowinfo(hdr) &&
		    slot->nexthdr == hdr->nexthdr &&
		    dst_check(slot->dst, slot->cookie)) {
			skb_dst_set_noref(skb, slot->dst);
			return;
		}
	}

	ipv6_stub->ipv6_route_input(skb);
	if (!slot)
		return;
	dst = keepable(skb);
	if (!dst)
		return;
	dst_release(slot->dst);
	slot->dst = dst;
	slot->cookie = rt6_get_cookie((struct rt6_info *)dst);
	slot->saddr = hdr->saddr;
	slot->daddr = hdr->daddr;
	slot->mark = skb->mark;
	slot->flowinfo = ip6_flowinfo(hdr);
	slot->nexthdr = hdr->nexthdr;
}
