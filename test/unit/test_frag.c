// SPDX-License-Identifier: GPL-2.0
/*
 * Fragments through the translation core (RFC 7915 4.1, 5.1.1, 1.2, 4.5):
 * whole datagrams are built and cut into fragments here, every fragment is
 * translated, every field of the new headers is checked, and the
 * translated fragments are put back together to check the upper-layer
 * checksum from scratch.
 */
#include <stdlib.h>
#include "fixture.h"
#include "unit.h"

/* Not 64:ff9b::/96, which is checksum-neutral (RFC 6052 4.1). */
#define N6 "2001:db8:64::198.51.100.6"
#define N4 "2001:db8:64::192.0.2.4"
#define V4_N6 "198.51.100.6"
#define V4_N4 "192.0.2.4"

/*
 * An IPv6 fragment of the whole packet @w (no extension headers): its
 * upper-layer bytes [@start, @start + @n), a Fragment Header as given.
 */
static void frag6_make(const struct tpkt *w, unsigned int start,
		       unsigned int n, bool more, uint32_t id,
		       struct tpkt *out)
{
	uint8_t *fh = out->buf + 40;

	memset(out, 0, sizeof(*out));
	memcpy(out->buf, w->buf, 40);
	fh[0] = w->buf[6];
	fh[1] = 0;
	fh[2] = start >> 8;
	fh[3] = (start & 0xf8) | more;
	fh[4] = id >> 24;
	fh[5] = id >> 16;
	fh[6] = id >> 8;
	fh[7] = id;
	memcpy(out->buf + 48, w->buf + 40 + start, n);
	out->buf[6] = 44;
	out->len = 48 + n;
	out->l4off = 48;
	((struct ipv6hdr *)out->buf)->payload_len = htons(out->len - 40);
}

/* An IPv4 fragment of the whole packet @w (IHL 5): the same. */
static void frag4_make(const struct tpkt *w, unsigned int start,
		       unsigned int n, bool more, bool df, struct tpkt *out)
{
	struct iphdr *ip4 = (struct iphdr *)out->buf;

	memset(out, 0, sizeof(*out));
	memcpy(out->buf, w->buf, 20);
	memcpy(out->buf + 20, w->buf + 20 + start, n);
	out->len = 20 + n;
	out->l4off = 20;
	ip4->tot_len = htons(out->len);
	ip4->frag_off = htons((start >> 3) | (more ? IP_MF : 0) |
			      (df ? IP_DF : 0));
	ip4->check = 0;
	ip4->check = ip_fast_csum(ip4, 5);
}

static bool icmp_csum_ok(const uint8_t *p, unsigned int len)
{
	uint32_t sum = 0;
	unsigned int i;

	for (i = 0; i + 1 < len; i += 2)
		sum += p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum == 0xffff;
}

static void expect_drop(const char *what, const struct xlat_cfg *cfg,
			struct tpkt *p, bool v6, enum jool_stat reason)
{
	uint8_t before[4096];
	struct xlat_pkt x;

	memcpy(before, p->buf, p->len);
	CHECK_EQ(v6 ? run64(cfg, p, &x, 1, 0) : run46(cfg, p, &x, 1), XLAT_DROP,
		 "%s: dropped", what);
	CHECK_EQ(x.reason, reason, "%s: reason %d", what, x.reason);
	CHECK(!memcmp(before, p->buf, p->len), "%s: packet untouched", what);
}

/*
 * 6->4: a datagram of @payload bytes cut into fragments of @fsize bytes of
 * upper layer (a multiple of 8), with @dopt a destination options header
 * before the Fragment Header. Every IPv4 field of every fragment, then the
 * reassembled IPv4 datagram's checksum, from scratch.
 */
