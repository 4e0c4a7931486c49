/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NAT64 mapping log events (JOOL_CMD_LOG_EVENT): read from the kernel's
 * attributes and printed, one line each, as text or JSON. No socket here
 * (monitor.c has it), so the host tests can print events of their own.
 */
#ifndef JOOLCTL_LOG_EVENT_H
#define JOOLCTL_LOG_EVENT_H

#include <net/if.h>
#include <netinet/in.h>
#include <netlink/attr.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "prefix.h"

struct log_event {
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];
	uint8_t type;		/* enum jool_log_type */
	uint8_t proto;
	uint8_t reason;		/* enum jool_log_reason, or 0 */
	bool is_static;
	bool has_remote;	/* a session event */
	bool has_remote6;	/* @remote6 is set (the device has pool6) */
	bool is_block;		/* a port block event: @port4 to @port4_max */
	uint64_t time_ns;	/* since the epoch */
	struct in6_addr addr6;
	uint16_t port6;
	struct in_addr addr4;
	uint16_t port4;
	uint16_t port4_max;	/* a port block's last port */
	struct in_addr remote4;
	uint16_t rport4;
	struct in6_addr remote6;	/* pool6 + @remote4 */
};

int log_event_decode(struct nlattr **tb, struct log_event *e);
bool log_event_is_session(const struct log_event *e);
void log_event_remote6(struct log_event *e, const struct prefix *pool6);
void log_event_print(FILE *f, const struct log_event *e, bool json);
void log_lost_print(FILE *f, uint64_t time_ns, const char *dev,
		    uint64_t count, bool json);

#endif /* JOOLCTL_LOG_EVENT_H */
