// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "jool_netdev": the control plane joolctl
 * talks to. The protocol is documented in include/uapi/jool_netdev.h.
 *
 * Every operation, reads included, needs CAP_NET_ADMIN over the network
 * namespace of the requesting socket (GENL_UNS_ADMIN_PERM, so a container
 * manages its own devices), and only sees devices of that namespace.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include "config.h"
#include "device.h"
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
};

/**
 * jool_nl_lookup() - resolve the device a request names
 * @net: the requesting socket's netns
 * @attrs: the request's attributes
 * @extack: for the error message
 *
 * Return: the device, with a reference, or an ERR_PTR.
 */
struct net_device *jool_nl_lookup(struct net *net, struct nlattr **attrs,
				  struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	if (attrs[JOOL_A_IFINDEX]) {
		dev = dev_get_by_index(net, nla_get_u32(attrs[JOOL_A_IFINDEX]));
	} else if (attrs[JOOL_A_IFNAME]) {
		dev = dev_get_by_name(net, nla_data(attrs[JOOL_A_IFNAME]));
	} else {
		NL_SET_ERR_MSG(extack, "no device given");
		return ERR_PTR(-EINVAL);
	}
	if (!dev) {
		NL_SET_ERR_MSG(extack, "no such device");
		return ERR_PTR(-ENODEV);
	}
	if (dev->rtnl_link_ops != &jool_link_ops) {
		dev_put(dev);
		NL_SET_ERR_MSG(extack, "not a jool device");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return dev;
}

static struct net_device *lookup_device(struct genl_info *info)
{
	return jool_nl_lookup(genl_info_net(info), info->attrs, info->extack);
}

static int put_device_id(struct sk_buff *skb, const struct net_device *dev)
{
	if (nla_put_u32(skb, JOOL_A_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, JOOL_A_IFNAME, dev->name))
		return -EMSGSIZE;
	return 0;
}

/* Allocates a reply and writes the header and the device's identity. */
static struct sk_buff *reply_start(struct genl_info *info,
				   const struct net_device *dev,
				   size_t payload, void **hdr)
{
	struct sk_buff *msg;

	payload += nla_total_size(sizeof(u32)) + nla_total_size(IFNAMSIZ);
	msg = genlmsg_new(payload, GFP_KERNEL);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put_reply(msg, info, &jool_genl_family, 0,
				 info->genlhdr->cmd);
	if (!*hdr || put_device_id(msg, dev)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static int jool_get_device(struct sk_buff *skb, struct genl_info *info)
{
	struct net_device *dev = lookup_device(info);
	struct jool_device *jdev;
	struct sk_buff *msg;
	void *hdr;
	int err;

	if (IS_ERR(dev))
		return PTR_ERR(dev);
	jdev = netdev_priv(dev);

	err = -ENOMEM;
	msg = reply_start(info, dev, nla_total_size(sizeof(u8)) +
			  jool_nla_globals_size(), &hdr);
	if (!msg)
		goto out;
	rcu_read_lock();
	err = nla_put_u8(msg, JOOL_A_MODE, jdev->mode) ?:
	      jool_nla_put_globals(msg, rcu_dereference(jdev->config));
	rcu_read_unlock();
	if (err) {
		nlmsg_free(msg);
		goto out;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
out:
	dev_put(dev);
	return err;
}

static int jool_set_globals(struct sk_buff *skb, struct genl_info *info)
{
	struct net_device *dev;
	struct jool_device *jdev;
	struct jool_config *cfg;
	int err;

	if (!info->attrs[JOOL_A_GLOBALS]) {
		NL_SET_ERR_MSG(info->extack, "no globals given");
		return -EINVAL;
	}
	dev = lookup_device(info);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	jdev = netdev_priv(dev);

	mutex_lock(&jdev->lock);
	err = -ENOMEM;
	cfg = jool_config_dup(jdev);
	if (!cfg)
		goto out;
	err = jool_config_set_globals(cfg, info->attrs[JOOL_A_GLOBALS],
				      info->extack);
	if (err) {
		jool_config_discard(jdev, cfg);
		goto out;
	}
	jool_config_publish(jdev, cfg);
out:
	mutex_unlock(&jdev->lock);
	dev_put(dev);
	return err;
}

static int jool_get_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct net_device *dev = lookup_device(info);
	u64 sums[JOOL_STAT_MAX + 1];
	struct nlattr *nest;
	struct sk_buff *msg;
	unsigned int i;
	void *hdr;
	int err;

	if (IS_ERR(dev))
		return PTR_ERR(dev);
	jool_stats_sum(netdev_priv(dev), sums);

	err = -ENOMEM;
	msg = reply_start(info, dev, nla_total_size(0) +
			  JOOL_STAT_MAX * nla_total_size_64bit(sizeof(u64)),
			  &hdr);
	if (!msg)
		goto out;
	err = -EMSGSIZE;
	nest = nla_nest_start(msg, JOOL_A_STATS);
	if (!nest)
		goto err_free;
	for (i = 1; i <= JOOL_STAT_MAX; i++) {
		if (nla_put_u64_64bit(msg, i, sums[i], JOOL_STAT_UNSPEC))
			goto err_free;
	}
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
	goto out;

err_free:
	nlmsg_free(msg);
out:
	dev_put(dev);
	return err;
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
		.flags = GENL_UNS_ADMIN_PERM,
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
		.doit = jool_nl_eamt_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_EAMT_GET,
		.start = jool_nl_eamt_dump_start,
		.dumpit = jool_nl_eamt_dump,
		.done = jool_nl_eamt_dump_done,
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
		.doit = jool_nl_denylist_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_DENYLIST4_GET,
		.start = jool_nl_denylist_dump_start,
		.dumpit = jool_nl_denylist_dump,
		.done = jool_nl_denylist_dump_done,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = JOOL_CMD_ADDRESS_QUERY,
		.doit = jool_nl_address_query,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

struct genl_family jool_genl_family __ro_after_init = {
	.name = JOOL_GENL_NAME,
	.version = JOOL_GENL_VERSION,
	.maxattr = JOOL_A_MAX,
	.policy = jool_policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = jool_genl_ops,
	.n_ops = ARRAY_SIZE(jool_genl_ops),
};

int __init jool_genl_init(void)
{
	return genl_register_family(&jool_genl_family);
}

void jool_genl_uninit(void)
{
	genl_unregister_family(&jool_genl_family);
}
