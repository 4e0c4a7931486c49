// SPDX-License-Identifier: GPL-2.0
/*
 * Port blocks (issue 9; DRAFT, never run in a kernel yet): with the global
 * port-block-size set, a NAT64 client's mappings take their IPv4
 * transport addresses from blocks of that many ports, aligned, each held
 * by one client (its owner) from its first BIB entry in it to its last;
 * one event per block (allocated, released) instead of one per mapping.
 *
 * A block is a record in two chain arrays of the tables: by (protocol,
 * IPv4 address, first port), for the claim, the release and the address
 * query; by owner (IPv6 address), for the data path's "my blocks". Both
 * change under one lock per device, @jool_state.block_lock, taken inside
 * the BIB entry's bucket locks (bib.c joins and leaves an entry's block
 * where it joins and leaves its client); readers hold rcu_read_lock().
 * Only mapping creation and expiry take the lock: a packet of an
 * established flow never does.
 *
 * A block is claimed by the join of its first BIB entry: two CPUs that
 * chose one free block for two clients cannot both have it, the second
 * gets -EADDRINUSE and allocates again. A block whose count reaches 0 is
 * unlinked and freed after a grace period.
 *
 * Lock order: an entry's bucket locks (bib.c), then the client lock
 * (bib_client.c, released again), then the block lock; nothing is taken
 * inside the block lock, and nothing there sleeps (GFP_ATOMIC). The
 * events (jool_block_event()) are sent by bib.c once it has dropped the
 * bucket locks, from a copy of the block (struct jool_block_info).
 */
#include <linux/jhash.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include "bib.h"
#include "bib_tables.h"
#include "config.h"
#include "nat64_log.h"
#include "stats.h"

struct kmem_cache *jool_block_cache;

/* The chain of (@proto, @addr4, @start). */
static u32 bucket4(const struct jool_state *st, u8 proto, __be32 addr4,
		   u16 start)
{
	return jhash_3words(proto, (__force u32)addr4, start, st->seed) &
	       st->block_mask;
}

/* The chain of the blocks of @addr6. */
static u32 bucket6(const struct jool_state *st, const struct in6_addr *addr6)
{
	return jhash2((const u32 *)addr6->s6_addr32, 4, st->seed ^ 1) &
	       st->block_mask;
}

/* The block of (@proto, @addr4, @start) (under RCU or the lock). */
static struct jool_block *find4(struct jool_state *st, u8 proto,
				__be32 addr4, u16 start)
{
	u32 b = bucket4(st, proto, addr4, start);
	struct jool_block *k;
	struct jool_link *l;

	jool_chain_for_each_check(l, &st->blocks[JOOL_SIDE4][b],
				  &st->block_lock) {
		k = container_of(l, struct jool_block, link[JOOL_SIDE4]);
		if (k->proto == proto && k->addr4 == addr4 &&
		    k->start == start)
			return k;
	}
	return NULL;
}

/* @k as the address query and the events see it. */
static void block_info(const struct jool_block *k, struct jool_block_info *out)
{
	out->addr6 = k->addr6;
	out->addr4 = k->addr4;
	out->start = k->start;
	out->size = k->size;
	out->proto = k->proto;
	out->since = k->since;
}

/**
 * jool_block_event() - a block was allocated or released
 * @st: the tables
 * @b: the block, copied by jool_block_join() or jool_block_leave()
 * @allocated: allocated (else released)
 * @reason: (released) why its last BIB entry went
 *
 * The one place that hears of blocks: counted (NAT64_BLOCK_ALLOCATED,
 * NAT64_BLOCK_RELEASED) and sent to the mapping log (nat64_log.c,
 * "logging-port-blocks"). No lock of the tables held.
 */
void jool_block_event(struct jool_state *st, const struct jool_block_info *b,
		      bool allocated, enum jool_log_reason reason)
{
	jool_stats_inc(st->jdev, allocated ? JOOL_STAT_NAT64_BLOCK_ALLOCATED :
					     JOOL_STAT_NAT64_BLOCK_RELEASED);
	jool_log_block(st->jdev, allocated ? JOOL_LOG_BLOCK_ADD :
					     JOOL_LOG_BLOCK_DEL, b,
		       allocated ? 0 : reason);
}

