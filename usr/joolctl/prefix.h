/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv6 and IPv4 prefixes ("64:ff9b::/96", "192.0.2.0/24"; "192.0.2.1" is
 * 192.0.2.1/32, as in Jool): parsing and printing. Shared by joolctl and the iproute2 plugin, so it depends on
 * nothing but libc.
 *
 * Only the syntax and the generic rules of a prefix are checked here (the
 * length fits the family, no bits are set after the length). The rules of a
 * particular global (for instance RFC 6052 for pool6) are the kernel's.
 */
#ifndef JOOLCTL_PREFIX_H
#define JOOLCTL_PREFIX_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

/* "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128" and a NUL */
#define PREFIX_STRLEN	(INET6_ADDRSTRLEN + 4)

/* Room for any message prefix_parse() writes. */
#define PREFIX_ERRLEN	128

struct prefix {
	int family;		/* AF_INET6 or AF_INET */
	union {
		struct in6_addr v6;
		struct in_addr v4;
		uint8_t bytes[16];
	} addr;
	uint8_t len;
};

/* prefix_parse() flags */
#define PREFIX_NEED_LEN	0x1	/* a bare address is an error (pool6) */

int prefix_parse(const char *str, int family, unsigned int flags,
		 struct prefix *pfx, char *err, size_t errlen);
void prefix_format(const struct prefix *pfx, char *buf, size_t size);
size_t prefix_addr_size(const struct prefix *pfx);
int prefix_from_attr(struct prefix *pfx, const void *addr, size_t addrlen,
		     uint8_t len);

#endif /* JOOLCTL_PREFIX_H */
