// SPDX-License-Identifier: GPL-2.0
/*
 * The header translation core (RFC 7915 sections 4 and 5, the parts the
 * foundation covers): every field of the new header, checksums recomputed
 * from scratch, drops with their reasons, the MORE protocol.
 */
#include <stdlib.h>
#include "core/eamt.h"
#include "fixture.h"
#include "unit.h"

#define N6 "64:ff9b::198.51.100.6"
#define N4 "64:ff9b::192.0.2.4"

static void test_64_fields(uint8_t proto, unsigned int payload)
{
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	struct xlat_pkt x;
	struct tpkt p;
	uint8_t out[4096];
	struct iphdr *ip4 = (struct iphdr *)out;
	unsigned int len, l4len;

	pkt6(&p, N6, N4, proto, payload, 63);
	l4len = p.len - 40;
	CHECK_EQ(run64(&cfg, &p, &x, 1, 0), XLAT_OK, "6->4 proto %u len %u", proto, payload);
	CHECK_EQ(x.old_l3len, 40u, "old l3");
	CHECK_EQ(x.new_l3len, 20u, "new l3");
	len = assemble(out, &p, &x);
	CHECK_EQ(ip4->version, 4, "version");
	CHECK_EQ(ip4->ihl, 5, "ihl");
	CHECK_EQ(ip4->tos, 0xab, "tos from traffic class: %x", ip4->tos);
	CHECK_EQ(ntohs(ip4->tot_len), 20 + l4len, "total length");
	CHECK_EQ(ntohs(ip4->id), 0x1234, "identification");
	CHECK_EQ(ntohs(ip4->frag_off), 20 + l4len > 1260 ? IP_DF : 0,
		 "DF iff > 1260 (len %u)", 20 + l4len);
	CHECK_EQ(ip4->ttl, 64, "ttl = hop limit + bump");
	CHECK_EQ(ip4->protocol, proto == IPPROTO_ICMPV6 ? IPPROTO_ICMP : proto, "protocol");
	CHECK_EQ(ip4->saddr, a4("198.51.100.6"), "saddr");
	CHECK_EQ(ip4->daddr, a4("192.0.2.4"), "daddr");
	CHECK_EQ(ip_fast_csum(ip4, 5), 0, "header checksum");
	CHECK(l4_csum_ok(out, len), "L4 checksum proto %u len %u", proto, payload);
	if (proto == IPPROTO_ICMPV6)
		CHECK_EQ(out[20], ICMP_ECHO, "echo request type");
}

static void test_46_fields(uint8_t proto, unsigned int payload)
{
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	struct xlat_pkt x;
	struct tpkt p;
	uint8_t out[4096];
	struct ipv6hdr *ip6 = (struct ipv6hdr *)out;
	struct in6_addr want;
	unsigned int len;

	pkt4(&p, "192.0.2.4", "198.51.100.6", proto, payload, 63);
	CHECK_EQ(run46(&cfg, &p, &x, 1), XLAT_OK, "4->6 proto %u len %u", proto, payload);
	CHECK_EQ(x.old_l3len, 20u, "old l3");
	CHECK_EQ(x.new_l3len, 40u, "new l3");
	len = assemble(out, &p, &x);
	CHECK_EQ(ip6->version, 6, "version");
	CHECK_EQ(ip6->priority, 0xb, "traffic class high");
	CHECK_EQ(ip6->flow_lbl[0], 0x80, "traffic class low, flow label 0");
	CHECK(!ip6->flow_lbl[1] && !ip6->flow_lbl[2], "flow label 0");
	CHECK_EQ(ntohs(ip6->payload_len), p.len - 20, "payload length");
	CHECK_EQ(ip6->nexthdr, proto == IPPROTO_ICMP ? IPPROTO_ICMPV6 : proto, "next header");
	CHECK_EQ(ip6->hop_limit, 64, "hop limit = ttl + bump");
	inet_pton(AF_INET6, "64:ff9b::192.0.2.4", &want);
	CHECK(!memcmp(&ip6->saddr, &want, 16), "saddr");
	inet_pton(AF_INET6, N6, &want);
	CHECK(!memcmp(&ip6->daddr, &want, 16), "daddr");
	CHECK(l4_csum_ok(out, len), "L4 checksum proto %u len %u", proto, payload);
	if (proto == IPPROTO_ICMP)
		CHECK_EQ(out[40], ICMPV6_ECHO_REQUEST, "echo request type");
}

