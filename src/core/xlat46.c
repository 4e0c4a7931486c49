// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 -> IPv6 translation (RFC 7915 section 4).
 *
 * Same contract as xlat64.c. xlat46(): checks first, then the upper-layer
 * checksum (and ICMP type) is updated in place and the new IPv6 header is
 * built in pkt->hdr. xlat46_icmp_err(): ICMPv4 error messages (RFC 7915 4.2,
 * 4.3), whole, into a separate buffer.
 */
#include "core/addr.h"
#include "core/csum.h"
#include "core/hairpin.h"
#include "common.h"

/*
 * RFC 7915 4.2, query messages: echo and echo reply become types 128 and
 * 129; the obsolete and single-hop ones (information, timestamp, address
 * mask, router advertisement and solicitation) and unknown ones are dropped.
 */
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

static void fill_ipv6(const struct xlat_cfg *cfg, const struct iphdr *ip4,
		      struct ipv6hdr *ip6, const struct in6_addr *saddr,
		      const struct in6_addr *daddr, u8 proto,
		      unsigned int payload_len, unsigned int hops)
{
	u8 tclass = cfg->zeroize_tc ? 0 : ip4->tos;

	memset(ip6, 0, sizeof(*ip6));
	ip6->version = 6;
	ip6->priority = tclass >> 4;
	ip6->flow_lbl[0] = (tclass & 0x0f) << 4;
	ip6->payload_len = htons(payload_len);
	ip6->nexthdr = proto;
	ip6->hop_limit = min(hops, 255u);
	ip6->saddr = *saddr;
	ip6->daddr = *daddr;
}

/*
 * RFC 7915 4.1, "If there is a need to add a Fragment Header": Next Header
 * the protocol (@proto, already in IPv6 numbering), Fragment Offset and M
 * from the IPv4 header, Identification the IPv4 one in its low 16 bits.
 */
static void fill_frag_hdr(const struct iphdr *ip4, struct frag_hdr *fh,
			  u8 proto)
{
	u16 fo = ntohs(ip4->frag_off);

	fh->nexthdr = proto;
	fh->reserved = 0;
	fh->frag_off = htons(((fo & IP_OFFSET) << 3) |
			     (fo & IP_MF ? FRAG6_MF : 0));
	fh->identification = htonl(ntohs(ip4->id));
}

/*
 * The new header: IPv6, and for a fragment a Fragment Header, which the
 * payload length counts. An unfragmented packet never gets one, DF or not
 * (RFC 7915 4.1; atomic fragments are deprecated, RFC 8021): IPv4 packets
 * with DF=0 too big for lowest-ipv6-mtu are fragmented before they get
 * here (see src/xmit.c).
 */
static void build_ipv6(const struct xlat_cfg *cfg, const struct iphdr *ip4,
		       struct xlat_pkt *pkt, bool frag,
		       const struct in6_addr *saddr,
		       const struct in6_addr *daddr, u8 proto,
		       unsigned int l4len)
{
	unsigned int fhlen = frag ? sizeof(struct frag_hdr) : 0;

	fill_ipv6(cfg, ip4, &pkt->hdr.v6, saddr, daddr,
		  frag ? NEXTHDR_FRAGMENT : proto, fhlen + l4len,
		  ip4->ttl + pkt->hop_bump + hairpin_hops(pkt));
	if (frag)
		fill_frag_hdr(ip4, (struct frag_hdr *)(pkt->hdr.raw +
						       sizeof(struct ipv6hdr)),
			      proto);
	pkt->new_l3len = sizeof(struct ipv6hdr) + fhlen;
}

/*
 * What an ICMPv4 error becomes (RFC 7915 4.2, "ICMPv4 error messages").
 * @ext: the new type has an RFC 4884 length attribute (destination
 * unreachable and time exceeded); else an extension structure is left out.
 */
struct icmp46_map {
	u8 type;
	u8 code;
	u32 ptr;
	bool ext;
};

/*
 * RFC 7915 4.2, Figure 3: the pointer of a parameter problem, from the IPv4
 * header to the IPv6 one. Returns -1 for "n/a" (identification, flags,
 * fragment offset, header checksum) and for values the figure does not list
 * (options): both mean silently drop.
 */
