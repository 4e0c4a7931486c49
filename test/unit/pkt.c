// SPDX-License-Identifier: GPL-2.0
#include "pkt.h"

/* Upper-layer length and offset of a plain (or ext-header) packet. */
static unsigned int l4_offset(const uint8_t *l3, uint8_t *proto)
{
	if ((l3[0] >> 4) == 4) {
		*proto = l3[9];
		return (l3[0] & 0xf) * 4;
	} else {
		unsigned int off = 40;
		uint8_t next = l3[6];

		while (next == 0 || next == 43 || next == 60) {
			next = l3[off];
			off += (l3[off + 1] + 1) * 8;
		}
		*proto = next;
		return off;
	}
}

static uint32_t sum16(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (p[i] << 8) | p[i + 1];
	if (len & 1)
		sum += p[len - 1] << 8;
	return sum;
}

static uint16_t fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

/* The sum of the pseudo-header the upper layer of @l3 is checksummed with. */
static uint32_t pseudo(const uint8_t *l3, unsigned int l4len, uint8_t proto)
{
	uint32_t sum;

	if ((l3[0] >> 4) == 4) {
		if (proto == IPPROTO_ICMP)
			return 0;
		sum = sum16(l3 + 12, 8, 0);
	} else {
		sum = sum16(l3 + 8, 32, 0);
	}
	return sum + (l4len >> 16) + (l4len & 0xffff) + proto;
}

static unsigned int check_off(uint8_t proto)
{
	switch (proto) {
	case IPPROTO_TCP: return 16;
	case IPPROTO_UDP: return 6;
	default: return 2;
	}
}

/* Computes the upper-layer checksum of a built packet, from scratch. */
void pkt_finish_l4(struct tpkt *p)
{
	uint8_t proto;
	unsigned int off = l4_offset(p->buf, &proto);
	unsigned int l4len = p->len - off;
	uint8_t *c = p->buf + off + check_off(proto);
	uint16_t sum;

	c[0] = c[1] = 0;
	sum = ~fold(sum16(p->buf + off, l4len, pseudo(p->buf, l4len, proto)));
	if (proto == IPPROTO_UDP && sum == 0)
		sum = 0xffff;
	c[0] = sum >> 8;
	c[1] = sum & 0xff;
}

/* Is the upper-layer checksum of @l3 right? */
bool l4_csum_ok(const uint8_t *l3, unsigned int len)
{
	uint8_t proto;
	unsigned int off = l4_offset(l3, &proto);

	return fold(sum16(l3 + off, len - off, pseudo(l3, len - off, proto))) == 0xffff;
}

/* The CHECKSUM_PARTIAL seed: the folded pseudo-header sum. */
uint16_t l4_csum_seed(const uint8_t *l3, unsigned int len)
{
	uint8_t proto;
	unsigned int off = l4_offset(l3, &proto);

	return fold(pseudo(l3, len - off, proto));
}

static void fill_l4(struct tpkt *p, uint8_t proto, unsigned int payload)
{
	uint8_t *l4 = p->buf + p->l4off;
	unsigned int hdr = proto == IPPROTO_TCP ? 20 : 8, i;

	memset(l4, 0, hdr);
	if (proto == IPPROTO_TCP) {
		l4[0] = 0x30; l4[1] = 0x39;	/* 12345 */
		l4[2] = 0x00; l4[3] = 0x50;	/* 80 */
		l4[4] = 0xde; l4[7] = 0x01;	/* seq */
		l4[12] = 5 << 4;
		l4[13] = 0x18;			/* PSH ACK */
		l4[14] = 0xff;
	} else if (proto == IPPROTO_UDP) {
		l4[0] = 0x30; l4[1] = 0x39;
		l4[2] = 0x00; l4[3] = 0x35;
		l4[4] = (hdr + payload) >> 8;
		l4[5] = (hdr + payload) & 0xff;
	} else {
		l4[0] = proto == IPPROTO_ICMPV6 ? 128 : 8;	/* echo request */
		l4[4] = 0x12; l4[5] = 0x34;			/* id */
		l4[7] = 0x01;					/* seq */
	}
	for (i = 0; i < payload; i++)
		l4[hdr + i] = i * 7 + 3;
	p->len = p->l4off + hdr + payload;
}

void pkt6(struct tpkt *p, const char *src, const char *dst, uint8_t proto,
	  unsigned int payload, uint8_t hops)
{
	struct ipv6hdr *ip6 = (struct ipv6hdr *)p->buf;

	memset(p, 0, sizeof(*p));
	ip6->version = 6;
	ip6->priority = 0xa;
	ip6->flow_lbl[0] = 0xb1;
	ip6->flow_lbl[1] = 0x23;
	ip6->flow_lbl[2] = 0x45;
	ip6->nexthdr = proto;
	ip6->hop_limit = hops;
	inet_pton(AF_INET6, src, &ip6->saddr);
	inet_pton(AF_INET6, dst, &ip6->daddr);
	p->l4off = 40;
	fill_l4(p, proto, payload);
	ip6->payload_len = htons(p->len - 40);
	pkt_finish_l4(p);
}

/* Inserts an extension header right after the fixed IPv6 header. */
void pkt_add_ext6(struct tpkt *p, uint8_t type, unsigned int len8,
		  uint8_t segleft)
{
	struct ipv6hdr *ip6 = (struct ipv6hdr *)p->buf;
	unsigned int elen = (len8 + 1) * 8;
	uint8_t *ext = p->buf + 40;

	memmove(ext + elen, ext, p->len - 40);
	memset(ext, 0, elen);
	ext[0] = ip6->nexthdr;
	ext[1] = len8;
	if (type == 43)
		ext[3] = segleft;
	else
		ext[2] = 1;	/* a PadN option filling the header */
	if (type != 43) {
		ext[3] = elen - 4;
	}
	ip6->nexthdr = type;
	p->len += elen;
	p->l4off += elen;
	ip6->payload_len = htons(p->len - 40);
}

void pkt4(struct tpkt *p, const char *src, const char *dst, uint8_t proto,
	  unsigned int payload, uint8_t ttl)
{
	struct iphdr *ip4 = (struct iphdr *)p->buf;

	memset(p, 0, sizeof(*p));
	ip4->version = 4;
	ip4->ihl = 5;
	ip4->tos = 0xb8;
	ip4->id = htons(0x4242);
	ip4->frag_off = htons(IP_DF);
	ip4->ttl = ttl;
	ip4->protocol = proto;
	inet_pton(AF_INET, src, &ip4->saddr);
	inet_pton(AF_INET, dst, &ip4->daddr);
	p->l4off = 20;
	fill_l4(p, proto, payload);
	ip4->tot_len = htons(p->len);
	ip4->check = ip_fast_csum(ip4, 5);
	pkt_finish_l4(p);
}
