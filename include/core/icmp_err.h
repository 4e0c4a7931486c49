/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ICMP error translation (RFC 7915 4.2-4.3 and 5.2-5.3), one driver for both
 * directions: src/core/icmp_err.c does what the two have in common (the
 * order of the checks, the packet in error, its upper-layer checksum, the
 * RFC 4884 layout), a table of operations what belongs to one family.
 * Private to src/core/.
 */
#ifndef _JOOL_CORE_ICMP_ERR_H
#define _JOOL_CORE_ICMP_ERR_H

#include "core/ext6.h"
#include "core/xlat.h"

/* An address of either family. */
union xlat_addr {
	__be32 v4;
	struct in6_addr v6;
};

/*
 * What an ICMP error becomes (RFC 7915 4.2, 5.2, "ICMP error messages").
 * @ptr: the pointer of a parameter problem
 * @ext: an RFC 4884 extension structure can come along: the new type has a
 *	length attribute (destination unreachable and time exceeded) and, 6->4,
 *	the old one too
 */
struct icmp_err_map {
	u8 type;
	u8 code;
	u32 ptr;
	bool ext;
};

/*
 * The packet in error inside an ICMP error, as far as it is there.
 * @l4off: where its upper layer starts (its IPv4 header length, or its
 *	IPv6 headers up to the upper layer)
 * @l4len: upper-layer bytes of the original packet
 * @proto: upper-layer protocol, old family's numbering
 * @frag: it was a fragment (4->6), it had a fragment header (6->4)
 * @frag_off: then: offset (8-byte units) | IP_MF, host order
 * @frag_id: then, 6->4: the low 16 bits of its identification
 * @saddr: its addresses, translated by &icmp_err_ctx.xlat_inner
 * @daddr: see @saddr
 * @ports: NAT64: its ports (ICMP: identifier) become @sport and @dport
 * @sport: then: its new source port, or ICMP identifier
 * @dport: then: its new destination port
 */
struct icmp_inner {
	unsigned int l4off;
	unsigned int l4len;
	u8 proto;
	bool frag;
	u16 frag_off;
	__be16 frag_id;
	union xlat_addr saddr;
	union xlat_addr daddr;
	bool ports;
	u16 sport;
	u16 dport;
};

struct icmp_err_ctx;

/*
 * The seam for NAT64 (see docs/design.md, "ICMP errors" and "NAT64"):
 * translates the addresses of the packet in error @l3 (parsed into @inner)
 * into @inner->saddr and @inner->daddr. SIIT (siit_inner46(),
 * siit_inner64()) maps each address on its own: pool6, the EAMT, the
 * hairpin rule. NAT64 (nat64_inner() in icmp_err.c) takes them from
 * the session's tuple (&xlat_pkt.nat64_t4 or &xlat_pkt.nat64_t6), reversed:
 * the quoted packet is one the translator sent the other way, so its
 * ports or ICMP identifier change as well (&icmp_inner.ports);
 * inner_l4_fixup() writes them and updates the quoted checksum.
 *
 * Returns 0, or the counter of a drop (SIIT: JOOL_STAT_DENYLISTED, or
 * JOOL_STAT_ICMP_INNER_UNTRANSLATABLE).
 */
typedef enum jool_stat (*icmp_inner_xlat_fn)(struct icmp_err_ctx *ctx,
					     const u8 *l3,
					     struct icmp_inner *inner);

/*
 * One ICMP error being translated.
 * @cfg, @pkt: those of jool_xlat46_icmp_err() and jool_xlat64_icmp_err()
 * @in: the whole packet, &xlat_pkt.len bytes
 * @off: where its ICMP header starts
 * @mlen: bytes of ICMP message
 * @map: what the error becomes
 * @hairpin: 4->6: the second half of a hairpin (jool_xlat_hairpin())
 * @frag: 6->4: the fragment header of an atomic fragment
 * @saddr: the new outer addresses
 * @daddr: see @saddr
 * @inner: the packet in error
 * @xlat_inner: how its addresses are translated
 * @nat64: NAT64: the outer addresses come from &icmp_err_ops.nat64_outer
 * @from6: the direction is 6->4
 */
struct icmp_err_ctx {
	const struct xlat_cfg *cfg;
	struct xlat_pkt *pkt;
	const u8 *in;
	unsigned int off;
	unsigned int mlen;
	struct icmp_err_map map;
	bool hairpin;
	struct frag6 frag;
	union xlat_addr saddr;
	union xlat_addr daddr;
	struct icmp_inner inner;
	icmp_inner_xlat_fn xlat_inner;
	bool nat64;
	bool from6;
};

