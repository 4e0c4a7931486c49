// SPDX-License-Identifier: GPL-2.0
/* Fixtures shared by the test files: configurations, runs of the core. */
#include <string.h>
#include "fixture.h"

/* pool6 @prefix/96, nothing else. */
struct xlat_cfg cfg_pool6(const char *prefix)
{
	struct xlat_cfg cfg = { .pool6_set = true };

	inet_pton(AF_INET6, prefix, &cfg.pool6.addr);
	cfg.pool6.len = 96;
	return cfg;
}

__be32 a4(const char *s)
{
	__be32 a;

	inet_pton(AF_INET, s, &a);
	return a;
}

/* Assembles the translated packet: new L3 header + the untouched rest. */
unsigned int assemble(uint8_t *out, const struct tpkt *in,
		      const struct xlat_pkt *x)
{
	memcpy(out, &x->hdr, x->new_l3len);
	memcpy(out + x->new_l3len, in->buf + x->old_l3len, in->len - x->old_l3len);
	return x->new_l3len + in->len - x->old_l3len;
}

/*
 * jool_xlat64() on @p, hop limit decremented by @bump, IPv4 ID 0x1234, the
 * first @linear bytes readable (0: all of them).
 */
enum xlat_verdict run64(const struct xlat_cfg *cfg, struct tpkt *p,
			struct xlat_pkt *x, uint8_t bump, unsigned int linear)
{
	memset(x, 0, sizeof(*x));
	x->len = p->len;
	x->hop_bump = bump;
	x->ipv4_id = htons(0x1234);
	return jool_xlat64(cfg, p->buf, linear ? linear : p->len, x);
}

/* jool_xlat46() on @p, TTL decremented by @bump. */
enum xlat_verdict run46(const struct xlat_cfg *cfg, struct tpkt *p,
			struct xlat_pkt *x, uint8_t bump)
{
	memset(x, 0, sizeof(*x));
	x->len = p->len;
	x->hop_bump = bump;
	return jool_xlat46(cfg, p->buf, p->len, x);
}
