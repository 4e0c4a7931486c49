// SPDX-License-Identifier: GPL-2.0
/*
 * denylist4: IPv4 prefixes that pool6 must not translate, and the implicit
 * ranges that it never translates.
 *
 * Data structure: the prefixes, sorted by (address, length), are the dump
 * order and what additions and removals edit. From them the table compiles
 * the ranges the prefixes cut the IPv4 space into, each with its most
 * specific covering prefix (or none): prefixes nest or are disjoint, so n
 * prefixes make at most 2n + 1 ranges. A lookup is one binary search over
 * the ranges' first addresses, O(log n), however prefixes nest. The ranges
 * are computed in one sweep over the sorted prefixes with a stack of the
 * prefixes that enclose the current position (at most one per length).
 *
 * Addresses are compared as host-order integers.
 */
#include "core/denylist.h"

#ifdef __KERNEL__

#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sort.h>

static void *dl_alloc(size_t size)
{
	return kvmalloc(size, GFP_KERNEL);
}

static void dl_dealloc(void *ptr)
{
	kvfree(ptr);
}

static void dl_sort(void *base, size_t num, size_t size,
		    int (*cmp)(const void *, const void *))
{
	sort(base, num, size, cmp, NULL);
}

#else /* userspace unit tests */

#include <errno.h>
#include <stdlib.h>

static void *dl_alloc(size_t size)
{
	return malloc(size);
}

static void dl_dealloc(void *ptr)
{
	free(ptr);
}

static void dl_sort(void *base, size_t num, size_t size,
		    int (*cmp)(const void *, const void *))
{
	qsort(base, num, size, cmp);
}

#endif

/* The value of a range no prefix covers. */
#define NO_ENTRY 0xffffffffU

struct denylist {
	unsigned int count;
	unsigned int nranges;
	/* @count prefixes, sorted by (address, length). */
	struct jool_prefix4 *entries;
	/* @nranges range starts, ascending; starts[0] is 0. */
	u32 *starts;
	/* The index in @entries of each range's longest match, or NO_ENTRY. */
	u32 *vals;
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

static u32 last_of(const struct jool_prefix4 *p)
{
	return ntohl(p->addr) | ~mask_of(p->len);
}

static int prefix4_cmp(const struct jool_prefix4 *a,
		       const struct jool_prefix4 *b)
{
	u32 x = first_of(a), y = first_of(b);

	if (x != y)
		return x < y ? -1 : 1;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return 0;
}

static int prefix4_cmp_void(const void *a, const void *b)
{
	return prefix4_cmp(a, b);
}

/**
 * denylist_validate() - check a prefix before it goes into a table
 * @p: the candidate
 *
 * Return: NULL if it is valid (length 0-32, no bits set past it), else
 * the reason, a static string.
 */
const char *denylist_validate(const struct jool_prefix4 *p)
{
	if (p->len > 32)
		return "prefix length out of range";
	if (ntohl(p->addr) & ~mask_of(p->len))
		return "the prefix has bits set after its length";
	return NULL;
}

/**
 * denylist_free() - free a table
 * @d: the table, or NULL
 */
void denylist_free(struct denylist *d)
{
	if (!d)
		return;
	dl_dealloc(d->entries);
	dl_dealloc(d->starts);
	dl_dealloc(d->vals);
	dl_dealloc(d);
}

/* Appends the range starting at @start, merging it with its neighbours. */
static void emit(struct denylist *d, u64 start, u32 val)
{
	unsigned int n = d->nranges;

	if (start > 0xffffffffULL)
		return;
	if (n && d->starts[n - 1] == start) {
		d->vals[n - 1] = val;
		if (n > 1 && d->vals[n - 2] == val)
			d->nranges--;
		return;
	}
	if (n && d->vals[n - 1] == val)
		return;
	d->starts[n] = start;
	d->vals[n] = val;
	d->nranges++;
}

/* Computes the ranges of @d->entries (sorted, without duplicates). */
static void compile(struct denylist *d)
{
	u32 stack[33];
	unsigned int top = 0, i;

	d->nranges = 0;
	emit(d, 0, NO_ENTRY);
	for (i = 0; i < d->count; i++) {
		const struct jool_prefix4 *p = &d->entries[i];

		/* Close the enclosing prefixes that end before @p. */
		while (top && last_of(&d->entries[stack[top - 1]]) <
			      first_of(p)) {
			u64 next = (u64)last_of(&d->entries[stack[--top]]) + 1;

			emit(d, next, top ? stack[top - 1] : NO_ENTRY);
		}
		emit(d, first_of(p), i);
		/* Nesting prefixes have distinct lengths: at most 33. */
		stack[top++] = i;
	}
	while (top) {
		u64 next = (u64)last_of(&d->entries[stack[--top]]) + 1;

		emit(d, next, top ? stack[top - 1] : NO_ENTRY);
	}
}

/* A table that owns @entries (@n of them, sorted, distinct). */
static struct denylist *adopt(struct jool_prefix4 *entries, unsigned int n)
{
	struct denylist *d;

