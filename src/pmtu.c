// SPDX-License-Identifier: GPL-2.0
/*
 * The MTU of the route a translated packet will take, learnt before it is
 * translated (RFC 7915 4.1: "the translator SHOULD ... fragment"; 4.1 and
 * 5.1: what cannot be fragmented gets the error a router sends). The
 * translated packet is re-injected and routed like a received one; its
 * route is predicted here with an output lookup of its destination (the
 * packet's own, translated), which sees the same FIB (not rules on the
 * input device or the source address).
 *
 * Most packets need none: a 4->6 translation of at most 1280 bytes fits
 * every IPv6 link, and a 6->4 translation of at most 1260 bytes has no DF
 * (IPv4 routers may cut it). For the others, each device keeps a small
 * per-CPU cache of routes, direct-mapped by the untranslated destination
 * and mark: a hit costs a hash, a compare and dst_check() (the route's
 * generation: IPv4's genid, IPv6's FIB serial number through the dst
 * cookie), and the MTU is read from the route each time, so a changed
 * link MTU is seen at once. Keys are addresses before translation, so an
 * entry is only good for the configuration snapshot that translated it
 * (&jool_config.serial). A miss translates the destination and looks the
 * route up, as the kernel's dst_cache does for tunnels, holding a
 * reference; a route that goes away is released by the kernel to the
 * blackhole device and fails dst_check(), so a device can always leave.
 */
#include <linux/hash.h>
#include <net/ip6_fib.h>
#include <net/ip6_route.h>
#include <net/route.h>
#include "config.h"
#include "core/addr.h"
#include "pmtu.h"

#define PMTU_BITS 4
#define PMTU_SLOTS (1 << PMTU_BITS)

/* 6->4 translations of at most this many bytes never need the route. */
#define FITS4 1260

/**
 * struct pmtu_slot - one cached route
 * @dst: the route (a reference), NULL if the slot is empty
 * @serial: &jool_config.serial of the snapshot that translated @daddr
 * @cookie: dst_check()'s cookie (IPv6; 0 for IPv4)
 * @mark: skb->mark of the packet, which routing may read
 * @v6: @daddr is an IPv6 address (the route an IPv4 one)
 * @daddr: the untranslated destination
 */
struct pmtu_slot {
	struct dst_entry *dst;
	u64 serial;
	u32 cookie;
	u32 mark;
	bool v6;
	union {
		__be32 v4;
		struct in6_addr v6;
	} daddr;
};

struct jool_pmtu {
	struct pmtu_slot slot[PMTU_SLOTS];
};

/**
 * jool_pmtu_alloc() - a device's empty route cache
 *
 * Return: the per-CPU cache, or NULL without memory.
 */
struct jool_pmtu __percpu *jool_pmtu_alloc(void)
{
	return alloc_percpu(struct jool_pmtu);
}

/**
 * jool_pmtu_free() - release a cache and its routes
 * @cache: from jool_pmtu_alloc(), or NULL; no packet may be using it
 */
void jool_pmtu_free(struct jool_pmtu __percpu *cache)
{
	unsigned int i;
	int cpu;

	if (!cache)
		return;
	for_each_possible_cpu(cpu)
		for (i = 0; i < PMTU_SLOTS; i++)
			dst_release(per_cpu_ptr(cache, cpu)->slot[i].dst);
	free_percpu(cache);
}

/*
 * Whether @skb's translation may not fit: see the top of the file. An IPv4
 * packet without DF is cut to lowest-ipv6-mtu anyway when that is 1280.
 */
static bool pmtu_needed(struct sk_buff *skb, const struct xlat_cfg *cfg,
			bool v6)
{
	const struct iphdr *iph;

	if (skb_is_gso(skb))
		return true;
	if (v6)
		return skb->len - sizeof(struct ipv6hdr) +
		       sizeof(struct iphdr) > FITS4;
	if (jool_fits6(skb))
		return false;
	iph = (const struct iphdr *)skb->data;
	return (iph->frag_off & htons(IP_DF)) ||
	       cfg->lowest_ipv6_mtu > IPV6_MIN_MTU;
}

/* The MTU a translated packet must fit on @dst. */
static unsigned int route_mtu(struct dst_entry *dst, bool v6)
{
	unsigned int mtu = dst_mtu(dst);

	/* IPv4 route for an IPv6 packet, IPv6 route for an IPv4 one. */
	return v6 ? mtu : max_t(unsigned int, mtu, IPV6_MIN_MTU);
}