/**
 * jool_block_mine() - the blocks a client holds, for one protocol
 * @st: the tables
 * @addr6: the client
 * @proto: the protocol
 * @out: out: the blocks (IPv4 address and first port)
 * @max: room in @out
 *
 * Under rcu_read_lock() (a moment old: jool_block_join() decides) or
 * the block lock.
 *
 * Return: how many blocks the client holds (may exceed @max; only @max
 * are written).
 */
unsigned int jool_block_mine(struct jool_state *st,
			     const struct in6_addr *addr6, u8 proto,
			     struct jool_taddr4 *out, unsigned int max)
{
	u32 b = bucket6(st, addr6);
	struct jool_block *k;
	struct jool_link *l;
	unsigned int n = 0;

	jool_chain_for_each_check(l, &st->blocks[JOOL_SIDE6][b],
				  &st->block_lock) {
		k = container_of(l, struct jool_block, link[JOOL_SIDE6]);
		if (k->proto != proto || !ipv6_addr_equal(&k->addr6, addr6))
			continue;
		if (n < max) {
			out[n].addr = k->addr4;
			out[n].port = k->start;
		}
		n++;
	}
	return n;
}

/**
 * jool_block_walk6() - each block a client holds, every protocol
 * @st: the tables
 * @addr6: the client
 * @fn: called with a copy of each block (under rcu_read_lock(): no
 *	sleeping)
 * @arg: for @fn
 *
 * Process context (the address query).
 *
 * Return: how many blocks @addr6 holds.
 */
unsigned int jool_block_walk6(struct jool_state *st,
			      const struct in6_addr *addr6,
			      void (*fn)(const struct jool_block_info *b,
					 void *arg),
			      void *arg)
{
	struct jool_block_info info;
	struct jool_block *k;
	struct jool_link *l;
	unsigned int n = 0;

	rcu_read_lock();
	jool_chain_for_each_check(l, &st->blocks[JOOL_SIDE6]
				  [bucket6(st, addr6)], &st->block_lock) {
		k = container_of(l, struct jool_block, link[JOOL_SIDE6]);
		if (!ipv6_addr_equal(&k->addr6, addr6))
			continue;
		block_info(k, &info);
		fn(&info, arg);
		n++;
	}
	rcu_read_unlock();
	return n;
}

/**
 * jool_block_free_at() - whether no client holds a block
 * @st: the tables
 * @proto: the protocol
 * @addr4: the block's address
 * @start: its first port
 *
 * Under rcu_read_lock().
 *
 * Return: whether the block has no record.
 */
bool jool_block_free_at(struct jool_state *st, u8 proto, __be32 addr4,
			u16 start)
{
	return !find4(st, proto, addr4, start);
}

/*
 * The block size in effect (0: off) and, if @limit, the most blocks a
 * client may hold: the tables know no configuration.
 */
static u32 block_size(struct jool_state *st, u32 *limit)
{
	const struct jool_config *cfg;
	u32 size = 0;

	rcu_read_lock();
	cfg = rcu_dereference(st->jdev->config);
	/* (The selftests' tables have a device without configuration.) */
	if (cfg) {
		size = cfg->xlat.nat64.block_size;
		if (limit)
			*limit = cfg->xlat.nat64.max_blocks;
	}
	rcu_read_unlock();
	return size;
}

/**
 * jool_block_join() - count a BIB entry being linked in its port's block
 * @st: the tables
 * @e: the entry (its bucket locks held)
 * @claimed: out: the block, if this join claimed it (its size is 0
 *	otherwise); the caller passes it to jool_block_event() once it has
 *	dropped its locks
 *
 * The block of @e's port is claimed for @e's client if nobody holds it
 * and the client holds fewer than max-port-blocks-per-client blocks of
 * the protocol. A static entry joins whatever block its port is in, or
 * claims it whatever the limit.
 *
 * Return: 0; -EADDRINUSE: another client holds the block, or the client
 * has its blocks already (allocate again); -ENOMEM.
 */
int jool_block_join(struct jool_state *st, struct jool_bib *e,
		    struct jool_block_info *claimed)
{
	u32 limit, size = block_size(st, &limit);
	struct jool_block *k;
	struct jool_taddr4 dummy;
	u16 start;
	int err = 0;

