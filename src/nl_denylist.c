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

/* The dump cursor, in netlink_callback.ctx. */
struct denylist_dump_ctx {
	struct net_device *dev;
	unsigned int next;
};

#define DUMP_CTX(cb) ((struct denylist_dump_ctx *)(cb)->ctx)

/* Resolves the device and refuses NAT64 ones. */
static struct net_device *lookup_siit(struct net *net, struct nlattr **attrs,
				      struct netlink_ext_ack *extack)
{
	struct net_device *dev = jool_nl_lookup(net, attrs, extack);

	if (IS_ERR(dev))
		return dev;
	if (((struct jool_device *)netdev_priv(dev))->mode != JOOL_MODE_SIIT) {
		dev_put(dev);
		NL_SET_ERR_MSG(extack, "denylist4 is for SIIT devices only");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return dev;
}

static const struct denylist *current_denylist(struct jool_device *jdev)
{
	return rcu_dereference_protected(jdev->config,
					 lockdep_is_held(&jdev->lock))->xlat.denylist4;
}

/* Publishes @table (owned by the new snapshot from now on). */
static int publish_denylist(struct jool_device *jdev, struct denylist *table)
{
	struct jool_config *cfg = jool_config_dup(jdev);

	if (!cfg) {
		denylist_free(table);
		return -ENOMEM;
	}
	cfg->xlat.denylist4 = table;
	jool_config_publish(jdev, cfg);
	jdev->denylist_gen++;
	return 0;
}

/*
 * The body of add and del: parse JOOL_A_PREFIX, compute the new table
 * with @change, publish it.
 */
static int change_denylist(struct genl_info *info,
			   int (*change)(const struct denylist *old,
					 const struct jool_prefix4 *p,
					 struct denylist **out,
					 enum jool_cfg_err *why))
{
	struct nlattr *attr = info->attrs[JOOL_A_PREFIX];
	struct jool_prefix4 prefix;
	struct jool_device *jdev;
	struct denylist *table;
	struct net_device *dev;
	enum jool_cfg_err why;
	int err;

	if (!attr) {
		NL_SET_ERR_MSG(info->extack, "no prefix given");
		return -EINVAL;
	}
	dev = lookup_siit(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	jdev = netdev_priv(dev);
	memset(&prefix, 0, sizeof(prefix));
	err = jool_nla_get_prefix4(attr, &prefix, info->extack);
	if (err)
		goto out;

	mutex_lock(&jdev->lock);
	why = JOOL_CFG_OK;
	err = change(current_denylist(jdev), &prefix, &table, &why);
	if (!err)
		err = publish_denylist(jdev, table);
	mutex_unlock(&jdev->lock);
	if (err && why)
		jool_nl_cfg_err(info->extack, attr, why);
out:
	dev_put(dev);
	return err;
}

int jool_nl_denylist_add(struct sk_buff *skb, struct genl_info *info)
{
	return change_denylist(info, denylist_with_added);
}

int jool_nl_denylist_del(struct sk_buff *skb, struct genl_info *info)
{
	return change_denylist(info, denylist_with_removed);
}

int jool_nl_denylist_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct jool_device *jdev;
	struct net_device *dev;
	int err;

	dev = lookup_siit(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	jdev = netdev_priv(dev);
	mutex_lock(&jdev->lock);
	err = publish_denylist(jdev, NULL);
	mutex_unlock(&jdev->lock);
	dev_put(dev);
	return err;
}

int jool_nl_denylist_dump_start(struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct denylist_dump_ctx *ctx = DUMP_CTX(cb);
	struct net_device *dev;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));
	dev = lookup_siit(sock_net(cb->skb->sk), info->attrs, cb->extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	ctx->dev = dev;
	ctx->next = 0;
	return 0;
}

/*
 * One netlink message per prefix, as many as fit in @skb per call,
 * resumed by index; cb->seq carries the list's generation so that
 * genl_dump_check_consistent() flags a list that changed since the dump
 * started (NLM_F_DUMP_INTR).
 */
int jool_nl_denylist_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct denylist_dump_ctx *ctx = DUMP_CTX(cb);
	struct jool_device *jdev = netdev_priv(ctx->dev);
	const struct denylist *table;
	unsigned int count, start = ctx->next;
	void *hdr;

	rcu_read_lock();
	cb->seq = READ_ONCE(jdev->denylist_gen);
	table = rcu_dereference(jdev->config)->xlat.denylist4;
	count = denylist_count(table);
	for (; ctx->next < count; ctx->next++) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &jool_genl_family,
				  NLM_F_MULTI, JOOL_CMD_DENYLIST4_GET);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (nla_put_u32(skb, JOOL_A_IFINDEX, ctx->dev->ifindex) ||
		    jool_nla_put_prefix4(skb, JOOL_A_PREFIX,
					 denylist_get(table, ctx->next))) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	rcu_read_unlock();
	/* Not even one message fits: cannot happen with a page. */
	if (ctx->next < count && ctx->next == start)
		return -EMSGSIZE;
	return skb->len;
}

int jool_nl_denylist_dump_done(struct netlink_callback *cb)
{
	struct denylist_dump_ctx *ctx = DUMP_CTX(cb);

	if (ctx->dev)
		dev_put(ctx->dev);
	return 0;
}
