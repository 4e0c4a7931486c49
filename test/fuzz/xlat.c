// SPDX-License-Identifier: GPL-2.0
/*
 * Targets xlat64 (FUZZ_TO_V4 1) and xlat46 (FUZZ_TO_V4 0): a packet through
 * jool_xlat64() / jool_xlat46() the way src/xmit.c drives them, then what
 * the glue does with each verdict: swap the header in (XLAT_OK), translate
 * the ICMP error whole (XLAT_ICMP_ERR), answer the drop (XLAT_DROP).
 * Checksums are compared with the packet as sent (for the ICMP echo cut
 * by src/frag4.c, before jool_xlat46_icmp_prep() rewrote its header).
 *
 * Each call of the core gets a fresh buffer of exactly the bytes the glue
 * made linear, so ASan reports any access past them.
 *
 * NAT64 (packet flag FUZZ_PKT_NAT64): jool_nat64_tuple() first, then the
 * same translation with a session's tuple; the ports the packet leaves
 * with must be the session's.
 */
#include "core/nat64.h"
#include "fuzz.h"
#include "pkt.h"

#ifndef FUZZ_TO_V4
#error "build with -DFUZZ_TO_V4=1 (xlat64) or 0 (xlat46)"
#endif

/* What src/xmit.c asks for first, and its bound on the rounds. */
#define FIRST_PULL6 (sizeof(struct ipv6hdr) + sizeof(struct tcphdr))
#define FIRST_PULL4 (sizeof(struct iphdr) + sizeof(struct tcphdr))
#define MAX_ROUNDS 16

typedef enum xlat_verdict (*xlat_fn)(const struct xlat_cfg *, u8 *,
				     unsigned int, struct xlat_pkt *);

/*
 * jool_run_core() of src/xmit.c over @work (&xlat_pkt.len bytes, the
 * packet): grows the linear area as the core asks. Sets *@linear to the
 * bytes the last call saw.
 */
static enum xlat_verdict run_core(xlat_fn fn, const struct xlat_cfg *cfg,
				  u8 *work, struct xlat_pkt *pkt,
				  unsigned int need, unsigned int *linear)
{
	enum xlat_verdict verdict;
	unsigned int round;
	u8 *buf;

	for (round = 0; round < MAX_ROUNDS; round++) {
		need = min(need, pkt->len);
		buf = malloc(need ? need : 1);
		memcpy(buf, work, need);
		verdict = fn(cfg, buf, need, pkt);
		*linear = need;
		if (verdict == XLAT_OK)
			memcpy(work, buf, need);
		else
			FUZZ_ASSERT(!memcmp(buf, work, need),
				    "verdict %u changed the packet", verdict);
		free(buf);
		if (verdict != XLAT_MORE)
			return verdict;
		/* src/xmit.c drops an XLAT_MORE that asks for no more. */
		FUZZ_ASSERT(pkt->need > need, "asked for %u with %u linear",
			    pkt->need, need);
		FUZZ_ASSERT(pkt->need <= pkt->len,
			    "asked for %u of a %u-byte packet", pkt->need,
			    pkt->len);
		need = pkt->need;
	}
	pkt->reason = JOOL_STAT_HDR6_TRUNCATED;
	return XLAT_DROP;
}

/* The stack finishing a CHECKSUM_PARTIAL checksum (skb_checksum_help()). */
static void complete_at(u8 *l3, unsigned int len, unsigned int start,
			unsigned int field)
{
	u16 sum = pkt_sum(l3 + start, len - start, 0);

	l3[start + field] = ~sum >> 8;
	l3[start + field + 1] = ~sum;
}

static void complete_csum(u8 *l3, unsigned int len, unsigned int l4off,
			  u8 proto)
{
	complete_at(l3, len, l4off, proto == IPPROTO_TCP ?
		    offsetof(struct tcphdr, check) :
		    offsetof(struct udphdr, check));
}

/* The IPv4 header the core made, against the packet it describes. */
static void check_hdr4(const u8 *out, unsigned int total,
		       const struct xlat_pkt *pkt)
{
	FUZZ_ASSERT(pkt->new_l3len == 20, "IPv4 header of %u", pkt->new_l3len);
	FUZZ_ASSERT(out[0] == 0x45, "version/IHL %#x", out[0]);
	FUZZ_ASSERT((unsigned int)(out[2] << 8 | out[3]) == total, "total length %u of %u",
		    out[2] << 8 | out[3], total);
	FUZZ_ASSERT(out[9] == pkt->l4proto, "protocol %u, l4proto %u", out[9],
		    pkt->l4proto);
	FUZZ_ASSERT(out[9] != NEXTHDR_ICMP, "ICMPv6 over IPv4");
}

