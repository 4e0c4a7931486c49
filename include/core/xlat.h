/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RFC 7915 header translation on header bytes: the seam between the data
 * path glue (src/xmit.c, frag4.c, icmp_out.c: the code that touches
 * sk_buffs) and the pure translation core (src/core/), which also builds in
 * userspace for tests.
 */
#ifndef _JOOL_CORE_XLAT_H
#define _JOOL_CORE_XLAT_H

#include "core_types.h"
#include "nat64_cfg.h"
#include "rfc6052.h"
#include "tuple.h"
#include <uapi/jool_netdev.h>

struct eamt;
struct denylist;
struct pool4;

#define XLAT_MAX_PLATEAUS 16

/**
 * struct xlat_cfg - the part of a device's configuration the core reads
 * @pool6_set: @pool6 is meaningful
 * @pool6: the RFC 6052 prefix
 * @zeroize_tc: 4->6 sets the traffic class to 0 (else copies the TOS)
 * @override_tos: 6->4 sets the TOS to @tos (else copies the traffic class)
 * @tos: see @override_tos
 * @amend_udp_csum0: 4->6 computes a zero UDP checksum (else drops)
 * @eamt: the Explicit Address Mapping Table (RFC 7757); NULL is empty
 * @lowest_ipv6_mtu: the smallest MTU of the IPv6 side ("lowest-ipv6-mtu")
 * @plateaus: RFC 1191 MTU plateaus, descending ("mtu-plateaus"), for
 *	ICMPv4 "fragmentation needed" messages that carry no MTU
 * @nplateaus: entries used in @plateaus
 * @rfc6791v4_set: @rfc6791v4 is meaningful
 * @rfc6791v4: RFC 6791 pool: IPv4 sources for translated ICMPv6 errors
 *	whose source has no IPv4 translation
 * @rfc6791v6_set: @rfc6791v6 is meaningful
 * @rfc6791v6: likewise, IPv6 sources for translated ICMPv4 errors
 * @randomize_6791: pick a random address of the pool (else the first)
 * @hairpin_mode: "eam-hairpin-mode", enum jool_hairpin_mode (RFC 7757 4):
 *	which IPv4 packets are the second half of a hairpin, see
 *	jool_xlat_hairpin()
 * @denylist4: IPv4 prefixes pool6 must not translate; NULL is empty
 * @pool4: (NAT64) the IPv4 transport addresses, core/pool4.h; NULL is empty
 * @nat64: (NAT64) the RFC 6146 globals, core/nat64_cfg.h
 */
struct xlat_cfg {
	bool pool6_set;
	struct jool_prefix6 pool6;
	bool zeroize_tc;
	bool override_tos;
	u8 tos;
	bool amend_udp_csum0;
	const struct eamt *eamt;
	u32 lowest_ipv6_mtu;
	u16 plateaus[XLAT_MAX_PLATEAUS];
	u8 nplateaus;
	bool rfc6791v4_set;
	struct jool_prefix4 rfc6791v4;
	bool rfc6791v6_set;
	struct jool_prefix6 rfc6791v6;
	bool randomize_6791;
	u8 hairpin_mode;
	const struct denylist *denylist4;
	const struct pool4 *pool4;
	struct nat64_cfg nat64;
};

/**
 * enum xlat_verdict - what the glue does next
 * @XLAT_OK: the new L3 header is in &xlat_pkt.hdr; swap it in
 * @XLAT_DROP: drop the packet; &xlat_pkt.reason says why
 * @XLAT_MORE: make &xlat_pkt.need bytes linear and writable, call again
 * @XLAT_ICMP_ERR: an ICMP error message, which is translated whole (RFC 7915
 *	4.3, 5.3: the packet in error inside it is translated too): make the
 *	whole packet linear and call jool_xlat64_icmp_err() /
 *	jool_xlat46_icmp_err(). &xlat_pkt.reason is JOOL_STAT_ICMP_UNSUPPORTED
 *	for a glue that drops it instead.
 */
