// SPDX-License-Identifier: GPL-2.0
/*
 * The data path: what the routing table sends into a jool device is
 * translated in place and re-injected as if received on the device, so the
 * translated packet goes through routing, netfilter (conntrack, FORWARD,
 * INPUT) and local delivery like any received packet.
 *
 * This is the only file that touches sk_buffs. The header logic lives in
 * src/core/ and works on bytes: this glue makes the headers linear and
 * writable, calls the core, swaps the L3 header (the payload never moves),
 * fixes checksum-offload and GSO metadata, and hands the packet to GRO.
 */
#include <linux/inetdevice.h>
#include <linux/random.h>
#include <net/gro_cells.h>
#include <net/icmp.h>
#include <linux/icmpv6.h>
#include <net/addrconf.h>
#include <net/ip6_route.h>
#include <stat_names.h>
#include "core/addr.h"
#include <net/ip.h>
#include <net/route.h>
#include "config.h"
#include "device.h"
#include "stats.h"
#include "xmit.h"

/* Linear bytes to ask for up front: the usual L3 header plus a TCP header. */
#define FIRST_PULL6 (sizeof(struct ipv6hdr) + sizeof(struct tcphdr))
#define FIRST_PULL4 (sizeof(struct iphdr) + sizeof(struct tcphdr))
/* The core asks for more at most once per header; this bounds the chain. */
#define MAX_ROUNDS 16

typedef enum xlat_verdict (*xlat_fn)(const struct xlat_cfg *, u8 *,
				     unsigned int, struct xlat_pkt *);

/*
 * TTL/hop limit: the box must count as exactly one router hop (RFC 7915
 * 4.1/5.1 let the decrement happen before or after translation). A packet
 * forwarded into us was already decremented by the first forward; the
 * translated packet is forwarded again, which decrements once more. Give
 * that second hop back, but only to packets that came in from another
 * device: locally generated ones were decremented once in total, and a
 * packet that already went through this device (hairpin, routing loop) must
 * keep losing hops so that a loop dies. (The core gives the second half of
 * an EAM hairpin its hop back: see hairpin_hops() in src/core/hairpin.c.)
 */
static u8 hop_bump(const struct sk_buff *skb, const struct net_device *dev)
{
	return skb->skb_iif && skb->skb_iif != dev->ifindex;
}

/*
 * Set while frag4_xmit() cuts an ICMP message whose header is translated
 * already: the pieces reach xmit_one() from ip_do_fragment(), on this CPU,
 * with BHs off, and nothing else runs in between.
 */
static DEFINE_PER_CPU(bool, frag4_icmp6_ready);

static void prepare_pkt(struct sk_buff *skb, struct net_device *dev,
			struct xlat_pkt *pkt)
{
	memset(pkt, 0, sizeof(*pkt));
	pkt->icmp6_ready = __this_cpu_read(frag4_icmp6_ready);
	pkt->len = skb->len;
	pkt->hop_bump = hop_bump(skb, dev);
	/*
	 * Received on this device: a packet it translated itself, which
	 * routing sent straight back in. For IPv4, the second half of an
	 * IPv6-to-IPv6 hairpin (RFC 7757 4, "eam-hairpin-mode intrinsic").
	 */
	pkt->hairpin = skb->skb_iif == dev->ifindex;
	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		pkt->csum_partial = true;
		pkt->csum_start = skb_checksum_start_offset(skb);
		pkt->csum_offset = skb->csum_offset;
	}
	if (skb_is_gso(skb))
		pkt->gso_size = skb_shinfo(skb)->gso_size;
}

/* Runs the core until it has what it needs or gives up. */
static enum xlat_verdict run_core(struct sk_buff *skb, xlat_fn fn,
				  const struct xlat_cfg *cfg,
				  struct xlat_pkt *pkt, unsigned int need)
{
	enum xlat_verdict verdict;
	unsigned int round;

