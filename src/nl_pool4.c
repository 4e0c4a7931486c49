// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink commands on pool4 (NAT64): add, delete, flush, dump.
 *
 * Like the EAMT, the pool in a configuration snapshot is immutable: every
 * change builds a new table (src/core/pool4.c) and publishes it in a new
 * snapshot.
 *
 * JOOL_A_QUICK (delete, flush): without it, removing transport addresses
 * from pool4 also removes the BIB entries (static ones included) and
 * sessions that use them (nl_bib.c); with it, they stay (orphaned) until
 * they expire or are deleted, as in Jool.
 */
#include <net/ip.h>
#include "core/pool4.h"
#include "cfg_err.h"
#include "config.h"
#include "netlink.h"

const struct nla_policy jool_pool4_policy[JOOL_POOL4_MAX + 1] = {
	[JOOL_POOL4_PROTO] = { .type = NLA_U8 },
	[JOOL_POOL4_MARK] = { .type = NLA_U32 },
	[JOOL_POOL4_PREFIX] = NLA_POLICY_NESTED(jool_prefix_policy),
	[JOOL_POOL4_MIN_PORT] = { .type = NLA_U16 },
	[JOOL_POOL4_MAX_PORT] = { .type = NLA_U16 },
	[JOOL_POOL4_ITER_MODE] = NLA_POLICY_MAX(NLA_U8, JOOL_POOL4_ITER_MAX),
	[JOOL_POOL4_ITERATIONS] = NLA_POLICY_MIN(NLA_U32, 1),
};

JOOL_NL_SCOPE(pool4_scope, JOOL_MODES_NAT64,
	      "pool4 is a NAT64 feature; this is a SIIT device");

/* The protocol bits of JOOL_POOL4_PROTO; absent: the three. */
static int parse_proto(const struct nlattr *attr, u8 *protos,
		       struct netlink_ext_ack *extack)
{
	if (!attr) {
		*protos = POOL4_ALL;
		return 0;
	}
	switch (nla_get_u8(attr)) {
	case IPPROTO_TCP:
		*protos = POOL4_TCP;
		return 0;
	case IPPROTO_UDP:
		*protos = POOL4_UDP;
		return 0;
	case IPPROTO_ICMP:
		*protos = POOL4_ICMP;
		return 0;
	}
	jool_nl_cfg_err(extack, attr, JOOL_CFG_POOL4_PROTO);
	return -EINVAL;
}

/*
 * Parses a JOOL_A_POOL4_ENTRY into @c. Ports default to Jool's: @dmin to
 * @dmax.
 */
static int parse_entry(const struct nlattr *nest, struct pool4_change *c,
		       u16 dmin, u16 dmax, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[JOOL_POOL4_MAX + 1];
	int err;

	if (!nest) {
		NL_SET_ERR_MSG(extack, "no pool4 entry given");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, JOOL_POOL4_MAX, nest, jool_pool4_policy,
			       extack);
	if (err)
		return err;
	memset(c, 0, sizeof(*c));
	if (!tb[JOOL_POOL4_PREFIX]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "a pool4 entry needs a prefix");
		return -EINVAL;
	}
	err = jool_nla_get_prefix4(tb[JOOL_POOL4_PREFIX], &c->prefix, extack);
	if (err)
		return err;
	err = parse_proto(tb[JOOL_POOL4_PROTO], &c->protos, extack);
	if (err)
		return err;
	if (tb[JOOL_POOL4_MARK])
		c->mark = nla_get_u32(tb[JOOL_POOL4_MARK]);
	c->min = tb[JOOL_POOL4_MIN_PORT] ?
		 nla_get_u16(tb[JOOL_POOL4_MIN_PORT]) : dmin;
	c->max = tb[JOOL_POOL4_MAX_PORT] ?
		 nla_get_u16(tb[JOOL_POOL4_MAX_PORT]) : dmax;
	if (tb[JOOL_POOL4_ITER_MODE]) {
		c->iter_set = true;
		c->iter_mode = nla_get_u8(tb[JOOL_POOL4_ITER_MODE]);
		if (tb[JOOL_POOL4_ITERATIONS])
			c->iterations = nla_get_u32(tb[JOOL_POOL4_ITERATIONS]);
	}
	return 0;
}

