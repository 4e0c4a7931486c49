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
extern const struct cmd_group eamt_group;

#endif /* JOOLCTL_EAMT_H */
