// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP error translation (RFC 7915 4.2-4.3 and 5.2-5.3, RFC 4884, RFC 6791):
 * every row of the type/code tables and of both pointer tables, in both
 * directions, with TCP, UDP and echo inside. Each translated packet is
 * compared byte for byte with one built independently, from scratch, by
 * pkt.c: addresses, types, codes, MTUs, pointers, the packet in error and
 * every checksum.
 */
#include <stdlib.h>
#include "core/eamt.h"
#include "pkt.h"
#include "unit.h"

/*
 * Not the well-known prefix: 64:ff9b::/96 is checksum neutral (RFC 6052
 * 4.1), so it would leave every checksum of TCP and UDP as it was.
 */
#define PREFIX "2001:db8:64::"
#define P6(a) PREFIX a
#define H4 "192.0.2.4"		/* an IPv4 host */
#define H6 "198.51.100.6"	/* the IPv4 address of an IPv6 host */
#define R4 "203.0.113.1"	/* an IPv4 router */

/* Who is who: the error's source, its destination, the other end. */
struct plan {
	const char *r_in, *r_out;	/* outer source (the router) */
	const char *h_in, *h_out;	/* outer destination = inner source */
	const char *d_in, *d_out;	/* inner destination */
};

/* An IPv6 router reports on a packet the IPv4 host H4 sent to H6. */
static const struct plan plan64 = {
	P6(R4), R4, P6(H4), H4, P6(H6), H6,
};

/* An IPv4 router reports on a packet the IPv6 host (H6) sent to H4. */
static const struct plan plan46 = {
	R4, P6(R4), H6, P6(H6), H4, P6(H4),
};

/* One error, and what it must become. */
struct ecase {
	const char *what;
	uint8_t type_in, code_in, rest_in[4];
	uint8_t type_out, code_out, rest_out[4];
	uint8_t proto;		/* of the packet in error; ICMP means echo */
	unsigned int payload;	/* its payload bytes */
	unsigned int keep;	/* the bytes of it quoted (0: all) */
	unsigned int tot;	/* 4->6: its total length claims this */
	const struct plan *plan; /* NULL: plan64 / plan46 */
};

static const uint8_t protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP };
static uint8_t out[1600];

static struct xlat_cfg cfg96(void)
{
	static const uint16_t plateaus[] = {
		65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68,
	};
	struct xlat_cfg cfg = { .pool6_set = true };

	inet_pton(AF_INET6, PREFIX, &cfg.pool6.addr);
	cfg.pool6.len = 96;
	memcpy(cfg.plateaus, plateaus, sizeof(plateaus));
	cfg.nplateaus = ARRAY_SIZE(plateaus);
	return cfg;
}

static struct xlat_pkt pkt_in(void)
{
	struct xlat_pkt x;

	memset(&x, 0, sizeof(x));
	x.hop_bump = 1;
	x.ipv4_id = htons(0x1234);
	return x;
}

static uint8_t proto6(uint8_t proto)
{
	return proto == IPPROTO_ICMP ? IPPROTO_ICMPV6 : proto;
}

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* The output equals @want, and nothing past it was written. */
static void same(const char *what, unsigned int len, const struct tpkt *want)
{
	unsigned int i;
	bool tail = true;

	for (i = len; i < sizeof(out); i++)
		tail &= out[i] == 0xee;
	CHECK(tail, "%s: nothing written past the packet", what);
	CHECK(len == want->len && !memcmp(out, want->buf, len),
	      "%s: %u bytes, want %u", what, len, want->len);
	for (i = 0; i < len && i < want->len; i++) {
		if (out[i] != want->buf[i]) {
			printf("  %s: byte %u is %02x, want %02x\n", what, i,
			       out[i], want->buf[i]);
			break;
		}
	}
}

/* jool_xlat64() / jool_xlat46() on an error: verdict, packet untouched. */
static enum xlat_verdict ahead(const struct xlat_cfg *cfg,
			       const struct tpkt *p, bool v6,
			       struct xlat_pkt *x)
{
	static struct tpkt copy;
	enum xlat_verdict v;

	copy = *p;
	*x = pkt_in();
	x->len = p->len;
	v = v6 ? jool_xlat64(cfg, copy.buf, copy.len, x) :
		 jool_xlat46(cfg, copy.buf, copy.len, x);
	if (v != XLAT_OK)
		CHECK(!memcmp(copy.buf, p->buf, p->len),
		      "xlat%s() left it alone", v6 ? "64" : "46");
	return v;
}

static enum xlat_verdict run(const struct xlat_cfg *cfg, const struct tpkt *p,
			     struct xlat_pkt *x)
{
	memset(out, 0xee, sizeof(out));
	if ((p->buf[0] >> 4) == 6)
		return jool_xlat64_icmp_err(cfg, p->buf, p->len, out,
					    sizeof(out), x);
	return jool_xlat46_icmp_err(cfg, p->buf, p->len, out, sizeof(out), x);
}

/* Both entry points drop @p for @reason (jool_xlat64/46() says @cheap). */
static void drop(const char *what, const struct xlat_cfg *cfg,
		 const struct tpkt *p, const struct xlat_pkt *xin,
		 enum jool_stat reason, enum xlat_verdict cheap)
{
	bool v6 = (p->buf[0] >> 4) == 6;
	struct xlat_pkt x = xin ? *xin : pkt_in();

	CHECK_EQ(run(cfg, p, &x), XLAT_DROP, "%s: dropped", what);
	CHECK_EQ(x.reason, reason, "%s: reason %d, want %d", what, x.reason,
		 reason);
	CHECK_EQ(ahead(cfg, p, v6, &x), cheap, "%s: xlat%s() verdict", what,
		 v6 ? "64" : "46");
	if (cheap == XLAT_DROP)
		CHECK_EQ(x.reason, reason, "%s: xlat%s() reason %d", what,
			 v6 ? "64" : "46", x.reason);
}

/* The error @c describes, around the packet in error @orig. */
static void err_around(struct tpkt *err, const struct ecase *c,
		       const struct plan *pl, const struct tpkt *orig)
{
	struct err_spec s;

	memset(&s, 0, sizeof(s));
	s.src = pl->r_in;
	s.dst = pl->h_in;
	s.type = c->type_in;
	s.code = c->code_in;
	memcpy(s.rest, c->rest_in, 4);
	s.inner = orig->buf;
	s.inner_len = c->keep && c->keep < orig->len ? c->keep : orig->len;
	s.ttl = 60;
	s.tos = 0x2c;
	s.id = 0x77;
	s.frag_off = IP_DF;
	pkt_icmp_err(err, &s);
}

/*
 * The quote may end in the middle of the checksum of the packet in error:
 * half a checksum cannot be updated, so that byte stays as it was.
 */
static void half_csum(struct tpkt *want, unsigned int wl4,
		      const struct tpkt *orig, unsigned int ol4,
		      unsigned int quoted, uint8_t proto)
{
	unsigned int off = proto == IPPROTO_TCP ? 16 :
			   proto == IPPROTO_UDP ? 6 : 2;

	if (quoted == off + 1)
		want->buf[wl4 + off] = orig->buf[ol4 + off];
}

/* ICMPv6 error -> ICMPv4 error, compared with the one built from scratch. */
static void case64(const struct xlat_cfg *cfg, const struct xlat_pkt *xin,
		   const struct ecase *c)
{
	const struct plan *pl = c->plan ? c->plan : &plan64;
	static struct tpkt orig, err, wi, want;
	struct xlat_pkt x;
	struct err_spec s;
	enum xlat_verdict v;
	unsigned int keep;

	pkt6(&orig, pl->h_in, pl->d_in, proto6(c->proto), c->payload, 33);
	keep = c->keep && c->keep < orig.len ? c->keep : orig.len;
	err_around(&err, c, pl, &orig);
	CHECK_EQ(ahead(cfg, &err, true, &x), XLAT_ICMP_ERR,
		 "%s: xlat64() hands it over (reason %d)", c->what, x.reason);
	x = xin ? *xin : pkt_in();
	v = run(cfg, &err, &x);
	CHECK_EQ(v, XLAT_OK, "%s: translated (reason %d)", c->what, x.reason);
	if (v != XLAT_OK)
		return;

	/* The packet in error as the IPv4 host sent it: RFC 7915 5.1. */
	pkt4(&wi, pl->h_out, pl->d_out, c->proto, c->payload, 33);
	pkt4_hdr(&wi, cfg->override_tos ? cfg->tos : 0xab, 0,
		 wi.len > 1260 ? IP_DF : 0, 33);
	half_csum(&wi, 20, &orig, 40, keep - 40, c->proto);
	memset(&s, 0, sizeof(s));
	s.src = pl->r_out;
	s.dst = pl->h_out;
	s.type = c->type_out;
	s.code = c->code_out;
	memcpy(s.rest, c->rest_out, 4);
	s.inner = wi.buf;
	s.inner_len = min(keep - 20, 576u - 28);	/* RFC 1812 4.3.2.3 */
	s.ttl = min(60u + (xin ? xin->hop_bump : 1), 255u);
	s.tos = cfg->override_tos ? cfg->tos : 0x2c;
	s.id = 0x1234;
	pkt_icmp_err(&want, &s);
	same(c->what, x.new_len, &want);
}

/* ICMPv4 error -> ICMPv6 error, compared with the one built from scratch. */
static void case46(const struct xlat_cfg *cfg, const struct xlat_pkt *xin,
		   const struct ecase *c)
{
	const struct plan *pl = c->plan ? c->plan : &plan46;
	static struct tpkt orig, err, wi, want;
	struct xlat_pkt x;
	struct err_spec s;
	enum xlat_verdict v;
	unsigned int keep;

	pkt4(&orig, pl->h_in, pl->d_in, c->proto, c->payload, 33);
	if (c->tot) {
		/* Only quoted in part: its length can say it was bigger. */
		((struct iphdr *)orig.buf)->tot_len = htons(c->tot);
		pkt4_hdr(&orig, 0xb8, 0x4242, IP_DF, 33);
	}
	keep = c->keep && c->keep < orig.len ? c->keep : orig.len;
	err_around(&err, c, pl, &orig);
	CHECK_EQ(ahead(cfg, &err, false, &x), XLAT_ICMP_ERR,
		 "%s: xlat46() hands it over (reason %d)", c->what, x.reason);
	x = xin ? *xin : pkt_in();
	v = run(cfg, &err, &x);
	CHECK_EQ(v, XLAT_OK, "%s: translated (reason %d)", c->what, x.reason);
	if (v != XLAT_OK)
		return;

	/* The packet in error as the IPv6 host sent it: RFC 7915 4.1. */
	pkt6(&wi, pl->h_out, pl->d_out, proto6(c->proto), c->payload, 33);
	pkt6_tc(&wi, cfg->zeroize_tc ? 0 : 0xb8);
	if (c->tot)
		((struct ipv6hdr *)wi.buf)->payload_len = htons(c->tot - 20);
	half_csum(&wi, 40, &orig, 20, keep - 20, c->proto);
	memset(&s, 0, sizeof(s));
	s.src = pl->r_out;
	s.dst = pl->h_out;
	s.type = c->type_out;
	s.code = c->code_out;
	memcpy(s.rest, c->rest_out, 4);
	s.inner = wi.buf;
	s.inner_len = min(keep + 20, 1280u - 48);	/* RFC 4443 2.4 (c) */
	s.ttl = min(60u + (xin ? xin->hop_bump : 1), 255u);
	s.tos = cfg->zeroize_tc ? 0 : 0x2c;
	pkt_icmp_err(&want, &s);
	/* pkt_icmp_err() gives IPv6 a flow label; translators don't. */
	want.buf[1] &= 0xf0;
	want.buf[2] = want.buf[3] = 0;
	same(c->what, x.new_len, &want);
}

