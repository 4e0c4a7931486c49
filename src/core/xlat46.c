// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 -> IPv6 translation (RFC 7915 section 4).
 *
 * Same contract as xlat64.c. jool_xlat46(): checks first, then the upper-layer
 * checksum (and ICMP type) is updated in place and the new IPv6 header is
 * built in pkt->hdr. jool_xlat46_icmp_err(): ICMPv4 error messages (RFC
 * 7915 4.2, 4.3), whole, into a separate buffer.
 */
#include "core/addr.h"
#include "core/csum.h"
#include "core/hairpin.h"
#include "core/icmp_err.h"
#include "core/nat64.h"
#include "common.h"

/*
 * RFC 7915 4.2, query messages: echo and echo reply become types 128 and
 * 129; the obsolete and single-hop ones (information, timestamp, address
 * mask, router advertisement and solicitation) and unknown ones are dropped.
 */
static enum xlat_verdict icmp4_type(u8 type, u8 *out)
{
	return jool_icmp_echo_type(type, false, out);
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
 * here (see src/frag4.c).
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
		  ip4->ttl + pkt->hop_bump + jool_hairpin_hops(pkt));
	if (frag)
		fill_frag_hdr(ip4, (struct frag_hdr *)(pkt->hdr.raw +
						       sizeof(struct ipv6hdr)),
			      proto);
	pkt->new_l3len = sizeof(struct ipv6hdr) + fhlen;
}

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
static bool icmp46_err_map(const u8 *icmp, struct icmp_err_map *m)
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

/**
 * jool_ipv4_hdr_valid() - the checks of an IPv4 header
 * @l3: the IPv4 header
 * @linear: bytes readable at @l3
 * @pkt: &xlat_pkt.len in; &xlat_pkt.need or &xlat_pkt.reason out
 *
 * Version, lengths and checksum, with the whole header (options included,
 * which the checksum covers) linear. Shared by jool_xlat46() and
 * jool_nat64_tuple().
 *
 * Return: XLAT_OK, XLAT_MORE or XLAT_DROP.
 */
enum xlat_verdict jool_ipv4_hdr_valid(const u8 *l3, unsigned int linear,
				      struct xlat_pkt *pkt)
{
	const struct iphdr *ip4 = (const struct iphdr *)l3;
	enum xlat_verdict verdict;
	unsigned int ihl;

	verdict = xlat_l3_start(l3, linear, pkt, sizeof(*ip4), 4,
				JOOL_STAT_HDR4_INVALID);
	if (verdict != XLAT_OK)
		return verdict;
	ihl = ip4->ihl * 4;
	if (ihl < sizeof(*ip4) || ihl > pkt->len ||
	    ntohs(ip4->tot_len) != pkt->len)
		return xlat_drop(pkt, JOOL_STAT_HDR4_INVALID);
	if (linear < ihl)
		return xlat_more(pkt, ihl);
	if (ip_fast_csum(ip4, ip4->ihl))
		return xlat_drop(pkt, JOOL_STAT_HDR4_INVALID);
	return XLAT_OK;
}

/*
 * The new addresses: SIIT's from pool6 and the EAMT (RFC 7915 4.1; RFC
 * 7757 4: a hairpinned packet's EAM'd source becomes pool6's), NAT64's
 * from the session (RFC 6146 3.7).
 */
static enum jool_stat addrs46(const struct xlat_cfg *cfg,
			      struct xlat_pkt *pkt, const struct iphdr *ip4,
			      struct in6_addr *saddr, struct in6_addr *daddr)
{
	enum jool_stat reason;

	pkt->hairpinned = false;
	if (pkt->nat64_t6) {
		*saddr = pkt->nat64_t6->src.addr;
		*daddr = pkt->nat64_t6->dst.addr;
		return 0;
	}
	reason = jool_addr_xlat46_hp(cfg, ip4->saddr, saddr, ADDR_SRC,
				     jool_xlat_hairpin(cfg, pkt),
				     &pkt->hairpinned);
	if (!reason)
		reason = jool_addr_xlat46(cfg, ip4->daddr, daddr, false);
	return reason;
}

