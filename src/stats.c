// SPDX-License-Identifier: GPL-2.0
/*
 * Per-reason counters: why packets were translated or dropped. One u64 per
 * reason per CPU, incremented without atomics, summed when read.
 */
#include <linux/ctype.h>
#include <linux/ethtool.h>
#include <stat_names.h>
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

/*
 * "ethtool -S DEV": the same counters, for the standard tools (and for
 * users without CAP_NET_ADMIN, as ethtool reads statistics unprivileged).
 * Named as in joolctl's JSON, in lower case, with '_'.
 */
static void jool_get_drvinfo(struct net_device *dev,
			     struct ethtool_drvinfo *info)
{
	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->version, JOOL_VERSION, sizeof(info->version));
}

/* Counter 0 (JOOL_STAT_UNSPEC) counts nothing: not shown. */
static int jool_get_sset_count(struct net_device *dev, int sset)
{
	return sset == ETH_SS_STATS ? JOOL_STAT_MAX : -EOPNOTSUPP;
}

static void jool_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	unsigned int i;
	char *c;

	BUILD_BUG_ON(ARRAY_SIZE(jool_stat_names) != JOOL_STAT_MAX + 1);
	if (sset != ETH_SS_STATS)
		return;
	for (i = 1; i <= JOOL_STAT_MAX; i++, data += ETH_GSTRING_LEN) {
		strscpy(data, jool_stat_names[i], ETH_GSTRING_LEN);
		for (c = data; *c; c++)
			*c = tolower(*c);
	}
}

static void jool_get_ethtool_stats(struct net_device *dev,
				   struct ethtool_stats *stats, u64 *data)
{
	u64 sums[JOOL_STAT_MAX + 1];

	jool_stats_sum(netdev_priv(dev), sums);
	memcpy(data, &sums[1], JOOL_STAT_MAX * sizeof(*data));
}

const struct ethtool_ops jool_ethtool_ops = {
	.get_drvinfo = jool_get_drvinfo,
	.get_sset_count = jool_get_sset_count,
	.get_strings = jool_get_strings,
	.get_ethtool_stats = jool_get_ethtool_stats,
};
