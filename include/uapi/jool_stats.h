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
	  "Dropped: the device is disabled (manually-enabled is false). Answer: ICMPv6 1/1 or ICMPv4 3/13 (RFC 7915 4.4, 5.4).")
JOOL_STAT(NO_POOL6,
	  "Dropped: pool6 is not set and the EAMT is empty. Answer: ICMPv6 1/1 or ICMPv4 3/13.")
JOOL_STAT(SRC6_UNTRANSLATABLE,
	  "Dropped: the IPv6 source address matches no EAM and is not inside pool6. Answer: ICMPv6 1/5 (source address failed ingress/egress policy, RFC 7915 5.1).")
JOOL_STAT(DST6_UNTRANSLATABLE,
	  "Dropped: the IPv6 destination address matches no EAM and is not inside pool6. Answer: ICMPv6 1/1.")
JOOL_STAT(HDR6_TRUNCATED,
	  "Dropped: the IPv6 header chain was truncated. Answer: none (malformed).")
JOOL_STAT(HDR4_INVALID,
	  "Dropped: bad IPv4 header (version, IHL, total length or checksum). Answer: none (malformed).")
JOOL_STAT(L4_TRUNCATED,
	  "Dropped: the layer-4 header (TCP, UDP, ICMP) was missing. Answer: none (malformed).")
JOOL_STAT(EXT6_UNSUPPORTED,
	  "Dropped: a routing header with segments left (RFC 7915 5.1). Answer: ICMPv6 4/0 (parameter problem, pointing at Segments Left).")
JOOL_STAT(FRAGMENT,
	  "Dropped: a fragmented ICMP or ICMPv6 message (RFC 7915 1.2: its checksum cannot be translated). Answer: ICMPv4 3/13 (only the first fragment of an ICMPv4 message that is not an error; never about ICMPv6).")
JOOL_STAT(ICMP_UNSUPPORTED,
	  "Dropped: an ICMP or ICMPv6 type that has no translation, or IGMP (RFC 7915 4.2). Answer: none (RFC 7915 4.2, 5.2: silently dropped).")
JOOL_STAT(PROTO_MISMATCH,
	  "Dropped: the packet's protocol (skb->protocol) disagreed with its IP version. Answer: none (malformed).")
JOOL_STAT(TTL_EXPIRED,
	  "Dropped: the TTL or hop limit would have reached zero. Answer: ICMPv6 3/0 or ICMPv4 11/0 (time exceeded).")
JOOL_STAT(ENOMEM,
	  "Dropped: out of memory. Answer: none.")
JOOL_STAT(CSUM_FAILED,
	  "Dropped: finishing in software an offloaded checksum that cannot stay offloaded through a translation (one not at a TCP or UDP checksum field, such as ICMP's) failed for lack of memory. Answer: none.")
JOOL_STAT(UDP_ZERO_CSUM,
	  "Dropped: IPv4 UDP packet with a zero checksum (see the global amend-udp-checksum-zero). Answer: ICMPv4 3/13.")
JOOL_STAT(MODE_UNSUPPORTED,
	  "Dropped: this build of the module cannot translate in the device's mode. Answer: ICMPv6 1/1 or ICMPv4 3/13.")
JOOL_STAT(SRC4_UNTRANSLATABLE,
	  "Dropped: the IPv4 source address matches no EAM and pool6 is not set. Answer: ICMPv4 3/13.")
JOOL_STAT(DST4_UNTRANSLATABLE,
	  "Dropped: the IPv4 destination address matches no EAM and pool6 is not set. Answer: ICMPv4 3/13.")
JOOL_STAT(ICMP_CSUM,
	  "Dropped: an ICMP error with a wrong checksum (it is verified before translating, so corruption is never laundered). Answer: none (an ICMP error).")
JOOL_STAT(ICMP_INNER_INVALID,
	  "Dropped: the packet quoted inside an ICMP error is malformed. Answer: none (an ICMP error).")
JOOL_STAT(ICMP_INNER_UNSUPPORTED,
	  "Dropped: the packet quoted inside an ICMP error cannot be translated (an ICMP error, non-echo or fragmented ICMP, a routing header with segments left, a protocol of the other IP version or IGMP). Answer: none (an ICMP error).")
