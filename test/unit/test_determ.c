// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 7422 deterministic NAT64 (src/core/determ.c): the checks that refuse
 * mappings whose numbers do not divide, and the arithmetic both ways at
 * every edge: first and last subscriber, first and last address, last
 * port, a subscriber length of 128, subscriber bits across the 64-bit
 * halves.
 */
#include <arpa/inet.h>
#include "core/determ.h"
#include "unit.h"

static struct det_cfg cfg(const char *p6, u8 len6, u8 sub_len,
			  const char *p4, u8 len4, u16 lo, u16 hi)
{
	struct det_cfg d = { .set6 = true, .set4 = true, .sub_len = sub_len,
			     .port_min = lo, .port_max = hi };

	inet_pton(AF_INET6, p6, &d.p6.addr);
	d.p6.len = len6;
	inet_pton(AF_INET, p4, &d.p4.addr);
	d.p4.len = len4;
	return d;
}

static void test_shape(void)
{
	struct det_shape s;
	struct det_cfg d;

	/* The example of the man page: 65536 /56s on 256 addresses. */
	d = cfg("2001:db8::", 40, 56, "192.0.2.0", 24, 1024, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_OK, "example accepted");
	CHECK_EQ(s.subscribers, 65536, "subscribers %llu",
		 (unsigned long long)s.subscribers);
	CHECK_EQ(s.addrs, 256, "addresses");
	CHECK_EQ(s.per_addr, 256, "per address");
	CHECK_EQ(s.ports, 64512, "ports");
	CHECK_EQ(s.per_sub, 252, "per subscriber");

	/* 2048 subscribers per address share 64512 ports unevenly. */
	d.sub_len = 59;
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_DET_SHARE, "uneven share");
	CHECK_EQ(s.per_addr, 2048, "the numbers are there for the message");
	CHECK_EQ(s.ports, 64512, "ports for the message");
	/* More subscribers per address than ports. */
	d = cfg("2001:db8::", 32, 64, "192.0.2.1", 32, 1, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_DET_SHARE, "too many");
	/* 1-65535 is 65535 ports: 3 * 5 * 17 * 257, no power of two. */
	d = cfg("2001:db8::", 32, 33, "192.0.2.1", 32, 1, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_DET_SHARE, "odd count");
	/* Whole range, one subscriber per address: fine. */
	d = cfg("2001:db8::", 32, 32, "192.0.2.1", 32, 0, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_OK, "one subscriber");
	CHECK_EQ(s.per_sub, 65536, "all ports");
	/* Fewer subscribers than addresses. */
	d = cfg("2001:db8::", 40, 44, "192.0.2.0", 24, 1024, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_DET_ADDRS, "16 for 256");
	CHECK_EQ(s.subscribers, 16, "16 subscribers");
	/* Subscriber length. */
	d = cfg("2001:db8::", 40, 39, "192.0.2.0", 24, 1024, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_DET_SUBLEN, "shorter");
	d = cfg("2001:db8::", 40, 73, "192.0.2.0", 24, 1024, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_DET_SUBLEN, "33 bits");
	d = cfg("2001:db8::", 40, 129, "192.0.2.0", 24, 1024, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_DET_SUBLEN, "past 128");
	/* Prefixes. */
	d = cfg("2001:db8::1", 40, 56, "192.0.2.0", 24, 1024, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_DET_HOST6, "host bits 6");
	d = cfg("2001:db8::", 40, 56, "192.0.2.1", 24, 1024, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_DET_HOST4, "host bits 4");
	/* Host bits at the 64-bit seam and past /0. */
	d = cfg("2001:db8:0:0:8000::", 64, 80, "192.0.2.0", 24, 1024, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_DET_HOST6, "host bit 64");
	d = cfg("2001:db8:0:1::", 64, 80, "192.0.2.0", 24, 1024, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_OK, "bit 63 is the prefix's");
	d = cfg("::", 0, 32, "0.0.0.0", 0, 0, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_OK, "everything: ::/0, 0/0");
	CHECK_EQ(s.per_sub, 65536, "2^32 subscribers on 2^32 addresses");
	d = cfg("::1", 0, 32, "0.0.0.0", 0, 0, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_DET_HOST6, "::1/0");
	d = cfg("::", 0, 32, "0.0.0.1", 0, 0, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_DET_HOST4, "0.0.0.1/0");
	d = cfg("2001:db8::", 40, 56, "192.0.2.0", 33, 1024, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_DET_LEN, "length 4");
	d = cfg("2001:db8::", 40, 56, "192.0.2.0", 24, 2000, 1999);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_DET_PORTS, "backwards");
}

static void expect6(const struct det_cfg *d, const char *a6, const char *a4,
		    u16 lo, u16 hi, const char *what)
{
	struct det_range r = { 0 };
	struct det_shape s;
	struct in6_addr a;
	__be32 want;
	bool ok;

	jool_det_shape(d, &s);
	inet_pton(AF_INET6, a6, &a);
	inet_pton(AF_INET, a4, &want);
	ok = jool_det_map6(d, &s, &a, &r);
	CHECK(ok && r.addr4 == want && r.lo == lo && r.hi == hi,
	      "%s: want %s %u-%u, got %d %08x %u-%u", what, a4, lo, hi, ok,
	      ntohl(r.addr4), r.lo, r.hi);
}

