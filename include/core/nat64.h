/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The NAT64 packet core (RFC 6146), on header bytes like the SIIT core:
 * the tuple of a packet, for the BIB and session lookups (RFC 6146 3.4),
 * and the rewriting of ports and ICMP identifiers that jool_xlat64() and
 * jool_xlat46() do when &xlat_pkt.nat64_t4 or &xlat_pkt.nat64_t6 is set.
 * See src/core/nat64.c and docs/design.md, "NAT64".
 */
#ifndef _JOOL_CORE_NAT64_H
#define _JOOL_CORE_NAT64_H

#include "core/ext6.h"
#include "core/tuple.h"
#include "core/xlat.h"

/**
 * enum nat64_tuple_verdict - what jool_nat64_tuple() found
 * @NAT64_TUPLE_OK: the tuple of the packet (TCP, UDP, ICMP echo or echo
 *	reply, a first fragment included)
 * @NAT64_TUPLE_ICMP_ERR: an ICMP error: the tuple is that of the packet in
 *	error, reversed (RFC 6146 3.4), the tuple of a packet going the way
 *	the error goes; its protocol is that of the packet in error
 * @NAT64_TUPLE_LATER_FRAG: a fragment other than the first: no upper-layer
 *	header, so the tuple has its addresses and protocol, ports 0; the
 *	fragment is described in the &struct frag6 out
 * @NAT64_TUPLE_MORE: make &xlat_pkt.need bytes linear, call again (this
 *	one and the next have no tuple; those before have one)
 * @NAT64_TUPLE_DROP: no tuple; &xlat_pkt.reason says why
 */
enum nat64_tuple_verdict {
	NAT64_TUPLE_OK,
	NAT64_TUPLE_ICMP_ERR,
	NAT64_TUPLE_LATER_FRAG,
	NAT64_TUPLE_MORE,
	NAT64_TUPLE_DROP,
};

enum nat64_tuple_verdict jool_nat64_tuple(const u8 *l3, unsigned int linear,
					  struct xlat_pkt *pkt,
					  struct jool_tuple6 *t6,
					  struct jool_tuple4 *t4,
					  struct frag6 *frag);
void jool_nat64_l4_ports(u8 *l4, unsigned int avail, u8 proto, u16 sport,
			 u16 dport, __wsum *old, __wsum *new);

#endif /* _JOOL_CORE_NAT64_H */
