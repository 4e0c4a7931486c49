// SPDX-License-Identifier: GPL-2.0
/*
 * Selftest of the NAT64 state tables, run at module load in DEBUG builds
 * ("make debug"; WireGuard's pattern). #included at the end of state.c.
 *
 * Nothing in the module creates sessions yet (the NAT64 packet path is
 * another piece), so this is what exercises session creation, lookups
 * both ways, endpoint-independent mapping, max-sessions, expiry and
 * refresh, the collector, BIB removal and the resumable iteration.
 */
#include "../stats.h"
#include "../device.h"

/* The device the tables count drops on. */
static struct jool_device *st_dev __initdata;

#define ST_CHECK(cond) do {						\
	if (!(cond)) {							\
		pr_err("state selftest: line %d: %s\n", __LINE__, #cond); \
		ok = false;						\
	}								\
} while (0)

/*
 * Tables for a selftest, with their collector stopped: the tests run
 * jool_session_collect() themselves and move gc_next.
 */
static struct jool_state *__init st_alloc(u32 max_sessions)
{
	struct jool_state *st = jool_state_alloc(st_dev, max_sessions);

	if (st)
		cancel_delayed_work_sync(&st->gc);
	return st;
}

static void __init st_taddrs(int i, struct jool_taddr6 *src,
			     struct jool_taddr4 *local,
			     struct jool_taddr4 *remote)
{
	memset(src, 0, sizeof(*src));
	src->addr.s6_addr[0] = 0x20;
	src->addr.s6_addr[1] = 0x01;
	src->addr.s6_addr32[3] = htonl(i + 1);
	src->port = 1000;
	local->addr = htonl(0xc0000201);	/* 192.0.2.1 */
	local->port = 2000 + i;
	remote->addr = htonl(0xcb007105);	/* 203.0.113.5 */
	remote->port = 80;
}

static bool __init st_basic(struct jool_state *st)
{
	struct jool_taddr4 local, remote, other;
	struct jool_session *s, *t;
	struct jool_taddr6 src;
	bool ok = true, made;

	st_taddrs(0, &src, &local, &remote);
	rcu_read_lock();
	s = jool_session_create(st, IPPROTO_TCP, &src, &local, &remote, 3,
				10 * HZ, NULL);
	ST_CHECK(!IS_ERR(s));
	if (IS_ERR(s))
		goto out;
	ST_CHECK(jool_session_lookup6(st, IPPROTO_TCP, &src, &remote) == s);
	ST_CHECK(jool_session_lookup4(st, IPPROTO_TCP, &local, &remote) == s);
	ST_CHECK(!jool_session_lookup6(st, IPPROTO_UDP, &src, &remote));
	ST_CHECK(jool_bib_lookup6(st, IPPROTO_TCP, &src) == s->bib);
	ST_CHECK(jool_bib_lookup4(st, IPPROTO_TCP, &local) == s->bib);
	ST_CHECK(s->state == 3);
	/* The same flow again: the same session, not made by this call. */
	t = jool_session_create(st, IPPROTO_TCP, &src, &local, &remote, 0,
				10 * HZ, &made);
	ST_CHECK(t == s && !made);
	ST_CHECK(jool_state_sessions(st) == 1);
	/* Another remote: the same BIB entry, whatever local says. */
	other = remote;
	other.port = 443;
	local.port = 2999;
	t = jool_session_create(st, IPPROTO_TCP, &src, &local, &other, 0,
				10 * HZ, &made);
	ST_CHECK(!IS_ERR(t) && t != s && t->bib == s->bib && made);
	/*
	 * No local transport address: only an existing BIB entry will do.
	 * (Two sessions, so that this client's four cancel out in
	 * st_iterate()'s checksum.)
	 */
	for (other.port = 8080; other.port < 8082; other.port++) {
		t = jool_session_create(st, IPPROTO_TCP, &src, NULL, &other,
					0, 10 * HZ, &made);
		ST_CHECK(!IS_ERR(t) && t->bib == s->bib && made);
	}
	st_taddrs(5, &src, &local, &remote);
	t = jool_session_create(st, IPPROTO_TCP, &src, NULL, &remote, 0,
				10 * HZ, NULL);
	ST_CHECK(PTR_ERR(t) == -EAGAIN);
	ST_CHECK(!jool_bib_lookup6(st, IPPROTO_TCP, &src));
	ST_CHECK(atomic_read(&s->bib->refs) == 4);
	/* Another client on a taken IPv4 taddr: choose another. */
	st_taddrs(1, &src, &local, &remote);
	local.port = 2000;
	t = jool_session_create(st, IPPROTO_TCP, &src, &local, &remote, 0,
				10 * HZ, NULL);
	ST_CHECK(PTR_ERR(t) == -EADDRINUSE);
	ST_CHECK(jool_state_sessions(st) == 4);
out:
	rcu_read_unlock();
	return ok;
}

