/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Prefix-range tables: the longest-match machinery behind the EAMT (both
 * families) and denylist4, meant for every address table of the core.
 *
 * A family's prefixes (IPv4 or IPv6) cut its address space into ranges,
 * each of which has one longest match (or none). Prefixes nest or are
 * disjoint, so m prefixes make at most 2m + 1 ranges. A user:
 *  1. describes its prefixes as &struct range_item (jool_range_builder_init(),
 *     then jool_range_item_set4() or jool_range_item_set6() on each);
 *  2. sorts and sweeps them (jool_range_builder_sweep()), which refuses
 *     identical prefixes and, unless forced, nested ones, and names the
 *     culprit by its input index;
 *  3. lays the ranges out in its own (one) allocation
 *     (jool_range_set_size(), jool_range_set_fill()), with the value of
 *     each range;
 *  4. looks addresses up with jool_range_find32() or jool_range_find128(): one
 *     binary search, O(log n), whatever the prefix lengths.
 *
 * The ranges are kept in Eytzinger (breadth-first) order, so every search
 * starts at the front of the array (which stays in cache) and can fetch
 * the nodes it will need four levels ahead.
 *
 * Addresses are host-order integers: &struct range_key, IPv4 in @lo.
 */
#ifndef _JOOL_CORE_RANGE_H
#define _JOOL_CORE_RANGE_H

#include "core/core_types.h"

#ifdef __KERNEL__
#include <linux/bitops.h>
#include <linux/prefetch.h>
#define range_prefetch(x) prefetch(x)
#define range_ctz(x) __ffs(x)
#define range_be64_to_cpu(x) be64_to_cpu(x)
#define range_cpu_to_be64(x) cpu_to_be64(x)
#else
#include <endian.h>
#define range_prefetch(x) __builtin_prefetch(x)
#define range_ctz(x) __builtin_ctz(x)
#define range_be64_to_cpu(x) be64toh(x)
#define range_cpu_to_be64(x) htobe64(x)
#endif

/* The value of a range no prefix covers. */
#define RANGE_NONE 0xffffffffU

/* Slack for jool_range_carve()'s alignment, per piece carved. */
#define RANGE_ALIGN 64

/**
 * struct range_key - an address (or range start) as a host-order integer
 * @hi: the first 64 bits of an IPv6 address; 0 for IPv4
 * @lo: the last 64 bits of an IPv6 address; the IPv4 address
 */
struct range_key {
	u64 hi;
	u64 lo;
};

/**
 * struct range_item - a prefix being sorted and swept
 * @start: its first address
 * @idx: its index in the user's input
 * @len: its length
 */
struct range_item {
	struct range_key start;
	u32 idx;
	u8 len;
};

/**
 * struct range_builder - one family's prefixes and ranges while building
 * @bits: the family's address size, 32 or 128
 * @count: number of @items
 * @items: the prefixes; sorted by (address, length, index) once swept
 * @pos: once swept: the position in @items of each input index
 * @n: number of ranges found by the sweep
 * @keys: the ranges' first addresses, ascending
 * @vals: each range's longest match: a position in @items, or RANGE_NONE
 * @dup: after a refused sweep: were the clashing prefixes identical?
 * @bad: after a refused sweep: the input index of the culprit
 * @mem: the one allocation holding the arrays
 */
struct range_builder {
	unsigned int bits;
	unsigned int count;
	struct range_item *items;
	u32 *pos;
	unsigned int n;
	struct range_key *keys;
	u32 *vals;
	bool dup;
	u32 bad;
	void *mem;
};

/**
 * struct range_set - one family's ranges, compiled
 * @n: number of ranges (at least one: the first starts at address 0)
 * @keys32: for IPv4, the first address of each range, in Eytzinger order
 *	(1-based: the children of node i are 2i and 2i + 1; an in-order walk
 *	gives ascending addresses); index 0 is unused
 * @keys128: the same for IPv6
 * @vals: the value of each range (or RANGE_NONE), in the same order
 */
struct range_set {
	unsigned int n;
	u32 *keys32;
	struct range_key *keys128;
	u32 *vals;
};

