// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 6146 3.5.2.2, the TCP state machine: every transition, one row each,
 * named by the state and the sentence of the RFC (or Jool's rule, where the
 * two differ: docs/design.md) it checks.
 */
#include <string.h>
#include "core/tcp_state.h"
#include "core/tuple.h"
#include "pkt.h"
#include "unit.h"

#define S	JOOL_TCP_SYN
#define F	JOOL_TCP_FIN
#define R	JOOL_TCP_RST
#define V6	JOOL_TCP_FROM6
#define V4	JOOL_TCP_FROM4

#define CLOSED	JOOL_TCP_CLOSED
#define V4I	JOOL_TCP_V4_INIT
#define V6I	JOOL_TCP_V6_INIT
#define EST	JOOL_TCP_ESTABLISHED
#define V4F	JOOL_TCP_V4_FIN_RCV
#define V6F	JOOL_TCP_V6_FIN_RCV
#define V46F	JOOL_TCP_V4_FIN_V6_FIN_RCV
#define TRANS	JOOL_TCP_TRANS

#define KEEP	JOOL_TCP_LT_KEEP
#define LEST	JOOL_TCP_LT_EST
#define LTRANS	JOOL_TCP_LT_TRANS
#define LSYN	JOOL_TCP_LT_INCOMING_SYN

#define XLAT	JOOL_TCP_XLAT
#define DROP	JOOL_TCP_DROP
#define STORE	JOOL_TCP_STORE

/* Bits of struct row.in: the rest of the packet and the globals. */
#define BIB	0x01	/* a BIB entry matches */
#define ADF	0x02	/* address-dependent filtering refuses it */
#define HRST	0x08	/* handle-rst-during-fin-rcv */
#define DEXT	0x10	/* drop-externally-initiated-tcp */

struct row {
	const char *name;
	u8 state, from, flags, in;
	u8 next, lifetime, verdict, why;
};