static void test_64(uint8_t proto, unsigned int payload, unsigned int fsize,
		    bool dopt)
{
	struct xlat_cfg cfg = cfg_pool6("2001:db8:64::");
	uint8_t out[4096], whole4[8192];
	unsigned int l4len, start, n, len;
	struct iphdr *ip4 = (struct iphdr *)out;
	struct xlat_pkt x;
	struct tpkt w, f;
	bool more;

	pkt6(&w, N6, N4, proto, payload, 63);
	l4len = w.len - 40;
	memset(whole4, 0, sizeof(whole4));
	for (start = 0; start < l4len; start += n) {
		n = l4len - start > fsize ? fsize : l4len - start;
		more = start + n < l4len;
		frag6_make(&w, start, n, more, 0xdeadbeef, &f);
		if (dopt)
			pkt_add_ext6(&f, 60, 1, 0);
		CHECK_EQ(run64(&cfg, &f, &x, 1, 0), XLAT_OK,
			 "6->4 proto %u fragment at %u dopt %d", proto, start, dopt);
		if (x.new_l3len != 20)
			return;
		CHECK_EQ(x.old_l3len, dopt ? 64u : 48u, "headers removed");
		len = assemble(out, &f, &x);
		CHECK_EQ(ip4->version, 4, "version");
		CHECK_EQ(ip4->ihl, 5, "ihl");
		CHECK_EQ(ip4->tos, 0xab, "tos");
		CHECK_EQ(ntohs(ip4->tot_len), 20 + n, "total length %u", start);
		CHECK_EQ(len, 20 + n, "length");
		CHECK_EQ(ntohs(ip4->id), 0xbeef, "identification: low 16 bits");
		CHECK_EQ(ntohs(ip4->frag_off), (start >> 3) | (more ? IP_MF : 0),
			 "DF 0, MF = M, offset copied (at %u: %#x)", start,
			 ntohs(ip4->frag_off));
		CHECK_EQ(ip4->ttl, 64, "ttl = hop limit + bump");
		CHECK_EQ(ip4->protocol, proto, "protocol from the Fragment Header");
		CHECK_EQ(ip4->saddr, a4(V4_N6), "saddr");
		CHECK_EQ(ip4->daddr, a4(V4_N4), "daddr");
		CHECK_EQ(ip_fast_csum(ip4, 5), 0, "header checksum");
		if (start) {
			CHECK(!memcmp(out + 20, w.buf + 40 + start, n),
			      "later fragment: payload untouched");
			CHECK_EQ(x.l4proto, proto, "l4proto");
		}
		memcpy(whole4 + 20 + start, out + 20, n);
	}
	/* No checksum the translator knows of: all untouched. */
	if (proto != IPPROTO_TCP && proto != IPPROTO_UDP) {
		CHECK(!memcmp(whole4 + 20, w.buf + 40, l4len),
		      "proto %u: upper layer untouched", proto);
		return;
	}
	/* The reassembled IPv4 datagram: header of the first fragment. */
	pkt4(&f, V4_N6, V4_N4, proto, 0, 63);
	memcpy(whole4, f.buf, 20);
	((struct iphdr *)whole4)->tot_len = htons(20 + l4len);
	CHECK(l4_csum_ok(whole4, 20 + l4len),
	      "reassembled: checksum right, from scratch (proto %u, %u bytes)",
	      proto, payload);
}

