/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Explicit Address Mapping Table (RFC 7757).
 *
 * A table is immutable once built. The data path looks addresses up in it
 * without locks (jool_eamt_6to4(), jool_eamt_4to6(): longest prefix match,
 * O(log n)); the writer never changes a published table, it builds a new one
 * (jool_eamt_build(), jool_eamt_with_added(), jool_eamt_with_removed(), which
 * leave the old one alone), publishes it with one pointer swap and frees the
 * old one with jool_eamt_free() once no reader can still see it (after an RCU
 * grace period). Nothing here uses RCU or locks: the caller owns the pointer,
 * the grace period, and the serialization of writers.
 *
 * NULL is a valid, empty table for every function but the out-of-line
 * lookups (__jool_eamt_6to4(), __jool_eamt_4to6()), which only the inline
 * wrappers below call; "flush" is publishing NULL.
 *
 * Building allocates (kvmalloc() in the kernel: process context only);
 * looking up never allocates or sleeps.
 *
 * The lookups are documented (kernel-doc) here, the rest in src/core/eamt.c.
 */
#ifndef _JOOL_CORE_EAMT_H
#define _JOOL_CORE_EAMT_H

#include "core/cfg_err.h"
#include "core/rfc6052.h"

/**
 * struct eamt_entry - one Explicit Address Mapping
 * @p6: the IPv6 prefix
 * @p4: the IPv4 prefix
 *
 * Valid entries (jool_eamt_entry_validate()) have no bits set past either
 * prefix length, and an IPv4 suffix (32 - @p4.len bits) no longer than the
 * IPv6 suffix (128 - @p6.len bits).
 */
struct eamt_entry {
	struct jool_prefix6 p6;
	struct jool_prefix4 p4;
};

/* A compiled, immutable table. */
struct eamt;

/*
 * The most entries a table holds. Every change rebuilds the table, in
 * O(n log n), holding the device's configuration lock: measured in
 * userspace (test/unit, "eamt: one add to N entries"), one add costs about
 * 0.6 us an entry, 40 ms at 65536, and 3.4 s at the 4M entries allowed
 * before. The cap keeps one change of a full table near 50 ms (docs/design.md,
 * "Configuration memory and time"); the memory is charged to the
 * requester's memory cgroup (jool_range_alloc()).
 */
#define EAMT_MAX_ENTRIES 65536U

enum jool_cfg_err jool_eamt_entry_validate(const struct eamt_entry *e);

struct eamt *jool_eamt_build(const struct eamt_entry *entries, unsigned int n);
void jool_eamt_free(struct eamt *t);

unsigned int jool_eamt_count(const struct eamt *t);
const struct eamt_entry *jool_eamt_get(const struct eamt *t, unsigned int i);
const struct eamt_entry *jool_eamt_find4(const struct eamt *t,
					 const struct jool_prefix4 *p4);
const struct eamt_entry *jool_eamt_find6(const struct eamt *t,
					 const struct jool_prefix6 *p6);

const struct eamt_entry *__jool_eamt_6to4(const struct eamt *t,
					  const struct in6_addr *a6,
					  __be32 *a4);
const struct eamt_entry *__jool_eamt_4to6(const struct eamt *t, __be32 a4,
					  struct in6_addr *a6);

/**
 * jool_eamt_6to4() - translate an IPv6 address through the EAMT
 * @t: the table, or NULL (empty)
 * @a6: the IPv6 address
 * @a4: out: its IPv4 translation; untouched if there is none
 *
 * The entry with the longest IPv6 prefix covering @a6 is used: the IPv4
 * address is its IPv4 prefix followed by the 32 - len4 bits of @a6 right
 * after the IPv6 prefix; later bits of @a6 are ignored (RFC 7757 section 3).
 * Lock-free, O(log n). Inline so that a device without a table (most of
 * them) pays no call.
 *
 * Return: the entry used, or NULL if none covers @a6.
 */
static inline const struct eamt_entry *
jool_eamt_6to4(const struct eamt *t, const struct in6_addr *a6, __be32 *a4)
{
	return t ? __jool_eamt_6to4(t, a6, a4) : NULL;
}

/**
 * jool_eamt_4to6() - translate an IPv4 address through the EAMT
 * @t: the table, or NULL (empty)
 * @a4: the IPv4 address
 * @a6: out: its IPv6 translation; untouched if there is none
 *
 * The entry with the longest IPv4 prefix covering @a4 is used: the IPv6
 * address is its IPv6 prefix followed by the 32 - len4 suffix bits of @a4,
 * and zeros after them if the IPv6 suffix is longer (RFC 7757 section 3).
 * Lock-free, O(log n). Inline like jool_eamt_6to4().
 *
 * Return: the entry used, or NULL if none covers @a4.
 */
static inline const struct eamt_entry *
jool_eamt_4to6(const struct eamt *t, __be32 a4, struct in6_addr *a6)
{
	return t ? __jool_eamt_4to6(t, a4, a6) : NULL;
}

int jool_eamt_with_added(const struct eamt *old, const struct eamt_entry *add,
			 unsigned int n, bool force, struct eamt **out,
			 enum jool_cfg_err *why, unsigned int *bad);
int jool_eamt_with_removed(const struct eamt *old,
			   const struct jool_prefix4 *p4,
			   const struct jool_prefix6 *p6, struct eamt **out,
			   enum jool_cfg_err *why);

#endif /* _JOOL_CORE_EAMT_H */
