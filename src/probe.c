// SPDX-License-Identifier: GPL-2.0
/*
 * The end of an ESTABLISHED TCP session's lifetime (RFC 6146 3.5.2.2):
 * rather than deleting it, the collector sends a probe to its IPv6 end
 * and gives it the transitory lifetime (TRANS). The probe is built by the
 * core (jool_tcp_probe()) and injected as a packet received on the
 * device, as the translator's output is: routing takes it to the IPv6
 * node, whose answer comes back through the device like any packet of the
 * session (an ACK: ESTABLISHED again; an RST: TRANS runs out).
 */
#include <linux/skbuff.h>
#include "bib.h"
#include "config.h"
#include "core/nat64_map.h"
#include "core/tcp_state.h"
#include "stats.h"
#include "xmit.h"

static void send_probe(struct jool_device *jdev, const struct xlat_cfg *cfg,
		       const struct jool_session *s)
{
	struct nat64_binding b = {
		.proto = IPPROTO_TCP,
		.local6 = { .addr = s->bib->addr6, .port = s->bib->port6 },
		.local4 = { .addr = s->bib->addr4, .port = s->bib->port4 },
		.remote4 = { .addr = s->remote4, .port = s->rport4 },
	};
	struct jool_tuple4 t4;
	struct jool_tuple6 t6;
	struct sk_buff *skb;

	skb = alloc_skb(LL_MAX_HEADER + JOOL_TCP_PROBE_LEN, GFP_ATOMIC);
	if (!skb) {
		jool_stats_inc(jdev, JOOL_STAT_ENOMEM);
		return;
	}
	skb_reserve(skb, LL_MAX_HEADER);
	jool_nat64_map_tuples(&cfg->pool6, &b, &t4, &t6);
	jool_tcp_probe(&t6, skb_put(skb, JOOL_TCP_PROBE_LEN));
	skb->protocol = htons(ETH_P_IPV6);
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, sizeof(struct ipv6hdr));
	jool_stats_inc(jdev, JOOL_STAT_NAT64_PROBE);
	jool_reinject(skb, jdev);
}

/**
 * jool_probe_expired() - what the end of a session's lifetime does to it
 * @jdev: the device
 * @s: a session that is not alive (under RCU), seen by the collector
 *
 * An ESTABLISHED TCP session that merely timed out (not killed, its BIB
 * entry still there) gets a probe and moves to TRANS with the transitory
 * lifetime; every other one is the caller's to kill. Process context (the
 * collector), under rcu_read_lock(); a packet of the session meanwhile
 * found none (lookups skip expired sessions) and went through CLOSED.
 *
 * Return: true if @s lives on (probed).
 */
bool jool_probe_expired(struct jool_device *jdev, struct jool_session *s)
{
	const struct jool_config *cfg;

	if (READ_ONCE(s->dead) || READ_ONCE(s->bib->removed) ||
	    s->bib->proto != IPPROTO_TCP ||
	    jool_tcp_state_expire(READ_ONCE(s->state)) != JOOL_TCP_EXP_PROBE)
		return false;
	cfg = rcu_dereference(jdev->config);
	/* (The selftests' tables have a device without configuration.) */
	if (!cfg || !cfg->xlat.pool6_set)
		return false;
	jool_session_set_state(s, JOOL_TCP_TRANS);
	jool_session_refresh(jdev->state, s,
			     msecs_to_jiffies(cfg->xlat.nat64.tcp_trans_ms));
	/* The data path's context: gro_cells_receive() wants BH off. */
	local_bh_disable();
	send_probe(jdev, &cfg->xlat, s);
	local_bh_enable();
	return true;
}
