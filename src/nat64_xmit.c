// SPDX-License-Identifier: GPL-2.0
/*
 * The NAT64 data path (RFC 6146 3.4 to 3.7): what a packet sent into a
 * "nat64" device does to the state tables before the translation. xmit.c
 * calls jool_nat64_map() and, if it says so, translates with the tuples it
 * filled in (&xlat_pkt.nat64_t4 / nat64_t6), through the same code as SIIT
 * (jool_run_core(), the ICMP error path, re-injection, drop accounting).
 *
 * 6 -> 4: the packet's tuple (jool_nat64_tuple()); its destination must be
 * inside pool6; its session (jool_session_lookup6()), else its BIB entry
 * (endpoint-independent mapping), else a pool4 transport address chosen by
 * RFC 6056 algorithm 3 (jool_port_alloc()); TCP runs the state machine
 * (only a SYN creates a session); the lifetime is refreshed.
 *
 * 4 -> 6: the tuple; its destination must be in pool4; its session, else
 * its BIB entry (no entry: dropped), filtering, and a session created on
 * that entry.
 *
 * ICMP errors: the session of the packet they quote, no state change.
 *
 * Sessions of ICMP (echo) have no remote port: the identifier is the BIB
 * entry's, on both sides, so the remote IPv4 transport address of an ICMP
 * session has port 0 (jool_nat64_remote_port()).
 *
 * Everything runs in the caller's RCU read-side section: the pool4 a new
 * BIB entry is taken from and the entry's creation are in one, which
 * jool_bib_purge() relies on.
 */
#include <linux/ipv6.h>
#include <net/ipv6.h>
#include "bib.h"
#include "core/denylist.h"
#include "core/determ.h"
#include "core/nat64.h"
#include "core/nat64_map.h"
#include "core/port_alloc.h"
#include "core/tcp_state.h"
#include "nat64_xmit.h"
#include "stats.h"
#include "syn_store.h"

/* Linear bytes to ask for up front, as xmit.c. */
#define FIRST_PULL6 (sizeof(struct ipv6hdr) + sizeof(struct tcphdr))
#define FIRST_PULL4 (sizeof(struct iphdr) + sizeof(struct tcphdr))
#define MAX_ROUNDS 16
/* Tries at a new BIB entry when other CPUs take the chosen taddr first. */
#define MAX_ALLOC_TRIES 4

/* One packet's NAT64 facts. */
struct nat64_ctx {
	struct sk_buff *skb;
	struct jool_device *jdev;
	const struct xlat_cfg *cfg;
	struct xlat_pkt *pkt;
	struct jool_nat64_map *map;
	struct jool_tuple6 t6;
	struct jool_tuple4 t4;
	/* The IPv4 protocol number (ICMPv6 is ICMP). */
	u8 proto;
	/* The remote IPv4 transport address (port 0 for ICMP). */
	struct jool_taddr4 remote;
};

static enum jool_nat64_verdict refuse(struct nat64_ctx *c,
				      enum jool_stat reason)
{
	c->pkt->reason = reason;
	return JOOL_NAT64_DROP;
}

/* The tuple of the packet, pulling as many bytes as it needs. */
static enum nat64_tuple_verdict get_tuple(struct nat64_ctx *c, bool is6)
{
	unsigned int need = is6 ? FIRST_PULL6 : FIRST_PULL4, round;
	struct sk_buff *skb = c->skb;
	enum nat64_tuple_verdict v;
	struct frag6 frag;

	c->pkt->len = skb->len;
	for (round = 0; round < MAX_ROUNDS; round++) {
		need = min(need, skb->len);
		if (!pskb_may_pull(skb, need)) {
			c->pkt->reason = JOOL_STAT_ENOMEM;
			return NAT64_TUPLE_DROP;
		}
		v = jool_nat64_tuple(skb->data, need, c->pkt,
				     is6 ? &c->t6 : NULL, &c->t4, &frag);
		if (v != NAT64_TUPLE_MORE)
			return v;
		if (c->pkt->need <= need)
			break;
		need = c->pkt->need;
	}
	c->pkt->reason = is6 ? JOOL_STAT_HDR6_TRUNCATED : JOOL_STAT_HDR4_INVALID;
	return NAT64_TUPLE_DROP;
}

