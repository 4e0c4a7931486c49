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
 * Data structure: the entries, sorted by IPv4 prefix (the dump order),
 * the order of their IPv6 prefixes, and one prefix-range table a family
 * (core/range.h): a lookup is one binary search, O(log n), whatever the
 * prefix lengths and however entries nest.
 */
#include "core/eamt.h"
#include "core/range.h"

#ifdef __KERNEL__
#include <linux/errno.h>
#else
#include <errno.h>
#endif

struct eamt {
	unsigned int count;
	/* @count entries, sorted by IPv4 prefix: the dump order. */
	struct eamt_entry *entries;
	/* @count indexes of @entries, sorted by IPv6 prefix. */
	u32 *order6;
	/* The ranges; their values are indexes of @entries. */
	struct range_set r4;
	struct range_set r6;
};

/**
 * jool_eamt_entry_validate() - check an EAM before it goes into a table
 * @e: the candidate
 *
 * Both prefixes must have no bits set past their lengths, and the IPv4
 * suffix (32 - IPv4 length) must not be longer than the IPv6 suffix
 * (128 - IPv6 length): RFC 7757 section 3.
 *
 * Return: JOOL_CFG_OK if @e is usable, else why not.
 */
enum jool_cfg_err jool_eamt_entry_validate(const struct eamt_entry *e)
{
	struct range_key k, m;

	if (e->p4.len > 32)
		return JOOL_CFG_EAM_LEN4;
	if (e->p6.len > 128)
		return JOOL_CFG_EAM_LEN6;
	m = jool_range_host_mask(32, e->p4.len);
	if (ntohl(e->p4.addr) & m.lo)
		return JOOL_CFG_EAM_HOST4;
	m = jool_range_host_mask(128, e->p6.len);
	k = jool_range_key_from_in6(&e->p6.addr);
	if ((k.hi & m.hi) || (k.lo & m.lo))
		return JOOL_CFG_EAM_HOST6;
	if (32 - e->p4.len > 128 - e->p6.len)
		return JOOL_CFG_EAM_SUFFIX;
	return JOOL_CFG_OK;
}

/*
 * Sorts and sweeps the IPv4 (@bits 32) or IPv6 (128) prefixes of @n
 * entries into @b (initialized here; the caller destroys it). On a clash
 * says why, and which entry from @first_new on is the culprit.
 */
static int eamt_sweep(struct range_builder *b, unsigned int bits,
		      const struct eamt_entry *in, unsigned int n,
		      u32 first_new, bool force, enum jool_cfg_err *why,
		      unsigned int *bad)
{
	unsigned int i;
	int err;

	err = jool_range_builder_init(b, bits, n);
	if (err)
		return err;
	for (i = 0; i < n; i++) {
		jool_range_tick(i);
		if (bits == 32)
			jool_range_item_set4(&b->items[i], in[i].p4.addr,
					     in[i].p4.len, i);
		else
			jool_range_item_set6(&b->items[i], &in[i].p6.addr,
					     in[i].p6.len, i);
	}
	err = jool_range_builder_sweep(b, true, first_new, force);
	if (!err)
		return 0;
	if (bits == 32)
		*why = b->dup ? JOOL_CFG_EAMT_DUP4 : JOOL_CFG_EAMT_OVERLAP4;
	else
		*why = b->dup ? JOOL_CFG_EAMT_DUP6 : JOOL_CFG_EAMT_OVERLAP6;
	*bad = b->bad - first_new;
	return err;
}

/* The table of the @n entries @in, swept into @b4 and @b6. */
static struct eamt *eamt_assemble(const struct eamt_entry *in, unsigned int n,
				  const struct range_builder *b4,
				  const struct range_builder *b6)
{
	struct eamt *t;
	unsigned int i;
	char *at;

	/* One allocation holds the header and every array. */
	t = jool_range_alloc(sizeof(*t) + 2 * RANGE_ALIGN +
			     n * (sizeof(*t->entries) + sizeof(*t->order6)) +
			     jool_range_set_size(32, b4->n) +
			     jool_range_set_size(128, b6->n));
	if (!t)
		return NULL;
	at = (char *)(t + 1);
	t->count = n;
	t->entries = jool_range_carve(&at, n * sizeof(*t->entries));
	t->order6 = jool_range_carve(&at, n * sizeof(*t->order6));
	for (i = 0; i < n; i++) {
		jool_range_tick(i);
		t->entries[b4->pos[i]] = in[i];
		t->order6[i] = b4->pos[b6->items[i].idx];
	}
	/* IPv4 positions are entry indexes; IPv6 ones go through order6. */
	jool_range_set_fill(&t->r6, b6, t->order6, &at);
	jool_range_set_fill(&t->r4, b4, NULL, &at);
	return t;
}

/*
 * Compiles @n valid entries into a new table. Entries from index
 * @first_new on are being added: they must not equal any other entry's
 * prefix, nor overlap one unless @force.
 */
