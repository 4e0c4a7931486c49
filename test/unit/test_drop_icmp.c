// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 7915 4.4 and 5.4: the ICMP error the translator sends back for a
 * packet it drops, decided by jool_xlat_drop_icmp() from the core's verdict.
 * Each packet goes through the real jool_xlat64()/xlat46() first, so the reason
 * (and the parameter problem pointer) are the ones the data path produces.
 */
#include <string.h>
#include "fixture.h"
#include "unit.h"

#define V6_OK "64:ff9b::198.51.100.6"
#define V6_DST "64:ff9b::192.0.2.4"

/* No error expected: @type 0xff. */
#define NONE 0xff

static void check(const char *what, const struct xlat_cfg *cfg,
		  struct tpkt *p, bool v6, enum jool_stat reason, u8 type,
		  u8 code, u32 info)
{
	struct xlat_icmp_gen err = { 0 };
	enum xlat_verdict v;
	struct xlat_pkt x;
	bool sent;

	memset(&x, 0, sizeof(x));
	x.len = p->len;
	v = v6 ? jool_xlat64(cfg, p->buf, p->len, &x) :
		 jool_xlat46(cfg, p->buf, p->len, &x);
	CHECK_EQ(v, XLAT_DROP, "%s: dropped", what);
	CHECK_EQ(x.reason, reason, "%s: reason %d", what, x.reason);
	sent = jool_xlat_drop_icmp(p->buf, p->len, v6, &x, &err);
	if (type == NONE) {
		CHECK(!sent, "%s: no error (got %u/%u)", what, err.type,
		      err.code);
		return;
	}
	CHECK(sent, "%s: an error", what);
	CHECK_EQ(err.type, type, "%s: type %u", what, err.type);
	CHECK_EQ(err.code, code, "%s: code %u", what, err.code);
	CHECK_EQ(err.info, info, "%s: info %u", what, err.info);
}

/* Puts @n bytes of IPv4 options (a multiple of 4) after the header. */
static void add_opts(struct tpkt *p, const u8 *opt, unsigned int n)
{
	struct iphdr *ip4 = (struct iphdr *)p->buf;
	unsigned int hl = ip4->ihl * 4;

	memmove(p->buf + hl + n, p->buf + hl, p->len - hl);
	memcpy(p->buf + hl, opt, n);
	ip4->ihl += n / 4;
	p->len += n;
	p->l4off += n;
	ip4->tot_len = htons(p->len);
	ip4->check = 0;
	ip4->check = ip_fast_csum(ip4, ip4->ihl);
}