/* Every row, with TCP, UDP and echo inside, whole and cut short. */
static void all_protos(const struct xlat_cfg *cfg, struct ecase c, bool v6)
{
	static const unsigned int sizes[][2] = {
		{ 40, 0 },	/* quoted whole */
		{ 1400, 1232 },	/* an ICMPv6 error of 1280 bytes */
		{ 1400, 548 },	/* an ICMPv4 error of 576 bytes */
		{ 1472, 1472 },	/* an ICMPv4 error of 1528 bytes */
	};
	unsigned int i, j;
	char what[128];
	const char *name = c.what;

	for (i = 0; i < ARRAY_SIZE(protos); i++) {
		for (j = 0; j < ARRAY_SIZE(sizes); j++) {
			if (v6 && j == 3)
				continue;
			c.proto = protos[i];
			c.payload = sizes[j][0];
			c.keep = sizes[j][1];
			snprintf(what, sizeof(what), "%s, proto %u, %u/%u",
				 name, c.proto, c.payload, c.keep);
			c.what = what;
			if (v6)
				case64(cfg, NULL, &c);
			else
				case46(cfg, NULL, &c);
		}
	}
}

/* A row of an RFC 7915 table: the error in, the error out. */
struct row {
	const char *what;
	uint8_t type_in, code_in, type_out, code_out;
	uint8_t rest_in[4], rest_out[4];	/* ICMP bytes 4-7 */
};

static void rows(const struct row *r, unsigned int n, bool v6)
{
	struct xlat_cfg cfg = cfg96();
	struct ecase c;
	unsigned int i;

	for (i = 0; i < n; i++) {
		memset(&c, 0, sizeof(c));
		c.what = r[i].what;
		c.type_in = r[i].type_in;
		c.code_in = r[i].code_in;
		memcpy(c.rest_in, r[i].rest_in, 4);
		c.type_out = r[i].type_out;
		c.code_out = r[i].code_out;
		memcpy(c.rest_out, r[i].rest_out, 4);
		all_protos(&cfg, c, v6);
	}
}

/* In, byte 4 is the RFC 4884 length (none), 5-7 are unused; out, zeros. */
#define UNUSED64 { 0, 0x11, 0x22, 0x33 }, { 0 }
/* In, byte 5 is the RFC 4884 length (none), 4, 6, 7 are unused. */
#define UNUSED46 { 0x11, 0, 0x22, 0x33 }, { 0 }

/* RFC 7915 5.2, "ICMPv6 error messages": every row but the pointers. */
static void test_rows64(void)
{
	static const struct row r[] = {
		{ "no route", 1, 0, 3, 1, UNUSED64 },
		{ "admin prohibited", 1, 1, 3, 10, UNUSED64 },
		{ "beyond scope", 1, 2, 3, 1, UNUSED64 },
		{ "address unreachable", 1, 3, 3, 1, UNUSED64 },
		{ "port unreachable", 1, 4, 3, 3, UNUSED64 },
		{ "hop limit exceeded", 3, 0, 11, 0, UNUSED64 },
		{ "reassembly time exceeded", 3, 1, 11, 1, UNUSED64 },
		/* Parameter problem, unrecognized next header: protocol unreachable. */
		{ "unrecognized next header", 4, 1, 3, 2, { 0, 0, 0, 40 }, { 0 } },
		/* Packet too big: type 3 code 4, the MTU 20 bytes smaller. */
		{ "packet too big", 2, 0, 3, 4, { 0, 0, 1500 >> 8, 1500 & 0xff },
		  { 0, 0, 1480 >> 8, 1480 & 0xff } },
	};

	rows(r, ARRAY_SIZE(r), true);
}

/* RFC 7915 4.2, "ICMPv4 error messages": every row but the pointers. */
static void test_rows46(void)
{
	static const struct row r[] = {
		{ "net unreachable", 3, 0, 1, 0, UNUSED46 },
		{ "host unreachable", 3, 1, 1, 0, UNUSED46 },
		{ "port unreachable", 3, 3, 1, 4, UNUSED46 },
		{ "source route failed", 3, 5, 1, 0, UNUSED46 },
		{ "net unknown", 3, 6, 1, 0, UNUSED46 },
		{ "host unknown", 3, 7, 1, 0, UNUSED46 },
		{ "host isolated", 3, 8, 1, 0, UNUSED46 },
		{ "net prohibited", 3, 9, 1, 1, UNUSED46 },
		{ "host prohibited", 3, 10, 1, 1, UNUSED46 },
		{ "net unreachable for TOS", 3, 11, 1, 0, UNUSED46 },
		{ "host unreachable for TOS", 3, 12, 1, 0, UNUSED46 },
		{ "communication prohibited", 3, 13, 1, 1, UNUSED46 },
		{ "precedence cutoff", 3, 15, 1, 1, UNUSED46 },
		{ "TTL exceeded", 11, 0, 3, 0, UNUSED46 },
		{ "reassembly time exceeded", 11, 1, 3, 1, UNUSED46 },
		/* Protocol unreachable: parameter problem at the Next Header. */
		{ "protocol unreachable", 3, 2, 4, 1, { 0 }, { 0, 0, 0, 6 } },
		/* Fragmentation needed: packet too big, the MTU 20 bytes bigger. */
		{ "fragmentation needed", 3, 4, 2, 0, { 0, 0, 1400 >> 8, 1400 & 0xff },
		  { 0, 0, 1420 >> 8, 1420 & 0xff } },
	};

	rows(r, ARRAY_SIZE(r), false);
}

/* RFC 7915 5.2, Figure 6, every IPv6 pointer value and some past it. */
static void test_ptr64(void)
{
	/* -1: "n/a" or not listed: silently drop. */
	static const int fig6[40] = {
		0, 1, -1, -1, 2, 2, 9, 8,
		12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
		16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
	};
	static const uint32_t past[] = { 40, 41, 48, 255, 256, 0x10000,
					 0xffffffff };
	struct xlat_cfg cfg = cfg96();
	struct tpkt orig, err;
	struct ecase c;
	char what[64];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fig6) + ARRAY_SIZE(past); i++) {
		uint32_t ptr = i < 40 ? i : past[i - 40];
		int want = i < 40 ? fig6[i] : -1;

		memset(&c, 0, sizeof(c));
		snprintf(what, sizeof(what), "IPv6 pointer %u", ptr);
		c.what = what;
		c.type_in = 4;
		be32(c.rest_in, ptr);
		c.proto = protos[i % 3];
		c.payload = 20 + i;
		if (want >= 0) {
			c.type_out = 12;
			c.rest_out[0] = want;
			case64(&cfg, NULL, &c);
			continue;
		}
		pkt6(&orig, P6(H4), P6(H6), proto6(c.proto), c.payload, 33);
		err_around(&err, &c, &plan64, &orig);
		drop(what, &cfg, &err, NULL, JOOL_STAT_ICMP_UNSUPPORTED,
		     XLAT_DROP);
	}
}

/* RFC 7915 4.2, Figure 3, every IPv4 pointer value and some past it. */
static void test_ptr46(void)
{
	static const int fig3[20] = {
		0, 1, 4, 4, -1, -1, -1, -1, 7, 6, -1, -1, 8, 8, 8, 8,
		24, 24, 24, 24,
	};
	static const uint8_t codes[] = { 0, 2 };	/* pointer, bad length */
	struct xlat_cfg cfg = cfg96();
	struct tpkt orig, err;
	struct ecase c;
	char what[64];
	unsigned int i, j;

	for (j = 0; j < ARRAY_SIZE(codes); j++) {
		for (i = 0; i < 26; i++) {
			unsigned int ptr = i < 24 ? i : (i == 24 ? 40 : 255);
			int want = ptr < 20 ? fig3[ptr] : -1;

			memset(&c, 0, sizeof(c));
			snprintf(what, sizeof(what), "IPv4 pointer %u, code %u",
				 ptr, codes[j]);
			c.what = what;
			c.type_in = 12;
			c.code_in = codes[j];
			c.rest_in[0] = ptr;
			c.proto = protos[i % 3];
			c.payload = 20 + i;
			if (want >= 0) {
				c.type_out = 4;
				be32(c.rest_out, want);
				case46(&cfg, NULL, &c);
				continue;
			}
			pkt4(&orig, H6, H4, c.proto, c.payload, 33);
			err_around(&err, &c, &plan46, &orig);
			drop(what, &cfg, &err, NULL, JOOL_STAT_ICMP_UNSUPPORTED,
			     XLAT_DROP);
		}
	}
}

static void ptb64(uint32_t adv, unsigned int mtu4, unsigned int mtu6,
		  uint16_t want)
{
	struct xlat_cfg cfg = cfg96();
	struct xlat_pkt x = pkt_in();
	struct ecase c;
	char what[96];

	snprintf(what, sizeof(what), "PTB %u, IPv4 MTU %u, IPv6 MTU %u", adv,
		 mtu4, mtu6);
	memset(&c, 0, sizeof(c));
	c.what = what;
	c.type_in = 2;
	be32(c.rest_in, adv);
	c.type_out = 3;
	c.code_out = 4;
	c.rest_out[2] = want >> 8;
	c.rest_out[3] = want & 0xff;
	c.proto = IPPROTO_TCP;
	c.payload = 1400;
	c.keep = 1232;
	x.mtu4 = mtu4;
	x.mtu6 = mtu6;
	case64(&cfg, &x, &c);
}

static void ptb46(const struct xlat_cfg *cfg, uint16_t adv, unsigned int mtu4,
		  unsigned int mtu6, unsigned int tot_len, uint32_t want)
{
	struct xlat_pkt x = pkt_in();
	struct ecase c;
	char what[96];

	snprintf(what, sizeof(what),
		 "frag needed %u, total %u, IPv4 MTU %u, IPv6 MTU %u", adv,
		 tot_len, mtu4, mtu6);
	memset(&c, 0, sizeof(c));
	c.what = what;
	c.type_in = 3;
	c.code_in = 4;
	c.rest_in[2] = adv >> 8;
	c.rest_in[3] = adv & 0xff;
	c.type_out = 2;
	be32(c.rest_out, want);
	c.proto = IPPROTO_UDP;
	c.payload = min(tot_len, 2000u) - 28;
	c.keep = 548;
	if (tot_len > 2000)
		c.tot = tot_len;
	x.mtu4 = mtu4;
	x.mtu6 = mtu6;
	case46(cfg, &x, &c);
}