static int ptr46(u8 ptr)
{
	switch (ptr) {
	case 0:			/* version/IHL -> version/traffic class */
	case 1:			/* TOS -> traffic class/flow label */
		return ptr;
	case 2:			/* total length -> payload length */
	case 3:
		return 4;
	case 8:			/* TTL -> hop limit */
		return 7;
	case 9:			/* protocol -> next header */
		return 6;
	}
	if (ptr >= 12 && ptr <= 15)	/* source address */
		return 8;
	if (ptr >= 16 && ptr <= 19)	/* destination address */
		return 24;
	return -1;
}

/* RFC 7915 4.2: false for the types and codes it says to drop silently. */
static bool icmp46_err_map(const u8 *icmp, struct icmp46_map *m)
{
	u8 code = icmp[1];
	int ptr;

	memset(m, 0, sizeof(*m));
	switch (icmp[0]) {
	case ICMP_DEST_UNREACH:
		m->type = ICMPV6_DEST_UNREACH;
		m->ext = true;
		switch (code) {
		case ICMP_NET_UNREACH:
		case ICMP_HOST_UNREACH:
		case ICMP_SR_FAILED:
		case ICMP_NET_UNKNOWN:
		case ICMP_HOST_UNKNOWN:
		case ICMP_HOST_ISOLATED:
		case ICMP_NET_UNR_TOS:
		case ICMP_HOST_UNR_TOS:
			m->code = ICMPV6_NOROUTE;
			return true;
		case ICMP_NET_ANO:
		case ICMP_HOST_ANO:
		case ICMP_PKT_FILTERED:
		case ICMP_PREC_CUTOFF:
			m->code = ICMPV6_ADM_PROHIBITED;
			return true;
		case ICMP_PORT_UNREACH:
			m->code = ICMPV6_PORT_UNREACH;
			return true;
		case ICMP_PROT_UNREACH:
			/* Parameter problem pointing at the Next Header. */
			m->type = ICMPV6_PARAMPROB;
			m->code = ICMPV6_UNK_NEXTHDR;
			m->ptr = offsetof(struct ipv6hdr, nexthdr);
			m->ext = false;
			return true;
		case ICMP_FRAG_NEEDED:
			/* The MTU needs the packet; see ptb_mtu46(). */
			m->type = ICMPV6_PKT_TOOBIG;
			m->code = 0;
			m->ext = false;
			return true;
		}
		return false;	/* 14 (host precedence violation), others */
	case ICMP_TIME_EXCEEDED:
		/* "The Code is unchanged." */
		m->type = ICMPV6_TIME_EXCEED;
		m->code = code;
		m->ext = true;
		return true;
	case ICMP_PARAMETERPROB:
		/* Code 0 (pointer indicates the error), 2 (bad length). */
		if (code != 0 && code != 2)
			return false;
		ptr = ptr46(icmp[4]);
		if (ptr < 0)
			return false;
		m->type = ICMPV6_PARAMPROB;
		m->code = ICMPV6_HDR_FIELD;
		m->ptr = ptr;
		return true;
	}
	/* Source quench, redirect, alternative host address, unknown. */
	return false;
}

/*
 * RFC 7915 4.2, code 4 (fragmentation needed): maximum(1280,
 * minimum(advertised MTU + 20, MTU_of_IPv6_nexthop, MTU_of_IPv4_nexthop +
 * 20)), the next hops counting only when known. An advertised MTU of zero
 * (a router older than RFC 1191) is replaced by the greatest plateau below
 * the total length of the packet in error (RFC 1191 5); that plateau is the
 * likely IPv4 MTU, so it gets the 20 bytes as well. (The RFC also asks for
 * a plateau of 1280 or more: maximum(1280, ...) takes care of smaller ones.)
 */
static u32 ptb_mtu46(const struct xlat_cfg *cfg, const struct xlat_pkt *pkt,
		     u16 advertised, unsigned int tot_len)
{
	u32 mtu = advertised;
	unsigned int i;

	if (!mtu) {
		for (i = 0; i < cfg->nplateaus && i < XLAT_MAX_PLATEAUS; i++)
			if (cfg->plateaus[i] < tot_len &&
			    cfg->plateaus[i] > mtu)
				mtu = cfg->plateaus[i];
	}
	mtu += 20;
	if (pkt->mtu6)
		mtu = min(mtu, (u32)pkt->mtu6);
	if (pkt->mtu4)
		mtu = min(mtu, (u32)pkt->mtu4 + 20);
	return max(mtu, 1280U);
}

