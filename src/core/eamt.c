// SPDX-License-Identifier: GPL-2.0
/*
 * The Explicit Address Mapping Table (RFC 7757).
 *
 * Translation (RFC 7757 section 3): the EAM whose prefix is the longest
 * match for the address is used; the address's suffix (its bits after that
 * prefix) is copied right after the other side's prefix. An EAM's IPv4
 * suffix (32 - len4 bits) may be shorter than its IPv6 suffix (128 - len6
 * bits), never longer (the IPv4 address must fit). When it is shorter:
 *  - IPv4 -> IPv6: the 32 - len4 suffix bits go right after the IPv6
 *    prefix and the IPv6 bits after them are zero;
 *  - IPv6 -> IPv4: only the 32 - len4 bits right after the IPv6 prefix are
 *    used; the IPv6 address's later bits are ignored.
 * E.g. with 192.0.2.128/26 <-> 2001:db8:dddd::/64, 192.0.2.129 becomes
 * 2001:db8:dddd:0:400:: (suffix 000001 in bits 64-69), and
 * 2001:db8:dddd:0:6000:beef:: becomes 192.0.2.152 (bits 64-69: 011000).
 *
 * Data structure: each family's prefixes cut its address space into
 * ranges, each of which has one longest match (or none). Prefixes nest or
 * are disjoint, so n prefixes make at most 2n + 1 ranges. The table keeps
 * the ranges' first addresses in one array per family and the matching
 * entry of each range in a parallel array: a lookup is one binary search,
 * O(log n), whatever the prefix lengths and however entries nest. The
 * arrays are in Eytzinger (breadth-first) order, so every search starts at
 * the front of the array (which stays in cache) and can fetch the nodes it
 * will need four levels ahead.
 * The ranges are computed in one sweep over the prefixes sorted by
 * (address, length), with a stack of the prefixes that enclose the current
 * position; the same sweep finds every prefix that equals or encloses
 * another, which is how overlaps are refused.
 *
 * Addresses are compared as host-order integers (IPv6 as two u64 halves).
 */
#include "core/eamt.h"

#ifdef __KERNEL__

#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/prefetch.h>
#include <linux/slab.h>
#include <linux/sort.h>

static void *eamt_alloc(size_t size)
{
	return kvmalloc(size, GFP_KERNEL);
}

static void eamt_dealloc(void *ptr)
{
	kvfree(ptr);
}

static void eamt_sort(void *base, size_t num, size_t size,
		      int (*cmp)(const void *, const void *))
{
	sort(base, num, size, cmp, NULL);
}

#define eamt_be64_to_cpu(x) be64_to_cpu(x)
#define eamt_cpu_to_be64(x) cpu_to_be64(x)
#define eamt_prefetch(x) prefetch(x)
#define eamt_ctz(x) __ffs(x)

#else /* userspace unit tests */

#include <endian.h>
#include <errno.h>
#include <stdlib.h>

static void *eamt_alloc(size_t size)
{
	return malloc(size);
}

static void eamt_dealloc(void *ptr)
{
	free(ptr);
}

static void eamt_sort(void *base, size_t num, size_t size,
		      int (*cmp)(const void *, const void *))
{
	qsort(base, num, size, cmp);
}

#define eamt_be64_to_cpu(x) be64toh(x)
#define eamt_cpu_to_be64(x) htobe64(x)
#define eamt_prefetch(x) __builtin_prefetch(x)
#define eamt_ctz(x) __builtin_ctz(x)

#endif

/* The value of a range no prefix covers. */
#define NO_ENTRY 0xffffffffU
/* Deepest nesting: one prefix per length (0-128), identical ones merge. */
#define MAX_DEPTH 129

/* An address (or range start) as a host-order integer; IPv4 uses @lo. */
struct k128 {
	u64 hi;
	u64 lo;
};

struct eamt {
	unsigned int count;
	unsigned int n4;
	unsigned int n6;
	/* @count entries, sorted by IPv4 prefix: the dump order. */
	struct eamt_entry *entries;
	/* @count indexes of @entries, sorted by IPv6 prefix. */
	u32 *order6;
	/*
	 * The @n4 IPv4 ranges: first address and entry (or NO_ENTRY), in
	 * Eytzinger order (1-based: the children of node i are 2i and 2i + 1;
	 * an in-order walk gives ascending addresses), so the binary search
	 * walks down from the front of the array and the first levels stay
	 * in cache. Index 0 is unused.
	 */
	u32 *keys4;
	u32 *vals4;
	/* The same for the @n6 IPv6 ranges. */
	struct k128 *keys6;
	u32 *vals6;
};

