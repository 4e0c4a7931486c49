// SPDX-License-Identifier: GPL-2.0
/*
 * NAT64 transport address allocation (src/core/port_alloc.c), with fixed
 * F() values and a bitmap standing for the BIB: RFC 6056 algorithm 3
 * (f-args, offset, next_ephemeral, wrap-around), RFC 6146 3.5.1.1 (range,
 * parity, paired address, exhaustion), max-iterations, ICMP (3.5.3).
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include "core/port_alloc.h"
#include "unit.h"

/* The BIB: addresses 192.0.2.0/24, by last byte and port. */
static u8 bib[256][65536 / 8];
static unsigned int calls, strays;

static __be32 ip4(const char *s)
{
	__be32 a;

	inet_pton(AF_INET, s, &a);
	return a;
}

static unsigned int last_byte(__be32 a)
{
	return ntohl(a) & 0xff;
}

static bool is_taken(__be32 a, u16 port)
{
	return bib[last_byte(a)][port / 8] & (1 << (port % 8));
}

static void take(__be32 a, u16 port)
{
	bib[last_byte(a)][port / 8] |= 1 << (port % 8);
}

static bool taken_cb(const struct jool_taddr4 *t, void *arg)
{
	calls++;
	strays += ntohl(t->addr) >> 8 != 0xc00002;
	return is_taken(t->addr, t->port);
}

/* The pool4 of the test at hand. */
static struct pool4 *pool;

/* pool4 plus (or minus) @c. */
static void apply(const struct pool4_change *c, bool add)
{
	struct pool4 *n = NULL;
	enum jool_cfg_err why;
	unsigned int bad;
	int err;

	err = add ? jool_pool4_with_added(pool, c, 1, &n, &why, &bad) :
		    jool_pool4_with_removed(pool, c, &n, &why);
	CHECK_EQ(err, 0, "pool4 change: %d", why);
	jool_pool4_free(pool);
	pool = n;
}

/* pool4 += @addr/@len ports @min-@max for @protos, max-iterations. */
static void add(u8 protos, const char *addr, u8 len, u16 min, u16 max,
		u8 iter_mode, u32 iter)
{
	struct pool4_change c = {
		.protos = protos,
		.prefix = { .addr = ip4(addr), .len = len },
		.min = min,
		.max = max,
		.force = true,
		.iter_set = iter_mode != JOOL_POOL4_ITER_AUTO,
		.iter_mode = iter_mode,
		.iterations = iter,
	};

	apply(&c, true);
}

/*
 * An empty pool4 and BIB; also checks that the previous test asked about
 * pool4 addresses only.
 */
static void reset(void)
{
	CHECK_EQ(strays, 0, "candidates out of 192.0.2.0/24");
	jool_pool4_free(pool);
	pool = NULL;
	memset(bib, 0, sizeof(bib));
	calls = 0;
	strays = 0;
}

static struct port_alloc_req req(u8 proto, u16 port, u64 hash)
{
	struct port_alloc_req r;

	memset(&r, 0, sizeof(r));
	r.pool4 = pool;
	r.proto = proto;
	r.port = port;
	r.hash = hash;
	r.taken = taken_cb;
	return r;
}

static enum port_alloc_res run(const struct port_alloc_req *r)
{
	struct port_alloc_out out;

	return jool_port_alloc(r, &out);
}

/* jool_port_alloc() gives @addr#@port, breaking the rules @lost. */
static void expect(const struct port_alloc_req *r, const char *addr,
		   u16 port, u8 lost, const char *what)
{
	struct port_alloc_out out;
	enum port_alloc_res res = jool_port_alloc(r, &out);

	CHECK(res == PORT_ALLOC_OK && out.taddr.addr == ip4(addr) &&
	      out.taddr.port == port && out.lost == lost,
	      "%s: want %s#%u lost %u, got %d %08x#%u lost %u", what, addr,
	      port, lost, res, ntohl(out.taddr.addr), out.taddr.port,
	      out.lost);
}

/* expect(), F() being @hash from now on. */
static void expect_at(struct port_alloc_req *r, u64 hash, const char *addr,
		      u16 port, u8 lost, const char *what)
{
	r->hash = hash;
	expect(r, addr, port, lost, what);
}

