// SPDX-License-Identifier: GPL-2.0
/*
 * JOOL_CMD_SET_CONFIG: a whole configuration (globals, EAMT, denylist4,
 * pool4, static BIB entries) in one request, applied as one snapshot.
 *
 * Everything is parsed and validated on a copy of the current snapshot
 * under the device's configuration lock; the copy is published once, so no
 * packet sees half of the change. Static BIB entries are not part of the
 * snapshot: they are checked against the new pool4 and the BIB, then
 * added just before the swap (and taken back if that fails), under the
 * same lock; after the swap, with JOOL_A_REPLACE, what the request drops
 * goes (nl_bib.c). Each table is built once per request. joolctl's
 * setconf, syncconf and addconf send it (usr/joolctl/conf.c).
 */
#include "core/denylist.h"
#include "core/pool4.h"
#include "bib.h"
#include "cfg_err.h"
#include "config.h"
#include "device.h"
#include "netlink.h"

/* The request, for the callbacks; @bib parsed beforehand. */
struct conf_req {
	struct genl_info *info;
	bool replace;
	struct jool_nl_bib_set *bib;
};

static struct nlattr *req_attrs(struct genl_info *info)
{
	return genlmsg_data(info->genlhdr);
}

static int req_len(struct genl_info *info)
{
	return genlmsg_len(info->genlhdr);
}

static bool has_attr(struct genl_info *info, int type)
{
	return nla_find(req_attrs(info), req_len(info), type);
}

/* A second top-level @type attribute (the first would be lost), or NULL. */
static const struct nlattr *twice(struct genl_info *info, int type)
{
	const struct nlattr *attr;
	bool seen = false;
	int rem;

	nla_for_each_attr(attr, req_attrs(info), req_len(info), rem) {
		if (nla_type(attr) != type)
			continue;
		if (seen)
			return attr;
		seen = true;
	}
	return NULL;
}

/* The request's JOOL_A_PREFIX attributes added to @cfg's denylist4. */
static int apply_denylist(struct jool_config *cfg, struct genl_info *info,
			  struct netlink_ext_ack *extack)
{
	struct denylist *table;
	int err;

	err = jool_nl_denylist_added(info, cfg->xlat.denylist4, &table, extack);
	if (!err && table)
		jool_config_set_table(cfg, JOOL_TABLE_DENYLIST4, table);
	return err;
}

/* The request's JOOL_A_POOL4_ENTRY attributes added to @cfg's pool4. */
static int apply_pool4(const struct jool_device *jdev, struct jool_config *cfg,
		       struct genl_info *info, struct netlink_ext_ack *extack)
{
	struct pool4 *table;
	int err;

	err = jool_nl_pool4_added(jdev, cfg->xlat.pool4, info, &table, extack);
	if (!err && table)
		jool_config_set_table(cfg, JOOL_TABLE_POOL4, table);
	return err;
}

/*
 * Builds the new snapshot on @cfg: with @replace, from the defaults and
 * empty tables; else from the current one.
 */