	for (round = 0; round < MAX_ROUNDS; round++) {
		need = min(need, skb->len);
		if (skb_ensure_writable(skb, need)) {
			pkt->reason = JOOL_STAT_ENOMEM;
			return XLAT_DROP;
		}
		/* Only what was made writable is handed to the core. */
		verdict = fn(cfg, skb->data, need, pkt);
		if (verdict != XLAT_MORE)
			return verdict;
		if (pkt->need <= need) {
			/* The core asked for what it already had: a bug. */
			pkt->reason = JOOL_STAT_HDR6_TRUNCATED;
			return XLAT_DROP;
		}
		need = pkt->need;
	}
	pkt->reason = JOOL_STAT_HDR6_TRUNCATED;
	return XLAT_DROP;
}

typedef enum xlat_verdict (*xlat_err_fn)(const struct xlat_cfg *, const u8 *,
					 unsigned int, u8 *, unsigned int,
					 struct xlat_pkt *);

/*
 * The translator's IPv6 address towards the IPv6 host an ICMPv4 error goes
 * to (@dst4, as translated), for errors whose source has no translation and
 * no rfc6791v6-prefix to take one from. Left all zeros if there is none.
 */
static void own6_for(struct net_device *dev, const struct xlat_cfg *cfg,
		     __be32 dst4, struct in6_addr *own6)
{
	struct in6_addr dst6;

	if (cfg->rfc6791v6_set || addr_xlat46(cfg, dst4, &dst6, false))
		return;
	if (ipv6_dev_get_saddr(dev_net(dev), NULL, &dst6, 0, own6))
		memset(own6, 0, sizeof(*own6));
}

/* The MTU of the route to @daddr, translated from the error's destination. */
static unsigned int route_mtu4(struct net *net, __be32 daddr)
{
	struct rtable *rt = ip_route_output(net, daddr, 0, 0, 0);
	unsigned int mtu;

	if (IS_ERR(rt))
		return 0;
	mtu = dst_mtu(&rt->dst);
	ip_rt_put(rt);
	return mtu;
}

static unsigned int route_mtu6(struct net *net, const struct in6_addr *daddr)
{
	struct flowi6 fl6 = { .daddr = *daddr };
	struct dst_entry *dst = ip6_route_output(net, NULL, &fl6);
	unsigned int mtu = dst->error ? 0 : dst_mtu(dst);

	dst_release(dst);
	return mtu;
}

/*
 * RFC 7915 4.2, 5.2: the MTU of a translated "packet too big" or
 * "fragmentation needed" is also capped by the translator's next hops: the
 * link the error came in on (the way the packets in error went out) and
 * the link the translated error leaves by (the way they came in). Errors
 * are rare; two lookups per error are cheap. Unknown terms stay 0.
 */
static void nexthop_mtus(struct sk_buff *skb, struct net_device *dev,
			 const struct xlat_cfg *cfg, struct xlat_pkt *pkt,
			 bool to_v4)
{
	struct net *net = dev_net(dev);
	struct net_device *in = skb->skb_iif ?
		dev_get_by_index_rcu(net, skb->skb_iif) : NULL;
	unsigned int in_mtu = in && in != dev ? in->mtu : 0;
	struct in6_addr dst6;
	__be32 dst4;

	if (to_v4) {
		pkt->mtu6 = in_mtu;
		if (!addr_xlat64(cfg, &ipv6_hdr(skb)->daddr, &dst4, false))
			pkt->mtu4 = route_mtu4(net, dst4);
	} else {
		pkt->mtu4 = in_mtu;
		if (!addr_xlat46(cfg, ip_hdr(skb)->daddr, &dst6, false))
			pkt->mtu6 = route_mtu6(net, &dst6);
	}
}

/*
 * ICMP errors carry the packet in error, whose headers are translated too
 * (RFC 7915 4.3, 5.3), and change size; they are rare, so they are
 * translated whole into a new skb instead of in place.
 */
static struct sk_buff *translate_icmp_err(struct sk_buff *skb,
					  struct net_device *dev,
					  const struct xlat_cfg *cfg,
					  struct xlat_pkt *pkt, bool to_v4)
{
	xlat_err_fn fn = to_v4 ? xlat64_icmp_err : xlat46_icmp_err;
	struct sk_buff *nskb;

