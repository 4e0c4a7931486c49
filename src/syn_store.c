// SPDX-License-Identifier: GPL-2.0
/*
 * Simultaneous open (RFC 6146 3.5.2.2): an IPv4 SYN to a pool4 transport
 * address that no BIB entry holds (or that address-dependent filtering
 * refuses) is not answered at once. It is kept TCP_INCOMING_SYN (6 s),
 * with no session (there is no IPv6 node to make one with); if an IPv6
 * SYN of the same connection goes out meanwhile, the stored one is dropped
 * silently and the open proceeds; else the stored SYN is answered with
 * ICMPv4 port unreachable (3/3), as if it had been dropped on arrival.
 *
 * "The same connection" is the IPv4 side's: the remote transport address
 * (the stored SYN's source) and the pool4 transport address (its
 * destination). The IPv6 SYN of a client without a BIB entry takes the
 * stored pool4 transport address when pool4 lets it (see
 * jool_syn_store_local()), as Jool does; a client with one uses its own.
 *
 * Memory: at most maximum-simultaneous-opens SYNs per device, each kept as
 * a compact copy of at most its first 576 bytes (all an ICMPv4 error
 * quotes), plus an entry: about 1.3 KiB each. They are kept in one list,
 * in arrival order, which lookups walk under a lock (a handful of entries:
 * Jool's default is 10; IPv6 SYNs look only while the list is not empty)
 * and from whose head the collector (state.c) expires them. The device's
 * destruction frees them unanswered (jool_syn_store_flush()).
 */
#include <linux/slab.h>
#include "core/xlat.h"
#include "core/nat64_cfg.h"
#include "icmp_out.h"
#include "stats.h"
#include "syn_store.h"

/* What an ICMPv4 error quotes at most (RFC 1812 4.3.2.3). */
#define QUOTE_MAX 576

/**
 * struct stored_syn - one stored IPv4 SYN
 * @list: its place in &jool_syn_store.list
 * @local: its destination, a pool4 transport address
 * @remote: its source
 * @expires: when to answer it, in jiffies
 * @skb: a copy of its first bytes, with its route (for the answer)
 */
struct stored_syn {
	struct list_head list;
	struct jool_taddr4 local;
	struct jool_taddr4 remote;
	unsigned long expires;
	struct sk_buff *skb;
};

static bool taddr4_eq(const struct jool_taddr4 *a, const struct jool_taddr4 *b)
{
	return a->addr == b->addr && a->port == b->port;
}

/**
 * jool_syn_store_init() - an empty store
 * @so: the store
 */
void jool_syn_store_init(struct jool_syn_store *so)
{
	spin_lock_init(&so->lock);
	INIT_LIST_HEAD(&so->list);
	so->count = 0;
}

/* The stored SYN of (@local, @remote), under the lock. */
static struct stored_syn *find(struct jool_syn_store *so,
			       const struct jool_taddr4 *local,
			       const struct jool_taddr4 *remote)
{
	struct stored_syn *e;

	list_for_each_entry(e, &so->list, list)
		if (taddr4_eq(&e->remote, remote) &&
		    (!local || taddr4_eq(&e->local, local)))
			return e;
	return NULL;
}

/* A compact copy of @skb's first QUOTE_MAX bytes, with its route. */
static struct sk_buff *copy_syn(struct sk_buff *skb)
{
	struct sk_buff *copy;

	if (skb->len > QUOTE_MAX && pskb_trim(skb, QUOTE_MAX))
		return NULL;
	skb_dst_force(skb);
	if (!skb_dst(skb))
		return NULL;
	copy = skb_copy_expand(skb, 0, 0, GFP_ATOMIC);
	if (copy)
		skb_orphan(copy);
	return copy;
}

/* Why (@local, @remote) cannot be stored, under the lock; 0 if it can. */
static int check(struct jool_syn_store *so, const struct jool_taddr4 *local,
		 const struct jool_taddr4 *remote, u32 max)
{
	if (find(so, local, remote))
		return -EEXIST;
	return so->count >= max ? -ENOSPC : 0;
}

/* check(), taking the lock: before the copy, which a refusal spares. */
static int refuse(struct jool_syn_store *so, const struct jool_taddr4 *local,
		  const struct jool_taddr4 *remote, u32 max)
{
	int err;

	spin_lock_bh(&so->lock);
	err = check(so, local, remote, max);
	spin_unlock_bh(&so->lock);
	return err;
}

/**
 * jool_syn_store_add() - keep an IPv4 SYN for a simultaneous open
 * @so: the store
 * @skb: the SYN, L3 header at skb->data; the caller keeps it (and frees
 *	it), whatever the result: the store keeps a copy of its first bytes
 *	(@skb may be trimmed to them)
 * @local: its destination (pool4)
 * @remote: its source
 * @max: maximum-simultaneous-opens
 *
 * Softirq or process context.
 *
 * Return: 0 (stored), -EEXIST (a SYN of the same connection is stored
 * already: this one is a retry), -ENOSPC (@max are stored) or -ENOMEM.
 */
