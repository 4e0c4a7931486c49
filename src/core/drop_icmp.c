// SPDX-License-Identifier: GPL-2.0
/*
 * Which ICMP error, if any, answers a packet the translator dropped
 * (RFC 7915 4.4 and 5.4).
 *
 * The RFC asks for an error to the original sender of a dropped packet:
 * ICMPv4 type 3 code 13 (communication administratively prohibited) or
 * ICMPv6 type 1 code 1 (communication with destination administratively
 * prohibited), "unless otherwise specified" elsewhere in it:
 *
 * - 5.1: a source outside every configured prefix, in a translator that
 *   is only stateless, gets type 1 code 5 (source address failed
 *   ingress/egress policy);
 * - 5.1: a routing header with segments left gets an ICMPv6 parameter
 *   problem (type 4, code 0) pointing at the Segments Left field;
 * - 4.1: an unfinished IPv4 source route gets type 3 code 5 (source route
 *   failed);
 * - 4.1, 5.1: a packet without hops left gets time exceeded;
 * - 4.2, 5.2: the ICMP types (and IGMP) it "silently drops" get nothing;
 * - 4.4: never about an ICMPv4 error; 5.4: never about any ICMPv6 message.
 *
 * Every drop reason has its answer in the explanation of its counter
 * (uapi/jool_stats.h, "Answer: ..."); a unit test holds the two together.
 *
 * Drops of malformed or corrupt packets (truncated headers, bad header
 * checksums, bad ICMP errors) and of packets the device failed to process
 * (no memory, offload it cannot carry, a cut that failed) get no error:
 * the sender did nothing the translator's policy refuses, answering
 * corrupt input would reflect garbage, and RFC 4443 2.4 and RFC 1812
 * 4.3.2.7 want no errors about a router's own resource trouble. The glue
 * sends what this decides with the kernel's own ICMP senders, which
 * rate-limit (net.ipv4.icmp_ratelimit, icmp_ratemask,
 * net.ipv6.icmp.ratelimit) and pick the source address.
 */
#include "core/ext6.h"
#include "common.h"

/* Whether the IPv4 packet at @l3 may be answered with an error. */
static bool ipv4_answerable(const u8 *l3, unsigned int linear)
{
	const struct iphdr *ip4 = (const struct iphdr *)l3;
	unsigned int ihl;

	if (linear < sizeof(*ip4))
		return false;
	/* Only the first fragment says what it carries (RFC 1812 4.3.2.7). */
	if (ip4->frag_off & htons(IP_OFFSET))
		return false;
	if (ip4->protocol != IPPROTO_ICMP)
		return true;
	ihl = ip4->ihl * 4;
	if (ihl < sizeof(*ip4) || linear < ihl + 1)
		return false;
	switch (l3[ihl]) {
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_REDIRECT:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		return false;
	}
	return true;
}

/*
 * Whether the IPv6 packet at @l3 may be answered: not if it is an ICMPv6
 * message, nor if its header chain cannot be followed in @linear bytes.
 */
static bool ipv6_answerable(const u8 *l3, unsigned int linear)
{
	struct ext6_iter it;

	if (linear < sizeof(struct ipv6hdr))
		return false;
	/* A fragment header's Next Header names the fragmentable part. */
	return jool_ext6_walk(l3, linear, linear, 0, &it) == EXT6_UPPER &&
	       it.next != NEXTHDR_ICMP;
}

static bool set_err(struct xlat_icmp_gen *err, u8 type, u8 code, u32 info)
{
	err->type = type;
	err->code = code;
	err->info = info;
	return true;
}

/* RFC 7915 5.4: the answer to a dropped IPv6 packet, by reason. */
static bool answer6(const struct xlat_pkt *pkt, struct xlat_icmp_gen *err)
{
	switch (pkt->reason) {
	case JOOL_STAT_DISABLED:
	case JOOL_STAT_MODE_UNSUPPORTED:
	case JOOL_STAT_NO_POOL6:
	case JOOL_STAT_DST6_UNTRANSLATABLE:
	case JOOL_STAT_DENYLISTED:
	case JOOL_STAT_EXT6_AFTER_FRAG:
	case JOOL_STAT_PROTO_UNTRANSLATABLE:
		return set_err(err, ICMPV6_DEST_UNREACH, ICMPV6_ADM_PROHIBITED,
			       0);
	case JOOL_STAT_SRC6_UNTRANSLATABLE:
		return set_err(err, ICMPV6_DEST_UNREACH, ICMPV6_POLICY_FAIL, 0);
	case JOOL_STAT_TTL_EXPIRED:
		return set_err(err, ICMPV6_TIME_EXCEED, ICMPV6_EXC_HOPLIMIT, 0);
	case JOOL_STAT_EXT6_UNSUPPORTED:
		if (!pkt->err_ptr)
			return false;
		return set_err(err, ICMPV6_PARAMPROB, ICMPV6_HDR_FIELD,
			       pkt->err_ptr);
	default:
		return false;
	}
}

/* RFC 7915 4.4: the answer to a dropped IPv4 packet, by reason. */
static bool answer4(const struct xlat_pkt *pkt, struct xlat_icmp_gen *err)
{
	switch (pkt->reason) {
	case JOOL_STAT_DISABLED:
	case JOOL_STAT_MODE_UNSUPPORTED:
	case JOOL_STAT_NO_POOL6:
	case JOOL_STAT_SRC4_UNTRANSLATABLE:
	case JOOL_STAT_DST4_UNTRANSLATABLE:
	case JOOL_STAT_DENYLISTED:
	case JOOL_STAT_UDP_ZERO_CSUM:
	case JOOL_STAT_FRAG_UDP_CSUM0:
	case JOOL_STAT_FRAGMENT:
	case JOOL_STAT_PROTO_UNTRANSLATABLE:
		return set_err(err, ICMP_DEST_UNREACH, ICMP_PKT_FILTERED, 0);
	case JOOL_STAT_TTL_EXPIRED:
		return set_err(err, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
	case JOOL_STAT_SRC_ROUTE:
		return set_err(err, ICMP_DEST_UNREACH, ICMP_SR_FAILED, 0);
	default:
		return false;
	}
}

/**
 * jool_xlat_drop_icmp() - the ICMP error that answers a dropped packet
 * @l3: the dropped packet, from its L3 header, untouched by the core
 * @linear: readable bytes at @l3
 * @is_v6: @l3 is an IPv6 packet (it was being translated to IPv4)
 * @pkt: the core's verdict: &xlat_pkt.reason and &xlat_pkt.err_ptr
 * @err: out: type, code and info (pointer) of the error, in the family of
 *	the dropped packet
 *
 * Return: true if an error should be sent back to the packet's source.
 */
bool jool_xlat_drop_icmp(const u8 *l3, unsigned int linear, bool is_v6,
			 const struct xlat_pkt *pkt, struct xlat_icmp_gen *err)
{
	if (is_v6)
		return ipv6_answerable(l3, linear) && answer6(pkt, err);
	return ipv4_answerable(l3, linear) && answer4(pkt, err);
}
