// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration snapshots: build, validate, publish with RCU, and convert to
 * and from netlink attributes (shared by rtnetlink and generic netlink).
 *
 * Writers (process context) take jool_device.lock, duplicate the current
 * snapshot, apply and validate every change on the copy, and only then swap
 * it in; on any error the copy is freed and nothing changed. The data path
 * reads the snapshot under RCU without locks.
 */
#include <linux/slab.h>
#include <linux/sort.h>
#include "core/denylist.h"
#include "core/eamt.h"
#include "cfg_err.h"
#include "config.h"

const struct nla_policy jool_prefix_policy[JOOL_PREFIX_MAX + 1] = {
	[JOOL_PREFIX_ADDR] = { .type = NLA_BINARY,
			       .len = sizeof(struct in6_addr) },
	[JOOL_PREFIX_LEN] = { .type = NLA_U8 },
};

/*
 * The s16 bounds of NLA_POLICY_RANGE() cannot hold 65535 (it would become
 * -1, which the kernel warns about and then reads as "no maximum").
 */
static struct netlink_range_validation lowest_ipv6_mtu_range = {
	.min = IPV6_MIN_MTU,
	.max = IP_MAX_MTU,
};

const struct nla_policy jool_globals_policy[JOOL_GLOBAL_MAX + 1] = {
	[JOOL_GLOBAL_POOL6] = NLA_POLICY_NESTED(jool_prefix_policy),
	[JOOL_GLOBAL_ENABLED] = NLA_POLICY_MAX(NLA_U8, 1),
	[JOOL_GLOBAL_ZEROIZE_TC] = NLA_POLICY_MAX(NLA_U8, 1),
	[JOOL_GLOBAL_OVERRIDE_TOS] = NLA_POLICY_MAX(NLA_U8, 1),
	[JOOL_GLOBAL_TOS] = { .type = NLA_U8 },
	[JOOL_GLOBAL_AMEND_UDP_CSUM0] = NLA_POLICY_MAX(NLA_U8, 1),
	[JOOL_GLOBAL_MTU_PLATEAUS] = { .type = NLA_NESTED },
	[JOOL_GLOBAL_RFC6791V4] = NLA_POLICY_NESTED(jool_prefix_policy),
	[JOOL_GLOBAL_RFC6791V6] = NLA_POLICY_NESTED(jool_prefix_policy),
	[JOOL_GLOBAL_RANDOMIZE_6791] = NLA_POLICY_MAX(NLA_U8, 1),
	[JOOL_GLOBAL_LOWEST_IPV6_MTU] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &lowest_ipv6_mtu_range),
	[JOOL_GLOBAL_EAM_HAIRPIN_MODE] = NLA_POLICY_MAX(NLA_U8,
							JOOL_HAIRPIN_MAX),
	[JOOL_GLOBAL_LOGGING_DEBUG] = NLA_POLICY_MAX(NLA_U8, 1),
};

/* RFC 1191 section 7's table, as Jool uses it. */
static const u16 default_plateaus[] = {
	65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68
};

/**
 * jool_config_alloc() - a new device's default configuration
 *
 * Return: the snapshot, or NULL without memory.
 */
struct jool_config *jool_config_alloc(void)
{
	struct jool_config *cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);

	if (!cfg)
		return NULL;
	cfg->enabled = true;
	cfg->eamt_gen = 1;
	cfg->xlat.randomize_6791 = true;
	cfg->xlat.lowest_ipv6_mtu = IPV6_MIN_MTU;
	cfg->xlat.hairpin_mode = JOOL_HAIRPIN_INTRINSIC;
	memcpy(cfg->xlat.plateaus, default_plateaus, sizeof(default_plateaus));
	cfg->xlat.nplateaus = ARRAY_SIZE(default_plateaus);
	return cfg;
}

/**
 * jool_config_dup() - copy the current snapshot, to be changed and published
 * @jdev: the device; the caller holds @jdev->lock
 *
 * Return: the copy, or NULL without memory.
 */
struct jool_config *jool_config_dup(struct jool_device *jdev)
{
	const struct jool_config *cur;

	cur = rcu_dereference_protected(jdev->config,
					lockdep_is_held(&jdev->lock));
	return kmemdup(cur, sizeof(*cur), GFP_KERNEL);
}

static void config_free_rcu(struct rcu_head *rcu)
{
	struct jool_config *cfg = container_of(rcu, struct jool_config, rcu);

	/* kvfree() defers to process context by itself when it must. */
	eamt_free(cfg->eamt_to_free);
	denylist_free(cfg->denylist_to_free);
	kfree(cfg);
}