/**
 * jool_xlat46_icmp_prep() - translate the ICMP header of a whole IPv4 packet
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
 * is left for jool_xlat46(). The checksum is computed for the addresses
 * jool_xlat46() will write, so @pkt's &xlat_pkt.hairpin must be what the
 * fragments' will be (see jool_xlat_hairpin()). NAT64
 * (&xlat_pkt.nat64_t6): the session's addresses and identifier.
 *
 * Return: XLAT_OK, XLAT_MORE or XLAT_DROP (what jool_xlat46() would do with the
 * whole packet: the glue drops it).
 */
enum xlat_verdict jool_xlat46_icmp_prep(const struct xlat_cfg *cfg, u8 *l3,
					unsigned int linear,
					struct xlat_pkt *pkt)
{
	struct iphdr *ip4 = (struct iphdr *)l3;
	struct in6_addr saddr, daddr;
	enum xlat_verdict verdict;
	enum jool_stat reason;
	__wsum old = 0, new = 0;
	unsigned int ihl;
	u8 type;

	verdict = jool_ipv4_hdr_valid(l3, linear, pkt);
	if (verdict != XLAT_OK)
		return verdict;
	ihl = ip4->ihl * 4;
	if (ip4->protocol != IPPROTO_ICMP ||
	    (ip4->frag_off & htons(IP_MF | IP_OFFSET)))
		return xlat_drop(pkt, JOOL_STAT_FRAGMENT);
	if (pkt->csum_partial)
		return xlat_drop(pkt, JOOL_STAT_CSUM_PARTIAL_LAYOUT);
	if (ihl + 8 > pkt->len)
		return xlat_drop(pkt, JOOL_STAT_L4_TRUNCATED);
	if (ihl + 8 > linear)
		return xlat_more(pkt, ihl + 8);
	if (icmp4_type(l3[ihl], &type) != XLAT_OK)
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	/* The addresses each fragment will get: a hairpin's is pool6's. */
	reason = addrs46(cfg, pkt, ip4, &saddr, &daddr);
	if (reason)
		return xlat_drop(pkt, reason);
	if (pkt->nat64_t6)
		jool_nat64_l4_ports(l3 + ihl, 8, IPPROTO_ICMP,
				    pkt->nat64_t6->src.port,
				    pkt->nat64_t6->dst.port, &old, &new);
	jool_icmp_csum_retype(l3 + ihl, type, old,
			      csum_add(new, jool_pseudo6_sum(&saddr, &daddr,
							     pkt->len - ihl,
							     IPPROTO_ICMPV6)));
	return XLAT_OK;
}

/*
 * ICMPv4 errors (RFC 7915 4.2, 4.3): the operations of jool_icmp_err_xlat() for
 * this direction.
 */

static enum xlat_verdict err46_outer(struct icmp_err_ctx *ctx)
{
	const struct iphdr *ip4 = (const struct iphdr *)ctx->in;
	struct xlat_pkt *pkt = ctx->pkt;
	unsigned int ihl;

	if (pkt->len < sizeof(*ip4))
		return xlat_drop(pkt, JOOL_STAT_HDR4_INVALID);
	if (ip4->version != 4)
		return xlat_drop(pkt, JOOL_STAT_PROTO_MISMATCH);
	ihl = ip4->ihl * 4;
	if (ihl < sizeof(*ip4) || ihl > pkt->len ||
	    ntohs(ip4->tot_len) != pkt->len || ip_fast_csum(ip4, ip4->ihl))
		return xlat_drop(pkt, JOOL_STAT_HDR4_INVALID);
	/* RFC 7915 1.2: fragmented ICMP is not translated. */
	if (ip4->frag_off & htons(IP_MF | IP_OFFSET))
		return xlat_drop(pkt, JOOL_STAT_FRAGMENT);
	if (ip4->protocol != IPPROTO_ICMP)
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	ctx->off = ihl;
	return XLAT_OK;
}

static bool err46_bad_csum(const struct icmp_err_ctx *ctx)
{
	return icmp_csum(ctx->in + ctx->off, ctx->mlen) != 0;
}

