// SPDX-License-Identifier: GPL-2.0
/*
 * NAT64 sessions (RFC 6146 3.2): lookups both ways, creation, expiry
 * (src/bib.h).
 *
 * A session is alive while it is not dead, not past its expiry and its BIB
 * entry is not removed. Lookups return only live sessions; whatever is
 * not alive is unlinked by jool_session_kill(), called by the collector
 * (state.c), by a creation that meets it, or by the device's destruction.
 */
#include <linux/jhash.h>
#include <linux/slab.h>
#include "bib.h"
#include "bib_tables.h"
#include "nat64_log.h"
#include "stats.h"

struct kmem_cache *jool_session_cache;

/*
 * The longest lifetime, in jiffies: @expires is 32-bit and is compared
 * with jiffies as an s32 difference. The globals stop at 24 days
 * (JOOL_TIMEOUT_MAX_MS, below this at every HZ); this is the safety net.
 */
#define MAX_TIMEOUT ((unsigned long)S32_MAX)

/*
 * The hashes take every field of the key as a word of its own, never two
 * folded into one (addr ^ port): a client could otherwise put all its
 * sessions whose folded words are equal (65536 of them) in one chain,
 * whatever the seed. (The 6 side hashes the remote's two words with the
 * seeded hash of the client's transport address.)
 */
static u32 hash_ses6(const struct jool_state *st, u8 proto,
		     const struct jool_taddr6 *src,
		     const struct jool_taddr4 *remote)
{
	return jhash_3words(jool_hash_bib6(st, proto, src),
			    (__force u32)remote->addr, remote->port, st->seed);
}

static u32 hash_ses4(const struct jool_state *st, u8 proto,
		     const struct jool_taddr4 *local,
		     const struct jool_taddr4 *remote)
{
	u32 k[4] = {
		(__force u32)local->addr, ((u32)proto << 16) | local->port,
		(__force u32)remote->addr, remote->port,
	};

	return jhash2(k, ARRAY_SIZE(k), st->seed);
}

static void taddrs_of(const struct jool_session *s, struct jool_taddr6 *src,
		      struct jool_taddr4 *local, struct jool_taddr4 *remote)
{
	src->addr = s->bib->addr6;
	src->port = s->bib->port6;
	local->addr = s->bib->addr4;
	local->port = s->bib->port4;
	remote->addr = s->remote4;
	remote->port = s->rport4;
}

/**
 * jool_session_alive() - whether a session counts
 * @s: the session
 *
 * Return: false if it expired, was killed or its BIB entry was removed.
 */
bool jool_session_alive(const struct jool_session *s)
{
	return !READ_ONCE(s->dead) && !READ_ONCE(s->bib->removed) &&
	       (s32)(READ_ONCE(s->expires) - (u32)jiffies) > 0;
}

/* A session lookup: the protocol and the keys of one side. */
struct ses_key {
	u8 proto;
	const struct jool_taddr6 *src;
	const struct jool_taddr4 *local;
	const struct jool_taddr4 *remote;
};

static bool ses_is(const struct jool_session *s, int side,
		   const struct ses_key *k)
{
	const struct jool_bib *e = s->bib;

	if (s->remote4 != k->remote->addr || s->rport4 != k->remote->port ||
	    e->proto != k->proto)
		return false;
	if (side == JOOL_SIDE4)
		return e->addr4 == k->local->addr && e->port4 == k->local->port;
	return e->port6 == k->src->port && ipv6_addr_equal(&e->addr6,
							   &k->src->addr);
}

/*
 * The session of @k in bucket @b of @side (under RCU or the lock): a live
 * one, or (!@alive) any not killed.
 */
static struct jool_session *find(struct jool_state *st, int side, u32 b,
				 const struct ses_key *k, bool alive)
{
	struct jool_session *s;
	struct jool_link *l;

	jool_chain_for_each_check(l, &st->ses[side][b],
				  jool_lock_of(st, side, b)) {
		s = jool_ses_of(l, side);
		if (ses_is(s, side, k) && (alive ? jool_session_alive(s) :
					   !READ_ONCE(s->dead)))
			return s;
	}
	return NULL;
}

