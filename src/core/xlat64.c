// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 -> IPv4 translation (RFC 7915 section 5).
 *
 * xlat64(): the IPv6 header chain and the upper-layer header, linear. Output:
 * a new IPv4 header in pkt->hdr, the upper-layer checksum (and ICMP type)
 * updated in place. Nothing is written before every check has passed, so a
 * dropped packet leaves the core untouched.
 *
 * xlat64_icmp_err(): ICMPv6 error messages (RFC 7915 5.2, 5.3), whole: the
 * translated packet, with the packet in error inside it translated too, is
 * written to a separate buffer.
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
static enum xlat_verdict skip_ext6(const u8 *l3, unsigned int linear,
				   struct xlat_pkt *pkt, unsigned int *offset,
				   u8 *proto)
{
	unsigned int off = sizeof(struct ipv6hdr);
	u8 next = ((const struct ipv6hdr *)l3)->nexthdr;

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
		if (next == NEXTHDR_ROUTING && l3[off + 3] != 0) {
			/* RFC 7915 5.1: the error points at Segments Left. */
			pkt->err_ptr = off + 3;
			return xlat_drop(pkt, JOOL_STAT_EXT6_UNSUPPORTED);
		}
		hlen = (l3[off + 1] + 1) * 8;
		next = l3[off];
		off += hlen;
		if (off > pkt->len)
			return xlat_drop(pkt, JOOL_STAT_HDR6_TRUNCATED);
	}
}

/*
 * RFC 7915 5.2, informational messages: echo request and reply become
 * types 8 and 0; MLD, neighbor discovery and unknown ones are dropped.
 */
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

/* RFC 7915 5.1: the traffic class, or the configured TOS. */
static u8 xlat_tos(const struct xlat_cfg *cfg, const struct ipv6hdr *ip6)
{
	if (cfg->override_tos)
		return cfg->tos;
	return (ip6->priority << 4) | (ip6->flow_lbl[0] >> 4);
}

/* RFC 7915 5.1 "Flags": DF iff the IPv4 packet is bigger than 1260 bytes. */
static __be16 df_by_size(unsigned int tot_len)
{
	return tot_len > DF_THRESHOLD ? htons(IP_DF) : 0;
}

static void fill_ipv4(const struct xlat_cfg *cfg, const struct ipv6hdr *ip6,
		      struct iphdr *ip4, __be32 saddr, __be32 daddr, u8 proto,
		      unsigned int tot_len, unsigned int ttl, __be16 id,
		      __be16 frag_off)
{
	memset(ip4, 0, sizeof(*ip4));
	ip4->version = 4;
	ip4->ihl = 5;
	ip4->tos = xlat_tos(cfg, ip6);
	ip4->tot_len = htons(tot_len);
	ip4->id = id;
	ip4->frag_off = frag_off;
	ip4->ttl = min(ttl, 255u);
	ip4->protocol = proto;
	ip4->saddr = saddr;
	ip4->daddr = daddr;
	ip4->check = ip_fast_csum(ip4, ip4->ihl);
}

static void build_ipv4(const struct xlat_cfg *cfg, const struct ipv6hdr *ip6,
		       struct xlat_pkt *pkt,
		       __be32 saddr, __be32 daddr, u8 proto,
		       unsigned int l4len, unsigned int seg_len)
{
	fill_ipv4(cfg, ip6, &pkt->hdr.v4, saddr, daddr, proto,
		  sizeof(struct iphdr) + l4len, ip6->hop_limit + pkt->hop_bump,
		  pkt->ipv4_id, df_by_size(seg_len));
}

/*
 * What an ICMPv6 error becomes (RFC 7915 5.2, "ICMPv6 error messages").
 * @ext: both the old and the new type have an RFC 4884 length attribute
 * (destination unreachable and time exceeded); an extension structure can
 * come along.
 */
struct icmp64_map {
	u8 type;
	u8 code;
	u8 ptr;
	bool ext;
};