/*
 * RFC 4884: all three types have the length attribute, in 32-bit words; it
 * delimits the datagram even when the new type cannot carry the extension
 * on.
 */
static unsigned int err46_attr(const struct icmp_err_ctx *ctx)
{
	return ctx->in[ctx->off + 5] * 4;
}

static enum jool_stat err46_daddr(const struct xlat_cfg *cfg, const u8 *l3,
				  union xlat_addr *out)
{
	return jool_addr_xlat46(cfg, ((const struct iphdr *)l3)->daddr,
				&out->v6, false);
}

/*
 * Jool's rule: denylist4 spares the source of an ICMP error. RFC 7757 4:
 * an error from the node the quoted packet was sent to comes from the name
 * it was sent to.
 */
static bool err46_saddr(struct icmp_err_ctx *ctx, const u8 *body,
			unsigned int orig)
{
	const struct iphdr *ip4 = (const struct iphdr *)ctx->in;
	struct xlat_pkt *pkt = ctx->pkt;
	bool hp;

	pkt->hairpinned = false;
	ctx->hairpin = jool_xlat_hairpin(ctx->cfg, pkt);
	hp = ctx->hairpin && orig >= sizeof(struct iphdr) &&
	     ip4->saddr == ((const struct iphdr *)body)->daddr;
	return !jool_addr_xlat46_hp(ctx->cfg, ip4->saddr, &ctx->saddr.v6,
				    ADDR_SRC | ADDR_ERR_SRC, hp,
				    &pkt->hairpinned) ||
	       rfc6791_v6(ctx->cfg, pkt, &ctx->saddr.v6);
}

/*
 * RFC 7915 4.3: the packet in error is translated like a normal packet
 * (4.1), so it must pass the same checks (an ICMP one: jool_icmp_err_xlat()).
 * Its lengths describe the original packet.
 */
static enum jool_stat err46_inner_parse(const u8 *in, unsigned int ilen,
					struct icmp_inner *inner)
{
	const struct iphdr *ip4 = (const struct iphdr *)in;
	unsigned int tot;

	memset(inner, 0, sizeof(*inner));
	if (ilen < sizeof(*ip4) || ip4->version != 4)
		return JOOL_STAT_ICMP_INNER_INVALID;
	inner->l4off = ip4->ihl * 4;
	tot = ntohs(ip4->tot_len);
	if (inner->l4off < sizeof(*ip4) || inner->l4off > ilen ||
	    tot < inner->l4off)
		return JOOL_STAT_ICMP_INNER_INVALID;
	/* jool_xlat46() drops these: the original never crossed. */
	if (ip4->protocol == IPPROTO_ICMPV6 || ip4->protocol == IPPROTO_IGMP)
		return JOOL_STAT_ICMP_INNER_UNSUPPORTED;
	inner->l4len = tot - inner->l4off;
	inner->proto = ip4->protocol;
	inner->frag_off = ntohs(ip4->frag_off) & (IP_MF | IP_OFFSET);
	inner->frag = inner->frag_off;
	return 0;
}

/*
 * SIIT's &icmp_err_ctx.xlat_inner, 4->6. Its source is the source of the
 * original packet. Its addresses go through denylist4 like any packet's:
 * the original could not have crossed the translator otherwise. In a
 * hairpinned error, it is the packet the IPv6 node sent to a pool6 name
 * (RFC 7757 4): its destination goes back to that name, not to its EAM.
 */
static enum jool_stat siit_inner46(struct icmp_err_ctx *ctx, const u8 *l3,
				   struct icmp_inner *inner)
{
	const struct iphdr *ip4 = (const struct iphdr *)l3;
	enum jool_stat reason;

	reason = jool_addr_xlat46(ctx->cfg, ip4->saddr, &inner->saddr.v6, true);
	if (!reason)
		reason = jool_addr_xlat46_hp(ctx->cfg, ip4->daddr,
					     &inner->daddr.v6, 0, ctx->hairpin,
					     &ctx->pkt->hairpinned);
	return jool_icmp_inner_reason(reason);
}

