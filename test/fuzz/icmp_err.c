// SPDX-License-Identifier: GPL-2.0
/*
 * Targets icmp_err64 (FUZZ_TO_V4 1) and icmp_err46 (FUZZ_TO_V4 0):
 * jool_xlat64_icmp_err() / jool_xlat46_icmp_err() called directly on any
 * packet, not only on those jool_xlat64() / jool_xlat46() passed on, with
 * an output buffer of the least size they accept or a little more. The
 * input is exactly the packet (ASan watches past it); the output must stay
 * within &xlat_pkt.new_len, and its lengths and checksums must agree with
 * the bytes written.
 */
#include "fuzz.h"

#ifndef FUZZ_TO_V4
#error "build with -DFUZZ_TO_V4=1 (icmp_err64) or 0 (icmp_err46)"
#endif

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fuzz_in in = { data, size };
	enum xlat_verdict verdict;
	unsigned int outmax;
	struct fuzz_case c;
	u8 *pkt, *out;

	fuzz_decode(&in, &c);
	/* The glue's buffer; anything smaller must be refused. */
	outmax = XLAT_ICMP_ERR_OUTMAX + (c.first & 0x3f);
	if (c.first & 0x40)
		outmax = c.first & 0x3ff;
	pkt = malloc(c.len ? c.len : 1);
	memcpy(pkt, c.data, c.len);
	out = malloc(outmax ? outmax : 1);
	memset(out, FUZZ_CANARY, outmax);
	verdict = (FUZZ_TO_V4 ? jool_xlat64_icmp_err :
				jool_xlat46_icmp_err)(&c.cfg, pkt, c.len, out,
						      outmax, &c.pkt);
	FUZZ_ASSERT(!memcmp(pkt, c.data, c.len), "the input changed");
	if (verdict == XLAT_OK) {
		FUZZ_ASSERT(outmax >= XLAT_ICMP_ERR_OUTMAX,
			    "wrote into a %u-byte buffer", outmax);
		fuzz_check_icmp_err_out(out, outmax, &c.pkt, FUZZ_TO_V4);
	} else {
		FUZZ_ASSERT(verdict == XLAT_DROP, "verdict %u", verdict);
		fuzz_check_reason(c.pkt.reason);
		if (outmax < XLAT_ICMP_ERR_OUTMAX)
			for (unsigned int i = 0; i < outmax; i++)
				FUZZ_ASSERT(out[i] == FUZZ_CANARY,
					    "refused but wrote byte %u", i);
		fuzz_check_drop_icmp(pkt, c.len, FUZZ_TO_V4, &c.pkt);
	}
	free(pkt);
	free(out);
	fuzz_case_free(&c);
	return 0;
}