/* The SYN, FIN and RST bits of a TCP packet (JOOL_TCP_*); 0 if unknown. */
static u8 tcp_flags(struct sk_buff *skb, bool is6)
{
	u8 nexthdr, byte, *p, flags = 0;
	__be16 frag_off;
	int off;

	if (is6) {
		nexthdr = ((struct ipv6hdr *)skb->data)->nexthdr;
		off = ipv6_skip_exthdr(skb, sizeof(struct ipv6hdr), &nexthdr,
				       &frag_off);
		if (off < 0)
			return 0;
	} else {
		off = ((struct iphdr *)skb->data)->ihl * 4;
	}
	/* Byte 13 of the TCP header: ... RST 0x04, SYN 0x02, FIN 0x01. */
	p = skb_header_pointer(skb, off + 13, 1, &byte);
	if (!p)
		return 0;
	if (*p & 0x02)
		flags |= JOOL_TCP_SYN;
	if (*p & 0x01)
		flags |= JOOL_TCP_FIN;
	if (*p & 0x04)
		flags |= JOOL_TCP_RST;
	return flags;
}

/* A lifetime of the TCP state machine, in jiffies; 0: keep it. */
static unsigned long tcp_lifetime(u8 lifetime, const struct nat64_cfg *n)
{
	switch (lifetime) {
	case JOOL_TCP_LT_EST:
		return msecs_to_jiffies(n->tcp_est_ms);
	case JOOL_TCP_LT_TRANS:
		return msecs_to_jiffies(n->tcp_trans_ms);
	case JOOL_TCP_LT_INCOMING_SYN:
		return msecs_to_jiffies(JOOL_TCP_INCOMING_SYN_MS);
	}
	return 0;
}

/* The lifetime of a UDP or ICMP session, in jiffies. */
static unsigned long query_lifetime(const struct nat64_ctx *c)
{
	const struct nat64_cfg *n = &c->cfg->nat64;

	return msecs_to_jiffies(c->proto == IPPROTO_UDP ? n->udp_ms :
							  n->icmp_ms);
}

/* The tuples of a packet that uses @bib with the remote @c->remote. */
static void fill_map(struct nat64_ctx *c, const struct jool_bib *bib)
{
	struct nat64_binding b = {
		.proto = c->proto,
		.local6 = { .addr = bib->addr6, .port = bib->port6 },
		.local4 = { .addr = bib->addr4, .port = bib->port4 },
		.remote4 = c->remote,
	};

	jool_nat64_map_tuples(&c->cfg->pool6, &b, &c->map->t4, &c->map->t6);
}

/* jool_port_alloc()'s taken(): the BIB lookup of the protocol. */
struct taken_arg {
	struct jool_state *st;
	u8 proto;
};

static bool taken(const struct jool_taddr4 *taddr, void *arg)
{
	const struct taken_arg *a = arg;

	return jool_bib_lookup4(a->st, a->proto, taddr);
}

/*
 * RFC 7422 deterministic mode: a pool4 transport address inside the range
 * the configuration computes for the client's subscriber prefix; a client
 * outside the deterministic prefix gets none.
 */
static enum jool_stat alloc_det(struct nat64_ctx *c, struct port_alloc_req *req,
				struct jool_taddr4 *local)
{
	const struct nat64_cfg *n = &c->cfg->nat64;
	struct port_alloc_out out;
	struct det_range r;

	if (!jool_det_map6(&n->det, &n->det_shape, &c->t6.src.addr, &r))
		return JOOL_STAT_NAT64_DET_OUTSIDE;
	switch (jool_port_alloc_range(req, r.addr4, r.lo, r.hi, &out)) {
	case PORT_ALLOC_OK:
		*local = out.taddr;
		return 0;
	case PORT_ALLOC_NO_SET:
		return JOOL_STAT_NAT64_POOL4_NONE;
	default:
		return JOOL_STAT_NAT64_DET_EXHAUSTED;
	}
}

/* jool_port_block_find()'s is_free(): no client holds the block. */
static bool block_free(const struct jool_taddr4 *start, void *arg)
{
	const struct taken_arg *a = arg;

	return jool_block_free_at(a->st, a->proto, start->addr, start->port);
}

/*
 * The most blocks of a client the data path looks at: the most
 * max-port-blocks-per-client allows (JOOL_MAX_PORT_BLOCKS), so that a
 * client at its limit is refused only when every block it holds is full.
 */
#define MAX_BLOCKS_SEEN JOOL_MAX_PORT_BLOCKS

