// SPDX-License-Identifier: GPL-2.0
/*
 * The translated packet's way back into the stack, as if received on the
 * jool device (docs/design.md, "One pass").
 *
 * The general way is to queue it for reception on the device (gro_cells:
 * per-CPU NAPI, GRO, then netif_receive_skb(), the taps, tc and netfilter
 * ingress, ip_rcv()/ipv6_rcv(), PREROUTING, the input route). That costs a
 * second trip through the receive path for every packet.
 *
 * Most packets do not need the trip: a packet the box forwards into the
 * device, on a device nobody taps or filters at ingress, only needs what
 * ip_rcv()/ipv6_rcv() would do to it after the checks our own headers
 * always pass: the control block and the MIB counters, the PREROUTING
 * hooks (conntrack, nftables: run inline, with the device as the input
 * device), the input route (iif = the device, so policy rules, rp_filter
 * and local delivery apply) and dst_input(). This file does that inline,
 * and queues everything else as before:
 *  - locally generated packets (loopback's reason: a socket's own output
 *    must not come back into the stack under the sender's locks);
 *  - packets translated inside another device's transmit (a hairpin, a
 *    loop, a device stacked over this one), or under a qdisc on this one:
 *    they are queued, so the stack unwinds, a loop cannot grow it, and a
 *    transmit back into the device never waits for the qdisc's lock;
 *  - a device with a tap (tcpdump), an rx_handler (bridge, bond...), an L3
 *    master (VRF), an XDP program, tc or netfilter ingress hooks: they see
 *    received packets, and only the receive path runs them;
 *  - IPv6 packets ipv6_rcv() would refuse (multicast or loopback
 *    addresses, IPv6 disabled): the receive path counts them its way.
 */
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <net/addrconf.h>
#include <net/dsfield.h>
#include <net/dst_metadata.h>
#include <net/gro_cells.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ipv6_stubs.h>
#include <net/sch_generic.h>
#include "device.h"
#include "rx_route.h"
#include "stats.h"
#include "xmit.h"

/*
 * Nobody sees this device's received packets before ip_rcv()/ipv6_rcv():
 * no tap (on all devices or on this one, any protocol), rx_handler, L3
 * master, XDP, tc or netfilter ingress.
 */
static bool rx_unwatched(struct net_device *dev)
{
	if (dev_nit_active(dev) || !list_empty(&dev->ptype_specific) ||
	    rcu_access_pointer(dev->rx_handler) || netif_is_l3_slave(dev) ||
	    rcu_access_pointer(dev->xdp_prog) || jool_tc_ingress(dev))
		return false;
#ifdef CONFIG_NETFILTER_INGRESS
	if (rcu_access_pointer(dev->nf_hooks_ingress))
		return false;
#endif
	return true;
}

/*
 * The receive path may run inside the transmit that brought @skb: no qdisc on its TX queue
 * (under a qdisc, a transmit back into the device from this one would
 * wait for a lock this CPU holds), and not inside another transmit.
 */
static bool rx_may_nest(const struct sk_buff *skb, struct net_device *dev)
{
	u16 q = skb_get_queue_mapping(skb);
	struct netdev_queue *txq;

	if (dev_recursion_level() > 1 || q >= dev->real_num_tx_queues)
		return false;
	txq = netdev_get_tx_queue(dev, q);
	return !rcu_dereference_bh(txq->qdisc)->enqueue;
}

static int rx_finish4(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	unsigned int type;
	int err;

	/* PREROUTING may have rewritten the header (DNAT): read it now. */
	if (!skb_valid_dst(skb)) {
		err = jool_rx_route4(netdev_priv(skb->dev), skb);
		if (unlikely(err)) {
			if (err == -EXDEV)
				__NET_INC_STATS(net, LINUX_MIB_IPRPFILTER);
			kfree_skb_reason(skb, err == -EXDEV ?
					 SKB_DROP_REASON_IP_RPFILTER :
					 SKB_DROP_REASON_NOT_SPECIFIED);
			return NET_RX_DROP;
		}
	}
	type = skb_rtable(skb)->rt_type;
	if (type == RTN_MULTICAST)
		__IP_UPD_PO_STATS(net, IPSTATS_MIB_INMCAST, skb->len);
	else if (type == RTN_BROADCAST)
		__IP_UPD_PO_STATS(net, IPSTATS_MIB_INBCAST, skb->len);
	return dst_input(skb);
}