/* RFC 7915 5.2 and 4.2 (code 4), RFC 1191 5 (plateaus). */
static void test_mtu(void)
{
	struct xlat_cfg cfg = cfg96();

	/* minimum(advertised - 20, IPv4 next hop, IPv6 next hop - 20) */
	ptb64(1500, 0, 0, 1480);
	ptb64(1280, 0, 0, 1260);
	ptb64(9000, 1500, 0, 1500);
	ptb64(9000, 0, 1400, 1380);
	ptb64(9000, 1500, 1400, 1380);
	ptb64(9000, 1300, 1400, 1300);
	ptb64(1500, 9000, 9000, 1480);
	ptb64(100000, 0, 0, 65535);	/* the ICMPv4 field has 16 bits */
	ptb64(30, 0, 0, 68);		/* bogus: raised to IPv4's least */
	ptb64(1500, 0, 20, 68);

	/* maximum(1280, minimum(advertised + 20, IPv6 hop, IPv4 hop + 20)) */
	ptb46(&cfg, 1400, 0, 0, 1500, 1420);
	ptb46(&cfg, 1260, 0, 0, 1500, 1280);
	ptb46(&cfg, 1000, 0, 0, 1500, 1280);
	ptb46(&cfg, 68, 0, 0, 1500, 1280);
	ptb46(&cfg, 9000, 0, 1500, 9100, 1500);
	ptb46(&cfg, 9000, 1400, 0, 9100, 1420);
	ptb46(&cfg, 9000, 1400, 1300, 9100, 1300);
	ptb46(&cfg, 9000, 1000, 0, 9100, 1280);
	ptb46(&cfg, 65535, 0, 0, 65535, 65555);
	/* No MTU (pre-RFC 1191 router): the greatest plateau below. */
	ptb46(&cfg, 0, 0, 0, 1500, 1512);
	ptb46(&cfg, 0, 0, 0, 1493, 1512);
	ptb46(&cfg, 0, 0, 0, 1492, 1026 > 1280 ? 1026 : 1280);
	ptb46(&cfg, 0, 0, 0, 9000, 8186);
	ptb46(&cfg, 0, 0, 0, 65535, 32020);
	ptb46(&cfg, 0, 0, 0, 2003, 2022);
	ptb46(&cfg, 0, 0, 0, 576, 1280);
	ptb46(&cfg, 0, 0, 1400, 9000, 1400);
	ptb46(&cfg, 0, 1300, 0, 9000, 1320);
	/* The plateau of a packet smaller than every plateau: none. */
	ptb46(&cfg, 0, 0, 0, 60, 1280);
	/* Plateaus as configured, in any order. */
	cfg.plateaus[0] = 1300;
	cfg.plateaus[1] = 3000;
	cfg.plateaus[2] = 2000;
	cfg.nplateaus = 3;
	ptb46(&cfg, 0, 0, 0, 9000, 3020);
	ptb46(&cfg, 0, 0, 0, 2500, 2020);
	ptb46(&cfg, 0, 0, 0, 1400, 1320);
	cfg.nplateaus = 0;
	ptb46(&cfg, 0, 0, 0, 9000, 1280);
}

/* RFC 7915 5.2 and 4.2: what is silently dropped. */
static void test_unsupported(void)
{
	static const uint8_t codes64[][2] = {
		{ 1, 5 }, { 1, 6 }, { 1, 7 }, { 1, 100 }, { 1, 255 },
		{ 4, 2 }, { 4, 3 }, { 4, 200 },
		{ 0, 0 }, { 5, 0 }, { 100, 0 }, { 127, 0 },
	};
	static const uint8_t info64[] = {
		130, 131, 132, 133, 134, 135, 136, 137, 139, 143, 200, 255,
	};
	static const uint8_t codes46[][2] = {
		{ 3, 14 }, { 3, 16 }, { 3, 100 }, { 3, 255 },
		{ 12, 1 }, { 12, 3 }, { 12, 255 },
		{ 4, 0 }, { 5, 0 }, { 5, 1 }, { 6, 0 }, { 31, 0 }, { 37, 0 },
		{ 1, 0 }, { 2, 0 }, { 7, 0 }, { 9, 0 }, { 10, 0 }, { 13, 0 },
		{ 14, 0 }, { 15, 0 }, { 16, 0 }, { 17, 0 }, { 18, 0 },
		{ 30, 0 }, { 42, 0 }, { 255, 0 },
	};
	struct xlat_cfg cfg = cfg96();
	struct tpkt orig, err;
	struct ecase c;
	char what[64];
	unsigned int i;

	pkt6(&orig, P6(H4), P6(H6), IPPROTO_UDP, 30, 33);
	for (i = 0; i < ARRAY_SIZE(codes64); i++) {
		memset(&c, 0, sizeof(c));
		c.type_in = codes64[i][0];
		c.code_in = codes64[i][1];
		err_around(&err, &c, &plan64, &orig);
		snprintf(what, sizeof(what), "ICMPv6 %u/%u", c.type_in,
			 c.code_in);
		drop(what, &cfg, &err, NULL, JOOL_STAT_ICMP_UNSUPPORTED,
		     XLAT_DROP);
	}
	for (i = 0; i < ARRAY_SIZE(info64); i++) {
		memset(&c, 0, sizeof(c));
		c.type_in = info64[i];
		err_around(&err, &c, &plan64, &orig);
		snprintf(what, sizeof(what), "ICMPv6 informational %u",
			 c.type_in);
		drop(what, &cfg, &err, NULL, JOOL_STAT_ICMP_UNSUPPORTED,
		     XLAT_DROP);
	}
	pkt4(&orig, H6, H4, IPPROTO_UDP, 30, 33);
	for (i = 0; i < ARRAY_SIZE(codes46); i++) {
		memset(&c, 0, sizeof(c));
		c.type_in = codes46[i][0];
		c.code_in = codes46[i][1];
		err_around(&err, &c, &plan46, &orig);
		snprintf(what, sizeof(what), "ICMPv4 %u/%u", c.type_in,
			 c.code_in);
		drop(what, &cfg, &err, NULL, JOOL_STAT_ICMP_UNSUPPORTED,
		     XLAT_DROP);
	}
	/* Echo is not an error: the error path refuses it. */
	pkt6(&err, P6(H4), P6(H6), IPPROTO_ICMPV6, 30, 33);
	drop("echo into xlat64_icmp_err()", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_UNSUPPORTED, XLAT_OK);
	pkt4(&err, H6, H4, IPPROTO_ICMP, 30, 33);
	drop("echo into xlat46_icmp_err()", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_UNSUPPORTED, XLAT_OK);
	pkt6(&err, P6(H4), P6(H6), IPPROTO_UDP, 30, 33);
	drop("UDP into xlat64_icmp_err()", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_UNSUPPORTED, XLAT_OK);
	pkt4(&err, H6, H4, IPPROTO_TCP, 30, 33);
	drop("TCP into xlat46_icmp_err()", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_UNSUPPORTED, XLAT_OK);
}

/* Never launder corruption: the incoming checksum must be right. */
static void test_csum_fail(void)
{
	struct xlat_cfg cfg = cfg96();
	struct tpkt orig, err;
	struct ecase c;

	memset(&c, 0, sizeof(c));
	c.type_in = 1;
	c.code_in = 4;
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_UDP, 30, 33);
	err_around(&err, &c, &plan64, &orig);
	err.buf[err.len - 1] ^= 0x40;
	drop("ICMPv6, payload bit flipped", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_CSUM, XLAT_ICMP_ERR);
	err_around(&err, &c, &plan64, &orig);
	err.buf[42] ^= 0xff;
	drop("ICMPv6, checksum changed", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_CSUM, XLAT_ICMP_ERR);
	/* The pseudo-header counts: a changed source is a bad checksum. */
	err_around(&err, &c, &plan64, &orig);
	err.buf[8 + 15] ^= 0x01;
	drop("ICMPv6, source changed", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_CSUM, XLAT_ICMP_ERR);
	err_around(&err, &c, &plan64, &orig);
	err.buf[42] = err.buf[43] = 0;
	drop("ICMPv6, zero checksum", &cfg, &err, NULL, JOOL_STAT_ICMP_CSUM,
	     XLAT_ICMP_ERR);

	c.type_in = 3;
	c.code_in = 3;
	pkt4(&orig, H6, H4, IPPROTO_TCP, 30, 33);
	err_around(&err, &c, &plan46, &orig);
	err.buf[err.len - 5] ^= 0x01;
	drop("ICMPv4, payload bit flipped", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_CSUM, XLAT_ICMP_ERR);
	err_around(&err, &c, &plan46, &orig);
	err.buf[28 + 8] ^= 0x80;	/* in the quoted IPv4 header */
	drop("ICMPv4, inner header changed", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_CSUM, XLAT_ICMP_ERR);
	err_around(&err, &c, &plan46, &orig);
	err.buf[22] = err.buf[23] = 0;
	drop("ICMPv4, zero checksum", &cfg, &err, NULL, JOOL_STAT_ICMP_CSUM,
	     XLAT_ICMP_ERR);
}