static void test_f_input(void)
{
	struct jool_tuple6 t;
	struct port_alloc_f in;

	memset(&t, 0xee, sizeof(t));
	inet_pton(AF_INET6, "2001:db8::1", &t.src.addr);
	inet_pton(AF_INET6, "64:ff9b::c000:201", &t.dst.addr);
	t.src.port = 0x1234;
	t.dst.port = 80;
	jool_port_alloc_f_input(&t, PORT_ALLOC_F_DEFAULT, &in);
	CHECK_EQ(in.len, 34, "default: source and destination address, "
		 "destination port");
	CHECK(!memcmp(in.bytes, &t.src.addr, 16) &&
	      !memcmp(in.bytes + 16, &t.dst.addr, 16) &&
	      in.bytes[32] == 0 && in.bytes[33] == 80, "default's layout");
	jool_port_alloc_f_input(&t, PORT_ALLOC_F_SRC_PORT, &in);
	CHECK(in.len == 2 && in.bytes[0] == 0x12 && in.bytes[1] == 0x34,
	      "source port, big endian");
	jool_port_alloc_f_input(&t, PORT_ALLOC_F_ALL, &in);
	CHECK_EQ(in.len, PORT_ALLOC_F_MAX, "every field");
	CHECK(in.bytes[16] == 0x12 && !memcmp(in.bytes + 18, &t.dst.addr, 16),
	      "order: source address, source port, destination...");
	jool_port_alloc_f_input(&t, 0xf0, &in);
	CHECK_EQ(in.len, 0, "no field (unknown bits ignored)");
	jool_port_alloc_f_input(&t, PORT_ALLOC_F_DST_ADDR, &in);
	CHECK(in.len == 16 && !memcmp(in.bytes, &t.dst.addr, 16), "dst addr");
}

/* RFC 6056 3.3.3: offset = F() + next_ephemeral, modulo the set. */
static void test_offset(void)
{
	struct port_alloc_req r;
	u32 next = 5;

	reset();
	add(POOL4_TCP, "192.0.2.0", 31, 2000, 2099, 0, 0);
	r = req(IPPROTO_TCP, 5000, 10);
	expect(&r, "192.0.2.0", 2010, 0, "F() = 10");
	expect_at(&r, 150, "192.0.2.1", 2050, 0, "F() = 150: second address");
	expect_at(&r, 200 * 7 + 10, "192.0.2.0", 2010, 0, "F() mod the set");
	expect_at(&r, 11, "192.0.2.0", 2012, 0, "even port: 2011 skipped");
	CHECK_EQ(calls, 5, "one BIB lookup each, two for 2011 then 2012");
	r.hash = 10;
	r.next_ephemeral = &next;
	expect(&r, "192.0.2.0", 2016, 0, "F() + next_ephemeral = 15");
	CHECK_EQ(next, 7, "next_ephemeral: 2 positions walked");
	r.mark = 1;
	CHECK_EQ(run(&r),
		 PORT_ALLOC_NO_SET, "no set for mark 1");
	r.mark = 0;
	r.proto = IPPROTO_UDP;
	CHECK_EQ(run(&r),
		 PORT_ALLOC_NO_SET, "no UDP set");
	CHECK_EQ(next, 7, "untouched without a set");
}

/* RFC 6056 3.3.3: the search walks on, across entries and addresses. */
static void test_wrap(void)
{
	struct port_alloc_req r;
	u32 next = 0;

	reset();
	add(POOL4_TCP, "192.0.2.0", 31, 2000, 2099, 0, 0);
	take(ip4("192.0.2.0"), 2098);
	r = req(IPPROTO_TCP, 5000, 98);
	expect(&r, "192.0.2.1", 2000, 0, "to the next address");
	take(ip4("192.0.2.1"), 2098);
	expect_at(&r, 198, "192.0.2.0", 2000, 0, "last to first");
	r.hash = 199;
	r.next_ephemeral = &next;
	expect(&r, "192.0.2.0", 2000, 0, "odd last port to first");
	CHECK_EQ(next, 2, "2 positions");
}

