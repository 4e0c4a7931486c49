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
#include "core/range.h"

/* The byte of bits 64-71 (the u octet), which must be zero. */
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

/* The first @len bits of a 64-bit half set, 0 <= @len <= 64. */
static u64 mask64(unsigned int len)
{
	return len ? ~0ULL << (64 - len) : 0;
}

/* Whether @a's first @len bits (0 to 128) equal @p's. */
static bool key_contains(struct range_key p, struct range_key a,
			 unsigned int len)
{
	if ((p.hi ^ a.hi) & mask64(len < 64 ? len : 64))
		return false;
	return !((p.lo ^ a.lo) & (len > 64 ? mask64(len - 64) : 0));
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
	return key_contains(jool_range_key_from_in6(&prefix->addr),
			    jool_range_key_from_in6(addr),
			    prefix->len > 128 ? 128 : prefix->len);
}

/*
 * Below, an address is two host-order halves (struct range_key); the u
 * octet is the top byte of the second. For the lengths between 32 and 96,
 * the IPv4 address's first 64 - len bits end the first half and the rest
 * follow the u octet. Only the six lengths jool_rfc6052_validate() allows
 * are defined: the callers translate with validated prefixes only.
 */

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
	struct range_key k = jool_range_key_from_in6(addr6);
	unsigned int len = prefix->len;
	u64 v;

	if (!key_contains(jool_range_key_from_in6(&prefix->addr), k, len))
		return false;
	if (len == 96)
		v = k.lo;
	else if (len == 32)
		v = k.hi;
	else	/* 40 to 64 */
		v = (k.hi << (len - 32)) | ((k.lo << 8) >> (96 - len));
	*addr4 = htonl((u32)v);
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
	struct range_key k = jool_range_key_from_in6(&prefix->addr);
	unsigned int len = prefix->len;
	u64 v = ntohl(addr4);

	/* The prefix's bits past its length are zero (validated). */
	if (len == 96) {
		k.lo |= v;
	} else if (len == 32) {
		k.hi |= v;
	} else {	/* 40 to 64 */
		k.hi |= v >> (len - 32);
		k.lo |= (v << (96 - len)) >> 8;
	}
	jool_range_key_to_in6(k, addr6);
}