/*
 * Port blocks (bib_block.c): a transport address inside one of the
 * client's blocks, else inside a free block if the client may have one
 * more (the BIB entry's join claims it).
 */
static enum jool_stat alloc_block(struct nat64_ctx *c,
				  struct port_alloc_req *req,
				  struct jool_taddr4 *local)
{
	const struct nat64_cfg *n = &c->cfg->nat64;
	struct jool_taddr4 mine[MAX_BLOCKS_SEEN], start;
	struct port_alloc_out out;
	unsigned int i, held;

	held = jool_block_mine(c->jdev->state, &c->t6.src.addr, c->proto,
			       mine, ARRAY_SIZE(mine));
	for (i = 0; i < min_t(unsigned int, held, ARRAY_SIZE(mine)); i++) {
		if (jool_port_alloc_range(req, mine[i].addr, mine[i].port,
					  mine[i].port + n->block_size - 1,
					  &out) == PORT_ALLOC_OK)
			goto found;
	}
	if (held >= n->max_blocks)
		return JOOL_STAT_NAT64_BLOCK_LIMIT;
	switch (jool_port_block_find(req, n->block_size, block_free, req->arg,
				     &start)) {
	case PORT_ALLOC_OK:
		break;
	case PORT_ALLOC_NO_SET:
		return JOOL_STAT_NAT64_POOL4_NONE;
	default:
		return JOOL_STAT_NAT64_POOL4_EXHAUSTED;
	}
	if (jool_port_alloc_range(req, start.addr, start.port,
				  start.port + n->block_size - 1, &out) !=
	    PORT_ALLOC_OK)
		return JOOL_STAT_NAT64_POOL4_EXHAUSTED;
found:
	*local = out.taddr;
	return 0;
}

/*
 * A pool4 transport address for the IPv6 client of @c (RFC 6056 alg. 3), on
 * the IPv4 address its other mappings use if it has some in the packet's
 * set and that address a free port (paired address pooling,
 * bib_client.c). *@seen: the client's generation it saw.
 */
static enum jool_stat alloc_local(struct nat64_ctx *c,
				  struct jool_taddr4 *local, u32 *seen)
{
	struct taken_arg arg = { .st = c->jdev->state, .proto = c->proto };
	struct port_alloc_req req = {
		.pool4 = c->cfg->pool4,
		.proto = c->proto,
		.mark = c->skb->mark,
		.port = c->t6.src.port,
		.next_ephemeral = &c->jdev->next_ephemeral,
		.taken = taken,
		.arg = &arg,
	};
	struct port_alloc_out out;
	struct port_alloc_f in;

	BUILD_BUG_ON(JOOL_CLIENT_ADDRS > PORT_ALLOC_PAIRED);
	jool_port_alloc_f_input(&c->t6, c->cfg->nat64.f_args, &in);
	req.hash = jool_port_alloc_hash(&in, &c->jdev->port_key);
	if (c->cfg->nat64.det.set6)
		return alloc_det(c, &req, local);
	if (c->cfg->nat64.block_size)
		return alloc_block(c, &req, local);
	req.n_paired = jool_client_paired(c->jdev->state, &c->t6.src.addr,
					  req.paired, seen);
	switch (jool_port_alloc(&req, &out)) {
	case PORT_ALLOC_OK:
		*local = out.taddr;
		return 0;
	case PORT_ALLOC_NO_SET:
		return JOOL_STAT_NAT64_POOL4_NONE;
	default:
		return JOOL_STAT_NAT64_POOL4_EXHAUSTED;
	}
}

static enum jool_nat64_verdict create_failed(struct nat64_ctx *c, int err)
{
	/* RFC 6146 3.5.1.1: no BIB entry could be made, answered 1/3. */
	if (err == -ENOSPC)
		return refuse(c, JOOL_STAT_SESSIONS_FULL);
	if (err == -EDQUOT)
		return refuse(c, JOOL_STAT_NAT64_HOST_PORTS);
	return refuse(c, JOOL_STAT_NAT64_SESSION_FAILED);
}

static enum jool_nat64_verdict use_session(struct nat64_ctx *c,
					   struct jool_session *s, bool is6);

/*
 * RFC 6146 3.5.2.2: the IPv6 SYN that made @s opens a connection whose
 * IPv4 SYN is stored: that one goes, silently, and the session is where
 * the RFC's V4 INIT goes with an IPv6 SYN (ESTABLISHED).
 */
