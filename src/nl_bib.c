// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink commands on the NAT64 state: static BIB add and delete,
 * BIB and session dumps, and the BIB purge that follows a pool4 removal.
 *
 * Dumps do not use the snapshot dump of netlink.c (an index into an
 * immutable table): the state tables change all the time, so the cursor
 * is the last entry's key (bib.h), and each message is one RCU read
 * section; no lock is held between messages.
 */
#include <linux/jiffies.h>
#include <linux/sort.h>
#include "core/pool4.h"
#include "core/rfc6052.h"
#include "bib.h"
#include "config.h"
#include "device.h"
#include "netlink.h"

const struct nla_policy jool_bib_policy[JOOL_BIB_MAX + 1] = {
	[JOOL_BIB_PROTO] = { .type = NLA_U8 },
	[JOOL_BIB_ADDR6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[JOOL_BIB_PORT6] = { .type = NLA_U16 },
	[JOOL_BIB_ADDR4] = NLA_POLICY_EXACT_LEN(sizeof(__be32)),
	[JOOL_BIB_PORT4] = { .type = NLA_U16 },
	[JOOL_BIB_STATIC] = { .type = NLA_FLAG },
};

/* A session dump's filter (JOOL_A_SESSION_ENTRY of the request). */
const struct nla_policy jool_session_policy[JOOL_SESSION_MAX + 1] = {
	[JOOL_SESSION_PROTO] = { .type = NLA_U8 },
	[JOOL_SESSION_SRC6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[JOOL_SESSION_SPORT6] = { .type = NLA_U16 },
	[JOOL_SESSION_SRC4] = NLA_POLICY_EXACT_LEN(sizeof(__be32)),
	[JOOL_SESSION_SPORT4] = { .type = NLA_U16 },
	[JOOL_SESSION_DST4] = NLA_POLICY_EXACT_LEN(sizeof(__be32)),
	[JOOL_SESSION_DPORT4] = { .type = NLA_U16 },
	[JOOL_SESSION_DST6] = { .type = NLA_REJECT,
				.reject_message = "filter the remote by its IPv4 address (JOOL_SESSION_DST4)" },
	[JOOL_SESSION_DPORT6] = { .type = NLA_REJECT,
				  .reject_message = "filter the remote by its IPv4 port (JOOL_SESSION_DPORT4)" },
	[JOOL_SESSION_STATE] = { .type = NLA_REJECT,
				 .reject_message = "the TCP state is no filter" },
	[JOOL_SESSION_EXPIRES] = { .type = NLA_REJECT,
				   .reject_message = "the expiry is no filter" },
};

JOOL_NL_SCOPE(bib_scope, JOOL_MODES_NAT64,
	      "the BIB and sessions are NAT64 features; this is a SIIT device");

/* A parsed JOOL_A_BIB_ENTRY. */
struct bib_req {
	u8 proto;
	bool has6;
	bool has4;
	struct jool_taddr6 t6;
	struct jool_taddr4 t4;
};

static int parse_bib(const struct nlattr *nest, struct bib_req *r,
		     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[JOOL_BIB_MAX + 1];
	int err;

	if (!nest) {
		NL_SET_ERR_MSG(extack, "no BIB entry given");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, JOOL_BIB_MAX, nest, jool_bib_policy,
			       extack);
	if (err)
		return err;
	memset(r, 0, sizeof(*r));
	r->proto = tb[JOOL_BIB_PROTO] ? nla_get_u8(tb[JOOL_BIB_PROTO]) :
		   IPPROTO_TCP;
	if (r->proto != IPPROTO_TCP && r->proto != IPPROTO_UDP &&
	    r->proto != IPPROTO_ICMP) {
		NL_SET_ERR_MSG_ATTR(extack, tb[JOOL_BIB_PROTO],
				    "the protocol must be TCP, UDP or ICMP");
		return -EINVAL;
	}
	/* Half a transport address would widen a deletion: refuse it. */
	if (!tb[JOOL_BIB_ADDR6] != !tb[JOOL_BIB_PORT6]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "the IPv6 transport address needs both its address and its port");
		return -EINVAL;
	}
	if (!tb[JOOL_BIB_ADDR4] != !tb[JOOL_BIB_PORT4]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "the IPv4 transport address needs both its address and its port");
		return -EINVAL;
	}
	r->has6 = tb[JOOL_BIB_ADDR6];
	r->has4 = tb[JOOL_BIB_ADDR4];
	if (r->has6) {
		nla_memcpy(&r->t6.addr, tb[JOOL_BIB_ADDR6], sizeof(r->t6.addr));
		r->t6.port = nla_get_u16(tb[JOOL_BIB_PORT6]);
	}
	if (r->has4) {
		r->t4.addr = nla_get_in_addr(tb[JOOL_BIB_ADDR4]);
		r->t4.port = nla_get_u16(tb[JOOL_BIB_PORT4]);
	}
	return 0;
}

