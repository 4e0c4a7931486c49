/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * jool_netdev: IPv6/IPv4 translation (SIIT, NAT64) as a Linux net device.
 *
 * This header is the protocol between the kernel module (jool_netdev.ko),
 * joolctl and the iproute2 plugin (link_jool.so). It has two halves:
 *
 * 1. rtnetlink link attributes (IFLA_JOOL_*), nested by the kernel inside
 *    IFLA_LINKINFO / IFLA_INFO_DATA of a device of kind "jool":
 *
 *      ip link add jool0 type jool [mode siit|nat64] [pool6 PREFIX]
 *                                  [max-sessions N]
 *
 *    IFLA_JOOL_MODE    u8, enum jool_mode. Fixed at creation; changing it
 *                      later is refused (-EOPNOTSUPP).
 *    IFLA_JOOL_POOL6   nest of JOOL_PREFIX_* (below). Optional at
 *                      creation; reported by the kernel only when pool6 is
 *                      set. Accepted by "ip link set ... type jool pool6
 *                      PREFIX" too, where an empty nest unsets pool6.
 *
 * 2. A generic netlink family, JOOL_GENL_NAME, version JOOL_GENL_VERSION.
 *    Every command (reads included) but JOOL_CMD_GET_STATS requires
 *    CAP_NET_ADMIN over the network namespace of the socket; the device is
 *    looked up in that namespace and must be of kind "jool". Failures carry an extended-ack message.
 *
 *    Nested attributes must carry NLA_F_NESTED (the kernel parses them
 *    strictly), in both halves of the protocol.
 *
 *    Every request names its device with one of:
 *      JOOL_A_IFINDEX  u32
 *      JOOL_A_IFNAME   NUL-terminated string, < IFNAMSIZ
 *    (JOOL_A_IFINDEX wins if both are present.)
 *
 *    JOOL_CMD_GET_DEVICE (doit)
 *      request: device
 *      reply:   JOOL_A_IFINDEX, JOOL_A_IFNAME, JOOL_A_MODE (u8),
 *               JOOL_A_GLOBALS (nest: every global of the device's mode,
 *               see "Globals" below; an unset prefix is an empty nest);
 *               NAT64 devices with state also JOOL_A_MAX_SESSIONS (u32,
 *               IFLA_JOOL_MAX_SESSIONS: "ip link set DEV type jool
 *               max-sessions N" changes it) and JOOL_A_SESSION_COUNT
 *               (u32, the sessions there are)
 *
 *    JOOL_CMD_SET_GLOBALS (doit)
 *      request: device, JOOL_A_GLOBALS (nest: the globals to change, each
 *               at most once). All of them are validated first; then the
 *               new configuration is published at once (one RCU swap), so
 *               a packet sees either all the changes or none.
 *      reply:   ack
 *
 *    JOOL_CMD_GET_STATS (doit; no privilege needed, as for "ip -s link")
 *      request: device
 *      reply:   JOOL_A_STATS (nest of u64 counters, JOOL_STAT_*)
 *
 *    JOOL_CMD_EAMT_ADD (doit)
 *      request: device, one or more JOOL_A_EAMT (nest of JOOL_A_EAMT_ENTRY
 *               nests, each with JOOL_EAM_PREFIX6 and JOOL_EAM_PREFIX4,
 *               prefix nests; a nest holds at most 64 KiB, 1170 entries,
 *               so a big batch comes in several), optional JOOL_A_FORCE
 *               (flag). The entries of every JOOL_A_EAMT of the request
 *               are added together, with one rebuild of the table, or
 *               none is: an entry whose prefix equals an existing one is
 *               refused (-EEXIST); one whose prefix contains or is
 *               contained by another's is refused unless JOOL_A_FORCE
 *               (then longest-prefix match decides). RFC 7757: the IPv4
 *               suffix (32 - length) must not be longer than the IPv6
 *               suffix (128 - length). A refused entry is named by the
 *               extended ack's offset (NLMSGERR_ATTR_OFFS points at its
 *               JOOL_A_EAMT_ENTRY, or inside it).
 *      reply:   ack
 *
 *    JOOL_CMD_EAMT_DEL (doit)
 *      request: device, JOOL_A_EAMT_ENTRY with JOOL_EAM_PREFIX6 and/or
 *               JOOL_EAM_PREFIX4 (exact prefixes; both must then name the
 *               same entry)
 *      reply:   ack (-ESRCH if there is no such entry)
 *
 *    JOOL_CMD_EAMT_FLUSH (doit)
 *      request: device
 *      reply:   ack (an empty table stays as it is: dumps in progress
 *               elsewhere are not disturbed)
 *
 *    Every EAMT command fails with -EOPNOTSUPP on a NAT64 device: the EAMT
 *    (RFC 7757) is a SIIT feature.
 *
 *    JOOL_CMD_EAMT_GET (dump)
 *      request: device
 *      reply:   messages of JOOL_A_IFINDEX + JOOL_A_EAMT (nest of
 *               JOOL_A_EAMT_ENTRY), ordered by IPv4 prefix. If the table
 *               changes during the dump (a new table generation, kept in
 *               the same configuration snapshot as the table), the
 *               following messages carry NLM_F_DUMP_INTR and the dump
 *               should be redone.
 *
 *    JOOL_CMD_DENYLIST4_ADD (doit, SIIT devices only)
 *      request: device, JOOL_A_PREFIX (IPv4 prefix nest; bits past the
 *               length must be zero), once or many times: the prefixes
 *               of one request are added all or none, with one rebuild
 *               of the table
 *      reply:   ack; -EEXIST if that exact prefix is there already (the
 *               extended ack points at its JOOL_A_PREFIX; a prefix given
 *               twice in one request is refused without a pointer),
 *               -ENOSPC past 65536 prefixes per device. Nested prefixes
 *               are fine. denylist4 lists IPv4 addresses that must not be
 *               translated through pool6 (RFC 6052): an IPv4 source or
 *               destination covered by it, or an IPv6 address of pool6
 *               that embeds one, is dropped (JOOL_STAT_DENYLISTED).
 *               Translations by the EAMT are not affected; neither is the
 *               source of an ICMP error. Whatever denylist4 holds,
 *               0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16, 224.0.0.0/4 and
 *               255.255.255.255/32 are never translated through pool6
 *               (the implicit rules; these apply to ICMP error sources
 *               too, which then fall back to RFC 6791).
 *               NAT64 devices refuse all JOOL_CMD_DENYLIST4_* commands
 *               (-EOPNOTSUPP).
 *
 *    JOOL_CMD_DENYLIST4_DEL (doit)
 *      request: device, JOOL_A_PREFIX (exact)
 *      reply:   ack (-ESRCH if there is no such prefix)
 *
 *    JOOL_CMD_DENYLIST4_FLUSH (doit)
 *      request: device
 *      reply:   ack
 *
 *    JOOL_CMD_DENYLIST4_GET (dump)
 *      request: device
 *      reply:   one message per prefix: JOOL_A_IFINDEX + JOOL_A_PREFIX,
 *               ordered by address, then length. If the list changes
 *               during the dump, the last message carries NLM_F_DUMP_INTR
 *               and the dump should be redone.
 *
 *    JOOL_CMD_ADDRESS_QUERY (doit; NAT64 devices: in deterministic mode)
 *      request: device, JOOL_A_ADDRESS (16 bytes: what does this IPv6
 *               address become; 4 bytes: this IPv4 address)
 *      reply:   JOOL_A_IFINDEX, JOOL_A_IFNAME, JOOL_A_QUERY (nest of
 *               JOOL_QUERY_*, below). The answer comes from the same code
 *               the data path uses, on the current configuration, for
 *               the address as a packet's source or destination (an ICMP
 *               error's source differs only in ignoring denylist4).
 *               NAT64 devices answer from the port blocks (with
 *               port-block-size: who holds an IPv4 address and
 *               JOOL_A_PORT, or which blocks an IPv6 address holds) or
 *               from the RFC 7422 mapping
 *               ("deterministic-*" globals; refused when both are off): an
 *               IPv4 address needs JOOL_A_PORT (u16) too, and the answer
 *               is the subscriber that has that port; an IPv6 address's
 *               answer is its subscriber's address and port range.
 *
 *    JOOL_CMD_POOL4_ADD (doit, NAT64 devices only; SIIT devices refuse
 *    every JOOL_CMD_POOL4_* command with -EOPNOTSUPP)
 *      request: device, JOOL_A_POOL4_ENTRY (nest of JOOL_POOL4_*, below),
 *               optional JOOL_A_FORCE (flag). Every address of the
 *               prefix gets ports MIN_PORT to MAX_PORT (default 61001 to
 *               65535; swapped if reversed; port 0 left out of TCP and
 *               UDP) in the set of JOOL_POOL4_PROTO (absent: TCP, UDP and
 *               ICMP) and JOOL_POOL4_MARK (default 0), merged with the
 *               ranges the address has there. JOOL_POOL4_ITER_MODE (and
 *               JOOL_POOL4_ITERATIONS, >= 1, for JOOL_POOL4_ITER_FIXED)
 *               sets the sets' max-iterations; absent, a new set gets
 *               auto and an existing one keeps its own. Without
 *               JOOL_A_FORCE, a prefix shorter than /24 and TCP or UDP
 *               ports that meet the netns's ip_local_port_range are
 *               refused (-EINVAL).
 *      reply:   ack; -ENOSPC past 262144 entries (address, port range)
 *
 *    JOOL_CMD_POOL4_DEL (doit)
 *      request: device, JOOL_A_POOL4_ENTRY (ports default to 0-65535;
 *               JOOL_POOL4_ITER_* ignored), optional JOOL_A_QUICK
 *               (flag: keep the BIB entries and sessions of the removed
 *               transport addresses; without it they go, static entries
 *               included, once pool4 lacks them). The ports are removed
 *               from every address of the prefix in the sets of the
 *               protocol(s) and mark; a set left empty goes, with its
 *               max-iterations.
 *      reply:   ack; -ESRCH if nothing matched
 *
 *    JOOL_CMD_POOL4_FLUSH (doit)
 *      request: device, optional JOOL_A_QUICK (without it, the BIB and
 *               sessions go too)
 *      reply:   ack
 *
 *    JOOL_CMD_POOL4_GET (dump)
 *      request: device
 *      reply:   messages of JOOL_A_IFINDEX + JOOL_A_POOL4 (nest of
 *               JOOL_A_POOL4_ENTRY, each with every JOOL_POOL4_*
 *               attribute: the prefix is one address, a /32; ITER_MODE
 *               and ITERATIONS are the set's, ITERATIONS being the limit
 *               in effect, 0 for infinity), ordered by protocol (TCP,
 *               UDP, ICMP), mark, address and port. NLM_F_DUMP_INTR as
 *               for the EAMT.
 *
 *    JOOL_CMD_BIB_ADD (doit; NAT64 devices only)
 *      request: device, JOOL_A_BIB_ENTRY with JOOL_BIB_PROTO (absent: TCP),
 *               JOOL_BIB_ADDR6 + PORT6 and JOOL_BIB_ADDR4 + PORT4: a static
 *               BIB entry. The IPv4 transport address must be in pool4
 *               (any mark; -EINVAL otherwise). A dynamic entry with the
 *               same two addresses becomes static.
 *      reply:   ack; -EEXIST if the entry is already static or either
 *               address belongs to another entry; -ENOSPC if the BIB
 *               holds max-sessions entries
 *
 *    JOOL_CMD_BIB_DEL (doit; NAT64 devices only)
 *      request: device, JOOL_A_BIB_ENTRY with the protocol and either
 *               transport address or both (each an address and a port).
 *               The entry goes, static or not, with its sessions.
 *      reply:   ack; -ESRCH if no entry matches; -EINVAL if an address
 *               comes without its port or a port without its address
 *               (also on JOOL_CMD_BIB_ADD)
 *
 *    JOOL_CMD_BIB_GET (dump; NAT64 devices only)
 *      request: device; optionally a filter, JOOL_A_BIB_ENTRY with any of
 *               JOOL_BIB_PROTO, _ADDR6, _PORT6, _ADDR4, _PORT4 (each
 *               alone: a port without its address filters the port):
 *               only the entries with every value given are sent.
 *               JOOL_BIB_STATIC is refused (-EINVAL). The kernel walks
 *               the table a bounded number of entries per RCU section
 *               whatever the filter keeps.
 *      reply:   messages of JOOL_A_IFINDEX + JOOL_A_BIB (nest of
 *               JOOL_A_BIB_ENTRY, each with every JOOL_BIB_* attribute,
 *               JOOL_BIB_STATIC only on static entries), in an order of
 *               the kernel's (hash buckets), fixed while the device
 *               lives. The dump resumes after the last entry sent (by
 *               key, not position): every entry present during the whole
 *               dump appears exactly once, whatever changes meanwhile.
 *
 *    JOOL_CMD_SESSION_GET (dump; NAT64 devices only)
 *      request: device; optionally a filter, JOOL_A_SESSION_ENTRY with any
 *               of JOOL_SESSION_PROTO, _SRC6, _SPORT6 (the IPv6 host),
 *               _SRC4, _SPORT4 (its pool4 transport address), _DST4,
 *               _DPORT4 (the remote IPv4 host), as for JOOL_CMD_BIB_GET;
 *               _DST6, _DPORT6, _STATE and _EXPIRES are refused (-EINVAL,
 *               with a message).
 *      reply:   messages of JOOL_A_IFINDEX + JOOL_A_SESSIONS (nest of
 *               JOOL_A_SESSION_ENTRY, each with every JOOL_SESSION_*
 *               attribute), as JOOL_CMD_BIB_GET. Expired sessions not yet
 *               collected are left out.
 *
 *    JOOL_CMD_SET_CONFIG (doit; "joolctl DEV setconf / syncconf / addconf")
 *      request: device, and any of:
 *               JOOL_A_REPLACE (flag): replace the whole configuration:
 *                 every global the request omits gets its default, and
 *                 the EAMT, denylist4 and pool4 hold only the request's
 *                 entries. Without it, the request adds to the current
 *                 configuration (globals set, entries added).
 *               JOOL_A_MODE (u8): the mode the configuration is for;
 *                 another device's is refused (-EINVAL).
 *               JOOL_A_GLOBALS: as for JOOL_CMD_SET_GLOBALS.
 *               JOOL_A_EAMT (SIIT): lists of JOOL_A_EAMT_ENTRY, as for
 *                 JOOL_CMD_EAMT_ADD (as many lists as needed).
 *               JOOL_A_PREFIX (SIIT), repeated: the denylist4 prefixes.
 *               JOOL_A_POOL4_ENTRY (NAT64), repeated: as for
 *                 JOOL_CMD_POOL4_ADD.
 *               JOOL_A_BIB_ENTRY (NAT64), repeated: static BIB entries,
 *                 as for JOOL_CMD_BIB_ADD; their IPv4 transport address
 *                 must be in the new pool4; no two may share a
 *                 transport address. One already static stays.
 *               JOOL_A_GLOBALS and JOOL_A_MODE at most once each.
 *               JOOL_A_FORCE (flag): as for JOOL_CMD_EAMT_ADD and
 *                 JOOL_CMD_POOL4_ADD, for every entry of the request.
 *               Everything is validated on a copy of the configuration,
 *               which is then published at once (one RCU swap): a packet
 *               sees the old configuration or the new one, never a mix.
 *               On NAT64 devices, with JOOL_A_REPLACE, the BIB entries
 *               (and their sessions) whose IPv4 transport address left
 *               pool4 go then, and so do the static entries the request
 *               lacks; the dynamic entries still in pool4 stay, with
 *               their sessions. The static entries are checked, then
 *               added just before the swap, under the same
 *               configuration lock (the BIB may briefly hold
 *               max-sessions entries plus those that go with the
 *               request); an entry in their way that goes with the
 *               request goes first. If one cannot be added (-ENOSPC past
 *               max-sessions, -ENOMEM, -EEXIST if a packet took one of
 *               its transport addresses since the check), those added
 *               are taken back, the static entries deleted to make way
 *               are put back (dynamic ones in the way are not) and
 *               nothing is published: a refused request changes
 *               nothing else. After the swap only deletions remain,
 *               which cannot fail. Each table is built once per
 *               request. The extended ack's offset
 *               (NLMSGERR_ATTR_OFFS) points at the attribute at fault (a
 *               global, an entry, JOOL_A_MODE). The request may be as big
 *               as the socket's send buffer allows (joolctl raises it to
 *               fit).
 *      reply:   ack
 *
 *    JOOL_CMD_LOG_EVENT (multicast only, NAT64 devices; "joolctl monitor")
 *      Sent to the multicast group JOOL_GENL_MCGRP_LOG of the family
 *      (joining it needs CAP_NET_ADMIN over the device's namespace), in
 *      the namespace of the device, for each BIB entry created or
 *      removed (global JOOL_GLOBAL_LOGGING_BIB) and each session created
 *      or removed (JOOL_GLOBAL_LOGGING_SESSION):
 *               JOOL_A_IFINDEX, JOOL_A_IFNAME, JOOL_A_LOG (nest):
 *               JOOL_LOG_TYPE, JOOL_LOG_TIME (when it happened),
 *               JOOL_LOG_PROTO, JOOL_LOG_ADDR6 + PORT6 and JOOL_LOG_ADDR4
 *               + PORT4 (the mapping), JOOL_LOG_REMOTE4 + RPORT4
 *               (sessions: the remote; its IPv6 form is its pool6
 *               translation), JOOL_LOG_REASON (removals), JOOL_LOG_STATIC
 *               (a static BIB entry). With port blocks
 *               (JOOL_GLOBAL_PORT_BLOCK_SIZE), each block allocated or
 *               released is an event too (JOOL_GLOBAL_LOGGING_BLOCKS):
 *               JOOL_LOG_PROTO, JOOL_LOG_ADDR6 (its owner), JOOL_LOG_ADDR4
 *               + PORT4 (its first port) + PORT4_MAX (its last),
 *               JOOL_LOG_REASON (releases: that of its last BIB entry),
 *               no PORT6. A static BIB entry made out of a
 *               dynamic one (JOOL_CMD_BIB_ADD) is no new entry, and the
 *               entries of a deleted device go without events. Nothing
 *               is built while the group has no member in the namespace.
 *               An event whose message could not be allocated, or that a
 *               member's full receive buffer refused (the member's next
 *               read fails with ENOBUFS), is counted as
 *               JOOL_STAT_NAT64_LOG_LOST; the latter only for members
 *               that set the socket option NETLINK_BROADCAST_ERROR
 *               (netlink_broadcast() reports no other failure).
 *
 * Globals (attributes of JOOL_A_GLOBALS):
 *    JOOL_GLOBAL_POOL6       nest of JOOL_PREFIX_ADDR + JOOL_PREFIX_LEN; an
 *                            empty nest unsets it. RFC 6052: the length is
 *                            one of 32, 40, 48, 56, 64, 96; bits after the
 *                            length must be zero, and so must bits 64-71
 *                            (the "u" octet).
 *    JOOL_GLOBAL_ENABLED     u8, 0 or 1 ("manually-enabled"). A disabled
 *                            device drops everything it is given.
 *    JOOL_GLOBAL_ZEROIZE_TC  u8, 0 or 1 ("zeroize-traffic-class"): IPv4 ->
 *                            IPv6 sets the traffic class to zero instead of
 *                            copying the TOS (RFC 7915 4.1). Default 0.
 *    JOOL_GLOBAL_OVERRIDE_TOS u8, 0 or 1 ("override-tos"): IPv6 -> IPv4 sets
 *                            the TOS to JOOL_GLOBAL_TOS instead of copying
 *                            the traffic class (RFC 7915 5.1). Default 0.
 *    JOOL_GLOBAL_TOS         u8 ("tos"), see above. Default 0.
 *    JOOL_GLOBAL_AMEND_UDP_CSUM0 u8, 0 or 1 ("amend-udp-checksum-zero"):
 *                            an unfragmented IPv4 UDP packet with a zero
 *                            checksum gets a computed one (RFC 7915 4.5)
 *                            instead of being dropped. Default 0.
 *    JOOL_GLOBAL_MTU_PLATEAUS nest of 1-16 JOOL_PLATEAU attributes (u16,
 *                            1-65535) ("mtu-plateaus"): the RFC 1191 MTU
 *                            plateaus for ICMPv4 "fragmentation needed"
 *                            errors that carry no MTU. Stored sorted,
 *                            descending, without duplicates. Default
 *                            65535 32000 17914 8166 4352 2002 1492 1006
 *                            508 296 68.
 *    JOOL_GLOBAL_RFC6791V4   prefix nest, IPv4 ("rfc6791v4-prefix"); empty
 *                            nest unsets. Source addresses for translated
 *                            ICMPv6 errors whose source has no IPv4
 *                            translation (RFC 6791). Unset: an IPv4 address
 *                            of the translator's namespace is used.
 *    JOOL_GLOBAL_RFC6791V6   prefix nest, IPv6 ("rfc6791v6-prefix"): the
 *                            same for translated ICMPv4 errors.
 *    JOOL_GLOBAL_RANDOMIZE_6791 u8, 0 or 1 ("randomize-rfc6791-addresses"):
 *                            pick a random address of the RFC 6791 prefix
 *                            for each error, else always the first.
 *                            Default 1.
 *    JOOL_GLOBAL_LOWEST_IPV6_MTU u32, 1280-65535 ("lowest-ipv6-mtu"): the
 *                            smallest MTU of the IPv6 side. IPv4 packets
 *                            without DF that would translate into IPv6
 *                            packets bigger than this are fragmented first,
 *                            so that every piece fits. Default 1280.
 *    JOOL_GLOBAL_EAM_HAIRPIN_MODE u8, enum jool_hairpin_mode
 *                            ("eam-hairpin-mode", RFC 7757 4). Default
 *                            JOOL_HAIRPIN_INTRINSIC.
 *    JOOL_GLOBAL_LOGGING_DEBUG u8, 0 or 1 ("logging-debug"): log why each
 *                            packet was dropped (rate-limited, kernel log).
 *                            Default 0.
 *
 *    NAT64 devices only (RFC 6146; Jool's names, defaults and units; a
 *    SIIT device refuses them, and a NAT64 device refuses the SIIT-only
 *    globals AMEND_UDP_CSUM0, RFC6791V4, RFC6791V6, RANDOMIZE_6791 and
 *    EAM_HAIRPIN_MODE, as Jool does):
 *    JOOL_GLOBAL_ADF         u8, 0 or 1 ("address-dependent-filtering"):
 *                            an IPv4 packet is let in only from an address
 *                            the IPv6 node has a session with (RFC 6146
 *                            3.5.1.1, 3.5.2.2); else endpoint-independent
 *                            filtering. Default 0.
 *    JOOL_GLOBAL_DROP_EXTERNAL_TCP u8, 0 or 1
 *                            ("drop-externally-initiated-tcp"): an IPv4 SYN
 *                            without a session is dropped (RFC 6146 3.5.2.2,
 *                            CLOSED state). Default 0.
 *    JOOL_GLOBAL_DROP_ICMP6_INFO u8, 0 or 1 ("drop-icmpv6-info"): ICMPv6
 *                            informational messages are not translated
 *                            (RFC 6146 3.5.3). Default 0.
 *    JOOL_GLOBAL_SRC_ICMP6_BETTER u8, 0 or 1
 *                            ("source-icmpv6-errors-better"): translated
 *                            ICMPv4 errors take as IPv6 source the pool6
 *                            translation of the IPv4 source (as Jool does
 *                            when true), else that of the inner packet's
 *                            destination. Default 1.
 *    JOOL_GLOBAL_F_ARGS      u8, 0-15 ("f-args"): which fields feed the
 *                            function F() of RFC 6056 algorithm 3 that
 *                            picks pool4 ports: JOOL_F_ARGS_* bits.
 *                            Default 11 (source address, destination
 *                            address and port).
 *    JOOL_GLOBAL_HANDLE_RST  u8, 0 or 1 ("handle-rst-during-fin-rcv"): an RST
 *                            in V4 FIN RCV or V6 FIN RCV sets the
 *                            transitory lifetime (RFC 6146 would keep the
 *                            established one). Default 0.
 *    JOOL_GLOBAL_TCP_EST_TIMEOUT u32, milliseconds ("tcp-est-timeout"): the
 *                            lifetime of an established TCP session
 *                            (RFC 6146 4 TCP_EST, RFC 5382 REQ-5). At least
 *                            7440000 (2 h 4 min). Default 7440000. Every
 *                            timeout is at most JOOL_TIMEOUT_MAX_MS.
 *    JOOL_GLOBAL_TCP_TRANS_TIMEOUT u32, milliseconds ("tcp-trans-timeout"):
 *                            the transitory TCP lifetime (TCP_TRANS). At
 *                            least and by default 240000 (4 min).
 *    JOOL_GLOBAL_UDP_TIMEOUT u32, milliseconds ("udp-timeout"): the UDP
 *                            session lifetime (RFC 6146 4 UDP_MIN,
 *                            UDP_DEFAULT). At least 120000 (2 min); default
 *                            300000 (5 min).
 *    JOOL_GLOBAL_ICMP_TIMEOUT u32, milliseconds ("icmp-timeout"): the ICMP
 *                            query session lifetime (ICMP_DEFAULT). Any
 *                            value; default 60000 (1 min).
 *    JOOL_GLOBAL_MAX_SO      u32 ("maximum-simultaneous-opens"): how many
 *                            IPv4 SYNs without a mapping may be stored at
 *                            once for a simultaneous open (RFC 6146
 *                            3.5.2.2). Any value; default 10.
 *    JOOL_GLOBAL_LOGGING_BIB u8, 0 or 1 ("logging-bib"): multicast an event
 *                            for each BIB entry created or removed
 *                            (JOOL_CMD_LOG_EVENT; RFC 6888 REQ-12).
 *                            Default 1: nothing is done while nobody
 *                            listens.
 *    JOOL_GLOBAL_LOGGING_SESSION u8, 0 or 1 ("logging-session"): the same for
 *                            sessions. Default 0.
 *    JOOL_GLOBAL_MAX_PORTS_PER_HOST u32 ("max-ports-per-host"): how many
 *                            BIB entries (pool4 transport addresses, TCP,
 *                            UDP and ICMP together, static ones included)
 *                            one IPv6 address may hold; a packet that
 *                            needs one more is dropped
 *                            (JOOL_STAT_NAT64_HOST_PORTS). 0 (the
 *                            default): no limit.
 *    JOOL_GLOBAL_DET_PREFIX6 prefix ("deterministic-prefix6"): RFC 7422
 *                            deterministic mode: the IPv6 prefix whose
 *                            subscribers get computed ports; empty nest:
 *                            off (default). Set, it needs DET_PREFIX4,
 *                            and the five DET globals must divide
 *                            (include/core/determ.h), else the request is
 *                            refused.
 *    JOOL_GLOBAL_DET_SUB_LEN u8 ("deterministic-subscriber-length"): one
 *                            subscriber's prefix length; default 56.
 *    JOOL_GLOBAL_DET_PREFIX4 prefix ("deterministic-prefix4"): the IPv4
 *                            addresses the subscribers share.
 *    JOOL_GLOBAL_DET_PORT_MIN, JOOL_GLOBAL_DET_PORT_MAX u32
 *                            ("deterministic-port-min", "-max"): the ports
 *                            of each address given out; 1024-65535.
 *    JOOL_GLOBAL_PORT_BLOCK_SIZE u32 ("port-block-size"): 0 (default: off)
 *                            or a power of two from 2 to 32768: clients
 *                            get their ports in aligned blocks of that
 *                            many (not with deterministic mode; fixed
 *                            while the device has state).
 *    JOOL_GLOBAL_MAX_PORT_BLOCKS u32 ("max-port-blocks-per-client"): the
 *                            most blocks a client holds per protocol,
 *                            1-1024; default 8.
 *    JOOL_GLOBAL_LOGGING_BLOCKS u8, 0 or 1 ("logging-port-blocks"):
 *                            multicast an event for each port block
 *                            allocated or released (JOOL_CMD_LOG_EVENT).
 *                            Default 1; independent of LOGGING_BIB, which
 *                            can then be turned off (one event per block,
 *                            not per mapping).
 *
 *    The timeout minimums are not enforced if the module was loaded with
 *    test_short_timeouts=1, a knob for tests only (docs/testing.md).
 *
 * Prefix attributes (nested in a prefix-typed attribute):
 *    JOOL_PREFIX_ADDR        16 bytes (IPv6) or 4 bytes (IPv4), network order;
 *                            bits past the length must be zero
 *    JOOL_PREFIX_LEN         u8
 *
 * Address query result (attributes of JOOL_A_QUERY):
 *    JOOL_QUERY_RULE         u8, enum jool_rule: what decided
 *    JOOL_QUERY_ADDRESS      4 or 16 bytes: the translation (JOOL_RULE_EAM,
 *                            JOOL_RULE_POOL6 only)
 *    JOOL_QUERY_EAM          nest of JOOL_EAM_PREFIX6 + JOOL_EAM_PREFIX4:
 *                            the EAM used (JOOL_RULE_EAM)
 *    JOOL_QUERY_PREFIX       prefix nest: the pool6 prefix
 *                            (JOOL_RULE_POOL6), the denylist4 prefix
 *                            (JOOL_RULE_DENYLIST4, the most specific one)
 *                            or the implicit range (JOOL_RULE_IMPLICIT)
 *    JOOL_QUERY_REASON       u32, enum jool_stat: the counter a packet
 *                            with this destination would be dropped with
 *                            (absent when it translates)
 *    JOOL_QUERY_PORT_MIN, JOOL_QUERY_PORT_MAX  u16: (NAT64,
 *                            JOOL_RULE_DETERMINISTIC) the subscriber's
 *                            port range; then JOOL_QUERY_ADDRESS is the
 *                            subscriber's IPv4 address and
 *                            JOOL_QUERY_PREFIX its IPv6 prefix, whichever
 *                            way the question went. Outside the mapping:
 *                            JOOL_RULE_NONE, reason NAT64_DET_OUTSIDE.
 *    JOOL_QUERY_BLOCK        nest of JOOL_QBLOCK_*, once per protocol:
 *                            (NAT64, port-block-size set; JOOL_RULE_BLOCK)
 *                            the block an IPv4 transport address is in,
 *                            its owner and when it was allocated. No
 *                            client holds it: JOOL_RULE_NONE, reason
 *                            NAT64_NO_BIB4. For an IPv6 address: the
 *                            blocks it holds (every protocol, newest
 *                            first, at most JOOL_QUERY_BLOCKS_LISTED),
 *                            JOOL_RULE_BLOCK even with none.
 *    JOOL_QUERY_BLOCKS_HELD  u32 (IPv6 address, port blocks): how many
 *                            blocks it holds (more than the nests when
 *                            above JOOL_QUERY_BLOCKS_LISTED).
 *
 * Stats (attributes of JOOL_A_STATS, each a u64, summed over CPUs):
 *    see enum jool_stat. JOOL_STAT_UNSPEC may appear as alignment padding
 *    and carries nothing.
 */
