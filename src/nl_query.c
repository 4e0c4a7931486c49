// SPDX-License-Identifier: GPL-2.0
/*
 * JOOL_CMD_ADDRESS_QUERY: what the configuration maps an address to, and
 * by which rule. The answer comes from jool_addr_translate64() and
 * jool_addr_translate46(), the functions the data path translates addresses
 * with, on the snapshot packets see: it cannot disagree with translation.
 *
 * NAT64 devices answer from their RFC 7422 deterministic mapping, with
 * jool_det_map6() and jool_det_map4(), which the data path allocates
 * ports with: who has an IPv4 transport address, or which address and
 * ports an IPv6 subscriber has. From the configuration alone: no state.
 *
 * With port blocks (bib_block.c) they answer from the block table
 * instead: who holds the block of an IPv4 transport address, or which
 * blocks an IPv6 address holds, and since when.
 */
#include "core/addr.h"
#include "core/determ.h"
#include "core/eamt.h"
#include "bib.h"
#include "config.h"
#include "device.h"
#include "netlink.h"

/* The JOOL_A_QUERY nest, at most. */
static size_t query_size(void)
{
	size_t prefix6 = nla_total_size(nla_total_size(16) + nla_total_size(1));
	size_t block = nla_total_size(nla_total_size(1) + nla_total_size(16) +
				      nla_total_size(4) +
				      2 * nla_total_size(2) +
				      nla_total_size_64bit(8));

	return nla_total_size(nla_total_size(1) +		/* RULE */
			      nla_total_size(16) +		/* ADDRESS */
			      nla_total_size(2 * prefix6) +	/* EAM */
			      prefix6 +				/* PREFIX */
			      nla_total_size(4) +		/* REASON */
			      2 * nla_total_size(2) +		/* PORT_* */
			      nla_total_size(4) +		/* BLOCKS_HELD */
			      JOOL_QUERY_BLOCKS_LISTED * block); /* BLOCK */
}

/* The answer for @cfg, written as JOOL_A_QUERY. */
static int put_query(struct sk_buff *msg, const struct xlat_cfg *cfg,
		     const struct nlattr *addr)
{
	struct addr_rule rule;
	enum jool_stat reason;
	struct in6_addr a6;
	struct nlattr *nest, *eam;
	__be32 a4;
	int err;

	if (nla_len(addr) == sizeof(a6)) {
		nla_memcpy(&a6, addr, sizeof(a6));
		reason = jool_addr_translate64(cfg, &a6, &a4, 0, &rule);
	} else {
		a4 = nla_get_in_addr(addr);
		reason = jool_addr_translate46(cfg, a4, &a6, 0, &rule);
	}

	nest = nla_nest_start(msg, JOOL_A_QUERY);
	if (!nest)
		return -EMSGSIZE;
	err = nla_put_u8(msg, JOOL_QUERY_RULE, rule.kind);
	if (!err && reason)
		err = nla_put_u32(msg, JOOL_QUERY_REASON, reason);
	if (!err && !reason) {
		if (nla_len(addr) == sizeof(a6))
			err = nla_put_in_addr(msg, JOOL_QUERY_ADDRESS, a4);
		else
			err = nla_put_in6_addr(msg, JOOL_QUERY_ADDRESS, &a6);
	}
	if (err)
		return err;
	switch (rule.kind) {
	case JOOL_RULE_EAM:
		eam = nla_nest_start(msg, JOOL_QUERY_EAM);
		if (!eam ||
		    jool_nla_put_prefix6(msg, JOOL_EAM_PREFIX6, &rule.eam->p6) ||
		    jool_nla_put_prefix4(msg, JOOL_EAM_PREFIX4, &rule.eam->p4))
			return -EMSGSIZE;
		nla_nest_end(msg, eam);
		break;
	case JOOL_RULE_POOL6:
		err = jool_nla_put_prefix6(msg, JOOL_QUERY_PREFIX, &cfg->pool6);
		break;
	case JOOL_RULE_DENYLIST4:
	case JOOL_RULE_IMPLICIT:
		err = jool_nla_put_prefix4(msg, JOOL_QUERY_PREFIX, rule.deny);
		break;
	}
	if (err)
		return err;
	nla_nest_end(msg, nest);
	return 0;
}

