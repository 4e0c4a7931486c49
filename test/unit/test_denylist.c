// SPDX-License-Identifier: GPL-2.0
/*
 * denylist4: the table (edges of prefixes, nesting, validation, add and
 * remove, the entry cap, 10k entries checked against a linear scan), the
 * implicit ranges, and the drops in jool_xlat64()/xlat46() and in ICMP errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "core/addr.h"
#include "core/denylist.h"
#include "core/eamt.h"
#include "pkt.h"
#include "unit.h"

static struct jool_prefix4 pfx(const char *a, unsigned int len)
{
	struct jool_prefix4 p;

	memset(&p, 0, sizeof(p));
	inet_pton(AF_INET, a, &p.addr);
	p.len = len;
	return p;
}

static __be32 ip4(const char *s)
{
	__be32 a;

	inet_pton(AF_INET, s, &a);
	return a;
}

/* @addr is covered by exactly @want (NULL: by nothing). */
static void expect(const struct denylist *d, const char *addr,
		   const char *want, unsigned int len)
{
	const struct jool_prefix4 *got = jool_denylist_lookup(d, ip4(addr));

	if (!want) {
		CHECK(!got, "%s: not denied, got /%u", addr, got ? got->len : 0);
		return;
	}
	CHECK(got && got->addr == ip4(want) && got->len == len,
	      "%s: denied by %s/%u", addr, want, len);
}

static void test_edges(void)
{
	struct jool_prefix4 v[] = {
		pfx("192.0.2.0", 24), pfx("192.0.2.128", 25),
		pfx("192.0.2.200", 32), pfx("10.0.0.0", 8),
		pfx("0.0.0.0", 32), pfx("255.255.255.255", 32),
		pfx("198.51.100.0", 31),
	};
	enum jool_cfg_err why;
	struct denylist *d = jool_denylist_build(v, ARRAY_SIZE(v), &why);

	CHECK(d, "built");
	CHECK_EQ(jool_denylist_count(d), ARRAY_SIZE(v), "count");
	expect(d, "192.0.1.255", NULL, 0);
	expect(d, "192.0.2.0", "192.0.2.0", 24);
	expect(d, "192.0.2.127", "192.0.2.0", 24);
	expect(d, "192.0.2.128", "192.0.2.128", 25);
	expect(d, "192.0.2.199", "192.0.2.128", 25);
	expect(d, "192.0.2.200", "192.0.2.200", 32);
	expect(d, "192.0.2.201", "192.0.2.128", 25);
	expect(d, "192.0.2.255", "192.0.2.128", 25);
	expect(d, "192.0.3.0", NULL, 0);
	expect(d, "9.255.255.255", NULL, 0);
	expect(d, "10.0.0.0", "10.0.0.0", 8);
	expect(d, "10.255.255.255", "10.0.0.0", 8);
	expect(d, "11.0.0.0", NULL, 0);
	expect(d, "0.0.0.0", "0.0.0.0", 32);
	expect(d, "0.0.0.1", NULL, 0);
	expect(d, "255.255.255.254", NULL, 0);
	expect(d, "255.255.255.255", "255.255.255.255", 32);
	expect(d, "198.51.100.1", "198.51.100.0", 31);
	expect(d, "198.51.100.2", NULL, 0);
	/* Dump order: by address, then length. */
	CHECK(jool_denylist_get(d, 0)->addr == ip4("0.0.0.0"), "first");
	CHECK(jool_denylist_get(d, 2)->addr == ip4("192.0.2.0") &&
		      jool_denylist_get(d, 2)->len == 24,
	      "third");
	CHECK(!jool_denylist_get(d, ARRAY_SIZE(v)), "past the end");
	CHECK(!jool_denylist_lookup(NULL, ip4("192.0.2.1")), "empty table");
	jool_denylist_free(d);

	/* 0.0.0.0/0 covers everything. */
	v[0] = pfx("0.0.0.0", 0);
	d = jool_denylist_build(v, 2, &why);
	expect(d, "1.2.3.4", "0.0.0.0", 0);
	expect(d, "192.0.2.130", "192.0.2.128", 25);
	expect(d, "255.255.255.255", "0.0.0.0", 0);
	jool_denylist_free(d);
}

