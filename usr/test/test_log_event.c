// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the mapping log events of "joolctl monitor"
 * (usr/joolctl/log_event.c): a JOOL_CMD_LOG_EVENT message as the kernel
 * builds it, decoded, then printed as text and JSON, word for word (BIB
 * entries, sessions, port blocks); messages that are not whole events
 * refused; the "lost" lines.
 * No kernel needed: "make -C usr test", run by "make unit".
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uapi/jool_netdev.h>

#include <netlink/genl/genl.h>

#include "check.h"
#include "log_event.h"

/* 2026-12-04T20:01:02.000000042Z */
#define T0 1796414462000000042ULL

struct ev {
	uint8_t type, proto, reason;
	const char *a6, *a4, *r4;	/* r4 NULL: a BIB event */
	uint16_t p6, p4, rp4;
	uint16_t p4max;			/* a block's last port */
	bool is_static;
	bool no_time;			/* leave JOOL_LOG_TIME out */
	bool no_port6;			/* leave JOOL_LOG_PORT6 out (blocks) */
};

/* The message the kernel would send, parsed back into @tb. */
static struct nl_msg *build(const struct ev *v, struct nlattr **tb)
{
	static struct nla_policy pol[JOOL_A_MAX + 1] = {
		[JOOL_A_LOG] = { .type = NLA_NESTED },
	};
	struct nl_msg *msg = nlmsg_alloc();
	struct in6_addr a6;
	struct in_addr a4;
	struct nlattr *nest;

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, JOOL_CMD_LOG_EVENT, 1);
	nla_put_u32(msg, JOOL_A_IFINDEX, 7);
	nla_put_string(msg, JOOL_A_IFNAME, "nat0");
	nest = nla_nest_start(msg, JOOL_A_LOG);
	nla_put_u8(msg, JOOL_LOG_TYPE, v->type);
	if (!v->no_time)
		nla_put_u64(msg, JOOL_LOG_TIME, T0);
	nla_put_u8(msg, JOOL_LOG_PROTO, v->proto);
	inet_pton(AF_INET6, v->a6, &a6);
	nla_put(msg, JOOL_LOG_ADDR6, sizeof(a6), &a6);
	if (!v->no_port6)
		nla_put_u16(msg, JOOL_LOG_PORT6, v->p6);
	inet_pton(AF_INET, v->a4, &a4);
	nla_put(msg, JOOL_LOG_ADDR4, sizeof(a4), &a4);
	nla_put_u16(msg, JOOL_LOG_PORT4, v->p4);
	if (v->p4max)
		nla_put_u16(msg, JOOL_LOG_PORT4_MAX, v->p4max);
	if (v->r4) {
		inet_pton(AF_INET, v->r4, &a4);
		nla_put(msg, JOOL_LOG_REMOTE4, sizeof(a4), &a4);
		nla_put_u16(msg, JOOL_LOG_RPORT4, v->rp4);
	}
	if (v->reason)
		nla_put_u8(msg, JOOL_LOG_REASON, v->reason);
	if (v->is_static)
		nla_put_flag(msg, JOOL_LOG_STATIC);
	nla_nest_end(msg, nest);
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, JOOL_A_MAX, pol)) {
		printf("test_log_event: cannot parse my own message\n");
		exit(1);
	}
	return msg;
}

/* @v decoded (with pool6 @pool6, or none) and printed, in @out. */
static int print(const struct ev *v, const char *pool6, bool json,
		 char *out, size_t size)
{
	struct nlattr *tb[JOOL_A_MAX + 1];
	struct nl_msg *msg = build(v, tb);
	struct log_event e;
	struct prefix p;
	char err[PREFIX_ERRLEN];
	FILE *f;
	int ret;

	ret = log_event_decode(tb, &e);
	if (!ret) {
		if (pool6 && !prefix_parse(pool6, AF_INET6, 0, &p, err,
					   sizeof(err)))
			log_event_remote6(&e, &p);
		f = fmemopen(out, size, "w");
		log_event_print(f, &e, json);
		fclose(f);
	}
	nlmsg_free(msg);
	return ret;
}

static void expect(const struct ev *v, const char *pool6, bool json,
		   const char *want)
{
	char out[1024] = "";

	CHECK(!print(v, pool6, json, out, sizeof(out)) && !strcmp(out, want),
	      "printed\n  %s  want\n  %s", out, want);
}

