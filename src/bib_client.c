// SPDX-License-Identifier: GPL-2.0
/*
 * The clients of a NAT64 device: which IPv4 address an IPv6 address's
 * mappings use, for paired address pooling (RFC 4787 REQ-2, RFC 6146
 * 3.5.1.1: a client keeps "the same IPv4 address for all its sessions"
 * while that address has a free port).
 *
 * One node per IPv6 address that has BIB entries, of any protocol (REQ-2
 * speaks of all the sessions of an internal address, so TCP, UDP and ICMP
 * share it). It counts the client's entries per IPv4 address, in
 * %JOOL_CLIENT_ADDRS slots: bib.c joins an entry when it links it and
 * leaves when it unlinks it, under the entry's bucket locks (the node's
 * lock nested inside); the node goes with the client's last entry. A slot
 * whose count reaches 0 (the address's last entry expired, or pool4 lost
 * the address) is free, and the next new address takes it; with all of
 * them taken, a fourth address is only counted. Several slots serve a
 * pool4 whose sets (protocols, marks) differ: a new mapping takes the
 * first of the client's addresses that its set has (the most used first),
 * so each set keeps the client on one address. Readers (the port
 * allocation) hold rcu_read_lock().
 */
#include <linux/jhash.h>
#include <linux/slab.h>
#include "bib.h"
#include "bib_tables.h"

struct kmem_cache *jool_client_cache;

static u32 bucket_of(const struct jool_state *st, const struct in6_addr *a)
{
	return jhash2((const u32 *)a->s6_addr32, 4, st->seed) & st->mask;
}

/* The client of @addr6 in bucket @b (under RCU or the bucket's lock). */
static struct jool_client *find(struct jool_state *st, u32 b,
				const struct in6_addr *addr6)
{
	struct jool_client *c;
	struct jool_link *l;

	jool_chain_for_each_check(l, &st->clients[b], jool_lockx(st, b)) {
		c = container_of(l, struct jool_client, link);
		if (ipv6_addr_equal(&c->addr6, addr6))
			return c;
	}
	return NULL;
}

/**
 * jool_client_paired() - the IPv4 addresses an IPv6 client's mappings use
 * @st: the tables
 * @addr6: the client
 * @addr4: out: the addresses (%JOOL_CLIENT_ADDRS at most), the most used
 *	first
 * @gen: out: the client's generation, for jool_client_join(); 0 if it has
 *	no mapping
 *
 * Call under rcu_read_lock(); no lock: the view may be a moment old, and
 * jool_client_join() tells when it was.
 *
 * Return: how many addresses there are in *@addr4.
 */
int jool_client_paired(struct jool_state *st, const struct in6_addr *addr6,
		       __be32 *addr4, u32 *gen)
{
	struct jool_client *c = find(st, bucket_of(st, addr6), addr6);
	u32 bibs[JOOL_CLIENT_ADDRS], b;
	int i, j, n = 0;

	*gen = 0;
	if (!c)
		return 0;
	*gen = READ_ONCE(c->gen);
	/* Insertion by count, largest first (three slots). */
	for (i = 0; i < JOOL_CLIENT_ADDRS; i++) {
		b = READ_ONCE(c->bibs[i]);
		if (!b)
			continue;
		for (j = n; j > 0 && bibs[j - 1] < b; j--) {
			bibs[j] = bibs[j - 1];
			addr4[j] = addr4[j - 1];
		}
		bibs[j] = b;
		addr4[j] = READ_ONCE(c->addr4[i]);
		n++;
	}
	return n;
}

/**
 * jool_client_prepare() - a node for a client that may be new
 * @st: the tables
 * @addr6: the client
 * @gfp: how to allocate
 *
 * Allocates only when @addr6 has no node yet (a first mapping), outside
 * the bucket locks that jool_client_join() is called under.
 *
 * Return: a spare node for jool_client_join(), or NULL (none needed, or
 * no memory: the join asks again).
 */
struct jool_client *jool_client_prepare(struct jool_state *st,
					const struct in6_addr *addr6,
					gfp_t gfp)
{
	bool known;

	rcu_read_lock();
	known = find(st, bucket_of(st, addr6), addr6);
	rcu_read_unlock();
	return known ? NULL : kmem_cache_alloc(jool_client_cache, gfp);
}

/**
 * jool_client_discard() - free a spare node jool_client_join() left
 * @spare: the node, or NULL
 */
void jool_client_discard(struct jool_client *spare)
{
	if (spare)
		kmem_cache_free(jool_client_cache, spare);
}

/* The slot of @addr4 in @c, or -1. */
static int slot_of(const struct jool_client *c, __be32 addr4)
{
	int i;

	for (i = 0; i < JOOL_CLIENT_ADDRS; i++)
		if (c->bibs[i] && c->addr4[i] == addr4)
			return i;
	return -1;
}

/* How many BIB entries @c holds, all its addresses together. */
static u32 mappings_of(const struct jool_client *c)
{
	u32 n = READ_ONCE(c->others);
	int i;

	for (i = 0; i < JOOL_CLIENT_ADDRS; i++)
		n += READ_ONCE(c->bibs[i]);
	return n;
}

