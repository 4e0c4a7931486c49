/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV denylist4 ...": IPv4 prefixes pool6 must not translate.
 */
#ifndef JOOLCTL_DENYLIST_H
#define JOOLCTL_DENYLIST_H

#include "util.h"

int cmd_denylist(const char *dev, int argc, char **argv, const struct opts *o);

#endif /* JOOLCTL_DENYLIST_H */
