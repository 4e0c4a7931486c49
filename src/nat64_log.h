/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NAT64 mapping logs (RFC 6888 REQ-12, RFC 7422): BIB entries and
 * sessions created and removed, multicast to userspace ("joolctl
 * monitor"). The protocol is JOOL_CMD_LOG_EVENT in uapi/jool_netdev.h.
 */
#ifndef _JOOL_NAT64_LOG_H
#define _JOOL_NAT64_LOG_H

#include <uapi/jool_netdev.h>

struct jool_device;
struct jool_bib;
struct jool_session;
struct jool_block_info;

/* The multicast groups of the family, in the order of its .mcgrps. */
enum jool_mcgrp {
	JOOL_MCGRP_LOG,
};

void jool_log_bib(struct jool_device *jdev, enum jool_log_type type,
		  const struct jool_bib *bib, enum jool_log_reason reason);
void jool_log_session(struct jool_device *jdev, enum jool_log_type type,
		      const struct jool_session *s,
		      enum jool_log_reason reason);
void jool_log_block(struct jool_device *jdev, enum jool_log_type type,
		    const struct jool_block_info *b,
		    enum jool_log_reason reason);

#endif /* _JOOL_NAT64_LOG_H */
