// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "jool_netdev": the control plane joolctl
 * talks to. The protocol is documented in include/uapi/jool_netdev.h.
 *
 * Every operation, reads included, needs CAP_NET_ADMIN over the network
 * namespace of the requesting socket (GENL_UNS_ADMIN_PERM, so a container
 * manages its own devices), and only sees devices of that namespace. The
 * counters are the exception: anyone in the namespace may read them, as
 * "ip -s link" and "ethtool -S" (Jool allows it too).
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include "bib.h"
#include "config.h"
#include "device.h"
#include "nat64_log.h"
#include "netlink.h"
#include "stats.h"

struct genl_family jool_genl_family;

static const struct nla_policy jool_policy[JOOL_A_MAX + 1] = {
	[JOOL_A_IFINDEX] = { .type = NLA_U32 },
	[JOOL_A_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[JOOL_A_MODE] = NLA_POLICY_MAX(NLA_U8, JOOL_MODE_MAX),
	[JOOL_A_GLOBALS] = NLA_POLICY_NESTED(jool_globals_policy),
	[JOOL_A_STATS] = { .type = NLA_NESTED },
	[JOOL_A_EAMT] = { .type = NLA_NESTED },
	[JOOL_A_EAMT_ENTRY] = NLA_POLICY_NESTED(jool_eam_policy),
	[JOOL_A_FORCE] = { .type = NLA_FLAG },
	[JOOL_A_PREFIX] = NLA_POLICY_NESTED(jool_prefix_policy),
	[JOOL_A_ADDRESS] = { .type = NLA_BINARY,
			     .len = sizeof(struct in6_addr) },
	[JOOL_A_POOL4] = { .type = NLA_NESTED },
	[JOOL_A_POOL4_ENTRY] = NLA_POLICY_NESTED(jool_pool4_policy),
	[JOOL_A_QUICK] = { .type = NLA_FLAG },
	[JOOL_A_BIB_ENTRY] = NLA_POLICY_NESTED(jool_bib_policy),
	[JOOL_A_SESSION_ENTRY] = NLA_POLICY_NESTED(jool_session_policy),
	[JOOL_A_REPLACE] = { .type = NLA_FLAG },
	[JOOL_A_PORT] = { .type = NLA_U16 },
};

const struct jool_nl_scope jool_nl_any_mode = {
	.modes = JOOL_MODES_ALL,
};

/* The jool device a request names, in @net; the caller holds RCU. */
static struct net_device *find_device(struct net *net, struct nlattr **attrs,
				      struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	if (attrs[JOOL_A_IFINDEX]) {
		dev = dev_get_by_index_rcu(net,
					   nla_get_u32(attrs[JOOL_A_IFINDEX]));
	} else if (attrs[JOOL_A_IFNAME]) {
		dev = dev_get_by_name_rcu(net, nla_data(attrs[JOOL_A_IFNAME]));
	} else {
		NL_SET_ERR_MSG(extack, "no device given");
		return ERR_PTR(-EINVAL);
	}
	if (!dev) {
		NL_SET_ERR_MSG(extack, "no such device");
		return ERR_PTR(-ENODEV);
	}
	if (dev->rtnl_link_ops != &jool_link_ops) {
		NL_SET_ERR_MSG(extack, "not a jool device");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return dev;
}

/* Whether @jdev is in @scope; if not, says so in @extack. */
static int check_scope(const struct jool_device *jdev,
		       const struct jool_nl_scope *scope,
		       struct netlink_ext_ack *extack)
{
	if (scope->modes & BIT(jdev->mode))
		return 0;
	scope->refuse(extack);
	return -EOPNOTSUPP;
}

/**
 * jool_nl_get_device() - resolve the device a request names
 * @net: the requesting socket's netns, the only one searched
 * @attrs: the request's attributes (JOOL_A_IFINDEX or JOOL_A_IFNAME)
 * @scope: the modes the command accepts
 * @extack: for the error message
 *
 * Return: the device, with a reference (jool_nl_put_device()), or an
 * ERR_PTR.
 */
struct jool_device *jool_nl_get_device(struct net *net,
					struct nlattr **attrs,
					const struct jool_nl_scope *scope,
					struct netlink_ext_ack *extack)
{
	struct jool_device *jdev;
	struct net_device *dev;
	int err;

	rcu_read_lock();
	dev = find_device(net, attrs, extack);
	if (!IS_ERR(dev))
		dev_hold(dev);
	rcu_read_unlock();
	if (IS_ERR(dev))
		return ERR_CAST(dev);
	jdev = netdev_priv(dev);
	err = check_scope(jdev, scope, extack);
	if (err) {
		dev_put(dev);
		return ERR_PTR(err);
	}
	return jdev;
}

/**
 * jool_nl_put_device() - drop the reference of jool_nl_get_device()
 * @jdev: the device
 */
void jool_nl_put_device(struct jool_device *jdev)
{
	dev_put(jdev->dev);
}

/**
 * jool_nl_update() - the body of a command that changes the configuration
 * @info: the request
 * @scope: the modes the command accepts
 * @apply: the change (see jool_config_update())
 * @arg: passed to @apply
 *
 * Return: 0 or a negative errno, with a message in @info->extack.
 */
int jool_nl_update(struct genl_info *info, const struct jool_nl_scope *scope,
		   jool_config_apply_t apply, void *arg)
{
	struct jool_device *jdev;
	int err;

	jdev = jool_nl_get_device(genl_info_net(info), info->attrs, scope,
				  info->extack);
	if (IS_ERR(jdev))
		return PTR_ERR(jdev);
	err = jool_config_update(jdev, apply, arg, info->extack);
	jool_nl_put_device(jdev);
	return err;
}

static int put_device_id(struct sk_buff *skb, const struct net_device *dev)
{
	if (nla_put_u32(skb, JOOL_A_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, JOOL_A_IFNAME, dev->name))
		return -EMSGSIZE;
	return 0;
}

/**
 * jool_nl_reply() - the body of a command that answers about a device
 * @info: the request
 * @scope: the modes the command accepts
 * @payload: the most @fill writes
 * @fill: writes the answer after the device's JOOL_A_IFINDEX and
 *	JOOL_A_IFNAME
 *
 * Return: 0 or a negative errno, with a message in @info->extack.
 */
int jool_nl_reply(struct genl_info *info, const struct jool_nl_scope *scope,
		  size_t payload, jool_nl_fill_t fill)
{
	struct jool_device *jdev;
	struct sk_buff *msg;
	void *hdr;
	int err;

	jdev = jool_nl_get_device(genl_info_net(info), info->attrs, scope,
				  info->extack);
	if (IS_ERR(jdev))
		return PTR_ERR(jdev);
	err = -ENOMEM;
	payload += nla_total_size(sizeof(u32)) + nla_total_size(IFNAMSIZ);
	msg = genlmsg_new(payload, GFP_KERNEL);
	if (!msg)
		goto out;
	hdr = genlmsg_put_reply(msg, info, &jool_genl_family, 0,
				info->genlhdr->cmd);
	err = -EMSGSIZE;
	if (hdr && !put_device_id(msg, jdev->dev))
		err = fill(msg, jdev, info);
	if (err) {
		nlmsg_free(msg);
		goto out;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
out:
	jool_nl_put_device(jdev);
	return err;
}

/* ---- Table dumps ---- */

/*
 * The dump cursor, in netlink_callback.ctx. It holds no reference: the
 * device is looked up again by index, in the dumping socket's netns (the
 * one .start found it in; a jool device never changes netns), by every
 * call, so an unfinished dump does not hold up its deletion.
 */
struct dump_ctx {
	int ifindex;
	unsigned int next;
};

#define DUMP_CTX(cb) ((struct dump_ctx *)(cb)->ctx)

/* The table a dump or flush command works on. */
static const struct jool_nl_table *const tables[JOOL_CMD_MAX + 1] = {
	[JOOL_CMD_EAMT_FLUSH] = &jool_nl_eamt_table,
	[JOOL_CMD_EAMT_GET] = &jool_nl_eamt_table,
	[JOOL_CMD_DENYLIST4_FLUSH] = &jool_nl_denylist_table,
	[JOOL_CMD_DENYLIST4_GET] = &jool_nl_denylist_table,
	[JOOL_CMD_POOL4_FLUSH] = &jool_nl_pool4_table,
	[JOOL_CMD_POOL4_GET] = &jool_nl_pool4_table,
};

/**
 * jool_nl_apply_flush() - the change of a flush command (jool_config_apply_t)
 * @jdev: the device
 * @cfg: the copy of its configuration
 * @arg: the table, a const struct jool_nl_table
 * @extack: unused
 *
 * Return: 0, or JOOL_CONFIG_UNCHANGED if the table is already empty.
 */
int jool_nl_apply_flush(const struct jool_device *jdev, struct jool_config *cfg,
			void *arg, struct netlink_ext_ack *extack)
{
	const struct jool_nl_table *t = arg;

	/* Already empty: a new snapshot would only disturb dumps. */
	if (!t->count(cfg))
		return JOOL_CONFIG_UNCHANGED;
	jool_config_set_table(cfg, t->table, NULL);
	return 0;
}

/**
 * jool_nl_flush() - .doit of every table's flush command
 * @skb: the request
 * @info: the request, parsed
 *
 * Return: 0 or a negative errno, with a message in @info->extack.
 */
int jool_nl_flush(struct sk_buff *skb, struct genl_info *info)
{
	const struct jool_nl_table *t = tables[info->genlhdr->cmd];

	return jool_nl_update(info, t->scope, jool_nl_apply_flush, (void *)t);
}

/**
 * jool_nl_dump_start() - .start of every table dump: find the device
 * @cb: the dump
 *
 * Return: 0 or a negative errno.
 */
int jool_nl_dump_start(struct netlink_callback *cb)
{
	struct dump_ctx *ctx = DUMP_CTX(cb);
	struct net_device *dev;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));
	rcu_read_lock();
	dev = find_device(sock_net(cb->skb->sk), jool_dump_attrs(cb),
			  cb->extack);
	if (!IS_ERR(dev))
		ctx->ifindex = dev->ifindex;
	rcu_read_unlock();
	ctx->next = 0;
	/*
	 * The kernel gives .start no extack to write to (6.1), so a device
	 * of the wrong mode is refused by the first dump call, whose message
	 * reaches the user in NLMSG_DONE.
	 */
	return PTR_ERR_OR_ZERO(dev);
}

/**
 * jool_nl_dump_put() - start a dump message: header and JOOL_A_IFINDEX
 * @skb: the dump's buffer
 * @cb: the dump
 * @ifindex: the device
 *
 * Return: the header (for genlmsg_end() or genlmsg_cancel()), or NULL if
 * @skb is full (and left as it was).
 */
void *jool_nl_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
		       int ifindex)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &jool_genl_family, NLM_F_MULTI,
			  genl_dumpit_info(cb)->op.cmd);
	if (!hdr)
		return NULL;
	genl_dump_check_consistent(cb, hdr);
	if (nla_put_u32(skb, JOOL_A_IFINDEX, ifindex)) {
		genlmsg_cancel(skb, hdr);
		return NULL;
	}
	return hdr;
}

