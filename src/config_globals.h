/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The globals, one row each, in attribute order, which is also the order
 * they are applied and dumped in: config.c includes this list several
 * times with JOOL_GLOBAL() defined differently, to make the nla_policy,
 * the table that drives parsing, dump and message size, and the messages
 * that refuse a global to a device of another mode. A row is
 *
 *	JOOL_GLOBAL(ID, "name", MODES, TYPE, type arguments...)
 *
 * for JOOL_GLOBAL_ID, applicable to JOOL_MODES_MODES (SIIT, NAT64, ALL),
 * where TYPE and its arguments are one of
 *
 *	BOOL, field			a bool; a u8 0 or 1 on the wire
 *	U8, field, max			a u8 from 0 to max
 *	U32, field, min, max		a u32 from min to max
 *	POOL6, field, set_flag		pool6 (RFC 6052 checks), empty = unset
 *	PREFIX4, field, set_flag	an IPv4 prefix, empty nest = unset
 *	PREFIX6, field, set_flag	an IPv6 prefix, empty nest = unset
 *	PLATEAUS, field, count		mtu-plateaus (u16 array and its count)
 *	TIMEOUT, field, min		a u32 of milliseconds, at least min
 *					(unless the module's test-only
 *					test_short_timeouts is set), at
 *					most JOOL_TIMEOUT_MAX_MS (24 days)
 *
 * and fields are members of struct jool_config, of the C type their TYPE
 * handles (checked at build time). A new global is one row here; a new
 * TYPE also needs its POLICY_, ROW_ and global_ops entries in config.c.
 *
 * The modes follow Jool 4.1.9: the RFC 7915 globals that only a SIIT
 * has (amend-udp-checksum-zero, the RFC 6791 pool, eam-hairpin-mode) are
 * SIIT; the RFC 6146 ones are NAT64.
 *
 * No include guard: meant to be included more than once.
 */
JOOL_GLOBAL(POOL6, "pool6", ALL, POOL6, xlat.pool6, xlat.pool6_set)
JOOL_GLOBAL(ENABLED, "manually-enabled", ALL, BOOL, enabled)
JOOL_GLOBAL(ZEROIZE_TC, "zeroize-traffic-class", ALL, BOOL, xlat.zeroize_tc)
JOOL_GLOBAL(OVERRIDE_TOS, "override-tos", ALL, BOOL, xlat.override_tos)
JOOL_GLOBAL(TOS, "tos", ALL, U8, xlat.tos, U8_MAX)
JOOL_GLOBAL(AMEND_UDP_CSUM0, "amend-udp-checksum-zero", SIIT, BOOL,
	    xlat.amend_udp_csum0)
JOOL_GLOBAL(MTU_PLATEAUS, "mtu-plateaus", ALL, PLATEAUS, xlat.plateaus,
	    xlat.nplateaus)
JOOL_GLOBAL(RFC6791V4, "rfc6791v4-prefix", SIIT, PREFIX4, xlat.rfc6791v4,
	    xlat.rfc6791v4_set)
JOOL_GLOBAL(RFC6791V6, "rfc6791v6-prefix", SIIT, PREFIX6, xlat.rfc6791v6,
	    xlat.rfc6791v6_set)
JOOL_GLOBAL(RANDOMIZE_6791, "randomize-rfc6791-addresses", SIIT, BOOL,
	    xlat.randomize_6791)
JOOL_GLOBAL(LOWEST_IPV6_MTU, "lowest-ipv6-mtu", ALL, U32,
	    xlat.lowest_ipv6_mtu, IPV6_MIN_MTU, IP_MAX_MTU)
JOOL_GLOBAL(EAM_HAIRPIN_MODE, "eam-hairpin-mode", SIIT, U8, xlat.hairpin_mode,
	    JOOL_HAIRPIN_MAX)
