// SPDX-License-Identifier: GPL-2.0
/*
 * JOOL_CMD_SET_CONFIG: a whole configuration (globals, EAMT, denylist4,
 * pool4, static BIB entries) in one request, applied as one snapshot.
 *
 * Everything is parsed and validated on a copy of the current snapshot
 * under the device's configuration lock; the copy is published once, so no
 * packet sees half of the change. Static BIB entries are not part of the
 * snapshot: they are checked against the new pool4 and the BIB before the
 * swap and added right after it, under the same lock. joolctl's setconf,
 * syncconf and addconf send it (usr/joolctl/conf.c).
 */
#include "core/denylist.h"
#include "core/pool4.h"
#include "bib.h"
#include "cfg_err.h"
#include "config.h"
#include "device.h"
#include "netlink.h"

/* The request, for the apply callback; @bib parsed beforehand. */
struct conf_req {
	struct genl_info *info;
	bool replace;
	const struct jool_nl_bib_set *bib;
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

/* The request's JOOL_A_PREFIX attributes added to @cfg's denylist4. */
static int apply_denylist(struct jool_config *cfg, struct genl_info *info,
			  struct netlink_ext_ack *extack)
{
	const struct denylist *base = cfg->xlat.denylist4;
	enum jool_cfg_err why = JOOL_CFG_OK;
	struct denylist *cur = NULL, *next;
	struct jool_prefix4 p;
	const struct nlattr *attr;
	int rem, err;

	nla_for_each_attr(attr, req_attrs(info), req_len(info), rem) {
		if (nla_type(attr) != JOOL_A_PREFIX)
			continue;
		memset(&p, 0, sizeof(p));
		err = jool_nla_get_prefix4(attr, &p, extack);
		if (!err) {
			err = jool_denylist_with_added(cur ? cur : base, &p,
						       &next, &why);
			if (err)
				jool_nl_cfg_err(extack, attr, why);
		}
		if (err) {
			jool_denylist_free(cur);
			return err;
		}
		jool_denylist_free(cur);
		cur = next;
	}
	if (cur)
		jool_config_set_table(cfg, JOOL_TABLE_DENYLIST4, cur);
	return 0;
}

/* The request's JOOL_A_POOL4_ENTRY attributes added to @cfg's pool4. */
static int apply_pool4(const struct jool_device *jdev, struct jool_config *cfg,
		       struct genl_info *info, struct netlink_ext_ack *extack)
{
	const struct pool4 *base = cfg->xlat.pool4;
	bool force = info->attrs[JOOL_A_FORCE];
	struct pool4 *cur = NULL, *next;
	const struct nlattr *attr;
	int rem, err;

	nla_for_each_attr(attr, req_attrs(info), req_len(info), rem) {
		if (nla_type(attr) != JOOL_A_POOL4_ENTRY)
			continue;
		err = jool_nl_pool4_added(jdev, cur ? cur : base, attr, force,
					  &next, extack);
		jool_pool4_free(cur);
		if (err)
			return err;
		cur = next;
	}
	if (cur)
		jool_config_set_table(cfg, JOOL_TABLE_POOL4, cur);
	return 0;
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
	if (info->attrs[JOOL_A_GLOBALS]) {
		err = jool_config_set_globals(cfg, jdev->mode,
					      info->attrs[JOOL_A_GLOBALS],
					      extack);
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
					    cfg->xlat.pool4, r->replace,
					    extack);
	return err;
}

/*
 * After the swap: the BIB loses what pool4 lost (and, with @r->replace,
 * the static entries the request lacks) and gains the request's.
 */
static int apply_bib(struct jool_device *jdev, const struct conf_req *r,
		     const struct pool4 *old_pool4)
{
	const struct jool_config *cfg;

	cfg = rcu_dereference_protected(jdev->config,
					lockdep_is_held(&jdev->lock));
	if (r->replace && cfg->xlat.pool4 != old_pool4) {
		/* No packet may still pick a port from the old pool4. */
		synchronize_rcu();
		jool_bib_purge(jdev->state, cfg->xlat.pool4, NULL);
	}
	return jool_nl_bib_set_apply(jdev, r->bib, r->replace,
				     r->info->extack);
}

/**
 * jool_nl_set_config() - .doit of JOOL_CMD_SET_CONFIG
 * @skb: the request
 * @info: the request, parsed (see include/uapi/jool_netdev.h)
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
	const struct pool4 *old_pool4;
	struct jool_device *jdev;
	int err;

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
	old_pool4 = rcu_dereference_protected(jdev->config,
					      lockdep_is_held(&jdev->lock))->xlat.pool4;
	err = jool_config_update_locked(jdev, apply_conf, &r, info->extack);
	/*
	 * Every entry was checked under this lock; what can still fail is
	 * memory, max-sessions, or a packet that made a dynamic BIB entry on
	 * a transport address of the request meanwhile (the data path takes
	 * no lock): reported, the snapshot already published.
	 */
	if (!err && jdev->state)
		err = apply_bib(jdev, &r, old_pool4);
	mutex_unlock(&jdev->lock);
	jool_nl_put_device(jdev);
	jool_nl_bib_set_free(bib);
	return err;
}
