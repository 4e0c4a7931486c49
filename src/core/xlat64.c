// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 -> IPv4 translation (RFC 7915 section 5).
 *
 * jool_xlat64(): the IPv6 header chain and the upper-layer header, linear.
 * Output: a new IPv4 header in pkt->hdr, the upper-layer checksum (and ICMP
 * type) updated in place. Nothing is written before every check has passed, so
 * a dropped packet leaves the core untouched.
 *
 * jool_xlat64_icmp_err(): ICMPv6 error messages (RFC 7915 5.2, 5.3), whole: the
 * translated packet, with the packet in error inside it translated too, is
 * written to a separate buffer.
 */
#include "core/addr.h"
#include "core/csum.h"
#include "core/ext6.h"
#include "core/icmp_err.h"
#include "core/nat64.h"
#include "common.h"

/* RFC 7915 5.1: DF is set when the translated packet is bigger than this. */
#define DF_THRESHOLD 1260

/*
 * An atomic fragment (offset 0, M = 0; RFC 6946) is a whole datagram that
 * happens to carry a Fragment Header.
 */
static bool frag6_split(const struct frag6 *f)
{
	return f->present && (f->offset || f->more);
}

/**
 * jool_ipv6_skip_ext() - the IPv6 header chain up to the upper layer
 * @l3: the IPv6 header (checked by jool_ipv6_hdr_valid())
 * @linear: bytes readable at @l3
 * @pkt: &xlat_pkt.len in; &xlat_pkt.need or &xlat_pkt.reason out
 * @offset: out: where the upper-layer header starts
 * @proto: out: its protocol
 * @frag: out: the Fragment Header met on the way, if any
 *
 * Walks the extension headers RFC 7915 5.1 tells us to skip (hop-by-hop,
 * destination options, routing with no segments left) and a Fragment
 * Header (5.1.1). Shared by the translation (jool_xlat64()) and the NAT64
 * tuple (jool_nat64_tuple()).
 *
 * RFC 7915 5.1.1: a Fragment Header followed by another extension header
 * (AH included, ESP not) is dropped ("and logged": counted, and logged
 * with logging-debug): in a later fragment those headers are not there to
 * skip, so no IPv4 offset could be right.
 *
 * Return: XLAT_OK, XLAT_MORE or XLAT_DROP.
 */
enum xlat_verdict jool_ipv6_skip_ext(const u8 *l3, unsigned int linear,
				     struct xlat_pkt *pkt, unsigned int *offset,
				     u8 *proto, struct frag6 *frag)
{
	struct ext6_iter it;

	switch (jool_ext6_walk(l3, pkt->len, linear,
			       EXT6_FRAG_LAST | EXT6_ROUTING_SL, &it)) {
	case EXT6_UPPER:
		break;
	case EXT6_SHORT:
		return xlat_more(pkt, it.off + 8);
	case EXT6_ROUTING:
		/* RFC 7915 5.1: the error points at Segments Left. */
		pkt->err_ptr = it.off + 3;
		return xlat_drop(pkt, JOOL_STAT_EXT6_UNSUPPORTED);
	case EXT6_AFTER_FRAG:
		return xlat_drop(pkt, JOOL_STAT_EXT6_AFTER_FRAG);
	default:
		return xlat_drop(pkt, JOOL_STAT_HDR6_TRUNCATED);
	}
	if (it.off > pkt->len)
		return xlat_drop(pkt, JOOL_STAT_HDR6_TRUNCATED);
	*offset = it.off;
	*proto = it.next;
	*frag = it.frag;
	return XLAT_OK;
}

/*
 * RFC 7915 5.2, informational messages: echo request and reply become
 * types 8 and 0; MLD, neighbor discovery and unknown ones are dropped.
 */