/*
 * RFC 7915 5.2, Figure 6: the pointer of a parameter problem, from the IPv6
 * header to the IPv4 one. Returns -1 for "n/a" and for values the figure
 * does not list (past the fixed IPv6 header): both mean silently drop.
 */
static int ptr64(u32 ptr)
{
	if (ptr <= 1)		/* version/traffic class; traffic class */
		return ptr;
	if (ptr <= 3)		/* flow label */
		return -1;
	if (ptr <= 5)		/* payload length -> total length */
		return 2;
	if (ptr == 6)		/* next header -> protocol */
		return 9;
	if (ptr == 7)		/* hop limit -> TTL */
		return 8;
	if (ptr <= 23)		/* source address */
		return 12;
	if (ptr <= 39)		/* destination address */
		return 16;
	return -1;
}

/* RFC 7915 5.2: false for the types and codes it says to drop silently. */
static bool icmp64_err_map(const u8 *icmp6, struct icmp64_map *m)
{
	u8 code = icmp6[1];
	int ptr;

	memset(m, 0, sizeof(*m));
	switch (icmp6[0]) {
	case ICMPV6_DEST_UNREACH:
		m->type = ICMP_DEST_UNREACH;
		m->ext = true;
		switch (code) {
		case ICMPV6_NOROUTE:
		case ICMPV6_NOT_NEIGHBOUR:	/* beyond scope of source */
		case ICMPV6_ADDR_UNREACH:
			m->code = ICMP_HOST_UNREACH;
			return true;
		case ICMPV6_ADM_PROHIBITED:
			m->code = ICMP_HOST_ANO;
			return true;
		case ICMPV6_PORT_UNREACH:
			m->code = ICMP_PORT_UNREACH;
			return true;
		}
		return false;
	case ICMPV6_PKT_TOOBIG:
		/* The MTU needs the packet; see ptb_mtu64(). */
		m->type = ICMP_DEST_UNREACH;
		m->code = ICMP_FRAG_NEEDED;
		return true;
	case ICMPV6_TIME_EXCEED:
		/* "The Code is unchanged." */
		m->type = ICMP_TIME_EXCEEDED;
		m->code = code;
		m->ext = true;
		return true;
	case ICMPV6_PARAMPROB:
		if (code == ICMPV6_HDR_FIELD) {
			ptr = ptr64(get_be32(icmp6 + 4));
			if (ptr < 0)
				return false;
			m->type = ICMP_PARAMETERPROB;
			m->ptr = ptr;
			return true;
		}
		if (code == ICMPV6_UNK_NEXTHDR) {
			m->type = ICMP_DEST_UNREACH;
			m->code = ICMP_PROT_UNREACH;
			return true;
		}
		return false;	/* code 2 (unrecognized option), others */
	}
	return false;		/* unknown error messages */
}

/*
 * RFC 7915 5.2, Packet Too Big: minimum(advertised MTU - 20,
 * MTU_of_IPv4_nexthop, MTU_of_IPv6_nexthop - 20), the next hops counting
 * only when known. The ICMPv4 field has 16 bits; below 68 (the least MTU
 * of IPv4, RFC 791) is raised to 68 (the RFC does not say: only a bogus
 * advertised MTU gets there).
 */
static u16 ptb_mtu64(u32 advertised, const struct xlat_pkt *pkt)
{
	u32 mtu = advertised > 20 ? advertised - 20 : 0;

	if (pkt->mtu4)
		mtu = min(mtu, (u32)pkt->mtu4);
	if (pkt->mtu6)
		mtu = min(mtu, pkt->mtu6 > 20 ? (u32)pkt->mtu6 - 20 : 0);
	return max(min(mtu, 0xffffU), 68U);
}

/*
 * RFC 6791: the IPv4 source of a translated ICMPv6 error whose source has no
 * IPv4 translation. An address of the rfc6791v4 pool, random (RFC 6791 5,
 * RECOMMENDED) or the first; else the translator's own (RFC 6791 4 allows
 * "a single public IPv4 address"). In a pool of more than two addresses,
 * the network and broadcast addresses are never used.
 */
