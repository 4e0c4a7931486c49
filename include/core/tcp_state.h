/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The TCP state machine of a NAT64 session (RFC 6146 3.5.2), as a pure
 * function: the state tables keep a session's state and lifetime, and ask
 * jool_tcp_state_next() what a packet does to them, and
 * jool_tcp_state_expire() what the end of a lifetime does. See the table
 * in docs/design.md ("The TCP state machine").
 */
#ifndef _JOOL_CORE_TCP_STATE_H
#define _JOOL_CORE_TCP_STATE_H

#include "core_types.h"
#include "nat64_cfg.h"

/* RFC 6146 3.5.2.1; CLOSED is "no session". */
enum jool_tcp_state {
	JOOL_TCP_CLOSED,
	JOOL_TCP_V4_INIT,
	JOOL_TCP_V6_INIT,
	JOOL_TCP_ESTABLISHED,
	JOOL_TCP_V4_FIN_RCV,
	JOOL_TCP_V6_FIN_RCV,
	JOOL_TCP_V4_FIN_V6_FIN_RCV,
	JOOL_TCP_TRANS,
	JOOL_TCP_STATES
};

/* Where a packet came from. */
enum jool_tcp_from {
	JOOL_TCP_FROM6,
	JOOL_TCP_FROM4,
};

/* The TCP flags the machine looks at. */
#define JOOL_TCP_SYN	0x1
#define JOOL_TCP_FIN	0x2
#define JOOL_TCP_RST	0x4

/* What the session's lifetime becomes. */
enum jool_tcp_lifetime {
	JOOL_TCP_LT_KEEP,	/* unchanged */
	JOOL_TCP_LT_EST,	/* tcp-est-timeout from now */
	JOOL_TCP_LT_TRANS,	/* tcp-trans-timeout from now */
	JOOL_TCP_LT_INCOMING_SYN, /* TCP_INCOMING_SYN (6 s) from now */
};

/* What happens to the packet. */
enum jool_tcp_verdict {
	JOOL_TCP_XLAT,		/* translate and forward it */
	JOOL_TCP_DROP,		/* drop it; jool_tcp_step.why says why */
	/*
	 * Keep it, TCP_INCOMING_SYN at least, waiting for the IPv6 SYN of a
	 * simultaneous open, with no session (at most
	 * maximum-simultaneous-opens of them; a caller with no room left
	 * answers ICMP port unreachable at once). The caller's store owns
	 * what happens next: an IPv6 SYN of the same connection finds it
	 * (the session it makes starts as V4 INIT), or the time runs out
	 * (ICMP port unreachable).
	 */
	JOOL_TCP_STORE,
};

/* Why a packet is dropped. */
enum jool_tcp_why {
	JOOL_TCP_WHY_NONE,
	JOOL_TCP_WHY_NO_STATE,	/* not a SYN, and no BIB entry */
	JOOL_TCP_WHY_EXTERNAL,	/* drop-externally-initiated-tcp */
	JOOL_TCP_WHY_ADF,	/* address-dependent filtering */
};

/* What the end of a lifetime does. */
enum jool_tcp_expiry {
	JOOL_TCP_EXP_DELETE,	/* delete the session (CLOSED) */
	/*
	 * Send a probe, a TCP ACK without data, sequence and acknowledgment
	 * numbers 0, to the IPv6 end; the session moves to TRANS with the
	 * transitory lifetime.
	 */
	JOOL_TCP_EXP_PROBE,
};

/**
 * struct jool_tcp_pkt - what the machine needs to know of a packet
 * @from: &enum jool_tcp_from
 * @flags: JOOL_TCP_SYN, JOOL_TCP_FIN, JOOL_TCP_RST
 * @bib: (CLOSED) a BIB entry matches the packet (its IPv6 source, or its
 *	IPv4 destination)
 * @adf_refuses: (CLOSED, from IPv4) address-dependent filtering is on and
 *	the IPv6 node has no session with the packet's source address
 */
struct jool_tcp_pkt {
	u8 from;
	u8 flags;
	bool bib;
	bool adf_refuses;
};

/**
 * struct jool_tcp_step - what a packet does
 * @state: the session's new state (CLOSED: no session; stays so)
 * @lifetime: &enum jool_tcp_lifetime
 * @verdict: &enum jool_tcp_verdict
 * @why: &enum jool_tcp_why, for JOOL_TCP_DROP
 */
struct jool_tcp_step {
	u8 state;
	u8 lifetime;
	u8 verdict;
	u8 why;
};

struct jool_tcp_step jool_tcp_state_next(enum jool_tcp_state state,
					 const struct jool_tcp_pkt *pkt,
					 const struct nat64_cfg *cfg);
enum jool_tcp_expiry jool_tcp_state_expire(enum jool_tcp_state state);
const char *jool_tcp_state_name(enum jool_tcp_state state);

/* The probe's length: an IPv6 header and a TCP header without options. */
#define JOOL_TCP_PROBE_LEN (sizeof(struct ipv6hdr) + sizeof(struct tcphdr))
/* Its hop limit. */
#define JOOL_TCP_PROBE_HOPS 64

struct jool_tuple6;
void jool_tcp_probe(const struct jool_tuple6 *t6, u8 *buf);

#endif /* _JOOL_CORE_TCP_STATE_H */
