// SPDX-License-Identifier: GPL-2.0
/*
 * The TCP state machine of RFC 6146 section 3.5.2.2, one function per
 * state, on what the caller tells of a packet (struct jool_tcp_pkt). Where
 * the RFC leaves a choice, Jool 4.1.9's is taken; docs/design.md lists the
 * differences between the two.
 */
#include "core/tcp_state.h"
#include "core/tuple.h"

static struct jool_tcp_step step(u8 state, u8 lifetime)
{
	return (struct jool_tcp_step){ .state = state, .lifetime = lifetime,
				       .verdict = JOOL_TCP_XLAT };
}

static struct jool_tcp_step drop(u8 state, u8 why)
{
	return (struct jool_tcp_step){ .state = state,
				       .lifetime = JOOL_TCP_LT_KEEP,
				       .verdict = JOOL_TCP_DROP, .why = why };
}

/*
 * CLOSED: an IPv6 SYN opens the session (V6 INIT, transitory lifetime). An
 * IPv4 SYN is dropped by drop-externally-initiated-tcp; else, without a BIB
 * entry or refused by address-dependent filtering, it is stored for a
 * simultaneous open, with no session (the caller's store keeps it
 * TCP_INCOMING_SYN); else it opens the session (V4 INIT, transitory
 * lifetime, as Jool). Other packets are translated without a session if a
 * BIB entry matches ("if the security policy allows to do so": not when
 * filtering refuses them), else dropped.
 */
static struct jool_tcp_step closed(const struct jool_tcp_pkt *pkt,
				   const struct nat64_cfg *cfg)
{
	struct jool_tcp_step s;

	if (!(pkt->flags & JOOL_TCP_SYN)) {
		if (!pkt->bib)
			return drop(JOOL_TCP_CLOSED, JOOL_TCP_WHY_NO_STATE);
		if (pkt->from == JOOL_TCP_FROM4 && pkt->adf_refuses)
			return drop(JOOL_TCP_CLOSED, JOOL_TCP_WHY_ADF);
		return step(JOOL_TCP_CLOSED, JOOL_TCP_LT_KEEP);
	}
	if (pkt->from == JOOL_TCP_FROM6)
		return step(JOOL_TCP_V6_INIT, JOOL_TCP_LT_TRANS);
	if (cfg->drop_external_tcp)
		return drop(JOOL_TCP_CLOSED, JOOL_TCP_WHY_EXTERNAL);
	if (!pkt->bib || pkt->adf_refuses) {
		s = step(JOOL_TCP_CLOSED, JOOL_TCP_LT_INCOMING_SYN);
		s.verdict = JOOL_TCP_STORE;
		return s;
	}
	return step(JOOL_TCP_V4_INIT, JOOL_TCP_LT_TRANS);
}

/*
 * V4 INIT: the IPv6 SYN completes the (simultaneous) open: ESTABLISHED.
 * Other packets are translated, lifetime unchanged. (A session whose IPv4
 * SYN was stored starts here, when the IPv6 SYN that finds it is already
 * on its way: see JOOL_TCP_STORE.)
 */
static struct jool_tcp_step v4_init(const struct jool_tcp_pkt *pkt)
{
	if (pkt->from == JOOL_TCP_FROM6 && (pkt->flags & JOOL_TCP_SYN))
		return step(JOOL_TCP_ESTABLISHED, JOOL_TCP_LT_EST);
	return step(JOOL_TCP_V4_INIT, JOOL_TCP_LT_KEEP);
}

/*
 * V6 INIT: the IPv4 SYN answers: ESTABLISHED. A retried IPv6 SYN renews
 * the transitory lifetime (Jool); other packets leave it as it is.
 */
static struct jool_tcp_step v6_init(const struct jool_tcp_pkt *pkt)
{
	if (!(pkt->flags & JOOL_TCP_SYN))
		return step(JOOL_TCP_V6_INIT, JOOL_TCP_LT_KEEP);
	if (pkt->from == JOOL_TCP_FROM4)
		return step(JOOL_TCP_ESTABLISHED, JOOL_TCP_LT_EST);
	return step(JOOL_TCP_V6_INIT, JOOL_TCP_LT_TRANS);
}

/*
 * ESTABLISHED: a FIN moves to the FIN RCV state of its side (lifetime
 * unchanged); an RST to TRANS with the transitory lifetime; anything else
 * renews the established lifetime. A FIN with RST counts as a FIN (Jool).
 */
static struct jool_tcp_step established(const struct jool_tcp_pkt *pkt)
{
	if (pkt->flags & JOOL_TCP_FIN)
		return step(pkt->from == JOOL_TCP_FROM4 ? JOOL_TCP_V4_FIN_RCV :
							  JOOL_TCP_V6_FIN_RCV,
			    JOOL_TCP_LT_KEEP);
	if (pkt->flags & JOOL_TCP_RST)
		return step(JOOL_TCP_TRANS, JOOL_TCP_LT_TRANS);
	return step(JOOL_TCP_ESTABLISHED, JOOL_TCP_LT_EST);
}

/*
 * V4 FIN RCV and V6 FIN RCV: the FIN of the other side moves to V4 FIN + V6
 * FIN RCV with the transitory lifetime; anything else renews the
 * established one, an RST too unless handle-rst-during-fin-rcv (then the
 * transitory lifetime, state unchanged, as Jool).
 */
static struct jool_tcp_step fin_rcv(enum jool_tcp_state state,
				    const struct jool_tcp_pkt *pkt,
				    const struct nat64_cfg *cfg)
{
	u8 other = state == JOOL_TCP_V4_FIN_RCV ? JOOL_TCP_FROM6 :
						  JOOL_TCP_FROM4;

	if (pkt->from == other && (pkt->flags & JOOL_TCP_FIN))
		return step(JOOL_TCP_V4_FIN_V6_FIN_RCV, JOOL_TCP_LT_TRANS);
	if ((pkt->flags & JOOL_TCP_RST) && cfg->handle_rst)
		return step(state, JOOL_TCP_LT_TRANS);
	return step(state, JOOL_TCP_LT_EST);
}