/* The route of @slot's translated destination; NULL if it has none. */
static struct dst_entry *pmtu_lookup(struct net *net,
				     const struct xlat_cfg *cfg,
				     struct pmtu_slot *slot)
{
	struct flowi6 fl6 = { .flowi6_mark = slot->mark };
	struct flowi4 fl4 = { .flowi4_mark = slot->mark };
	struct dst_entry *dst;
	struct rtable *rt;

	slot->cookie = 0;
	if (slot->v6) {
		if (jool_addr_xlat64(cfg, &slot->daddr.v6, &fl4.daddr, false))
			return NULL;
		rt = ip_route_output_key(net, &fl4);
		return IS_ERR(rt) ? NULL : &rt->dst;
	}
	if (jool_addr_xlat46(cfg, slot->daddr.v4, &fl6.daddr, false))
		return NULL;
	dst = ip6_route_output(net, NULL, &fl6);
	if (dst->error) {
		dst_release(dst);
		return NULL;
	}
	slot->cookie = rt6_get_cookie((struct rt6_info *)dst);
	return dst;
}

/**
 * jool_pmtu_route() - the MTU of the route @skb's translation will take
 * @jdev: the jool device
 * @cfg: the configuration @skb is translated with
 * @skb: an IPv4 or IPv6 packet, network header at skb->data
 *
 * Context: softirq (the xmit path), BH disabled.
 * Return: the MTU, or 0 if it is unknown (no route, no translation).
 */
unsigned int jool_pmtu_route(struct jool_device *jdev,
			     const struct jool_config *cfg,
			     struct sk_buff *skb)
{
	bool v6 = skb->protocol == htons(ETH_P_IPV6);
	const struct ipv6hdr *ip6;
	const struct iphdr *ip4;
	struct pmtu_slot *slot;
	struct dst_entry *dst;
	u32 hash;

	if (!v6 && skb->protocol != htons(ETH_P_IP))
		return 0;
	if (!pskb_may_pull(skb, v6 ? sizeof(struct ipv6hdr) :
				     sizeof(struct iphdr)))
		return 0;
	ip6 = (const struct ipv6hdr *)skb->data;
	ip4 = (const struct iphdr *)skb->data;
	hash = v6 ? ipv6_addr_hash(&ip6->daddr) : (__force u32)ip4->daddr;
	slot = &this_cpu_ptr(jdev->pmtu)->slot[hash_32(hash ^ skb->mark,
						       PMTU_BITS)];
	if (slot->dst && slot->serial == cfg->serial && slot->v6 == v6 &&
	    slot->mark == skb->mark &&
	    (v6 ? ipv6_addr_equal(&slot->daddr.v6, &ip6->daddr) :
		  slot->daddr.v4 == ip4->daddr)) {
		dst = dst_check(slot->dst, slot->cookie);
		if (likely(dst))
			return route_mtu(dst, v6);
	}

	/* A miss: the slot gets this destination's route. */
	dst_release(slot->dst);
	slot->serial = cfg->serial;
	slot->v6 = v6;
	slot->mark = skb->mark;
	if (v6)
		slot->daddr.v6 = ip6->daddr;
	else
		slot->daddr.v4 = ip4->daddr;
	slot->dst = pmtu_lookup(dev_net(jdev->dev), &cfg->xlat, slot);
	return slot->dst ? route_mtu(slot->dst, v6) : 0;
}

/**
 * jool_pmtu_get() - jool_pmtu_route(), for a packet that may need it
 * @jdev: the jool device
 * @cfg: the configuration @skb is translated with
 * @skb: an IPv4 or IPv6 packet, network header at skb->data
 *
 * Context: softirq (the xmit path), BH disabled.
 * Return: the MTU, or 0 if the packet needs none (it fits anyway) or it
 * is unknown (the core then decides without it).
 */
unsigned int jool_pmtu_get(struct jool_device *jdev,
			   const struct jool_config *cfg, struct sk_buff *skb)
{
	bool v6 = skb->protocol == htons(ETH_P_IPV6);

	if (!v6 && skb->protocol != htons(ETH_P_IP))
		return 0;
	if (!pskb_may_pull(skb, v6 ? sizeof(struct ipv6hdr) :
				     sizeof(struct iphdr)) ||
	    !pmtu_needed(skb, &cfg->xlat, v6))
		return 0;
	return jool_pmtu_route(jdev, cfg, skb);
}
