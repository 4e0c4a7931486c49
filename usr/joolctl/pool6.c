// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 6052 for joolctl (pool6.h). Apart from the other files: the core's
 * headers bring the kernel's network headers, which clash with libc's
 * <net/if.h>.
 */
#include "core/rfc6052.h"
#include "pool6.h"

/**
 * pool6_embed() - the IPv4-embedded IPv6 address of @addr4
 * @pool6: a valid RFC 6052 prefix (the kernel checked it)
 * @addr4: the IPv4 address
 * @addr6: out: its IPv6 form
 */
void pool6_embed(const struct prefix *pool6, struct in_addr addr4,
		 struct in6_addr *addr6)
{
	struct jool_prefix6 p = { .addr = pool6->addr.v6, .len = pool6->len };

	jool_rfc6052_4to6(&p, addr4.s_addr, addr6);
}