int jool_syn_store_add(struct jool_syn_store *so, struct sk_buff *skb,
		       const struct jool_taddr4 *local,
		       const struct jool_taddr4 *remote, u32 max)
{
	struct stored_syn *e;
	int err;

	/* A retry is told apart before the room: it never gets an error. */
	err = refuse(so, local, remote, max);
	if (err)
		return err;
	e = kmalloc(sizeof(*e), GFP_ATOMIC);
	if (!e)
		return -ENOMEM;
	e->skb = copy_syn(skb);
	if (!e->skb) {
		kfree(e);
		return -ENOMEM;
	}
	e->local = *local;
	e->remote = *remote;
	e->expires = jiffies + msecs_to_jiffies(JOOL_TCP_INCOMING_SYN_MS);

	spin_lock_bh(&so->lock);
	err = check(so, local, remote, max);
	if (!err) {
		list_add_tail(&e->list, &so->list);
		WRITE_ONCE(so->count, so->count + 1);
	}
	spin_unlock_bh(&so->lock);
	if (err) {
		kfree_skb(e->skb);
		kfree(e);
	}
	return err;
}

static void unlink_entry(struct jool_syn_store *so, struct stored_syn *e)
{
	list_del(&e->list);
	WRITE_ONCE(so->count, so->count - 1);
}

/**
 * jool_syn_store_take() - an IPv6 SYN of a stored connection went out
 * @so: the store
 * @local: the pool4 transport address of its session
 * @remote: the remote IPv4 transport address
 *
 * Drops the stored SYN of (@local, @remote), silently (RFC 6146 3.5.2.2).
 *
 * Return: true if there was one.
 */
bool jool_syn_store_take(struct jool_syn_store *so,
			 const struct jool_taddr4 *local,
			 const struct jool_taddr4 *remote)
{
	struct stored_syn *e;

	if (!READ_ONCE(so->count))
		return false;
	spin_lock_bh(&so->lock);
	e = find(so, local, remote);
	if (e)
		unlink_entry(so, e);
	spin_unlock_bh(&so->lock);
	if (!e)
		return false;
	consume_skb(e->skb);
	kfree(e);
	return true;
}

/**
 * jool_syn_store_local() - the pool4 transport address a stored SYN chose
 * @so: the store
 * @remote: the remote IPv4 transport address of an IPv6 SYN whose client
 *	has no BIB entry yet
 * @usable: whether that client may have a pool4 transport address
 * @arg: passed to @usable (called under the store's lock)
 * @local: out: the address
 *
 * The IPv4 node of a simultaneous open decided the connection's pool4
 * transport address; the first IPv6 client that may take it does.
 *
 * Return: true if a stored SYN from @remote has a usable one.
 */
bool jool_syn_store_local(struct jool_syn_store *so,
			  const struct jool_taddr4 *remote,
			  bool (*usable)(const struct jool_taddr4 *, void *),
			  void *arg, struct jool_taddr4 *local)
{
	struct stored_syn *e;
	bool found = false;

	if (!READ_ONCE(so->count))
		return false;
	spin_lock_bh(&so->lock);
	list_for_each_entry(e, &so->list, list) {
		if (taddr4_eq(&e->remote, remote) && usable(&e->local, arg)) {
			*local = e->local;
			found = true;
			break;
		}
	}
	spin_unlock_bh(&so->lock);
	return found;
}

/* RFC 6146 3.5.2.2: the time is up; ICMPv4 3/3 quoting the stored SYN. */
static void answer(struct jool_device *jdev, struct sk_buff *skb)
{
	struct xlat_pkt pkt = { .reason = JOOL_STAT_NAT64_SO_EXPIRED };

	jool_stats_inc(jdev, JOOL_STAT_NAT64_SO_EXPIRED);
	/* The data path's context: the ICMP sender wants BH off. */
	local_bh_disable();
	rcu_read_lock();
	jool_icmp_answer_drop(jdev, skb, &pkt);
	rcu_read_unlock();
	local_bh_enable();
	kfree_skb(skb);
}

/**
 * jool_syn_store_expire() - answer the stored SYNs whose time is up
 * @so: the store
 * @jdev: the device (counters, ICMP errors)
 *
 * Process context (the collector). The answers go out of the lock.
 */
void jool_syn_store_expire(struct jool_syn_store *so,
			   struct jool_device *jdev)
{
	struct stored_syn *e, *tmp;
	LIST_HEAD(done);

	if (!READ_ONCE(so->count))
		return;
	spin_lock_bh(&so->lock);
	list_for_each_entry_safe(e, tmp, &so->list, list) {
		/* Kept in arrival order: the first one still in time ends. */
		if (time_before(jiffies, e->expires))
			break;
		unlink_entry(so, e);
		list_add_tail(&e->list, &done);
	}
	spin_unlock_bh(&so->lock);
	list_for_each_entry_safe(e, tmp, &done, list) {
		answer(jdev, e->skb);
		kfree(e);
	}
}

/**
 * jool_syn_store_flush() - free every stored SYN, unanswered
 * @so: the store; nothing else uses it any more (the device is going)
 */
void jool_syn_store_flush(struct jool_syn_store *so)
{
	struct stored_syn *e, *tmp;

	spin_lock_bh(&so->lock);
	list_for_each_entry_safe(e, tmp, &so->list, list) {
		unlink_entry(so, e);
		kfree_skb(e->skb);
		kfree(e);
	}
	spin_unlock_bh(&so->lock);
}