/**
 * jool_config_publish() - make @new the configuration packets see
 * @jdev: the device; the caller holds @jdev->lock
 * @new: a validated snapshot; owned by @jdev from now on
 *
 * The old snapshot (and its EAM table and denylist4, unless @new shares
 * them) is freed once no packet can be reading it.
 */
void jool_config_publish(struct jool_device *jdev, struct jool_config *new)
{
	struct jool_config *old;

	old = rcu_replace_pointer(jdev->config, new,
				  lockdep_is_held(&jdev->lock));
	if (!old)
		return;
	if (old->xlat.eamt != new->xlat.eamt)
		old->eamt_to_free = (struct eamt *)old->xlat.eamt;
	if (old->xlat.denylist4 != new->xlat.denylist4)
		old->denylist_to_free = (struct denylist *)old->xlat.denylist4;
	call_rcu(&old->rcu, config_free_rcu);
}

/**
 * jool_config_discard() - drop a snapshot that was never published
 * @jdev: the device; the caller holds @jdev->lock
 * @cfg: a copy made by jool_config_dup(), possibly changed
 *
 * Frees the copy and whatever it does not share with the current snapshot.
 */
void jool_config_discard(struct jool_device *jdev, struct jool_config *cfg)
{
	const struct jool_config *cur;

	cur = rcu_dereference_protected(jdev->config,
					lockdep_is_held(&jdev->lock));
	if (cfg->xlat.eamt != cur->xlat.eamt)
		eamt_free((struct eamt *)cfg->xlat.eamt);
	if (cfg->xlat.denylist4 != cur->xlat.denylist4)
		denylist_free((struct denylist *)cfg->xlat.denylist4);
	kfree(cfg);
}

/**
 * jool_config_free() - free the last snapshot of a device being destroyed
 * @cfg: the snapshot; nothing can see it any more
 */
void jool_config_free(struct jool_config *cfg)
{
	if (!cfg)
		return;
	eamt_free((struct eamt *)cfg->xlat.eamt);
	denylist_free((struct denylist *)cfg->xlat.denylist4);
	kfree(cfg);
}

/* NL_SET_ERR_MSG_ATTR() wants a literal; @msg is a static string too. */
static void set_err(struct netlink_ext_ack *extack, const struct nlattr *attr,
		    const char *msg)
{
	if (extack) {
		extack->_msg = msg;
		extack->bad_attr = attr;
	}
}

/* Parses a prefix nest whose address has @alen bytes. */
static int get_prefix(const struct nlattr *nest, void *addr, unsigned int alen,
		      u8 *len, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[JOOL_PREFIX_MAX + 1];
	unsigned int i;
	const u8 *a;
	int err;

	err = nla_parse_nested(tb, JOOL_PREFIX_MAX, nest, jool_prefix_policy,
			       extack);
	if (err)
		return err;
	if (!tb[JOOL_PREFIX_ADDR] || !tb[JOOL_PREFIX_LEN]) {
		set_err(extack, nest, "a prefix needs both an address and a length");
		return -EINVAL;
	}
	if (nla_len(tb[JOOL_PREFIX_ADDR]) != alen) {
		set_err(extack, tb[JOOL_PREFIX_ADDR], alen == 4 ?
			"expected an IPv4 prefix" : "expected an IPv6 prefix");
		return -EINVAL;
	}
	*len = nla_get_u8(tb[JOOL_PREFIX_LEN]);
	if (*len > alen * 8) {
		set_err(extack, tb[JOOL_PREFIX_LEN], "prefix length out of range");
		return -EINVAL;
	}
	nla_memcpy(addr, tb[JOOL_PREFIX_ADDR], alen);
	a = addr;
	for (i = *len; i < alen * 8; i++) {
		if (a[i / 8] & (0x80 >> (i % 8))) {
			set_err(extack, nest, "the prefix has bits set after its length");
			return -EINVAL;
		}
	}
	return 0;
}

/**
 * jool_nla_get_prefix6() - parse an IPv6 prefix nest
 * @nest: JOOL_PREFIX_ADDR (16 bytes) and JOOL_PREFIX_LEN
 * @p: out: the prefix, host bits verified zero
 * @extack: for the error message
 *
 * Return: 0 or -EINVAL.
 */
int jool_nla_get_prefix6(const struct nlattr *nest, struct jool_prefix6 *p,
			 struct netlink_ext_ack *extack)
{
	return get_prefix(nest, &p->addr, sizeof(p->addr), &p->len, extack);
}