/*
 * One message from the cursor on: one entry, or as many as fit in one
 * list. Return: 0, or -EMSGSIZE if not even one entry fits.
 */
static int dump_msg(struct sk_buff *skb, struct netlink_callback *cb,
		    const struct jool_nl_table *t,
		    const struct jool_config *cfg, unsigned int count)
{
	struct dump_ctx *ctx = DUMP_CTX(cb);
	unsigned int start = ctx->next;
	struct nlattr *list = NULL;
	void *hdr;

	hdr = jool_nl_dump_put(skb, cb, ctx->ifindex);
	if (!hdr)
		return -EMSGSIZE;
	if (t->list_attr) {
		list = nla_nest_start(skb, t->list_attr);
		if (!list)
			goto cancel;
	}
	do {
		if (t->put(skb, cfg, ctx->next))
			break;
		ctx->next++;
	} while (list && ctx->next < count);
	if (ctx->next == start)
		goto cancel;
	if (list)
		nla_nest_end(skb, list);
	genlmsg_end(skb, hdr);
	return 0;

cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/**
 * jool_nl_dump_device() - the device a dump works on, again
 * @cb: the dump
 * @ifindex: the device's index (found by .start)
 * @scope: the modes the dump accepts
 *
 * Call under rcu_read_lock(); the device is valid until it is released.
 *
 * Return: the device, or an ERR_PTR (-ENODEV if it went away), with a
 * message in @cb->extack.
 */
struct jool_device *jool_nl_dump_device(struct netlink_callback *cb,
					int ifindex,
					const struct jool_nl_scope *scope)
{
	struct net_device *dev;
	int err;

	dev = dev_get_by_index_rcu(sock_net(cb->skb->sk), ifindex);
	if (!dev || dev->rtnl_link_ops != &jool_link_ops) {
		NL_SET_ERR_MSG(cb->extack, "the device went away");
		return ERR_PTR(-ENODEV);
	}
	err = check_scope(netdev_priv(dev), scope, cb->extack);
	return err ? ERR_PTR(err) : netdev_priv(dev);
}

/**
 * jool_nl_dump() - .dumpit of every table dump
 * @skb: where the messages go
 * @cb: the dump
 *
 * As many messages as fit, resumed by index. The index is only meaningful
 * in the table it came from: cb->seq carries the table's generation (read
 * from the same snapshot as the table), and genl_dump_check_consistent()
 * flags the messages NLM_F_DUMP_INTR if the table changed since the dump
 * started.
 *
 * Return: the length of @skb, 0 when done, or a negative errno (-ENODEV
 * if the device went away).
 */
int jool_nl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct jool_nl_table *t =
		tables[genl_dumpit_info(cb)->op.cmd];
	struct dump_ctx *ctx = DUMP_CTX(cb);
	unsigned int count, first = ctx->next;
	const struct jool_config *cfg;
	struct jool_device *jdev;
	int err = 0;

	rcu_read_lock();
	jdev = jool_nl_dump_device(cb, ctx->ifindex, t->scope);
	if (IS_ERR(jdev)) {
		err = PTR_ERR(jdev);
		goto out;
	}
	cfg = rcu_dereference(jdev->config);
	cb->seq = cfg->gen[t->table];
	count = t->count(cfg);
	while (!err && ctx->next < count)
		err = dump_msg(skb, cb, t, cfg, count);
	/* Not even one message fits: cannot happen with a page. */
	if (ctx->next > first)
		err = 0;
out:
	rcu_read_unlock();
	return err ?: skb->len;
}