	if (!n) {
		dl_dealloc(entries);
		return NULL;
	}
	d = dl_alloc(sizeof(*d));
	if (!d)
		goto fail;
	d->count = n;
	d->entries = entries;
	d->starts = dl_alloc((2 * (size_t)n + 1) * sizeof(u32));
	d->vals = dl_alloc((2 * (size_t)n + 1) * sizeof(u32));
	if (!d->starts || !d->vals) {
		denylist_free(d);
		return NULL;
	}
	compile(d);
	return d;

fail:
	dl_dealloc(entries);
	return NULL;
}

/* ERR_PTR is kernel only; the core reports errors through @err. */
static struct denylist *build(const struct jool_prefix4 *v, unsigned int n,
			      const char **why, int *err)
{
	struct jool_prefix4 *entries;
	struct denylist *d;
	unsigned int i;

	*err = 0;
	if (!n)
		return NULL;
	if (n > DENYLIST_MAX_ENTRIES) {
		*why = "denylist4 is full (65536 entries at most)";
		*err = -ENOSPC;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		*why = denylist_validate(&v[i]);
		if (*why) {
			*err = -EINVAL;
			return NULL;
		}
	}
	entries = dl_alloc(n * sizeof(*entries));
	if (!entries)
		goto nomem;
	for (i = 0; i < n; i++) {
		/* Copy field by field: the padding byte stays defined. */
		memset(&entries[i], 0, sizeof(entries[i]));
		entries[i].addr = v[i].addr;
		entries[i].len = v[i].len;
	}
	dl_sort(entries, n, sizeof(*entries), prefix4_cmp_void);
	for (i = 1; i < n; i++) {
		if (!prefix4_cmp(&entries[i - 1], &entries[i])) {
			dl_dealloc(entries);
			*why = "the prefix is already in denylist4";
			*err = -EEXIST;
			return NULL;
		}
	}
	d = adopt(entries, n);
	if (d)
		return d;
nomem:
	*why = NULL;
	*err = -ENOMEM;
	return NULL;
}

/**
 * denylist_build() - build a table from a list of prefixes
 * @v: the prefixes, in any order
 * @n: how many (0: the empty table, NULL)
 * @why: out: on failure, the reason (a static string) or NULL
 *
 * Every prefix is validated, and duplicates are refused. Nested prefixes
 * are fine: a lookup reports the most specific one.
 *
 * Return: the table, or NULL (empty if @n is 0; else failure, with @why
 * set unless it was memory).
 */
struct denylist *denylist_build(const struct jool_prefix4 *v, unsigned int n,
				const char **why)
{
	int err;

	*why = NULL;
	return build(v, n, why, &err);
}

/**
 * denylist_count() - the number of prefixes in a table
 * @d: the table, or NULL (empty)
 *
 * Return: the count.
 */
unsigned int denylist_count(const struct denylist *d)
{
	return d ? d->count : 0;
}

/**
 * denylist_get() - the prefix at a position, for dumps
 * @d: the table, or NULL (empty)
 * @i: position, 0 to denylist_count() - 1
 *
 * Prefixes are ordered by address, then length.
 *
 * Return: the prefix, or NULL if @i is out of range.
 */
const struct jool_prefix4 *denylist_get(const struct denylist *d,
					unsigned int i)
{
	if (!d || i >= d->count)
		return NULL;
	return &d->entries[i];
}

/* The position of @p in @d, or where it would go (*@found false). */
static unsigned int position(const struct denylist *d,
			     const struct jool_prefix4 *p, bool *found)
{
	unsigned int lo = 0, hi = denylist_count(d);

	*found = false;
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		int c = prefix4_cmp(&d->entries[mid], p);

		if (!c) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/**
 * denylist_find() - the prefix of a table that is exactly @p
 * @d: the table, or NULL (empty)
 * @p: the prefix
 *
 * Return: the table's prefix, or NULL.
 */
const struct jool_prefix4 *denylist_find(const struct denylist *d,
					 const struct jool_prefix4 *p)
{
	bool found;
	unsigned int i = position(d, p, &found);

	return found ? &d->entries[i] : NULL;
}

/**
 * denylist_lookup() - is an address in the table?
 * @d: the table, or NULL (empty)
 * @addr: the address, network order
 *
 * O(log n), no locks, no allocation.
 *
 * Return: the most specific prefix containing @addr, or NULL.
 */
const struct jool_prefix4 *denylist_lookup(const struct denylist *d,
					   __be32 addr)
{
	unsigned int lo = 0, hi;
	u32 a = ntohl(addr);
	u32 val;

	if (!d)
		return NULL;
	/* The last range starting at or before @a; starts[0] is 0. */
	hi = d->nranges;
	while (hi - lo > 1) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (d->starts[mid] <= a)
			lo = mid;
		else
			hi = mid;
	}
	val = d->vals[lo];
	return val == NO_ENTRY ? NULL : &d->entries[val];
}

/**
 * denylist_implicit() - is an address in one of the implicit ranges?
 * @addr: the address, network order
 *
 * The ranges (0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16, 224.0.0.0/4 and
 * 255.255.255.255/32) are never translated through pool6, whatever
 * denylist4 holds.
 *
 * Return: the range, or NULL.
 */
const struct jool_prefix4 *denylist_implicit(__be32 addr)
{
	u32 a = ntohl(addr);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(implicit); i++) {
		if ((a & mask_of(implicit[i].len)) == first_of(&implicit[i]))
			return &implicit[i];
	}
	return NULL;
}

