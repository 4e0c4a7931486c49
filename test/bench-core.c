// SPDX-License-Identifier: GPL-2.0
/*
 * make bench-core: the instructions jool_xlat64() and jool_xlat46() run per
 * packet, counted by callgrind (test/bench-core.sh). Built against the
 * src/core/ of any commit since the API of 0.1.0 (only the fields of
 * struct xlat_cfg and struct xlat_pkt that every version has are set).
 *
 *   core CASE N    translate N copies of CASE's packet
 *
 * The cases are the packets of make bench: TCP as the stack hands it to a
 * device (GSO, CHECKSUM_PARTIAL, the headers linear) and 64-byte UDP with
 * a full checksum, both directions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "core/xlat.h"

#define GSO_LEN 65000
#define TCP_MSS 1440

static u8 pkt[GSO_LEN], work[GSO_LEN];

static struct xlat_cfg cfg;

/* The IPv6 host 64:ff9b::198.51.100.6 to the IPv4 one 192.0.2.4. */
static unsigned int build6(u8 proto, unsigned int len)
{
	struct ipv6hdr *ip6 = (struct ipv6hdr *)pkt;

	memset(pkt, 0, len);
	ip6->version = 6;
	ip6->payload_len = htons(len - sizeof(*ip6));
	ip6->nexthdr = proto;
	ip6->hop_limit = 63;
	inet_pton(AF_INET6, "64:ff9b::198.51.100.6", &ip6->saddr);
	inet_pton(AF_INET6, "64:ff9b::192.0.2.4", &ip6->daddr);
	return sizeof(*ip6);
}

static unsigned int build4(u8 proto, unsigned int len)
{
	struct iphdr *ip4 = (struct iphdr *)pkt;

	memset(pkt, 0, len);
	ip4->version = 4;
	ip4->ihl = 5;
	ip4->tot_len = htons(len);
	ip4->frag_off = htons(IP_DF);
	ip4->ttl = 63;
	ip4->protocol = proto;
	inet_pton(AF_INET, "192.0.2.4", &ip4->saddr);
	inet_pton(AF_INET, "198.51.100.6", &ip4->daddr);
	ip4->check = ip_fast_csum(ip4, ip4->ihl);
	return sizeof(*ip4);
}

/* Fills @x as xmit.c's prepare_pkt() would; returns the linear bytes. */
static unsigned int build(const char *name, struct xlat_pkt *x, bool *v6)
{
	unsigned int l4, len;
	struct tcphdr *th;
	struct udphdr *uh;

	memset(x, 0, sizeof(*x));
	x->hop_bump = 1;
	x->ipv4_id = htons(0x1234);
	*v6 = name[0] == '6';
	if (!strcmp(name, "64-tcp-gso") || !strcmp(name, "46-tcp-gso")) {
		len = GSO_LEN;
		l4 = *v6 ? build6(IPPROTO_TCP, len) : build4(IPPROTO_TCP, len);
		th = (struct tcphdr *)(pkt + l4);
		th->doff = 5;
		th->ack = 1;
		th->check = htons(0x1234);	/* the pseudo-header seed */
		x->csum_partial = true;
		x->csum_start = l4;
		x->csum_offset = offsetof(struct tcphdr, check);
		x->gso_size = TCP_MSS;
		x->len = len;
		return l4 + sizeof(*th);
	}
	if (!strcmp(name, "64-udp64") || !strcmp(name, "46-udp64")) {
		len = (*v6 ? 40 : 20) + sizeof(*uh) + 64;
		l4 = *v6 ? build6(IPPROTO_UDP, len) : build4(IPPROTO_UDP, len);
		uh = (struct udphdr *)(pkt + l4);
		uh->source = htons(40000);
		uh->dest = htons(5201);
		uh->len = htons(len - l4);
		uh->check = htons(0xbeef);
		x->len = len;
		return l4 + sizeof(struct tcphdr);
	}
	fprintf(stderr, "unknown case %s\n", name);
	exit(2);
}

int main(int argc, char **argv)
{
	struct xlat_pkt proto, x;
	unsigned long i, n;
	unsigned int linear;
	bool v6;

	if (argc != 3) {
		fprintf(stderr, "usage: %s 64-tcp-gso|46-tcp-gso|64-udp64|46-udp64 N\n",
			argv[0]);
		return 2;
	}
	cfg.pool6_set = true;
	inet_pton(AF_INET6, "64:ff9b::", &cfg.pool6.addr);
	cfg.pool6.len = 96;
	linear = build(argv[1], &proto, &v6);
	n = strtoul(argv[2], NULL, 10);
	for (i = 0; i < n; i++) {
		memcpy(work, pkt, linear);
		x = proto;
		if ((v6 ? jool_xlat64(&cfg, work, linear, &x) :
			  jool_xlat46(&cfg, work, linear, &x)) != XLAT_OK) {
			fprintf(stderr, "%s: not translated (reason %d)\n",
				argv[1], (int)x.reason);
			return 1;
		}
	}
	return 0;
}