static int apply_conf(const struct jool_device *jdev, struct jool_config *cfg,
		      void *arg, struct netlink_ext_ack *extack)
{
	const struct conf_req *r = arg;
	struct genl_info *info = r->info;
	const struct nlattr *mode = info->attrs[JOOL_A_MODE];
	const struct nlattr *globals = info->attrs[JOOL_A_GLOBALS];
	struct eamt *eamt;
	int err;

	if (mode && nla_get_u8(mode) != jdev->mode) {
		NL_SET_ERR_MSG_ATTR(extack, mode,
				    "the configuration is for a device of another mode");
		return -EINVAL;
	}
	if (r->replace) {
		jool_config_reset_globals(cfg);
		if (cfg->xlat.eamt)
			jool_config_set_table(cfg, JOOL_TABLE_EAMT, NULL);
		if (cfg->xlat.denylist4)
			jool_config_set_table(cfg, JOOL_TABLE_DENYLIST4, NULL);
		if (cfg->xlat.pool4)
			jool_config_set_table(cfg, JOOL_TABLE_POOL4, NULL);
	}
	if (globals) {
		err = jool_config_set_globals(cfg, jdev->mode, globals, extack);
		if (err)
			return err;
	}
	if (has_attr(info, JOOL_A_EAMT) || has_attr(info, JOOL_A_PREFIX)) {
		if (jdev->mode != JOOL_MODE_SIIT) {
			NL_SET_ERR_MSG(extack,
				       "the EAMT and denylist4 are SIIT features; this is a NAT64 device");
			return -EOPNOTSUPP;
		}
	}
	if (has_attr(info, JOOL_A_POOL4_ENTRY) ||
	    has_attr(info, JOOL_A_BIB_ENTRY)) {
		if (jdev->mode != JOOL_MODE_NAT64) {
			NL_SET_ERR_MSG(extack,
				       "pool4 and the BIB are NAT64 features; this is a SIIT device");
			return -EOPNOTSUPP;
		}
	}
	if (has_attr(info, JOOL_A_EAMT)) {
		err = jool_nl_eamt_added(info, cfg->xlat.eamt, &eamt, extack);
		if (err)
			return err;
		jool_config_set_table(cfg, JOOL_TABLE_EAMT, eamt);
	}
	err = apply_denylist(cfg, info, extack);
	if (!err)
		err = apply_pool4(jdev, cfg, info, extack);
	/* jdev is the caller's, held and locked: only constified here. */
	if (!err && jdev->state)
		err = jool_nl_bib_set_check((struct jool_device *)jdev, r->bib,
					    cfg->xlat.pool4, extack);
	/*
	 * Last, as jool_config_update_locked() would check it, but here the
	 * attribute is known (NULL: unset by JOOL_A_REPLACE).
	 */
	if (!err)
		err = jool_config_pool6_frozen(jdev, cfg, globals ?
					       nla_find_nested(globals,
							       JOOL_GLOBAL_POOL6) :
					       NULL, extack);
	return err;
}

/*
 * The last step before the swap, once everything else was accepted: the
 * static BIB entries are added (undone if any fails).
 */
static int stage_conf(const struct jool_device *jdev, struct jool_config *cfg,
		      void *arg, struct netlink_ext_ack *extack)
{
	const struct conf_req *r = arg;

	if (!jdev->state)
		return 0;
	/* jdev is the caller's, held and locked: only constified here. */
	return jool_nl_bib_set_stage((struct jool_device *)jdev, r->bib,
				     extack);
}

/**
 * jool_nl_set_config() - .doit of JOOL_CMD_SET_CONFIG
 * @skb: the request
 * @info: the request, parsed (see include/uapi/jool_netdev.h)
 *
 * Everything that can fail happens before the new snapshot is published
 * (the static BIB entries are added last, and taken back if anything
 * fails); after it, only deletions, which cannot fail.
 *
 * Return: 0 or a negative errno, with a message (and the offending
 * attribute) in @info->extack.
 */
int jool_nl_set_config(struct sk_buff *skb, struct genl_info *info)
{
	struct conf_req r = {
		.info = info,
		.replace = info->attrs[JOOL_A_REPLACE],
	};
	struct jool_nl_bib_set *bib = NULL;
	struct jool_device *jdev;
	int err;

	if (twice(info, JOOL_A_GLOBALS)) {
		NL_SET_ERR_MSG_ATTR(info->extack, twice(info, JOOL_A_GLOBALS),
				    "JOOL_A_GLOBALS given twice");
		return -EINVAL;
	}
	if (twice(info, JOOL_A_MODE)) {
		NL_SET_ERR_MSG_ATTR(info->extack, twice(info, JOOL_A_MODE),
				    "JOOL_A_MODE given twice");
		return -EINVAL;
	}
	/* Parsed (and checked against each other) before any lock. */
	err = jool_nl_bib_set_parse(info, &bib, info->extack);
	if (err) {
		jool_nl_bib_set_free(bib);
		return err;
	}
	r.bib = bib;
	jdev = jool_nl_get_device(genl_info_net(info), info->attrs,
				  &jool_nl_any_mode, info->extack);
	if (IS_ERR(jdev)) {
		jool_nl_bib_set_free(bib);
		return PTR_ERR(jdev);
	}
	mutex_lock(&jdev->lock);
	err = jool_config_update_locked(jdev, apply_conf, stage_conf, &r,
					info->extack);
	if (!err && jdev->state)
		jool_nl_bib_set_commit(jdev, bib);
	mutex_unlock(&jdev->lock);
	jool_nl_put_device(jdev);
	jool_nl_bib_set_free(bib);
	return err;
}