/* RFC 6146 3.5.1.1: the 0-1023 / 1024-65535 range and the parity. */
static void test_range_parity(void)
{
	struct port_alloc_req r;
	unsigned int i;

	reset();
	add(POOL4_UDP, "192.0.2.1", 32, 1000, 1049, 0, 0);
	/* Positions: 1000-1023 are 0-23, 1024-1049 are 24-49. */
	r = req(IPPROTO_UDP, 123, 0);
	expect(&r, "192.0.2.1", 1001, 0, "odd, low");
	/* A start in the other range moves into the client's. */
	expect_at(&r, 30, "192.0.2.1", 1007, 0, "low: 1000 + 30 % 24, odd");
	r.port = 5000;
	expect_at(&r, 2, "192.0.2.1", 1026, 0, "high kept: 1024 + 2 % 26");
	r.port = 5001;
	expect(&r, "192.0.2.1", 1027, 0, "high and odd");
	for (i = 1001; i < 1024; i += 2)
		take(ip4("192.0.2.1"), i);
	r.port = 123;
	expect_at(&r, 0, "192.0.2.1", 1000, PORT_ALLOC_PARITY_LOST,
	       "range before parity: odd low ports taken");
	for (i = 1000; i < 1024; i += 2)
		take(ip4("192.0.2.1"), i);
	expect(&r, "192.0.2.1", 1025, PORT_ALLOC_RANGE_LOST,
	       "low range full: another range, parity kept");
	for (i = 1025; i < 1050; i += 2)
		take(ip4("192.0.2.1"), i);
	expect(&r, "192.0.2.1", 1024,
	       PORT_ALLOC_RANGE_LOST | PORT_ALLOC_PARITY_LOST,
	       "only even high ports left");
	r.port = 2001;
	r.hash = 24;
	calls = 0;
	expect(&r, "192.0.2.1", 1024, PORT_ALLOC_PARITY_LOST,
	       "high and odd: the odd ports taken");
	CHECK_EQ(calls, 1 + 13, "1024, then only the odd ones asked");
	reset();

	/* Jool's default range: every port >= 1024. */
	add(POOL4_TCP, "192.0.2.9", 32, POOL4_DEFAULT_MIN,
	    POOL4_DEFAULT_MAX, 0, 0);
	r = req(IPPROTO_TCP, 123, 0);
	expect(&r, "192.0.2.9", 61001, PORT_ALLOC_RANGE_LOST,
	       "NTP client: no low port in pool4, parity kept");
}

/* RFC 6146 3.5.1.1: the client's address T is used while it has room. */
static void test_paired(void)
{
	struct port_alloc_out out;
	struct port_alloc_req r;
	unsigned int i;

	reset();
	add(POOL4_TCP, "192.0.2.0", 30, 3000, 3009, 0, 0);
	r = req(IPPROTO_TCP, 4000, 0);
	r.n_paired = 1;
	r.paired[0] = ip4("192.0.2.2");
	expect(&r, "192.0.2.2", 3000, 0, "F() says .0, paired says .2");
	expect_at(&r, 13, "192.0.2.2", 3004, 0, "F() picks the port on .2");
	for (i = 3000; i < 3010; i++)
		take(ip4("192.0.2.2"), i);
	calls = 0;
	CHECK_EQ(jool_port_alloc(&r, &out), PORT_ALLOC_OK, "T full");
	/* Positions: .0#3000-3009 are 0-9, .1#3000-3009 10-19... */
	CHECK(out.taddr.addr == ip4("192.0.2.1") && out.taddr.port == 3004 &&
	      out.paired_lost && !out.lost, "rest of the set, from F()");
	CHECK_EQ(calls, 10 + 2, "T's 10 ports, then .1#3003 and .1#3004");
	r.paired[0] = ip4("192.0.2.77");
	CHECK_EQ(jool_port_alloc(&r, &out), PORT_ALLOC_OK, "T not in pool4");
	CHECK(out.taddr.addr == ip4("192.0.2.1") && out.paired_lost,
	      "the set, from F(): 13 = .1#3004");
	r.paired[0] = ip4("192.0.2.1");
	for (i = 3000; i < 3010; i += 2)
		take(ip4("192.0.2.1"), i);
	expect(&r, "192.0.2.1", 3003, PORT_ALLOC_PARITY_LOST,
	       "T kept over parity");
	/* T in two entries: F() picks the entry, then the port in it. */
	add(POOL4_TCP, "192.0.2.2", 32, 3020, 3029, 0, 0);
	r.pool4 = pool;
	r.paired[0] = ip4("192.0.2.2");
	expect_at(&r, 1, "192.0.2.2", 3020, 0, "entry 1 % 2, port 1 / 2");
	expect_at(&r, 7, "192.0.2.2", 3024, 0, "entry 1, 3020 + 7 / 2: odd");
	expect_at(&r, 6, "192.0.2.2", 3020, 0, "entry 0 (full), then entry 1");
	/*
	 * Several addresses (pools differ per protocol or mark): the first
	 * the set has is the client's here; none: the rest of the set.
	 */
	r.n_paired = 3;
	r.paired[0] = ip4("198.51.100.1");
	r.paired[1] = ip4("192.0.2.3");
	r.paired[2] = ip4("192.0.2.2");
	expect(&r, "192.0.2.3", 3006, 0, "the 2nd address, the 1st not here");
	r.n_paired = 1;
	CHECK_EQ(jool_port_alloc(&r, &out), PORT_ALLOC_OK, "T elsewhere");
	CHECK(out.paired_lost, "the client's only address is not in the set");
	r.n_paired = 0;
	r.paired[0] = ip4("192.0.2.3");
	CHECK_EQ(jool_port_alloc(&r, &out), PORT_ALLOC_OK, "no address");
	CHECK(!out.paired_lost, "a first mapping loses nothing");
}