static int bib_add(struct jool_device *jdev, const struct bib_req *r,
		   const struct nlattr *nest, struct netlink_ext_ack *extack)
{
	const struct jool_config *cfg;
	int err;

	if (!r->has6 || !r->has4) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "a static BIB entry needs both transport addresses");
		return -EINVAL;
	}
	cfg = rcu_dereference_protected(jdev->config,
					lockdep_is_held(&jdev->lock));
	if (!jool_pool4_contains(cfg->xlat.pool4, r->proto, r->t4.addr,
				 r->t4.port)) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "the IPv4 transport address is not in pool4 (of that protocol)");
		return -EINVAL;
	}
	err = jool_bib_add_static(jdev->state, r->proto, &r->t6, &r->t4, 0);
	if (err == -EEXIST)
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "the entry exists, or one of its transport addresses belongs to another entry");
	else if (err == -ENOSPC)
		NL_SET_ERR_MSG(extack, "the BIB is full (max-sessions entries)");
	return err;
}

/* ---- The static BIB entries of JOOL_CMD_SET_CONFIG ---- */

/*
 * A static BIB entry of a request, its attribute for messages, and
 * whether jool_nl_bib_set_stage() added it (or made it static).
 */
struct bib_item {
	struct bib_req r;
	const struct nlattr *attr;
	bool added;
};

/* A walk over the BIB, an RCU read section per 1024 buckets and entries. */
struct bib_walk {
	struct jool_bib_key key;
	int (*fn)(const struct jool_bib *bib, struct bib_walk *w);
};

/* A batch of static entries to delete, gathered under RCU. */
#define STALE_BATCH 64

struct stale {
	struct bib_walk w;
	const struct jool_nl_bib_set *set;
	unsigned int n;
	struct bib_req v[STALE_BATCH];
};

/**
 * struct jool_nl_bib_set - the static BIB entries of a request
 * @n: how many
 * @v: the entries, sorted by protocol and IPv4 transport address
 * @replace: the static entries the request lacks go
 * @pool4: the pool4 of the new configuration (set by the check)
 * @nmoved: how many of @moved there are
 * @moved: the static entries the staging deleted because they were in the
 *	way of the request's (room for 2 @n), to put back if it fails
 * @stale: for the deletions after the swap, allocated beforehand
 */
struct jool_nl_bib_set {
	unsigned int n;
	struct bib_item *v;
	bool replace;
	const struct pool4 *pool4;
	unsigned int nmoved;
	struct bib_req *moved;
	struct stale *stale;
};

/* Orders by (protocol, IPv6 taddr) or (protocol, IPv4 taddr). */
static int cmp_req(const struct bib_req *a, const struct bib_req *b, bool v6)
{
	int d = (int)a->proto - (int)b->proto;

	if (d)
		return d;
	if (v6) {
		d = memcmp(&a->t6.addr, &b->t6.addr, sizeof(a->t6.addr));
		return d ? d : (int)a->t6.port - (int)b->t6.port;
	}
	d = memcmp(&a->t4.addr, &b->t4.addr, sizeof(a->t4.addr));
	return d ? d : (int)a->t4.port - (int)b->t4.port;
}

static int cmp_item6(const void *a, const void *b)
{
	return cmp_req(&((const struct bib_item *)a)->r,
		       &((const struct bib_item *)b)->r, true);
}

static int cmp_item4(const void *a, const void *b)
{
	return cmp_req(&((const struct bib_item *)a)->r,
		       &((const struct bib_item *)b)->r, false);
}

/*
 * Sorts @set by @v6's side and refuses two entries with the same
 * transport address there (the later in the request is named).
 */
static int sort_side(struct jool_nl_bib_set *set, bool v6,
		     struct netlink_ext_ack *extack)
{
	const struct bib_item *a, *b;
	unsigned int i;

	sort(set->v, set->n, sizeof(*set->v), v6 ? cmp_item6 : cmp_item4,
	     NULL);
	for (i = 1; i < set->n; i++) {
		a = &set->v[i - 1];
		b = &set->v[i];
		if (cmp_req(&a->r, &b->r, v6))
			continue;
		if (v6)
			NL_SET_ERR_MSG_ATTR(extack, max(a->attr, b->attr),
					    "two static BIB entries have this IPv6 transport address");
		else
			NL_SET_ERR_MSG_ATTR(extack, max(a->attr, b->attr),
					    "two static BIB entries have this IPv4 transport address");
		return -EEXIST;
	}
	return 0;
}