static void test_changes(void)
{
	struct jool_prefix4 p = pfx("192.0.2.0", 24), q;
	struct denylist *d = NULL, *d2, *d3;
	enum jool_cfg_err why;
	int err;

	q = pfx("192.0.2.1", 24);
	CHECK(jool_denylist_validate(&q), "host bits refused");
	CHECK_EQ(jool_denylist_with_added(NULL, &q, &d2, &why), -EINVAL,
		 "add host bits");
	q = pfx("192.0.2.0", 33);
	CHECK(jool_denylist_validate(&q), "length 33 refused");
	CHECK(!jool_denylist_validate(&p), "valid");

	CHECK_EQ(jool_denylist_with_added(NULL, &p, &d, &why), 0,
		 "add to empty");
	CHECK_EQ(jool_denylist_with_added(d, &p, &d2, &why), -EEXIST,
		 "duplicate");
	CHECK(why, "duplicate: a reason");
	q = pfx("192.0.2.0", 25);
	CHECK_EQ(jool_denylist_with_added(d, &q, &d2, &why), 0,
		 "nested is fine");
	CHECK_EQ(jool_denylist_count(d), 1, "old table unchanged");
	CHECK_EQ(jool_denylist_count(d2), 2, "new table");
	expect(d, "192.0.2.1", "192.0.2.0", 24);
	expect(d2, "192.0.2.1", "192.0.2.0", 25);
	CHECK(jool_denylist_find(d2, &q), "find");
	CHECK_EQ(jool_denylist_with_removed(d2, &p, &d3, &why), 0, "remove");
	expect(d3, "192.0.2.1", "192.0.2.0", 25);
	expect(d3, "192.0.2.129", NULL, 0);
	CHECK_EQ(jool_denylist_with_removed(d3, &p, &d, &why), -ESRCH,
		 "remove absent");
	jool_denylist_free(d3);
	CHECK_EQ(jool_denylist_with_removed(d2, &q, &d3, &why), 0,
		 "remove again");
	CHECK_EQ(jool_denylist_count(d3), 1, "one left");
	jool_denylist_free(d3);
	CHECK_EQ(jool_denylist_with_removed(NULL, &q, &d3, &why), -ESRCH,
		 "empty");
	err = jool_denylist_with_removed(d, &p, &d3, &why);
	CHECK_EQ(err, 0, "remove the last");
	CHECK(!d3, "empty table is NULL");
	jool_denylist_free(d);
	jool_denylist_free(d2);

	q = pfx("192.0.2.0", 24);
	d = jool_denylist_build((struct jool_prefix4[]){ p, q }, 2, &why);
	CHECK(!d && why, "build refuses duplicates");
}

static void test_cap(void)
{
	struct jool_prefix4 *v = calloc(DENYLIST_MAX_ENTRIES + 1, sizeof(*v));
	struct denylist *d, *d2;
	enum jool_cfg_err why;
	unsigned int i;

	for (i = 0; i <= DENYLIST_MAX_ENTRIES; i++) {
		v[i].addr = htonl(0x0a000000 + i * 2);
		v[i].len = 32;
	}
	d = jool_denylist_build(v, DENYLIST_MAX_ENTRIES + 1, &why);
	CHECK(!d && why, "build past the cap refused");
	d = jool_denylist_build(v, DENYLIST_MAX_ENTRIES, &why);
	CHECK_EQ(jool_denylist_count(d), DENYLIST_MAX_ENTRIES, "at the cap");
	CHECK_EQ(jool_denylist_with_added(d, &v[DENYLIST_MAX_ENTRIES], &d2,
					  &why),
		 -ENOSPC, "add past the cap");
	expect(d, "10.0.0.2", "10.0.0.2", 32);
	expect(d, "10.0.0.3", NULL, 0);
	jool_denylist_free(d);
	free(v);
}

static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * A full list in one build (what JOOL_CMD_SET_CONFIG and a multi-prefix
 * JOOL_CMD_DENYLIST_ADD do, nl_denylist.c), in well under a second.
 * JOOL_BENCH=1 times adding them one at a time too (what SET_CONFIG did
 * before: quadratic).
 */