static void test_v6(void)
{
	static const u8 after_frag[] = { NEXTHDR_DEST, NEXTHDR_ROUTING,
					 NEXTHDR_HOP };
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::"), none = { 0 };
	unsigned int i;
	struct tpkt p;

	pkt6(&p, V6_OK, "2001:db8::1", IPPROTO_UDP, 10, 64);
	check("5.4 untranslatable destination", &cfg, &p, true,
	      JOOL_STAT_DST6_UNTRANSLATABLE, ICMPV6_DEST_UNREACH,
	      ICMPV6_ADM_PROHIBITED, 0);
	pkt6(&p, "2001:db8::1", V6_DST, IPPROTO_TCP, 10, 64);
	check("5.1 untranslatable source: source address failed policy",
	      &cfg, &p, true, JOOL_STAT_SRC6_UNTRANSLATABLE,
	      ICMPV6_DEST_UNREACH, ICMPV6_POLICY_FAIL, 0);
	pkt6(&p, V6_OK, V6_DST, IPPROTO_TCP, 10, 64);
	check("5.4 no pool6", &none, &p, true, JOOL_STAT_NO_POOL6,
	      ICMPV6_DEST_UNREACH, ICMPV6_ADM_PROHIBITED, 0);

	pkt6(&p, V6_OK, V6_DST, IPPROTO_UDP, 10, 64);
	pkt_add_ext6(&p, NEXTHDR_ROUTING, 0, 1);
	check("5.1 routing header, segments left", &cfg, &p, true,
	      JOOL_STAT_EXT6_UNSUPPORTED, ICMPV6_PARAMPROB, ICMPV6_HDR_FIELD,
	      40 + 3);
	pkt6(&p, V6_OK, V6_DST, IPPROTO_UDP, 10, 64);
	pkt_add_ext6(&p, NEXTHDR_ROUTING, 1, 2);
	pkt_add_ext6(&p, NEXTHDR_HOP, 0, 0);
	check("5.1 routing header after hop-by-hop", &cfg, &p, true,
	      JOOL_STAT_EXT6_UNSUPPORTED, ICMPV6_PARAMPROB, ICMPV6_HDR_FIELD,
	      40 + 8 + 3);

	/* 5.1.1: "dropped and logged"; 5.4's default answer. */
	for (i = 0; i < sizeof(after_frag); i++) {
		pkt6(&p, V6_OK, V6_DST, IPPROTO_UDP, 10, 64);
		pkt_add_ext6(&p, after_frag[i], 0, 0);
		pkt_add_frag6(&p, 0, true, 7);
		check("5.1.1 extension header after the Fragment Header", &cfg,
		      &p, true, JOOL_STAT_EXT6_AFTER_FRAG, ICMPV6_DEST_UNREACH,
		      ICMPV6_ADM_PROHIBITED, 0);
	}

	/* Protocols of IPv4: no translation rule, 5.4's default answer. */
	pkt6(&p, V6_OK, V6_DST, IPPROTO_ICMP, 10, 64);
	check("ICMPv4 in IPv6", &cfg, &p, true,
	      JOOL_STAT_PROTO_UNTRANSLATABLE, ICMPV6_DEST_UNREACH,
	      ICMPV6_ADM_PROHIBITED, 0);
	pkt6(&p, V6_OK, V6_DST, IPPROTO_IGMP, 8, 64);
	check("IGMP in IPv6", &cfg, &p, true, JOOL_STAT_PROTO_UNTRANSLATABLE,
	      ICMPV6_DEST_UNREACH, ICMPV6_ADM_PROHIBITED, 0);
	pkt6(&p, V6_OK, V6_DST, IPPROTO_ICMP, 100, 64);
	pkt_add_frag6(&p, 13, false, 7);
	check("ICMPv4 in a later IPv6 fragment", &cfg, &p, true,
	      JOOL_STAT_PROTO_UNTRANSLATABLE, ICMPV6_DEST_UNREACH,
	      ICMPV6_ADM_PROHIBITED, 0);

	/* 5.4: never about an ICMPv6 message, informational or not. */
	pkt6(&p, V6_OK, "2001:db8::1", IPPROTO_ICMPV6, 10, 64);
	p.buf[40] = ICMPV6_ECHO_REQUEST;
	check("5.4 ICMPv6 echo, untranslatable", &cfg, &p, true,
	      JOOL_STAT_DST6_UNTRANSLATABLE, NONE, 0, 0);
	pkt6(&p, V6_OK, "2001:db8::1", IPPROTO_ICMPV6, 10, 64);
	p.buf[40] = ICMPV6_ECHO_REQUEST;
	pkt_add_ext6(&p, NEXTHDR_DEST, 0, 0);
	check("5.4 ICMPv6 behind destination options", &cfg, &p, true,
	      JOOL_STAT_DST6_UNTRANSLATABLE, NONE, 0, 0);
	pkt6(&p, V6_OK, V6_DST, IPPROTO_ICMPV6, 10, 64);
	p.buf[40] = 200;	/* private experimentation: silently dropped */
	check("5.2 unknown ICMPv6 type", &cfg, &p, true,
	      JOOL_STAT_ICMP_UNSUPPORTED, NONE, 0, 0);

	pkt6(&p, V6_OK, V6_DST, IPPROTO_UDP, 10, 0);
	check("5.1 local packet with hop limit 0", &cfg, &p, true,
	      JOOL_STAT_TTL_EXPIRED, ICMPV6_TIME_EXCEED, ICMPV6_EXC_HOPLIMIT,
	      0);

	/* Malformed input is not answered. */
	pkt6(&p, V6_OK, V6_DST, IPPROTO_TCP, 0, 64);
	p.len = 50;
	((struct ipv6hdr *)p.buf)->payload_len = htons(10);
	check("truncated TCP header", &cfg, &p, true, JOOL_STAT_L4_TRUNCATED,
	      NONE, 0, 0);
}

