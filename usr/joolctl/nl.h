/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Talking to the jool_netdev generic netlink family: one request, one reply
 * (or just an ack), or a dump; the kernel's extended-ack message is reported
 * as is.
 */
#ifndef JOOLCTL_NL_H
#define JOOLCTL_NL_H

#include <netlink/attr.h>
#include <netlink/msg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <uapi/jool_netdev.h>

#include "prefix.h"

struct jnl {
	struct nl_sock *sk;
	int family;
};

/*
 * Handles the attributes of a reply (indexed by JOOL_A_*, already checked
 * against the reply policy). Returns 0, or -1 if the reply makes no sense.
 */
typedef int (*jnl_reply_fn)(struct nlattr **tb, void *arg);

/*
 * Adds the attributes of a request after JOOL_A_IFNAME, from @req.
 * Returns 0, or -1 if the message is out of room (or memory).
 */
typedef int (*jnl_build_fn)(struct nl_msg *msg, const void *req);

/* How a request failed, for callers that word the report themselves. */
struct jnl_status {
	int error;		/* positive errno from the kernel, or 0 */
	int nlerr;		/* libnl error (negative), or 0 */
	bool bad_reply;		/* a reply made no sense */
	bool intr;		/* a dump carried NLM_F_DUMP_INTR */
	char extack[256];	/* the kernel's message, or "" */
	bool has_offset;	/* the kernel named the attribute at fault: */
	uint32_t offset;	/* its offset in the request (from nlmsghdr) */
};

/* How often a dump interrupted by a change of the table is redone. */
#define JNL_DUMP_TRIES	8

int jnl_open(struct jnl *nl);
int jnl_reserve(struct jnl *nl, size_t size);
void jnl_close(struct jnl *nl);
struct nl_msg *jnl_request(struct jnl *nl, uint8_t cmd, const char *ifname);
struct nl_msg *jnl_request_size(struct jnl *nl, uint8_t cmd, int flags,
				const char *ifname, size_t size);
int jnl_transact(struct jnl *nl, struct nl_msg *msg, const char *ifname,
		 jnl_reply_fn fn, void *arg);
int jnl_exchange(struct jnl *nl, struct nl_msg *msg, jnl_reply_fn fn,
		 void *arg, struct jnl_status *st);
void jnl_status_text(const struct jnl_status *st, char *buf, size_t size);
int jnl_dump(struct jnl *nl, uint8_t cmd, const char *ifname,
	     jnl_reply_fn fn, void (*restart)(void *arg), void *arg);
int jnl_dump_req(struct jnl *nl, uint8_t cmd, const char *ifname,
		 jnl_build_fn build, const void *req, jnl_reply_fn fn,
		 void (*restart)(void *arg), void *arg);

int jnl_do(const char *ifname, uint8_t cmd, jnl_build_fn build,
	   const void *req, jnl_reply_fn fn, void *arg);
int jnl_do_dump(const char *ifname, uint8_t cmd, jnl_reply_fn fn,
		void (*restart)(void *arg), void *arg);
int jnl_do_dump_req(const char *ifname, uint8_t cmd, jnl_build_fn build,
		    const void *req, jnl_reply_fn fn,
		    void (*restart)(void *arg), void *arg);

int jnl_put_prefix(struct nl_msg *msg, int attr, const struct prefix *p);
int jnl_get_prefix(struct nlattr *attr, struct prefix *p);

#endif /* JOOLCTL_NL_H */
