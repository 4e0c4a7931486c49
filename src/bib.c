// SPDX-License-Identifier: GPL-2.0
/*
 * The NAT64 state tables of a device and its BIB entries (src/bib.h).
 * Sessions are in session.c, the tables' shared internals in bib_tables.h.
 *
 * A BIB entry is removed (unlinked from both indices, @removed set) when
 * the administrator deletes it, when pool4 loses its IPv4 transport
 * address, or when its last reference goes; it is freed (after an RCU
 * grace period) when its last reference goes, so a removed entry that
 * still has sessions stays in memory until the collector takes them.
 */
#include <linux/jhash.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/slab.h>
#include "core/pool4.h"
#include "bib.h"
#include "bib_tables.h"
#include "nat64_log.h"

struct kmem_cache *jool_bib_cache;

/**
 * jool_hash_bib6() - the bucket hash of an IPv6 transport address
 * @st: the tables (their seed)
 * @proto: the protocol
 * @t6: the transport address
 *
 * Every field is a word of its own (session.c says why).
 *
 * Return: the hash (not masked).
 */
u32 jool_hash_bib6(const struct jool_state *st, u8 proto,
		   const struct jool_taddr6 *t6)
{
	u32 k[5] = {
		(__force u32)t6->addr.s6_addr32[0],
		(__force u32)t6->addr.s6_addr32[1],
		(__force u32)t6->addr.s6_addr32[2],
		(__force u32)t6->addr.s6_addr32[3],
		((u32)proto << 16) | t6->port,
	};

	return jhash2(k, ARRAY_SIZE(k), st->seed);
}

static u32 hash_bib4(const struct jool_state *st, u8 proto,
		     const struct jool_taddr4 *t4)
{
	return jhash_2words((__force u32)t4->addr,
			    ((u32)proto << 16) | t4->port, st->seed);
}

static bool bib_is6(const struct jool_bib *b, u8 proto,
		    const struct jool_taddr6 *t6)
{
	return b->proto == proto && b->port6 == t6->port &&
	       ipv6_addr_equal(&b->addr6, &t6->addr);
}

static bool bib_is4(const struct jool_bib *b, u8 proto,
		    const struct jool_taddr4 *t4)
{
	return b->proto == proto && b->port4 == t4->port &&
	       b->addr4 == t4->addr;
}

/* Neither removed nor on its way out (its last reference gone). */
static bool bib_live(const struct jool_bib *b)
{
	return !READ_ONCE(b->removed) && atomic_read(&b->refs);
}

/* A BIB lookup: the protocol and the address of one side. */
struct bib_key {
	u8 proto;
	const struct jool_taddr6 *t6;
	const struct jool_taddr4 *t4;
};

/* The live entry of @k in bucket @b of @side (under RCU or the lock). */
static struct jool_bib *find(struct jool_state *st, int side, u32 b,
			     const struct bib_key *k)
{
	struct jool_link *l;
	struct jool_bib *e;

	jool_chain_for_each_check(l, &st->bib[side][b],
				  jool_lock_of(st, side, b)) {
		e = jool_bib_of(l, side);
		if (side == JOOL_SIDE6 ? bib_is6(e, k->proto, k->t6) :
		    bib_is4(e, k->proto, k->t4)) {
			if (bib_live(e))
				return e;
		}
	}
	return NULL;
}

/**
 * jool_bib_lookup6() - the BIB entry of an IPv6 transport address
 * @st: the tables
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP
 * @t6: the IPv6 transport address
 *
 * Call under rcu_read_lock(); the entry stays valid until it is released.
 * Takes no lock and no reference.
 *
 * Return: the entry, or NULL.
 */
struct jool_bib *jool_bib_lookup6(struct jool_state *st, u8 proto,
				  const struct jool_taddr6 *t6)
{
	struct bib_key k = { .proto = proto, .t6 = t6 };

	return find(st, JOOL_SIDE6, jool_hash_bib6(st, proto, t6) & st->mask,
		    &k);
}

/**
 * jool_bib_lookup4() - the BIB entry of an IPv4 transport address
 * @st: the tables
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP
 * @t4: the IPv4 transport address
 *
 * As jool_bib_lookup6().
 *
 * Return: the entry, or NULL.
 */
struct jool_bib *jool_bib_lookup4(struct jool_state *st, u8 proto,
				  const struct jool_taddr4 *t4)
{
	struct bib_key k = { .proto = proto, .t4 = t4 };

	return find(st, JOOL_SIDE4, hash_bib4(st, proto, t4) & st->mask,
		    &k);
}