	claimed->size = 0;
	if (!size)
		return 0;
	if (e->is_static)
		limit = 0;
	start = e->port4 & ~(size - 1);
	spin_lock(&st->block_lock);
	k = find4(st, e->proto, e->addr4, start);
	if (k) {
		/* A block of another size: made before the size changed. */
		if (k->size != size ||
		    (limit && !ipv6_addr_equal(&k->addr6, &e->addr6)))
			err = -EADDRINUSE;
		else
			k->bibs++;
		goto joined;
	}
	if (limit && jool_block_mine(st, &e->addr6, e->proto, &dummy, 0) >=
		     limit) {
		err = -EADDRINUSE;
		goto out;
	}
	k = kmem_cache_alloc(jool_block_cache, GFP_ATOMIC);
	if (!k) {
		err = -ENOMEM;
		goto out;
	}
	memset(k, 0, sizeof(*k));
	k->addr6 = e->addr6;
	k->addr4 = e->addr4;
	k->start = start;
	k->size = size;
	k->proto = e->proto;
	k->bibs = 1;
	k->since = ktime_get_real_seconds();
	jool_chain_push(&st->blocks[JOOL_SIDE4][bucket4(st, k->proto, k->addr4,
							  start)],
			&k->link[JOOL_SIDE4], &st->block_lock);
	jool_chain_push(&st->blocks[JOOL_SIDE6][bucket6(st, &k->addr6)],
			&k->link[JOOL_SIDE6], &st->block_lock);
	block_info(k, claimed);
joined:
	/* Its block's size, for jool_block_leave(): log2 + 1 (2 to 16). */
	if (!err)
		e->in_block = ilog2(size) + 1;
out:
	spin_unlock(&st->block_lock);
	return err;
}

static void free_block_rcu(struct rcu_head *rcu)
{
	kmem_cache_free(jool_block_cache,
			container_of(rcu, struct jool_block, rcu));
}

/**
 * jool_block_leave() - uncount a BIB entry being unlinked
 * @st: the tables
 * @e: the entry (its bucket locks held), counted by jool_block_join()
 * @released: out: the block, if @e was its last entry (its size is 0
 *	otherwise); for jool_block_event(), as with jool_block_join()
 *
 * The block's last entry releases it.
 */
void jool_block_leave(struct jool_state *st, const struct jool_bib *e,
		      struct jool_block_info *released)
{
	struct jool_block *k;
	u32 size;

	released->size = 0;
	/*
	 * Not in a block: made while port-block-size was 0 (setconf stages
	 * its static entries under the old snapshot). Otherwise the block
	 * it joined, whatever port-block-size is now.
	 */
	if (!e->in_block)
		return;
	size = 1U << (e->in_block - 1);
	spin_lock(&st->block_lock);
	k = find4(st, e->proto, e->addr4, e->port4 & ~(size - 1));
	if (WARN_ON_ONCE(!k || k->size != size))
		k = NULL;
	if (k && !--k->bibs) {
		jool_chain_unlink(&st->blocks[JOOL_SIDE4]
				  [bucket4(st, k->proto, k->addr4, k->start)],
				  &k->link[JOOL_SIDE4], &st->block_lock);
		jool_chain_unlink(&st->blocks[JOOL_SIDE6]
				  [bucket6(st, &k->addr6)],
				  &k->link[JOOL_SIDE6], &st->block_lock);
		block_info(k, released);
		call_rcu(&k->rcu, free_block_rcu);
	}
	spin_unlock(&st->block_lock);
}

/**
 * jool_block_lookup() - the block a transport address is in
 * @st: the tables
 * @proto: the protocol
 * @t4: the transport address
 * @out: out: the block, copied
 *
 * Process context (the address query).
 *
 * Return: whether a client holds it.
 */
bool jool_block_lookup(struct jool_state *st, u8 proto,
		       const struct jool_taddr4 *t4, struct jool_block_info *out)
{
	u32 size = block_size(st, NULL);
	struct jool_block *k;

	if (!size)
		return false;
	rcu_read_lock();
	k = find4(st, proto, t4->addr, t4->port & ~(size - 1));
	if (k)
		block_info(k, out);
	rcu_read_unlock();
	return k;
}

/**
 * jool_blocks_free() - free every block of dying tables
 * @st: the tables, which nobody else sees
 */
void jool_blocks_free(struct jool_state *st)
{
	struct jool_link *l, *next;
	u32 b;

	for (b = 0; b <= st->block_mask; b++) {
		for (l = rcu_dereference_protected(st->blocks[JOOL_SIDE4][b],
						   1); l; l = next) {
			next = rcu_dereference_protected(l->next, 1);
			kmem_cache_free(jool_block_cache,
					container_of(l, struct jool_block,
						     link[JOOL_SIDE4]));
		}
		if (!(b & 1023))
			cond_resched();
	}
}
