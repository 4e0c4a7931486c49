/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_NETLINK_H
#define _JOOL_NETLINK_H

#include <uapi/jool_netdev.h>

#include <net/genetlink.h>
#include "config.h"

extern struct genl_family jool_genl_family;

/**
 * struct jool_nl_scope - the devices a command applies to
 * @modes: the JOOL_MODES_* it accepts
 * @refuse: sets the extack message for a device of another mode (with
 *	NL_SET_ERR_MSG(), so the message names the command's feature)
 */
struct jool_nl_scope {
	unsigned int modes;
	void (*refuse)(struct netlink_ext_ack *extack);
};

/*
 * Defines the scope @name of the modes @modes_ (JOOL_MODES_*), refused
 * with the string literal @msg.
 */
#define JOOL_NL_SCOPE(name, modes_, msg)				\
static void name##_refuse(struct netlink_ext_ack *extack)		\
{									\
	NL_SET_ERR_MSG(extack, msg);					\
}									\
static const struct jool_nl_scope name = {				\
	.modes = (modes_),						\
	.refuse = name##_refuse,					\
}

/* Commands that work on every device. */
extern const struct jool_nl_scope jool_nl_any_mode;

struct jool_device *jool_nl_get_device(struct net *net,
					struct nlattr **attrs,
					const struct jool_nl_scope *scope,
					struct netlink_ext_ack *extack);
void jool_nl_put_device(struct jool_device *jdev);

int jool_nl_update(struct genl_info *info, const struct jool_nl_scope *scope,
		   jool_config_apply_t apply, void *arg);

/* Writes the reply's payload; the device identity is already there. */
typedef int (*jool_nl_fill_t)(struct sk_buff *msg, struct jool_device *jdev,
			      struct genl_info *info);
int jool_nl_reply(struct genl_info *info, const struct jool_nl_scope *scope,
		  size_t payload, jool_nl_fill_t fill);

/**
 * struct jool_nl_table - a table of the snapshot, as its dump sees it
 * @scope: the devices that have the table
 * @table: which of the snapshot's tables (and generations) it is
 * @list_attr: 0 for a message per entry; else, each message holds as many
 *	entries as fit, in one nest of this attribute type
 * @count: how many entries the table has in @cfg
 * @put: writes entry @i of @cfg's table; on -EMSGSIZE it leaves @skb as
 *	it found it
 *
 * Every message of the dump starts with JOOL_A_IFINDEX.
 */
struct jool_nl_table {
	const struct jool_nl_scope *scope;
	enum jool_table table;
	int list_attr;
	unsigned int (*count)(const struct jool_config *cfg);
	int (*put)(struct sk_buff *skb, const struct jool_config *cfg,
		   unsigned int i);
};

/* The table commands every table has, found by command number. */
int jool_nl_dump_start(struct netlink_callback *cb);
int jool_nl_dump(struct sk_buff *skb, struct netlink_callback *cb);
void *jool_nl_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
		       int ifindex);
struct jool_device *jool_nl_dump_device(struct netlink_callback *cb,
					int ifindex,
					const struct jool_nl_scope *scope);
int jool_nl_flush(struct sk_buff *skb, struct genl_info *info);
int jool_nl_apply_flush(const struct jool_device *jdev, struct jool_config *cfg,
			void *arg, struct netlink_ext_ack *extack);

/* EAMT commands (nl_eamt.c) */
extern const struct nla_policy jool_eam_policy[JOOL_EAM_MAX + 1];
extern const struct jool_nl_table jool_nl_eamt_table;
int jool_nl_eamt_add(struct sk_buff *skb, struct genl_info *info);
int jool_nl_eamt_del(struct sk_buff *skb, struct genl_info *info);
struct eamt;
int jool_nl_eamt_added(struct genl_info *info, const struct eamt *base,
		       struct eamt **out, struct netlink_ext_ack *extack);

/* denylist4 commands (nl_denylist.c) */
extern const struct jool_nl_table jool_nl_denylist_table;
int jool_nl_denylist_add(struct sk_buff *skb, struct genl_info *info);
int jool_nl_denylist_del(struct sk_buff *skb, struct genl_info *info);
struct denylist;
int jool_nl_denylist_added(struct genl_info *info, const struct denylist *old,
			   struct denylist **out,
			   struct netlink_ext_ack *extack);

/* pool4 commands (nl_pool4.c) */
extern const struct nla_policy jool_pool4_policy[JOOL_POOL4_MAX + 1];
extern const struct jool_nl_table jool_nl_pool4_table;
int jool_nl_pool4_change(struct sk_buff *skb, struct genl_info *info);
struct pool4;
int jool_nl_pool4_added(const struct jool_device *jdev,
			const struct pool4 *base, struct genl_info *info,
			struct pool4 **out, struct netlink_ext_ack *extack);

/* BIB and session commands (nl_bib.c) */
extern const struct nla_policy jool_bib_policy[JOOL_BIB_MAX + 1];
extern const struct nla_policy jool_session_policy[JOOL_SESSION_MAX + 1];
int jool_nl_bib_change(struct sk_buff *skb, struct genl_info *info);
struct jool_nl_bib_set;
int jool_nl_bib_set_parse(struct genl_info *info,
			  struct jool_nl_bib_set **out,
			  struct netlink_ext_ack *extack);
int jool_nl_bib_set_check(struct jool_device *jdev,
			  struct jool_nl_bib_set *set,
			  const struct pool4 *pool4,
			  struct netlink_ext_ack *extack);
int jool_nl_bib_set_stage(struct jool_device *jdev,
			  struct jool_nl_bib_set *set,
			  struct netlink_ext_ack *extack);
void jool_nl_bib_set_commit(struct jool_device *jdev,
			    struct jool_nl_bib_set *set);
void jool_nl_bib_set_free(struct jool_nl_bib_set *set);
int jool_nl_set_config(struct sk_buff *skb, struct genl_info *info);
struct pool4_change;
void jool_nl_bib_purge(struct jool_device *jdev,
		       const struct pool4_change *removed);
int jool_nl_state_start(struct netlink_callback *cb);
int jool_nl_state_dump(struct sk_buff *skb, struct netlink_callback *cb);
int jool_nl_pool4_flush(struct sk_buff *skb, struct genl_info *info);

/* The address query (nl_query.c) */
int jool_nl_address_query(struct sk_buff *skb, struct genl_info *info);

int jool_genl_init(void);
void jool_genl_uninit(void);

#endif /* _JOOL_NETLINK_H */