static enum xlat_verdict icmp6_type(u8 type, u8 *out)
{
	return jool_icmp_echo_type(type, true, out);
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

/*
 * DF of a translated packet without a Fragment Header. One the glue
 * reassembled (NAT64, &xlat_pkt.reassembled) came in fragments: as with a
 * Fragment Header (5.1.1), IPv4 routers may cut it again, so DF is 0.
 */
static __be16 df64(const struct xlat_pkt *pkt, unsigned int tot_len)
{
	return pkt->reassembled ? 0 : df_by_size(tot_len);
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

/*
 * RFC 7915 5.1.1: with a Fragment Header, the Identification is its low 16
 * bits, MF its M flag, the offset is copied and DF is 0 (IPv4 routers may
 * fragment further). An atomic fragment gets the same: MF 0, offset 0.
 */
static void frag6_to_ipv4(const struct frag6 *frag, __be16 *id,
			  __be16 *frag_off)
{
	*id = frag->id;
	*frag_off = htons(frag->offset | (frag->more ? IP_MF : 0));
}

static void build_ipv4(const struct xlat_cfg *cfg, const struct ipv6hdr *ip6,
		       struct xlat_pkt *pkt, const struct frag6 *frag,
		       __be32 saddr, __be32 daddr, u8 proto,
		       unsigned int l4len, unsigned int seg_len)
{
	__be16 id = pkt->ipv4_id, frag_off = df64(pkt, seg_len);

	if (frag->present)
		frag6_to_ipv4(frag, &id, &frag_off);
	fill_ipv4(cfg, ip6, &pkt->hdr.v4, saddr, daddr, proto,
		  sizeof(struct iphdr) + l4len, ip6->hop_limit + pkt->hop_bump,
		  id, frag_off);
}

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
static bool icmp64_err_map(const u8 *icmp6, struct icmp_err_map *m)
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
 * ICMPv6 errors (RFC 7915 5.2, 5.3): the operations of jool_icmp_err_xlat() for
 * this direction.
 */

/*
 * A fragment is dropped here too (RFC 7915 1.2); an atomic fragment is
 * whole, and translated (5.1.1).
 */
static enum xlat_verdict err64_outer(struct icmp_err_ctx *ctx)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)ctx->in;
	struct xlat_pkt *pkt = ctx->pkt;
	enum xlat_verdict verdict;
	u8 proto;

	if (pkt->len < sizeof(*ip6))
		return xlat_drop(pkt, JOOL_STAT_HDR6_TRUNCATED);
	if (ip6->version != 6)
		return xlat_drop(pkt, JOOL_STAT_PROTO_MISMATCH);
	if (ntohs(ip6->payload_len) + sizeof(*ip6) != pkt->len)
		return xlat_drop(pkt, JOOL_STAT_HDR6_TRUNCATED);
	verdict = jool_ipv6_skip_ext(ctx->in, pkt->len, pkt, &ctx->off, &proto,
				     &ctx->frag);
	if (verdict != XLAT_OK)
		return verdict;
	if (frag6_split(&ctx->frag))
		return xlat_drop(pkt, JOOL_STAT_FRAGMENT);
	if (proto != IPPROTO_ICMPV6)
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	return XLAT_OK;
}

static bool err64_bad_csum(const struct icmp_err_ctx *ctx)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)ctx->in;

	return csum_ipv6_magic(&ip6->saddr, &ip6->daddr, ctx->mlen,
			       IPPROTO_ICMPV6,
			       csum_partial(ctx->in + ctx->off, ctx->mlen,
					    0)) != 0;
}

/* RFC 4884: the length attribute counts 64-bit words. */
static unsigned int err64_attr(const struct icmp_err_ctx *ctx)
{
	return ctx->map.ext ? ctx->in[ctx->off + 4] * 8 : 0;
}

static enum jool_stat err64_daddr(const struct xlat_cfg *cfg, const u8 *l3,
				  union xlat_addr *out)
{
	return jool_addr_xlat64(cfg, &((const struct ipv6hdr *)l3)->daddr,
				&out->v4, false);
}

/* Jool's rule: denylist4 spares the source of an ICMP error. */
static bool err64_saddr(struct icmp_err_ctx *ctx, const u8 *body,
			unsigned int orig)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)ctx->in;

	return !jool_addr_translate64(ctx->cfg, &ip6->saddr, &ctx->saddr.v4,
				      ADDR_SRC | ADDR_ERR_SRC, NULL) ||
	       rfc6791_v4(ctx->cfg, ctx->pkt, &ctx->saddr.v4);
}

