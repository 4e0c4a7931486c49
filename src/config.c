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
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include "core/denylist.h"
#include "core/eamt.h"
#include "core/pool4.h"
#include "bib.h"
#include "cfg_err.h"
#include "config.h"

const struct nla_policy jool_prefix_policy[JOOL_PREFIX_MAX + 1] = {
	[JOOL_PREFIX_ADDR] = { .type = NLA_BINARY,
			       .len = sizeof(struct in6_addr) },
	[JOOL_PREFIX_LEN] = { .type = NLA_U8 },
};

/*
 * For tests only: the session lifetimes of NAT64 devices may be set below
 * RFC 6146's minimums (down to 1 ms), so that tests can see sessions expire
 * without waiting minutes or hours. Read-only once the module is loaded, so
 * that a production system cannot be switched to it at run time.
 */
bool jool_test_short_timeouts;
module_param_named(test_short_timeouts, jool_test_short_timeouts, bool, 0444);
MODULE_PARM_DESC(test_short_timeouts,
		 "TESTS ONLY: accept NAT64 timeouts below RFC 6146's minimums");

/* RFC 1191 section 7's table, as Jool uses it. */
static const u16 default_plateaus[] = {
	65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68
};

/* The defaults of every global; the tables are left alone. */
static void config_defaults(struct jool_config *cfg)
{
	cfg->enabled = true;
	cfg->logging_debug = false;
	/* RFC 6888 REQ-12; free while nobody listens (nat64_log.c). */
	cfg->logging_bib = true;
	cfg->logging_blocks = true;
	cfg->xlat.randomize_6791 = true;
	cfg->xlat.lowest_ipv6_mtu = IPV6_MIN_MTU;
	cfg->xlat.hairpin_mode = JOOL_HAIRPIN_INTRINSIC;
	memcpy(cfg->xlat.plateaus, default_plateaus, sizeof(default_plateaus));
	cfg->xlat.nplateaus = ARRAY_SIZE(default_plateaus);
	cfg->xlat.nat64.src_icmp6_better = true;
	cfg->xlat.nat64.f_args = JOOL_F_ARGS_DEFAULT;
	cfg->xlat.nat64.tcp_est_ms = JOOL_TCP_EST_DEFAULT_MS;
	cfg->xlat.nat64.tcp_trans_ms = JOOL_TCP_TRANS_DEFAULT_MS;
	cfg->xlat.nat64.udp_ms = JOOL_UDP_DEFAULT_MS;
	cfg->xlat.nat64.icmp_ms = JOOL_ICMP_DEFAULT_MS;
	cfg->xlat.nat64.max_so = JOOL_MAX_SO_DEFAULT;
	cfg->xlat.nat64.det.sub_len = JOOL_DET_SUB_LEN_DEFAULT;
	cfg->xlat.nat64.det.port_min = JOOL_DET_PORT_MIN_DEFAULT;
	cfg->xlat.nat64.det.port_max = JOOL_DET_PORT_MAX_DEFAULT;
	cfg->xlat.nat64.max_blocks = JOOL_MAX_BLOCKS_DEFAULT;
}

/**
 * jool_config_alloc() - a new device's default configuration
 *
 * Return: the snapshot, or NULL without memory.
 */
struct jool_config *jool_config_alloc(void)
{
	struct jool_config *cfg = kzalloc(sizeof(*cfg), GFP_KERNEL_ACCOUNT);
	unsigned int i;

	if (!cfg)
		return NULL;
	for (i = 0; i < JOOL_TABLES; i++)
		cfg->gen[i] = 1;
	config_defaults(cfg);
	return cfg;
}

/**
 * jool_config_reset_globals() - give every global of a snapshot its default
 * @cfg: an unpublished snapshot; its tables stay as they are
 *
 * What JOOL_CMD_SET_CONFIG does first when it replaces a configuration.
 */
void jool_config_reset_globals(struct jool_config *cfg)
{
	const struct eamt *eamt = cfg->xlat.eamt;
	const struct denylist *denylist4 = cfg->xlat.denylist4;
	const struct pool4 *pool4 = cfg->xlat.pool4;

	memset(&cfg->xlat, 0, sizeof(cfg->xlat));
	cfg->xlat.eamt = eamt;
	cfg->xlat.denylist4 = denylist4;
	cfg->xlat.pool4 = pool4;
	config_defaults(cfg);
}

