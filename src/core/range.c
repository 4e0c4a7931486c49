// SPDX-License-Identifier: GPL-2.0
/*
 * Prefix-range tables (include/core/range.h): building them.
 *
 * The ranges are computed in one sweep over the prefixes sorted by
 * (address, length), with a stack of the prefixes that enclose the current
 * position; the same sweep finds every prefix that equals or encloses
 * another, which is how overlaps are refused.
 */
#include "core/range.h"

#ifdef __KERNEL__

#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/vmalloc.h>

/**
 * jool_range_alloc() - allocate memory for a table or its scratch
 * @size: bytes
 *
 * In the kernel (process context only) what kvmalloc() does, kmalloc() and
 * else vmalloc(), with flags of its own; malloc() in userspace. Every
 * caller builds configuration for a netlink request, so:
 *  - the memory is charged to the requester's memory cgroup
 *    (GFP_KERNEL_ACCOUNT): a container's root cannot make the kernel hold
 *    hundreds of MB on nobody's account;
 *  - a request that does not fit fails with -ENOMEM rather than wake the
 *    OOM killer (__GFP_RETRY_MAYFAIL, which the memory cgroup honours too)
 *    or fill the kernel log (__GFP_NOWARN): the requester is told.
 * kvmalloc() with __GFP_RETRY_MAYFAIL would also insist on physically
 * contiguous memory (reclaim, compaction) for large sizes; here they only
 * try it once (__GFP_NORETRY) before vmalloc(), as kvmalloc() does by
 * default.
 *
 * Return: the memory (free with jool_range_free()), or NULL.
 */
void *jool_range_alloc(size_t size)
{
	const gfp_t gfp = GFP_KERNEL_ACCOUNT | __GFP_NOWARN;
	void *p;

	if (size <= PAGE_SIZE)
		return kmalloc(size, gfp | __GFP_RETRY_MAYFAIL);
	p = kmalloc(size, gfp | __GFP_NORETRY);
	return p ?: __vmalloc(size, gfp | __GFP_RETRY_MAYFAIL);
}

/**
 * jool_range_free() - free what jool_range_alloc() gave
 * @ptr: the memory, or NULL
 *
 * Fine from an RCU callback: in interrupt context, kvfree() defers the
 * release of a vmalloc()ed area.
 */
void jool_range_free(void *ptr)
{
	kvfree(ptr);
}

/**
 * jool_range_sort() - sort an array (heapsort in the kernel, qsort() in
 *	userspace)
 * @base: the array
 * @num: its number of elements
 * @size: the size of one
 * @cmp: their order, like memcmp()
 */
void jool_range_sort(void *base, size_t num, size_t size,
		     int (*cmp)(const void *, const void *))
{
	sort(base, num, size, cmp, NULL);
	/* Up to the tables' caps, one sort is tens of milliseconds. */
	cond_resched();
}

/**
 * jool_range_resched() - let other tasks run during a long rebuild
 *
 * cond_resched() in the kernel (the caller may sleep), nothing in
 * userspace. Rebuilds call it through jool_range_tick().
 */
void jool_range_resched(void)
{
	cond_resched();
}

#else /* userspace unit tests */

#include <errno.h>
#include <stdlib.h>

void *jool_range_alloc(size_t size)
{
	return malloc(size);
}

void jool_range_free(void *ptr)
{
	free(ptr);
}

void jool_range_sort(void *base, size_t num, size_t size,
		     int (*cmp)(const void *, const void *))
{
	qsort(base, num, size, cmp);
}

void jool_range_resched(void)
{
}

#endif

/* Deepest nesting: one prefix per length (0-128), identical ones merge. */
#define MAX_DEPTH 129

/**
 * jool_range_carve() - the next 64-byte (cache line) aligned piece of a block
 * @at: in: where the previous piece ended; out: where this one ends
 * @size: bytes
 *
 * Size the block with %RANGE_ALIGN more bytes per piece.
 *
 * Return: the piece.
 */
