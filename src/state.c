// SPDX-License-Identifier: GPL-2.0
/*
 * The lifecycle of a NAT64 device's state tables (src/bib.h): the slab
 * caches, allocation with the device, the expiry collector, and the
 * teardown with the device.
 */
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <uapi/jool_netdev.h>
#include "bib.h"
#include "bib_tables.h"
#include "core/range.h"

/*
 * Buckets the collector looks at per run (a group passed over counts as
 * one), and how often a pass starts. A pass runs its batches one after
 * another, the worker giving up the CPU between them: a batch is short
 * (at most GC_BUDGET buckets and about 256 unlinks, session.c), and a pass
 * that finds little due is over in a few of them.
 */
#define GC_BUDGET 1024
#define GC_PERIOD HZ

/* Locks per side at most: the chains they guard are short. */
#define MAX_LOCKS 4096

/**
 * jool_state_default_max() - max-sessions when none is given
 *
 * A full table (BIB entry + session, 128 bytes, plus 8-byte buckets of
 * six indices at one per two sessions: 152) takes about 1/32 of the
 * memory. (Clients, 48 bytes per IPv6 address with mappings, are not
 * counted.)
 *
 * Return: the number of sessions.
 */
u32 jool_state_default_max(void)
{
	u64 bytes = (u64)totalram_pages() << PAGE_SHIFT;

	return clamp_t(u64, bytes / 32 / 152, 4096, JOOL_MAX_SESSIONS_MAX);
}

static void gc_work(struct work_struct *work)
{
	struct jool_state *st = container_of(to_delayed_work(work),
					     struct jool_state, gc);
	unsigned int left = jool_session_collect(st, GC_BUDGET);

	jool_syn_store_expire(&st->syns, st->jdev);
	/* A pass goes on at once; the next pass waits a period. */
	schedule_delayed_work(&st->gc, left ? 0 : GC_PERIOD);
}

/*
 * Charged to the memory cgroup of whoever creates the device, and an
 * -ENOMEM for a request that does not fit rather than the OOM killer, as
 * every table of a netlink request (jool_range_alloc()).
 */
static void *alloc_buckets(u32 n, size_t size)
{
	size_t bytes = array_size(n, size);
	void *p = bytes == SIZE_MAX ? NULL : jool_range_alloc(bytes);

	if (p)
		memset(p, 0, bytes);
	return p;
}

static int alloc_tables(struct jool_state *st, u32 buckets, u32 nlocks)
{
	int side;
	u32 i;

	for (side = 0; side < 2; side++) {
		st->bib[side] = alloc_buckets(buckets, sizeof(*st->bib[0]));
		st->ses[side] = alloc_buckets(buckets, sizeof(*st->ses[0]));
		if (!st->bib[side] || !st->ses[side])
			return -ENOMEM;
	}
	st->due = alloc_buckets(buckets >> JOOL_GC_GROUP_SHIFT,
				sizeof(*st->due));
	if (!st->due)
		return -ENOMEM;
	st->peers = alloc_buckets(buckets, sizeof(*st->peers));
	st->clients = alloc_buckets(buckets, sizeof(*st->clients));
	/* A block holds several entries: a bucket per 16 sessions. */
	st->block_mask = max(buckets / 8, 16U) - 1;
	for (side = 0; side < 2; side++) {
		st->blocks[side] = alloc_buckets(st->block_mask + 1,
						 sizeof(*st->blocks[0]));
		if (!st->blocks[side])
			return -ENOMEM;
	}
	spin_lock_init(&st->block_lock);
	st->locks6 = kvcalloc(nlocks, sizeof(spinlock_t), GFP_KERNEL);
	st->locks4 = kvcalloc(nlocks, sizeof(spinlock_t), GFP_KERNEL);
	st->locksx = kvcalloc(nlocks, sizeof(spinlock_t), GFP_KERNEL);
	if (!st->peers || !st->clients || !st->locks6 || !st->locks4 ||
	    !st->locksx)
		return -ENOMEM;
	/*
	 * Three loops: three lockdep classes, the 4 side nested in the 6
	 * side, the peer and client chains in the 4 side.
	 */
	for (i = 0; i < nlocks; i++)
		spin_lock_init(&st->locks6[i]);
	for (i = 0; i < nlocks; i++)
		spin_lock_init(&st->locks4[i]);
	for (i = 0; i < nlocks; i++)
		spin_lock_init(&st->locksx[i]);
	return 0;
}