#ifndef _UAPI_JOOL_NETDEV_H
#define _UAPI_JOOL_NETDEV_H

#include <linux/types.h>

#define JOOL_LINK_KIND		"jool"
#define JOOL_GENL_NAME		"jool_netdev"
#define JOOL_GENL_VERSION	1
#define JOOL_GENL_MCGRP_LOG	"log"

enum jool_mode {
	JOOL_MODE_SIIT,
	JOOL_MODE_NAT64,
	__JOOL_MODE_MAX
};
#define JOOL_MODE_MAX (__JOOL_MODE_MAX - 1)

/* rtnetlink: IFLA_LINKINFO / IFLA_INFO_DATA of kind "jool" */
enum {
	IFLA_JOOL_UNSPEC,
	IFLA_JOOL_MODE,		/* u8, enum jool_mode */
	IFLA_JOOL_POOL6,	/* nest: JOOL_PREFIX_* */
	IFLA_JOOL_MAX_SESSIONS,	/* u32, NAT64 only */
	IFLA_JOOL_SESSIONS,	/* u32, reported only */
	__IFLA_JOOL_MAX
};
#define IFLA_JOOL_MAX (__IFLA_JOOL_MAX - 1)
#define JOOL_MAX_SESSIONS_MAX	(1U << 24)