/**
 * jool_nl_bib_set_free() - free what jool_nl_bib_set_parse() made
 * @set: the entries, or NULL
 */
void jool_nl_bib_set_free(struct jool_nl_bib_set *set)
{
	if (!set)
		return;
	kvfree(set->v);
	kvfree(set->moved);
	kfree(set->stale);
	kfree(set);
}

/**
 * jool_nl_bib_set_parse() - the JOOL_A_BIB_ENTRY attributes of a request
 * @info: the request
 * @out: out: the entries (free with jool_nl_bib_set_free())
 * @extack: for the error message, which points at the entry at fault
 *
 * Each entry needs both transport addresses; no two may share one. What
 * the staging and the deletions after the swap need is allocated here.
 *
 * Return: 0 or a negative errno.
 */
int jool_nl_bib_set_parse(struct genl_info *info,
			  struct jool_nl_bib_set **out,
			  struct netlink_ext_ack *extack)
{
	const struct nlattr *attr;
	struct jool_nl_bib_set *set;
	unsigned int n = 0;
	int rem, err;

	nla_for_each_attr(attr, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem)
		n += nla_type(attr) == JOOL_A_BIB_ENTRY;
	set = kzalloc(sizeof(*set), GFP_KERNEL_ACCOUNT);
	if (!set)
		return -ENOMEM;
	*out = set;
	set->replace = info->attrs[JOOL_A_REPLACE];
	if (set->replace) {
		set->stale = kmalloc(sizeof(*set->stale), GFP_KERNEL_ACCOUNT);
		if (!set->stale)
			return -ENOMEM;
	}
	if (!n)
		return 0;
	set->v = kvmalloc_array(n, sizeof(*set->v),
				GFP_KERNEL_ACCOUNT | __GFP_ZERO);
	set->moved = kvmalloc_array(2 * n, sizeof(*set->moved),
				    GFP_KERNEL_ACCOUNT);
	if (!set->v || !set->moved)
		return -ENOMEM;
	nla_for_each_attr(attr, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem) {
		if (nla_type(attr) != JOOL_A_BIB_ENTRY)
			continue;
		err = parse_bib(attr, &set->v[set->n].r, extack);
		if (err)
			return err;
		if (!set->v[set->n].r.has6 || !set->v[set->n].r.has4) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "a static BIB entry needs both transport addresses");
			return -EINVAL;
		}
		set->v[set->n++].attr = attr;
	}
	/* Sorted by IPv4 taddr last: set_has() searches it. */
	return sort_side(set, true, extack) ?: sort_side(set, false, extack);
}

