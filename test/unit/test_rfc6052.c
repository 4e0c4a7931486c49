// SPDX-License-Identifier: GPL-2.0
/* RFC 6052: the examples of section 2.4, round trips, prefix validation. */
#include <arpa/inet.h>
#include <stdlib.h>
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

/*
 * The embedding byte by byte, as RFC 6052 2.2 draws it: the reference the
 * word-wise implementation is checked against.
 */
static bool ref_contains(const struct jool_prefix6 *p, const struct in6_addr *a)
{
	unsigned int i;

	for (i = 0; i < p->len; i++) {
		unsigned int byte = i / 8, bit = 0x80 >> (i % 8);

		if ((p->addr.s6_addr[byte] ^ a->s6_addr[byte]) & bit)
			return false;
	}
	return true;
}

static void ref_4to6(const struct jool_prefix6 *p, __be32 a4,
		     struct in6_addr *a6)
{
	const unsigned char *src = (const unsigned char *)&a4;
	unsigned int dst = p->len / 8, i;

	*a6 = p->addr;
	for (i = 0; i < 4; i++, dst++) {
		if (dst == 8)
			dst++;
		a6->s6_addr[dst] = src[i];
	}
}

static void ref_6to4(const struct jool_prefix6 *p, const struct in6_addr *a6,
		     __be32 *a4)
{
	unsigned char *dst = (unsigned char *)a4;
	unsigned int src = p->len / 8, i;

	for (i = 0; i < 4; i++, src++) {
		if (src == 8)
			src++;
		dst[i] = a6->s6_addr[src];
	}
}

static void random_addr(struct in6_addr *a)
{
	unsigned int i;

	for (i = 0; i < 16; i++)
		a->s6_addr[i] = rand();
}

/* Random addresses, every length: the same answers as byte by byte. */
static void test_rfc6052_random(void)
{
	static const unsigned int lens[] = { 32, 40, 48, 56, 64, 96 };
	unsigned int i, n, len, bad = 0;

	srand(6052);
	for (len = 0; len <= 128; len++) {
		for (n = 0; n < 2000; n++) {
			struct jool_prefix6 p = { .len = len };
			struct in6_addr a;

			random_addr(&p.addr);
			for (i = len; i < 128; i++)
				p.addr.s6_addr[i / 8] &= ~(0x80 >> (i % 8));
			random_addr(&a);
			/* A quarter inside, a quarter one bit outside. */
			if (n % 2) {
				unsigned int flip = len ? rand() % len : 0;

				for (i = 0; i < len; i++) {
					unsigned char bit = 0x80 >> (i % 8);

					a.s6_addr[i / 8] &= ~bit;
					a.s6_addr[i / 8] |= p.addr.s6_addr[i / 8] & bit;
				}
				if (n % 4 == 1 && len)
					a.s6_addr[flip / 8] ^= 0x80 >> (flip % 8);
			}
			bad += jool_prefix6_contains(&p, &a) !=
			       ref_contains(&p, &a);
		}
	}
	CHECK(!bad, "contains: %u of %u random cases differ", bad, 129 * 2000);

	bad = 0;
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		for (n = 0; n < 20000; n++) {
			struct jool_prefix6 p = { .len = lens[i] };
			struct in6_addr a, got6, want6;
			__be32 a4 = rand() ^ ((unsigned int)rand() << 16);
			__be32 got4 = 0, want4 = 0;
			unsigned int b;

			random_addr(&p.addr);
			for (b = p.len; b < 128; b++)
				p.addr.s6_addr[b / 8] &= ~(0x80 >> (b % 8));
			p.addr.s6_addr[8] = 0;	/* the u octet (validated) */
			bad += jool_rfc6052_validate(&p) != JOOL_CFG_OK;
			jool_rfc6052_4to6(&p, a4, &got6);
			ref_4to6(&p, a4, &want6);
			bad += !!memcmp(&got6, &want6, 16);
			/* Any suffix and u octet: read past, ignored. */
			a = want6;
			for (b = p.len + 32 + (p.len <= 64 ? 8 : 0); b < 128; b++)
				if (rand() % 2)
					a.s6_addr[b / 8] ^= 0x80 >> (b % 8);
			if (p.len <= 64 && rand() % 2)
				a.s6_addr[8] ^= 1 << (rand() % 8);
			if (!jool_rfc6052_6to4(&p, &a, &got4))
				bad++;
			ref_6to4(&p, &a, &want4);
			bad += got4 != want4 || got4 != a4;
		}
	}
	CHECK(!bad, "4to6/6to4: %u random cases differ (or are invalid)", bad);
}

const struct unit_test rfc6052_tests[] = {
	{ "rfc6052", test_rfc6052 },
	{ "rfc6052-random", test_rfc6052_random },
	{ NULL, NULL }
};
