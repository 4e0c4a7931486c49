/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV denylist4 ...": the IPv4 prefixes pool6 must not translate.
 */
#ifndef JOOLCTL_DENYLIST_H
#define JOOLCTL_DENYLIST_H

#include <stddef.h>

#include "cmd.h"
#include "prefix.h"

int denylist_parse(const char *verb, int argc, char **argv, struct prefix *p);
int denylist_fetch(const char *dev, struct prefix **v, size_t *n);

extern const struct cmd_group denylist_group;

#endif /* JOOLCTL_DENYLIST_H */