/*
 * RFC 6791 (and RFC 7915 4.1, which translates even "illegal" sources of
 * ICMPv4 errors): the IPv6 source of a translated ICMPv4 error whose source
 * has no IPv6 translation, which only happens without pool6. An address of
 * the rfc6791v6 pool, random in its last 32 bits or the first; else the
 * translator's own. The all-zeros interface identifier (the Subnet-Router
 * anycast address, RFC 4291 2.6.1) is never used in a pool of more than
 * two addresses.
 */
static bool rfc6791_v6(const struct xlat_cfg *cfg, const struct xlat_pkt *pkt,
		       struct in6_addr *out)
{
	static const struct in6_addr none;
	unsigned int hbits;
	u32 first, count;
	u8 *low;

	if (cfg->rfc6791v6_set) {
		hbits = cfg->rfc6791v6.len < 128 ? 128 - cfg->rfc6791v6.len : 0;
		first = hbits >= 2 ? 1 : 0;
		count = hbits >= 32 ? 0xffffffffU : (1U << hbits) - first;
		if (cfg->randomize_6791)
			first += pkt->random % count;
		*out = cfg->rfc6791v6.addr;
		low = (u8 *)out + 12;
		put_be32(low, get_be32(low) | first);
		return true;
	}
	if (memcmp(&pkt->own6, &none, sizeof(none))) {
		*out = pkt->own6;
		return true;
	}
	return false;
}

/*
 * xlat46() on an ICMPv4 error: what can be decided from the headers alone,
 * before the glue linearizes the whole packet for xlat46_icmp_err().
 */
static enum xlat_verdict icmp_err_ahead(const struct xlat_cfg *cfg,
					const struct iphdr *ip4,
					const u8 *icmp, unsigned int ihl,
					struct xlat_pkt *pkt)
{
	struct icmp46_map map;
	struct in6_addr daddr;
	enum jool_stat reason;

	if (!icmp46_err_map(icmp, &map))
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	/* The source may fall back to RFC 6791; the destination may not. */
	reason = addr_xlat46(cfg, ip4->daddr, &daddr, false);
	if (reason)
		return xlat_drop(pkt, reason);
	if (!partial_csum_ok(pkt, ihl, IPPROTO_ICMP))
		return xlat_drop(pkt, JOOL_STAT_CSUM_FAILED);
	pkt->reason = JOOL_STAT_ICMP_UNSUPPORTED;
	return XLAT_ICMP_ERR;
}

/*
 * RFC 7915 4.1: options are ignored, but a source route (loose or strict)
 * with addresses left to visit must not be translated. RFC 791: the route
 * is used up once its pointer is past its length. Options the scan cannot
 * parse are left alone (ignored, like every option), the kernel's input
 * path having refused malformed ones already.
 */
static bool unfinished_source_route(const u8 *opt, unsigned int len)
{
	unsigned int i = 0;

	while (i < len) {
		unsigned int olen;

		if (opt[i] == IPOPT_END)
			return false;
		if (opt[i] == IPOPT_NOOP) {
			i++;
			continue;
		}
		if (i + 2 > len)
			return false;
		olen = opt[i + 1];
		if (olen < 2 || i + olen > len)
			return false;
		if ((opt[i] == IPOPT_LSRR || opt[i] == IPOPT_SSRR) &&
		    olen >= 3 && opt[i + 2] <= olen)
			return true;
		i += olen;
	}
	return false;
}

/*
 * An ICMP informational message becomes ICMPv6 (@type): the ICMPv6
 * checksum also covers a pseudo-header (@len bytes of message).
 */
static void icmp_to_icmp6(u8 *l4, u8 type, const struct in6_addr *saddr,
			  const struct in6_addr *daddr, unsigned int len)
{
	struct icmphdr *icmp = (struct icmphdr *)l4;
	__be16 old_word = *(__be16 *)icmp;

	icmp->type = type;
	csum_swap(&icmp->checksum, (__force __wsum)old_word,
		  csum_add(pseudo6_sum(saddr, daddr, len, IPPROTO_ICMPV6),
			   (__force __wsum)*(__be16 *)icmp));
}

