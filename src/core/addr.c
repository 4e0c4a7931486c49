// SPDX-License-Identifier: GPL-2.0
/*
 * Address translation for SIIT: which rule maps an address to the other
 * family. An Explicit Address Mapping wins over pool6 (RFC 7757 section
 * 3: the EAM algorithm comes first, RFC 6052 is the fallback).
 */
#include "core/addr.h"
#include "core/eamt.h"

/**
 * addr_xlat64() - map an IPv6 address to IPv4
 * @cfg: the device configuration
 * @a6: the address
 * @a4: out: the IPv4 address
 * @src: @a6 is a source address (picks the drop reason)
 *
 * Return: 0 (JOOL_STAT_UNSPEC) on success, else the drop reason
 * (JOOL_STAT_NO_POOL6 when there is no rule at all).
 */
enum jool_stat addr_xlat64(const struct xlat_cfg *cfg,
			   const struct in6_addr *a6, __be32 *a4, bool src)
{
	if (eamt_6to4(cfg->eamt, a6, a4))
		return JOOL_STAT_UNSPEC;
	if (!cfg->pool6_set && !eamt_count(cfg->eamt))
		return JOOL_STAT_NO_POOL6;
	if (cfg->pool6_set && rfc6052_6to4(&cfg->pool6, a6, a4))
		return JOOL_STAT_UNSPEC;
	return src ? JOOL_STAT_SRC6_UNTRANSLATABLE : JOOL_STAT_DST6_UNTRANSLATABLE;
}

/**
 * addr_xlat46() - map an IPv4 address to IPv6
 * @cfg: the device configuration
 * @a4: the address
 * @a6: out: the IPv6 address
 * @src: @a4 is a source address (picks the drop reason)
 *
 * Return: 0 (JOOL_STAT_UNSPEC) on success, else the drop reason.
 */
enum jool_stat addr_xlat46(const struct xlat_cfg *cfg, __be32 a4,
			   struct in6_addr *a6, bool src)
{
	if (eamt_4to6(cfg->eamt, a4, a6))
		return JOOL_STAT_UNSPEC;
	if (!cfg->pool6_set && !eamt_count(cfg->eamt))
		return JOOL_STAT_NO_POOL6;
	if (!cfg->pool6_set)
		return src ? JOOL_STAT_SRC4_UNTRANSLATABLE :
			     JOOL_STAT_DST4_UNTRANSLATABLE;
	rfc6052_4to6(&cfg->pool6, a4, a6);
	return JOOL_STAT_UNSPEC;
}