/* A copy of the current snapshot, to be changed and published. */
static struct jool_config *config_dup(struct jool_device *jdev)
{
	const struct jool_config *cur;

	cur = rcu_dereference_protected(jdev->config,
					lockdep_is_held(&jdev->lock));
	/* Charged to the requester's memory cgroup, like the tables. */
	return kmemdup(cur, sizeof(*cur), GFP_KERNEL_ACCOUNT);
}

static void config_free_rcu(struct rcu_head *rcu)
{
	struct jool_config *cfg = container_of(rcu, struct jool_config, rcu);

	/* kvfree() defers to process context by itself when it must. */
	jool_eamt_free(cfg->eamt_to_free);
	jool_denylist_free(cfg->denylist_to_free);
	jool_pool4_free(cfg->pool4_to_free);
	kfree(cfg);
}

/**
 * jool_config_publish() - make @new the configuration packets see
 * @jdev: the device; the caller holds @jdev->lock
 * @new: a validated snapshot; owned by @jdev from now on
 *
 * The old snapshot (and its EAM table, denylist4 and pool4, unless @new
 * shares them) is freed once no packet can be reading it. Only
 * jool_config_update() calls it; it stays a function of its own, never
 * inlined, because the tests count publications with a kprobe on it
 * (test/netns/45-eamt.sh).
 */
noinline void jool_config_publish(struct jool_device *jdev,
				  struct jool_config *new)
{
	struct jool_config *old;

	new->serial = ++jdev->config_serial;
	old = rcu_replace_pointer(jdev->config, new,
				  lockdep_is_held(&jdev->lock));
	if (!old)
		return;
	if (old->xlat.eamt != new->xlat.eamt)
		old->eamt_to_free = (struct eamt *)old->xlat.eamt;
	if (old->xlat.denylist4 != new->xlat.denylist4)
		old->denylist_to_free = (struct denylist *)old->xlat.denylist4;
	if (old->xlat.pool4 != new->xlat.pool4)
		old->pool4_to_free = (struct pool4 *)old->xlat.pool4;
	call_rcu(&old->rcu, config_free_rcu);
}

/*
 * Drops a copy made by config_dup(), possibly changed, that was never
 * published: frees it and whatever it does not share with the current one.
 */
static void config_discard(struct jool_device *jdev, struct jool_config *cfg)
{
	const struct jool_config *cur;

	cur = rcu_dereference_protected(jdev->config,
					lockdep_is_held(&jdev->lock));
	if (cfg->xlat.eamt != cur->xlat.eamt)
		jool_eamt_free((struct eamt *)cfg->xlat.eamt);
	if (cfg->xlat.denylist4 != cur->xlat.denylist4)
		jool_denylist_free((struct denylist *)cfg->xlat.denylist4);
	if (cfg->xlat.pool4 != cur->xlat.pool4)
		jool_pool4_free((struct pool4 *)cfg->xlat.pool4);
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
	jool_eamt_free((struct eamt *)cfg->xlat.eamt);
	jool_denylist_free((struct denylist *)cfg->xlat.denylist4);
	jool_pool4_free((struct pool4 *)cfg->xlat.pool4);
	kfree(cfg);
}

/**
 * jool_config_pool6_frozen() - refuse a pool6 change under NAT64 state
 * @jdev: the device; the caller holds @jdev->lock
 * @cfg: the next snapshot, unpublished
 * @attr: the attribute that sets pool6, for the error message, or NULL
 * @extack: for the error message
 *
 * The pool6 of a NAT64 device may not change under its sessions: their
 * IPv4 peers' IPv6 names (RFC 6146 3.5) come from it. Nor may its
 * port-block-size: a BIB entry finds its block from its port.
 *
 * Return: 0 or -EBUSY.
 */
int jool_config_pool6_frozen(const struct jool_device *jdev,
			     const struct jool_config *cfg,
			     const struct nlattr *attr,
			     struct netlink_ext_ack *extack)
{
	const struct jool_config *old;

