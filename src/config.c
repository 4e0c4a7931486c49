// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration snapshots: build, validate, publish with RCU, and convert to
 * and from netlink attributes (shared by rtnetlink and generic netlink).
 *
 * Writers (process context) take jool_device.lock, duplicate the current
 * snapshot, apply and validate every change on the copy, and only then swap
 * it in; on any error the copy is freed and nothing changed. The data path
 * reads the snapshot under RCU without locks.
 */
#include <linux/slab.h>
#include "config.h"

const struct nla_policy jool_prefix_policy[JOOL_PREFIX_MAX + 1] = {
	[JOOL_PREFIX_ADDR] = { .type = NLA_BINARY,
			       .len = sizeof(struct in6_addr) },
	[JOOL_PREFIX_LEN] = { .type = NLA_U8 },
};

const struct nla_policy jool_globals_policy[JOOL_GLOBAL_MAX + 1] = {
	[JOOL_GLOBAL_POOL6] = NLA_POLICY_NESTED(jool_prefix_policy),
	[JOOL_GLOBAL_ENABLED] = NLA_POLICY_MAX(NLA_U8, 1),
	[JOOL_GLOBAL_ZEROIZE_TC] = NLA_POLICY_MAX(NLA_U8, 1),
	[JOOL_GLOBAL_OVERRIDE_TOS] = NLA_POLICY_MAX(NLA_U8, 1),
	[JOOL_GLOBAL_TOS] = { .type = NLA_U8 },
	[JOOL_GLOBAL_AMEND_UDP_CSUM0] = NLA_POLICY_MAX(NLA_U8, 1),
};

/**
 * jool_config_alloc() - a new device's default configuration
 *
 * Return: the snapshot, or NULL without memory.
 */
struct jool_config *jool_config_alloc(void)
{
	struct jool_config *cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);

	if (cfg)
		cfg->enabled = true;
	return cfg;
}

/**
 * jool_config_dup() - copy the current snapshot, to be changed and published
 * @jdev: the device; the caller holds @jdev->lock
 *
 * Return: the copy, or NULL without memory.
 */
struct jool_config *jool_config_dup(struct jool_device *jdev)
{
	const struct jool_config *cur;

	cur = rcu_dereference_protected(jdev->config,
					lockdep_is_held(&jdev->lock));
	return kmemdup(cur, sizeof(*cur), GFP_KERNEL);
}

/**
 * jool_config_publish() - make @new the configuration packets see
 * @jdev: the device; the caller holds @jdev->lock
 * @new: a validated snapshot; owned by @jdev from now on
 *
 * The old snapshot is freed once no packet can be reading it.
 */
void jool_config_publish(struct jool_device *jdev, struct jool_config *new)
{
	struct jool_config *old;

	old = rcu_replace_pointer(jdev->config, new,
				  lockdep_is_held(&jdev->lock));
	if (old)
		kfree_rcu(old, rcu);
}

void jool_config_free(struct jool_config *cfg)
{
	kfree(cfg);
}

/**
 * jool_config_set_pool6() - set or unset pool6 from a prefix nest
 * @cfg: an unpublished snapshot
 * @nest: JOOL_PREFIX_ADDR and JOOL_PREFIX_LEN, or empty to unset
 * @extack: for the error message
 *
 * Return: 0, or -EINVAL with a message in @extack.
 */
int jool_config_set_pool6(struct jool_config *cfg, const struct nlattr *nest,
			  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[JOOL_PREFIX_MAX + 1];
	struct jool_prefix6 prefix;
	const char *why;
	int err;

	if (!nla_len(nest)) {
		cfg->xlat.pool6_set = false;
		memset(&cfg->xlat.pool6, 0, sizeof(cfg->xlat.pool6));
		return 0;
	}
	err = nla_parse_nested(tb, JOOL_PREFIX_MAX, nest, jool_prefix_policy,
			       extack);
	if (err)
		return err;
	if (!tb[JOOL_PREFIX_ADDR] || !tb[JOOL_PREFIX_LEN]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "pool6 needs both an address and a length");
		return -EINVAL;
	}
	if (nla_len(tb[JOOL_PREFIX_ADDR]) != sizeof(struct in6_addr)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[JOOL_PREFIX_ADDR],
				    "pool6 must be an IPv6 prefix");
		return -EINVAL;
	}
	nla_memcpy(&prefix.addr, tb[JOOL_PREFIX_ADDR], sizeof(prefix.addr));
	prefix.len = nla_get_u8(tb[JOOL_PREFIX_LEN]);
	why = rfc6052_validate(&prefix);
	if (why) {
		/* NL_SET_ERR_MSG_ATTR() wants a literal; @why is a static string. */
		if (extack) {
			extack->_msg = why;
			extack->bad_attr = nest;
		}
		return -EINVAL;
	}
	cfg->xlat.pool6 = prefix;
	cfg->xlat.pool6_set = true;
	return 0;
}