JOOL_STAT(ICMP_INNER_UNTRANSLATABLE,
	  "Dropped: an address of the packet quoted inside an ICMP error has no translation. Answer: none (an ICMP error).")
JOOL_STAT(ICMP_NO_SOURCE,
	  "Dropped: an ICMP error whose source has no translation, with no RFC 6791 pool and no address of the translator to use. Answer: none (an ICMP error).")
JOOL_STAT(DENYLISTED,
	  "Dropped: an IPv4 address that pool6 would translate is in denylist4 or in a range that is never translated (0/8, 127/8, 169.254/16, 224/4, 255.255.255.255). Answer: ICMPv6 1/1 or ICMPv4 3/13.")
JOOL_STAT(FRAG_UDP_CSUM0,
	  "Dropped: a fragmented IPv4 UDP packet with a zero checksum (RFC 7915 4.5: it cannot be computed). Answer: ICMPv4 3/13.")
JOOL_STAT(FRAG_FAILED,
	  "Dropped: fragmenting an IPv4 packet to fit lowest-ipv6-mtu failed. Answer: none (the packet is gone).")
JOOL_STAT(ICMP_SENT,
	  "Not a drop: ICMP errors the translator handed to the kernel for packets it dropped (RFC 7915 4.4, 5.4); the kernel's ICMP rate limits apply.")
JOOL_STAT(SRC_ROUTE,
	  "Dropped: an IPv4 loose or strict source route option with hops still to visit (RFC 7915 4.1). Answer: ICMPv4 3/5 (source route failed).")
JOOL_STAT(HAIRPIN,
	  "Not a drop: hairpinned packets (IPv6 to IPv6 through the translator, RFC 7757 4) with an EAM'd IPv4 address (the source, or an ICMP error's quoted destination) translated with pool6 instead (eam-hairpin-mode).")
JOOL_STAT(EXT6_AFTER_FRAG,
	  "Dropped: an IPv6 extension header (AH included, ESP not) after the Fragment Header (RFC 7915 5.1.1: dropped and logged). Answer: ICMPv6 1/1.")
JOOL_STAT(PROTO_UNTRANSLATABLE,
	  "Dropped: a protocol of the other IP version, which has no translation (RFC 7915 4.1, 5.1 map ICMPv4 to ICMPv6 and back): IPv6 next header 1 (ICMPv4) or 2 (IGMP), IPv4 protocol 58 (ICMPv6). Answer: ICMPv6 1/1 or ICMPv4 3/13.")
JOOL_STAT(TOO_BIG,
	  "Dropped: a packet that may not be fragmented (IPv4 with DF; IPv6 whose translation gets DF, over 1260 bytes) would not fit the MTU of the route its translation takes. The translator answers as the router on the sender's path (RFC 4443 3.2, RFC 1191), quoting the packet; the MTU is the route's, adjusted for the header difference. Answer: ICMPv6 2/0 or ICMPv4 3/4.")
JOOL_STAT(NAT64_PROTO,
	  "Dropped (NAT64): neither TCP, UDP nor ICMP, the protocols that have a tuple (RFC 6146 3.4). Answer: none.")
JOOL_STAT(SESSIONS_FULL,
	  "Dropped (NAT64): a new session would exceed the device's max-sessions (ip link ... type jool max-sessions N; or its BIB, which has the same limit, is full). Answer: ICMPv6 1/3 (address unreachable: RFC 6146 3.5.1.1, no BIB entry could be made) to an IPv6 packet; none to an IPv4 one.")
JOOL_STAT(CSUM_PARTIAL_LAYOUT,
	  "Dropped: a packet whose checksum the stack left to be finished later (CHECKSUM_PARTIAL) has it where the translator cannot keep track of it: not at a TCP or UDP checksum field, neither ours nor one behind our upper-layer header at an even distance from it (a tunnelled packet's, which is kept as it is); in a fragment; or in an ICMP message. The kernel builds no such packet. Answer: none.")
JOOL_STAT(NAT64_NOT_POOL6,
	  "Dropped (NAT64): an IPv6 packet whose destination is not inside pool6, so it has no IPv4 destination (RFC 6146 3.5). Answer: ICMPv6 1/1.")
JOOL_STAT(NAT64_NOT_POOL4,
	  "Dropped (NAT64): an IPv4 packet whose destination transport address (address, and port or ICMP identifier) is not in pool4, whatever the mark: not the translator's (RFC 6146 3.5). Answer: ICMPv4 3/13.")
