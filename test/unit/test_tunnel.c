// SPDX-License-Identifier: GPL-2.0
/*
 * Tunnels through the translator: IPIP, SIT, GRE, FOU or VXLAN packets whose
 * outer header is translated and whose inner TCP checksum is left to the
 * stack (CHECKSUM_PARTIAL, csum_start on the inner header). The inner
 * checksum must be left as it is, an outer UDP checksum must be right once
 * the stack fills the inner one in, and layouts the core cannot follow are
 * refused with their own reason.
 */
#include "fixture.h"
#include "unit.h"

#define N6 "64:ff9b::198.51.100.6"
#define N4 "64:ff9b::192.0.2.4"

/* A tunnelled packet and where its inner checksum is. */
struct tun {
	struct tpkt p;
	struct tpkt inner;	/* as it will be once the checksum is done */
	unsigned int inner_off;	/* inner IPv6 header, from the outer L3 */
	unsigned int csum_start;
};

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

/*
 * Outer IPv6 (@v6) or IPv4 header with protocol @proto (UDP: an 8-byte
 * UDP header follows, @udp_csum: its checksum computed, else zero), then an
 * inner IPv6/TCP packet of @payload bytes whose checksum is left partial:
 * its field holds the inner pseudo-header sum, as the stack leaves it. The
 * outer UDP checksum is computed over the finished packet, as local
 * checksum offload does.
 */
static void tun_build(struct tun *t, bool v6, uint8_t proto, bool udp_csum,
		      unsigned int payload)
{
	unsigned int l3 = v6 ? 40 : 20, hdr = proto == IPPROTO_UDP ? 8 : 0;
	struct tpkt *p = &t->p;
	uint8_t *c;

	pkt6(&t->inner, "fd00::1", "fd00::2", IPPROTO_TCP, payload, 64);
	if (v6)
		pkt6(p, N6, N4, IPPROTO_UDP, 0, 64);
	else
		pkt4(p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 0, 64);
	t->inner_off = l3 + hdr;
	memcpy(p->buf + t->inner_off, t->inner.buf, t->inner.len);
	p->len = t->inner_off + t->inner.len;
	if (v6) {
		p->buf[6] = proto;
		put16(p->buf + 4, p->len - 40);
	} else {
		struct iphdr *ip4 = (struct iphdr *)p->buf;

		ip4->protocol = proto;
		ip4->tot_len = htons(p->len);
		ip4->check = 0;
		ip4->check = ip_fast_csum(ip4, 5);
	}
	if (hdr) {
		put16(p->buf + l3 + 4, p->len - l3);
		if (udp_csum)
			pkt_finish_l4(p);
		else
			put16(p->buf + l3 + 6, 0);
	}
	t->csum_start = t->inner_off + 40;
	c = p->buf + t->csum_start + 16;
	put16(c, l4_csum_seed(p->buf + t->inner_off, t->inner.len));
}

static void tun_partial(const struct tun *t, struct xlat_pkt *x)
{
	memset(x, 0, sizeof(*x));
	x->len = t->p.len;
	x->ipv4_id = htons(0x1234);
	x->csum_partial = true;
	x->csum_start = t->csum_start;
	x->csum_offset = 16;
}

/*
 * The translated packet @out (@len bytes): its inner checksum field still
 * holds the inner seed, at the same distance from the end; once filled in
 * as the stack does, the inner packet is the original one, and the outer
 * UDP checksum (if any) is right.
 */
static void tun_check(const char *what, const struct tun *t, uint8_t *out,
		      unsigned int len, bool udp)
{
	unsigned int start = len - (t->p.len - t->csum_start);
	unsigned int inner = start - 40;
	uint8_t *c = out + start + 16;
	uint16_t seed = l4_csum_seed(t->p.buf + t->inner_off, t->inner.len);

	CHECK_EQ((c[0] << 8) | c[1], seed, "%s: inner seed kept", what);
	put16(c, ~pkt_sum(out + start, len - start, 0) & 0xffff);
	CHECK(!memcmp(out + inner, t->inner.buf, t->inner.len),
	      "%s: inner packet intact", what);
	if (udp) {
		CHECK(l4_csum_ok(out, len), "%s: outer UDP checksum", what);
		CHECK(out[(out[0] >> 4) == 4 ? 26 : 46] ||
		      out[(out[0] >> 4) == 4 ? 27 : 47],
		      "%s: outer UDP checksum not zero", what);
	}
}

/* IPIP, SIT/ip6ip6 and GRE: the inner checksum is kept, both ways. */
static void test_ipip(void)
{
	static const uint8_t protos[] = { IPPROTO_IPV6, IPPROTO_IPIP,
					  IPPROTO_GRE };
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	uint8_t out[4096];
	struct xlat_pkt x;
	unsigned int i, len;
	struct tun t;

	for (i = 0; i < sizeof(protos); i++) {
		tun_build(&t, true, protos[i], false, 1000);
		tun_partial(&t, &x);
		CHECK_EQ(jool_xlat64(&cfg, t.p.buf, t.p.len, &x), XLAT_OK,
			 "6->4 proto %u", protos[i]);
		len = assemble(out, &t.p, &x);
		CHECK_EQ(out[9], protos[i], "6->4 protocol");
		tun_check("6->4", &t, out, len, false);

		tun_build(&t, false, protos[i], false, 1000);
		tun_partial(&t, &x);
		CHECK_EQ(jool_xlat46(&cfg, t.p.buf, t.p.len, &x), XLAT_OK,
			 "4->6 proto %u", protos[i]);
		CHECK(!x.csum_now_partial, "4->6: nothing else partial");
		len = assemble(out, &t.p, &x);
		CHECK_EQ(out[6], protos[i], "4->6 next header");
		tun_check("4->6", &t, out, len, false);
	}
}