static const struct row rows[] = {
	/* CLOSED */
	{ "CLOSED: V6 SYN -> V6 INIT, TCP_TRANS, translated",
	  CLOSED, V6, S, 0, V6I, LTRANS, XLAT, 0 },
	{ "CLOSED: V6 SYN with a BIB entry -> V6 INIT",
	  CLOSED, V6, S, BIB, V6I, LTRANS, XLAT, 0 },
	{ "CLOSED: V6 SYN, drop-externally-initiated-tcp does not apply",
	  CLOSED, V6, S, DEXT, V6I, LTRANS, XLAT, 0 },
	{ "CLOSED: V4 SYN, drop-externally-initiated-tcp: silently discarded",
	  CLOSED, V4, S, BIB | DEXT, CLOSED, KEEP, DROP, JOOL_TCP_WHY_EXTERNAL },
	{ "CLOSED: V4 SYN, (X,x) not in the BIB: stored 6 s, no session",
	  CLOSED, V4, S, 0, CLOSED, LSYN, STORE, 0 },
	{ "CLOSED: V4 SYN in the BIB, filtering refuses: stored 6 s",
	  CLOSED, V4, S, BIB | ADF, CLOSED, LSYN, STORE, 0 },
	{ "CLOSED: V4 SYN refused by filtering, no BIB entry: stored",
	  CLOSED, V4, S, ADF, CLOSED, LSYN, STORE, 0 },
	{ "CLOSED: V4 SYN in the BIB: V4 INIT, translated (Jool: TCP_TRANS)",
	  CLOSED, V4, S, BIB, V4I, LTRANS, XLAT, 0 },
	{ "CLOSED: other V6 packet with a BIB entry: translated, no session",
	  CLOSED, V6, 0, BIB, CLOSED, KEEP, XLAT, 0 },
	{ "CLOSED: other V4 packet with a BIB entry: translated, no session",
	  CLOSED, V4, 0, BIB, CLOSED, KEEP, XLAT, 0 },
	{ "CLOSED: other V6 packet, no BIB entry: silently discarded",
	  CLOSED, V6, F, 0, CLOSED, KEEP, DROP, JOOL_TCP_WHY_NO_STATE },
	{ "CLOSED: other V4 packet, no BIB entry: silently discarded",
	  CLOSED, V4, R, 0, CLOSED, KEEP, DROP, JOOL_TCP_WHY_NO_STATE },
	{ "CLOSED: other V4 packet refused by filtering: discarded",
	  CLOSED, V4, 0, BIB | ADF, CLOSED, KEEP, DROP, JOOL_TCP_WHY_ADF },
	/* V4 INIT */
	{ "V4 INIT: V6 SYN -> ESTABLISHED, TCP_EST, translated",
	  V4I, V6, S, 0, EST, LEST, XLAT, 0 },
	{ "V4 INIT: V6 SYN+ACK -> ESTABLISHED",
	  V4I, V6, S | R, 0, EST, LEST, XLAT, 0 },
	{ "V4 INIT: other packet (V4 ACK): translated, lifetime kept",
	  V4I, V4, 0, 0, V4I, KEEP, XLAT, 0 },
	{ "V4 INIT: other packet (V6 FIN): translated, lifetime kept",
	  V4I, V6, F, 0, V4I, KEEP, XLAT, 0 },
	{ "V4 INIT: V4 RST: translated, lifetime kept",
	  V4I, V4, R, 0, V4I, KEEP, XLAT, 0 },
	{ "V4 INIT: V4 SYN retried: translated, lifetime kept",
	  V4I, V4, S, 0, V4I, KEEP, XLAT, 0 },
	/* V6 INIT */
	{ "V6 INIT: V4 SYN -> ESTABLISHED, TCP_EST",
	  V6I, V4, S, 0, EST, LEST, XLAT, 0 },
	{ "V6 INIT: V4 SYN+ACK -> ESTABLISHED",
	  V6I, V4, S | R, 0, EST, LEST, XLAT, 0 },
	{ "V6 INIT: V6 SYN retried: TCP_TRANS again",
	  V6I, V6, S, 0, V6I, LTRANS, XLAT, 0 },
	{ "V6 INIT: other packet: translated, lifetime kept",
	  V6I, V4, 0, 0, V6I, KEEP, XLAT, 0 },
	{ "V6 INIT: V4 RST: translated, lifetime kept",
	  V6I, V4, R, 0, V6I, KEEP, XLAT, 0 },
	/* ESTABLISHED */
	{ "ESTABLISHED: V4 FIN -> V4 FIN RCV",
	  EST, V4, F, 0, V4F, KEEP, XLAT, 0 },
	{ "ESTABLISHED: V6 FIN -> V6 FIN RCV",
	  EST, V6, F, 0, V6F, KEEP, XLAT, 0 },
	{ "ESTABLISHED: V4 RST -> TRANS, TCP_TRANS",
	  EST, V4, R, 0, TRANS, LTRANS, XLAT, 0 },
	{ "ESTABLISHED: V6 RST -> TRANS, TCP_TRANS",
	  EST, V6, R, 0, TRANS, LTRANS, XLAT, 0 },
	{ "ESTABLISHED: FIN and RST at once: a FIN (Jool)",
	  EST, V6, F | R, 0, V6F, KEEP, XLAT, 0 },
	{ "ESTABLISHED: any other packet: TCP_EST again",
	  EST, V4, 0, 0, EST, LEST, XLAT, 0 },
	{ "ESTABLISHED: a SYN: TCP_EST again",
	  EST, V6, S, 0, EST, LEST, XLAT, 0 },
	/* V4 FIN RCV */
	{ "V4 FIN RCV: V6 FIN -> V4 FIN + V6 FIN RCV, TCP_TRANS",
	  V4F, V6, F, 0, V46F, LTRANS, XLAT, 0 },
	{ "V4 FIN RCV: V4 FIN again: TCP_EST, state kept",
	  V4F, V4, F, 0, V4F, LEST, XLAT, 0 },
	{ "V4 FIN RCV: other packet: TCP_EST",
	  V4F, V6, 0, 0, V4F, LEST, XLAT, 0 },
	{ "V4 FIN RCV: RST: TCP_EST (RFC)",
	  V4F, V6, R, 0, V4F, LEST, XLAT, 0 },
	{ "V4 FIN RCV: RST, handle-rst-during-fin-rcv: TCP_TRANS",
	  V4F, V4, R, HRST, V4F, LTRANS, XLAT, 0 },
	{ "V4 FIN RCV: handle-rst-during-fin-rcv, no RST: TCP_EST",
	  V4F, V4, 0, HRST, V4F, LEST, XLAT, 0 },
	/* V6 FIN RCV */
	{ "V6 FIN RCV: V4 FIN -> V4 FIN + V6 FIN RCV, TCP_TRANS",
	  V6F, V4, F, 0, V46F, LTRANS, XLAT, 0 },
	{ "V6 FIN RCV: V6 FIN again: TCP_EST, state kept",
	  V6F, V6, F, 0, V6F, LEST, XLAT, 0 },
	{ "V6 FIN RCV: other packet: TCP_EST",
	  V6F, V4, 0, 0, V6F, LEST, XLAT, 0 },
	{ "V6 FIN RCV: RST: TCP_EST (RFC)",
	  V6F, V4, R, 0, V6F, LEST, XLAT, 0 },
	{ "V6 FIN RCV: RST, handle-rst-during-fin-rcv: TCP_TRANS",
	  V6F, V6, R, HRST, V6F, LTRANS, XLAT, 0 },
	/* V4 FIN + V6 FIN RCV */
	{ "V4 FIN + V6 FIN RCV: all packets translated, lifetime kept",
	  V46F, V4, 0, 0, V46F, KEEP, XLAT, 0 },
	{ "V4 FIN + V6 FIN RCV: FIN translated, lifetime kept",
	  V46F, V6, F, 0, V46F, KEEP, XLAT, 0 },
	{ "V4 FIN + V6 FIN RCV: RST translated, lifetime kept",
	  V46F, V6, R, HRST, V46F, KEEP, XLAT, 0 },
	/* TRANS */
	{ "TRANS: a packet other than RST -> ESTABLISHED, TCP_EST",
	  TRANS, V6, 0, 0, EST, LEST, XLAT, 0 },
	{ "TRANS: a V4 packet other than RST -> ESTABLISHED",
	  TRANS, V4, F, 0, EST, LEST, XLAT, 0 },
	{ "TRANS: RST: translated, TRANS, lifetime kept",
	  TRANS, V4, R, 0, TRANS, KEEP, XLAT, 0 },
};

