// SPDX-License-Identifier: GPL-2.0
/*
 * Invariants the glue (src/xmit.c, icmp_out.c) relies on, checked on the
 * core's output. Checksums are recomputed from scratch, bytewise, with the
 * unit tests' reference sum (test/unit/pkt.c), not the core's helpers.
 */
#include "fuzz.h"
#include "pkt.h"

/* The pseudo-header sum of the IPv4 or IPv6 packet @l3 (RFC 768, 8200). */
static u32 pseudo_sum(const u8 *l3, unsigned int l4len, u8 proto)
{
	u8 v4[4] = { 0, proto, l4len >> 8, l4len };
	u8 v6[8] = { l4len >> 24, l4len >> 16, l4len >> 8, l4len,
		     0, 0, 0, proto };

	if (l3[0] >> 4 == 4)
		return pkt_sum(v4, 4, pkt_sum(l3 + 12, 8, 0));
	return pkt_sum(v6, 8, pkt_sum(l3 + 8, 32, 0));
}

/**
 * fuzz_l4_csum_ok() - is the upper-layer checksum of a packet right?
 * @l3: the packet
 * @len: its length
 * @l4off: where its upper layer starts
 * @proto: the upper layer's protocol (TCP, UDP, ICMP, ICMPv6)
 *
 * Return: true if the sum over the upper layer (with the pseudo-header
 * for all but ICMPv4) checks.
 */
bool fuzz_l4_csum_ok(const u8 *l3, unsigned int len, unsigned int l4off,
		     u8 proto)
{
	u32 sum = 0;

	if (proto != IPPROTO_ICMP)
		sum = pseudo_sum(l3, len - l4off, proto);
	return pkt_sum(l3 + l4off, len - l4off, sum) == 0xffff;
}

void fuzz_check_reason(enum jool_stat reason)
{
	FUZZ_ASSERT(reason > JOOL_STAT_XLAT46 && reason <= JOOL_STAT_MAX,
		    "a drop counts %u", reason);
}

/* The ICMP error in @out, IPv4. */
static void check_icmp4_err(const u8 *out, unsigned int n)
{
	const u8 *icmp = out + 20;
	u8 attr = icmp[5];

	FUZZ_ASSERT(n >= 28 && n <= XLAT_ICMP4_ERR_MAX, "length %u", n);
	FUZZ_ASSERT(out[0] == 0x45, "version/IHL %#x", out[0]);
	FUZZ_ASSERT((unsigned int)(out[2] << 8 | out[3]) == n, "total length %u, wrote %u",
		    out[2] << 8 | out[3], n);
	FUZZ_ASSERT(out[9] == IPPROTO_ICMP, "protocol %u", out[9]);
	FUZZ_ASSERT(pkt_sum(out, 20, 0) == 0xffff, "IPv4 header checksum");
	FUZZ_ASSERT(pkt_sum(icmp, n - 20, 0) == 0xffff, "ICMP checksum");
	FUZZ_ASSERT(icmp[0] == ICMP_DEST_UNREACH ||
		    icmp[0] == ICMP_TIME_EXCEEDED ||
		    icmp[0] == ICMP_PARAMETERPROB, "ICMP type %u", icmp[0]);
	if (icmp[0] == ICMP_DEST_UNREACH && icmp[1] == ICMP_FRAG_NEEDED)
		FUZZ_ASSERT((icmp[6] << 8 | icmp[7]) >= 68, "MTU %u",
			    icmp[6] << 8 | icmp[7]);
	/* RFC 4884: 32-bit words of at least 128 bytes, inside the message. */
	if (icmp[0] != ICMP_PARAMETERPROB && attr)
		FUZZ_ASSERT(attr * 4 >= 128 && 28 + attr * 4 <= n,
			    "length attribute %u in %u bytes", attr, n);
	/* The packet in error: a whole, valid IPv4 header at least. */
	FUZZ_ASSERT(n >= 48, "no room for the packet in error (%u)", n);
	FUZZ_ASSERT(icmp[8] == 0x45, "inner version/IHL %#x", icmp[8]);
	FUZZ_ASSERT(pkt_sum(icmp + 8, 20, 0) == 0xffff, "inner header checksum");
}

