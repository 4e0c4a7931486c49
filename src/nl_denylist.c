// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink commands on denylist4 (SIIT): add, delete, flush, dump.
 *
 * Like the EAMT, the list in a configuration snapshot is immutable: every
 * change builds a new table (src/core/denylist.c) and publishes it in a
 * new snapshot.
 */
#include "core/denylist.h"
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

int jool_nl_denylist_add(struct sk_buff *skb, struct genl_info *info)
{
	return change_denylist(info, jool_denylist_with_added);
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