/*
 * What is particular to one direction.
 * @l3len: bytes of the new outer L3 header
 * @max: bytes of the largest translated error
 * @unit: the word of the new family's RFC 4884 length attribute
 * @attr_at: where that attribute is in the new ICMP header
 * @icmp_proto: the protocol number of ICMP in the old family
 * @outer: checks the outer L3 header; sets &icmp_err_ctx.off
 * @bad_csum: the received ICMP checksum is wrong
 * @map: RFC 7915 type and code mapping; false: drop silently
 * @attr: the received RFC 4884 length attribute, in bytes (0: none)
 * @daddr: translates the outer destination (which has no fallback)
 * @saddr: translates the outer source, RFC 6791 as a fallback; false if
 *	there is no source at all
 * @inner_parse: checks the packet in error (@len bytes there), all but its
 *	addresses
 * @inner_hlen: bytes of its new L3 headers
 * @inner_l3: writes them
 * @inner_sums: the old and new pseudo-header sums of its upper layer
 * @echo_type: the new type of an ICMP echo or echo reply (XLAT_DROP: other)
 * @icmp_hdr: the new ICMP header's second word (MTU, pointer)
 * @finish: the new ICMP checksum and the new outer L3 header
 * @siit_inner: SIIT's &icmp_err_ctx.xlat_inner
 * @nat64_outer: NAT64: sets the new outer addresses, in place of @daddr and
 *	@saddr; false if there is no source
 */
struct icmp_err_ops {
	unsigned int l3len;
	unsigned int max;
	unsigned int unit;
	unsigned int attr_at;
	u8 icmp_proto;
	enum xlat_verdict (*outer)(struct icmp_err_ctx *ctx);
	bool (*bad_csum)(const struct icmp_err_ctx *ctx);
	bool (*map)(const u8 *icmp, struct icmp_err_map *m);
	unsigned int (*attr)(const struct icmp_err_ctx *ctx);
	enum jool_stat (*daddr)(const struct xlat_cfg *cfg, const u8 *l3,
				union xlat_addr *out);
	bool (*saddr)(struct icmp_err_ctx *ctx, const u8 *body,
		      unsigned int orig);
	enum jool_stat (*inner_parse)(const u8 *l3, unsigned int len,
				      struct icmp_inner *inner);
	unsigned int (*inner_hlen)(const struct icmp_inner *inner);
	void (*inner_l3)(const struct icmp_err_ctx *ctx, const u8 *l3,
			 u8 *out);
	void (*inner_sums)(const struct icmp_err_ctx *ctx, const u8 *l3,
			   __wsum *old, __wsum *new);
	enum xlat_verdict (*echo_type)(u8 type, u8 *out);
	void (*icmp_hdr)(const struct icmp_err_ctx *ctx, u8 *icmp);
	void (*finish)(const struct icmp_err_ctx *ctx, u8 *out,
		       unsigned int total);
	icmp_inner_xlat_fn siit_inner;
	bool (*nat64_outer)(struct icmp_err_ctx *ctx);
};

extern const struct icmp_err_ops jool_icmp64_ops;
extern const struct icmp_err_ops jool_icmp46_ops;

/*
 * SIIT's rule for the packet in error's addresses: denylist4 counts as
 * such; any other failure is an untranslatable packet in error.
 */
static inline enum jool_stat jool_icmp_inner_reason(enum jool_stat reason)
{
	if (reason && reason != JOOL_STAT_DENYLISTED)
		return JOOL_STAT_ICMP_INNER_UNTRANSLATABLE;
	return reason;
}

enum xlat_verdict jool_icmp_echo_type(u8 type, bool from6, u8 *out);
enum xlat_verdict jool_icmp_err_xlat(const struct icmp_err_ops *ops,
				     bool nat64, const struct xlat_cfg *cfg,
				     const u8 *in, unsigned int len, u8 *out,
				     unsigned int outmax, struct xlat_pkt *pkt);
enum xlat_verdict jool_icmp_err_ahead(const struct icmp_err_ops *ops,
				      bool nat64, const struct xlat_cfg *cfg,
				      const u8 *l3, unsigned int off,
				      struct xlat_pkt *pkt);
enum jool_stat jool_icmp_err_quoted(const struct icmp_err_ops *ops,
				    const u8 *in, unsigned int len,
				    unsigned int off, struct icmp_inner *inner,
				    unsigned int *orig);

#endif /* _JOOL_CORE_ICMP_ERR_H */