/**
 * jool_config_set_globals() - apply a JOOL_A_GLOBALS nest to a snapshot
 * @cfg: an unpublished snapshot
 * @nest: the globals to change
 * @extack: for the error message
 *
 * Return: 0 or a negative errno with a message in @extack; @cfg may be
 * partially changed on error and must then be discarded.
 */
int jool_config_set_globals(struct jool_config *cfg,
			    const struct nlattr *nest,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[JOOL_GLOBAL_MAX + 1];
	int err;

	err = nla_parse_nested(tb, JOOL_GLOBAL_MAX, nest, jool_globals_policy,
			       extack);
	if (err)
		return err;
	if (tb[JOOL_GLOBAL_POOL6]) {
		err = jool_config_set_pool6(cfg, tb[JOOL_GLOBAL_POOL6], extack);
		if (err)
			return err;
	}
	if (tb[JOOL_GLOBAL_ENABLED])
		cfg->enabled = nla_get_u8(tb[JOOL_GLOBAL_ENABLED]);
	if (tb[JOOL_GLOBAL_ZEROIZE_TC])
		cfg->xlat.zeroize_tc = nla_get_u8(tb[JOOL_GLOBAL_ZEROIZE_TC]);
	if (tb[JOOL_GLOBAL_OVERRIDE_TOS])
		cfg->xlat.override_tos = nla_get_u8(tb[JOOL_GLOBAL_OVERRIDE_TOS]);
	if (tb[JOOL_GLOBAL_TOS])
		cfg->xlat.tos = nla_get_u8(tb[JOOL_GLOBAL_TOS]);
	if (tb[JOOL_GLOBAL_AMEND_UDP_CSUM0])
		cfg->xlat.amend_udp_csum0 =
			nla_get_u8(tb[JOOL_GLOBAL_AMEND_UDP_CSUM0]);
	return 0;
}

size_t jool_nla_pool6_size(void)
{
	return nla_total_size(0) +
	       nla_total_size(sizeof(struct in6_addr)) +
	       nla_total_size(sizeof(u8));
}

/**
 * jool_nla_put_pool6() - write pool6 as a prefix nest (empty if unset)
 * @skb: the message
 * @attrtype: the nest's attribute type
 * @cfg: the snapshot
 *
 * Return: 0 or -EMSGSIZE.
 */
int jool_nla_put_pool6(struct sk_buff *skb, int attrtype,
		       const struct jool_config *cfg)
{
	struct nlattr *nest = nla_nest_start(skb, attrtype);

	if (!nest)
		return -EMSGSIZE;
	if (cfg->xlat.pool6_set &&
	    (nla_put_in6_addr(skb, JOOL_PREFIX_ADDR, &cfg->xlat.pool6.addr) ||
	     nla_put_u8(skb, JOOL_PREFIX_LEN, cfg->xlat.pool6.len))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

size_t jool_nla_globals_size(void)
{
	/* pool6, then five u8 globals */
	return nla_total_size(0) + jool_nla_pool6_size() +
	       5 * nla_total_size(sizeof(u8));
}

/**
 * jool_nla_put_globals() - write every global as a JOOL_A_GLOBALS nest
 * @skb: the message
 * @cfg: the snapshot
 *
 * Return: 0 or -EMSGSIZE.
 */
int jool_nla_put_globals(struct sk_buff *skb, const struct jool_config *cfg)
{
	struct nlattr *nest = nla_nest_start(skb, JOOL_A_GLOBALS);

	if (!nest)
		return -EMSGSIZE;
	if (jool_nla_put_pool6(skb, JOOL_GLOBAL_POOL6, cfg) ||
	    nla_put_u8(skb, JOOL_GLOBAL_ENABLED, cfg->enabled) ||
	    nla_put_u8(skb, JOOL_GLOBAL_ZEROIZE_TC, cfg->xlat.zeroize_tc) ||
	    nla_put_u8(skb, JOOL_GLOBAL_OVERRIDE_TOS, cfg->xlat.override_tos) ||
	    nla_put_u8(skb, JOOL_GLOBAL_TOS, cfg->xlat.tos) ||
	    nla_put_u8(skb, JOOL_GLOBAL_AMEND_UDP_CSUM0,
		       cfg->xlat.amend_udp_csum0)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}
