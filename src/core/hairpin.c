// SPDX-License-Identifier: GPL-2.0
/*
 * EAM hairpinning (RFC 7757 4).
 *
 * Two IPv6 nodes that both have EAMs may talk through the translator: n6a
 * sends to the pool6 name of n6b's IPv4 address. 6->4 translation gives an
 * IPv4 packet from n6a's EAM address to n6b's EAM address; since EAM IPv4
 * prefixes are routed into the device, routing brings it straight back (the
 * device re-injects what it translates), and it is translated 4->6. In that
 * second translation, the source must come out as the pool6 name of n6a's
 * IPv4 address, not as n6a's own IPv6 address (which its EAM would give):
 * n6b then answers through the translator, and n6a sees the answer come
 * from the address it sent to. The destination is translated as usual.
 *
 * "eam-hairpin-mode" says which IPv4 packets get that treatment:
 *  - off: none; the second translation is an ordinary one.
 *  - simple: every IPv4 packet (the translator assumes that an EAM'd IPv4
 *    source can only come from the IPv6 side, whatever brought it back).
 *  - intrinsic: the packets that the translator knows are hairpins: those
 *    it made itself, i.e. that the glue saw come back into the device
 *    (&xlat_pkt.hairpin). IPv4 packets from elsewhere keep their EAMs.
 *
 * ICMP errors about a hairpinned packet go the same way (they are addressed
 * to n6a's IPv4 address, which is routed into the device): the packet quoted
 * inside must come out as n6a sent it, so its destination (n6b) is the
 * pool6 name; and the error's own source, when it is that same node, too.
 */
#include "core/addr.h"
#include "core/eamt.h"
#include "core/hairpin.h"

/**
 * jool_xlat_hairpin() - whether a 4->6 translation is a hairpin's second half
 * @cfg: the device configuration ("eam-hairpin-mode")
 * @pkt: the packet (&xlat_pkt.hairpin: it came back into the device)
 *
 * Return: true if the RFC 7757 4 rules apply to the packet's addresses.
 */
bool jool_xlat_hairpin(const struct xlat_cfg *cfg, const struct xlat_pkt *pkt)
{
	switch (cfg->hairpin_mode) {
	case JOOL_HAIRPIN_SIMPLE:
		return true;
	case JOOL_HAIRPIN_INTRINSIC:
		return pkt->hairpin;
	}
	return false;
}

/**
 * jool_hairpin_hops() - hops to give back to the second half of a hairpin
 * @pkt: the packet, its addresses translated (&xlat_pkt.hairpinned known)
 *
 * A hairpin is one trip through the translator, so it costs one hop, like
 * any other translated packet: the first half already got its hop back
 * (xmit.c, hop_bump()); the forward between the halves took one, which the
 * second half returns. Only for packets that came back into the device and
 * had the hairpin rule applied (an EAM'd source, which is what a hairpin
 * has and what a routing loop through the device usually lacks): with
 * "off", or for other packets that loop, the two translations are
 * unrelated and cost a hop each. Even a loop that gets this hop back dies:
 * its 6->4 passes get nothing back, so each round trip (two forwards)
 * still loses one.
 *
 * Return: 1 or 0.
 */
unsigned int jool_hairpin_hops(const struct xlat_pkt *pkt)
{
	return pkt->hairpin && pkt->hairpinned;
}

/**
 * jool_addr_xlat46_hp() - map an IPv4 address to IPv6, hairpin-aware
 * @cfg: the device configuration
 * @a4: the address
 * @a6: out: the IPv6 address
 * @flags: ADDR_SRC, ADDR_ERR_SRC (see jool_addr_translate46())
 * @hairpin: @a4 is an address that must not be translated by its EAM (the
 *	source of a hairpinned packet, RFC 7757 4)
 * @changed: out: set to true when @hairpin changed the result (@a4 has an
 *	EAM, and pool6 was used instead); left alone otherwise
 *
 * With @hairpin, an EAM'd @a4 goes through pool6 like any address pool6
 * translates (denylist4 and the implicit rules included). Without pool6 it
 * has no translation (RFC 7757 4 wants RFC 6052 for it, and the sender
 * could not have used a pool6 name anyway).
 *
 * Return: 0 (JOOL_STAT_UNSPEC) on success, else the drop reason.
 */
enum jool_stat jool_addr_xlat46_hp(const struct xlat_cfg *cfg, __be32 a4,
				   struct in6_addr *a6, unsigned int flags,
				   bool hairpin, bool *changed)
{
	enum jool_stat reason;

	if (!hairpin || !jool_eamt_4to6(cfg->eamt, a4, a6))
		return jool_addr_translate46(cfg, a4, a6, flags, NULL);
	reason = jool_addr_translate46(cfg, a4, a6, flags | ADDR_NO_EAM, NULL);
	if (!reason)
		*changed = true;
	return reason;
}