static bool __init st_expiry(struct jool_state *st)
{
	struct jool_taddr4 local, remote;
	struct jool_session *s;
	struct jool_taddr6 src;
	bool ok = true;
	u32 n = jool_state_sessions(st), bibs = atomic_read(&st->bibs);
	unsigned long t0 = jiffies;

	st_taddrs(2, &src, &local, &remote);
	rcu_read_lock();
	s = jool_session_create(st, IPPROTO_UDP, &src, &local, &remote, 0, 0, NULL);
	ST_CHECK(!IS_ERR(s));
	if (!IS_ERR(s)) {
		/* A zero timeout: alive for the packet that made it. */
		ST_CHECK(jool_session_alive(s) || jiffies != t0);
		/* Expired: absent, but still counted until collected. */
		jool_session_refresh(st, s, 0);
		ST_CHECK(!jool_session_lookup6(st, IPPROTO_UDP, &src, &remote));
		ST_CHECK(jool_state_sessions(st) == n + 1);
		jool_session_refresh(st, s, 10 * HZ);
		ST_CHECK(jool_session_lookup6(st, IPPROTO_UDP, &src, &remote)
			 == s);
		/* Past 2^31 jiffies: the longest there is, not expired. */
		jool_session_refresh(st, s, 3UL << 30);
		ST_CHECK(jool_session_alive(s));
		jool_session_set_state(s, 5);
		ST_CHECK(s->state == 5);
		jool_session_refresh(st, s, 0);
	}
	rcu_read_unlock();
	st->gc_next = 0;
	ST_CHECK(jool_session_collect(st, st->mask + 1) == 0);
	ST_CHECK(jool_state_sessions(st) == n);
	/* Its BIB entry went with its last session. */
	ST_CHECK(atomic_read(&st->bibs) == bibs);
	rcu_read_lock();
	ST_CHECK(!jool_bib_lookup6(st, IPPROTO_UDP, &src));
	rcu_read_unlock();
	return ok;
}

static bool __init st_bib_del(struct jool_state *st)
{
	struct jool_taddr4 local, remote;
	struct jool_session *s;
	struct jool_taddr6 src;
	bool ok = true;
	u32 n = jool_state_sessions(st);

	st_taddrs(3, &src, &local, &remote);
	rcu_read_lock();
	s = jool_session_create(st, IPPROTO_ICMP, &src, &local, &remote, 0,
				10 * HZ, NULL);
	ST_CHECK(!IS_ERR(s));
	rcu_read_unlock();
	ST_CHECK(jool_bib_del(st, IPPROTO_ICMP, NULL, &local) == 0);
	ST_CHECK(jool_bib_del(st, IPPROTO_ICMP, NULL, &local) == -ESRCH);
	rcu_read_lock();
	ST_CHECK(!jool_session_lookup4(st, IPPROTO_ICMP, &local, &remote));
	rcu_read_unlock();
	st->gc_next = 0;
	jool_session_collect(st, st->mask + 1);
	ST_CHECK(jool_state_sessions(st) == n);
	/* Static: stays without sessions, goes when deleted. */
	ST_CHECK(!jool_bib_add_static(st, IPPROTO_ICMP, &src, &local, 0));
	ST_CHECK(jool_bib_add_static(st, IPPROTO_ICMP, &src, &local, 0) ==
		 -EEXIST);
	ST_CHECK(jool_bib_del(st, IPPROTO_ICMP, &src, NULL) == 0);
	return ok;
}

static int __init st_count(const struct jool_session *s, void *arg)
{
	u32 *c = arg;

	/* Stop every 7 entries, as a full message would. */
	if (++c[1] % 8 == 0)
		return -EMSGSIZE;
	c[0]++;
	c[2] ^= ntohl(s->bib->addr6.s6_addr32[3]) * 2654435761U;
	return 0;
}

