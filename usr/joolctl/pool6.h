/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IPv6 address pool6 gives an IPv4 address (RFC 6052), computed by
 * the translation core's code (src/core/rfc6052.c), as the kernel does.
 */
#ifndef JOOLCTL_POOL6_H
#define JOOLCTL_POOL6_H

#include <netinet/in.h>

#include "prefix.h"

void pool6_embed(const struct prefix *pool6, struct in_addr addr4,
		 struct in6_addr *addr6);

#endif /* JOOLCTL_POOL6_H */
