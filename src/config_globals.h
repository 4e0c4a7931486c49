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
 *
 * and fields are members of struct jool_config, of the C type their TYPE
 * handles (checked at build time). A new global is one row here; a new
 * TYPE also needs its POLICY_, ROW_ and global_ops entries in config.c.
 *
 * No include guard: meant to be included more than once.
 */
JOOL_GLOBAL(POOL6, "pool6", ALL, POOL6, xlat.pool6, xlat.pool6_set)
JOOL_GLOBAL(ENABLED, "manually-enabled", ALL, BOOL, enabled)
JOOL_GLOBAL(ZEROIZE_TC, "zeroize-traffic-class", ALL, BOOL, xlat.zeroize_tc)
JOOL_GLOBAL(OVERRIDE_TOS, "override-tos", ALL, BOOL, xlat.override_tos)
JOOL_GLOBAL(TOS, "tos", ALL, U8, xlat.tos, U8_MAX)
JOOL_GLOBAL(AMEND_UDP_CSUM0, "amend-udp-checksum-zero", ALL, BOOL,
	    xlat.amend_udp_csum0)
JOOL_GLOBAL(MTU_PLATEAUS, "mtu-plateaus", ALL, PLATEAUS, xlat.plateaus,
	    xlat.nplateaus)
JOOL_GLOBAL(RFC6791V4, "rfc6791v4-prefix", ALL, PREFIX4, xlat.rfc6791v4,
	    xlat.rfc6791v4_set)
JOOL_GLOBAL(RFC6791V6, "rfc6791v6-prefix", ALL, PREFIX6, xlat.rfc6791v6,
	    xlat.rfc6791v6_set)
JOOL_GLOBAL(RANDOMIZE_6791, "randomize-rfc6791-addresses", ALL, BOOL,
	    xlat.randomize_6791)
JOOL_GLOBAL(LOWEST_IPV6_MTU, "lowest-ipv6-mtu", ALL, U32,
	    xlat.lowest_ipv6_mtu, IPV6_MIN_MTU, IP_MAX_MTU)
JOOL_GLOBAL(EAM_HAIRPIN_MODE, "eam-hairpin-mode", ALL, U8, xlat.hairpin_mode,
	    JOOL_HAIRPIN_MAX)
JOOL_GLOBAL(LOGGING_DEBUG, "logging-debug", ALL, BOOL, logging_debug)