/* 6->4->6 gives back the same upper layer, byte for byte. */
static void test_round_trip(uint8_t proto, unsigned int payload)
{
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	struct tpkt p, q;
	struct xlat_pkt x;
	uint8_t orig[4096];
	unsigned int len;

	pkt6(&p, N6, N4, proto, payload, 10);
	memcpy(orig, p.buf, p.len);
	CHECK_EQ(run64(&cfg, &p, &x, 0, 0), XLAT_OK, "there");
	memset(&q, 0, sizeof(q));
	q.len = assemble(q.buf, &p, &x);
	CHECK_EQ(run46(&cfg, &q, &x, 0), XLAT_OK, "and back");
	len = assemble(p.buf, &q, &x);
	CHECK_EQ(len, p.len, "length");
	CHECK(!memcmp(orig + 40, p.buf + 40, len - 40), "same upper layer, proto %u", proto);
	CHECK(!memcmp(orig + 8, p.buf + 8, 32), "same addresses");
	CHECK_EQ(p.buf[7], 10, "same hop limit");
}

/* CHECKSUM_PARTIAL: the field must hold the new pseudo-header sum. */
static void test_partial(void)
{
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	struct xlat_pkt x;
	struct tpkt p;
	uint8_t out[4096];
	unsigned int len;
	uint16_t field;

	pkt6(&p, N6, N4, IPPROTO_TCP, 3000, 64);
	memset(&x, 0, sizeof(x));
	x.len = p.len;
	x.csum_partial = true;
	x.csum_start = 40;
	x.csum_offset = 16;
	x.gso_size = 1000;
	CHECK_EQ(jool_xlat64(&cfg, p.buf, p.len, &x), XLAT_OK, "partial 6->4");
	len = assemble(out, &p, &x);
	field = (out[20 + 16] << 8) | out[20 + 17];
	CHECK_EQ(field, l4_csum_seed(out, len), "6->4 seed");
	CHECK_EQ(ntohs(((struct iphdr *)out)->frag_off), 0,
		 "DF from the segment size (20 + 20 + 1000 <= 1260)");

	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 3000, 64);
	memset(&x, 0, sizeof(x));
	x.len = p.len;
	x.csum_partial = true;
	x.csum_start = 20;
	x.csum_offset = 6;
	CHECK_EQ(jool_xlat46(&cfg, p.buf, p.len, &x), XLAT_OK, "partial 4->6");
	len = assemble(out, &p, &x);
	field = (out[40 + 6] << 8) | out[40 + 7];
	CHECK_EQ(field, l4_csum_seed(out, len), "4->6 seed");

	/* A checksum start that is not the L4 header is refused. */
	pkt6(&p, N6, N4, IPPROTO_TCP, 100, 64);
	memset(&x, 0, sizeof(x));
	x.len = p.len;
	x.csum_partial = true;
	x.csum_start = 44;
	x.csum_offset = 16;
	CHECK_EQ(jool_xlat64(&cfg, p.buf, p.len, &x), XLAT_DROP,
		 "bad csum_start");
	CHECK_EQ(x.reason, JOOL_STAT_CSUM_PARTIAL_LAYOUT, "reason");
}

static void expect_drop64(const char *what, const struct xlat_cfg *cfg,
			  struct tpkt *p, unsigned int len,
			  enum jool_stat reason)
{
	uint8_t before[4096];
	struct xlat_pkt x;

	memcpy(before, p->buf, p->len);
	memset(&x, 0, sizeof(x));
	x.len = len;
	CHECK_EQ(jool_xlat64(cfg, p->buf, len, &x), XLAT_DROP, "%s: dropped",
		 what);
	CHECK_EQ(x.reason, reason, "%s: reason %d", what, x.reason);
	CHECK(!memcmp(before, p->buf, p->len), "%s: packet untouched", what);
}

static void expect_drop46(const char *what, const struct xlat_cfg *cfg,
			  struct tpkt *p, enum jool_stat reason)
{
	uint8_t before[4096];
	struct xlat_pkt x;

