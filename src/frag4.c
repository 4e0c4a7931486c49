// SPDX-License-Identifier: GPL-2.0
/*
 * Fragmenting before translating (RFC 7915 4.1): an IPv4 packet without DF
 * that would become an IPv6 packet bigger than lowest-ipv6-mtu (or the MTU
 * of its route, src/pmtu.c, when smaller) "SHOULD be fragmented so the
 * resulting IPv6 packet (with Fragment Header added to each fragment)"
 * fits. ip6_fragment() is not exported, ip_do_fragment()
 * is: the IPv4 packet is cut into IPv4 fragments whose data fits behind an
 * IPv6 header and a Fragment Header, and each is translated on its own
 * (jool_xmit_one(), src/xmit.c).
 *
 * ICMP echo messages are translated to ICMPv6 while whole (the checksum
 * covers all of it), then cut: the pieces are ICMPv6 fragments, which the
 * core translates with icmp6_ready. ip_do_fragment() calls its output
 * function on each piece with nothing but the piece, so each case has its
 * own output function.
 *
 * NAT64 (src/nat64_frag.c) cuts the same way, whole datagrams and those
 * it reassembled: each piece is translated with the tuples the whole
 * packet got from filtering and updating, which ip_do_fragment() cannot
 * pass to its output function: they wait in a per-CPU pointer for the
 * time of the cut (BH is off, the pieces are translated on this CPU).
 *
 * Not cut: packets with DF (those that do not fit their route are
 * answered "fragmentation needed", see too_big46()); GSO packets whose
 * segments fit; other ICMP (errors are cut to 1280 bytes by their own translation);
 * and packets the core drops anyway (bad header, UDP with a zero checksum
 * that will not be amended, IGMP, ICMPv6).
 */
#include <linux/udp.h>
#include <net/ip.h>
#include <net/route.h>
#include "config.h"
#include "frag4.h"
#include "nat64_xmit.h"
#include "pmtu.h"
#include "stats.h"
#include "xmit.h"

/*
 * The IPv6 MTU the pieces must fit: lowest-ipv6-mtu, or the MTU of the
 * route the translated packet takes (jool_pmtu_get()) if that is smaller.
 * Without the second, a piece too big for its route would only get a
 * "packet too big", which comes back to a sender that let routers cut its
 * packet, and ignores it: nothing would get through.
 */
static unsigned int frag4_mtu(const struct xlat_cfg *cfg,
			      unsigned int route_mtu)
{
	return route_mtu ? min(cfg->lowest_ipv6_mtu, route_mtu) :
			   cfg->lowest_ipv6_mtu;
}

/* The largest IPv4 packet of @ihl header bytes whose translation fits. */
static unsigned int frag4_max(unsigned int mtu, unsigned int ihl,
			      bool is_frag)
{
	return mtu - sizeof(struct ipv6hdr) -
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

	/* A partial checksum of a tunnelled packet's is no UDP one. */
	if (((const struct iphdr *)skb->data)->protocol != IPPROTO_UDP ||
	    is_frag || (skb->ip_summed == CHECKSUM_PARTIAL &&
			skb_checksum_start_offset(skb) == ihl) ||
	    !pskb_may_pull(skb, ihl + sizeof(*uh)))
		return false;
	uh = (const struct udphdr *)(skb->data + ihl);
	return !uh->check;
}

/**
 * jool_frag4_needed() - must @skb be cut before it is translated?
 * @skb: a packet in the jool device's xmit path, L3 header at skb->data
 * @cfg: the configuration it will be translated with
 * @route_mtu: the MTU of the route its translation takes, 0 if unknown
 *
 * Context: may pull headers into the linear area (pskb_may_pull()).
 * Return: true for an IPv4 packet without DF whose translation (for GSO,
 * that of a segment) would not fit lowest-ipv6-mtu or @route_mtu, and that
 * the core would not drop whole anyway.
 */
