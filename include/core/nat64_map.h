/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tuples a NAT64 session translates with (RFC 6146 3.6, 3.7), from what
 * the state tables store: a BIB entry and the remote IPv4 transport
 * address. Pure, so the unit tests check the data path's keys and tuples
 * against the translation core. See src/core/nat64_map.c.
 */
#ifndef _JOOL_CORE_NAT64_MAP_H
#define _JOOL_CORE_NAT64_MAP_H

#include "core/rfc6052.h"
#include "core/tuple.h"

/**
 * struct nat64_binding - a session, as the state tables keep it
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP (the IPv4 number)
 * @local6: the BIB entry's IPv6 transport address (the IPv6 node's)
 * @local4: the BIB entry's IPv4 transport address (pool4)
 * @remote4: the remote IPv4 transport address; ICMP: port 0, see
 *	jool_nat64_remote_port()
 */
struct nat64_binding {
	u8 proto;
	struct jool_taddr6 local6;
	struct jool_taddr4 local4;
	struct jool_taddr4 remote4;
};

u16 jool_nat64_remote_port(u8 proto, u16 port);
void jool_nat64_map_tuples(const struct jool_prefix6 *pool6,
			   const struct nat64_binding *b,
			   struct jool_tuple4 *t4, struct jool_tuple6 *t6);

#endif /* _JOOL_CORE_NAT64_MAP_H */