void *jool_range_carve(char **at, size_t size)
{
	char *piece = (char *)(((uintptr_t)*at + RANGE_ALIGN - 1) &
			       ~(uintptr_t)(RANGE_ALIGN - 1));

	*at = piece + size;
	return piece;
}

/**
 * jool_range_host_mask() - the host bits of a prefix
 * @bits: the family's address size, 32 or 128
 * @len: the prefix length, 0 to @bits
 *
 * Return: the bits past @len of a @bits-bit address, set.
 */
struct range_key jool_range_host_mask(unsigned int bits, unsigned int len)
{
	struct range_key m = { 0, 0 };

	if (bits == 32) {
		m.lo = 0xffffffffULL >> len;
		return m;
	}
	if (len < 64) {
		m.hi = ~0ULL >> len;
		m.lo = ~0ULL;
	} else if (len < 128) {
		m.lo = ~0ULL >> (len - 64);
	}
	return m;
}

static int range_key_cmp(const struct range_key *a, const struct range_key *b)
{
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return 0;
}

/**
 * jool_range_item_cmp() - the order of prefixes: address, length, index
 * @a: a prefix
 * @b: another
 *
 * Return: negative, 0 or positive, like memcmp().
 */
int jool_range_item_cmp(const struct range_item *a, const struct range_item *b)
{
	int c = range_key_cmp(&a->start, &b->start);

	if (c)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	if (a->idx != b->idx)
		return a->idx < b->idx ? -1 : 1;
	return 0;
}

static int range_item_cmp_void(const void *a, const void *b)
{
	return jool_range_item_cmp(a, b);
}

/**
 * jool_range_item_set4() - describe an IPv4 prefix
 * @it: out: the item
 * @addr: the prefix's address, network order
 * @len: its length
 * @idx: its index in the caller's input
 */
void jool_range_item_set4(struct range_item *it, __be32 addr, u8 len, u32 idx)
{
	it->start.hi = 0;
	it->start.lo = ntohl(addr);
	it->len = len;
	it->idx = idx;
}

/**
 * jool_range_item_set6() - describe an IPv6 prefix
 * @it: out: the item
 * @addr: the prefix's address
 * @len: its length
 * @idx: its index in the caller's input
 */
void jool_range_item_set6(struct range_item *it, const struct in6_addr *addr,
			  u8 len, u32 idx)
{
	it->start = jool_range_key_from_in6(addr);
	it->len = len;
	it->idx = idx;
}

/**
 * jool_range_builder_init() - allocate the scratch of one family's build
 * @b: out: the builder
 * @bits: the family's address size, 32 or 128
 * @count: how many prefixes; the caller then describes each of
 *	@b->items[0 .. @count - 1]
 *
 * Process context. Free with jool_range_builder_destroy().
 *
 * Return: 0 or -ENOMEM.
 */
int jool_range_builder_init(struct range_builder *b, unsigned int bits,
			    unsigned int count)
{
	size_t ranges = 2 * (size_t)count + 1;
	char *at;

	memset(b, 0, sizeof(*b));
	b->bits = bits;
	b->count = count;
	at = jool_range_alloc(4 * RANGE_ALIGN +
			      count * (sizeof(*b->items) + sizeof(*b->pos)) +
			      ranges * (sizeof(*b->keys) + sizeof(*b->vals)));
	if (!at)
		return -ENOMEM;
	b->mem = at;
	b->items = jool_range_carve(&at, count * sizeof(*b->items));
	b->pos = jool_range_carve(&at, count * sizeof(*b->pos));
	b->keys = jool_range_carve(&at, ranges * sizeof(*b->keys));
	b->vals = jool_range_carve(&at, ranges * sizeof(*b->vals));
	return 0;
}

/**
 * jool_range_builder_destroy() - free a builder's scratch
 * @b: the builder (initialized, successfully or not)
 */
void jool_range_builder_destroy(struct range_builder *b)
{
	jool_range_free(b->mem);
	b->mem = NULL;
}