/**
 * jool_nla_get_prefix4() - parse an IPv4 prefix nest
 * @nest: JOOL_PREFIX_ADDR (4 bytes) and JOOL_PREFIX_LEN
 * @p: out: the prefix, host bits verified zero
 * @extack: for the error message
 *
 * Return: 0 or -EINVAL.
 */
int jool_nla_get_prefix4(const struct nlattr *nest, struct jool_prefix4 *p,
			 struct netlink_ext_ack *extack)
{
	return get_prefix(nest, &p->addr, sizeof(p->addr), &p->len, extack);
}

int jool_nla_put_prefix6(struct sk_buff *skb, int attrtype,
			 const struct jool_prefix6 *p)
{
	struct nlattr *nest = nla_nest_start(skb, attrtype);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_in6_addr(skb, JOOL_PREFIX_ADDR, &p->addr) ||
	    nla_put_u8(skb, JOOL_PREFIX_LEN, p->len)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int jool_nla_put_prefix4(struct sk_buff *skb, int attrtype,
			 const struct jool_prefix4 *p)
{
	struct nlattr *nest = nla_nest_start(skb, attrtype);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_in_addr(skb, JOOL_PREFIX_ADDR, p->addr) ||
	    nla_put_u8(skb, JOOL_PREFIX_LEN, p->len)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/**
 * jool_config_set_pool6() - set or unset pool6 from a prefix nest
 * @cfg: an unpublished snapshot
 * @nest: JOOL_PREFIX_ADDR and JOOL_PREFIX_LEN, or empty to unset
 * @extack: for the error message
 *
 * Return: 0, or -EINVAL with a message in @extack.
 */
int jool_config_set_pool6(struct jool_config *cfg, const struct nlattr *nest,
			  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[JOOL_PREFIX_MAX + 1];
	struct jool_prefix6 prefix;
	enum jool_cfg_err why;
	int err;

	if (!nla_len(nest)) {
		cfg->xlat.pool6_set = false;
		memset(&cfg->xlat.pool6, 0, sizeof(cfg->xlat.pool6));
		return 0;
	}
	/* RFC 6052's own checks first: they name the problem best. */
	err = nla_parse_nested(tb, JOOL_PREFIX_MAX, nest, jool_prefix_policy,
			       extack);
	if (err)
		return err;
	if (!tb[JOOL_PREFIX_ADDR] || !tb[JOOL_PREFIX_LEN]) {
		set_err(extack, nest, "pool6 needs both an address and a length");
		return -EINVAL;
	}
	if (nla_len(tb[JOOL_PREFIX_ADDR]) != sizeof(struct in6_addr)) {
		set_err(extack, tb[JOOL_PREFIX_ADDR], "pool6 must be an IPv6 prefix");
		return -EINVAL;
	}
	nla_memcpy(&prefix.addr, tb[JOOL_PREFIX_ADDR], sizeof(prefix.addr));
	prefix.len = nla_get_u8(tb[JOOL_PREFIX_LEN]);
	why = rfc6052_validate(&prefix);
	if (why) {
		jool_nl_cfg_err(extack, nest, why);
		return -EINVAL;
	}
	cfg->xlat.pool6 = prefix;
	cfg->xlat.pool6_set = true;
	return 0;
}

static int cmp_u16_desc(const void *a, const void *b)
{
	return (int)*(const u16 *)b - (int)*(const u16 *)a;
}

/* mtu-plateaus: 1-16 values, stored sorted descending without duplicates. */
static int set_plateaus(struct jool_config *cfg, const struct nlattr *nest,
			struct netlink_ext_ack *extack)
{
	u16 vals[XLAT_MAX_PLATEAUS];
	const struct nlattr *attr;
	unsigned int n = 0, i, out;
	int rem;

	nla_for_each_nested(attr, nest, rem) {
		if (nla_type(attr) != JOOL_PLATEAU || nla_len(attr) != sizeof(u16)) {
			NL_SET_ERR_MSG_ATTR(extack, attr, "malformed MTU plateau");
			return -EINVAL;
		}
		if (n == XLAT_MAX_PLATEAUS) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "at most 16 MTU plateaus");
			return -EINVAL;
		}
		vals[n] = nla_get_u16(attr);
		if (!vals[n]) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "an MTU plateau cannot be zero");
			return -EINVAL;
		}
		n++;
	}
	if (!n) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "mtu-plateaus needs at least one value");
		return -EINVAL;
	}
	sort(vals, n, sizeof(vals[0]), cmp_u16_desc, NULL);
	for (i = 0, out = 0; i < n; i++) {
		if (out && cfg->xlat.plateaus[out - 1] == vals[i])
			continue;
		cfg->xlat.plateaus[out++] = vals[i];
	}
	cfg->xlat.nplateaus = out;
	return 0;
}