/* Its IPv6 headers: a fragment header if it was a fragment. */
static unsigned int err46_inner_hlen(const struct icmp_inner *inner)
{
	return sizeof(struct ipv6hdr) +
	       (inner->frag ? sizeof(struct frag_hdr) : 0);
}

/*
 * RFC 7915 4.3: as a normal packet, 4.1 and 4.1.1, a fragment header if it
 * was a fragment, but with its TTL untouched.
 */
static void err46_inner_l3(const struct icmp_err_ctx *ctx, const u8 *l3,
			   u8 *out)
{
	const struct iphdr *ip4 = (const struct iphdr *)l3;
	const struct icmp_inner *inner = &ctx->inner;
	u8 proto = inner->proto == IPPROTO_ICMP ? IPPROTO_ICMPV6 : inner->proto;
	unsigned int hlen = err46_inner_hlen(inner);

	fill_ipv6(ctx->cfg, ip4, (struct ipv6hdr *)out, &inner->saddr.v6,
		  &inner->daddr.v6, inner->frag ? NEXTHDR_FRAGMENT : proto,
		  hlen - sizeof(struct ipv6hdr) + inner->l4len, ip4->ttl);
	if (inner->frag)
		fill_frag_hdr(ip4, (struct frag_hdr *)(out +
						       sizeof(struct ipv6hdr)),
			      proto);
}

/* ICMPv6 adds a pseudo-header; ICMPv4 has none. */
static void err46_inner_sums(const struct icmp_err_ctx *ctx, const u8 *l3,
			     __wsum *old, __wsum *new)
{
	const struct iphdr *ip4 = (const struct iphdr *)l3;
	const struct icmp_inner *inner = &ctx->inner;
	bool icmp = inner->proto == IPPROTO_ICMP;

	*old = 0;
	if (!icmp)
		*old = jool_pseudo4_sum(ip4->saddr, ip4->daddr, inner->l4len,
					inner->proto);
	*new = jool_pseudo6_sum(&inner->saddr.v6, &inner->daddr.v6,
				inner->l4len,
				icmp ? IPPROTO_ICMPV6 : inner->proto);
}

/* The second word of the ICMPv6 header (RFC 4443 3). */
static void err46_icmp_hdr(const struct icmp_err_ctx *ctx, u8 *icmp6)
{
	const u8 *icmp = ctx->in + ctx->off;

	if (ctx->map.type == ICMPV6_PKT_TOOBIG)
		put_be32(icmp6 + 4,
			 ptb_mtu46(ctx->cfg, ctx->pkt, get_be16(icmp + 6),
				   ctx->inner.l4off + ctx->inner.l4len));
	else if (ctx->map.type == ICMPV6_PARAMPROB)
		put_be32(icmp6 + 4, ctx->map.ptr);
}

static void err46_finish(const struct icmp_err_ctx *ctx, u8 *out,
			 unsigned int total)
{
	const struct iphdr *ip4 = (const struct iphdr *)ctx->in;
	unsigned int icmplen = total - sizeof(struct ipv6hdr);
	u8 *icmp6 = out + sizeof(struct ipv6hdr);

	*(__sum16 *)(icmp6 + 2) =
		csum_ipv6_magic(&ctx->saddr.v6, &ctx->daddr.v6, icmplen,
				IPPROTO_ICMPV6,
				csum_partial(icmp6, icmplen, 0));
	fill_ipv6(ctx->cfg, ip4, (struct ipv6hdr *)out, &ctx->saddr.v6,
		  &ctx->daddr.v6, IPPROTO_ICMPV6, icmplen,
		  ip4->ttl + ctx->pkt->hop_bump + jool_hairpin_hops(ctx->pkt));
}

/*
 * NAT64's &icmp_err_ops.nat64_outer, 4->6 (RFC 6146 3.7): the error goes to
 * the IPv6 end of the session's tuple. Its source, by
 * "source-icmpv6-errors-better" (Jool's global): true, the error's IPv4
 * source with pool6 (as RFC 6052 puts any IPv4 address; RFC 6791 without
 * pool6), so that a router on the way is seen as itself (traceroute);
 * false, the tuple's source, as RFC 6146 computes it: the destination of
 * the packet in error, whoever answered for it.
 */