static bool rfc6791_v4(const struct xlat_cfg *cfg, const struct xlat_pkt *pkt,
		       __be32 *out)
{
	unsigned int hbits;
	u32 first, count;

	if (cfg->rfc6791v4_set) {
		hbits = cfg->rfc6791v4.len < 32 ? 32 - cfg->rfc6791v4.len : 0;
		first = hbits >= 2 ? 1 : 0;
		/* 2^hbits addresses, minus the two ends; wraps right at /0. */
		count = (hbits < 32 ? 1U << hbits : 0) - 2 * first;
		if (cfg->randomize_6791)
			first += pkt->random % count;
		*out = htonl(ntohl(cfg->rfc6791v4.addr) | first);
		return true;
	}
	if (pkt->own4) {
		*out = pkt->own4;
		return true;
	}
	return false;
}

/*
 * xlat64() on an ICMPv6 error: what can be decided from the headers alone,
 * before the glue linearizes the whole packet for xlat64_icmp_err().
 */
static enum xlat_verdict icmp_err_ahead(const struct xlat_cfg *cfg,
					const struct ipv6hdr *ip6,
					const u8 *icmp6, unsigned int off,
					struct xlat_pkt *pkt)
{
	struct icmp64_map map;
	enum jool_stat reason;
	__be32 daddr;

	if (!icmp64_err_map(icmp6, &map))
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	/* The source may fall back to RFC 6791; the destination may not. */
	reason = addr_xlat64(cfg, &ip6->daddr, &daddr, false);
	if (reason)
		return xlat_drop(pkt, reason);
	if (!partial_csum_ok(pkt, off, IPPROTO_ICMPV6))
		return xlat_drop(pkt, JOOL_STAT_CSUM_FAILED);
	pkt->reason = JOOL_STAT_ICMP_UNSUPPORTED;
	return XLAT_ICMP_ERR;
}

/**
 * xlat64() - translate an IPv6 header chain into an IPv4 header
 * @cfg: the device configuration
 * @l3: the IPv6 header; the first @linear bytes are readable and writable
 * @linear: see @l3
 * @pkt: packet metadata in, result out
 *
 * ICMPv6 errors get XLAT_ICMP_ERR once the checks that need only the
 * headers have passed: see xlat64_icmp_err().
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
	/*
	 * A forwarded packet had its hop limit checked by the forward; one
	 * the host itself sends with hop limit 0 (a raw socket) has no hop
	 * left to cross the translator.
	 */
	if (!ip6->hop_limit && !pkt->hop_bump)
		return xlat_drop(pkt, JOOL_STAT_TTL_EXPIRED);

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

	if (proto == IPPROTO_ICMPV6 && !(l4[0] & ICMPV6_INFOMSG_MASK))
		return icmp_err_ahead(cfg, ip6, l4, off, pkt);

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

/* The packet in error inside an ICMPv6 error, as far as it is there. */
struct inner6 {
	unsigned int l4off;	/* where its upper layer starts */
	unsigned int l4len;	/* upper-layer bytes of the original packet */
	u8 proto;		/* upper-layer protocol, IPv6 numbering */
	bool frag;		/* it had a fragment header */
	u16 frag_off;		/* then: offset (8-byte units) | IP_MF */
	__be16 frag_id;		/* then: low 16 bits of its identification */
	__be32 saddr;		/* translated addresses */
	__be32 daddr;
};

/*
 * RFC 7915 5.3: the packet in error is translated like a normal packet
 * (5.1), so it must pass the same checks: the extension headers 5.1 skips
 * (a routing header with segments left is not translated), a fragment
 * header (5.1.1; one followed by more extension headers is dropped), and
 * addresses that translate. Its lengths describe the original packet.
 */
