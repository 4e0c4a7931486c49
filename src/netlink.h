/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_NETLINK_H
#define _JOOL_NETLINK_H

#include <uapi/jool_netdev.h>

#include <net/genetlink.h>

extern struct genl_family jool_genl_family;

struct net_device *jool_nl_lookup(struct net *net, struct nlattr **attrs,
				  struct netlink_ext_ack *extack);

/* EAMT commands (nl_eamt.c) */
extern const struct nla_policy jool_eam_policy[JOOL_EAM_MAX + 1];
int jool_nl_eamt_add(struct sk_buff *skb, struct genl_info *info);
int jool_nl_eamt_del(struct sk_buff *skb, struct genl_info *info);
int jool_nl_eamt_flush(struct sk_buff *skb, struct genl_info *info);
int jool_nl_eamt_dump_start(struct netlink_callback *cb);
int jool_nl_eamt_dump(struct sk_buff *skb, struct netlink_callback *cb);
int jool_nl_eamt_dump_done(struct netlink_callback *cb);

/* denylist4 commands (nl_denylist.c) */
int jool_nl_denylist_add(struct sk_buff *skb, struct genl_info *info);
int jool_nl_denylist_del(struct sk_buff *skb, struct genl_info *info);
int jool_nl_denylist_flush(struct sk_buff *skb, struct genl_info *info);
int jool_nl_denylist_dump_start(struct netlink_callback *cb);
int jool_nl_denylist_dump(struct sk_buff *skb, struct netlink_callback *cb);
int jool_nl_denylist_dump_done(struct netlink_callback *cb);

/* The address query (nl_query.c) */
int jool_nl_address_query(struct sk_buff *skb, struct genl_info *info);

int jool_genl_init(void);
void jool_genl_uninit(void);

#endif /* _JOOL_NETLINK_H */