enum xlat_verdict {
	XLAT_OK,
	XLAT_DROP,
	XLAT_MORE,
	XLAT_ICMP_ERR,
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
 * @hairpin: in: an IPv4 packet that this device itself made by 6->4
 *	translation and that routing sent back into it: the second half of an
 *	IPv6-to-IPv6 hairpin (RFC 7757 4); see jool_xlat_hairpin()
 * @ipv4_id: in: identification for a 6->4 packet (network order)
 * @random: in: a random number (RFC 6791 address choice)
 * @own4: in: an IPv4 address of the translator, source of last resort for
 *	translated ICMP errors (0: none)
 * @own6: in: likewise, IPv6 (all zeros: none)
 * @mtu4: in: MTU towards the IPv4 side if known, else 0. For
 *	jool_xlat64(): that of the route the translated packet takes; one
 *	with DF that does not fit is dropped (JOOL_STAT_TOO_BIG)
 * @mtu6: in: MTU towards the IPv6 side if known, else 0. For
 *	jool_xlat46(): likewise, for IPv4 packets with DF
 * @nat64_t4: in: NULL for SIIT. NAT64 (RFC 6146 3.7), jool_xlat64() and
 *	jool_xlat64_icmp_err(): the tuple the packet leaves with, from its
 *	session. Its addresses replace pool6 and the EAMT, its ports (ICMP:
 *	identifier, &jool_taddr4.port of @nat64_t4->src) are written into the
 *	upper layer. An ICMP error is translated with it as the tuple of the
 *	error; the packet in error inside gets it reversed.
 * @nat64_t6: in: likewise, IPv6, for jool_xlat46(), jool_xlat46_icmp_prep()
 *	and jool_xlat46_icmp_err()
 * @icmp6_ready: in (jool_xlat46()): an IPv4 fragment of an ICMP message whose
 *	header jool_xlat46_icmp_prep() already translated, whole, before the
 *	glue cut it: only the L3 header is translated
 * @reassembled: in (jool_xlat64()): the packet was reassembled from
 *	fragments by the glue (NAT64, src/nat64_frag.c): translated with DF=0,
 *	never too big for @mtu4 (IPv4 routers may cut it again)
 * @need: out (XLAT_MORE): bytes needed in the linear, writable area
 * @reason: out (XLAT_DROP): the counter to bump
 * @err_ptr: out (XLAT_DROP, JOOL_STAT_EXT6_UNSUPPORTED): offset from the
 *	IPv6 header of the field in error, for an ICMPv6 parameter problem;
 *	0 if none applies
 * @err_mtu: out (XLAT_DROP, JOOL_STAT_TOO_BIG): the MTU to tell the sender:
 *	that of the route, adjusted for what translation adds or takes away
 * @old_l3len: out (XLAT_OK): bytes of old L3 headers to remove
 * @new_l3len: out (XLAT_OK): bytes of @hdr to put in their place
 * @l4proto: out (XLAT_OK): the new L3's upper-layer protocol
 * @hairpinned: out (XLAT_OK, and jool_xlat46_icmp_err() on success): the
 *	hairpin rule of RFC 7757 4 changed an address (an EAM'd IPv4 source,
 *	or an ICMP error's quoted destination, translated with pool6)
 * @csum_now_partial: out (XLAT_OK): the UDP checksum field was zero and now
 *	holds the pseudo-header sum; the glue must make the packet
 *	CHECKSUM_PARTIAL so the stack computes the rest
 * @new_len: out (jool_xlat64_icmp_err(), jool_xlat46_icmp_err()): bytes of the
 *	translated packet written
 * @hdr: out (XLAT_OK): the new L3 header
 */
struct xlat_pkt {
	unsigned int len;
	bool csum_partial;
	unsigned int csum_start;
	unsigned int csum_offset;
	unsigned int gso_size;
	u8 hop_bump;
	bool hairpin;
	__be16 ipv4_id;
	u32 random;
	__be32 own4;
	struct in6_addr own6;
	unsigned int mtu4;
	unsigned int mtu6;
	const struct jool_tuple4 *nat64_t4;
	const struct jool_tuple6 *nat64_t6;
	bool icmp6_ready;
	bool reassembled;

	unsigned int need;
	enum jool_stat reason;
	unsigned int err_ptr;
	unsigned int err_mtu;
	unsigned int old_l3len;
	unsigned int new_l3len;
	u8 l4proto;
	bool hairpinned;
	bool csum_now_partial;
	unsigned int new_len;
	union {
		struct iphdr v4;
		struct ipv6hdr v6;
		u8 raw[sizeof(struct ipv6hdr) + sizeof(struct frag_hdr)];
	} hdr;
};

enum xlat_verdict jool_xlat64(const struct xlat_cfg *cfg, u8 *l3,
			      unsigned int linear, struct xlat_pkt *pkt);
enum xlat_verdict jool_xlat46(const struct xlat_cfg *cfg, u8 *l3,
			      unsigned int linear, struct xlat_pkt *pkt);
enum xlat_verdict jool_xlat46_icmp_prep(const struct xlat_cfg *cfg, u8 *l3,
					unsigned int linear,
					struct xlat_pkt *pkt);

/*
 * The largest translated ICMP errors: an ICMPv6 error fits the minimum IPv6
 * MTU (RFC 4443 2.4 (c)); an ICMPv4 error stays within 576 bytes (RFC 1812
 * 4.3.2.3). The output buffer of the two functions below must hold at least
 * XLAT_ICMP_ERR_OUTMAX bytes.
 */
#define XLAT_ICMP6_ERR_MAX 1280
#define XLAT_ICMP4_ERR_MAX 576
#define XLAT_ICMP_ERR_OUTMAX XLAT_ICMP6_ERR_MAX

enum xlat_verdict jool_xlat64_icmp_err(const struct xlat_cfg *cfg, const u8 *in,
				       unsigned int len, u8 *out,
				       unsigned int outmax,
				       struct xlat_pkt *pkt);
enum xlat_verdict jool_xlat46_icmp_err(const struct xlat_cfg *cfg, const u8 *in,
				       unsigned int len, u8 *out,
				       unsigned int outmax,
				       struct xlat_pkt *pkt);

/**
 * struct xlat_icmp_gen - an ICMP error the translator itself sends
 * @type: ICMP or ICMPv6 type, in the dropped packet's family
 * @code: its code
 * @info: the parameter problem pointer, or the MTU of a "packet too big" or
 *	"fragmentation needed", else 0
 */
struct xlat_icmp_gen {
	u8 type;
	u8 code;
	u32 info;
};

bool jool_xlat_drop_icmp(const u8 *l3, unsigned int linear, bool is_v6,
			 const struct xlat_pkt *pkt, struct xlat_icmp_gen *err);
void jool_xlat_drop_quote(u8 *l3, unsigned int linear, bool is_v6,
			  unsigned int hops);

#endif /* _JOOL_CORE_XLAT_H */