/* Whether @set has exactly the mapping of @bib. */
static bool set_has(const struct jool_nl_bib_set *set,
		    const struct jool_bib *bib)
{
	struct bib_req key = {
		.proto = bib->proto,
		.t4 = { .addr = bib->addr4, .port = bib->port4 },
	};
	unsigned int lo = 0, hi = set->n, mid;
	int d;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		d = cmp_req(&set->v[mid].r, &key, false);
		if (!d)
			return set->v[mid].r.t6.port == bib->port6 &&
			       ipv6_addr_equal(&set->v[mid].r.t6.addr,
					       &bib->addr6);
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Whether @bib is a static entry that a replacing request lacks. */
static bool is_static_stale(const struct jool_nl_bib_set *set,
			    const struct jool_bib *bib)
{
	return set->replace && READ_ONCE(bib->is_static) && !set_has(set, bib);
}

/*
 * Whether @bib goes with the request (under RCU): with JOOL_A_REPLACE, a
 * static entry it lacks, or an entry outside the new pool4.
 */
static bool goes(const struct jool_nl_bib_set *set, const struct jool_bib *bib)
{
	return set->replace &&
	       (is_static_stale(set, bib) ||
		!jool_pool4_contains(set->pool4, bib->proto, bib->addr4,
				     bib->port4));
}

static int walk_step(const struct jool_bib *bib, void *arg)
{
	struct bib_walk *w = arg;

	return w->fn(bib, w);
}

/*
 * @w->fn on the live entries from @w->key on, 1024 buckets and entries
 * looked at per RCU read section. Return: 0 at the end of the table, or
 * what @w->fn returned to stop (@w->key is where to go on from).
 */
static int walk_bib(struct jool_state *st, struct bib_walk *w)
{
	int err;

	do {
		cond_resched();
		err = jool_bib_foreach(st, &w->key, 1024, walk_step, w);
	} while (err == -EAGAIN);
	return err;
}

/* Counts the entries that go, for the room they leave. */
struct goers {
	struct bib_walk w;
	const struct jool_nl_bib_set *set;
	u32 n;
};

static int count_goer(const struct jool_bib *bib, struct bib_walk *w)
{
	struct goers *g = container_of(w, struct goers, w);

	g->n += goes(g->set, bib);
	return 0;
}

/**
 * jool_nl_bib_set_check() - would the entries of @set be accepted?
 * @jdev: the NAT64 device; the caller holds @jdev->lock
 * @set: the entries
 * @pool4: the pool4 they will live with (the next snapshot's); kept in
 *	@set for jool_nl_bib_set_stage() and jool_nl_bib_set_commit()
 * @extack: for the error message, which points at the entry at fault
 *
 * Each IPv4 transport address must be in @pool4, and neither address
 * taken by another mapping, unless that mapping goes with the request
 * (with JOOL_A_REPLACE: a static entry the request lacks, or an entry
 * outside @pool4).
 *
 * Return: 0 or a negative errno.
 */
int jool_nl_bib_set_check(struct jool_device *jdev,
			  struct jool_nl_bib_set *set,
			  const struct pool4 *pool4,
			  struct netlink_ext_ack *extack)
{
	const struct bib_req *r;
	struct jool_bib *b6, *b4;
	unsigned int i;
	bool clash;

	set->pool4 = pool4;
	for (i = 0; i < set->n; i++) {
		r = &set->v[i].r;
		if (!jool_pool4_contains(pool4, r->proto, r->t4.addr,
					 r->t4.port)) {
			NL_SET_ERR_MSG_ATTR(extack, set->v[i].attr,
					    "the IPv4 transport address is not in pool4 (of that protocol)");
			return -EINVAL;
		}
		rcu_read_lock();
		b6 = jool_bib_lookup6(jdev->state, r->proto, &r->t6);
		b4 = jool_bib_lookup4(jdev->state, r->proto, &r->t4);
		if (b6 && goes(set, b6))
			b6 = NULL;
		if (b4 && goes(set, b4))
			b4 = NULL;
		/* The same mapping may be there already: it becomes static. */
		clash = (b6 || b4) && b6 != b4;
		rcu_read_unlock();
		if (clash) {
			NL_SET_ERR_MSG_ATTR(extack, set->v[i].attr,
					    "a transport address of the entry belongs to another BIB entry");
			return -EEXIST;
		}
	}
	return 0;
}

static struct bib_req req_of(const struct jool_bib *bib)
{
	return (struct bib_req){
		.proto = bib->proto,
		.t6 = { .addr = bib->addr6, .port = bib->port6 },
		.t4 = { .addr = bib->addr4, .port = bib->port4 },
	};
}

/*
 * Deletes the entries in the way of @r that go with the request anyway
 * (a static one kept in @set->moved); how many it deleted.
 */
static unsigned int clear_way(struct jool_state *st,
			      struct jool_nl_bib_set *set,
			      const struct bib_req *r)
{
	struct jool_bib *e[2];
	struct bib_req old;
	unsigned int i, n = 0;
	bool was_static;

	rcu_read_lock();
	e[0] = jool_bib_lookup6(st, r->proto, &r->t6);
	e[1] = jool_bib_lookup4(st, r->proto, &r->t4);
	for (i = 0; i < 2; i++) {
		if (!e[i] || (i && e[1] == e[0]) || !goes(set, e[i]))
			continue;
		old = req_of(e[i]);
		was_static = READ_ONCE(e[i]->is_static);
		if (jool_bib_del(st, old.proto, &old.t6, &old.t4))
			continue;
		n++;
		if (was_static && set->nmoved < 2 * set->n)
			set->moved[set->nmoved++] = old;
	}
	rcu_read_unlock();
	return n;
}

/* Whether the BIB has @r's mapping, static. */
static bool is_static_mapping(struct jool_device *jdev,
			      const struct bib_req *r)
{
	struct jool_bib *b;
	bool yes;

	rcu_read_lock();
	b = jool_bib_lookup4(jdev->state, r->proto, &r->t4);
	yes = b && READ_ONCE(b->is_static) && b->port6 == r->t6.port &&
	      ipv6_addr_equal(&b->addr6, &r->t6.addr);
	rcu_read_unlock();
	return yes;
}

/* Undoes jool_nl_bib_set_stage(), as far as it went. */
static void unstage(struct jool_state *st, struct jool_nl_bib_set *set)
{
	const struct bib_req *r;
	unsigned int i;

	for (i = 0; i < set->n; i++) {
		r = &set->v[i].r;
		if (set->v[i].added)
			jool_bib_unstatic(st, r->proto, &r->t4);
		set->v[i].added = false;
	}
	/* Their room is theirs again: the request's entries are gone. */
	for (i = 0; i < set->nmoved; i++) {
		r = &set->moved[i];
		jool_bib_add_static(st, r->proto, &r->t6, &r->t4, set->nmoved);
	}
	set->nmoved = 0;
}

/**
 * jool_nl_bib_set_stage() - add the entries of @set before the swap
 * @jdev: the NAT64 device; the caller holds @jdev->lock and checked @set
 *	with jool_nl_bib_set_check() under it
 * @set: the entries
 * @extack: for the error message, which points at the entry at fault
 *
 * Each entry is added static (a dynamic entry of the same mapping becomes
 * static), so its transport addresses are reserved from the data path
 * before the new pool4 is published. The BIB may hold max-sessions
 * entries plus those that go after the swap (jool_nl_bib_set_commit()).
 * An entry in the way that goes anyway is deleted first (a static one is
 * put back if the staging fails).
 *
 * Return: 0; or -ENOSPC (max-sessions), -ENOMEM, -EEXIST (a packet took
 * a transport address since the check), -EAGAIN, with every change undone.
 */
int jool_nl_bib_set_stage(struct jool_device *jdev,
			  struct jool_nl_bib_set *set,
			  struct netlink_ext_ack *extack)
{
	struct jool_state *st = jdev->state;
	struct goers g = { .w.fn = count_goer, .set = set };
	const struct bib_req *r;
	unsigned int i, tries, n;
	int err = 0;

	if (!set->n)
		return 0;
	if (set->replace)
		walk_bib(st, &g.w);
	set->nmoved = 0;
	for (i = 0; i < set->n; i++) {
		r = &set->v[i].r;
		for (tries = 0; tries < 3; tries++) {
			err = jool_bib_add_static(st, r->proto, &r->t6, &r->t4,
						  g.n);
			n = err == -EEXIST ? clear_way(st, set, r) : 0;
			if (!n)
				break;
			g.n -= min(g.n, n);
		}
		if (!err)
			set->v[i].added = true;
		else if (err == -EEXIST && is_static_mapping(jdev, r))
			err = 0;
		if (err)
			break;
	}
	if (!err)
		return 0;
	if (err == -ENOSPC)
		NL_SET_ERR_MSG_ATTR(extack, set->v[i].attr,
				    "the BIB would hold more than max-sessions entries");
	else if (err == -EEXIST)
		NL_SET_ERR_MSG_ATTR(extack, set->v[i].attr,
				    "a transport address of the entry belongs to another BIB entry");
	else if (err == -EAGAIN)
		NL_SET_ERR_MSG_ATTR(extack, set->v[i].attr,
				    "the BIB entry kept changing; try again");
	unstage(st, set);
	return err;
}

static int gather_stale(const struct jool_bib *bib, struct bib_walk *w)
{
	struct stale *s = container_of(w, struct stale, w);

	if (!is_static_stale(s->set, bib))
		return 0;
	if (s->n == STALE_BATCH)
		return -EMSGSIZE;
	s->v[s->n++] = req_of(bib);
	return 0;
}

/**
 * jool_nl_bib_set_commit() - after the swap: what goes with the request
 * @jdev: the NAT64 device; the caller holds @jdev->lock, staged @set and
 *	published the new configuration
 * @set: the entries
 *
 * With JOOL_A_REPLACE, the BIB entries (and sessions) outside the new
 * pool4 and the static entries the request lacks go. Cannot fail.
 */
void jool_nl_bib_set_commit(struct jool_device *jdev,
			    struct jool_nl_bib_set *set)
{
	struct stale *s = set->stale;
	unsigned int i;
	int more;

	if (!set->replace)
		return;
	/* No packet may still pick a port from the old pool4. */
	synchronize_rcu();
	jool_bib_purge(jdev->state, set->pool4, NULL);
	memset(&s->w.key, 0, sizeof(s->w.key));
	s->w.fn = gather_stale;
	s->set = set;
	do {
		s->n = 0;
		more = walk_bib(jdev->state, &s->w);
		for (i = 0; i < s->n; i++)
			jool_bib_del(jdev->state, s->v[i].proto, &s->v[i].t6,
				     &s->v[i].t4);
	} while (more);
}

/**
 * jool_nl_bib_change() - .doit of JOOL_CMD_BIB_ADD and _DEL
 * @skb: the request
 * @info: the request, parsed: JOOL_A_BIB_ENTRY
 *
 * Under the device's configuration lock, so an addition's pool4 check
 * and a pool4 removal's purge do not interleave.
 *
 * Return: 0 or a negative errno, with a message in @info->extack.
 */
int jool_nl_bib_change(struct sk_buff *skb, struct genl_info *info)
{
	const struct nlattr *nest = info->attrs[JOOL_A_BIB_ENTRY];
	struct jool_device *jdev;
	struct bib_req r;
	int err;

	err = parse_bib(nest, &r, info->extack);
	if (err)
		return err;
	jdev = jool_nl_get_device(genl_info_net(info), info->attrs,
				  &bib_scope, info->extack);
	if (IS_ERR(jdev))
		return PTR_ERR(jdev);
	mutex_lock(&jdev->lock);
	if (info->genlhdr->cmd == JOOL_CMD_BIB_ADD) {
		err = bib_add(jdev, &r, nest, info->extack);
	} else if (!r.has6 && !r.has4) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "give the IPv4 or the IPv6 transport address (or both)");
		err = -EINVAL;
	} else {
		err = jool_bib_del(jdev->state, r.proto, r.has6 ? &r.t6 : NULL,
				   r.has4 ? &r.t4 : NULL);
		if (err)
			NL_SET_ERR_MSG_ATTR(info->extack, nest,
					    "no BIB entry has these transport addresses");
	}
	mutex_unlock(&jdev->lock);
	jool_nl_put_device(jdev);
	return err;
}