/* 4->6, the same: every field of the IPv6 and Fragment Headers. */
static void test_46(uint8_t proto, unsigned int payload, unsigned int fsize,
		    bool df)
{
	struct xlat_cfg cfg = cfg_pool6("2001:db8:64::");
	uint8_t out[4096], whole6[8192];
	unsigned int l4len, start, n;
	struct in6_addr want;
	struct xlat_pkt x;
	struct tpkt w, f;
	bool more;

	pkt4(&w, V4_N4, V4_N6, proto, payload, 63);
	pkt4_hdr(&w, 0xb8, 0xa5c3, 0, 63);
	l4len = w.len - 20;
	for (start = 0; start < l4len; start += n) {
		struct ipv6hdr *ip6 = (struct ipv6hdr *)out;
		const uint8_t *fh = out + 40;

		n = l4len - start > fsize ? fsize : l4len - start;
		more = start + n < l4len;
		frag4_make(&w, start, n, more, df, &f);
		CHECK_EQ(run46(&cfg, &f, &x, 1), XLAT_OK,
			 "4->6 proto %u fragment at %u", proto, start);
		CHECK_EQ(x.old_l3len, 20u, "old l3");
		CHECK_EQ(x.new_l3len, 48u, "IPv6 + Fragment Header");
		if (x.new_l3len != 48)
			return;
		assemble(out, &f, &x);
		CHECK_EQ(ip6->version, 6, "version");
		CHECK_EQ(ip6->priority, 0xb, "traffic class");
		CHECK_EQ(ip6->flow_lbl[0], 0x80, "traffic class, flow label");
		CHECK_EQ(ntohs(ip6->payload_len), 8 + n,
			 "payload length counts the Fragment Header");
		CHECK_EQ(ip6->nexthdr, 44, "next header: fragment");
		CHECK_EQ(ip6->hop_limit, 64, "hop limit = ttl + bump");
		inet_pton(AF_INET6, N4, &want);
		CHECK(!memcmp(&ip6->saddr, &want, 16), "saddr");
		inet_pton(AF_INET6, N6, &want);
		CHECK(!memcmp(&ip6->daddr, &want, 16), "daddr");
		CHECK_EQ(fh[0], proto, "fragment next header = protocol");
		CHECK_EQ(fh[1], 0, "reserved");
		CHECK_EQ((unsigned int)((fh[2] << 8 | fh[3]) & ~7), start,
			 "offset copied (same 8-byte units)");
		CHECK_EQ(fh[3] & 6, 0, "res");
		CHECK_EQ(fh[3] & 1, more, "M = MF");
		CHECK(fh[4] == 0 && fh[5] == 0 && fh[6] == 0xa5 && fh[7] == 0xc3,
		      "identification: the IPv4 one, zero-extended");
		if (start)
			CHECK(!memcmp(out + 48, w.buf + 20 + start, n),
			      "later fragment: payload untouched");
		memcpy(whole6 + 40 + start, out + 48, n);
		if (!start)
			memcpy(whole6, out, 40);
	}
	if (proto != IPPROTO_TCP && proto != IPPROTO_UDP) {
		CHECK(!memcmp(whole6 + 40, w.buf + 20, l4len),
		      "proto %u: upper layer untouched", proto);
		return;
	}
	((struct ipv6hdr *)whole6)->nexthdr = proto;
	((struct ipv6hdr *)whole6)->payload_len = htons(l4len);
	CHECK(l4_csum_ok(whole6, 40 + l4len),
	      "reassembled: checksum right, from scratch (proto %u, %u bytes)",
	      proto, payload);
}

/* Atomic fragments (RFC 6946): whole datagrams with a Fragment Header. */
static void test_atomic(void)
{
	struct xlat_cfg cfg = cfg_pool6("2001:db8:64::");
	uint8_t out[4096];
	struct xlat_pkt x;
	struct tpkt w, f;
	unsigned int len;

	/* RFC 7915 5.1.1 applies: identification copied, DF 0, MF 0. */
	pkt6(&w, N6, N4, IPPROTO_UDP, 1400, 63);
	frag6_make(&w, 0, w.len - 40, false, 0x00017777, &f);
	CHECK_EQ(run64(&cfg, &f, &x, 1, 0), XLAT_OK, "atomic UDP");
	len = assemble(out, &f, &x);
	CHECK_EQ(ntohs(x.hdr.v4.id), 0x7777, "atomic: identification");
	CHECK_EQ(x.hdr.v4.frag_off, 0, "atomic: DF 0 even over 1260, MF 0");
	CHECK(l4_csum_ok(out, len), "atomic: checksum");

	/* Whole ICMPv6: the checksum can be converted, so it is. */
	pkt6(&w, N6, N4, IPPROTO_ICMPV6, 40, 63);
	frag6_make(&w, 0, w.len - 40, false, 0x4242, &f);
	CHECK_EQ(run64(&cfg, &f, &x, 1, 0), XLAT_OK, "atomic echo request");
	len = assemble(out, &f, &x);
	CHECK_EQ(x.hdr.v4.protocol, IPPROTO_ICMP, "protocol 1");
	CHECK_EQ(out[20], ICMP_ECHO, "type 8");
	CHECK_EQ(ntohs(x.hdr.v4.id), 0x4242, "identification");
	CHECK_EQ(x.hdr.v4.frag_off, 0, "DF 0, MF 0");
	CHECK(l4_csum_ok(out, len), "ICMPv4 checksum");

	/* 4->6: an unfragmented packet never gets one, DF or not. */
	pkt4(&w, V4_N4, V4_N6, IPPROTO_UDP, 1300, 63);
	pkt4_hdr(&w, 0, 0x1111, 0, 63);
	CHECK_EQ(run46(&cfg, &w, &x, 1), XLAT_OK, "DF 0");
	CHECK_EQ(x.new_l3len, 40u, "DF 0: no Fragment Header");
	CHECK_EQ(x.hdr.v6.nexthdr, IPPROTO_UDP, "DF 0: next header UDP");
	pkt4_hdr(&w, 0, 0x1111, IP_DF, 63);
	CHECK_EQ(run46(&cfg, &w, &x, 1), XLAT_OK, "DF 1");
	CHECK_EQ(x.new_l3len, 40u, "DF 1: no Fragment Header");
}