/**
 * xlat46_icmp_prep() - translate the ICMP header of a whole IPv4 packet
 * @cfg: the device configuration
 * @l3: the IPv4 header; the first @linear bytes are readable and writable
 * @linear: see @l3
 * @pkt: packet metadata in, result out
 *
 * For an unfragmented ICMP echo or echo reply the glue is about to cut
 * into fragments (RFC 7915 4.1: DF=0, too big for lowest-ipv6-mtu): the
 * ICMP header becomes ICMPv6 now, while the checksum can still cover the
 * whole message; each fragment is then translated with
 * &xlat_pkt.icmp6_ready set. Only the ICMP header changes: the IPv4 header
 * is left for xlat46().
 *
 * Return: XLAT_OK, XLAT_MORE or XLAT_DROP (what xlat46() would do with the
 * whole packet: the glue drops it).
 */
enum xlat_verdict xlat46_icmp_prep(const struct xlat_cfg *cfg, u8 *l3,
				   unsigned int linear, struct xlat_pkt *pkt)
{
	struct iphdr *ip4 = (struct iphdr *)l3;
	struct in6_addr saddr, daddr;
	enum jool_stat reason;
	unsigned int ihl;
	u8 type;

	if (linear < sizeof(*ip4))
		return xlat_more(pkt, sizeof(*ip4));
	ihl = ip4->ihl * 4;
	if (ip4->version != 4 || ihl < sizeof(*ip4) ||
	    ntohs(ip4->tot_len) != pkt->len || ip_fast_csum(ip4, ip4->ihl))
		return xlat_drop(pkt, JOOL_STAT_HDR4_INVALID);
	if (ip4->protocol != IPPROTO_ICMP ||
	    (ip4->frag_off & htons(IP_MF | IP_OFFSET)))
		return xlat_drop(pkt, JOOL_STAT_FRAGMENT);
	if (pkt->csum_partial)
		return xlat_drop(pkt, JOOL_STAT_CSUM_FAILED);
	if (ihl + 8 > pkt->len)
		return xlat_drop(pkt, JOOL_STAT_L4_TRUNCATED);
	if (ihl + 8 > linear)
		return xlat_more(pkt, ihl + 8);
	if (icmp4_type(l3[ihl], &type) != XLAT_OK)
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	reason = addr_xlat46(cfg, ip4->saddr, &saddr, true);
	if (reason)
		return xlat_drop(pkt, reason);
	reason = addr_xlat46(cfg, ip4->daddr, &daddr, false);
	if (reason)
		return xlat_drop(pkt, reason);
	icmp_to_icmp6(l3 + ihl, type, &saddr, &daddr, pkt->len - ihl);
	return XLAT_OK;
}

