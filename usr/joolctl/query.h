/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV address query ADDR": what an address translates to, and by
 * which rule.
 */
#ifndef JOOLCTL_QUERY_H
#define JOOLCTL_QUERY_H

#include "cmd.h"

extern const struct cmd_group address_group;

#endif /* JOOLCTL_QUERY_H */
