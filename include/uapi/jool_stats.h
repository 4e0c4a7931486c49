/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The per-reason counters of a jool device: the one list that enum
 * jool_stat (uapi/jool_netdev.h), their names (stat_names.h), joolctl's
 * explanations ("joolctl DEV stats --explain") and the COUNTERS section of
 * docs/joolctl.8 (test/docs_counters.sh) are all made from.
 *
 * JOOL_STAT(NAME, "explanation"): the counter is JOOL_STAT_NAME, printed
 * as "NAME" (in JSON lowercase, '_' written '-'); the explanation is
 * joolctl's, word for word, and the man page's. No include guard: define
 * JOOL_STAT(name, text), include this file, undefine it. New counters are
 * appended; then "test/docs_counters.sh --update" rewrites the man page.
 */
#ifndef JOOL_STAT
#error "define JOOL_STAT(name, text) before including jool_stats.h"
#endif

JOOL_STAT(XLAT64,
	  "IPv6 packets translated to IPv4.")
JOOL_STAT(XLAT46,
	  "IPv4 packets translated to IPv6.")
JOOL_STAT(DISABLED,
	  "Dropped: the device is disabled (manually-enabled is false).")
JOOL_STAT(NO_POOL6,
	  "Dropped: pool6 is not set and the EAMT is empty.")
JOOL_STAT(SRC6_UNTRANSLATABLE,
	  "Dropped: the IPv6 source address matches no EAM and is not inside pool6.")
JOOL_STAT(DST6_UNTRANSLATABLE,
	  "Dropped: the IPv6 destination address matches no EAM and is not inside pool6.")
JOOL_STAT(HDR6_TRUNCATED,
	  "Dropped: the IPv6 header chain was truncated.")
JOOL_STAT(HDR4_INVALID,
	  "Dropped: bad IPv4 header (version, IHL, total length or checksum).")
JOOL_STAT(L4_TRUNCATED,
	  "Dropped: the layer-4 header (TCP, UDP, ICMP) was missing.")
JOOL_STAT(EXT6_UNSUPPORTED,
	  "Dropped: an IPv6 extension header that cannot be translated (routing header with segments left, unknown header).")
JOOL_STAT(FRAGMENT,
	  "Dropped: a fragmented ICMP or ICMPv6 message (RFC 7915 1.2: its checksum cannot be translated).")
JOOL_STAT(ICMP_UNSUPPORTED,
	  "Dropped: an ICMP or ICMPv6 type that has no translation, or IGMP (RFC 7915 4.2).")
JOOL_STAT(PROTO_MISMATCH,
	  "Dropped: the packet's protocol (skb->protocol) disagreed with its IP version.")
JOOL_STAT(TTL_EXPIRED,
	  "Dropped: the TTL or hop limit would have reached zero.")
JOOL_STAT(ENOMEM,
	  "Dropped: out of memory.")
JOOL_STAT(CSUM_FAILED,
	  "Dropped: the checksum offload fixup failed.")
JOOL_STAT(UDP_ZERO_CSUM,
	  "Dropped: IPv4 UDP packet with a zero checksum (see the global amend-udp-checksum-zero).")
JOOL_STAT(MODE_UNSUPPORTED,
	  "Dropped: this build of the module cannot translate in the device's mode.")
JOOL_STAT(SRC4_UNTRANSLATABLE,
	  "Dropped: the IPv4 source address matches no EAM and pool6 is not set.")
JOOL_STAT(DST4_UNTRANSLATABLE,
	  "Dropped: the IPv4 destination address matches no EAM and pool6 is not set.")
JOOL_STAT(ICMP_CSUM,
	  "Dropped: an ICMP error with a wrong checksum (it is verified before translating, so corruption is never laundered).")
JOOL_STAT(ICMP_INNER_INVALID,
	  "Dropped: the packet quoted inside an ICMP error is malformed.")
JOOL_STAT(ICMP_INNER_UNSUPPORTED,
	  "Dropped: the packet quoted inside an ICMP error cannot be translated (an ICMP error, non-echo or fragmented ICMP, a routing header with segments left).")
JOOL_STAT(ICMP_INNER_UNTRANSLATABLE,
	  "Dropped: an address of the packet quoted inside an ICMP error has no translation.")
JOOL_STAT(ICMP_NO_SOURCE,
	  "Dropped: an ICMP error whose source has no translation, with no RFC 6791 pool and no address of the translator to use.")
JOOL_STAT(DENYLISTED,
	  "Dropped: an IPv4 address that pool6 would translate is in denylist4 or in a range that is never translated (0/8, 127/8, 169.254/16, 224/4, 255.255.255.255).")
JOOL_STAT(FRAG_UDP_CSUM0,
	  "Dropped: a fragmented IPv4 UDP packet with a zero checksum (RFC 7915 4.5: it cannot be computed).")
JOOL_STAT(FRAG_FAILED,
	  "Dropped: fragmenting an IPv4 packet to fit lowest-ipv6-mtu failed.")
JOOL_STAT(ICMP_SENT,
	  "Not a drop: ICMP errors the translator handed to the kernel for packets it dropped (RFC 7915 4.4, 5.4); the kernel's ICMP rate limits apply.")
JOOL_STAT(SRC_ROUTE,
	  "Dropped: an IPv4 loose or strict source route option with hops still to visit (RFC 7915 4.1).")
JOOL_STAT(HAIRPIN,
	  "Not a drop: hairpinned packets (IPv6 to IPv6 through the translator, RFC 7757 4) with an EAM'd IPv4 address (the source, or an ICMP error's quoted destination) translated with pool6 instead (eam-hairpin-mode).")