/* From @k on (until the next range), the longest match is @val. */
static void range_emit(struct range_builder *b, const struct range_key *k,
		       u32 val)
{
	unsigned int n = b->n;

	if (n && !range_key_cmp(&b->keys[n - 1], k)) {
		/* Same start: the later (inner) prefix wins. */
		b->vals[n - 1] = val;
		if (n > 1 && b->vals[n - 2] == val)
			b->n--;
		return;
	}
	if (n && b->vals[n - 1] == val)
		return;
	b->keys[n] = *k;
	b->vals[n] = val;
	b->n++;
}

static struct range_key range_item_end(const struct range_builder *b,
				       unsigned int k)
{
	const struct range_item *it = &b->items[k];
	struct range_key m = jool_range_host_mask(b->bits, it->len);
	struct range_key end = { it->start.hi | m.hi, it->start.lo | m.lo };

	return end;
}

/*
 * Ends the innermost open prefix: from its last address + 1 on, the
 * enclosing one (if any) is the longest match again.
 */
static void range_pop(struct range_builder *b, u32 *stack, unsigned int *sp)
{
	struct range_key end = range_item_end(b, stack[--*sp]);
	struct range_key max = jool_range_host_mask(b->bits, 0);

	if (end.hi == max.hi && end.lo == max.lo)
		return; /* reaches the end of the address space */
	if (++end.lo == 0)
		end.hi++;
	range_emit(b, &end, *sp ? stack[*sp - 1] : RANGE_NONE);
}

/*
 * Item @k starts inside the open item @top. Returns false if that is
 * refused (records the culprit), true if @k goes on the stack; sets @same
 * if @k replaces @top instead (identical prefixes, the later one wins).
 */
static bool range_nested(struct range_builder *b, unsigned int top,
			 unsigned int k, u32 first_new, bool force, bool *same)
{
	const struct range_item *t = &b->items[top];
	const struct range_item *p = &b->items[k];
	bool fresh = p->idx >= first_new || t->idx >= first_new;

	b->bad = p->idx >= first_new ? p->idx : t->idx;
	b->dup = t->len == p->len;
	*same = b->dup;
	if (b->dup)
		return !fresh;
	return !fresh || force;
}

/**
 * jool_range_builder_sweep() - compute the ranges of a builder's prefixes
 * @b: the builder, its @count items described
 * @sort: sort the items first; false if they are in jool_range_item_cmp() order
 *	already
 * @first_new: items whose input index is this or more are being added:
 *	they must not equal another item, nor nest with one unless @force;
 *	the others are not checked against each other (of identical ones,
 *	the one with the higher index is used)
 * @force: let new prefixes nest with others (the longest match decides)
 *
 * On success @b->n ranges are in @b->keys and @b->vals, the values being
 * positions in the sorted @b->items, and @b->pos is filled. Input indexes
 * must be 0 to @b->count - 1, each once.
 *
 * Return: 0, or -EEXIST with @b->dup and @b->bad saying why.
 */
int jool_range_builder_sweep(struct range_builder *b, bool sort, u32 first_new,
			     bool force)
{
	static const struct range_key zero = { 0, 0 };
	u32 stack[MAX_DEPTH];
	unsigned int sp = 0;
	unsigned int k;
	bool same;

	if (sort && b->count)
		jool_range_sort(b->items, b->count, sizeof(*b->items),
				range_item_cmp_void);
	for (k = 0; k < b->count; k++)
		b->pos[b->items[k].idx] = k;
	b->n = 0;
	range_emit(b, &zero, RANGE_NONE);
	for (k = 0; k < b->count; k++) {
		const struct range_item *p = &b->items[k];

		jool_range_tick(k);

		while (sp) {
			struct range_key end = range_item_end(b, stack[sp - 1]);

			if (jool_range_key_le(&p->start, &end))
				break;
			range_pop(b, stack, &sp);
		}
		/* Prefixes nest or are disjoint: the top encloses p. */
		if (sp && !range_nested(b, stack[sp - 1], k, first_new, force,
					&same))
			return -EEXIST;
		if (sp && same)
			stack[sp - 1] = k;
		else
			stack[sp++] = k;
		range_emit(b, &p->start, k);
	}
	while (sp)
		range_pop(b, stack, &sp);
	return 0;
}

