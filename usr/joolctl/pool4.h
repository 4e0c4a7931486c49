/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV pool4 ...": the IPv4 transport addresses of a NAT64 device.
 */
#ifndef JOOLCTL_POOL4_H
#define JOOLCTL_POOL4_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include <netlink/msg.h>

#include "cmd.h"
#include "prefix.h"

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

/* One request: what the words said. */
struct pool4_req {
	int proto;		/* IPPROTO_*, or 0: the three */
	bool has_prefix;
	struct prefix prefix;
	bool has_ports;
	uint16_t min;
	uint16_t max;
	bool has_mark;
	uint32_t mark;
	bool has_iter;
	uint8_t iter_mode;	/* enum jool_pool4_iter */
	uint32_t iterations;
	bool force;
	bool quick;
};

int pool4_fetch(const char *dev, struct pool4_list *l);
int pool4_parse(const char *verb, bool add, int argc, char **argv,
		struct pool4_req *r);
int pool4_put_entry(struct nl_msg *msg, const struct pool4_req *r);
const char *pool4_proto_name(int proto);

extern const struct cmd_group pool4_group;

int pool4_rules_print(const char *dev, struct pool4_entry *v, size_t n,
		      int argc, char **argv);

#endif /* JOOLCTL_POOL4_H */
