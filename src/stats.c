// SPDX-License-Identifier: GPL-2.0
/*
 * Per-reason counters: why packets were translated or dropped. One u64 per
 * reason per CPU, incremented without atomics, summed when read.
 */
#include "stats.h"

u64 __percpu *jool_stats_alloc(void)
{
	return __alloc_percpu_gfp(sizeof(u64) * (JOOL_STAT_MAX + 1),
				  __alignof__(u64), GFP_KERNEL);
}

void jool_stats_free(u64 __percpu *stats)
{
	free_percpu(stats);
}

/**
 * jool_stats_sum() - add up the counters of every CPU
 * @jdev: the device
 * @sums: out: JOOL_STAT_MAX + 1 counters
 *
 * A counter being incremented concurrently may be read before or after the
 * increment; the total is never torn on 64-bit kernels, the only ones
 * Debian's amd64 build targets.
 */
void jool_stats_sum(const struct jool_device *jdev, u64 *sums)
{
	unsigned int cpu, i;

	memset(sums, 0, sizeof(u64) * (JOOL_STAT_MAX + 1));
	for_each_possible_cpu(cpu) {
		const u64 *c = per_cpu_ptr(jdev->stats, cpu);

		for (i = 0; i <= JOOL_STAT_MAX; i++)
			sums[i] += READ_ONCE(c[i]);
	}
}
