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

		while (next == 0 || next == 43 || next == 44 || next == 60) {
			unsigned int hlen = next == 44 ? 8 : (l3[off + 1] + 1) * 8;

			next = l3[off];
			off += hlen;
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

/* The one's complement sum of @len bytes at @p, plus @sum, folded. */
uint16_t pkt_sum(const uint8_t *p, size_t len, uint32_t sum)
{
	return fold(sum16(p, len, sum));
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

/* Rewrites the IPv4 header fields no checksum but its own covers. */
void pkt4_hdr(struct tpkt *p, uint8_t tos, uint16_t id, uint16_t frag_off,
	      uint8_t ttl)
{
	struct iphdr *ip4 = (struct iphdr *)p->buf;

	ip4->tos = tos;
	ip4->id = htons(id);
	ip4->frag_off = htons(frag_off);
	ip4->ttl = ttl;
	ip4->check = 0;
	ip4->check = ip_fast_csum(ip4, ip4->ihl);
}

/* Inserts @len4 32-bit words of options (NOPs, then an end of list). */
void pkt4_add_opts(struct tpkt *p, unsigned int len4)
{
	struct iphdr *ip4 = (struct iphdr *)p->buf;
	unsigned int olen = len4 * 4, hl = ip4->ihl * 4;

	if (!olen)
		return;
	memmove(p->buf + hl + olen, p->buf + hl, p->len - hl);
	memset(p->buf + hl, 1, olen);
	p->buf[hl + olen - 1] = 0;
	ip4->ihl += len4;
	p->len += olen;
	p->l4off += olen;
	ip4->tot_len = htons(p->len);
	ip4->check = 0;
	ip4->check = ip_fast_csum(ip4, ip4->ihl);
}

/* Sets the traffic class; the flow label becomes 0. */
void pkt6_tc(struct tpkt *p, uint8_t tclass)
{
	struct ipv6hdr *ip6 = (struct ipv6hdr *)p->buf;

	ip6->priority = tclass >> 4;
	ip6->flow_lbl[0] = (tclass & 0xf) << 4;
	ip6->flow_lbl[1] = 0;
	ip6->flow_lbl[2] = 0;
}

/* Inserts a fragment header right after the fixed IPv6 header. */
void pkt_add_frag6(struct tpkt *p, uint16_t offset, bool more, uint32_t id)
{
	struct ipv6hdr *ip6 = (struct ipv6hdr *)p->buf;
	uint8_t *fh = p->buf + 40;

	memmove(fh + 8, fh, p->len - 40);
	fh[0] = ip6->nexthdr;
	fh[1] = 0;
	fh[2] = (offset << 3) >> 8;
	fh[3] = ((offset << 3) & 0xf8) | more;
	fh[4] = id >> 24;
	fh[5] = id >> 16;
	fh[6] = id >> 8;
	fh[7] = id;
	ip6->nexthdr = 44;
	p->len += 8;
	p->l4off += 8;
	ip6->payload_len = htons(p->len - 40);
}

void pkt_icmp_err(struct tpkt *p, const struct err_spec *s)
{
	bool v6 = strchr(s->src, ':') != NULL;
	unsigned int hl = v6 ? 40 : 20, field;
	uint8_t *icmp = p->buf + hl;

	memset(p, 0, sizeof(*p));
	field = s->field_len > s->inner_len ? s->field_len : s->inner_len;
	if (v6) {
		struct ipv6hdr *ip6 = (struct ipv6hdr *)p->buf;

		ip6->version = 6;
		ip6->priority = s->tos >> 4;
		ip6->flow_lbl[0] = ((s->tos & 0xf) << 4) | 0x5;
		ip6->flow_lbl[1] = 0x43;
		ip6->flow_lbl[2] = 0x21;
		ip6->nexthdr = IPPROTO_ICMPV6;
		ip6->hop_limit = s->ttl;
		inet_pton(AF_INET6, s->src, &ip6->saddr);
		inet_pton(AF_INET6, s->dst, &ip6->daddr);
	} else {
		struct iphdr *ip4 = (struct iphdr *)p->buf;

		ip4->version = 4;
		ip4->ihl = 5;
		ip4->tos = s->tos;
		ip4->id = htons(s->id);
		ip4->frag_off = htons(s->frag_off);
		ip4->ttl = s->ttl;
		ip4->protocol = IPPROTO_ICMP;
		inet_pton(AF_INET, s->src, &ip4->saddr);
		inet_pton(AF_INET, s->dst, &ip4->daddr);
	}
	icmp[0] = s->type;
	icmp[1] = s->code;
	memcpy(icmp + 4, s->rest, 4);
	if (s->inner_len)
		memcpy(icmp + 8, s->inner, s->inner_len);
	if (s->ext_len)
		memcpy(icmp + 8 + field, s->ext, s->ext_len);
	p->l4off = hl;
	p->len = hl + 8 + field + s->ext_len;
	if (v6) {
		((struct ipv6hdr *)p->buf)->payload_len = htons(p->len - 40);
	} else {
		struct iphdr *ip4 = (struct iphdr *)p->buf;

		ip4->tot_len = htons(p->len);
		ip4->check = ip_fast_csum(ip4, 5);
	}
	pkt_finish_l4(p);
}