static void so_open(struct nat64_ctx *c, struct jool_session *s)
{
	struct jool_taddr4 local = { .addr = s->bib->addr4,
				     .port = s->bib->port4 };
	struct jool_tcp_pkt syn = { .from = JOOL_TCP_FROM6,
				    .flags = JOOL_TCP_SYN };
	struct jool_tcp_step step;

	if (!jool_syn_store_take(jool_state_syns(c->jdev->state), &local,
				 &c->remote))
		return;
	jool_stats_inc(c->jdev, JOOL_STAT_NAT64_SO_OPENED);
	step = jool_tcp_state_next(JOOL_TCP_V4_INIT, &syn, &c->cfg->nat64);
	jool_session_set_state(s, step.state);
	jool_session_refresh(c->jdev->state, s,
			     tcp_lifetime(step.lifetime, &c->cfg->nat64));
}

/*
 * A session jool_session_create() gave back: a new one is the packet's; one
 * another CPU made first takes the packet through its state machine.
 */
static enum jool_nat64_verdict created(struct nat64_ctx *c,
				       struct jool_session *s, bool made,
				       bool is6)
{
	if (!made)
		return use_session(c, s, is6);
	/* From IPv6, only a SYN makes a TCP session. */
	if (is6 && c->proto == IPPROTO_TCP)
		so_open(c, s);
	fill_map(c, s->bib);
	return JOOL_NAT64_XLAT;
}

/* Deterministic mode: @local is in the range of @c's subscriber. */
static bool det_has(const struct nat64_ctx *c, const struct jool_taddr4 *local)
{
	const struct nat64_cfg *n = &c->cfg->nat64;
	struct det_range r;

	return jool_det_map6(&n->det, &n->det_shape, &c->t6.src.addr, &r) &&
	       r.addr4 == local->addr && local->port >= r.lo &&
	       local->port <= r.hi;
}

/* Port blocks: @local's block is free or @c's client's. */
static bool block_usable(const struct nat64_ctx *c,
			 const struct jool_taddr4 *local)
{
	struct jool_taddr4 mine[MAX_BLOCKS_SEEN];
	u16 start = local->port & ~(c->cfg->nat64.block_size - 1);
	unsigned int i, held;

	held = jool_block_mine(c->jdev->state, &c->t6.src.addr, c->proto,
			       mine, ARRAY_SIZE(mine));
	for (i = 0; i < min_t(unsigned int, held, ARRAY_SIZE(mine)); i++)
		if (mine[i].addr == local->addr && mine[i].port == start)
			return true;
	/* A free block only if the client may hold one more. */
	return held < c->cfg->nat64.max_blocks &&
	       jool_block_free_at(c->jdev->state, c->proto, local->addr, start);
}

/* jool_syn_store_local()'s usable(): pool4 gives it to this client. */
static bool so_usable(const struct jool_taddr4 *local, void *arg)
{
	struct nat64_ctx *c = arg;
	const struct pool4_set *set;

	set = jool_pool4_set_find(c->cfg->pool4, c->proto, c->skb->mark);
	if (c->cfg->nat64.det.set6 && !det_has(c, local))
		return false;
	if (c->cfg->nat64.block_size && !block_usable(c, local))
		return false;
	return jool_pool4_set_has(c->cfg->pool4, set, local->addr,
				  local->port) &&
	       !jool_bib_lookup4(c->jdev->state, c->proto, local);
}

/*
 * A pool4 transport address for a new BIB entry: the one a stored IPv4
 * SYN from the same remote chose, if this client may have it (the IPv4
 * node of a simultaneous open decided it; Jool does the same), else RFC
 * 6056's.
 */
static enum jool_stat choose_local(struct nat64_ctx *c,
				   struct jool_taddr4 *local, u32 *seen)
{
	*seen = JOOL_CLIENT_ANY;
	if (c->proto == IPPROTO_TCP &&
	    jool_syn_store_local(jool_state_syns(c->jdev->state), &c->remote,
				 so_usable, c, local))
		return 0;
	return alloc_local(c, local, seen);
}

/*
 * Creates the session of an IPv6 packet: on its BIB entry if it has one,
 * else on a new pool4 transport address, searched again when another CPU
 * takes the chosen one first, or gives the client an IPv4 address first
 * (bib_client.c: at most once per client slot), or the entry goes
 * meanwhile; MAX_ALLOC_TRIES at most.
 */