static void test_v4(void)
{
	static const u8 lsrr_left[8] = { IPOPT_LSRR, 7, 4, 192, 0, 2, 9,
					 IPOPT_END };
	static const u8 lsrr_done[8] = { IPOPT_LSRR, 7, 8, 192, 0, 2, 9,
					 IPOPT_END };
	static const u8 ssrr_after_nop[12] = { IPOPT_NOOP, IPOPT_SSRR, 11, 8,
					       192, 0, 2, 9, 192, 0, 2, 10 };
	static const u8 bad_len[4] = { IPOPT_LSRR, 9, 4, 0 };
	struct xlat_cfg cfg = cfg_pool6("64:ff9b::"), none = { 0 };
	struct xlat_pkt x;
	struct tpkt p;

	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_TCP, 10, 64);
	check("4.4 no pool6", &none, &p, false, JOOL_STAT_NO_POOL6,
	      ICMP_DEST_UNREACH, ICMP_PKT_FILTERED, 0);
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 10, 64);
	p.buf[26] = p.buf[27] = 0;
	check("4.5 zero UDP checksum", &cfg, &p, false,
	      JOOL_STAT_UDP_ZERO_CSUM, ICMP_DEST_UNREACH, ICMP_PKT_FILTERED,
	      0);
	/* 4.4: ICMPv4 messages other than errors are answered. */
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_ICMP, 10, 64);
	p.buf[20] = ICMP_ECHO;
	check("4.4 echo request, no pool6", &none, &p, false,
	      JOOL_STAT_NO_POOL6, ICMP_DEST_UNREACH, ICMP_PKT_FILTERED, 0);
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_ICMP, 10, 64);
	p.buf[20] = ICMP_TIMESTAMP;
	check("4.2 timestamp: silently dropped", &cfg, &p, false,
	      JOOL_STAT_ICMP_UNSUPPORTED, NONE, 0, 0);

	/* ICMPv6 in IPv4: no translation rule, 4.4's default answer. */
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_ICMPV6, 10, 64);
	check("ICMPv6 in IPv4", &cfg, &p, false,
	      JOOL_STAT_PROTO_UNTRANSLATABLE, ICMP_DEST_UNREACH,
	      ICMP_PKT_FILTERED, 0);
	/* 1.2 + 4.4: a fragmented echo request is not an ICMPv4 error. */
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_ICMP, 100, 64);
	p.buf[20] = ICMP_ECHO;
	pkt4_hdr(&p, 0, 0x77, IP_MF, 64);
	check("1.2 first fragment of an echo request", &cfg, &p, false,
	      JOOL_STAT_FRAGMENT, ICMP_DEST_UNREACH, ICMP_PKT_FILTERED, 0);
	pkt4_hdr(&p, 0, 0x77, 13, 64);
	check("1.2 later fragment of an echo request: not answerable", &cfg,
	      &p, false, JOOL_STAT_FRAGMENT, NONE, 0, 0);

	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 10, 64);
	add_opts(&p, lsrr_left, sizeof(lsrr_left));
	check("4.1 loose source route, hops left", &cfg, &p, false,
	      JOOL_STAT_SRC_ROUTE, ICMP_DEST_UNREACH, ICMP_SR_FAILED, 0);
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 10, 64);
	add_opts(&p, ssrr_after_nop, sizeof(ssrr_after_nop));
	check("4.1 strict source route after a NOP", &cfg, &p, false,
	      JOOL_STAT_SRC_ROUTE, ICMP_DEST_UNREACH, ICMP_SR_FAILED, 0);

	/* A used-up route and unparsable options are ignored (4.1). */
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 10, 64);
	add_opts(&p, lsrr_done, sizeof(lsrr_done));
	memset(&x, 0, sizeof(x));
	x.len = p.len;
	CHECK_EQ(jool_xlat46(&cfg, p.buf, p.len, &x), XLAT_OK,
		 "4.1 finished source route is translated");
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 10, 64);
	add_opts(&p, bad_len, sizeof(bad_len));
	memset(&x, 0, sizeof(x));
	x.len = p.len;
	CHECK_EQ(jool_xlat46(&cfg, p.buf, p.len, &x), XLAT_OK,
		 "4.1 option overrunning the header is ignored");

	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 10, 0);
	check("4.1 local packet with TTL 0", &cfg, &p, false,
	      JOOL_STAT_TTL_EXPIRED, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);

	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_TCP, 10, 64);
	p.buf[10] ^= 1;
	check("bad header checksum", &cfg, &p, false, JOOL_STAT_HDR4_INVALID,
	      NONE, 0, 0);

	/* What the core cannot see: errors and later fragments. */
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_ICMP, 10, 64);
	p.buf[20] = ICMP_DEST_UNREACH;
	memset(&x, 0, sizeof(x));
	x.reason = JOOL_STAT_ICMP_NO_SOURCE;
	CHECK(!jool_xlat_drop_icmp(p.buf, p.len, false, &x,
				   &(struct xlat_icmp_gen){ 0 }),
	      "4.4 never about an ICMPv4 error");
	x.reason = JOOL_STAT_NO_POOL6;
	CHECK(!jool_xlat_drop_icmp(p.buf, p.len, false, &x,
				   &(struct xlat_icmp_gen){ 0 }),
	      "4.4 never about an ICMPv4 error, whatever the reason");
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 10, 64);
	((struct iphdr *)p.buf)->frag_off = htons(100);
	x.reason = JOOL_STAT_NO_POOL6;
	CHECK(!jool_xlat_drop_icmp(p.buf, p.len, false, &x,
				   &(struct xlat_icmp_gen){ 0 }),
	      "not about a later fragment");
	CHECK(!jool_xlat_drop_icmp(p.buf, 10, false, &x,
				   &(struct xlat_icmp_gen){ 0 }),
	      "not about a header that is not there");
}