static void transitions(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		struct nat64_cfg cfg = { 0 };
		struct jool_tcp_pkt pkt = {
			.from = r->from, .flags = r->flags,
			.bib = r->in & BIB, .adf_refuses = r->in & ADF,
		};
		struct jool_tcp_step s;

		cfg.handle_rst = r->in & HRST;
		cfg.drop_external_tcp = r->in & DEXT;
		s = jool_tcp_state_next(r->state, &pkt, &cfg);
		CHECK_EQ(s.state, r->next, "%s: state %s", r->name,
			 jool_tcp_state_name(s.state));
		CHECK_EQ(s.lifetime, r->lifetime, "%s: lifetime %u", r->name,
			 s.lifetime);
		CHECK_EQ(s.verdict, r->verdict, "%s: verdict %u", r->name,
			 s.verdict);
		CHECK_EQ(s.why, r->why, "%s: why %u", r->name, s.why);
	}
}

/* Every state and input: a known state, and never a stored SYN outside. */
static void total(void)
{
	unsigned int st, from, flags, in;

	for (st = 0; st < JOOL_TCP_STATES; st++)
	for (from = 0; from < 2; from++)
	for (flags = 0; flags < 8; flags++)
	for (in = 0; in < 32; in++) {
		struct nat64_cfg cfg = { .handle_rst = in & HRST,
					 .drop_external_tcp = in & DEXT };
		struct jool_tcp_pkt pkt = { .from = from, .flags = flags,
					    .bib = in & BIB,
					    .adf_refuses = in & ADF };
		struct jool_tcp_step s = jool_tcp_state_next(st, &pkt, &cfg);

		CHECK(s.state < JOOL_TCP_STATES, "state %u -> %u", st,
		      s.state);
		CHECK(s.verdict != STORE || (st == CLOSED &&
					     s.state == CLOSED &&
					     s.lifetime == LSYN),
		      "only CLOSED stores, 6 s, with no session (%u)", st);
		CHECK(s.verdict != DROP || s.why != JOOL_TCP_WHY_NONE,
		      "a drop says why (%u)", st);
		CHECK(s.verdict == DROP || s.why == JOOL_TCP_WHY_NONE,
		      "no reason without a drop (%u)", st);
	}
}

