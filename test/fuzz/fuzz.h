/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libFuzzer harnesses of the translation core (src/core/): what they share.
 *
 * Every packet target reads its input as a configuration block, then the
 * packet (see fuzz_decode()); test/fuzz/seeds.py writes seeds in the same
 * layout, so the two must change together (FUZZ_CFG_VERSION).
 */
#ifndef _JOOL_FUZZ_H
#define _JOOL_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include "core/xlat.h"

/*
 * The input layout, byte offsets (multi-byte fields in network order):
 *
 *   0   flags: 0x01 pool6 set, 0x02 zeroize-traffic-class, 0x04
 *       override-tos, 0x08 amend-udp-checksum-zero, 0x10 rfc6791v4 set,
 *       0x20 rfc6791v6 set, 0x40 randomize-rfc6791-addresses, 0x80 hop_bump
 *   1   pool6 length (low 3 bits mod 6: 32 40 48 56 64 96), hairpin mode
 *       (high nibble mod 3)
 *   2   tos
 *   3   pool6 address, its first 12 bytes
 *   15  rfc6791v4 length (mod 33), 16: its address (4)
 *   20  rfc6791v6 length (mod 129), 21: its address (16)
 *   37  MTU plateaus: count (mod 17), 38: 16 values (2 bytes each)
 *   70  packet flags: 0x01 CHECKSUM_PARTIAL, 0x02 its offset is UDP's (else
 *       TCP's), 0x04 received on the device itself (hairpin), 0x08 IPv4:
 *       the ICMP echo fragment path (jool_xlat46_icmp_prep() first), 0x10
 *       NAT64: the tuple, then translation with a session's tuple made
 *       of own4/own6, the RFC 6791 pools' addresses and random's halves
 *   71  gso_size (2), 73 csum_start (2), 75 ipv4_id (2), 77 random (4),
 *       81 own4 (4), 85 own6 (16), 101 mtu4 (2), 103 mtu6 (2),
 *       105 bytes linear at the first call (2; 0: the glue's first pull)
 *   107 EAMs: count (mod 9), then each: IPv6 length, IPv4 length, IPv4
 *       address (4), IPv6 address (16)
 *   ... denylist4: count (mod 9), then each: length, address (4)
 *   ... the packet, from its L3 header
 *
 * Missing bytes read as zero. Host bits of prefixes are cleared and
 * lengths brought in range, so every configuration is one the kernel's
 * checks (src/config.c) would accept.
 */
#define FUZZ_CFG_VERSION 1

/* What a harness found wrong: print where and why, then crash. */
#define FUZZ_ASSERT(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: invariant \"%s\" broken: ", \
				__FILE__, __LINE__, #cond);		\
			fprintf(stderr, __VA_ARGS__);			\
			fputc('\n', stderr);				\
			abort();					\
		}							\
	} while (0)

/* The bytes of a fuzz input, consumed from the front. */
struct fuzz_in {
	const u8 *p;
	size_t n;
};

u8 fuzz_u8(struct fuzz_in *in);
u16 fuzz_u16(struct fuzz_in *in);
u32 fuzz_u32(struct fuzz_in *in);
void fuzz_bytes(struct fuzz_in *in, void *out, size_t len);

/* Packet flags (offset 70). */
#define FUZZ_PKT_PARTIAL	0x01
#define FUZZ_PKT_PARTIAL_UDP	0x02
#define FUZZ_PKT_HAIRPIN	0x04
#define FUZZ_PKT_ICMP_PREP	0x08
#define FUZZ_PKT_NAT64		0x10
#define FUZZ_PKT_REASSEMBLED	0x20

/*
 * One decoded input: the configuration (its tables built with the core's
 * own builders), the packet's metadata and the packet.
 */
struct fuzz_case {
	struct xlat_cfg cfg;
	struct xlat_pkt pkt;	/* the "in" fields */
	u8 pkt_flags;
	unsigned int first;	/* linear bytes at the first call, 0: default */
	const u8 *data;		/* the packet */
	unsigned int len;
};

void fuzz_decode(struct fuzz_in *in, struct fuzz_case *c);
void fuzz_case_free(struct fuzz_case *c);

/* Checks (check.c). */
bool fuzz_l4_csum_ok(const u8 *l3, unsigned int len, unsigned int l4off,
		     u8 proto);
void fuzz_check_reason(enum jool_stat reason);
void fuzz_check_icmp_err_out(const u8 *out, unsigned int outmax,
			     const struct xlat_pkt *pkt, bool to_v4);
void fuzz_check_drop_icmp(const u8 *l3, unsigned int linear, bool is_v6,
			  const struct xlat_pkt *pkt);

/* The pattern written over output buffers, to see what the core wrote. */
#define FUZZ_CANARY 0xa5

#endif /* _JOOL_FUZZ_H */