static bool nat64_outer46(struct icmp_err_ctx *ctx)
{
	const struct iphdr *ip4 = (const struct iphdr *)ctx->in;

	ctx->daddr.v6 = ctx->pkt->nat64_t6->dst.addr;
	if (!ctx->cfg->nat64.src_icmp6_better) {
		ctx->saddr.v6 = ctx->pkt->nat64_t6->src.addr;
		return true;
	}
	if (!ctx->cfg->pool6_set)
		return rfc6791_v6(ctx->cfg, ctx->pkt, &ctx->saddr.v6);
	jool_rfc6052_4to6(&ctx->cfg->pool6, ip4->saddr, &ctx->saddr.v6);
	return true;
}

const struct icmp_err_ops jool_icmp46_ops = {
	.l3len = sizeof(struct ipv6hdr),
	.max = XLAT_ICMP6_ERR_MAX,
	.unit = 8,
	.attr_at = 4,
	.icmp_proto = IPPROTO_ICMP,
	.outer = err46_outer,
	.bad_csum = err46_bad_csum,
	.map = icmp46_err_map,
	.attr = err46_attr,
	.daddr = err46_daddr,
	.saddr = err46_saddr,
	.inner_parse = err46_inner_parse,
	.inner_hlen = err46_inner_hlen,
	.inner_l3 = err46_inner_l3,
	.inner_sums = err46_inner_sums,
	.echo_type = icmp4_type,
	.icmp_hdr = err46_icmp_hdr,
	.finish = err46_finish,
	.siit_inner = siit_inner46,
	.nat64_outer = nat64_outer46,
};

/**
 * jool_xlat46_icmp_err() - translate an ICMPv4 error message into ICMPv6
 * @cfg: the device configuration
 * @in: the whole IPv4 packet
 * @len: its length (stored in &xlat_pkt.len too)
 * @out: where the IPv6 packet goes
 * @outmax: room in @out (at least %XLAT_ICMP_ERR_OUTMAX)
 * @pkt: packet metadata in (hop_bump, random, own6, mtu4, mtu6, nat64_t6),
 *	&xlat_pkt.new_len or &xlat_pkt.reason out
 *
 * RFC 7915 4.2 and 4.3, see jool_icmp_err_xlat(): the packet in error is
 * translated like a normal packet, without touching its TTL, and cut so
 * that the ICMPv6 error fits the minimum IPv6 MTU (RFC 4443 2.4 (c)); an
 * RFC 4884 extension structure is re-aligned to 64-bit words. A source
 * without an IPv6 translation is replaced according to RFC 6791. In a
 * hairpinned error (RFC 7757 4, see src/core/hairpin.c), the quoted
 * packet's destination and, when it is the same node, the error's source
 * are translated with pool6, not their EAMs.
 *
 * Return: XLAT_OK with the packet in @out, or XLAT_DROP.
 */
enum xlat_verdict jool_xlat46_icmp_err(const struct xlat_cfg *cfg, const u8 *in,
				       unsigned int len, u8 *out,
				       unsigned int outmax,
				       struct xlat_pkt *pkt)
{
	return jool_icmp_err_xlat(&jool_icmp46_ops, pkt->nat64_t6, cfg, in, len,
				  out, outmax, pkt);
}

/* jool_xlat46()'s checks of the IPv4 header: XLAT_OK if they all pass. */
static enum xlat_verdict ipv4_checks(const u8 *l3, unsigned int linear,
				     struct xlat_pkt *pkt)
{
	const struct iphdr *ip4 = (const struct iphdr *)l3;
	enum xlat_verdict verdict;
	unsigned int ihl;

	verdict = jool_ipv4_hdr_valid(l3, linear, pkt);
	if (verdict != XLAT_OK)
		return verdict;
	ihl = ip4->ihl * 4;
	/* As in jool_xlat64(): a local packet sent with TTL 0 goes nowhere. */
	if (!ip4->ttl && !pkt->hop_bump)
		return xlat_drop(pkt, JOOL_STAT_TTL_EXPIRED);
	if (unfinished_source_route(l3 + sizeof(*ip4), ihl - sizeof(*ip4)))
		return xlat_drop(pkt, JOOL_STAT_SRC_ROUTE);
	return XLAT_OK;
}