/*
 * RFC 7915 5.3: the packet in error is translated like a normal packet
 * (5.1), so it must pass the same checks: the extension headers 5.1 skips
 * (a routing header with segments left is not translated), a fragment
 * header (5.1.1; one followed by more extension headers is dropped), an
 * ICMP one (jool_icmp_err_xlat()). Its lengths describe the original packet.
 */
static enum jool_stat err64_inner_parse(const u8 *in, unsigned int ilen,
					struct icmp_inner *inner)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)in;
	unsigned int plen;
	struct ext6_iter it;

	memset(inner, 0, sizeof(*inner));
	if (ilen < sizeof(*ip6) || ip6->version != 6)
		return JOOL_STAT_ICMP_INNER_INVALID;
	switch (jool_ext6_walk(in, ilen, ilen,
			       EXT6_FRAG_LAST_AH | EXT6_ROUTING_SL, &it)) {
	case EXT6_UPPER:
		break;
	case EXT6_AFTER_FRAG:
	case EXT6_ROUTING:
		return JOOL_STAT_ICMP_INNER_UNSUPPORTED;
	default:
		return JOOL_STAT_ICMP_INNER_INVALID;
	}
	/* jool_xlat64() drops these: the original never crossed. */
	if (it.next == IPPROTO_ICMP || it.next == IPPROTO_IGMP)
		return JOOL_STAT_ICMP_INNER_UNSUPPORTED;
	inner->frag = it.frag.present;
	inner->frag_off = it.frag.offset | (it.frag.more ? IP_MF : 0);
	inner->frag_id = it.frag.id;
	plen = ntohs(ip6->payload_len);
	if (it.off > ilen || sizeof(*ip6) + plen < it.off)
		return JOOL_STAT_ICMP_INNER_INVALID;
	inner->l4off = it.off;
	inner->l4len = sizeof(*ip6) + plen - it.off;
	inner->proto = it.next;
	return 0;
}

/*
 * SIIT's &icmp_err_ctx.xlat_inner, 6->4. Its source is the source of the
 * original packet. Its addresses go through denylist4 like any packet's:
 * the original could not have crossed the translator otherwise.
 */
static enum jool_stat siit_inner64(struct icmp_err_ctx *ctx, const u8 *l3,
				   struct icmp_inner *inner)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)l3;
	enum jool_stat reason;

	reason =
		jool_addr_xlat64(ctx->cfg, &ip6->saddr, &inner->saddr.v4, true);
	if (!reason)
		reason = jool_addr_xlat64(ctx->cfg, &ip6->daddr,
					  &inner->daddr.v4, false);
	return jool_icmp_inner_reason(reason);
}

static unsigned int err64_inner_hlen(const struct icmp_inner *inner)
{
	return sizeof(struct iphdr);
}

/*
 * RFC 7915 5.3: as a normal packet, 5.1 and 5.1.1, but with its hop limit
 * untouched.
 */
static void err64_inner_l3(const struct icmp_err_ctx *ctx, const u8 *l3,
			   u8 *out)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)l3;
	const struct icmp_inner *inner = &ctx->inner;
	const unsigned int hlen = sizeof(struct iphdr);
	__be16 frag_off;

	if (inner->frag)
		frag_off = htons(inner->frag_off);
	else
		frag_off = df_by_size(hlen + inner->l4len);
	fill_ipv4(ctx->cfg, ip6, (struct iphdr *)out, inner->saddr.v4,
		  inner->daddr.v4,
		  inner->proto == IPPROTO_ICMPV6 ? IPPROTO_ICMP : inner->proto,
		  hlen + inner->l4len, ip6->hop_limit,
		  inner->frag ? inner->frag_id : 0, frag_off);
}

