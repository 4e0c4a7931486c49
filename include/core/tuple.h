/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NAT64 (RFC 6146) transport addresses and tuples: the keys of the BIB and
 * session tables, and what the NAT64 core reads out of a packet and writes
 * into its translation. Shared by the core (src/core/), the state tables
 * and the netlink glue.
 *
 * For TCP and UDP a transport address is an address and a port. For ICMP
 * (echo request/reply: RFC 6146 3.5.3) the "port" is the query identifier,
 * and a tuple's source and destination carry the same identifier.
 */
#ifndef _JOOL_CORE_TUPLE_H
#define _JOOL_CORE_TUPLE_H

#include "core_types.h"

/**
 * struct jool_taddr6 - an IPv6 transport address
 * @addr: the address
 * @port: the port or ICMP identifier, host order
 */
struct jool_taddr6 {
	struct in6_addr addr;
	u16 port;
};

/**
 * struct jool_taddr4 - an IPv4 transport address
 * @addr: the address, network order
 * @port: the port or ICMP identifier, host order
 */
struct jool_taddr4 {
	__be32 addr;
	u16 port;
};

/**
 * struct jool_tuple6 - the 5-tuple of an IPv6 packet (RFC 6146 3.4)
 * @src: source transport address
 * @dst: destination transport address
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMPV6
 */
struct jool_tuple6 {
	struct jool_taddr6 src;
	struct jool_taddr6 dst;
	u8 proto;
};

/**
 * struct jool_tuple4 - the 5-tuple of an IPv4 packet (RFC 6146 3.4)
 * @src: source transport address
 * @dst: destination transport address
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP
 */
struct jool_tuple4 {
	struct jool_taddr4 src;
	struct jool_taddr4 dst;
	u8 proto;
};

#endif /* _JOOL_CORE_TUPLE_H */