static void test_frag_drops(void)
{
	struct xlat_cfg cfg = cfg_pool6("2001:db8:64::");
	struct xlat_pkt x;
	struct tpkt w, f;
	uint8_t out[4096];

	/* RFC 7915 1.2: fragmented ICMP, any fragment, both ways. */
	pkt6(&w, N6, N4, IPPROTO_ICMPV6, 200, 64);
	frag6_make(&w, 0, 104, true, 9, &f);
	expect_drop("6->4 first ICMPv6 fragment", &cfg, &f, true, JOOL_STAT_FRAGMENT);
	frag6_make(&w, 104, w.len - 40 - 104, false, 9, &f);
	expect_drop("6->4 last ICMPv6 fragment", &cfg, &f, true, JOOL_STAT_FRAGMENT);
	frag6_make(&w, 0, 104, true, 9, &f);
	f.buf[48] = 1;	/* an ICMPv6 error, fragmented */
	expect_drop("6->4 fragmented ICMPv6 error", &cfg, &f, true, JOOL_STAT_FRAGMENT);
	pkt4(&w, V4_N4, V4_N6, IPPROTO_ICMP, 200, 64);
	frag4_make(&w, 0, 104, true, false, &f);
	expect_drop("4->6 first ICMP fragment", &cfg, &f, false, JOOL_STAT_FRAGMENT);
	frag4_make(&w, 104, w.len - 20 - 104, false, false, &f);
	expect_drop("4->6 last ICMP fragment", &cfg, &f, false, JOOL_STAT_FRAGMENT);

	/* RFC 7915 5.1.1: an extension header after the Fragment Header. */
	pkt6(&w, N6, N4, IPPROTO_UDP, 200, 64);
	frag6_make(&w, 0, 104, true, 9, &f);
	f.buf[40] = 60;
	memmove(f.buf + 56, f.buf + 48, f.len - 48);
	memset(f.buf + 48, 0, 8);
	f.buf[48] = IPPROTO_UDP;
	f.buf[50] = 1;
	f.buf[51] = 4;
	f.len += 8;
	((struct ipv6hdr *)f.buf)->payload_len = htons(f.len - 40);
	expect_drop("6->4 destination options after the Fragment Header", &cfg,
		    &f, true, JOOL_STAT_EXT6_AFTER_FRAG);
	frag6_make(&w, 0, 104, true, 9, &f);
	f.buf[40] = 44;
	expect_drop("6->4 two Fragment Headers", &cfg, &f, true,
		    JOOL_STAT_EXT6_AFTER_FRAG);
	frag6_make(&w, 0, 104, true, 9, &f);
	f.buf[40] = NEXTHDR_AUTH;
	expect_drop("6->4 AH after the Fragment Header", &cfg, &f, true,
		    JOOL_STAT_EXT6_AFTER_FRAG);
	/* ESP is no extension header to 5.1.1: protocol 50, translated. */
	frag6_make(&w, 0, 104, true, 9, &f);
	f.buf[40] = NEXTHDR_ESP;
	CHECK_EQ(run64(&cfg, &f, &x, 1, 0), XLAT_OK, "ESP after the Fragment Header");
	CHECK_EQ(x.hdr.v4.protocol, NEXTHDR_ESP, "protocol 50");
	CHECK(!memcmp(f.buf + 48, w.buf + 40, 104), "ESP payload untouched");

	/* First fragment too short for its TCP header. */
	pkt6(&w, N6, N4, IPPROTO_TCP, 200, 64);
	frag6_make(&w, 0, 16, true, 9, &f);
	expect_drop("6->4 first fragment, TCP header cut", &cfg, &f, true,
		    JOOL_STAT_L4_TRUNCATED);
	pkt4(&w, V4_N4, V4_N6, IPPROTO_TCP, 200, 64);
	frag4_make(&w, 0, 16, true, false, &f);
	expect_drop("4->6 first fragment, TCP header cut", &cfg, &f, false,
		    JOOL_STAT_L4_TRUNCATED);

	/* A fragment cannot be CHECKSUM_PARTIAL. */
	pkt6(&w, N6, N4, IPPROTO_UDP, 200, 64);
	frag6_make(&w, 0, 104, true, 9, &f);
	memset(&x, 0, sizeof(x));
	x.len = f.len;
	x.csum_partial = true;
	x.csum_start = 48;
	x.csum_offset = 6;
	CHECK_EQ(jool_xlat64(&cfg, f.buf, f.len, &x), XLAT_DROP,
		 "partial fragment");
	CHECK_EQ(x.reason, JOOL_STAT_CSUM_PARTIAL_LAYOUT, "partial fragment: reason");

	/*
	 * RFC 7915 4.5: a fragmented zero-checksum UDP datagram is dropped,
	 * amend-udp-checksum-zero or not. Its later fragments carry no UDP
	 * header: they are translated (and never reassemble).
	 */
	pkt4(&w, V4_N4, V4_N6, IPPROTO_UDP, 300, 64);
	w.buf[26] = w.buf[27] = 0;
	pkt4_hdr(&w, 0, 0x77, 0, 64);
	frag4_make(&w, 0, 104, true, false, &f);
	expect_drop("4->6 first fragment, UDP checksum 0", &cfg, &f, false,
		    JOOL_STAT_FRAG_UDP_CSUM0);
	cfg.amend_udp_csum0 = true;
	expect_drop("4->6 first fragment, UDP checksum 0, amend on", &cfg, &f,
		    false, JOOL_STAT_FRAG_UDP_CSUM0);
	frag4_make(&w, 104, 104, true, false, &f);
	CHECK_EQ(run46(&cfg, &f, &x, 1), XLAT_OK, "later fragment of it");
	CHECK(!x.csum_now_partial, "not made CHECKSUM_PARTIAL");
	assemble(out, &f, &x);
	CHECK(!memcmp(out + 48, w.buf + 20 + 104, 104), "payload untouched");
	/* Unfragmented, it is still amended. */
	CHECK_EQ(run46(&cfg, &w, &x, 1), XLAT_OK, "unfragmented, amend on");
	CHECK(x.csum_now_partial, "unfragmented: amended");
}