enum jool_cmd {
	JOOL_CMD_UNSPEC,
	JOOL_CMD_GET_DEVICE,
	JOOL_CMD_SET_GLOBALS,
	JOOL_CMD_GET_STATS,
	JOOL_CMD_EAMT_ADD,
	JOOL_CMD_EAMT_DEL,
	JOOL_CMD_EAMT_FLUSH,
	JOOL_CMD_EAMT_GET,
	JOOL_CMD_DENYLIST4_ADD,
	JOOL_CMD_DENYLIST4_DEL,
	JOOL_CMD_DENYLIST4_FLUSH,
	JOOL_CMD_DENYLIST4_GET,
	JOOL_CMD_ADDRESS_QUERY,
	JOOL_CMD_POOL4_ADD,
	JOOL_CMD_POOL4_DEL,
	JOOL_CMD_POOL4_FLUSH,
	JOOL_CMD_POOL4_GET,
	JOOL_CMD_BIB_ADD,
	JOOL_CMD_BIB_DEL,
	JOOL_CMD_BIB_GET,
	JOOL_CMD_SESSION_GET,
	JOOL_CMD_SET_CONFIG,
	JOOL_CMD_LOG_EVENT,	/* multicast only (JOOL_GENL_MCGRP_LOG) */
	__JOOL_CMD_MAX
};
#define JOOL_CMD_MAX (__JOOL_CMD_MAX - 1)

