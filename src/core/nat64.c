// SPDX-License-Identifier: GPL-2.0
/*
 * NAT64 (RFC 6146) on header bytes: what the SIIT core does not already do.
 *
 * jool_nat64_tuple(): the tuple of a packet, the key
 * of its BIB and session lookups (RFC 6146 3.4), or why it has none. They
 * check the L3 headers with the translator's own checks (jool_ipv6_hdr_valid(),
 * jool_ipv6_skip_ext(), jool_ipv4_hdr_valid()) and parse the packet in error
 * of an ICMP error with the ICMP error driver's (jool_icmp_err_quoted()), so
 * a packet that has a tuple is one the translation accepts as far as its
 * headers go.
 *
 * jool_nat64_l4_ports(): the ports or ICMP identifier that jool_xlat64() and
 * jool_xlat46() write when they translate with a session's tuple
 * (&xlat_pkt.nat64_t4, &xlat_pkt.nat64_t6).
 */
#include "core/icmp_err.h"
#include "core/nat64.h"
#include "common.h"

static bool icmp_proto(u8 proto)
{
	return proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6;
}

/**
 * jool_nat64_l4_ports() - rewrite the ports or the ICMP identifier
 * @l4: an upper-layer header
 * @avail: bytes of it there; nothing is written past them
 * @proto: IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP or IPPROTO_ICMPV6
 * @sport: the new source port, or ICMP identifier (echo, echo reply)
 * @dport: the new destination port (not for ICMP)
 * @old: in and out: the sum of the bytes replaced is added to it
 * @new: in and out: the sum of the bytes written is added to it
 *
 * The caller updates the checksum from *@old to *@new, with the
 * pseudo-header sums, in one go (RFC 1624).
 */
void jool_nat64_l4_ports(u8 *l4, unsigned int avail, u8 proto, u16 sport,
			 u16 dport, __wsum *old, __wsum *new)
{
	bool icmp = icmp_proto(proto);
	unsigned int at = icmp ? 4 : 0, len = icmp ? 2 : 4;

	if (avail < at + len)
		return;
	*old = csum_add(*old, csum_partial(l4 + at, len, 0));
	put_be16(l4 + at, sport);
	if (!icmp)
		put_be16(l4 + at + 2, dport);
	*new = csum_add(*new, csum_partial(l4 + at, len, 0));
}

/*
 * The ports of the upper-layer header @l4 (@avail bytes there): an ICMP
 * echo's identifier is both (RFC 6146 3.4, the "3-tuple"). False if they
 * are not there.
 */
static bool read_ports(const u8 *l4, unsigned int avail, u8 proto, u16 *sport,
		       u16 *dport)
{
	if (icmp_proto(proto)) {
		if (avail < 6)
			return false;
		*sport = get_be16(l4 + 4);
		*dport = *sport;
		return true;
	}
	if (avail < 4)
		return false;
	*sport = get_be16(l4);
	*dport = get_be16(l4 + 2);
	return true;
}

static enum nat64_tuple_verdict tuple_of(enum xlat_verdict verdict)
{
	return verdict == XLAT_MORE ? NAT64_TUPLE_MORE : NAT64_TUPLE_DROP;
}

static enum nat64_tuple_verdict tuple_drop(struct xlat_pkt *pkt,
					   enum jool_stat reason)
{
	pkt->reason = reason;
	return NAT64_TUPLE_DROP;
}

/* The protocols RFC 6146 translates, in the family of @ops. */
static bool nat64_proto(const struct icmp_err_ops *ops, u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == ops->icmp_proto;
}

/*
 * ICMP errors: the ICMPv6 types under 128 (RFC 4443 2.1); those of ICMPv4
 * that RFC 7915 4.2 translates (the others are dropped like unknown types).
 */
static bool icmp_is_error(const struct icmp_err_ops *ops, u8 type)
{
	if (ops->icmp_proto == IPPROTO_ICMPV6)
		return !(type & ICMPV6_INFOMSG_MASK);
	return type == ICMP_DEST_UNREACH || type == ICMP_TIME_EXCEEDED ||
	       type == ICMP_PARAMETERPROB;
}

