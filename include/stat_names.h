/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The names of the counters of enum jool_stat, as joolctl prints them and
 * as the module's debug log ("logging-debug") names drop reasons. Shared by
 * the module and joolctl; made from the list in uapi/jool_stats.h.
 */
#ifndef _JOOL_STAT_NAMES_H
#define _JOOL_STAT_NAMES_H

#include <uapi/jool_netdev.h>

static const char *const jool_stat_names[] = {
#define JOOL_STAT(name, text) [JOOL_STAT_##name] = #name,
#include <uapi/jool_stats.h>
#undef JOOL_STAT
};

#endif /* _JOOL_STAT_NAMES_H */