enum jool_attr {
	JOOL_A_UNSPEC,
	JOOL_A_IFINDEX,		/* u32 */
	JOOL_A_IFNAME,		/* string */
	JOOL_A_MODE,		/* u8, enum jool_mode */
	JOOL_A_GLOBALS,		/* nest: JOOL_GLOBAL_* */
	JOOL_A_STATS,		/* nest: JOOL_STAT_* */
	JOOL_A_EAMT,		/* nest: JOOL_A_EAMT_ENTRY... */
	JOOL_A_EAMT_ENTRY,	/* nest: JOOL_EAM_* */
	JOOL_A_FORCE,		/* flag */
	JOOL_A_PREFIX,		/* nest: JOOL_PREFIX_* */
	JOOL_A_ADDRESS,		/* 4 or 16 bytes, network order */
	JOOL_A_QUERY,		/* nest: address query result */
	JOOL_A_POOL4,		/* nest: JOOL_A_POOL4_ENTRY... */
	JOOL_A_POOL4_ENTRY,	/* nest: JOOL_POOL4_* */
	JOOL_A_QUICK,		/* flag */
	JOOL_A_BIB,		/* nest: JOOL_A_BIB_ENTRY... */
	JOOL_A_BIB_ENTRY,	/* nest: JOOL_BIB_* */
	JOOL_A_SESSIONS,	/* nest: JOOL_A_SESSION_ENTRY... */
	JOOL_A_SESSION_ENTRY,	/* nest: JOOL_SESSION_* */
	JOOL_A_REPLACE,		/* flag */
	JOOL_A_LOG,		/* nest: JOOL_LOG_* */
	JOOL_A_PORT,		/* u16: the port of a NAT64 address query */
	JOOL_A_MAX_SESSIONS,	/* u32: JOOL_CMD_GET_DEVICE, NAT64 */
	JOOL_A_SESSION_COUNT,	/* u32: JOOL_CMD_GET_DEVICE, NAT64 */
	__JOOL_A_MAX
};
#define JOOL_A_MAX (__JOOL_A_MAX - 1)

