// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink commands on the Explicit Address Mapping Table
 * (RFC 7757): add (in batches, all or nothing), delete, flush, dump.
 *
 * The table in a configuration snapshot is immutable: every change builds
 * a new table (src/core/eamt.c) and publishes it in a new snapshot.
 */
#include <linux/slab.h>
#include "core/eamt.h"
#include "core/range.h"
#include "cfg_err.h"
#include "config.h"
#include "netlink.h"

const struct nla_policy jool_eam_policy[JOOL_EAM_MAX + 1] = {
	[JOOL_EAM_PREFIX6] = NLA_POLICY_NESTED(jool_prefix_policy),
	[JOOL_EAM_PREFIX4] = NLA_POLICY_NESTED(jool_prefix_policy),
};

/* Parses one JOOL_A_EAMT_ENTRY; @need_both for additions. */
static int parse_entry(const struct nlattr *nest, struct eamt_entry *e,
		       bool *has6, bool *has4, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[JOOL_EAM_MAX + 1];
	int err;

	err = nla_parse_nested(tb, JOOL_EAM_MAX, nest, jool_eam_policy, extack);
	if (err)
		return err;
	memset(e, 0, sizeof(*e));
	*has6 = tb[JOOL_EAM_PREFIX6];
	*has4 = tb[JOOL_EAM_PREFIX4];
	if (*has6) {
		err = jool_nla_get_prefix6(tb[JOOL_EAM_PREFIX6], &e->p6, extack);
		if (err)
			return err;
	}
	if (*has4) {
		err = jool_nla_get_prefix4(tb[JOOL_EAM_PREFIX4], &e->p4, extack);
		if (err)
			return err;
	}
	return 0;
}

/*
 * Only SIIT devices have an EAMT (RFC 7757 extends SIIT; NAT64 has pool4
 * and the BIB).
 */
JOOL_NL_SCOPE(eamt_scope, JOOL_MODES_SIIT,
	      "the EAMT is a SIIT feature; this is a NAT64 device");

/*
 * The attributes of a request, to walk its JOOL_A_EAMT lists: there may be
 * several, since one holds at most 64 KiB (1170 entries) and a request may
 * carry many more.
 */
static struct nlattr *req_attrs(struct genl_info *info)
{
	return genlmsg_data(info->genlhdr);
}

static int req_len(struct genl_info *info)
{
	return genlmsg_len(info->genlhdr);
}

/* The @i-th entry of the request's lists, for the error message. */
static const struct nlattr *nth_entry(struct genl_info *info, unsigned int i)
{
	const struct nlattr *list, *attr;
	int rem, rem2;

	nla_for_each_attr(list, req_attrs(info), req_len(info), rem) {
		if (nla_type(list) != JOOL_A_EAMT)
			continue;
		nla_for_each_nested(attr, list, rem2) {
			if (!i--)
				return attr;
		}
	}
	return NULL;
}

static int collect_entries(struct genl_info *info, struct eamt_entry **out,
			   unsigned int *count)
{
	const struct nlattr *list, *attr;
	struct eamt_entry *entries;
	unsigned int n = 0;
	bool has6, has4;
	int rem, rem2, err;

	nla_for_each_attr(list, req_attrs(info), req_len(info), rem) {
		if (nla_type(list) != JOOL_A_EAMT)
			continue;
		nla_for_each_nested(attr, list, rem2) {
			if (n == EAMT_MAX_ENTRIES) {
				/* More than a table may hold. */
				jool_nl_cfg_err(info->extack, attr,
						JOOL_CFG_EAMT_FULL);
				return -ENOSPC;
			}
			n++;
		}
	}
	if (!n) {
		NL_SET_ERR_MSG(info->extack, "no EAMT entries given");
		return -EINVAL;
	}
	/* Charged to the sender's memory cgroup, like the table. */
	entries = jool_range_alloc(n * sizeof(*entries));
	if (!entries)
		return -ENOMEM;
	n = 0;
	nla_for_each_attr(list, req_attrs(info), req_len(info), rem) {
		if (nla_type(list) != JOOL_A_EAMT)
			continue;
		nla_for_each_nested(attr, list, rem2) {
			if (nla_type(attr) != JOOL_A_EAMT_ENTRY) {
				NL_SET_ERR_MSG_ATTR(info->extack, attr,
						    "expected an EAMT entry");
				err = -EINVAL;
				goto err_free;
			}
			err = parse_entry(attr, &entries[n], &has6, &has4,
					  info->extack);
			if (err)
				goto err_free;
			if (!has6 || !has4) {
				NL_SET_ERR_MSG_ATTR(info->extack, attr,
						    "an EAM needs an IPv6 and an IPv4 prefix");
				err = -EINVAL;
				goto err_free;
			}
			n++;
		}
	}
	*out = entries;
	*count = n;
	return 0;

err_free:
	jool_range_free(entries);
	return err;
}