/**
 * denylist_with_added() - a new table: @old plus one prefix
 * @old: the current table, or NULL; not changed
 * @p: the prefix to add
 * @out: out: the new table
 * @why: out: on failure, the reason (a static string), or NULL
 *
 * Return: 0; -EINVAL (invalid prefix), -EEXIST (already there), -ENOSPC
 * (%DENYLIST_MAX_ENTRIES reached) or -ENOMEM.
 */
int denylist_with_added(const struct denylist *old,
			const struct jool_prefix4 *p, struct denylist **out,
			const char **why)
{
	unsigned int n = denylist_count(old), at;
	struct jool_prefix4 *entries;
	bool found;

	*why = denylist_validate(p);
	if (*why)
		return -EINVAL;
	at = position(old, p, &found);
	if (found) {
		*why = "the prefix is already in denylist4";
		return -EEXIST;
	}
	if (n >= DENYLIST_MAX_ENTRIES) {
		*why = "denylist4 is full (65536 entries at most)";
		return -ENOSPC;
	}
	entries = dl_alloc((n + 1) * sizeof(*entries));
	if (!entries)
		return -ENOMEM;
	if (at)
		memcpy(entries, old->entries, at * sizeof(*entries));
	memset(&entries[at], 0, sizeof(entries[at]));
	entries[at].addr = p->addr;
	entries[at].len = p->len;
	if (n > at)
		memcpy(&entries[at + 1], &old->entries[at],
		       (n - at) * sizeof(*entries));
	*out = adopt(entries, n + 1);
	return *out ? 0 : -ENOMEM;
}

/**
 * denylist_with_removed() - a new table: @old without one prefix
 * @old: the current table, or NULL; not changed
 * @p: the prefix to remove (exactly)
 * @out: out: the new table (NULL if it is empty)
 * @why: out: on failure, the reason (a static string), or NULL
 *
 * Return: 0, -ESRCH (no such prefix) or -ENOMEM.
 */
int denylist_with_removed(const struct denylist *old,
			  const struct jool_prefix4 *p, struct denylist **out,
			  const char **why)
{
	unsigned int n = denylist_count(old), at;
	struct jool_prefix4 *entries;
	bool found;

	*why = NULL;
	at = position(old, p, &found);
	if (!found) {
		*why = "the prefix is not in denylist4";
		return -ESRCH;
	}
	*out = NULL;
	if (n == 1)
		return 0;
	entries = dl_alloc((n - 1) * sizeof(*entries));
	if (!entries)
		return -ENOMEM;
	memcpy(entries, old->entries, at * sizeof(*entries));
	memcpy(&entries[at], &old->entries[at + 1],
	       (n - 1 - at) * sizeof(*entries));
	*out = adopt(entries, n - 1);
	return *out ? 0 : -ENOMEM;
}