enum jool_global {
	JOOL_GLOBAL_UNSPEC,
	JOOL_GLOBAL_POOL6,	/* nest: JOOL_PREFIX_*, empty = unset */
	JOOL_GLOBAL_ENABLED,	/* u8 */
	JOOL_GLOBAL_ZEROIZE_TC,	/* u8 */
	JOOL_GLOBAL_OVERRIDE_TOS, /* u8 */
	JOOL_GLOBAL_TOS,	/* u8 */
	JOOL_GLOBAL_AMEND_UDP_CSUM0, /* u8 */
	JOOL_GLOBAL_MTU_PLATEAUS, /* nest: JOOL_PLATEAU... */
	JOOL_GLOBAL_RFC6791V4,	/* nest: JOOL_PREFIX_* (4-byte), empty = unset */
	JOOL_GLOBAL_RFC6791V6,	/* nest: JOOL_PREFIX_* (16-byte), empty = unset */
	JOOL_GLOBAL_RANDOMIZE_6791, /* u8 */
	JOOL_GLOBAL_LOWEST_IPV6_MTU, /* u32 */
	JOOL_GLOBAL_EAM_HAIRPIN_MODE, /* u8, enum jool_hairpin_mode */
	JOOL_GLOBAL_LOGGING_DEBUG, /* u8 */
	JOOL_GLOBAL_ADF,	/* u8; NAT64 */
	JOOL_GLOBAL_DROP_EXTERNAL_TCP, /* u8; NAT64 */
	JOOL_GLOBAL_DROP_ICMP6_INFO, /* u8; NAT64 */
	JOOL_GLOBAL_SRC_ICMP6_BETTER, /* u8; NAT64 */
	JOOL_GLOBAL_F_ARGS,	/* u8, JOOL_F_ARGS_* bits; NAT64 */
	JOOL_GLOBAL_HANDLE_RST,	/* u8; NAT64 */
	JOOL_GLOBAL_TCP_EST_TIMEOUT, /* u32, ms; NAT64 */
	JOOL_GLOBAL_TCP_TRANS_TIMEOUT, /* u32, ms; NAT64 */
	JOOL_GLOBAL_UDP_TIMEOUT, /* u32, ms; NAT64 */
	JOOL_GLOBAL_ICMP_TIMEOUT, /* u32, ms; NAT64 */
	JOOL_GLOBAL_MAX_SO,	/* u32; NAT64 */
	JOOL_GLOBAL_LOGGING_BIB, /* u8; NAT64 */
	JOOL_GLOBAL_LOGGING_SESSION, /* u8; NAT64 */
	JOOL_GLOBAL_MAX_PORTS_PER_HOST, /* u32; NAT64 */
	JOOL_GLOBAL_DET_PREFIX6, /* nest: JOOL_PREFIX_*, empty = unset; NAT64 */
	JOOL_GLOBAL_DET_SUB_LEN, /* u8, 0-128; NAT64 */
	JOOL_GLOBAL_DET_PREFIX4, /* nest: JOOL_PREFIX_*, empty = unset; NAT64 */
	JOOL_GLOBAL_DET_PORT_MIN, /* u32, 0-65535; NAT64 */
	JOOL_GLOBAL_DET_PORT_MAX, /* u32, 0-65535; NAT64 */
	JOOL_GLOBAL_PORT_BLOCK_SIZE, /* u32, 0 or 2^1-2^15; NAT64 */
	JOOL_GLOBAL_MAX_PORT_BLOCKS, /* u32, 1-1024; NAT64 */
	JOOL_GLOBAL_LOGGING_BLOCKS, /* u8; NAT64 */
	__JOOL_GLOBAL_MAX
};
#define JOOL_GLOBAL_MAX (__JOOL_GLOBAL_MAX - 1)