/**
 * jool_nl_eamt_added() - a new EAM table: @base plus the request's entries
 * @info: the request: its JOOL_A_EAMT lists (at least one entry) and
 *	JOOL_A_FORCE
 * @base: the table to add to (NULL: empty); not changed
 * @out: out: the new table, owned by the caller
 * @extack: for the error message; its offset names the refused entry
 *
 * Return: 0 or a negative errno.
 */
int jool_nl_eamt_added(struct genl_info *info, const struct eamt *base,
		       struct eamt **out, struct netlink_ext_ack *extack)
{
	enum jool_cfg_err why = JOOL_CFG_OK;
	struct eamt_entry *entries;
	unsigned int n, bad;
	int err;

	err = collect_entries(info, &entries, &n);
	if (err)
		return err;
	bad = n;
	err = jool_eamt_with_added(base, entries, n, info->attrs[JOOL_A_FORCE],
				   out, &why, &bad);
	jool_range_free(entries);
	if (err) {
		/* The offset of the culprit tells the sender which it was. */
		jool_nl_cfg_err(extack, (err == -EINVAL || err == -EEXIST) &&
				bad < n ? nth_entry(info, bad) : NULL, why);
	}
	return err;
}

/* An addition: JOOL_A_EAMT_ENTRY nests, as many as the request holds. */
static int apply_add(const struct jool_device *jdev, struct jool_config *cfg,
		     void *arg, struct netlink_ext_ack *extack)
{
	struct eamt *table;
	int err;

	err = jool_nl_eamt_added(arg, cfg->xlat.eamt, &table, extack);
	if (err)
		return err;
	jool_config_set_table(cfg, JOOL_TABLE_EAMT, table);
	return 0;
}

int jool_nl_eamt_add(struct sk_buff *skb, struct genl_info *info)
{
	return jool_nl_update(info, &eamt_scope, apply_add, info);
}

/* A removal: the EAM named by the JOOL_A_EAMT_ENTRY nest @arg. */
static int apply_del(const struct jool_device *jdev, struct jool_config *cfg,
		     void *arg, struct netlink_ext_ack *extack)
{
	enum jool_cfg_err why = JOOL_CFG_OK;
	const struct nlattr *attr = arg;
	struct eamt_entry e;
	struct eamt *table;
	bool has6, has4;
	int err;

	if (!attr) {
		NL_SET_ERR_MSG(extack, "no EAMT entry given");
		return -EINVAL;
	}
	err = parse_entry(attr, &e, &has6, &has4, extack);
	if (err)
		return err;
	if (!has6 && !has4) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "name the EAM by its IPv6 or IPv4 prefix");
		return -EINVAL;
	}
	err = jool_eamt_with_removed(cfg->xlat.eamt, has4 ? &e.p4 : NULL,
				     has6 ? &e.p6 : NULL, &table, &why);
	if (err) {
		jool_nl_cfg_err(extack, NULL, why);
		return err;
	}
	jool_config_set_table(cfg, JOOL_TABLE_EAMT, table);
	return 0;
}

int jool_nl_eamt_del(struct sk_buff *skb, struct genl_info *info)
{
	return jool_nl_update(info, &eamt_scope, apply_del,
			      info->attrs[JOOL_A_EAMT_ENTRY]);
}

static unsigned int table_count(const struct jool_config *cfg)
{
	return jool_eamt_count(cfg->xlat.eamt);
}

static int dump_entry(struct sk_buff *skb, const struct jool_config *cfg,
		      unsigned int i)
{
	const struct eamt_entry *e = jool_eamt_get(cfg->xlat.eamt, i);
	struct nlattr *nest = nla_nest_start(skb, JOOL_A_EAMT_ENTRY);

	if (!nest)
		return -EMSGSIZE;
	if (jool_nla_put_prefix6(skb, JOOL_EAM_PREFIX6, &e->p6) ||
	    jool_nla_put_prefix4(skb, JOOL_EAM_PREFIX4, &e->p4)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Each message: JOOL_A_IFINDEX, then a JOOL_A_EAMT list of entries. */
const struct jool_nl_table jool_nl_eamt_table = {
	.scope = &eamt_scope,
	.table = JOOL_TABLE_EAMT,
	.list_attr = JOOL_A_EAMT,
	.count = table_count,
	.put = dump_entry,
};
