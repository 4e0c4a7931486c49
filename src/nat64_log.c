// SPDX-License-Identifier: GPL-2.0
/*
 * NAT64 mapping logs: one generic netlink message per BIB entry or session
 * created or removed, or port block allocated or released, multicast to the family's "log" group in the
 * device's namespace (src/nat64_log.h).
 *
 * Called by bib.c (BIB entries, port blocks) and session.c from the data path (softirq) and from
 * requests (process context), after they dropped the bucket locks: the
 * message is allocated GFP_ATOMIC and sent with nothing held but RCU.
 * While the group has no member in the namespace (one bit test) nothing
 * is read or built, so the logs cost nothing until someone listens. An
 * event that cannot be allocated, or that a member's full receive buffer
 * refused, is counted (JOOL_STAT_NAT64_LOG_LOST); the member's socket
 * reports ENOBUFS on its next read. netlink_broadcast() reports the
 * latter only for members with NETLINK_BROADCAST_ERROR (joolctl sets it).
 */
#include <linux/timekeeping.h>
#include <net/genetlink.h>
#include "bib.h"
#include "config.h"
#include "nat64_log.h"
#include "netlink.h"
#include "stats.h"

/* The most an event takes, its device identity included. */
static size_t event_size(void)
{
	return nla_total_size(sizeof(u32)) +		/* JOOL_A_IFINDEX */
	       nla_total_size(IFNAMSIZ) +		/* JOOL_A_IFNAME */
	       nla_total_size(0) +			/* JOOL_A_LOG */
	       3 * nla_total_size(sizeof(u8)) +		/* TYPE, PROTO, REASON */
	       nla_total_size_64bit(sizeof(u64)) +	/* TIME */
	       nla_total_size(sizeof(struct in6_addr)) +
	       2 * nla_total_size(sizeof(__be32)) +	/* ADDR4, REMOTE4 */
	       3 * nla_total_size(sizeof(u16)) +	/* the ports */
	       nla_total_size(0);			/* STATIC */
}

/* Whether anyone may want an event of @type from @jdev. */
static bool wanted(struct jool_device *jdev, enum jool_log_type type)
{
	const struct jool_config *cfg;
	bool on;

	/* (The selftests' tables have no net device and no configuration.) */
	if (!jdev->dev ||
	    !genl_has_listeners(&jool_genl_family, dev_net(jdev->dev),
				JOOL_MCGRP_LOG))
		return false;
	rcu_read_lock();
	cfg = rcu_dereference(jdev->config);
	if (!cfg) {
		rcu_read_unlock();
		return false;
	}
	switch (type) {
	case JOOL_LOG_BIB_ADD:
	case JOOL_LOG_BIB_DEL:
		on = cfg->logging_bib;
		break;
	case JOOL_LOG_BLOCK_ADD:
	case JOOL_LOG_BLOCK_DEL:
		on = cfg->logging_blocks;
		break;
	default:
		on = cfg->logging_session;
	}
	rcu_read_unlock();
	return on;
}

/* What an event is about: a BIB entry, a session or a port block. */
struct log_subject {
	const struct jool_bib *bib;		/* or NULL: a block */
	const struct jool_session *s;		/* a session event */
	const struct jool_block_info *block;	/* a block event */
};

/* A port block's own attributes (after JOOL_LOG_TIME). */
static int put_block(struct sk_buff *skb, const struct jool_block_info *b)
{
	if (nla_put_u8(skb, JOOL_LOG_PROTO, b->proto) ||
	    nla_put_in6_addr(skb, JOOL_LOG_ADDR6, &b->addr6) ||
	    nla_put_in_addr(skb, JOOL_LOG_ADDR4, b->addr4) ||
	    nla_put_u16(skb, JOOL_LOG_PORT4, b->start) ||
	    nla_put_u16(skb, JOOL_LOG_PORT4_MAX, b->start + b->size - 1))
		return -EMSGSIZE;
	return 0;
}

/* The event's attributes. */
static int put_event(struct sk_buff *skb, struct jool_device *jdev,
		     enum jool_log_type type, const struct log_subject *sub,
		     enum jool_log_reason reason)
{
	const struct jool_bib *bib = sub->bib;
	const struct jool_session *s = sub->s;
	struct nlattr *nest;