static bool __init st_iterate(struct jool_state *st)
{
	struct jool_session_key key = {};
	struct jool_taddr4 local, remote;
	struct jool_session *s;
	struct jool_taddr6 src;
	u32 c[3] = {}, want = 0, i, n = jool_state_sessions(st);
	bool ok = true;

	for (i = 10; i < 1010; i++) {
		st_taddrs(i, &src, &local, &remote);
		rcu_read_lock();
		s = jool_session_create(st, IPPROTO_TCP, &src, &local, &remote,
					0, 10 * HZ, NULL);
		rcu_read_unlock();
		ST_CHECK(!IS_ERR(s));
	}
	/*
	 * Every session once: the count and a checksum of their clients
	 * (st_basic's four sessions have one client: they cancel out).
	 */
	for (i = 10; i < 1010; i++)
		want ^= (i + 1) * 2654435761U;
	while (jool_session_foreach(st, &key, 0, st_count, c))
		;
	ST_CHECK(c[0] == n + 1000);
	ST_CHECK(c[2] == want);
	/* Again, one bucket or entry a call: the same, in -EAGAINs. */
	memset(&key, 0, sizeof(key));
	memset(c, 0, sizeof(c));
	while (jool_session_foreach(st, &key, 1, st_count, c))
		;
	ST_CHECK(c[0] == n + 1000);
	ST_CHECK(c[2] == want);
	return ok;
}

static int __init st_unscheduled(const struct jool_session *s, void *arg)
{
	struct jool_state *st = ((void **)arg)[0];
	u32 *bad = ((void **)arg)[1];

	*bad += !jool_session_scheduled(st, s);
	return 0;
}

/* How many sessions the collector's schedule would miss. */
static u32 __init st_misses(struct jool_state *st)
{
	struct jool_session_key key = {};
	u32 bad = 0;
	void *arg[2] = { st, &bad };

	jool_session_foreach(st, &key, 0, st_unscheduled, arg);
	return bad;
}

/*
 * The collector's schedule (session.c, "Expiry"): every session's group is
 * due at or before its expiry, after creations, a pass, a lifetime cut
 * short; a pass leaves the groups of live sessions not due (it passes
 * over them until then), and kills a session whose lifetime was cut.
 */
static bool __init st_schedule(struct jool_state *st)
{
	struct jool_taddr4 local, remote;
	struct jool_session *s;
	struct jool_taddr6 src;
	u32 g, due = 0, n;
	bool ok = true;

	ST_CHECK(st_misses(st) == 0);
	st->gc_next = 0;
	ST_CHECK(jool_session_collect(st, st->mask + 1) == 0);
	ST_CHECK(st_misses(st) == 0);
	for (g = 0; g <= st->mask >> JOOL_GC_GROUP_SHIFT; g++)
		due += (s32)(READ_ONCE(st->due[g]) - (u32)jiffies) <= 0;
	ST_CHECK(due == 0);
	n = jool_state_sessions(st);
	st_taddrs(20, &src, &local, &remote);
	rcu_read_lock();
	s = jool_session_lookup6(st, IPPROTO_TCP, &src, &remote);
	ST_CHECK(s);
	if (s) {
		jool_session_refresh(st, s, 0);
		ST_CHECK(jool_session_scheduled(st, s));
	}
	rcu_read_unlock();
	st->gc_next = 0;
	ST_CHECK(jool_session_collect(st, st->mask + 1) == 0);
	ST_CHECK(jool_state_sessions(st) == n - 1);
	ST_CHECK(st_misses(st) == 0);
	return ok;
}

/* The longest chain of @side of the session index. */
static u32 __init st_longest(struct jool_state *st, int side)
{
	struct jool_link *l;
	u32 b, n, most = 0;

	for (b = 0; b <= st->mask; b++) {
		n = 0;
		jool_chain_for_each(l, &st->ses[side][b])
			n++;
		most = max(most, n);
	}
	return most;
}

/*
 * One client, 64 remotes whose address ^ port is the same word: they
 * spread over the buckets like any other 64 sessions (a hash that folds
 * the two into one word puts them all in one chain). Their lifetime, past
 * 2^31 jiffies, is capped, not wrapped into the past.
 */