static void check_hdr6(const u8 *out, unsigned int total,
		       const struct xlat_pkt *pkt)
{
	FUZZ_ASSERT(pkt->new_l3len == 40 || pkt->new_l3len == 48,
		    "IPv6 headers of %u", pkt->new_l3len);
	FUZZ_ASSERT(out[0] >> 4 == 6, "version %u", out[0] >> 4);
	FUZZ_ASSERT((unsigned int)(out[4] << 8 | out[5]) + 40 == total,
		    "payload length %u of %u", out[4] << 8 | out[5], total);
	FUZZ_ASSERT(out[pkt->new_l3len == 48 ? 40 : 6] == pkt->l4proto,
		    "next header, l4proto %u", pkt->l4proto);
	if (pkt->new_l3len == 48)
		FUZZ_ASSERT(out[6] == NEXTHDR_FRAGMENT, "next header %u",
			    out[6]);
	FUZZ_ASSERT(pkt->l4proto != IPPROTO_ICMP, "ICMPv4 over IPv6");
}

/* Whether the new packet @out is a fragment (its checksum is partial). */
static bool out_is_frag(const u8 *out, const struct xlat_pkt *pkt)
{
	if (FUZZ_TO_V4)
		return (out[6] << 8 | out[7]) & (IP_MF | IP_OFFSET);
	return pkt->new_l3len == 48;
}

/* The upper-layer protocol of the packet @l3, whose headers take @l3len. */
static u8 in_l4proto(const u8 *l3, unsigned int l3len)
{
	unsigned int off = 40;
	u8 cur, next;

	if (!FUZZ_TO_V4)
		return l3[9];
	cur = l3[6];
	while (off < l3len) {
		next = l3[off];
		off += cur == NEXTHDR_FRAGMENT ? 8 : (l3[off + 1] + 1) * 8;
		cur = next;
	}
	return cur;
}

/*
 * Upper-layer checksums: updated incrementally (RFC 1624), so a right one
 * stays right, a CHECKSUM_PARTIAL seed completes to a right one, and a
 * UDP checksum never becomes zero. A partial checksum further in (a
 * tunnelled packet's) stays at the same bytes: the stack fills it in, here
 * in both packets, and the outer checksum is held to the same rules; a
 * zero UDP one amended for IPv6 must come out right.
 */
static void check_l4(const u8 *orig, u8 *out, unsigned int total,
		     const struct xlat_pkt *pkt)
{
	u8 proto = pkt->l4proto, in_proto;
	unsigned int l4off = pkt->new_l3len;
	unsigned int l4len = total - l4off;
	bool inner = pkt->csum_partial && pkt->csum_start != pkt->old_l3len;
	bool partial = (pkt->csum_partial && !inner) || pkt->csum_now_partial;
	bool zero;
	u8 *in;

	in_proto = in_l4proto(orig, pkt->old_l3len);
	if (out_is_frag(out, pkt))
		return;
	if (proto != IPPROTO_TCP && proto != IPPROTO_UDP &&
	    proto != IPPROTO_ICMP && proto != NEXTHDR_ICMP)
		return;
	FUZZ_ASSERT(!partial || proto == IPPROTO_TCP || proto == IPPROTO_UDP,
		    "CHECKSUM_PARTIAL protocol %u", proto);
	if (partial) {
		FUZZ_ASSERT(proto != IPPROTO_TCP || l4len >= 20, "short TCP");
		complete_csum(out, total, l4off, proto);
		FUZZ_ASSERT(fuzz_l4_csum_ok(out, total, l4off, proto),
			    "CHECKSUM_PARTIAL seed");
		return;
	}
	in = malloc(pkt->len);
	memcpy(in, orig, pkt->len);
	zero = proto == IPPROTO_UDP &&
	       !(in[pkt->old_l3len + 6] | in[pkt->old_l3len + 7]);
	if (inner) {
		FUZZ_ASSERT(pkt->csum_start > pkt->old_l3len &&
			    pkt->csum_start + pkt->csum_offset + 2 <= pkt->len,
			    "inner partial checksum at %u", pkt->csum_start);
		complete_at(in, pkt->len, pkt->csum_start, pkt->csum_offset);
		complete_at(out, total,
			    pkt->csum_start - pkt->old_l3len + l4off,
			    pkt->csum_offset);
	}
	if (zero && (FUZZ_TO_V4 || !inner))
		goto out;
	if (!zero && !fuzz_l4_csum_ok(in, pkt->len, pkt->old_l3len, in_proto))
		goto out;
	FUZZ_ASSERT(fuzz_l4_csum_ok(out, total, l4off, proto),
		    "a right checksum went wrong (protocol %u)", proto);
	if (proto == IPPROTO_UDP)
		FUZZ_ASSERT(out[l4off + 6] | out[l4off + 7], "UDP checksum 0");
out:
	free(in);
}

