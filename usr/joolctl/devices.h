/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl" without a device: the jool devices of the network namespace.
 */
#ifndef JOOLCTL_DEVICES_H
#define JOOLCTL_DEVICES_H

#include "cmd.h"

int list_devices(const struct opts *o);

#endif /* JOOLCTL_DEVICES_H */