static bool __init st_spread(void)
{
	struct jool_taddr4 local, remote;
	struct jool_session *s;
	struct jool_taddr6 src;
	struct jool_state *st;
	bool ok = true;
	int i;

	st = st_alloc(4096);
	if (!st)
		return false;
	rcu_read_lock();
	for (i = 0; i < 64; i++) {
		st_taddrs(0, &src, &local, &remote);
		remote.port = 1000 + i;
		remote.addr = (__force __be32)(0xcb007105 ^ remote.port);
		s = jool_session_create(st, IPPROTO_UDP, &src, &local, &remote,
					0, 3UL << 30, NULL);
		ST_CHECK(!IS_ERR(s) && jool_session_alive(s));
	}
	ST_CHECK(st_longest(st, JOOL_SIDE6) <= 8);
	ST_CHECK(st_longest(st, JOOL_SIDE4) <= 8);
	rcu_read_unlock();
	jool_state_free(st);
	return ok;
}

static bool __init st_limit(void)
{
	struct jool_session *s, *first = NULL;
	struct jool_taddr4 local, remote;
	struct jool_taddr6 src;
	struct jool_state *st;
	bool ok = true;
	int i;

	st = st_alloc(4);
	if (!st)
		return false;
	rcu_read_lock();
	for (i = 0; i < 5; i++) {
		st_taddrs(i, &src, &local, &remote);
		s = jool_session_create(st, IPPROTO_TCP, &src, &local, &remote,
					0, 10 * HZ, NULL);
		ST_CHECK(i < 4 ? !IS_ERR(s) : PTR_ERR(s) == -ENOSPC);
		if (!i)
			first = s;
	}
	/* Full, but a flow that has its session gets it (a lost race). */
	st_taddrs(0, &src, &local, &remote);
	s = jool_session_create(st, IPPROTO_TCP, &src, &local, &remote, 0,
				10 * HZ, NULL);
	ST_CHECK(s == first);
	rcu_read_unlock();
	ST_CHECK(jool_state_sessions(st) == 4);
	/* Freed with its sessions. */
	jool_state_free(st);
	return ok;
}

/*
 * A group whose sessions have all expired lets nobody in, even before the
 * collector kills them (RFC 6146 3.5.1); a refresh of any of them, not
 * only the anchor, brings it back. Under rcu_read_lock(): the collector
 * may kill them meanwhile, not free them.
 */
static bool __init st_peer_expiry(struct jool_state *st)
{
	struct jool_taddr4 local, remote, r2;
	struct jool_session *a, *b;
	struct jool_taddr6 src;
	struct jool_bib *bib;
	unsigned long t;
	bool ok = true;

	st_taddrs(8, &src, &local, &remote);
	r2 = remote;
	r2.port = 82;
	a = jool_session_create(st, IPPROTO_UDP, &src, &local, &remote, 0, 1,
				NULL);
	b = jool_session_create(st, IPPROTO_UDP, &src, NULL, &r2, 0, 1, NULL);
	ST_CHECK(!IS_ERR(a) && !IS_ERR(b));
	if (IS_ERR(a) || IS_ERR(b))
		return false;
	ST_CHECK(jool_session_peer(st, a->bib, remote.addr) ||
		 !jool_session_alive(a));
	/* Both expire (two ticks); the collector has not run yet, maybe. */
	t = jiffies;
	while (time_before_eq(jiffies, t + 2))
		cpu_relax();
	ST_CHECK(!jool_session_peer(st, a->bib, remote.addr));
	jool_session_refresh(st, b, 10 * HZ);
	ST_CHECK(jool_session_peer(st, a->bib, remote.addr) ||
		 READ_ONCE(b->dead));
	bib = a->bib;
	jool_session_kill(st, a);
	jool_session_kill(st, b);
	ST_CHECK(!jool_session_peer(st, bib, remote.addr));
	return ok;
}

/*
 * A UDP session of @src on @local (@seen: see jool_client_join()), its
 * address holding @cap BIB entries at most.
 */
static struct jool_session *__init st_udp_cap(struct jool_state *st,
					      const struct jool_taddr6 *src,
					      __be32 local, u16 port, u32 seen,
					      u32 cap)
{
	struct jool_taddr4 l = { .addr = local, .port = port };
	struct jool_taddr4 r = { .addr = htonl(0xcb007105), .port = 80 };

	return jool_session_create_seen(st, IPPROTO_UDP, src, &l, seen, cap,
					&r, 0, 10 * HZ, NULL);
}

static struct jool_session *__init st_udp(struct jool_state *st,
					  const struct jool_taddr6 *src,
					  __be32 local, u16 port, u32 seen)
{
	return st_udp_cap(st, src, local, port, seen, 0);
}