/* FOU, VXLAN: the outer UDP checksum (local checksum offload) is updated. */
static void test_udp(void)
{
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	uint8_t out[4096];
	struct xlat_pkt x;
	unsigned int len;
	struct tun t;

	tun_build(&t, true, IPPROTO_UDP, true, 1200);
	tun_partial(&t, &x);
	CHECK_EQ(jool_xlat64(&cfg, t.p.buf, t.p.len, &x), XLAT_OK, "6->4");
	len = assemble(out, &t.p, &x);
	tun_check("udp 6->4", &t, out, len, true);

	tun_build(&t, false, IPPROTO_UDP, true, 1200);
	tun_partial(&t, &x);
	CHECK_EQ(jool_xlat46(&cfg, t.p.buf, t.p.len, &x), XLAT_OK, "4->6");
	CHECK(!x.csum_now_partial, "4->6: nothing else partial");
	len = assemble(out, &t.p, &x);
	tun_check("udp 4->6", &t, out, len, true);
}

/*
 * VXLAN or FOU over IPv4 without a UDP checksum, to IPv6: with
 * amend-udp-checksum-zero the checksum is computed from the headers (the
 * stack can finish only one), which must be linear; without it, dropped.
 */
static void test_udp_zero46(void)
{
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	unsigned int len, end;
	uint8_t out[4096];
	struct xlat_pkt x;
	struct tun t;

	cfg.amend_udp_csum0 = true;
	tun_build(&t, false, IPPROTO_UDP, false, 1200);
	end = t.csum_start + 18;
	tun_partial(&t, &x);
	CHECK_EQ(jool_xlat46(&cfg, t.p.buf, 20 + 8 + 20, &x), XLAT_MORE,
		 "asks for the headers");
	CHECK_EQ(x.need, end, "up to the inner checksum field");
	tun_partial(&t, &x);
	CHECK_EQ(jool_xlat46(&cfg, t.p.buf, end, &x), XLAT_OK, "amended");
	CHECK(!x.csum_now_partial, "not a second partial checksum");
	len = assemble(out, &t.p, &x);
	tun_check("udp0 4->6", &t, out, len, true);

	cfg.amend_udp_csum0 = false;
	tun_build(&t, false, IPPROTO_UDP, false, 1200);
	tun_partial(&t, &x);
	CHECK_EQ(jool_xlat46(&cfg, t.p.buf, t.p.len, &x), XLAT_DROP,
		 "not amended");
	CHECK_EQ(x.reason, JOOL_STAT_UDP_ZERO_CSUM, "reason");
}

static void expect_layout(const char *what, struct tun *t, bool v6,
			  unsigned int start, unsigned int off)
{
	const struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	struct xlat_pkt x;

	tun_partial(t, &x);
	x.csum_start = start;
	x.csum_offset = off;
	CHECK_EQ(v6 ? jool_xlat64(&cfg, t->p.buf, t->p.len, &x) :
		      jool_xlat46(&cfg, t->p.buf, t->p.len, &x),
		 XLAT_DROP, "%s: dropped", what);
	CHECK_EQ(x.reason, JOOL_STAT_CSUM_PARTIAL_LAYOUT, "%s: reason", what);
}

/* What the core cannot follow is refused, and says so. */
static void test_layout(void)
{
	struct tun t;

	tun_build(&t, true, IPPROTO_UDP, true, 100);
	expect_layout("inside our UDP header", &t, true, 44, 0);
	expect_layout("our UDP, wrong field", &t, true, 40, 4);
	expect_layout("in the IPv6 header", &t, true, 20, 6);
	expect_layout("past the end", &t, true, t.p.len - 10, 16);
	expect_layout("an odd number of bytes into our UDP payload", &t, true,
		      40 + 8 + 17, 6);
	tun_build(&t, false, IPPROTO_UDP, true, 100);
	expect_layout("4->6: an odd number of bytes into our UDP payload", &t,
		      false, 20 + 8 + 17, 6);
	tun_build(&t, false, IPPROTO_IPV6, false, 100);
	expect_layout("on the SIT payload's start", &t, false, 20, 16);
	expect_layout("past the end", &t, false, t.p.len, 0);
}

const struct unit_test tunnel_tests[] = {
	{ "tunnel/ipip", test_ipip },
	{ "tunnel/udp", test_udp },
	{ "tunnel/udp-zero46", test_udp_zero46 },
	{ "tunnel/layout", test_layout },
	{ NULL, NULL }
};
