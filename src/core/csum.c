// SPDX-License-Identifier: GPL-2.0
/*
 * Checksum arithmetic shared by both translation directions.
 *
 * The translator never reads payload: TCP, UDP and ICMP checksums are updated
 * incrementally (RFC 1624) by taking out the sums of what changed (the
 * pseudo-header, the ICMP type) and adding the sums of what replaced it.
 */
#include "core/csum.h"

/**
 * jool_pseudo4_sum() - one's complement sum of an IPv4 pseudo-header
 * @saddr: source address
 * @daddr: destination address
 * @len: upper-layer length
 * @proto: upper-layer protocol
 *
 * Return: the unfolded sum.
 */
__wsum jool_pseudo4_sum(__be32 saddr, __be32 daddr, u32 len, u8 proto)
{
	return csum_tcpudp_nofold(saddr, daddr, len, proto, 0);
}

/**
 * jool_pseudo6_sum() - one's complement sum of an IPv6 pseudo-header
 * @saddr: source address
 * @daddr: destination address
 * @len: upper-layer length
 * @proto: upper-layer protocol
 *
 * Return: the sum (folded to 16 bits, in a __wsum).
 */
__wsum jool_pseudo6_sum(const struct in6_addr *saddr,
			const struct in6_addr *daddr, u32 len, u8 proto)
{
	return ~csum_unfold(csum_ipv6_magic(saddr, daddr, len, proto, 0));
}

/**
 * jool_csum_swap() - replace a summed quantity inside a stored checksum
 * @check: the checksum field (the complement of the folded sum)
 * @old: the sum of the bytes that were covered and are gone
 * @new: the sum of the bytes that are covered now
 */
void jool_csum_swap(__sum16 *check, __wsum old, __wsum new)
{
	*check = csum_fold(csum_add(csum_sub(~csum_unfold(*check), old), new));
}

/**
 * jool_l4_check_field() - where the checksum of an upper-layer header is
 * @l4: the upper-layer header
 * @proto: IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP or IPPROTO_ICMPV6
 *
 * Return: the checksum field, or NULL for other protocols.
 */
__sum16 *jool_l4_check_field(u8 *l4, u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return &((struct tcphdr *)l4)->check;
	case IPPROTO_UDP:
		return &((struct udphdr *)l4)->check;
	case IPPROTO_ICMP:
		return &((struct icmphdr *)l4)->checksum;
	case IPPROTO_ICMPV6:
		return &((struct icmp6hdr *)l4)->icmp6_cksum;
	}
	return NULL;
}

/**
 * jool_icmp_csum_retype() - convert an ICMP header between ICMPv4 and ICMPv6
 * @icmp: the message: its type, code and checksum (4 bytes)
 * @type: the new type
 * @old_pseudo: the pseudo-header sum the checksum covers now, 0 if none
 *	(ICMPv4 has none)
 * @new_pseudo: the pseudo-header sum it covers from now on, 0 if none
 *
 * ICMPv4 to ICMPv6 adds the IPv6 pseudo-header (@old_pseudo 0), ICMPv6 to
 * ICMPv4 takes it out (@new_pseudo 0); the type is replaced as well.
 */
void jool_icmp_csum_retype(u8 *icmp, u8 type, __wsum old_pseudo,
			   __wsum new_pseudo)
{
	__be16 old_word = *(__be16 *)icmp;
	__be16 new_word;

	icmp[0] = type;
	new_word = *(__be16 *)icmp;
	jool_csum_swap((__sum16 *)(icmp + 2),
		       csum_add(old_pseudo, (__force __wsum)old_word),
		       csum_add(new_pseudo, (__force __wsum)new_word));
}

/**
 * jool_l4_csum_xlat() - update an upper-layer checksum for a new pseudo-header
 * @l4: the upper-layer header, its checksum field included
 * @proto: its protocol (not ICMP between families: jool_icmp_csum_retype())
 * @old_pseudo: the sum of the pseudo-header the checksum covers now
 * @new_pseudo: the sum of the one it covers from now on
 *
 * A UDP checksum that comes out zero is sent as all ones (RFC 768).
 */
void jool_l4_csum_xlat(u8 *l4, u8 proto, __wsum old_pseudo, __wsum new_pseudo)
{
	__sum16 *check = jool_l4_check_field(l4, proto);

	jool_csum_swap(check, old_pseudo, new_pseudo);
	if (proto == IPPROTO_UDP && !*check)
		*check = CSUM_MANGLED_0;
}
