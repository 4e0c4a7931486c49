/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_CORE_ADDR_H
#define _JOOL_CORE_ADDR_H

#include "core/xlat.h"

struct eamt_entry;

/**
 * struct addr_rule - the rule that decided an address's translation
 * @kind: enum jool_rule (include/uapi/jool_netdev.h)
 * @eam: JOOL_RULE_EAM: the entry
 * @deny: JOOL_RULE_DENYLIST4: the denylist4 prefix; JOOL_RULE_IMPLICIT: the
 *	implicit range
 *
 * Pointers into the configuration snapshot (or constant data): valid as
 * long as the snapshot is.
 */
struct addr_rule {
	u8 kind;
	const struct eamt_entry *eam;
	const struct jool_prefix4 *deny;
};

/* Flags of jool_addr_translate64() and jool_addr_translate46(). */
#define ADDR_SRC	0x1	/* a source address (picks the drop reason) */
#define ADDR_ERR_SRC	0x2	/* the source of an ICMP error: denylist4
				 * does not apply, the implicit rules do
				 */
#define ADDR_NO_EAM	0x4	/* 4->6: pool6 alone, even if an EAM
				 * matches (a hairpinned packet's source,
				 * RFC 7757 4; src/core/hairpin.c)
				 */

enum jool_stat jool_addr_translate64(const struct xlat_cfg *cfg,
				     const struct in6_addr *a6, __be32 *a4,
				     unsigned int flags,
				     struct addr_rule *rule);
enum jool_stat jool_addr_translate46(const struct xlat_cfg *cfg, __be32 a4,
				     struct in6_addr *a6, unsigned int flags,
				     struct addr_rule *rule);

static inline enum jool_stat jool_addr_xlat64(const struct xlat_cfg *cfg,
					      const struct in6_addr *a6,
					      __be32 *a4, bool src)
{
	return jool_addr_translate64(cfg, a6, a4, src ? ADDR_SRC : 0, NULL);
}

static inline enum jool_stat jool_addr_xlat46(const struct xlat_cfg *cfg,
					      __be32 a4, struct in6_addr *a6,
					      bool src)
{
	return jool_addr_translate46(cfg, a4, a6, src ? ADDR_SRC : 0, NULL);
}

#endif /* _JOOL_CORE_ADDR_H */