/**
 * jool_nl_bib_purge() - remove the BIB entries pool4 lost
 * @jdev: the NAT64 device whose pool4 the caller changed, still held
 *	since (looking it up again by name could find another device)
 * @removed: what it removed; NULL: everything (flush)
 *
 * Waits until no packet uses the old pool4, then removes (lazily, for
 * their sessions) the entries whose IPv4 transport address is gone.
 */
void jool_nl_bib_purge(struct jool_device *jdev,
		       const struct pool4_change *removed)
{
	const struct jool_config *cfg;

	mutex_lock(&jdev->lock);
	synchronize_rcu();
	cfg = rcu_dereference_protected(jdev->config,
					lockdep_is_held(&jdev->lock));
	jool_bib_purge(jdev->state, cfg->xlat.pool4, removed);
	mutex_unlock(&jdev->lock);
}

/* ---- Dumps ---- */

/* The cursor, in netlink_callback.ctx; no reference held (netlink.c). */
struct state_dump {
	int ifindex;
	union {
		struct jool_bib_key bib;
		struct jool_session_key ses;
	};
};

#define STATE_DUMP(cb) ((struct state_dump *)(cb)->ctx)

/*
 * How many buckets and entries one RCU read section of a dump looks at,
 * at most: a filter that leaves most of a million entries out, a million
 * entries dead since the collector's last pass, or a million empty
 * buckets must not hold the CPU for the whole table.
 */