/* RFC 6791 and RFC 7915 4.1/5.1: sources without a translation. */
static void test_rfc6791(void)
{
	static const struct plan router6 = {
		"2001:db8::1", NULL, P6(H4), H4, P6(H6), H6,
	};
	static const struct {
		const char *pool;
		uint8_t len;
		bool random;
		uint32_t rnd;
		const char *want;
	} v4[] = {
		{ "203.0.113.0", 24, false, 77, "203.0.113.1" },
		{ "203.0.113.0", 24, true, 0, "203.0.113.1" },
		{ "203.0.113.0", 24, true, 1, "203.0.113.2" },
		{ "203.0.113.0", 24, true, 253, "203.0.113.254" },
		{ "203.0.113.0", 24, true, 254, "203.0.113.1" },
		{ "203.0.113.0", 24, true, 1000, "203.0.113.239" },
		{ "203.0.113.0", 24, true, 0xffffffff, "203.0.113.16" },
		{ "203.0.113.8", 30, true, 0, "203.0.113.9" },
		{ "203.0.113.8", 30, true, 1, "203.0.113.10" },
		{ "203.0.113.8", 30, true, 2, "203.0.113.9" },
		{ "203.0.113.8", 30, false, 1, "203.0.113.9" },
		{ "203.0.113.6", 31, true, 0, "203.0.113.6" },
		{ "203.0.113.6", 31, true, 1, "203.0.113.7" },
		{ "203.0.113.6", 31, false, 1, "203.0.113.6" },
		{ "203.0.113.9", 32, true, 12345, "203.0.113.9" },
		{ "198.18.0.0", 15, true, 0x20000, "198.18.0.3" },
		{ "198.18.0.0", 15, true, 0x1fffd, "198.19.255.254" },
		{ "0.0.0.0", 0, true, 0xfffffffd, "255.255.255.254" },
		{ "0.0.0.0", 0, true, 0xfffffffe, "0.0.0.1" },
	};
	struct xlat_cfg cfg = cfg96();
	struct xlat_pkt x = pkt_in();
	struct plan pl = router6;
	struct tpkt orig, err;
	struct ecase c;
	char what[96];
	unsigned int i, r, bad = 0;

	memset(&c, 0, sizeof(c));
	c.type_in = 3;
	c.type_out = 11;
	c.proto = IPPROTO_UDP;
	c.payload = 50;
	c.plan = &pl;

	/* Neither a pool nor an address of our own. */
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_UDP, 50, 33);
	err_around(&err, &c, &router6, &orig);
	drop("6->4, no RFC 6791 source", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_NO_SOURCE, XLAT_ICMP_ERR);
	x.own4 = inet_addr("192.0.2.100");
	pl.r_out = "192.0.2.100";
	c.what = "6->4, the translator's own address";
	case64(&cfg, &x, &c);

	cfg.rfc6791v4_set = true;
	for (i = 0; i < ARRAY_SIZE(v4); i++) {
		cfg.rfc6791v4.addr = inet_addr(v4[i].pool);
		cfg.rfc6791v4.len = v4[i].len;
		cfg.randomize_6791 = v4[i].random;
		x.random = v4[i].rnd;
		pl.r_out = v4[i].want;
		snprintf(what, sizeof(what), "6->4, pool %s/%u, random %d %u",
			 v4[i].pool, v4[i].len, v4[i].random, v4[i].rnd);
		c.what = what;
		case64(&cfg, &x, &c);
	}
	/* Random addresses stay inside the pool, never .0 or .255. */
	cfg.rfc6791v4.addr = inet_addr("203.0.113.0");
	cfg.rfc6791v4.len = 24;
	cfg.randomize_6791 = true;
	err_around(&err, &c, &router6, &orig);
	for (r = 0; r < 3000; r++) {
		uint32_t a;

		x.random = r * 2654435761U;
		if (run(&cfg, &err, &x) != XLAT_OK) {
			bad++;
			continue;
		}
		a = ntohl(((struct iphdr *)out)->saddr);
		if ((a >> 8) != 0xcb0071 || (a & 0xff) == 0 ||
		    (a & 0xff) == 255 ||
		    (a & 0xff) != 1 + x.random % 254)
			bad++;
	}
	CHECK_EQ(bad, 0u, "random RFC 6791 sources out of place: %u", bad);
	/* A source that translates never uses the pool. */
	c.plan = NULL;
	c.what = "6->4, translatable source, pool set";
	case64(&cfg, &x, &c);
}

/* The same, 4->6: only without pool6 can an IPv4 source not translate. */
static void test_rfc6791_v6(void)
{
	static const struct plan plan = {
		R4, NULL, H6, "2001:db8:6::6", H4, "2001:db8:4::4",
	};
	static const struct {
		const char *pool;
		uint8_t len;
		bool random;
		uint32_t rnd;
		const char *want;
	} v6[] = {
		{ "2001:db8:ff::", 64, false, 9, "2001:db8:ff::1" },
		{ "2001:db8:ff::", 64, true, 0, "2001:db8:ff::1" },
		{ "2001:db8:ff::", 64, true, 0x12345678, "2001:db8:ff::1234:5679" },
		{ "2001:db8:ff::", 64, true, 0xfffffffe, "2001:db8:ff::ffff:ffff" },
		{ "2001:db8:ff::", 64, true, 0xffffffff, "2001:db8:ff::1" },
		{ "2001:db8:ff::", 96, true, 0x0000ffff, "2001:db8:ff::1:0" },
		{ "2001:db8:ff::4", 126, true, 0, "2001:db8:ff::5" },
		{ "2001:db8:ff::4", 126, true, 2, "2001:db8:ff::7" },
		{ "2001:db8:ff::4", 126, true, 3, "2001:db8:ff::5" },
		{ "2001:db8:ff::6", 127, true, 1, "2001:db8:ff::7" },
		{ "2001:db8:ff::6", 127, false, 1, "2001:db8:ff::6" },
		{ "2001:db8:ff::9", 128, true, 7, "2001:db8:ff::9" },
		{ "2001:db8:ff::", 120, true, 300, "2001:db8:ff::2e" },
	};
	struct eamt_entry e[2];
	struct xlat_cfg cfg = cfg96();
	struct xlat_pkt x = pkt_in();
	struct plan pl = plan;
	struct tpkt orig, err;
	struct ecase c;
	char what[96];
	struct eamt *t;
	unsigned int i;

	inet_pton(AF_INET6, "2001:db8:6::", &e[0].p6.addr);
	e[0].p6.len = 120;
	e[0].p4.addr = inet_addr("198.51.100.0");
	e[0].p4.len = 24;
	inet_pton(AF_INET6, "2001:db8:4::", &e[1].p6.addr);
	e[1].p6.len = 120;
	e[1].p4.addr = inet_addr("192.0.2.0");
	e[1].p4.len = 24;
	t = jool_eamt_build(e, 2);
	cfg.eamt = t;
	cfg.pool6_set = false;

	memset(&c, 0, sizeof(c));
	c.type_in = 11;
	c.type_out = 3;
	c.proto = IPPROTO_TCP;
	c.payload = 50;
	c.plan = &pl;

	pkt4(&orig, H6, H4, IPPROTO_TCP, 50, 33);
	err_around(&err, &c, &plan, &orig);
	drop("4->6, no RFC 6791 source", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_NO_SOURCE, XLAT_ICMP_ERR);
	inet_pton(AF_INET6, "2001:db8:ffff::53", &x.own6);
	pl.r_out = "2001:db8:ffff::53";
	c.what = "4->6, the translator's own address";
	case46(&cfg, &x, &c);

	cfg.rfc6791v6_set = true;
	for (i = 0; i < ARRAY_SIZE(v6); i++) {
		inet_pton(AF_INET6, v6[i].pool, &cfg.rfc6791v6.addr);
		cfg.rfc6791v6.len = v6[i].len;
		cfg.randomize_6791 = v6[i].random;
		x.random = v6[i].rnd;
		pl.r_out = v6[i].want;
		snprintf(what, sizeof(what), "4->6, pool %s/%u, random %d %u",
			 v6[i].pool, v6[i].len, v6[i].random, v6[i].rnd);
		c.what = what;
		case46(&cfg, &x, &c);
	}

	/* The destination, and the packet in error, must translate. */
	pkt4(&orig, H6, "203.0.113.50", IPPROTO_TCP, 50, 33);
	err_around(&err, &c, &plan, &orig);
	drop("4->6, inner destination without a rule", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_UNTRANSLATABLE, XLAT_ICMP_ERR);
	pl = plan;
	pl.h_in = "203.0.113.50";
	pkt4(&orig, "203.0.113.50", H4, IPPROTO_TCP, 50, 33);
	err_around(&err, &c, &pl, &orig);
	drop("4->6, destination without a rule", &cfg, &err, NULL,
	     JOOL_STAT_DST4_UNTRANSLATABLE, XLAT_DROP);
	jool_eamt_free(t);
}

/* Extension structures (RFC 4884): opaque bytes, easy to recognize. */
static void ext_bytes(uint8_t *ext, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		ext[i] = 0xa0 ^ (i * 13);
	ext[0] = 0x20;	/* version 2 */
}

/*
 * ICMPv4 with an RFC 4884 extension -> ICMPv6: the length attribute
 * becomes 64-bit words, the datagram padded to them (and to 128 bytes).
 */
static void ext46(const char *what, uint8_t type4, uint8_t code4,
		  unsigned int payload, unsigned int field4,
		  unsigned int ext_len, uint8_t attr4, uint8_t type6,
		  uint8_t code6, uint32_t rest6, unsigned int keep6,
		  unsigned int field6, unsigned int ext6_len)
{
	struct xlat_cfg cfg = cfg96();
	static struct tpkt orig, err, wi, want;
	static uint8_t ext[1400];
	struct xlat_pkt x = pkt_in();
	struct err_spec s;

	ext_bytes(ext, ext_len);
	pkt4(&orig, H6, H4, IPPROTO_UDP, payload, 33);
	memset(&s, 0, sizeof(s));
	s.src = R4;
	s.dst = H6;
	s.type = type4;
	s.code = code4;
	s.rest[1] = attr4;
	if (type4 == 12)
		s.rest[0] = 9;		/* protocol: next header, 6 */
	if (type4 == 3 && code4 == 4)
		s.rest[3] = 120;	/* MTU 1400: 1420 */
	if (type4 == 3 && code4 == 4)
		s.rest[2] = 5;
	s.inner = orig.buf;
	s.inner_len = min(orig.len, field4);
	s.field_len = field4;
	s.ext = ext;
	s.ext_len = ext_len;
	s.ttl = 60;
	s.tos = 0x2c;
	pkt_icmp_err(&err, &s);
	CHECK_EQ(ahead(&cfg, &err, false, &x), XLAT_ICMP_ERR, "%s: ahead", what);
	x = pkt_in();
	CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "%s: translated (%d)", what,
		 x.reason);

	pkt6(&wi, P6(H6), P6(H4), IPPROTO_UDP, payload, 33);
	pkt6_tc(&wi, 0xb8);
	memset(&s, 0, sizeof(s));
	s.src = P6(R4);
	s.dst = P6(H6);
	s.type = type6;
	s.code = code6;
	be32(s.rest, rest6);
	s.inner = wi.buf;
	s.inner_len = keep6;
	s.field_len = field6;
	s.ext = ext;
	s.ext_len = ext6_len;
	s.ttl = 61;
	s.tos = 0x2c;
	pkt_icmp_err(&want, &s);
	want.buf[1] &= 0xf0;
	want.buf[2] = want.buf[3] = 0;
	same(what, x.new_len, &want);
}

/* ICMPv6 with an RFC 4884 extension -> ICMPv4: 32-bit words. */
static void ext64(const char *what, uint8_t type6, uint8_t code6,
		  unsigned int payload, unsigned int field6,
		  unsigned int ext_len, uint8_t attr6, uint8_t type4,
		  uint8_t code4, unsigned int keep4, unsigned int field4,
		  unsigned int ext4_len, uint8_t attr4)
{
	struct xlat_cfg cfg = cfg96();
	static struct tpkt orig, err, wi, want;
	static uint8_t ext[1400];
	struct xlat_pkt x = pkt_in();
	struct err_spec s;

	ext_bytes(ext, ext_len);
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_UDP, payload, 33);
	memset(&s, 0, sizeof(s));
	s.src = P6(R4);
	s.dst = P6(H4);
	s.type = type6;
	s.code = code6;
	s.rest[0] = attr6;
	s.inner = orig.buf;
	s.inner_len = min(orig.len, field6);
	s.field_len = field6;
	s.ext = ext;
	s.ext_len = ext_len;
	s.ttl = 60;
	s.tos = 0x2c;
	pkt_icmp_err(&err, &s);
	CHECK_EQ(ahead(&cfg, &err, true, &x), XLAT_ICMP_ERR, "%s: ahead", what);
	x = pkt_in();
	CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "%s: translated (%d)", what,
		 x.reason);

	pkt4(&wi, H4, H6, IPPROTO_UDP, payload, 33);
	pkt4_hdr(&wi, 0xab, 0, 0, 33);
	memset(&s, 0, sizeof(s));
	s.src = R4;
	s.dst = H4;
	s.type = type4;
	s.code = code4;
	s.rest[1] = attr4;
	s.inner = wi.buf;
	s.inner_len = keep4;
	s.field_len = field4;
	s.ext = ext;
	s.ext_len = ext4_len;
	s.ttl = 61;
	s.tos = 0x2c;
	s.id = 0x1234;
	pkt_icmp_err(&want, &s);
	same(what, x.new_len, &want);
}