/**
 * xlat46() - translate an IPv4 header into an IPv6 header
 * @cfg: the device configuration
 * @l3: the IPv4 header; the first @linear bytes are readable and writable
 * @linear: see @l3
 * @pkt: packet metadata in, result out
 *
 * ICMPv4 errors get XLAT_ICMP_ERR once the checks that need only the
 * headers have passed: see xlat46_icmp_err().
 *
 * Fragments (MF or an offset) get a Fragment Header (RFC 7915 4.1): the
 * first one has its TCP or UDP checksum updated like a whole packet; a
 * later one carries no upper-layer header and only its L3 header changes.
 * Fragmented ICMPv4 is dropped (RFC 7915 1.2: the ICMPv6 checksum covers
 * a pseudo-header, which needs the whole message; but see
 * xlat46_icmp_prep() and &xlat_pkt.icmp6_ready), and so is a first
 * fragment of UDP with a zero checksum, amend-udp-checksum-zero or not
 * (4.5: the checksum would need the whole datagram). Its later fragments
 * carry no UDP header and cannot be told apart: they are translated, and
 * never reassemble without their first fragment.
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
	bool frag, later;
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
	/* As in xlat64(): a local packet sent with TTL 0 goes nowhere. */
	if (!ip4->ttl && !pkt->hop_bump)
		return xlat_drop(pkt, JOOL_STAT_TTL_EXPIRED);
	if (unfinished_source_route(l3 + sizeof(*ip4), ihl - sizeof(*ip4)))
		return xlat_drop(pkt, JOOL_STAT_SRC_ROUTE);

	proto = ip4->protocol;
	frag = ip4->frag_off & htons(IP_MF | IP_OFFSET);
	later = ip4->frag_off & htons(IP_OFFSET);
	/*
	 * RFC 7915 4.2: IGMP is single-hop, or routing-protocol traffic that
	 * has no business crossing a translator: silently dropped.
	 */
	if (proto == IPPROTO_IGMP)
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	if (frag && proto == IPPROTO_ICMP && !pkt->icmp6_ready)
		return xlat_drop(pkt, JOOL_STAT_FRAGMENT);
	/* The kernel never fragments a CHECKSUM_PARTIAL packet. */
	if (frag && pkt->csum_partial)
		return xlat_drop(pkt, JOOL_STAT_CSUM_FAILED);
	l4min = later || pkt->icmp6_ready ? 0 : l4_min_len(proto);
	if (ihl + l4min > pkt->len)
		return xlat_drop(pkt, JOOL_STAT_L4_TRUNCATED);
	if (ihl + l4min > linear)
		return xlat_more(pkt, ihl + l4min);
	l4 = l3 + ihl;
	l4len = pkt->len - ihl;

	if (l4min && proto == IPPROTO_ICMP && (l4[0] == ICMP_DEST_UNREACH ||
						l4[0] == ICMP_TIME_EXCEEDED ||
						l4[0] == ICMP_PARAMETERPROB))
		return icmp_err_ahead(cfg, ip4, l4, ihl, pkt);
	if (l4min && proto == IPPROTO_ICMP &&
	    icmp4_type(((struct icmphdr *)l4)->type, &icmp_type) != XLAT_OK)
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	/*
	 * RFC 7915 4.5: IPv6 has no zero UDP checksum. Computing one reads
	 * the whole payload, so it is optional (amend-udp-checksum-zero); we
	 * leave the summing to the stack by making the packet
	 * CHECKSUM_PARTIAL. Not for a fragment: the rest of the datagram is
	 * in other packets.
	 */
	if (l4min && proto == IPPROTO_UDP && !pkt->csum_partial &&
	    !((struct udphdr *)l4)->check) {
		if (frag)
			return xlat_drop(pkt, JOOL_STAT_FRAG_UDP_CSUM0);
		if (!cfg->amend_udp_csum0)
			return xlat_drop(pkt, JOOL_STAT_UDP_ZERO_CSUM);
		pkt->csum_now_partial = true;
	}

	/* RFC 7757 4: a hairpinned packet's EAM'd source becomes pool6's. */
	pkt->hairpinned = false;
	reason = addr_xlat46_hp(cfg, ip4->saddr, &saddr, ADDR_SRC,
				xlat_hairpin(cfg, pkt), &pkt->hairpinned);
	if (reason)
		return xlat_drop(pkt, reason);
	reason = addr_xlat46(cfg, ip4->daddr, &daddr, false);
	if (reason)
		return xlat_drop(pkt, reason);

	if (!partial_csum_ok(pkt, ihl, proto))
		return xlat_drop(pkt, JOOL_STAT_CSUM_FAILED);

	/*
	 * Every check passed; from here on the packet is changed. A later
	 * fragment (l4min 0) has no upper-layer header to change.
	 */
	check = l4min ? l4_check_field(l4, proto) : NULL;
	if (proto == IPPROTO_ICMP && check) {
		icmp_to_icmp6(l4, icmp_type, &saddr, &daddr, l4len);
	} else if (check && (pkt->csum_partial || pkt->csum_now_partial)) {
		*check = ~csum_ipv6_magic(&saddr, &daddr, l4len, proto, 0);
	} else if (check) {
		/*
		 * In a first fragment, l4len is not the length the
		 * pseudo-headers hold; it cancels out, only the addresses
		 * make a difference.
		 */
		csum_swap(check, pseudo4_sum(ip4->saddr, ip4->daddr, l4len, proto),
			  pseudo6_sum(&saddr, &daddr, l4len, proto));
		if (proto == IPPROTO_UDP && !*check)
			*check = CSUM_MANGLED_0;
	}

	if (proto == IPPROTO_ICMP)
		proto = IPPROTO_ICMPV6;

	build_ipv6(cfg, ip4, pkt, frag, &saddr, &daddr, proto, l4len);
	pkt->old_l3len = ihl;
	pkt->l4proto = proto;
	return XLAT_OK;
}

/* The packet in error inside an ICMPv4 error, as far as it is there. */
struct inner4 {
	unsigned int ihl;	/* its header length */
	unsigned int l4len;	/* upper-layer bytes of the original packet */
	u8 proto;		/* upper-layer protocol, IPv4 numbering */
	u16 frag_off;		/* IP_MF | offset, host order; 0: whole */
	struct in6_addr saddr;	/* translated addresses */
	struct in6_addr daddr;
};