/* XLAT_OK: the glue's swap_l3(), then the new packet's invariants. */
static void check_ok(const u8 *orig, const u8 *work, unsigned int linear,
		     const struct xlat_pkt *pkt)
{
	unsigned int total;
	u8 *out;

	FUZZ_ASSERT(pkt->old_l3len <= linear, "old headers %u, linear %u",
		    pkt->old_l3len, linear);
	FUZZ_ASSERT(pkt->old_l3len >= (FUZZ_TO_V4 ? 40 : 20),
		    "old headers %u", pkt->old_l3len);
	FUZZ_ASSERT(pkt->new_l3len <= sizeof(pkt->hdr), "new headers %u",
		    pkt->new_l3len);
	total = pkt->new_l3len + pkt->len - pkt->old_l3len;
	out = malloc(total);
	memcpy(out, pkt->hdr.raw, pkt->new_l3len);
	memcpy(out + pkt->new_l3len, work + pkt->old_l3len,
	       pkt->len - pkt->old_l3len);
	if (FUZZ_TO_V4) {
		check_hdr4(out, total, pkt);
		FUZZ_ASSERT(fuzz_l4_csum_ok(out, 20, 0, IPPROTO_ICMP),
			    "IPv4 header checksum");
	} else {
		check_hdr6(out, total, pkt);
	}
	FUZZ_ASSERT(!pkt->csum_now_partial ||
		    (!FUZZ_TO_V4 && pkt->l4proto == IPPROTO_UDP),
		    "csum_now_partial for protocol %u", pkt->l4proto);
	check_l4(orig, out, total, pkt);
	free(out);
}

/* XLAT_DROP: jool_drop_skb() answers from the packet as it was left. */
static void check_drop(const u8 *work, unsigned int linear,
		       const struct xlat_pkt *pkt)
{
	u8 *buf;

	fuzz_check_reason(pkt->reason);
	/*
	 * Too big: only with a route MTU, for what may not be cut (IPv4 DF;
	 * 6->4 gets DF over 1260 bytes, unless reassembled), with an MTU
	 * that the header difference explains: IPv4 options or IPv6
	 * extensions go, a Fragment Header comes; at least 1280 for IPv6,
	 * 68 for IPv4.
	 */
	if (pkt->reason == JOOL_STAT_TOO_BIG && FUZZ_TO_V4)
		FUZZ_ASSERT(pkt->mtu4 && pkt->len > 1280 && !pkt->reassembled &&
			    pkt->err_mtu >= 1280 &&
			    pkt->err_mtu >= pkt->mtu4 + 20,
			    "too big: MTU %u, route %u, %u bytes",
			    pkt->err_mtu, pkt->mtu4, pkt->len);
	if (pkt->reason == JOOL_STAT_TOO_BIG && !FUZZ_TO_V4)
		FUZZ_ASSERT(pkt->mtu6 && linear >= 20 && (work[6] & 0x40) &&
			    (pkt->err_mtu == 68 ||
			     (pkt->err_mtu > 68 &&
			      pkt->err_mtu <= pkt->mtu6 + 20 &&
			      pkt->err_mtu + 28 >= pkt->mtu6)),
			    "too big: MTU %u, route %u", pkt->err_mtu,
			    pkt->mtu6);
	if (pkt->reason == JOOL_STAT_EXT6_UNSUPPORTED && pkt->err_ptr) {
		/* It points at a routing header's Segments Left. */
		FUZZ_ASSERT(FUZZ_TO_V4 && pkt->err_ptr < linear &&
			    work[pkt->err_ptr], "err_ptr %u", pkt->err_ptr);
	}
	buf = malloc(linear ? linear : 1);
	memcpy(buf, work, linear);
	fuzz_check_drop_icmp(buf, linear, FUZZ_TO_V4, pkt);
	free(buf);
}