static struct k128 addr6_to_k128(const struct in6_addr *addr)
{
	__be64 half[2];
	struct k128 k;

	memcpy(half, addr, sizeof(half));
	k.hi = eamt_be64_to_cpu(half[0]);
	k.lo = eamt_be64_to_cpu(half[1]);
	return k;
}

static void k128_to_addr6(struct k128 k, struct in6_addr *addr)
{
	__be64 half[2];

	half[0] = eamt_cpu_to_be64(k.hi);
	half[1] = eamt_cpu_to_be64(k.lo);
	memcpy(addr, half, sizeof(half));
}

static int k128_cmp(const struct k128 *a, const struct k128 *b)
{
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return 0;
}

static bool k128_le(const struct k128 *a, const struct k128 *b)
{
	return a->hi < b->hi || (a->hi == b->hi && a->lo <= b->lo);
}

/* @k shifted left by @s bits, 0 <= @s <= 128. */
static struct k128 k128_shl(struct k128 k, unsigned int s)
{
	struct k128 r = { 0, 0 };

	if (s == 0)
		return k;
	if (s < 64) {
		r.hi = (k.hi << s) | (k.lo >> (64 - s));
		r.lo = k.lo << s;
	} else if (s < 128) {
		r.hi = k.lo << (s - 64);
	}
	return r;
}

