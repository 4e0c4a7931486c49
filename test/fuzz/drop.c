// SPDX-License-Identifier: GPL-2.0
/*
 * Target drop_icmp: jool_xlat_drop_icmp(), the choice of the ICMP error
 * that answers a dropped packet (RFC 7915 4.4, 5.4), for any packet, any
 * drop reason and any number of linear bytes (exactly those are readable).
 *
 * Input: family and reason (1 byte: 0x80 IPv6, the rest the reason),
 * err_ptr (2), bytes linear (2), then the packet.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct xlat_pkt pkt;
	unsigned int linear;
	bool is_v6;
	u8 sel, *l3;

	memset(&pkt, 0, sizeof(pkt));
	sel = fuzz_u8(&in);
	is_v6 = sel & 0x80;
	pkt.reason = (sel & 0x7f) % (JOOL_STAT_MAX + 1);
	pkt.err_ptr = fuzz_u16(&in);
	linear = fuzz_u16(&in);
	pkt.len = in.n;
	linear = min(linear, (unsigned int)in.n);
	l3 = malloc(linear ? linear : 1);
	memcpy(l3, in.p, linear);
	fuzz_check_drop_icmp(l3, linear, is_v6, &pkt);
	FUZZ_ASSERT(!memcmp(l3, in.p, linear), "the packet changed");
	free(l3);
	return 0;
}