/* ---- Device-wide commands ---- */

static int fill_device(struct sk_buff *msg, struct jool_device *jdev,
		       struct genl_info *info)
{
	int err;

	/* The state lives as long as the device (the caller's reference). */
	if (jdev->state &&
	    (nla_put_u32(msg, JOOL_A_MAX_SESSIONS,
			 jool_state_max_sessions(jdev->state)) ||
	     nla_put_u32(msg, JOOL_A_SESSION_COUNT,
			 jool_state_sessions(jdev->state))))
		return -EMSGSIZE;
	rcu_read_lock();
	err = nla_put_u8(msg, JOOL_A_MODE, jdev->mode) ?:
	      jool_nla_put_globals(msg, jdev->mode,
				   rcu_dereference(jdev->config));
	rcu_read_unlock();
	return err;
}

static int jool_get_device(struct sk_buff *skb, struct genl_info *info)
{
	return jool_nl_reply(info, &jool_nl_any_mode,
			     nla_total_size(sizeof(u8)) +
			     2 * nla_total_size(sizeof(u32)) +
			     jool_nla_globals_size(), fill_device);
}

static int apply_globals(const struct jool_device *jdev,
			 struct jool_config *cfg, void *nest,
			 struct netlink_ext_ack *extack)
{
	return jool_config_set_globals(cfg, jdev->mode, nest, extack);
}

