// SPDX-License-Identifier: GPL-2.0
/*
 * The data path: what the routing table sends into a jool device is
 * translated in place and re-injected as if received on the device, so the
 * translated packet goes through routing, netfilter (conntrack, FORWARD,
 * INPUT) and local delivery like any received packet.
 *
 * The header logic lives in src/core/ and works on bytes; the glue that
 * touches sk_buffs is this file, frag4.c (IPv4 cut before translation),
 * pmtu.c (the MTU of the route a translated packet takes) and icmp_out.c
 * (errors the translator sends, and the local lookups that translating an
 * ICMP error needs). This one makes the headers linear and
 * writable, calls the core, swaps the L3 header (the payload stays in place
 * unless IPv4 -> IPv6 must make room: make_room()),
 * fixes checksum-offload and GSO metadata, hands the packet back to the
 * stack (rx.c), and counts drops.
 */
#include <linux/random.h>
#include <linux/siphash.h>
#include <stat_names.h>
#include "config.h"
#include "device.h"
#include "frag4.h"
#include "icmp_out.h"
#include "nat64_frag.h"
#include "nat64_xmit.h"
#include "pmtu.h"
#include "stats.h"
#include "xmit.h"

/* Linear bytes to ask for up front: the usual L3 header plus a TCP header. */
#define FIRST_PULL6 (sizeof(struct ipv6hdr) + sizeof(struct tcphdr))
#define FIRST_PULL4 (sizeof(struct iphdr) + sizeof(struct tcphdr))
/* The core asks for more at most once per header; this bounds the chain. */
#define MAX_ROUNDS 16

/*
 * TTL/hop limit: the box must count as exactly one router hop (RFC 7915
 * 4.1/5.1 let the decrement happen before or after translation). A packet
 * forwarded into us was already decremented by the first forward; the
 * translated packet is forwarded again, which decrements once more. Give
 * that second hop back, but only to packets that came in from a device
 * that is not a jool device: locally generated ones were decremented once
 * in total, and a packet that already went through a jool device, this one
 * (hairpin, routing loop) or another (two devices routing to each other,
 * say a CLAT-style device and a SIIT one sharing a prefix), must keep
 * losing hops so that a loop dies. (The core gives the second half of an
 * EAM hairpin its hop back: see jool_hairpin_hops() in src/core/hairpin.c.)
 *
 * A translated packet is re-injected as received on the device that
 * translated it, so its skb_iif names that device until it is received
 * again; the forward into the next device keeps it. With one jool device
 * in all (most boxes), any ingress but this device gets its hop back
 * without a lookup, even one deleted while the packet was in flight (a
 * deleted jool device can no longer loop it). With more, an ingress device
 * that is gone gets nothing back.
 */
static u8 hop_bump(const struct sk_buff *skb, const struct net_device *dev)
{
	const struct net_device *in;

	if (!skb->skb_iif || skb->skb_iif == dev->ifindex)
		return 0;
	/* The only jool device (the usual case): no lookup. */
	if (jool_device_count() == 1)
		return 1;
	in = dev_get_by_index_rcu(dev_net(dev), skb->skb_iif);
	return in && in->rtnl_link_ops != &jool_link_ops;
}

/**
 * struct ipv4_ids - unpredictable Identifications for translated IPv4 packets
 * @bits: what is left of the last SipHash output
 * @left: how many 16-bit values @bits still holds
 * @count: how many outputs this CPU took
 *
 * RFC 7915 5.1 leaves the Identification to the translator's generator;
 * RFC 7739 recommends unpredictable ones. Each is 16 bits of SipHash, keyed
 * at random at module load, of this CPU's count and number: four per hash, as
 * unpredictable as the key, and cheaper than the kernel's batched random
 * numbers, which mask interrupts on every call.
 * Per CPU, used with BH off (the xmit path).
 */
struct ipv4_ids {
	u64 bits;
	unsigned int left;
	u64 count;
};

static DEFINE_PER_CPU(struct ipv4_ids, ipv4_ids);
static siphash_key_t ipv4_id_key __read_mostly;

/**
 * jool_xmit_init() - key the IPv4 Identification generator (module load)
 */
void jool_xmit_init(void)
{
	get_random_bytes(&ipv4_id_key, sizeof(ipv4_id_key));
}

static __be16 next_ipv4_id(void)
{
	struct ipv4_ids *ids = this_cpu_ptr(&ipv4_ids);
	u16 id;

	if (!ids->left || ids->left > sizeof(ids->bits) / sizeof(id)) {
		ids->bits = siphash_2u64(ids->count++, smp_processor_id(),
					 &ipv4_id_key);
		ids->left = sizeof(ids->bits) / sizeof(id);
	}
	id = ids->bits;
	ids->bits >>= 16;
	ids->left--;
	return (__force __be16)id;
}

