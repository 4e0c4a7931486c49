/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals shared by state.c (the tables' lifecycle and collector),
 * bib.c and session.c. Nothing else includes this.
 */
#ifndef _JOOL_BIB_TABLES_H
#define _JOOL_BIB_TABLES_H

#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include "bib.h"
#include "nat64_log.h"
#include "syn_store.h"

/**
 * struct jool_state - the NAT64 state tables of a device
 * @jdev: the device (for its counters)
 * @mask: the number of buckets of each index, minus one
 * @lock_mask: the number of locks of each side, minus one
 * @seed: the hash seed
 * @max_sessions: the most sessions (and the most BIB entries)
 * @sessions: how many sessions are linked or on their way out
 * @bibs: the same for BIB entries
 * @gc_next: the next group of buckets the collector looks at
 * @due: per group of JOOL_GC_GROUP 6-side session buckets, a time
 *	(jiffies, low 32 bits) before which none of its sessions expires:
 *	the collector passes over the group until then
 * @sweep_req: how many times something asked the collector to look at
 *	every group (a BIB entry removed with its sessions)
 * @sweep_pass: the request the collector's current pass answers
 * @sweep_done: the last request a finished pass answered
 * @bib: BIB by (proto, IPv6 taddr) (%JOOL_SIDE6), and by (proto, IPv4
 *	taddr) (%JOOL_SIDE4), whose chains are sorted (dumps)
 * @ses: sessions by (proto, IPv6 taddr, remote IPv4 taddr) (%JOOL_SIDE6),
 *	and by (proto, local IPv4 taddr, remote IPv4 taddr), sorted
 * @peers: the anchors of the peer groups, by (BIB entry, remote IPv4
 *	address) (session.c)
 * @clients: the clients, by IPv6 address (bib_client.c)
 * @locks6: the locks of the 6-side chains (bucket & @lock_mask)
 * @locks4: the same for the 4 side; taken after a 6-side one
 * @locksx: the locks of @peers and @clients; taken after a 4-side one,
 *	one at a time
 * @gc: the collector
 * @syns: (TCP) the IPv4 SYNs stored for a simultaneous open
 * @block_mask: the number of buckets of each block index, minus one
 * @blocks: port blocks (bib_block.c) by (proto, IPv4 address, first port)
 *	(%JOOL_SIDE4) and by owner (%JOOL_SIDE6)
 * @block_lock: the lock of both block indices; taken inside an entry's
 *	bucket locks, nothing taken inside it
 */
struct jool_state {
	struct jool_device *jdev;
	u32 mask;
	u32 lock_mask;
	u32 seed;
	u32 max_sessions;
	atomic_t sessions;
	atomic_t bibs;
	u32 gc_next;
	u32 *due;
	atomic_t sweep_req;
	int sweep_pass;
	int sweep_done;
	struct jool_link __rcu **bib[2];
	struct jool_link __rcu **ses[2];
	struct jool_link __rcu **peers;
	struct jool_link __rcu **clients;
	spinlock_t *locks6;
	spinlock_t *locks4;
	spinlock_t *locksx;
	struct delayed_work gc;
	struct jool_syn_store syns;
	u32 block_mask;
	struct jool_link __rcu **blocks[2];
	spinlock_t block_lock;
};

/*
 * The collector's schedule (session.c, "Expiry"): @due has one time per
 * group of JOOL_GC_GROUP buckets of the 6-side session index.
 */
#define JOOL_GC_GROUP_SHIFT 3
#define JOOL_GC_GROUP (1U << JOOL_GC_GROUP_SHIFT)

extern struct kmem_cache *jool_bib_cache;
extern struct kmem_cache *jool_session_cache;
extern struct kmem_cache *jool_client_cache;
extern struct kmem_cache *jool_block_cache;

/*
 * The budget of jool_bib_foreach() and jool_session_foreach(): true when
 * @max (0: none) has just run out with what the walk looked at last.
 */
static inline bool jool_foreach_spent(unsigned int *max)
{
	return *max && !--*max;
}

/* Each link of a chain, under rcu_read_lock(). */
#define jool_chain_for_each(pos, head)					\
	for (pos = rcu_dereference(*(head)); pos;			\
	     pos = rcu_dereference(pos->next))

/* The same, under rcu_read_lock() or the chain's @lock. */
#define jool_chain_for_each_check(pos, head, lock)			\
	for (pos = rcu_dereference_check(*(head), lockdep_is_held(lock)); \
	     pos; pos = rcu_dereference_check(pos->next,			\
					      lockdep_is_held(lock)))

/* A pointer of a chain, read by its writer (@lock, the chain's, held). */
#define jool_chain_deref(p, lock) \
	rcu_dereference_protected(p, lockdep_is_held(lock))

/* The entry of a link of side @side. */
#define jool_bib_of(l, side) container_of(l, struct jool_bib, link[side])
#define jool_ses_of(l, side) container_of(l, struct jool_session, link[side])

/* Orders two entries of a sorted chain: whether @a goes before @b. */
typedef bool (*jool_before_t)(const struct jool_link *a,
			      const struct jool_link *b);

void jool_chain_push(struct jool_link __rcu **head, struct jool_link *l,
		     spinlock_t *lock);
void jool_chain_insert(struct jool_link __rcu **head, struct jool_link *l,
		       jool_before_t before, spinlock_t *lock);
void jool_chain_unlink(struct jool_link __rcu **head, struct jool_link *l,
		       spinlock_t *lock);

static inline spinlock_t *jool_lock6(struct jool_state *st, u32 bucket)
{
	return &st->locks6[bucket & st->lock_mask];
}

static inline spinlock_t *jool_lock4(struct jool_state *st, u32 bucket)
{
	return &st->locks4[bucket & st->lock_mask];
}

/* The lock of bucket @bucket of @peers or @clients. */
static inline spinlock_t *jool_lockx(struct jool_state *st, u32 bucket)
{
	return &st->locksx[bucket & st->lock_mask];
}

/* The lock of bucket @bucket of side @side. */
static inline spinlock_t *jool_lock_of(struct jool_state *st, int side,
				       u32 bucket)
{
	return side == JOOL_SIDE6 ? jool_lock6(st, bucket) :
	       jool_lock4(st, bucket);
}

/* Locks the two buckets of an entry, 6 side first (the order everywhere). */
static inline void jool_lock_pair(struct jool_state *st, u32 b6, u32 b4)
{
	spin_lock_bh(jool_lock6(st, b6));
	spin_lock_nested(jool_lock4(st, b4), SINGLE_DEPTH_NESTING);
}

static inline void jool_unlock_pair(struct jool_state *st, u32 b6, u32 b4)
{
	spin_unlock(jool_lock4(st, b4));
	spin_unlock_bh(jool_lock6(st, b6));
}

/* The order of a 4-side chain: (protocol, address, port). */
static inline u64 jool_bib_key4(u8 proto, __be32 addr, u16 port)
{
	return ((u64)proto << 48) | ((u64)ntohl(addr) << 16) | port;
}

u32 jool_hash_bib6(const struct jool_state *st, u8 proto,
		   const struct jool_taddr6 *t6);
struct jool_bib *jool_bib_insert(struct jool_state *st, u8 proto,
				 const struct jool_taddr6 *t6,
				 const struct jool_taddr4 *t4, bool is_static,
				 u32 seen, u32 cap, gfp_t gfp,
				 struct jool_bib **old);
void jool_session_kill(struct jool_state *st, struct jool_session *s);
void jool_session_free_now(struct jool_session *s);

/**
 * struct jool_client - the mappings of one IPv6 address
 * @link: its place in its chain of &jool_state.clients (bib_client.c)
 * @addr6: the IPv6 address
 * @addr4: the IPv4 addresses its mappings use (a slot whose @bibs is 0 is
 *	free)
 * @bibs: how many of its BIB entries (any protocol) use each of @addr4
 * @others: how many of its BIB entries use none of @addr4 (all slots
 *	were taken)
 * @gen: bumped when a slot gets an address (never 0): what a port
 *	allocation saw (jool_client_paired())
 * @rcu: for call_rcu()
 *
 * Counters and slots under the chain's lock; readers of @addr4 and @gen
 * hold rcu_read_lock().
 */
struct jool_client {
	struct jool_link link;
	struct in6_addr addr6;
	__be32 addr4[JOOL_CLIENT_ADDRS];
	u32 bibs[JOOL_CLIENT_ADDRS];
	u32 others;
	u32 gen;
	struct rcu_head rcu;
};

struct jool_client *jool_client_prepare(struct jool_state *st,
					const struct in6_addr *addr6,
					gfp_t gfp);
int jool_client_join(struct jool_state *st, const struct jool_bib *e,
		     u32 seen, u32 cap, struct jool_client **spare);
void jool_client_leave(struct jool_state *st, const struct jool_bib *e);
void jool_client_discard(struct jool_client *spare);
void jool_clients_free(struct jool_state *st);

/**
 * struct jool_block - a block of ports one client holds (bib_block.c)
 * @link: its places in the (proto, IPv4 address, start) chain
 *	(%JOOL_SIDE4) and in its owner's chain (%JOOL_SIDE6)
 * @addr6: the owner
 * @addr4: the IPv4 address, network order
 * @start: the first port (aligned to @size)
 * @size: its number of ports (port-block-size when it was allocated)
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP
 * @bibs: how many BIB entries have a port in it (any client's: static
 *	entries too); under the block lock
 * @since: when it was allocated, seconds since the epoch
 * @rcu: for call_rcu()
 */
struct jool_block {
	struct jool_link link[2];
	struct in6_addr addr6;
	__be32 addr4;
	u16 start;
	u32 size;
	u8 proto;
	u32 bibs;
	time64_t since;
	struct rcu_head rcu;
};

int jool_block_join(struct jool_state *st, struct jool_bib *e,
		    struct jool_block_info *claimed);
void jool_block_leave(struct jool_state *st, const struct jool_bib *e,
		      struct jool_block_info *released);
void jool_block_event(struct jool_state *st, const struct jool_block_info *b,
		      bool allocated, enum jool_log_reason reason);
void jool_blocks_free(struct jool_state *st);

#endif /* _JOOL_BIB_TABLES_H */