/* XLAT_ICMP_ERR: translate_icmp_err() of src/xmit.c. */
static void icmp_err(const struct xlat_cfg *cfg, const u8 *work,
		     struct xlat_pkt *pkt)
{
	unsigned int len = pkt->len;
	enum xlat_verdict verdict;
	u8 *in, *out;

	FUZZ_ASSERT(pkt->reason == JOOL_STAT_ICMP_UNSUPPORTED,
		    "XLAT_ICMP_ERR with reason %u", pkt->reason);
	in = malloc(len);
	memcpy(in, work, len);
	out = malloc(XLAT_ICMP_ERR_OUTMAX);
	memset(out, FUZZ_CANARY, XLAT_ICMP_ERR_OUTMAX);
	verdict = (FUZZ_TO_V4 ? jool_xlat64_icmp_err :
				jool_xlat46_icmp_err)(cfg, in, len, out,
						      XLAT_ICMP_ERR_OUTMAX,
						      pkt);
	FUZZ_ASSERT(pkt->len == len, "len changed to %u", pkt->len);
	if (verdict == XLAT_OK) {
		fuzz_check_icmp_err_out(out, XLAT_ICMP_ERR_OUTMAX, pkt,
					FUZZ_TO_V4);
	} else {
		FUZZ_ASSERT(verdict == XLAT_DROP, "verdict %u", verdict);
		check_drop(in, len, pkt);
	}
	free(in);
	free(out);
}

/* A session's tuple, and what jool_nat64_tuple() said of the packet. */
struct nat64_case {
	struct jool_tuple4 t4;
	struct jool_tuple6 t6;
	enum nat64_tuple_verdict verdict;
	struct frag6 frag;
};

/*
 * jool_nat64_tuple() on the first @linear bytes of @work (@len bytes), in
 * a buffer of exactly that size.
 */
static enum nat64_tuple_verdict tuple_of(const u8 *work, unsigned int len,
					 unsigned int linear,
					 struct xlat_pkt *pkt,
					 struct frag6 *frag)
{
	enum nat64_tuple_verdict verdict;
	struct jool_tuple6 t6;
	struct jool_tuple4 t4;
	u8 *buf;

	buf = malloc(linear ? linear : 1);
	memcpy(buf, work, linear);
	memset(pkt, 0, sizeof(*pkt));
	pkt->len = len;
	verdict = jool_nat64_tuple(buf, linear, pkt, FUZZ_TO_V4 ? &t6 : NULL,
				   FUZZ_TO_V4 ? NULL : &t4, frag);
	FUZZ_ASSERT(!memcmp(buf, work, linear), "the tuple changed the packet");
	free(buf);
	if (verdict == NAT64_TUPLE_DROP)
		fuzz_check_reason(pkt->reason);
	if (verdict == NAT64_TUPLE_MORE)
		FUZZ_ASSERT(pkt->need > linear && pkt->need <= len,
			    "tuple asked for %u with %u of %u", pkt->need,
			    linear, len);
	return verdict;
}

/*
 * The tuple, with the whole packet and with the glue's first pull (the
 * same, or MORE); then the session tuple of the translation.
 */
static void nat64_setup(struct fuzz_case *c, const u8 *work,
			struct nat64_case *n)
{
	unsigned int first = FUZZ_TO_V4 ? FIRST_PULL6 : FIRST_PULL4;
	enum nat64_tuple_verdict verdict;
	struct xlat_pkt pkt;
	struct frag6 frag;

	n->verdict = tuple_of(work, c->len, c->len, &pkt, &n->frag);
	FUZZ_ASSERT(n->verdict != NAT64_TUPLE_MORE, "MORE of a whole packet");
	verdict = tuple_of(work, c->len, min(first, c->len), &pkt, &frag);
	FUZZ_ASSERT(verdict == NAT64_TUPLE_MORE || verdict == n->verdict,
		    "tuple %u, with all of it %u", verdict, n->verdict);
	n->t4.src.addr = c->pkt.own4;
	n->t4.dst.addr = c->cfg.rfc6791v4.addr;
	n->t6.src.addr = c->pkt.own6;
	n->t6.dst.addr = c->cfg.rfc6791v6.addr;
	n->t4.src.port = c->pkt.random;
	n->t6.src.port = c->pkt.random;
	n->t4.dst.port = c->pkt.random >> 16;
	n->t6.dst.port = c->pkt.random >> 16;
	if (FUZZ_TO_V4)
		c->pkt.nat64_t4 = &n->t4;
	else
		c->pkt.nat64_t6 = &n->t6;
}