JOOL_GLOBAL(LOGGING_DEBUG, "logging-debug", ALL, BOOL, logging_debug)
JOOL_GLOBAL(ADF, "address-dependent-filtering", NAT64, BOOL, xlat.nat64.adf)
JOOL_GLOBAL(DROP_EXTERNAL_TCP, "drop-externally-initiated-tcp", NAT64, BOOL,
	    xlat.nat64.drop_external_tcp)
JOOL_GLOBAL(DROP_ICMP6_INFO, "drop-icmpv6-info", NAT64, BOOL,
	    xlat.nat64.drop_icmp6_info)
JOOL_GLOBAL(SRC_ICMP6_BETTER, "source-icmpv6-errors-better", NAT64, BOOL,
	    xlat.nat64.src_icmp6_better)
JOOL_GLOBAL(F_ARGS, "f-args", NAT64, U8, xlat.nat64.f_args, JOOL_F_ARGS_MAX)
JOOL_GLOBAL(HANDLE_RST, "handle-rst-during-fin-rcv", NAT64, BOOL,
	    xlat.nat64.handle_rst)
JOOL_GLOBAL(TCP_EST_TIMEOUT, "tcp-est-timeout", NAT64, TIMEOUT,
	    xlat.nat64.tcp_est_ms, JOOL_TCP_EST_MIN_MS)
JOOL_GLOBAL(TCP_TRANS_TIMEOUT, "tcp-trans-timeout", NAT64, TIMEOUT,
	    xlat.nat64.tcp_trans_ms, JOOL_TCP_TRANS_MIN_MS)
JOOL_GLOBAL(UDP_TIMEOUT, "udp-timeout", NAT64, TIMEOUT, xlat.nat64.udp_ms,
	    JOOL_UDP_MIN_MS)
JOOL_GLOBAL(ICMP_TIMEOUT, "icmp-timeout", NAT64, TIMEOUT, xlat.nat64.icmp_ms,
	    0)
JOOL_GLOBAL(MAX_SO, "maximum-simultaneous-opens", NAT64, U32,
	    xlat.nat64.max_so, 0, U32_MAX)
JOOL_GLOBAL(LOGGING_BIB, "logging-bib", NAT64, BOOL, logging_bib)
JOOL_GLOBAL(LOGGING_SESSION, "logging-session", NAT64, BOOL, logging_session)
JOOL_GLOBAL(MAX_PORTS_PER_HOST, "max-ports-per-host", NAT64, U32,
	    xlat.nat64.max_ports_per_host, 0, U32_MAX)
JOOL_GLOBAL(DET_PREFIX6, "deterministic-prefix6", NAT64, PREFIX6,
	    xlat.nat64.det.p6, xlat.nat64.det.set6)
JOOL_GLOBAL(DET_SUB_LEN, "deterministic-subscriber-length", NAT64, U8,
	    xlat.nat64.det.sub_len, 128)
JOOL_GLOBAL(DET_PREFIX4, "deterministic-prefix4", NAT64, PREFIX4,
	    xlat.nat64.det.p4, xlat.nat64.det.set4)
JOOL_GLOBAL(DET_PORT_MIN, "deterministic-port-min", NAT64, U32,
	    xlat.nat64.det.port_min, 0, 65535)
JOOL_GLOBAL(DET_PORT_MAX, "deterministic-port-max", NAT64, U32,
	    xlat.nat64.det.port_max, 0, 65535)
JOOL_GLOBAL(PORT_BLOCK_SIZE, "port-block-size", NAT64, U32,
	    xlat.nat64.block_size, 0, 32768)
JOOL_GLOBAL(MAX_PORT_BLOCKS, "max-port-blocks-per-client", NAT64, U32,
	    xlat.nat64.max_blocks, 1, JOOL_MAX_PORT_BLOCKS)
JOOL_GLOBAL(LOGGING_BLOCKS, "logging-port-blocks", NAT64, BOOL, logging_blocks)
