// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv6 extension-header chain (RFC 8200 4): hop-by-hop options,
 * destination options, routing and fragment headers are walked past; the
 * first other header ends the walk.
 */
#include "core/ext6.h"
#include "common.h"

/**
 * jool_is_ext6() - whether a Next Header value names an extension header
 * @next: the value
 *
 * The extension headers of the IANA registry (RFC 7045), ESP aside, and
 * the experimental 253 and 254 (RFC 3692), which may as well be upper
 * layers: copied like any unknown protocol.
 *
 * Return: true for an extension header.
 */
bool jool_is_ext6(u8 next)
{
	switch (next) {
	case NEXTHDR_HOP:
	case NEXTHDR_ROUTING:
	case NEXTHDR_FRAGMENT:
	case NEXTHDR_AUTH:
	case NEXTHDR_DEST:
	case 135:	/* mobility */
	case 139:	/* HIP */
	case 140:	/* shim6 */
		return true;
	}
	return false;
}

/* The headers a walk goes past. */
static bool ext6_walked(u8 next)
{
	return next == NEXTHDR_HOP || next == NEXTHDR_DEST ||
	       next == NEXTHDR_ROUTING || next == NEXTHDR_FRAGMENT;
}

/* Whether @flags refuse @next after a Fragment Header. */
static bool ext6_refused_after_frag(u8 next, unsigned int flags)
{
	if (flags & EXT6_FRAG_LAST)
		return jool_is_ext6(next);
	if (flags & EXT6_FRAG_LAST_AH)
		return ext6_walked(next) || next == NEXTHDR_AUTH;
	return false;
}

/* Goes past the header at it->off, whose first 8 bytes are readable. */
static void ext6_step(const u8 *l3, struct ext6_iter *it)
{
	const u8 *h = l3 + it->off;
	u16 fo;

	if (it->next == NEXTHDR_FRAGMENT) {
		fo = get_be16(h + 2);
		it->frag.present = true;
		it->frag.offset = fo >> 3;
		it->frag.more = fo & FRAG6_MF;
		it->frag.id = htons(get_be16(h + 6));
		it->off += sizeof(struct frag_hdr);
	} else {
		it->off += (h[1] + 1) * 8;
	}
	it->next = h[0];
}

/**
 * jool_ext6_walk() - walk the extension headers of an IPv6 packet
 * @l3: the IPv6 header (its first 40 bytes readable)
 * @len: bytes of the packet
 * @linear: readable bytes at @l3
 * @flags: EXT6_FRAG_LAST, EXT6_FRAG_LAST_AH, EXT6_ROUTING_SL
 * @it: out: where the walk stopped, and the Fragment Header it met
 *
 * Headers are checked in this order: refused after a Fragment Header, not
 * walked past, past @len, past @linear, routing with segments left. The
 * walk does not check that the header it stops at starts within @len.
 *
 * Return: why the walk stopped.
 */
enum ext6_stop jool_ext6_walk(const u8 *l3, unsigned int len,
			      unsigned int linear, unsigned int flags,
			      struct ext6_iter *it)
{
	memset(it, 0, sizeof(*it));
	it->off = sizeof(struct ipv6hdr);
	it->next = ((const struct ipv6hdr *)l3)->nexthdr;
	for (;;) {
		if (it->frag.present &&
		    ext6_refused_after_frag(it->next, flags))
			return EXT6_AFTER_FRAG;
		if (!ext6_walked(it->next))
			return EXT6_UPPER;
		if (it->off + 8 > len)
			return EXT6_TRUNCATED;
		if (it->off + 8 > linear)
			return EXT6_SHORT;
		if ((flags & EXT6_ROUTING_SL) && it->next == NEXTHDR_ROUTING &&
		    l3[it->off + 3])
			return EXT6_ROUTING;
		ext6_step(l3, it);
	}
}