static void test_rfc4884(void)
{
	struct xlat_cfg cfg = cfg96();
	static struct tpkt orig, err, want, wi;
	static uint8_t ext[64], quoted[256];
	struct xlat_pkt x = pkt_in();
	struct err_spec s;

	/*
	 * 4->6. A 60-byte packet in a 128-byte field (length 32 words),
	 * 20 bytes of extension: the 80-byte IPv6 packet is padded to 128
	 * (length 16), the extension follows.
	 */
	ext46("time exceeded + extension", 11, 0, 32, 128, 20, 32, 3, 0,
	      16 << 24, 80, 128, 20);
	ext46("host unreachable + extension", 3, 1, 32, 128, 44, 32, 1, 0,
	      16 << 24, 80, 128, 44);
	ext46("port unreachable + extension", 3, 3, 100, 128, 8, 32, 1, 4,
	      19 << 24, 148, 152, 8);
	/* 200 bytes quoted: 220 translated, padded to 224 (28 words). */
	ext46("time exceeded, long + extension", 11, 1, 1000, 200, 32, 50, 3,
	      1, 28 << 24, 220, 224, 32);
	/* The datagram shrinks so the extension fits in 1280 bytes. */
	ext46("big datagram + extension", 11, 0, 1400, 1020, 300, 255, 3, 0,
	      116 << 24, 928, 928, 300);
	/* ... but not below 128 bytes: then the extension is left out. */
	ext46("huge extension", 11, 0, 32, 128, 1200, 32, 3, 0, 0, 80, 0, 0);
	/* Types without a length attribute lose the extension. */
	ext46("parameter problem + extension", 12, 0, 32, 128, 20, 32, 4, 0,
	      6, 80, 0, 0);
	ext46("protocol unreachable + extension", 3, 2, 32, 128, 20, 32, 4, 1,
	      6, 80, 0, 0);
	ext46("fragmentation needed + extension", 3, 4, 32, 128, 20, 32, 2, 0,
	      1420, 80, 0, 0);
	/* A length of zero: no extension, the rest is quoted as it is. */

	/* 6->4, the reverse. */
	ext64("port unreachable + extension", 1, 4, 32, 128, 24, 16, 3, 3, 60,
	      128, 24, 32);
	ext64("time exceeded + extension", 3, 0, 32, 128, 24, 16, 11, 0, 60,
	      128, 24, 32);
	ext64("admin prohibited + extension", 1, 1, 200, 248, 8, 31, 3, 10,
	      228, 228, 8, 57);
	/* 548 bytes of ICMPv4 body at most: the datagram makes room. */
	ext64("big datagram + extension", 1, 3, 1000, 1000, 100, 125, 3, 1,
	      448, 448, 100, 112);
	ext64("huge extension", 3, 1, 32, 128, 500, 16, 11, 1, 60, 0, 0, 0);

	/* Lengths past the message: read as no extension at all. */
	ext_bytes(ext, 20);
	pkt4(&orig, H6, H4, IPPROTO_UDP, 32, 33);
	memset(&s, 0, sizeof(s));
	s.src = R4;
	s.dst = H6;
	s.type = 11;
	s.rest[1] = 200;	/* 800 bytes */
	s.inner = orig.buf;
	s.inner_len = orig.len;
	s.field_len = 128;
	s.ext = ext;
	s.ext_len = 20;
	s.ttl = 60;
	pkt_icmp_err(&err, &s);
	CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "4->6 bad length: translated");
	pkt6(&wi, P6(H6), P6(H4), IPPROTO_UDP, 32, 33);
	pkt6_tc(&wi, 0xb8);
	memset(quoted, 0, sizeof(quoted));
	memcpy(quoted, wi.buf, wi.len);
	memcpy(quoted + 20 + 128, ext, 20);
	memset(&s, 0, sizeof(s));
	s.src = P6(R4);
	s.dst = P6(H6);
	s.type = 3;
	s.inner = quoted;
	s.inner_len = 20 + 128 + 20;
	s.ttl = 61;
	pkt_icmp_err(&want, &s);
	want.buf[1] &= 0xf0;
	want.buf[2] = want.buf[3] = 0;
	same("4->6 length past the end", x.new_len, &want);

	pkt6(&orig, P6(H4), P6(H6), IPPROTO_UDP, 32, 33);
	memset(&s, 0, sizeof(s));
	s.src = P6(R4);
	s.dst = P6(H4);
	s.type = 1;
	s.rest[0] = 40;		/* 320 bytes */
	s.inner = orig.buf;
	s.inner_len = orig.len;
	s.field_len = 128;
	s.ext = ext;
	s.ext_len = 20;
	s.ttl = 60;
	pkt_icmp_err(&err, &s);
	x = pkt_in();
	CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "6->4 bad length: translated");
	pkt4(&wi, H4, H6, IPPROTO_UDP, 32, 33);
	pkt4_hdr(&wi, 0xab, 0, 0, 33);
	memset(quoted, 0, sizeof(quoted));
	memcpy(quoted, wi.buf, wi.len);
	memcpy(quoted + 128 - 20, ext, 20);
	memset(&s, 0, sizeof(s));
	s.src = R4;
	s.dst = H4;
	s.type = 3;
	s.code = 1;
	s.inner = quoted;
	s.inner_len = 128 - 20 + 20;
	s.ttl = 61;
	s.id = 0x1234;
	pkt_icmp_err(&want, &s);
	same("6->4 length past the end", x.new_len, &want);
}

/*
 * One RFC 4884 case: an error about a UDP datagram with @payload bytes of
 * payload, quoted in a @field_in-byte field whose length attribute says
 * @attr_in words, followed by @ext_in bytes of extension; it must become
 * @type_out/@code_out quoting @keep bytes of the translated datagram in a
 * @field_out-byte field (0: no padding), @ext_out bytes of extension after
 * it, the length attribute @attr_out words.
 */
enum ext_kind { EXT_FITS, EXT_LEFT_OUT, EXT_IGNORED };

struct ext_case {
	enum ext_kind kind;
	const char *what;
	bool v6;
	uint8_t type_in, code_in;
	unsigned int payload, field_in, ext_in;
	uint8_t attr_in;
	uint8_t type_out, code_out;
	unsigned int keep, field_out, ext_out;
	uint8_t attr_out;
};

static void ext_cases(const struct ext_case *c, unsigned int n,
		      enum ext_kind kind)
{
	for (; n; n--, c++) {
		if (c->kind != kind)
			continue;
		if (c->v6)
			ext64(c->what, c->type_in, c->code_in, c->payload,
			      c->field_in, c->ext_in, c->attr_in, c->type_out,
			      c->code_out, c->keep, c->field_out, c->ext_out,
			      c->attr_out);
		else
			ext46(c->what, c->type_in, c->code_in, c->payload,
			      c->field_in, c->ext_in, c->attr_in, c->type_out,
			      c->code_out, c->attr_out << 24, c->keep,
			      c->field_out, c->ext_out);
	}
}

/*
 * RFC 4884 4, 5: the headers and the first 128 bytes of the packet in error
 * come first, then the whole extension, then the rest of the packet in
 * error. 4->6 has 1232 bytes of body, 1104 beside 128 of datagram; 6->4
 * has 548, 420 beside 128.
 */
static const struct ext_case ext_table[] = {
	{ EXT_FITS, "4->6 extension filling 1280 bytes", false,
	  11, 0, 32, 128, 1104, 32, 3, 0, 80, 128, 1104, 16 },
	{ EXT_FITS, "4->6 first 128 bytes, then the extension", false,
	  3, 1, 200, 228, 1104, 57, 1, 0, 128, 128, 1104, 16 },
	/* 1232 - 1092 = 140: the datagram is cut to 136, 17 words. */
	{ EXT_FITS, "4->6 datagram cut to 64-bit words", false,
	  3, 3, 200, 228, 1092, 57, 1, 4, 136, 136, 1092, 17 },
	{ EXT_FITS, "6->4 extension filling 576 bytes", true,
	  3, 0, 32, 128, 420, 16, 11, 0, 60, 128, 420, 32 },
	{ EXT_FITS, "6->4 first 128 bytes, then the extension", true,
	  1, 0, 400, 448, 420, 56, 3, 1, 128, 128, 420, 32 },
	/* 548 - 418 = 130: the datagram is cut to 128, 32 words. */
	{ EXT_FITS, "6->4 datagram cut to 32-bit words", true,
	  1, 4, 400, 448, 418, 56, 3, 3, 128, 128, 418, 32 },
	{ EXT_FITS, "6->4 datagram of 132 bytes", true,
	  1, 4, 400, 448, 416, 56, 3, 3, 132, 132, 416, 33 },
	/*
	 * An extension that does not fit beside 128 bytes of datagram is
	 * left out whole, never cut: the length attribute is zero, and the
	 * packet in error is quoted alone, without the padding of the field
	 * it came in and without a byte of the extension; the datagram then
	 * takes all the room there is.
	 */
	{ EXT_LEFT_OUT, "4->6 extension 4 bytes too big", false,
	  11, 0, 32, 128, 1108, 32, 3, 0, 80, 0, 0, 0 },
	{ EXT_LEFT_OUT, "4->6 extension 4 bytes too big, long datagram", false,
	  3, 1, 200, 228, 1108, 57, 1, 0, 248, 0, 0, 0 },
	{ EXT_LEFT_OUT, "4->6 huge extension, huge datagram", false,
	  11, 1, 1400, 1020, 1200, 255, 3, 1, 1040, 0, 0, 0 },
	{ EXT_LEFT_OUT, "6->4 extension 4 bytes too big", true,
	  3, 0, 32, 128, 424, 16, 11, 0, 60, 0, 0, 0 },
	{ EXT_LEFT_OUT, "6->4 extension 4 bytes too big, long datagram", true,
	  1, 0, 400, 448, 424, 56, 3, 1, 428, 0, 0, 0 },
	{ EXT_LEFT_OUT, "6->4 datagram cut at 576 bytes", true,
	  1, 3, 600, 640, 500, 80, 3, 1, 548, 0, 0, 0 },
	/*
	 * A length attribute that does not delimit a datagram field of at
	 * least 128 bytes followed by an extension header (4 bytes) is
	 * ignored, as Linux ignores it (ip_icmp_error_rfc4884()): no
	 * extension, the whole body is the packet in error, quoted as it came
	 * (padding and the bytes after it included), the new length zero.
	 * 31 words (124 bytes) is too short, 32 is the minimum.
	 */
	{ EXT_IGNORED, "4->6 length 31", false,
	  11, 0, 32, 124, 20, 31, 3, 0, 80, 144, 20, 0 },
	{ EXT_IGNORED, "4->6 length 32", false,
	  11, 0, 32, 128, 20, 32, 3, 0, 80, 128, 20, 16 },
	/* A short length does not cut the packet in error short. */
	{ EXT_IGNORED, "4->6 length 8 inside the packet", false,
	  3, 1, 100, 128, 0, 8, 1, 0, 148, 0, 0, 0 },
	{ EXT_IGNORED, "4->6 length 16 + extension", false,
	  11, 0, 32, 64, 20, 16, 3, 0, 80, 84, 20, 0 },
	/* Fewer than 4 bytes after it: no room for an extension header. */
	{ EXT_IGNORED, "4->6 3 bytes after the field", false,
	  11, 0, 32, 128, 3, 32, 3, 0, 80, 148, 3, 0 },
	{ EXT_IGNORED, "4->6 4 bytes after the field", false,
	  11, 0, 32, 128, 4, 32, 3, 0, 80, 128, 4, 16 },
	/* 6->4: 15 words (120 bytes) is too short, 16 the minimum. */
	{ EXT_IGNORED, "6->4 length 15", true,
	  3, 0, 32, 120, 24, 15, 11, 0, 60, 100, 24, 0 },
	{ EXT_IGNORED, "6->4 length 16", true,
	  3, 0, 32, 128, 24, 16, 11, 0, 60, 128, 24, 32 },
	{ EXT_IGNORED, "6->4 length 4 inside the packet", true,
	  1, 4, 100, 148, 0, 4, 3, 3, 128, 0, 0, 0 },
	{ EXT_IGNORED, "6->4 length 8 + extension", true,
	  3, 0, 32, 64, 24, 8, 11, 0, 44, 44, 24, 0 },
	{ EXT_IGNORED, "6->4 3 bytes after the field", true,
	  3, 0, 32, 128, 3, 16, 11, 0, 60, 108, 3, 0 },
	{ EXT_IGNORED, "6->4 4 bytes after the field", true,
	  3, 0, 32, 128, 4, 16, 11, 0, 60, 128, 4, 32 },
};