/*
 * RFC 7915 4.5: IPv6 has no zero UDP checksum. Computing one reads the
 * whole payload, so it is optional (amend-udp-checksum-zero); we leave the
 * summing to the stack by making the packet CHECKSUM_PARTIAL. Not for a
 * fragment (@frag): the rest of the datagram is in other packets.
 *
 * A packet that already is CHECKSUM_PARTIAL for a checksum further in (a
 * tunnel over UDP, such as VXLAN, carrying TCP) cannot have a second one
 * left to the stack, but needs no payload summing either: once the stack
 * fills the inner checksum in, the bytes it covers sum to the complement
 * of what its field holds now (local checksum offload), so only the bytes
 * in between are read. Sets @lco then; the bytes up to the inner checksum
 * field must be linear (@linear bytes of @l3 are).
 */
static enum xlat_verdict udp_csum0(const struct xlat_cfg *cfg, const u8 *l3,
				   unsigned int linear, bool frag,
				   struct xlat_pkt *pkt, bool *lco)
{
	unsigned int ihl = (l3[0] & 0xf) * 4, end;
	enum partial_at at = partial_csum_at(pkt, ihl, IPPROTO_UDP);

	*lco = false;
	if (at == PARTIAL_OUTER || at == PARTIAL_BAD ||
	    ((const struct udphdr *)(l3 + ihl))->check)
		return XLAT_OK;
	if (frag)
		return xlat_drop(pkt, JOOL_STAT_FRAG_UDP_CSUM0);
	if (!cfg->amend_udp_csum0)
		return xlat_drop(pkt, JOOL_STAT_UDP_ZERO_CSUM);
	if (at == PARTIAL_NONE) {
		pkt->csum_now_partial = true;
		return XLAT_OK;
	}
	end = pkt->csum_start + pkt->csum_offset + sizeof(__sum16);
	if (end > linear)
		return xlat_more(pkt, end);
	*lco = true;
	return XLAT_OK;
}

/*
 * The UDP checksum of a packet whose own checksum field is zero and whose
 * inner one (at &xlat_pkt.csum_start) is left to the stack: see
 * udp_csum0(). @l3 is the IPv4 header, @l4len the UDP length.
 */
static __sum16 udp_csum_lco(const u8 *l3, const struct xlat_pkt *pkt,
			    unsigned int l4len, const struct in6_addr *saddr,
			    const struct in6_addr *daddr)
{
	unsigned int ihl = (l3[0] & 0xf) * 4;
	__sum16 inner = (__force __sum16)htons(get_be16(l3 + pkt->csum_start +
							pkt->csum_offset));
	__wsum sum = csum_partial(l3 + ihl, pkt->csum_start - ihl,
				  ~csum_unfold(inner));
	__sum16 check = csum_ipv6_magic(saddr, daddr, l4len, IPPROTO_UDP, sum);

	return check ? check : CSUM_MANGLED_0;
}

/*
 * The upper layer @l4 (@l4len bytes) of a packet whose every check passed:
 * its checksum for the new pseudo-header, an ICMP type (@icmp_type). Only
 * a partial checksum of its own is re-seeded; one further in (a tunnelled
 * packet's) makes ours a full one, updated like any other, or a zero UDP
 * one to compute from the headers (@lco, see udp_csum0()).
 */