/**
 * jool_session_lookup6() - the session of an IPv6 packet (6 -> 4)
 * @st: the tables
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP (IPv4 numbers)
 * @src: the packet's source transport address
 * @remote: its destination's IPv4 transport address (pool6 removed)
 *
 * Call under rcu_read_lock(); no lock, no allocation.
 *
 * Return: the live session, or NULL.
 */
struct jool_session *jool_session_lookup6(struct jool_state *st, u8 proto,
					  const struct jool_taddr6 *src,
					  const struct jool_taddr4 *remote)
{
	struct ses_key k = { .proto = proto, .src = src, .remote = remote };

	return find(st, JOOL_SIDE6, hash_ses6(st, proto, src, remote) &
		    st->mask, &k, true);
}

/**
 * jool_session_lookup4() - the session of an IPv4 packet (4 -> 6)
 * @st: the tables
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP
 * @local: the packet's destination (a pool4 transport address)
 * @remote: its source
 *
 * As jool_session_lookup6().
 *
 * Return: the live session, or NULL.
 */
struct jool_session *jool_session_lookup4(struct jool_state *st, u8 proto,
					  const struct jool_taddr4 *local,
					  const struct jool_taddr4 *remote)
{
	struct ses_key k = { .proto = proto, .local = local,
			     .remote = remote };

	return find(st, JOOL_SIDE4, hash_ses4(st, proto, local, remote) &
		    st->mask, &k, true);
}


/**
 * jool_session_set_state() - store the TCP state machine's state
 * @s: the session (under RCU)
 * @state: the state, which this file does not interpret
 */
void jool_session_set_state(struct jool_session *s, u8 state)
{
	WRITE_ONCE(s->state, state);
}

/* The session 4-side order: local taddr, then remote taddr. */
static bool ses4_before(const struct jool_link *a, const struct jool_link *b)
{
	const struct jool_session *x = jool_ses_of(a, JOOL_SIDE4);
	const struct jool_session *y = jool_ses_of(b, JOOL_SIDE4);
	u64 kx = jool_bib_key4(x->bib->proto, x->bib->addr4, x->bib->port4);
	u64 ky = jool_bib_key4(y->bib->proto, y->bib->addr4, y->bib->port4);

	if (kx != ky)
		return kx < ky;
	return jool_bib_key4(0, x->remote4, x->rport4) <
	       jool_bib_key4(0, y->remote4, y->rport4);
}

/* The 6-side bucket of @s. */
static u32 bucket6_of(const struct jool_state *st, const struct jool_session *s)
{
	struct jool_taddr4 local, remote;
	struct jool_taddr6 src;

	taddrs_of(s, &src, &local, &remote);
	return hash_ses6(st, s->bib->proto, &src, &remote) & st->mask;
}

static void buckets_of(const struct jool_state *st,
		       const struct jool_session *s, u32 *b6, u32 *b4)
{
	struct jool_taddr4 local, remote;
	struct jool_taddr6 src;

	taddrs_of(s, &src, &local, &remote);
	*b6 = bucket6_of(st, s);
	*b4 = hash_ses4(st, s->bib->proto, &local, &remote) & st->mask;
}

static void free_session_rcu(struct rcu_head *rcu)
{
	kmem_cache_free(jool_session_cache,
			container_of(rcu, struct jool_session, rcu));
}

/*
 * Expiry. A session that expires stays linked, absent to lookups, until
 * the collector (gc_work() in state.c: a pass a second, in short
 * batches) unlinks it. The collector does not look at every
 * session each pass: a million of them would cost a million cache misses
 * a second, with nothing to do for almost all. Each group of
 * JOOL_GC_GROUP buckets of the 6-side index has a due time (@st->due)
 * before which none of its sessions expires; a pass looks into the
 * groups that are due only, kills what expired there, and schedules
 * the group again at the earliest expiry left. A due time only needs to
 * be early enough: a refresh that moves an expiry later leaves it be
 * (the packet path does not touch it), one that moves it earlier, and
 * a new session, move it earlier (lower_due()). A session is thus looked
 * at about once per lifetime, and a group of active sessions once per
 * the shortest lifetime among them. A BIB entry removed with its sessions
 * (bib del, a pool4 change) makes them absent without their expiry
 * changing: that asks for a pass through every group (jool_session_sweep()).
 */