static enum jool_stat inner6_parse(const struct xlat_cfg *cfg, const u8 *in,
				   unsigned int ilen, struct inner6 *inner)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)in;
	unsigned int off = sizeof(*ip6), plen;
	enum jool_stat reason;
	u8 next;

	memset(inner, 0, sizeof(*inner));
	if (ilen < sizeof(*ip6) || ip6->version != 6)
		return JOOL_STAT_ICMP_INNER_INVALID;
	next = ip6->nexthdr;
	for (;;) {
		if (next != NEXTHDR_HOP && next != NEXTHDR_DEST &&
		    next != NEXTHDR_ROUTING && next != NEXTHDR_FRAGMENT &&
		    (next != NEXTHDR_AUTH || !inner->frag))
			break;
		if (inner->frag)	/* RFC 7915 5.1.1 */
			return JOOL_STAT_ICMP_INNER_UNSUPPORTED;
		if (off + 8 > ilen)
			return JOOL_STAT_ICMP_INNER_INVALID;
		if (next == NEXTHDR_FRAGMENT) {
			u16 fo = get_be16(in + off + 2);

			inner->frag = true;
			inner->frag_off = fo >> 3;
			if (fo & FRAG6_MF)
				inner->frag_off |= IP_MF;
			inner->frag_id = htons(get_be16(in + off + 6));
			next = in[off];
			off += 8;
			continue;
		}
		if (next == NEXTHDR_ROUTING && in[off + 3])
			return JOOL_STAT_ICMP_INNER_UNSUPPORTED;
		next = in[off];
		off += (in[off + 1] + 1) * 8;
	}
	plen = ntohs(ip6->payload_len);
	if (off > ilen || sizeof(*ip6) + plen < off)
		return JOOL_STAT_ICMP_INNER_INVALID;
	inner->l4off = off;
	inner->l4len = sizeof(*ip6) + plen - off;
	inner->proto = next;

	if (next == IPPROTO_ICMPV6) {
		u8 type;

		/* RFC 7915 1.2: fragmented ICMP is not translated. */
		if (inner->frag)
			return JOOL_STAT_ICMP_INNER_UNSUPPORTED;
		if (off + 1 > ilen)
			return JOOL_STAT_ICMP_INNER_INVALID;
		/*
		 * Only echo translates; an ICMP error inside an ICMP error is
		 * "more embedded headers": RFC 7915 5.3 drops the packet.
		 */
		if (icmp6_type(in[off], &type) != XLAT_OK)
			return JOOL_STAT_ICMP_INNER_UNSUPPORTED;
	}

	/*
	 * Its source is the source of the original packet. Its addresses go
	 * through denylist4 like any packet's: the original could not have
	 * crossed the translator otherwise.
	 */
	reason = addr_xlat64(cfg, &ip6->saddr, &inner->saddr, true);
	if (!reason)
		reason = addr_xlat64(cfg, &ip6->daddr, &inner->daddr, false);
	if (reason && reason != JOOL_STAT_DENYLISTED)
		return JOOL_STAT_ICMP_INNER_UNTRANSLATABLE;
	return reason;
}

/*
 * The upper layer of the translated packet in error, @l4 (@avail bytes of it
 * there): the ICMP type, and the checksums that cover a pseudo-header,
 * updated for the new one as far as the checksum field is there (RFC 7915
 * 5.3: "just like a normal IP packet"; the checksum covers the whole
 * original packet, so it can only be updated, never recomputed).
 */
