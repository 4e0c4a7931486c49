/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IPv6 extension-header chain, walked once for every caller of the
 * core: the translator (jool_xlat64()), the packet in error inside an ICMPv6
 * error, and the choice of an ICMPv6 error for a dropped packet. Their
 * rules differ; they are the flags of jool_ext6_walk().
 */
#ifndef _JOOL_CORE_EXT6_H
#define _JOOL_CORE_EXT6_H

#include "core_types.h"

/**
 * struct frag6 - a Fragment Header (RFC 8200 4.5) met on the way
 * @present: there is one
 * @offset: its Fragment Offset, in 8-byte units
 * @more: its M flag
 * @id: the low 16 bits of its Identification (network order)
 */
struct frag6 {
	bool present;
	u16 offset;
	bool more;
	__be16 id;
};

/**
 * struct ext6_iter - where a walk of the header chain stopped
 * @off: offset from the IPv6 header of the header it stopped at
 * @next: the type of that header
 * @frag: the Fragment Header it went past, if any
 */
struct ext6_iter {
	unsigned int off;
	u8 next;
	struct frag6 frag;
};

/*
 * Flags of jool_ext6_walk(). After a Fragment Header, RFC 7915 5.1.1 refuses
 * more extension headers: EXT6_FRAG_LAST refuses every one of the IANA
 * registry (see jool_is_ext6()); EXT6_FRAG_LAST_AH only those the walk goes
 * past and AH. EXT6_ROUTING_SL refuses a routing header with segments left
 * (RFC 7915 5.1).
 */
#define EXT6_FRAG_LAST		0x1
#define EXT6_FRAG_LAST_AH	0x2
#define EXT6_ROUTING_SL		0x4

/**
 * enum ext6_stop - why jool_ext6_walk() stopped (at &ext6_iter.off)
 * @EXT6_UPPER: at a header it does not walk past: the upper layer (or an
 *	extension header the translator leaves to it, like AH or ESP)
 * @EXT6_TRUNCATED: at a header that runs past the packet's length
 * @EXT6_SHORT: at a header that runs past the readable bytes
 * @EXT6_AFTER_FRAG: at a header a Fragment Header may not precede
 * @EXT6_ROUTING: at a routing header with segments left
 */
enum ext6_stop {
	EXT6_UPPER,
	EXT6_TRUNCATED,
	EXT6_SHORT,
	EXT6_AFTER_FRAG,
	EXT6_ROUTING,
};

bool jool_is_ext6(u8 next);
enum ext6_stop jool_ext6_walk(const u8 *l3, unsigned int len,
			      unsigned int linear, unsigned int flags,
			      struct ext6_iter *it);

#endif /* _JOOL_CORE_EXT6_H */