static void free_tables(struct jool_state *st)
{
	int side;

	for (side = 0; side < 2; side++) {
		kvfree(st->bib[side]);
		kvfree(st->ses[side]);
	}
	kvfree(st->due);
	kvfree(st->peers);
	kvfree(st->clients);
	kvfree(st->blocks[JOOL_SIDE4]);
	kvfree(st->blocks[JOOL_SIDE6]);
	kvfree(st->locks6);
	kvfree(st->locks4);
	kvfree(st->locksx);
}

/**
 * jool_state_alloc() - the empty tables of a new NAT64 device
 * @jdev: the device
 * @max_sessions: the most sessions (and BIB entries), at least 1
 *
 * Each index gets a bucket per two sessions (rounded up to a power of
 * two), never resized. Process context.
 *
 * Return: the tables, or NULL (out of memory).
 */
struct jool_state *jool_state_alloc(struct jool_device *jdev,
				    u32 max_sessions)
{
	u32 buckets = roundup_pow_of_two(max(max_sessions / 2, 16U));
	struct jool_state *st = kzalloc(sizeof(*st), GFP_KERNEL);

	if (!st)
		return NULL;
	st->jdev = jdev;
	st->mask = buckets - 1;
	st->lock_mask = min_t(u32, buckets, MAX_LOCKS) - 1;
	st->seed = get_random_u32();
	st->max_sessions = max_sessions;
	/* The first pass looks at every group, and schedules each. */
	atomic_set(&st->sweep_req, 1);
	if (alloc_tables(st, buckets, st->lock_mask + 1)) {
		free_tables(st);
		kfree(st);
		return NULL;
	}
	jool_syn_store_init(&st->syns);
	INIT_DELAYED_WORK(&st->gc, gc_work);
	schedule_delayed_work(&st->gc, GC_PERIOD);
	return st;
}

/*
 * Teardown: nobody else sees the tables; free what is still linked, a
 * session or a BIB entry at a time (@side: JOOL_SIDE6 for either), or
 * the zombie anchors of the peer chains (JOOL_PEER), which no session
 * index holds.
 */
static void free_entry(struct jool_link *l, bool ses, int side)
{
	struct jool_session *s = jool_ses_of(l, side);

	if (!ses)
		kmem_cache_free(jool_bib_cache, jool_bib_of(l, JOOL_SIDE6));
	else if (side == JOOL_SIDE6 || s->dead)
		jool_session_free_now(s);
}

static void free_chains(struct jool_state *st,
			struct jool_link __rcu **heads, bool ses, int side)
{
	struct jool_link *l, *next;
	u32 b;

	for (b = 0; b <= st->mask; b++) {
		/* Nobody else sees the tables: no lock, no RCU. */
		for (l = rcu_dereference_protected(heads[b], 1); l; l = next) {
			next = rcu_dereference_protected(l->next, 1);
			free_entry(l, ses, side);
		}
		if (!(b & 1023))
			cond_resched();
	}
}

/**
 * jool_chain_push() - link an entry at the head of a chain
 * @head: the chain
 * @l: the entry's link
 * @lock: the chain's lock, held
 */
void jool_chain_push(struct jool_link __rcu **head, struct jool_link *l,
		     spinlock_t *lock)
{
	RCU_INIT_POINTER(l->next, jool_chain_deref(*head, lock));
	rcu_assign_pointer(*head, l);
}

/**
 * jool_chain_insert() - link an entry in a sorted chain
 * @head: the chain
 * @l: the entry's link
 * @before: the order
 * @lock: the chain's lock, held
 */
void jool_chain_insert(struct jool_link __rcu **head, struct jool_link *l,
		       jool_before_t before, spinlock_t *lock)
{
	struct jool_link *cur;

	while ((cur = jool_chain_deref(*head, lock)) && before(cur, l))
		head = &cur->next;
	jool_chain_push(head, l, lock);
}

/**
 * jool_chain_unlink() - unlink an entry from a chain, if it is there
 * @head: the chain
 * @l: the entry's link; its own next pointer stays, for readers on it
 * @lock: the chain's lock, held
 */
void jool_chain_unlink(struct jool_link __rcu **head, struct jool_link *l,
		       spinlock_t *lock)
{
	struct jool_link *cur;

	for (; (cur = jool_chain_deref(*head, lock)); head = &cur->next) {
		if (cur == l) {
			rcu_assign_pointer(*head,
					   jool_chain_deref(l->next, lock));
			return;
		}
	}
}

