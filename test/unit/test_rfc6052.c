// SPDX-License-Identifier: GPL-2.0
/* RFC 6052: the examples of section 2.4, round trips, prefix validation. */
#include <arpa/inet.h>
#include "core/rfc6052.h"
#include "unit.h"

static struct jool_prefix6 prefix(const char *addr, unsigned int len)
{
	struct jool_prefix6 p;

	inet_pton(AF_INET6, addr, &p.addr);
	p.len = len;
	return p;
}

/* RFC 6052 section 2.4, Table 1 (and the Well-Known Prefix, Table 2). */
static const struct {
	const char *prefix;
	unsigned int len;
	const char *ipv4;
	const char *ipv6;
} rfc_table[] = {
	{ "2001:db8::", 32, "192.0.2.33", "2001:db8:c000:221::" },
	{ "2001:db8:100::", 40, "192.0.2.33", "2001:db8:1c0:2:21::" },
	{ "2001:db8:122::", 48, "192.0.2.33", "2001:db8:122:c000:2:2100::" },
	{ "2001:db8:122:300::", 56, "192.0.2.33", "2001:db8:122:3c0:0:221::" },
	{ "2001:db8:122:344::", 64, "192.0.2.33", "2001:db8:122:344:c0:2:2100:0" },
	{ "2001:db8:122:344::", 96, "192.0.2.33", "2001:db8:122:344::192.0.2.33" },
	{ "64:ff9b::", 96, "192.0.2.33", "64:ff9b::192.0.2.33" },
};

static void test_rfc6052(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rfc_table); i++) {
		struct jool_prefix6 p = prefix(rfc_table[i].prefix, rfc_table[i].len);
		struct in6_addr want6, got6;
		__be32 want4, got4 = 0;

		inet_pton(AF_INET, rfc_table[i].ipv4, &want4);
		inet_pton(AF_INET6, rfc_table[i].ipv6, &want6);
		CHECK(!jool_rfc6052_validate(&p), "%s/%u valid",
		      rfc_table[i].prefix, p.len);
		jool_rfc6052_4to6(&p, want4, &got6);
		CHECK(!memcmp(&got6, &want6, 16), "4to6 /%u", p.len);
		CHECK(jool_rfc6052_6to4(&p, &want6, &got4), "6to4 /%u covered",
		      p.len);
		CHECK_EQ(got4, want4, "6to4 /%u", p.len);
	}

	/* The suffix is ignored on the way in (RFC 6052 2.2). */
	{
		struct jool_prefix6 p = prefix("2001:db8::", 32);
		struct in6_addr a;
		__be32 got = 0, want;

		inet_pton(AF_INET6, "2001:db8:c000:221:1:2:3:4", &a);
		inet_pton(AF_INET, "192.0.2.33", &want);
		CHECK(jool_rfc6052_6to4(&p, &a, &got) && got == want,
		      "suffix ignored");
		inet_pton(AF_INET6, "2001:db9:c000:221::", &a);
		CHECK(!jool_rfc6052_6to4(&p, &a, &got), "outside the prefix");
	}

	/* Validation: lengths, bits after the length, the u octet. */
	{
		static const unsigned int bad_lens[] = { 0, 8, 31, 33, 63, 65, 95, 97, 128 };
		struct jool_prefix6 p;

		for (i = 0; i < ARRAY_SIZE(bad_lens); i++) {
			p = prefix("2001:db8::", bad_lens[i]);
			CHECK(jool_rfc6052_validate(&p) != JOOL_CFG_OK,
			      "/%u refused", bad_lens[i]);
		}
		p = prefix("64:ff9b::1", 96);
		CHECK(jool_rfc6052_validate(&p) != JOOL_CFG_OK,
		      "suffix bits refused");
		p = prefix("2001:db8:0:0:100::", 64);
		CHECK(jool_rfc6052_validate(&p) != JOOL_CFG_OK,
		      "/64 with bits after 64");
		p = prefix("2001:db8:0:0:ff00::", 96);
		CHECK(jool_rfc6052_validate(&p) != JOOL_CFG_OK,
		      "u octet refused");
		p = prefix("2001:db8:0:0:ff::", 96);
		CHECK(jool_rfc6052_validate(&p) == JOOL_CFG_OK,
		      "bits 72-79 allowed in /96");
	}
}

const struct unit_test rfc6052_tests[] = {
	{ "rfc6052", test_rfc6052 },
	{ NULL, NULL }
};