/* The NAT64 answer (deterministic mode) from @n, written as JOOL_A_QUERY. */
static int put_query_det(struct sk_buff *msg, const struct nat64_cfg *n,
			 struct genl_info *info)
{
	const struct nlattr *addr = info->attrs[JOOL_A_ADDRESS];
	struct jool_prefix6 sub;
	struct det_range r;
	struct in6_addr a6;
	struct nlattr *nest;
	bool in;

	if (nla_len(addr) == sizeof(a6)) {
		nla_memcpy(&a6, addr, sizeof(a6));
		in = jool_det_map6(&n->det, &n->det_shape, &a6, &r);
		/* The subscriber's prefix: its first port's answer. */
		if (in)
			jool_det_map4(&n->det, &n->det_shape, r.addr4, r.lo,
				      &sub, &r);
	} else {
		in = jool_det_map4(&n->det, &n->det_shape,
				   nla_get_in_addr(addr),
				   nla_get_u16(info->attrs[JOOL_A_PORT]), &sub,
				   &r);
	}

	nest = nla_nest_start(msg, JOOL_A_QUERY);
	if (!nest)
		return -EMSGSIZE;
	if (!in) {
		if (nla_put_u8(msg, JOOL_QUERY_RULE, JOOL_RULE_NONE) ||
		    nla_put_u32(msg, JOOL_QUERY_REASON,
				JOOL_STAT_NAT64_DET_OUTSIDE))
			return -EMSGSIZE;
	} else if (nla_put_u8(msg, JOOL_QUERY_RULE, JOOL_RULE_DETERMINISTIC) ||
		   nla_put_in_addr(msg, JOOL_QUERY_ADDRESS, r.addr4) ||
		   jool_nla_put_prefix6(msg, JOOL_QUERY_PREFIX, &sub) ||
		   nla_put_u16(msg, JOOL_QUERY_PORT_MIN, r.lo) ||
		   nla_put_u16(msg, JOOL_QUERY_PORT_MAX, r.hi)) {
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* One block, as a JOOL_QUERY_BLOCK nest. */
static int put_block(struct sk_buff *msg, const struct jool_block_info *b)
{
	struct nlattr *nest = nla_nest_start(msg, JOOL_QUERY_BLOCK);

	if (!nest || nla_put_u8(msg, JOOL_QBLOCK_PROTO, b->proto) ||
	    nla_put_in6_addr(msg, JOOL_QBLOCK_OWNER, &b->addr6) ||
	    nla_put_in_addr(msg, JOOL_QBLOCK_ADDR4, b->addr4) ||
	    nla_put_u16(msg, JOOL_QBLOCK_PORT_MIN, b->start) ||
	    nla_put_u16(msg, JOOL_QBLOCK_PORT_MAX, b->start + b->size - 1) ||
	    nla_put_u64_64bit(msg, JOOL_QBLOCK_SINCE, b->since,
			      JOOL_QBLOCK_PAD))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/*
 * The NAT64 answer (port blocks) for an IPv4 transport address: the block
 * of each protocol that holds it, written as JOOL_A_QUERY.
 */
static int put_query_blocks(struct sk_buff *msg, struct jool_device *jdev,
			    struct genl_info *info)
{
	static const u8 protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP };
	struct jool_taddr4 t4 = {
		.addr = nla_get_in_addr(info->attrs[JOOL_A_ADDRESS]),
		.port = nla_get_u16(info->attrs[JOOL_A_PORT]),
	};
	struct jool_block_info b[ARRAY_SIZE(protos)];
	struct nlattr *nest;
	unsigned int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(protos); i++)
		if (jool_block_lookup(jdev->state, protos[i], &t4, &b[n]))
			n++;
	nest = nla_nest_start(msg, JOOL_A_QUERY);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(msg, JOOL_QUERY_RULE, n ? JOOL_RULE_BLOCK :
						 JOOL_RULE_NONE))
		return -EMSGSIZE;
	if (!n && nla_put_u32(msg, JOOL_QUERY_REASON, JOOL_STAT_NAT64_NO_BIB4))
		return -EMSGSIZE;
	for (i = 0; i < n; i++)
		if (put_block(msg, &b[i]))
			return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/* jool_block_walk6()'s callback: the first blocks, as nests. */
struct blocks6 {
	struct sk_buff *msg;
	unsigned int listed;
	int err;
};

static void put_block6(const struct jool_block_info *b, void *arg)
{
	struct blocks6 *w = arg;

	if (w->err || w->listed == JOOL_QUERY_BLOCKS_LISTED)
		return;
	w->err = put_block(w->msg, b);
	w->listed++;
}

/*
 * The NAT64 answer (port blocks) for an IPv6 address: the blocks it
 * holds, written as JOOL_A_QUERY.
 */
static int put_query_blocks6(struct sk_buff *msg, struct jool_device *jdev,
			     struct genl_info *info)
{
	struct blocks6 w = { .msg = msg };
	struct in6_addr a6;
	struct nlattr *nest;
	unsigned int held;