	if (skb_linearize(skb)) {
		pkt->reason = JOOL_STAT_ENOMEM;
		return NULL;
	}
	nskb = alloc_skb(LL_MAX_HEADER + XLAT_ICMP_ERR_OUTMAX, GFP_ATOMIC);
	if (!nskb) {
		pkt->reason = JOOL_STAT_ENOMEM;
		return NULL;
	}
	skb_reserve(nskb, LL_MAX_HEADER);

	pkt->random = get_random_u32();
	/* RFC 6791's last resort: an address of the translator itself. */
	if (to_v4)
		pkt->own4 = inet_select_addr(dev, 0, RT_SCOPE_UNIVERSE);
	else
		own6_for(dev, cfg, ip_hdr(skb)->daddr, &pkt->own6);
	nexthop_mtus(skb, dev, cfg, pkt, to_v4);
	if (fn(cfg, skb->data, skb->len, nskb->data, XLAT_ICMP_ERR_OUTMAX,
	       pkt) != XLAT_OK) {
		kfree_skb(nskb);
		return NULL;
	}
	__skb_put(nskb, pkt->new_len);
	skb_reset_network_header(nskb);
	skb_set_transport_header(nskb, to_v4 ? sizeof(struct iphdr) :
					       sizeof(struct ipv6hdr));
	nskb->protocol = to_v4 ? htons(ETH_P_IP) : htons(ETH_P_IPV6);
	nskb->mark = skb->mark;
	nskb->ip_summed = CHECKSUM_NONE;
	consume_skb(skb);
	return nskb;
}

/* Swap GSO types; the segment payload size (gso_size) does not change. */
static void fix_gso(struct sk_buff *skb, bool to_v4)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);

	if (to_v4 && (shinfo->gso_type & SKB_GSO_TCPV6)) {
		shinfo->gso_type &= ~SKB_GSO_TCPV6;
		shinfo->gso_type |= SKB_GSO_TCPV4;
	} else if (!to_v4 && (shinfo->gso_type & SKB_GSO_TCPV4)) {
		/* IPv6 has no ID to keep fixed. */
		shinfo->gso_type &= ~(SKB_GSO_TCPV4 | SKB_GSO_TCP_FIXEDID);
		shinfo->gso_type |= SKB_GSO_TCPV6;
	}
}

/* Puts the new L3 header in place of the old one. */
static int swap_l3(struct sk_buff *skb, const struct xlat_pkt *pkt,
		   bool to_v4)
{
	int delta = (int)pkt->new_l3len - (int)pkt->old_l3len;

	if (delta > 0 && skb_cow_head(skb, delta))
		return -ENOMEM;
	__skb_pull(skb, pkt->old_l3len);
	memcpy(__skb_push(skb, pkt->new_l3len), &pkt->hdr, pkt->new_l3len);
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, pkt->new_l3len);
	skb->protocol = to_v4 ? htons(ETH_P_IP) : htons(ETH_P_IPV6);

	if (pkt->csum_now_partial) {
		/* A zero UDP checksum to amend: the stack sums the payload. */
		skb->ip_summed = CHECKSUM_PARTIAL;
		skb->csum_offset = offsetof(struct udphdr, check);
	}
	switch (skb->ip_summed) {
	case CHECKSUM_PARTIAL:
		/* The core re-seeded the pseudo-header sum; move the start. */
		if (!skb_partial_csum_set(skb, pkt->new_l3len, skb->csum_offset))
			return -EINVAL;
		break;
	case CHECKSUM_COMPLETE:
		/* skb->csum covered the old header; let the stack verify. */
		skb->ip_summed = CHECKSUM_NONE;
		break;
	}
	if (skb_is_gso(skb))
		fix_gso(skb, to_v4);
	return 0;
}