void *jool_range_alloc(size_t size);
void jool_range_free(void *ptr);
void jool_range_resched(void);
void *jool_range_carve(char **at, size_t size);
void jool_range_sort(void *base, size_t num, size_t size,
		     int (*cmp)(const void *, const void *));

struct range_key jool_range_host_mask(unsigned int bits, unsigned int len);
int jool_range_item_cmp(const struct range_item *a, const struct range_item *b);
void jool_range_item_set4(struct range_item *it, __be32 addr, u8 len, u32 idx);
void jool_range_item_set6(struct range_item *it, const struct in6_addr *addr,
			  u8 len, u32 idx);

int jool_range_builder_init(struct range_builder *b, unsigned int bits,
			    unsigned int count);
void jool_range_builder_destroy(struct range_builder *b);
int jool_range_builder_sweep(struct range_builder *b, bool sort, u32 first_new,
			     bool force);

size_t jool_range_set_size(unsigned int bits, unsigned int n);
void jool_range_set_fill(struct range_set *s, const struct range_builder *b,
			 const u32 *map, char **at);

unsigned int jool_range_search(unsigned int n, const struct range_item *want,
			       void (*item)(const void *ctx, unsigned int i,
					    struct range_item *out),
			       const void *ctx, bool *found);

/*
 * Called once per element by the loops of a rebuild (tables may hold
 * hundreds of thousands of elements): every 4096 elements, lets other
 * tasks run (jool_range_resched()).
 */
static inline void jool_range_tick(unsigned int i)
{
	if (!(i % 4096))
		jool_range_resched();
}

static inline struct range_key
jool_range_key_from_in6(const struct in6_addr *addr)
{
	__be64 half[2];
	struct range_key k;

	memcpy(half, addr, sizeof(half));
	k.hi = range_be64_to_cpu(half[0]);
	k.lo = range_be64_to_cpu(half[1]);
	return k;
}

static inline void jool_range_key_to_in6(struct range_key k,
					 struct in6_addr *addr)
{
	__be64 half[2];

	half[0] = range_cpu_to_be64(k.hi);
	half[1] = range_cpu_to_be64(k.lo);
	memcpy(addr, half, sizeof(half));
}

/* @k shifted left by @s bits, 0 <= @s <= 128. */
static inline struct range_key jool_range_key_shl(struct range_key k,
						  unsigned int s)
{
	struct range_key r = { 0, 0 };

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

static inline bool jool_range_key_le(const struct range_key *a,
				     const struct range_key *b)
{
	return a->hi < b->hi || (a->hi == b->hi && a->lo <= b->lo);
}

/*
 * The value of the range @addr is in: the last range start <= @addr. In an
 * Eytzinger tree that is the last node the search turned right at; the
 * turns are the bits of k after its leading one (1: right), so stripping
 * the left turns after the last right one, and that one, gives the node.
 * The first range starts at address 0, so there always is one. The 16
 * descendants of node k four levels down (16k to 16k + 15) fill one cache
 * line, fetched ahead.
 */
static inline u32 jool_range_find32(const struct range_set *s, u32 addr)
{
	const u32 *keys = s->keys32;
	unsigned int n = s->n;
	unsigned int k = 1;

	while (k <= n) {
		if (16 * k <= n)
			range_prefetch(&keys[16 * k]);
		k = 2 * k + (keys[k] <= addr);
	}
	k >>= range_ctz(k) + 1;
	return s->vals[k];
}

/*
 * The same for IPv6. Keys are 16 bytes, so the 16 descendants four levels
 * down are four cache lines.
 */
static inline u32 jool_range_find128(const struct range_set *s,
				     const struct range_key *addr)
{
	const struct range_key *keys = s->keys128;
	unsigned int n = s->n;
	unsigned int k = 1;

	while (k <= n) {
		if (16 * k + 12 <= n) {
			range_prefetch(&keys[16 * k]);
			range_prefetch(&keys[16 * k + 4]);
			range_prefetch(&keys[16 * k + 8]);
			range_prefetch(&keys[16 * k + 12]);
		}
		k = 2 * k + jool_range_key_le(&keys[k], addr);
	}
	k >>= range_ctz(k) + 1;
	return s->vals[k];
}

#endif /* _JOOL_CORE_RANGE_H */