/*
 * An ICMP error, at @off of the packet @l3: the ports of its packet in
 * error, reversed (RFC 6146 3.4: the source port is the quoted destination
 * port...) into *@sport and *@dport, its protocol into *@proto, and
 * *@hdr pointed at it. A fragment (RFC 7915 1.2) and a packet in error
 * with no ports (a later fragment, a protocol NAT64 does not translate,
 * too short) have none.
 */
static enum nat64_tuple_verdict
err_ports(const struct icmp_err_ops *ops, const u8 *l3, unsigned int linear,
	  unsigned int off, const struct frag6 *frag, struct xlat_pkt *pkt,
	  u8 *proto, const u8 **hdr, u16 *sport, u16 *dport)
{
	const u8 *body = l3 + off + 8;
	struct icmp_inner inner;
	enum jool_stat reason;
	unsigned int orig;

	if (frag->more)
		return tuple_drop(pkt, JOOL_STAT_FRAGMENT);
	if (linear < pkt->len) {
		pkt->need = pkt->len;
		return NAT64_TUPLE_MORE;
	}
	reason = jool_icmp_err_quoted(ops, l3, pkt->len, off, &inner, &orig);
	if (!reason && ((inner.frag_off & IP_OFFSET) ||
			!nat64_proto(ops, inner.proto)))
		reason = JOOL_STAT_ICMP_INNER_UNSUPPORTED;
	if (!reason && !read_ports(body + inner.l4off, orig - inner.l4off,
				   inner.proto, dport, sport))
		reason = JOOL_STAT_ICMP_INNER_INVALID;
	if (reason)
		return tuple_drop(pkt, reason);
	*proto = inner.proto;
	*hdr = body;
	return NAT64_TUPLE_ICMP_ERR;
}

/*
 * The upper layer of a packet whose L3 headers passed: it starts at @off,
 * its protocol is *@proto, *@frag its fragment, @ops its family. The ports
 * go to *@sport and *@dport; an ICMP error's are those of its packet in
 * error (see err_ports()).
 */
static enum nat64_tuple_verdict
l4_ports(const struct icmp_err_ops *ops, const u8 *l3, unsigned int linear,
	 unsigned int off, const struct frag6 *frag, struct xlat_pkt *pkt,
	 u8 *proto, const u8 **hdr, u16 *sport, u16 *dport)
{
	enum xlat_verdict verdict;
	const u8 *l4 = l3 + off;
	u8 type;

	/* RFC 6146 3.4: TCP, UDP and ICMP have tuples; 3.1: nothing else. */
	if (!nat64_proto(ops, *proto))
		return tuple_drop(pkt, JOOL_STAT_NAT64_PROTO);
	if (frag->offset)
		return NAT64_TUPLE_LATER_FRAG;
	verdict = xlat_l4_reach(off + l4_min_len(*proto), linear, pkt);
	if (verdict != XLAT_OK)
		return tuple_of(verdict);
	if (*proto != ops->icmp_proto) {
		read_ports(l4, 4, *proto, sport, dport);
		return NAT64_TUPLE_OK;
	}
	if (icmp_is_error(ops, l4[0]))
		return err_ports(ops, l3, linear, off, frag, pkt, proto, hdr,
				 sport, dport);
	/* RFC 6146 3.5.3: of the informational messages, only echo. */
	if (ops->echo_type(l4[0], &type) != XLAT_OK)
		return tuple_drop(pkt, JOOL_STAT_ICMP_UNSUPPORTED);
	read_ports(l4, 8, *proto, sport, dport);
	return NAT64_TUPLE_OK;
}

/* The L3 headers of an IPv4 packet; its fragment fields into *@frag. */
static enum xlat_verdict l3_4(const u8 *l3, unsigned int linear,
			      struct xlat_pkt *pkt, unsigned int *off,
			      u8 *proto, struct frag6 *frag)
{
	const struct iphdr *ip4 = (const struct iphdr *)l3;
	enum xlat_verdict verdict;
	u16 fo;

	verdict = jool_ipv4_hdr_valid(l3, linear, pkt);
	if (verdict != XLAT_OK)
		return verdict;
	fo = ntohs(ip4->frag_off);
	frag->present = fo & (IP_MF | IP_OFFSET);
	frag->offset = fo & IP_OFFSET;
	frag->more = fo & IP_MF;
	frag->id = ip4->id;
	*off = ip4->ihl * 4;
	*proto = ip4->protocol;
	return XLAT_OK;
}

