// SPDX-License-Identifier: GPL-2.0
/*
 * A packet that may not be fragmented and does not fit the route its
 * translation takes (&xlat_pkt.mtu6 for jool_xlat46(), &xlat_pkt.mtu4 for
 * jool_xlat64()): dropped untouched as JOOL_STAT_TOO_BIG, answered by the
 * translator itself with "fragmentation needed" or "packet too big" and
 * the MTU that fits before translation.
 */
#include <string.h>
#include "fixture.h"
#include "unit.h"

#define N6 "64:ff9b::198.51.100.6"
#define N4 "64:ff9b::192.0.2.4"

/* Runs the core on @p with the egress MTU @mtu; @p must stay untouched. */
static enum xlat_verdict run(struct tpkt *p, bool v6, unsigned int mtu,
			     unsigned int gso_size, struct xlat_pkt *x)
{
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	struct tpkt orig = *p;
	enum xlat_verdict v;

	memset(x, 0, sizeof(*x));
	x->len = p->len;
	x->gso_size = gso_size;
	if (v6)
		x->mtu4 = mtu;
	else
		x->mtu6 = mtu;
	v = v6 ? jool_xlat64(&cfg, p->buf, p->len, x) :
		 jool_xlat46(&cfg, p->buf, p->len, x);
	if (v == XLAT_DROP)
		CHECK(!memcmp(orig.buf, p->buf, p->len),
		      "a packet dropped as too big is left as it came");
	return v;
}

/* Dropped as too big, with @want as the MTU; and the error that answers. */
static void check_big(const char *what, struct tpkt *p, bool v6,
		      unsigned int mtu, unsigned int gso, unsigned int want)
{
	struct xlat_icmp_gen err = { 0 };
	struct xlat_pkt x;

	CHECK_EQ(run(p, v6, mtu, gso, &x), XLAT_DROP, "%s: dropped", what);
	CHECK_EQ(x.reason, JOOL_STAT_TOO_BIG, "%s: too big (%d)", what,
		 x.reason);
	CHECK_EQ(x.err_mtu, want, "%s: MTU %u", what, x.err_mtu);
	CHECK(jool_xlat_drop_icmp(p->buf, p->len, v6, &x, &err),
	      "%s: answered", what);
	CHECK_EQ(err.type, v6 ? ICMPV6_PKT_TOOBIG : ICMP_DEST_UNREACH,
		 "%s: type %u", what, err.type);
	CHECK_EQ(err.code, v6 ? 0 : ICMP_FRAG_NEEDED, "%s: code %u", what,
		 err.code);
	CHECK_EQ(err.info, want, "%s: info %u", what, err.info);
}

static void check_fits(const char *what, struct tpkt *p, bool v6,
		       unsigned int mtu, unsigned int gso)
{
	struct xlat_pkt x;

	CHECK_EQ(run(p, v6, mtu, gso, &x), XLAT_OK, "%s: translated", what);
}

static void test_46(void)
{
	struct tpkt p;

	/* 1480 bytes with DF: 1500 as IPv6. */
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 1452, 63);
	check_big("4->6 DF, 1500 > 1400", &p, false, 1400, 0, 1380);
	check_fits("4->6 DF, 1500 = 1500", &p, false, 1500, 0);
	check_fits("4->6 DF, MTU unknown", &p, false, 0, 0);
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_ICMP, 1452, 63);
	check_big("4->6 DF echo request", &p, false, 1280, 0, 1260);
	/* Without DF, the glue cut it before (src/frag4.c): not our call. */
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 1452, 63);
	pkt4_hdr(&p, 0, 0x1234, 0, 63);
	check_fits("4->6 without DF", &p, false, 1280, 0);
	/* Options go away: 4 more bytes fit. */
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 1452, 63);
	pkt4_add_opts(&p, 1);
	check_big("4->6 DF with 4 bytes of options", &p, false, 1400, 0,
		  1384);
	/* A first fragment with DF gets a Fragment Header: 28 more bytes. */
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 1452, 63);
	pkt4_hdr(&p, 0, 0x1234, IP_DF | IP_MF, 63);
	check_big("4->6 DF fragment", &p, false, 1500, 0, 1472);
}

/* GSO: what must fit is one segment, headers included. */
static void test_46_gso(void)
{
	struct tpkt p;

	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_TCP, 3000, 63);
	check_fits("4->6 GSO, 40 + 20 + 1220 = 1280", &p, false, 1280, 1220);
	check_big("4->6 GSO, 40 + 20 + 1221 > 1280", &p, false, 1280, 1221,
		  1260);
}