static void test_bib(void)
{
	struct ev add = { .type = JOOL_LOG_BIB_ADD, .proto = IPPROTO_UDP,
			  .a6 = "2001:db8::5", .a4 = "192.0.2.1", .p6 = 40000,
			  .p4 = 61001 };
	struct ev del = { .type = JOOL_LOG_BIB_DEL, .proto = IPPROTO_TCP,
			  .reason = JOOL_LOG_REASON_EXPIRED,
			  .a6 = "2001:db8::5", .a4 = "192.0.2.1", .p6 = 80,
			  .p4 = 61002, .is_static = true };

	expect(&add, NULL, false,
	       "2026-12-04T20:01:02.000000042Z nat0 bib add udp 2001:db8::5#40000 192.0.2.1#61001\n");
	expect(&add, NULL, true,
	       "{\"time\":\"2026-12-04T20:01:02.000000042Z\",\"time-ns\":1796414462000000042,"
	       "\"device\":\"nat0\",\"event\":\"bib-add\",\"ifindex\":7,\"protocol\":\"udp\","
	       "\"ipv6-address\":\"2001:db8::5\",\"ipv6-port\":40000,"
	       "\"ipv4-address\":\"192.0.2.1\",\"ipv4-port\":61001,\"static\":false}\n");
	expect(&del, NULL, false,
	       "2026-12-04T20:01:02.000000042Z nat0 bib del tcp 2001:db8::5#80 192.0.2.1#61002 expired static\n");
	del.reason = JOOL_LOG_REASON_POOL4;
	expect(&del, NULL, true,
	       "{\"time\":\"2026-12-04T20:01:02.000000042Z\",\"time-ns\":1796414462000000042,"
	       "\"device\":\"nat0\",\"event\":\"bib-del\",\"ifindex\":7,\"protocol\":\"tcp\","
	       "\"ipv6-address\":\"2001:db8::5\",\"ipv6-port\":80,"
	       "\"ipv4-address\":\"192.0.2.1\",\"ipv4-port\":61002,\"static\":true,"
	       "\"reason\":\"pool4\"}\n");
	del.reason = JOOL_LOG_REASON_ADMIN;
	del.is_static = false;
	expect(&del, NULL, false,
	       "2026-12-04T20:01:02.000000042Z nat0 bib del tcp 2001:db8::5#80 192.0.2.1#61002 admin\n");
}

static void test_session(void)
{
	struct ev add = { .type = JOOL_LOG_SESSION_ADD, .proto = IPPROTO_ICMP,
			  .a6 = "2001:db8::5", .a4 = "192.0.2.1",
			  .r4 = "198.51.100.7", .p6 = 9, .p4 = 61003,
			  .rp4 = 61003 };
	struct ev del = add;

	expect(&add, NULL, false,
	       "2026-12-04T20:01:02.000000042Z nat0 session add icmp 2001:db8::5#9 192.0.2.1#61003 198.51.100.7#61003\n");
	/* The remote's IPv6 form: pool6 /96 and /40 (u octet skipped). */
	expect(&add, "64:ff9b::/96", false,
	       "2026-12-04T20:01:02.000000042Z nat0 session add icmp 2001:db8::5#9 192.0.2.1#61003 198.51.100.7#61003 64:ff9b::c633:6407#61003\n");
	expect(&add, "2001:db8:100::/40", false,
	       "2026-12-04T20:01:02.000000042Z nat0 session add icmp 2001:db8::5#9 192.0.2.1#61003 198.51.100.7#61003 2001:db8:1c6:3364:7::#61003\n");
	del.type = JOOL_LOG_SESSION_DEL;
	del.reason = JOOL_LOG_REASON_BIB;
	expect(&del, "64:ff9b::/96", true,
	       "{\"time\":\"2026-12-04T20:01:02.000000042Z\",\"time-ns\":1796414462000000042,"
	       "\"device\":\"nat0\",\"event\":\"session-del\",\"ifindex\":7,\"protocol\":\"icmp\","
	       "\"ipv6-source\":\"2001:db8::5\",\"ipv6-source-port\":9,"
	       "\"ipv4-source\":\"192.0.2.1\",\"ipv4-source-port\":61003,"
	       "\"ipv4-destination\":\"198.51.100.7\",\"ipv4-destination-port\":61003,"
	       "\"ipv6-destination\":\"64:ff9b::c633:6407\",\"ipv6-destination-port\":61003,"
	       "\"reason\":\"bib\"}\n");
}

