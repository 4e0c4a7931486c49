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
 * - 4.4: never about an ICMPv4 error; 5.4: never about any ICMPv6 message;
 * - a packet with DF too big for the route its translation takes gets
 *   "fragmentation needed" (ICMPv4 3/4) or "packet too big" (ICMPv6 2/0,
 *   which RFC 4443 3.2 owes to ICMPv6 echoes too) with an MTU, as from
 *   any router on the path (see too_big46(), too_big64()).
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
 *
 * The packet the error quotes is the one the sender sent, as it arrived at
 * the box (RFC 792 and RFC 4443 quote "the invoking packet"; Jool, which
 * translates before routing, quotes it as received): the glue hands the
 * device a packet that the forward into it already decremented, so that
 * hop is added back first (jool_xlat_drop_quote()).
 */
#include "core/csum.h"
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
 * Whether the IPv6 packet at @l3 may be answered: not if its header chain
 * cannot be followed in @linear bytes; not if it is an ICMPv6 message
 * (5.4), unless @info_ok and it is an informational one (a "packet too
 * big" is owed to an echo request too, RFC 4443 3.2; never to an error,
 * 2.4 (e)).
 */
static bool ipv6_answerable(const u8 *l3, unsigned int linear, bool info_ok)
{
	struct ext6_iter it;

	if (linear < sizeof(struct ipv6hdr))
		return false;
	/* A fragment header's Next Header names the fragmentable part. */
	if (jool_ext6_walk(l3, linear, linear, 0, &it) != EXT6_UPPER)
		return false;
	if (it.next != NEXTHDR_ICMP)
		return true;
	return info_ok && it.off < linear &&
	       (l3[it.off] & ICMPV6_INFOMSG_MASK);
}

/*
 * The answer to each drop reason, for an IPv6 and an IPv4 packet: ICMP
 * type and code as (type << 8 | code); 0 is none (no ICMPv4 or ICMPv6
 * error has type 0). RFC 7915 4.4 and 5.4, and 4.1 and 5.1 where they say
 * otherwise. A reason of one family leaves the other's answer none.
 */
#define ANSWER(type, code) ((type) << 8 | (code))
#define NONE 0
#define ADMIN6 ANSWER(ICMPV6_DEST_UNREACH, ICMPV6_ADM_PROHIBITED)
#define POLICY6 ANSWER(ICMPV6_DEST_UNREACH, ICMPV6_POLICY_FAIL)
#define PARAM6 ANSWER(ICMPV6_PARAMPROB, ICMPV6_HDR_FIELD)
#define HOPS6 ANSWER(ICMPV6_TIME_EXCEED, ICMPV6_EXC_HOPLIMIT)
#define ADMIN4 ANSWER(ICMP_DEST_UNREACH, ICMP_PKT_FILTERED)
#define ROUTE4 ANSWER(ICMP_DEST_UNREACH, ICMP_SR_FAILED)
#define TTL4 ANSWER(ICMP_TIME_EXCEEDED, ICMP_EXC_TTL)
#define BIG6 ANSWER(ICMPV6_PKT_TOOBIG, 0)
#define BIG4 ANSWER(ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED)
#define ADDR6 ANSWER(ICMPV6_DEST_UNREACH, ICMPV6_ADDR_UNREACH)
#define HOST4 ANSWER(ICMP_DEST_UNREACH, ICMP_HOST_UNREACH)
#define PORT4 ANSWER(ICMP_DEST_UNREACH, ICMP_PORT_UNREACH)

