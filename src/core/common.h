/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers private to the translation core (src/core/). */
#ifndef _JOOL_CORE_COMMON_H
#define _JOOL_CORE_COMMON_H

#include "core/ext6.h"
#include "core/xlat.h"

enum xlat_verdict jool_ipv6_hdr_valid(const u8 *l3, unsigned int linear,
				      struct xlat_pkt *pkt);
enum xlat_verdict jool_ipv6_skip_ext(const u8 *l3, unsigned int linear,
				     struct xlat_pkt *pkt, unsigned int *offset,
				     u8 *proto, struct frag6 *frag);
enum xlat_verdict jool_ipv4_hdr_valid(const u8 *l3, unsigned int linear,
				      struct xlat_pkt *pkt);

static inline enum xlat_verdict xlat_more(struct xlat_pkt *pkt,
					  unsigned int need)
{
	pkt->need = need;
	return XLAT_MORE;
}

static inline enum xlat_verdict xlat_drop(struct xlat_pkt *pkt,
					  enum jool_stat reason)
{
	pkt->reason = reason;
	return XLAT_DROP;
}

/*
 * The first checks of jool_xlat46() and jool_xlat64(): @hlen bytes of fixed
 * header, readable, of IP version @version. @short_stat counts a shorter
 * packet.
 */
static inline enum xlat_verdict xlat_l3_start(const u8 *l3,
					      unsigned int linear,
					      struct xlat_pkt *pkt,
					      unsigned int hlen, u8 version,
					      enum jool_stat short_stat)
{
	if (pkt->len < hlen)
		return xlat_drop(pkt, short_stat);
	if (linear < hlen)
		return xlat_more(pkt, hlen);
	if (l3[0] >> 4 != version)
		return xlat_drop(pkt, JOOL_STAT_PROTO_MISMATCH);
	return XLAT_OK;
}

/* The upper-layer header the core reads ends at @end: there and linear? */
static inline enum xlat_verdict xlat_l4_reach(unsigned int end,
					      unsigned int linear,
					      struct xlat_pkt *pkt)
{
	if (end > pkt->len)
		return xlat_drop(pkt, JOOL_STAT_L4_TRUNCATED);
	if (end > linear)
		return xlat_more(pkt, end);
	return XLAT_OK;
}

/* Bytes of upper-layer header the core reads or rewrites (0: none). */
static inline unsigned int l4_min_len(u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return sizeof(struct tcphdr);
	case IPPROTO_UDP:
		return sizeof(struct udphdr);
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return 8;
	}
	return 0;
}

/*
 * Where the one checksum a CHECKSUM_PARTIAL packet leaves for the stack to
 * finish is (&xlat_pkt.csum_partial):
 *
 * PARTIAL_OUTER: that of our upper layer (TCP or UDP at @l4off). It covers
 *	our pseudo-header: the core re-seeds it and the glue moves csum_start
 *	along with the L4 header.
 * PARTIAL_INNER: one further in, behind our upper-layer header: that of a
 *	packet a tunnel carries (IPIP, SIT, GRE, FOU, VXLAN...). It covers the
 *	inner packet's own pseudo-header, which translation does not touch,
 *	and csum_start counts from skb->head, so it keeps pointing at the same
 *	bytes: nothing to do. Our upper layer's checksum, if any, is then a
 *	full one (local checksum offload: the stack computed it as it will be
 *	once the inner one is filled in), or zero for UDP.
 * PARTIAL_BAD: anywhere else, past the end, or an odd number of bytes
 *	from our upper layer; an ICMP message (the glue finishes those). The
 *	kernel builds no such packet.
 */
enum partial_at {
	PARTIAL_NONE,
	PARTIAL_OUTER,
	PARTIAL_INNER,
	PARTIAL_BAD,
};

static inline enum partial_at partial_csum_at(const struct xlat_pkt *pkt,
					      unsigned int l4off, u8 proto)
{
	unsigned int start = pkt->csum_start;

	if (!pkt->csum_partial)
		return PARTIAL_NONE;
	if (proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6 ||
	    start > pkt->len || pkt->csum_offset + 2 > pkt->len - start)
		return PARTIAL_BAD;
	if (start == l4off) {
		if (proto == IPPROTO_TCP &&
		    pkt->csum_offset == offsetof(struct tcphdr, check))
			return PARTIAL_OUTER;
		if (proto == IPPROTO_UDP &&
		    pkt->csum_offset == offsetof(struct udphdr, check))
			return PARTIAL_OUTER;
		return PARTIAL_BAD;
	}
	/*
	 * An odd distance from our upper layer would put the inner bytes in
	 * the other half of each 16-bit word of our checksum's sum: what
	 * the stack computed (or we compute, for a zero UDP checksum) would
	 * not add up. Tunnels align their inner headers; a fuzzer does not.
	 */
	if (start < l4off + l4_min_len(proto) || ((start - l4off) & 1))
		return PARTIAL_BAD;
	return PARTIAL_INNER;
}

