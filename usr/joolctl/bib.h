/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV bib ..." and "joolctl DEV session ...": the NAT64 state.
 */
#ifndef JOOLCTL_BIB_H
#define JOOLCTL_BIB_H

#include "cmd.h"

extern const struct cmd_group bib_group;
extern const struct cmd_group session_group;

#endif /* JOOLCTL_BIB_H */