static void buckets_of(const struct jool_state *st, const struct jool_bib *e,
		       u32 *b6, u32 *b4)
{
	struct jool_taddr6 t6 = { .addr = e->addr6, .port = e->port6 };
	struct jool_taddr4 t4 = { .addr = e->addr4, .port = e->port4 };

	*b6 = jool_hash_bib6(st, e->proto, &t6) & st->mask;
	*b4 = hash_bib4(st, e->proto, &t4) & st->mask;
}

/*
 * Removes @e from the indices (once: returns whether this call did, and
 * logs it with @reason). Lookups stop finding it at once; its sessions are
 * treated as absent.
 */
static bool remove_bib(struct jool_state *st, struct jool_bib *e,
		       enum jool_log_reason reason)
{
	struct jool_block_info blk = { .size = 0 };
	bool done = false;
	u32 b6, b4;

	buckets_of(st, e, &b6, &b4);
	jool_lock_pair(st, b6, b4);
	if (!e->removed) {
		WRITE_ONCE(e->removed, 1);
		jool_chain_unlink(&st->bib[JOOL_SIDE6][b6], &e->link[JOOL_SIDE6],
				  jool_lock6(st, b6));
		jool_chain_unlink(&st->bib[JOOL_SIDE4][b4], &e->link[JOOL_SIDE4],
				  jool_lock4(st, b4));
		jool_client_leave(st, e);
		jool_block_leave(st, e, &blk);
		done = true;
	}
	jool_unlock_pair(st, b6, b4);
	if (done)
		jool_log_bib(st->jdev, JOOL_LOG_BIB_DEL, e, reason);
	if (blk.size)
		jool_block_event(st, &blk, false, reason);
	return done;
}

static void free_bib_rcu(struct rcu_head *rcu)
{
	kmem_cache_free(jool_bib_cache, container_of(rcu, struct jool_bib, rcu));
}

/* jool_bib_put(), which logs a removal by the last reference as @reason. */
static void put_bib(struct jool_state *st, struct jool_bib *bib,
		    enum jool_log_reason reason)
{
	if (!atomic_dec_and_test(&bib->refs))
		return;
	remove_bib(st, bib, reason);
	atomic_dec(&st->bibs);
	call_rcu(&bib->rcu, free_bib_rcu);
}

/**
 * jool_bib_put() - drop a reference to a BIB entry
 * @st: its tables
 * @bib: the entry
 *
 * The last reference removes the entry and frees it after a grace period
 * (logged as expired: its last session went). Process or softirq context,
 * not hard IRQ (it may take the entry's bucket locks with spin_lock_bh()).
 */
void jool_bib_put(struct jool_state *st, struct jool_bib *bib)
{
	put_bib(st, bib, JOOL_LOG_REASON_EXPIRED);
}

/* The order of the 4-side chains: (protocol, address, port). */
static bool bib4_before(const struct jool_link *a, const struct jool_link *b)
{
	const struct jool_bib *x = jool_bib_of(a, JOOL_SIDE4);
	const struct jool_bib *y = jool_bib_of(b, JOOL_SIDE4);

	return jool_bib_key4(x->proto, x->addr4, x->port4) <
	       jool_bib_key4(y->proto, y->addr4, y->port4);
}

static struct jool_bib *new_bib(u8 proto, const struct jool_taddr6 *t6,
				const struct jool_taddr4 *t4, bool is_static,
				gfp_t gfp)
{
	struct jool_bib *e = kmem_cache_zalloc(jool_bib_cache, gfp);

	if (!e)
		return NULL;
	e->proto = proto;
	e->addr6 = t6->addr;
	e->port6 = t6->port;
	e->addr4 = t4->addr;
	e->port4 = t4->port;
	e->is_static = is_static;
	atomic_set(&e->refs, 1);
	return e;
}

static struct jool_bib *bib_insert(struct jool_state *st, u8 proto,
				   const struct jool_taddr6 *t6,
				   const struct jool_taddr4 *t4, bool is_static,
				   u32 seen, u32 cap, gfp_t gfp,
				   struct jool_bib **old, u32 slack);

