/* SPDX-License-Identifier: GPL-2.0 */
/*
 * denylist4: IPv4 prefixes whose addresses must not be translated through
 * pool6 (RFC 6052), and the ranges that never are (the implicit rules).
 *
 * Like the EAMT (core/eamt.h), a table is immutable once built: the writer
 * builds a new one (jool_denylist_build(), jool_denylist_with_added(),
 * jool_denylist_with_removed(), which leave the old one alone), publishes it
 * in a new configuration snapshot and frees the old one with
 * jool_denylist_free() once no reader can see it. NULL is a valid, empty table
 * for every function but __jool_denylist_lookup(), which only the inline
 * wrapper calls; "flush" is publishing NULL. Building allocates
 * (kvmalloc() in the kernel: process context only); looking up never
 * allocates, sleeps or locks.
 *
 * The lookup is documented (kernel-doc) here, the rest in
 * src/core/denylist.c.
 */
#ifndef _JOOL_CORE_DENYLIST_H
#define _JOOL_CORE_DENYLIST_H

#include "core/rfc6052.h"

/* A compiled, immutable table. */
struct denylist;

/*
 * The most entries one device's denylist4 may hold. Each addition rebuilds
 * the table (O(n)), so this keeps an addition well under a millisecond and
 * a table under 2 MiB; an administrator needing more wants routes, not a
 * denylist.
 */
#define DENYLIST_MAX_ENTRIES 65536U

enum jool_cfg_err jool_denylist_validate(const struct jool_prefix4 *p);
struct denylist *jool_denylist_build(const struct jool_prefix4 *v,
				     unsigned int n, enum jool_cfg_err *why);
void jool_denylist_free(struct denylist *d);

unsigned int jool_denylist_count(const struct denylist *d);
const struct jool_prefix4 *jool_denylist_get(const struct denylist *d,
					     unsigned int i);
const struct jool_prefix4 *jool_denylist_find(const struct denylist *d,
					      const struct jool_prefix4 *p);
const struct jool_prefix4 *__jool_denylist_lookup(const struct denylist *d,
						  __be32 addr);
const struct jool_prefix4 *jool_denylist_implicit(__be32 addr);

/**
 * jool_denylist_lookup() - is an address in the table?
 * @d: the table, or NULL (empty)
 * @addr: the address, network order
 *
 * O(log n), no locks, no allocation. Inline so that a device without a
 * table (most of them) pays no call.
 *
 * Return: the most specific prefix containing @addr, or NULL.
 */
static inline const struct jool_prefix4 *
jool_denylist_lookup(const struct denylist *d, __be32 addr)
{
	return d ? __jool_denylist_lookup(d, addr) : NULL;
}

int jool_denylist_with_added(const struct denylist *old,
			     const struct jool_prefix4 *p,
			     struct denylist **out, enum jool_cfg_err *why);
int jool_denylist_with_removed(const struct denylist *old,
			       const struct jool_prefix4 *p,
			       struct denylist **out, enum jool_cfg_err *why);

#endif /* _JOOL_CORE_DENYLIST_H */
