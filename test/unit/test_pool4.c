// SPDX-License-Identifier: GPL-2.0
/*
 * pool4: additions (merging, defaults, port 0, force, the ephemeral range,
 * max-iterations), removals (holes, whole sets, nothing matched), the cap,
 * the membership test, the cursor, and random changes checked against a
 * bitmap model.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "core/pool4.h"
#include "unit.h"

static __be32 ip4(const char *s)
{
	__be32 a;

	inet_pton(AF_INET, s, &a);
	return a;
}

static struct pool4_change chg(u8 protos, const char *addr, u8 len, u16 min,
			       u16 max)
{
	struct pool4_change c;

	memset(&c, 0, sizeof(c));
	c.protos = protos;
	c.prefix.addr = ip4(addr);
	c.prefix.len = len;
	c.min = min;
	c.max = max;
	return c;
}

/* @p becomes @p plus (or minus) @c; returns the errno. */
static int apply(struct pool4 **p, const struct pool4_change *c, bool add,
		 enum jool_cfg_err *why)
{
	struct pool4 *n = NULL;
	unsigned int bad;
	int err;

	err = add ? jool_pool4_with_added(*p, c, 1, &n, why, &bad) :
		    jool_pool4_with_removed(*p, c, &n, why);
	if (!err) {
		jool_pool4_free(*p);
		*p = n;
	}
	return err;
}

/* An entry as jool_pool4_get() should give it. */
struct want {
	u8 proto;
	u32 mark;
	const char *addr;
	u16 min;
	u16 max;
};

/* The first @n entries of @p are @w, in that order. */
static void expect_rows(const struct pool4 *p, const struct want *w,
			unsigned int n)
{
	struct pool4_row r;
	unsigned int i;

	CHECK(jool_pool4_count(p) >= n, "%u entries at least", n);
	for (i = 0; i < n && i < jool_pool4_count(p); i++) {
		jool_pool4_get(p, i, &r);
		CHECK(r.proto == w[i].proto && r.mark == w[i].mark &&
		      r.addr == ip4(w[i].addr) && r.min == w[i].min &&
		      r.max == w[i].max,
		      "row %u: want %u/%u %s %u-%u, got %u/%u %u-%u", i,
		      w[i].proto, w[i].mark, w[i].addr, w[i].min, w[i].max,
		      r.proto, r.mark, r.min, r.max);
	}
}

static void test_merge(void)
{
	/* Overlapping, touching (merged), apart, reversed (swapped). */
	static const u16 ports[][2] = {
		{ 1000, 2500 }, { 1500, 3000 }, { 3001, 4000 },
		{ 5000, 6000 }, { 100, 10 },
	};
	static const struct want merged[] = {
		{ IPPROTO_TCP, 0, "192.0.2.1", 10, 100 },
		{ IPPROTO_TCP, 0, "192.0.2.1", 1000, 4000 },
		{ IPPROTO_TCP, 0, "192.0.2.1", 5000, 6000 },
		/* Other marks and protocols are other sets, in order. */
		{ IPPROTO_TCP, 5, "192.0.2.0", 1, 7 },
		{ IPPROTO_TCP, 5, "192.0.2.1", 1, 7 },
		{ IPPROTO_UDP, 5, "192.0.2.0", 1, 7 },
		{ IPPROTO_UDP, 5, "192.0.2.1", 1, 7 },
		{ IPPROTO_ICMP, 5, "192.0.2.0", 0, 7 },
		{ IPPROTO_ICMP, 5, "192.0.2.1", 0, 7 },
	};
	struct pool4_change c = chg(POOL4_TCP, "192.0.2.1", 32, 0, 0);
	struct pool4 *p = NULL;
	enum jool_cfg_err why;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ports); i++) {
		c.min = ports[i][0];
		c.max = ports[i][1];
		CHECK_EQ(apply(&p, &c, true, &why), 0, "add %u", i);
	}
	CHECK_EQ(jool_pool4_count(p), 3, "merged into 3");
	expect_rows(p, merged, 3);
	c = chg(POOL4_ALL, "192.0.2.0", 31, 0, 7);
	c.mark = 5;
	CHECK_EQ(apply(&p, &c, true, &why), 0, "every protocol, a /31");
	CHECK_EQ(jool_pool4_count(p), ARRAY_SIZE(merged), "count");
	expect_rows(p, merged, ARRAY_SIZE(merged));
	jool_pool4_free(p);
}