	memcpy(before, p->buf, p->len);
	memset(&x, 0, sizeof(x));
	x.len = p->len;
	CHECK_EQ(jool_xlat46(cfg, p->buf, p->len, &x), XLAT_DROP, "%s: dropped",
		 what);
	CHECK_EQ(x.reason, reason, "%s: reason %d", what, x.reason);
	CHECK(!memcmp(before, p->buf, p->len), "%s: packet untouched", what);
}

/* ICMP errors are handed back to be translated whole (test_icmp.c). */
static void expect_icmp_err(const struct xlat_cfg *cfg, struct tpkt *p,
			    bool v6)
{
	uint8_t before[4096];
	struct xlat_pkt x;

	memcpy(before, p->buf, p->len);
	memset(&x, 0, sizeof(x));
	x.len = p->len;
	CHECK_EQ(v6 ? jool_xlat64(cfg, p->buf, p->len, &x) :
		      jool_xlat46(cfg, p->buf, p->len, &x),
		 XLAT_ICMP_ERR, "ICMP error, v6 %d", v6);
	CHECK_EQ(x.reason, JOOL_STAT_ICMP_UNSUPPORTED, "reason for a glue without");
	CHECK(!memcmp(before, p->buf, p->len), "ICMP error: packet untouched");
}

static void test_drops(void)
{
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::"), none = { 0 };
	struct tpkt p;

	pkt6(&p, N6, N4, IPPROTO_TCP, 10, 64);
	expect_drop64("no pool6", &none, &p, p.len, JOOL_STAT_NO_POOL6);
	pkt6(&p, "2001:db8::1", N4, IPPROTO_TCP, 10, 64);
	expect_drop64("source outside pool6", &cfg, &p, p.len, JOOL_STAT_SRC6_UNTRANSLATABLE);
	pkt6(&p, N6, "2001:db8::1", IPPROTO_UDP, 10, 64);
	expect_drop64("destination outside pool6", &cfg, &p, p.len, JOOL_STAT_DST6_UNTRANSLATABLE);
	pkt6(&p, N6, N4, IPPROTO_TCP, 10, 64);
	expect_drop64("payload length > packet", &cfg, &p, p.len - 1, JOOL_STAT_HDR6_TRUNCATED);
	pkt6(&p, N6, N4, IPPROTO_TCP, 0, 64);
	p.len = 50;
	((struct ipv6hdr *)p.buf)->payload_len = htons(10);
	expect_drop64("truncated TCP header", &cfg, &p, p.len, JOOL_STAT_L4_TRUNCATED);
	pkt6(&p, N6, N4, IPPROTO_UDP, 10, 64);
	pkt_add_ext6(&p, 43, 0, 1);
	expect_drop64("routing header, segments left", &cfg, &p, p.len, JOOL_STAT_EXT6_UNSUPPORTED);
	pkt6(&p, N6, N4, IPPROTO_ICMPV6, 10, 64);
	p.buf[40] = 1;	/* destination unreachable: the whole packet, please */
	expect_icmp_err(&cfg, &p, true);
	pkt6(&p, N6, N4, IPPROTO_TCP, 10, 64);
	p.buf[0] = 0x45;
	expect_drop64("IPv4 in an IPv6 skb", &cfg, &p, p.len, JOOL_STAT_PROTO_MISMATCH);

	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_TCP, 10, 64);
	expect_drop46("no pool6", &none, &p, JOOL_STAT_NO_POOL6);
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_TCP, 10, 64);
	p.buf[10] ^= 1;
	expect_drop46("bad header checksum", &cfg, &p, JOOL_STAT_HDR4_INVALID);
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 10, 64);
	p.buf[26] = p.buf[27] = 0;
	expect_drop46("zero UDP checksum", &cfg, &p, JOOL_STAT_UDP_ZERO_CSUM);
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_ICMP, 10, 64);
	p.buf[20] = 3;
	expect_icmp_err(&cfg, &p, false);
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 10, 64);
	((struct iphdr *)p.buf)->protocol = IPPROTO_IGMP;
	((struct iphdr *)p.buf)->check = 0;
	((struct iphdr *)p.buf)->check = ip_fast_csum(p.buf, 5);
	expect_drop46("IGMP (RFC 7915 4.2)", &cfg, &p, JOOL_STAT_ICMP_UNSUPPORTED);
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_TCP, 10, 64);
	((struct iphdr *)p.buf)->tot_len = htons(p.len + 1);
	expect_drop46("total length > packet", &cfg, &p, JOOL_STAT_HDR4_INVALID);
}