	nla_memcpy(&a6, info->attrs[JOOL_A_ADDRESS], sizeof(a6));
	nest = nla_nest_start(msg, JOOL_A_QUERY);
	if (!nest || nla_put_u8(msg, JOOL_QUERY_RULE, JOOL_RULE_BLOCK))
		return -EMSGSIZE;
	held = jool_block_walk6(jdev->state, &a6, put_block6, &w);
	if (w.err || nla_put_u32(msg, JOOL_QUERY_BLOCKS_HELD, held))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int fill_query(struct sk_buff *msg, struct jool_device *jdev,
		      struct genl_info *info)
{
	const struct xlat_cfg *cfg;
	bool is4;
	int err;

	/* The rule points into the snapshot: answer inside the same section. */
	rcu_read_lock();
	cfg = &rcu_dereference(jdev->config)->xlat;
	is4 = nla_len(info->attrs[JOOL_A_ADDRESS]) == sizeof(__be32);
	if (jdev->mode != JOOL_MODE_NAT64) {
		err = put_query(msg, cfg, info->attrs[JOOL_A_ADDRESS]);
	} else if (!cfg->nat64.det.set6 && !cfg->nat64.block_size) {
		NL_SET_ERR_MSG(info->extack,
			       "a NAT64 address query needs deterministic mode (deterministic-prefix6) or port blocks (port-block-size)");
		err = -EOPNOTSUPP;
	} else if (is4 && !info->attrs[JOOL_A_PORT]) {
		NL_SET_ERR_MSG(info->extack,
			       "a NAT64 address query of an IPv4 address needs its port");
		err = -EINVAL;
	} else if (cfg->nat64.det.set6) {
		err = put_query_det(msg, &cfg->nat64, info);
	} else if (is4) {
		err = put_query_blocks(msg, jdev, info);
	} else {
		err = put_query_blocks6(msg, jdev, info);
	}
	rcu_read_unlock();
	return err;
}

int jool_nl_address_query(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *addr = info->attrs[JOOL_A_ADDRESS];

	if (!addr) {
		NL_SET_ERR_MSG(info->extack, "no address given");
		return -EINVAL;
	}
	if (nla_len(addr) != sizeof(struct in6_addr) &&
	    nla_len(addr) != sizeof(__be32)) {
		NL_SET_ERR_MSG_ATTR(info->extack, addr,
				    "the address must be 4 (IPv4) or 16 (IPv6) bytes");
		return -EINVAL;
	}
	return jool_nl_reply(info, &jool_nl_any_mode, query_size(), fill_query);
}