static void test_refused(void)
{
	struct pool4_change c = chg(POOL4_TCP, "192.0.2.1", 32, 0, 0);
	struct pool4 *p = NULL;
	enum jool_cfg_err why;

	CHECK_EQ(apply(&p, &c, true, &why), -EINVAL, "TCP port 0 alone");
	CHECK_EQ(why, JOOL_CFG_POOL4_PORT0, "why");
	c.protos = POOL4_ICMP;
	CHECK_EQ(apply(&p, &c, true, &why), 0, "ICMP id 0 is fine");
	c = chg(POOL4_UDP, "192.0.2.0", 23, 61001, 65535);
	CHECK_EQ(apply(&p, &c, true, &why), -EINVAL, "/23");
	CHECK_EQ(why, JOOL_CFG_POOL4_BIG, "why");
	c.force = true;
	CHECK_EQ(apply(&p, &c, true, &why), 0, "/23 forced");
	CHECK_EQ(jool_pool4_count(p), 513, "512 + 1 entries");
	c = chg(POOL4_UDP, "192.0.2.1", 31, 0, 1);
	CHECK_EQ(apply(&p, &c, true, &why), -EINVAL, "host bits");
	CHECK_EQ(why, JOOL_CFG_POOL4_HOST, "why");
	c = chg(0, "192.0.2.1", 32, 1, 1);
	CHECK_EQ(apply(&p, &c, true, &why), -EINVAL, "no protocol");
	CHECK_EQ(why, JOOL_CFG_POOL4_PROTO, "why");
	c = chg(POOL4_TCP, "192.0.2.1", 33, 1, 1);
	CHECK_EQ(apply(&p, &c, true, &why), -EINVAL, "/33");
	CHECK_EQ(why, JOOL_CFG_POOL4_LEN, "why");
	c = chg(POOL4_TCP, "192.0.2.1", 32, 1, 1);
	c.iter_set = true;
	c.iter_mode = JOOL_POOL4_ITER_FIXED;
	CHECK_EQ(apply(&p, &c, true, &why), -EINVAL, "0 iterations");
	CHECK_EQ(why, JOOL_CFG_POOL4_ITER0, "why");
	/* The ephemeral range: TCP and UDP only, force overrides. */
	c = chg(POOL4_TCP, "192.0.2.1", 32, 0, 32768);
	c.eph_min = 32768;
	c.eph_max = 60999;
	CHECK_EQ(apply(&p, &c, true, &why), -EINVAL, "meets 32768");
	CHECK_EQ(why, JOOL_CFG_POOL4_EPHEMERAL, "why");
	c.min = 60999;
	c.max = 61000;
	CHECK_EQ(apply(&p, &c, true, &why), -EINVAL, "meets 60999");
	c.min = 61000;
	CHECK_EQ(apply(&p, &c, true, &why), 0, "61000 is past it");
	c.min = 1;
	c.max = 32767;
	CHECK_EQ(apply(&p, &c, true, &why), 0, "32767 is before it");
	c.protos = POOL4_ICMP;
	c.max = 40000;
	CHECK_EQ(apply(&p, &c, true, &why), 0, "ICMP ids are not ports");
	c.protos = POOL4_UDP;
	c.force = true;
	CHECK_EQ(apply(&p, &c, true, &why), 0, "forced");
	jool_pool4_free(p);
}

static u32 iterations(const struct pool4 *p, u8 proto, u32 mark)
{
	const struct pool4_set *s = jool_pool4_set_find(p, proto, mark);

	return s ? s->iterations : 0xdead;
}