static void test_rfc4884_fit(void)
{
	ext_cases(ext_table, ARRAY_SIZE(ext_table), EXT_FITS);
}

static void test_rfc4884_drop(void)
{
	ext_cases(ext_table, ARRAY_SIZE(ext_table), EXT_LEFT_OUT);
}

static void test_rfc4884_short(void)
{
	ext_cases(ext_table, ARRAY_SIZE(ext_table), EXT_IGNORED);
}

/* The packet in error, 6->4: extension headers, fragments, oddities. */
static void test_inner64(void)
{
	struct xlat_cfg cfg = cfg96();
	static struct tpkt orig, err, wi, want;
	struct xlat_pkt x;
	struct err_spec s;
	struct ecase c;

	memset(&c, 0, sizeof(c));
	c.type_in = 3;

	/* Hop-by-hop and destination options go, as RFC 7915 5.1 says. */
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_TCP, 60, 33);
	pkt_add_ext6(&orig, 60, 1, 0);
	pkt_add_ext6(&orig, 0, 0, 0);
	pkt_add_ext6(&orig, 43, 0, 0);
	err_around(&err, &c, &plan64, &orig);
	x = pkt_in();
	CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "inner extension headers");
	pkt4(&wi, H4, H6, IPPROTO_TCP, 60, 33);
	pkt4_hdr(&wi, 0xab, 0, 0, 33);
	memset(&s, 0, sizeof(s));
	s.src = R4;
	s.dst = H4;
	s.type = 11;
	s.inner = wi.buf;
	s.inner_len = wi.len;
	s.ttl = 61;
	s.tos = 0x2c;
	s.id = 0x1234;
	pkt_icmp_err(&want, &s);
	same("inner extension headers", x.new_len, &want);

	/* First fragment: identification, MF, no DF (RFC 7915 5.1.1). */
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_UDP, 100, 33);
	pkt_add_frag6(&orig, 0, true, 0xdeadbeef);
	err_around(&err, &c, &plan64, &orig);
	x = pkt_in();
	CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "inner first fragment");
	pkt4(&wi, H4, H6, IPPROTO_UDP, 100, 33);
	pkt4_hdr(&wi, 0xab, 0xbeef, IP_MF, 33);
	s.inner = wi.buf;
	s.inner_len = wi.len;
	pkt_icmp_err(&want, &s);
	same("inner first fragment", x.new_len, &want);

	/* A later fragment: offset copied, the payload left alone. */
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_UDP, 100, 33);
	pkt_add_frag6(&orig, 185, false, 0x01020304);
	err_around(&err, &c, &plan64, &orig);
	x = pkt_in();
	CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "inner later fragment");
	pkt4(&wi, H4, H6, IPPROTO_UDP, 100, 33);
	pkt4_hdr(&wi, 0xab, 0x0304, 185, 33);
	memcpy(wi.buf + 20, orig.buf + 48, orig.len - 48);
	s.inner = wi.buf;
	s.inner_len = wi.len;
	pkt_icmp_err(&want, &s);
	same("inner later fragment", x.new_len, &want);

	/* A big packet in error keeps DF (RFC 7915 5.1: > 1260 bytes). */
	memset(&c, 0, sizeof(c));
	c.what = "inner bigger than 1260";
	c.type_in = 1;
	c.type_out = 3;
	c.code_out = 1;
	c.proto = IPPROTO_UDP;
	c.payload = 1300;
	c.keep = 600;
	case64(&cfg, NULL, &c);

	/* Quoted short: the checksum updated only when it is there. */
	memset(&c, 0, sizeof(c));
	c.type_in = 1;
	c.code_in = 4;
	c.type_out = 3;
	c.code_out = 3;
	c.payload = 30;
	for (c.keep = 40; c.keep <= 64; c.keep++) {
		char what[64];
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(protos); i++) {
			c.proto = protos[i];
			/* Echo needs its type byte. */
			if (c.proto == IPPROTO_ICMP && c.keep == 40)
				continue;
			snprintf(what, sizeof(what), "6->4 quoting %u bytes, %u",
				 c.keep, c.proto);
			c.what = what;
			case64(&cfg, NULL, &c);
		}
	}

	/* Echo reply, and a zero UDP checksum (left zero). */
	memset(&c, 0, sizeof(c));
	c.type_in = 1;
	c.type_out = 3;
	c.code_out = 1;
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_ICMPV6, 20, 33);
	orig.buf[40] = 129;
	pkt_finish_l4(&orig);
	err_around(&err, &c, &plan64, &orig);
	x = pkt_in();
	CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "inner echo reply");
	pkt4(&wi, H4, H6, IPPROTO_ICMP, 20, 33);
	wi.buf[20] = 0;
	pkt_finish_l4(&wi);
	pkt4_hdr(&wi, 0xab, 0, 0, 33);
	memset(&s, 0, sizeof(s));
	s.src = R4;
	s.dst = H4;
	s.type = 3;
	s.code = 1;
	s.inner = wi.buf;
	s.inner_len = wi.len;
	s.ttl = 61;
	s.tos = 0x2c;
	s.id = 0x1234;
	pkt_icmp_err(&want, &s);
	same("inner echo reply", x.new_len, &want);
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_UDP, 20, 33);
	orig.buf[46] = orig.buf[47] = 0;
	err_around(&err, &c, &plan64, &orig);
	x = pkt_in();
	CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "inner UDP, zero checksum");
	pkt4(&wi, H4, H6, IPPROTO_UDP, 20, 33);
	pkt4_hdr(&wi, 0xab, 0, 0, 33);
	wi.buf[26] = wi.buf[27] = 0;
	s.inner = wi.buf;
	s.inner_len = wi.len;
	pkt_icmp_err(&want, &s);
	same("inner UDP, zero checksum", x.new_len, &want);

	/* What is not translated. */
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_ICMPV6, 20, 33);
	orig.buf[40] = 1;	/* an error in an error */
	pkt_finish_l4(&orig);
	err_around(&err, &c, &plan64, &orig);
	drop("6->4 inner ICMPv6 error", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_UNSUPPORTED, XLAT_ICMP_ERR);
	orig.buf[40] = 135;	/* neighbor solicitation */
	pkt_finish_l4(&orig);
	err_around(&err, &c, &plan64, &orig);
	drop("6->4 inner neighbor solicitation", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_UNSUPPORTED, XLAT_ICMP_ERR);
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_ICMPV6, 20, 33);
	pkt_add_frag6(&orig, 0, true, 5);
	err_around(&err, &c, &plan64, &orig);
	drop("6->4 inner fragmented echo", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_UNSUPPORTED, XLAT_ICMP_ERR);
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_TCP, 20, 33);
	pkt_add_ext6(&orig, 60, 0, 0);
	pkt_add_frag6(&orig, 0, true, 5);
	err_around(&err, &c, &plan64, &orig);
	drop("6->4 inner options after the fragment header", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_UNSUPPORTED, XLAT_ICMP_ERR);
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_TCP, 20, 33);
	pkt_add_ext6(&orig, 43, 0, 2);
	err_around(&err, &c, &plan64, &orig);
	drop("6->4 inner routing header, segments left", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_UNSUPPORTED, XLAT_ICMP_ERR);
	/* Protocols that never cross (jool_xlat64()). */
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_ICMP, 20, 33);
	err_around(&err, &c, &plan64, &orig);
	drop("6->4 inner ICMPv4 in IPv6", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_UNSUPPORTED, XLAT_ICMP_ERR);
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_IGMP, 20, 33);
	err_around(&err, &c, &plan64, &orig);
	drop("6->4 inner IGMP in IPv6", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_UNSUPPORTED, XLAT_ICMP_ERR);
	pkt6(&orig, P6(H4), "2001:db8::99", IPPROTO_TCP, 20, 33);
	err_around(&err, &c, &plan64, &orig);
	drop("6->4 inner destination outside pool6", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_UNTRANSLATABLE, XLAT_ICMP_ERR);
	pkt6(&orig, "2001:db8::98", P6(H6), IPPROTO_TCP, 20, 33);
	err_around(&err, &c, &plan64, &orig);
	drop("6->4 inner source outside pool6", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_UNTRANSLATABLE, XLAT_ICMP_ERR);

	/* Malformed. */
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_TCP, 20, 33);
	c.keep = 39;
	err_around(&err, &c, &plan64, &orig);
	drop("6->4 inner header cut", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_INVALID, XLAT_ICMP_ERR);
	c.keep = 0;
	orig.buf[0] = 0x45;
	err_around(&err, &c, &plan64, &orig);
	drop("6->4 inner version 4", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_INVALID, XLAT_ICMP_ERR);
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_TCP, 20, 33);
	pkt_add_ext6(&orig, 0, 3, 0);
	c.keep = 60;
	err_around(&err, &c, &plan64, &orig);
	drop("6->4 inner extension header cut", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_INVALID, XLAT_ICMP_ERR);
	c.keep = 0;
	((struct ipv6hdr *)orig.buf)->payload_len = htons(16);
	err_around(&err, &c, &plan64, &orig);
	drop("6->4 inner payload length < its headers", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_INVALID, XLAT_ICMP_ERR);
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_ICMPV6, 20, 33);
	c.keep = 40;
	err_around(&err, &c, &plan64, &orig);
	drop("6->4 inner echo without its type", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_INVALID, XLAT_ICMP_ERR);
}