/* An addition or a removal: the request's entry, and which; parsed. */
struct pool4_req {
	const struct nlattr *nest;
	bool add;
	bool force;
	struct pool4_change c;
};

/* The pool4 additions of @nests, as jool_nl_pool4_added() takes them. */
static int pool4_added(const struct jool_device *jdev,
		       const struct pool4 *base,
		       const struct nlattr *const *nests, unsigned int n,
		       bool force, struct pool4 **out,
		       struct netlink_ext_ack *extack)
{
	enum jool_cfg_err why = JOOL_CFG_OK;
	struct pool4_change *c;
	unsigned int i, bad;
	int err = 0, lo, hi;

	c = kvmalloc_array(n, sizeof(*c), GFP_KERNEL_ACCOUNT);
	if (!c)
		return -ENOMEM;
	inet_get_local_port_range(dev_net(jdev->dev), &lo, &hi);
	for (i = 0; i < n && !err; i++) {
		/* Jool's default ports: 61001-65535. */
		err = parse_entry(nests[i], &c[i], POOL4_DEFAULT_MIN,
				  POOL4_DEFAULT_MAX, extack);
		c[i].force = force;
		c[i].eph_min = lo;
		c[i].eph_max = hi;
	}
	if (!err) {
		err = jool_pool4_with_added(base, c, n, out, &why, &bad);
		if (err)
			jool_nl_cfg_err(extack, err == -ENOMEM ? NULL : nests[bad],
					why);
	}
	kvfree(c);
	return err;
}

/**
 * jool_nl_pool4_added() - a new pool4: @base plus a request's entries
 * @jdev: the device (its namespace's ephemeral port range is checked)
 * @base: the pool to add to (NULL: empty); not changed
 * @info: the request: its JOOL_A_POOL4_ENTRY attributes, added in one
 *	build
 * @out: out: the new pool, owned by the caller; NULL if the request has
 *	no entry
 * @extack: for the error message, which points at the entry at fault
 *
 * JOOL_A_FORCE allows short prefixes and ephemeral ports, for every entry.
 *
 * Return: 0 or a negative errno.
 */
int jool_nl_pool4_added(const struct jool_device *jdev,
			const struct pool4 *base, struct genl_info *info,
			struct pool4 **out, struct netlink_ext_ack *extack)
{
	const struct nlattr *attr, **nests;
	unsigned int n = 0;
	int rem, err;

	*out = NULL;
	nla_for_each_attr(attr, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem)
		n += nla_type(attr) == JOOL_A_POOL4_ENTRY;
	if (!n)
		return 0;
	nests = kvmalloc_array(n, sizeof(*nests), GFP_KERNEL_ACCOUNT);
	if (!nests)
		return -ENOMEM;
	n = 0;
	nla_for_each_attr(attr, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem) {
		if (nla_type(attr) == JOOL_A_POOL4_ENTRY)
			nests[n++] = attr;
	}
	err = pool4_added(jdev, base, nests, n, info->attrs[JOOL_A_FORCE],
			  out, extack);
	kvfree(nests);
	return err;
}

static int apply_change(const struct jool_device *jdev,
			struct jool_config *cfg, void *arg,
			struct netlink_ext_ack *extack)
{
	enum jool_cfg_err why = JOOL_CFG_OK;
	struct pool4_req *r = arg;
	struct pool4 *table;
	int err;

	if (r->add) {
		if (!r->nest) {
			NL_SET_ERR_MSG(extack, "no pool4 entry given");
			return -EINVAL;
		}
		err = pool4_added(jdev, cfg->xlat.pool4, &r->nest, 1, r->force,
				  &table, extack);
		if (err)
			return err;
		jool_config_set_table(cfg, JOOL_TABLE_POOL4, table);
		return 0;
	}
	/* Jool's default ports to remove: all of them. */
	err = parse_entry(r->nest, &r->c, 0, U16_MAX, extack);
	if (err)
		return err;
	err = jool_pool4_with_removed(cfg->xlat.pool4, &r->c, &table, &why);
	if (err) {
		jool_nl_cfg_err(extack, r->nest, why);
		return err;
	}
	jool_config_set_table(cfg, JOOL_TABLE_POOL4, table);
	return 0;
}