static enum jool_nat64_verdict create64(struct nat64_ctx *c, u8 state,
					unsigned long timeout)
{
	u32 cap = c->cfg->nat64.max_ports_per_host, seen;
	struct jool_state *st = c->jdev->state;
	struct jool_session *s = ERR_PTR(-EAGAIN);
	struct jool_taddr4 local;
	enum jool_stat why;
	bool made;
	int tries;

	for (tries = 0; tries < MAX_ALLOC_TRIES; tries++) {
		/* An existing entry is found again inside; else a new one. */
		if (jool_bib_lookup6(st, c->proto, &c->t6.src)) {
			s = jool_session_create(st, c->proto, &c->t6.src, NULL,
						&c->remote, state, timeout,
						&made);
		} else {
			/* A host at its cap: no port search (a scan). */
			if (cap && jool_client_mappings(st, &c->t6.src.addr) >=
				   cap)
				return refuse(c, JOOL_STAT_NAT64_HOST_PORTS);
			why = choose_local(c, &local, &seen);
			if (why)
				return refuse(c, why);
			s = jool_session_create_seen(st, c->proto, &c->t6.src,
						     &local, seen, cap,
						     &c->remote, state,
						     timeout, &made);
		}
		if (!IS_ERR(s))
			return created(c, s, made, true);
		if (PTR_ERR(s) != -EADDRINUSE && PTR_ERR(s) != -EAGAIN)
			break;
	}
	return create_failed(c, PTR_ERR(s));
}

/* Creates the session of an IPv4 packet on the BIB entry @bib. */
static enum jool_nat64_verdict create46(struct nat64_ctx *c,
					const struct jool_bib *bib, u8 state,
					unsigned long timeout)
{
	struct jool_taddr6 src6 = { .addr = bib->addr6, .port = bib->port6 };
	struct jool_session *s;
	bool made;

	/* No entry is made from IPv4: if @bib went meanwhile, no session. */
	s = jool_session_create(c->jdev->state, c->proto, &src6, NULL,
				&c->remote, state, timeout, &made);
	if (IS_ERR(s))
		return create_failed(c, PTR_ERR(s));
	return created(c, s, made, false);
}

/*
 * What the TCP state machine's answer does to a session (@s, NULL for
 * none): its state and lifetime. Returns the drop reason, or 0.
 */
static enum jool_stat tcp_apply(struct nat64_ctx *c, struct jool_session *s,
				const struct jool_tcp_step *step)
{
	unsigned long lt;

	if (step->verdict == JOOL_TCP_STORE)
		return JOOL_STAT_NAT64_SYN4_NO_BIB;
	if (step->verdict == JOOL_TCP_DROP) {
		switch (step->why) {
		case JOOL_TCP_WHY_EXTERNAL:
			return JOOL_STAT_NAT64_EXT_TCP;
		case JOOL_TCP_WHY_ADF:
			return JOOL_STAT_NAT64_ADF;
		}
		return JOOL_STAT_NAT64_TCP_NO_STATE;
	}
	if (!s)
		return 0;
	jool_session_set_state(s, step->state);
	lt = tcp_lifetime(step->lifetime, &c->cfg->nat64);
	if (lt)
		jool_session_refresh(c->jdev->state, s, lt);
	return 0;
}

/* An existing session: the state machine (TCP) or a refresh. */
static enum jool_nat64_verdict use_session(struct nat64_ctx *c,
					   struct jool_session *s, bool is6)
{
	struct jool_tcp_pkt tp = { .from = is6 ? JOOL_TCP_FROM6 :
						 JOOL_TCP_FROM4 };
	struct jool_tcp_step step;
	enum jool_stat why;

	if (c->proto == IPPROTO_TCP) {
		tp.flags = tcp_flags(c->skb, is6);
		step = jool_tcp_state_next(READ_ONCE(s->state), &tp,
					   &c->cfg->nat64);
		why = tcp_apply(c, s, &step);
		if (why)
			return refuse(c, why);
	} else {
		jool_session_refresh(c->jdev->state, s, query_lifetime(c));
	}
	fill_map(c, s->bib);
	return JOOL_NAT64_XLAT;
}

