// SPDX-License-Identifier: GPL-2.0
/*
 * The TCP state machine of RFC 6146 section 3.5.2.2, one function per
 * state, on what the caller tells of a packet (struct jool_tcp_pkt). Where
 * the RFC leaves a choice, Jool 4.1.9's is taken; docs/design.md lists the
 * differences between the two.
 */
#include "core/tcp_state.h"

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
 * simultaneous open (V4 INIT, TCP_INCOMING_SYN); else it opens the session
 * (V4 INIT, transitory lifetime, as Jool). Other packets are translated
 * without a session if a BIB entry matches ("if the security policy allows
 * to do so": not when filtering refuses them), else dropped.
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
		s = step(JOOL_TCP_V4_INIT, JOOL_TCP_LT_INCOMING_SYN);
		s.verdict = JOOL_TCP_STORE;
		return s;
	}
	return step(JOOL_TCP_V4_INIT, JOOL_TCP_LT_TRANS);
}

/*
 * V4 INIT: the IPv6 SYN completes the (simultaneous) open: ESTABLISHED, and
 * a stored IPv4 SYN is let go. Other packets are translated, lifetime
 * unchanged, except IPv4 packets while an IPv4 SYN is stored: Jool drops
 * them, or an IPv4 SYN retried within the 6 seconds would pass the
 * filtering that held the first one (the RFC translates them).
 */
static struct jool_tcp_step v4_init(const struct jool_tcp_pkt *pkt)
{
	struct jool_tcp_step s;

	if (pkt->from == JOOL_TCP_FROM6 && (pkt->flags & JOOL_TCP_SYN)) {
		s = step(JOOL_TCP_ESTABLISHED, JOOL_TCP_LT_EST);
		s.drop_stored = pkt->stored;
		return s;
	}
	if (pkt->from == JOOL_TCP_FROM4 && pkt->stored)
		return drop(JOOL_TCP_V4_INIT, JOOL_TCP_WHY_SO_EXISTS);
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
 * @stored: the session holds a stored IPv4 SYN (V4 INIT)
 *
 * ESTABLISHED sends a probe and moves to TRANS (RFC 6146 3.5.2.2: "SHOULD
 * send a probe packet"); V4 INIT with a stored SYN answers it with ICMP
 * port unreachable; every other state deletes the session.
 *
 * Return: &enum jool_tcp_expiry.
 */
enum jool_tcp_expiry jool_tcp_state_expire(enum jool_tcp_state state,
					   bool stored)
{
	if (state == JOOL_TCP_ESTABLISHED)
		return JOOL_TCP_EXP_PROBE;
	if (state == JOOL_TCP_V4_INIT && stored)
		return JOOL_TCP_EXP_ICMP;
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