/*
 * Moves the time (jiffies, low 32 bits) at @t to @to if that is later
 * (@later) or earlier (!@later); no lock.
 */
static void move_time(u32 *t, u32 to, bool later)
{
	u32 cur = READ_ONCE(*t), prev;

	while ((s32)(later ? to - cur : cur - to) > 0) {
		prev = cmpxchg(t, cur, to);
		if (prev == cur)
			break;
		cur = prev;
	}
}

/*
 * Brings the due time of 6-side bucket @b6's group down to @expires if
 * that is earlier. The caller stored @expires first: the full barrier
 * pairs with the collector's, which resets the due time and then reads
 * the expiries, so that either it sees @expires or its reset comes first.
 */
static void lower_due(struct jool_state *st, u32 b6, u32 expires)
{
	u32 *due = &st->due[b6 >> JOOL_GC_GROUP_SHIFT];

	/* The expiry stored before the due time is read; see above. */
	smp_mb();
	/*
	 * Due already: early enough. (Compared with a time far ahead, a
	 * due time long past would also wrap into the future.)
	 */
	if ((s32)(READ_ONCE(*due) - (u32)jiffies) <= 0)
		return;
	move_time(due, expires, false);
}

/**
 * jool_session_scheduled() - whether the collector will look at a session
 * @st: the tables
 * @s: a linked session
 *
 * The invariant "Expiry" rests on (the selftests check it).
 *
 * Return: whether its group's due time is at or before its expiry.
 */
bool jool_session_scheduled(const struct jool_state *st,
			    const struct jool_session *s)
{
	u32 due = READ_ONCE(st->due[bucket6_of(st, s) >> JOOL_GC_GROUP_SHIFT]);

	return (s32)(READ_ONCE(s->expires) - due) >= 0;
}

/**
 * jool_session_sweep() - have the collector look at every session
 * @st: the tables
 *
 * For sessions made absent without their expiry changing (their BIB
 * entry removed): the next pass that starts looks into every group.
 */
void jool_session_sweep(struct jool_state *st)
{
	/* After the removals it answers: the pass reads it with acquire. */
	smp_mb__before_atomic();
	atomic_inc(&st->sweep_req);
}

/*
 * Peer groups. Address-dependent filtering (RFC 6146 3.5.1.2, 3.5.2.2) asks
 * whether the IPv6 node of a BIB entry has a session, any port, with an
 * IPv4 address. The sessions of one (BIB entry, remote IPv4 address) are a
 * peer group; its first session is its anchor, linked in the peer index
 * (%JOOL_PEER), and counts the group's sessions not dead (@peers). The
 * index holds one link per group, whatever a remote does with its ports,
 * so its chains stay as short as the others. An anchor that dies before
 * its group stays linked (a "zombie": out of the session indices, its
 * memory and BIB reference kept) until the group's last session dies.
 * Joining and leaving happen under the session's bucket locks, the peer
 * chain's lock nested inside. A session counts in @peers from its linking
 * until the collector (or a creation meeting it) kills it; the anchor also
 * keeps the group's latest expiry (@group_expires: the members' expiries
 * at joining and at each refresh), and a group whose expiry has passed
 * lets nobody in, even before the collector ran (RFC 6146 3.5.1: an
 * expired session is gone). The expiry only moves forward: a session
 * whose lifetime is cut (a TCP close) still counts until it is killed.
 */
static u32 hash_peer(const struct jool_state *st, const struct jool_bib *bib,
		     __be32 remote)
{
	unsigned long p = (unsigned long)bib;

	return jhash_3words((u32)p, (u32)(p >> 16 >> 16),
			    (__force u32)remote, st->seed) & st->mask;
}