/* Hands the translated packet to the stack as if received on @dev. */
static void reinject(struct sk_buff *skb, struct jool_device *jdev)
{
	struct net_device *dev = jdev->dev;
	unsigned int len = skb->len;

	/* RPS would read the TX queue as an RX queue. */
	skb_set_queue_mapping(skb, 0);
	/* Drops the dst (of the other family) and conntrack, sets PACKET_HOST. */
	skb_scrub_packet(skb, false);
	skb_clear_hash_if_not_l4(skb);
	skb->dev = dev;
	skb_reset_mac_header(skb);
	skb->mac_len = 0;

	if (likely(gro_cells_receive(&jdev->gro_cells, skb) == NET_RX_SUCCESS))
		dev_sw_netstats_rx_add(dev, len);
	else
		DEV_STATS_INC(dev, rx_dropped);
}

/*
 * RFC 7915 4.4, 5.4: the sender of a dropped packet hears why, if the core
 * says an error applies. The kernel's senders pick the source address (the
 * translator's, on the way back), rate-limit, and refuse to answer errors,
 * broadcasts and non-first fragments. @skb is as the core left it after a
 * drop: untouched, L3 header at skb->data, its route still attached.
 */
static void answer_drop(struct jool_device *jdev, struct sk_buff *skb,
			const struct xlat_pkt *pkt)
{
	bool is_v6 = skb->protocol == htons(ETH_P_IPV6);
	struct xlat_icmp_gen err;

	if (!is_v6 && skb->protocol != htons(ETH_P_IP))
		return;
	if (!xlat_drop_icmp(skb->data, skb_headlen(skb), is_v6, pkt, &err))
		return;
	if (is_v6)
		icmpv6_ndo_send(skb, err.type, err.code, err.info);
	else
		icmp_ndo_send(skb, err.type, err.code, htonl(err.info));
	jool_stats_inc(jdev, JOOL_STAT_ICMP_SENT);
}

/* "logging-debug": one rate-limited line per dropped packet. */
static void log_drop(struct net_device *dev, const struct sk_buff *skb,
		     enum jool_stat reason)
{
	const char *name = reason < ARRAY_SIZE(jool_stat_names) ?
			   jool_stat_names[reason] : NULL;

	if (!net_ratelimit())
		return;
	if (skb->protocol == htons(ETH_P_IPV6) &&
	    skb_headlen(skb) >= sizeof(struct ipv6hdr))
		netdev_info(dev, "dropped IPv6 packet %pI6c -> %pI6c, next header %u: %s\n",
			    &ipv6_hdr(skb)->saddr, &ipv6_hdr(skb)->daddr,
			    ipv6_hdr(skb)->nexthdr, name ?: "?");
	else if (skb->protocol == htons(ETH_P_IP) &&
		 skb_headlen(skb) >= sizeof(struct iphdr))
		netdev_info(dev, "dropped IPv4 packet %pI4 -> %pI4, protocol %u: %s\n",
			    &ip_hdr(skb)->saddr, &ip_hdr(skb)->daddr,
			    ip_hdr(skb)->protocol, name ?: "?");
	else
		netdev_info(dev, "dropped a packet of protocol 0x%04x: %s\n",
			    ntohs(skb->protocol), name ?: "?");
}

/* Counts, logs, answers (if the RFC says so) and frees a dropped packet. */
static void drop_skb(struct jool_device *jdev, struct sk_buff *skb,
		     const struct jool_config *cfg, const struct xlat_pkt *pkt)
{
	jool_stats_inc(jdev, pkt->reason);
	DEV_STATS_INC(jdev->dev, tx_dropped);
	if (unlikely(cfg->logging_debug))
		log_drop(jdev->dev, skb, pkt->reason);
	answer_drop(jdev, skb, pkt);
	kfree_skb(skb);
}

static netdev_tx_t xmit_one(struct sk_buff *skb, struct net_device *dev);