/* Its IPv6 headers: a fragment header if it was a fragment. */
static unsigned int inner4_hlen(const struct inner4 *inner)
{
	return sizeof(struct ipv6hdr) +
	       (inner->frag_off ? sizeof(struct frag_hdr) : 0);
}

/*
 * RFC 7915 4.3: the packet in error is translated like a normal packet
 * (4.1), so it must pass the same checks, and its addresses must
 * translate. Its lengths describe the original packet. In a hairpinned
 * error (@hairpin), it is the packet the IPv6 node sent to a pool6 name
 * (RFC 7757 4): its destination goes back to that name, not to its EAM.
 */
static enum jool_stat inner4_parse(const struct xlat_cfg *cfg, const u8 *in,
				   unsigned int ilen, bool hairpin,
				   struct inner4 *inner, bool *changed)
{
	const struct iphdr *ip4 = (const struct iphdr *)in;
	enum jool_stat reason;
	unsigned int tot;
	u8 type;

	memset(inner, 0, sizeof(*inner));
	if (ilen < sizeof(*ip4) || ip4->version != 4)
		return JOOL_STAT_ICMP_INNER_INVALID;
	inner->ihl = ip4->ihl * 4;
	tot = ntohs(ip4->tot_len);
	if (inner->ihl < sizeof(*ip4) || inner->ihl > ilen || tot < inner->ihl)
		return JOOL_STAT_ICMP_INNER_INVALID;
	inner->l4len = tot - inner->ihl;
	inner->proto = ip4->protocol;
	inner->frag_off = ntohs(ip4->frag_off) & (IP_MF | IP_OFFSET);

	if (inner->proto == IPPROTO_ICMP) {
		/* RFC 7915 1.2: fragmented ICMP is not translated. */
		if (inner->frag_off)
			return JOOL_STAT_ICMP_INNER_UNSUPPORTED;
		if (inner->ihl + 1 > ilen)
			return JOOL_STAT_ICMP_INNER_INVALID;
		/*
		 * Only echo translates; an ICMP error inside an ICMP error is
		 * "more embedded headers": RFC 7915 4.3 drops the packet.
		 */
		if (icmp4_type(in[inner->ihl], &type) != XLAT_OK)
			return JOOL_STAT_ICMP_INNER_UNSUPPORTED;
	}

	/*
	 * Its source is the source of the original packet. Its addresses go
	 * through denylist4 like any packet's: the original could not have
	 * crossed the translator otherwise.
	 */
	reason = addr_xlat46(cfg, ip4->saddr, &inner->saddr, true);
	if (!reason)
		reason = addr_xlat46_hp(cfg, ip4->daddr, &inner->daddr, 0,
					hairpin, changed);
	if (reason && reason != JOOL_STAT_DENYLISTED)
		return JOOL_STAT_ICMP_INNER_UNTRANSLATABLE;
	return reason;
}

/*
 * The upper layer of the translated packet in error, @l4 (@avail bytes of it
 * there): the ICMP type, and the checksums that cover a pseudo-header,
 * updated for the new one as far as the checksum field is there (the
 * checksum covers the whole original packet: it can only be updated).
 */
static void inner4_l4(const struct iphdr *ip4, const struct inner4 *inner,
		      u8 *l4, unsigned int avail)
{
	u8 proto = inner->proto;
	__sum16 *check;
	__be16 old_word;

	/* A later fragment carries no upper-layer header; nor an empty one. */
	if ((inner->frag_off & IP_OFFSET) || !avail)
		return;
	if (proto == IPPROTO_ICMP) {
		if (avail < 4) {
			icmp4_type(l4[0], &l4[0]);
			return;
		}
		old_word = *(__be16 *)l4;
		icmp4_type(l4[0], &l4[0]);
		check = l4_check_field(l4, proto);
		csum_swap(check, (__force __wsum)old_word,
			  csum_add(pseudo6_sum(&inner->saddr, &inner->daddr,
					       inner->l4len, IPPROTO_ICMPV6),
				   (__force __wsum)*(__be16 *)l4));
		return;
	}
	if ((proto != IPPROTO_TCP || avail < TCP_CHECK_END) &&
	    (proto != IPPROTO_UDP || avail < UDP_CHECK_END))
		return;
	check = l4_check_field(l4, proto);
	/* A UDP checksum the IPv4 sender left out cannot be computed here. */
	if (proto == IPPROTO_UDP && !*check)
		return;
	csum_swap(check,
		  pseudo4_sum(ip4->saddr, ip4->daddr, inner->l4len, proto),
		  pseudo6_sum(&inner->saddr, &inner->daddr, inner->l4len,
			      proto));
	if (proto == IPPROTO_UDP && !*check)
		*check = CSUM_MANGLED_0;
}