	if (!jdev->state || !jool_state_in_use(jdev->state))
		return 0;
	old = rcu_dereference_protected(jdev->config,
					lockdep_is_held(&jdev->lock));
	if (old->xlat.nat64.block_size != cfg->xlat.nat64.block_size) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "port-block-size of a nat64 device cannot change while it has BIB entries or sessions");
		return -EBUSY;
	}
	if (old->xlat.pool6_set == cfg->xlat.pool6_set &&
	    (!cfg->xlat.pool6_set ||
	     !memcmp(&old->xlat.pool6, &cfg->xlat.pool6,
		     sizeof(cfg->xlat.pool6))))
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, attr,
			    "pool6 of a nat64 device cannot change while it has BIB entries or sessions");
	return -EBUSY;
}

/**
 * jool_config_update_locked() - jool_config_update() under @jdev->lock
 * @jdev: the device; the caller holds @jdev->lock
 * @apply: see jool_config_update()
 * @stage: NULL, or called with the validated copy just before it is
 *	published: what else must succeed for the change to be made
 *	(JOOL_CMD_SET_CONFIG adds its static BIB entries); if it fails, it
 *	undoes what it did and the copy is dropped
 * @arg: passed to @apply and @stage
 * @extack: passed to @apply and @stage
 *
 * For a caller that does more under the same lock.
 *
 * Return: 0, -ENOMEM, or what @apply or @stage returned
 * (JOOL_CONFIG_UNCHANGED too).
 */
int jool_config_update_locked(struct jool_device *jdev,
			      jool_config_apply_t apply,
			      jool_config_apply_t stage, void *arg,
			      struct netlink_ext_ack *extack)
{
	struct jool_config *cfg;
	int err;

	lockdep_assert_held(&jdev->lock);
	cfg = config_dup(jdev);
	if (!cfg)
		return -ENOMEM;
	err = apply(jdev, cfg, arg, extack);
	if (!err)
		err = jool_config_pool6_frozen(jdev, cfg, NULL, extack);
	if (!err && stage)
		err = stage(jdev, cfg, arg, extack);
	if (err)
		config_discard(jdev, cfg);
	else
		jool_config_publish(jdev, cfg);
	return err;
}

/**
 * jool_config_update() - change a device's configuration, all or nothing
 * @jdev: the device
 * @apply: makes the change on a copy of @jdev's current snapshot; it
 *	returns 0 to publish the copy, JOOL_CONFIG_UNCHANGED to drop it and
 *	succeed, or a negative errno to drop it and fail. It may replace the
 *	copy's tables (the copy owns the new ones) but must not free the old
 *	ones.
 * @arg: passed to @apply
 * @extack: passed to @apply, for its error message
 *
 * Takes @jdev->lock, so changes are serialised.
 *
 * Return: 0, -ENOMEM, or what @apply returned.
 */
int jool_config_update(struct jool_device *jdev, jool_config_apply_t apply,
		       void *arg, struct netlink_ext_ack *extack)
{
	int err;

	mutex_lock(&jdev->lock);
	err = jool_config_update_locked(jdev, apply, NULL, arg, extack);
	mutex_unlock(&jdev->lock);
	return err == JOOL_CONFIG_UNCHANGED ? 0 : err;
}

/**
 * jool_config_set_table() - replace one of a snapshot's tables
 * @cfg: an unpublished snapshot
 * @table: which table
 * @t: the new table (NULL: empty), owned by @cfg from now on
 *
 * The table gets a new generation, which dumps compare to notice that it
 * changed under them; 0 is skipped because genl_dump_check_consistent()
 * takes a zero sequence for "not started". Publishing @cfg frees the table
 * it replaces.
 */
void jool_config_set_table(struct jool_config *cfg, enum jool_table table,
			   void *t)
{
	switch (table) {
	case JOOL_TABLE_EAMT:
		cfg->xlat.eamt = t;
		break;
	case JOOL_TABLE_DENYLIST4:
		cfg->xlat.denylist4 = t;
		break;
	case JOOL_TABLE_POOL4:
		cfg->xlat.pool4 = t;
		break;
	default:
		WARN_ON_ONCE(1);
		return;
	}
	if (!++cfg->gen[table])
		cfg->gen[table] = 1;
}

