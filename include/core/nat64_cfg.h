/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The NAT64 globals (RFC 6146), as the NAT64 core and the state tables
 * read them: part of struct xlat_cfg, set by "joolctl DEV global set" on a
 * NAT64 device (src/config_globals.h). Names, defaults and units are Jool
 * 4.1.9's; the lifetimes are milliseconds, as on the wire.
 */
#ifndef _JOOL_CORE_NAT64_CFG_H
#define _JOOL_CORE_NAT64_CFG_H

#include "core_types.h"
#include "core/determ.h"
#include <uapi/jool_netdev.h>

/* The minimums, JOOL_*_MIN_MS, are in uapi/jool_netdev.h. The defaults: UDP_DEFAULT, TCP_EST, TCP_TRANS and ICMP_DEFAULT. */
#define JOOL_UDP_DEFAULT_MS	(5 * 60 * 1000)
#define JOOL_TCP_EST_DEFAULT_MS	JOOL_TCP_EST_MIN_MS
#define JOOL_TCP_TRANS_DEFAULT_MS JOOL_TCP_TRANS_MIN_MS
#define JOOL_ICMP_DEFAULT_MS	(60 * 1000)

/*
 * RFC 6146 3.5.2.2: an IPv4 SYN without a session is held at least 6
 * seconds (TCP_INCOMING_SYN) for a simultaneous open. Not a global, in
 * Jool either.
 */
#define JOOL_TCP_INCOMING_SYN_MS (6 * 1000)

/* "f-args" default: source address, destination address and port. */
#define JOOL_F_ARGS_DEFAULT	(JOOL_F_ARGS_SRC_ADDR | JOOL_F_ARGS_DST_ADDR | \
				 JOOL_F_ARGS_DST_PORT)
/* "maximum-simultaneous-opens" default. */
#define JOOL_MAX_SO_DEFAULT	10
/* "max-port-blocks-per-client" default and maximum. */
#define JOOL_MAX_BLOCKS_DEFAULT	8
#define JOOL_MAX_PORT_BLOCKS	16

/**
 * struct nat64_cfg - the NAT64 globals
 * @adf: "address-dependent-filtering": IPv4 packets are let in only from
 *	addresses the IPv6 node has a session with (RFC 6146 3.5.1.1), else
 *	endpoint-independent filtering
 * @drop_external_tcp: "drop-externally-initiated-tcp": drop IPv4 SYNs that
 *	no session expects (RFC 6146 3.5.2.2, CLOSED state)
 * @drop_icmp6_info: "drop-icmpv6-info": do not translate ICMPv6
 *	informational messages (RFC 6146 3.5.3)
 * @src_icmp6_better: "source-icmpv6-errors-better": a translated ICMPv4
 *	error's IPv6 source is the pool6 translation of its IPv4 source,
 *	rather than that of its inner packet's destination
 * @f_args: "f-args": JOOL_F_ARGS_* bits, the tuple fields F() of RFC 6056
 *	algorithm 3 hashes when it picks a pool4 port
 * @handle_rst: "handle-rst-during-fin-rcv": an RST in V4 FIN RCV or V6 FIN
 *	RCV sets the transitory lifetime (core/tcp_state.h)
 * @tcp_est_ms: "tcp-est-timeout": established TCP lifetime, milliseconds
 * @tcp_trans_ms: "tcp-trans-timeout": transitory TCP lifetime
 * @udp_ms: "udp-timeout": UDP session lifetime
 * @icmp_ms: "icmp-timeout": ICMP query session lifetime
 * @max_so: "maximum-simultaneous-opens": IPv4 SYNs stored at once, at
 *	most, waiting for a simultaneous open
 * @max_ports_per_host: "max-ports-per-host": how many BIB entries (pool4
 *	transport addresses, all protocols together) one IPv6 address may
 *	hold; 0: no limit
 * @det: the "deterministic-*" globals: RFC 7422 mode when @det.set6
 * @det_shape: @det's numbers (jool_det_shape()), computed when the
 *	globals are set
 * @block_size: "port-block-size": 0, or the ports of a client's block
 *	(a power of two)
 * @max_blocks: "max-port-blocks-per-client": per protocol
 */
struct nat64_cfg {
	bool adf;
	bool drop_external_tcp;
	bool drop_icmp6_info;
	bool src_icmp6_better;
	u8 f_args;
	bool handle_rst;
	u32 tcp_est_ms;
	u32 tcp_trans_ms;
	u32 udp_ms;
	u32 icmp_ms;
	u32 max_so;
	u32 max_ports_per_host;
	struct det_cfg det;
	struct det_shape det_shape;
	u32 block_size;
	u32 max_blocks;
};

#endif /* _JOOL_CORE_NAT64_CFG_H */