#define DUMP_BUDGET 4096

/*
 * A dump's filter: the request's JOOL_A_BIB_ENTRY or JOOL_A_SESSION_ENTRY,
 * each attribute given a value the entry must have: @addr6 and @port6 the
 * IPv6 side, @addr4 and @port4 the pool4 side, @remote and @rport a
 * session's remote IPv4 host.
 */
struct state_filter {
	u8 proto;
	bool has_proto, has6, has_port6, has4, has_port4, has_r, has_rport;
	struct in6_addr addr6;
	u16 port6;
	u16 port4;
	u16 rport;
	__be32 addr4;
	__be32 remote;
};

static void get_addr6(const struct nlattr *a, struct in6_addr *out, bool *has)
{
	*has = a;
	if (a)
		*out = nla_get_in6_addr(a);
}

static void get_addr4(const struct nlattr *a, __be32 *out, bool *has)
{
	*has = a;
	if (a)
		*out = nla_get_in_addr(a);
}

static void get_port(const struct nlattr *a, u16 *out, bool *has)
{
	*has = a;
	if (a)
		*out = nla_get_u16(a);
}

/* The filter of the request of @cb (none: an empty one). */
static int parse_filter(struct netlink_callback *cb, bool bib,
			struct state_filter *f)
{
	struct nlattr **attrs = jool_dump_attrs(cb);
	struct nlattr *tb[JOOL_SESSION_MAX + 1];
	struct nlattr *nest;
	int err;

