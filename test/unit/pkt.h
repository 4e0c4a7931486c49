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
bool l4_csum_ok(const uint8_t *l3, unsigned int len);
uint16_t l4_csum_seed(const uint8_t *l3, unsigned int len);

#endif
