// SPDX-License-Identifier: GPL-2.0
/* The userspace checksum shim against a bytewise RFC 1071 reference. */
#include <arpa/inet.h>
#include <stdlib.h>
#include "core/csum.h"
#include "unit.h"

/* RFC 1071, the obvious way: big-endian 16-bit words, end-around carry. */
static uint16_t ref_sum(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (p[i] << 8) | p[i + 1];
	if (len & 1)
		sum += p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

static void test_csum(void)
{
	uint8_t buf[1501];
	unsigned int round;

	for (round = 0; round < 200; round++) {
		size_t len = random() % sizeof(buf), i;
		uint16_t want, got;

		for (i = 0; i < len; i++)
			buf[i] = random();
		want = ~ref_sum(buf, len, 0) & 0xffff;
		got = ntohs((uint16_t)csum_fold(csum_partial(buf, len, 0)));
		if (want == 0xffff && got == 0)
			got = 0xffff;	/* both zeros of one's complement */
		CHECK_EQ(want, got, "len %zu: %04x != %04x", len, want, got);
	}

	/* Pseudo-headers: sum them by hand and compare. */
	{
		struct in6_addr s6, d6;
		uint8_t ph[40];
		uint32_t len = 1234;

		inet_pton(AF_INET6, "2001:db8::1", &s6);
		inet_pton(AF_INET6, "64:ff9b::c000:221", &d6);
		memset(ph, 0, sizeof(ph));
		memcpy(ph, &s6, 16);
		memcpy(ph + 16, &d6, 16);
		ph[34] = len >> 8;
		ph[35] = len & 0xff;
		ph[39] = IPPROTO_TCP;
		uint16_t want = ~ref_sum(ph, 40, 0);
		uint16_t got = ntohs((uint16_t)csum_ipv6_magic(&s6, &d6, len, IPPROTO_TCP, 0));

		CHECK_EQ(got, want, "csum_ipv6_magic");
	}
	{
		uint8_t ph[12] = { 192, 0, 2, 1, 198, 51, 100, 7, 0, IPPROTO_UDP, 0x05, 0xdc };
		uint16_t want = ~ref_sum(ph, 12, 0), got;
		__be32 s, d;

		memcpy(&s, ph, 4);
		memcpy(&d, ph + 4, 4);
		got = ntohs((uint16_t)csum_tcpudp_magic(s, d, 1500, IPPROTO_UDP, 0));
		CHECK_EQ(got, want, "csum_tcpudp_magic");
	}
}

const struct unit_test csum_tests[] = {
	{ "csum", test_csum },
	{ NULL, NULL }
};