/* RFC 6146 3.5.1.1: no free transport address, the packet is dropped. */
static void test_exhausted(void)
{
	struct port_alloc_out out;
	struct port_alloc_req r;
	unsigned int i;
	u32 next = 0;

	reset();
	add(POOL4_UDP, "192.0.2.0", 31, 1, 100, JOOL_POOL4_ITER_INFINITE,
	    0);
	for (i = 1; i <= 100; i++) {
		take(ip4("192.0.2.0"), i);
		take(ip4("192.0.2.1"), i);
	}
	r = req(IPPROTO_UDP, 7, 77);
	r.next_ephemeral = &next;
	CHECK_EQ(jool_port_alloc(&r, &out), PORT_ALLOC_EXHAUSTED, "full");
	CHECK_EQ(calls, 200, "every transport address asked once");
	CHECK_EQ(out.tries, 200, "tries");
	CHECK_EQ(next, 200, "a lap walked");
	r.n_paired = 1;
	r.paired[0] = ip4("192.0.2.1");
	calls = 0;
	CHECK_EQ(jool_port_alloc(&r, &out), PORT_ALLOC_EXHAUSTED, "paired");
	CHECK_EQ(calls, 200, "T, then the rest: each once");
}

/* RFC 6146 3.5.1.1 and Jool's max-iterations: the search is bounded. */
static void test_iterations(void)
{
	struct port_alloc_out out;
	struct port_alloc_req r;
	unsigned int i;

	reset();
	add(POOL4_TCP, "192.0.2.0", 30, 1, 1000, JOOL_POOL4_ITER_FIXED,
	    10);
	for (i = 1; i <= 1000; i++)
		take(ip4("192.0.2.1"), i);
	r = req(IPPROTO_TCP, 200, 1000);
	CHECK_EQ(jool_port_alloc(&r, &out), PORT_ALLOC_ITERATIONS, "limit");
	CHECK_EQ(calls, 10, "10 candidates");
	for (i = 2; i <= 20; i += 2)
		take(ip4("192.0.2.0"), i);
	r.hash = 0;
	calls = 0;
	expect(&r, "192.0.2.0", 1, PORT_ALLOC_PARITY_LOST,
	       "no even port in 10 steps: the odd one met");
	CHECK_EQ(calls, 10, "the budget spent looking for an even one");
	r.n_paired = 1;
	r.paired[0] = ip4("192.0.2.1");
	calls = 0;
	CHECK_EQ(jool_port_alloc(&r, &out), PORT_ALLOC_OK, "paired, full");
	CHECK(out.taddr.addr == ip4("192.0.2.0") && out.taddr.port == 1 &&
	      out.paired_lost, "T cut after 10, then the rest");
	CHECK_EQ(calls, 20, "10 on T, 10 on the rest");
	CHECK_EQ(out.tries, 20, "tries");
}