/* ICMPv4 has no pseudo-header; ICMPv6 had one. */
static void err64_inner_sums(const struct icmp_err_ctx *ctx, const u8 *l3,
			     __wsum *old, __wsum *new)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)l3;
	const struct icmp_inner *inner = &ctx->inner;
	bool icmp = inner->proto == IPPROTO_ICMPV6;

	*old = jool_pseudo6_sum(&ip6->saddr, &ip6->daddr, inner->l4len,
				inner->proto);
	*new = 0;
	if (!icmp)
		*new = jool_pseudo4_sum(inner->saddr.v4, inner->daddr.v4,
					inner->l4len, inner->proto);
}

/* The second word of the ICMPv4 header (RFC 792; RFC 1191 4). */
static void err64_icmp_hdr(const struct icmp_err_ctx *ctx, u8 *icmp4)
{
	const u8 *icmp6 = ctx->in + ctx->off;

	if (icmp6[0] == ICMPV6_PKT_TOOBIG)
		put_be16(icmp4 + 6, ptb_mtu64(get_be32(icmp6 + 4), ctx->pkt));
	else if (ctx->map.type == ICMP_PARAMETERPROB)
		icmp4[4] = ctx->map.ptr;
}

static void err64_finish(const struct icmp_err_ctx *ctx, u8 *out,
			 unsigned int total)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)ctx->in;
	u8 *icmp4 = out + sizeof(struct iphdr);
	__be16 id = ctx->pkt->ipv4_id, frag_off = df_by_size(total);

	*(__sum16 *)(icmp4 + 2) = icmp_csum(icmp4,
					    total - sizeof(struct iphdr));
	if (ctx->frag.present)
		frag6_to_ipv4(&ctx->frag, &id, &frag_off);
	fill_ipv4(ctx->cfg, ip6, (struct iphdr *)out, ctx->saddr.v4,
		  ctx->daddr.v4, IPPROTO_ICMP, total,
		  ip6->hop_limit + ctx->pkt->hop_bump, id, frag_off);
}

/*
 * NAT64's &icmp_err_ops.nat64_outer, 6->4 (RFC 6146 3.7): the error goes
 * the way of the session's tuple, from the translator's pool4 address.
 */
static bool nat64_outer64(struct icmp_err_ctx *ctx)
{
	const struct jool_tuple4 *t4 = ctx->pkt->nat64_t4;

	ctx->saddr.v4 = t4->src.addr;
	ctx->daddr.v4 = t4->dst.addr;
	return true;
}

const struct icmp_err_ops jool_icmp64_ops = {
	.l3len = sizeof(struct iphdr),
	.max = XLAT_ICMP4_ERR_MAX,
	.unit = 4,
	.attr_at = 5,
	.icmp_proto = IPPROTO_ICMPV6,
	.outer = err64_outer,
	.bad_csum = err64_bad_csum,
	.map = icmp64_err_map,
	.attr = err64_attr,
	.daddr = err64_daddr,
	.saddr = err64_saddr,
	.inner_parse = err64_inner_parse,
	.inner_hlen = err64_inner_hlen,
	.inner_l3 = err64_inner_l3,
	.inner_sums = err64_inner_sums,
	.echo_type = icmp6_type,
	.icmp_hdr = err64_icmp_hdr,
	.finish = err64_finish,
	.siit_inner = siit_inner64,
	.nat64_outer = nat64_outer64,
};

/**
 * jool_xlat64_icmp_err() - translate an ICMPv6 error message into ICMPv4
 * @cfg: the device configuration
 * @in: the whole IPv6 packet
 * @len: its length (stored in &xlat_pkt.len too)
 * @out: where the IPv4 packet goes
 * @outmax: room in @out (at least %XLAT_ICMP_ERR_OUTMAX)
 * @pkt: packet metadata in (hop_bump, ipv4_id, random, own4, mtu4, mtu6,
 *	nat64_t4), &xlat_pkt.new_len or &xlat_pkt.reason out
 *
 * RFC 7915 5.2 and 5.3, see jool_icmp_err_xlat(): the packet in error is
 * translated like a normal packet, without touching its TTL, and cut to fit
 * 576 bytes (RFC 1812 4.3.2.3); an RFC 4884 extension structure is
 * re-aligned to 32-bit words. A source without an IPv4 translation is
 * replaced according to RFC 6791.
 *
 * Return: XLAT_OK with the packet in @out, or XLAT_DROP.
 */