static void expect4(const struct det_cfg *d, const char *a4, u16 port,
		    const char *sub, u16 lo, u16 hi, const char *what)
{
	struct jool_prefix6 p = { 0 };
	struct det_range r = { 0 };
	struct det_shape s;
	struct in6_addr want;
	__be32 a;
	bool ok;

	jool_det_shape(d, &s);
	inet_pton(AF_INET, a4, &a);
	inet_pton(AF_INET6, sub, &want);
	ok = jool_det_map4(d, &s, a, port, &p, &r);
	CHECK(ok && !memcmp(&p.addr, &want, 16) && p.len == d->sub_len &&
	      r.addr4 == a && r.lo == lo && r.hi == hi,
	      "%s: want %s %u-%u, got %d %u-%u", what, sub, lo, hi, ok, r.lo,
	      r.hi);
}

static void test_map(void)
{
	struct det_cfg d = cfg("2001:db8::", 40, 56, "192.0.2.0", 24, 1024,
			       65535);
	struct jool_prefix6 p;
	struct det_range r;
	struct det_shape s;
	struct in6_addr a;

	/* Subscriber i = bits 40-55: /56 number i. */
	expect6(&d, "2001:db8::1", "192.0.2.0", 1024, 1275, "first");
	expect6(&d, "2001:db8:0:100::", "192.0.2.0", 1276, 1527, "second");
	expect6(&d, "2001:db8:0:ff00::", "192.0.2.0", 65284, 65535,
		"last of the first address: last port");
	expect6(&d, "2001:db8:0:1200::1", "192.0.2.0", 1024 + 0x12 * 252,
		1024 + 0x13 * 252 - 1, "subscriber 0x12");
	expect6(&d, "2001:db8:1::", "192.0.2.1", 1024, 1275,
		"first of the second address");
	expect6(&d, "2001:db8:ff:ff00:ffff:ffff:ffff:ffff", "192.0.2.255",
		65284, 65535, "last subscriber");
	jool_det_shape(&d, &s);
	inet_pton(AF_INET6, "2001:db8:100::", &a);
	CHECK(!jool_det_map6(&d, &s, &a, &r), "outside the prefix");

	expect4(&d, "192.0.2.0", 1024, "2001:db8::", 1024, 1275, "first");
	expect4(&d, "192.0.2.0", 1275, "2001:db8::", 1024, 1275,
		"first's last port");
	expect4(&d, "192.0.2.0", 1276, "2001:db8:0:100::", 1276, 1527,
		"second");
	expect4(&d, "192.0.2.7", 40123, "2001:db8:7:9b00::", 40084,
		40335, "192.0.2.7#40123");
	expect4(&d, "192.0.2.255", 65535, "2001:db8:ff:ff00::", 65284, 65535,
		"last");
	inet_pton(AF_INET, "192.0.3.0", &r.addr4);
	CHECK(!jool_det_map4(&d, &s, r.addr4, 2000, &p, &r), "next address");
	inet_pton(AF_INET, "192.0.1.255", &r.addr4);
	CHECK(!jool_det_map4(&d, &s, r.addr4, 2000, &p, &r), "address before");
	inet_pton(AF_INET, "192.0.2.0", &r.addr4);
	CHECK(!jool_det_map4(&d, &s, r.addr4, 1023, &p, &r), "port below");

	/* Subscriber bits across the halves: /56 to /72, 256 per address. */
	d = cfg("2001:db8:1:100::", 56, 72, "198.51.100.0", 24, 0, 65535);
	CHECK_EQ(jool_det_shape(&d, &s), JOOL_CFG_OK, "straddling accepted");
	CHECK_EQ(s.per_sub, 256, "65536 subscribers on 256: 256 ports each");
	/* Bits 56-71 = 0x02, 0x03: subscriber 515, address 2, slot 3. */
	expect6(&d, "2001:db8:1:102:3ff::1", "198.51.100.2", 768, 1023,
		"across 64");
	expect4(&d, "198.51.100.2", 1000, "2001:db8:1:102:300::", 768, 1023,
		"back across 64");
	expect6(&d, "2001:db8:1:1ff:ffff::", "198.51.100.255", 65280, 65535,
		"last of 65536");
	expect4(&d, "198.51.100.255", 65535, "2001:db8:1:1ff:ff00::", 65280,
		65535, "back: last of 65536");

	/* ::/0 in /32s on 0.0.0.0/0: subscriber i is address i, all ports. */
	d = cfg("::", 0, 32, "0.0.0.0", 0, 0, 65535);
	expect6(&d, "c000:207::1", "192.0.2.7", 0, 65535, "/0: the top 32 bits");
	expect4(&d, "192.0.2.7", 40123, "c000:207::", 0, 65535, "/0 back");
	expect6(&d, "ffff:ffff::", "255.255.255.255", 0, 65535, "/0: the last");

	/* Host subscribers (/128), the last bits. */
	d = cfg("2001:db8::100", 120, 128, "203.0.113.0", 30, 1024, 2047);
	jool_det_shape(&d, &s);
	CHECK_EQ(s.per_sub, 16, "256 subscribers, 4 addresses, 16 ports");
	expect6(&d, "2001:db8::1ff", "203.0.113.3", 2032, 2047,
		"the last /128");
	expect4(&d, "203.0.113.3", 2047, "2001:db8::1ff", 2032, 2047,
		"back to the last /128");
	expect4(&d, "203.0.113.0", 1024, "2001:db8::100", 1024, 1039,
		"back to the first /128");
}

const struct unit_test determ_tests[] = {
	{ "determ/rfc7422-shape", test_shape },
	{ "determ/rfc7422-map", test_map },
	{ NULL, NULL }
};