/*
 * A client's addresses: one per pool4 set in use (a TCP address does not
 * pull UDP off its own), the most used first; a slot frees with its last
 * mapping and the next address takes it; an allocation that did not see
 * the client's latest address is refused (two first mappings at once).
 */
static bool __init st_clients(struct jool_state *st)
{
	struct jool_taddr4 local, remote;
	__be32 a1 = htonl(0xc0000211), a2 = htonl(0xc0000212);
	__be32 a3 = htonl(0xc0000213), addr4[JOOL_CLIENT_ADDRS];
	struct jool_taddr6 src, src2;
	struct jool_session *t;
	bool ok = true;
	u32 gen, gen2;

	st_taddrs(9, &src, &local, &remote);
	src2 = src;
	src2.port = 1001;
	local.addr = a1;
	t = jool_session_create(st, IPPROTO_TCP, &src, &local, &remote, 0,
				10 * HZ, NULL);
	ST_CHECK(!IS_ERR(t));
	jool_client_paired(st, &src.addr, addr4, &gen);
	/* UDP's set lacks a1: its first mapping takes a2, seen current. */
	ST_CHECK(!IS_ERR(st_udp(st, &src, a2, 3000, gen)));
	ST_CHECK(!IS_ERR(st_udp(st, &src2, a2, 3001, JOOL_CLIENT_ANY)));
	ST_CHECK(jool_client_paired(st, &src.addr, addr4, &gen2) == 2 &&
		 addr4[0] == a2 && addr4[1] == a1 && gen2 != gen);
	/* A stale view (gen) and an address the client lacks: again. */
	src2.port = 1002;
	ST_CHECK(PTR_ERR(st_udp(st, &src2, a3, 3002, gen)) == -EADDRINUSE);
	ST_CHECK(jool_client_paired(st, &src.addr, addr4, &gen) == 2);
	/* The first mapping's address goes: its slot with it. */
	if (!IS_ERR(t))
		ST_CHECK(jool_bib_del(st, IPPROTO_TCP, &src, NULL) == 0);
	ST_CHECK(jool_client_paired(st, &src.addr, addr4, &gen) == 1 &&
		 addr4[0] == a2);
	ST_CHECK(!IS_ERR(st_udp(st, &src2, a3, 3002, gen)));
	ST_CHECK(jool_client_paired(st, &src.addr, addr4, &gen) == 2 &&
		 addr4[0] == a2 && addr4[1] == a3);
	/* Two first mappings at once: the second saw no client. */
	src.addr.s6_addr32[2] = htonl(1);	/* no st_taddrs() client */
	ST_CHECK(!IS_ERR(st_udp(st, &src, a1, 3010, 0)));
	src.port = 1001;
	ST_CHECK(PTR_ERR(st_udp(st, &src, a2, 3011, 0)) == -EADDRINUSE);
	ST_CHECK(jool_client_paired(st, &src.addr, addr4, &gen) == 1 &&
		 addr4[0] == a1);
	ST_CHECK(!IS_ERR(st_udp(st, &src, a1, 3011, gen)));
	/*
	 * max-ports-per-host: an address holding its cap of entries gets no
	 * new one (its own still take sessions); another address does.
	 */
	src.addr.s6_addr32[2] = htonl(2);
	src.port = 2000;
	ST_CHECK(!IS_ERR(st_udp_cap(st, &src, a1, 3020, JOOL_CLIENT_ANY, 2)));
	src.port = 2001;
	ST_CHECK(!IS_ERR(st_udp_cap(st, &src, a1, 3021, JOOL_CLIENT_ANY, 2)));
	ST_CHECK(jool_client_mappings(st, &src.addr) == 2);
	src.port = 2002;
	ST_CHECK(PTR_ERR(st_udp_cap(st, &src, a1, 3022, JOOL_CLIENT_ANY,
				    2)) == -EDQUOT);
	ST_CHECK(jool_client_mappings(st, &src.addr) == 2);
	ST_CHECK(!IS_ERR(st_udp_cap(st, &src, a1, 3022, JOOL_CLIENT_ANY, 3)));
	src.addr.s6_addr32[2] = htonl(3);
	ST_CHECK(!IS_ERR(st_udp_cap(st, &src, a1, 3023, JOOL_CLIENT_ANY, 2)));
	return ok;
}