/**
 * jool_client_mappings() - how many BIB entries an IPv6 address holds
 * @st: the tables
 * @addr6: the client
 *
 * Call under rcu_read_lock(); no lock, so a moment old: a quick look
 * before the work of a new mapping, which jool_client_join() checks
 * again under the lock (max-ports-per-host).
 *
 * Return: the count, all protocols together (0 for an unknown address).
 */
u32 jool_client_mappings(struct jool_state *st, const struct in6_addr *addr6)
{
	struct jool_client *c = find(st, bucket_of(st, addr6), addr6);

	return c ? mappings_of(c) : 0;
}

/* Counts @addr4 in @c: its slot, a free one (a new address), or @others. */
static void count_addr(struct jool_client *c, __be32 addr4)
{
	int i = slot_of(c, addr4);

	if (i >= 0) {
		c->bibs[i]++;
		return;
	}
	for (i = 0; i < JOOL_CLIENT_ADDRS; i++) {
		if (!c->bibs[i]) {
			WRITE_ONCE(c->addr4[i], addr4);
			WRITE_ONCE(c->bibs[i], 1);
			WRITE_ONCE(c->gen, c->gen + 1 ? c->gen + 1 : 1);
			return;
		}
	}
	c->others++;
}

/**
 * jool_client_join() - count a BIB entry being linked in its client
 * @st: the tables
 * @e: the entry (its bucket locks held)
 * @seen: the client's generation when @e's IPv4 address was allocated
 *	(jool_client_paired()), or %JOOL_CLIENT_ANY: a static entry, or an
 *	address that was not allocated
 * @cap: the most entries the client may hold with @e (max-ports-per-host),
 *	0 for no limit
 * @spare: a node from jool_client_prepare(), used (and set to NULL) if the
 *	client is new
 *
 * An allocated address is refused when it is none of the client's and the
 * client got an address since the allocation looked (two first mappings
 * at once, on two CPUs): the caller allocates again, and sees it. This
 * takes a slot getting an address meanwhile, at most %JOOL_CLIENT_ADDRS
 * times per client, so the retries end.
 *
 * Return: 0, -EAGAIN: the client is new and there is no spare node,
 * -EADDRINUSE: allocate again, or -EDQUOT: the client holds @cap entries.
 */
int jool_client_join(struct jool_state *st, const struct jool_bib *e,
		     u32 seen, u32 cap, struct jool_client **spare)
{
	u32 b = bucket_of(st, &e->addr6);
	spinlock_t *lock = jool_lockx(st, b);
	struct jool_client *c;
	int err = 0;

	spin_lock(lock);
	c = find(st, b, &e->addr6);
	if (c) {
		if (cap && mappings_of(c) >= cap)
			err = -EDQUOT;
		else if (seen != JOOL_CLIENT_ANY && seen != c->gen &&
		    slot_of(c, e->addr4) < 0)
			err = -EADDRINUSE;
		else
			count_addr(c, e->addr4);
	} else if (*spare) {
		c = *spare;
		*spare = NULL;
		memset(c, 0, sizeof(*c));
		c->addr6 = e->addr6;
		count_addr(c, e->addr4);
		jool_chain_push(&st->clients[b], &c->link, lock);
	} else {
		err = -EAGAIN;
	}
	spin_unlock(lock);
	return err;
}

static void free_client_rcu(struct rcu_head *rcu)
{
	kmem_cache_free(jool_client_cache,
			container_of(rcu, struct jool_client, rcu));
}

/**
 * jool_client_leave() - uncount a BIB entry being unlinked
 * @st: the tables
 * @e: the entry (its bucket locks held), counted by jool_client_join()
 *
 * The client's last entry takes the node away (freed after a grace
 * period).
 */
void jool_client_leave(struct jool_state *st, const struct jool_bib *e)
{
	u32 b = bucket_of(st, &e->addr6);
	spinlock_t *lock = jool_lockx(st, b);
	struct jool_client *c;

	int i;

	spin_lock(lock);
	c = find(st, b, &e->addr6);
	if (!c)
		goto out;
	i = slot_of(c, e->addr4);
	/* A slot that reaches 0 is free: the next new address takes it. */
	if (i >= 0)
		WRITE_ONCE(c->bibs[i], c->bibs[i] - 1);
	else if (c->others)
		c->others--;
	for (i = 0; i < JOOL_CLIENT_ADDRS && !c->bibs[i]; i++)
		;
	if (i == JOOL_CLIENT_ADDRS && !c->others) {
		jool_chain_unlink(&st->clients[b], &c->link, lock);
		call_rcu(&c->rcu, free_client_rcu);
	}
out:
	spin_unlock(lock);
}

/**
 * jool_clients_free() - free every client of dying tables
 * @st: the tables, which nobody else sees
 */
void jool_clients_free(struct jool_state *st)
{
	struct jool_link *l, *next;
	u32 b;

	for (b = 0; b <= st->mask; b++) {
		for (l = rcu_dereference_protected(st->clients[b], 1); l;
		     l = next) {
			next = rcu_dereference_protected(l->next, 1);
			kmem_cache_free(jool_client_cache,
					container_of(l, struct jool_client,
						     link));
		}
		if (!(b & 1023))
			cond_resched();
	}
}
