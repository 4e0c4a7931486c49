// SPDX-License-Identifier: GPL-2.0
/*
 * The tuples a NAT64 session translates with (RFC 6146 3.6 "computation of
 * the outgoing tuple", 3.7), and the remote port the session tables key
 * it by. Used by the data path (src/nat64_xmit.c).
 */
#include "core/nat64_map.h"
#include "common.h"

/**
 * jool_nat64_remote_port() - the port a session keys its remote by
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP
 * @port: the remote's port in the packet's tuple (ICMP: the identifier)
 *
 * An ICMP echo carries one identifier, the IPv6 node's on the IPv6 side
 * and the BIB entry's pool4 one on the IPv4 side (RFC 6146 3.5.3): the
 * remote has none of its own. Its sessions key the remote with port 0,
 * which both directions can compute before they know the BIB entry.
 *
 * Return: @port, or 0 for ICMP.
 */
u16 jool_nat64_remote_port(u8 proto, u16 port)
{
	return proto == IPPROTO_ICMP ? 0 : port;
}

/**
 * jool_nat64_map_tuples() - the outgoing tuples of a session
 * @pool6: the RFC 6052 prefix (the remote's IPv6 address)
 * @b: the session
 * @t4: out: the tuple of a packet it sends 6 -> 4 (&xlat_pkt.nat64_t4):
 *	from the pool4 transport address to the remote
 * @t6: out: the tuple of a packet it sends 4 -> 6 (&xlat_pkt.nat64_t6):
 *	from the remote, with pool6, to the IPv6 node
 *
 * ICMP echo: both ports of a tuple are the identifier of its side, the
 * BIB entry's IPv4 one in @t4, its IPv6 one in @t6.
 */
void jool_nat64_map_tuples(const struct jool_prefix6 *pool6,
			   const struct nat64_binding *b,
			   struct jool_tuple4 *t4, struct jool_tuple6 *t6)
{
	bool icmp = b->proto == IPPROTO_ICMP;

	t4->proto = b->proto;
	t4->src = b->local4;
	t4->dst.addr = b->remote4.addr;
	t4->dst.port = icmp ? b->local4.port : b->remote4.port;

	t6->proto = icmp ? IPPROTO_ICMPV6 : b->proto;
	jool_rfc6052_4to6(pool6, b->remote4.addr, &t6->src.addr);
	t6->src.port = icmp ? b->local6.port : b->remote4.port;
	t6->dst = b->local6;
}