static void test_block(void)
{
	struct ev add = { .type = JOOL_LOG_BLOCK_ADD, .proto = IPPROTO_UDP,
			  .a6 = "2001:db8::5", .a4 = "192.0.2.1", .p4 = 61056,
			  .p4max = 61119, .no_port6 = true };
	struct ev del = add;
	char out[512];

	expect(&add, NULL, false,
	       "2026-12-04T20:01:02.000000042Z nat0 block add udp 2001:db8::5 192.0.2.1#61056-61119\n");
	/* pool6 names remotes only: nothing more for a block. */
	expect(&add, "64:ff9b::/96", true,
	       "{\"time\":\"2026-12-04T20:01:02.000000042Z\",\"time-ns\":1796414462000000042,"
	       "\"device\":\"nat0\",\"event\":\"block-add\",\"ifindex\":7,\"protocol\":\"udp\","
	       "\"ipv6-address\":\"2001:db8::5\",\"ipv4-address\":\"192.0.2.1\","
	       "\"ipv4-port-min\":61056,\"ipv4-port-max\":61119}\n");
	del.type = JOOL_LOG_BLOCK_DEL;
	del.proto = IPPROTO_TCP;
	del.reason = JOOL_LOG_REASON_EXPIRED;
	expect(&del, NULL, false,
	       "2026-12-04T20:01:02.000000042Z nat0 block del tcp 2001:db8::5 192.0.2.1#61056-61119 expired\n");
	del.reason = JOOL_LOG_REASON_POOL4;
	expect(&del, NULL, true,
	       "{\"time\":\"2026-12-04T20:01:02.000000042Z\",\"time-ns\":1796414462000000042,"
	       "\"device\":\"nat0\",\"event\":\"block-del\",\"ifindex\":7,\"protocol\":\"tcp\","
	       "\"ipv6-address\":\"2001:db8::5\",\"ipv4-address\":\"192.0.2.1\","
	       "\"ipv4-port-min\":61056,\"ipv4-port-max\":61119,\"reason\":\"pool4\"}\n");
	/* A whole block of one port. */
	add.p4 = add.p4max = 65535;
	expect(&add, NULL, false,
	       "2026-12-04T20:01:02.000000042Z nat0 block add udp 2001:db8::5 192.0.2.1#65535-65535\n");

	add.p4 = 61056;
	add.p4max = 0;
	CHECK(print(&add, NULL, false, out, sizeof(out)),
	      "a block event without its last port is refused");
	add.p4max = 61055;
	CHECK(print(&add, NULL, false, out, sizeof(out)),
	      "a block event whose last port is below its first is refused");
	add.p4max = 61119;
	add.no_port6 = false;
	CHECK(print(&add, NULL, false, out, sizeof(out)),
	      "a block event with an IPv6 port is refused");
	add.no_port6 = true;
	add.is_static = true;
	CHECK(print(&add, NULL, false, out, sizeof(out)),
	      "a static block event is refused");
	add.is_static = false;
	add.r4 = "198.51.100.7";
	CHECK(print(&add, NULL, false, out, sizeof(out)),
	      "a block event with a remote is refused");
}

static void test_refused(void)
{
	struct ev v = { .type = JOOL_LOG_BIB_ADD, .proto = IPPROTO_UDP,
			.a6 = "2001:db8::5", .a4 = "192.0.2.1", .p6 = 1,
			.p4 = 2 };
	char out[512];

	v.no_time = true;
	CHECK(print(&v, NULL, false, out, sizeof(out)),
	      "an event without its time is refused");
	v.no_time = false;
	v.type = JOOL_LOG_TYPE_MAX + 1;
	CHECK(print(&v, NULL, false, out, sizeof(out)),
	      "an unknown type is refused");
	v.type = JOOL_LOG_SESSION_ADD;
	CHECK(print(&v, NULL, false, out, sizeof(out)),
	      "a session event without its remote is refused");
	v.type = JOOL_LOG_BIB_DEL;
	v.r4 = "198.51.100.7";
	CHECK(print(&v, NULL, false, out, sizeof(out)),
	      "a BIB event with a remote is refused");
	v.r4 = NULL;
	v.p4max = 9;
	CHECK(print(&v, NULL, false, out, sizeof(out)),
	      "a BIB event with a port range is refused");
}

static void test_lost(void)
{
	char out[512] = "";
	FILE *f;

	f = fmemopen(out, sizeof(out), "w");
	log_lost_print(f, T0, "nat0", 12, false);
	log_lost_print(f, T0, NULL, 0, false);
	log_lost_print(f, T0, "nat0", 3, true);
	log_lost_print(f, T0, NULL, 0, true);
	fclose(f);
	CHECK(!strcmp(out,
		      "2026-12-04T20:01:02.000000042Z nat0 lost 12 events\n"
		      "2026-12-04T20:01:02.000000042Z - lost events\n"
		      "{\"time\":\"2026-12-04T20:01:02.000000042Z\",\"time-ns\":1796414462000000042,"
		      "\"device\":\"nat0\",\"event\":\"lost\",\"count\":3}\n"
		      "{\"time\":\"2026-12-04T20:01:02.000000042Z\",\"time-ns\":1796414462000000042,"
		      "\"device\":null,\"event\":\"lost\",\"count\":null}\n"),
	      "lost lines:\n%s", out);
}

int main(void)
{
	test_bib();
	test_session();
	test_block();
	test_refused();
	test_lost();
	printf("test_log_event: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
