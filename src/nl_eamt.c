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
#include "cfg_err.h"
#include "config.h"
#include "netlink.h"

const struct nla_policy jool_eam_policy[JOOL_EAM_MAX + 1] = {
	[JOOL_EAM_PREFIX6] = NLA_POLICY_NESTED(jool_prefix_policy),
	[JOOL_EAM_PREFIX4] = NLA_POLICY_NESTED(jool_prefix_policy),
};

/* The dump cursor, in netlink_callback.ctx. */
struct eamt_dump_ctx {
	struct net_device *dev;
	unsigned int next;
	bool no_eamt;		/* NAT64: refused by the first dump call */
};

#define DUMP_CTX(cb) ((struct eamt_dump_ctx *)(cb)->ctx)

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
 * The device a request names, with a reference, if it has an EAMT: only
 * SIIT devices do (RFC 7757 extends SIIT; NAT64 has pool4 and the BIB).
 */
static struct net_device *eamt_lookup(struct net *net, struct nlattr **attrs,
				      struct netlink_ext_ack *extack)
{
	struct net_device *dev = jool_nl_lookup(net, attrs, extack);
	struct jool_device *jdev;

	if (IS_ERR(dev))
		return dev;
	jdev = netdev_priv(dev);
	if (jdev->mode != JOOL_MODE_SIIT) {
		dev_put(dev);
		NL_SET_ERR_MSG(extack,
			       "the EAMT is a SIIT feature; this is a NAT64 device");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return dev;
}

/*
 * Publishes @table (owned by the new snapshot from now on). The snapshot
 * carries the table's generation with it, so that a dump reads both from
 * one place; 0 is skipped because genl_dump_check_consistent() takes a
 * zero sequence for "not started".
 */
static int publish_eamt(struct jool_device *jdev, struct eamt *table)
{
	struct jool_config *cfg = jool_config_dup(jdev);

	if (!cfg) {
		eamt_free(table);
		return -ENOMEM;
	}
	cfg->xlat.eamt = table;
	if (!++cfg->eamt_gen)
		cfg->eamt_gen = 1;
	jool_config_publish(jdev, cfg);
	return 0;
}

static const struct eamt *current_eamt(struct jool_device *jdev)
{
	return rcu_dereference_protected(jdev->config,
					 lockdep_is_held(&jdev->lock))->xlat.eamt;
}

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
				NL_SET_ERR_MSG_ATTR(info->extack, attr,
						    "too many EAMT entries");
				return -EINVAL;
			}
			n++;
		}
	}
	if (!n) {
		NL_SET_ERR_MSG(info->extack, "no EAMT entries given");
		return -EINVAL;
	}
	entries = kvmalloc_array(n, sizeof(*entries), GFP_KERNEL);
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
	kvfree(entries);
	return err;
}

int jool_nl_eamt_add(struct sk_buff *skb, struct genl_info *info)
{
	struct eamt_entry *entries;
	struct jool_device *jdev;
	struct net_device *dev;
	struct eamt *table;
	unsigned int n, bad;
	enum jool_cfg_err why;
	int err;

	dev = eamt_lookup(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	jdev = netdev_priv(dev);
	err = collect_entries(info, &entries, &n);
	if (err)
		goto out_put;

	mutex_lock(&jdev->lock);
	why = JOOL_CFG_OK;
	bad = n;
	err = eamt_with_added(current_eamt(jdev), entries, n,
			      info->attrs[JOOL_A_FORCE], &table, &why, &bad);
	if (!err)
		err = publish_eamt(jdev, table);
	mutex_unlock(&jdev->lock);
	/* The offset of the culprit tells the sender which entry it was. */
	if (err && why)
		jool_nl_cfg_err(info->extack,
				(err == -EINVAL || err == -EEXIST) && bad < n ?
				nth_entry(info, bad) : NULL, why);
	kvfree(entries);
out_put:
	dev_put(dev);
	return err;
}

int jool_nl_eamt_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[JOOL_A_EAMT_ENTRY];
	struct jool_device *jdev;
	struct net_device *dev;
	struct eamt_entry e;
	struct eamt *table;
	bool has6, has4;
	enum jool_cfg_err why;
	int err;

	if (!attr) {
		NL_SET_ERR_MSG(info->extack, "no EAMT entry given");
		return -EINVAL;
	}
	dev = eamt_lookup(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	jdev = netdev_priv(dev);
	err = parse_entry(attr, &e, &has6, &has4, info->extack);
	if (err)
		goto out_put;
	if (!has6 && !has4) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "name the EAM by its IPv6 or IPv4 prefix");
		err = -EINVAL;
		goto out_put;
	}

	mutex_lock(&jdev->lock);
	why = JOOL_CFG_OK;
	err = eamt_with_removed(current_eamt(jdev), has4 ? &e.p4 : NULL,
				has6 ? &e.p6 : NULL, &table, &why);
	if (!err)
		err = publish_eamt(jdev, table);
	mutex_unlock(&jdev->lock);
	if (err && why)
		jool_nl_cfg_err(info->extack, NULL, why);