static void test_bulk_time(void)
{
	struct jool_prefix4 *v = calloc(DENYLIST_MAX_ENTRIES, sizeof(*v));
	struct denylist *d, *seq = NULL, *next;
	enum jool_cfg_err why;
	unsigned int i;
	double t;

	for (i = 0; i < DENYLIST_MAX_ENTRIES; i++) {
		v[i].addr = htonl(0x0a000000 + i * 4);
		v[i].len = 30 + i % 3;
	}
	t = cpu_s();
	d = jool_denylist_build(v, DENYLIST_MAX_ENTRIES, &why);
	t = cpu_s() - t;
	printf("denylist/bulk: %u prefixes in one build: %.3f s\n",
	       DENYLIST_MAX_ENTRIES, t);
	CHECK_EQ(jool_denylist_count(d), DENYLIST_MAX_ENTRIES, "built");
	CHECK(t < 2, "one build: %.3f s", t);
	if (getenv("JOOL_BENCH")) {
		t = cpu_s();
		for (i = 0; i < DENYLIST_MAX_ENTRIES; i++) {
			CHECK_EQ(jool_denylist_with_added(seq, &v[i], &next,
							  &why), 0, "add");
			jool_denylist_free(seq);
			seq = next;
		}
		printf("denylist/bulk: %u prefixes one at a time: %.3f s\n",
		       DENYLIST_MAX_ENTRIES, cpu_s() - t);
		jool_denylist_free(seq);
	}
	jool_denylist_free(d);
	free(v);
}

/* The most specific prefix of @v containing @a, by brute force. */
static int linear(const struct jool_prefix4 *v, unsigned int n, uint32_t a)
{
	int best = -1;
	unsigned int i;

	for (i = 0; i < n; i++) {
		uint32_t m = v[i].len ? 0xffffffffU << (32 - v[i].len) : 0;

		if ((a & m) == ntohl(v[i].addr) &&
		    (best < 0 || v[i].len > v[best].len))
			best = i;
	}
	return best;
}

static int cmp4(const void *x, const void *y)
{
	const struct jool_prefix4 *a = x, *b = y;

	if (a->addr != b->addr)
		return ntohl(a->addr) < ntohl(b->addr) ? -1 : 1;
	return (int)a->len - (int)b->len;
}

static void test_random(void)
{
	enum { N = 10000, PROBES = 200000 };
	struct jool_prefix4 *v = calloc(N, sizeof(*v));
	unsigned int n = 0, i, bad = 0;
	struct denylist *d;
	enum jool_cfg_err why;

	for (i = 0; i < N; i++) {
		/* Mostly inside 10.0.0.0/8 so that prefixes nest a lot. */
		unsigned int len = 8 + random() % 25;
		uint32_t a = (random() & 1 ? 0x0a000000 : (uint32_t)random() << 1) |
			     (random() & 0x00ffffff);

		v[i].len = len;
		v[i].addr = htonl(a & (0xffffffffU << (32 - len)));
	}
	qsort(v, N, sizeof(*v), cmp4);
	for (i = 0; i < N; i++) {
		if (!n || cmp4(&v[n - 1], &v[i]))
			v[n++] = v[i];
	}
	d = jool_denylist_build(v, n, &why);
	CHECK_EQ(jool_denylist_count(d), n, "%u random prefixes", n);
	for (i = 0; i < PROBES + 2 * n; i++) {
		uint32_t a;
		const struct jool_prefix4 *got;
		int want;

		if (i < 2 * n) {	/* both ends of every prefix, and beyond */
			const struct jool_prefix4 *p = &v[i / 2];
			uint32_t m = 0xffffffffU << (32 - p->len);

			a = i % 2 ? (ntohl(p->addr) | ~m) + (random() & 1) :
				    ntohl(p->addr) - (random() & 1);
		} else {
			a = (random() & 1 ? 0x0a000000 : (uint32_t)random() << 1) |
			    (random() & 0x00ffffff);
		}
		want = linear(v, n, a);
		got = jool_denylist_lookup(d, htonl(a));
		if (want < 0 ? got != NULL :
			       got != &jool_denylist_get(d, want)[0])
			bad++;
	}
	CHECK_EQ(bad, 0, "lookups agree with a linear scan");
	jool_denylist_free(d);
	free(v);
}