/* The packet in error, 4->6. */
static void test_inner46(void)
{
	struct xlat_cfg cfg = cfg96();
	static struct tpkt orig, err, wi, want;
	struct xlat_pkt x;
	struct err_spec s;
	struct ecase c;

	memset(&c, 0, sizeof(c));
	c.type_in = 11;
	memset(&s, 0, sizeof(s));
	s.src = P6(R4);
	s.dst = P6(H6);
	s.type = 3;
	s.ttl = 61;
	s.tos = 0x2c;

	/* IPv4 options are not translated (RFC 7915 1.2). */
	pkt4(&orig, H6, H4, IPPROTO_TCP, 60, 33);
	pkt4_add_opts(&orig, 3);
	err_around(&err, &c, &plan46, &orig);
	x = pkt_in();
	CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "inner IPv4 options");
	pkt6(&wi, P6(H6), P6(H4), IPPROTO_TCP, 60, 33);
	pkt6_tc(&wi, 0xb8);
	s.inner = wi.buf;
	s.inner_len = wi.len;
	pkt_icmp_err(&want, &s);
	want.buf[1] &= 0xf0;
	want.buf[2] = want.buf[3] = 0;
	same("inner IPv4 options", x.new_len, &want);

	/* First fragment: a fragment header (RFC 7915 4.1.1). */
	pkt4(&orig, H6, H4, IPPROTO_UDP, 100, 33);
	pkt4_hdr(&orig, 0xb8, 0x4242, IP_MF, 33);
	err_around(&err, &c, &plan46, &orig);
	x = pkt_in();
	CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "inner first fragment");
	pkt6(&wi, P6(H6), P6(H4), IPPROTO_UDP, 100, 33);
	pkt6_tc(&wi, 0xb8);
	pkt_add_frag6(&wi, 0, true, 0x4242);
	s.inner = wi.buf;
	s.inner_len = wi.len;
	pkt_icmp_err(&want, &s);
	want.buf[1] &= 0xf0;
	want.buf[2] = want.buf[3] = 0;
	same("inner first fragment", x.new_len, &want);

	/* Later fragment, DF too: offset copied, payload left alone. */
	pkt4(&orig, H6, H4, IPPROTO_UDP, 100, 33);
	pkt4_hdr(&orig, 0xb8, 0x4243, IP_DF | 185, 33);
	err_around(&err, &c, &plan46, &orig);
	x = pkt_in();
	CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "inner later fragment");
	pkt6(&wi, P6(H6), P6(H4), IPPROTO_UDP, 100, 33);
	pkt6_tc(&wi, 0xb8);
	pkt_add_frag6(&wi, 185, false, 0x4243);
	memcpy(wi.buf + 48, orig.buf + 20, orig.len - 20);
	s.inner = wi.buf;
	s.inner_len = wi.len;
	pkt_icmp_err(&want, &s);
	want.buf[1] &= 0xf0;
	want.buf[2] = want.buf[3] = 0;
	same("inner later fragment", x.new_len, &want);

	/* Quoted short. */
	memset(&c, 0, sizeof(c));
	c.type_in = 3;
	c.code_in = 3;
	c.type_out = 1;
	c.code_out = 4;
	c.payload = 30;
	for (c.keep = 20; c.keep <= 44; c.keep++) {
		char what[64];
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(protos); i++) {
			c.proto = protos[i];
			if (c.proto == IPPROTO_ICMP && c.keep == 20)
				continue;
			snprintf(what, sizeof(what), "4->6 quoting %u bytes, %u",
				 c.keep, c.proto);
			c.what = what;
			case46(&cfg, NULL, &c);
		}
	}

	/* Echo reply; a zero UDP checksum stays zero (cannot be computed). */
	memset(&c, 0, sizeof(c));
	c.type_in = 11;
	pkt4(&orig, H6, H4, IPPROTO_ICMP, 20, 33);
	orig.buf[20] = 0;
	pkt_finish_l4(&orig);
	err_around(&err, &c, &plan46, &orig);
	x = pkt_in();
	CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "inner echo reply");
	pkt6(&wi, P6(H6), P6(H4), IPPROTO_ICMPV6, 20, 33);
	wi.buf[40] = 129;
	pkt_finish_l4(&wi);
	pkt6_tc(&wi, 0xb8);
	s.inner = wi.buf;
	s.inner_len = wi.len;
	pkt_icmp_err(&want, &s);
	want.buf[1] &= 0xf0;
	want.buf[2] = want.buf[3] = 0;
	same("inner echo reply", x.new_len, &want);
	pkt4(&orig, H6, H4, IPPROTO_UDP, 20, 33);
	orig.buf[26] = orig.buf[27] = 0;
	err_around(&err, &c, &plan46, &orig);
	x = pkt_in();
	CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "inner UDP, zero checksum");
	pkt6(&wi, P6(H6), P6(H4), IPPROTO_UDP, 20, 33);
	pkt6_tc(&wi, 0xb8);
	wi.buf[46] = wi.buf[47] = 0;
	s.inner = wi.buf;
	s.inner_len = wi.len;
	pkt_icmp_err(&want, &s);
	want.buf[1] &= 0xf0;
	want.buf[2] = want.buf[3] = 0;
	same("inner UDP, zero checksum", x.new_len, &want);

	/* What is not translated. */
	pkt4(&orig, H6, H4, IPPROTO_ICMP, 20, 33);
	orig.buf[20] = 3;	/* an error in an error */
	pkt_finish_l4(&orig);
	err_around(&err, &c, &plan46, &orig);
	drop("4->6 inner ICMP error", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_UNSUPPORTED, XLAT_ICMP_ERR);
	orig.buf[20] = 13;	/* timestamp */
	pkt_finish_l4(&orig);
	err_around(&err, &c, &plan46, &orig);
	drop("4->6 inner timestamp", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_UNSUPPORTED, XLAT_ICMP_ERR);
	pkt4(&orig, H6, H4, IPPROTO_ICMP, 20, 33);
	pkt4_hdr(&orig, 0, 1, IP_MF, 33);
	err_around(&err, &c, &plan46, &orig);
	drop("4->6 inner fragmented echo", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_UNSUPPORTED, XLAT_ICMP_ERR);
	/* Protocols that never cross (jool_xlat46()). */
	pkt4(&orig, H6, H4, IPPROTO_ICMPV6, 20, 33);
	err_around(&err, &c, &plan46, &orig);
	drop("4->6 inner ICMPv6 in IPv4", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_UNSUPPORTED, XLAT_ICMP_ERR);
	pkt4(&orig, H6, H4, IPPROTO_IGMP, 20, 33);
	err_around(&err, &c, &plan46, &orig);
	drop("4->6 inner IGMP", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_UNSUPPORTED, XLAT_ICMP_ERR);

	/* Malformed. */
	pkt4(&orig, H6, H4, IPPROTO_TCP, 20, 33);
	c.keep = 19;
	err_around(&err, &c, &plan46, &orig);
	drop("4->6 inner header cut", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_INVALID, XLAT_ICMP_ERR);
	c.keep = 0;
	orig.buf[0] = 0x65;
	err_around(&err, &c, &plan46, &orig);
	drop("4->6 inner version 6", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_INVALID, XLAT_ICMP_ERR);
	orig.buf[0] = 0x44;
	err_around(&err, &c, &plan46, &orig);
	drop("4->6 inner IHL 4", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_INVALID, XLAT_ICMP_ERR);
	pkt4(&orig, H6, H4, IPPROTO_TCP, 20, 33);
	pkt4_add_opts(&orig, 2);
	c.keep = 24;
	err_around(&err, &c, &plan46, &orig);
	drop("4->6 inner options cut", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_INVALID, XLAT_ICMP_ERR);
	c.keep = 0;
	((struct iphdr *)orig.buf)->tot_len = htons(24);
	err_around(&err, &c, &plan46, &orig);
	drop("4->6 inner total length < header", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_INVALID, XLAT_ICMP_ERR);
	pkt4(&orig, H6, H4, IPPROTO_ICMP, 20, 33);
	c.keep = 20;
	err_around(&err, &c, &plan46, &orig);
	drop("4->6 inner echo without its type", &cfg, &err, NULL,
	     JOOL_STAT_ICMP_INNER_INVALID, XLAT_ICMP_ERR);
}

