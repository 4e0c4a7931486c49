/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV denylist4 ...": the IPv4 prefixes pool6 must not translate.
 */
#ifndef JOOLCTL_DENYLIST_H
#define JOOLCTL_DENYLIST_H

#include "cmd.h"

extern const struct cmd_group denylist_group;

#endif /* JOOLCTL_DENYLIST_H */