/* A set with holes (removed ranges) and one-port entries. */
static void test_holes(void)
{
	struct pool4_change hole = {
		.protos = POOL4_UDP,
		.prefix = { .addr = ip4("192.0.2.1"), .len = 32 },
		.min = 20,
		.max = 29,
	};
	struct port_alloc_req r;

	reset();
	add(POOL4_UDP, "192.0.2.1", 32, 10, 39, JOOL_POOL4_ITER_FIXED, 3);
	apply(&hole, false);
	add(POOL4_UDP, "192.0.2.5", 32, 7, 7, JOOL_POOL4_ITER_FIXED, 3);
	add(POOL4_UDP, "192.0.2.6", 32, 9, 9, JOOL_POOL4_ITER_FIXED, 3);
	/* Positions: .1#10-19 0-9, .1#30-39 10-19, .5#7 20, .6#9 21. */
	r = req(IPPROTO_UDP, 100, 8);
	take(ip4("192.0.2.1"), 18);
	expect(&r, "192.0.2.1", 30, 0, "over the hole");
	expect_at(&r, 20, "192.0.2.1", 10, 0,
	       ".5#7 (odd), .6#9 passed over, .1#10 in the 3rd step");
	r.port = 101;
	expect(&r, "192.0.2.5", 7, 0, "a one-port entry");
	take(ip4("192.0.2.5"), 7);
	expect(&r, "192.0.2.6", 9, 0, "the next one-port entry");
	take(ip4("192.0.2.6"), 9);
	take(ip4("192.0.2.1"), 10);
	take(ip4("192.0.2.1"), 11);
	calls = 0;
	CHECK_EQ(run(&r),
		 PORT_ALLOC_ITERATIONS, "3 steps: .5#7, .6#9, .1#10");
	CHECK_EQ(calls, 3, "3 lookups");
}

/* RFC 6146 3.5.3: ICMP identifiers have no range or parity rule. */
static void test_icmp(void)
{
	/* The client's identifier, F(), the identifier it gets. */
	static const u16 cases[][3] = {
		{ 5, 2, 2 }, { 5000, 0, 0 }, { 0, 9, 9 }, { 1, 9, 9 },
	};
	struct port_alloc_req r;
	unsigned int i;
	char what[16];

	reset();
	add(POOL4_ICMP, "192.0.2.1", 32, 0, 9, 0, 0);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		r = req(IPPROTO_ICMP, cases[i][0], cases[i][1]);
		snprintf(what, sizeof(what), "case %u", i);
		expect(&r, "192.0.2.1", cases[i][2], 0, what);
	}
	r.hash = 0;
	take(ip4("192.0.2.1"), 0);
	calls = 0;
	expect(&r, "192.0.2.1", 1, 0, "0 taken: the next identifier");
	CHECK_EQ(calls, 2, "2 lookups");
}

/* The state of a random walk, for the 64k tests. */
static u64 lcg(u64 *x)
{
	*x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
	return *x >> 16;
}

/*
 * A whole address, allocated until full: each search within max-iterations
 * (auto: 1024 for 65535 ports), every result free and in the set.
 */
static void test_64k(void)
{
	unsigned int i, ok = 0, first_fail = 0, over = 0, dup = 0;
	struct port_alloc_out out;
	enum port_alloc_res res;
	struct port_alloc_req r;
	u64 x = 42;
	u32 next = 0;

	reset();
	add(POOL4_TCP, "192.0.2.1", 32, 1, 65535, 0, 0);
	r = req(IPPROTO_TCP, 0, 0);
	r.next_ephemeral = &next;
	for (i = 0; i < 70000; i++) {
		r.hash = lcg(&x);
		r.port = 1024 + (lcg(&x) % 64512);
		calls = 0;
		res = jool_port_alloc(&r, &out);
		over += calls > 1024 || out.tries != calls;
		if (res != PORT_ALLOC_OK) {
			CHECK(res == PORT_ALLOC_ITERATIONS, "cut, %d", res);
			if (!first_fail)
				first_fail = ok;
			continue;
		}
		dup += is_taken(out.taddr.addr, out.taddr.port);
		take(out.taddr.addr, out.taddr.port);
		ok++;
	}
	CHECK_EQ(over, 0, "every search within 1024 lookups");
	CHECK_EQ(dup, 0, "no transport address given twice");
	/* Jool measured 91% for 1024 iterations; ports 1-1023 wait. */
	CHECK(first_fail > 65535 * 9 / 10, "first refusal at %u", first_fail);

	/* Infinity: all 65536 identifiers, then exhausted after one lap. */
	reset();
	add(POOL4_ICMP, "192.0.2.1", 32, 0, 65535,
	    JOOL_POOL4_ITER_INFINITE, 0);
	r.pool4 = pool;
	r.proto = IPPROTO_ICMP;
	for (i = 0, ok = 0; i < 65536; i++) {
		r.hash = lcg(&x);
		r.port = i;
		res = jool_port_alloc(&r, &out);
		if (res == PORT_ALLOC_OK && !is_taken(out.taddr.addr,
						      out.taddr.port)) {
			take(out.taddr.addr, out.taddr.port);
			ok++;
		}
	}
	CHECK_EQ(ok, 65536, "every identifier given once");
	calls = 0;
	CHECK_EQ(jool_port_alloc(&r, &out), PORT_ALLOC_EXHAUSTED, "then none");
	CHECK_EQ(calls, 65536, "after one lap");
	reset();
}