JOOL_STAT(NAT64_POOL4_NONE,
	  "Dropped (NAT64): a new IPv6 flow needs an IPv4 transport address, and pool4 has none for its protocol and mark (RFC 6146 3.5.1.1). Answer: ICMPv6 1/3 (address unreachable).")
JOOL_STAT(NAT64_POOL4_EXHAUSTED,
	  "Dropped (NAT64): a new IPv6 flow needs an IPv4 transport address, and every one of its pool4 set is taken, or max-iterations of them were (RFC 6146 3.5.1.1). Answer: ICMPv6 1/3 (address unreachable).")
JOOL_STAT(NAT64_NO_BIB4,
	  "Dropped (NAT64): an IPv4 UDP or ICMP packet to a pool4 transport address that no BIB entry holds (RFC 6146 3.5.1.2, 3.5.3). Answer: ICMPv4 3/1 (host unreachable).")
JOOL_STAT(NAT64_SYN4_NO_BIB,
	  "Dropped (NAT64): an IPv4 TCP SYN that no session expects and whose destination has no BIB entry, or that address-dependent filtering refuses (RFC 6146 3.5.2.2), which could not be stored for a simultaneous open: maximum-simultaneous-opens SYNs are stored already (0 stores none), or memory ran out. Answer: ICMPv4 3/3 (port unreachable), at once.")
JOOL_STAT(NAT64_ADF,
	  "Dropped (NAT64): address-dependent filtering (the global address-dependent-filtering) refused an IPv4 packet: the IPv6 node has no session with its source (RFC 6146 3.5.1.2). Answer: ICMPv4 3/13.")
JOOL_STAT(NAT64_EXT_TCP,
	  "Dropped (NAT64): an IPv4 TCP SYN that opens no expected session, refused by drop-externally-initiated-tcp (RFC 6146 3.5.2.2: silently discarded). Answer: none.")
JOOL_STAT(NAT64_TCP_NO_STATE,
	  "Dropped (NAT64): a TCP packet other than a SYN (either way) with no session and no BIB entry, which the TCP state machine does not translate (RFC 6146 3.5.2.2). Answer: none.")
JOOL_STAT(NAT64_ICMP_ERR_NO_SESSION,
	  "Dropped (NAT64): an ICMP or ICMPv6 error whose packet in error belongs to no session (RFC 6146 3.4: an error is looked up by the tuple of the packet it quotes). Answer: none (an ICMP error).")
JOOL_STAT(NAT64_FRAGMENT,
	  "Dropped (NAT64): a fragment other than the first, which carries no ports to find its session by (RFC 6146 3.4), that reassembly passed on: an IPv6 fragment whose length is not a multiple of 8 though more follow. Fragments are reassembled first (NAT64_FRAG_HELD). Answer: none.")
JOOL_STAT(NAT64_ICMP6_INFO,
	  "Dropped (NAT64): an ICMPv6 echo request or reply, refused by drop-icmpv6-info (RFC 6146 3.5.3). Answer: none (never about an ICMPv6 message, RFC 7915 5.4).")
JOOL_STAT(NAT64_SESSION_FAILED,
	  "Dropped (NAT64): creating the session failed for lack of memory, or kept meeting other CPUs' concurrent changes; a full table counts as SESSIONS_FULL instead. Answer: none.")
JOOL_STAT(NAT64_FRAG_HELD,
	  "Not a drop (NAT64): a fragment held in the kernel's reassembly queues until its datagram is complete (RFC 6146 3.4); the whole datagram is then translated once (NAT64_FRAG_REASSEMBLED). Fragments of a datagram never completed expire with their queue after net.ipv4.ipfrag_time or net.netfilter.nf_conntrack_frag6_timeout, counted by the kernel as reassembly failures (ReasmFails, ReasmTimeout in /proc/net/snmp and /proc/net/dev_snmp6/DEV).")
JOOL_STAT(NAT64_FRAG_REASSEMBLED,
	  "Not a drop (NAT64): a fragment completed its datagram, which is translated whole: IPv6 to IPv4 without DF (IPv4 routers cut it to their MTU), IPv4 to IPv6 cut into fragments that fit lowest-ipv6-mtu (RFC 7915 4.1).")