/* The MORE protocol walks through the Fragment Header too. */
static void test_frag_more(void)
{
	struct xlat_cfg cfg = cfg_pool6("2001:db8:64::");
	struct xlat_pkt x;
	struct tpkt w, f;

	pkt6(&w, N6, N4, IPPROTO_UDP, 200, 64);
	frag6_make(&w, 0, 104, true, 9, &f);
	CHECK_EQ(run64(&cfg, &f, &x, 1, 40), XLAT_MORE, "needs the Fragment Header");
	CHECK_EQ(x.need, 48u, "need 48");
	CHECK_EQ(run64(&cfg, &f, &x, 1, 48), XLAT_MORE, "needs the UDP header");
	CHECK_EQ(x.need, 56u, "need 56");
	CHECK_EQ(run64(&cfg, &f, &x, 1, 56), XLAT_OK, "then translates");
	/* A later fragment needs nothing past the Fragment Header. */
	frag6_make(&w, 104, 104, false, 9, &f);
	CHECK_EQ(run64(&cfg, &f, &x, 1, 48), XLAT_OK, "later fragment: 48 bytes");
}

/* 4->6->4 gives back the same fragments (but the TTL and the ID's use). */
static void test_frag_round_trip(void)
{
	struct xlat_cfg cfg = cfg_pool6("2001:db8:64::");
	struct xlat_pkt x;
	struct tpkt w, f, g;
	unsigned int i;

	pkt4(&w, V4_N4, V4_N6, IPPROTO_TCP, 1000, 64);
	pkt4_hdr(&w, 0, 0xbeef, 0, 64);
	for (i = 0; i < 3; i++) {
		unsigned int start = i * 336, n = i < 2 ? 336 : w.len - 20 - 672;

		frag4_make(&w, start, n, i < 2, false, &f);
		CHECK_EQ(run46(&cfg, &f, &x, 1), XLAT_OK, "there %u", i);
		memset(&g, 0, sizeof(g));
		g.len = assemble(g.buf, &f, &x);
		/* back: swap the addresses' roles by translating as is */
		CHECK_EQ(run64(&cfg, &g, &x, 1, 0), XLAT_OK, "and back %u", i);
		CHECK_EQ(x.old_l3len, 48u, "Fragment Header removed");
		CHECK_EQ(ntohs(x.hdr.v4.id), 0xbeef, "identification %u", i);
		CHECK_EQ(ntohs(x.hdr.v4.frag_off), (start >> 3) | (i < 2 ? IP_MF : 0),
			 "flags and offset %u", i);
		CHECK(!memcmp(g.buf + 48, w.buf + 20 + start, n), "same upper layer %u", i);
		CHECK_EQ(x.hdr.v4.saddr, ((struct iphdr *)f.buf)->saddr, "saddr");
	}
}

