/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IPv4 SYNs a NAT64 device keeps for a simultaneous open (RFC 6146
 * 3.5.2.2): see syn_store.c.
 */
#ifndef _JOOL_SYN_STORE_H
#define _JOOL_SYN_STORE_H

#include <linux/list.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include "core/tuple.h"

struct jool_device;

/**
 * struct jool_syn_store - the stored IPv4 SYNs of a device
 * @lock: guards @list and @count
 * @list: the stored SYNs, oldest first (the order they expire in)
 * @count: how many
 */
struct jool_syn_store {
	spinlock_t lock;
	struct list_head list;
	u32 count;
};

void jool_syn_store_init(struct jool_syn_store *so);
int jool_syn_store_add(struct jool_syn_store *so, struct sk_buff *skb,
		       const struct jool_taddr4 *local,
		       const struct jool_taddr4 *remote, u32 max);
bool jool_syn_store_take(struct jool_syn_store *so,
			 const struct jool_taddr4 *local,
			 const struct jool_taddr4 *remote);
bool jool_syn_store_local(struct jool_syn_store *so,
			  const struct jool_taddr4 *remote,
			  bool (*usable)(const struct jool_taddr4 *, void *),
			  void *arg, struct jool_taddr4 *local);
void jool_syn_store_expire(struct jool_syn_store *so,
			   struct jool_device *jdev);
void jool_syn_store_flush(struct jool_syn_store *so);

#endif /* _JOOL_SYN_STORE_H */