/* The anchor of (@bib, @remote) in peer bucket @b (under RCU or the lock). */
static struct jool_session *find_peer(struct jool_state *st, u32 b,
				      const struct jool_bib *bib,
				      __be32 remote)
{
	struct jool_session *s;
	struct jool_link *l;

	jool_chain_for_each_check(l, &st->peers[b], jool_lockx(st, b)) {
		s = jool_ses_of(l, JOOL_PEER);
		if (s->bib == bib && s->remote4 == remote)
			return s;
	}
	return NULL;
}

/**
 * jool_session_peer() - whether a BIB entry talks to an IPv4 address
 * @st: the tables
 * @bib: the BIB entry
 * @remote: the IPv4 address
 *
 * Call under rcu_read_lock(); no lock. See "Peer groups" above for when a
 * session counts.
 *
 * Return: whether @bib has a session with @remote, any port, that has not
 * expired.
 */
bool jool_session_peer(struct jool_state *st, const struct jool_bib *bib,
		       __be32 remote)
{
	struct jool_session *a = find_peer(st, hash_peer(st, bib, remote),
					   bib, remote);

	return a && (s32)(READ_ONCE(a->group_expires) - (u32)jiffies) > 0;
}

/* Moves @a's group expiry forward to @expires (no lock). */
static void raise_group(struct jool_session *a, u32 expires)
{
	move_time(&a->group_expires, expires, true);
}

/* Counts the new session @s in its group (its bucket locks held). */
static void join_peers(struct jool_state *st, struct jool_session *s)
{
	u32 b = hash_peer(st, s->bib, s->remote4);
	spinlock_t *lock = jool_lockx(st, b);
	struct jool_session *a;

	spin_lock(lock);
	a = find_peer(st, b, s->bib, s->remote4);
	if (a) {
		a->peers++;
		raise_group(a, s->expires);
	} else {
		s->peers = 1;
		s->group_expires = s->expires;
		jool_chain_push(&st->peers[b], &s->link[JOOL_PEER], lock);
	}
	spin_unlock(lock);
}

/*
 * Uncounts @s, which is dying (its bucket locks held). Returns the anchor
 * whose group this ended (unlinked: the caller releases it), or NULL;
 * *@keep says whether @s is an anchor that outlives its death.
 */
static struct jool_session *leave_peers(struct jool_state *st,
					struct jool_session *s, bool *keep)
{
	u32 b = hash_peer(st, s->bib, s->remote4);
	spinlock_t *lock = jool_lockx(st, b);
	struct jool_session *a, *gone = NULL;

	*keep = false;
	spin_lock(lock);
	a = s->peers ? s : find_peer(st, b, s->bib, s->remote4);
	if (a && !--a->peers) {
		jool_chain_unlink(&st->peers[b], &a->link[JOOL_PEER], lock);
		gone = a;
	} else if (a == s) {
		*keep = true;
	}
	spin_unlock(lock);
	return gone;
}

/* Drops @s's BIB reference and frees it after a grace period. */
static void release(struct jool_state *st, struct jool_session *s)
{
	jool_bib_put(st, s->bib);
	call_rcu(&s->rcu, free_session_rcu);
}

/**
 * jool_session_refresh() - push a session's expiry back
 * @st: the tables
 * @s: the session (under RCU)
 * @timeout: from now, in jiffies (0: expired; more than MAX_TIMEOUT counts
 *	as MAX_TIMEOUT)
 *
 * The expiry of @s's peer group follows if it is later.
 */
void jool_session_refresh(struct jool_state *st, struct jool_session *s,
			  unsigned long timeout)
{
	u32 expires = (u32)(jiffies + min(timeout, MAX_TIMEOUT));
	struct jool_session *a;
	u32 old;

	/*
	 * Earlier than before (a TCP close): the collector's too. The
	 * expiry this overwrites, not one read before: a refresh on another
	 * CPU in between may have moved it later, and the group's due time
	 * with it (a pass).
	 */
	old = xchg(&s->expires, expires);
	if ((s32)(expires - old) < 0)
		lower_due(st, bucket6_of(st, s), expires);
	/* An anchor counts itself; a dead one's @peers may be call_rcu()'s. */
	a = READ_ONCE(s->peers) ? s :
	    find_peer(st, hash_peer(st, s->bib, s->remote4), s->bib,
		      s->remote4);
	if (a)
		raise_group(a, expires);
}

