// SPDX-License-Identifier: GPL-2.0
/*
 * The clients of a NAT64 device: which IPv4 address an IPv6 address's
 * mappings use, for paired address pooling (RFC 4787 REQ-2, RFC 6146
 * 3.5.1.1: a client keeps "the same IPv4 address for all its sessions"
 * while that address has a free port).
 *
 * One node per IPv6 address that has BIB entries, of any protocol (REQ-2
 * speaks of all the sessions of an internal address, so TCP, UDP and ICMP
 * share it). It holds the IPv4 address of the client's first mapping and
 * counts the client's entries: bib.c joins an entry when it links it and
 * leaves when it unlinks it, under the entry's bucket locks (the node's
 * lock nested inside); the node goes with the client's last entry. A
 * mapping on another address (the paired one was full) leaves the node's
 * address as it is. Readers (the port allocation) hold rcu_read_lock().
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
 * jool_client_addr4() - the IPv4 address an IPv6 client's mappings use
 * @st: the tables
 * @addr6: the client
 * @addr4: out: the address, if any
 *
 * Call under rcu_read_lock(); no lock.
 *
 * Return: whether @addr6 has a BIB entry (then *@addr4 is set).
 */
bool jool_client_addr4(struct jool_state *st, const struct in6_addr *addr6,
		       __be32 *addr4)
{
	struct jool_client *c = find(st, bucket_of(st, addr6), addr6);

	if (c)
		*addr4 = READ_ONCE(c->addr4);
	return c;
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

/**
 * jool_client_join() - count a BIB entry being linked in its client
 * @st: the tables
 * @e: the entry (its bucket locks held)
 * @spare: a node from jool_client_prepare(), used (and set to NULL) if the
 *	client is new
 *
 * Return: 0, or -EAGAIN: the client is new and there is no spare node.
 */
int jool_client_join(struct jool_state *st, const struct jool_bib *e,
		     struct jool_client **spare)
{
	u32 b = bucket_of(st, &e->addr6);
	spinlock_t *lock = jool_lockx(st, b);
	struct jool_client *c;
	int err = 0;

	spin_lock(lock);
	c = find(st, b, &e->addr6);
	if (c) {
		c->bibs++;
	} else if (*spare) {
		c = *spare;
		*spare = NULL;
		c->addr6 = e->addr6;
		c->addr4 = e->addr4;
		c->bibs = 1;
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

	spin_lock(lock);
	c = find(st, b, &e->addr6);
	if (c && !--c->bibs) {
		jool_chain_unlink(&st->clients[b], &c->link, lock);
		call_rcu(&c->rcu, free_client_rcu);
	}
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