/**
 * jool_state_stop() - stop the collector of a device going away
 * @st: the tables, or NULL
 *
 * The device is unregistered (ndo_uninit): no packet comes in any more.
 * The collector stops (it would send probes and ICMP errors as the
 * device), and the stored SYNs are freed unanswered (their routes hold
 * the device). The sessions stay until jool_state_free(). Process
 * context.
 */
void jool_state_stop(struct jool_state *st)
{
	if (!st)
		return;
	cancel_delayed_work_sync(&st->gc);
	jool_syn_store_flush(&st->syns);
}

/**
 * jool_state_syns() - the stored IPv4 SYNs of a device
 * @st: the tables
 *
 * Return: the store (syn_store.h).
 */
struct jool_syn_store *jool_state_syns(struct jool_state *st)
{
	return &st->syns;
}

/**
 * jool_state_free() - empty and free the tables of a dying device
 * @st: the tables, or NULL
 *
 * No packet, request or dump may see them any more (the device is
 * unregistered and a grace period passed). Sessions and entries already
 * on their way out are freed by their RCU callbacks (the module's exit
 * waits for them with rcu_barrier()).
 */
void jool_state_free(struct jool_state *st)
{
	if (!st)
		return;
	jool_state_stop(st);
	free_chains(st, st->peers, true, JOOL_PEER);
	free_chains(st, st->ses[JOOL_SIDE6], true, JOOL_SIDE6);
	free_chains(st, st->bib[JOOL_SIDE6], false, JOOL_SIDE6);
	jool_clients_free(st);
	jool_blocks_free(st);
	free_tables(st);
	kfree(st);
}

/**
 * jool_state_max_sessions() - the configured limit
 * @st: the tables
 *
 * Return: max-sessions.
 */
u32 jool_state_max_sessions(const struct jool_state *st)
{
	return READ_ONCE(st->max_sessions);
}

/**
 * jool_state_set_max_sessions() - change the limit of a device's tables
 * @st: the tables
 * @max_sessions: the new limit, at least 1
 *
 * The tables keep the buckets they were sized with at creation; existing
 * sessions and BIB entries over a lowered limit stay until they expire,
 * and no new one is made meanwhile.
 */
void jool_state_set_max_sessions(struct jool_state *st, u32 max_sessions)
{
	WRITE_ONCE(st->max_sessions, max_sessions);
}

/**
 * jool_state_in_use() - whether a device's tables hold anything
 * @st: the tables
 *
 * Return: true if there is a BIB entry or a session (expired ones not yet
 * collected included).
 */
bool jool_state_in_use(const struct jool_state *st)
{
	return atomic_read(&st->bibs) || atomic_read(&st->sessions);
}

/**
 * jool_state_sessions() - how many sessions there are
 * @st: the tables
 *
 * Return: the number, expired ones not yet collected included.
 */
u32 jool_state_sessions(const struct jool_state *st)
{
	return atomic_read(&st->sessions);
}

/**
 * jool_state_init() - create the slab caches (module load)
 *
 * Return: 0 or -ENOMEM.
 */
int __init jool_state_init(void)
{
	/* The scale issue's budget per BIB entry + session (docs/design.md). */
	BUILD_BUG_ON(sizeof(struct jool_bib) + sizeof(struct jool_session) >
		     128);
	/* The longest timeout fits a session's 32-bit expiry. */
	BUILD_BUG_ON((u64)JOOL_TIMEOUT_MAX_MS * HZ / MSEC_PER_SEC >= S32_MAX);
	jool_bib_cache = KMEM_CACHE(jool_bib, 0);
	if (!jool_bib_cache)
		return -ENOMEM;
	jool_session_cache = KMEM_CACHE(jool_session, 0);
	jool_client_cache = KMEM_CACHE(jool_client, 0);
	jool_block_cache = KMEM_CACHE(jool_block, 0);
	if (!jool_session_cache || !jool_client_cache || !jool_block_cache) {
		kmem_cache_destroy(jool_block_cache);
		kmem_cache_destroy(jool_client_cache);
		kmem_cache_destroy(jool_session_cache);
		kmem_cache_destroy(jool_bib_cache);
		return -ENOMEM;
	}
	return 0;
}

/**
 * jool_state_uninit() - destroy the slab caches (module unload)
 *
 * Every device is gone; waits for the RCU callbacks that free entries.
 */
void jool_state_uninit(void)
{
	rcu_barrier();
	kmem_cache_destroy(jool_block_cache);
	kmem_cache_destroy(jool_client_cache);
	kmem_cache_destroy(jool_session_cache);
	kmem_cache_destroy(jool_bib_cache);
}

#ifdef DEBUG
#include "selftest/state.c"
#endif
