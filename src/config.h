/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_CONFIG_H
#define _JOOL_CONFIG_H

#include <linux/rcupdate.h>
#include <net/netlink.h>
#include "core/xlat.h"
#include "device.h"

/**
 * struct jool_config - one immutable snapshot of a device's configuration
 * @rcu: frees the snapshot after the packets that may still see it
 * @eamt_to_free: set when the snapshot is replaced: its EAM table, if the
 *	replacement does not share it (never read by the data path)
 * @denylist_to_free: the same for its denylist4
 * @enabled: "manually-enabled"; a disabled device drops everything
 * @logging_debug: "logging-debug"; log why packets are dropped
 * @xlat: what the translation core reads
 *
 * Never modified once published: writers copy, change, validate and swap
 * the copy in, so a packet always sees one consistent configuration.
 */
struct jool_config {
	struct rcu_head rcu;
	struct eamt *eamt_to_free;
	struct denylist *denylist_to_free;
	bool enabled;
	bool logging_debug;
	struct xlat_cfg xlat;
};

struct jool_config *jool_config_alloc(void);
struct jool_config *jool_config_dup(struct jool_device *jdev);
void jool_config_publish(struct jool_device *jdev, struct jool_config *new);
void jool_config_discard(struct jool_device *jdev, struct jool_config *cfg);
void jool_config_free(struct jool_config *cfg);

int jool_nla_get_prefix6(const struct nlattr *nest, struct jool_prefix6 *p,
			 struct netlink_ext_ack *extack);
int jool_nla_get_prefix4(const struct nlattr *nest, struct jool_prefix4 *p,
			 struct netlink_ext_ack *extack);
int jool_nla_put_prefix6(struct sk_buff *skb, int attrtype,
			 const struct jool_prefix6 *p);
int jool_nla_put_prefix4(struct sk_buff *skb, int attrtype,
			 const struct jool_prefix4 *p);
int jool_config_set_pool6(struct jool_config *cfg, const struct nlattr *nest,
			  struct netlink_ext_ack *extack);
int jool_config_set_globals(struct jool_config *cfg,
			    const struct nlattr *nest,
			    struct netlink_ext_ack *extack);
int jool_nla_put_pool6(struct sk_buff *skb, int attrtype,
		       const struct jool_config *cfg);
size_t jool_nla_pool6_size(void);
int jool_nla_put_globals(struct sk_buff *skb, const struct jool_config *cfg);
size_t jool_nla_globals_size(void);

extern const struct nla_policy jool_prefix_policy[JOOL_PREFIX_MAX + 1];
extern const struct nla_policy jool_globals_policy[JOOL_GLOBAL_MAX + 1];

#endif /* _JOOL_CONFIG_H */