static void test_implicit(void)
{
	static const struct {
		const char *a;
		const char *range;
		unsigned int len;
	} t[] = {
		{ "0.0.0.0", "0.0.0.0", 8 }, { "0.255.255.255", "0.0.0.0", 8 },
		{ "1.0.0.0", NULL, 0 }, { "126.255.255.255", NULL, 0 },
		{ "127.0.0.0", "127.0.0.0", 8 }, { "127.255.255.255", "127.0.0.0", 8 },
		{ "128.0.0.0", NULL, 0 }, { "169.253.255.255", NULL, 0 },
		{ "169.254.0.0", "169.254.0.0", 16 },
		{ "169.254.255.255", "169.254.0.0", 16 },
		{ "169.255.0.0", NULL, 0 }, { "223.255.255.255", NULL, 0 },
		{ "224.0.0.0", "224.0.0.0", 4 }, { "239.255.255.255", "224.0.0.0", 4 },
		{ "240.0.0.0", NULL, 0 }, { "255.255.255.254", NULL, 0 },
		{ "255.255.255.255", "255.255.255.255", 32 },
		{ "192.0.2.1", NULL, 0 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		const struct jool_prefix4 *p =
			jool_denylist_implicit(ip4(t[i].a));

		if (!t[i].range)
			CHECK(!p, "%s: no implicit rule", t[i].a);
		else
			CHECK(p && p->addr == ip4(t[i].range) && p->len == t[i].len,
			      "%s: in %s/%u", t[i].a, t[i].range, t[i].len);
	}
}

/* The ranges of test_implicit(), with no shortcut: is @a in one? */
static bool implicit_ref(u32 a)
{
	return a >> 24 == 0 || a >> 24 == 127 || a >> 16 == 0xa9fe ||
	       a >> 28 == 0xe || a == 0xffffffff;
}

/* Every /16, at its first and last address, against implicit_ref(). */
static void test_implicit_all(void)
{
	unsigned int bad = 0;
	u32 a, i;

	for (i = 0; i < 0x10000; i++) {
		a = i << 16;
		bad += !!jool_denylist_implicit(htonl(a)) != implicit_ref(a);
		a |= 0xffff;
		bad += !!jool_denylist_implicit(htonl(a)) != implicit_ref(a);
	}
	CHECK_EQ(bad, 0, "every /16 agrees with the five ranges");
}

/* ---- The data path ---- */

static struct xlat_cfg cfg96(const struct denylist *d)
{
	struct xlat_cfg cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.pool6_set = true;
	inet_pton(AF_INET6, "64:ff9b::", &cfg.pool6.addr);
	cfg.pool6.len = 96;
	cfg.denylist4 = d;
	return cfg;
}

static enum xlat_verdict run(const struct xlat_cfg *cfg, struct tpkt *p,
			     struct xlat_pkt *x, bool v6)
{
	memset(x, 0, sizeof(*x));
	x->len = p->len;
	return v6 ? jool_xlat64(cfg, p->buf, p->len, x) :
		    jool_xlat46(cfg, p->buf, p->len, x);
}

static void pass(const char *what, const struct xlat_cfg *cfg, struct tpkt *p,
		 bool v6)
{
	struct xlat_pkt x;

	CHECK_EQ(run(cfg, p, &x, v6), XLAT_OK, "%s: translated (reason %d)",
		 what, x.reason);
}

static void denied(const char *what, const struct xlat_cfg *cfg,
		   struct tpkt *p, bool v6, enum jool_stat want)
{
	uint8_t before[4096];
	struct xlat_pkt x;

	memcpy(before, p->buf, p->len);
	CHECK_EQ(run(cfg, p, &x, v6), XLAT_DROP, "%s: dropped", what);
	CHECK_EQ(x.reason, want, "%s: reason %d", what, x.reason);
	CHECK(!memcmp(before, p->buf, p->len), "%s: untouched", what);
}

static void test_dl_xlat(void)
{
	struct jool_prefix4 v[] = { pfx("192.0.2.0", 24) };
	enum jool_cfg_err why;
	struct denylist *d = jool_denylist_build(v, 1, &why);
	struct xlat_cfg cfg = cfg96(d), eamcfg;
	struct eamt_entry e;
	struct tpkt p;
	struct eamt *t;

	pkt4(&p, "198.51.100.6", "203.0.113.1", IPPROTO_UDP, 20, 64);
	pass("4->6 elsewhere", &cfg, &p, false);
	pkt4(&p, "198.51.100.6", "192.0.2.4", IPPROTO_UDP, 20, 64);
	denied("4->6 dst denied", &cfg, &p, false, JOOL_STAT_DENYLISTED);
	pkt4(&p, "192.0.2.255", "198.51.100.6", IPPROTO_TCP, 20, 64);
	denied("4->6 src denied", &cfg, &p, false, JOOL_STAT_DENYLISTED);
	pkt4(&p, "198.51.100.6", "127.0.0.1", IPPROTO_UDP, 20, 64);
	denied("4->6 dst loopback", &cfg, &p, false, JOOL_STAT_DENYLISTED);
	pkt4(&p, "198.51.100.6", "224.0.0.251", IPPROTO_UDP, 20, 64);
	denied("4->6 dst multicast", &cfg, &p, false, JOOL_STAT_DENYLISTED);
	pkt4(&p, "0.0.0.0", "198.51.100.6", IPPROTO_UDP, 20, 64);
	denied("4->6 src 0.0.0.0", &cfg, &p, false, JOOL_STAT_DENYLISTED);

	pkt6(&p, "64:ff9b::198.51.100.6", "64:ff9b::203.0.113.1", IPPROTO_UDP, 20, 64);
	pass("6->4 elsewhere", &cfg, &p, true);
	pkt6(&p, "64:ff9b::198.51.100.6", "64:ff9b::192.0.2.0", IPPROTO_UDP, 20, 64);
	denied("6->4 dst denied", &cfg, &p, true, JOOL_STAT_DENYLISTED);
	pkt6(&p, "64:ff9b::192.0.2.9", "64:ff9b::198.51.100.6", IPPROTO_ICMPV6, 20, 64);
	denied("6->4 src denied", &cfg, &p, true, JOOL_STAT_DENYLISTED);
	pkt6(&p, "64:ff9b::169.254.1.1", "64:ff9b::198.51.100.6", IPPROTO_TCP, 20, 64);
	denied("6->4 src link local", &cfg, &p, true, JOOL_STAT_DENYLISTED);
	pkt6(&p, "64:ff9b::198.51.100.6", "64:ff9b::255.255.255.255", IPPROTO_UDP, 20, 64);
	denied("6->4 dst broadcast", &cfg, &p, true, JOOL_STAT_DENYLISTED);
	pkt6(&p, "2001:db8::1", "64:ff9b::198.51.100.6", IPPROTO_UDP, 20, 64);
	denied("6->4 src outside pool6", &cfg, &p, true,
	       JOOL_STAT_SRC6_UNTRANSLATABLE);

	/* EAM translations are not affected, implicit ranges included. */
	memset(&e, 0, sizeof(e));
	inet_pton(AF_INET6, "2001:db8::", &e.p6.addr);
	e.p6.len = 120;
	e.p4 = pfx("192.0.2.0", 24);
	t = jool_eamt_build(&e, 1);
	cfg.eamt = t;
	pkt4(&p, "198.51.100.6", "192.0.2.4", IPPROTO_UDP, 20, 64);
	pass("4->6 dst denied but EAM", &cfg, &p, false);
	pkt6(&p, "2001:db8::9", "64:ff9b::198.51.100.6", IPPROTO_UDP, 20, 64);
	pass("6->4 src denied but EAM", &cfg, &p, true);
	pkt6(&p, "64:ff9b::198.51.100.6", "64:ff9b::192.0.2.4", IPPROTO_UDP, 20, 64);
	/* pool6 translates this one: the IPv4 address it embeds is denied. */
	denied("6->4 pool6 address whose IPv4 has an EAM", &cfg, &p, true,
	       JOOL_STAT_DENYLISTED);
	jool_eamt_free(t);
	e.p4 = pfx("169.254.0.0", 24);
	t = jool_eamt_build(&e, 1);
	cfg.eamt = t;
	pkt4(&p, "198.51.100.6", "169.254.0.7", IPPROTO_UDP, 20, 64);
	pass("4->6 link local through an EAM", &cfg, &p, false);

	/* Without pool6, denylist4 has nothing to deny. */
	eamcfg = cfg;
	eamcfg.pool6_set = false;
	pkt4(&p, "169.254.0.1", "127.0.0.1", IPPROTO_UDP, 20, 64);
	denied("4->6 no pool6", &eamcfg, &p, false,
	       JOOL_STAT_DST4_UNTRANSLATABLE);
	jool_eamt_free(t);
	jool_denylist_free(d);
}

/* The address query's view: the same functions, with the rule. */
static void test_rule(void)
{
	struct jool_prefix4 v[] = { pfx("192.0.2.0", 24), pfx("192.0.2.0", 28) };
	enum jool_cfg_err why;
	struct denylist *d = jool_denylist_build(v, 2, &why);
	struct xlat_cfg cfg = cfg96(d);
	struct addr_rule r;
	struct in6_addr a6;
	__be32 a4;

	CHECK_EQ(jool_addr_translate46(&cfg, ip4("192.0.2.3"), &a6, 0, &r),
		 JOOL_STAT_DENYLISTED, "denied");
	CHECK(r.kind == JOOL_RULE_DENYLIST4 && r.deny->len == 28, "by the /28");
	CHECK_EQ(jool_addr_translate46(&cfg, ip4("192.0.2.3"), &a6,
				       ADDR_ERR_SRC, &r),
		 0, "an ICMP error source is spared");
	CHECK_EQ(r.kind, JOOL_RULE_POOL6, "by pool6");
	CHECK_EQ(jool_addr_translate46(&cfg, ip4("127.0.0.3"), &a6,
				       ADDR_ERR_SRC, &r),
		 JOOL_STAT_DENYLISTED, "not from the implicit rules");
	CHECK_EQ(r.kind, JOOL_RULE_IMPLICIT, "implicit");
	inet_pton(AF_INET6, "64:ff9b::192.0.2.200", &a6);
	CHECK_EQ(jool_addr_translate64(&cfg, &a6, &a4, ADDR_SRC, &r),
		 JOOL_STAT_DENYLISTED, "6->4 denied");
	CHECK(r.kind == JOOL_RULE_DENYLIST4 && r.deny->len == 24, "by the /24");
	jool_denylist_free(d);
}

/* ICMP errors: the outer source is spared; the packet inside is not. */
static void test_dl_icmp(void)
{
	struct jool_prefix4 v[] = { pfx("192.0.2.0", 24) };
	enum jool_cfg_err why;
	struct denylist *d = jool_denylist_build(v, 1, &why);
	struct xlat_cfg cfg = cfg96(d);
	struct err_spec s;
	struct tpkt inner, err;
	struct xlat_pkt x;
	uint8_t out[XLAT_ICMP_ERR_OUTMAX];
	struct in6_addr want;
	__be32 want4;

	/* 4->6: a router in denylist4 reports on 198.51.100.6's packet. */
	pkt4(&inner, "198.51.100.6", "203.0.113.1", IPPROTO_UDP, 20, 1);
	memset(&s, 0, sizeof(s));
	s.src = "192.0.2.1";
	s.dst = "198.51.100.6";
	s.type = 11;
	s.inner = inner.buf;
	s.inner_len = inner.len;
	s.ttl = 64;
	pkt_icmp_err(&err, &s);
	memset(&x, 0, sizeof(x));
	CHECK_EQ(jool_xlat46_icmp_err(&cfg, err.buf, err.len, out, sizeof(out),
				      &x),
		 XLAT_OK, "4->6 error from a denied router (reason %d)",
		 x.reason);
	inet_pton(AF_INET6, "64:ff9b::192.0.2.1", &want);
	CHECK(!memcmp(out + 8, &want, 16), "its source is translated");

	/* From 127.0.0.1 (implicit): RFC 6791, or dropped without one. */
	s.src = "127.0.0.1";
	pkt_icmp_err(&err, &s);
	memset(&x, 0, sizeof(x));
	CHECK_EQ(jool_xlat46_icmp_err(&cfg, err.buf, err.len, out, sizeof(out),
				      &x),
		 XLAT_DROP, "4->6 error from loopback");
	CHECK_EQ(x.reason, JOOL_STAT_ICMP_NO_SOURCE, "no RFC 6791 source");
	cfg.rfc6791v6_set = true;
	inet_pton(AF_INET6, "2001:db8:ff::", &cfg.rfc6791v6.addr);
	cfg.rfc6791v6.len = 128;
	memset(&x, 0, sizeof(x));
	CHECK_EQ(jool_xlat46_icmp_err(&cfg, err.buf, err.len, out, sizeof(out),
				      &x),
		 XLAT_OK, "4->6 error from loopback, RFC 6791");
	inet_pton(AF_INET6, "2001:db8:ff::", &want);
	CHECK(!memcmp(out + 8, &want, 16), "RFC 6791 source");

	/* The packet inside goes through denylist4. */
	pkt4(&inner, "198.51.100.6", "192.0.2.77", IPPROTO_UDP, 20, 1);
	s.src = "203.0.113.254";
	s.inner = inner.buf;
	s.inner_len = inner.len;
	pkt_icmp_err(&err, &s);
	memset(&x, 0, sizeof(x));
	CHECK_EQ(jool_xlat46_icmp_err(&cfg, err.buf, err.len, out, sizeof(out),
				      &x),
		 XLAT_DROP, "4->6 error about a denied destination");
	CHECK_EQ(x.reason, JOOL_STAT_DENYLISTED, "reason");
	/* The outer destination too. */
	pkt4(&inner, "192.0.2.9", "203.0.113.1", IPPROTO_UDP, 20, 1);
	s.dst = "192.0.2.9";
	pkt_icmp_err(&err, &s);
	memset(&x, 0, sizeof(x));
	x.len = err.len;
	CHECK_EQ(jool_xlat46(&cfg, err.buf, err.len, &x), XLAT_DROP,
		 "4->6 error to a denied destination");
	CHECK_EQ(x.reason, JOOL_STAT_DENYLISTED, "reason");

	/* 6->4: the same, the other way. */
	pkt6(&inner, "64:ff9b::198.51.100.6", "64:ff9b::203.0.113.1",
	     IPPROTO_UDP, 20, 1);
	memset(&s, 0, sizeof(s));
	s.src = "64:ff9b::192.0.2.1";
	s.dst = "64:ff9b::198.51.100.6";
	s.type = 3;
	s.inner = inner.buf;
	s.inner_len = inner.len;
	s.ttl = 64;
	pkt_icmp_err(&err, &s);
	memset(&x, 0, sizeof(x));
	CHECK_EQ(jool_xlat64_icmp_err(&cfg, err.buf, err.len, out, sizeof(out),
				      &x),
		 XLAT_OK, "6->4 error from a denied router (reason %d)",
		 x.reason);
	want4 = ip4("192.0.2.1");
	CHECK(!memcmp(out + 12, &want4, 4), "its source is translated");
	pkt6(&inner, "64:ff9b::198.51.100.6", "64:ff9b::192.0.2.1",
	     IPPROTO_UDP, 20, 1);
	s.src = "64:ff9b::203.0.113.254";
	s.inner = inner.buf;
	s.inner_len = inner.len;
	pkt_icmp_err(&err, &s);
	memset(&x, 0, sizeof(x));
	CHECK_EQ(jool_xlat64_icmp_err(&cfg, err.buf, err.len, out, sizeof(out),
				      &x),
		 XLAT_DROP, "6->4 error about a denied destination");
	CHECK_EQ(x.reason, JOOL_STAT_DENYLISTED, "reason");
	jool_denylist_free(d);
}

const struct unit_test denylist_tests[] = {
	{ "denylist/edges", test_edges },
	{ "denylist/changes", test_changes },
	{ "denylist/cap", test_cap },
	{ "denylist/bulk-time", test_bulk_time },
	{ "denylist/random", test_random },
	{ "denylist/implicit", test_implicit },
	{ "denylist/implicit-all", test_implicit_all },
	{ "denylist/xlat", test_dl_xlat },
	{ "denylist/rule", test_rule },
	{ "denylist/icmp", test_dl_icmp },
	{ NULL, NULL }
};