static int eamt_compile(const struct eamt_entry *in, unsigned int n,
			u32 first_new, bool force, struct eamt **out,
			enum jool_cfg_err *why, unsigned int *bad)
{
	struct range_builder b4, b6;
	int err;

	if (n > EAMT_MAX_ENTRIES) {
		*why = JOOL_CFG_EAMT_FULL;
		return -ENOSPC;
	}
	memset(&b6, 0, sizeof(b6));
	err = eamt_sweep(&b4, 32, in, n, first_new, force, why, bad);
	if (!err)
		err = eamt_sweep(&b6, 128, in, n, first_new, force, why, bad);
	if (!err) {
		*out = eamt_assemble(in, n, &b4, &b6);
		if (!*out)
			err = -ENOMEM;
	}
	jool_range_builder_destroy(&b4);
	jool_range_builder_destroy(&b6);
	return err;
}

/**
 * jool_eamt_build() - compile entries into a new table
 * @entries: @n entries, each valid (jool_eamt_entry_validate()); their order
 *	does not matter. Overlapping prefixes are fine (the longest match
 *	wins); of identical prefixes, one is used.
 * @n: number of entries, 0 for an empty table
 *
 * For a writer building a whole table at once. Process context.
 *
 * Return: the table (free with jool_eamt_free()), or NULL if out of memory, if
 * @n is over %EAMT_MAX_ENTRIES or if an entry is invalid.
 */
struct eamt *jool_eamt_build(const struct eamt_entry *entries, unsigned int n)
{
	struct eamt *t = NULL;
	enum jool_cfg_err why;
	unsigned int bad;
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (jool_eamt_entry_validate(&entries[i]))
			return NULL;
	}
	if (eamt_compile(entries, n, n, true, &t, &why, &bad))
		return NULL;
	return t;
}

/**
 * jool_eamt_free() - free a table
 * @t: the table, or NULL
 *
 * The caller makes sure no reader can still see @t (an RCU grace period).
 * Fine from an RCU callback: in interrupt context, kvfree() defers the
 * release of a vmalloc()ed area.
 */
void jool_eamt_free(struct eamt *t)
{
	jool_range_free(t);
}

/**
 * jool_eamt_count() - number of entries
 * @t: the table, or NULL (empty)
 *
 * Return: how many entries @t has.
 */
unsigned int jool_eamt_count(const struct eamt *t)
{
	return t ? t->count : 0;
}

/**
 * jool_eamt_get() - the entry at a position, for dumps
 * @t: the table, or NULL (empty)
 * @i: position, 0 to jool_eamt_count() - 1
 *
 * Entries are ordered by IPv4 prefix (address, then length), whatever the
 * order they were added in, so a dump cursor may be an index, or the last
 * IPv4 prefix dumped.
 *
 * Return: the entry, or NULL if @i is out of range.
 */
const struct eamt_entry *jool_eamt_get(const struct eamt *t, unsigned int i)
{
	return i < jool_eamt_count(t) ? &t->entries[i] : NULL;
}

static void eamt_item4(const void *ctx, unsigned int i,
		       struct range_item *out)
{
	const struct eamt *t = ctx;

	jool_range_item_set4(out, t->entries[i].p4.addr, t->entries[i].p4.len,
			     i);
}

static void eamt_item6(const void *ctx, unsigned int i,
		       struct range_item *out)
{
	const struct eamt *t = ctx;
	const struct eamt_entry *e = &t->entries[t->order6[i]];

	jool_range_item_set6(out, &e->p6.addr, e->p6.len, i);
}

/**
 * jool_eamt_find4() - the entry whose IPv4 prefix is exactly @p4
 * @t: the table, or NULL (empty)
 * @p4: the prefix (address and length)
 *
 * Return: the entry, or NULL if none has that IPv4 prefix.
 */
const struct eamt_entry *jool_eamt_find4(const struct eamt *t,
					 const struct jool_prefix4 *p4)
{
	struct range_item want;
	unsigned int i;
	bool found;

	jool_range_item_set4(&want, p4->addr, p4->len, 0);
	i = jool_range_search(jool_eamt_count(t), &want, eamt_item4, t, &found);
	return found ? &t->entries[i] : NULL;
}

/**
 * jool_eamt_find6() - the entry whose IPv6 prefix is exactly @p6
 * @t: the table, or NULL (empty)
 * @p6: the prefix (address and length)
 *
 * Return: the entry, or NULL if none has that IPv6 prefix.
 */
const struct eamt_entry *jool_eamt_find6(const struct eamt *t,
					 const struct jool_prefix6 *p6)
{
	struct range_item want;
	unsigned int i;
	bool found;

	jool_range_item_set6(&want, &p6->addr, p6->len, 0);
	i = jool_range_search(jool_eamt_count(t), &want, eamt_item6, t, &found);
	return found ? &t->entries[t->order6[i]] : NULL;
}

