// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 6052 IPv4-embedded IPv6 addresses.
 *
 * The IPv4 address is written right after the prefix, skipping bits 64-71
 * (the "u" octet, which must stay zero for compatibility with the RFC 4291
 * interface identifier format); whatever is left after it is the suffix,
 * which we write as zero and ignore when reading (RFC 6052 section 2.2).
 */
#include "core/rfc6052.h"

/* The byte where the IPv4 address starts, and the reserved byte it skips. */
#define U_OCTET 8

static bool rfc6052_len_valid(u8 len)
{
	switch (len) {
	case 32: case 40: case 48: case 56: case 64: case 96:
		return true;
	}
	return false;
}

/**
 * jool_rfc6052_validate() - check a prefix for use as pool6
 * @prefix: the candidate
 *
 * Return: JOOL_CFG_OK if @prefix is usable, else why not.
 */
enum jool_cfg_err jool_rfc6052_validate(const struct jool_prefix6 *prefix)
{
	unsigned int i;

	if (!rfc6052_len_valid(prefix->len))
		return JOOL_CFG_POOL6_LEN;
	for (i = prefix->len / 8; i < 16; i++) {
		if (prefix->addr.s6_addr[i])
			return JOOL_CFG_POOL6_HOST;
	}
	if (prefix->addr.s6_addr[U_OCTET])
		return JOOL_CFG_POOL6_U;
	return JOOL_CFG_OK;
}

/**
 * jool_prefix6_contains() - does @prefix cover @addr?
 * @prefix: a prefix whose bits past its length are zero
 * @addr: the address
 *
 * Return: true if the first @prefix->len bits of @addr equal the prefix.
 */
bool jool_prefix6_contains(const struct jool_prefix6 *prefix,
			   const struct in6_addr *addr)
{
	unsigned int bytes = prefix->len / 8;
	unsigned int bits = prefix->len % 8;

	if (memcmp(&prefix->addr, addr, bytes))
		return false;
	if (!bits)
		return true;
	return !((prefix->addr.s6_addr[bytes] ^ addr->s6_addr[bytes]) &
		 (0xff00 >> bits));
}

/**
 * jool_rfc6052_6to4() - extract the IPv4 address embedded in an IPv6 address
 * @prefix: a valid RFC 6052 prefix (see jool_rfc6052_validate())
 * @addr6: the IPv6 address
 * @addr4: out: the embedded IPv4 address
 *
 * Return: false if @addr6 is not covered by @prefix.
 */
bool jool_rfc6052_6to4(const struct jool_prefix6 *prefix,
		       const struct in6_addr *addr6, __be32 *addr4)
{
	unsigned int src = prefix->len / 8;
	u8 *dst = (u8 *)addr4;
	unsigned int i;

	if (!jool_prefix6_contains(prefix, addr6))
		return false;
	for (i = 0; i < 4; i++, src++) {
		if (src == U_OCTET)
			src++;
		dst[i] = addr6->s6_addr[src];
	}
	return true;
}

/**
 * jool_rfc6052_4to6() - build the IPv4-embedded IPv6 address of @addr4
 * @prefix: a valid RFC 6052 prefix (see jool_rfc6052_validate())
 * @addr4: the IPv4 address
 * @addr6: out: prefix, IPv4 address, zero u octet and suffix
 */
void jool_rfc6052_4to6(const struct jool_prefix6 *prefix, __be32 addr4,
		       struct in6_addr *addr6)
{
	unsigned int dst = prefix->len / 8;
	const u8 *src = (const u8 *)&addr4;
	unsigned int i;

	*addr6 = prefix->addr;
	for (i = 0; i < 4; i++, dst++) {
		if (dst == U_OCTET)
			dst++;
		addr6->s6_addr[dst] = src[i];
	}
}
