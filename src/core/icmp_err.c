// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP error translation, both directions (RFC 7915 4.2-4.3, 5.2-5.3).
 *
 * An ICMP error is translated whole: its outer header and ICMP header, and
 * the packet in error it quotes, which is translated "as a normal IP
 * packet" without touching its TTL or hop limit. jool_xlat46_icmp_err() and
 * jool_xlat64_icmp_err() pass jool_icmp_err_xlat() the table of operations of
 * their direction (struct icmp_err_ops) and the hook that translates the
 * addresses of the packet in error (&icmp_err_ctx.xlat_inner).
 */
#include "core/csum.h"
#include "core/icmp_err.h"
#include "core/nat64.h"
#include "common.h"

/* ICMP and ICMPv6 types of echo and echo reply (RFC 7915 4.2, 5.2). */
static const u8 echo_types[][2] = {
	{ ICMP_ECHO, ICMPV6_ECHO_REQUEST },
	{ ICMP_ECHOREPLY, ICMPV6_ECHO_REPLY },
};

/**
 * jool_icmp_echo_type() - the type of an ICMP informational message, translated
 * @type: the type
 * @from6: @type is an ICMPv6 type (else ICMPv4)
 * @out: the type in the other family
 *
 * Echo and echo reply translate; the obsolete and single-hop ones (ICMPv4
 * information, timestamp, address mask, router advertisement and
 * solicitation; MLD, neighbor discovery) and unknown ones do not.
 *
 * Return: XLAT_OK, or XLAT_DROP for a type that does not translate.
 */
enum xlat_verdict jool_icmp_echo_type(u8 type, bool from6, u8 *out)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(echo_types); i++) {
		if (echo_types[i][from6] == type) {
			*out = echo_types[i][!from6];
			return XLAT_OK;
		}
	}
	return XLAT_DROP;
}

/**
 * jool_icmp_err_ahead() - what the first pass decides about an ICMP error
 * @ops: the direction
 * @nat64: NAT64: the destination comes from the session, not checked here
 * @cfg: the device configuration
 * @l3: the packet's L3 header
 * @off: offset of its ICMP header (8 bytes readable there)
 * @pkt: packet metadata in, result out
 *
 * What can be decided from the headers alone, before the glue linearizes
 * the whole packet for jool_icmp_err_xlat(). The source may fall back to RFC
 * 6791; the destination may not.
 *
 * Return: XLAT_ICMP_ERR, or XLAT_DROP.
 */
enum xlat_verdict jool_icmp_err_ahead(const struct icmp_err_ops *ops,
				      bool nat64, const struct xlat_cfg *cfg,
				      const u8 *l3, unsigned int off,
				      struct xlat_pkt *pkt)
{
	struct icmp_err_map map;
	union xlat_addr daddr;
	enum jool_stat reason = 0;

	if (!ops->map(l3 + off, &map))
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	if (!nat64)
		reason = ops->daddr(cfg, l3, &daddr);
	if (reason)
		return xlat_drop(pkt, reason);
	if (!partial_csum_ok(pkt, off, ops->icmp_proto))
		return xlat_drop(pkt, JOOL_STAT_CSUM_PARTIAL_LAYOUT);
	pkt->reason = JOOL_STAT_ICMP_UNSUPPORTED;
	return XLAT_ICMP_ERR;
}

/*
 * The upper layer of the translated packet in error, @l4 (@avail bytes of it
 * there): the ICMP type, and the checksums that cover a pseudo-header,
 * updated from @old to @new as far as the checksum field is there (the
 * checksum covers the whole original packet: it can only be updated, never
 * recomputed).
 */
static void inner_l4_fixup(const struct icmp_err_ops *ops,
			   const struct icmp_inner *inner, u8 *l4,
			   unsigned int avail, __wsum old, __wsum new)
{
	u8 proto = inner->proto, type;

	/* A later fragment carries no upper-layer header; nor an empty one. */
	if ((inner->frag_off & IP_OFFSET) || !avail)
		return;
	if (inner->ports)
		jool_nat64_l4_ports(l4, avail, proto, inner->sport,
				    inner->dport, &old, &new);
	if (proto == ops->icmp_proto) {
		type = l4[0];
		ops->echo_type(l4[0], &type);
		if (avail < 4)
			l4[0] = type;
		else
			jool_icmp_csum_retype(l4, type, old, new);
		return;
	}
	if ((proto != IPPROTO_TCP || avail < TCP_CHECK_END) &&
	    (proto != IPPROTO_UDP || avail < UDP_CHECK_END))
		return;
	/* A UDP checksum the IPv4 sender left out cannot be computed here. */
	if (proto == IPPROTO_UDP && !*jool_l4_check_field(l4, proto))
		return;
	jool_l4_csum_xlat(l4, proto, old, new);
}

/*
 * Writes the first @copy bytes of the packet in error @l3, translated: its
 * new L3 headers, then its upper layer.
 */