/* A table of 10.0.0.0/16, ports 1 to @max, in @protos (forced). */
static struct pool4 *slash16(u8 protos, u16 max)
{
	struct pool4_change c = chg(protos, "10.0.0.0", 16, 1, max);
	struct pool4 *p = NULL;
	enum jool_cfg_err why;

	c.force = true;
	CHECK_EQ(apply(&p, &c, true, &why), 0, "a /16");
	return p;
}

static void test_iterations(void)
{
	struct pool4 *p = slash16(POOL4_TCP, 65535);
	struct pool4_change c;
	enum jool_cfg_err why;

	CHECK_EQ(iterations(p, IPPROTO_TCP, 0), POOL4_AUTO_MAX_ITERATIONS,
		 "auto, big");
	c = chg(POOL4_UDP, "10.1.0.0", 24, 1, 1024);
	CHECK_EQ(apply(&p, &c, true, &why), 0, "256 x 1024 ports");
	CHECK_EQ(iterations(p, IPPROTO_UDP, 0), 2048, "auto: 1/128");
	c.mark = 1;
	c.max = 10;
	CHECK_EQ(apply(&p, &c, true, &why), 0, "small");
	CHECK_EQ(iterations(p, IPPROTO_UDP, 1), POOL4_AUTO_MIN_ITERATIONS,
		 "auto, small");
	c.iter_set = true;
	c.iter_mode = JOOL_POOL4_ITER_FIXED;
	c.iterations = 999;
	CHECK_EQ(apply(&p, &c, true, &why), 0, "fixed");
	CHECK_EQ(iterations(p, IPPROTO_UDP, 1), 999, "fixed");
	CHECK_EQ(iterations(p, IPPROTO_UDP, 0), 2048, "other mark unchanged");
	c.iter_set = false;
	c.max = 20;
	CHECK_EQ(apply(&p, &c, true, &why), 0, "add without a setting");
	CHECK_EQ(iterations(p, IPPROTO_UDP, 1), 999, "kept");
	c.iter_set = true;
	c.iter_mode = JOOL_POOL4_ITER_INFINITE;
	CHECK_EQ(apply(&p, &c, true, &why), 0, "infinity");
	CHECK_EQ(iterations(p, IPPROTO_UDP, 1), 0, "infinite");
	CHECK_EQ(jool_pool4_set_find(p, IPPROTO_UDP, 1)->iter_mode,
		 JOOL_POOL4_ITER_INFINITE, "mode");
	/* A set removed and added again starts from auto. */
	c.iter_set = false;
	CHECK_EQ(apply(&p, &c, false, &why), 0, "remove the set");
	CHECK(!jool_pool4_set_find(p, IPPROTO_UDP, 1), "gone");
	CHECK_EQ(apply(&p, &c, true, &why), 0, "again");
	CHECK_EQ(iterations(p, IPPROTO_UDP, 1), POOL4_AUTO_MIN_ITERATIONS,
		 "auto again");
	jool_pool4_free(p);
}