static void l4_update46(const struct iphdr *ip4, const struct xlat_pkt *pkt,
			u8 *l4, unsigned int l4len, u8 icmp_type, bool lco,
			const struct in6_addr *saddr,
			const struct in6_addr *daddr)
{
	const struct jool_tuple6 *t6 = pkt->nat64_t6;
	u8 proto = ip4->protocol;
	__wsum old = 0, new = 0;

	/* NAT64: the ports too; the checksum covers them (not when partial). */
	if (t6)
		jool_nat64_l4_ports(l4, l4len, proto, t6->src.port,
				    t6->dst.port, &old, &new);
	if (proto == IPPROTO_ICMP) {
		jool_icmp_csum_retype(l4, icmp_type, old,
				      csum_add(new,
					       jool_pseudo6_sum(saddr, daddr,
								l4len,
								IPPROTO_ICMPV6)));
	} else if (lco) {
		((struct udphdr *)l4)->check =
			udp_csum_lco((const u8 *)ip4, pkt, l4len, saddr, daddr);
	} else if (pkt->csum_now_partial ||
		   partial_csum_ours(pkt, ip4->ihl * 4)) {
		*jool_l4_check_field(l4, proto) =
			~csum_ipv6_magic(saddr, daddr, l4len, proto, 0);
	} else {
		/*
		 * In a first fragment, l4len is not the length the
		 * pseudo-headers hold; it cancels out, only the addresses
		 * make a difference.
		 */
		jool_l4_csum_xlat(l4, proto,
				  csum_add(old, jool_pseudo4_sum(ip4->saddr,
								 ip4->daddr,
								 l4len, proto)),
				  csum_add(new, jool_pseudo6_sum(saddr, daddr,
								 l4len,
								 proto)));
	}
}

/*
 * An IPv4 packet with DF is never cut (RFC 7915 4.1); one whose translation
 * does not fit the route it takes (&xlat_pkt.mtu6, if the glue knows it)
 * would get "packet too big" from the IPv6 forward, sent to an address that
 * stands for the sender and translated back second hand. The translator
 * drops it and answers itself, as the router it is to the sender: RFC 1191
 * "fragmentation needed", with the MTU that fits once the IPv6 header
 * (@new_l3 bytes) replaces the IPv4 one (@ihl). A GSO packet is measured
 * by one of its segments (@l4min: its upper-layer header is at @l4).
 */
static bool too_big46(const struct iphdr *ip4, struct xlat_pkt *pkt,
		      const u8 *l4, unsigned int l4min, unsigned int new_l3)
{
	unsigned int ihl = ip4->ihl * 4, len = new_l3 + pkt->len - ihl;
	unsigned int l4hdr;

	if (!pkt->mtu6 || !(ip4->frag_off & htons(IP_DF)))
		return false;
	if (pkt->gso_size && l4min) {
		l4hdr = ip4->protocol == IPPROTO_TCP ?
			((const struct tcphdr *)l4)->doff * 4 : l4min;
		len = min(len, new_l3 + l4hdr + pkt->gso_size);
	}
	if (len <= pkt->mtu6)
		return false;
	pkt->err_mtu = pkt->mtu6 + ihl > new_l3 + 68 ?
		       pkt->mtu6 + ihl - new_l3 : 68;
	return true;
}

/**
 * jool_xlat46() - translate an IPv4 header into an IPv6 header
 * @cfg: the device configuration
 * @l3: the IPv4 header; the first @linear bytes are readable and writable
 * @linear: see @l3
 * @pkt: packet metadata in, result out
 *
 * ICMPv4 errors get XLAT_ICMP_ERR once the checks that need only the
 * headers have passed: see jool_xlat46_icmp_err().
 *
 * Fragments (MF or an offset) get a Fragment Header (RFC 7915 4.1): the
 * first one has its TCP or UDP checksum updated like a whole packet; a
 * later one carries no upper-layer header and only its L3 header changes.
 * Fragmented ICMPv4 is dropped (RFC 7915 1.2: the ICMPv6 checksum covers
 * a pseudo-header, which needs the whole message; but see
 * jool_xlat46_icmp_prep() and &xlat_pkt.icmp6_ready), and so is a first
 * fragment of UDP with a zero checksum, amend-udp-checksum-zero or not
 * (4.5: the checksum would need the whole datagram). Its later fragments
 * carry no UDP header and cannot be told apart: they are translated, and
 * never reassemble without their first fragment.
 *
 * NAT64 (&xlat_pkt.nat64_t6, RFC 6146 3.7): as jool_xlat64().
 *
 * Return: see &enum xlat_verdict.
 */