/*
 * Protocols of the other IP version have no translation: RFC 7915 4.1 and
 * 5.1 turn ICMPv4 into ICMPv6 and back, so an ICMPv4 message inside IPv6 or
 * an ICMPv6 one inside IPv4 would come out as the other family's ICMP
 * without ever being translated; IGMP (2) has no meaning in IPv6. Every
 * fragment carries the protocol: all of them are dropped.
 */
static void test_proto_untranslatable(void)
{
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	struct xlat_pkt x;
	struct tpkt p;

	pkt6(&p, N6, N4, IPPROTO_ICMP, 16, 64);
	p.buf[40] = ICMP_ECHO;
	expect_drop64("ICMPv4 in IPv6", &cfg, &p, p.len,
		      JOOL_STAT_PROTO_UNTRANSLATABLE);
	pkt6(&p, N6, N4, IPPROTO_IGMP, 8, 64);
	expect_drop64("IGMP in IPv6", &cfg, &p, p.len,
		      JOOL_STAT_PROTO_UNTRANSLATABLE);
	pkt6(&p, N6, N4, IPPROTO_ICMP, 16, 64);
	pkt_add_ext6(&p, NEXTHDR_DEST, 0, 0);
	expect_drop64("ICMPv4 behind destination options", &cfg, &p, p.len,
		      JOOL_STAT_PROTO_UNTRANSLATABLE);
	pkt6(&p, N6, N4, IPPROTO_ICMP, 100, 64);
	pkt_add_frag6(&p, 0, true, 5);
	expect_drop64("first IPv6 fragment of ICMPv4", &cfg, &p, p.len,
		      JOOL_STAT_PROTO_UNTRANSLATABLE);
	pkt6(&p, N6, N4, IPPROTO_IGMP, 100, 64);
	pkt_add_frag6(&p, 13, false, 5);
	expect_drop64("later IPv6 fragment of IGMP", &cfg, &p, p.len,
		      JOOL_STAT_PROTO_UNTRANSLATABLE);

	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_ICMPV6, 16, 64);
	p.buf[20] = ICMPV6_ECHO_REQUEST;
	expect_drop46("ICMPv6 in IPv4", &cfg, &p,
		      JOOL_STAT_PROTO_UNTRANSLATABLE);
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_ICMPV6, 100, 64);
	pkt4_hdr(&p, 0, 0x55, IP_MF, 64);
	expect_drop46("first IPv4 fragment of ICMPv6", &cfg, &p,
		      JOOL_STAT_PROTO_UNTRANSLATABLE);
	pkt4_hdr(&p, 0, 0x55, 13, 64);
	expect_drop46("later IPv4 fragment of ICMPv6", &cfg, &p,
		      JOOL_STAT_PROTO_UNTRANSLATABLE);

	/* Their neighbours are copied as usual (RFC 7915 4.5, 5.5). */
	pkt6(&p, N6, N4, 3, 16, 64);
	CHECK_EQ(run64(&cfg, &p, &x, 1, 0), XLAT_OK, "6->4 protocol 3 copied");
	CHECK_EQ(x.l4proto, 3, "6->4 protocol 3");
	pkt4(&p, "192.0.2.4", "198.51.100.6", 59, 16, 64);
	CHECK_EQ(run46(&cfg, &p, &x, 1), XLAT_OK, "4->6 protocol 59 copied");
	CHECK_EQ(x.l4proto, 59, "4->6 protocol 59");
}

