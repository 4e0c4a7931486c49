/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-reason counters of a jool device (JOOL_CMD_GET_STATS).
 */
#ifndef JOOLCTL_STATS_H
#define JOOLCTL_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "cmd.h"
#include "json.h"
#include "nl.h"
#include "util.h"

/* Counters numbered beyond this (from a far newer module) are ignored. */
#define STATS_CAP	256

struct stats {
	uint64_t val[STATS_CAP];
	bool present[STATS_CAP];
};

int stats_fetch(const char *dev, struct stats *st);
bool stats_any_nonzero(const struct stats *st);
void stats_print_text(const struct stats *st, bool all, bool explain,
		      const char *indent);
void stats_print_json(struct json *j, const char *key, const struct stats *st,
		      bool all, bool explain);
extern const struct cmd_group stats_group;

#endif /* JOOLCTL_STATS_H */