/* RFC 6146 3.5.2.2: what the end of a lifetime does. */
static void expiry(void)
{
	unsigned int st;

	CHECK_EQ(jool_tcp_state_expire(EST), JOOL_TCP_EXP_PROBE,
		 "ESTABLISHED: lifetime expires: probe, then TRANS");
	for (st = 0; st < JOOL_TCP_STATES; st++) {
		if (st == EST)
			continue;
		CHECK_EQ(jool_tcp_state_expire(st), JOOL_TCP_EXP_DELETE,
			 "%s: lifetime expires: deleted",
			 jool_tcp_state_name(st));
	}
}

/*
 * The probe's answer: after an expired ESTABLISHED moves to TRANS, the
 * IPv6 end's ACK brings the session back to ESTABLISHED with TCP_EST; its
 * RST (the connection is gone) leaves TRANS to expire.
 */
static void probe(void)
{
	struct jool_tcp_pkt ack = { .from = V6 }, rst = { .from = V6,
							  .flags = R };
	struct nat64_cfg cfg = { 0 };
	struct jool_tcp_step s;

	s = jool_tcp_state_next(TRANS, &ack, &cfg);
	CHECK(s.state == EST && s.lifetime == LEST,
	      "probe answered by an ACK: ESTABLISHED, TCP_EST");
	s = jool_tcp_state_next(TRANS, &rst, &cfg);
	CHECK(s.state == TRANS && s.lifetime == KEEP && s.verdict == XLAT,
	      "probe answered by an RST: TRANS until it expires");
	CHECK_EQ(jool_tcp_state_expire(TRANS), JOOL_TCP_EXP_DELETE,
		 "TRANS expires: deleted");
}

/*
 * RFC 6146 3.5.2.2, the probe itself: "no data", sequence and
 * acknowledgment numbers zero, "all flags but the ACK flag are set to
 * zero", from the remote end (its IPv6 address) to the IPv6 node.
 */
static void probe_bytes(void)
{
	struct jool_tuple6 t6 = { .proto = IPPROTO_TCP };
	u8 buf[JOOL_TCP_PROBE_LEN + 4];
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)buf;
	const struct tcphdr *tcp = (const struct tcphdr *)(ip6 + 1);

	inet_pton(AF_INET6, "64:ff9b::c000:205", &t6.src.addr);
	inet_pton(AF_INET6, "2001:db8::6", &t6.dst.addr);
	t6.src.port = 8080;
	t6.dst.port = 40000;
	memset(buf, 0xa5, sizeof(buf));
	jool_tcp_probe(&t6, buf);
	CHECK_EQ(JOOL_TCP_PROBE_LEN, 60U, "IPv6 + TCP header, no options");
	CHECK(buf[JOOL_TCP_PROBE_LEN] == 0xa5, "nothing written past it");
	CHECK(ip6->version == 6 && ntohs(ip6->payload_len) == 20 &&
	      ip6->nexthdr == IPPROTO_TCP && ip6->hop_limit == 64,
	      "IPv6 header: TCP, 20 bytes, hop limit 64");
	CHECK(!memcmp(&ip6->saddr, &t6.src.addr, 16) &&
	      !memcmp(&ip6->daddr, &t6.dst.addr, 16),
	      "from the remote end's IPv6 address to the IPv6 node");
	CHECK(ntohs(tcp->source) == 8080 && ntohs(tcp->dest) == 40000,
	      "ports of the connection");
	CHECK(tcp->seq == 0 && tcp->ack_seq == 0, "sequence, ack: zero");
	CHECK_EQ(buf[40 + 13], 0x10, "flags: ACK only");
	CHECK_EQ(tcp->doff, 5, "no options, no data");
	CHECK(l4_csum_ok(buf, JOOL_TCP_PROBE_LEN), "TCP checksum right");
}

static void names(void)
{
	CHECK(!strcmp(jool_tcp_state_name(V46F), "V4 FIN + V6 FIN RCV"),
	      "name");
	CHECK(!strcmp(jool_tcp_state_name(JOOL_TCP_STATES), "?"), "unknown");
}

const struct unit_test tcp_state_tests[] = {
	{ "tcp_state/transitions", transitions },
	{ "tcp_state/total", total },
	{ "tcp_state/expiry", expiry },
	{ "tcp_state/probe", probe },
	{ "tcp_state/probe_bytes", probe_bytes },
	{ "tcp_state/names", names },
	{ NULL, NULL },
};
