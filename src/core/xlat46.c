// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 -> IPv6 header translation (RFC 7915 section 4).
 *
 * Same contract as xlat64.c: checks first, then the upper-layer checksum
 * (and ICMP type) is updated in place and the new IPv6 header is built in
 * pkt->hdr.
 */
#include "core/addr.h"
#include "core/csum.h"
#include "common.h"

/* RFC 7915 4.2: only echo is translated here; errors come with the SIIT work. */
static enum xlat_verdict icmp4_type(u8 type, u8 *out)
{
	switch (type) {
	case ICMP_ECHO:
		*out = ICMPV6_ECHO_REQUEST;
		return XLAT_OK;
	case ICMP_ECHOREPLY:
		*out = ICMPV6_ECHO_REPLY;
		return XLAT_OK;
	}
	return XLAT_DROP;
}

static void build_ipv6(const struct xlat_cfg *cfg, const struct iphdr *ip4,
		       struct xlat_pkt *pkt,
		       const struct in6_addr *saddr,
		       const struct in6_addr *daddr, u8 proto,
		       unsigned int l4len)
{
	struct ipv6hdr *ip6 = &pkt->hdr.v6;
	unsigned int hops = ip4->ttl + pkt->hop_bump;
	u8 tclass = cfg->zeroize_tc ? 0 : ip4->tos;

	memset(ip6, 0, sizeof(*ip6));
	ip6->version = 6;
	ip6->priority = tclass >> 4;
	ip6->flow_lbl[0] = (tclass & 0x0f) << 4;
	ip6->payload_len = htons(l4len);
	ip6->nexthdr = proto;
	ip6->hop_limit = min(hops, 255u);
	ip6->saddr = *saddr;
	ip6->daddr = *daddr;
}

/**
 * xlat46() - translate an IPv4 header into an IPv6 header
 * @cfg: the device configuration
 * @l3: the IPv4 header; the first @linear bytes are readable and writable
 * @linear: see @l3
 * @pkt: packet metadata in, result out
 *
 * Return: see &enum xlat_verdict.
 */
enum xlat_verdict xlat46(const struct xlat_cfg *cfg, u8 *l3,
			 unsigned int linear, struct xlat_pkt *pkt)
{
	struct iphdr *ip4 = (struct iphdr *)l3;
	struct in6_addr saddr, daddr;
	unsigned int ihl, l4len, l4min;
	enum jool_stat reason;
	u8 proto, icmp_type = 0;
	__sum16 *check;
	u8 *l4;

	if (pkt->len < sizeof(*ip4))
		return xlat_drop(pkt, JOOL_STAT_HDR4_INVALID);
	if (linear < sizeof(*ip4))
		return xlat_more(pkt, sizeof(*ip4));
	if (ip4->version != 4)
		return xlat_drop(pkt, JOOL_STAT_PROTO_MISMATCH);
	ihl = ip4->ihl * 4;
	if (ihl < sizeof(*ip4) || ihl > pkt->len ||
	    ntohs(ip4->tot_len) != pkt->len)
		return xlat_drop(pkt, JOOL_STAT_HDR4_INVALID);
	if (linear < ihl)
		return xlat_more(pkt, ihl);
	if (ip_fast_csum(ip4, ip4->ihl))
		return xlat_drop(pkt, JOOL_STAT_HDR4_INVALID);
	if (ip4->frag_off & htons(IP_MF | IP_OFFSET))
		return xlat_drop(pkt, JOOL_STAT_FRAGMENT);

	proto = ip4->protocol;
	l4min = l4_min_len(proto);
	if (ihl + l4min > pkt->len)
		return xlat_drop(pkt, JOOL_STAT_L4_TRUNCATED);
	if (ihl + l4min > linear)
		return xlat_more(pkt, ihl + l4min);
	l4 = l3 + ihl;
	l4len = pkt->len - ihl;

	if (proto == IPPROTO_ICMP &&
	    icmp4_type(((struct icmphdr *)l4)->type, &icmp_type) != XLAT_OK)
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	/*
	 * RFC 7915 4.5: IPv6 has no zero UDP checksum. Computing one reads
	 * the whole payload, so it is optional (amend-udp-checksum-zero); we
	 * leave the summing to the stack by making the packet
	 * CHECKSUM_PARTIAL.
	 */
	if (proto == IPPROTO_UDP && !pkt->csum_partial &&
	    !((struct udphdr *)l4)->check) {
		if (!cfg->amend_udp_csum0)
			return xlat_drop(pkt, JOOL_STAT_UDP_ZERO_CSUM);
		pkt->csum_now_partial = true;
	}

	reason = addr_xlat46(cfg, ip4->saddr, &saddr, true);
	if (reason)
		return xlat_drop(pkt, reason);
	reason = addr_xlat46(cfg, ip4->daddr, &daddr, false);
	if (reason)
		return xlat_drop(pkt, reason);

	if (!partial_csum_ok(pkt, ihl, proto))
		return xlat_drop(pkt, JOOL_STAT_CSUM_FAILED);

	/* Every check passed; from here on the packet is changed. */
	check = l4_check_field(l4, proto);
	if (proto == IPPROTO_ICMP) {
		struct icmphdr *icmp = (struct icmphdr *)l4;
		__be16 old_word = *(__be16 *)icmp;

		icmp->type = icmp_type;
		/* ICMPv6 covers a pseudo-header; ICMPv4 did not. */
		csum_swap(check, (__force __wsum)old_word,
			  csum_add(pseudo6_sum(&saddr, &daddr, l4len,
					       IPPROTO_ICMPV6),
				   (__force __wsum)*(__be16 *)icmp));
		proto = IPPROTO_ICMPV6;
	} else if (check && (pkt->csum_partial || pkt->csum_now_partial)) {
		*check = ~csum_ipv6_magic(&saddr, &daddr, l4len, proto, 0);
	} else if (check) {
		csum_swap(check, pseudo4_sum(ip4->saddr, ip4->daddr, l4len, proto),
			  pseudo6_sum(&saddr, &daddr, l4len, proto));
		if (proto == IPPROTO_UDP && !*check)
			*check = CSUM_MANGLED_0;
	}

	build_ipv6(cfg, ip4, pkt, &saddr, &daddr, proto, l4len);
	pkt->old_l3len = ihl;
	pkt->new_l3len = sizeof(struct ipv6hdr);
	pkt->l4proto = proto;
	return XLAT_OK;
}
