// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 7422 deterministic NAT64 (include/core/determ.h): subscriber number
 * <-> (IPv4 address, port range), by arithmetic on the configuration.
 * Self-contained (range.h's inline helpers only), so that joolctl links it
 * too.
 */
#include "core/determ.h"
#include "core/range.h"

/* Whether @a and @b differ in their first @len bits (0-128). */
static bool differ6(struct range_key a, struct range_key b, unsigned int len)
{
	u64 hi = a.hi ^ b.hi, lo = a.lo ^ b.lo;

	if (!len)
		return false;
	if (len <= 64)
		return hi >> (64 - len);
	return hi || lo >> (128 - len);
}

/* Whether @k has bits set after its first @len (0-128). */
static bool host6(struct range_key k, unsigned int len)
{
	if (len >= 128)
		return false;
	if (len >= 64)
		return len == 64 ? k.lo : k.lo << (len - 64);
	return k.lo || (len ? k.hi << len : k.hi);
}

/* Bits @from to @to - 1 of @k (at most 32 of them), as a number. */
static u64 key_bits(struct range_key k, unsigned int from, unsigned int to)
{
	unsigned int n = to - from;
	u64 v;

	if (!n)
		return 0;
	/* Shift the wanted bits to the bottom of @k.lo. */
	if (to <= 64)
		v = k.hi >> (64 - to);
	else if (from >= 64)
		v = k.lo >> (128 - to);
	else
		v = (k.lo >> (128 - to)) | (k.hi << (to - 64));
	return v & ((1ULL << n) - 1);
}

/**
 * jool_det_shape() - check a deterministic mapping and compute its numbers
 * @d: the mapping
 * @s: out: its numbers (filled as far as the checks went, for messages)
 *
 * Refused: prefixes with bits set past their lengths, a subscriber length
 * outside @d->p6.len to @d->p6.len + 32 (or past 128), a port range that
 * ends before it starts (or past 65535), fewer subscribers than IPv4 addresses (each
 * address has the same number of subscribers), and a port range that the
 * subscribers of one address cannot share equally.
 *
 * Return: JOOL_CFG_OK or why not.
 */
enum jool_cfg_err jool_det_shape(const struct det_cfg *d, struct det_shape *s)
{
	memset(s, 0, sizeof(*s));
	if (d->p6.len > 128 || d->p4.len > 32)
		return JOOL_CFG_DET_LEN;
	if (host6(jool_range_key_from_in6(&d->p6.addr), d->p6.len))
		return JOOL_CFG_DET_HOST6;
	if (d->p4.len < 32 && (u32)(ntohl(d->p4.addr) << d->p4.len))
		return JOOL_CFG_DET_HOST4;
	if (d->sub_len < d->p6.len || d->sub_len > 128 ||
	    d->sub_len - d->p6.len > JOOL_DET_MAX_BITS)
		return JOOL_CFG_DET_SUBLEN;
	if (d->port_min > d->port_max || d->port_max > 65535)
		return JOOL_CFG_DET_PORTS;
	s->subscribers = 1ULL << (d->sub_len - d->p6.len);
	s->addrs = 1ULL << (32 - d->p4.len);
	s->ports = (u32)d->port_max - d->port_min + 1;
	if (s->subscribers < s->addrs)
		return JOOL_CFG_DET_ADDRS;
	/* Both are powers of two: this divides. */
	s->per_addr = s->subscribers / s->addrs;
	if (s->per_addr > s->ports || s->ports % s->per_addr)
		return JOOL_CFG_DET_SHARE;
	s->per_sub = s->ports / s->per_addr;
	return JOOL_CFG_OK;
}

/**
 * jool_det_map6() - the IPv4 address and ports of an IPv6 subscriber
 * @d: the mapping (valid: jool_det_shape() accepted it)
 * @s: its numbers
 * @addr6: an address of the subscriber
 * @r: out: the subscriber's address and port range
 *
 * Return: whether @addr6 is inside @d->p6 (else @r is not written).
 */
bool jool_det_map6(const struct det_cfg *d, const struct det_shape *s,
		   const struct in6_addr *addr6, struct det_range *r)
{
	struct range_key k = jool_range_key_from_in6(addr6);
	u64 i;

	if (differ6(k, jool_range_key_from_in6(&d->p6.addr), d->p6.len))
		return false;
	i = key_bits(k, d->p6.len, d->sub_len);
	r->addr4 = htonl(ntohl(d->p4.addr) + (u32)(i / s->per_addr));
	r->lo = d->port_min + (i % s->per_addr) * s->per_sub;
	r->hi = r->lo + s->per_sub - 1;
	return true;
}

/**
 * jool_det_map4() - the subscriber that an IPv4 transport address is given to
 * @d: the mapping (valid: jool_det_shape() accepted it)
 * @s: its numbers
 * @addr4: the address, network order
 * @port: the port
 * @sub: out: the subscriber's prefix (@d->sub_len long)
 * @r: out: the subscriber's address and whole port range
 *
 * Return: whether @addr4 is in @d->p4 and @port in its port range (else
 * nothing is written).
 */
bool jool_det_map4(const struct det_cfg *d, const struct det_shape *s,
		   __be32 addr4, u16 port, struct jool_prefix6 *sub,
		   struct det_range *r)
{
	struct range_key k = jool_range_key_from_in6(&d->p6.addr);
	u64 a = ntohl(addr4) - ntohl(d->p4.addr), i;

	if (a >= s->addrs || port < d->port_min || port > d->port_max)
		return false;
	i = a * s->per_addr + (port - d->port_min) / s->per_sub;
	if (d->sub_len) {
		struct range_key add = { .hi = 0, .lo = i };

		add = jool_range_key_shl(add, 128 - d->sub_len);
		k.hi |= add.hi;
		k.lo |= add.lo;
	}
	jool_range_key_to_in6(k, &sub->addr);
	sub->len = d->sub_len;
	r->addr4 = addr4;
	r->lo = d->port_min + (port - d->port_min) / s->per_sub * s->per_sub;
	r->hi = r->lo + s->per_sub - 1;
	return true;
}