JOOL_STAT(NAT64_FRAG_REFUSED,
	  "Dropped (NAT64): a fragment the reassembly queues refused: over their memory limit (net.ipv4.ipfrag_high_thresh, net.netfilter.nf_conntrack_frag6_high_thresh), overlapping another, or malformed; or the IPv6 datagram it completed, too big for IPv4 (over 65515 bytes of payload). Answer: none.")
JOOL_STAT(NAT64_SO_STORED,
	  "Not a drop (NAT64): IPv4 TCP SYNs that no session expects, to a pool4 transport address with no BIB entry or refused by address-dependent filtering, stored 6 seconds (TCP_INCOMING_SYN) for a simultaneous open (RFC 6146 3.5.2.2); each ends as NAT64_SO_OPENED or NAT64_SO_EXPIRED, or unanswered when the device is deleted.")
JOOL_STAT(NAT64_SO_OPENED,
	  "Not a drop (NAT64): stored IPv4 SYNs whose connection an IPv6 SYN opened in time (RFC 6146 3.5.2.2: simultaneous open); the stored SYN is discarded silently and the IPv6 SYN is translated.")
JOOL_STAT(NAT64_SO_EXPIRED,
	  "Dropped (NAT64): a stored IPv4 SYN that no IPv6 SYN of its connection followed within 6 seconds (RFC 6146 3.5.2.2). Answer: ICMPv4 3/3 (port unreachable), quoting it.")
JOOL_STAT(NAT64_SO_EXISTS,
	  "Dropped (NAT64): an IPv4 TCP SYN of a connection whose SYN is stored already (a retry; the first one's 6 seconds are not renewed, as Jool). Answer: none.")
JOOL_STAT(NAT64_PROBE,
	  "Not a drop (NAT64): probes sent to the IPv6 end of TCP sessions whose ESTABLISHED lifetime ended (RFC 6146 3.5.2.2: an ACK without data, sequence and acknowledgment numbers 0); the session moves to TRANS, and an answer other than an RST brings it back to ESTABLISHED.")
JOOL_STAT(NAT64_LOG_LOST,
	  "Not a drop (NAT64): mapping log events (logging-bib, logging-session) that did not reach every listener: the message could not be allocated, or a listener's receive buffer was full (\"joolctl monitor\" then prints how many were lost). Nothing is counted while nobody listens.")
JOOL_STAT(NAT64_HOST_PORTS,
	  "Dropped (NAT64): a new IPv6 flow needs a BIB entry (a pool4 transport address) and its IPv6 source address holds max-ports-per-host of them already, all protocols together (RFC 6888 REQ-4: a limit of ports per subscriber). Answer: ICMPv6 1/3 (address unreachable).")
JOOL_STAT(NAT64_DET_OUTSIDE,
	  "Dropped (NAT64): a new IPv6 flow from a source outside deterministic-prefix6, on a device in RFC 7422 deterministic mode (no pool4 port is given to addresses the mapping does not cover). Answer: ICMPv6 1/3 (address unreachable).")
JOOL_STAT(NAT64_DET_EXHAUSTED,
	  "Dropped (NAT64): a new IPv6 flow in RFC 7422 deterministic mode whose subscriber has every port of its computed range taken (or max-iterations of them). Answer: ICMPv6 1/3 (address unreachable).")
JOOL_STAT(RX_QUEUED,
	  "Not a drop: translated packets handed back to the stack through the device's receive queue (NAPI, then the receive path) instead of straight to PREROUTING and routing: locally generated or nested traffic, a tap (tcpdump), tc or netfilter ingress, XDP, a bridge or a VRF on the device, ICMPv6 errors (docs/design.md, One pass).")
JOOL_STAT(NAT64_BLOCK_LIMIT,
	  "Dropped (NAT64): a new IPv6 flow whose client's port blocks (port-block-size) are all full, and which holds max-port-blocks-per-client blocks of the protocol already. Answer: ICMPv6 1/3 (address unreachable).")
JOOL_STAT(NAT64_BLOCK_ALLOCATED,
	  "Not a drop (NAT64): port blocks given to clients (port-block-size); each is one event for the mapping log.")
JOOL_STAT(NAT64_BLOCK_RELEASED,
	  "Not a drop (NAT64): port blocks released, their last BIB entry gone.")