/*
 * Fragmenting before translating (RFC 7915 4.1): an IPv4 packet without DF
 * that would become an IPv6 packet bigger than lowest-ipv6-mtu "SHOULD be
 * fragmented so the resulting IPv6 packet (with Fragment Header added to
 * each fragment)" fits. ip6_fragment() is not exported, ip_do_fragment()
 * is: the IPv4 packet is cut into IPv4 fragments whose data fits behind an
 * IPv6 header and a Fragment Header, and each is translated on its own.
 *
 * ICMP echo messages are translated to ICMPv6 while whole (the checksum
 * covers all of it), then cut: the pieces are ICMPv6 fragments, which the
 * core translates with icmp6_ready.
 *
 * Not cut: packets with DF (the IPv6 side answers "packet too big",
 * which comes back as "fragmentation needed"); GSO packets whose segments
 * fit; other ICMP (errors are cut to 1280 bytes by their own translation);
 * and packets the core drops anyway (bad header, UDP with a zero checksum
 * that will not be amended).
 */

/* The largest IPv4 packet of @ihl header bytes whose translation fits. */
static unsigned int frag4_max(const struct xlat_cfg *cfg, unsigned int ihl,
			      bool is_frag)
{
	return cfg->lowest_ipv6_mtu - sizeof(struct ipv6hdr) -
	       (is_frag ? sizeof(struct frag_hdr) : 0) + ihl;
}

/*
 * Is @skb a whole UDP datagram with a zero checksum? RFC 7915 4.5: such a
 * checksum can only be computed while the datagram is whole. With
 * amend-udp-checksum-zero, frag4_amend() does it before fragmenting;
 * without, the datagram is left whole for the core to drop (counted as
 * udp-zero-csum, not as a fragment).
 */
static bool frag4_udp_csum0(struct sk_buff *skb, unsigned int ihl,
			    bool is_frag)
{
	const struct udphdr *uh;

	if (((const struct iphdr *)skb->data)->protocol != IPPROTO_UDP ||
	    is_frag || skb->ip_summed == CHECKSUM_PARTIAL ||
	    !pskb_may_pull(skb, ihl + sizeof(*uh)))
		return false;
	uh = (const struct udphdr *)(skb->data + ihl);
	return !uh->check;
}

static bool frag4_needed(struct sk_buff *skb, const struct xlat_cfg *cfg)
{
	const struct iphdr *iph;
	unsigned int ihl;
	bool is_frag;

	if (skb->protocol != htons(ETH_P_IP) ||
	    !pskb_may_pull(skb, sizeof(*iph)))
		return false;
	iph = (const struct iphdr *)skb->data;
	ihl = iph->ihl * 4;
	if (iph->version != 4 || ihl < sizeof(*iph) ||
	    (iph->frag_off & htons(IP_DF)) || !pskb_may_pull(skb, ihl + 1))
		return false;
	iph = (const struct iphdr *)skb->data;
	if (ntohs(iph->tot_len) != skb->len || ip_fast_csum(iph, iph->ihl))
		return false;
	if (iph->protocol == IPPROTO_ICMP &&
	    (ip_is_fragment(iph) || (skb->data[ihl] != ICMP_ECHO &&
				     skb->data[ihl] != ICMP_ECHOREPLY)))
		return false;
	is_frag = ip_is_fragment(iph);
	if (skb_is_gso(skb)) {
		if (skb_gso_validate_network_len(skb,
						  frag4_max(cfg, ihl, false)))
			return false;
	} else if (skb->len <= frag4_max(cfg, ihl, is_frag)) {
		return false;
	}
	return !frag4_udp_csum0(skb, ihl, is_frag) || cfg->amend_udp_csum0;
}

static int frag4_amend(struct sk_buff *skb, unsigned int ihl)
{
	const struct iphdr *iph;
	unsigned int len = skb->len - ihl;
	struct udphdr *uh;
	__sum16 check;

	if (skb_ensure_writable(skb, ihl + sizeof(*uh)))
		return -ENOMEM;
	iph = (const struct iphdr *)skb->data;
	uh = (struct udphdr *)(skb->data + ihl);
	check = csum_tcpudp_magic(iph->saddr, iph->daddr, len, IPPROTO_UDP,
				  skb_checksum(skb, ihl, len, 0));
	uh->check = check ? check : CSUM_MANGLED_0;
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	return 0;
}