static void test_remove(void)
{
	static const struct want holed[] = {
		{ IPPROTO_TCP, 0, "192.0.2.0", 1000, 2000 },
		{ IPPROTO_TCP, 0, "192.0.2.1", 1000, 1499 },
		{ IPPROTO_TCP, 0, "192.0.2.1", 1601, 2000 },
		{ IPPROTO_TCP, 0, "192.0.2.2", 1000, 2000 },
	};
	struct pool4_change c = chg(POOL4_TCP | POOL4_UDP, "192.0.2.0", 30,
				    1000, 2000);
	struct pool4 *p = NULL;
	enum jool_cfg_err why;

	CHECK_EQ(apply(&p, &c, true, &why), 0, "add");
	c = chg(POOL4_TCP, "192.0.2.1", 32, 1500, 1600);
	CHECK_EQ(apply(&p, &c, false, &why), 0, "a hole");
	CHECK_EQ(jool_pool4_count(p), 9, "one more entry");
	expect_rows(p, holed, ARRAY_SIZE(holed));
	CHECK(!jool_pool4_contains(p, IPPROTO_TCP, ip4("192.0.2.1"), 1550),
	      "hole");
	CHECK(jool_pool4_contains(p, IPPROTO_UDP, ip4("192.0.2.1"), 1550),
	      "UDP untouched");
	CHECK_EQ(apply(&p, &c, false, &why), -ESRCH, "again: nothing");
	CHECK_EQ(why, JOOL_CFG_POOL4_ABSENT, "why");
	c = chg(POOL4_TCP, "192.0.2.0", 24, 0, 1000);
	c.mark = 1;
	CHECK_EQ(apply(&p, &c, false, &why), -ESRCH, "other mark: nothing");
	c.mark = 0;
	CHECK_EQ(apply(&p, &c, false, &why), 0, "first ports of a /24");
	CHECK(!jool_pool4_contains(p, IPPROTO_TCP, ip4("192.0.2.0"), 1000) &&
	      jool_pool4_contains(p, IPPROTO_TCP, ip4("192.0.2.0"), 1001),
	      "1001 stays");
	c = chg(POOL4_ALL, "0.0.0.0", 0, 0, 65535);
	CHECK_EQ(apply(&p, &c, false, &why), 0, "everything");
	CHECK(!p, "empty is NULL");
	CHECK_EQ(apply(&p, &c, false, &why), -ESRCH, "from empty");
}

static void test_cap(void)
{
	struct pool4 *p = slash16(POOL4_ALL, 2);
	struct pool4_change c = chg(POOL4_ALL, "10.1.0.0", 16, 1, 2);
	enum jool_cfg_err why;

	CHECK_EQ(jool_pool4_count(p), 3 * 65536, "a /16 in 3 protocols");
	c.force = true;
	CHECK_EQ(apply(&p, &c, true, &why), -ENOSPC, "another");
	CHECK_EQ(why, JOOL_CFG_POOL4_FULL, "why");
	c = chg(POOL4_TCP, "0.0.0.0", 0, 1, 2);
	c.force = true;
	CHECK_EQ(apply(&p, &c, true, &why), -ENOSPC, "a /0");
	CHECK(jool_pool4_contains(p, IPPROTO_ICMP, ip4("10.0.255.255"), 2),
	      "last");
	CHECK(!jool_pool4_contains(p, IPPROTO_ICMP, ip4("10.1.0.0"), 2),
	      "past it");
	jool_pool4_free(p);
}