/*
 * Parses a prefix nest whose address must have @alen bytes into @tb, both
 * parts present; @pool6 for pool6's own messages.
 */
static int prefix_attrs(const struct nlattr *nest, unsigned int alen,
			bool pool6, struct nlattr **tb,
			struct netlink_ext_ack *extack)
{
	const struct nlattr *addr;
	int err;

	err = nla_parse_nested(tb, JOOL_PREFIX_MAX, nest, jool_prefix_policy,
			       extack);
	if (err)
		return err;
	addr = tb[JOOL_PREFIX_ADDR];
	if (!addr || !tb[JOOL_PREFIX_LEN]) {
		if (pool6)
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "pool6 needs both an address and a length");
		else
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "a prefix needs both an address and a length");
		return -EINVAL;
	}
	if (nla_len(addr) == alen)
		return 0;
	if (pool6)
		NL_SET_ERR_MSG_ATTR(extack, addr, "pool6 must be an IPv6 prefix");
	else if (alen == sizeof(__be32))
		NL_SET_ERR_MSG_ATTR(extack, addr, "expected an IPv4 prefix");
	else
		NL_SET_ERR_MSG_ATTR(extack, addr, "expected an IPv6 prefix");
	return -EINVAL;
}

/* Parses a prefix nest whose address has @alen bytes. */
static int get_prefix(const struct nlattr *nest, void *addr, unsigned int alen,
		      u8 *len, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[JOOL_PREFIX_MAX + 1];
	unsigned int i;
	const u8 *a;
	int err;

	err = prefix_attrs(nest, alen, false, tb, extack);
	if (err)
		return err;
	*len = nla_get_u8(tb[JOOL_PREFIX_LEN]);
	if (*len > alen * 8) {
		NL_SET_ERR_MSG_ATTR(extack, tb[JOOL_PREFIX_LEN],
				    "prefix length out of range");
		return -EINVAL;
	}
	nla_memcpy(addr, tb[JOOL_PREFIX_ADDR], alen);
	a = addr;
	for (i = *len; i < alen * 8; i++) {
		if (a[i / 8] & (0x80 >> (i % 8))) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "the prefix has bits set after its length");
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

/* A prefix nest whose address has @alen bytes. */
static int put_prefix_nest(struct sk_buff *skb, int attrtype, const void *addr,
			   unsigned int alen, u8 len)
{
	struct nlattr *nest = nla_nest_start(skb, attrtype);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put(skb, JOOL_PREFIX_ADDR, alen, addr) ||
	    nla_put_u8(skb, JOOL_PREFIX_LEN, len)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/**
 * jool_nla_put_prefix6() - write an IPv6 prefix nest
 * @skb: the message
 * @attrtype: the nest's attribute type
 * @p: the prefix
 *
 * Return: 0 or -EMSGSIZE.
 */
int jool_nla_put_prefix6(struct sk_buff *skb, int attrtype,
			 const struct jool_prefix6 *p)
{
	return put_prefix_nest(skb, attrtype, &p->addr, sizeof(p->addr),
			       p->len);
}

/**
 * jool_nla_put_prefix4() - write an IPv4 prefix nest
 * @skb: the message
 * @attrtype: the nest's attribute type
 * @p: the prefix
 *
 * Return: 0 or -EMSGSIZE.
 */
int jool_nla_put_prefix4(struct sk_buff *skb, int attrtype,
			 const struct jool_prefix4 *p)
{
	return put_prefix_nest(skb, attrtype, &p->addr, sizeof(p->addr),
			       p->len);
}

/* An empty nest: how an unset optional prefix is said. */
static int put_empty(struct sk_buff *skb, int attrtype)
{
	struct nlattr *nest = nla_nest_start(skb, attrtype);

	if (!nest)
		return -EMSGSIZE;
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
	err = prefix_attrs(nest, sizeof(prefix.addr), true, tb, extack);
	if (err)
		return err;
	nla_memcpy(&prefix.addr, tb[JOOL_PREFIX_ADDR], sizeof(prefix.addr));
	prefix.len = nla_get_u8(tb[JOOL_PREFIX_LEN]);
	why = jool_rfc6052_validate(&prefix);
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

/* ---- The nla_policy ---- */

/*
 * A u32's bounds need a netlink_range_validation: the s16 ones of
 * NLA_POLICY_RANGE() cannot hold 65535 (it would become -1, which the
 * kernel warns about and then reads as "no maximum").
 */
#define U32_RANGE(lo, hi) \
	(&(struct netlink_range_validation){ .min = (lo), .max = (hi) })

#define POLICY_BOOL(f)		NLA_POLICY_MAX(NLA_U8, 1)
#define POLICY_U8(f, max)	NLA_POLICY_MAX(NLA_U8, max)
#define POLICY_U32(f, lo, hi)	NLA_POLICY_FULL_RANGE(NLA_U32, U32_RANGE(lo, hi))
#define POLICY_POOL6(f, set)	NLA_POLICY_NESTED(jool_prefix_policy)
#define POLICY_PREFIX4(f, set)	NLA_POLICY_NESTED(jool_prefix_policy)
#define POLICY_PREFIX6(f, set)	NLA_POLICY_NESTED(jool_prefix_policy)
#define POLICY_PLATEAUS(f, n)	{ .type = NLA_NESTED }
/* The minimum depends on a module parameter: set_timeout() checks it. */
#define POLICY_TIMEOUT(f, min)	{ .type = NLA_U32 }
#define JOOL_GLOBAL(id, name, modes, type, ...) \
	[JOOL_GLOBAL_##id] = POLICY_##type(__VA_ARGS__),

const struct nla_policy jool_globals_policy[JOOL_GLOBAL_MAX + 1] = {
#include "config_globals.h"
};
#undef JOOL_GLOBAL

/* ---- The table ---- */

/* Why a global is refused, besides what its type's checks say. */
enum global_refusal {
	GR_SIIT_DEVICE,		/* a NAT64 global, set on a SIIT device */
	GR_NAT64_DEVICE,	/* a SIIT global, set on a NAT64 device */
	GR_TOO_SMALL,		/* a timeout below its minimum */
	GR_TOO_BIG,		/* a timeout above JOOL_TIMEOUT_MAX_MS */
};

enum global_type {
	GT_BOOL,
	GT_U8,
	GT_U32,
	GT_POOL6,
	GT_PREFIX4,
	GT_PREFIX6,
	GT_PLATEAUS,
	GT_TIMEOUT,
	GT_COUNT
};

/**
 * struct global_desc - one global, as the code sees it
 * @attr: its JOOL_GLOBAL_* attribute
 * @type: what it is, &enum global_type
 * @modes: the JOOL_MODES_* of the devices it applies to
 * @offset: where its value is in struct jool_config
 * @aux: where its "is set" flag (prefixes) or count (plateaus) is
 * @min: (timeouts) the least value, milliseconds
 * @refuse: sets the extack message that refuses it, for @why
 */
struct global_desc {
	u16 attr;
	u8 type;
	u8 modes;
	u16 offset;
	u16 aux;
	u32 min;
	void (*refuse)(struct netlink_ext_ack *extack,
		       const struct nlattr *attr, enum global_refusal why);
};

/* Where @f is in struct jool_config, which must be of C type @t. */
#define OFF(f, t) (offsetof(struct jool_config, f) + BUILD_BUG_ON_ZERO( \
	!__same_type(((struct jool_config *)0)->f, t)))
#define ROW_MIN(id, modes_, type_, off, aux_, min_) {			\
	.attr = JOOL_GLOBAL_##id, .type = GT_##type_,			\
	.modes = JOOL_MODES_##modes_, .offset = (off), .aux = (aux_),	\
	.min = (min_), .refuse = refuse_##id }
#define ROW(id, modes_, type_, off, aux_) \
	ROW_MIN(id, modes_, type_, off, aux_, 0)
#define ROW_BOOL(id, m, f)	ROW(id, m, BOOL, OFF(f, bool), 0)
#define ROW_U8(id, m, f, max)	ROW(id, m, U8, OFF(f, u8), 0)
#define ROW_U32(id, m, f, lo, hi) ROW(id, m, U32, OFF(f, u32), 0)
#define ROW_POOL6(id, m, f, set) \
	ROW(id, m, POOL6, OFF(f, struct jool_prefix6), OFF(set, bool))
#define ROW_PREFIX4(id, m, f, set) \
	ROW(id, m, PREFIX4, OFF(f, struct jool_prefix4), OFF(set, bool))
#define ROW_PREFIX6(id, m, f, set) \
	ROW(id, m, PREFIX6, OFF(f, struct jool_prefix6), OFF(set, bool))
#define ROW_PLATEAUS(id, m, f, n) \
	ROW(id, m, PLATEAUS, OFF(f, u16[XLAT_MAX_PLATEAUS]), OFF(n, u8))
#define ROW_TIMEOUT(id, m, f, min) \
	ROW_MIN(id, m, TIMEOUT, OFF(f, u32), 0, min)
/* The messages that refuse a global, with its name in them. */
#define JOOL_GLOBAL(id, name, ...)					\
static void refuse_##id(struct netlink_ext_ack *extack,			\
			const struct nlattr *attr, enum global_refusal why) \
{									\
	if (why == GR_SIIT_DEVICE)					\
		NL_SET_ERR_MSG_ATTR(extack, attr, name			\
				    " is a NAT64 global; this is a SIIT device"); \
	else if (why == GR_NAT64_DEVICE)				\
		NL_SET_ERR_MSG_ATTR(extack, attr, name			\
				    " is a SIIT global; this is a NAT64 device"); \
	else if (why == GR_TOO_BIG)					\
		NL_SET_ERR_MSG_ATTR(extack, attr, name			\
				    " is above its maximum (24 days)");	\
	else								\
		NL_SET_ERR_MSG_ATTR(extack, attr, name			\
				    " is below its RFC 6146 minimum");	\
}
#include "config_globals.h"
#undef JOOL_GLOBAL

#define JOOL_GLOBAL(id, name, modes, type, ...) \
	ROW_##type(id, modes, __VA_ARGS__),

static const struct global_desc globals[] = {
#include "config_globals.h"
};
#undef JOOL_GLOBAL

/* ---- The types: set from an attribute, put into a dump ---- */

static void *field(struct jool_config *cfg, unsigned int offset)
{
	return (char *)cfg + offset;
}

static const void *cfield(const struct jool_config *cfg, unsigned int offset)
{
	return (const char *)cfg + offset;
}

/**
 * struct global_ops - what a type of global does
 * @set: applies the attribute @attr of @g to @cfg
 * @put: writes @g of @cfg as an attribute
 * @size: the most @put writes
 */
struct global_ops {
	int (*set)(struct jool_config *cfg, const struct global_desc *g,
		   const struct nlattr *attr, struct netlink_ext_ack *extack);
	int (*put)(struct sk_buff *skb, const struct global_desc *g,
		   const struct jool_config *cfg);
	size_t size;
};

/* bool, u8 and u32 globals */
static int set_int(struct jool_config *cfg, const struct global_desc *g,
		   const struct nlattr *attr, struct netlink_ext_ack *extack)
{
	void *f = field(cfg, g->offset);

	if (g->type == GT_BOOL)
		*(bool *)f = nla_get_u8(attr);
	else if (g->type == GT_U8)
		*(u8 *)f = nla_get_u8(attr);
	else
		*(u32 *)f = nla_get_u32(attr);
	return 0;
}

static int put_int(struct sk_buff *skb, const struct global_desc *g,
		   const struct jool_config *cfg)
{
	const void *f = cfield(cfg, g->offset);

	if (g->type == GT_BOOL)
		return nla_put_u8(skb, g->attr, *(const bool *)f);
	if (g->type == GT_U8)
		return nla_put_u8(skb, g->attr, *(const u8 *)f);
	return nla_put_u32(skb, g->attr, *(const u32 *)f);
}

/* A lifetime in milliseconds, at least g->min unless the test knob is set. */
static int set_timeout(struct jool_config *cfg, const struct global_desc *g,
		       const struct nlattr *attr, struct netlink_ext_ack *extack)
{
	u32 ms = nla_get_u32(attr);

	if (ms < (jool_test_short_timeouts ? min_t(u32, g->min, 1) : g->min)) {
		g->refuse(extack, attr, GR_TOO_SMALL);
		return -EINVAL;
	}
	if (ms > JOOL_TIMEOUT_MAX_MS) {
		g->refuse(extack, attr, GR_TOO_BIG);
		return -EINVAL;
	}
	*(u32 *)field(cfg, g->offset) = ms;
	return 0;
}

static int set_pool6(struct jool_config *cfg, const struct global_desc *g,
		     const struct nlattr *attr, struct netlink_ext_ack *extack)
{
	return jool_config_set_pool6(cfg, attr, extack);
}

/* An optional prefix: an empty nest unsets it (the value stays). */
static int set_prefix(struct jool_config *cfg, const struct global_desc *g,
		      const struct nlattr *attr, struct netlink_ext_ack *extack)
{
	bool *set = field(cfg, g->aux);
	void *p = field(cfg, g->offset);
	int err;

	if (!nla_len(attr)) {
		*set = false;
		return 0;
	}
	err = g->type == GT_PREFIX4 ? jool_nla_get_prefix4(attr, p, extack) :
				      jool_nla_get_prefix6(attr, p, extack);
	if (!err)
		*set = true;
	return err;
}

/* An optional prefix: an empty nest when unset. */
static int put_prefix(struct sk_buff *skb, const struct global_desc *g,
		      const struct jool_config *cfg)
{
	const void *p = cfield(cfg, g->offset);

	if (!*(const bool *)cfield(cfg, g->aux))
		return put_empty(skb, g->attr);
	return g->type == GT_PREFIX4 ? jool_nla_put_prefix4(skb, g->attr, p) :
				       jool_nla_put_prefix6(skb, g->attr, p);
}

/* mtu-plateaus: 1-16 values, stored sorted descending without duplicates. */
static int set_plateaus(struct jool_config *cfg, const struct global_desc *g,
			const struct nlattr *nest,
			struct netlink_ext_ack *extack)
{
	u16 vals[XLAT_MAX_PLATEAUS], *plateaus = field(cfg, g->offset);
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
		if (out && plateaus[out - 1] == vals[i])
			continue;
		plateaus[out++] = vals[i];
	}
	*(u8 *)field(cfg, g->aux) = out;
	return 0;
}