/* Extension headers RFC 7915 5.1 says to skip, and the MORE protocol. */
static void test_ext_and_more(void)
{
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	struct xlat_pkt x;
	struct tpkt p;
	uint8_t out[4096];

	pkt6(&p, N6, N4, IPPROTO_TCP, 100, 64);
	pkt_add_ext6(&p, 60, 1, 0);	/* destination options, 16 bytes */
	pkt_add_ext6(&p, 43, 0, 0);	/* routing, no segments left */
	pkt_add_ext6(&p, 0, 0, 0);	/* hop-by-hop, 8 bytes */
	memset(&x, 0, sizeof(x));
	x.len = p.len;
	CHECK_EQ(jool_xlat64(&cfg, p.buf, 40, &x), XLAT_MORE,
		 "needs the first ext");
	CHECK_EQ(x.need, 48u, "need 48");
	CHECK_EQ(jool_xlat64(&cfg, p.buf, 48, &x), XLAT_MORE,
		 "needs the second ext");
	CHECK_EQ(x.need, 56u, "need 56");
	CHECK_EQ(jool_xlat64(&cfg, p.buf, 56, &x), XLAT_MORE,
		 "needs the third ext");
	CHECK_EQ(x.need, 64u, "need 64");
	CHECK_EQ(jool_xlat64(&cfg, p.buf, 64, &x), XLAT_MORE,
		 "needs the TCP header");
	CHECK_EQ(x.need, 40u + 32 + 20, "need the TCP header");
	CHECK_EQ(jool_xlat64(&cfg, p.buf, x.need, &x), XLAT_OK,
		 "then translates");
	CHECK_EQ(x.old_l3len, 72u, "all extension headers removed");
	CHECK(l4_csum_ok(out, assemble(out, &p, &x)), "checksum without ext headers");
	CHECK_EQ(ntohs(((struct iphdr *)out)->tot_len), 20 + p.len - 72, "total length");
}

/* zeroize-traffic-class, override-tos/tos, amend-udp-checksum-zero. */
static void test_knobs(void)
{
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	struct xlat_pkt x;
	struct tpkt p;
	uint8_t out[4096];
	unsigned int len;
	uint16_t field;

	cfg.zeroize_tc = true;
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_TCP, 10, 64);
	CHECK_EQ(run46(&cfg, &p, &x, 0), XLAT_OK, "zeroize-traffic-class");
	CHECK(x.hdr.v6.priority == 0 && x.hdr.v6.flow_lbl[0] == 0, "traffic class 0");

	cfg = cfg_pool6("64:ff9b::");
	cfg.override_tos = true;
	cfg.tos = 0x2e;
	pkt6(&p, N6, N4, IPPROTO_TCP, 10, 64);
	CHECK_EQ(run64(&cfg, &p, &x, 0, 0), XLAT_OK, "override-tos");
	CHECK_EQ(x.hdr.v4.tos, 0x2e, "tos from the global");
	CHECK_EQ(ip_fast_csum(&x.hdr.v4, 5), 0, "header checksum with tos");
	cfg.override_tos = false;
	CHECK_EQ(run64(&cfg, &p, &x, 0, 0), XLAT_OK, "tos alone does nothing");
	CHECK_EQ(x.hdr.v4.tos, 0xab, "traffic class copied");

	/* A zero UDP checksum: dropped by default, else re-seeded. */
	cfg = cfg_pool6("64:ff9b::");
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 100, 64);
	p.buf[26] = p.buf[27] = 0;
	CHECK_EQ(run46(&cfg, &p, &x, 0), XLAT_DROP, "zero UDP checksum dropped");
	cfg.amend_udp_csum0 = true;
	CHECK_EQ(run46(&cfg, &p, &x, 0), XLAT_OK, "amend-udp-checksum-zero");
	CHECK(x.csum_now_partial, "handed to the stack as CHECKSUM_PARTIAL");
	len = assemble(out, &p, &x);
	field = (out[40 + 6] << 8) | out[40 + 7];
	CHECK_EQ(field, l4_csum_seed(out, len), "seeded with the IPv6 pseudo-header");
}