/* jool_port_alloc_range(): a window of 8 ports, pool4 holes, wrap, ICMP. */
static void test_window(void)
{
	struct port_alloc_req r;
	struct port_alloc_out out;
	unsigned int i, seen = 0;
	u32 ne = 0;

	reset();
	add(POOL4_UDP, "192.0.2.1", 32, 1024, 1027, JOOL_POOL4_ITER_AUTO, 0);
	add(POOL4_UDP, "192.0.2.1", 32, 1030, 2000, JOOL_POOL4_ITER_AUTO, 0);
	r = req(IPPROTO_UDP, 5001, 3);
	r.next_ephemeral = &ne;
	/* Window 1024-1031: ports 1028, 1029 are not in pool4. */
	CHECK_EQ(jool_port_alloc_range(&r, ip4("192.0.2.1"), 1024, 1031, &out),
		 PORT_ALLOC_OK, "first");
	CHECK(out.taddr.port == 1027 && !out.lost,
	      "start 1024 + 3, parity kept: got %u", out.taddr.port);
	CHECK_EQ(ne, 1, "next_ephemeral advanced");
	for (i = 0; i < 6; i++) {
		r.hash = i;
		if (jool_port_alloc_range(&r, ip4("192.0.2.1"), 1024, 1031,
					  &out) != PORT_ALLOC_OK)
			break;
		CHECK(out.taddr.port >= 1024 && out.taddr.port <= 1031 &&
		      out.taddr.port != 1028 && out.taddr.port != 1029,
		      "inside the window and pool4: %u", out.taddr.port);
		CHECK(!is_taken(out.taddr.addr, out.taddr.port), "free");
		take(out.taddr.addr, out.taddr.port);
		seen |= 1 << (out.taddr.port - 1024);
		if (i < 2)
			CHECK_EQ(out.lost, 0, "odd ports first");
	}
	CHECK_EQ(i, 6, "six ports in the window");
	CHECK_EQ(seen, 0xcf, "each once");
	CHECK_EQ(jool_port_alloc_range(&r, ip4("192.0.2.1"), 1024, 1031, &out),
		 PORT_ALLOC_EXHAUSTED, "then full");
	CHECK_EQ(jool_port_alloc_range(&r, ip4("192.0.2.2"), 1024, 1031, &out),
		 PORT_ALLOC_EXHAUSTED, "an address pool4 lacks");
	r.proto = IPPROTO_TCP;
	CHECK_EQ(jool_port_alloc_range(&r, ip4("192.0.2.1"), 1024, 1031, &out),
		 PORT_ALLOC_NO_SET, "no TCP set");

	/* The last port of the space, and a one-port window. */
	reset();
	add(POOL4_ICMP, "192.0.2.1", 32, 65532, 65535, JOOL_POOL4_ITER_AUTO,
	    0);
	r = req(IPPROTO_ICMP, 7, 0);
	CHECK_EQ(jool_port_alloc_range(&r, ip4("192.0.2.1"), 65535, 65535,
				       &out), PORT_ALLOC_OK, "last port");
	CHECK_EQ(out.taddr.port, 65535, "65535");
	take(out.taddr.addr, 65535);
	CHECK_EQ(jool_port_alloc_range(&r, ip4("192.0.2.1"), 65535, 65535,
				       &out), PORT_ALLOC_EXHAUSTED,
		 "last port taken");
	reset();
}