static int put_plateaus(struct sk_buff *skb, const struct global_desc *g,
			const struct jool_config *cfg)
{
	const u16 *plateaus = cfield(cfg, g->offset);
	u8 n = *(const u8 *)cfield(cfg, g->aux);
	struct nlattr *nest = nla_nest_start(skb, g->attr);
	unsigned int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		if (nla_put_u16(skb, JOOL_PLATEAU, plateaus[i])) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* nla_total_size() as a constant expression. */
#define NLA_TOTAL(payload) NLA_ALIGN(NLA_HDRLEN + (payload))
#define PREFIX_TOTAL(alen) \
	NLA_TOTAL(NLA_TOTAL(alen) + NLA_TOTAL(sizeof(u8)))

static const struct global_ops global_ops[GT_COUNT] = {
	[GT_BOOL] = { set_int, put_int, NLA_TOTAL(sizeof(u8)) },
	[GT_U8] = { set_int, put_int, NLA_TOTAL(sizeof(u8)) },
	[GT_U32] = { set_int, put_int, NLA_TOTAL(sizeof(u32)) },
	[GT_POOL6] = { set_pool6, put_prefix, PREFIX_TOTAL(16) },
	[GT_PREFIX4] = { set_prefix, put_prefix, PREFIX_TOTAL(4) },
	[GT_PREFIX6] = { set_prefix, put_prefix, PREFIX_TOTAL(16) },
	[GT_PLATEAUS] = { set_plateaus, put_plateaus,
			  NLA_TOTAL(XLAT_MAX_PLATEAUS * NLA_TOTAL(sizeof(u16))) },
	[GT_TIMEOUT] = { set_timeout, put_int, NLA_TOTAL(sizeof(u32)) },
};

/*
 * The globals of how ports are given, checked together once a request has
 * set them all: port-block-size alone, the deterministic-* five (RFC 7422
 * mode is on while deterministic-prefix6 is set), whose numbers are kept
 * for the data path, and not both modes.
 */
static int check_det(struct jool_config *cfg, const struct nlattr *nest,
		     struct netlink_ext_ack *extack)
{
	struct nat64_cfg *n = &cfg->xlat.nat64;
	enum jool_cfg_err why;

	memset(&n->det_shape, 0, sizeof(n->det_shape));
	if (n->block_size && (n->block_size & (n->block_size - 1) ||
			      n->block_size < 2)) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "port-block-size must be 0 or a power of two from 2 to 32768");
		return -EINVAL;
	}
	if (n->block_size && n->det.set6) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "port-block-size and deterministic mode exclude each other");
		return -EINVAL;
	}
	if (!n->det.set6)
		return 0;
	if (!n->det.set4) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "deterministic-prefix6 needs deterministic-prefix4");
		return -EINVAL;
	}
	why = jool_det_shape(&n->det, &n->det_shape);
	if (why) {
		jool_nl_cfg_err(extack, nest, why);
		return -EINVAL;
	}
	return 0;
}