static void test_cursor(void)
{
	struct pool4_change c = chg(POOL4_UDP, "192.0.2.1", 32, 10, 12);
	const struct pool4_set *s;
	struct pool4_cursor cur;
	struct pool4 *p = NULL;
	enum jool_cfg_err why;
	u32 n;

	apply(&p, &c, true, &why);
	c.min = 20;
	c.max = 21;
	apply(&p, &c, true, &why);
	c.prefix.addr = ip4("192.0.2.0");
	c.min = 5;
	c.max = 5;
	apply(&p, &c, true, &why);
	c.mark = 1;	/* another set, which must not be walked into */
	apply(&p, &c, true, &why);
	s = jool_pool4_set_find(p, IPPROTO_UDP, 0);
	CHECK(s && s->taddrs == 6 && s->count == 3, "the set");
	CHECK(!jool_pool4_set_find(p, IPPROTO_TCP, 0), "no TCP set");
	CHECK(!jool_pool4_set_find(p, IPPROTO_UDP, 2), "no mark 2 set");
	/* Order: .0#5, .1#10, .1#11, .1#12, .1#20, .1#21. */
	jool_pool4_cursor_seek(p, s, 0, &cur);
	CHECK(cur.addr == ip4("192.0.2.0") && cur.port == 5, "offset 0");
	jool_pool4_cursor_seek(p, s, 3, &cur);
	CHECK(cur.addr == ip4("192.0.2.1") && cur.port == 12, "offset 3");
	jool_pool4_cursor_seek(p, s, 4 + 6 * 1000003ULL, &cur);
	CHECK(cur.addr == ip4("192.0.2.1") && cur.port == 20, "offset 4, mod");
	jool_pool4_cursor_next(p, s, &cur);
	CHECK(cur.port == 21, "next");
	jool_pool4_cursor_next(p, s, &cur);
	CHECK(cur.addr == ip4("192.0.2.0") && cur.port == 5, "wraps");
	jool_pool4_cursor_next(p, s, &cur);
	CHECK(cur.addr == ip4("192.0.2.1") && cur.port == 10, "next entry");
	CHECK(jool_pool4_cursor_addr(p, s, ip4("192.0.2.1"), &cur, &n),
	      "the address");
	CHECK(n == 2 && cur.port == 10, "its two entries");
	CHECK(!jool_pool4_cursor_addr(p, s, ip4("192.0.2.2"), &cur, &n),
	      "not there");
	s = jool_pool4_set_find(p, IPPROTO_UDP, 1);
	jool_pool4_cursor_seek(p, s, 7, &cur);
	jool_pool4_cursor_next(p, s, &cur);
	CHECK(cur.addr == ip4("192.0.2.0") && cur.port == 5, "one-port set");
	CHECK(!jool_pool4_contains(p, IPPROTO_UDP, ip4("192.0.2.1"), 13),
	      "13");
	CHECK(jool_pool4_contains(p, IPPROTO_UDP, ip4("192.0.2.1"), 12),
	      "12");
	CHECK(!jool_pool4_contains(p, IPPROTO_TCP, ip4("192.0.2.1"), 12),
	      "TCP");
	CHECK(!jool_pool4_contains(p, IPPROTO_ICMPV6, ip4("192.0.2.1"), 12),
	      "another protocol");
	jool_pool4_free(p);
}

/* Marks may share ports; membership is their union. */
static void test_marks(void)
{
	static const u16 ranges[][3] = {
		{ 0, 10, 20 }, { 1, 20, 30 }, { 2, 31, 40 }, { 3, 45, 45 },
		{ 4, 46, 50 }, { 5, 12, 14 },
	};
	static const u16 in[] = { 10, 14, 17, 20, 21, 30, 31, 40, 45, 46, 50 };
	static const u16 out[] = { 9, 41, 44, 51 };
	struct pool4 *p = NULL;
	struct pool4_change c;
	enum jool_cfg_err why;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ranges); i++) {
		c = chg(POOL4_TCP, "192.0.2.7", 32, ranges[i][1],
			ranges[i][2]);
		c.mark = ranges[i][0];
		CHECK_EQ(apply(&p, &c, true, &why), 0, "add %u", i);
	}
	for (i = 0; i < ARRAY_SIZE(in); i++)
		CHECK(jool_pool4_contains(p, IPPROTO_TCP, ip4("192.0.2.7"),
					  in[i]), "%u in", in[i]);
	for (i = 0; i < ARRAY_SIZE(out); i++)
		CHECK(!jool_pool4_contains(p, IPPROTO_TCP, ip4("192.0.2.7"),
					   out[i]), "%u out", out[i]);
	CHECK(!jool_pool4_contains(p, IPPROTO_TCP, ip4("192.0.2.6"), 20),
	      "another address");
	CHECK(!jool_pool4_contains(p, IPPROTO_TCP, ip4("192.0.2.8"), 20),
	      "another address");
	jool_pool4_free(p);
}

/* The model: 4 addresses x 64 ports, 2 marks, 3 protocols. */
#define M_ADDRS 4
#define M_PORTS 64
static bool model[3][2][M_ADDRS][M_PORTS];

