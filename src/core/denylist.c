// SPDX-License-Identifier: GPL-2.0
/*
 * denylist4: IPv4 prefixes that pool6 must not translate, and the implicit
 * ranges that it never translates.
 *
 * Data structure: the prefixes, sorted by (address, length), are the dump
 * order and what additions and removals edit. From them the table compiles
 * a prefix-range table (core/range.h): a lookup is one binary search,
 * O(log n), however prefixes nest.
 */
#include "core/denylist.h"
#include "core/range.h"

#ifdef __KERNEL__
#include <linux/errno.h>
#else
#include <errno.h>
#endif

struct denylist {
	unsigned int count;
	/* @count prefixes, sorted by (address, length). */
	struct jool_prefix4 *entries;
	/* The ranges; their values are indexes of @entries. */
	struct range_set ranges;
};

/* An IPv4 address a.b.c.d in network order, as a constant expression. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define BE32(a, b, c, d) ((__force __be32)((d) << 24 | (c) << 16 | (b) << 8 | (a)))
#else
#define BE32(a, b, c, d) ((__force __be32)((a) << 24 | (b) << 16 | (c) << 8 | (d)))
#endif

/*
 * The implicit rules: addresses that are never an IPv4 host's on the other
 * side of a translator (RFC 6890 special-purpose blocks that cannot be
 * forwarded, or multicast and broadcast, which have no unicast IPv6
 * counterpart). Sorted by address.
 */
static const struct jool_prefix4 implicit[] = {
	{ BE32(0, 0, 0, 0), 8 },	/* "this network" */
	{ BE32(127, 0, 0, 0), 8 },	/* loopback */
	{ BE32(169, 254, 0, 0), 16 },	/* link local */
	{ BE32(224, 0, 0, 0), 4 },	/* multicast */
	{ BE32(255, 255, 255, 255), 32 },	/* limited broadcast */
};

static u32 mask_of(unsigned int len)
{
	return len ? 0xffffffffU << (32 - len) : 0;
}

static u32 first_of(const struct jool_prefix4 *p)
{
	return ntohl(p->addr);
}

/**
 * jool_denylist_validate() - check a prefix before it goes into a table
 * @p: the candidate
 *
 * Return: JOOL_CFG_OK if it is valid (length 0-32, no bits set past it),
 * else the reason.
 */
enum jool_cfg_err jool_denylist_validate(const struct jool_prefix4 *p)
{
	if (p->len > 32)
		return JOOL_CFG_DENY_LEN;
	if (ntohl(p->addr) & ~mask_of(p->len))
		return JOOL_CFG_DENY_HOST;
	return JOOL_CFG_OK;
}

/**
 * jool_denylist_free() - free a table
 * @d: the table, or NULL
 */
void jool_denylist_free(struct denylist *d)
{
	jool_range_free(d);
}

/*
 * A table of the @n valid prefixes @v (NULL if @n is 0). If @sorted, they
 * are in (address, length) order without duplicates; else they are sorted
 * here and duplicates refused (-EEXIST).
 */
static int compile(const struct jool_prefix4 *v, unsigned int n, bool sorted,
		   struct denylist **out)
{
	struct range_builder b;
	struct denylist *d;
	unsigned int i;
	char *at;
	int err;

	*out = NULL;
	if (!n)
		return 0;
	err = jool_range_builder_init(&b, 32, n);
	if (err)
		return err;
	for (i = 0; i < n; i++) {
		jool_range_tick(i);
		jool_range_item_set4(&b.items[i], v[i].addr, v[i].len, i);
	}
	err = jool_range_builder_sweep(&b, !sorted, sorted ? n : 0, true);
	if (err)
		goto out;
	d = jool_range_alloc(sizeof(*d) + RANGE_ALIGN +
			     n * sizeof(*d->entries) +
			     jool_range_set_size(32, b.n));
	if (!d) {
		err = -ENOMEM;
		goto out;
	}
	at = (char *)(d + 1);
	d->count = n;
	d->entries = jool_range_carve(&at, n * sizeof(*d->entries));
	/* Copy field by field: the padding bytes stay defined. */
	memset(d->entries, 0, n * sizeof(*d->entries));
	for (i = 0; i < n; i++) {
		d->entries[b.pos[i]].addr = v[i].addr;
		d->entries[b.pos[i]].len = v[i].len;
	}
	jool_range_set_fill(&d->ranges, &b, NULL, &at);
	*out = d;
out:
	jool_range_builder_destroy(&b);
	return err;
}

/**
 * jool_denylist_build() - build a table from a list of prefixes
 * @v: the prefixes, in any order
 * @n: how many (0: the empty table, NULL)
 * @why: out: on failure, the reason, or JOOL_CFG_OK if it was memory
 *
 * Every prefix is validated, and duplicates are refused. Nested prefixes
 * are fine: a lookup reports the most specific one.
 *
 * Return: the table, or NULL (empty if @n is 0; else failure).
 */
struct denylist *jool_denylist_build(const struct jool_prefix4 *v,
				     unsigned int n, enum jool_cfg_err *why)
{
	struct denylist *d;
	unsigned int i;

	*why = JOOL_CFG_OK;
	if (n > DENYLIST_MAX_ENTRIES) {
		*why = JOOL_CFG_DENY_FULL;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		*why = jool_denylist_validate(&v[i]);
		if (*why)
			return NULL;
	}
	if (compile(v, n, false, &d) == -EEXIST)
		*why = JOOL_CFG_DENY_DUP;
	return d;
}

/**
 * jool_denylist_count() - the number of prefixes in a table
 * @d: the table, or NULL (empty)
 *
 * Return: the count.
 */
unsigned int jool_denylist_count(const struct denylist *d)
{
	return d ? d->count : 0;
}

