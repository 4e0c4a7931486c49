/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_STATS_H
#define _JOOL_STATS_H

#include <linux/percpu.h>
#include "device.h"

u64 __percpu *jool_stats_alloc(void);
void jool_stats_free(u64 __percpu *stats);
void jool_stats_sum(const struct jool_device *jdev, u64 *sums);

extern const struct ethtool_ops jool_ethtool_ops;

/**
 * jool_stats_inc() - count one packet against a reason
 * @jdev: the device
 * @reason: an &enum jool_stat
 *
 * Lockless, per CPU; callable from any context with BH or preemption off
 * (it uses this_cpu_inc, which is safe either way).
 */
static inline void jool_stats_inc(struct jool_device *jdev,
				  enum jool_stat reason)
{
	this_cpu_inc(jdev->stats[reason]);
}

#endif /* _JOOL_STATS_H */