/* The ICMPv6 error in @out. */
static void check_icmp6_err(const u8 *out, unsigned int n)
{
	const u8 *icmp = out + 40;
	u8 attr = icmp[4];

	FUZZ_ASSERT(n >= 48 && n <= XLAT_ICMP6_ERR_MAX, "length %u", n);
	FUZZ_ASSERT(out[0] >> 4 == 6, "version %u", out[0] >> 4);
	FUZZ_ASSERT((unsigned int)(out[4] << 8 | out[5]) + 40 == n,
		    "payload length %u, wrote %u", out[4] << 8 | out[5], n);
	FUZZ_ASSERT(out[6] == NEXTHDR_ICMP, "next header %u", out[6]);
	FUZZ_ASSERT(fuzz_l4_csum_ok(out, n, 40, NEXTHDR_ICMP),
		    "ICMPv6 checksum");
	FUZZ_ASSERT(icmp[0] >= ICMPV6_DEST_UNREACH &&
		    icmp[0] <= ICMPV6_PARAMPROB, "ICMPv6 type %u", icmp[0]);
	if (icmp[0] == ICMPV6_PKT_TOOBIG)
		FUZZ_ASSERT((icmp[4] << 24 | icmp[5] << 16 | icmp[6] << 8 |
			     icmp[7]) >= 1280, "packet too big below 1280");
	if ((icmp[0] == ICMPV6_DEST_UNREACH ||
	     icmp[0] == ICMPV6_TIME_EXCEED) && attr)
		FUZZ_ASSERT(attr * 8 >= 128 && 48 + attr * 8 <= n,
			    "length attribute %u in %u bytes", attr, n);
	FUZZ_ASSERT(n >= 88, "no room for the packet in error (%u)", n);
	FUZZ_ASSERT(icmp[8] >> 4 == 6, "inner version %u", icmp[8] >> 4);
}

/**
 * fuzz_check_icmp_err_out() - a translated ICMP error, as the glue sends it
 * @out: the output buffer, filled with FUZZ_CANARY before the call
 * @outmax: its size
 * @pkt: the core's result (&xlat_pkt.new_len)
 * @to_v4: @out is ICMPv4 (else ICMPv6)
 */
void fuzz_check_icmp_err_out(const u8 *out, unsigned int outmax,
			     const struct xlat_pkt *pkt, bool to_v4)
{
	unsigned int i, n = pkt->new_len;

	FUZZ_ASSERT(n <= outmax, "wrote %u bytes into %u", n, outmax);
	for (i = n; i < outmax; i++)
		FUZZ_ASSERT(out[i] == FUZZ_CANARY,
			    "byte %u written past new_len %u", i, n);
	if (to_v4)
		check_icmp4_err(out, n);
	else
		check_icmp6_err(out, n);
}

/*
 * RFC 6146 3.5.1.1: no IPv4 transport address or BIB entry for it (pool4,
 * max-sessions, max-ports-per-host, the deterministic range, port blocks).
 */
static bool nat64_no_mapping6(enum jool_stat reason)
{
	return reason == JOOL_STAT_NAT64_POOL4_NONE ||
	       reason == JOOL_STAT_NAT64_POOL4_EXHAUSTED ||
	       reason == JOOL_STAT_SESSIONS_FULL ||
	       reason == JOOL_STAT_NAT64_HOST_PORTS ||
	       reason == JOOL_STAT_NAT64_DET_OUTSIDE ||
	       reason == JOOL_STAT_NAT64_DET_EXHAUSTED ||
	       reason == JOOL_STAT_NAT64_BLOCK_LIMIT;
}

/**
 * fuzz_check_drop_icmp() - the error the glue would answer a drop with
 * @l3: the dropped packet, as the core left it
 * @linear: readable bytes at @l3 (exactly: ASan watches the rest)
 * @is_v6: @l3 is IPv6
 * @pkt: the drop (&xlat_pkt.reason, &xlat_pkt.err_ptr, &xlat_pkt.err_mtu)
 *
 * The RFC 7915 4.4/5.4 rules that must hold whatever the packet: never
 * about an ICMPv6 message (but "packet too big" about an informational
 * one) or an ICMPv4 error, never about a later IPv4 fragment, a parameter
 * problem pointing inside the packet, the MTU of a "too big"; and only
 * the NAT64 reasons that RFC 6146 answers otherwise (3/1, 3/3, 1/3) get
 * those codes.
 */