static void inner6_l4(const struct ipv6hdr *ip6, const struct inner6 *inner,
		      u8 *l4, unsigned int avail)
{
	u8 proto = inner->proto;
	__sum16 *check;
	__be16 old_word;

	/* A later fragment carries no upper-layer header; nor an empty one. */
	if ((inner->frag_off & IP_OFFSET) || !avail)
		return;
	if (proto == IPPROTO_ICMPV6) {
		if (avail < 4) {
			icmp6_type(l4[0], &l4[0]);
			return;
		}
		old_word = *(__be16 *)l4;
		icmp6_type(l4[0], &l4[0]);
		check = l4_check_field(l4, proto);
		csum_swap(check,
			  csum_add(pseudo6_sum(&ip6->saddr, &ip6->daddr,
					       inner->l4len, proto),
				   (__force __wsum)old_word),
			  (__force __wsum)*(__be16 *)l4);
		return;
	}
	if ((proto != IPPROTO_TCP || avail < TCP_CHECK_END) &&
	    (proto != IPPROTO_UDP || avail < UDP_CHECK_END))
		return;
	check = l4_check_field(l4, proto);
	/* IPv4 UDP without a checksum stays without. */
	if (proto == IPPROTO_UDP && !*check)
		return;
	csum_swap(check, pseudo6_sum(&ip6->saddr, &ip6->daddr, inner->l4len,
				     proto),
		  pseudo4_sum(inner->saddr, inner->daddr, inner->l4len, proto));
	if (proto == IPPROTO_UDP && !*check)
		*check = CSUM_MANGLED_0;
}

/*
 * Writes the first @copy bytes of the packet in error @in, translated (RFC
 * 7915 5.3: as a normal packet, 5.1 and 5.1.1, but with its hop limit
 * untouched).
 */
static void inner6_write(const struct xlat_cfg *cfg, const u8 *in,
			 const struct inner6 *inner, u8 *out,
			 unsigned int copy)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)in;
	const unsigned int hlen = sizeof(struct iphdr);
	__be16 frag_off;

	if (inner->frag)
		frag_off = htons(inner->frag_off);
	else
		frag_off = df_by_size(hlen + inner->l4len);
	fill_ipv4(cfg, ip6, (struct iphdr *)out, inner->saddr, inner->daddr,
		  inner->proto == IPPROTO_ICMPV6 ? IPPROTO_ICMP : inner->proto,
		  hlen + inner->l4len, ip6->hop_limit,
		  inner->frag ? inner->frag_id : 0, frag_off);
	memcpy(out + hlen, in + inner->l4off, copy - hlen);
	inner6_l4(ip6, inner, out + hlen, copy - hlen);
}

/**
 * xlat64_icmp_err() - translate an ICMPv6 error message into ICMPv4
 * @cfg: the device configuration
 * @in: the whole IPv6 packet
 * @len: its length (stored in &xlat_pkt.len too)
 * @out: where the IPv4 packet goes
 * @outmax: room in @out (at least %XLAT_ICMP_ERR_OUTMAX)
 * @pkt: packet metadata in (hop_bump, ipv4_id, random, own4, mtu4, mtu6),
 *	&xlat_pkt.new_len or &xlat_pkt.reason out
 *
 * RFC 7915 5.2 and 5.3: the ICMPv6 checksum is verified (a corrupt error is
 * not given a fresh checksum); the type and code are mapped, or the packet
 * dropped; the packet in error is translated like a normal packet, without
 * touching its TTL, and cut to fit 576 bytes (RFC 1812 4.3.2.3); an RFC 4884
 * extension structure follows it, re-aligned to 32-bit words, with the
 * length attribute to match. The ICMPv4 checksum is computed afresh. A
 * source without an IPv4 translation is replaced according to RFC 6791.
 *
 * Return: XLAT_OK with the packet in @out, or XLAT_DROP.
 */
