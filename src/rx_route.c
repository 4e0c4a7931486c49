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
 *   mark, and for IPv6 the next header; the input device is the jool
 *   device itself (one cache per device, whose slots are all stale once
 *   it goes down: a rename, which moves "iif NAME" rules, needs it down);
 * - the route's validity, as the kernel checks a socket's cached route
 *   (dst_check()): IPv4's generation, bumped by every change of routes,
 *   rules, addresses, link state and of the sysctls that flush the
 *   routing cache; IPv6's FIB serial number, through the route's cookie;
 *   and the route's expiry (IPv4 exceptions: a redirect's or a learnt
 *   MTU's). An answer is kept only if no change came during its lookup
 *   (the namespace's generation or serial number is the same after it);
 * - what neither watches but the IPv4 lookup reads, kept in the slot and
 *   compared: the device's settings whose changes flush nothing (conf4());
 *   and what the lookup sets in IPCB (IPSKB_NOPOLICY, IPSKB_DOREDIRECT),
 *   given back on a hit.
 *
 * Nothing is cached where the answer depends on more: multipath routes
 * (the path chosen depends on a hash of the packet, by policy of its ports
 * or, for an ICMP error, of the packet it quotes, and may depend on
 * neighbour states; a resilient group's buckets on being used), IPv6
 * routes over nexthop objects (see keepable6()), rules that match ports or
 * protocols, IPv6 link-local or multicast destinations, IPv6 forwarding
 * off (the lookup then reads neighbour states), an IPv6 route out of a
 * device that ignores routes with a link down (its carrier is read at
 * each lookup; for IPv4, a carrier change flushes), a packet with a route
 * already (tunnel metadata), and any answer the kernel did not cache
 * itself (an IPv4 route made for one packet: realms, multicast) or that
 * is an error. Only successes are cached: a packet that fails the lookup
 * fails it again.
 *
 * A hit costs a hash, a compare and dst_check(); the slot holds a
 * reference, and the packet gets the route without one (as the kernel's
 * own lookup gives it), valid while the reference is (RCU). A route that
 * goes away is moved by the kernel to the blackhole device and fails
 * dst_check(): a cached route never holds a device. What a hit does not
 * do that the lookup did: count itself in /proc/net/fib_triestat and
 * /proc/net/stat/rt_cache (in_brd), and fire the fib_table_lookup and
 * fib6_table_lookup tracepoints.
 */
#include <linux/hash.h>
#include <linux/inetdevice.h>
#include <net/ip.h>
#include <net/ip6_fib.h>
#include <net/ip6_route.h>
#include <net/ipv6_stubs.h>
#include <net/route.h>
#include "compat.h"
#include "device.h"
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
 * @conf: conf4() of the device when it was looked up
 * @tos: the packet's TOS
 * @gen: &jool_device.rx_routes_gen when it was looked up
 */
struct rxr_slot4 {
	struct dst_entry *dst;
	u32 gen;
	__be32 saddr;
	__be32 daddr;
	u32 mark;
	u16 ipcb_flags;
	u16 conf;
	u8 tos;
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
 * @gen: &jool_device.rx_routes_gen when it was looked up
 */
struct rxr_slot6 {
	struct dst_entry *dst;
	u32 gen;
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
 * jool_rx_routes_forget() - make every slot of a device's cache stale
 * @jdev: the jool device
 *
 * Each CPU replaces its stale slots as packets come; no route is released
 * here, so this may run beside the data path.
 */
void jool_rx_routes_forget(struct jool_device *jdev)
{
	WRITE_ONCE(jdev->rx_routes_gen, jdev->rx_routes_gen + 1);
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
 * Puts the route @skb just got in @slot (in place of the slot's), with a
 * reference; false, the slot untouched, if it is not one to keep (see the
 * top of the file).
 */
static bool keep(struct dst_entry **slot, struct sk_buff *skb)
{
	struct dst_entry *dst = skb_dst(skb);

	if (!dst || !skb_dst_is_noref(skb) || dst->error)
		return false;
	/* The same route again (another flow's): no reference to take. */
	if (dst == *slot)
		return true;
	if (!dst_hold_safe(dst))
		return false;
	dst_release(*slot);
	*slot = dst;
	return true;
}

/*
 * Whether an IPv6 lookup that gave @dst reads the carrier of its device:
 * with ignore_routes_with_linkdown, a route whose link is down is skipped,
 * and a carrier loss changes no serial number. (For IPv4 it flushes the
 * routing cache.)
 */
static bool reads_carrier6(const struct dst_entry *dst)
{
	return ip6_ignore_linkdown(dst->dev);
}

/* A cached route still good for a packet of its key (and no route yet). */
static struct dst_entry *still_good(struct dst_entry *dst, u32 cookie,
				    const struct sk_buff *skb, bool v6)
{
	if (skb_dst(skb) || (dst->expires && time_after_eq(jiffies,
							     dst->expires)) ||
	    (v6 && reads_carrier6(dst)))
		return NULL;
	return dst_check(dst, cookie);
}

/*
 * What the IPv4 lookup reads of the device's settings, which may change
 * without a flush (by sysctl, or by netlink, IFLA_INET_CONF): rp_filter
 * (off, strict or loose), src_valid_mark, send_redirects and shared_media
 * (IPSKB_DOREDIRECT), forwarding, bc_forwarding, disable_policy
 * (IPSKB_NOPOLICY), route_localnet and accept_local.
 */
static u16 conf4(struct in_device *in_dev)
{
	int rpf = IN_DEV_RPFILTER(in_dev);

	return (rpf > 2 ? 2 : rpf) | !!IN_DEV_SRC_VMARK(in_dev) << 2 |
	       !!IN_DEV_TX_REDIRECTS(in_dev) << 3 |
	       !!IN_DEV_SHARED_MEDIA(in_dev) << 4 |
	       !!IN_DEV_FORWARD(in_dev) << 5 |
	       !!IN_DEV_BFORWARD(in_dev) << 6 |
	       !!IN_DEV_ORCONF(in_dev, NOPOLICY) << 7 |
	       !!IN_DEV_ROUTE_LOCALNET(in_dev) << 8 |
	       !!IN_DEV_ACCEPT_LOCAL(in_dev) << 9;
}

/*
 * Whether the IPv4 lookup reads nothing of the packet but the slot's key:
 * no rule matches ports or protocols. (The multipath hash reads more, but
 * a multipath answer is not kept.)
 */
static bool cacheable4(const struct net *net)
{
#ifdef CONFIG_IP_MULTIPLE_TABLES
	return !net->ipv4.fib_rules_require_fldissect;
#else
	return true;
#endif
}

/*
 * Whether an IPv4 answer may be kept: one path, and no change of the
 * routes since @genid (the lookup may have walked the old FIB and stamped
 * its route with the new generation).
 */
static bool keepable4(const struct sk_buff *skb, int genid)
{
	const struct rtable *rt = skb_rtable(skb);

	return !(IPCB(skb)->flags & IPSKB_MULTIPATH) &&
	       rt->rt_genid == genid && rt_genid_ipv4(dev_net(skb->dev)) == genid;
}

/**
 * jool_rx_route4() - the input route of a translated IPv4 packet
 * @jdev: the jool device (its cache)
 * @skb: the packet, received on the jool device (skb->dev), no valid
 *	route yet
 *
 * ip_route_input_noref() with the header's addresses and TOS, or its
 * last answer for the same key.
 *
 * Context: softirq (the xmit path), BH disabled.
 * Return: 0, -EXDEV (the source check refused it) or another error.
 */
int jool_rx_route4(struct jool_device *jdev, struct sk_buff *skb)
{
	u32 gen = READ_ONCE(jdev->rx_routes_gen);
	const struct iphdr *iph = ip_hdr(skb);
	struct in_device *in_dev = __in_dev_get_rcu(skb->dev);
	struct rxr_slot4 *slot = NULL;
	u16 flags, conf;
	int genid, err;

	if (in_dev && cacheable4(dev_net(skb->dev))) {
		conf = conf4(in_dev);
		slot = &this_cpu_ptr(jdev->rx_routes)->v4[hash_32((__force u32)iph->daddr ^
				hash_32((__force u32)iph->saddr ^ skb->mark, 32),
				RXR_BITS)];
		if (slot->dst && slot->gen == gen &&
		    slot->daddr == iph->daddr &&
		    slot->saddr == iph->saddr && slot->mark == skb->mark &&
		    slot->tos == iph->tos && slot->conf == conf &&
		    still_good(slot->dst, 0, skb, false)) {
			skb_dst_set_noref(skb, slot->dst);
			IPCB(skb)->flags |= slot->ipcb_flags;
			return 0;
		}
	}

	flags = IPCB(skb)->flags;
	genid = rt_genid_ipv4(dev_net(skb->dev));
	err = jool_route_input4(skb, iph, skb->dev);
	if (err || !slot || !skb_dst(skb) || !keepable4(skb, genid) ||
	    !keep(&slot->dst, skb))
		return err;
	slot->gen = gen;
	slot->saddr = iph->saddr;
	slot->daddr = iph->daddr;
	slot->mark = skb->mark;
	slot->tos = iph->tos;
	slot->conf = conf;
	slot->ipcb_flags = IPCB(skb)->flags & ~flags;
	return 0;
}

/*
 * Whether the IPv6 lookup reads nothing of the packet but the slot's key
 * (see cacheable4()), and no neighbour state: forwarding is on.
 */
static bool cacheable6(const struct net *net, const struct ipv6hdr *hdr)
{
	if (rt6_need_strict(&hdr->daddr) ||
	    !READ_ONCE(net->ipv6.devconf_all->forwarding))
		return false;
#ifdef CONFIG_IPV6_MULTIPLE_TABLES
	if (net->ipv6.fib6_rules_require_fldissect)
		return false;
#endif
	return true;
}

/*
 * Whether an IPv6 answer may be kept: one path, the route it came from
 * known, and the carrier not read. Routes over nexthop objects are not
 * kept: their per-CPU copies belong to the nexthop, shared by every route
 * over it (&rt6_info.from is whichever made the copy), and are checked
 * against the namespace's serial number only, which deleting a route
 * does not change.
 */
static bool keepable6(const struct sk_buff *skb)
{
	const struct rt6_info *rt = (const struct rt6_info *)skb_dst(skb);
	const struct fib6_info *from;
	bool ok;

#ifdef IP6SKB_MULTIPATH
	if (IP6CB(skb)->flags & IP6SKB_MULTIPATH)
		return false;
#endif
	if (rt->sernum || reads_carrier6(&rt->dst))
		return false;
	rcu_read_lock();
	from = rcu_dereference(rt->from);
	ok = from && !from->nh && !from->fib6_nsiblings;
	rcu_read_unlock();
	return ok;
}

/**
 * jool_rx_route6() - the input route of a translated IPv6 packet
 * @jdev: the jool device (its cache)
 * @skb: the packet, received on the jool device (skb->dev), no valid
 *	route yet
 *
 * ip6_route_input(), or its last answer for the same key. The packet
 * always gets a route (an error route if there is none), as from
 * ip6_route_input().
 *
 * Context: softirq (the xmit path), BH disabled.
 */
void jool_rx_route6(struct jool_device *jdev, struct sk_buff *skb)
{
	u32 gen = READ_ONCE(jdev->rx_routes_gen);
	const struct ipv6hdr *hdr = ipv6_hdr(skb);
	struct net *net = dev_net(skb->dev);
	struct rxr_slot6 *slot = NULL;
	int sernum;
	u32 cookie;

	if (cacheable6(net, hdr)) {
		slot = &this_cpu_ptr(jdev->rx_routes)->v6[hash_32(ipv6_addr_hash(&hdr->daddr) ^
				hash_32(ipv6_addr_hash(&hdr->saddr) ^ skb->mark, 32),
				RXR_BITS)];
		if (slot->dst && slot->gen == gen &&
		    ipv6_addr_equal(&slot->daddr, &hdr->daddr) &&
		    ipv6_addr_equal(&slot->saddr, &hdr->saddr) &&
		    slot->mark == skb->mark &&
		    slot->flowinfo == ip6_flowinfo(hdr) &&
		    slot->nexthdr == hdr->nexthdr &&
		    still_good(slot->dst, slot->cookie, skb, true)) {
			skb_dst_set_noref(skb, slot->dst);
			return;
		}
	}

	/*
	 * Every change of the FIB takes a new serial number: one between the
	 * lookup and reading the route's cookie makes the answer not kept.
	 */
	sernum = atomic_read(&net->ipv6.fib6_sernum);
	ipv6_stub->ipv6_route_input(skb);
	if (!slot || !skb_dst(skb) || skb_dst(skb)->error ||
	    !keepable6(skb))
		return;
	cookie = rt6_get_cookie((struct rt6_info *)skb_dst(skb));
	smp_rmb(); /* the cookie before the serial number */
	if (atomic_read(&net->ipv6.fib6_sernum) != sernum ||
	    !keep(&slot->dst, skb))
		return;
	slot->gen = gen;
	slot->cookie = cookie;
	slot->saddr = hdr->saddr;
	slot->daddr = hdr->daddr;
	slot->mark = skb->mark;
	slot->flowinfo = ip6_flowinfo(hdr);
	slot->nexthdr = hdr->nexthdr;
}