out_put:
	dev_put(dev);
	return err;
}

int jool_nl_eamt_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct jool_device *jdev;
	struct net_device *dev;
	int err;

	dev = eamt_lookup(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	jdev = netdev_priv(dev);
	mutex_lock(&jdev->lock);
	/* Already empty: a new snapshot would only disturb dumps. */
	err = eamt_count(current_eamt(jdev)) ? publish_eamt(jdev, NULL) : 0;
	mutex_unlock(&jdev->lock);
	dev_put(dev);
	return err;
}

int jool_nl_eamt_dump_start(struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct eamt_dump_ctx *ctx = DUMP_CTX(cb);
	struct net_device *dev;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));
	dev = jool_nl_lookup(sock_net(cb->skb->sk), info->attrs, cb->extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	ctx->dev = dev;
	ctx->next = 0;
	/*
	 * The kernel gives .start no extack to write to (6.1), so a NAT64
	 * device is refused by the first dump call, whose message reaches
	 * the user in NLMSG_DONE.
	 */
	ctx->no_eamt = ((struct jool_device *)netdev_priv(dev))->mode !=
		       JOOL_MODE_SIIT;
	return 0;
}

static int put_entry(struct sk_buff *skb, const struct eamt_entry *e)
{
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

/*
 * One message per call, resumed by index. The index is only meaningful in
 * the table it came from: cb->seq carries the table generation (read from
 * the same snapshot as the table), and
 * genl_dump_check_consistent() flags the message NLM_F_DUMP_INTR if the
 * table changed since the dump started.
 */
int jool_nl_eamt_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct eamt_dump_ctx *ctx = DUMP_CTX(cb);
	struct jool_device *jdev = netdev_priv(ctx->dev);
	const struct jool_config *cfg;
	const struct eamt *table;
	unsigned int count, start = ctx->next;
	struct nlattr *list;
	void *hdr;

	if (ctx->no_eamt) {
		NL_SET_ERR_MSG(cb->extack,
			       "the EAMT is a SIIT feature; this is a NAT64 device");
		return -EOPNOTSUPP;
	}
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &jool_genl_family, NLM_F_MULTI, JOOL_CMD_EAMT_GET);
	if (!hdr)
		return -EMSGSIZE;

	rcu_read_lock();
	cfg = rcu_dereference(jdev->config);
	cb->seq = cfg->eamt_gen;
	table = cfg->xlat.eamt;
	count = eamt_count(table);
	if (ctx->next >= count) {
		rcu_read_unlock();
		genlmsg_cancel(skb, hdr);
		return 0;
	}
	genl_dump_check_consistent(cb, hdr);
	if (nla_put_u32(skb, JOOL_A_IFINDEX, ctx->dev->ifindex))
		goto full;
	list = nla_nest_start(skb, JOOL_A_EAMT);
	if (!list)
		goto full;
	for (; ctx->next < count; ctx->next++) {
		if (put_entry(skb, eamt_get(table, ctx->next)))
			break;
	}
	rcu_read_unlock();
	if (ctx->next == start) {
		/* Not even one entry fits: cannot happen with a page. */
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, list);
	genlmsg_end(skb, hdr);
	return skb->len;

full:
	rcu_read_unlock();
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

int jool_nl_eamt_dump_done(struct netlink_callback *cb)
{
	struct eamt_dump_ctx *ctx = DUMP_CTX(cb);

	if (ctx->dev)
		dev_put(ctx->dev);
	return 0;
}