/*
 * Both families: the protocol and ports of the tuple into *@proto, *@sport
 * and *@dport, *@hdr pointed at the L3 header its addresses are read from
 * (@l3, or an ICMP error's packet in error).
 */
static enum nat64_tuple_verdict
tuple_any(const struct icmp_err_ops *ops, const u8 *l3, unsigned int linear,
	  struct xlat_pkt *pkt, struct frag6 *frag, u8 *proto,
	  const u8 **hdr, u16 *sport, u16 *dport)
{
	enum xlat_verdict verdict;
	unsigned int off;

	memset(frag, 0, sizeof(*frag));
	*hdr = l3;
	if (ops->icmp_proto == IPPROTO_ICMPV6) {
		verdict = jool_ipv6_hdr_valid(l3, linear, pkt);
		if (verdict == XLAT_OK)
			verdict = jool_ipv6_skip_ext(l3, linear, pkt, &off,
						     proto, frag);
	} else {
		verdict = l3_4(l3, linear, pkt, &off, proto, frag);
	}
	if (verdict != XLAT_OK)
		return tuple_of(verdict);
	return l4_ports(ops, l3, linear, off, frag, pkt, proto, hdr, sport,
			dport);
}

/*
 * The addresses of the L3 header @hdr (IPv6 if @alen is 16, else IPv4)
 * into @src and @dst, swapped if it is not the packet's own (@l3).
 */
static void tuple_addrs(const u8 *hdr, const u8 *l3, void *src, void *dst,
			unsigned int alen)
{
	const u8 *saddr = hdr + (alen == 16 ? 8 : 12);
	bool rev = hdr != l3;

	memcpy(src, rev ? saddr + alen : saddr, alen);
	memcpy(dst, rev ? saddr : saddr + alen, alen);
}

/**
 * jool_nat64_tuple() - the tuple of a packet (RFC 6146 3.4)
 * @l3: the L3 header; @linear bytes are readable
 * @linear: see @l3
 * @pkt: &xlat_pkt.len in; &xlat_pkt.need or &xlat_pkt.reason out
 * @t6: out: the tuple of an IPv6 packet (ports 0 when there are none);
 *	NULL for an IPv4 packet
 * @t4: out: the tuple of an IPv4 packet, when @t6 is NULL
 * @frag: out: the Fragment Header, if any (&frag6.present); of IPv4, the
 *	fragment fields as a Fragment Header would hold them (&frag6.id:
 *	the identification)
 *
 * TCP and UDP give their ports, ICMP echo and echo reply their identifier
 * as both ports, an ICMP error the tuple of the packet it quotes,
 * reversed (its whole message must be linear). No tuple: a malformed
 * header, a protocol other than TCP, UDP and ICMP (JOOL_STAT_NAT64_PROTO),
 * an informational type other than echo (JOOL_STAT_ICMP_UNSUPPORTED;
 * drop-icmpv6-info is the caller's), an error type RFC 7915 does not
 * translate, an error NAT64 cannot tie to a session. A later fragment
 * gets its addresses and protocol only.
 *
 * Return: see &enum nat64_tuple_verdict.
 */
enum nat64_tuple_verdict jool_nat64_tuple(const u8 *l3, unsigned int linear,
					  struct xlat_pkt *pkt,
					  struct jool_tuple6 *t6,
					  struct jool_tuple4 *t4,
					  struct frag6 *frag)
{
	enum nat64_tuple_verdict ret;
	const u8 *hdr;

	if (t6) {
		memset(t6, 0, sizeof(*t6));
		ret = tuple_any(&jool_icmp64_ops, l3, linear, pkt, frag,
				&t6->proto, &hdr, &t6->src.port, &t6->dst.port);
		if (ret < NAT64_TUPLE_MORE)
			tuple_addrs(hdr, l3, &t6->src.addr, &t6->dst.addr, 16);
	} else {
		memset(t4, 0, sizeof(*t4));
		ret = tuple_any(&jool_icmp46_ops, l3, linear, pkt, frag,
				&t4->proto, &hdr, &t4->src.port, &t4->dst.port);
		if (ret < NAT64_TUPLE_MORE)
			tuple_addrs(hdr, l3, &t4->src.addr, &t4->dst.addr, 4);
	}
	return ret;
}