/*
 * RFC 7915 4.1 for a DF=0 echo too big for 1280 bytes of IPv6: the glue
 * has jool_xlat46_icmp_prep() translate the ICMP header of the whole message,
 * cuts it, and has jool_xlat46() translate each piece with icmp6_ready.
 */
static void test_icmp_prep(void)
{
	struct xlat_cfg cfg = cfg_pool6("2001:db8:64::");
	uint8_t out[4096], whole6[8192];
	unsigned int l4len, start, n;
	struct xlat_pkt x;
	struct tpkt w, f;
	bool more;

	pkt4(&w, V4_N4, V4_N6, IPPROTO_ICMP, 1400, 64);
	pkt4_hdr(&w, 0, 0x5157, 0, 64);
	l4len = w.len - 20;
	memset(&x, 0, sizeof(x));
	x.len = w.len;
	CHECK_EQ(jool_xlat46_icmp_prep(&cfg, w.buf, 20, &x), XLAT_MORE,
		 "prep: MORE");
	CHECK_EQ(x.need, 28u, "prep: the ICMP header");
	CHECK_EQ(jool_xlat46_icmp_prep(&cfg, w.buf, 28, &x), XLAT_OK, "prep");
	CHECK_EQ(w.buf[20], ICMPV6_ECHO_REQUEST, "prep: type 128");
	CHECK_EQ(((struct iphdr *)w.buf)->protocol, IPPROTO_ICMP,
		 "prep: the IPv4 header is left alone");
	for (start = 0; start < l4len; start += n) {
		n = l4len - start > 1232 ? 1232 : l4len - start;
		more = start + n < l4len;
		frag4_make(&w, start, n, more, false, &f);
		memset(&x, 0, sizeof(x));
		x.len = f.len;
		x.icmp6_ready = true;
		CHECK_EQ(jool_xlat46(&cfg, f.buf, f.len, &x), XLAT_OK,
			 "piece at %u", start);
		CHECK_EQ(x.new_l3len, 48u, "piece: Fragment Header");
		assemble(out, &f, &x);
		CHECK_EQ(out[6], 44, "piece: next header 44");
		CHECK_EQ(out[40], 58, "piece: fragment next header 58");
		CHECK_EQ(x.l4proto, 58, "piece: l4proto");
		CHECK(!memcmp(out + 48, w.buf + 20 + start, n), "piece: payload as prepared");
		memcpy(whole6 + 40 + start, out + 48, n);
		if (!start)
			memcpy(whole6, out, 40);
	}
	((struct ipv6hdr *)whole6)->nexthdr = 58;
	((struct ipv6hdr *)whole6)->payload_len = htons(l4len);
	CHECK(l4_csum_ok(whole6, 40 + l4len),
	      "reassembled ICMPv6: checksum right, from scratch");

	/* What it refuses, with the reason jool_xlat46() would give. */
	pkt4(&w, V4_N4, V4_N6, IPPROTO_ICMP, 1400, 64);
	pkt4_hdr(&w, 0, 1, IP_MF, 64);
	memset(&x, 0, sizeof(x));
	x.len = w.len;
	CHECK_EQ(jool_xlat46_icmp_prep(&cfg, w.buf, w.len, &x), XLAT_DROP,
		 "prep: fragment");
	CHECK_EQ(x.reason, JOOL_STAT_FRAGMENT, "prep: fragment reason");
	pkt4(&w, V4_N4, V4_N6, IPPROTO_ICMP, 1400, 64);
	w.buf[20] = 13;	/* timestamp */
	memset(&x, 0, sizeof(x));
	x.len = w.len;
	CHECK_EQ(jool_xlat46_icmp_prep(&cfg, w.buf, w.len, &x), XLAT_DROP,
		 "prep: timestamp");
	CHECK_EQ(x.reason, JOOL_STAT_ICMP_UNSUPPORTED, "prep: timestamp reason");
	pkt4(&w, "203.0.113.1", V4_N6, IPPROTO_ICMP, 1400, 64);
	memset(&x, 0, sizeof(x));
	x.len = w.len;
	cfg.pool6_set = false;
	CHECK_EQ(jool_xlat46_icmp_prep(&cfg, w.buf, w.len, &x), XLAT_DROP,
		 "prep: no pool6");
	CHECK_EQ(w.buf[20], ICMP_ECHO, "prep: untouched when it drops");
}