static const u16 answers[][2] = {
	/*					IPv6	IPv4 */
	[JOOL_STAT_DISABLED] =			{ ADMIN6, ADMIN4 },
	[JOOL_STAT_MODE_UNSUPPORTED] =		{ ADMIN6, ADMIN4 },
	[JOOL_STAT_NO_POOL6] =			{ ADMIN6, ADMIN4 },
	[JOOL_STAT_DENYLISTED] =		{ ADMIN6, ADMIN4 },
	[JOOL_STAT_PROTO_UNTRANSLATABLE] =	{ ADMIN6, ADMIN4 },
	[JOOL_STAT_TTL_EXPIRED] =		{ HOPS6, TTL4 },
	[JOOL_STAT_SRC6_UNTRANSLATABLE] =	{ POLICY6, NONE },
	[JOOL_STAT_DST6_UNTRANSLATABLE] =	{ ADMIN6, NONE },
	[JOOL_STAT_EXT6_AFTER_FRAG] =		{ ADMIN6, NONE },
	/* The pointer is &xlat_pkt.err_ptr; none without one. */
	[JOOL_STAT_EXT6_UNSUPPORTED] =		{ PARAM6, NONE },
	[JOOL_STAT_SRC4_UNTRANSLATABLE] =	{ NONE, ADMIN4 },
	[JOOL_STAT_DST4_UNTRANSLATABLE] =	{ NONE, ADMIN4 },
	[JOOL_STAT_UDP_ZERO_CSUM] =		{ NONE, ADMIN4 },
	[JOOL_STAT_FRAG_UDP_CSUM0] =		{ NONE, ADMIN4 },
	[JOOL_STAT_FRAGMENT] =			{ NONE, ADMIN4 },
	[JOOL_STAT_SRC_ROUTE] =			{ NONE, ROUTE4 },
	/* The MTU is &xlat_pkt.err_mtu. */
	[JOOL_STAT_TOO_BIG] =			{ BIG6, BIG4 },
	/* NAT64, RFC 6146 3.5.1, 3.5.2.2, 3.5.3. */
	[JOOL_STAT_NAT64_NOT_POOL6] =		{ ADMIN6, NONE },
	[JOOL_STAT_NAT64_NOT_POOL4] =		{ NONE, ADMIN4 },
	[JOOL_STAT_NAT64_POOL4_NONE] =		{ ADDR6, NONE },
	[JOOL_STAT_NAT64_POOL4_EXHAUSTED] =	{ ADDR6, NONE },
	[JOOL_STAT_SESSIONS_FULL] =		{ ADDR6, NONE },
	[JOOL_STAT_NAT64_HOST_PORTS] =		{ ADDR6, NONE },
	[JOOL_STAT_NAT64_NO_BIB4] =		{ NONE, HOST4 },
	[JOOL_STAT_NAT64_SYN4_NO_BIB] =		{ NONE, PORT4 },
	[JOOL_STAT_NAT64_ADF] =			{ NONE, ADMIN4 },
	/* NAT64_EXT_TCP: "silently discarded" (RFC 6146 3.5.2.2). */
	[JOOL_STAT_NAT64_SO_EXPIRED] =		{ NONE, PORT4 },
	[JOOL_STAT_NAT64_DET_OUTSIDE] =		{ ADDR6, NONE },
	[JOOL_STAT_NAT64_DET_EXHAUSTED] =	{ ADDR6, NONE },
	[JOOL_STAT_NAT64_BLOCK_LIMIT] =		{ ADDR6, NONE },
};

/**
 * jool_xlat_drop_icmp() - the ICMP error that answers a dropped packet
 * @l3: the dropped packet, from its L3 header, untouched by the core
 * @linear: readable bytes at @l3
 * @is_v6: @l3 is an IPv6 packet (it was being translated to IPv4)
 * @pkt: the core's verdict: &xlat_pkt.reason, &xlat_pkt.err_ptr and
 *	&xlat_pkt.err_mtu
 * @err: out: type, code and info (pointer, MTU) of the error, in the
 *	family of the dropped packet
 *
 * Return: true if an error should be sent back to the packet's source.
 */
bool jool_xlat_drop_icmp(const u8 *l3, unsigned int linear, bool is_v6,
			 const struct xlat_pkt *pkt, struct xlat_icmp_gen *err)
{
	u16 a;

	if (pkt->reason >= ARRAY_SIZE(answers))
		return false;
	a = answers[pkt->reason][is_v6 ? 0 : 1];
	if (a == NONE || (a == PARAM6 && !pkt->err_ptr))
		return false;
	if (is_v6 ? !ipv6_answerable(l3, linear, a == BIG6) :
		    !ipv4_answerable(l3, linear))
		return false;
	err->type = a >> 8;
	err->code = a & 0xff;
	err->info = 0;
	if (a == PARAM6)
		err->info = pkt->err_ptr;
	else if (a == BIG6 || a == BIG4)
		err->info = pkt->err_mtu;
	return true;
}

/**
 * jool_xlat_drop_quote() - turn a dropped packet back into what arrived
 * @l3: the dropped packet, from its L3 header, writable
 * @linear: bytes at @l3
 * @is_v6: @l3 is an IPv6 packet
 * @hops: hops the box took from it before the device (1 if it was
 *	forwarded into the device, 0 if the box itself sent it)
 *
 * Adds @hops to the TTL (updating the IPv4 header checksum, RFC 1624) or
 * the hop limit, never past 255, so that the packet quoted in the error
 * about it is the one the sender recognises.
 */
void jool_xlat_drop_quote(u8 *l3, unsigned int linear, bool is_v6,
			  unsigned int hops)
{
	struct ipv6hdr *ip6 = (struct ipv6hdr *)l3;
	struct iphdr *ip4 = (struct iphdr *)l3;
	__be16 old, new;

	if (is_v6) {
		if (linear >= sizeof(*ip6))
			ip6->hop_limit = min(ip6->hop_limit + hops, 255u);
		return;
	}
	if (linear < sizeof(*ip4))
		return;
	/* The TTL is the first byte of the 16-bit word it shares. */
	old = htons(ip4->ttl << 8 | ip4->protocol);
	ip4->ttl = min(ip4->ttl + hops, 255u);
	new = htons(ip4->ttl << 8 | ip4->protocol);
	jool_csum_swap(&ip4->check, (__force __wsum)old,
		       (__force __wsum)new);
}
