/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV address query ADDR": what an address translates to, and by
 * which rule.
 */
#ifndef JOOLCTL_QUERY_H
#define JOOLCTL_QUERY_H

#include "util.h"

int cmd_address(const char *dev, int argc, char **argv, const struct opts *o);

#endif /* JOOLCTL_QUERY_H */