enum xlat_verdict jool_xlat46(const struct xlat_cfg *cfg, u8 *l3,
			      unsigned int linear, struct xlat_pkt *pkt)
{
	struct iphdr *ip4 = (struct iphdr *)l3;
	struct in6_addr saddr, daddr;
	unsigned int ihl, l4len, l4min;
	enum xlat_verdict verdict;
	enum jool_stat reason;
	u8 proto, icmp_type = 0;
	bool frag, later, lco = false;
	u8 *l4;

	verdict = ipv4_checks(l3, linear, pkt);
	if (verdict != XLAT_OK)
		return verdict;
	ihl = ip4->ihl * 4;
	proto = ip4->protocol;
	frag = ip4->frag_off & htons(IP_MF | IP_OFFSET);
	later = ip4->frag_off & htons(IP_OFFSET);
	/*
	 * RFC 7915 4.2: IGMP is single-hop, or routing-protocol traffic that
	 * has no business crossing a translator: silently dropped.
	 */
	if (proto == IPPROTO_IGMP)
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	/*
	 * ICMPv6 is IPv6's: RFC 7915 4.1 makes ICMPv4 into ICMPv6, so an
	 * ICMPv6 message copied across would reach IPv6 as one that was never
	 * translated (4.2, 4.3). Every fragment names the protocol.
	 */
	if (proto == IPPROTO_ICMPV6)
		return xlat_drop(pkt, JOOL_STAT_PROTO_UNTRANSLATABLE);
	if (frag && proto == IPPROTO_ICMP && !pkt->icmp6_ready)
		return xlat_drop(pkt, JOOL_STAT_FRAGMENT);
	/* The kernel never fragments a CHECKSUM_PARTIAL packet. */
	if (frag && pkt->csum_partial)
		return xlat_drop(pkt, JOOL_STAT_CSUM_PARTIAL_LAYOUT);
	l4min = later || pkt->icmp6_ready ? 0 : l4_min_len(proto);
	verdict = xlat_l4_reach(ihl + l4min, linear, pkt);
	if (verdict != XLAT_OK)
		return verdict;
	l4 = l3 + ihl;
	l4len = pkt->len - ihl;

	if (l4min && proto == IPPROTO_ICMP && (l4[0] == ICMP_DEST_UNREACH ||
						l4[0] == ICMP_TIME_EXCEEDED ||
						l4[0] == ICMP_PARAMETERPROB))
		return jool_icmp_err_ahead(&jool_icmp46_ops, pkt->nat64_t6, cfg,
					   l3, ihl, pkt);
	if (l4min && proto == IPPROTO_ICMP &&
	    icmp4_type(((struct icmphdr *)l4)->type, &icmp_type) != XLAT_OK)
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	if (l4min && proto == IPPROTO_UDP) {
		verdict = udp_csum0(cfg, l3, linear, frag, pkt, &lco);
		if (verdict != XLAT_OK)
			return verdict;
	}

	reason = addrs46(cfg, pkt, ip4, &saddr, &daddr);
	if (reason)
		return xlat_drop(pkt, reason);
	if (!partial_csum_ok(pkt, ihl, proto))
		return xlat_drop(pkt, JOOL_STAT_CSUM_PARTIAL_LAYOUT);
	if (too_big46(ip4, pkt, l4, l4min, sizeof(struct ipv6hdr) +
		      (frag ? sizeof(struct frag_hdr) : 0)))
		return xlat_drop(pkt, JOOL_STAT_TOO_BIG);

	/*
	 * Every check passed; from here on the packet is changed. A later
	 * fragment (l4min 0) has no upper-layer header to change.
	 */
	if (l4min && jool_l4_check_field(l4, proto))
		l4_update46(ip4, pkt, l4, l4len, icmp_type, lco, &saddr,
			    &daddr);
	if (proto == IPPROTO_ICMP)
		proto = IPPROTO_ICMPV6;

	build_ipv6(cfg, ip4, pkt, frag, &saddr, &daddr, proto, l4len);
	pkt->old_l3len = ihl;
	pkt->l4proto = proto;
	return XLAT_OK;
}