/*
 * Writes the first @copy bytes of the packet in error @in, translated (RFC
 * 7915 4.3: as a normal packet, 4.1 and 4.1.1, a fragment header if it was a
 * fragment, but with its TTL untouched).
 */
static void inner4_write(const struct xlat_cfg *cfg, const u8 *in,
			 const struct inner4 *inner, u8 *out,
			 unsigned int copy)
{
	const struct iphdr *ip4 = (const struct iphdr *)in;
	u8 proto = inner->proto == IPPROTO_ICMP ? IPPROTO_ICMPV6 : inner->proto;
	struct frag_hdr *fh = (struct frag_hdr *)(out + sizeof(struct ipv6hdr));
	unsigned int hlen = inner4_hlen(inner);
	u16 fo;

	fill_ipv6(cfg, ip4, (struct ipv6hdr *)out, &inner->saddr, &inner->daddr,
		  inner->frag_off ? NEXTHDR_FRAGMENT : proto,
		  hlen - sizeof(struct ipv6hdr) + inner->l4len, ip4->ttl);
	if (inner->frag_off) {
		fo = (inner->frag_off & IP_OFFSET) << 3;
		if (inner->frag_off & IP_MF)
			fo |= FRAG6_MF;
		fh->nexthdr = proto;
		fh->reserved = 0;
		fh->frag_off = htons(fo);
		fh->identification = htonl(ntohs(ip4->id));
	}
	memcpy(out + hlen, in + inner->ihl, copy - hlen);
	inner4_l4(ip4, inner, out + hlen, copy - hlen);
}

/**
 * xlat46_icmp_err() - translate an ICMPv4 error message into ICMPv6
 * @cfg: the device configuration
 * @in: the whole IPv4 packet
 * @len: its length (stored in &xlat_pkt.len too)
 * @out: where the IPv6 packet goes
 * @outmax: room in @out (at least %XLAT_ICMP_ERR_OUTMAX)
 * @pkt: packet metadata in (hop_bump, random, own6, mtu4, mtu6),
 *	&xlat_pkt.new_len or &xlat_pkt.reason out
 *
 * RFC 7915 4.2 and 4.3: the ICMPv4 checksum is verified (a corrupt error is
 * not given a fresh checksum); the type and code are mapped, or the packet
 * dropped; the packet in error is translated like a normal packet, without
 * touching its TTL, and cut so that the ICMPv6 error fits the minimum IPv6
 * MTU (RFC 4443 2.4 (c)); an RFC 4884 extension structure follows it,
 * re-aligned to 64-bit words, with the length attribute to match (or is
 * left out when the new type has no length attribute). The ICMPv6 checksum
 * is computed afresh. A source without an IPv6 translation is replaced
 * according to RFC 6791. In a hairpinned error (RFC 7757 4, see
 * src/core/hairpin.c), the quoted packet's destination and, when it is the
 * same node, the error's source are translated with pool6, not their EAMs.
 *
 * Return: XLAT_OK with the packet in @out, or XLAT_DROP.
 */