/* RFC 7757: an EAM wins over pool6; EAMT alone works without pool6. */
static void test_eam(void)
{
	struct eamt_entry e[2];
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::");
	struct xlat_pkt x;
	struct tpkt p;
	uint8_t out[4096];
	struct in6_addr want;
	struct eamt *t;

	inet_pton(AF_INET6, "2001:db8:aaaa::", &e[0].p6.addr);
	e[0].p6.len = 120;
	e[0].p4.addr = a4("192.0.2.0");
	e[0].p4.len = 24;
	inet_pton(AF_INET6, "2001:db8:bbbb::5", &e[1].p6.addr);
	e[1].p6.len = 128;
	e[1].p4.addr = a4("203.0.113.5");
	e[1].p4.len = 32;
	t = jool_eamt_build(e, 2);
	CHECK(t != NULL, "table");
	cfg.eamt = t;

	/* EAM source, pool6 destination, and back. */
	pkt6(&p, "2001:db8:bbbb::5", "64:ff9b::198.51.100.9", IPPROTO_UDP, 20, 64);
	CHECK_EQ(run64(&cfg, &p, &x, 0, 0), XLAT_OK, "EAM source");
	CHECK_EQ(x.hdr.v4.saddr, a4("203.0.113.5"), "source from the EAM");
	CHECK_EQ(x.hdr.v4.daddr, a4("198.51.100.9"), "destination from pool6");
	CHECK(l4_csum_ok(out, assemble(out, &p, &x)), "checksum");
	/* 64:ff9b::192.0.2.7 is inside pool6, but 192.0.2.0/24 is an EAM
	 * whose IPv6 side is 2001:db8:aaaa::/120: the 4->6 way uses the EAM.
	 */
	pkt4(&p, "192.0.2.7", "203.0.113.5", IPPROTO_TCP, 20, 64);
	CHECK_EQ(run46(&cfg, &p, &x, 0), XLAT_OK, "EAM both ways");
	inet_pton(AF_INET6, "2001:db8:aaaa::7", &want);
	CHECK(!memcmp(&x.hdr.v6.saddr, &want, 16), "source from the EAM, not pool6");
	inet_pton(AF_INET6, "2001:db8:bbbb::5", &want);
	CHECK(!memcmp(&x.hdr.v6.daddr, &want, 16), "destination from the EAM");
	CHECK(l4_csum_ok(out, assemble(out, &p, &x)), "checksum");

	/* Without pool6, only EAM addresses translate. */
	cfg.pool6_set = false;
	pkt4(&p, "192.0.2.7", "203.0.113.5", IPPROTO_UDP, 20, 64);
	CHECK_EQ(run46(&cfg, &p, &x, 0), XLAT_OK, "EAMT alone");
	pkt4(&p, "198.51.100.1", "203.0.113.5", IPPROTO_UDP, 20, 64);
	expect_drop46("IPv4 source without a rule", &cfg, &p, JOOL_STAT_SRC4_UNTRANSLATABLE);
	pkt4(&p, "192.0.2.7", "198.51.100.1", IPPROTO_UDP, 20, 64);
	expect_drop46("IPv4 destination without a rule", &cfg, &p, JOOL_STAT_DST4_UNTRANSLATABLE);
	pkt6(&p, "2001:db8:bbbb::5", "64:ff9b::198.51.100.9", IPPROTO_UDP, 20, 64);
	expect_drop64("IPv6 destination without a rule", &cfg, &p, p.len, JOOL_STAT_DST6_UNTRANSLATABLE);
	jool_eamt_free(t);
}

static const unsigned int sizes[] = { 0, 1, 7, 100, 1220, 1221, 1400 };
static const uint8_t protos6[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMPV6 };
static const uint8_t protos4[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP };

/* @fn for TCP, UDP and ICMP(v6) at every size. */
static void each(void (*fn)(uint8_t proto, unsigned int payload),
		 const uint8_t *protos)
{
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(protos6); i++)
		for (j = 0; j < ARRAY_SIZE(sizes); j++)
			fn(protos[i], sizes[j]);
}

static void test_fields64(void)
{
	each(test_64_fields, protos6);
}

static void test_fields46(void)
{
	each(test_46_fields, protos4);
}

static void test_round_trips(void)
{
	each(test_round_trip, protos6);
}

const struct unit_test xlat_tests[] = {
	{ "xlat/fields64", test_fields64 },
	{ "xlat/fields46", test_fields46 },
	{ "xlat/round-trip", test_round_trips },
	{ "xlat/partial", test_partial },
	{ "xlat/drops", test_drops },
	{ "xlat/proto-untranslatable", test_proto_untranslatable },
	{ "xlat/ext-and-more", test_ext_and_more },
	{ "xlat/knobs", test_knobs },
	{ "xlat/eam", test_eam },
	{ NULL, NULL }
};