/* Blocks held, for jool_port_block_find(): by last byte and block. */
static u8 held[256][1024];
static unsigned int block_asks;

static bool block_free_cb(const struct jool_taddr4 *t, void *arg)
{
	u32 size = *(u32 *)arg;

	block_asks++;
	return !held[last_byte(t->addr)][t->port / size];
}

/* jool_port_block_find(): aligned blocks, the start, wrap, the end. */
static void test_blocks(void)
{
	struct port_alloc_req r;
	struct jool_taddr4 out;
	unsigned int i, n;
	u32 size = 256, ne = 0;

	reset();
	memset(held, 0, sizeof(held));
	add(POOL4_UDP, "192.0.2.1", 32, 1024, 2047, JOOL_POOL4_ITER_AUTO, 0);
	add(POOL4_UDP, "192.0.2.2", 32, 61001, 65535, JOOL_POOL4_ITER_AUTO,
	    0);
	/* Entry 1 (192.0.2.2), block 238 + (5 / 2) mod 18 (238-255). */
	r = req(IPPROTO_UDP, 5000, 5);
	r.next_ephemeral = &ne;
	CHECK_EQ(jool_port_block_find(&r, size, block_free_cb, &size, &out),
		 PORT_ALLOC_OK, "a block");
	CHECK(out.addr == ip4("192.0.2.2") && out.port == 240 * 256,
	      "192.0.2.2#61440, got %08x#%u", ntohl(out.addr), out.port);
	CHECK_EQ(ne, 1, "next_ephemeral advanced");
	/* The first block meets the entry only partly: 60928-61183. */
	r.hash = 1;
	ne = 0;
	CHECK_EQ(jool_port_block_find(&r, size, block_free_cb, &size, &out),
		 PORT_ALLOC_OK, "the partial block");
	CHECK(out.addr == ip4("192.0.2.2") && out.port == 238 * 256,
	      "192.0.2.2#60928, got %08x#%u", ntohl(out.addr), out.port);
	/* Every block once, then none. */
	r.next_ephemeral = NULL;
	for (n = 0; n < 30; n++) {
		r.hash = n * 7;
		if (jool_port_block_find(&r, size, block_free_cb, &size,
					 &out) != PORT_ALLOC_OK)
			break;
		CHECK(!held[last_byte(out.addr)][out.port / size],
		      "a held block given");
		held[last_byte(out.addr)][out.port / size] = 1;
	}
	CHECK_EQ(n, 4 + 18, "4 blocks of 192.0.2.1, 18 of 192.0.2.2");
	block_asks = 0;
	CHECK_EQ(jool_port_block_find(&r, size, block_free_cb, &size, &out),
		 PORT_ALLOC_EXHAUSTED, "then exhausted");
	CHECK_EQ(block_asks, 22, "after asking about each once");
	for (i = 0; i < 256; i++)
		memset(held[i], 0, sizeof(held[i]));
	r.proto = IPPROTO_TCP;
	CHECK_EQ(jool_port_block_find(&r, size, block_free_cb, &size, &out),
		 PORT_ALLOC_NO_SET, "no TCP set");
	reset();
}

const struct unit_test port_alloc_tests[] = {
	{ "port_alloc/rfc6056-f-args", test_f_input },
	{ "port_alloc/rfc6056-3.3.3-offset", test_offset },
	{ "port_alloc/rfc6056-3.3.3-wrap", test_wrap },
	{ "port_alloc/rfc6146-3.5.1.1-range-parity", test_range_parity },
	{ "port_alloc/rfc6146-3.5.1.1-paired", test_paired },
	{ "port_alloc/rfc6146-3.5.1.1-exhausted", test_exhausted },
	{ "port_alloc/rfc6146-3.5.1.1-max-iterations", test_iterations },
	{ "port_alloc/rfc6146-3.5.1.1-holes", test_holes },
	{ "port_alloc/rfc6146-3.5.3-icmp", test_icmp },
	{ "port_alloc/rfc6146-3.5.1.1-64k", test_64k },
	{ "port_alloc/window", test_window },
	{ "port_alloc/blocks", test_blocks },
	{ NULL, NULL }
};