/*
 * The explanation of every drop counter (uapi/jool_stats.h, which the man
 * page is made from) ends its sentence "Answer: ..." with what
 * jool_xlat_drop_icmp() sends for that reason, about an answerable IPv6
 * and IPv4 packet: "ICMPv6 T/C", "ICMPv4 T/C", both joined by " or ", or
 * "none".
 */
static const char *const explanations[] = {
#define JOOL_STAT(name, text) [JOOL_STAT_##name] = text,
#include <uapi/jool_stats.h>
#undef JOOL_STAT
};

static void answer_of(enum jool_stat reason, char *out, size_t size)
{
	struct xlat_icmp_gen e6 = { 0 }, e4 = { 0 };
	struct xlat_pkt x;
	struct tpkt p6, p4;
	bool s6, s4;

	pkt6(&p6, V6_OK, V6_DST, IPPROTO_UDP, 10, 64);
	pkt4(&p4, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 10, 64);
	memset(&x, 0, sizeof(x));
	x.reason = reason;
	x.err_ptr = 43;		/* the core always points somewhere */
	s6 = jool_xlat_drop_icmp(p6.buf, p6.len, true, &x, &e6);
	s4 = jool_xlat_drop_icmp(p4.buf, p4.len, false, &x, &e4);
	if (s6 && s4)
		snprintf(out, size, "Answer: ICMPv6 %u/%u or ICMPv4 %u/%u",
			 e6.type, e6.code, e4.type, e4.code);
	else if (s6)
		snprintf(out, size, "Answer: ICMPv6 %u/%u", e6.type, e6.code);
	else if (s4)
		snprintf(out, size, "Answer: ICMPv4 %u/%u", e4.type, e4.code);
	else
		snprintf(out, size, "Answer: none");
}