bool jool_frag4_needed(struct sk_buff *skb, const struct xlat_cfg *cfg,
		       unsigned int route_mtu)
{
	unsigned int ihl, mtu = frag4_mtu(cfg, route_mtu);
	const struct iphdr *iph;
	bool is_frag;

	/* The MTU is 1280 at least: a small packet fits, whatever it is. */
	if (skb->protocol != htons(ETH_P_IP) ||
	    (!skb_is_gso(skb) && jool_fits6(skb)) ||
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
	/* The core drops these whole (RFC 7915 4.2; no rule for ICMPv6). */
	if (iph->protocol == IPPROTO_IGMP || iph->protocol == IPPROTO_ICMPV6)
		return false;
	if (iph->protocol == IPPROTO_ICMP &&
	    (ip_is_fragment(iph) || (skb->data[ihl] != ICMP_ECHO &&
				     skb->data[ihl] != ICMP_ECHOREPLY)))
		return false;
	is_frag = ip_is_fragment(iph);
	if (skb_is_gso(skb)) {
		if (skb_gso_validate_network_len(skb,
						  frag4_max(mtu, ihl, false)))
			return false;
	} else if (skb->len <= frag4_max(mtu, ihl, is_frag)) {
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

	/* A tunnelled packet's checksum, left partial, is summed first. */
	if (skb_ensure_writable(skb, ihl + sizeof(*uh)) ||
	    (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)))
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

/* NAT64: the tuples of the packet being cut on this CPU; else NULL. */
static DEFINE_PER_CPU(const struct jool_nat64_map *, frag4_map);

/* ip_do_fragment() output: one piece, translated like any packet. */
static int frag4_out(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	jool_xmit_one(skb, skb->dev, false, this_cpu_read(frag4_map));
	return 0;
}

/* ip_do_fragment() output: one piece of an echo already made ICMPv6. */
static int frag4_out_icmp6(struct net *net, struct sock *sk,
			   struct sk_buff *skb)
{
	jool_xmit_one(skb, skb->dev, true, this_cpu_read(frag4_map));
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

/*
 * An ICMP echo: its header becomes ICMPv6 before it is cut. If the core
 * refuses (an address without translation...), the packet is dropped as
 * its whole translation would have been. Returns false once @skb is gone.
 */
static bool frag4_icmp_prep(struct sk_buff *skb, struct net_device *dev,
			    const struct xlat_cfg *cfg)
{
	const struct jool_nat64_map *map = this_cpu_read(frag4_map);
	struct xlat_pkt pkt;

	memset(&pkt, 0, sizeof(pkt));
	pkt.len = skb->len;
	/* NAT64: the session's addresses and identifier. */
	if (map)
		pkt.nat64_t6 = &map->t6;
	/* As prepare_pkt() will say of the pieces (the hairpin's source). */
	pkt.hairpin = skb->skb_iif == dev->ifindex;
	if (jool_run_core(skb, jool_xlat46_icmp_prep, cfg, &pkt,
			  ip_hdrlen(skb) + 8) == XLAT_OK) {
		if (skb->ip_summed == CHECKSUM_COMPLETE)
			skb->ip_summed = CHECKSUM_NONE;
		return true;
	}
	jool_drop_skb(netdev_priv(dev), skb,
		      container_of(cfg, struct jool_config, xlat), &pkt);
	return false;
}

/*
 * Cuts @skb into pieces that fit and translates each; consumes @skb.
 * Returns 0, or an error once @skb is gone.
 */
static int frag4_cut(struct sk_buff *skb, struct net_device *dev,
		     const struct xlat_cfg *cfg, unsigned int mtu)
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
	IPCB(skb)->frag_max_size = min(frag4_max(mtu, ihl, true), IP_MAX_MTU);
	if (!skb_is_gso(skb))
		return ip_do_fragment(net, NULL, skb,
				      icmp ? frag4_out_icmp6 : frag4_out);

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
		if (ip_do_fragment(net, NULL, skb, frag4_out))
			err = -ENOMEM;
	}
	return err;
fail:
	kfree_skb(skb);
	return err;
}

/**
 * jool_frag4_xmit() - cut an IPv4 packet, then translate each piece
 * @skb: a packet jool_frag4_needed() said yes to; always consumed
 * @dev: the jool device
 * @cfg: the configuration it is translated with
 * @route_mtu: as given to jool_frag4_needed()
 * @map: NAT64: the tuples filtering and updating gave @skb; NULL for SIIT
 *
 * Context: BH off (ndo_start_xmit).
 *
 * Each piece goes through jool_xmit_one() (translated, re-injected, or
 * dropped and counted there); a failure to cut counts frag-failed.
 */
void jool_frag4_xmit(struct sk_buff *skb, struct net_device *dev,
		     const struct xlat_cfg *cfg, unsigned int route_mtu,
		     const struct jool_nat64_map *map)
{
	/* Restored after: a piece's drop answer may re-enter a device. */
	const struct jool_nat64_map *outer = this_cpu_read(frag4_map);
	int err;

	this_cpu_write(frag4_map, map);
	err = frag4_cut(skb, dev, cfg, frag4_mtu(cfg, route_mtu));
	this_cpu_write(frag4_map, outer);
	if (err)
		frag4_failed(netdev_priv(dev));
}
