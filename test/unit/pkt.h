/* SPDX-License-Identifier: GPL-2.0 */
/* Packet builders for the core tests: checksums computed from scratch. */
#ifndef _JOOL_UNIT_PKT_H
#define _JOOL_UNIT_PKT_H

#include <arpa/inet.h>
#include "core/xlat.h"

struct tpkt {
	uint8_t buf[4096];
	unsigned int len;
	unsigned int l4off;
};

void pkt6(struct tpkt *p, const char *src, const char *dst, uint8_t proto,
	  unsigned int payload, uint8_t hops);
void pkt4(struct tpkt *p, const char *src, const char *dst, uint8_t proto,
	  unsigned int payload, uint8_t ttl);
void pkt_add_ext6(struct tpkt *p, uint8_t type, unsigned int len8,
		  uint8_t segleft);
void pkt_finish_l4(struct tpkt *p);
uint16_t pkt_sum(const uint8_t *p, size_t len, uint32_t sum);
bool l4_csum_ok(const uint8_t *l3, unsigned int len);
uint16_t l4_csum_seed(const uint8_t *l3, unsigned int len);

void pkt4_hdr(struct tpkt *p, uint8_t tos, uint16_t id, uint16_t frag_off,
	      uint8_t ttl);
void pkt4_add_opts(struct tpkt *p, unsigned int len4);
void pkt6_tc(struct tpkt *p, uint8_t tclass);
void pkt_add_frag6(struct tpkt *p, uint16_t offset, bool more, uint32_t id);

/*
 * An ICMP error message (IPv4 if @src has no colon), built from scratch:
 * header fields as given, the first @inner_len bytes of @inner zero padded
 * to @field_len (RFC 4884; 0: no padding), then @ext_len bytes of @ext, and
 * the ICMP checksum computed over all of it.
 */
struct err_spec {
	const char *src;
	const char *dst;
	uint8_t type;
	uint8_t code;
	uint8_t rest[4];	/* ICMP bytes 4-7 */
	const uint8_t *inner;
	unsigned int inner_len;
	unsigned int field_len;
	const uint8_t *ext;
	unsigned int ext_len;
	uint8_t ttl;		/* TTL or hop limit */
	uint8_t tos;		/* TOS or traffic class */
	uint16_t id;		/* IPv4 identification */
	uint16_t frag_off;	/* IPv4 flags and offset */
};

void pkt_icmp_err(struct tpkt *p, const struct err_spec *s);

#endif
