/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Talking to the jool_netdev generic netlink family: one request, one reply
 * (or just an ack), with the kernel's extended-ack message reported as is.
 */
#ifndef JOOLCTL_NL_H
#define JOOLCTL_NL_H

#include <netlink/attr.h>
#include <netlink/msg.h>
#include <stdint.h>

#include <uapi/jool_netdev.h>

struct jnl {
	struct nl_sock *sk;
	int family;
};

/*
 * Handles the attributes of a reply (indexed by JOOL_A_*, already checked
 * against the reply policy). Returns 0, or -1 if the reply makes no sense.
 */
typedef int (*jnl_reply_fn)(struct nlattr **tb, void *arg);

int jnl_open(struct jnl *nl);
void jnl_close(struct jnl *nl);
struct nl_msg *jnl_request(struct jnl *nl, uint8_t cmd, const char *ifname);
int jnl_transact(struct jnl *nl, struct nl_msg *msg, const char *ifname,
		 jnl_reply_fn fn, void *arg);

#endif /* JOOLCTL_NL_H */
