/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV eamt ...": the Explicit Address Mapping Table (RFC 7757).
 */
#ifndef JOOLCTL_EAMT_H
#define JOOLCTL_EAMT_H

#include <stddef.h>

#include "cmd.h"
#include "nl.h"

int eamt_count(const char *dev, size_t *count);
int eamt_prefixes(const char *dev, int family, struct prefix **out,
		  size_t *n);
int eamt_pairs(const char *dev, struct prefix **p6, struct prefix **p4,
	       size_t *n);
int eamt_parse_add(const char *verb, int argc, char **argv, struct prefix *p6,
		   struct prefix *p4, bool *force);
int eamt_put_entry(struct nl_msg *msg, const struct prefix *p6,
		   const struct prefix *p4);
size_t eamt_entries_per_list(void);

extern const struct cmd_group eamt_group;

#endif /* JOOLCTL_EAMT_H */