static int jool_set_globals(struct sk_buff *skb, struct genl_info *info)
{
	if (!info->attrs[JOOL_A_GLOBALS]) {
		NL_SET_ERR_MSG(info->extack, "no globals given");
		return -EINVAL;
	}
	return jool_nl_update(info, &jool_nl_any_mode, apply_globals,
			      info->attrs[JOOL_A_GLOBALS]);
}

static int fill_stats(struct sk_buff *msg, struct jool_device *jdev,
		      struct genl_info *info)
{
	u64 sums[JOOL_STAT_MAX + 1];
	struct nlattr *nest;
	unsigned int i;

	jool_stats_sum(jdev, sums);
	nest = nla_nest_start(msg, JOOL_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 1; i <= JOOL_STAT_MAX; i++) {
		if (nla_put_u64_64bit(msg, i, sums[i], JOOL_STAT_UNSPEC))
			return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int jool_get_stats(struct sk_buff *skb, struct genl_info *info)
{
	return jool_nl_reply(info, &jool_nl_any_mode, nla_total_size(0) +
			     JOOL_STAT_MAX * nla_total_size_64bit(sizeof(u64)),
			     fill_stats);
}

static const struct genl_ops jool_genl_ops[] = {
	{
		.cmd = JOOL_CMD_GET_DEVICE,
		.doit = jool_get_device,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_SET_GLOBALS,
		.doit = jool_set_globals,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_GET_STATS,
		.doit = jool_get_stats,
	},
	{
		.cmd = JOOL_CMD_EAMT_ADD,
		.doit = jool_nl_eamt_add,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_EAMT_DEL,
		.doit = jool_nl_eamt_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_EAMT_FLUSH,
		.doit = jool_nl_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_EAMT_GET,
		.start = jool_nl_dump_start,
		.dumpit = jool_nl_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_DENYLIST4_ADD,
		.doit = jool_nl_denylist_add,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_DENYLIST4_DEL,
		.doit = jool_nl_denylist_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_DENYLIST4_FLUSH,
		.doit = jool_nl_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_DENYLIST4_GET,
		.start = jool_nl_dump_start,
		.dumpit = jool_nl_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_ADDRESS_QUERY,
		.doit = jool_nl_address_query,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_POOL4_ADD,
		.doit = jool_nl_pool4_change,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_POOL4_DEL,
		.doit = jool_nl_pool4_change,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_POOL4_FLUSH,
		.doit = jool_nl_pool4_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_POOL4_GET,
		.start = jool_nl_dump_start,
		.dumpit = jool_nl_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_BIB_ADD,
		.doit = jool_nl_bib_change,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_BIB_DEL,
		.doit = jool_nl_bib_change,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_BIB_GET,
		.start = jool_nl_state_start,
		.dumpit = jool_nl_state_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_SESSION_GET,
		.start = jool_nl_state_start,
		.dumpit = jool_nl_state_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_SET_CONFIG,
		.doit = jool_nl_set_config,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

/* In the order of enum jool_mcgrp. */
static const struct genl_multicast_group jool_mcgrps[] = {
	/* Mapping logs name subscribers: as private as a BIB dump. */
	[JOOL_MCGRP_LOG] = { .name = JOOL_GENL_MCGRP_LOG,
			     .flags = GENL_MCAST_CAP_NET_ADMIN },
};

struct genl_family jool_genl_family __ro_after_init = {
	.name = JOOL_GENL_NAME,
	.version = JOOL_GENL_VERSION,
	.maxattr = JOOL_A_MAX,
	.policy = jool_policy,
	.netnsok = true,
	/*
	 * Without genl_mutex, which every generic netlink family shares: a
	 * slow table rebuild on one device holds up that device's writers
	 * (jool_device.lock), not every genetlink user of the machine.
	 * Nothing here needs genl_mutex: devices are found under RCU and
	 * held by reference, writers take the device's lock, readers and
	 * dumps read an RCU snapshot, a dump's cursor is its own, and
	 * genl_unregister_family() still waits for requests in flight.
	 * docs/design.md, "Configuration memory and time".
	 */
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = jool_genl_ops,
	.n_ops = ARRAY_SIZE(jool_genl_ops),
	.mcgrps = jool_mcgrps,
	.n_mcgrps = ARRAY_SIZE(jool_mcgrps),
};

int __init jool_genl_init(void)
{
	return genl_register_family(&jool_genl_family);
}

void jool_genl_uninit(void)
{
	genl_unregister_family(&jool_genl_family);
}
