// SPDX-License-Identifier: GPL-2.0
/*
 * The NAT64 packet core (RFC 6146): tuples (3.4) and translation with a
 * session's tuple (3.7). Every translated packet is compared, byte for
 * byte, with one built from scratch (checksums recomputed by pkt.c).
 *
 * The flow: the IPv6 client X6#12345 talks to the IPv4 server S4#80
 * (S6 with pool6) through the pool4 transport address T4#61001. ICMP echo:
 * identifier 0x1234 on the IPv6 side, 61001 on the IPv4 side.
 */
#include <stdlib.h>
#include "core/nat64.h"
#include "core/nat64_map.h"
#include "fixture.h"
#include "unit.h"

#define X6 "2001:db8::5"
#define S4 "198.51.100.7"
#define S6 "64:ff9b::198.51.100.7"
#define T4 "192.0.2.2"
#define R4 "203.0.113.1"
#define R6 "64:ff9b::203.0.113.1"

static bool is_icmp(uint8_t proto)
{
	return proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6;
}

static uint8_t proto4_of(uint8_t proto6)
{
	return proto6 == IPPROTO_ICMPV6 ? IPPROTO_ICMP : proto6;
}

/* The ports of the IPv6 side: X's, then S's. */
static void ports6(uint8_t proto, uint16_t *x, uint16_t *s)
{
	*x = is_icmp(proto) ? 0x1234 : 12345;
	*s = is_icmp(proto) ? 0x1234 : 80;
}

