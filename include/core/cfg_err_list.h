/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rows of include/core/cfg_err.h: one configuration error a row, its
 * name and the text users see. Included several times, each time with
 * JOOL_CFG_ERROR(name, msg) defined to make what the includer needs (the
 * enum, the messages, the module's extack setters), hence no include
 * guard. A new error is a new row, at the end (the values are not ABI,
 * but keep the list stable).
 */
JOOL_CFG_ERROR(JOOL_CFG_EAMT_FULL, "the EAMT is full (65536 entries at most)")
JOOL_CFG_ERROR(JOOL_CFG_EAMT_DUP4, "IPv4 prefix is already in the EAMT")
JOOL_CFG_ERROR(JOOL_CFG_EAMT_DUP6, "IPv6 prefix is already in the EAMT")
JOOL_CFG_ERROR(JOOL_CFG_EAMT_OVERLAP4,
	       "IPv4 prefix overlaps another EAM (allowed only with force)")
JOOL_CFG_ERROR(JOOL_CFG_EAMT_OVERLAP6,
	       "IPv6 prefix overlaps another EAM (allowed only with force)")
JOOL_CFG_ERROR(JOOL_CFG_EAM_LEN4, "EAM IPv4 prefix length must be 0-32")
JOOL_CFG_ERROR(JOOL_CFG_EAM_LEN6, "EAM IPv6 prefix length must be 0-128")
JOOL_CFG_ERROR(JOOL_CFG_EAM_HOST4,
	       "EAM IPv4 prefix has bits set after its length")
JOOL_CFG_ERROR(JOOL_CFG_EAM_HOST6,
	       "EAM IPv6 prefix has bits set after its length")
JOOL_CFG_ERROR(JOOL_CFG_EAM_SUFFIX,
	       "EAM IPv4 suffix is longer than its IPv6 suffix")
JOOL_CFG_ERROR(JOOL_CFG_EAMT_DEL_NONE,
	       "give the IPv4 prefix, the IPv6 prefix or both")
JOOL_CFG_ERROR(JOOL_CFG_EAMT_DEL_NO4, "no EAM has that IPv4 prefix")
JOOL_CFG_ERROR(JOOL_CFG_EAMT_DEL_NO6, "no EAM has that IPv6 prefix")
JOOL_CFG_ERROR(JOOL_CFG_EAMT_DEL_APART,
	       "the IPv4 and IPv6 prefixes belong to different EAMs")
JOOL_CFG_ERROR(JOOL_CFG_DENY_LEN, "prefix length out of range")
JOOL_CFG_ERROR(JOOL_CFG_DENY_HOST, "the prefix has bits set after its length")
JOOL_CFG_ERROR(JOOL_CFG_DENY_FULL, "denylist4 is full (65536 entries at most)")
JOOL_CFG_ERROR(JOOL_CFG_DENY_DUP, "the prefix is already in denylist4")
JOOL_CFG_ERROR(JOOL_CFG_DENY_ABSENT, "the prefix is not in denylist4")
JOOL_CFG_ERROR(JOOL_CFG_POOL6_LEN,
	       "pool6 prefix length must be 32, 40, 48, 56, 64 or 96")
JOOL_CFG_ERROR(JOOL_CFG_POOL6_HOST,
	       "pool6 prefix has bits set after its length")
JOOL_CFG_ERROR(JOOL_CFG_POOL6_U,
	       "pool6 prefix has bits 64-71 (the RFC 6052 u octet) set")
JOOL_CFG_ERROR(JOOL_CFG_POOL4_LEN, "pool4 prefix length must be 0-32")
JOOL_CFG_ERROR(JOOL_CFG_POOL4_HOST,
	       "pool4 prefix has bits set after its length")
JOOL_CFG_ERROR(JOOL_CFG_POOL4_PROTO, "pool4 protocol must be TCP, UDP or ICMP")
JOOL_CFG_ERROR(JOOL_CFG_POOL4_ITER0,
	       "max-iterations must be auto, infinity or at least 1")
JOOL_CFG_ERROR(JOOL_CFG_POOL4_BIG,
	       "pool4 prefix is shorter than /24, many addresses (allowed only with force)")
JOOL_CFG_ERROR(JOOL_CFG_POOL4_PORT0,
	       "TCP and UDP have no port 0: the range is empty")
JOOL_CFG_ERROR(JOOL_CFG_POOL4_EPHEMERAL,
	       "port range meets the namespace's ephemeral range, net.ipv4.ip_local_port_range (allowed only with force)")
JOOL_CFG_ERROR(JOOL_CFG_POOL4_FULL,
	       "pool4 is full (262144 address-port ranges at most)")
JOOL_CFG_ERROR(JOOL_CFG_POOL4_ABSENT, "nothing in pool4 matches")
JOOL_CFG_ERROR(JOOL_CFG_DET_LEN,
	       "deterministic prefix length out of range (IPv6 0-128, IPv4 0-32)")
JOOL_CFG_ERROR(JOOL_CFG_DET_HOST6,
	       "deterministic IPv6 prefix has bits set after its length")
JOOL_CFG_ERROR(JOOL_CFG_DET_HOST4,
	       "deterministic IPv4 prefix has bits set after its length")
JOOL_CFG_ERROR(JOOL_CFG_DET_SUBLEN,
	       "deterministic subscriber length must be from the IPv6 prefix length to 32 bits more (at most 128)")
JOOL_CFG_ERROR(JOOL_CFG_DET_PORTS,
	       "deterministic port range ends before it starts")
JOOL_CFG_ERROR(JOOL_CFG_DET_ADDRS,
	       "deterministic mapping has fewer subscribers than IPv4 addresses")
JOOL_CFG_ERROR(JOOL_CFG_DET_SHARE,
	       "deterministic port range does not divide among the subscribers of one address")