static void test_64(void)
{
	struct tpkt p;

	/* 1420 bytes: 1400 as IPv4, with DF (over 1260). */
	pkt6(&p, N6, N4, IPPROTO_UDP, 1372, 63);
	check_big("6->4, 1400 > 1300", &p, true, 1300, 0, 1320);
	check_fits("6->4, 1400 = 1400", &p, true, 1400, 0);
	check_fits("6->4, MTU unknown", &p, true, 0, 0);
	/* RFC 4443 3.2: echo requests get "packet too big" as well. */
	pkt6(&p, N6, N4, IPPROTO_ICMPV6, 1372, 63);
	check_big("6->4 echo request", &p, true, 1300, 0, 1320);
	/* Never below 1280: the sender then sends what IPv4 may cut. */
	pkt6(&p, N6, N4, IPPROTO_UDP, 1372, 63);
	check_big("6->4, 1400 > 1000", &p, true, 1000, 0, 1280);
	/* No DF at 1260 bytes and below: IPv4 routers cut it. */
	pkt6(&p, N6, N4, IPPROTO_UDP, 1232, 63);
	check_fits("6->4, 1260 bytes, no DF", &p, true, 576, 0);
	/* With a Fragment Header, DF is 0. */
	pkt6(&p, N6, N4, IPPROTO_UDP, 1372, 63);
	pkt_add_frag6(&p, 0, true, 0x1234);
	check_fits("6->4 fragment", &p, true, 1300, 0);
	/* Extension headers go away: the MTU counts them. */
	pkt6(&p, N6, N4, IPPROTO_UDP, 1372, 63);
	pkt_add_ext6(&p, NEXTHDR_DEST, 0, 0);
	check_big("6->4 with 8 bytes of options", &p, true, 1300, 0, 1328);
}

static void test_64_gso(void)
{
	struct tpkt p;

	pkt6(&p, N6, N4, IPPROTO_TCP, 3000, 63);
	check_fits("6->4 GSO, 20 + 20 + 1260 = 1300", &p, true, 1300, 1260);
	check_big("6->4 GSO, 20 + 20 + 1261 > 1300", &p, true, 1300, 1261,
		  1320);
}

/*
 * NAT64 reassembles fragments before translating (src/nat64_frag.c): the
 * whole datagram leaves without DF, whatever its size, and is never too
 * big for the IPv4 route (IPv4 routers cut it as its sender allowed).
 */
static void test_64_reassembled(void)
{
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	struct xlat_pkt x;
	struct tpkt p;

	pkt6(&p, N6, N4, IPPROTO_UDP, 2952, 63);
	memset(&x, 0, sizeof(x));
	x.len = p.len;
	x.mtu4 = 1500;
	x.reassembled = true;
	CHECK_EQ(jool_xlat64(&cfg, p.buf, p.len, &x), XLAT_OK,
		 "reassembled 2980-byte datagram: translated (%d)", x.reason);
	CHECK_EQ(ntohs(x.hdr.v4.frag_off), 0, "no DF, no MF, offset 0 (%#x)",
		 ntohs(x.hdr.v4.frag_off));
	CHECK_EQ(ntohs(x.hdr.v4.tot_len), 2980, "total length %u",
		 ntohs(x.hdr.v4.tot_len));
	CHECK(!ip_fast_csum(&x.hdr.v4, 5), "header checksum");
	/* The same datagram as it came whole: DF, too big. */
	pkt6(&p, N6, N4, IPPROTO_UDP, 2952, 63);
	check_big("6->4 whole, 2980 > 1500", &p, true, 1500, 0, 1520);
}

/* Never about an ICMP error (they are translated, not checked). */
static void test_errors(void)
{
	struct xlat_icmp_gen err = { 0 };
	struct xlat_pkt x;
	struct tpkt p;

	pkt6(&p, N6, N4, IPPROTO_ICMPV6, 100, 63);
	p.buf[40] = ICMPV6_DEST_UNREACH;
	memset(&x, 0, sizeof(x));
	x.reason = JOOL_STAT_TOO_BIG;
	x.err_mtu = 1300;
	CHECK(!jool_xlat_drop_icmp(p.buf, p.len, true, &x, &err),
	      "no packet too big about an ICMPv6 error");
	p.buf[40] = ICMPV6_ECHO_REPLY;
	CHECK(jool_xlat_drop_icmp(p.buf, p.len, true, &x, &err),
	      "but about an echo reply");
}

const struct unit_test too_big_tests[] = {
	{ "too-big/46", test_46 },
	{ "too-big/46-gso", test_46_gso },
	{ "too-big/64", test_64 },
	{ "too-big/64-gso", test_64_gso },
	{ "too-big/64-reassembled", test_64_reassembled },
	{ "too-big/errors", test_errors },
	{ NULL, NULL }
};