/**
 * jool_session_free_now() - free a session of dying tables
 * @s: the session, linked or a zombie anchor; nobody else sees the tables
 *
 * Its BIB entry goes with its last reference if it is no longer linked.
 */
void jool_session_free_now(struct jool_session *s)
{
	struct jool_bib *bib = s->bib;

	if (atomic_dec_and_test(&bib->refs) && bib->removed)
		kmem_cache_free(jool_bib_cache, bib);
	kmem_cache_free(jool_session_cache, s);
}

/**
 * jool_session_kill() - unlink a session and drop its BIB reference
 * @st: the tables
 * @s: the session, under RCU; the first call of several does it
 *
 * An anchor whose group lives on keeps its memory and BIB reference until
 * the group's last session dies. The removal is logged (nat64_log.c) as
 * its BIB entry's if that went first, else as an expiry.
 */
void jool_session_kill(struct jool_state *st, struct jool_session *s)
{
	struct jool_session *gone;
	bool keep;
	u32 b6, b4;

	if (xchg(&s->dead, 1))
		return;
	buckets_of(st, s, &b6, &b4);
	jool_lock_pair(st, b6, b4);
	jool_chain_unlink(&st->ses[JOOL_SIDE6][b6], &s->link[JOOL_SIDE6],
			  jool_lock6(st, b6));
	jool_chain_unlink(&st->ses[JOOL_SIDE4][b4], &s->link[JOOL_SIDE4],
			  jool_lock4(st, b4));
	gone = leave_peers(st, s, &keep);
	jool_unlock_pair(st, b6, b4);
	jool_log_session(st->jdev, JOOL_LOG_SESSION_DEL, s,
			 READ_ONCE(s->bib->removed) ? JOOL_LOG_REASON_BIB :
			 JOOL_LOG_REASON_EXPIRED);
	atomic_dec(&st->sessions);
	if (!keep)
		release(st, s);
	if (gone && gone != s)
		release(st, gone);
}

/*
 * Links @s unless its 6-side key is taken; returns the session that has
 * it (alive: the caller uses it; not alive: the caller kills it and tries
 * again), or NULL when @s went in.
 */
static struct jool_session *link_session(struct jool_state *st,
					 struct jool_session *s)
{
	struct jool_taddr4 local, remote;
	struct jool_session *cur;
	struct jool_taddr6 src;
	struct ses_key k = { .proto = s->bib->proto, .src = &src,
			     .local = &local, .remote = &remote };
	u32 b6, b4;

	taddrs_of(s, &src, &local, &remote);
	buckets_of(st, s, &b6, &b4);
	jool_lock_pair(st, b6, b4);
	cur = find(st, JOOL_SIDE6, b6, &k, false);
	if (!cur) {
		jool_chain_push(&st->ses[JOOL_SIDE6][b6], &s->link[JOOL_SIDE6],
				jool_lock6(st, b6));
		jool_chain_insert(&st->ses[JOOL_SIDE4][b4], &s->link[JOOL_SIDE4],
				  ses4_before, jool_lock4(st, b4));
		join_peers(st, s);
	}
	jool_unlock_pair(st, b6, b4);
	if (!cur)
		lower_due(st, b6, s->expires);
	return cur;
}

/*
 * The BIB entry of @src with a reference: the existing one, else a new
 * one on @local. ERR_PTR(-EADDRINUSE): @local is someone else's, or
 * not the client's (jool_client_join(), @seen).
 */