/* ip_rcv() for an IPv4 header the translator wrote (valid, no options). */
static void rx_direct4(struct net *net, struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);

	__IP_UPD_PO_STATS(net, IPSTATS_MIB_IN, skb->len);
	__IP_ADD_STATS(net, IPSTATS_MIB_NOECTPKTS + (iph->tos & INET_ECN_MASK),
		       max_t(unsigned short, 1, skb_shinfo(skb)->gso_segs));
	skb_set_transport_header(skb, iph->ihl * 4);
	memset(IPCB(skb), 0, sizeof(struct inet_skb_parm));
	IPCB(skb)->iif = skb->skb_iif;
	NF_HOOK(NFPROTO_IPV4, NF_INET_PRE_ROUTING, net, NULL, skb, skb->dev,
		NULL, rx_finish4);
}

static int rx_finish6(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	/* ip6_route_input(), or its answer of a moment ago (rx_route.c). */
	if (!skb_valid_dst(skb))
		jool_rx_route6(netdev_priv(skb->dev), skb);
	return dst_input(skb);
}

/* What ipv6_rcv() would refuse: the receive path refuses it its way. */
static bool rx_direct6_ok(const struct sk_buff *skb)
{
	const struct ipv6hdr *hdr = ipv6_hdr(skb);
	struct inet6_dev *idev = __in6_dev_get(skb->dev);

	return idev && !READ_ONCE(idev->cnf.disable_ipv6) &&
	       !ipv6_addr_loopback(&hdr->saddr) &&
	       !ipv6_addr_loopback(&hdr->daddr) &&
	       !ipv6_addr_is_multicast(&hdr->saddr) &&
	       !ipv6_addr_is_multicast(&hdr->daddr);
}

/*
 * ipv6_rcv() for an IPv6 header the translator wrote: no extension header
 * but a Fragment Header, which the stack parses from the transport header
 * on (as ipv6_rcv() leaves it).
 */
static void rx_direct6(struct net *net, struct sk_buff *skb)
{
	const struct ipv6hdr *hdr = ipv6_hdr(skb);
	struct inet6_dev *idev = __in6_dev_get(skb->dev);

	__IP6_UPD_PO_STATS(net, idev, IPSTATS_MIB_IN, skb->len);
	__IP6_ADD_STATS(net, idev,
			IPSTATS_MIB_NOECTPKTS +
				(ipv6_get_dsfield(hdr) & INET_ECN_MASK),
			max_t(unsigned short, 1, skb_shinfo(skb)->gso_segs));
	skb_set_transport_header(skb, sizeof(*hdr));
	memset(IP6CB(skb), 0, sizeof(struct inet6_skb_parm));
	IP6CB(skb)->iif = skb->dev->ifindex;
	IP6CB(skb)->nhoff = offsetof(struct ipv6hdr, nexthdr);
	NF_HOOK(NFPROTO_IPV6, NF_INET_PRE_ROUTING, net, NULL, skb, skb->dev,
		NULL, rx_finish6);
}

/*
 * The receive path without the queue, for @skb (@len bytes), whose header
 * the translator wrote; false if @skb must be queued (and is still ours).
 */
static bool rx_direct(struct sk_buff *skb, struct net_device *dev,
		      unsigned int len)
{
	struct net *net = dev_net(dev);
	bool v6 = skb->protocol == htons(ETH_P_IPV6);

	if (v6 && !rx_direct6_ok(skb))
		return false;
	dev_sw_netstats_rx_add(dev, len);
	/* What __netif_receive_skb_core() sets. */
	skb->skb_iif = dev->ifindex;
	if (v6)
		rx_direct6(net, skb);
	else
		rx_direct4(net, skb);
	return true;
}

/**
 * jool_reinject() - hand a packet to the stack as if received on the device
 * @skb: a translated packet (or one the translator made: a probe, an
 *	error), network header at skb->data; consumed
 * @jdev: the jool device
 *
 * BH off (the data path; the collector disables it around the call).
 */
void jool_reinject(struct sk_buff *skb, struct jool_device *jdev)
{
	struct net_device *dev = jdev->dev;
	unsigned int len = skb->len;
	/* Forwarded into the device (not a local socket's, not ours). */
	bool direct = skb->skb_iif && !skb->sk && !skb_pfmemalloc(skb) &&
		      rx_may_nest(skb, dev) && rx_unwatched(dev);

	/* RPS would read the TX queue as an RX queue. */
	skb_set_queue_mapping(skb, 0);
	/* Drops the dst (of the other family) and conntrack, sets PACKET_HOST. */
	skb_scrub_packet(skb, false);
	skb_clear_hash_if_not_l4(skb);
	skb->dev = dev;
	skb_reset_mac_header(skb);
	skb->mac_len = 0;

	if (direct && rx_direct(skb, dev, len))
		return;
	jool_stats_inc(jdev, JOOL_STAT_RX_QUEUED);
	if (likely(gro_cells_receive(&jdev->gro_cells, skb) == NET_RX_SUCCESS))
		dev_sw_netstats_rx_add(dev, len);
	else
		DEV_STATS_INC(dev, rx_dropped);
}
