// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 -> IPv4 header translation (RFC 7915 section 5).
 *
 * Input: the IPv6 header chain and the upper-layer header, linear. Output: a
 * new IPv4 header in pkt->hdr, the upper-layer checksum (and ICMP type)
 * updated in place. Nothing is written before every check has passed, so a
 * dropped packet leaves the core untouched.
 */
#include "core/addr.h"
#include "core/csum.h"
#include "common.h"

/* RFC 7915 5.1: DF is set when the translated packet is bigger than this. */
#define DF_THRESHOLD 1260

/*
 * Walks the extension headers RFC 7915 5.1 tells us to skip (hop-by-hop,
 * destination options, routing with no segments left). Sets *offset to the
 * upper-layer header and *proto to its protocol.
 */
static enum xlat_verdict skip_ext6(u8 *l3, unsigned int linear,
				   struct xlat_pkt *pkt, unsigned int *offset,
				   u8 *proto)
{
	unsigned int off = sizeof(struct ipv6hdr);
	u8 next = ((struct ipv6hdr *)l3)->nexthdr;

	for (;;) {
		unsigned int hlen;

		switch (next) {
		case NEXTHDR_HOP:
		case NEXTHDR_DEST:
		case NEXTHDR_ROUTING:
			break;
		case NEXTHDR_FRAGMENT:
			return xlat_drop(pkt, JOOL_STAT_FRAGMENT);
		default:
			*offset = off;
			*proto = next;
			return XLAT_OK;
		}
		if (off + 8 > pkt->len)
			return xlat_drop(pkt, JOOL_STAT_HDR6_TRUNCATED);
		if (off + 8 > linear)
			return xlat_more(pkt, off + 8);
		/* RFC 7915 5.1: a routing header with segments left is not ours. */
		if (next == NEXTHDR_ROUTING && l3[off + 3] != 0)
			return xlat_drop(pkt, JOOL_STAT_EXT6_UNSUPPORTED);
		hlen = (l3[off + 1] + 1) * 8;
		next = l3[off];
		off += hlen;
		if (off > pkt->len)
			return xlat_drop(pkt, JOOL_STAT_HDR6_TRUNCATED);
	}
}

/* RFC 7915 5.2: only echo is translated here; errors come with the SIIT work. */
static enum xlat_verdict icmp6_type(u8 type, u8 *out)
{
	switch (type) {
	case ICMPV6_ECHO_REQUEST:
		*out = ICMP_ECHO;
		return XLAT_OK;
	case ICMPV6_ECHO_REPLY:
		*out = ICMP_ECHOREPLY;
		return XLAT_OK;
	}
	return XLAT_DROP;
}

static void build_ipv4(const struct xlat_cfg *cfg, const struct ipv6hdr *ip6,
		       struct xlat_pkt *pkt,
		       __be32 saddr, __be32 daddr, u8 proto,
		       unsigned int l4len, unsigned int seg_len)
{
	struct iphdr *ip4 = &pkt->hdr.v4;
	unsigned int ttl = ip6->hop_limit + pkt->hop_bump;

	memset(ip4, 0, sizeof(*ip4));
	ip4->version = 4;
	ip4->ihl = 5;
	if (cfg->override_tos)
		ip4->tos = cfg->tos;
	else
		ip4->tos = (ip6->priority << 4) | (ip6->flow_lbl[0] >> 4);
	ip4->tot_len = htons(sizeof(*ip4) + l4len);
	ip4->id = pkt->ipv4_id;
	if (seg_len > DF_THRESHOLD)
		ip4->frag_off = htons(IP_DF);
	ip4->ttl = min(ttl, 255u);
	ip4->protocol = proto;
	ip4->saddr = saddr;
	ip4->daddr = daddr;
	ip4->check = ip_fast_csum(ip4, ip4->ihl);
}

/**
 * xlat64() - translate an IPv6 header chain into an IPv4 header
 * @cfg: the device configuration
 * @l3: the IPv6 header; the first @linear bytes are readable and writable
 * @linear: see @l3
 * @pkt: packet metadata in, result out
 *
 * Return: see &enum xlat_verdict.
 */