/*
 * jool_xlat46_icmp_prep() reads only the @linear bytes it is given (here
 * exactly those, in their own allocation, for ASan): the header checksum
 * covers the options, so a header longer than what is linear is asked for,
 * not read; one longer than the packet is refused. (Found by test/fuzz,
 * target xlat46.)
 */
static void test_icmp_prep_linear(void)
{
	struct xlat_cfg cfg = cfg_pool6("2001:db8:64::");
	struct xlat_pkt x;
	struct tpkt w;
	uint8_t *l3;

	pkt4(&w, V4_N4, V4_N6, IPPROTO_ICMP, 1400, 64);
	pkt4_add_opts(&w, 2);	/* IHL 7: 28 bytes */
	l3 = malloc(20);
	memcpy(l3, w.buf, 20);
	memset(&x, 0, sizeof(x));
	x.len = w.len;
	CHECK_EQ(jool_xlat46_icmp_prep(&cfg, l3, 20, &x), XLAT_MORE,
		 "prep, options not linear: MORE");
	CHECK_EQ(x.need, 28u, "prep: asks for the options (%u)", x.need);
	free(l3);
	CHECK_EQ(jool_xlat46_icmp_prep(&cfg, w.buf, 28, &x), XLAT_MORE,
		 "prep, no ICMP header: MORE");
	CHECK_EQ(x.need, 36u, "prep: asks for the ICMP header (%u)", x.need);

	/* IHL 15 (60 bytes) in a 40-byte packet. */
	pkt4(&w, V4_N4, V4_N6, IPPROTO_ICMP, 12, 64);
	w.buf[0] = 0x4f;
	l3 = malloc(w.len);
	memcpy(l3, w.buf, w.len);
	memset(&x, 0, sizeof(x));
	x.len = w.len;
	CHECK_EQ(jool_xlat46_icmp_prep(&cfg, l3, w.len, &x), XLAT_DROP,
		 "prep, IHL past the packet: drop");
	CHECK_EQ(x.reason, JOOL_STAT_HDR4_INVALID, "prep: reason %u",
		 x.reason);
	free(l3);
}

