/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV pool4 ...": the IPv4 transport addresses of a NAT64 device.
 */
#ifndef JOOLCTL_POOL4_H
#define JOOLCTL_POOL4_H

#include <netinet/in.h>
#include <stdint.h>

#include "cmd.h"

extern const struct cmd_group pool4_group;

/* One entry of pool4, as the kernel lists it. */
struct pool4_entry {
	uint8_t proto;
	uint32_t mark;
	uint8_t iter_mode;
	uint32_t iterations;
	struct in_addr addr;
	uint16_t min;
	uint16_t max;
};

int pool4_rules_print(const char *dev, struct pool4_entry *v, size_t n,
		      int argc, char **argv);

#endif /* JOOLCTL_POOL4_H */