enum xlat_verdict xlat64(const struct xlat_cfg *cfg, u8 *l3,
			 unsigned int linear, struct xlat_pkt *pkt)
{
	struct ipv6hdr *ip6 = (struct ipv6hdr *)l3;
	unsigned int off, l4len, l4min, seg_len;
	enum xlat_verdict verdict;
	enum jool_stat reason;
	__be32 saddr, daddr;
	__sum16 *check;
	u8 proto, icmp_type = 0;
	u8 *l4;

	if (pkt->len < sizeof(*ip6))
		return xlat_drop(pkt, JOOL_STAT_HDR6_TRUNCATED);
	if (linear < sizeof(*ip6))
		return xlat_more(pkt, sizeof(*ip6));
	if (ip6->version != 6)
		return xlat_drop(pkt, JOOL_STAT_PROTO_MISMATCH);
	/* Jumbograms (payload length 0) never reach us: BIG TCP is segmented. */
	if (ntohs(ip6->payload_len) + sizeof(*ip6) != pkt->len)
		return xlat_drop(pkt, JOOL_STAT_HDR6_TRUNCATED);

	verdict = skip_ext6(l3, linear, pkt, &off, &proto);
	if (verdict != XLAT_OK)
		return verdict;
	l4min = l4_min_len(proto);
	if (off + l4min > pkt->len)
		return xlat_drop(pkt, JOOL_STAT_L4_TRUNCATED);
	if (off + l4min > linear)
		return xlat_more(pkt, off + l4min);
	l4 = l3 + off;
	l4len = pkt->len - off;

	reason = addr_xlat64(cfg, &ip6->saddr, &saddr, true);
	if (reason)
		return xlat_drop(pkt, reason);
	reason = addr_xlat64(cfg, &ip6->daddr, &daddr, false);
	if (reason)
		return xlat_drop(pkt, reason);

	if (proto == IPPROTO_ICMPV6 &&
	    icmp6_type(((struct icmp6hdr *)l4)->icmp6_type, &icmp_type) != XLAT_OK)
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);

	/* DF follows the size of what goes on the wire: one segment of GSO. */
	seg_len = sizeof(struct iphdr) + l4len;
	if (pkt->gso_size) {
		unsigned int l4hdr = proto == IPPROTO_TCP ?
				     ((struct tcphdr *)l4)->doff * 4 : l4min;

		seg_len = min(seg_len, (unsigned int)sizeof(struct iphdr) +
			      l4hdr + pkt->gso_size);
	}

	if (!partial_csum_ok(pkt, off, proto))
		return xlat_drop(pkt, JOOL_STAT_CSUM_FAILED);

	/* Every check passed; from here on the packet is changed. */
	check = l4_check_field(l4, proto);
	if (proto == IPPROTO_ICMPV6) {
		struct icmp6hdr *icmp6 = (struct icmp6hdr *)l4;
		__be16 old_word = *(__be16 *)icmp6;

		icmp6->icmp6_type = icmp_type;
		/* ICMPv4 has no pseudo-header. */
		csum_swap(check,
			  csum_add(pseudo6_sum(&ip6->saddr, &ip6->daddr, l4len,
					       IPPROTO_ICMPV6),
				   (__force __wsum)old_word),
			  (__force __wsum)*(__be16 *)icmp6);
		proto = IPPROTO_ICMP;
	} else if (check && pkt->csum_partial) {
		*check = ~csum_fold(pseudo4_sum(saddr, daddr, l4len, proto));
	} else if (check) {
		csum_swap(check, pseudo6_sum(&ip6->saddr, &ip6->daddr, l4len, proto),
			  pseudo4_sum(saddr, daddr, l4len, proto));
		if (proto == IPPROTO_UDP && !*check)
			*check = CSUM_MANGLED_0;
	}

	build_ipv4(cfg, ip6, pkt, saddr, daddr, proto, l4len, seg_len);
	pkt->old_l3len = off;
	pkt->new_l3len = sizeof(struct iphdr);
	pkt->l4proto = proto;
	return XLAT_OK;
}