/* An ICMPv6 error in an atomic fragment is whole: translated. */
static void test_atomic_icmp_err(void)
{
	struct xlat_cfg cfg = cfg_pool6("2001:db8:64::");
	struct err_spec e = { 0 };
	uint8_t out[XLAT_ICMP_ERR_OUTMAX];
	struct iphdr *ip4 = (struct iphdr *)out;
	struct tpkt orig, err;
	struct xlat_pkt x;

	pkt6(&orig, N4, N6, IPPROTO_UDP, 20, 63);
	e.src = N6;
	e.dst = N4;
	e.type = ICMPV6_DEST_UNREACH;
	e.code = ICMPV6_PORT_UNREACH;
	e.inner = orig.buf;
	e.inner_len = orig.len;
	e.ttl = 64;
	pkt_icmp_err(&err, &e);
	pkt_add_frag6(&err, 0, false, 0x0badcafe);
	CHECK_EQ(run64(&cfg, &err, &x, 1, 0), XLAT_ICMP_ERR, "atomic error: whole");
	memset(&x, 0, sizeof(x));
	x.ipv4_id = htons(0x1234);
	CHECK_EQ(jool_xlat64_icmp_err(&cfg, err.buf, err.len, out, sizeof(out),
				      &x),
		 XLAT_OK, "atomic error translated");
	CHECK_EQ(ntohs(ip4->id), 0xcafe, "atomic error: identification");
	CHECK_EQ(ip4->frag_off, 0, "atomic error: DF 0, MF 0");
	CHECK_EQ(ip4->protocol, IPPROTO_ICMP, "atomic error: ICMP");
	CHECK_EQ(out[20], ICMP_DEST_UNREACH, "atomic error: type 3");
	CHECK_EQ(icmp_csum_ok(out + 20, x.new_len - 20), true, "atomic error: checksum");
}

/*
 * A later fragment has no upper-layer header, whatever else the packet
 * says: with gso_size set (the kernel never sends such a packet; the
 * fuzzer did), the DF size must not read a TCP header past the 4 bytes
 * there are. The packet is in a buffer of its own size, for ASan.
 */
static void test_later_frag_gso(void)
{
	struct xlat_cfg cfg = cfg_pool6("2001:db8:64::");
	struct xlat_pkt x;
	struct tpkt w, f;
	uint8_t *buf;

	pkt6(&w, N6, N4, IPPROTO_TCP, 200, 64);
	frag6_make(&w, 104, 4, true, 9, &f);
	buf = malloc(f.len);
	if (!buf)
		abort();
	memcpy(buf, f.buf, f.len);
	memset(&x, 0, sizeof(x));
	x.len = f.len;
	x.gso_size = 1000;
	CHECK(jool_xlat64(&cfg, buf, f.len, &x) == XLAT_OK,
	      "later fragment with gso_size: translated, nothing read past it");
	free(buf);
}

static const uint8_t protos[] = { IPPROTO_UDP, IPPROTO_TCP, 253 };

/* first, middle, last */
static void test_frags64(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(protos); i++) {
		test_64(protos[i], 3000, 1232, false);
		test_64(protos[i], 3000, 1448, true);
		test_64(protos[i], 41, 24, false);
	}
}

static void test_frags46(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(protos); i++) {
		test_46(protos[i], 3000, 1480, false);
		test_46(protos[i], 3000, 1232, true);
		test_46(protos[i], 41, 24, false);
	}
}

const struct unit_test frag_tests[] = {
	{ "frag/64", test_frags64 },
	{ "frag/46", test_frags46 },
	{ "frag/atomic", test_atomic },
	{ "frag/drops", test_frag_drops },
	{ "frag/more", test_frag_more },
	{ "frag/round-trip", test_frag_round_trip },
	{ "frag/icmp-prep", test_icmp_prep },
	{ "frag/icmp-prep-linear", test_icmp_prep_linear },
	{ "frag/atomic-icmp-err", test_atomic_icmp_err },
	{ "frag/later-gso", test_later_frag_gso },
	{ NULL, NULL }
};
