// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink commands on denylist4 (SIIT): add (one JOOL_A_PREFIX or
 * many, all or nothing), delete, flush, dump.
 *
 * Like the EAMT, the list in a configuration snapshot is immutable: every
 * change builds a new table (src/core/denylist.c) and publishes it in a
 * new snapshot.
 */
#include <linux/sort.h>
#include "core/denylist.h"
#include "core/range.h"
#include "cfg_err.h"
#include "config.h"
#include "netlink.h"

JOOL_NL_SCOPE(denylist_scope, JOOL_MODES_SIIT,
	      "denylist4 is for SIIT devices only");

/* An addition or a removal: the request, then denylist.c's verdict. */
struct denylist_change {
	const struct nlattr *attr;
	int (*change)(const struct denylist *old, const struct jool_prefix4 *p,
		      struct denylist **out, enum jool_cfg_err *why);
};

static int apply_change(const struct jool_device *jdev,
			struct jool_config *cfg, void *arg,
			struct netlink_ext_ack *extack)
{
	const struct denylist_change *c = arg;
	enum jool_cfg_err why = JOOL_CFG_OK;
	struct jool_prefix4 prefix;
	struct denylist *table;
	int err;

	if (!c->attr) {
		NL_SET_ERR_MSG(extack, "no prefix given");
		return -EINVAL;
	}
	memset(&prefix, 0, sizeof(prefix));
	err = jool_nla_get_prefix4(c->attr, &prefix, extack);
	if (err)
		return err;
	err = c->change(cfg->xlat.denylist4, &prefix, &table, &why);
	if (err) {
		jool_nl_cfg_err(extack, c->attr, why);
		return err;
	}
	jool_config_set_table(cfg, JOOL_TABLE_DENYLIST4, table);
	return 0;
}

/* The body of add and del: JOOL_A_PREFIX, changed into the table. */
static int change_denylist(struct genl_info *info,
			   int (*change)(const struct denylist *old,
					 const struct jool_prefix4 *p,
					 struct denylist **out,
					 enum jool_cfg_err *why))
{
	struct denylist_change c = {
		.attr = info->attrs[JOOL_A_PREFIX],
		.change = change,
	};

	return jool_nl_update(info, &denylist_scope, apply_change, &c);
}

/* The number of JOOL_A_PREFIX attributes of the request. */
static unsigned int count_prefixes(struct genl_info *info)
{
	const struct nlattr *attr;
	unsigned int n = 0;
	int rem;

	nla_for_each_attr(attr, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem) {
		if (nla_type(attr) == JOOL_A_PREFIX)
			n++;
	}
	return n;
}

/*
 * Every prefix of the request, each checked on its own (its extended ack
 * names it), appended to @v, which holds the @old ones first.
 */
static int collect_added(struct genl_info *info, const struct denylist *old,
			 struct jool_prefix4 *v, unsigned int *n,
			 struct netlink_ext_ack *extack)
{
	const struct nlattr *attr;
	enum jool_cfg_err why;
	int rem, err;

	nla_for_each_attr(attr, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem) {
		if (nla_type(attr) != JOOL_A_PREFIX)
			continue;
		memset(&v[*n], 0, sizeof(v[*n]));
		err = jool_nla_get_prefix4(attr, &v[*n], extack);
		if (err)
			return err;
		why = jool_denylist_validate(&v[*n]);
		if (!why && jool_denylist_find(old, &v[*n]))
			why = JOOL_CFG_DENY_DUP;
		if (why) {
			jool_nl_cfg_err(extack, attr, why);
			return why == JOOL_CFG_DENY_DUP ? -EEXIST : -EINVAL;
		}
		(*n)++;
	}
	return 0;
}

/* A prefix of a request and its place among the request's prefixes. */
struct placed {
	struct jool_prefix4 p;
	unsigned int i;
};

static int cmp_placed(const void *va, const void *vb)
{
	const struct placed *a = va, *b = vb;
	u32 x = ntohl(a->p.addr), y = ntohl(b->p.addr);

	if (x != y)
		return x < y ? -1 : 1;
	if (a->p.len != b->p.len)
		return a->p.len < b->p.len ? -1 : 1;
	return a->i < b->i ? -1 : 1;
}

/*
 * The attribute of the second of two equal prefixes among the @n of the
 * request (@v), or NULL (no memory; none).
 */