/**
 * jool_denylist_get() - the prefix at a position, for dumps
 * @d: the table, or NULL (empty)
 * @i: position, 0 to jool_denylist_count() - 1
 *
 * Prefixes are ordered by address, then length.
 *
 * Return: the prefix, or NULL if @i is out of range.
 */
const struct jool_prefix4 *jool_denylist_get(const struct denylist *d,
					     unsigned int i)
{
	return i < jool_denylist_count(d) ? &d->entries[i] : NULL;
}

static void denylist_item(const void *ctx, unsigned int i,
			  struct range_item *out)
{
	const struct denylist *d = ctx;

	jool_range_item_set4(out, d->entries[i].addr, d->entries[i].len, i);
}

/* The position of @p in @d, or where it would go (*@found false). */
static unsigned int position(const struct denylist *d,
			     const struct jool_prefix4 *p, bool *found)
{
	struct range_item want;

	jool_range_item_set4(&want, p->addr, p->len, 0);
	return jool_range_search(jool_denylist_count(d), &want, denylist_item,
				 d, found);
}

/**
 * jool_denylist_find() - the prefix of a table that is exactly @p
 * @d: the table, or NULL (empty)
 * @p: the prefix
 *
 * Return: the table's prefix, or NULL.
 */
const struct jool_prefix4 *jool_denylist_find(const struct denylist *d,
					      const struct jool_prefix4 *p)
{
	bool found;
	unsigned int i = position(d, p, &found);

	return found ? &d->entries[i] : NULL;
}

/* jool_denylist_lookup() on a table that exists (include/core/denylist.h). */
const struct jool_prefix4 *__jool_denylist_lookup(const struct denylist *d,
						  __be32 addr)
{
	u32 val = jool_range_find32(&d->ranges, ntohl(addr));

	return val == RANGE_NONE ? NULL : &d->entries[val];
}

/**
 * jool_denylist_implicit() - is an address in one of the implicit ranges?
 * @addr: the address, network order
 *
 * The ranges (0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16, 224.0.0.0/4 and
 * 255.255.255.255/32) are never translated through pool6, whatever
 * denylist4 holds.
 *
 * Return: the range, or NULL.
 */
const struct jool_prefix4 *jool_denylist_implicit(__be32 addr)
{
	u32 a = ntohl(addr), top = a >> 24;
	unsigned int i;

	/*
	 * Every packet asks, and almost every address is in none of them: the
	 * first octet (0, 127, 169, 224 to 239, 255) says so without the
	 * loop. In step with implicit[] (test_denylist.c checks every /16).
	 */
	if (top && top != 127 && top != 169 && (top & 0xf0) != 224 &&
	    top != 255)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(implicit); i++) {
		if ((a & mask_of(implicit[i].len)) == first_of(&implicit[i]))
			return &implicit[i];
	}
	return NULL;
}

/*
 * A table of @old's prefixes with @p inserted at position @at, or (@p
 * NULL) without the one at @at.
 */
static int respliced(const struct denylist *old, unsigned int at,
		     const struct jool_prefix4 *p, struct denylist **out)
{
	unsigned int n = jool_denylist_count(old);
	unsigned int skip = p ? 0 : 1;
	unsigned int m = p ? n + 1 : n - 1;
	struct jool_prefix4 *v;
	int err;

	/* + 1: never ask for zero bytes. */
	v = jool_range_alloc(m * sizeof(*v) + 1);
	if (!v)
		return -ENOMEM;
	if (at)
		memcpy(v, old->entries, at * sizeof(*v));
	if (p)
		v[at] = *p;
	if (n - at - skip)
		memcpy(&v[at + 1 - skip], &old->entries[at + skip],
		       (n - at - skip) * sizeof(*v));
	err = compile(v, m, true, out);
	jool_range_free(v);
	return err;
}

/**
 * jool_denylist_with_added() - a new table: @old plus one prefix
 * @old: the current table, or NULL; not changed
 * @p: the prefix to add
 * @out: out: the new table
 * @why: out: on failure, the reason, or JOOL_CFG_OK
 *
 * Return: 0; -EINVAL (invalid prefix), -EEXIST (already there), -ENOSPC
 * (%DENYLIST_MAX_ENTRIES reached) or -ENOMEM.
 */
int jool_denylist_with_added(const struct denylist *old,
			     const struct jool_prefix4 *p,
			     struct denylist **out, enum jool_cfg_err *why)
{
	unsigned int at;
	bool found;

	*why = jool_denylist_validate(p);
	if (*why)
		return -EINVAL;
	at = position(old, p, &found);
	if (found) {
		*why = JOOL_CFG_DENY_DUP;
		return -EEXIST;
	}
	if (jool_denylist_count(old) >= DENYLIST_MAX_ENTRIES) {
		*why = JOOL_CFG_DENY_FULL;
		return -ENOSPC;
	}
	return respliced(old, at, p, out);
}

/**
 * jool_denylist_with_removed() - a new table: @old without one prefix
 * @old: the current table, or NULL; not changed
 * @p: the prefix to remove (exactly)
 * @out: out: the new table (NULL if it is empty)
 * @why: out: on failure, the reason, or JOOL_CFG_OK
 *
 * Return: 0, -ESRCH (no such prefix) or -ENOMEM.
 */
int jool_denylist_with_removed(const struct denylist *old,
			       const struct jool_prefix4 *p,
			       struct denylist **out, enum jool_cfg_err *why)
{
	unsigned int at;
	bool found;

	*why = JOOL_CFG_OK;
	at = position(old, p, &found);
	if (!found) {
		*why = JOOL_CFG_DENY_ABSENT;
		return -ESRCH;
	}
	return respliced(old, at, NULL, out);
}