enum xlat_verdict xlat64_icmp_err(const struct xlat_cfg *cfg, const u8 *in,
				  unsigned int len, u8 *out,
				  unsigned int outmax, struct xlat_pkt *pkt)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)in;
	const unsigned int hdrs = sizeof(struct iphdr) + 8;
	unsigned int off, mlen, blen, orig, ilen, ext, dgram, copy, field;
	unsigned int total, budget;
	const u8 *icmp6, *body;
	struct icmp64_map map;
	struct inner6 inner;
	enum xlat_verdict verdict;
	enum jool_stat reason;
	__be32 saddr, daddr;
	u8 proto, *icmp4;

	pkt->len = len;
	if (len < sizeof(*ip6))
		return xlat_drop(pkt, JOOL_STAT_HDR6_TRUNCATED);
	if (ip6->version != 6)
		return xlat_drop(pkt, JOOL_STAT_PROTO_MISMATCH);
	if (ntohs(ip6->payload_len) + sizeof(*ip6) != len)
		return xlat_drop(pkt, JOOL_STAT_HDR6_TRUNCATED);
	/* A fragment header is dropped here too (RFC 7915 1.2). */
	verdict = skip_ext6(in, len, pkt, &off, &proto);
	if (verdict != XLAT_OK)
		return verdict;
	if (proto != IPPROTO_ICMPV6)
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	mlen = len - off;
	if (mlen < 8)
		return xlat_drop(pkt, JOOL_STAT_L4_TRUNCATED);
	icmp6 = in + off;
	if (csum_ipv6_magic(&ip6->saddr, &ip6->daddr, mlen, IPPROTO_ICMPV6,
			    csum_partial(icmp6, mlen, 0)))
		return xlat_drop(pkt, JOOL_STAT_ICMP_CSUM);
	if (!icmp64_err_map(icmp6, &map))
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);

	reason = addr_xlat64(cfg, &ip6->daddr, &daddr, false);
	if (reason)
		return xlat_drop(pkt, reason);
	/* Jool's rule: denylist4 spares the source of an ICMP error. */
	if (addr_translate64(cfg, &ip6->saddr, &saddr, ADDR_SRC | ADDR_ERR_SRC,
			     NULL) &&
	    !rfc6791_v4(cfg, pkt, &saddr))
		return xlat_drop(pkt, JOOL_STAT_ICMP_NO_SOURCE);

	/* RFC 4884: the length attribute counts 64-bit words. */
	body = icmp6 + 8;
	blen = mlen - 8;
	orig = icmp_ext_split(map.ext ? icmp6[4] * 8 : 0, blen);
	reason = inner6_parse(cfg, body, orig, &inner);
	if (reason)
		return xlat_drop(pkt, reason);
	ilen = orig;
	ext = blen - orig;
	if (ext)	/* the rest of the field is padding */
		ilen = min(ilen, inner.l4off + inner.l4len);
	dgram = sizeof(struct iphdr) + ilen - inner.l4off;

	if (outmax < XLAT_ICMP_ERR_OUTMAX)
		return xlat_drop(pkt, JOOL_STAT_ENOMEM);
	budget = XLAT_ICMP4_ERR_MAX - hdrs;
	field = icmp_ext_layout(budget, 4, dgram, &ext, &copy);
	total = hdrs + field + ext;

	/* The ICMPv4 header (RFC 792; RFC 4884 4.1-4.3; RFC 1191 4). */
	icmp4 = out + sizeof(struct iphdr);
	memset(icmp4, 0, 8);
	icmp4[0] = map.type;
	icmp4[1] = map.code;
	if (icmp6[0] == ICMPV6_PKT_TOOBIG)
		put_be16(icmp4 + 6, ptb_mtu64(get_be32(icmp6 + 4), pkt));
	else if (map.type == ICMP_PARAMETERPROB)
		icmp4[4] = map.ptr;
	if (ext)
		icmp4[5] = field / 4;

	inner6_write(cfg, body, &inner, icmp4 + 8, copy);
	memset(icmp4 + 8 + copy, 0, field - copy);
	memcpy(icmp4 + 8 + field, body + orig, ext);

	*(__sum16 *)(icmp4 + 2) = icmp_csum(icmp4,
					    total - sizeof(struct iphdr));
	fill_ipv4(cfg, ip6, (struct iphdr *)out, saddr, daddr, IPPROTO_ICMP,
		  total, ip6->hop_limit + pkt->hop_bump, pkt->ipv4_id,
		  df_by_size(total));
	pkt->new_len = total;
	return XLAT_OK;
}
