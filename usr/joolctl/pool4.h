/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV pool4 ...": the IPv4 transport addresses of a NAT64 device.
 */
#ifndef JOOLCTL_POOL4_H
#define JOOLCTL_POOL4_H

#include "cmd.h"

extern const struct cmd_group pool4_group;

#endif /* JOOLCTL_POOL4_H */
