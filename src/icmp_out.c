// SPDX-License-Identifier: GPL-2.0
/*
 * The data path's ICMP business with the kernel: errors the translator
 * itself sends about packets it drops (RFC 7915 4.4, 5.4), and what
 * translating an ICMP error needs from the translator's own state (its
 * addresses, RFC 6791's last resort, and its next-hop MTUs, RFC 7915 4.2,
 * 5.2). Which error applies, and the translation itself, are core
 * decisions (src/core/); this file only looks things up and sends.
 */
#include <linux/icmpv6.h>
#include <linux/inetdevice.h>
#include <net/addrconf.h>
#include <net/icmp.h>
#include "core/addr.h"
#include "config.h"
#include "icmp_out.h"
#include "pmtu.h"
#include "stats.h"

/*
 * The translator's IPv6 address towards the IPv6 host an ICMPv4 error goes
 * to (@dst4, as translated), for errors whose source has no translation and
 * no rfc6791v6-prefix to take one from. Left all zeros if there is none.
 */
static void own6_for(struct net_device *dev, const struct xlat_cfg *cfg,
		     __be32 dst4, struct in6_addr *own6)
{
	struct in6_addr dst6;

	if (cfg->rfc6791v6_set || jool_addr_xlat46(cfg, dst4, &dst6, false))
		return;
	if (ipv6_dev_get_saddr(dev_net(dev), NULL, &dst6, 0, own6))
		memset(own6, 0, sizeof(*own6));
}

/*
 * RFC 7915 4.2, 5.2: the MTU of a translated "packet too big" or
 * "fragmentation needed" is also capped by the translator's next hops: the
 * link the error came in on (the way the packets in error went out) and
 * the link the translated error leaves by (the way they came in): the
 * route of the translated error, which every translated packet has looked
 * up (src/pmtu.c). Unknown terms stay 0.
 */
static void nexthop_mtus(struct sk_buff *skb, struct net_device *dev,
			 const struct xlat_cfg *cfg, struct xlat_pkt *pkt,
			 bool to_v4)
{
	struct net_device *in = skb->skb_iif ?
		dev_get_by_index_rcu(dev_net(dev), skb->skb_iif) : NULL;
	unsigned int in_mtu = in && in != dev ? in->mtu : 0;
	unsigned int out_mtu;

	/*
	 * A NAT64's 4 -> 6 error goes to a session's IPv6 node, not to
	 * pool6's name of the error's (pool4) destination: that route is
	 * not the cache's to predict (the IPv6 forward checks it).
	 */
	out_mtu = !to_v4 && pkt->nat64_t6 ? 0 :
		  jool_pmtu_route(netdev_priv(dev),
				  container_of(cfg, struct jool_config, xlat),
				  skb);
	if (to_v4) {
		pkt->mtu6 = in_mtu;
		pkt->mtu4 = out_mtu;
	} else {
		pkt->mtu4 = in_mtu;
		pkt->mtu6 = out_mtu;
	}
}

/**
 * jool_icmp_err_lookups() - what an ICMP error's translation needs locally
 * @skb: the ICMP error to translate, L3 header at skb->data, linear
 * @dev: the jool device
 * @cfg: the configuration the error is translated with
 * @pkt: where the translator's address (@pkt->own4 or @pkt->own6) and the
 *	next-hop MTUs (@pkt->mtu4, @pkt->mtu6) go
 * @to_v4: the error is ICMPv6, to become ICMPv4
 *
 * RFC 6791's last resort is an address of the translator itself. Terms
 * that cannot be found stay as they were (zero).
 */
void jool_icmp_err_lookups(struct sk_buff *skb, struct net_device *dev,
			   const struct xlat_cfg *cfg, struct xlat_pkt *pkt,
			   bool to_v4)
{
	if (to_v4)
		pkt->own4 = inet_select_addr(dev, 0, RT_SCOPE_UNIVERSE);
	else
		own6_for(dev, cfg, ip_hdr(skb)->daddr, &pkt->own6);
	nexthop_mtus(skb, dev, cfg, pkt, to_v4);
}

/*
 * The packet @skb as it arrived at the box: a packet forwarded into the
 * device (skb_iif set) lost a hop to that forward, which the error must
 * not show (its sender would not recognise the packet). @skb is about to
 * be freed, so nothing is put back; a header that cannot be made writable
 * (no memory) is quoted as it is.
 */
static void quote_as_received(struct sk_buff *skb, bool is_v6)
{
	unsigned int hlen = is_v6 ? sizeof(struct ipv6hdr) :
				    sizeof(struct iphdr);

	if (!skb->skb_iif || skb_ensure_writable(skb, hlen))
		return;
	jool_xlat_drop_quote(skb->data, skb_headlen(skb), is_v6, 1);
}

/**
 * jool_icmp_answer_drop() - tell the sender of a dropped packet why
 * @jdev: the jool device
 * @skb: the dropped packet, as the core left it after a drop: untouched,
 *	L3 header at skb->data, its route still attached
 * @pkt: the core's verdict on it (@pkt->reason and what it found)
 *
 * RFC 7915 4.4, 5.4: sends an ICMP error if the core says one applies,
 * quoting @skb as it arrived at the box (the TTL or hop limit the forward
 * into the device took is given back first, so @skb is left changed). The
 * kernel's senders pick the source address (the translator's, on the way
 * back), rate-limit, and refuse to answer errors, broadcasts and non-first
 * fragments. Does not consume @skb.
 */
void jool_icmp_answer_drop(struct jool_device *jdev, struct sk_buff *skb,
			   const struct xlat_pkt *pkt)
{
	bool is_v6 = skb->protocol == htons(ETH_P_IPV6);
	struct xlat_icmp_gen err;

	if (!is_v6 && skb->protocol != htons(ETH_P_IP))
		return;
	if (!jool_xlat_drop_icmp(skb->data, skb_headlen(skb), is_v6, pkt, &err))
		return;
	quote_as_received(skb, is_v6);
	if (is_v6)
		icmpv6_ndo_send(skb, err.type, err.code, err.info);
	else
		icmp_ndo_send(skb, err.type, err.code, htonl(err.info));
	jool_stats_inc(jdev, JOOL_STAT_ICMP_SENT);
}