/*
 * partial_csum_at() is PARTIAL_OUTER, for a packet it already found not to
 * be PARTIAL_BAD (once is enough: this is the per-packet path).
 */
static inline bool partial_csum_ours(const struct xlat_pkt *pkt,
				     unsigned int l4off)
{
	return pkt->csum_partial && pkt->csum_start == l4off;
}

/* The layout of a CHECKSUM_PARTIAL packet is one we can translate. */
static inline bool partial_csum_ok(const struct xlat_pkt *pkt,
				   unsigned int l4off, u8 proto)
{
	return partial_csum_at(pkt, l4off, proto) != PARTIAL_BAD;
}

/*
 * ICMP errors (RFC 7915 4.3 and 5.3) and their RFC 4884 extensions.
 *
 * An RFC 4884 "original datagram" field followed by an extension structure
 * holds at least 128 bytes (RFC 4884 4), zero padded to whole 32-bit
 * (ICMPv4) or 64-bit (ICMPv6) words, the unit its length attribute counts.
 * The structure starts with a 4-byte header (RFC 4884 7).
 */
#define ICMP_EXT_MIN_DGRAM 128U
#define ICMP_EXT_HDR_LEN 4U

/*
 * Where the original datagram of a received ICMP error ends: @attr is the
 * RFC 4884 length attribute in bytes (0: none), @body the bytes after the
 * 8-byte ICMP header. A length that cannot delimit a field of at least 128
 * bytes followed by an extension header (too short, or pointing too close
 * to the end of the message or past it) is ignored, as Linux ignores it
 * (ip_icmp_error_rfc4884()): the message is read as one without
 * extensions, its whole body the datagram.
 */
static inline unsigned int icmp_ext_split(unsigned int attr,
					  unsigned int body)
{
	if (attr < ICMP_EXT_MIN_DGRAM || attr + ICMP_EXT_HDR_LEN > body)
		return body;
	return attr;
}

/*
 * Lays out the body of a translated ICMP error that may take @budget bytes
 * after its 8-byte header: @dgram bytes of translated original datagram
 * and *@ext bytes of extension structure (0: none). What goes first: 128
 * bytes of datagram, then the whole extension, then the rest of the
 * datagram (cut to whole @unit words, 4 for ICMPv4 or 8 for ICMPv6). An
 * extension that does not fit beside 128 bytes of datagram is left out
 * whole: cut short, its checksum and object lengths would be wrong, and a
 * receiver would reject it or read it as part of the datagram.
 *
 * Sets *@copy to the datagram bytes that fit and *@ext to the extension
 * bytes kept (all, or 0). Returns the size of the original datagram field:
 * *@copy, padded to 128 bytes and to whole words only when an extension
 * follows.
 */
static inline unsigned int icmp_ext_layout(unsigned int budget,
					   unsigned int unit,
					   unsigned int dgram,
					   unsigned int *ext,
					   unsigned int *copy)
{
	if (!*ext || budget < *ext + ICMP_EXT_MIN_DGRAM) {
		*ext = 0;
		*copy = min(dgram, budget);
		return *copy;
	}
	*copy = min(dgram, (budget - *ext) & ~(unit - 1));
	return max((*copy + unit - 1) & ~(unit - 1), ICMP_EXT_MIN_DGRAM);
}

/* The M flag in the offset field of a fragment header (RFC 8200 4.5). */
#define FRAG6_MF 0x0001

/* How much of a TCP or UDP header holds its checksum. */
#define TCP_CHECK_END (offsetof(struct tcphdr, check) + sizeof(__sum16))
#define UDP_CHECK_END (offsetof(struct udphdr, check) + sizeof(__sum16))

/* The one's complement sum of @len bytes, folded and complemented. */
static inline __sum16 icmp_csum(const u8 *data, unsigned int len)
{
	return csum_fold(csum_partial(data, len, 0));
}

/* Reads and writes of fields that need not be aligned. */
static inline u16 get_be16(const u8 *p)
{
	return (p[0] << 8) | p[1];
}

static inline u32 get_be32(const u8 *p)
{
	return ((u32)p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
}

static inline void put_be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static inline void put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

#endif /* _JOOL_CORE_COMMON_H */
