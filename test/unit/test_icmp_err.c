// SPDX-License-Identifier: GPL-2.0
/*
 * The helpers both translation directions share: the IPv6 header walker
 * (src/core/ext6.c), the ICMP<->ICMPv6 checksum conversion (csum.c) and
 * the echo type map (icmp_err.c).
 */
#include <string.h>
#include "core/csum.h"
#include "core/ext6.h"
#include "core/icmp_err.h"
#include "core/common.h"
#include "unit.h"

/* An IPv6 header with payload @plen whose chain starts with @next. */
static void ip6_start(u8 *p, u8 next, unsigned int plen)
{
	memset(p, 0, 40);
	p[0] = 0x60;
	p[4] = plen >> 8;
	p[5] = plen;
	p[6] = next;
	p[7] = 64;
}

/* An 8-byte extension header at @h: @next follows it. */
static void ext_hdr(u8 *h, u8 next)
{
	memset(h, 0, 8);
	h[0] = next;
}

static void test_walk(void)
{
	u8 p[128];
	struct ext6_iter it;

	/* Hop-by-hop, fragment (offset 3, M), TCP. */
	ip6_start(p, NEXTHDR_HOP, 40);
	ext_hdr(p + 40, NEXTHDR_FRAGMENT);
	ext_hdr(p + 48, IPPROTO_TCP);
	p[50] = 0;
	p[51] = (3 << 3) | 1;
	p[54] = 0x12;
	p[55] = 0x34;
	CHECK_EQ(jool_ext6_walk(p, 80, 80, EXT6_FRAG_LAST, &it), EXT6_UPPER,
		 "hop, frag, tcp");
	CHECK_EQ(it.off, 56U, "off %u", it.off);
	CHECK_EQ(it.next, IPPROTO_TCP, "next %u", it.next);
	CHECK(it.frag.present && it.frag.offset == 3 && it.frag.more,
	      "frag %u %u", it.frag.offset, it.frag.more);
	CHECK_EQ(it.frag.id, htons(0x1234), "id");

	/* Cut short: past the length, or past the readable bytes. */
	CHECK_EQ(jool_ext6_walk(p, 44, 44, 0, &it), EXT6_TRUNCATED, "len");
	CHECK_EQ(jool_ext6_walk(p, 80, 44, 0, &it), EXT6_SHORT, "linear");
	CHECK_EQ(it.off, 40U, "short at %u", it.off);

	/* After a fragment header: mobility, refused by one rule only. */
	p[48] = 135;
	CHECK_EQ(jool_ext6_walk(p, 80, 80, EXT6_FRAG_LAST, &it),
		 EXT6_AFTER_FRAG, "mobility after frag");
	CHECK_EQ(jool_ext6_walk(p, 80, 80, EXT6_FRAG_LAST_AH, &it), EXT6_UPPER,
		 "mobility after frag, AH rule");
	p[48] = NEXTHDR_AUTH;
	CHECK_EQ(jool_ext6_walk(p, 80, 80, EXT6_FRAG_LAST_AH, &it),
		 EXT6_AFTER_FRAG, "AH after frag");
	CHECK_EQ(jool_ext6_walk(p, 80, 80, 0, &it), EXT6_UPPER, "no rule");

	/* A routing header with segments left. */
	ip6_start(p, NEXTHDR_ROUTING, 40);
	ext_hdr(p + 40, IPPROTO_UDP);
	p[43] = 1;
	CHECK_EQ(jool_ext6_walk(p, 80, 80, EXT6_ROUTING_SL, &it), EXT6_ROUTING,
		 "segments left");
	CHECK_EQ(it.off, 40U, "routing at %u", it.off);
	CHECK_EQ(jool_ext6_walk(p, 80, 80, 0, &it), EXT6_UPPER, "walked past");
	CHECK_EQ(it.next, IPPROTO_UDP, "then udp");
}

static void test_retype(void)
{
	struct in6_addr s = { { { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } } };
	struct in6_addr d = { { { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } } };
	u8 msg[24], orig[24];
	unsigned int i;
	__wsum ps;

	for (i = 0; i < sizeof(msg); i++)
		msg[i] = i * 7;
	msg[0] = ICMP_ECHO;
	msg[1] = 0;
	msg[2] = 0;
	msg[3] = 0;
	*(__sum16 *)(msg + 2) = icmp_csum(msg, sizeof(msg));
	memcpy(orig, msg, sizeof(msg));
	ps = jool_pseudo6_sum(&s, &d, sizeof(msg), IPPROTO_ICMPV6);

	jool_icmp_csum_retype(msg, ICMPV6_ECHO_REQUEST, 0, ps);
	CHECK_EQ(msg[0], ICMPV6_ECHO_REQUEST, "type");
	CHECK_EQ(csum_ipv6_magic(&s, &d, sizeof(msg), IPPROTO_ICMPV6,
				 csum_partial(msg, sizeof(msg), 0)), 0,
		 "ICMPv6 checksum");
	jool_icmp_csum_retype(msg, ICMP_ECHO, ps, 0);
	CHECK_EQ(icmp_csum(msg, sizeof(msg)), 0, "ICMPv4 checksum");
	CHECK(!memcmp(msg, orig, sizeof(msg)), "back to the original");
}

static void test_echo(void)
{
	u8 t = 0xee;

	CHECK_EQ(jool_icmp_echo_type(ICMP_ECHO, false, &t), XLAT_OK, "echo");
	CHECK_EQ(t, ICMPV6_ECHO_REQUEST, "-> %u", t);
	CHECK_EQ(jool_icmp_echo_type(ICMP_ECHOREPLY, false, &t), XLAT_OK,
		 "reply");
	CHECK_EQ(t, ICMPV6_ECHO_REPLY, "-> %u", t);
	CHECK_EQ(jool_icmp_echo_type(ICMPV6_ECHO_REQUEST, true, &t), XLAT_OK,
		 "echo6");
	CHECK_EQ(t, ICMP_ECHO, "-> %u", t);
	CHECK_EQ(jool_icmp_echo_type(ICMPV6_ECHO_REPLY, true, &t), XLAT_OK,
		 "reply6");
	CHECK_EQ(t, ICMP_ECHOREPLY, "-> %u", t);
	t = 0xee;
	CHECK_EQ(jool_icmp_echo_type(ICMP_TIMESTAMP, false, &t), XLAT_DROP,
		 "timestamp");
	CHECK_EQ(jool_icmp_echo_type(ICMP_ECHO, true, &t), XLAT_DROP,
		 "8 is no ICMPv6 echo");
	CHECK_EQ(t, 0xee, "untouched");
}

const struct unit_test icmp_err_tests[] = {
	{ "icmp_err/walk", test_walk },
	{ "icmp_err/retype", test_retype },
	{ "icmp_err/echo", test_echo },
	{ NULL, NULL }
};