	BUILD_BUG_ON(JOOL_BIB_MAX > JOOL_SESSION_MAX);
	memset(f, 0, sizeof(*f));
	nest = attrs[bib ? JOOL_A_BIB_ENTRY : JOOL_A_SESSION_ENTRY];
	if (!nest)
		return 0;
	if (bib) {
		err = nla_parse_nested(tb, JOOL_BIB_MAX, nest, jool_bib_policy,
				       cb->extack);
		if (err)
			return err;
		if (tb[JOOL_BIB_STATIC]) {
			NL_SET_ERR_MSG_ATTR(cb->extack, tb[JOOL_BIB_STATIC],
					    "the static flag is no filter");
			return -EINVAL;
		}
		f->has_proto = tb[JOOL_BIB_PROTO];
		if (f->has_proto)
			f->proto = nla_get_u8(tb[JOOL_BIB_PROTO]);
		get_addr6(tb[JOOL_BIB_ADDR6], &f->addr6, &f->has6);
		get_port(tb[JOOL_BIB_PORT6], &f->port6, &f->has_port6);
		get_addr4(tb[JOOL_BIB_ADDR4], &f->addr4, &f->has4);
		get_port(tb[JOOL_BIB_PORT4], &f->port4, &f->has_port4);
		return 0;
	}
	err = nla_parse_nested(tb, JOOL_SESSION_MAX, nest, jool_session_policy,
			       cb->extack);
	if (err)
		return err;
	f->has_proto = tb[JOOL_SESSION_PROTO];
	if (f->has_proto)
		f->proto = nla_get_u8(tb[JOOL_SESSION_PROTO]);
	get_addr6(tb[JOOL_SESSION_SRC6], &f->addr6, &f->has6);
	get_port(tb[JOOL_SESSION_SPORT6], &f->port6, &f->has_port6);
	get_addr4(tb[JOOL_SESSION_SRC4], &f->addr4, &f->has4);
	get_port(tb[JOOL_SESSION_SPORT4], &f->port4, &f->has_port4);
	get_addr4(tb[JOOL_SESSION_DST4], &f->remote, &f->has_r);
	get_port(tb[JOOL_SESSION_DPORT4], &f->rport, &f->has_rport);
	return 0;
}

/* Whether the filter keeps BIB entry @e. */
static bool filter_bib(const struct state_filter *f, const struct jool_bib *e)
{
	return (!f->has_proto || e->proto == f->proto) &&
	       (!f->has6 || ipv6_addr_equal(&e->addr6, &f->addr6)) &&
	       (!f->has_port6 || e->port6 == f->port6) &&
	       (!f->has4 || e->addr4 == f->addr4) &&
	       (!f->has_port4 || e->port4 == f->port4);
}

/* What a dump's callbacks need besides the entry. */
struct state_put {
	struct sk_buff *skb;
	const struct jool_prefix6 *pool6;
	const struct state_filter *filter;
};

/*
 * The filter's verdict on @e (and its session's remote, @s): 0 to put
 * it, or %JOOL_FOREACH_SKIP.
 */
static int filter_entry(struct state_put *p, const struct jool_bib *e,
			const struct jool_session *s)
{
	const struct state_filter *f = p->filter;

	if (!filter_bib(f, e) ||
	    (s && ((f->has_r && s->remote4 != f->remote) ||
		   (f->has_rport && s->rport4 != f->rport))))
		return JOOL_FOREACH_SKIP;
	return 0;
}

/**
 * jool_nl_state_start() - .start of the BIB and session dumps
 * @cb: the dump
 *
 * Return: 0 or a negative errno.
 */
int jool_nl_state_start(struct netlink_callback *cb)
{
	struct state_dump *d = STATE_DUMP(cb);
	int err;

	BUILD_BUG_ON(sizeof(*d) > sizeof(cb->ctx));
	/* It sets d->ifindex: struct dump_ctx starts with it too. */
	err = jool_nl_dump_start(cb);
	memset(&d->ses, 0, sizeof(d->ses));
	return err;
}