enum xlat_verdict xlat46_icmp_err(const struct xlat_cfg *cfg, const u8 *in,
				  unsigned int len, u8 *out,
				  unsigned int outmax, struct xlat_pkt *pkt)
{
	const struct iphdr *ip4 = (const struct iphdr *)in;
	const unsigned int hdrs = sizeof(struct ipv6hdr) + 8;
	unsigned int ihl, mlen, blen, orig, ilen, ext, dgram, copy, field;
	unsigned int total, icmplen;
	struct in6_addr saddr, daddr;
	struct icmp46_map map;
	struct inner4 inner;
	enum jool_stat reason;
	const u8 *icmp, *body;
	bool hairpin;
	u8 *icmp6;

	pkt->len = len;
	if (len < sizeof(*ip4))
		return xlat_drop(pkt, JOOL_STAT_HDR4_INVALID);
	if (ip4->version != 4)
		return xlat_drop(pkt, JOOL_STAT_PROTO_MISMATCH);
	ihl = ip4->ihl * 4;
	if (ihl < sizeof(*ip4) || ihl > len || ntohs(ip4->tot_len) != len ||
	    ip_fast_csum(ip4, ip4->ihl))
		return xlat_drop(pkt, JOOL_STAT_HDR4_INVALID);
	/* RFC 7915 1.2: fragmented ICMP is not translated. */
	if (ip4->frag_off & htons(IP_MF | IP_OFFSET))
		return xlat_drop(pkt, JOOL_STAT_FRAGMENT);
	if (ip4->protocol != IPPROTO_ICMP)
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	mlen = len - ihl;
	if (mlen < 8)
		return xlat_drop(pkt, JOOL_STAT_L4_TRUNCATED);
	icmp = in + ihl;
	if (icmp_csum(icmp, mlen))
		return xlat_drop(pkt, JOOL_STAT_ICMP_CSUM);
	if (!icmp46_err_map(icmp, &map))
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);

	/*
	 * RFC 4884: all three types have the length attribute, in 32-bit
	 * words; it delimits the datagram even when the new type cannot
	 * carry the extension on.
	 */
	body = icmp + 8;
	blen = mlen - 8;
	orig = icmp_ext_split(icmp[5] * 4, blen);
	pkt->hairpinned = false;
	hairpin = xlat_hairpin(cfg, pkt);

	reason = addr_xlat46(cfg, ip4->daddr, &daddr, false);
	if (reason)
		return xlat_drop(pkt, reason);
	/*
	 * Jool's rule: denylist4 spares the source of an ICMP error.
	 * RFC 7757 4: an error from the node the quoted packet was sent to
	 * comes from the name it was sent to.
	 */
	if (addr_xlat46_hp(cfg, ip4->saddr, &saddr, ADDR_SRC | ADDR_ERR_SRC,
			   hairpin && orig >= sizeof(struct iphdr) &&
			   ip4->saddr == ((const struct iphdr *)body)->daddr,
			   &pkt->hairpinned) &&
	    !rfc6791_v6(cfg, pkt, &saddr))
		return xlat_drop(pkt, JOOL_STAT_ICMP_NO_SOURCE);

	reason = inner4_parse(cfg, body, orig, hairpin, &inner,
			      &pkt->hairpinned);
	if (reason)
		return xlat_drop(pkt, reason);
	ilen = orig;
	ext = blen - orig;
	if (ext)	/* the rest of the field is padding */
		ilen = min(ilen, inner.ihl + inner.l4len);
	if (!map.ext)
		ext = 0;
	dgram = inner4_hlen(&inner) + ilen - inner.ihl;

	if (outmax < XLAT_ICMP_ERR_OUTMAX)
		return xlat_drop(pkt, JOOL_STAT_ENOMEM);
	field = icmp_ext_layout(XLAT_ICMP6_ERR_MAX - hdrs, 8, dgram, &ext,
				&copy);
	total = hdrs + field + ext;

	/* The ICMPv6 header (RFC 4443 3; RFC 4884 4.4, 4.5). */
	icmp6 = out + sizeof(struct ipv6hdr);
	memset(icmp6, 0, 8);
	icmp6[0] = map.type;
	icmp6[1] = map.code;
	if (map.type == ICMPV6_PKT_TOOBIG)
		put_be32(icmp6 + 4, ptb_mtu46(cfg, pkt, get_be16(icmp + 6),
					      inner.ihl + inner.l4len));
	else if (map.type == ICMPV6_PARAMPROB)
		put_be32(icmp6 + 4, map.ptr);
	if (ext)
		icmp6[4] = field / 8;

	inner4_write(cfg, body, &inner, icmp6 + 8, copy);
	memset(icmp6 + 8 + copy, 0, field - copy);
	memcpy(icmp6 + 8 + field, body + orig, ext);

	icmplen = total - sizeof(struct ipv6hdr);
	*(__sum16 *)(icmp6 + 2) =
		csum_ipv6_magic(&saddr, &daddr, icmplen, IPPROTO_ICMPV6,
				csum_partial(icmp6, icmplen, 0));
	fill_ipv6(cfg, ip4, (struct ipv6hdr *)out, &saddr, &daddr,
		  IPPROTO_ICMPV6, icmplen,
		  ip4->ttl + pkt->hop_bump + hairpin_hops(pkt));
	pkt->new_len = total;
	return XLAT_OK;
}