/* Values of JOOL_GLOBAL_EAM_HAIRPIN_MODE (RFC 7757 4). */
enum jool_hairpin_mode {
	JOOL_HAIRPIN_OFF,	/* "off" */
	JOOL_HAIRPIN_SIMPLE,	/* "simple" */
	JOOL_HAIRPIN_INTRINSIC,	/* "intrinsic" */
	__JOOL_HAIRPIN_MAX
};
#define JOOL_HAIRPIN_MAX (__JOOL_HAIRPIN_MAX - 1)

/*
 * Bits of JOOL_GLOBAL_F_ARGS: the fields of a packet's tuple that feed F()
 * (RFC 6056 algorithm 3), in Jool's order: the leftmost of the four is the
 * source address.
 */
#define JOOL_F_ARGS_SRC_ADDR	0x8
#define JOOL_F_ARGS_SRC_PORT	0x4
#define JOOL_F_ARGS_DST_ADDR	0x2
#define JOOL_F_ARGS_DST_PORT	0x1
#define JOOL_F_ARGS_MAX		0xf

/*
 * The least values of the NAT64 timeouts, milliseconds: RFC 6146 section 4
 * and RFC 5382 REQ-5 (Jool takes 2 hours for TCP_EST, below RFC 5382's
 * 2 hours 4 minutes: see docs/design.md). icmp-timeout has none.
 */
