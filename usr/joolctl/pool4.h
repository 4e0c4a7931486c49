/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV pool4 ...": the IPv4 transport addresses of a NAT64 device.
 */
#ifndef JOOLCTL_POOL4_H
#define JOOLCTL_POOL4_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "cmd.h"

/* One entry of pool4: one address, one port range. */
struct pool4_entry {
	uint8_t proto;
	uint32_t mark;
	uint8_t iter_mode;
	uint32_t iterations;
	struct in_addr addr;
	uint16_t min;
	uint16_t max;
};

struct pool4_list {
	struct pool4_entry *v;
	size_t n;
	size_t cap;
	bool oom;
};

int pool4_fetch(const char *dev, struct pool4_list *l);

extern const struct cmd_group pool4_group;

int pool4_rules_print(const char *dev, struct pool4_entry *v, size_t n,
		      int argc, char **argv);

#endif /* JOOLCTL_POOL4_H */