/* The host bits of a /@len in a space of @bits (32 or 128) bits. */
static struct k128 k128_host_mask(unsigned int bits, unsigned int len)
{
	struct k128 m = { 0, 0 };

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

/**
 * eamt_entry_validate() - check an EAM before it goes into a table
 * @e: the candidate
 *
 * Both prefixes must have no bits set past their lengths, and the IPv4
 * suffix (32 - IPv4 length) must not be longer than the IPv6 suffix
 * (128 - IPv6 length): RFC 7757 section 3.
 *
 * Return: NULL if @e is usable, else a message saying why not.
 */
const char *eamt_entry_validate(const struct eamt_entry *e)
{
	struct k128 k, m;

	if (e->p4.len > 32)
		return "EAM IPv4 prefix length must be 0-32";
	if (e->p6.len > 128)
		return "EAM IPv6 prefix length must be 0-128";
	m = k128_host_mask(32, e->p4.len);
	if (ntohl(e->p4.addr) & m.lo)
		return "EAM IPv4 prefix has bits set after its length";
	m = k128_host_mask(128, e->p6.len);
	k = addr6_to_k128(&e->p6.addr);
	if ((k.hi & m.hi) || (k.lo & m.lo))
		return "EAM IPv6 prefix has bits set after its length";
	if (32 - e->p4.len > 128 - e->p6.len)
		return "EAM IPv4 suffix is longer than its IPv6 suffix";
	return NULL;
}

/* A prefix being sorted: its first address, length and input index. */
struct eamt_item {
	struct k128 start;
	u32 idx;
	u8 len;
};

static int eamt_item_cmp(const void *a, const void *b)
{
	const struct eamt_item *x = a;
	const struct eamt_item *y = b;
	int c = k128_cmp(&x->start, &y->start);

	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if (x->idx != y->idx)
		return x->idx < y->idx ? -1 : 1;
	return 0;
}

/* Where one family's sweep writes its ranges. */
struct eamt_sweep {
	unsigned int bits;	/* 32 or 128 */
	u32 *keys4;		/* bits == 32 */
	struct k128 *keys6;	/* bits == 128 */
	u32 *vals;
	unsigned int n;
	/* Input. */
	const struct eamt_item *items;
	const u32 *pos;		/* input index -> entry index */
	u32 first_new;		/* input indexes from here on are new */
	bool force;
	/* Output on a clash: identical prefixes or not, input index. */
	bool dup;
	u32 bad;
};

static bool range_start_eq(const struct eamt_sweep *sw, unsigned int i,
			   const struct k128 *k)
{
	if (sw->bits == 32)
		return sw->keys4[i] == k->lo;
	return !k128_cmp(&sw->keys6[i], k);
}

/* From @k on (until the next range), the longest match is @val. */
static void range_emit(struct eamt_sweep *sw, const struct k128 *k, u32 val)
{
	unsigned int n = sw->n;

	if (n && range_start_eq(sw, n - 1, k)) {
		/* Same start: the later (inner) prefix wins. */
		sw->vals[n - 1] = val;
		if (n > 1 && sw->vals[n - 2] == val)
			sw->n--;
		return;
	}
	if (n && sw->vals[n - 1] == val)
		return;
	if (sw->bits == 32)
		sw->keys4[n] = (u32)k->lo;
	else
		sw->keys6[n] = *k;
	sw->vals[n] = val;
	sw->n++;
}

static struct k128 eamt_item_end(const struct eamt_sweep *sw,
				 const struct eamt_item *it)
{
	struct k128 m = k128_host_mask(sw->bits, it->len);
	struct k128 end = { it->start.hi | m.hi, it->start.lo | m.lo };

	return end;
}

static u32 eamt_item_val(const struct eamt_sweep *sw, unsigned int k)
{
	return sw->pos[sw->items[k].idx];
}

/*
 * Ends the innermost open prefix: from its last address + 1 on, the
 * enclosing one (if any) is the longest match again.
 */
static void range_pop(struct eamt_sweep *sw, u32 *stack, unsigned int *sp)
{
	struct k128 end = eamt_item_end(sw, &sw->items[stack[--*sp]]);
	struct k128 max = k128_host_mask(sw->bits, 0);

	if (end.hi == max.hi && end.lo == max.lo)
		return; /* reaches the end of the address space */
	if (++end.lo == 0)
		end.hi++;
	range_emit(sw, &end,
		   *sp ? eamt_item_val(sw, stack[*sp - 1]) : NO_ENTRY);
}

/*
 * Computes the ranges of @n items sorted by eamt_item_cmp(). Returns false
 * if an item being added equals or overlaps another one (overlaps are fine
 * with @force); items already in the table are not checked against each
 * other.
 */
static bool ranges_sweep(struct eamt_sweep *sw, unsigned int n)
{
	static const struct k128 zero = { 0, 0 };
	u32 stack[MAX_DEPTH];
	unsigned int sp = 0;
	unsigned int k;

	sw->n = 0;
	range_emit(sw, &zero, NO_ENTRY);
	for (k = 0; k < n; k++) {
		const struct eamt_item *p = &sw->items[k];
		const struct eamt_item *top;
		struct k128 end;
		bool fresh;

		while (sp) {
			end = eamt_item_end(sw, &sw->items[stack[sp - 1]]);
			if (k128_le(&p->start, &end))
				break;
			range_pop(sw, stack, &sp);
		}
		if (sp) {
			/* Prefixes nest or are disjoint: top encloses p. */
			top = &sw->items[stack[sp - 1]];
			fresh = p->idx >= sw->first_new ||
				top->idx >= sw->first_new;
			sw->bad = p->idx >= sw->first_new ? p->idx : top->idx;
			sw->dup = top->len == p->len;
			if (sw->dup) {
				if (fresh)
					return false;
				/* Same prefix twice: the later one is used. */
				stack[sp - 1] = k;
				range_emit(sw, &p->start, eamt_item_val(sw, k));
				continue;
			}
			if (fresh && !sw->force)
				return false;
		}
		stack[sp++] = k;
		range_emit(sw, &p->start, eamt_item_val(sw, k));
	}
	while (sp)
		range_pop(sw, stack, &sp);
	return true;
}

/* Hands out 64-byte (cache line) aligned pieces of one allocation. */
static void *eamt_carve(char **at, size_t size)
{
	char *piece = (char *)(((uintptr_t)*at + 63) & ~(uintptr_t)63);

	*at = piece + size;
	return piece;
}

/* One allocation holds the header and every array. */
static struct eamt *eamt_table_alloc(unsigned int n, unsigned int n4,
				     unsigned int n6)
{
	size_t size = sizeof(struct eamt) + 6 * 64 +
		      n * (sizeof(struct eamt_entry) + sizeof(u32)) +
		      (n4 + 1) * 2 * sizeof(u32) +
		      (n6 + 1) * (sizeof(struct k128) + sizeof(u32));
	struct eamt *t = eamt_alloc(size);
	char *at;

	if (!t)
		return NULL;
	at = (char *)(t + 1);
	t->count = n;
	t->n4 = n4;
	t->n6 = n6;
	t->keys6 = eamt_carve(&at, (n6 + 1) * sizeof(struct k128));
	t->keys4 = eamt_carve(&at, (n4 + 1) * sizeof(u32));
	t->vals4 = eamt_carve(&at, (n4 + 1) * sizeof(u32));
	t->vals6 = eamt_carve(&at, (n6 + 1) * sizeof(u32));
	t->entries = eamt_carve(&at, n * sizeof(struct eamt_entry));
	t->order6 = eamt_carve(&at, n * sizeof(u32));
	return t;
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

/*
 * Compiles @n valid entries into a new table. Entries from index
 * @first_new on are being added: they must not equal any other entry's
 * prefix, nor overlap one unless @force.
 */
static int eamt_compile(const struct eamt_entry *in, unsigned int n,
			u32 first_new, bool force, struct eamt **out,
			const char **why, unsigned int *bad)
{
	struct eamt_sweep sw = { .first_new = first_new, .force = force };
	size_t ranges = 2 * (size_t)n + 1;
	struct k128 *keys6;
	u32 *keys4, *vals4, *vals6;
	struct eamt_item *items;
	unsigned int i, k, n4;
	struct eamt *t;
	char *tmp, *at;
	u32 *pos;

	if (n > EAMT_MAX_ENTRIES) {
		*why = "the EAMT is full";
		return -ENOSPC;
	}
	/* Scratch: the sorted prefixes and the ranges in ascending order. */
	tmp = eamt_alloc(5 * 64 + n * (sizeof(*items) + sizeof(*pos)) +
			 ranges * (3 * sizeof(u32) + sizeof(*keys6)));
	if (!tmp)
		return -ENOMEM;
	at = tmp;
	items = eamt_carve(&at, n * sizeof(*items));
	pos = eamt_carve(&at, n * sizeof(*pos));
	keys6 = eamt_carve(&at, ranges * sizeof(*keys6));
	keys4 = eamt_carve(&at, ranges * sizeof(*keys4));
	vals4 = eamt_carve(&at, ranges * sizeof(*vals4));
	vals6 = eamt_carve(&at, ranges * sizeof(*vals6));
	sw.items = items;
	sw.pos = pos;

	/* IPv4. Entries will be stored in this order. */
	for (i = 0; i < n; i++) {
		items[i].start.hi = 0;
		items[i].start.lo = ntohl(in[i].p4.addr);
		items[i].len = in[i].p4.len;
		items[i].idx = i;
	}
	if (n)
		eamt_sort(items, n, sizeof(*items), eamt_item_cmp);
	for (i = 0; i < n; i++)
		pos[items[i].idx] = i;
	sw.bits = 32;
	sw.keys4 = keys4;
	sw.vals = vals4;
	if (!ranges_sweep(&sw, n)) {
		*why = sw.dup ? "IPv4 prefix is already in the EAMT" :
			"IPv4 prefix overlaps another EAM (allowed only with force)";
		goto clash;
	}
	n4 = sw.n;

	/* IPv6. */
	for (i = 0; i < n; i++) {
		items[i].start = addr6_to_k128(&in[i].p6.addr);
		items[i].len = in[i].p6.len;
		items[i].idx = i;
	}
	if (n)
		eamt_sort(items, n, sizeof(*items), eamt_item_cmp);
	sw.bits = 128;
	sw.keys6 = keys6;
	sw.vals = vals6;
	if (!ranges_sweep(&sw, n)) {
		*why = sw.dup ? "IPv6 prefix is already in the EAMT" :
			"IPv6 prefix overlaps another EAM (allowed only with force)";
		goto clash;
	}

	t = eamt_table_alloc(n, n4, sw.n);
	if (!t) {
		eamt_dealloc(tmp);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		t->entries[pos[i]] = in[i];
		t->order6[i] = pos[items[i].idx];
	}
	for (i = 0, k = eytzinger_first(t->n4); i < t->n4; i++) {
		t->keys4[k] = keys4[i];
		t->vals4[k] = vals4[i];
		k = eytzinger_next(k, t->n4);
	}
	for (i = 0, k = eytzinger_first(t->n6); i < t->n6; i++) {
		t->keys6[k] = keys6[i];
		t->vals6[k] = vals6[i];
		k = eytzinger_next(k, t->n6);
	}
	eamt_dealloc(tmp);
	*out = t;
	return 0;

clash:
	*bad = sw.bad - first_new;
	eamt_dealloc(tmp);
	return -EEXIST;
}

/**
 * eamt_build() - compile entries into a new table
 * @entries: @n entries, each valid (eamt_entry_validate()); their order
 *	does not matter. Overlapping prefixes are fine (the longest match
 *	wins); of identical prefixes, one is used.
 * @n: number of entries, 0 for an empty table
 *
 * For a writer building a whole table at once. Process context.
 *
 * Return: the table (free with eamt_free()), or NULL if out of memory, if
 * @n is over %EAMT_MAX_ENTRIES or if an entry is invalid.
 */
struct eamt *eamt_build(const struct eamt_entry *entries, unsigned int n)
{
	struct eamt *t = NULL;
	const char *why;
	unsigned int bad;
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (eamt_entry_validate(&entries[i]))
			return NULL;
	}
	if (eamt_compile(entries, n, n, true, &t, &why, &bad))
		return NULL;
	return t;
}

/**
 * eamt_free() - free a table
 * @t: the table, or NULL
 *
 * The caller makes sure no reader can still see @t (an RCU grace period).
 * Fine from an RCU callback: in interrupt context, kvfree() defers the
 * release of a vmalloc()ed area.
 */
void eamt_free(struct eamt *t)
{
	if (t)
		eamt_dealloc(t);
}

/**
 * eamt_count() - number of entries
 * @t: the table, or NULL (empty)
 *
 * Return: how many entries @t has.
 */
unsigned int eamt_count(const struct eamt *t)
{
	return t ? t->count : 0;
}

/**
 * eamt_get() - the entry at a position, for dumps
 * @t: the table, or NULL (empty)
 * @i: position, 0 to eamt_count() - 1
 *
 * Entries are ordered by IPv4 prefix (address, then length), whatever the
 * order they were added in, so a dump cursor may be an index, or the last
 * IPv4 prefix dumped.
 *
 * Return: the entry, or NULL if @i is out of range.
 */
const struct eamt_entry *eamt_get(const struct eamt *t, unsigned int i)
{
	if (!t || i >= t->count)
		return NULL;
	return &t->entries[i];
}

static int eamt_prefix4_cmp(const struct jool_prefix4 *a,
			    const struct jool_prefix4 *b)
{
	u32 x = ntohl(a->addr);
	u32 y = ntohl(b->addr);

	if (x != y)
		return x < y ? -1 : 1;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return 0;
}

static int eamt_prefix6_cmp(const struct jool_prefix6 *a,
			    const struct jool_prefix6 *b)
{
	int c = memcmp(&a->addr, &b->addr, sizeof(a->addr));

	if (c)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return 0;
}

/**
 * eamt_find4() - the entry whose IPv4 prefix is exactly @p4
 * @t: the table, or NULL (empty)
 * @p4: the prefix (address and length)
 *
 * Return: the entry, or NULL if none has that IPv4 prefix.
 */
const struct eamt_entry *eamt_find4(const struct eamt *t,
				    const struct jool_prefix4 *p4)
{
	unsigned int lo = 0;
	unsigned int hi = eamt_count(t);

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		int c = eamt_prefix4_cmp(&t->entries[mid].p4, p4);

		if (!c)
			return &t->entries[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/**
 * eamt_find6() - the entry whose IPv6 prefix is exactly @p6
 * @t: the table, or NULL (empty)
 * @p6: the prefix (address and length)
 *
 * Return: the entry, or NULL if none has that IPv6 prefix.
 */
const struct eamt_entry *eamt_find6(const struct eamt *t,
				    const struct jool_prefix6 *p6)
{
	unsigned int lo = 0;
	unsigned int hi = eamt_count(t);

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		const struct eamt_entry *e = &t->entries[t->order6[mid]];
		int c = eamt_prefix6_cmp(&e->p6, p6);

		if (!c)
			return e;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * The entry of the range @addr is in: the last range start <= @addr. In an
 * Eytzinger tree that is the last node the search turned right at; the
 * turns are the bits of k after its leading one (1: right), so stripping
 * the left turns after the last right one, and that one, gives the node.
 * The first range starts at address 0, so there always is one. The 16
 * descendants of node k four levels down (16k to 16k + 15) fill one cache
 * line, fetched ahead.
 */
static u32 range_find4(const struct eamt *t, u32 addr)
{
	const u32 *keys = t->keys4;
	unsigned int n = t->n4;
	unsigned int k = 1;

	while (k <= n) {
		if (16 * k <= n)
			eamt_prefetch(&keys[16 * k]);
		k = 2 * k + (keys[k] <= addr);
	}
	k >>= eamt_ctz(k) + 1;
	return t->vals4[k];
}

/*
 * The same for IPv6. Keys are 16 bytes, so the 16 descendants four levels
 * down are four cache lines.
 */
static u32 range_find6(const struct eamt *t, const struct k128 *addr)
{
	const struct k128 *keys = t->keys6;
	unsigned int n = t->n6;
	unsigned int k = 1;

	while (k <= n) {
		if (16 * k + 12 <= n) {
			eamt_prefetch(&keys[16 * k]);
			eamt_prefetch(&keys[16 * k + 4]);
			eamt_prefetch(&keys[16 * k + 8]);
			eamt_prefetch(&keys[16 * k + 12]);
		}
		k = 2 * k + k128_le(&keys[k], addr);
	}
	k >>= eamt_ctz(k) + 1;
	return t->vals6[k];
}

/**
 * eamt_6to4() - translate an IPv6 address through the EAMT
 * @t: the table, or NULL (empty)
 * @a6: the IPv6 address
 * @a4: out: its IPv4 translation; untouched if there is none
 *
 * The entry with the longest IPv6 prefix covering @a6 is used: the IPv4
 * address is its IPv4 prefix followed by the 32 - len4 bits of @a6 right
 * after the IPv6 prefix; later bits of @a6 are ignored (RFC 7757 section 3).
 * Lock-free, O(log n).
 *
 * Return: the entry used, or NULL if none covers @a6.
 */
const struct eamt_entry *eamt_6to4(const struct eamt *t,
				   const struct in6_addr *a6, __be32 *a4)
{
	const struct eamt_entry *e;
	unsigned int s4;
	struct k128 k;
	u32 val;

	if (!t)
		return NULL;
	k = addr6_to_k128(a6);
	val = range_find6(t, &k);
	if (val == NO_ENTRY)
		return NULL;

	e = &t->entries[val];
	s4 = 32 - e->p4.len;
	if (!s4) {
		*a4 = e->p4.addr;
		return e;
	}
	/* s4 <= 128 - len6 (validated), so len6 < 128 here. */
	k = k128_shl(k, e->p6.len);
	*a4 = e->p4.addr | htonl((u32)(k.hi >> (64 - s4)));
	return e;
}

/**
 * eamt_4to6() - translate an IPv4 address through the EAMT
 * @t: the table, or NULL (empty)
 * @a4: the IPv4 address
 * @a6: out: its IPv6 translation; untouched if there is none
 *
 * The entry with the longest IPv4 prefix covering @a4 is used: the IPv6
 * address is its IPv6 prefix followed by the 32 - len4 suffix bits of @a4,
 * and zeros after them if the IPv6 suffix is longer (RFC 7757 section 3).
 * Lock-free, O(log n).
 *
 * Return: the entry used, or NULL if none covers @a4.
 */
const struct eamt_entry *eamt_4to6(const struct eamt *t, __be32 a4,
				   struct in6_addr *a6)
{
	const struct eamt_entry *e;
	struct k128 k, suffix;
	unsigned int s4;
	u32 addr;
	u32 val;

	if (!t)
		return NULL;
	addr = ntohl(a4);
	val = range_find4(t, addr);
	if (val == NO_ENTRY)
		return NULL;

	e = &t->entries[val];
	s4 = 32 - e->p4.len;
	if (!s4) {
		*a6 = e->p6.addr;
		return e;
	}
	suffix.hi = 0;
	suffix.lo = addr & (0xffffffffU >> e->p4.len);
	/* Its top bit lands on bit len6; validation keeps the shift >= 0. */
	suffix = k128_shl(suffix, 128 - e->p6.len - s4);
	k = addr6_to_k128(&e->p6.addr);
	k.hi |= suffix.hi;
	k.lo |= suffix.lo;
	k128_to_addr6(k, a6);
	return e;
}

/**
 * eamt_with_added() - a new table: @old plus some entries
 * @old: the current table, or NULL (empty); not modified
 * @add: @n entries to add
 * @n: number of entries in @add
 * @force: allow a new prefix to enclose, or be enclosed by, another entry's
 *	prefix of the same family (the longest match then decides). An
 *	identical prefix is refused even so.
 * @out: out: the new table, on success (never NULL then)
 * @why: out: what is wrong, on -EINVAL, -EEXIST and -ENOSPC
 * @bad: out: the index in @add of the culprit, on -EINVAL and -EEXIST
 *
 * All or nothing: on error no table is built. Process context; O(n log n)
 * in the size of the new table, so add many entries in one call.
 *
 * Return: 0, -EINVAL (an entry is invalid), -EEXIST (a prefix equals or
 * overlaps another), -ENOSPC (over %EAMT_MAX_ENTRIES) or -ENOMEM.
 */
int eamt_with_added(const struct eamt *old, const struct eamt_entry *add,
		    unsigned int n, bool force, struct eamt **out,
		    const char **why, unsigned int *bad)
{
	unsigned int count = eamt_count(old);
	struct eamt_entry *all;
	unsigned int i;
	int error;

	for (i = 0; i < n; i++) {
		*why = eamt_entry_validate(&add[i]);
		if (*why) {
			*bad = i;
			return -EINVAL;
		}
	}
	if (n > EAMT_MAX_ENTRIES - count) {
		*why = "the EAMT is full";
		return -ENOSPC;
	}

	/* + 1: never ask for zero bytes. */
	all = eamt_alloc(((size_t)count + n) * sizeof(*all) + 1);
	if (!all)
		return -ENOMEM;
	if (count)
		memcpy(all, old->entries, count * sizeof(*all));
	if (n)
		memcpy(all + count, add, n * sizeof(*all));
	error = eamt_compile(all, count + n, count, force, out, why, bad);
	eamt_dealloc(all);
	return error;
}

/**
 * eamt_with_removed() - a new table: @old less one entry
 * @old: the current table, or NULL (empty); not modified
 * @p4: the IPv4 prefix of the entry to remove (exact match), or NULL
 * @p6: the IPv6 prefix of the entry to remove (exact match), or NULL
 * @out: out: the new table, on success (never NULL then)
 * @why: out: what is wrong, on -EINVAL and -ESRCH
 *
 * At least one prefix must be given; given both, they must belong to the
 * same entry. Process context.
 *
 * Return: 0, -EINVAL (no prefix given), -ESRCH (no such entry) or -ENOMEM.
 */
int eamt_with_removed(const struct eamt *old, const struct jool_prefix4 *p4,
		      const struct jool_prefix6 *p6, struct eamt **out,
		      const char **why)
{
	const struct eamt_entry *e4 = NULL;
	const struct eamt_entry *e6 = NULL;
	const struct eamt_entry *e;
	unsigned int count = eamt_count(old);
	struct eamt_entry *rest;
	unsigned int skip;
	unsigned int bad;
	int error;

	if (!p4 && !p6) {
		*why = "give the IPv4 prefix, the IPv6 prefix or both";
		return -EINVAL;
	}
	if (p4) {
		e4 = eamt_find4(old, p4);
		if (!e4) {
			*why = "no EAM has that IPv4 prefix";
			return -ESRCH;
		}
	}
	if (p6) {
		e6 = eamt_find6(old, p6);
		if (!e6) {
			*why = "no EAM has that IPv6 prefix";
			return -ESRCH;
		}
	}
	if (e4 && e6 && e4 != e6) {
		*why = "the IPv4 and IPv6 prefixes belong to different EAMs";
		return -ESRCH;
	}
	e = e4 ? e4 : e6;
	skip = (unsigned int)(e - old->entries);

	rest = eamt_alloc(count * sizeof(*rest));
	if (!rest)
		return -ENOMEM;
	memcpy(rest, old->entries, skip * sizeof(*rest));
	memcpy(rest + skip, old->entries + skip + 1,
	       (count - skip - 1) * sizeof(*rest));
	error = eamt_compile(rest, count - 1, count - 1, true, out, why, &bad);
	eamt_dealloc(rest);
	return error;
}
