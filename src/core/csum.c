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
 * pseudo4_sum() - one's complement sum of an IPv4 pseudo-header
 * @saddr: source address
 * @daddr: destination address
 * @len: upper-layer length
 * @proto: upper-layer protocol
 *
 * Return: the unfolded sum.
 */
__wsum pseudo4_sum(__be32 saddr, __be32 daddr, u32 len, u8 proto)
{
	return csum_tcpudp_nofold(saddr, daddr, len, proto, 0);
}

/**
 * pseudo6_sum() - one's complement sum of an IPv6 pseudo-header
 * @saddr: source address
 * @daddr: destination address
 * @len: upper-layer length
 * @proto: upper-layer protocol
 *
 * Return: the sum (folded to 16 bits, in a __wsum).
 */
__wsum pseudo6_sum(const struct in6_addr *saddr, const struct in6_addr *daddr,
		   u32 len, u8 proto)
{
	return ~csum_unfold(csum_ipv6_magic(saddr, daddr, len, proto, 0));
}

/**
 * csum_swap() - replace a summed quantity inside a stored checksum
 * @check: the checksum field (the complement of the folded sum)
 * @old: the sum of the bytes that were covered and are gone
 * @new: the sum of the bytes that are covered now
 */
void csum_swap(__sum16 *check, __wsum old, __wsum new)
{
	*check = csum_fold(csum_add(csum_sub(~csum_unfold(*check), old), new));
}

/**
 * l4_check_field() - where the checksum of an upper-layer header is
 * @l4: the upper-layer header
 * @proto: IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP or IPPROTO_ICMPV6
 *
 * Return: the checksum field, or NULL for other protocols.
 */
__sum16 *l4_check_field(u8 *l4, u8 proto)
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