/* The entry of a range's value, NULL for RANGE_NONE. */
static const struct eamt_entry *eamt_at(const struct eamt *t, u32 val)
{
	return val == RANGE_NONE ? NULL : &t->entries[val];
}

/* jool_eamt_6to4() on a table that exists (include/core/eamt.h). */
const struct eamt_entry *__jool_eamt_6to4(const struct eamt *t,
					  const struct in6_addr *a6,
					  __be32 *a4)
{
	struct range_key k = jool_range_key_from_in6(a6);
	const struct eamt_entry *e = eamt_at(t, jool_range_find128(&t->r6, &k));

	if (e) {
		/* 32 - len4 <= 128 - len6 (validated): bits left to take. */
		k = jool_range_key_shl(k, e->p6.len);
		*a4 = e->p4.addr | htonl((u32)((k.hi >> 32) >> e->p4.len));
	}
	return e;
}

/* jool_eamt_4to6() on a table that exists (include/core/eamt.h). */
const struct eamt_entry *__jool_eamt_4to6(const struct eamt *t, __be32 a4,
					  struct in6_addr *a6)
{
	u32 addr = ntohl(a4);
	const struct eamt_entry *e = eamt_at(t, jool_range_find32(&t->r4, addr));
	struct range_key k, suffix = { 0, 0 };

	if (!e)
		return NULL;
	/* The suffix's top bit lands on bit len6 (validation: shift >= 0). */
	suffix.lo = addr & (0xffffffffULL >> e->p4.len);
	suffix = jool_range_key_shl(suffix, 128 - e->p6.len - (32 - e->p4.len));
	k = jool_range_key_from_in6(&e->p6.addr);
	k.hi |= suffix.hi;
	k.lo |= suffix.lo;
	jool_range_key_to_in6(k, a6);
	return e;
}

/**
 * jool_eamt_with_added() - a new table: @old plus some entries
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
int jool_eamt_with_added(const struct eamt *old, const struct eamt_entry *add,
			 unsigned int n, bool force, struct eamt **out,
			 enum jool_cfg_err *why, unsigned int *bad)
{
	unsigned int count = jool_eamt_count(old);
	struct eamt_entry *all;
	unsigned int i;
	int error;

	for (i = 0; i < n; i++) {
		*why = jool_eamt_entry_validate(&add[i]);
		if (*why) {
			*bad = i;
			return -EINVAL;
		}
	}
	if (n > EAMT_MAX_ENTRIES - count) {
		*why = JOOL_CFG_EAMT_FULL;
		return -ENOSPC;
	}

	/* + 1: never ask for zero bytes. */
	all = jool_range_alloc(((size_t)count + n) * sizeof(*all) + 1);
	if (!all)
		return -ENOMEM;
	if (count)
		memcpy(all, old->entries, count * sizeof(*all));
	if (n)
		memcpy(all + count, add, n * sizeof(*all));
	error = eamt_compile(all, count + n, count, force, out, why, bad);
	jool_range_free(all);
	return error;
}

/**
 * jool_eamt_with_removed() - a new table: @old less one entry
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
int jool_eamt_with_removed(const struct eamt *old,
			   const struct jool_prefix4 *p4,
			   const struct jool_prefix6 *p6, struct eamt **out,
			   enum jool_cfg_err *why)
{
	const struct eamt_entry *e4 = NULL;
	const struct eamt_entry *e6 = NULL;
	const struct eamt_entry *e;
	unsigned int count = jool_eamt_count(old);
	struct eamt_entry *rest;
	unsigned int skip;
	unsigned int bad;
	int error;

	if (!p4 && !p6) {
		*why = JOOL_CFG_EAMT_DEL_NONE;
		return -EINVAL;
	}
	if (p4) {
		e4 = jool_eamt_find4(old, p4);
		if (!e4) {
			*why = JOOL_CFG_EAMT_DEL_NO4;
			return -ESRCH;
		}
	}
	if (p6) {
		e6 = jool_eamt_find6(old, p6);
		if (!e6) {
			*why = JOOL_CFG_EAMT_DEL_NO6;
			return -ESRCH;
		}
	}
	if (e4 && e6 && e4 != e6) {
		*why = JOOL_CFG_EAMT_DEL_APART;
		return -ESRCH;
	}
	e = e4 ? e4 : e6;
	skip = (unsigned int)(e - old->entries);

	rest = jool_range_alloc(count * sizeof(*rest));
	if (!rest)
		return -ENOMEM;
	memcpy(rest, old->entries, skip * sizeof(*rest));
	memcpy(rest + skip, old->entries + skip + 1,
	       (count - skip - 1) * sizeof(*rest));
	error = eamt_compile(rest, count - 1, count - 1, true, out, why, &bad);
	jool_range_free(rest);
	return error;
}