/**
 * jool_range_set_size() - bytes jool_range_set_fill() carves
 * @bits: the family's address size, 32 or 128
 * @n: number of ranges (&struct range_builder.n)
 *
 * Return: the size, alignment slack included.
 */
size_t jool_range_set_size(unsigned int bits, unsigned int n)
{
	size_t key = bits == 32 ? sizeof(u32) : sizeof(struct range_key);

	return 2 * RANGE_ALIGN + ((size_t)n + 1) * (key + sizeof(u32));
}

/* Eytzinger order: the first node of an in-order walk of an @n-node tree. */
static unsigned int eytzinger_first(unsigned int n)
{
	unsigned int k = 1;

	while (2 * k <= n)
		k *= 2;
	return k;
}

/* The node after @k in an in-order walk (0 after the last one). */
static unsigned int eytzinger_next(unsigned int k, unsigned int n)
{
	if (2 * k + 1 <= n) {
		/* The leftmost node of the right subtree. */
		k = 2 * k + 1;
		while (2 * k <= n)
			k *= 2;
		return k;
	}
	/* Up past every parent we are the right child of, then once more. */
	while (k & 1)
		k >>= 1;
	return k >> 1;
}

/**
 * jool_range_set_fill() - lay out a swept builder's ranges for lookups
 * @s: out: the compiled ranges
 * @b: the builder, swept
 * @map: the value of the range whose longest match is item k (a position in
 *	@b->items) is @map[k]; NULL: k itself
 * @at: where to carve @s's arrays (jool_range_carve()),
 *	jool_range_set_size() bytes
 */
void jool_range_set_fill(struct range_set *s, const struct range_builder *b,
			 const u32 *map, char **at)
{
	unsigned int i, k;
	u32 v;

	s->n = b->n;
	s->keys32 = NULL;
	s->keys128 = NULL;
	if (b->bits == 32)
		s->keys32 = jool_range_carve(at, (b->n + 1) * sizeof(u32));
	else
		s->keys128 =
			jool_range_carve(at, (b->n + 1) * sizeof(*s->keys128));
	s->vals = jool_range_carve(at, (b->n + 1) * sizeof(u32));
	for (i = 0, k = eytzinger_first(b->n); i < b->n; i++) {
		jool_range_tick(i);
		if (s->keys32)
			s->keys32[k] = (u32)b->keys[i].lo;
		else
			s->keys128[k] = b->keys[i];
		v = b->vals[i];
		s->vals[k] = (map && v != RANGE_NONE) ? map[v] : v;
		k = eytzinger_next(k, b->n);
	}
}

/**
 * jool_range_search() - binary search of a sorted list of prefixes
 * @n: the list's length
 * @want: the prefix sought (its @idx is ignored)
 * @item: gives the list's @i-th prefix (in jool_range_item_cmp() order of
 *	address and length, without duplicates)
 * @ctx: passed to @item
 * @found: out: whether @want is in the list
 *
 * For the control path (exact matches, insertion points), not lookups.
 *
 * Return: @want's position, or where it would go.
 */
unsigned int jool_range_search(unsigned int n, const struct range_item *want,
			       void (*item)(const void *ctx, unsigned int i,
					    struct range_item *out),
			       const void *ctx, bool *found)
{
	unsigned int lo = 0, hi = n;
	struct range_item it;

	*found = false;
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		int c;

		item(ctx, mid, &it);
		c = range_key_cmp(&it.start, &want->start);
		if (!c && it.len != want->len)
			c = it.len < want->len ? -1 : 1;
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