/*
 * A translated packet whose tuple had ports (not a later fragment, not an
 * ICMP error) leaves with the session's: the upper layer is at
 * &xlat_pkt.old_l3len of @work.
 */
static void nat64_check_ports(const struct nat64_case *n, const u8 *work,
			      const struct xlat_pkt *pkt)
{
	const u8 *l4 = work + pkt->old_l3len;
	u16 sport = FUZZ_TO_V4 ? n->t4.src.port : n->t6.src.port;
	u16 dport = FUZZ_TO_V4 ? n->t4.dst.port : n->t6.dst.port;

	if (n->verdict != NAT64_TUPLE_OK || pkt->icmp6_ready)
		return;
	if (pkt->l4proto == IPPROTO_ICMP || pkt->l4proto == NEXTHDR_ICMP) {
		FUZZ_ASSERT((l4[4] << 8 | l4[5]) == sport, "identifier");
		return;
	}
	FUZZ_ASSERT((l4[0] << 8 | l4[1]) == sport, "source port");
	FUZZ_ASSERT((l4[2] << 8 | l4[3]) == dport, "destination port");
}

/*
 * jool_xlat46_icmp_prep() as src/frag4.c calls it on an ICMP echo that
 * must be cut; the pieces then go through jool_xlat46() with icmp6_ready.
 * This runs one piece: the whole packet. Returns false if it was dropped.
 */
static bool icmp_prep(const struct xlat_cfg *cfg, u8 *work,
		      const struct fuzz_case *c)
{
	struct xlat_pkt pkt;
	unsigned int linear;

	memset(&pkt, 0, sizeof(pkt));
	pkt.len = c->len;
	pkt.hairpin = c->pkt.hairpin;
	pkt.nat64_t6 = c->pkt.nat64_t6;
	if (run_core(jool_xlat46_icmp_prep, cfg, work, &pkt,
		     (c->len ? (work[0] & 0xf) * 4 : 0) + 8,
		     &linear) == XLAT_OK)
		return true;
	check_drop(work, linear, &pkt);
	return false;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fuzz_in in = { data, size };
	enum xlat_verdict verdict;
	bool icmp6_ready = false;
	unsigned int linear, first;
	struct nat64_case n;
	struct fuzz_case c;
	u8 *work, *orig;

	fuzz_decode(&in, &c);
	work = malloc(c.len ? c.len : 1);
	orig = malloc(c.len ? c.len : 1);
	memcpy(work, c.data, c.len);
	memcpy(orig, work, c.len);
	if (c.pkt_flags & FUZZ_PKT_NAT64)
		nat64_setup(&c, work, &n);
	if (!FUZZ_TO_V4 && (c.pkt_flags & FUZZ_PKT_ICMP_PREP) &&
	    c.len >= 20 && work[9] == IPPROTO_ICMP && !c.pkt.csum_partial) {
		if (!icmp_prep(&c.cfg, work, &c))
			goto out;
		icmp6_ready = true;
	}
	c.pkt.icmp6_ready = icmp6_ready;
	first = c.first ? c.first : FUZZ_TO_V4 ? FIRST_PULL6 : FIRST_PULL4;
	verdict = run_core(FUZZ_TO_V4 ? jool_xlat64 : jool_xlat46, &c.cfg,
			   work, &c.pkt, first, &linear);
	switch (verdict) {
	case XLAT_OK:
		check_ok(orig, work, linear, &c.pkt);
		if (c.pkt_flags & FUZZ_PKT_NAT64)
			nat64_check_ports(&n, work, &c.pkt);
		break;
	case XLAT_DROP:
		check_drop(work, linear, &c.pkt);
		break;
	case XLAT_ICMP_ERR:
		icmp_err(&c.cfg, work, &c.pkt);
		break;
	default:
		FUZZ_ASSERT(0, "verdict %u", verdict);
	}
out:
	free(work);
	free(orig);
	fuzz_case_free(&c);
	return 0;
}