/**
 * jool_config_set_globals() - apply a JOOL_A_GLOBALS nest to a snapshot
 * @cfg: an unpublished snapshot
 * @mode: the device's mode; a global of other modes is refused
 * @nest: the globals to change
 * @extack: for the error message
 *
 * Return: 0 or a negative errno with a message in @extack; @cfg may be
 * partially changed on error and must then be discarded.
 */
int jool_config_set_globals(struct jool_config *cfg, enum jool_mode mode,
			    const struct nlattr *nest,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[JOOL_GLOBAL_MAX + 1];
	const struct global_desc *g;
	int err;

	/* A row per attribute; offsets fit in a u16. */
	BUILD_BUG_ON(ARRAY_SIZE(globals) != JOOL_GLOBAL_MAX);
	BUILD_BUG_ON(sizeof(struct jool_config) > U16_MAX);
	err = nla_parse_nested(tb, JOOL_GLOBAL_MAX, nest, jool_globals_policy,
			       extack);
	if (err)
		return err;
	for (g = globals; g < globals + ARRAY_SIZE(globals); g++) {
		if (!tb[g->attr])
			continue;
		if (!(g->modes & BIT(mode))) {
			g->refuse(extack, tb[g->attr],
				  mode == JOOL_MODE_NAT64 ? GR_NAT64_DEVICE :
							    GR_SIIT_DEVICE);
			return -EOPNOTSUPP;
		}
		err = global_ops[g->type].set(cfg, g, tb[g->attr], extack);
		if (err)
			return err;
	}
	return check_det(cfg, nest, extack);
}