/**
 * jool_bib_insert() - add a BIB entry unless either address is taken
 * @st: the tables
 * @proto: the protocol
 * @t6: the IPv6 transport address
 * @t4: the IPv4 transport address
 * @is_static: an administrator's entry
 * @seen: what the allocation of @t4 saw of the client (jool_client_join())
 * @cap: the most entries @t6's address may hold (max-ports-per-host), 0
 *	for no limit
 * @gfp: how to allocate
 *
 * Under the two bucket locks, re-checked: of several CPUs adding the same
 * mapping, one adds it and the others find it. The entry is counted in
 * its IPv6 address's client (bib_client.c).
 *
 * Return: the new entry, with one reference (the static one, or the
 * caller's); ERR_PTR(-EEXIST) with the live entry of @t6 in *@old if
 * there is one, ERR_PTR(-EADDRINUSE) if @t4 belongs to another entry or
 * is not the client's address that it should be (allocate again),
 * -ENOSPC if the BIB is full, -EDQUOT if @t6's address holds @cap
 * entries, -ENOMEM.
 */
struct jool_bib *jool_bib_insert(struct jool_state *st, u8 proto,
				 const struct jool_taddr6 *t6,
				 const struct jool_taddr4 *t4, bool is_static,
				 u32 seen, u32 cap, gfp_t gfp,
				 struct jool_bib **old)
{
	return bib_insert(st, proto, t6, t4, is_static, seen, cap, gfp, old,
			  0);
}

/* jool_bib_insert(), up to @slack entries over max-sessions. */
static struct jool_bib *bib_insert(struct jool_state *st, u8 proto,
				   const struct jool_taddr6 *t6,
				   const struct jool_taddr4 *t4, bool is_static,
				   u32 seen, u32 cap, gfp_t gfp,
				   struct jool_bib **old, u32 slack)
{
	struct bib_key k = { .proto = proto, .t6 = t6, .t4 = t4 };
	struct jool_bib *e, *err = NULL;
	struct jool_block_info blk = { .size = 0 };
	struct jool_client *spare;
	int tries;
	u32 b6, b4;

	if (atomic_inc_return(&st->bibs) >
	    READ_ONCE(st->max_sessions) + slack) {
		atomic_dec(&st->bibs);
		return ERR_PTR(-ENOSPC);
	}
	e = new_bib(proto, t6, t4, is_static, gfp);
	if (!e) {
		atomic_dec(&st->bibs);
		return ERR_PTR(-ENOMEM);
	}
	buckets_of(st, e, &b6, &b4);
	/* A second try if the client's node went between the two looks. */
	for (tries = 0; tries < 2; tries++) {
		spare = jool_client_prepare(st, &t6->addr, gfp);
		jool_lock_pair(st, b6, b4);
		*old = find(st, JOOL_SIDE6, b6, &k);
		if (*old)
			err = ERR_PTR(-EEXIST);
		else if (find(st, JOOL_SIDE4, b4, &k))
			err = ERR_PTR(-EADDRINUSE);
		else
			err = ERR_PTR(jool_client_join(st, e, seen, cap,
						       &spare));
		/* Port blocks (bib_block.c): the entry's block, or refused. */
		if (!err) {
			err = ERR_PTR(jool_block_join(st, e, &blk));
			if (err)
				jool_client_leave(st, e);
		}
		if (!err) {
			jool_chain_push(&st->bib[JOOL_SIDE6][b6],
					&e->link[JOOL_SIDE6], jool_lock6(st, b6));
			jool_chain_insert(&st->bib[JOOL_SIDE4][b4],
					  &e->link[JOOL_SIDE4], bib4_before,
					  jool_lock4(st, b4));
		}
		jool_unlock_pair(st, b6, b4);
		jool_client_discard(spare);
		if (err != ERR_PTR(-EAGAIN))
			break;
		err = NULL;
	}
	if (!err && tries == 2)
		err = ERR_PTR(-ENOMEM);
	if (err) {
		atomic_dec(&st->bibs);
		kmem_cache_free(jool_bib_cache, e);
		return err;
	}
	/*
	 * @e is safe to read: a dynamic entry holds the caller's reference,
	 * and a static one's goes only under the device's configuration
	 * lock, which the caller holds.
	 */
	if (blk.size)
		jool_block_event(st, &blk, true, 0);
	jool_log_bib(st->jdev, JOOL_LOG_BIB_ADD, e, 0);
	return e;
}

/*
 * Makes the live entry of @t6 static if it maps @t4 (under RCU): 0, or
 * -EEXIST (static already, or another mapping), or -EAGAIN: it went
 * meanwhile (its last reference, bib del, a purge): insert again.
 */