#define JOOL_UDP_MIN_MS		(2 * 60 * 1000)
#define JOOL_TCP_EST_MIN_MS	((2 * 60 + 4) * 60 * 1000)
#define JOOL_TCP_TRANS_MIN_MS	(4 * 60 * 1000)

/*
 * The most any of them may be, milliseconds: 24 days. A session's expiry
 * is a 32-bit jiffies stamp that must stay less than 2^31 jiffies ahead:
 * 24.8 days at HZ=1000, 24.3 at 1024; 24 days fits every HZ.
 */
#define JOOL_TIMEOUT_MAX_MS	(24U * 24 * 60 * 60 * 1000)

/* Attributes of JOOL_GLOBAL_MTU_PLATEAUS. */
enum {
	JOOL_PLATEAU_UNSPEC,
	JOOL_PLATEAU,		/* u16 */
};

enum jool_eam_attr {
	JOOL_EAM_UNSPEC,
	JOOL_EAM_PREFIX6,	/* nest: JOOL_PREFIX_* (16-byte address) */
	JOOL_EAM_PREFIX4,	/* nest: JOOL_PREFIX_* (4-byte address) */
	__JOOL_EAM_MAX
};
#define JOOL_EAM_MAX (__JOOL_EAM_MAX - 1)

/* Attributes of JOOL_A_QUERY. */
enum jool_query_attr {
	JOOL_QUERY_UNSPEC,
	JOOL_QUERY_RULE,	/* u8, enum jool_rule */
	JOOL_QUERY_ADDRESS,	/* 4 or 16 bytes */
	JOOL_QUERY_EAM,		/* nest: JOOL_EAM_* */
	JOOL_QUERY_PREFIX,	/* nest: JOOL_PREFIX_* */
	JOOL_QUERY_REASON,	/* u32, enum jool_stat */
	JOOL_QUERY_PORT_MIN,	/* u16 */
	JOOL_QUERY_PORT_MAX,	/* u16 */
	JOOL_QUERY_BLOCK,	/* nest: JOOL_QBLOCK_* (port blocks) */
	JOOL_QUERY_BLOCKS_HELD,	/* u32: (IPv6, port blocks) how many */
	__JOOL_QUERY_MAX
};
#define JOOL_QUERY_MAX (__JOOL_QUERY_MAX - 1)

/* Attributes of a JOOL_QUERY_BLOCK nest: one block a client holds. */
enum {
	JOOL_QBLOCK_UNSPEC,
	JOOL_QBLOCK_PROTO,	/* u8, IPPROTO_* */
	JOOL_QBLOCK_OWNER,	/* 16 bytes: the client */
	JOOL_QBLOCK_ADDR4,	/* 4 bytes */
	JOOL_QBLOCK_PORT_MIN,	/* u16 */
	JOOL_QBLOCK_PORT_MAX,	/* u16 */
	JOOL_QBLOCK_SINCE,	/* u64: allocated, seconds since the epoch */
	JOOL_QBLOCK_PAD,	/* (alignment of SINCE) */
	__JOOL_QBLOCK_MAX
};
#define JOOL_QBLOCK_MAX (__JOOL_QBLOCK_MAX - 1)

/* The most JOOL_QUERY_BLOCK nests in an answer. */
#define JOOL_QUERY_BLOCKS_LISTED 64

/* Values of JOOL_QUERY_RULE: which rule decided an address's fate. */
enum jool_rule {
	JOOL_RULE_NONE,		/* no rule: not translated */
	JOOL_RULE_EAM,		/* translated by an EAM (RFC 7757) */
	JOOL_RULE_POOL6,	/* translated by pool6 (RFC 6052) */
	JOOL_RULE_DENYLIST4,	/* pool6 would, but denylist4 refuses it */
	JOOL_RULE_IMPLICIT,	/* pool6 would, but an implicit rule refuses */
	JOOL_RULE_DETERMINISTIC, /* NAT64: RFC 7422 deterministic mapping */
	JOOL_RULE_BLOCK,	/* NAT64: port blocks (port-block-size) */
	__JOOL_RULE_MAX
};