static struct jool_bib *get_bib(struct jool_state *st, u8 proto,
				const struct jool_taddr6 *src,
				const struct jool_taddr4 *local, u32 seen,
				u32 cap)
{
	struct jool_bib *bib, *old;
	int tries;

	for (tries = 0; tries < 4; tries++) {
		/*
		 * A caller with @local has just found no entry (the packet
		 * path does): insert at once, and look only if the insert
		 * finds one (-EEXIST) or a full BIB refuses it (-ENOSPC: an
		 * existing entry would still do).
		 */
		bib = local && !tries ? NULL : jool_bib_lookup6(st, proto, src);
		if (bib && atomic_inc_not_zero(&bib->refs)) {
			/* Removed since the lookup: its sessions are dead. */
			if (!READ_ONCE(bib->removed))
				return bib;
			jool_bib_put(st, bib);
			continue;
		}
		/*
		 * Only a transport address the caller has just chosen from
		 * pool4 makes an entry: one copied from an entry that went
		 * meanwhile (pool4 or "bib del" removed it) must not come
		 * back, nor may an IPv4 packet make one (RFC 6146 3.5.1).
		 */
		if (!local)
			return ERR_PTR(-EAGAIN);
		bib = jool_bib_insert(st, proto, src, local, false, seen, cap,
				      GFP_ATOMIC, &old);
		if (PTR_ERR(bib) != -EEXIST &&
		    (tries || PTR_ERR(bib) != -ENOSPC))
			return bib;
	}
	return ERR_PTR(-EAGAIN);
}

static struct jool_session *new_session(struct jool_bib *bib,
					const struct jool_taddr4 *remote,
					u8 state, unsigned long timeout)
{
	struct jool_session *s;

	s = kmem_cache_zalloc(jool_session_cache, GFP_ATOMIC);
	if (!s)
		return NULL;
	s->bib = bib;
	s->remote4 = remote->addr;
	s->rport4 = remote->port;
	s->state = state;
	/* Even a zero timeout lets the packet that made it use it. */
	s->expires = (u32)(jiffies + clamp(timeout, 1UL, MAX_TIMEOUT));
	return s;
}

/*
 * One try of jool_session_create(), which holds a max-sessions slot for it
 * (kept by the new session, else given back). -EAGAIN: try again.
 */
static struct jool_session *create_once(struct jool_state *st, u8 proto,
					const struct jool_taddr6 *src,
					const struct jool_taddr4 *local,
					u32 seen, u32 cap,
					const struct jool_taddr4 *remote,
					u8 state, unsigned long timeout,
					bool *made)
{
	struct jool_session *s, *old;
	struct jool_bib *bib;
	int tries;

	bib = get_bib(st, proto, src, local, seen, cap);
	if (IS_ERR(bib)) {
		atomic_dec(&st->sessions);
		return ERR_CAST(bib);
	}
	s = new_session(bib, remote, state, timeout);
	if (!s) {
		atomic_dec(&st->sessions);
		jool_bib_put(st, bib);
		return ERR_PTR(-ENOMEM);
	}
	for (tries = 0; tries < 4; tries++) {
		old = link_session(st, s);
		if (!old) {
			/*
			 * Linked, so a kill (which logs the removal) may
			 * come; one in this gap (its BIB entry went) would
			 * be logged before this.
			 */
			jool_log_session(st->jdev, JOOL_LOG_SESSION_ADD, s, 0);
			break;
		}
		if (jool_session_alive(old))
			break;
		jool_session_kill(st, old);
	}
	if (!old) {
		/* Its BIB entry may have gone since get_bib(). */
		if (jool_session_alive(s)) {
			*made = true;
			return s;
		}
		jool_session_kill(st, s);
		return ERR_PTR(-EAGAIN);
	}
	/* Another CPU made it first (or we gave up): use its session. */
	atomic_dec(&st->sessions);
	jool_bib_put(st, bib);
	kmem_cache_free(jool_session_cache, s);
	return jool_session_alive(old) ? old : ERR_PTR(-EAGAIN);
}