void fuzz_check_drop_icmp(const u8 *l3, unsigned int linear, bool is_v6,
			  const struct xlat_pkt *pkt)
{
	struct xlat_icmp_gen err;
	unsigned int ihl;

	memset(&err, 0, sizeof(err));
	if (!jool_xlat_drop_icmp(l3, linear, is_v6, pkt, &err))
		return;
	if (is_v6) {
		/* Only "packet too big" is owed to (informational) ICMPv6. */
		FUZZ_ASSERT(linear >= 40 && (l3[6] != NEXTHDR_ICMP ||
					     (err.type == ICMPV6_PKT_TOOBIG &&
					      linear > 40 &&
					      (l3[40] & ICMPV6_INFOMSG_MASK))),
			    "answered an ICMPv6 message");
		FUZZ_ASSERT((err.type == ICMPV6_DEST_UNREACH &&
			     (err.code == ICMPV6_ADM_PROHIBITED ||
			      err.code == ICMPV6_POLICY_FAIL ||
			      (err.code == ICMPV6_ADDR_UNREACH &&
			       nat64_no_mapping6(pkt->reason)))) ||
			    (err.type == ICMPV6_TIME_EXCEED &&
			     err.code == ICMPV6_EXC_HOPLIMIT) ||
			    (err.type == ICMPV6_PARAMPROB &&
			     err.code == ICMPV6_HDR_FIELD) ||
			    (err.type == ICMPV6_PKT_TOOBIG && !err.code),
			    "ICMPv6 %u/%u", err.type, err.code);
		if (err.type == ICMPV6_PARAMPROB)
			FUZZ_ASSERT(err.info && err.info == pkt->err_ptr,
				    "pointer %u", err.info);
		if (err.type == ICMPV6_PKT_TOOBIG)
			FUZZ_ASSERT(err.info == pkt->err_mtu,
				    "packet too big, MTU %u", err.info);
		return;
	}
	FUZZ_ASSERT(linear >= 20, "answered %u bytes of IPv4", linear);
	FUZZ_ASSERT(!((l3[6] << 8 | l3[7]) & IP_OFFSET),
		    "answered a later fragment");
	ihl = (l3[0] & 0xf) * 4;
	if (l3[9] == IPPROTO_ICMP)
		FUZZ_ASSERT(linear > ihl && l3[ihl] != ICMP_DEST_UNREACH &&
			    l3[ihl] != ICMP_TIME_EXCEEDED &&
			    l3[ihl] != ICMP_PARAMETERPROB &&
			    l3[ihl] != ICMP_REDIRECT &&
			    l3[ihl] != ICMP_SOURCE_QUENCH,
			    "answered an ICMP error");
	FUZZ_ASSERT((err.type == ICMP_DEST_UNREACH &&
		     (err.code == ICMP_PKT_FILTERED ||
		      err.code == ICMP_SR_FAILED ||
		      err.code == ICMP_FRAG_NEEDED ||
		      (err.code == ICMP_HOST_UNREACH &&
		       pkt->reason == JOOL_STAT_NAT64_NO_BIB4) ||
		      (err.code == ICMP_PORT_UNREACH &&
		       (pkt->reason == JOOL_STAT_NAT64_SYN4_NO_BIB ||
			pkt->reason == JOOL_STAT_NAT64_SO_EXPIRED)))) ||
		    (err.type == ICMP_TIME_EXCEEDED &&
		     err.code == ICMP_EXC_TTL),
		    "ICMP %u/%u", err.type, err.code);
	if (err.type == ICMP_DEST_UNREACH && err.code == ICMP_FRAG_NEEDED)
		FUZZ_ASSERT(err.info == pkt->err_mtu,
			    "fragmentation needed, MTU %u", err.info);
}
