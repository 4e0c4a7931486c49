// SPDX-License-Identifier: GPL-2.0
/*
 * EAM hairpinning (RFC 7757 4) and "eam-hairpin-mode": n6a (2001:db8:a::1,
 * EAM'd to 192.0.2.1) sends to n6b through the pool6 name of n6b's EAM'd
 * address (64:ff9b::192.0.2.2). The first half of the hairpin (6->4) is an
 * ordinary translation; in the second (4->6), the source must come out as
 * the pool6 name 64:ff9b::192.0.2.1, not as 2001:db8:a::1. ICMP errors about
 * a hairpinned packet must quote it as n6a sent it.
 *
 * The expected addresses are written out by hand from the RFCs.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include "core/denylist.h"
#include "core/eamt.h"
#include "core/xlat.h"
#include "pkt.h"
#include "unit.h"

#define N6A "2001:db8:a::1"
#define N6B "2001:db8:a::2"
#define N6A_4 "192.0.2.1"
#define N6B_4 "192.0.2.2"
#define N6A_POOL6 "64:ff9b::c000:201"	/* 64:ff9b::192.0.2.1 */
#define N6B_POOL6 "64:ff9b::c000:202"	/* 64:ff9b::192.0.2.2 */

static struct eamt *table;

static void free_table(void)
{
	jool_eamt_free(table);
	table = NULL;
}

static struct xlat_cfg cfg_mode(u8 mode)
{
	struct xlat_cfg cfg;
	struct eamt_entry e;