/* The ports of the IPv4 side: T's, then S's. */
static void ports4(uint8_t proto, uint16_t *t, uint16_t *s)
{
	*t = 61001;
	*s = is_icmp(proto) ? 61001 : 80;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static uint16_t get16(const uint8_t *p)
{
	return (p[0] << 8) | p[1];
}

/* Ports (ICMP: identifier @sp) of a built packet, checksum recomputed. */
static void set_ports(struct tpkt *p, uint8_t proto, uint16_t sp, uint16_t dp)
{
	uint8_t *l4 = p->buf + p->l4off;

	if (is_icmp(proto)) {
		put16(l4 + 4, sp);
	} else {
		put16(l4, sp);
		put16(l4 + 2, dp);
	}
	pkt_finish_l4(p);
}

static void mk6(struct tpkt *p, const char *src, const char *dst,
		uint8_t proto, uint16_t sp, uint16_t dp, uint8_t hops)
{
	pkt6(p, src, dst, proto, 100, hops);
	set_ports(p, proto, sp, dp);
}

static void mk4(struct tpkt *p, const char *src, const char *dst,
		uint8_t proto, uint16_t sp, uint16_t dp, uint8_t ttl)
{
	pkt4(p, src, dst, proto, 100, ttl);
	set_ports(p, proto, sp, dp);
}

static struct in6_addr a6(const char *s)
{
	struct in6_addr a;

	inet_pton(AF_INET6, s, &a);
	return a;
}

static struct jool_tuple4 tuple4(const char *src, uint16_t sp,
				 const char *dst, uint16_t dp, uint8_t proto)
{
	struct jool_tuple4 t = {
		.src = { a4(src), sp }, .dst = { a4(dst), dp }, .proto = proto,
	};

	return t;
}

static struct jool_tuple6 tuple6(const char *src, uint16_t sp,
				 const char *dst, uint16_t dp, uint8_t proto)
{
	struct jool_tuple6 t = {
		.src = { a6(src), sp }, .dst = { a6(dst), dp }, .proto = proto,
	};

	return t;
}

static bool same6(const struct jool_tuple6 *a, const struct jool_tuple6 *b)
{
	return !memcmp(&a->src.addr, &b->src.addr, 16) &&
	       !memcmp(&a->dst.addr, &b->dst.addr, 16) &&
	       a->src.port == b->src.port && a->dst.port == b->dst.port &&
	       a->proto == b->proto;
}

static bool same4(const struct jool_tuple4 *a, const struct jool_tuple4 *b)
{
	return a->src.addr == b->src.addr && a->dst.addr == b->dst.addr &&
	       a->src.port == b->src.port && a->dst.port == b->dst.port &&
	       a->proto == b->proto;
}

/* The translated packet @out (@len bytes) is @want, byte for byte. */
static void same_pkt(const uint8_t *out, unsigned int len,
		     const struct tpkt *want, const char *what)
{
	unsigned int i;

	CHECK_EQ(len, want->len, "%s: length %u, want %u", what, len,
		 want->len);
	for (i = 0; i < len && i < want->len; i++)
		if (out[i] != want->buf[i])
			break;
	CHECK_EQ(i, len, "%s: first difference at byte %u", what, i);
	CHECK(l4_csum_ok(out, len), "%s: upper-layer checksum", what);
}

/* Room for the tuple of either family. */
union tuple {
	struct jool_tuple6 t6;
	struct jool_tuple4 t4;
};

/* The tuple of @p, @linear bytes of it readable (0: all of them). */
static enum nat64_tuple_verdict tuple_of(struct tpkt *p, unsigned int linear,
					 struct xlat_pkt *x, void *t,
					 struct frag6 *f)
{
	memset(x, 0, sizeof(*x));
	x->len = p->len;
	if (!linear)
		linear = p->len;
	if ((p->buf[0] >> 4) == 6)
		return jool_nat64_tuple(p->buf, linear, x, t, NULL, f);
	return jool_nat64_tuple(p->buf, linear, x, NULL, t, f);
}

/*
 * jool_xlat64() or jool_xlat46(), by @p's version, with the session's
 * tuple @t (of the other version), hop bump 1, IPv4 ID 0x1234.
 */
static enum xlat_verdict run_nat64(const struct xlat_cfg *cfg, struct tpkt *p,
				   struct xlat_pkt *x, const void *t)
{
	memset(x, 0, sizeof(*x));
	x->len = p->len;
	x->hop_bump = 1;
	x->ipv4_id = htons(0x1234);
	if ((p->buf[0] >> 4) == 4) {
		x->nat64_t6 = t;
		return jool_xlat46(cfg, p->buf, p->len, x);
	}
	x->nat64_t4 = t;
	return jool_xlat64(cfg, p->buf, p->len, x);
}

/*
 * RFC 6146 3.4 and 3.7, TCP, UDP and ICMP echo, from IPv6 (@from6) or
 * IPv4: the tuple, and the translation with the session's. The
 * configuration has no pool6: the addresses come from the session only.
 */
static void xlat_one(uint8_t proto6, bool from6)
{
	uint8_t proto4 = proto4_of(proto6), out[4096];
	struct jool_tuple6 t6, o6, got6;
	struct jool_tuple4 t4, o4, got4;
	struct xlat_cfg cfg = { 0 };
	uint16_t xp, sp, tp, sp4;
	enum xlat_verdict v;
	struct xlat_pkt x;
	struct tpkt p, e;
	struct frag6 f;
	bool tuple_ok;

	ports6(proto6, &xp, &sp);
	ports4(proto4, &tp, &sp4);
	t6 = tuple6(X6, xp, S6, sp, proto6);
	o4 = tuple4(T4, tp, S4, sp4, proto4);
	t4 = tuple4(S4, sp4, T4, tp, proto4);
	o6 = tuple6(S6, sp, X6, xp, proto6);
	if (from6) {
		mk4(&e, T4, S4, proto4, tp, sp4, 64);
		pkt4_hdr(&e, 0xab, 0x1234, 0, 64);
		mk6(&p, X6, S6, proto6, xp, sp, 63);
		tuple_ok = tuple_of(&p, 0, &x, &got6, &f) == NAT64_TUPLE_OK &&
			   same6(&got6, &t6);
		v = run_nat64(&cfg, &p, &x, &o4);
	} else {
		mk4(&p, S4, T4, proto4, sp4, tp, 63);
		tuple_ok = tuple_of(&p, 0, &x, &got4, &f) == NAT64_TUPLE_OK &&
			   same4(&got4, &t4);
		v = run_nat64(&cfg, &p, &x, &o6);
		mk6(&e, S6, X6, proto6, sp, xp, 64);
		pkt6_tc(&e, 0xb8);
	}
	CHECK(tuple_ok, "tuple, proto %u from6 %d", proto6, from6);
	CHECK(!f.present, "not a fragment (IPv4: DF)");
	CHECK_EQ(v, XLAT_OK, "translated, proto %u from6 %d", proto6, from6);
	same_pkt(out, assemble(out, &p, &x), &e, from6 ? "6->4" : "4->6");
}

static const uint8_t protos6[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMPV6 };

/* @fn for TCP, UDP and ICMP, from IPv6 (@from6) or IPv4. */
static void each(void (*fn)(uint8_t proto6, bool from6), bool from6)
{
	unsigned int i;

	for (i = 0; i < sizeof(protos6); i++)
		fn(protos6[i], from6);
}

static void test_xlat64(void)
{
	each(xlat_one, true);
}

static void test_xlat46(void)
{
	each(xlat_one, false);
}

/*
 * RFC 6146 3.7 with CHECKSUM_PARTIAL input: the field holds only the
 * pseudo-header sum, which the ports are not part of; they are rewritten
 * and the field re-seeded for the new pseudo-header.
 */
static void test_partial(void)
{
	struct jool_tuple4 t4 = tuple4(T4, 61001, S4, 80, IPPROTO_TCP);
	struct jool_tuple6 t6 = tuple6(S6, 53, X6, 12345, IPPROTO_UDP);
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	uint8_t out[4096];
	struct xlat_pkt x;
	struct tpkt p;
	unsigned int len;

	pkt6(&p, X6, S6, IPPROTO_TCP, 2000, 64);
	put16(p.buf + 40 + 16, l4_csum_seed(p.buf, p.len));
	x = (struct xlat_pkt){ .len = p.len, .csum_partial = true,
			       .csum_start = 40, .csum_offset = 16,
			       .gso_size = 1000, .nat64_t4 = &t4 };
	CHECK_EQ(jool_xlat64(&cfg, p.buf, p.len, &x), XLAT_OK, "partial 6->4");
	len = assemble(out, &p, &x);
	CHECK_EQ(get16(out + 20), 61001, "source port");
	CHECK_EQ(get16(out + 22), 80, "destination port");
	CHECK_EQ(get16(out + 20 + 16), l4_csum_seed(out, len), "6->4 seed");

	pkt4(&p, S4, T4, IPPROTO_UDP, 2000, 64);
	put16(p.buf + 20 + 6, l4_csum_seed(p.buf, p.len));
	x = (struct xlat_pkt){ .len = p.len, .csum_partial = true,
			       .csum_start = 20, .csum_offset = 6,
			       .nat64_t6 = &t6 };
	CHECK_EQ(jool_xlat46(&cfg, p.buf, p.len, &x), XLAT_OK, "partial 4->6");
	len = assemble(out, &p, &x);
	CHECK_EQ(get16(out + 40), 53, "source port");
	CHECK_EQ(get16(out + 42), 12345, "destination port");
	CHECK_EQ(get16(out + 40 + 6), l4_csum_seed(out, len), "4->6 seed");
}

/*
 * RFC 6146 3.4 (UDP): a zero IPv4 UDP checksum is handled as SIIT handles
 * it (RFC 7915 4.5): computed by the stack with amend-udp-checksum-zero
 * (the packet becomes CHECKSUM_PARTIAL), else dropped.
 */
static void test_udp_csum0(void)
{
	struct jool_tuple6 t6 = tuple6(S6, 53, X6, 12345, IPPROTO_UDP);
	struct xlat_cfg cfg = { 0 };
	uint8_t out[4096];
	struct xlat_pkt x;
	struct tpkt p;
	unsigned int len;

	mk4(&p, S4, T4, IPPROTO_UDP, 80, 61001, 64);
	put16(p.buf + 20 + 6, 0);
	CHECK_EQ(run_nat64(&cfg, &p, &x, &t6), XLAT_DROP, "zero checksum");
	CHECK_EQ(x.reason, JOOL_STAT_UDP_ZERO_CSUM, "reason");
	cfg.amend_udp_csum0 = true;
	CHECK_EQ(run_nat64(&cfg, &p, &x, &t6), XLAT_OK, "amended");
	CHECK(x.csum_now_partial, "left to the stack");
	len = assemble(out, &p, &x);
	CHECK_EQ(get16(out + 40), 53, "source port");
	CHECK_EQ(get16(out + 42), 12345, "destination port");
	CHECK_EQ(get16(out + 40 + 6), l4_csum_seed(out, len), "seed");
}

/* Cuts a built packet to @len bytes: a first fragment of it. */
static void cut(struct tpkt *p, unsigned int len)
{
	p->len = len;
	if ((p->buf[0] >> 4) == 6) {
		((struct ipv6hdr *)p->buf)->payload_len = htons(len - 40);
		return;
	}
	((struct iphdr *)p->buf)->tot_len = htons(len);
	pkt4_hdr(p, 0xb8, 0x4242, IP_MF, 63);
}

/*
 * RFC 6146 3.4 and 3.7, fragments, IPv6 to IPv4: the first has the ports,
 * rewritten, and its checksum is the whole translated datagram's; a later
 * one has no tuple of its own (NAT64_TUPLE_LATER_FRAG) and only its L3
 * header changes.
 */
static void test_fragments(void)
{
	struct jool_tuple4 t4 = tuple4(T4, 61001, S4, 53, IPPROTO_UDP), t;
	struct xlat_cfg cfg = { 0 };
	struct jool_tuple6 t6, want;
	struct tpkt p, whole, e;
	uint8_t out[4096];
	struct xlat_pkt x;
	struct frag6 f;

	mk6(&whole, X6, S6, IPPROTO_UDP, 12345, 53, 63);
	p = whole;
	pkt_add_frag6(&p, 0, true, 0xabcd1234);
	cut(&p, 40 + 8 + 8 + 48);
	CHECK_EQ(tuple_of(&p, 0, &x, &t6, &f), NAT64_TUPLE_OK, "first fragment");
	want = tuple6(X6, 12345, S6, 53, IPPROTO_UDP);
	CHECK(same6(&t6, &want), "first fragment's tuple");
	CHECK(f.present && f.more && !f.offset, "fragment described");
	CHECK_EQ(run_nat64(&cfg, &p, &x, &t4), XLAT_OK, "first fragment");
	assemble(out, &p, &x);
	mk4(&e, T4, S4, IPPROTO_UDP, 61001, 53, 64);
	CHECK(!memcmp(out + 20, e.buf + 20, 8), "UDP header of the datagram");
	CHECK_EQ(ntohs(((struct iphdr *)out)->frag_off), IP_MF, "MF");
	CHECK_EQ(ntohs(((struct iphdr *)out)->id), 0x1234, "identification");

	p = whole;
	pkt_add_frag6(&p, 7, false, 0xabcd1234);
	CHECK_EQ(tuple_of(&p, 0, &x, &t6, &f), NAT64_TUPLE_LATER_FRAG, "later");
	want = tuple6(X6, 0, S6, 0, IPPROTO_UDP);
	CHECK(same6(&t6, &want), "addresses and protocol, no ports");
	CHECK(f.present && !f.more && f.offset == 7, "fragment described");
	CHECK_EQ(run_nat64(&cfg, &p, &x, &t4), XLAT_OK, "later fragment");
	assemble(out, &p, &x);
	CHECK(!memcmp(out + 20, p.buf + 48, p.len - 48), "payload untouched");
	CHECK_EQ(ntohs(((struct iphdr *)out)->frag_off), 7, "offset");

	/* The same from IPv4. */
	mk4(&whole, S4, T4, IPPROTO_UDP, 53, 61001, 63);
	p = whole;
	cut(&p, 20 + 8 + 48);
	CHECK_EQ(tuple_of(&p, 0, &x, &t, &f), NAT64_TUPLE_OK, "first fragment");
	CHECK(f.present && f.more && !f.offset && f.id == htons(0x4242),
	      "fragment described");
	t6 = tuple6(S6, 53, X6, 12345, IPPROTO_UDP);
	CHECK_EQ(run_nat64(&cfg, &p, &x, &t6), XLAT_OK, "first fragment 4->6");
	assemble(out, &p, &x);
	mk6(&e, S6, X6, IPPROTO_UDP, 53, 12345, 64);
	CHECK(!memcmp(out + 48, e.buf + 40, 8), "UDP header of the datagram");
	pkt4_hdr(&p, 0xb8, 0x4242, 5, 63);
	CHECK_EQ(tuple_of(&p, 0, &x, &t, &f), NAT64_TUPLE_LATER_FRAG, "later");
	CHECK(t.src.addr == a4(S4) && !t.src.port && !t.dst.port &&
	      t.proto == IPPROTO_UDP, "addresses and protocol, no ports");
}

/*
 * The ICMP error @p quotes @in, from @src to @dst, type @type and code
 * @code, TTL or hop limit @ttl, TOS or traffic class 0x20.
 */
static void err_of(struct tpkt *p, const struct tpkt *in, const char *src,
		   const char *dst, uint8_t type, uint8_t code, uint8_t ttl)
{
	struct err_spec s = { .src = src, .dst = dst, .type = type,
			      .code = code, .inner = in->buf,
			      .inner_len = in->len, .ttl = ttl, .tos = 0x20,
			      .id = 0x1234 };

	pkt_icmp_err(p, &s);
	if (strchr(src, ':'))
		pkt6_tc(p, 0x20);
}

/*
 * RFC 6146 3.4 (the tuple of an ICMP error is its quoted packet's,
 * reversed) and 3.7 (the packet in error is translated with the session's
 * tuple reversed). 6->4 (@from6): X answers a packet S sent it. 4->6: a
 * router R4 answers a packet T4 sent S4; the ICMPv6 error comes from R6
 * (source-icmpv6-errors-better, @better) or from S6, the quoted packet's
 * destination (RFC 6146).
 */
static void err_cfg(uint8_t proto6, bool from6, bool better)
{
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	uint8_t proto4 = proto4_of(proto6), out[XLAT_ICMP_ERR_OUTMAX];
	union tuple got, want, o;
	uint16_t xp, sp, tp, sp4;
	struct tpkt in, p, e;
	enum xlat_verdict v;
	struct xlat_pkt x;
	struct frag6 f;

	ports6(proto6, &xp, &sp);
	ports4(proto4, &tp, &sp4);
	if (from6) {
		mk6(&in, S6, X6, proto6, sp, xp, 60);
		err_of(&p, &in, X6, S6, 1, 4, 64);
		want.t6 = tuple6(X6, xp, S6, sp, proto6);
		o.t4 = tuple4(T4, tp, S4, sp4, proto4);
		mk4(&in, S4, T4, proto4, sp4, tp, 60);
		pkt4_hdr(&in, 0xab, 0, 0, 60);
		err_of(&e, &in, T4, S4, 3, 3, 64);
	} else {
		mk4(&in, T4, S4, proto4, tp, sp4, 1);
		pkt4_hdr(&in, 0, 0x77, 0, 1);
		err_of(&p, &in, R4, T4, 11, 0, 50);
		want.t4 = tuple4(S4, sp4, T4, tp, proto4);
		o.t6 = tuple6(S6, sp, X6, xp, proto6);
		mk6(&in, X6, S6, proto6, xp, sp, 1);
		pkt6_tc(&in, 0);
		err_of(&e, &in, better ? R6 : S6, X6, 3, 0, 50);
	}
	cfg.nat64.src_icmp6_better = better;
	CHECK_EQ(tuple_of(&p, 0, &x, &got, &f), NAT64_TUPLE_ICMP_ERR,
		 "error, proto %u from6 %d", proto6, from6);
	CHECK(from6 ? same6(&got.t6, &want.t6) : same4(&got.t4, &want.t4),
	      "reversed quoted tuple");
	CHECK_EQ(run_nat64(&cfg, &p, &x, &o), XLAT_ICMP_ERR, "first pass");
	x.hop_bump = 0;
	v = from6 ? jool_xlat64_icmp_err(&cfg, p.buf, p.len, out, sizeof(out),
					 &x) :
		    jool_xlat46_icmp_err(&cfg, p.buf, p.len, out, sizeof(out),
					 &x);
	CHECK_EQ(v, XLAT_OK, "error translated, proto %u from6 %d", proto6,
		 from6);
	same_pkt(out, x.new_len, &e, from6 ? "error 6->4" : "error 4->6");
	CHECK(l4_csum_ok(out + e.l4off + 8, x.new_len - e.l4off - 8),
	      "quoted checksum");
}

static void err_one(uint8_t proto6, bool from6)
{
	err_cfg(proto6, from6, true);
}

static void err_rfc6146(uint8_t proto6, bool from6)
{
	err_cfg(proto6, from6, false);
}

static void test_err64(void)
{
	each(err_one, true);
	each(err_rfc6146, true);
}

static void test_err46(void)
{
	each(err_one, false);
}

/* source-icmpv6-errors-better false: the error seems to come from S6. */
static void test_err46_rfc6146(void)
{
	each(err_rfc6146, false);
}

static void drop(struct tpkt *p, unsigned int linear, enum jool_stat reason,
		 const char *what)
{
	union tuple t;
	struct xlat_pkt x;
	struct frag6 f;

	CHECK_EQ(tuple_of(p, linear, &x, &t, &f), NAT64_TUPLE_DROP, "%s", what);
	CHECK_EQ(x.reason, reason, "%s: reason %d", what, x.reason);
}

/*
 * An ICMP error about @in, which has no tuple: X6's port unreachable, or
 * R4's.
 */
static void quoted_drop(const struct tpkt *in, enum jool_stat reason,
			const char *what)
{
	struct tpkt p;

	if ((in->buf[0] >> 4) == 6)
		err_of(&p, in, X6, S6, 1, 4, 64);
	else
		err_of(&p, in, R4, T4, 3, 3, 64);
	drop(&p, 0, reason, what);
}

/* RFC 6146 3.4: packets without a tuple, IPv6. */
static void test_no_tuple6(void)
{
	struct jool_tuple6 t;
	struct tpkt p, in;
	struct xlat_pkt x;
	struct frag6 f;

	pkt6(&p, X6, S6, IPPROTO_GRE, 20, 64);
	drop(&p, 0, JOOL_STAT_NAT64_PROTO, "GRE");
	pkt6(&p, X6, S6, IPPROTO_ICMP, 20, 64);
	drop(&p, 0, JOOL_STAT_NAT64_PROTO, "ICMPv4 in IPv6");
	pkt6(&p, X6, S6, IPPROTO_TCP, 20, 64);
	p.len -= 1;
	drop(&p, 0, JOOL_STAT_HDR6_TRUNCATED, "payload length");
	pkt6(&p, X6, S6, IPPROTO_TCP, 0, 64);
	p.len = 40 + 10;
	((struct ipv6hdr *)p.buf)->payload_len = htons(10);
	drop(&p, 0, JOOL_STAT_L4_TRUNCATED, "TCP header cut");
	pkt6(&p, X6, S6, IPPROTO_ICMPV6, 20, 64);
	p.buf[40] = 133;	/* router solicitation */
	drop(&p, 0, JOOL_STAT_ICMP_UNSUPPORTED, "ND");
	pkt6(&p, X6, S6, IPPROTO_UDP, 20, 64);
	CHECK_EQ(tuple_of(&p, 30, &x, &t, &f), NAT64_TUPLE_MORE, "short");
	CHECK_EQ(x.need, 40u, "the fixed header");
	CHECK_EQ(tuple_of(&p, 44, &x, &t, &f), NAT64_TUPLE_MORE, "short");
	CHECK_EQ(x.need, 48u, "the UDP header");

	/* ICMPv6 errors: the packet in error must have a tuple. */
	mk6(&in, S6, X6, IPPROTO_UDP, 53, 12345, 60);
	err_of(&p, &in, X6, S6, 1, 4, 64);
	CHECK_EQ(tuple_of(&p, 60, &x, &t, &f), NAT64_TUPLE_MORE, "error, short");
	CHECK_EQ(x.need, p.len, "the whole error");
	err_of(&p, &in, X6, S6, 4, 2, 64);	/* unrecognized option */
	drop(&p, 0, JOOL_STAT_ICMP_UNSUPPORTED, "untranslated error type");
	pkt6(&in, S6, X6, IPPROTO_GRE, 20, 60);
	quoted_drop(&in, JOOL_STAT_ICMP_INNER_UNSUPPORTED, "quoted GRE");
	mk6(&in, S6, X6, IPPROTO_UDP, 53, 12345, 60);
	pkt_add_frag6(&in, 3, true, 7);
	quoted_drop(&in, JOOL_STAT_ICMP_INNER_UNSUPPORTED, "later fragment");
	mk6(&in, S6, X6, IPPROTO_UDP, 53, 12345, 60);
	in.len = 40 + 3;
	quoted_drop(&in, JOOL_STAT_ICMP_INNER_INVALID, "quoted ports cut");
	mk6(&in, S6, X6, IPPROTO_ICMPV6, 0x1234, 0x1234, 60);
	in.len = 40 + 5;
	quoted_drop(&in, JOOL_STAT_ICMP_INNER_INVALID, "identifier cut");
}

/* RFC 6146 3.4: packets without a tuple, IPv4. */
static void test_no_tuple4(void)
{
	struct xlat_pkt x;
	struct tpkt p, in;
	union tuple t;
	struct frag6 f;

	pkt4(&p, S4, T4, IPPROTO_TCP, 20, 64);
	p.buf[10] ^= 1;
	drop(&p, 0, JOOL_STAT_HDR4_INVALID, "header checksum");
	pkt4(&p, S4, T4, IPPROTO_GRE, 20, 64);
	drop(&p, 0, JOOL_STAT_NAT64_PROTO, "GRE");
	pkt4(&p, S4, T4, IPPROTO_UDP, 0, 64);
	p.len = 20 + 6;
	((struct iphdr *)p.buf)->tot_len = htons(p.len);
	pkt4_hdr(&p, 0, 0, 0, 64);
	drop(&p, 0, JOOL_STAT_L4_TRUNCATED, "UDP header cut");
	pkt4(&p, S4, T4, IPPROTO_ICMP, 20, 64);
	p.buf[20] = ICMP_TIMESTAMP;
	drop(&p, 0, JOOL_STAT_ICMP_UNSUPPORTED, "timestamp");
	pkt4(&p, S4, T4, IPPROTO_TCP, 20, 64);
	CHECK_EQ(tuple_of(&p, 30, &x, &t, &f), NAT64_TUPLE_MORE, "short");
	CHECK_EQ(x.need, 40u, "the TCP header");

	mk4(&in, T4, S4, IPPROTO_UDP, 61001, 53, 1);
	err_of(&p, &in, R4, T4, 3, 3, 64);
	pkt4_hdr(&p, 0, 1, IP_MF, 64);
	drop(&p, 0, JOOL_STAT_FRAGMENT, "fragmented error");
	err_of(&p, &in, R4, T4, ICMP_SOURCE_QUENCH, 0, 64);
	drop(&p, 0, JOOL_STAT_ICMP_UNSUPPORTED, "source quench");
	err_of(&p, &in, R4, T4, ICMP_REDIRECT, 0, 64);
	drop(&p, 0, JOOL_STAT_ICMP_UNSUPPORTED, "redirect");
	mk4(&in, T4, S4, IPPROTO_TCP, 61001, 80, 1);
	in.len = 20 + 2;
	quoted_drop(&in, JOOL_STAT_ICMP_INNER_INVALID, "quoted ports cut");
	pkt4(&in, T4, S4, IPPROTO_GRE, 20, 1);
	quoted_drop(&in, JOOL_STAT_ICMP_INNER_UNSUPPORTED, "quoted GRE");
	mk4(&in, T4, S4, IPPROTO_UDP, 61001, 53, 1);
	pkt4_hdr(&in, 0, 1, 4, 1);
	quoted_drop(&in, JOOL_STAT_ICMP_INNER_UNSUPPORTED, "later fragment");
}

/*
 * RFC 6146 3.7 with RFC 7915 4.1: an IPv4 echo the glue cuts before
 * translation gets its ICMPv6 header, identifier included, while whole
 * (jool_xlat46_icmp_prep()).
 */
static void test_icmp_prep(void)
{
	struct jool_tuple6 t6 = tuple6(S6, 0x1234, X6, 0x1234, IPPROTO_ICMPV6);
	struct xlat_cfg cfg = { 0 };
	struct xlat_pkt x;
	struct tpkt p, e;

	mk4(&p, S4, T4, IPPROTO_ICMP, 61001, 61001, 64);
	memset(&x, 0, sizeof(x));
	x.len = p.len;
	x.nat64_t6 = &t6;
	CHECK_EQ(jool_xlat46_icmp_prep(&cfg, p.buf, p.len, &x), XLAT_OK, "prep");
	mk6(&e, S6, X6, IPPROTO_ICMPV6, 0x1234, 0x1234, 64);
	CHECK(!memcmp(p.buf + 20, e.buf + 40, p.len - 20), "the ICMPv6 message");
}

/*
 * RFC 6146 3.6, 3.7 as the data path does it: from an IPv6 packet's tuple,
 * the session's remote key and, with the BIB entry X6 <-> T4#61001, the
 * tuples of both directions (jool_nat64_map_tuples()); the packet and the
 * IPv4 reply translated with them. The reply's tuple gives the same remote
 * key and the BIB entry's IPv4 side, so its session lookup finds the
 * session the IPv6 packet made (ICMP: port 0 on both sides, though the
 * identifiers differ).
 */
static void session_one(uint8_t proto6, bool unused)
{
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	uint8_t proto4 = proto4_of(proto6), out[4096];
	struct nat64_binding b = { .proto = proto4 };
	uint16_t xp, sp, tp, sp4;
	struct jool_tuple4 m4, got4;
	struct jool_tuple6 m6, got6;
	struct xlat_pkt x;
	struct tpkt p, e;
	struct frag6 f;

	ports6(proto6, &xp, &sp);
	ports4(proto4, &tp, &sp4);
	mk6(&p, X6, S6, proto6, xp, sp, 63);
	CHECK_EQ(tuple_of(&p, 0, &x, &got6, &f), NAT64_TUPLE_OK, "tuple6");
	CHECK(jool_rfc6052_6to4(&cfg.pool6, &got6.dst.addr, &b.remote4.addr),
	      "destination inside pool6");
	b.remote4.port = jool_nat64_remote_port(proto4, got6.dst.port);
	b.local6 = got6.src;
	b.local4.addr = a4(T4);
	b.local4.port = tp;
	jool_nat64_map_tuples(&cfg.pool6, &b, &m4, &m6);
	CHECK_EQ(run_nat64(&cfg, &p, &x, &m4), XLAT_OK, "6->4, proto %u",
		 proto6);
	mk4(&e, T4, S4, proto4, tp, sp4, 64);
	pkt4_hdr(&e, 0xab, 0x1234, 0, 64);
	same_pkt(out, assemble(out, &p, &x), &e, "session 6->4");

	mk4(&p, S4, T4, proto4, sp4, tp, 63);
	CHECK_EQ(tuple_of(&p, 0, &x, &got4, &f), NAT64_TUPLE_OK, "tuple4");
	CHECK(got4.src.addr == b.remote4.addr &&
	      jool_nat64_remote_port(proto4, got4.src.port) == b.remote4.port,
	      "the reply's remote key is the session's, proto %u", proto6);
	CHECK(got4.dst.addr == b.local4.addr && got4.dst.port == b.local4.port,
	      "the reply's destination is the BIB entry's IPv4 side");
	CHECK_EQ(run_nat64(&cfg, &p, &x, &m6), XLAT_OK, "4->6, proto %u",
		 proto6);
	mk6(&e, S6, X6, proto6, sp, xp, 64);
	pkt6_tc(&e, 0xb8);
	same_pkt(out, assemble(out, &p, &x), &e, "session 4->6");
}

static void test_session_tuples(void)
{
	each(session_one, true);
}

const struct unit_test nat64_tests[] = {
	{ "nat64/6146-3.7-xlat64", test_xlat64 },
	{ "nat64/6146-3.7-xlat46", test_xlat46 },
	{ "nat64/6146-3.7-partial", test_partial },
	{ "nat64/6146-3.4-udp-csum0", test_udp_csum0 },
	{ "nat64/6146-3.4-fragments", test_fragments },
	{ "nat64/6146-3.4-3.7-icmp-err64", test_err64 },
	{ "nat64/6146-3.4-3.7-icmp-err46", test_err46 },
	{ "nat64/6146-3.7-icmp-err46-src-rfc6146", test_err46_rfc6146 },
	{ "nat64/6146-3.4-no-tuple6", test_no_tuple6 },
	{ "nat64/6146-3.4-no-tuple4", test_no_tuple4 },
	{ "nat64/6146-3.7-icmp-prep", test_icmp_prep },
	{ "nat64/6146-3.6-session-tuples", test_session_tuples },
	{ NULL, NULL }
};
