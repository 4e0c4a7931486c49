// SPDX-License-Identifier: GPL-2.0
/*
 * Address translation for SIIT: which rule maps an address to the other
 * family. An Explicit Address Mapping wins over pool6 (RFC 7757 section
 * 3: the EAM algorithm comes first, RFC 6052 is the fallback). An IPv4
 * address that pool6 would translate (the destination or source of an
 * IPv4 packet, or the address an IPv6 address of pool6 embeds) is refused
 * if denylist4 or an implicit rule covers it (src/core/denylist.c).
 *
 * The data path and the address query (src/nl_query.c) both call these
 * functions, so the query cannot disagree with translation.
 */
#include "core/addr.h"
#include "core/denylist.h"
#include "core/eamt.h"

/* Is @a4, which pool6 would translate, refused? Fills @rule if so. */
static bool denied(const struct xlat_cfg *cfg, __be32 a4, unsigned int flags,
		   struct addr_rule *rule)
{
	const struct jool_prefix4 *p;

	p = jool_denylist_implicit(a4);
	if (p) {
		rule->kind = JOOL_RULE_IMPLICIT;
		rule->deny = p;
		return true;
	}
	if (flags & ADDR_ERR_SRC)
		return false;
	p = jool_denylist_lookup(cfg->denylist4, a4);
	if (p) {
		rule->kind = JOOL_RULE_DENYLIST4;
		rule->deny = p;
		return true;
	}
	return false;
}

/**
 * jool_addr_translate64() - map an IPv6 address to IPv4
 * @cfg: the device configuration
 * @a6: the address
 * @a4: out: the IPv4 address
 * @flags: ADDR_SRC, ADDR_ERR_SRC
 * @rule: out: the rule that decided (may be NULL)
 *
 * Return: 0 (JOOL_STAT_UNSPEC) on success, else the drop reason
 * (JOOL_STAT_NO_POOL6 when there is no rule at all, JOOL_STAT_DENYLISTED
 * when pool6 would translate it but the IPv4 address is refused).
 */
enum jool_stat jool_addr_translate64(const struct xlat_cfg *cfg,
				     const struct in6_addr *a6, __be32 *a4,
				     unsigned int flags, struct addr_rule *rule)
{
	struct addr_rule dummy;

	if (!rule)
		rule = &dummy;
	rule->kind = JOOL_RULE_NONE;
	rule->deny = NULL;
	rule->eam = jool_eamt_6to4(cfg->eamt, a6, a4);
	if (rule->eam) {
		rule->kind = JOOL_RULE_EAM;
		return JOOL_STAT_UNSPEC;
	}
	if (!cfg->pool6_set && !jool_eamt_count(cfg->eamt))
		return JOOL_STAT_NO_POOL6;
	if (cfg->pool6_set && jool_rfc6052_6to4(&cfg->pool6, a6, a4)) {
		if (denied(cfg, *a4, flags, rule))
			return JOOL_STAT_DENYLISTED;
		rule->kind = JOOL_RULE_POOL6;
		return JOOL_STAT_UNSPEC;
	}
	return (flags & ADDR_SRC) ? JOOL_STAT_SRC6_UNTRANSLATABLE :
				    JOOL_STAT_DST6_UNTRANSLATABLE;
}

/**
 * jool_addr_translate46() - map an IPv4 address to IPv6
 * @cfg: the device configuration
 * @a4: the address
 * @a6: out: the IPv6 address
 * @flags: ADDR_SRC, ADDR_ERR_SRC, ADDR_NO_EAM
 * @rule: out: the rule that decided (may be NULL)
 *
 * Return: 0 (JOOL_STAT_UNSPEC) on success, else the drop reason.
 */
enum jool_stat jool_addr_translate46(const struct xlat_cfg *cfg, __be32 a4,
				     struct in6_addr *a6, unsigned int flags,
				     struct addr_rule *rule)
{
	struct addr_rule dummy;

	if (!rule)
		rule = &dummy;
	rule->kind = JOOL_RULE_NONE;
	rule->deny = NULL;
	rule->eam = (flags & ADDR_NO_EAM) ? NULL :
			jool_eamt_4to6(cfg->eamt, a4, a6);
	if (rule->eam) {
		rule->kind = JOOL_RULE_EAM;
		return JOOL_STAT_UNSPEC;
	}
	if (!cfg->pool6_set && !jool_eamt_count(cfg->eamt))
		return JOOL_STAT_NO_POOL6;
	if (!cfg->pool6_set)
		return (flags & ADDR_SRC) ? JOOL_STAT_SRC4_UNTRANSLATABLE :
					    JOOL_STAT_DST4_UNTRANSLATABLE;
	if (denied(cfg, a4, flags, rule))
		return JOOL_STAT_DENYLISTED;
	jool_rfc6052_4to6(&cfg->pool6, a4, a6);
	rule->kind = JOOL_RULE_POOL6;
	return JOOL_STAT_UNSPEC;
}
