// SPDX-License-Identifier: GPL-2.0
/*
 * NAT64 fragments (RFC 6146 3.4, 3.5): only the first fragment of a
 * datagram carries the ports its session is found by. RFC 6146 3.4 asks
 * that out-of-order fragments be handled within bounded resources and
 * kept at least FRAGMENT_MIN (2 s). A nat64 device reassembles them in
 * its xmit path, before filtering and updating, with the kernel's own
 * reassembly engines: ip_defrag() for IPv4 and nf_ct_frag6_gather()
 * (nf_defrag_ipv6.ko) for IPv6, each in queues keyed by a "user" id of
 * the device's own, so they never mix with the stack's or another
 * device's. Memory is bounded per network namespace by the engines'
 * limits (net.ipv4.ipfrag_high_thresh, net.netfilter.
 * nf_conntrack_frag6_high_thresh; 4 MB each by default), and incomplete
 * datagrams expire after net.ipv4.ipfrag_time (30 s) or
 * net.netfilter.nf_conntrack_frag6_timeout (60 s). docs/design.md,
 * "NAT64 fragments", says why this and not conntrack's defrag hooks or
 * a table of our own.
 *
 * The whole datagram is then translated once: 6 -> 4 without DF
 * (&xlat_pkt.reassembled), so the IPv4 forward cuts it to its egress MTU;
 * 4 -> 6 cut by src/frag4.c into IPv6 fragments that fit, as SIIT does.
 * SIIT devices never come here: they translate fragments one by one.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>
#include "nat64_frag.h"
#include "stats.h"

/*
 * The reassembly queues' owner: part of every queue's key, with the
 * addresses and the identification. The kernel's own ids (enum
 * ip_defrag_users, enum ip6_defrag_users: conntrack zones, local
 * delivery, AF_PACKET...) all lie below 2^20; ours are above, one per
 * device (the IPv4 key's only interface is an L3 master's).
 */
#define JOOL_DEFRAG_USER 0x4a000000u
#define JOOL_DEFRAG_IFINDEX_MASK 0x00ffffffu

static u32 defrag_user(const struct net_device *dev)
{
	return JOOL_DEFRAG_USER | (dev->ifindex & JOOL_DEFRAG_IFINDEX_MASK);
}

/*
 * Is @skb an IPv4 fragment that ip_defrag() can take? It trusts the
 * header (ip_rcv() checked it, but a packet socket may write anything
 * into the device): a bad one is left to the core, which drops it.
 */
static bool frag4_ok(struct sk_buff *skb)
{
	const struct iphdr *iph;

	if (!pskb_may_pull(skb, sizeof(*iph)))
		return false;
	iph = (const struct iphdr *)skb->data;
	if (iph->version != 4 || iph->ihl < 5 || !ip_is_fragment(iph) ||
	    ntohs(iph->tot_len) != skb->len ||
	    !pskb_may_pull(skb, iph->ihl * 4))
		return false;
	iph = (const struct iphdr *)skb->data;
	return !ip_fast_csum(iph, iph->ihl);
}

/* Likewise for IPv6; nf_ct_frag6_gather() passes non-fragments through. */
static bool frag6_ok(struct sk_buff *skb)
{
	const struct ipv6hdr *ip6;

	if (!pskb_may_pull(skb, sizeof(*ip6)))
		return false;
	ip6 = (const struct ipv6hdr *)skb->data;
	return ip6->version == 6 &&
	       ntohs(ip6->payload_len) + sizeof(*ip6) == skb->len;
}

/* A fragment the engine held (-EINPROGRESS) or refused (other errors). */
static void defrag_count(struct jool_device *jdev, int err)
{
	if (err == -EINPROGRESS) {
		jool_stats_inc(jdev, JOOL_STAT_NAT64_FRAG_HELD);
		return;
	}
	jool_stats_inc(jdev, JOOL_STAT_NAT64_FRAG_REFUSED);
	DEV_STATS_INC(jdev->dev, tx_dropped);
}

/* ip_defrag(): consumes @skb unless it completes a datagram (0). */
static int defrag4(struct sk_buff *skb, struct net *net, u32 user,
		   bool *reassembled)
{
	/* Stale: the qdisc and dev_queue_xmit() wrote over it. */
	memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
	*reassembled = true;
	return ip_defrag(net, skb, user);
}

/*
 * nf_ct_frag6_gather() returns 0 for a packet that is no fragment, one it
 * reassembled (IP6SKB_FRAGMENTED), or a fragment it would not queue (an M
 * fragment whose length is no multiple of 8), which the core then meets
 * as a fragment; -EINPROGRESS once it holds @skb; else it refused @skb,
 * which is freed here, as ip_defrag() does.
 */
static int defrag6(struct sk_buff *skb, struct net *net, u32 user,
		   bool *reassembled)
{
	int err;

	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
	err = nf_ct_frag6_gather(net, skb, user);
	if (!err)
		*reassembled = IP6CB(skb)->flags & IP6SKB_FRAGMENTED;
	else if (err != -EINPROGRESS)
		kfree_skb(skb);
	return err;
}

/**
 * jool_nat64_defrag() - reassemble a fragment sent into a nat64 device
 * @skb: a packet in the device's xmit path, L3 header at skb->data
 * @jdev: the device
 * @reassembled: out: true if the packet returned was reassembled
 *
 * Context: BH off (ndo_start_xmit). Fragments are held in the kernel's
 * reassembly queues until their datagram is complete; one the queues
 * refuse (over their memory limit, overlapping, malformed) is dropped
 * and counted (NAT64_FRAG_REFUSED). Fragments of datagrams never completed
 * expire with their queue (the kernel counts them as reassembly failures).
 *
 * Return: the packet to translate: @skb if it was no fragment, or the
 * whole datagram it completed, L3 header at skb->data; NULL if it was
 * held or dropped (consumed).
 */
struct sk_buff *jool_nat64_defrag(struct sk_buff *skb,
				  struct jool_device *jdev, bool *reassembled)
{
	struct net_device *dev = jdev->dev;
	int err;

	*reassembled = false;
	skb_reset_network_header(skb);
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		if (!frag4_ok(skb))
			return skb;
		err = defrag4(skb, dev_net(dev), defrag_user(dev), reassembled);
		break;
	case htons(ETH_P_IPV6):
		if (!frag6_ok(skb))
			return skb;
		err = defrag6(skb, dev_net(dev), defrag_user(dev), reassembled);
		break;
	default:
		return skb;
	}
	/*
	 * Up to 65535 bytes of IPv6 payload reassemble, but an IPv4 packet
	 * holds 65535 bytes with its header: one that would not fit is
	 * refused, as too big for the queues.
	 */
	if (!err && *reassembled && skb->protocol == htons(ETH_P_IPV6) &&
	    skb->len - sizeof(struct ipv6hdr) + sizeof(struct iphdr) >
	    IP_MAX_MTU) {
		kfree_skb(skb);
		err = -EMSGSIZE;
	}
	if (err) {
		defrag_count(jdev, err);
		return NULL;
	}
	if (*reassembled) {
		jool_stats_inc(jdev, JOOL_STAT_NAT64_FRAG_REASSEMBLED);
		skb_reset_network_header(skb);
	}
	return skb;
}