enum xlat_verdict jool_xlat64_icmp_err(const struct xlat_cfg *cfg, const u8 *in,
				       unsigned int len, u8 *out,
				       unsigned int outmax,
				       struct xlat_pkt *pkt)
{
	return jool_icmp_err_xlat(&jool_icmp64_ops, pkt->nat64_t4, cfg, in, len,
				  out, outmax, pkt);
}

/**
 * jool_ipv6_hdr_valid() - the checks of a fixed IPv6 header
 * @l3: the IPv6 header
 * @linear: bytes readable at @l3
 * @pkt: &xlat_pkt.len in; &xlat_pkt.need or &xlat_pkt.reason out
 *
 * Its length, version and payload length. Shared by jool_xlat64() and
 * jool_nat64_tuple().
 *
 * Return: XLAT_OK, XLAT_MORE or XLAT_DROP.
 */
enum xlat_verdict jool_ipv6_hdr_valid(const u8 *l3, unsigned int linear,
				      struct xlat_pkt *pkt)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)l3;
	enum xlat_verdict verdict;

	verdict = xlat_l3_start(l3, linear, pkt, sizeof(*ip6), 6,
				JOOL_STAT_HDR6_TRUNCATED);
	if (verdict != XLAT_OK)
		return verdict;
	/* Jumbograms (payload length 0) never reach us: BIG TCP is segmented. */
	if (ntohs(ip6->payload_len) + sizeof(*ip6) != pkt->len)
		return xlat_drop(pkt, JOOL_STAT_HDR6_TRUNCATED);
	return XLAT_OK;
}

/* jool_xlat64()'s checks of the fixed IPv6 header: XLAT_OK if they all pass. */
static enum xlat_verdict ipv6_checks(const u8 *l3, unsigned int linear,
				     struct xlat_pkt *pkt)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)l3;
	enum xlat_verdict verdict;

	verdict = jool_ipv6_hdr_valid(l3, linear, pkt);
	if (verdict != XLAT_OK)
		return verdict;
	/*
	 * A forwarded packet had its hop limit checked by the forward; one
	 * the host itself sends with hop limit 0 (a raw socket) has no hop
	 * left to cross the translator.
	 */
	if (!ip6->hop_limit && !pkt->hop_bump)
		return xlat_drop(pkt, JOOL_STAT_TTL_EXPIRED);
	return XLAT_OK;
}

/*
 * The size DF follows (see df_by_size()): what goes on the wire, one
 * segment of a GSO packet.
 */
static unsigned int seg_len64(const struct xlat_pkt *pkt, const u8 *l4,
			      unsigned int l4len, unsigned int l4min, u8 proto)
{
	unsigned int seg_len = sizeof(struct iphdr) + l4len, l4hdr;

	/* A later fragment (@l4min 0) has no header here to read. */
	if (pkt->gso_size && l4min) {
		l4hdr = proto == IPPROTO_TCP ?
			((const struct tcphdr *)l4)->doff * 4 : l4min;
		seg_len = min(seg_len, (unsigned int)sizeof(struct iphdr) +
			      l4hdr + pkt->gso_size);
	}
	return seg_len;
}

/*
 * A translated packet with DF (over 1260 bytes, no Fragment Header) that
 * does not fit the route it takes (&xlat_pkt.mtu4, if the glue knows it)
 * would get "fragmentation needed" from the IPv4 forward, sent to an
 * address that stands for the sender and translated back second hand. The
 * translator drops it and answers itself, as the router it is to the
 * sender (RFC 4443 3.2): "packet too big", with the MTU that fits once the
 * IPv4 header replaces the IPv6 chain (@off bytes), at least IPv6's
 * minimum (a sender that goes down to 1280 sends packets that translate
 * without DF, which IPv4 routers may cut).
 */