static int put_bib(const struct jool_bib *e, void *arg)
{
	struct state_put *p = arg;
	struct sk_buff *skb = p->skb;
	int err = filter_entry(p, e, NULL);
	struct nlattr *nest;

	if (err)
		return err;
	nest = nla_nest_start(skb, JOOL_A_BIB_ENTRY);
	if (nest && !nla_put_u8(skb, JOOL_BIB_PROTO, e->proto) &&
	    !nla_put_in6_addr(skb, JOOL_BIB_ADDR6, &e->addr6) &&
	    !nla_put_u16(skb, JOOL_BIB_PORT6, e->port6) &&
	    !nla_put_in_addr(skb, JOOL_BIB_ADDR4, e->addr4) &&
	    !nla_put_u16(skb, JOOL_BIB_PORT4, e->port4) &&
	    (!READ_ONCE(e->is_static) || !nla_put_flag(skb, JOOL_BIB_STATIC))) {
		nla_nest_end(skb, nest);
		return 0;
	}
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int put_session(const struct jool_session *s, void *arg)
{
	struct state_put *p = arg;
	struct sk_buff *skb = p->skb;
	const struct jool_bib *e = s->bib;
	s32 left = (s32)(READ_ONCE(s->expires) - (u32)jiffies);
	int err = filter_entry(p, e, s);
	struct in6_addr dst6 = {};
	struct nlattr *nest;

	if (err)
		return err;
	nest = nla_nest_start(skb, JOOL_A_SESSION_ENTRY);

	if (p->pool6)
		jool_rfc6052_4to6(p->pool6, s->remote4, &dst6);
	if (nest && !nla_put_u8(skb, JOOL_SESSION_PROTO, e->proto) &&
	    !nla_put_in6_addr(skb, JOOL_SESSION_SRC6, &e->addr6) &&
	    !nla_put_u16(skb, JOOL_SESSION_SPORT6, e->port6) &&
	    !nla_put_in6_addr(skb, JOOL_SESSION_DST6, &dst6) &&
	    !nla_put_u16(skb, JOOL_SESSION_DPORT6, s->rport4) &&
	    !nla_put_in_addr(skb, JOOL_SESSION_SRC4, e->addr4) &&
	    !nla_put_u16(skb, JOOL_SESSION_SPORT4, e->port4) &&
	    !nla_put_in_addr(skb, JOOL_SESSION_DST4, s->remote4) &&
	    !nla_put_u16(skb, JOOL_SESSION_DPORT4, s->rport4) &&
	    !nla_put_u8(skb, JOOL_SESSION_STATE, READ_ONCE(s->state)) &&
	    !nla_put_u32(skb, JOOL_SESSION_EXPIRES,
			 jiffies_to_msecs(max(left, 0)))) {
		nla_nest_end(skb, nest);
		return 0;
	}
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/*
 * One message: as many entries as fit, from the cursor on, that the
 * filter keeps, at most DUMP_BUDGET buckets and entries looked at.
 * Return: the length of @skb, 0 at the end, -EAGAIN when the budget went
 * before any entry was kept (call again), or a negative errno.
 */
static int state_msg(struct sk_buff *skb, struct netlink_callback *cb,
		     struct jool_device *jdev, bool bib,
		     const struct state_filter *f)
{
	struct state_dump *d = STATE_DUMP(cb);
	const struct jool_config *cfg;
	struct state_put p = { .skb = skb, .filter = f };
	struct nlattr *list;
	int err, len;
	void *hdr;

	hdr = jool_nl_dump_put(skb, cb, d->ifindex);
	if (!hdr)
		return -EMSGSIZE;
	list = nla_nest_start(skb, bib ? JOOL_A_BIB : JOOL_A_SESSIONS);
	if (!list) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	len = skb->len;
	if (bib) {
		err = jool_bib_foreach(jdev->state, &d->bib, DUMP_BUDGET,
				       put_bib, &p);
	} else {
		cfg = rcu_dereference(jdev->config);
		p.pool6 = cfg->xlat.pool6_set ? &cfg->xlat.pool6 : NULL;
		err = jool_session_foreach(jdev->state, &d->ses, DUMP_BUDGET,
					   put_session, &p);
	}
	if (skb->len == len) {
		/* Nothing (more) to send, or nothing kept yet. */
		genlmsg_cancel(skb, hdr);
		return err == -EAGAIN ? err : err ? -EMSGSIZE : 0;
	}
	nla_nest_end(skb, list);
	genlmsg_end(skb, hdr);
	return skb->len;
}

/**
 * jool_nl_state_dump() - .dumpit of JOOL_CMD_BIB_GET and _SESSION_GET
 * @skb: where the message goes
 * @cb: the dump
 *
 * Return: the length of @skb, 0 when done, or a negative errno.
 */
int jool_nl_state_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	bool bib = genl_dumpit_info(cb)->op.cmd == JOOL_CMD_BIB_GET;
	struct jool_device *jdev;
	struct state_filter f;
	int err;

	err = parse_filter(cb, bib, &f);
	if (err)
		return err;
	/* Sections of DUMP_BUDGET entries until one keeps some. */
	for (;;) {
		rcu_read_lock();
		jdev = jool_nl_dump_device(cb, STATE_DUMP(cb)->ifindex,
					   &bib_scope);
		err = IS_ERR(jdev) ? PTR_ERR(jdev) :
		      state_msg(skb, cb, jdev, bib, &f);
		rcu_read_unlock();
		if (err != -EAGAIN)
			return err;
		cond_resched();
	}
}