static const struct nlattr *second_of_twice(struct genl_info *info,
					    const struct jool_prefix4 *v,
					    unsigned int n)
{
	const struct nlattr *attr, *found = NULL;
	unsigned int i, dup = n;
	struct placed *w;
	int rem;

	w = kvmalloc_array(n, sizeof(*w), GFP_KERNEL);
	if (!w)
		return NULL;
	for (i = 0; i < n; i++)
		w[i] = (struct placed){ .p = v[i], .i = i };
	sort(w, n, sizeof(*w), cmp_placed, NULL);
	for (i = 1; i < n; i++) {
		if (w[i].p.addr == w[i - 1].p.addr &&
		    w[i].p.len == w[i - 1].p.len && w[i].i < dup)
			dup = w[i].i;
	}
	kvfree(w);
	nla_for_each_attr(attr, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem) {
		if (nla_type(attr) == JOOL_A_PREFIX && !dup--) {
			found = attr;
			break;
		}
	}
	return found;
}

/**
 * jool_nl_denylist_added() - a new denylist4: @old plus a request's prefixes
 * @info: the request: its JOOL_A_PREFIX attributes, each checked on its
 *	own (the error names it)
 * @old: the list to add to (NULL: empty); not changed
 * @out: out: the new list, owned by the caller; NULL if the request has
 *	no prefix
 * @extack: for the error message
 *
 * The old prefixes and the new ones are built into a table at once. A
 * prefix given twice in the request is refused, its second attribute
 * named.
 *
 * Return: 0 or a negative errno.
 */
int jool_nl_denylist_added(struct genl_info *info, const struct denylist *old,
			   struct denylist **out,
			   struct netlink_ext_ack *extack)
{
	unsigned int i, n = 0, total, added = count_prefixes(info);
	enum jool_cfg_err why;
	struct jool_prefix4 *v;
	int err;

	*out = NULL;
	if (!added)
		return 0;
	total = jool_denylist_count(old) + added;
	if (total > DENYLIST_MAX_ENTRIES) {
		jool_nl_cfg_err(extack, NULL, JOOL_CFG_DENY_FULL);
		return -ENOSPC;
	}
	/* Charged to the sender's memory cgroup, like the table. */
	v = jool_range_alloc(total * sizeof(*v) + 1);
	if (!v)
		return -ENOMEM;
	for (i = 0; i < jool_denylist_count(old); i++)
		v[n++] = *jool_denylist_get(old, i);
	err = collect_added(info, old, v, &n, extack);
	if (err)
		goto out;
	*out = jool_denylist_build(v, n, &why);
	if (!*out) {
		err = why == JOOL_CFG_DENY_DUP ? -EEXIST : why ? -EINVAL :
		      -ENOMEM;
		if (why)
			jool_nl_cfg_err(extack, why != JOOL_CFG_DENY_DUP ? NULL :
					second_of_twice(info, v + n - added,
							added), why);
	}
out:
	jool_range_free(v);
	return err;
}

/* An addition of several prefixes. */
static int apply_add_many(const struct jool_device *jdev,
			  struct jool_config *cfg, void *arg,
			  struct netlink_ext_ack *extack)
{
	struct denylist *table;
	int err;

	err = jool_nl_denylist_added(arg, cfg->xlat.denylist4, &table, extack);
	if (!err)
		jool_config_set_table(cfg, JOOL_TABLE_DENYLIST4, table);
	return err;
}

/* One JOOL_A_PREFIX: inserted in place; several: built at once. */
int jool_nl_denylist_add(struct sk_buff *skb, struct genl_info *info)
{
	if (count_prefixes(info) <= 1)
		return change_denylist(info, jool_denylist_with_added);
	return jool_nl_update(info, &denylist_scope, apply_add_many, info);
}

int jool_nl_denylist_del(struct sk_buff *skb, struct genl_info *info)
{
	return change_denylist(info, jool_denylist_with_removed);
}

static unsigned int table_count(const struct jool_config *cfg)
{
	return jool_denylist_count(cfg->xlat.denylist4);
}

static int dump_entry(struct sk_buff *skb, const struct jool_config *cfg,
		      unsigned int i)
{
	return jool_nla_put_prefix4(skb, JOOL_A_PREFIX,
				    jool_denylist_get(cfg->xlat.denylist4, i));
}

/* One message per prefix: JOOL_A_IFINDEX, JOOL_A_PREFIX. */
const struct jool_nl_table jool_nl_denylist_table = {
	.scope = &denylist_scope,
	.table = JOOL_TABLE_DENYLIST4,
	.count = table_count,
	.put = dump_entry,
};