/**
 * jool_session_create_seen() - find or create the session of a flow
 * @st: the tables
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP
 * @src: the IPv6 transport address
 * @local: the IPv4 transport address the caller has just chosen from
 *	pool4 (RFC 6056) for a new BIB entry, ignored if @src already has
 *	one (endpoint-independent mapping); NULL: only an existing entry
 *	will do (a packet from IPv4, or one that found the entry earlier)
 * @seen: the generation of @src's client that chose @local
 *	(jool_client_paired()), or %JOOL_CLIENT_ANY (jool_session_create())
 * @cap: how many BIB entries @src's address may hold, a new one included
 *	(max-ports-per-host); 0: no limit
 * @remote: the remote IPv4 transport address
 * @state: the initial state
 * @timeout: the lifetime, in jiffies (0: until the next tick; at most
 *	MAX_TIMEOUT)
 * @made: out: whether the session is new (false: another CPU made it
 *	first, and its state is not @state); may be NULL
 *
 * Call under rcu_read_lock(), in process or softirq context, not hard IRQ
 * (allocates GFP_ATOMIC, takes bucket locks with spin_lock_bh()). Of
 * several CPUs creating the same flow, all get the same session, even
 * when the last slot of max-sessions goes to one of them.
 *
 * The packet path must read pool4 (to choose @local) and call this in
 * the same RCU read-side section: a pool4 removal waits for such
 * sections (synchronize_rcu()) before jool_bib_purge() walks the BIB, so
 * a BIB entry made from the old pool4 is in the table by then and goes;
 * made in a later section, it was chosen from the new pool4.
 *
 * Return: the session, alive (valid under RCU), or ERR_PTR: -EADDRINUSE
 * (@local belongs to another BIB entry, or the client got another IPv4
 * address since @seen: choose again), -ENOSPC
 * (max-sessions reached: the caller counts JOOL_STAT_SESSIONS_FULL),
 * -EDQUOT (a new BIB entry would pass @cap: JOOL_STAT_NAT64_HOST_PORTS),
 * -ENOMEM,
 * -EAGAIN (also: no BIB entry and @local NULL).
 */
struct jool_session *jool_session_create_seen(struct jool_state *st,
					      u8 proto,
					      const struct jool_taddr6 *src,
					      const struct jool_taddr4 *local,
					      u32 seen, u32 cap,
					      const struct jool_taddr4 *remote,
					      u8 state, unsigned long timeout,
					      bool *made)
{
	struct jool_session *s = ERR_PTR(-EAGAIN), *cur;
	bool dummy;
	int tries;

	if (!made)
		made = &dummy;
	*made = false;
	for (tries = 0; tries < 4 && s == ERR_PTR(-EAGAIN); tries++) {
		if (atomic_inc_return(&st->sessions) >
		    READ_ONCE(st->max_sessions)) {
			atomic_dec(&st->sessions);
			s = ERR_PTR(-ENOSPC);
			break;
		}
		s = create_once(st, proto, src, local, seen, cap, remote,
				state, timeout, made);
	}
	if (s == ERR_PTR(-ENOSPC)) {
		/* Full; but the flow may have its session (another CPU's). */
		cur = jool_session_lookup6(st, proto, src, remote);
		if (cur)
			return cur;
	}
	return s;
}

/**
 * jool_session_foreach() - the sessions, in (bucket, key) order, from a key
 * @st: the tables
 * @key: where to start; updated to the last session @cb accepted or
 *	skipped, or looked at
 * @max: as jool_bib_foreach()'s
 * @cb: called with each live session, under rcu_read_lock(); returns as
 *	jool_bib_foreach()'s
 * @arg: passed to @cb
 *
 * As jool_bib_foreach(), over the 4 -> 6 index. Two sessions there can
 * share a key (a dead one, and the live one made after its BIB entry was
 * made again): jool_chain_insert() puts the new one before the old, so a
 * dump that resumes past the key has already seen the live one.
 *
 * Return: 0 at the end of the table, -EAGAIN when @max ran out, or what
 * @cb returned when it stopped.
 */