/*
 * @apply on the device of @info, then, if @purge and the request is not
 * "quick", the BIB purge of @removed (filled by @apply): both on the same
 * device, held throughout (looked up again by name, it could be another).
 */
static int update_and_purge(struct genl_info *info, jool_config_apply_t apply,
			    void *arg, const struct pool4_change *removed,
			    bool purge)
{
	struct jool_device *jdev;
	int err;

	jdev = jool_nl_get_device(genl_info_net(info), info->attrs,
				  &pool4_scope, info->extack);
	if (IS_ERR(jdev))
		return PTR_ERR(jdev);
	err = jool_config_update(jdev, apply, arg, info->extack);
	if (!err && purge && !info->attrs[JOOL_A_QUICK])
		jool_nl_bib_purge(jdev, removed);
	jool_nl_put_device(jdev);
	return err;
}

/**
 * jool_nl_pool4_change() - .doit of JOOL_CMD_POOL4_ADD and _DEL
 * @skb: the request
 * @info: the request, parsed: JOOL_A_POOL4_ENTRY, and JOOL_A_FORCE (add)
 *	or JOOL_A_QUICK (del: keep the BIB entries of the removed ports)
 *
 * Return: 0 or a negative errno, with a message in @info->extack.
 */
int jool_nl_pool4_change(struct sk_buff *skb, struct genl_info *info)
{
	struct pool4_req r = {
		.nest = info->attrs[JOOL_A_POOL4_ENTRY],
		.add = info->genlhdr->cmd == JOOL_CMD_POOL4_ADD,
		.force = info->attrs[JOOL_A_FORCE],
	};

	return update_and_purge(info, apply_change, &r, &r.c, !r.add);
}

/**
 * jool_nl_pool4_flush() - .doit of JOOL_CMD_POOL4_FLUSH
 * @skb: the request
 * @info: the request, parsed: optional JOOL_A_QUICK
 *
 * Return: 0 or a negative errno, with a message in @info->extack.
 */
int jool_nl_pool4_flush(struct sk_buff *skb, struct genl_info *info)
{
	return update_and_purge(info, jool_nl_apply_flush,
				(void *)&jool_nl_pool4_table, NULL, true);
}

static unsigned int table_count(const struct jool_config *cfg)
{
	return jool_pool4_count(cfg->xlat.pool4);
}

/* Entry @i as a JOOL_A_POOL4_ENTRY; its address as a /32 prefix. */
static int dump_entry(struct sk_buff *skb, const struct jool_config *cfg,
		      unsigned int i)
{
	struct jool_prefix4 p = { .len = 32 };
	struct pool4_row r;
	struct nlattr *nest;

	jool_pool4_get(cfg->xlat.pool4, i, &r);
	p.addr = r.addr;
	nest = nla_nest_start(skb, JOOL_A_POOL4_ENTRY);
	if (nest && !nla_put_u8(skb, JOOL_POOL4_PROTO, r.proto) &&
	    !nla_put_u32(skb, JOOL_POOL4_MARK, r.mark) &&
	    !jool_nla_put_prefix4(skb, JOOL_POOL4_PREFIX, &p) &&
	    !nla_put_u16(skb, JOOL_POOL4_MIN_PORT, r.min) &&
	    !nla_put_u16(skb, JOOL_POOL4_MAX_PORT, r.max) &&
	    !nla_put_u8(skb, JOOL_POOL4_ITER_MODE, r.iter_mode) &&
	    !nla_put_u32(skb, JOOL_POOL4_ITERATIONS, r.iterations)) {
		nla_nest_end(skb, nest);
		return 0;
	}
	/* Nothing written stays (a NULL nest trims nothing). */
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* Each message: JOOL_A_IFINDEX, then a JOOL_A_POOL4 list of entries. */
const struct jool_nl_table jool_nl_pool4_table = {
	.scope = &pool4_scope,
	.table = JOOL_TABLE_POOL4,
	.list_attr = JOOL_A_POOL4,
	.count = table_count,
	.put = dump_entry,
};