/* TRANS: anything but an RST moves back to ESTABLISHED. */
static struct jool_tcp_step trans(const struct jool_tcp_pkt *pkt)
{
	if (pkt->flags & JOOL_TCP_RST)
		return step(JOOL_TCP_TRANS, JOOL_TCP_LT_KEEP);
	return step(JOOL_TCP_ESTABLISHED, JOOL_TCP_LT_EST);
}

/**
 * jool_tcp_state_next() - what a TCP packet does to its session
 * @state: the session's state (JOOL_TCP_CLOSED if it has none)
 * @pkt: the packet
 * @cfg: the NAT64 globals
 *
 * Return: the new state, lifetime and the packet's fate. An unknown @state
 * drops the packet and keeps it.
 */
struct jool_tcp_step jool_tcp_state_next(enum jool_tcp_state state,
					 const struct jool_tcp_pkt *pkt,
					 const struct nat64_cfg *cfg)
{
	switch (state) {
	case JOOL_TCP_CLOSED:
		return closed(pkt, cfg);
	case JOOL_TCP_V4_INIT:
		return v4_init(pkt);
	case JOOL_TCP_V6_INIT:
		return v6_init(pkt);
	case JOOL_TCP_ESTABLISHED:
		return established(pkt);
	case JOOL_TCP_V4_FIN_RCV:
	case JOOL_TCP_V6_FIN_RCV:
		return fin_rcv(state, pkt, cfg);
	case JOOL_TCP_V4_FIN_V6_FIN_RCV:
		/* Everything is translated; only the lifetime ends it. */
		return step(state, JOOL_TCP_LT_KEEP);
	case JOOL_TCP_TRANS:
		return trans(pkt);
	default:
		return drop(state, JOOL_TCP_WHY_NO_STATE);
	}
}

/**
 * jool_tcp_state_expire() - what the end of a session's lifetime does
 * @state: the session's state
 *
 * ESTABLISHED sends a probe and moves to TRANS (RFC 6146 3.5.2.2: "SHOULD
 * send a probe packet"); every other state deletes the session. (A stored
 * IPv4 SYN has no session; its store answers it when its time is up.)
 *
 * Return: &enum jool_tcp_expiry.
 */
enum jool_tcp_expiry jool_tcp_state_expire(enum jool_tcp_state state)
{
	if (state == JOOL_TCP_ESTABLISHED)
		return JOOL_TCP_EXP_PROBE;
	return JOOL_TCP_EXP_DELETE;
}

/**
 * jool_tcp_state_name() - a state as RFC 6146 writes it
 * @state: the state
 *
 * Return: "V4 FIN + V6 FIN RCV" and the like; "?" if unknown.
 */
const char *jool_tcp_state_name(enum jool_tcp_state state)
{
	static const char *const names[JOOL_TCP_STATES] = {
		[JOOL_TCP_CLOSED] = "CLOSED",
		[JOOL_TCP_V4_INIT] = "V4 INIT",
		[JOOL_TCP_V6_INIT] = "V6 INIT",
		[JOOL_TCP_ESTABLISHED] = "ESTABLISHED",
		[JOOL_TCP_V4_FIN_RCV] = "V4 FIN RCV",
		[JOOL_TCP_V6_FIN_RCV] = "V6 FIN RCV",
		[JOOL_TCP_V4_FIN_V6_FIN_RCV] = "V4 FIN + V6 FIN RCV",
		[JOOL_TCP_TRANS] = "TRANS",
	};

	return (unsigned int)state < JOOL_TCP_STATES ? names[state] : "?";
}

/**
 * jool_tcp_probe() - the probe of an ESTABLISHED session whose time is up
 * @t6: the session's tuple towards its IPv6 end (what a packet from the
 *	IPv4 end becomes): source the remote IPv4 end's IPv6 address and
 *	port, destination the IPv6 node's
 * @buf: out: JOOL_TCP_PROBE_LEN bytes, the IPv6 packet
 *
 * RFC 6146 3.5.2.2: "a TCP segment for the connection with no data. The
 * sequence number and the acknowledgment number are set to zero. All
 * flags but the ACK flag are set to zero." Window 0; checksum complete.
 * A live TCP end answers with an ACK (the segment is out of its window),
 * which brings the session back to ESTABLISHED; one that forgot the
 * connection answers with an RST, which leaves it in TRANS to expire.
 */
void jool_tcp_probe(const struct jool_tuple6 *t6, u8 *buf)
{
	struct ipv6hdr *ip6 = (struct ipv6hdr *)buf;
	struct tcphdr *tcp = (struct tcphdr *)(ip6 + 1);

	memset(buf, 0, JOOL_TCP_PROBE_LEN);
	ip6->version = 6;
	ip6->payload_len = htons(sizeof(*tcp));
	ip6->nexthdr = IPPROTO_TCP;
	ip6->hop_limit = JOOL_TCP_PROBE_HOPS;
	ip6->saddr = t6->src.addr;
	ip6->daddr = t6->dst.addr;
	tcp->source = htons(t6->src.port);
	tcp->dest = htons(t6->dst.port);
	tcp->doff = sizeof(*tcp) / 4;
	tcp->ack = 1;
	tcp->check = csum_ipv6_magic(&ip6->saddr, &ip6->daddr, sizeof(*tcp),
				     IPPROTO_TCP,
				     csum_partial(tcp, sizeof(*tcp), 0));
}
