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
 * NULL is a valid, empty table for every function; "flush" is publishing
 * NULL.
 *
 * Building allocates (kvmalloc() in the kernel: process context only);
 * looking up never allocates or sleeps.
 *
 * The functions are documented (kernel-doc) in src/core/eamt.c.
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

const struct eamt_entry *jool_eamt_6to4(const struct eamt *t,
					const struct in6_addr *a6, __be32 *a4);
const struct eamt_entry *jool_eamt_4to6(const struct eamt *t, __be32 a4,
					struct in6_addr *a6);

int jool_eamt_with_added(const struct eamt *old, const struct eamt_entry *add,
			 unsigned int n, bool force, struct eamt **out,
			 enum jool_cfg_err *why, unsigned int *bad);
int jool_eamt_with_removed(const struct eamt *old,
			   const struct jool_prefix4 *p4,
			   const struct jool_prefix6 *p6, struct eamt **out,
			   enum jool_cfg_err *why);

#endif /* _JOOL_CORE_EAMT_H */