static void model_apply(const struct pool4_change *c, bool add)
{
	unsigned int pr, a, port, first = ntohl(c->prefix.addr) & 0xff;
	unsigned int n = 1U << (32 - c->prefix.len);
	unsigned int lo = c->min < c->max ? c->min : c->max;
	unsigned int hi = c->min < c->max ? c->max : c->min;

	for (pr = 0; pr < 3; pr++) {
		if (!(c->protos & (1 << pr)))
			continue;
		for (a = first; a < first + n && a < M_ADDRS; a++) {
			for (port = lo; port <= hi; port++) {
				if (add && pr < 2 && !port)
					continue;
				model[pr][c->mark][a][port] = add;
			}
		}
	}
}

static const u8 model_protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP };

/* Every transport address, and each set walked from its start. */
static void model_check(const struct pool4 *p, unsigned int round)
{
	unsigned int pr, mk, a, port, k, bad = 0;
	const struct pool4_set *s;
	struct pool4_cursor cur;
	u64 total;

	for (pr = 0; pr < 3; pr++) {
		for (a = 0; a < M_ADDRS; a++) {
			for (port = 0; port < M_PORTS + 2; port++) {
				bool in = port < M_PORTS &&
					  (model[pr][0][a][port] ||
					   model[pr][1][a][port]);

				bad += in != jool_pool4_contains(p,
					model_protos[pr],
					htonl(0xc0000200 + a), port);
			}
		}
		for (mk = 0; mk < 2; mk++) {
			total = 0;
			for (a = 0; a < M_ADDRS; a++)
				for (port = 0; port < M_PORTS; port++)
					total += model[pr][mk][a][port];
			s = jool_pool4_set_find(p, model_protos[pr], mk);
			if (!total) {
				bad += !!s || jool_pool4_set_has(p, s,
						htonl(0xc0000200), 1);
				continue;
			}
			if (!s || s->taddrs != total) {
				bad++;
				continue;
			}
			/* Membership per mark (a stored SYN's choice). */
			for (a = 0; a < M_ADDRS; a++)
				for (port = 0; port < M_PORTS + 2; port++)
					bad += (port < M_PORTS &&
						model[pr][mk][a][port]) !=
					       jool_pool4_set_has(p, s,
						htonl(0xc0000200 + a), port);
			/* The walk visits them in order, once each. */
			jool_pool4_cursor_seek(p, s, 0, &cur);
			for (k = 0, a = 0; a < M_ADDRS; a++) {
				for (port = 0; port < M_PORTS; port++) {
					if (!model[pr][mk][a][port])
						continue;
					bad += cur.addr !=
					       htonl(0xc0000200 + a) ||
					       cur.port != port;
					jool_pool4_cursor_next(p, s, &cur);
					k++;
				}
			}
		}
	}
	CHECK(!bad, "round %u: %u mismatches", round, bad);
}

static void test_random(void)
{
	struct pool4 *p = NULL;
	enum jool_cfg_err why;
	unsigned int round;

	memset(model, 0, sizeof(model));
	for (round = 0; round < 400; round++) {
		bool add = random() % 3;
		unsigned int len = 30 + random() % 3;
		struct pool4_change c = chg(1 + random() % 7, "192.0.2.0", len,
					    random() % M_PORTS,
					    random() % M_PORTS);
		int err;

		c.prefix.addr = htonl(0xc0000200 +
				      ((random() % M_ADDRS) & ~((1U << (32 - len)) - 1)));
		c.mark = random() % 2;
		c.force = true;
		err = apply(&p, &c, add, &why);
		if (!err)
			model_apply(&c, add);
		else if (err != -ESRCH && why != JOOL_CFG_POOL4_PORT0)
			CHECK(false, "round %u: error %d", round, err);
		model_check(p, round);
	}
	jool_pool4_free(p);
}

/* CPU time of this thread, in seconds (as test_eamt.c's bounds). */
static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Whether @a and @b have the same entries and max-iterations. */
static bool same_pool(const struct pool4 *a, const struct pool4 *b)
{
	struct pool4_row x, y;
	unsigned int i;

	if (jool_pool4_count(a) != jool_pool4_count(b))
		return false;
	for (i = 0; i < jool_pool4_count(a); i++) {
		jool_pool4_get(a, i, &x);
		jool_pool4_get(b, i, &y);
		if (memcmp(&x, &y, sizeof(x)))
			return false;
	}
	return true;
}