static int make_static(struct jool_state *st, u8 proto,
		       const struct jool_taddr6 *t6,
		       const struct jool_taddr4 *t4)
{
	struct jool_bib *old = jool_bib_lookup6(st, proto, t6);

	if (!old)
		return -EAGAIN;
	if (!bib_is4(old, proto, t4))
		return -EEXIST;
	if (!atomic_inc_not_zero(&old->refs))
		return -EAGAIN;
	/* The reference becomes the static one. */
	if (cmpxchg(&old->is_static, 0, 1)) {
		jool_bib_put(st, old);
		return -EEXIST;
	}
	/*
	 * A removal takes the static reference back with xchg() after it
	 * sets @removed; if it came first, the reference is ours to drop.
	 * Either it or this sees the other (both fully ordered).
	 */
	if (READ_ONCE(old->removed)) {
		if (xchg(&old->is_static, 0))
			jool_bib_put(st, old);
		return -EAGAIN;
	}
	return 0;
}

/**
 * jool_bib_add_static() - add a static BIB entry (joolctl bib add)
 * @st: the tables
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP
 * @t6: the IPv6 transport address
 * @t4: the IPv4 transport address (the caller checked it is in pool4)
 * @slack: how many entries over max-sessions the BIB may hold (entries
 *	the caller is about to remove; 0 for the data path's limit)
 *
 * A dynamic entry of the same two addresses becomes static.
 *
 * Return: 0; -EEXIST if the entry is already static or either address
 * belongs to another entry; -ENOSPC if the BIB is full; -ENOMEM; -EAGAIN
 * if the entry went and came back four times meanwhile.
 */
int jool_bib_add_static(struct jool_state *st, u8 proto,
			const struct jool_taddr6 *t6,
			const struct jool_taddr4 *t4, u32 slack)
{
	struct jool_bib *e, *old;
	int err, tries;

	for (tries = 0; tries < 4; tries++) {
		/* The administrator's entries are not capped. */
		e = bib_insert(st, proto, t6, t4, true, JOOL_CLIENT_ANY, 0,
			       GFP_KERNEL, &old, slack);
		if (!IS_ERR(e))
			return 0;
		if (PTR_ERR(e) != -EEXIST)
			return PTR_ERR(e) == -EADDRINUSE ? -EEXIST : PTR_ERR(e);
		/* The same IPv6 taddr: this mapping made static, or not. */
		rcu_read_lock();
		err = make_static(st, proto, t6, t4);
		rcu_read_unlock();
		if (err != -EAGAIN)
			return err;
	}
	return -EAGAIN;
}

/**
 * jool_bib_del() - remove a BIB entry and (lazily) its sessions
 * @st: the tables
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP
 * @t6: its IPv6 transport address, or NULL
 * @t4: its IPv4 transport address, or NULL (not both NULL)
 *
 * Return: 0, or -ESRCH if no entry has the addresses given.
 */
int jool_bib_del(struct jool_state *st, u8 proto,
		 const struct jool_taddr6 *t6, const struct jool_taddr4 *t4)
{
	struct jool_bib *e;
	int err = -ESRCH;

	rcu_read_lock();
	e = t4 ? jool_bib_lookup4(st, proto, t4) :
		 jool_bib_lookup6(st, proto, t6);
	if (e && (!t6 || bib_is6(e, proto, t6)) &&
	    remove_bib(st, e, JOOL_LOG_REASON_ADMIN)) {
		err = 0;
		/* Its sessions, absent now, go with the next pass. */
		jool_session_sweep(st);
		/* Its static reference; its sessions drop theirs. */
		if (xchg(&e->is_static, 0))
			jool_bib_put(st, e);
	}
	rcu_read_unlock();
	return err;
}

/**
 * jool_bib_unstatic() - make a static BIB entry dynamic again
 * @st: the tables
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP
 * @t4: its IPv4 transport address
 *
 * Undoes jool_bib_add_static(): the entry lives on while it has sessions
 * (as a dynamic entry would), and goes now if it has none.
 */
void jool_bib_unstatic(struct jool_state *st, u8 proto,
		       const struct jool_taddr4 *t4)
{
	struct jool_bib *e;

	rcu_read_lock();
	e = jool_bib_lookup4(st, proto, t4);
	if (e && xchg(&e->is_static, 0))
		put_bib(st, e, JOOL_LOG_REASON_ADMIN);
	rcu_read_unlock();
}