/**
 * jool_nla_globals_size() - the most jool_nla_put_globals() writes
 *
 * Return: a size in bytes, for any mode.
 */
size_t jool_nla_globals_size(void)
{
	size_t size = nla_total_size(0);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(globals); i++)
		size += global_ops[globals[i].type].size;
	return size;
}

/**
 * jool_nla_put_globals() - write a device's globals as a JOOL_A_GLOBALS nest
 * @skb: the message
 * @mode: the device's mode: only the globals that apply to it are written
 * @cfg: the snapshot
 *
 * Return: 0 or -EMSGSIZE.
 */
int jool_nla_put_globals(struct sk_buff *skb, enum jool_mode mode,
			 const struct jool_config *cfg)
{
	struct nlattr *nest = nla_nest_start(skb, JOOL_A_GLOBALS);
	const struct global_desc *g;

	if (!nest)
		return -EMSGSIZE;
	for (g = globals; g < globals + ARRAY_SIZE(globals); g++) {
		if (!(g->modes & BIT(mode)))
			continue;
		if (global_ops[g->type].put(skb, g, cfg)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/**
 * jool_nla_pool6_size() - the most jool_nla_put_pool6() writes
 *
 * Return: a size in bytes.
 */
size_t jool_nla_pool6_size(void)
{
	return PREFIX_TOTAL(sizeof(struct in6_addr));
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
	if (cfg->xlat.pool6_set)
		return jool_nla_put_prefix6(skb, attrtype, &cfg->xlat.pool6);
	return put_empty(skb, attrtype);
}