static void inner_write(const struct icmp_err_ops *ops,
			const struct icmp_err_ctx *ctx, const u8 *l3, u8 *out,
			unsigned int copy)
{
	const struct icmp_inner *inner = &ctx->inner;
	unsigned int hlen = ops->inner_hlen(inner);
	__wsum old, new;

	ops->inner_l3(ctx, l3, out);
	memcpy(out + hlen, l3 + inner->l4off, copy - hlen);
	ops->inner_sums(ctx, l3, &old, &new);
	inner_l4_fixup(ops, inner, out + hlen, copy - hlen, old, new);
}

/*
 * The packet in error, @l3 (@len bytes of it there), parsed by
 * &icmp_err_ops.inner_parse, with an ICMP upper layer. RFC 7915 1.2:
 * fragmented ICMP is not translated. Only echo translates; an ICMP error
 * inside an ICMP error is "more embedded headers": RFC 7915 4.3 and 5.3
 * drop the packet.
 */
static enum jool_stat inner_icmp_check(const struct icmp_err_ops *ops,
				       const u8 *l3, unsigned int len,
				       const struct icmp_inner *inner)
{
	u8 type;

	if (inner->frag)
		return JOOL_STAT_ICMP_INNER_UNSUPPORTED;
	if (inner->l4off + 1 > len)
		return JOOL_STAT_ICMP_INNER_INVALID;
	if (ops->echo_type(l3[inner->l4off], &type) != XLAT_OK)
		return JOOL_STAT_ICMP_INNER_UNSUPPORTED;
	return 0;
}

/* The packet in error (@orig bytes at @body), all but its addresses. */
static enum jool_stat inner_check(const struct icmp_err_ops *ops,
				  const u8 *body, unsigned int orig,
				  struct icmp_inner *inner)
{
	enum jool_stat reason;

	reason = ops->inner_parse(body, orig, inner);
	if (!reason && inner->proto == ops->icmp_proto)
		reason = inner_icmp_check(ops, body, orig, inner);
	return reason;
}

/**
 * jool_icmp_err_quoted() - parse the packet in error of an ICMP error
 * @ops: the direction
 * @in: the whole packet, its outer headers checked
 * @len: its length
 * @off: where its ICMP header starts
 * @inner: out: the packet in error, quoted at @in + @off + 8
 * @orig: out: bytes of it there (RFC 4884: without an extension)
 *
 * The type must translate and the packet in error pass the checks of
 * jool_icmp_err_xlat(), but for its addresses and the ICMP checksum. For
 * jool_nat64_tuple() (RFC 6146 3.4).
 *
 * Return: 0, or the counter of a drop.
 */
enum jool_stat jool_icmp_err_quoted(const struct icmp_err_ops *ops,
				    const u8 *in, unsigned int len,
				    unsigned int off, struct icmp_inner *inner,
				    unsigned int *orig)
{
	struct icmp_err_ctx ctx = { .in = in, .off = off, .mlen = len - off };

	if (len < off + 8)
		return JOOL_STAT_L4_TRUNCATED;
	if (!ops->map(in + off, &ctx.map))
		return JOOL_STAT_ICMP_UNSUPPORTED;
	*orig = icmp_ext_split(ops->attr(&ctx), ctx.mlen - 8);
	return inner_check(ops, in + off + 8, *orig, inner);
}

/*
 * The checks every translated ICMP error passes, up to and including the
 * packet in error (@orig bytes at @body), in the order of the RFC.
 */
static enum xlat_verdict icmp_err_check(const struct icmp_err_ops *ops,
					struct icmp_err_ctx *ctx,
					const u8 **body, unsigned int *orig)
{
	struct xlat_pkt *pkt = ctx->pkt;
	enum xlat_verdict verdict;
	enum jool_stat reason;
	const u8 *icmp;

	verdict = ops->outer(ctx);
	if (verdict != XLAT_OK)
		return verdict;
	ctx->mlen = pkt->len - ctx->off;
	if (ctx->mlen < 8)
		return xlat_drop(pkt, JOOL_STAT_L4_TRUNCATED);
	if (ops->bad_csum(ctx))
		return xlat_drop(pkt, JOOL_STAT_ICMP_CSUM);
	icmp = ctx->in + ctx->off;
	if (!ops->map(icmp, &ctx->map))
		return xlat_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	/*
	 * RFC 4884: a valid length delimits the datagram even when the
	 * extension is not carried on.
	 */
	*body = icmp + 8;
	*orig = icmp_ext_split(ops->attr(ctx), ctx->mlen - 8);

	if (ctx->nat64) {
		if (!ops->nat64_outer(ctx))
			return xlat_drop(pkt, JOOL_STAT_ICMP_NO_SOURCE);
	} else {
		reason = ops->daddr(ctx->cfg, ctx->in, &ctx->daddr);
		if (reason)
			return xlat_drop(pkt, reason);
		if (!ops->saddr(ctx, *body, *orig))
			return xlat_drop(pkt, JOOL_STAT_ICMP_NO_SOURCE);
	}
	reason = inner_check(ops, *body, *orig, &ctx->inner);
	if (!reason)
		reason = ctx->xlat_inner(ctx, *body, &ctx->inner);
	if (reason)
		return xlat_drop(pkt, reason);
	return XLAT_OK;
}