	if (nla_put_u32(skb, JOOL_A_IFINDEX, jdev->dev->ifindex) ||
	    nla_put_string(skb, JOOL_A_IFNAME, jdev->dev->name))
		return -EMSGSIZE;
	nest = nla_nest_start(skb, JOOL_A_LOG);
	if (!nest ||
	    nla_put_u8(skb, JOOL_LOG_TYPE, type) ||
	    nla_put_u64_64bit(skb, JOOL_LOG_TIME, ktime_get_real_ns(),
			      JOOL_LOG_PAD))
		return -EMSGSIZE;
	if (sub->block) {
		if (put_block(skb, sub->block))
			return -EMSGSIZE;
	} else if (nla_put_u8(skb, JOOL_LOG_PROTO, bib->proto) ||
		   nla_put_in6_addr(skb, JOOL_LOG_ADDR6, &bib->addr6) ||
		   nla_put_u16(skb, JOOL_LOG_PORT6, bib->port6) ||
		   nla_put_in_addr(skb, JOOL_LOG_ADDR4, bib->addr4) ||
		   nla_put_u16(skb, JOOL_LOG_PORT4, bib->port4)) {
		return -EMSGSIZE;
	}
	if (s && (nla_put_in_addr(skb, JOOL_LOG_REMOTE4, s->remote4) ||
		  nla_put_u16(skb, JOOL_LOG_RPORT4, s->rport4)))
		return -EMSGSIZE;
	if (reason && nla_put_u8(skb, JOOL_LOG_REASON, reason))
		return -EMSGSIZE;
	if (bib && !s && READ_ONCE(bib->is_static) &&
	    nla_put_flag(skb, JOOL_LOG_STATIC))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* The one sender of every event. */
static void emit(struct jool_device *jdev, enum jool_log_type type,
		 const struct log_subject *sub, enum jool_log_reason reason)
{
	struct sk_buff *skb;
	void *hdr;
	int err;

	if (!wanted(jdev, type))
		return;
	skb = genlmsg_new(event_size(), GFP_ATOMIC);
	if (!skb)
		goto lost;
	hdr = genlmsg_put(skb, 0, 0, &jool_genl_family, 0, JOOL_CMD_LOG_EVENT);
	if (!hdr || put_event(skb, jdev, type, sub, reason)) {
		/* event_size() is the most: cannot happen. */
		nlmsg_free(skb);
		goto lost;
	}
	genlmsg_end(skb, hdr);
	err = genlmsg_multicast_netns(&jool_genl_family, dev_net(jdev->dev),
				      skb, 0, JOOL_MCGRP_LOG, GFP_ATOMIC);
	/* -ESRCH: the last member left since wanted(); nobody missed it. */
	if (!err || err == -ESRCH)
		return;
lost:
	jool_stats_inc(jdev, JOOL_STAT_NAT64_LOG_LOST);
}

/**
 * jool_log_bib() - log a BIB entry created or removed ("logging-bib")
 * @jdev: its device
 * @type: %JOOL_LOG_BIB_ADD or %JOOL_LOG_BIB_DEL
 * @bib: the entry (valid for the call)
 * @reason: why it went (%JOOL_LOG_BIB_DEL), else 0
 *
 * Any context but hard IRQ; no lock of the tables held.
 */
void jool_log_bib(struct jool_device *jdev, enum jool_log_type type,
		  const struct jool_bib *bib, enum jool_log_reason reason)
{
	struct log_subject sub = { .bib = bib };

	emit(jdev, type, &sub, reason);
}

/**
 * jool_log_session() - log a session created or removed ("logging-session")
 * @jdev: its device
 * @type: %JOOL_LOG_SESSION_ADD or %JOOL_LOG_SESSION_DEL
 * @s: the session (valid for the call, with its BIB entry)
 * @reason: why it went (%JOOL_LOG_SESSION_DEL), else 0
 *
 * As jool_log_bib().
 */
void jool_log_session(struct jool_device *jdev, enum jool_log_type type,
		      const struct jool_session *s,
		      enum jool_log_reason reason)
{
	struct log_subject sub = { .bib = s->bib, .s = s };

	emit(jdev, type, &sub, reason);
}

/**
 * jool_log_block() - log a port block allocated or released
 *	("logging-port-blocks")
 * @jdev: its device
 * @type: %JOOL_LOG_BLOCK_ADD or %JOOL_LOG_BLOCK_DEL
 * @b: the block (a copy: the block itself may be gone)
 * @reason: why it went (%JOOL_LOG_BLOCK_DEL: its last BIB entry's reason),
 *	else 0
 *
 * As jool_log_bib().
 */
void jool_log_block(struct jool_device *jdev, enum jool_log_type type,
		    const struct jool_block_info *b,
		    enum jool_log_reason reason)
{
	struct log_subject sub = { .block = b };

	emit(jdev, type, &sub, reason);
}