/* ip_do_fragment() output: one piece, translated like any packet. */
static int frag4_out(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	xmit_one(skb, skb->dev);
	return 0;
}

/*
 * ip_do_fragment() needs an IPv4 route (its device and MTU; our
 * frag_max_size is smaller); a packet written into the device by a packet
 * socket has none.
 */
static int frag4_route(struct sk_buff *skb, struct net_device *dev)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	struct flowi4 fl4 = {
		.daddr = iph->daddr,
		.flowi4_mark = skb->mark,
	};
	struct rtable *rt;

	if (skb_dst(skb) && skb_dst(skb)->ops->family == AF_INET)
		return 0;
	rt = ip_route_output_key(dev_net(dev), &fl4);
	if (IS_ERR(rt))
		return PTR_ERR(rt);
	skb_dst_drop(skb);
	skb_dst_set(skb, &rt->dst);
	return 0;
}

/* @skb is gone already. */
static void frag4_failed(struct jool_device *jdev)
{
	jool_stats_inc(jdev, JOOL_STAT_FRAG_FAILED);
	DEV_STATS_INC(jdev->dev, tx_dropped);
}

static int frag4_one(struct net *net, struct sk_buff *skb, bool icmp6_ready)
{
	int err;

	__this_cpu_write(frag4_icmp6_ready, icmp6_ready);
	err = ip_do_fragment(net, NULL, skb, frag4_out);
	__this_cpu_write(frag4_icmp6_ready, false);
	return err;
}

/*
 * An ICMP echo: its header becomes ICMPv6 before it is cut. If the core
 * refuses (an address without translation...), the packet is dropped as
 * its whole translation would have been. Returns false once @skb is gone.
 */
static bool frag4_icmp_prep(struct sk_buff *skb, struct net_device *dev,
			    const struct xlat_cfg *cfg)
{
	struct xlat_pkt pkt;

	memset(&pkt, 0, sizeof(pkt));
	pkt.len = skb->len;
	if (run_core(skb, xlat46_icmp_prep, cfg, &pkt,
		     ip_hdrlen(skb) + 8) == XLAT_OK) {
		if (skb->ip_summed == CHECKSUM_COMPLETE)
			skb->ip_summed = CHECKSUM_NONE;
		return true;
	}
	drop_skb(netdev_priv(dev), skb,
		 container_of(cfg, struct jool_config, xlat), &pkt);
	return false;
}

/*
 * Cuts @skb into pieces that fit and translates each; consumes @skb.
 * Returns 0, or an error once @skb is gone.
 */
static int frag4_xmit(struct sk_buff *skb, struct net_device *dev,
		      const struct xlat_cfg *cfg)
{
	struct net *net = dev_net(dev);
	struct sk_buff *segs, *next;
	bool icmp = false;
	unsigned int ihl;
	int err;

	skb_reset_network_header(skb);
	ihl = ip_hdrlen(skb);
	if (ip_hdr(skb)->protocol == IPPROTO_ICMP) {
		if (!frag4_icmp_prep(skb, dev, cfg))
			return 0;
		icmp = true;
	}
	if (frag4_udp_csum0(skb, ihl, false)) {
		err = frag4_amend(skb, ihl);
		if (err)
			goto fail;
	}
	err = frag4_route(skb, dev);
	if (err)
		goto fail;
	/*
	 * The control block is stale (qdisc and dev_queue_xmit() write over
	 * it): no options to fix, no flags (no DF on the pieces).
	 */
	memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
	IPCB(skb)->frag_max_size = min(frag4_max(cfg, ihl, true), IP_MAX_MTU);
	if (!skb_is_gso(skb))
		return frag4_one(net, skb, icmp);

	/* Segments that do not fit: segment, then fragment each. */
	segs = skb_gso_segment(skb, netif_skb_features(skb) &
				    ~NETIF_F_GSO_MASK);
	if (IS_ERR_OR_NULL(segs)) {
		err = segs ? PTR_ERR(segs) : -EINVAL;
		goto fail;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, skb, next) {
		skb_mark_not_on_list(skb);
		if (frag4_one(net, skb, false))
			err = -ENOMEM;
	}
	return err;
fail:
	kfree_skb(skb);
	return err;
}

