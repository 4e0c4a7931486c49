/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RFC 7422 deterministic NAT64: the IPv4 address and port range of an IPv6
 * subscriber, computed from the configuration alone, and back.
 *
 * The subscribers are the prefixes of length @sub_len inside @p6, numbered
 * in address order from 0. They are spread over the addresses of @p4, the
 * same number on each, in order: subscriber i has address
 * p4 + i / per_addr and the per_sub ports
 * port_min + (i % per_addr) * per_sub ... + per_sub - 1, where per_addr =
 * subscribers / addresses and per_sub = ports / per_addr. A configuration
 * whose numbers do not divide is refused (jool_det_shape()).
 *
 * Pure: the module (data path, address query), joolctl (messages naming
 * the numbers) and the unit tests share it. docs/design.md, "Deterministic
 * NAT64 (RFC 7422)", explains the choices.
 */
#ifndef _JOOL_CORE_DETERM_H
#define _JOOL_CORE_DETERM_H

#include "core/core_types.h"
#include "core/cfg_err.h"
#include "core/rfc6052.h"

/* At most 2^32 subscribers: @sub_len is at most 32 bits past @p6. */
#define JOOL_DET_MAX_BITS 32
/* The defaults of the globals. */
#define JOOL_DET_SUB_LEN_DEFAULT 56
#define JOOL_DET_PORT_MIN_DEFAULT 1024
#define JOOL_DET_PORT_MAX_DEFAULT 65535

/**
 * struct det_cfg - a deterministic mapping, as configured
 * @set6: @p6 is set: the device is in deterministic mode (the module
 *	refuses it without @set4 and a valid shape)
 * @p6: the IPv6 prefix the subscribers are in
 * @sub_len: the length of one subscriber's prefix (@p6.len to
 *	@p6.len + 32)
 * @set4: @p4 is set
 * @p4: the IPv4 addresses
 * @port_min: the first port of each address given out (0-65535; u32s,
 *	as the globals that hold them)
 * @port_max: the last one
 */
struct det_cfg {
	bool set6;
	struct jool_prefix6 p6;
	u8 sub_len;
	bool set4;
	struct jool_prefix4 p4;
	u32 port_min;
	u32 port_max;
};

/**
 * struct det_shape - the numbers of a mapping (jool_det_shape())
 * @subscribers: how many subscriber prefixes (2^(sub_len - p6.len))
 * @addrs: how many IPv4 addresses (2^(32 - p4.len))
 * @per_addr: subscribers per address
 * @ports: ports per address (port_max - port_min + 1)
 * @per_sub: ports per subscriber
 */
struct det_shape {
	u64 subscribers;
	u64 addrs;
	u64 per_addr;
	u32 ports;
	u32 per_sub;
};

/**
 * struct det_range - what a subscriber gets
 * @addr4: its IPv4 address, network order
 * @lo: its first port
 * @hi: its last port
 */
struct det_range {
	__be32 addr4;
	u16 lo;
	u16 hi;
};

enum jool_cfg_err jool_det_shape(const struct det_cfg *d,
				 struct det_shape *s);
bool jool_det_map6(const struct det_cfg *d, const struct det_shape *s,
		   const struct in6_addr *addr6, struct det_range *r);
bool jool_det_map4(const struct det_cfg *d, const struct det_shape *s,
		   __be32 addr4, u16 port, struct jool_prefix6 *sub,
		   struct det_range *r);

#endif /* _JOOL_CORE_DETERM_H */