/*
 * Address-dependent filtering (RFC 6146 3.5.1, 3.5.2.2): an IPv4 packet
 * without a session of its own is let in only if the IPv6 node of its BIB
 * entry @bib has a session with its source address, whatever the port
 * (the peer groups of session.c). It then gets a session of its own. An
 * ICMP echo session has no remote port: there, the session is the group.
 */
static bool adf_refuses(const struct nat64_ctx *c, const struct jool_bib *bib)
{
	return c->cfg->nat64.adf &&
	       !(bib && jool_session_peer(c->jdev->state, bib, c->remote.addr));
}

/* TCP without a session: the state machine, in CLOSED, with @bib. */
static enum jool_stat tcp_closed(struct nat64_ctx *c,
				 const struct jool_bib *bib, bool is6,
				 struct jool_tcp_step *step)
{
	struct jool_tcp_pkt tp = {
		.from = is6 ? JOOL_TCP_FROM6 : JOOL_TCP_FROM4,
		.flags = tcp_flags(c->skb, is6),
		.bib = bib,
		.adf_refuses = !is6 && adf_refuses(c, bib),
	};

	*step = jool_tcp_state_next(JOOL_TCP_CLOSED, &tp, &c->cfg->nat64);
	return tcp_apply(c, NULL, step);
}

/*
 * RFC 6146 3.5.2.2: an IPv4 SYN no session expects is kept 6 seconds for a
 * simultaneous open (a copy; the caller frees the packet), unless the
 * store is full: then answered at once, as the RFC does without storing.
 */
static enum jool_nat64_verdict store_syn(struct nat64_ctx *c)
{
	switch (jool_syn_store_add(jool_state_syns(c->jdev->state), c->skb,
				   &c->t4.dst, &c->remote,
				   c->cfg->nat64.max_so)) {
	case 0:
		jool_stats_inc(c->jdev, JOOL_STAT_NAT64_SO_STORED);
		return JOOL_NAT64_STORED;
	case -EEXIST:
		return refuse(c, JOOL_STAT_NAT64_SO_EXISTS);
	}
	return refuse(c, JOOL_STAT_NAT64_SYN4_NO_BIB);
}

/*
 * A packet without a session: its BIB entry (6 -> 4: the source's, 4 -> 6:
 * the destination's), filtering and the TCP state machine, then a new
 * session (6 -> 4: on a new BIB entry if there is none).
 */
static enum jool_nat64_verdict new_flow(struct nat64_ctx *c, bool is6)
{
	struct jool_state *st = c->jdev->state;
	unsigned long lt = query_lifetime(c);
	struct jool_tcp_step step = { 0 };
	enum jool_stat why = 0;
	struct jool_bib *bib;

	bib = is6 ? jool_bib_lookup6(st, c->proto, &c->t6.src) :
		    jool_bib_lookup4(st, c->proto, &c->t4.dst);
	if (c->proto == IPPROTO_TCP) {
		why = tcp_closed(c, bib, is6, &step);
		if (step.verdict == JOOL_TCP_STORE)
			return store_syn(c);
		if (!why && step.state == JOOL_TCP_CLOSED) {
			/* Translated on the BIB entry, no session. */
			fill_map(c, bib);
			return JOOL_NAT64_XLAT;
		}
		lt = tcp_lifetime(step.lifetime, &c->cfg->nat64);
	} else if (!is6 && !bib) {
		why = JOOL_STAT_NAT64_NO_BIB4;
	} else if (!is6 && adf_refuses(c, bib)) {
		why = JOOL_STAT_NAT64_ADF;
	}
	if (why)
		return refuse(c, why);
	return is6 ? create64(c, step.state, lt) :
		     create46(c, bib, step.state, lt);
}

/* After the session lookup (@s: NULL if none). */
static enum jool_nat64_verdict by_session(struct nat64_ctx *c,
					  enum nat64_tuple_verdict tv,
					  struct jool_session *s, bool is6)
{
	if (tv == NAT64_TUPLE_ICMP_ERR) {
		/* RFC 6146 3.5: errors follow a session, never make one. */
		if (!s)
			return refuse(c, JOOL_STAT_NAT64_ICMP_ERR_NO_SESSION);
		fill_map(c, s->bib);
		return JOOL_NAT64_XLAT;
	}
	if (s)
		return use_session(c, s, is6);
	return new_flow(c, is6);
}

static enum jool_nat64_verdict map64(struct nat64_ctx *c,
				     enum nat64_tuple_verdict tv)
{
	struct jool_session *s;