/* The outer headers: RFC 7915 4.1 and 5.1 as for any packet. */
static void test_outer(void)
{
	struct xlat_cfg cfg = cfg96();
	static struct tpkt orig, err;
	struct xlat_pkt x = pkt_in();
	struct ecase c;

	memset(&c, 0, sizeof(c));
	c.what = "hop limit 255";
	c.type_in = 3;
	c.type_out = 11;
	c.proto = IPPROTO_UDP;
	c.payload = 10;
	x.hop_bump = 200;
	case64(&cfg, &x, &c);
	c.type_in = 11;
	c.type_out = 3;
	case46(&cfg, &x, &c);
	x.hop_bump = 0;
	c.what = "no hop back";
	case46(&cfg, &x, &c);
	c.type_in = 3;
	c.type_out = 11;
	case64(&cfg, &x, &c);

	cfg.override_tos = true;
	cfg.tos = 0x48;
	c.what = "override-tos";
	case64(&cfg, NULL, &c);
	cfg = cfg96();
	cfg.zeroize_tc = true;
	c.type_in = 11;
	c.type_out = 3;
	c.what = "zeroize-traffic-class";
	case46(&cfg, NULL, &c);
	cfg = cfg96();

	/* Skipped extension headers and IPv4 options change nothing. */
	{
		static uint8_t plain[1600];
		unsigned int plain_len;

		pkt6(&orig, P6(H4), P6(H6), IPPROTO_UDP, 10, 33);
		c.type_in = 1;
		c.code_in = 4;
		err_around(&err, &c, &plan64, &orig);
		x = pkt_in();
		CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "6->4 plain");
		plain_len = x.new_len;
		memcpy(plain, out, plain_len);
		pkt_add_ext6(&err, 60, 1, 0);
		pkt_add_ext6(&err, 0, 0, 0);
		CHECK_EQ(ahead(&cfg, &err, true, &x), XLAT_ICMP_ERR,
			 "outer options: xlat64()");
		x = pkt_in();
		CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "outer options 6->4");
		CHECK(x.new_len == plain_len && !memcmp(out, plain, plain_len),
		      "outer IPv6 options: same translation");

		pkt4(&orig, H6, H4, IPPROTO_UDP, 10, 33);
		c.type_in = 3;
		c.code_in = 3;
		err_around(&err, &c, &plan46, &orig);
		x = pkt_in();
		CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "4->6 plain");
		plain_len = x.new_len;
		memcpy(plain, out, plain_len);
		pkt4_add_opts(&err, 2);
		CHECK_EQ(ahead(&cfg, &err, false, &x), XLAT_ICMP_ERR,
			 "outer options: xlat46()");
		x = pkt_in();
		CHECK_EQ(run(&cfg, &err, &x), XLAT_OK, "outer options 4->6");
		CHECK(x.new_len == plain_len && !memcmp(out, plain, plain_len),
		      "outer IPv4 options: same translation");
	}

	/* jool_xlat64() / jool_xlat46() decide from the first 8 ICMP bytes. */
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_UDP, 10, 33);
	c.type_in = 1;
	c.code_in = 4;
	err_around(&err, &c, &plan64, &orig);
	x = pkt_in();
	x.len = err.len;
	CHECK_EQ(jool_xlat64(&cfg, err.buf, 40, &x), XLAT_MORE,
		 "6->4 needs ICMP");
	CHECK_EQ(x.need, 48u, "6->4 needs 8 bytes of ICMP");
	CHECK_EQ(jool_xlat64(&cfg, err.buf, 48, &x), XLAT_ICMP_ERR,
		 "6->4 with 48");
	pkt4(&orig, H6, H4, IPPROTO_UDP, 10, 33);
	c.type_in = 3;
	err_around(&err, &c, &plan46, &orig);
	x = pkt_in();
	x.len = err.len;
	CHECK_EQ(jool_xlat46(&cfg, err.buf, 20, &x), XLAT_MORE,
		 "4->6 needs ICMP");
	CHECK_EQ(x.need, 28u, "4->6 needs 8 bytes of ICMP");
	CHECK_EQ(jool_xlat46(&cfg, err.buf, 28, &x), XLAT_ICMP_ERR,
		 "4->6 with 28");
	/* A CHECKSUM_PARTIAL ICMP error cannot be (the glue finishes it). */
	x = pkt_in();
	x.len = err.len;
	x.csum_partial = true;
	x.csum_start = 20;
	x.csum_offset = 2;
	CHECK_EQ(jool_xlat46(&cfg, err.buf, err.len, &x), XLAT_DROP, "partial");
	CHECK_EQ(x.reason, JOOL_STAT_CSUM_PARTIAL_LAYOUT, "partial: reason");

	/* Fragmented errors are not translated (RFC 7915 1.2). */
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_UDP, 10, 33);
	c.type_in = 1;
	err_around(&err, &c, &plan64, &orig);
	pkt_add_frag6(&err, 0, true, 77);
	drop("6->4 fragmented error", &cfg, &err, NULL, JOOL_STAT_FRAGMENT,
	     XLAT_DROP);
	pkt4(&orig, H6, H4, IPPROTO_UDP, 10, 33);
	c.type_in = 3;
	err_around(&err, &c, &plan46, &orig);
	((struct iphdr *)err.buf)->frag_off = htons(IP_MF);
	((struct iphdr *)err.buf)->check = 0;
	((struct iphdr *)err.buf)->check = ip_fast_csum(err.buf, 5);
	drop("4->6 fragmented error (MF)", &cfg, &err, NULL,
	     JOOL_STAT_FRAGMENT, XLAT_DROP);
	((struct iphdr *)err.buf)->frag_off = htons(IP_DF | 100);
	((struct iphdr *)err.buf)->check = 0;
	((struct iphdr *)err.buf)->check = ip_fast_csum(err.buf, 5);
	drop("4->6 fragmented error (offset)", &cfg, &err, NULL,
	     JOOL_STAT_FRAGMENT, XLAT_DROP);

	/* Broken outer headers. */
	err_around(&err, &c, &plan46, &orig);
	err.buf[10] ^= 0x10;
	drop("4->6 bad header checksum", &cfg, &err, NULL,
	     JOOL_STAT_HDR4_INVALID, XLAT_DROP);
	err_around(&err, &c, &plan46, &orig);
	err.len -= 1;
	drop("4->6 total length > packet", &cfg, &err, NULL,
	     JOOL_STAT_HDR4_INVALID, XLAT_DROP);
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_UDP, 10, 33);
	c.type_in = 1;
	err_around(&err, &c, &plan64, &orig);
	err.len += 1;
	drop("6->4 payload length < packet", &cfg, &err, NULL,
	     JOOL_STAT_HDR6_TRUNCATED, XLAT_DROP);
	pkt6(&err, P6(R4), P6(H4), IPPROTO_ICMPV6, 0, 60);
	err.buf[40] = 1;
	err.len = 44;
	((struct ipv6hdr *)err.buf)->payload_len = htons(4);
	drop("6->4 ICMP header cut", &cfg, &err, NULL, JOOL_STAT_L4_TRUNCATED,
	     XLAT_DROP);

	/* The destination must translate; the source may not. */
	{
		static const struct plan bad_dst = {
			P6(R4), R4, "2001:db8::77", NULL, P6(H6), H6,
		};

		pkt6(&orig, "2001:db8::77", P6(H6), IPPROTO_UDP, 10, 33);
		err_around(&err, &c, &bad_dst, &orig);
		drop("6->4 destination outside pool6", &cfg, &err, NULL,
		     JOOL_STAT_DST6_UNTRANSLATABLE, XLAT_DROP);
	}

	/* The glue must give room for 1280 bytes. */
	pkt6(&orig, P6(H4), P6(H6), IPPROTO_UDP, 10, 33);
	err_around(&err, &c, &plan64, &orig);
	x = pkt_in();
	CHECK_EQ(jool_xlat64_icmp_err(&cfg, err.buf, err.len, out, 1279, &x),
		 XLAT_DROP, "6->4 with too little room");
	x = pkt_in();
	CHECK_EQ(jool_xlat64_icmp_err(&cfg, err.buf, err.len, out, 1280, &x),
		 XLAT_OK, "6->4 with 1280 bytes of room");
}

/*
 * Random errors, mutated, their checksums made right so that they get
 * deep: no byte read or written out of bounds (ASan watches), and what
 * comes out is well formed.
 */
static void test_fuzz(void)
{
	static const uint8_t types6[] = { 1, 2, 3, 4, 1, 3 };
	static const uint8_t types4[] = { 3, 11, 12, 3, 11 };
	struct xlat_cfg cfg = cfg96();
	static struct tpkt orig, err;
	static uint8_t ext[700];
	unsigned int i, j, ok = 0, bad = 0, hl, icmplen;
	struct err_spec s;
	struct xlat_pkt x;
	enum xlat_verdict v;
	bool v6;

	for (i = 0; i < sizeof(ext); i++)
		ext[i] = random();
	for (i = 0; i < 30000; i++) {
		uint8_t proto = protos[random() % 3];
		unsigned int payload = random() % 1500;

		v6 = i & 1;
		hl = v6 ? 40 : 20;
		if (v6) {
			pkt6(&orig, P6(H4), P6(H6), proto6(proto), payload,
			     random());
			if (random() % 4 == 0)
				pkt_add_frag6(&orig, random() % 4, random() & 1,
					      random());
			if (random() % 4 == 0)
				pkt_add_ext6(&orig, 60, random() % 3, 0);
		} else {
			pkt4(&orig, H6, H4, proto, payload, random());
			if (random() % 4 == 0)
				pkt4_hdr(&orig, random(), random(),
					 random() % 3 ? IP_MF : random(),
					 random());
			if (random() % 4 == 0)
				pkt4_add_opts(&orig, random() % 4);
		}
		memset(&s, 0, sizeof(s));
		s.src = v6 ? P6(R4) : R4;
		s.dst = v6 ? P6(H4) : H6;
		s.type = v6 ? types6[random() % ARRAY_SIZE(types6)] :
			      types4[random() % ARRAY_SIZE(types4)];
		s.code = random() % 5;
		for (j = 0; j < 4; j++)
			s.rest[j] = random() % 3 ? 0 : random();
		s.inner = orig.buf;
		s.inner_len = random() % (orig.len + 1);
		if (s.inner_len > 1300)
			s.inner_len = 1300;
		if (random() % 3 == 0) {
			s.field_len = (random() % 300) & ~7;
			s.ext = ext;
			s.ext_len = random() % 600;
			s.rest[v6 ? 0 : 1] = s.field_len / (v6 ? 8 : 4);
			if (s.inner_len > s.field_len)
				s.inner_len = s.field_len;
		}
		s.ttl = random();
		pkt_icmp_err(&err, &s);
		icmplen = err.len - hl;
		for (j = random() % 4; j > 0; j--)
			err.buf[hl + 4 + random() % (icmplen - 4)] = random();
		pkt_finish_l4(&err);

		x = pkt_in();
		x.mtu4 = random() % 3 ? 0 : random() % 9000;
		x.mtu6 = random() % 3 ? 0 : random() % 9000;
		x.random = random();
		v = run(&cfg, &err, &x);
		if (v == XLAT_DROP)
			continue;
		if (v != XLAT_OK) {
			bad++;
			continue;
		}
		ok++;
		for (j = x.new_len; j < sizeof(out); j++)
			bad += out[j] != 0xee;
		if (v6) {
			bad += x.new_len > 576 || x.new_len < 28 + 20;
			bad += ntohs(((struct iphdr *)out)->tot_len) != x.new_len;
			bad += ip_fast_csum(out, 5) != 0;
		} else {
			bad += x.new_len > 1280 || x.new_len < 48 + 40;
			bad += ntohs(((struct ipv6hdr *)out)->payload_len) !=
			       x.new_len - 40;
		}
		bad += !l4_csum_ok(out, x.new_len);
	}
	CHECK_EQ(bad, 0u, "fuzz: %u malformed translations", bad);
	CHECK(ok > 5000, "fuzz: %u translated, enough to mean something", ok);
}

const struct unit_test icmp_tests[] = {
	{ "icmp/rows64", test_rows64 },
	{ "icmp/rows46", test_rows46 },
	{ "icmp/ptr64", test_ptr64 },
	{ "icmp/ptr46", test_ptr46 },
	{ "icmp/mtu", test_mtu },
	{ "icmp/unsupported", test_unsupported },
	{ "icmp/csum-fail", test_csum_fail },
	{ "icmp/rfc6791", test_rfc6791 },
	{ "icmp/rfc6791-v6", test_rfc6791_v6 },
	{ "icmp/rfc4884", test_rfc4884 },
	{ "icmp/rfc4884-fit", test_rfc4884_fit },
	{ "icmp/rfc4884-drop", test_rfc4884_drop },
	{ "icmp/rfc4884-short", test_rfc4884_short },
	{ "icmp/inner64", test_inner64 },
	{ "icmp/inner46", test_inner46 },
	{ "icmp/outer", test_outer },
	{ "icmp/fuzz", test_fuzz },
	{ NULL, NULL }
};