/**
 * jool_xmit() - ndo_start_xmit of a jool device
 * @skb: an IPv4 or IPv6 packet, network header at skb->data
 * @dev: the jool device
 *
 * Runs with BH off under rcu_read_lock_bh(). Always consumes @skb.
 *
 * Return: NETDEV_TX_OK.
 */
netdev_tx_t jool_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev_sw_netstats_tx_add(dev, 1, skb->len);
	return xmit_one(skb, dev);
}

/* jool_xmit() but the TX count; also each piece of frag4_xmit(). */
static netdev_tx_t xmit_one(struct sk_buff *skb, struct net_device *dev)
{
	struct jool_device *jdev = netdev_priv(dev);
	const struct jool_config *cfg;
	enum xlat_verdict verdict;
	struct xlat_pkt pkt;
	bool to_v4;

	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb)) {
		DEV_STATS_INC(dev, tx_dropped);
		jool_stats_inc(jdev, JOOL_STAT_ENOMEM);
		return NETDEV_TX_OK;
	}

	cfg = rcu_dereference_bh(jdev->config);
	if (unlikely(!cfg->enabled)) {
		pkt.reason = JOOL_STAT_DISABLED;
		goto drop;
	}
	if (unlikely(jdev->mode != JOOL_MODE_SIIT)) {
		pkt.reason = JOOL_STAT_MODE_UNSUPPORTED;
		goto drop;
	}

	/* ICMP checksums cannot be offloaded through us: finish them now. */
	if (skb->ip_summed == CHECKSUM_PARTIAL &&
	    skb->csum_offset != offsetof(struct tcphdr, check) &&
	    skb->csum_offset != offsetof(struct udphdr, check) &&
	    skb_checksum_help(skb)) {
		pkt.reason = JOOL_STAT_CSUM_FAILED;
		goto drop;
	}
	if (frag4_needed(skb, &cfg->xlat)) {
		if (frag4_xmit(skb, dev, &cfg->xlat))
			frag4_failed(jdev);
		return NETDEV_TX_OK;
	}

	prepare_pkt(skb, dev, &pkt);
	switch (skb->protocol) {
	case htons(ETH_P_IPV6):
		to_v4 = true;
		pkt.ipv4_id = (__force __be16)get_random_u16();
		verdict = run_core(skb, xlat64, &cfg->xlat, &pkt, FIRST_PULL6);
		break;
	case htons(ETH_P_IP):
		to_v4 = false;
		verdict = run_core(skb, xlat46, &cfg->xlat, &pkt, FIRST_PULL4);
		break;
	default:
		pkt.reason = JOOL_STAT_PROTO_MISMATCH;
		goto drop;
	}
	if (verdict == XLAT_ICMP_ERR) {
		struct sk_buff *nskb;

		nskb = translate_icmp_err(skb, dev, &cfg->xlat, &pkt, to_v4);
		if (!nskb)
			goto drop;
		skb = nskb;
		goto translated;
	}
	if (verdict != XLAT_OK)
		goto drop;
	if (unlikely(swap_l3(skb, &pkt, to_v4))) {
		pkt.reason = JOOL_STAT_ENOMEM;
		goto drop;
	}

translated:
	jool_stats_inc(jdev, to_v4 ? JOOL_STAT_XLAT64 : JOOL_STAT_XLAT46);
	if (pkt.hairpinned)
		jool_stats_inc(jdev, JOOL_STAT_HAIRPIN);
	reinject(skb, jdev);
	return NETDEV_TX_OK;

drop:
	drop_skb(jdev, skb, cfg, &pkt);
	return NETDEV_TX_OK;
}