	if (tv == NAT64_TUPLE_OK && c->t6.proto == IPPROTO_ICMPV6 &&
	    c->cfg->nat64.drop_icmp6_info)
		return refuse(c, JOOL_STAT_NAT64_ICMP6_INFO);
	if (!c->cfg->pool6_set ||
	    !jool_rfc6052_6to4(&c->cfg->pool6, &c->t6.dst.addr,
			       &c->remote.addr))
		return refuse(c, JOOL_STAT_NAT64_NOT_POOL6);
	/* As SIIT: 0/8, 127/8, 169.254/16, 224/4, broadcast never leave. */
	if (jool_denylist_implicit(c->remote.addr))
		return refuse(c, JOOL_STAT_DENYLISTED);
	c->proto = c->t6.proto == IPPROTO_ICMPV6 ? IPPROTO_ICMP : c->t6.proto;
	c->remote.port = jool_nat64_remote_port(c->proto, c->t6.dst.port);
	s = jool_session_lookup6(c->jdev->state, c->proto, &c->t6.src,
				 &c->remote);
	return by_session(c, tv, s, true);
}

static enum jool_nat64_verdict map46(struct nat64_ctx *c,
				     enum nat64_tuple_verdict tv)
{
	struct jool_session *s;

	c->proto = c->t4.proto;
	if (!jool_pool4_contains(c->cfg->pool4, c->proto, c->t4.dst.addr,
				 c->t4.dst.port))
		return refuse(c, JOOL_STAT_NAT64_NOT_POOL4);
	/* jool_xlat46() needs pool6 for the remote's IPv6 address. */
	if (!c->cfg->pool6_set)
		return refuse(c, JOOL_STAT_NO_POOL6);
	if (jool_denylist_implicit(c->t4.src.addr))
		return refuse(c, JOOL_STAT_DENYLISTED);
	c->remote.addr = c->t4.src.addr;
	c->remote.port = jool_nat64_remote_port(c->proto, c->t4.src.port);
	s = jool_session_lookup4(c->jdev->state, c->proto, &c->t4.dst,
				 &c->remote);
	return by_session(c, tv, s, false);
}

/* The tuple, then the direction's filtering and updating. */
static enum jool_nat64_verdict map_any(struct nat64_ctx *c, bool is6)
{
	enum nat64_tuple_verdict tv = get_tuple(c, is6);

	if (tv == NAT64_TUPLE_DROP)
		return JOOL_NAT64_DROP;
	if (tv == NAT64_TUPLE_LATER_FRAG)
		return refuse(c, JOOL_STAT_NAT64_FRAGMENT);
	return is6 ? map64(c, tv) : map46(c, tv);
}

/**
 * jool_nat64_map() - filtering and updating (RFC 6146 3.5) of one packet
 * @skb: an IPv6 or IPv4 packet sent into a "nat64" device, L3 header at
 *	skb->data (bytes may be pulled into the linear area)
 * @jdev: the device
 * @cfg: the configuration snapshot the packet is translated with
 * @pkt: out: &xlat_pkt.reason on JOOL_NAT64_DROP (zeroed first)
 * @map: out: on JOOL_NAT64_XLAT, the tuples to translate with
 *
 * Looks up, creates or updates the packet's session, BIB entry and TCP
 * state, or says why the packet goes no further. Call under the RCU
 * read-side section that reads @cfg (the data path's), BH off.
 *
 * Return: see &enum jool_nat64_verdict.
 */
enum jool_nat64_verdict jool_nat64_map(struct sk_buff *skb,
				       struct jool_device *jdev,
				       const struct xlat_cfg *cfg,
				       struct xlat_pkt *pkt,
				       struct jool_nat64_map *map)
{
	struct nat64_ctx c = { .skb = skb, .jdev = jdev, .cfg = cfg,
			       .pkt = pkt, .map = map };
	enum jool_nat64_verdict v;

	memset(pkt, 0, sizeof(*pkt));
	rcu_read_lock();
	switch (skb->protocol) {
	case htons(ETH_P_IPV6):
		v = map_any(&c, true);
		break;
	case htons(ETH_P_IP):
		v = map_any(&c, false);
		break;
	default:
		v = refuse(&c, JOOL_STAT_PROTO_MISMATCH);
	}
	rcu_read_unlock();
	return v;
}