/* Attributes of JOOL_A_POOL4_ENTRY. */
enum jool_pool4_attr {
	JOOL_POOL4_UNSPEC,
	JOOL_POOL4_PROTO,	/* u8: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP */
	JOOL_POOL4_MARK,	/* u32 */
	JOOL_POOL4_PREFIX,	/* nest: JOOL_PREFIX_* (4-byte address) */
	JOOL_POOL4_MIN_PORT,	/* u16 */
	JOOL_POOL4_MAX_PORT,	/* u16 */
	JOOL_POOL4_ITER_MODE,	/* u8, enum jool_pool4_iter */
	JOOL_POOL4_ITERATIONS,	/* u32 */
	__JOOL_POOL4_MAX
};
#define JOOL_POOL4_MAX (__JOOL_POOL4_MAX - 1)

/* Values of JOOL_POOL4_ITER_MODE: a pool4 set's "max-iterations". */
enum jool_pool4_iter {
	JOOL_POOL4_ITER_AUTO,	/* "auto": from the set's size */
	JOOL_POOL4_ITER_INFINITE, /* "infinity": no limit */
	JOOL_POOL4_ITER_FIXED,	/* JOOL_POOL4_ITERATIONS */
	__JOOL_POOL4_ITER_MAX
};
#define JOOL_POOL4_ITER_MAX (__JOOL_POOL4_ITER_MAX - 1)

/* Attributes of JOOL_A_BIB_ENTRY. */
enum jool_bib_attr {
	JOOL_BIB_UNSPEC,
	JOOL_BIB_PROTO,		/* u8: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP */
	JOOL_BIB_ADDR6,		/* 16 bytes */
	JOOL_BIB_PORT6,		/* u16 */
	JOOL_BIB_ADDR4,		/* 4 bytes, network order */
	JOOL_BIB_PORT4,		/* u16 */
	JOOL_BIB_STATIC,	/* flag */
	__JOOL_BIB_MAX
};
#define JOOL_BIB_MAX (__JOOL_BIB_MAX - 1)

/* Attributes of JOOL_A_SESSION_ENTRY. */
enum jool_session_attr {
	JOOL_SESSION_UNSPEC,
	JOOL_SESSION_PROTO,	/* u8: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP */
	JOOL_SESSION_SRC6,	/* 16 bytes: the IPv6 host */
	JOOL_SESSION_SPORT6,	/* u16 */
	JOOL_SESSION_DST6,	/* 16 bytes: the remote, pool6-translated */
	JOOL_SESSION_DPORT6,	/* u16 */
	JOOL_SESSION_SRC4,	/* 4 bytes: the pool4 address */
	JOOL_SESSION_SPORT4,	/* u16 */
	JOOL_SESSION_DST4,	/* 4 bytes: the remote IPv4 host */
	JOOL_SESSION_DPORT4,	/* u16 */
	JOOL_SESSION_STATE,	/* u8: TCP state (RFC 6146 3.5.2) */
	JOOL_SESSION_EXPIRES,	/* u32: milliseconds until it expires */
	__JOOL_SESSION_MAX
};
#define JOOL_SESSION_MAX (__JOOL_SESSION_MAX - 1)

/* Attributes of JOOL_A_LOG (a JOOL_CMD_LOG_EVENT). */
enum jool_log_attr {
	JOOL_LOG_UNSPEC,
	JOOL_LOG_TYPE,		/* u8, enum jool_log_type */
	JOOL_LOG_TIME,		/* u64: nanoseconds since the epoch (UTC) */
	JOOL_LOG_PROTO,		/* u8: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP */
	JOOL_LOG_ADDR6,		/* 16 bytes: the IPv6 host */
	JOOL_LOG_PORT6,		/* u16 */
	JOOL_LOG_ADDR4,		/* 4 bytes: its pool4 address */
	JOOL_LOG_PORT4,		/* u16 */
	JOOL_LOG_REMOTE4,	/* 4 bytes: the remote IPv4 host (sessions) */
	JOOL_LOG_RPORT4,	/* u16 (sessions) */
	JOOL_LOG_REASON,	/* u8, enum jool_log_reason (removals) */
	JOOL_LOG_STATIC,	/* flag: a static BIB entry */
	JOOL_LOG_PAD,		/* alignment of JOOL_LOG_TIME */
	JOOL_LOG_PORT4_MAX,	/* u16: a port block's last port */
	__JOOL_LOG_MAX
};
#define JOOL_LOG_MAX (__JOOL_LOG_MAX - 1)

/* Values of JOOL_LOG_TYPE. */
enum jool_log_type {
	JOOL_LOG_BIB_ADD = 1,	/* a BIB entry was created */
	JOOL_LOG_BIB_DEL,	/* a BIB entry was removed */
	JOOL_LOG_SESSION_ADD,	/* a session was created */
	JOOL_LOG_SESSION_DEL,	/* a session was removed */
	JOOL_LOG_BLOCK_ADD,	/* a port block was allocated */
	JOOL_LOG_BLOCK_DEL,	/* a port block was released */
	__JOOL_LOG_TYPE_MAX
};
#define JOOL_LOG_TYPE_MAX (__JOOL_LOG_TYPE_MAX - 1)

/* Values of JOOL_LOG_REASON: why an entry went. */
enum jool_log_reason {
	/* A session timed out; a dynamic BIB entry lost its last session. */
	JOOL_LOG_REASON_EXPIRED = 1,
	/* bib del, setconf, or a static entry made dynamic without sessions. */
	JOOL_LOG_REASON_ADMIN,
	JOOL_LOG_REASON_POOL4,	/* its IPv4 transport address left pool4 */
	JOOL_LOG_REASON_BIB,	/* (session) its BIB entry went */
	__JOOL_LOG_REASON_MAX
};
#define JOOL_LOG_REASON_MAX (__JOOL_LOG_REASON_MAX - 1)

enum jool_prefix_attr {
	JOOL_PREFIX_UNSPEC,
	JOOL_PREFIX_ADDR,	/* 16 or 4 bytes */
	JOOL_PREFIX_LEN,	/* u8 */
	__JOOL_PREFIX_MAX
};
#define JOOL_PREFIX_MAX (__JOOL_PREFIX_MAX - 1)

/*
 * Per-reason counters, listed with their explanations in
 * uapi/jool_stats.h. Packets/bytes in and out are in the device's rtnl stats
 * ("ip -s link show"); these say why packets were not translated. New
 * reasons are appended; the module and its tools ship together, so the
 * numbers may change between versions.
 */
enum jool_stat {
	JOOL_STAT_UNSPEC,
#define JOOL_STAT(name, text) JOOL_STAT_##name,
#include "jool_stats.h"
#undef JOOL_STAT
	__JOOL_STAT_MAX
};
#define JOOL_STAT_MAX (__JOOL_STAT_MAX - 1)

#endif /* _UAPI_JOOL_NETDEV_H */
