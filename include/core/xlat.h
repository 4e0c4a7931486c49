/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RFC 7915 header translation on header bytes: the seam between the data
 * path glue (src/xmit.c, the only code that touches sk_buffs) and the pure
 * translation core (src/core/), which also builds in userspace for tests.
 */
#ifndef _JOOL_CORE_XLAT_H
#define _JOOL_CORE_XLAT_H

#include "core_types.h"
#include "rfc6052.h"
#include <uapi/jool_netdev.h>

struct eamt;

/**
 * struct xlat_cfg - the part of a device's configuration the core reads
 * @pool6_set: @pool6 is meaningful
 * @pool6: the RFC 6052 prefix
 * @zeroize_tc: 4->6 sets the traffic class to 0 (else copies the TOS)
 * @override_tos: 6->4 sets the TOS to @tos (else copies the traffic class)
 * @tos: see @override_tos
 * @amend_udp_csum0: 4->6 computes a zero UDP checksum (else drops)
 * @eamt: the Explicit Address Mapping Table (RFC 7757); NULL is empty
 */
struct xlat_cfg {
	bool pool6_set;
	struct jool_prefix6 pool6;
	bool zeroize_tc;
	bool override_tos;
	u8 tos;
	bool amend_udp_csum0;
	const struct eamt *eamt;
};

/**
 * enum xlat_verdict - what the glue does next
 * @XLAT_OK: the new L3 header is in &xlat_pkt.hdr; swap it in
 * @XLAT_DROP: drop the packet; &xlat_pkt.reason says why
 * @XLAT_MORE: make &xlat_pkt.need bytes linear and writable, call again
 */
enum xlat_verdict {
	XLAT_OK,
	XLAT_DROP,
	XLAT_MORE,
};

/**
 * struct xlat_pkt - one packet's metadata, in and out of the core
 * @len: in: bytes from the L3 header to the end of the packet
 * @csum_partial: in: the L4 checksum field holds only the pseudo-header sum
 *	(CHECKSUM_PARTIAL); else it holds the full checksum. ICMP must arrive
 *	with a full checksum.
 * @csum_start: in (@csum_partial): offset of the checksummed area from @l3
 * @csum_offset: in (@csum_partial): offset of the checksum field within it
 * @gso_size: in: L4 payload bytes per segment of a GSO packet, else 0
 * @hop_bump: in: hops to add back to the TTL/hop limit (see xmit.c)
 * @ipv4_id: in: identification for a 6->4 packet (network order)
 * @need: out (XLAT_MORE): bytes needed in the linear, writable area
 * @reason: out (XLAT_DROP): the counter to bump
 * @old_l3len: out (XLAT_OK): bytes of old L3 headers to remove
 * @new_l3len: out (XLAT_OK): bytes of @hdr to put in their place
 * @l4proto: out (XLAT_OK): the new L3's upper-layer protocol
 * @csum_now_partial: out (XLAT_OK): the UDP checksum field was zero and now
 *	holds the pseudo-header sum; the glue must make the packet
 *	CHECKSUM_PARTIAL so the stack computes the rest
 * @hdr: out (XLAT_OK): the new L3 header
 */
struct xlat_pkt {
	unsigned int len;
	bool csum_partial;
	unsigned int csum_start;
	unsigned int csum_offset;
	unsigned int gso_size;
	u8 hop_bump;
	__be16 ipv4_id;

	unsigned int need;
	enum jool_stat reason;
	unsigned int old_l3len;
	unsigned int new_l3len;
	u8 l4proto;
	bool csum_now_partial;
	union {
		struct iphdr v4;
		struct ipv6hdr v6;
		u8 raw[sizeof(struct ipv6hdr) + sizeof(struct frag_hdr)];
	} hdr;
};

enum xlat_verdict xlat64(const struct xlat_cfg *cfg, u8 *l3,
			 unsigned int linear, struct xlat_pkt *pkt);
enum xlat_verdict xlat46(const struct xlat_cfg *cfg, u8 *l3,
			 unsigned int linear, struct xlat_pkt *pkt);

#endif /* _JOOL_CORE_XLAT_H */