/*
 * Several additions in one build: the table of adding them one at a time
 * (the last max-iterations of a set wins), the one at fault named, and
 * 20000 entries (a configuration file's pool4) in well under a second.
 * JOOL_BENCH=1 times the one-at-a-time way too (what JOOL_CMD_SET_CONFIG
 * did before: quadratic).
 */
static void test_batch(void)
{
	enum { N = 20000 };
	struct pool4_change *c = calloc(N, sizeof(*c));
	struct pool4 *seq = NULL, *one = NULL;
	enum jool_cfg_err why;
	unsigned int i, bad;
	double t;

	for (i = 0; i < 200; i++) {
		c[i] = chg(1 + random() % 7, "10.0.0.0", 32, random() % 70000,
			   random() % 70000);
		c[i].prefix.addr = htonl(0x0a000000 + (random() % 64) * 4);
		c[i].prefix.len = 30 + random() % 3;
		c[i].prefix.addr &= htonl(~0U << (32 - c[i].prefix.len));
		c[i].mark = random() % 3;
		c[i].force = true;
		c[i].iter_set = random() % 4 == 0;
		c[i].iter_mode = JOOL_POOL4_ITER_FIXED;
		c[i].iterations = 1 + i;
		CHECK_EQ(apply(&seq, &c[i], true, &why), 0, "one at a time %u",
			 i);
	}
	CHECK_EQ(jool_pool4_with_added(NULL, c, 200, &one, &why, &bad), 0,
		 "at once");
	CHECK(same_pool(seq, one), "the same table");
	for (i = 0; i < 3; i++)
		CHECK_EQ(iterations(one, IPPROTO_UDP, i),
			 iterations(seq, IPPROTO_UDP, i), "iterations %u", i);
	jool_pool4_free(seq);
	jool_pool4_free(one);
	seq = NULL;
	c[150].prefix.len = 33;
	CHECK_EQ(jool_pool4_with_added(NULL, c, 200, &one, &why, &bad),
		 -EINVAL, "one refused");
	CHECK(bad == 150 && why == JOOL_CFG_POOL4_LEN, "named: %u", bad);

	for (i = 0; i < N; i++) {
		c[i] = chg(POOL4_TCP, "10.0.0.0", 32, 1000, 2000);
		c[i].prefix.addr = htonl(0x0a000000 + i);
	}
	t = cpu_s();
	CHECK_EQ(jool_pool4_with_added(NULL, c, N, &one, &why, &bad), 0,
		 "20000 at once");
	t = cpu_s() - t;
	printf("pool4/batch: %d entries in one build: %.3f s\n", N, t);
	CHECK(t < 2, "20000 at once: %.3f s", t);
	CHECK_EQ(jool_pool4_count(one), N, "20000 entries");
	if (getenv("JOOL_BENCH")) {
		t = cpu_s();
		for (i = 0; i < N; i++)
			apply(&seq, &c[i], true, &why);
		printf("pool4/batch: %d entries one at a time: %.3f s\n", N,
		       cpu_s() - t);
		CHECK(same_pool(seq, one), "the same 20000");
		jool_pool4_free(seq);
	}
	jool_pool4_free(one);
	free(c);
}

const struct unit_test pool4_tests[] = {
	{ "pool4/merge", test_merge },
	{ "pool4/refused", test_refused },
	{ "pool4/iterations", test_iterations },
	{ "pool4/remove", test_remove },
	{ "pool4/cap", test_cap },
	{ "pool4/cursor", test_cursor },
	{ "pool4/marks", test_marks },
	{ "pool4/random", test_random },
	{ "pool4/batch", test_batch },
	{ NULL, NULL }
};