static void prepare_pkt(struct sk_buff *skb, struct net_device *dev,
			struct xlat_pkt *pkt, bool icmp6_ready,
			unsigned int mtu)
{
	memset(pkt, 0, sizeof(*pkt));
	pkt->icmp6_ready = icmp6_ready;
	/* The egress of the translated packet: the other family's. */
	if (skb->protocol == htons(ETH_P_IPV6))
		pkt->mtu4 = mtu;
	else
		pkt->mtu6 = mtu;
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

/**
 * jool_run_core() - run the core until it has what it needs or gives up
 * @skb: the packet, L3 header at skb->data
 * @fn: the core function (jool_xlat64(), jool_xlat46(),
 *	jool_xlat46_icmp_prep()...)
 * @cfg: the configuration to translate with
 * @pkt: the core's in/out state, prepared by the caller
 * @need: linear, writable bytes to start with
 *
 * Makes as many bytes linear and writable as the core asks for (never more
 * than @skb has), and hands it only those.
 *
 * Return: the core's verdict, never XLAT_MORE; on XLAT_DROP, @pkt->reason.
 */
enum xlat_verdict jool_run_core(struct sk_buff *skb, jool_xlat_fn fn,
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
 * ICMP errors carry the packet in error, whose headers are translated too
 * (RFC 7915 4.3, 5.3), and change size; they are rare, so they are
 * translated whole into a new skb instead of in place.
 */
static struct sk_buff *translate_icmp_err(struct sk_buff *skb,
					  struct net_device *dev,
					  const struct xlat_cfg *cfg,
					  struct xlat_pkt *pkt, bool to_v4)
{
	xlat_err_fn fn = to_v4 ? jool_xlat64_icmp_err : jool_xlat46_icmp_err;
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
	jool_icmp_err_lookups(skb, dev, cfg, pkt, to_v4);
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
	/* Forwarded like the packet it replaces (rx.c). */
	nskb->skb_iif = skb->skb_iif;
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

/*
 * Room for a new L3 header @delta bytes longer than the old, and for the
 * link-layer header of an Ethernet device after it (the device asks for
 * no headroom: see jool_setup()); without the latter, ip6_forward() would
 * copy the packet. A packet from a UDP socket behind a veth arrives with
 * 16 bytes: if it is linear, its data its own and its tailroom enough, it
 * moves back there (a copy of the packet, as a new head would cost,
 * without the allocation); otherwise it gets a new head if it lacks the
 * @delta bytes themselves.
 */
static int make_room(struct sk_buff *skb, unsigned int delta)
{
	unsigned int want = delta + HH_DATA_MOD, shift;

	if (skb_headroom(skb) >= want)
		return 0;
	shift = ALIGN(want - skb_headroom(skb), 4);
	if (skb_cloned(skb) || skb_tailroom(skb) < shift) {
		if (skb_headroom(skb) >= delta)
			return 0;
		return skb_cow_head(skb, want);
	}
	memmove(skb->data + shift, skb->data, skb_headlen(skb));
	skb->data += shift;
	skb->tail += shift;
	skb_headers_offset_update(skb, shift);
	return 0;
}

/* Puts the new L3 header in place of the old one. */
static int swap_l3(struct sk_buff *skb, const struct xlat_pkt *pkt,
		   bool to_v4)
{
	int delta = (int)pkt->new_l3len - (int)pkt->old_l3len;
	/*
	 * A partial checksum further in (a tunnelled packet's) stays where it
	 * is: csum_start counts from skb->head, and make_room() moves it
	 * along with the data when it moves the packet.
	 */
	bool ours = skb->ip_summed == CHECKSUM_PARTIAL &&
		    skb_checksum_start_offset(skb) == pkt->old_l3len;
	void *l3;

	if (delta > 0 && make_room(skb, delta))
		return -ENOMEM;
	__skb_pull(skb, pkt->old_l3len);
	l3 = __skb_push(skb, pkt->new_l3len);
	/*
	 * Constant sizes for the usual headers: a few moves instead of a
	 * call to memcpy() (rep movsb).
	 */
	switch (pkt->new_l3len) {
	case sizeof(struct iphdr):
		memcpy(l3, &pkt->hdr, sizeof(struct iphdr));
		break;
	case sizeof(struct ipv6hdr):
		memcpy(l3, &pkt->hdr, sizeof(struct ipv6hdr));
		break;
	default:
		memcpy(l3, &pkt->hdr, pkt->new_l3len);
	}
	/* XDP metadata, if any, sat before the old header. */
	if (skb_metadata_len(skb))
		skb_metadata_clear(skb);
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, pkt->new_l3len);
	skb->protocol = to_v4 ? htons(ETH_P_IP) : htons(ETH_P_IPV6);

	if (pkt->csum_now_partial) {
		/* A zero UDP checksum to amend: the stack sums the payload. */
		skb->ip_summed = CHECKSUM_PARTIAL;
		skb->csum_offset = offsetof(struct udphdr, check);
		ours = true;
	}
	switch (skb->ip_summed) {
	case CHECKSUM_PARTIAL:
		/* The core re-seeded the pseudo-header sum; move the start. */
		if (ours &&
		    !skb_partial_csum_set(skb, pkt->new_l3len, skb->csum_offset))
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

/**
 * jool_drop_skb() - count, log, answer (if the RFC says so) and free
 * @jdev: the jool device
 * @skb: the dropped packet, as the core left it after a drop
 * @cfg: the configuration it was refused with ("logging-debug")
 * @pkt: the reason (@pkt->reason) and what the core found
 */
void jool_drop_skb(struct jool_device *jdev, struct sk_buff *skb,
		   const struct jool_config *cfg, const struct xlat_pkt *pkt)
{
	jool_stats_inc(jdev, pkt->reason);
	DEV_STATS_INC(jdev->dev, tx_dropped);
	if (unlikely(cfg->logging_debug))
		log_drop(jdev->dev, skb, pkt->reason);
	jool_icmp_answer_drop(jdev, skb, pkt);
	kfree_skb(skb);
}

/* A drop before the core saw the packet: @pkt says only why. */
static bool refuse(struct xlat_pkt *pkt, enum jool_stat reason)
{
	memset(pkt, 0, sizeof(*pkt));
	pkt->reason = reason;
	return true;
}

/*
 * What refuses @skb before the core sees it; sets @pkt (the reason) and
 * returns true if something does.
 */
static bool refused(struct sk_buff *skb, const struct jool_device *jdev,
		    const struct jool_config *cfg, struct xlat_pkt *pkt)
{
	if (unlikely(!cfg->enabled))
		return refuse(pkt, JOOL_STAT_DISABLED);
	if (unlikely(jdev->mode != JOOL_MODE_SIIT &&
		     jdev->mode != JOOL_MODE_NAT64))
		return refuse(pkt, JOOL_STAT_MODE_UNSUPPORTED);
	/* ICMP checksums cannot be offloaded through us: finish them now. */
	if (skb->ip_summed == CHECKSUM_PARTIAL &&
	    skb->csum_offset != offsetof(struct tcphdr, check) &&
	    skb->csum_offset != offsetof(struct udphdr, check) &&
	    skb_checksum_help(skb))
		return refuse(pkt, JOOL_STAT_CSUM_FAILED);
	return false;
}

/*
 * Translates @skb: in place, or into a new skb for an ICMP error (@skb is
 * then consumed); NAT64 with the tuples of @map (NULL for SIIT). Returns
 * the translated packet, or NULL with @pkt->reason and @skb still to drop.
 */
static struct sk_buff *translate_skb(struct sk_buff *skb,
				     struct net_device *dev,
				     const struct xlat_cfg *cfg,
				     struct xlat_pkt *pkt, bool icmp6_ready,
				     unsigned int mtu,
				     const struct jool_nat64_map *map)
{
	enum xlat_verdict verdict;
	bool to_v4;

	prepare_pkt(skb, dev, pkt, icmp6_ready, mtu);
	if (map) {
		pkt->nat64_t4 = &map->t4;
		pkt->nat64_t6 = &map->t6;
		pkt->reassembled = map->reassembled;
	}
	switch (skb->protocol) {
	case htons(ETH_P_IPV6):
		to_v4 = true;
		pkt->ipv4_id = next_ipv4_id();
		verdict =
			jool_run_core(skb, jool_xlat64, cfg, pkt, FIRST_PULL6);
		break;
	case htons(ETH_P_IP):
		to_v4 = false;
		verdict =
			jool_run_core(skb, jool_xlat46, cfg, pkt, FIRST_PULL4);
		break;
	default:
		pkt->reason = JOOL_STAT_PROTO_MISMATCH;
		return NULL;
	}
	if (verdict == XLAT_ICMP_ERR)
		return translate_icmp_err(skb, dev, cfg, pkt, to_v4);
	if (verdict != XLAT_OK)
		return NULL;
	if (unlikely(swap_l3(skb, pkt, to_v4))) {
		pkt->reason = JOOL_STAT_ENOMEM;
		return NULL;
	}
	return skb;
}

/*
 * NAT64 (RFC 6146 3.4, 3.5): a fragment is held until its datagram is
 * complete (src/nat64_frag.c), then filtering and updating give the
 * tuples to translate with (@own). Returns false once @skb is gone (held,
 * or dropped and counted).
 */
static bool nat64_prepare(struct sk_buff **skb, struct jool_device *jdev,
			  const struct jool_config *cfg, struct xlat_pkt *pkt,
			  struct jool_nat64_map *own)
{
	bool reassembled;

	memset(pkt, 0, sizeof(*pkt));
	*skb = jool_nat64_defrag(*skb, jdev, &reassembled);
	if (!*skb)
		return false;
	switch (jool_nat64_map(*skb, jdev, &cfg->xlat, pkt, own)) {
	case JOOL_NAT64_XLAT:
		break;
	case JOOL_NAT64_STORED:
		/* A copy waits for a simultaneous open; counted. */
		consume_skb(*skb);
		return false;
	default:
		jool_drop_skb(jdev, *skb, cfg, pkt);
		return false;
	}
	own->reassembled = reassembled;
	return true;
}

/**
 * jool_xmit_one() - translate and re-inject one packet, or drop it
 * @skb: an IPv4 or IPv6 packet, network header at skb->data; consumed
 * @dev: the jool device
 * @icmp6_ready: @skb is an IPv4 piece of an ICMP echo whose header
 *	jool_frag4_xmit() already translated to ICMPv6 (&xlat_pkt.icmp6_ready)
 * @map: NAT64: the tuples of a piece jool_frag4_xmit() cut from a packet
 *	already through filtering and updating; NULL otherwise
 *
 * jool_xmit() but the TX count; also each piece of jool_frag4_xmit(), which
 * runs in the same context.
 *
 * Return: NETDEV_TX_OK.
 */
netdev_tx_t jool_xmit_one(struct sk_buff *skb, struct net_device *dev,
			  bool icmp6_ready, const struct jool_nat64_map *map)
{
	struct jool_device *jdev = netdev_priv(dev);
	const struct jool_config *cfg;
	/*
	 * Not zeroed on entry (CONFIG_INIT_STACK_ALL_ZERO would, on every
	 * packet): @pkt is zeroed where it is first used (refuse(),
	 * nat64_prepare(), prepare_pkt()), @own filled by nat64_prepare().
	 */
	struct jool_nat64_map own __uninitialized;
	struct xlat_pkt pkt __uninitialized;
	struct sk_buff *translated;
	unsigned int mtu;
	bool to_v4;

	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb)) {
		DEV_STATS_INC(dev, tx_dropped);
		jool_stats_inc(jdev, JOOL_STAT_ENOMEM);
		return NETDEV_TX_OK;
	}

	cfg = rcu_dereference_bh(jdev->config);
	if (refused(skb, jdev, cfg, &pkt))
		goto drop;
	/*
	 * The MTU of the translated packet's route: IPv4 without DF is cut
	 * to fit it (and lowest-ipv6-mtu); what may not be cut and does not
	 * fit is the core's to refuse, and ours to answer (RFC 7915 4.1, 5.1).
	 */
	to_v4 = skb->protocol == htons(ETH_P_IPV6);
	if (jdev->mode == JOOL_MODE_NAT64) {
		if (!map) {
			if (!nat64_prepare(&skb, jdev, cfg, &pkt, &own))
				return NETDEV_TX_OK;
			map = &own;
		}
		/*
		 * The route cache knows SIIT's 4 -> 6 destinations (pool6),
		 * not a session's: the IPv6 forward checks that MTU instead.
		 */
		mtu = to_v4 ? jool_pmtu_get(jdev, cfg, skb) : 0;
	} else {
		mtu = jool_pmtu_get(jdev, cfg, skb);
	}
	if (jool_frag4_needed(skb, &cfg->xlat, mtu)) {
		jool_frag4_xmit(skb, dev, &cfg->xlat, mtu, map);
		return NETDEV_TX_OK;
	}

	translated = translate_skb(skb, dev, &cfg->xlat, &pkt, icmp6_ready,
				   mtu, map);
	if (!translated)
		goto drop;
	jool_stats_inc(jdev, to_v4 ? JOOL_STAT_XLAT64 : JOOL_STAT_XLAT46);
	if (pkt.hairpinned)
		jool_stats_inc(jdev, JOOL_STAT_HAIRPIN);
	jool_reinject(translated, jdev);
	return NETDEV_TX_OK;

drop:
	jool_drop_skb(jdev, skb, cfg, &pkt);
	return NETDEV_TX_OK;
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
	return jool_xmit_one(skb, dev, false, NULL);
}
