/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_CONFIG_H
#define _JOOL_CONFIG_H

#include <linux/bits.h>
#include <linux/rcupdate.h>
#include <net/netlink.h>
#include "core/xlat.h"
#include "device.h"

/* Which modes something (a global, a command) applies to. */
#define JOOL_MODES_SIIT		BIT(JOOL_MODE_SIIT)
#define JOOL_MODES_NAT64	BIT(JOOL_MODE_NAT64)
#define JOOL_MODES_ALL		(JOOL_MODES_SIIT | JOOL_MODES_NAT64)

/* The tables of a snapshot that dumps walk, each with its generation. */
enum jool_table {
	JOOL_TABLE_EAMT,
	JOOL_TABLE_DENYLIST4,
	JOOL_TABLE_POOL4,
	JOOL_TABLES
};

/**
 * struct jool_config - one immutable snapshot of a device's configuration
 * @rcu: frees the snapshot after the packets that may still see it
 * @eamt_to_free: set when the snapshot is replaced: its EAM table, if the
 *	replacement does not share it (never read by the data path)
 * @denylist_to_free: the same for its denylist4
 * @pool4_to_free: the same for its pool4
 * @enabled: "manually-enabled"; a disabled device drops everything
 * @logging_debug: "logging-debug"; log why packets are dropped
 * @logging_bib: "logging-bib"; multicast BIB events (nat64_log.c)
 * @logging_session: "logging-session"; multicast session events
 * @logging_blocks: "logging-port-blocks"; multicast port block events
 * @gen: per &enum jool_table, changes (never to 0) with every new version
 *	of the table; dumps compare it across their messages to detect a
 *	table that changed under them. Set before the snapshot is published,
 *	so a dump reads a table and its generation from one place.
 * @serial: unique among the device's snapshots (set when published):
 *	what was learnt with one snapshot is known stale with another
 * @xlat: what the translation core reads
 *
 * Never modified once published: writers copy, change, validate and swap
 * the copy in (jool_config_update()), so a packet always sees one
 * consistent configuration.
 */
struct jool_config {
	struct rcu_head rcu;
	struct eamt *eamt_to_free;
	struct denylist *denylist_to_free;
	struct pool4 *pool4_to_free;
	bool enabled;
	bool logging_debug;
	bool logging_bib;
	bool logging_session;
	bool logging_blocks;
	unsigned int gen[JOOL_TABLES];
	u64 serial;
	struct xlat_cfg xlat;
};

/*
 * A change to @cfg, a copy of @jdev's snapshot: returns 0 to publish the
 * copy, a negative errno to discard it, or JOOL_CONFIG_UNCHANGED to discard
 * it and succeed.
 */
typedef int (*jool_config_apply_t)(const struct jool_device *jdev,
				   struct jool_config *cfg, void *arg,
				   struct netlink_ext_ack *extack);
#define JOOL_CONFIG_UNCHANGED 1

struct jool_config *jool_config_alloc(void);
void jool_config_free(struct jool_config *cfg);
int jool_config_update(struct jool_device *jdev, jool_config_apply_t apply,
		       void *arg, struct netlink_ext_ack *extack);
int jool_config_update_locked(struct jool_device *jdev,
			      jool_config_apply_t apply,
			      jool_config_apply_t stage, void *arg,
			      struct netlink_ext_ack *extack);
int jool_config_pool6_frozen(const struct jool_device *jdev,
			     const struct jool_config *cfg,
			     const struct nlattr *attr,
			     struct netlink_ext_ack *extack);
void jool_config_reset_globals(struct jool_config *cfg);
void jool_config_set_table(struct jool_config *cfg, enum jool_table table,
			   void *t);
void jool_config_publish(struct jool_device *jdev, struct jool_config *new);

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
int jool_config_set_globals(struct jool_config *cfg, enum jool_mode mode,
			    const struct nlattr *nest,
			    struct netlink_ext_ack *extack);
int jool_nla_put_pool6(struct sk_buff *skb, int attrtype,
		       const struct jool_config *cfg);
size_t jool_nla_pool6_size(void);
int jool_nla_put_globals(struct sk_buff *skb, enum jool_mode mode,
			 const struct jool_config *cfg);
size_t jool_nla_globals_size(void);

/* Module parameter test_short_timeouts: tests only, see config.c. */
extern bool jool_test_short_timeouts;

extern const struct nla_policy jool_prefix_policy[JOOL_PREFIX_MAX + 1];
extern const struct nla_policy jool_globals_policy[JOOL_GLOBAL_MAX + 1];

#endif /* _JOOL_CONFIG_H */