/* Whether @e's IPv4 transport address is in @c (NULL: in everything). */
static bool in_change(const struct pool4_change *c, const struct jool_bib *e)
{
	u8 bit = e->proto == IPPROTO_TCP ? POOL4_TCP :
		 e->proto == IPPROTO_UDP ? POOL4_UDP : POOL4_ICMP;
	u32 mask = c && c->prefix.len ? ~0U << (32 - c->prefix.len) : 0;

	if (!c)
		return true;
	return (c->protos & bit) && e->port4 >= c->min &&
	       e->port4 <= c->max &&
	       !((ntohl(e->addr4) ^ ntohl(c->prefix.addr)) & mask);
}

/**
 * jool_bib_purge() - remove the BIB entries pool4 no longer has
 * @st: the tables
 * @pool4: the new pool4 (NULL: empty)
 * @removed: the transport addresses removed (NULL: every one); entries
 *	outside stay, even if pool4 lacks them (an earlier "quick" removal)
 *
 * Process context. The caller made sure no packet still uses the old
 * pool4 (synchronize_rcu()). Walks the table a bucket at a time, under
 * RCU, taking only the locks of the entries it removes.
 */
void jool_bib_purge(struct jool_state *st, const struct pool4 *pool4,
		    const struct pool4_change *removed)
{
	bool any = false;
	struct jool_link *l;
	struct jool_bib *e;
	u32 b;

	for (b = 0; b <= st->mask; b++) {
		rcu_read_lock();
		jool_chain_for_each(l, &st->bib[JOOL_SIDE4][b]) {
			e = jool_bib_of(l, JOOL_SIDE4);
			if (!in_change(removed, e) ||
			    jool_pool4_contains(pool4, e->proto, e->addr4,
						e->port4) ||
			    !remove_bib(st, e, JOOL_LOG_REASON_POOL4))
				continue;
			any = true;
			if (xchg(&e->is_static, 0))
				jool_bib_put(st, e);
		}
		rcu_read_unlock();
		if (!(b & 1023))
			cond_resched();
	}
	/* Their sessions, absent now, go with the next pass. */
	if (any)
		jool_session_sweep(st);
}

/**
 * jool_bib_foreach() - the BIB entries, in (bucket, key) order, from a key
 * @st: the tables
 * @key: where to start (after @key's entry if @key->started); updated to
 *	the last entry @cb accepted or skipped, or looked at (or, when @max
 *	ran out at the end of a bucket, to the start of the next bucket)
 * @max: at most this many buckets and entries (live or not) looked at,
 *	then -EAGAIN; 0 for no limit
 * @cb: called with each live entry, under rcu_read_lock(); returns 0,
 *	%JOOL_FOREACH_SKIP or a negative errno to stop before the entry
 * @arg: passed to @cb
 *
 * The order is fixed while the device lives (the table is never resized),
 * so a dump made of several calls sees every entry present throughout
 * once, whatever was added or removed in between. @max bounds one call
 * whatever the table holds: a million entries that died since the
 * collector's last pass, or a million empty buckets.
 *
 * Return: 0 at the end of the table, -EAGAIN when @max ran out, or what
 * @cb returned when it stopped.
 */
int jool_bib_foreach(struct jool_state *st, struct jool_bib_key *key,
		     unsigned int max, jool_bib_cb cb, void *arg)
{
	u64 last = jool_bib_key4(key->proto, key->t4.addr, key->t4.port);
	struct jool_link *l;
	struct jool_bib *e;
	int err = 0;

	rcu_read_lock();
	for (; key->bucket <= st->mask; key->bucket++, key->started = false) {
		jool_chain_for_each(l, &st->bib[JOOL_SIDE4][key->bucket]) {
			u64 k;

			e = jool_bib_of(l, JOOL_SIDE4);
			k = jool_bib_key4(e->proto, e->addr4, e->port4);

			if (key->started && k <= last)
				continue;
			if (bib_live(e)) {
				err = cb(e, arg);
				if (err < 0)
					goto out;
				err = 0;
			}
			key->started = true;
			key->proto = e->proto;
			key->t4.addr = e->addr4;
			key->t4.port = e->port4;
			last = k;
			if (jool_foreach_spent(&max)) {
				err = -EAGAIN;
				goto out;
			}
		}
		if (jool_foreach_spent(&max)) {
			key->bucket++;
			key->started = false;
			err = -EAGAIN;
			goto out;
		}
	}
out:
	rcu_read_unlock();
	return err;
}