/* An RFC 6791 prefix: an empty nest unsets it. */
static int set_6791v4(struct jool_config *cfg, const struct nlattr *nest,
		      struct netlink_ext_ack *extack)
{
	int err;

	if (!nla_len(nest)) {
		cfg->xlat.rfc6791v4_set = false;
		return 0;
	}
	err = jool_nla_get_prefix4(nest, &cfg->xlat.rfc6791v4, extack);
	if (!err)
		cfg->xlat.rfc6791v4_set = true;
	return err;
}

static int set_6791v6(struct jool_config *cfg, const struct nlattr *nest,
		      struct netlink_ext_ack *extack)
{
	int err;

	if (!nla_len(nest)) {
		cfg->xlat.rfc6791v6_set = false;
		return 0;
	}
	err = jool_nla_get_prefix6(nest, &cfg->xlat.rfc6791v6, extack);
	if (!err)
		cfg->xlat.rfc6791v6_set = true;
	return err;
}

/**
 * jool_config_set_globals() - apply a JOOL_A_GLOBALS nest to a snapshot
 * @cfg: an unpublished snapshot
 * @nest: the globals to change
 * @extack: for the error message
 *
 * Return: 0 or a negative errno with a message in @extack; @cfg may be
 * partially changed on error and must then be discarded.
 */
int jool_config_set_globals(struct jool_config *cfg,
			    const struct nlattr *nest,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[JOOL_GLOBAL_MAX + 1];
	int err;

	err = nla_parse_nested(tb, JOOL_GLOBAL_MAX, nest, jool_globals_policy,
			       extack);
	if (err)
		return err;
	if (tb[JOOL_GLOBAL_POOL6]) {
		err = jool_config_set_pool6(cfg, tb[JOOL_GLOBAL_POOL6], extack);
		if (err)
			return err;
	}
	if (tb[JOOL_GLOBAL_ENABLED])
		cfg->enabled = nla_get_u8(tb[JOOL_GLOBAL_ENABLED]);
	if (tb[JOOL_GLOBAL_ZEROIZE_TC])
		cfg->xlat.zeroize_tc = nla_get_u8(tb[JOOL_GLOBAL_ZEROIZE_TC]);
	if (tb[JOOL_GLOBAL_OVERRIDE_TOS])
		cfg->xlat.override_tos = nla_get_u8(tb[JOOL_GLOBAL_OVERRIDE_TOS]);
	if (tb[JOOL_GLOBAL_TOS])
		cfg->xlat.tos = nla_get_u8(tb[JOOL_GLOBAL_TOS]);
	if (tb[JOOL_GLOBAL_AMEND_UDP_CSUM0])
		cfg->xlat.amend_udp_csum0 =
			nla_get_u8(tb[JOOL_GLOBAL_AMEND_UDP_CSUM0]);
	if (tb[JOOL_GLOBAL_MTU_PLATEAUS]) {
		err = set_plateaus(cfg, tb[JOOL_GLOBAL_MTU_PLATEAUS], extack);
		if (err)
			return err;
	}
	if (tb[JOOL_GLOBAL_RFC6791V4]) {
		err = set_6791v4(cfg, tb[JOOL_GLOBAL_RFC6791V4], extack);
		if (err)
			return err;
	}
	if (tb[JOOL_GLOBAL_RFC6791V6]) {
		err = set_6791v6(cfg, tb[JOOL_GLOBAL_RFC6791V6], extack);
		if (err)
			return err;
	}
	if (tb[JOOL_GLOBAL_RANDOMIZE_6791])
		cfg->xlat.randomize_6791 =
			nla_get_u8(tb[JOOL_GLOBAL_RANDOMIZE_6791]);
	if (tb[JOOL_GLOBAL_LOWEST_IPV6_MTU])
		cfg->xlat.lowest_ipv6_mtu =
			nla_get_u32(tb[JOOL_GLOBAL_LOWEST_IPV6_MTU]);
	if (tb[JOOL_GLOBAL_EAM_HAIRPIN_MODE])
		cfg->xlat.hairpin_mode =
			nla_get_u8(tb[JOOL_GLOBAL_EAM_HAIRPIN_MODE]);
	if (tb[JOOL_GLOBAL_LOGGING_DEBUG])
		cfg->logging_debug = nla_get_u8(tb[JOOL_GLOBAL_LOGGING_DEBUG]);
	return 0;
}