static bool too_big64(struct xlat_pkt *pkt, const struct frag6 *frag,
		      unsigned int seg_len, unsigned int off)
{
	if (!pkt->mtu4 || frag->present || !df64(pkt, seg_len) ||
	    seg_len <= pkt->mtu4)
		return false;
	pkt->err_mtu = max(pkt->mtu4 + off - (unsigned int)sizeof(struct iphdr),
			   1280U);
	return true;
}

/*
 * The upper layer @l4 (@l4len bytes) of a packet whose every check passed:
 * its checksum for the new pseudo-header, an ICMP type (@icmp_type). Only
 * a partial checksum of its own is re-seeded; one further in (a tunnelled
 * packet's) makes ours a full one, updated like any other.
 */
static void l4_update64(const struct ipv6hdr *ip6, const struct xlat_pkt *pkt,
			u8 *l4, u8 proto, unsigned int l4len, u8 icmp_type,
			__be32 saddr, __be32 daddr)
{
	const struct jool_tuple4 *t4 = pkt->nat64_t4;
	unsigned int off = l4 - (const u8 *)ip6;
	__wsum old = 0, new = 0;

	/* NAT64: the ports too; the checksum covers them (not when partial). */
	if (t4)
		jool_nat64_l4_ports(l4, l4len, proto, t4->src.port,
				    t4->dst.port, &old, &new);
	if (proto == IPPROTO_ICMPV6) {
		/* ICMPv4 has no pseudo-header. */
		jool_icmp_csum_retype(l4, icmp_type,
				      csum_add(old,
					       jool_pseudo6_sum(&ip6->saddr,
								&ip6->daddr,
								l4len,
								IPPROTO_ICMPV6)),
				      new);
	} else if (partial_csum_ours(pkt, off)) {
		__wsum sum = jool_pseudo4_sum(saddr, daddr, l4len, proto);

		*jool_l4_check_field(l4, proto) = ~csum_fold(sum);
	} else {
		/*
		 * In a first fragment, l4len is not the length the
		 * pseudo-headers hold; it cancels out, only the addresses
		 * make a difference.
		 */
		jool_l4_csum_xlat(l4, proto,
				  csum_add(old, jool_pseudo6_sum(&ip6->saddr,
								 &ip6->daddr,
								 l4len, proto)),
				  csum_add(new, jool_pseudo4_sum(saddr, daddr,
								 l4len,
								 proto)));
	}
}

/*
 * The new addresses: SIIT's from pool6 and the EAMT (RFC 7915 5.1),
 * NAT64's from the session (RFC 6146 3.7).
 */
static enum jool_stat addrs64(const struct xlat_cfg *cfg,
			      const struct xlat_pkt *pkt,
			      const struct ipv6hdr *ip6, __be32 *saddr,
			      __be32 *daddr)
{
	enum jool_stat reason;

	if (pkt->nat64_t4) {
		*saddr = pkt->nat64_t4->src.addr;
		*daddr = pkt->nat64_t4->dst.addr;
		return 0;
	}
	reason = jool_addr_xlat64(cfg, &ip6->saddr, saddr, true);
	if (!reason)
		reason = jool_addr_xlat64(cfg, &ip6->daddr, daddr, false);
	return reason;
}

/**
 * jool_xlat64() - translate an IPv6 header chain into an IPv4 header
 * @cfg: the device configuration
 * @l3: the IPv6 header; the first @linear bytes are readable and writable
 * @linear: see @l3
 * @pkt: packet metadata in, result out
 *
 * ICMPv6 errors get XLAT_ICMP_ERR once the checks that need only the
 * headers have passed: see jool_xlat64_icmp_err().
 *
 * Fragments (RFC 7915 5.1.1) become IPv4 fragments: the first one has its
 * TCP or UDP checksum updated like a whole packet (the update only depends
 * on the addresses, and the checksum covers the whole datagram); a later
 * one has no upper-layer header and only its L3 header changes. Fragmented
 * ICMPv6 is dropped (RFC 7915 1.2: its checksum covers a pseudo-header
 * that can only be taken out with the whole message at hand).
 *
 * NAT64 (&xlat_pkt.nat64_t4, RFC 6146 3.7): the addresses are the
 * session's, and the ports or ICMP identifier of the upper layer (a first
 * fragment's too) become its ports, the checksum updated for both.
 *
 * Return: see &enum xlat_verdict.
 */