int jool_session_foreach(struct jool_state *st, struct jool_session_key *key,
			 unsigned int max, jool_session_cb cb, void *arg)
{
	/* The last key, as a session and BIB entry for ses4_before(). */
	struct jool_bib kb = { .proto = key->proto, .addr4 = key->local.addr,
			       .port4 = key->local.port };
	struct jool_session k = { .bib = &kb, .remote4 = key->remote.addr,
				  .rport4 = key->remote.port };
	struct jool_session *s;
	struct jool_link *l;
	int err = 0;

	rcu_read_lock();
	for (; key->bucket <= st->mask; key->bucket++, key->started = false) {
		jool_chain_for_each(l, &st->ses[JOOL_SIDE4][key->bucket]) {
			s = jool_ses_of(l, JOOL_SIDE4);
			if (key->started &&
			    !ses4_before(&k.link[JOOL_SIDE4], l))
				continue;
			if (jool_session_alive(s)) {
				err = cb(s, arg);
				if (err < 0)
					goto out;
				err = 0;
			}
			key->started = true;
			kb.proto = s->bib->proto;
			kb.addr4 = s->bib->addr4;
			kb.port4 = s->bib->port4;
			k.remote4 = s->remote4;
			k.rport4 = s->rport4;
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
	key->proto = kb.proto;
	key->local.addr = kb.addr4;
	key->local.port = kb.port4;
	key->remote.addr = k.remote4;
	key->remote.port = k.rport4;
	rcu_read_unlock();
	return err;
}

/*
 * The most sessions one call of jool_session_collect() unlinks or probes
 * (give or take the rest of a group): when a million expire within a
 * minute, a batch would otherwise hold its CPU for thousands of unlinks
 * (make bench-scale measures the longest batch: 10 ms under the VM's
 * emulation with a cap of 1024); the pass then takes more, shorter
 * batches.
 */
#define COLLECT_KILLS 256

/*
 * How far ahead a group with nothing to expire is scheduled: far enough
 * to cost nothing, and well inside the s32 horizon of the comparisons.
 */
#define DUE_NEVER (1U << 30)

/*
 * Kills or probes what expired in group @g and schedules it again at the
 * earliest expiry left. Returns how many it killed or probed.
 */
static unsigned int collect_group(struct jool_state *st, u32 g)
{
	u32 next = (u32)jiffies + DUE_NEVER, b, e;
	unsigned int work = 0;
	struct jool_session *s;
	struct jool_link *l;

	/* Before reading the expiries: lower_due()'s barrier pairs. */
	xchg(&st->due[g], next);
	for (b = g << JOOL_GC_GROUP_SHIFT;
	     b < (g + 1) << JOOL_GC_GROUP_SHIFT; b++) {
		jool_chain_for_each(l, &st->ses[JOOL_SIDE6][b]) {
			s = jool_ses_of(l, JOOL_SIDE6);
			if (!jool_session_alive(s)) {
				work++;
				/* A probe (an skb made and sent) costs one. */
				if (!jool_probe_expired(st->jdev, s)) {
					jool_session_kill(st, s);
					continue;
				}
			}
			e = READ_ONCE(s->expires);
			if ((s32)(e - next) < 0)
				next = e;
		}
	}
	move_time(&st->due[g], next, false);
	return work;
}

/**
 * jool_session_collect() - unlink the sessions that are no longer alive
 * @st: the tables
 * @budget: how many buckets to look at (a group that is not due counts
 *	as one)
 *
 * Goes on from where the last call stopped, into the groups that are due
 * (all of them in a pass that answers jool_session_sweep()); see "Expiry"
 * above. Takes only the locks of the sessions it unlinks, and stops early
 * (at the end of a group) past COLLECT_KILLS of them. An ESTABLISHED TCP
 * session is probed instead (jool_probe_expired()), and counts as one.
 *
 * Return: how many groups are left before the end of the pass (0: this
 * call finished it).
 */
unsigned int jool_session_collect(struct jool_state *st, unsigned int budget)
{
	u32 groups = (st->mask >> JOOL_GC_GROUP_SHIFT) + 1;
	unsigned int work = 0;
	u32 g = st->gc_next;
	bool sweep;

	if (!g)
		st->sweep_pass = atomic_read_acquire(&st->sweep_req);
	sweep = st->sweep_pass != st->sweep_done;
	rcu_read_lock();
	for (; budget && g < groups && work < COLLECT_KILLS; g++) {
		if (!sweep &&
		    (s32)(READ_ONCE(st->due[g]) - (u32)jiffies) > 0) {
			budget--;
			continue;
		}
		budget -= min(budget, JOOL_GC_GROUP);
		work += collect_group(st, g);
	}
	rcu_read_unlock();
	if (g < groups) {
		st->gc_next = g;
		return groups - g;
	}
	st->gc_next = 0;
	st->sweep_done = st->sweep_pass;
	return 0;
}