static void test_answers(void)
{
	unsigned int i, n = sizeof(explanations) / sizeof(explanations[0]);
	const char *text, *at;
	char want[64];
	size_t len;

	for (i = 1; i < n; i++) {
		text = explanations[i];
		/* "Dropped:" and "Dropped (NAT64):" */
		if (!text || strncmp(text, "Dropped", 7))
			continue;
		answer_of(i, want, sizeof(want));
		len = strlen(want);
		at = strstr(text, want);
		CHECK(at && (at[len] == '.' || at[len] == ' ') &&
		      at == strstr(text, "Answer:") &&
		      !strstr(at + 1, "Answer:"),
		      "counter %u says its answer: \"%s\" in \"%s\"", i, want,
		      text);
	}
}

/*
 * The quoted packet is the one that arrived: the hop the forward into the
 * device took is given back, the IPv4 header checksum follows.
 */
static void test_quote(void)
{
	struct iphdr *ip4;
	struct tpkt p, want;
	unsigned int ttl;

	for (ttl = 0; ttl <= 254; ttl += 127) {
		pkt4(&want, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 10,
		     ttl + 1);
		pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_UDP, 10, ttl);
		ip4 = (struct iphdr *)p.buf;
		jool_xlat_drop_quote(p.buf, p.len, false, 1);
		CHECK_EQ(ip4->ttl, ttl + 1, "IPv4 TTL %u given its hop back",
			 ttl);
		CHECK_EQ(ip_fast_csum(ip4, ip4->ihl), 0,
			 "TTL %u: header checksum still right", ttl);
		CHECK(!memcmp(p.buf, want.buf, p.len),
		      "TTL %u: the packet as sent with TTL %u", ttl, ttl + 1);
	}
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_TCP, 10, 255);
	jool_xlat_drop_quote(p.buf, p.len, false, 1);
	ip4 = (struct iphdr *)p.buf;
	CHECK_EQ(ip4->ttl, 255, "TTL 255 stays 255");
	CHECK_EQ(ip_fast_csum(ip4, ip4->ihl), 0, "...and its checksum right");
	pkt4(&p, "192.0.2.4", "198.51.100.6", IPPROTO_TCP, 10, 63);
	jool_xlat_drop_quote(p.buf, p.len, false, 0);
	CHECK_EQ(ip4->ttl, 63, "a packet the box sent keeps its TTL");
	jool_xlat_drop_quote(p.buf, sizeof(*ip4) - 1, false, 1);
	CHECK_EQ(ip4->ttl, 63, "nothing done to a truncated header");

	pkt6(&p, V6_OK, V6_DST, IPPROTO_UDP, 10, 63);
	jool_xlat_drop_quote(p.buf, p.len, true, 1);
	CHECK_EQ(p.buf[7], 64, "IPv6 hop limit 63 given its hop back");
	p.buf[7] = 255;
	jool_xlat_drop_quote(p.buf, p.len, true, 1);
	CHECK_EQ(p.buf[7], 255, "hop limit 255 stays 255");
	jool_xlat_drop_quote(p.buf, p.len, true, 0);
	CHECK_EQ(p.buf[7], 255, "no hop, no change");
	p.buf[7] = 9;
	jool_xlat_drop_quote(p.buf, sizeof(struct ipv6hdr) - 1, true, 1);
	CHECK_EQ(p.buf[7], 9, "nothing done to a truncated IPv6 header");
}

/*
 * RFC 6146 3.5.2.2, CLOSED state: "If the security policy requires silently
 * dropping externally initiated TCP connections, then the packet is
 * silently discarded": drop-externally-initiated-tcp sends nothing back.
 */
static void test_ext_tcp_silent(void)
{
	char got[64];

	answer_of(JOOL_STAT_NAT64_EXT_TCP, got, sizeof(got));
	CHECK(!strcmp(got, "Answer: none"),
	      "drop-externally-initiated-tcp answers nothing (got \"%s\")",
	      got);
}

const struct unit_test drop_icmp_tests[] = {
	{ "drop-icmp/v6", test_v6 },
	{ "drop-icmp/v4", test_v4 },
	{ "drop-icmp/answers", test_answers },
	{ "drop-icmp/quote", test_quote },
	{ "drop-icmp/nat64-ext-tcp-silent", test_ext_tcp_silent },
	{ NULL, NULL }
};