enum xlat_verdict jool_xlat64(const struct xlat_cfg *cfg, u8 *l3,
			      unsigned int linear, struct xlat_pkt *pkt)
{
	struct ipv6hdr *ip6 = (struct ipv6hdr *)l3;
	unsigned int off, l4len, l4min, seg_len;
	enum xlat_verdict verdict;
	enum jool_stat reason;
	struct frag6 frag;
	__be32 saddr, daddr;
	u8 proto, icmp_type = 0;
	u8 *l4;

	verdict = ipv6_checks(l3, linear, pkt);
	if (verdict == XLAT_OK)
		verdict = jool_ipv6_skip_ext(l3, linear, pkt, &off, &proto,
					     &frag);
	if (verdict != XLAT_OK)
		return verdict;
	/*
	 * ICMPv4 and IGMP are IPv4's: RFC 7915 5.1 makes ICMPv6 into ICMPv4,
	 * so an ICMPv4 message copied across would reach IPv4 as one that was
	 * never translated (5.2, 5.3), and IGMP means nothing in IPv6. Every
	 * fragment names the protocol: all of them go.
	 */
	if (proto == IPPROTO_ICMP || proto == IPPROTO_IGMP)
		return xlat_drop(pkt, JOOL_STAT_PROTO_UNTRANSLATABLE);
	if (frag6_split(&frag) && proto == IPPROTO_ICMPV6)
		return xlat_drop(pkt, JOOL_STAT_FRAGMENT);
	/* The kernel never fragments a CHECKSUM_PARTIAL packet. */
	if (frag.present && pkt->csum_partial)
		return xlat_drop(pkt, JOOL_STAT_CSUM_PARTIAL_LAYOUT);
	/* A later fragment starts in the middle of the upper layer. */
	l4min = frag.offset ? 0 : l4_min_len(proto);
	verdict = xlat_l4_reach(off + l4min, linear, pkt);
	if (verdict != XLAT_OK)
		return verdict;
	l4 = l3 + off;
	l4len = pkt->len - off;

	if (l4min && proto == IPPROTO_ICMPV6 &&
	    !(l4[0] & ICMPV6_INFOMSG_MASK))
		return jool_icmp_err_ahead(&jool_icmp64_ops, pkt->nat64_t4, cfg,
					   l3, off, pkt);

	reason = addrs64(cfg, pkt, ip6, &saddr, &daddr);
	if (reason)
		return xlat_drop(pkt, reason);

	if (l4min && proto == IPPROTO_ICMPV6 &&
	    icmp6_type(((struct icmp6hdr *)l4)->icmp6_type, &icmp_type) != XLAT_OK)
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	seg_len = seg_len64(pkt, l4, l4len, l4min, proto);
	if (!partial_csum_ok(pkt, off, proto))
		return xlat_drop(pkt, JOOL_STAT_CSUM_PARTIAL_LAYOUT);
	if (too_big64(pkt, &frag, seg_len, off))
		return xlat_drop(pkt, JOOL_STAT_TOO_BIG);

	/*
	 * Every check passed; from here on the packet is changed. A later
	 * fragment (l4min 0) has no upper-layer header to change.
	 */
	if (l4min && jool_l4_check_field(l4, proto))
		l4_update64(ip6, pkt, l4, proto, l4len, icmp_type, saddr,
			    daddr);
	if (proto == IPPROTO_ICMPV6)
		proto = IPPROTO_ICMP;

	build_ipv4(cfg, ip6, pkt, &frag, saddr, daddr, proto, l4len, seg_len);
	pkt->old_l3len = off;
	pkt->new_l3len = sizeof(struct iphdr);
	pkt->l4proto = proto;
	return XLAT_OK;
}