static int put_plateaus(struct sk_buff *skb, const struct jool_config *cfg)
{
	struct nlattr *nest = nla_nest_start(skb, JOOL_GLOBAL_MTU_PLATEAUS);
	unsigned int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < cfg->xlat.nplateaus; i++) {
		if (nla_put_u16(skb, JOOL_PLATEAU, cfg->xlat.plateaus[i])) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* An optional prefix: an empty nest when unset. */
static int put_empty(struct sk_buff *skb, int attrtype)
{
	struct nlattr *nest = nla_nest_start(skb, attrtype);

	if (!nest)
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_opt_prefix4(struct sk_buff *skb, int attrtype, bool set,
			   const struct jool_prefix4 *p)
{
	return set ? jool_nla_put_prefix4(skb, attrtype, p) :
		     put_empty(skb, attrtype);
}

static int put_opt_prefix6(struct sk_buff *skb, int attrtype, bool set,
			   const struct jool_prefix6 *p)
{
	return set ? jool_nla_put_prefix6(skb, attrtype, p) :
		     put_empty(skb, attrtype);
}

size_t jool_nla_pool6_size(void)
{
	return nla_total_size(0) +
	       nla_total_size(sizeof(struct in6_addr)) +
	       nla_total_size(sizeof(u8));
}

/**
 * jool_nla_put_pool6() - write pool6 as a prefix nest (empty if unset)
 * @skb: the message
 * @attrtype: the nest's attribute type
 * @cfg: the snapshot
 *
 * Return: 0 or -EMSGSIZE.
 */
int jool_nla_put_pool6(struct sk_buff *skb, int attrtype,
		       const struct jool_config *cfg)
{
	return put_opt_prefix6(skb, attrtype, cfg->xlat.pool6_set,
			       &cfg->xlat.pool6);
}

size_t jool_nla_globals_size(void)
{
	/* pool6, five u8 globals, the plateaus, two prefixes, one u8 */
	return nla_total_size(0) + jool_nla_pool6_size() +
	       5 * nla_total_size(sizeof(u8)) +
	       nla_total_size(0) +
	       XLAT_MAX_PLATEAUS * nla_total_size(sizeof(u16)) +
	       2 * jool_nla_pool6_size() + nla_total_size(sizeof(u8)) +
	       nla_total_size(sizeof(u32)) + 2 * nla_total_size(sizeof(u8));
}

/**
 * jool_nla_put_globals() - write every global as a JOOL_A_GLOBALS nest
 * @skb: the message
 * @cfg: the snapshot
 *
 * Return: 0 or -EMSGSIZE.
 */
int jool_nla_put_globals(struct sk_buff *skb, const struct jool_config *cfg)
{
	struct nlattr *nest = nla_nest_start(skb, JOOL_A_GLOBALS);

	if (!nest)
		return -EMSGSIZE;
	if (jool_nla_put_pool6(skb, JOOL_GLOBAL_POOL6, cfg) ||
	    nla_put_u8(skb, JOOL_GLOBAL_ENABLED, cfg->enabled) ||
	    nla_put_u8(skb, JOOL_GLOBAL_ZEROIZE_TC, cfg->xlat.zeroize_tc) ||
	    nla_put_u8(skb, JOOL_GLOBAL_OVERRIDE_TOS, cfg->xlat.override_tos) ||
	    nla_put_u8(skb, JOOL_GLOBAL_TOS, cfg->xlat.tos) ||
	    nla_put_u8(skb, JOOL_GLOBAL_AMEND_UDP_CSUM0,
		       cfg->xlat.amend_udp_csum0) ||
	    put_plateaus(skb, cfg) ||
	    put_opt_prefix4(skb, JOOL_GLOBAL_RFC6791V4, cfg->xlat.rfc6791v4_set,
			    &cfg->xlat.rfc6791v4) ||
	    put_opt_prefix6(skb, JOOL_GLOBAL_RFC6791V6, cfg->xlat.rfc6791v6_set,
			    &cfg->xlat.rfc6791v6) ||
	    nla_put_u8(skb, JOOL_GLOBAL_RANDOMIZE_6791,
		       cfg->xlat.randomize_6791) ||
	    nla_put_u32(skb, JOOL_GLOBAL_LOWEST_IPV6_MTU,
			cfg->xlat.lowest_ipv6_mtu) ||
	    nla_put_u8(skb, JOOL_GLOBAL_EAM_HAIRPIN_MODE,
		       cfg->xlat.hairpin_mode) ||
	    nla_put_u8(skb, JOOL_GLOBAL_LOGGING_DEBUG, cfg->logging_debug)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}