/*
 * Peer groups (address-dependent filtering) and clients (paired address
 * pooling): a group lives while any of its sessions does, its anchor
 * outliving its own death; a client's address while it has mappings. The
 * last part leaves a zombie anchor to jool_state_free().
 */
static bool __init st_peers(struct jool_state *st)
{
	struct jool_taddr4 local, remote, r2, other;
	struct jool_session *a, *b, *c;
	struct jool_state *st2;
	struct jool_taddr6 src;
	struct jool_bib *bib;
	__be32 addr4[JOOL_CLIENT_ADDRS];
	bool ok = true;
	u32 gen;

	st_taddrs(7, &src, &local, &remote);
	r2 = remote;
	r2.port = 81;
	other = remote;
	other.addr = htonl(0xcb007106);
	rcu_read_lock();
	ST_CHECK(!jool_client_paired(st, &src.addr, addr4, &gen) && !gen);
	a = jool_session_create(st, IPPROTO_UDP, &src, &local, &remote, 0,
				10 * HZ, NULL);
	b = jool_session_create(st, IPPROTO_UDP, &src, NULL, &r2, 0, 10 * HZ,
				NULL);
	c = jool_session_create(st, IPPROTO_UDP, &src, NULL, &other, 0,
				10 * HZ, NULL);
	ST_CHECK(!IS_ERR(a) && !IS_ERR(b) && !IS_ERR(c));
	if (IS_ERR(a) || IS_ERR(b) || IS_ERR(c))
		goto out;
	bib = a->bib;
	ST_CHECK(jool_client_paired(st, &src.addr, addr4, &gen) == 1 &&
		 addr4[0] == local.addr && gen);
	ST_CHECK(jool_session_peer(st, bib, remote.addr));
	ST_CHECK(jool_session_peer(st, bib, other.addr));
	ST_CHECK(!jool_session_peer(st, bib, htonl(0xcb007107)));
	ST_CHECK(a->peers == 2 && b->peers == 0 && c->peers == 1);
	/* The anchor dies first: the group lives on through b. */
	jool_session_kill(st, a);
	ST_CHECK(jool_session_peer(st, bib, remote.addr));
	ST_CHECK(a->peers == 1);
	jool_session_kill(st, b);
	ST_CHECK(!jool_session_peer(st, bib, remote.addr));
	ST_CHECK(jool_session_peer(st, bib, other.addr));
	ST_CHECK(jool_client_paired(st, &src.addr, addr4, &gen) == 1);
	/* The client's last mapping goes: so does the client. */
	jool_session_kill(st, c);
	ST_CHECK(!jool_session_peer(st, bib, other.addr));
	ST_CHECK(!jool_client_paired(st, &src.addr, addr4, &gen));
	ok &= st_peer_expiry(st) & st_clients(st);
out:
	rcu_read_unlock();

	st2 = st_alloc(64);
	if (!st2)
		return false;
	rcu_read_lock();
	a = jool_session_create(st2, IPPROTO_TCP, &src, &local, &remote, 0,
				10 * HZ, NULL);
	b = jool_session_create(st2, IPPROTO_TCP, &src, NULL, &r2, 0, 10 * HZ,
				NULL);
	ST_CHECK(!IS_ERR(a) && !IS_ERR(b));
	if (!IS_ERR(a) && !IS_ERR(b))
		jool_session_kill(st2, a);
	rcu_read_unlock();
	jool_state_free(st2);
	return ok;
}

/**
 * jool_state_selftest() - run the state tables' selftest
 *
 * Return: whether it passed.
 */
bool __init jool_state_selftest(void)
{
	struct jool_device *jdev = kzalloc(sizeof(*jdev), GFP_KERNEL);
	struct jool_state *st;
	bool ok = false;

	if (!jdev)
		return false;
	jdev->stats = jool_stats_alloc();
	st_dev = jdev;
	st = jdev->stats ? st_alloc(4096) : NULL;
	if (st) {
		ok = st_basic(st) & st_expiry(st) & st_bib_del(st) &
		     st_iterate(st) & st_schedule(st) & st_limit() &
		     st_spread() & st_peers(st);
		jool_state_free(st);
	}
	if (jdev->stats)
		jool_stats_free(jdev->stats);
	kfree(jdev);
	pr_info("state selftest: %s\n", ok ? "pass" : "FAIL");
	return ok;
}
