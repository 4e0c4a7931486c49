/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV check": is what the device translates routed into it?
 */
#ifndef JOOLCTL_CHECK_H
#define JOOLCTL_CHECK_H

#include "cmd.h"

int cmd_check(const struct call *c, int argc, char **argv);

#endif /* JOOLCTL_CHECK_H */