/*
 * NAT64's &icmp_err_ctx.xlat_inner (RFC 6146 3.7): the packet in error went
 * the other way, so its tuple is the session's reversed (the tuple of
 * &xlat_pkt.nat64_t4 or &xlat_pkt.nat64_t6, by direction).
 */
static enum jool_stat nat64_inner(struct icmp_err_ctx *ctx, const u8 *l3,
				  struct icmp_inner *inner)
{
	const struct xlat_pkt *pkt = ctx->pkt;

	inner->ports = true;
	if (ctx->from6) {
		inner->saddr.v4 = pkt->nat64_t4->dst.addr;
		inner->daddr.v4 = pkt->nat64_t4->src.addr;
		inner->sport = pkt->nat64_t4->dst.port;
		inner->dport = pkt->nat64_t4->src.port;
	} else {
		inner->saddr.v6 = pkt->nat64_t6->dst.addr;
		inner->daddr.v6 = pkt->nat64_t6->src.addr;
		inner->sport = pkt->nat64_t6->dst.port;
		inner->dport = pkt->nat64_t6->src.port;
	}
	return 0;
}

/**
 * jool_icmp_err_xlat() - translate an ICMP error message
 * @ops: the direction
 * @nat64: NAT64 (the addresses and ports come from the session's tuple in
 *	@pkt), else SIIT
 * @cfg: the device configuration
 * @in: the whole packet
 * @len: its length (stored in &xlat_pkt.len too)
 * @out: where the translated packet goes
 * @outmax: room in @out (at least %XLAT_ICMP_ERR_OUTMAX)
 * @pkt: packet metadata in, &xlat_pkt.new_len or &xlat_pkt.reason out
 *
 * The received checksum is verified (a corrupt error is not given a fresh
 * checksum); the type and code are mapped, or the packet dropped; the
 * packet in error is translated and cut so that the error fits
 * &icmp_err_ops.max bytes; an RFC 4884 extension structure follows it,
 * re-aligned to the new family's words, with the length attribute to
 * match. The extension is left out whole, the length attribute zero and
 * the packet in error quoted without padding, when the new type has no
 * length attribute or when the extension does not fit beside 128 bytes
 * of packet in error (icmp_ext_layout()). A length attribute under 128
 * bytes is ignored (icmp_ext_split()). The new checksum is computed
 * afresh.
 *
 * Return: XLAT_OK with the packet in @out (&xlat_pkt.new_len bytes), or
 * XLAT_DROP.
 */
enum xlat_verdict jool_icmp_err_xlat(const struct icmp_err_ops *ops,
				     bool nat64, const struct xlat_cfg *cfg,
				     const u8 *in, unsigned int len, u8 *out,
				     unsigned int outmax, struct xlat_pkt *pkt)
{
	const unsigned int hdrs = ops->l3len + 8;
	struct icmp_err_ctx c = {
		.cfg = cfg,
		.pkt = pkt,
		.in = in,
		.xlat_inner = nat64 ? nat64_inner : ops->siit_inner,
		.nat64 = nat64,
		.from6 = ops->icmp_proto == IPPROTO_ICMPV6,
	}, *ctx = &c;
	const struct icmp_inner *inner = &ctx->inner;
	unsigned int blen, orig, ilen, ext, dgram, copy, field, total;
	enum xlat_verdict verdict;
	const u8 *body;
	u8 *icmp;

	pkt->len = len;
	verdict = icmp_err_check(ops, ctx, &body, &orig);
	if (verdict != XLAT_OK)
		return verdict;
	blen = ctx->mlen - 8;
	ilen = orig;
	ext = blen - orig;
	if (ext)	/* the rest of the field is padding */
		ilen = min(ilen, inner->l4off + inner->l4len);
	if (!ctx->map.ext)
		ext = 0;
	dgram = ops->inner_hlen(inner) + ilen - inner->l4off;

	if (outmax < XLAT_ICMP_ERR_OUTMAX)
		return xlat_drop(pkt, JOOL_STAT_ENOMEM);
	field = icmp_ext_layout(ops->max - hdrs, ops->unit, dgram, &ext,
				&copy);
	total = hdrs + field + ext;

	/* The new ICMP header (RFC 792, 4443 3; RFC 4884 4). */
	icmp = out + ops->l3len;
	memset(icmp, 0, 8);
	icmp[0] = ctx->map.type;
	icmp[1] = ctx->map.code;
	ops->icmp_hdr(ctx, icmp);
	if (ext)
		icmp[ops->attr_at] = field / ops->unit;

	inner_write(ops, ctx, body, icmp + 8, copy);
	memset(icmp + 8 + copy, 0, field - copy);
	memcpy(icmp + 8 + field, body + orig, ext);

	ops->finish(ctx, out, total);
	pkt->new_len = total;
	return XLAT_OK;
}