	if (!table) {
		memset(&e, 0, sizeof(e));
		inet_pton(AF_INET6, "2001:db8:a::", &e.p6.addr);
		e.p6.len = 120;
		inet_pton(AF_INET, "192.0.2.0", &e.p4.addr);
		e.p4.len = 24;
		table = jool_eamt_build(&e, 1);
		CHECK(table != NULL, "eamt_build");
		atexit(free_table);
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.pool6_set = true;
	inet_pton(AF_INET6, "64:ff9b::", &cfg.pool6.addr);
	cfg.pool6.len = 96;
	cfg.eamt = table;
	cfg.hairpin_mode = mode;
	return cfg;
}

static const char *mode_name(u8 mode)
{
	switch (mode) {
	case JOOL_HAIRPIN_OFF:
		return "off";
	case JOOL_HAIRPIN_SIMPLE:
		return "simple";
	}
	return "intrinsic";
}

static bool addr6_is(const struct in6_addr *a, const char *s)
{
	struct in6_addr want;

	inet_pton(AF_INET6, s, &want);
	return !memcmp(a, &want, sizeof(want));
}

static const char *ntop6(const void *a)
{
	static char buf[4][INET6_ADDRSTRLEN];
	static unsigned int i;

	i = (i + 1) % 4;
	return inet_ntop(AF_INET6, a, buf[i], sizeof(buf[i]));
}

/* The first half: an ordinary 6->4 translation, the same in every mode. */
static void first_half(u8 mode)
{
	struct xlat_cfg cfg = cfg_mode(mode);
	struct xlat_pkt x;
	struct tpkt p;
	__be32 s, d;

	pkt6(&p, N6A, N6B_POOL6, IPPROTO_UDP, 40, 63);
	memset(&x, 0, sizeof(x));
	x.len = p.len;
	x.hop_bump = 1;
	x.ipv4_id = htons(0x1234);
	CHECK_EQ(jool_xlat64(&cfg, p.buf, p.len, &x), XLAT_OK, "%s: 6->4",
		 mode_name(mode));
	inet_pton(AF_INET, N6A_4, &s);
	inet_pton(AF_INET, N6B_4, &d);
	CHECK(x.hdr.v4.saddr == s && x.hdr.v4.daddr == d,
	      "%s: 6->4 gives 192.0.2.1 -> 192.0.2.2", mode_name(mode));
	CHECK_EQ(x.hdr.v4.ttl, 64, "%s: 6->4 TTL %u (63 + 1)", mode_name(mode),
		 x.hdr.v4.ttl);
	CHECK(!x.hairpinned, "%s: 6->4 is not counted", mode_name(mode));
}

struct half2 {
	u8 mode;
	bool came_back;		/* &xlat_pkt.hairpin */
	u8 bump;		/* &xlat_pkt.hop_bump the glue gives */
	const char *src4;
	const char *want_src;
	u8 want_hops;		/* from TTL 63 */
	bool want_hairpinned;
};

/* jool_xlat46() on @p (@icmp6_ready: a piece of a cut echo), checked. */
static void second_half_run(const struct half2 *h, struct tpkt *p,
			    bool icmp6_ready)
{
	struct xlat_cfg cfg = cfg_mode(h->mode);
	uint8_t proto = p->buf[9];
	uint8_t buf[4200];
	struct xlat_pkt x;
	unsigned int len;

	memset(&x, 0, sizeof(x));
	x.len = p->len;
	x.hop_bump = h->bump;
	x.hairpin = h->came_back;
	x.icmp6_ready = icmp6_ready;
	CHECK_EQ(jool_xlat46(&cfg, p->buf, p->len, &x), XLAT_OK,
		 "%s, back %d, proto %u: 4->6", mode_name(h->mode),
		 h->came_back, proto);
	CHECK(addr6_is(&x.hdr.v6.saddr, h->want_src),
	      "%s, back %d, from %s: source %s, want %s", mode_name(h->mode),
	      h->came_back, h->src4, ntop6(&x.hdr.v6.saddr), h->want_src);
	CHECK(addr6_is(&x.hdr.v6.daddr, N6B),
	      "%s, back %d: destination %s, want " N6B " (its EAM)",
	      mode_name(h->mode), h->came_back, ntop6(&x.hdr.v6.daddr));
	CHECK_EQ(x.hdr.v6.hop_limit, h->want_hops,
		 "%s, back %d: hop limit %u, want %u", mode_name(h->mode),
		 h->came_back, x.hdr.v6.hop_limit, h->want_hops);
	CHECK_EQ(x.hairpinned, h->want_hairpinned, "%s, back %d: counted",
		 mode_name(h->mode), h->came_back);

	memcpy(buf, &x.hdr, x.new_l3len);
	memcpy(buf + x.new_l3len, p->buf + x.old_l3len, p->len - x.old_l3len);
	len = x.new_l3len + p->len - x.old_l3len;
	CHECK(l4_csum_ok(buf, len), "%s, back %d, proto %u, ready %d: checksum",
	      mode_name(h->mode), h->came_back, proto, icmp6_ready);
}

static void second_half_one(const struct half2 *h, uint8_t proto)
{
	struct tpkt p;

	pkt4(&p, h->src4, N6B_4, proto, 33, 63);
	second_half_run(h, &p, false);
}

static void second_half(void)
{
	/*
	 * A hairpin that went through the device's routing: TTL 63 after the
	 * forward between the halves; the second half gives that hop back
	 * when hairpinning is on (the whole hairpin costs one hop). A packet
	 * from elsewhere (came_back false) gets the glue's usual hop back.
	 */
	static const struct half2 cases[] = {
		{ JOOL_HAIRPIN_OFF, true, 0, N6A_4, N6A, 63, false },
		{ JOOL_HAIRPIN_OFF, false, 1, N6A_4, N6A, 64, false },
		{ JOOL_HAIRPIN_SIMPLE, true, 0, N6A_4, N6A_POOL6, 64, true },
		{ JOOL_HAIRPIN_SIMPLE, false, 1, N6A_4, N6A_POOL6, 64, true },
		{ JOOL_HAIRPIN_INTRINSIC, true, 0, N6A_4, N6A_POOL6, 64, true },
		{ JOOL_HAIRPIN_INTRINSIC, false, 1, N6A_4, N6A, 64, false },
		/*
		 * A source without an EAM is pool6's anyway: not counted,
		 * and (like a routing loop) no hop back.
		 */
		{ JOOL_HAIRPIN_INTRINSIC, true, 0, "203.0.113.5",
		  "64:ff9b::cb00:7105", 63, false },
		{ JOOL_HAIRPIN_SIMPLE, false, 1, "203.0.113.5",
		  "64:ff9b::cb00:7105", 64, false },
		{ JOOL_HAIRPIN_OFF, true, 0, "203.0.113.5",
		  "64:ff9b::cb00:7105", 63, false },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		second_half_one(&cases[i], IPPROTO_UDP);
		second_half_one(&cases[i], IPPROTO_TCP);
		second_half_one(&cases[i], IPPROTO_ICMP);
	}
}

/*
 * An ICMP echo too big for the IPv6 side, DF clear: src/frag4.c has
 * jool_xlat46_icmp_prep() make its header ICMPv6 (checksum included) before
 * cutting it, then jool_xlat46() translates each piece with icmp6_ready,
 * leaving the ICMP header alone. The checksum the first wrote must be that
 * of the addresses the second writes: in a hairpin, the pool6 source.
 * (test/fuzz checks this too: target xlat46, its checksum invariant.)
 */
static void icmp_prep_one(const struct half2 *h)
{
	struct xlat_cfg cfg = cfg_mode(h->mode);
	struct xlat_pkt x;
	struct tpkt p;

	pkt4(&p, h->src4, N6B_4, IPPROTO_ICMP, 1400, 63);
	memset(&x, 0, sizeof(x));
	x.len = p.len;
	x.hairpin = h->came_back;
	CHECK_EQ(jool_xlat46_icmp_prep(&cfg, p.buf, p.len, &x), XLAT_OK,
		 "%s, back %d: prep", mode_name(h->mode), h->came_back);
	/* One piece: the whole message (pieces keep the header as is). */
	second_half_run(h, &p, true);
}

static void icmp_prep(void)
{
	static const struct half2 cases[] = {
		{ JOOL_HAIRPIN_OFF, true, 0, N6A_4, N6A, 63, false },
		{ JOOL_HAIRPIN_SIMPLE, false, 1, N6A_4, N6A_POOL6, 64, true },
		{ JOOL_HAIRPIN_SIMPLE, true, 0, N6A_4, N6A_POOL6, 64, true },
		{ JOOL_HAIRPIN_INTRINSIC, true, 0, N6A_4, N6A_POOL6, 64, true },
		{ JOOL_HAIRPIN_INTRINSIC, false, 1, N6A_4, N6A, 64, false },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		icmp_prep_one(&cases[i]);
}

/* TTL 255 stays 255 (the hop limit cannot go higher). */
static void hop_cap(void)
{
	struct xlat_cfg cfg = cfg_mode(JOOL_HAIRPIN_INTRINSIC);
	struct xlat_pkt x;
	struct tpkt p;

	pkt4(&p, N6A_4, N6B_4, IPPROTO_UDP, 8, 255);
	memset(&x, 0, sizeof(x));
	x.len = p.len;
	x.hairpin = true;
	CHECK_EQ(jool_xlat46(&cfg, p.buf, p.len, &x), XLAT_OK, "TTL 255: 4->6");
	CHECK_EQ(x.hdr.v6.hop_limit, 255, "TTL 255: hop limit %u",
		 x.hdr.v6.hop_limit);
}

/* Without pool6, the source of a hairpin has no RFC 6052 translation. */
static void no_pool6(void)
{
	struct xlat_cfg cfg = cfg_mode(JOOL_HAIRPIN_INTRINSIC);
	struct xlat_pkt x;
	struct tpkt p, copy;

	cfg.pool6_set = false;
	pkt4(&p, N6A_4, N6B_4, IPPROTO_UDP, 8, 63);
	copy = p;
	memset(&x, 0, sizeof(x));
	x.len = p.len;
	x.hairpin = true;
	CHECK_EQ(jool_xlat46(&cfg, p.buf, p.len, &x), XLAT_DROP,
		 "no pool6: drop");
	CHECK_EQ(x.reason, JOOL_STAT_SRC4_UNTRANSLATABLE, "no pool6: reason %d",
		 x.reason);
	CHECK(!memcmp(p.buf, copy.buf, p.len), "no pool6: packet unchanged");

	/* Not a hairpin: the EAM works without pool6. */
	memset(&x, 0, sizeof(x));
	x.len = p.len;
	CHECK_EQ(jool_xlat46(&cfg, p.buf, p.len, &x), XLAT_OK,
		 "no pool6, not back");
	CHECK(addr6_is(&x.hdr.v6.saddr, N6A), "no pool6, not back: EAM source");
}

/* The pool6 translation of a hairpinned source honours denylist4. */
static void denied(void)
{
	struct xlat_cfg cfg = cfg_mode(JOOL_HAIRPIN_INTRINSIC);
	struct jool_prefix4 p;
	struct xlat_pkt x;
	enum jool_cfg_err why = JOOL_CFG_OK;
	struct tpkt p4;

	memset(&p, 0, sizeof(p));
	inet_pton(AF_INET, N6A_4, &p.addr);
	p.len = 32;
	cfg.denylist4 = jool_denylist_build(&p, 1, &why);
	CHECK(cfg.denylist4 != NULL, "denylist_build: %s",
	      why ? jool_cfg_err_msg(why) : "");

	pkt4(&p4, N6A_4, N6B_4, IPPROTO_UDP, 8, 63);
	memset(&x, 0, sizeof(x));
	x.len = p4.len;
	x.hairpin = true;
	CHECK_EQ(jool_xlat46(&cfg, p4.buf, p4.len, &x), XLAT_DROP,
		 "denied hairpin source: drop");
	CHECK_EQ(x.reason, JOOL_STAT_DENYLISTED, "denied hairpin source: %d",
		 x.reason);

	/* Not a hairpin: its EAM translates it, denylist4 does not apply. */
	memset(&x, 0, sizeof(x));
	x.len = p4.len;
	CHECK_EQ(jool_xlat46(&cfg, p4.buf, p4.len, &x), XLAT_OK,
		 "denied address, not a hairpin: EAM");
	jool_denylist_free((struct denylist *)cfg.denylist4);
}

struct errcase {
	const char *what;
	u8 mode;
	bool came_back;
	const char *from4;		/* the error's source */
	const char *want_src;
	const char *want_inner_dst;
	u8 want_hops;			/* from TTL 63 */
	bool want_hairpinned;
};

/*
 * An ICMPv4 "port unreachable" about the hairpinned UDP packet 192.0.2.1 ->
 * 192.0.2.2, addressed to 192.0.2.1. It must reach n6a (2001:db8:a::1) as
 * an ICMPv6 "port unreachable" quoting 2001:db8:a::1 -> (want_inner_dst).
 */
static void icmp_err_one(const struct errcase *c)
{
	struct xlat_cfg cfg = cfg_mode(c->mode);
	static uint8_t out[1600];
	struct tpkt orig, err;
	struct err_spec s;
	struct xlat_pkt x;
	uint8_t *ip6 = out, *in6 = out + 48;

	pkt4(&orig, N6A_4, N6B_4, IPPROTO_UDP, 30, 62);
	memset(&s, 0, sizeof(s));
	s.src = c->from4;
	s.dst = N6A_4;
	s.type = 3;
	s.code = 3;
	s.inner = orig.buf;
	s.inner_len = orig.len;
	s.ttl = 63;
	pkt_icmp_err(&err, &s);

	memset(&x, 0, sizeof(x));
	x.len = err.len;
	x.hairpin = c->came_back;
	x.hop_bump = !c->came_back;
	CHECK_EQ(jool_xlat46(&cfg, err.buf, err.len, &x), XLAT_ICMP_ERR,
		 "%s: an error", c->what);
	memset(&x, 0, sizeof(x));
	x.len = err.len;
	x.hairpin = c->came_back;
	x.hop_bump = !c->came_back;
	CHECK_EQ(jool_xlat46_icmp_err(&cfg, err.buf, err.len, out, sizeof(out),
				      &x),
		 XLAT_OK, "%s: translated", c->what);
	CHECK(addr6_is((struct in6_addr *)(ip6 + 8), c->want_src),
	      "%s: source %s, want %s", c->what, ntop6(ip6 + 8), c->want_src);
	CHECK(addr6_is((struct in6_addr *)(ip6 + 24), N6A),
	      "%s: destination %s", c->what, ntop6(ip6 + 24));
	CHECK_EQ(ip6[7], c->want_hops, "%s: hop limit %u, want %u", c->what,
		 ip6[7], c->want_hops);
	CHECK(ip6[40] == 1 && ip6[41] == 4, "%s: port unreachable", c->what);
	CHECK(addr6_is((struct in6_addr *)(in6 + 8), N6A),
	      "%s: quoted source %s", c->what, ntop6(in6 + 8));
	CHECK(addr6_is((struct in6_addr *)(in6 + 24), c->want_inner_dst),
	      "%s: quoted destination %s, want %s", c->what, ntop6(in6 + 24),
	      c->want_inner_dst);
	CHECK_EQ(in6[7], 62, "%s: quoted hop limit untouched", c->what);
	CHECK(l4_csum_ok(out, x.new_len), "%s: ICMPv6 checksum", c->what);
	CHECK(l4_csum_ok(in6, x.new_len - 48), "%s: quoted UDP checksum",
	      c->what);
	CHECK_EQ(x.hairpinned, c->want_hairpinned, "%s: counted", c->what);
}

static void icmp_errors(void)
{
	static const struct errcase cases[] = {
		/* From n6b itself: it is n6a's 64:ff9b::192.0.2.2. */
		{ "intrinsic, from n6b", JOOL_HAIRPIN_INTRINSIC, true, N6B_4,
		  N6B_POOL6, N6B_POOL6, 64, true },
		{ "simple, from n6b", JOOL_HAIRPIN_SIMPLE, true, N6B_4,
		  N6B_POOL6, N6B_POOL6, 64, true },
		{ "simple, from n6b, not back", JOOL_HAIRPIN_SIMPLE, false,
		  N6B_4, N6B_POOL6, N6B_POOL6, 64, true },
		{ "off, from n6b", JOOL_HAIRPIN_OFF, true, N6B_4, N6B, N6B, 63,
		  false },
		{ "intrinsic, from n6b, not back", JOOL_HAIRPIN_INTRINSIC,
		  false, N6B_4, N6B, N6B, 64, false },
		/* From a router with an EAM: the router keeps its EAM. */
		{ "intrinsic, from an EAM'd router", JOOL_HAIRPIN_INTRINSIC,
		  true, "192.0.2.254", "2001:db8:a::fe", N6B_POOL6, 64, true },
		/* From a router without one: pool6 in any case. */
		{ "intrinsic, from a pool6 router", JOOL_HAIRPIN_INTRINSIC,
		  true, "203.0.113.9", "64:ff9b::cb00:7109", N6B_POOL6, 64,
		  true },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		icmp_err_one(&cases[i]);
}

static void first_halves(void)
{
	u8 mode;

	for (mode = JOOL_HAIRPIN_OFF; mode <= JOOL_HAIRPIN_MAX; mode++)
		first_half(mode);
}

const struct unit_test hairpin_tests[] = {
	{ "hairpin/first-half", first_halves },
	{ "hairpin/second-half", second_half },
	{ "hairpin/hop-cap", hop_cap },
	{ "hairpin/no-pool6", no_pool6 },
	{ "hairpin/denied", denied },
	{ "hairpin/icmp-errors", icmp_errors },
	{ "hairpin/icmp-prep", icmp_prep },
	{ NULL, NULL }
};
