/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_CORE_RFC6052_H
#define _JOOL_CORE_RFC6052_H

#include "core_types.h"
#include "cfg_err.h"

/**
 * struct jool_prefix6 - an IPv6 prefix
 * @addr: the prefix; bits past @len are zero once validated
 * @len: prefix length in bits
 */
struct jool_prefix6 {
	struct in6_addr addr;
	u8 len;
};

/**
 * struct jool_prefix4 - an IPv4 prefix
 * @addr: the prefix, network order
 * @len: prefix length in bits
 */
struct jool_prefix4 {
	__be32 addr;
	u8 len;
};

enum jool_cfg_err jool_rfc6052_validate(const struct jool_prefix6 *prefix);
bool jool_prefix6_contains(const struct jool_prefix6 *prefix,
			   const struct in6_addr *addr);
bool jool_rfc6052_6to4(const struct jool_prefix6 *prefix,
		       const struct in6_addr *addr6, __be32 *addr4);
void jool_rfc6052_4to6(const struct jool_prefix6 *prefix, __be32 addr4,
		       struct in6_addr *addr6);

#endif /* _JOOL_CORE_RFC6052_H */
