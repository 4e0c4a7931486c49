// SPDX-License-Identifier: GPL-2.0
/*
 * pool4 (include/core/pool4.h): the NAT64's IPv4 transport addresses.
 *
 * Data structure, one allocation per table:
 *  - @sets, sorted by (protocol, mark): each names a slice of @entries;
 *  - @entries: every set's (address, first port, last port), sorted by
 *    (address, first port) within the set, ranges of one address merged;
 *  - @before: per entry, the transport addresses of the set's earlier
 *    entries (a prefix sum), so that the n-th transport address of a set
 *    is one binary search away;
 *  - @member: the union of every set of a protocol (marks forgotten), as a
 *    prefix-range table of core/range.h over 64-bit keys
 *    protocol << 48 | address << 16 | port, whose ranges alternate "in
 *    pool4" and "not": the IPv4 -> IPv6 membership test is one Eytzinger
 *    search. Pool4's intervals are not prefixes, so the range builder's
 *    sweep does not apply; they are merged here and laid out with
 *    jool_range_set_fill().
 *
 * Every change expands its prefix into one entry per address and rebuilds
 * the table from the sorted, merged list of entries.
 */
#include "core/pool4.h"
#include "core/range.h"

#ifdef __KERNEL__
#include <linux/errno.h>
#else
#include <errno.h>
#endif

/* One entry; the address in host order. */
struct p4entry {
	u32 addr;
	u16 min;
	u16 max;
};

struct pool4 {
	unsigned int nsets;
	struct pool4_set *sets;
	unsigned int count;
	struct p4entry *entries;
	u64 *before;
	struct range_set member;
};

/* An entry while a table is built, with its set's identity. */
struct p4row {
	u32 mark;
	u32 addr;
	u16 min;
	u16 max;
	u8 proto;
};

/* Interval of membership keys while a table is built. */
struct p4span {
	u64 start;
	u64 end;
};

static const u8 protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP };

/* The index of IPPROTO_* @proto (0-2), or -1. */
static int proto_index(u8 proto)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(protos); i++) {
		if (protos[i] == proto)
			return i;
	}
	return -1;
}

static u32 mask_of(unsigned int len)
{
	return len ? 0xffffffffU << (32 - len) : 0;
}

static int cmp3(u64 a, u64 b)
{
	return a < b ? -1 : a > b;
}

static int row_cmp(const void *va, const void *vb)
{
	const struct p4row *a = va, *b = vb;

	return cmp3(a->proto, b->proto) ?: cmp3(a->mark, b->mark) ?:
	       cmp3(a->addr, b->addr) ?: cmp3(a->min, b->min) ?:
	       cmp3(a->max, b->max);
}

static int span_cmp(const void *va, const void *vb)
{
	const struct p4span *a = va, *b = vb;

	return cmp3(a->start, b->start) ?: cmp3(a->end, b->end);
}

/**
 * jool_pool4_free() - free a table
 * @p: the table, or NULL
 */
void jool_pool4_free(struct pool4 *p)
{
	jool_range_free(p);
}

/* "auto": about 1% of the set, within Jool's bounds. */
static u32 auto_iterations(u64 taddrs)
{
	u64 n = taddrs >> 7;

	if (n < POOL4_AUTO_MIN_ITERATIONS)
		return POOL4_AUTO_MIN_ITERATIONS;
	if (n > POOL4_AUTO_MAX_ITERATIONS)
		return POOL4_AUTO_MAX_ITERATIONS;
	return n;
}

/* The last of the @nc changes @c that sets the iterations of a set. */
static const struct pool4_change *change_covers(const struct pool4_change *c,
						unsigned int nc, u8 proto,
						u32 mark)
{
	while (nc--) {
		if (c[nc].iter_set && (c[nc].protos & (1 << proto)) &&
		    c[nc].mark == mark)
			return &c[nc];
	}
	return NULL;
}

/*
 * The max-iterations of set @s: from the last of the @nc changes @c that
 * sets it, else its old self, else auto.
 */
static void set_iterations(struct pool4_set *s, const struct pool4 *old,
			   const struct pool4_change *c, unsigned int nc)
{
	const struct pool4_change *by = change_covers(c, nc, s->proto, s->mark);
	const struct pool4_set *o;

	s->iter_mode = JOOL_POOL4_ITER_AUTO;
	s->iter_fixed = 0;
	if (by) {
		s->iter_mode = by->iter_mode;
		s->iter_fixed = by->iterations;
	} else {
		o = jool_pool4_set_find(old, protos[s->proto], s->mark);
		if (o) {
			s->iter_mode = o->iter_mode;
			s->iter_fixed = o->iter_fixed;
		}
	}
	if (s->iter_mode == JOOL_POOL4_ITER_FIXED)
		s->iterations = s->iter_fixed;
	else if (s->iter_mode == JOOL_POOL4_ITER_INFINITE)
		s->iterations = 0;
	else
		s->iterations = auto_iterations(s->taddrs);
}

/* Lays out @p's sets, entries and prefix sums from the @n sorted @rows. */
static void fill_sets(struct pool4 *p, const struct p4row *rows,
		      unsigned int n, const struct pool4 *old,
		      const struct pool4_change *c, unsigned int nc)
{
	struct pool4_set *s = NULL;
	unsigned int i;

	p->nsets = 0;
	for (i = 0; i < n; i++) {
		const struct p4row *r = &rows[i];

		jool_range_tick(i);
		if (!s || s->proto != r->proto || s->mark != r->mark) {
			if (s)
				set_iterations(s, old, c, nc);
			s = &p->sets[p->nsets++];
			memset(s, 0, sizeof(*s));
			s->mark = r->mark;
			s->proto = r->proto;
			s->first = i;
		}
		p->entries[i].addr = r->addr;
		p->entries[i].min = r->min;
		p->entries[i].max = r->max;
		p->before[i] = s->taddrs;
		s->count++;
		s->taddrs += (u64)r->max - r->min + 1;
	}
	set_iterations(s, old, c, nc);
}

static u64 span_key(u8 proto, u32 addr, u16 port)
{
	return (u64)proto << 48 | (u64)addr << 16 | port;
}

/*
 * The membership ranges of the @n rows, into @keys and @vals (room for
 * 2n + 1; @spans is scratch for n): the spans sorted and merged, each
 * starting a range "in pool4" (0) and ending one that is not (RANGE_NONE),
 * from key 0 on. Returns how many ranges.
 */
static unsigned int member_ranges(const struct p4row *rows, unsigned int n,
				  struct p4span *spans, struct range_key *keys,
				  u32 *vals)
{
	unsigned int i, m = 0, k = 0;

	for (i = 0; i < n; i++) {
		jool_range_tick(i);
		spans[i].start = span_key(rows[i].proto, rows[i].addr,
					  rows[i].min);
		spans[i].end = span_key(rows[i].proto, rows[i].addr,
					rows[i].max);
	}
	jool_range_sort(spans, n, sizeof(*spans), span_cmp);
	for (i = 0; i < n; i++) {
		if (m && spans[i].start <= spans[m - 1].end + 1) {
			if (spans[i].end > spans[m - 1].end)
				spans[m - 1].end = spans[i].end;
			continue;
		}
		spans[m++] = spans[i];
	}
	if (spans[0].start) {
		keys[k].hi = 0;
		keys[k].lo = 0;
		vals[k++] = RANGE_NONE;
	}
	for (i = 0; i < m; i++) {
		keys[k].hi = 0;
		keys[k].lo = spans[i].start;
		vals[k++] = 0;
		/* Protocol indexes are < 3: end + 1 never wraps. */
		keys[k].hi = 0;
		keys[k].lo = spans[i].end + 1;
		vals[k++] = RANGE_NONE;
	}
	return k;
}

/*
 * A table of the @n rows, sorted by row_cmp() and merged (NULL if @n is
 * 0); max-iterations from the @nc changes @c, else from @old.
 */
static int compile(const struct p4row *rows, unsigned int n,
		   const struct pool4 *old, const struct pool4_change *c,
		   unsigned int nc, struct pool4 **out)
{
	struct range_builder b;
	unsigned int nsets = 0, i;
	struct p4span *spans;
	struct pool4 *p;
	char *at;

	*out = NULL;
	if (!n)
		return 0;
	for (i = 0; i < n; i++)
		nsets += !i || rows[i - 1].proto != rows[i].proto ||
			 rows[i - 1].mark != rows[i].mark;
	/* The scratch: spans, then the builder's keys and values. */
	memset(&b, 0, sizeof(b));
	b.bits = 128;
	at = jool_range_alloc(3 * RANGE_ALIGN + n * sizeof(*spans) +
			      (2 * (size_t)n + 1) *
			      (sizeof(*b.keys) + sizeof(*b.vals)));
	if (!at)
		return -ENOMEM;
	b.mem = at;
	spans = jool_range_carve(&at, n * sizeof(*spans));
	b.keys = jool_range_carve(&at, (2 * (size_t)n + 1) * sizeof(*b.keys));
	b.vals = jool_range_carve(&at, (2 * (size_t)n + 1) * sizeof(*b.vals));
	b.n = member_ranges(rows, n, spans, b.keys, b.vals);

	p = jool_range_alloc(sizeof(*p) + 3 * RANGE_ALIGN +
			     nsets * sizeof(*p->sets) +
			     n * (sizeof(*p->entries) + sizeof(*p->before)) +
			     jool_range_set_size(128, b.n));
	if (p) {
		at = (char *)(p + 1);
		p->count = n;
		p->sets = jool_range_carve(&at, nsets * sizeof(*p->sets));
		p->entries = jool_range_carve(&at, n * sizeof(*p->entries));
		p->before = jool_range_carve(&at, n * sizeof(*p->before));
		fill_sets(p, rows, n, old, c, nc);
		jool_range_set_fill(&p->member, &b, NULL, &at);
	}
	jool_range_builder_destroy(&b);
	*out = p;
	return p ? 0 : -ENOMEM;
}

/* Sorts the @n rows and merges the touching ranges of an address. */
static unsigned int sort_merge(struct p4row *rows, unsigned int n)
{
	unsigned int i, m = 0;

	jool_range_sort(rows, n, sizeof(*rows), row_cmp);
	for (i = 0; i < n; i++) {
		struct p4row *last = m ? &rows[m - 1] : NULL;

		if (last && last->proto == rows[i].proto &&
		    last->mark == rows[i].mark && last->addr == rows[i].addr &&
		    rows[i].min <= (u32)last->max + 1) {
			if (rows[i].max > last->max)
				last->max = rows[i].max;
			continue;
		}
		rows[m++] = rows[i];
	}
	return m;
}

/* The old table's entries as rows, into @rows (room for the count). */
static void old_rows(const struct pool4 *p, struct p4row *rows)
{
	unsigned int s, i;

	for (s = 0; p && s < p->nsets; s++) {
		for (i = p->sets[s].first;
		     i < p->sets[s].first + p->sets[s].count; i++) {
			rows[i].proto = p->sets[s].proto;
			rows[i].mark = p->sets[s].mark;
			rows[i].addr = p->entries[i].addr;
			rows[i].min = p->entries[i].min;
			rows[i].max = p->entries[i].max;
		}
	}
}

static enum jool_cfg_err validate_common(struct pool4_change *c)
{
	u16 t;

	if (c->prefix.len > 32)
		return JOOL_CFG_POOL4_LEN;
	if (ntohl(c->prefix.addr) & ~mask_of(c->prefix.len))
		return JOOL_CFG_POOL4_HOST;
	if (!c->protos || (c->protos & ~POOL4_ALL))
		return JOOL_CFG_POOL4_PROTO;
	if (c->min > c->max) {
		/* "3000-1" is "1-3000", as in Jool. */
		t = c->min;
		c->min = c->max;
		c->max = t;
	}
	return JOOL_CFG_OK;
}

/* The checks of an addition; @c's port range normalized. */
static enum jool_cfg_err validate_add(struct pool4_change *c)
{
	enum jool_cfg_err why = validate_common(c);
	bool l4 = c->protos & (POOL4_TCP | POOL4_UDP);

	if (why)
		return why;
	if (c->iter_set && (c->iter_mode > JOOL_POOL4_ITER_MAX ||
			    (c->iter_mode == JOOL_POOL4_ITER_FIXED &&
			     !c->iterations)))
		return JOOL_CFG_POOL4_ITER0;
	if (c->prefix.len < POOL4_FORCE_LEN && !c->force)
		return JOOL_CFG_POOL4_BIG;
	if (l4 && !c->max)
		return JOOL_CFG_POOL4_PORT0;
	if (l4 && !c->force && c->eph_max && c->eph_min <= c->max &&
	    (c->min ? c->min : 1) <= c->eph_max)
		return JOOL_CFG_POOL4_EPHEMERAL;
	return JOOL_CFG_OK;
}

/* How many entries @c adds, at most; *@why set if it is refused. */
static u64 added_rows(const struct pool4_change *c, enum jool_cfg_err *why)
{
	struct pool4_change chg = *c;

	*why = validate_add(&chg);
	if (*why)
		return 0;
	return (1ULL << (32 - chg.prefix.len)) *
	       ((chg.protos & 1) + (chg.protos >> 1 & 1) +
		(chg.protos >> 2 & 1));
}

/* The rows of @c, from @rows[*@m] on. */
static void expand(const struct pool4_change *c, struct p4row *rows,
		   unsigned int *m)
{
	struct pool4_change chg = *c;
	unsigned int i;
	u64 a, addrs;

	validate_add(&chg);
	addrs = 1ULL << (32 - chg.prefix.len);
	for (i = 0; i < ARRAY_SIZE(protos); i++) {
		if (!(chg.protos & (1 << i)))
			continue;
		for (a = 0; a < addrs; a++, (*m)++) {
			jool_range_tick(*m);
			memset(&rows[*m], 0, sizeof(rows[*m]));
			rows[*m].proto = i;
			rows[*m].mark = chg.mark;
			rows[*m].addr = ntohl(chg.prefix.addr) + (u32)a;
			rows[*m].min = (!chg.min && protos[i] != IPPROTO_ICMP) ?
				       1 : chg.min;
			rows[*m].max = chg.max;
		}
	}
}

/**
 * jool_pool4_with_added() - a new table: @old plus ranges of addresses
 * @old: the current table, or NULL; not changed
 * @c: the additions, in order: each address of @c[i].prefix, ports
 *	@c[i].min to @c[i].max (swapped if reversed; port 0 left out of TCP
 *	and UDP), joins the set of each protocol of @c[i].protos and mark
 *	@c[i].mark, merging with what that address has there already; the
 *	last to give a set's max-iterations sets it
 * @nc: how many (at least 1)
 * @out: out: the new table
 * @why: out: on failure, the reason, or JOOL_CFG_OK if it was memory
 * @bad: out: on -EINVAL or -ENOSPC, the index in @c of the addition at
 *	fault
 *
 * One build, whatever @nc: as adding each in turn, but in about
 * O(n log n) for n entries. Marks may share transport addresses (as in
 * Jool): the BIB, not pool4, keeps one transport address to one client.
 *
 * Return: 0; -EINVAL (see @why), -ENOSPC (%POOL4_MAX_ENTRIES) or -ENOMEM.
 */
int jool_pool4_with_added(const struct pool4 *old,
			  const struct pool4_change *c, unsigned int nc,
			  struct pool4 **out, enum jool_cfg_err *why,
			  unsigned int *bad)
{
	unsigned int n = jool_pool4_count(old), m, i;
	u64 fresh = 0;
	struct p4row *rows;
	int err;

	*bad = 0;
	for (i = 0; i < nc; i++) {
		fresh += added_rows(&c[i], why);
		if (*why) {
			*bad = i;
			return -EINVAL;
		}
		if (n + fresh > POOL4_MAX_ENTRIES) {
			*why = JOOL_CFG_POOL4_FULL;
			*bad = i;
			return -ENOSPC;
		}
	}
	rows = jool_range_alloc((n + fresh) * sizeof(*rows));
	if (!rows)
		return -ENOMEM;
	old_rows(old, rows);
	m = n;
	for (i = 0; i < nc; i++)
		expand(&c[i], rows, &m);
	m = sort_merge(rows, m);
	err = compile(rows, m, old, c, nc, out);
	jool_range_free(rows);
	return err;
}

/*
 * Row @r minus the ports of @c, into @out (0, 1 or 2 rows). Returns how
 * many rows, and sets *@hit if @c took something.
 */
static unsigned int subtract(const struct p4row *r,
			     const struct pool4_change *c, struct p4row *out,
			     bool *hit)
{
	u32 mask = mask_of(c->prefix.len);
	unsigned int k = 0;

	if (!(c->protos & (1 << r->proto)) || r->mark != c->mark ||
	    (r->addr & mask) != ntohl(c->prefix.addr) ||
	    r->max < c->min || r->min > c->max) {
		out[0] = *r;
		return 1;
	}
	*hit = true;
	if (r->min < c->min) {
		out[k] = *r;
		out[k++].max = c->min - 1;
	}
	if (r->max > c->max) {
		out[k] = *r;
		out[k++].min = c->max + 1;
	}
	return k;
}

/**
 * jool_pool4_with_removed() - a new table: @old without some addresses
 * @old: the current table, or NULL; not changed
 * @c: the removal: ports @c->min to @c->max (swapped if reversed) of the
 *	addresses of @c->prefix, from the sets of @c->protos and @c->mark;
 *	a set left empty goes, and its max-iterations with it
 * @out: out: the new table (NULL if it is empty)
 * @why: out: on failure, the reason, or JOOL_CFG_OK
 *
 * Return: 0, -EINVAL, -ESRCH (nothing matched) or -ENOMEM.
 */
int jool_pool4_with_removed(const struct pool4 *old,
			    const struct pool4_change *c, struct pool4 **out,
			    enum jool_cfg_err *why)
{
	unsigned int n = jool_pool4_count(old), m = 0, i;
	struct pool4_change chg = *c;
	struct p4row *rows;
	bool hit = false;
	int err;

	*why = validate_common(&chg);
	if (*why)
		return -EINVAL;
	/* Each row may split in two: n at the front, 2n behind. */
	rows = jool_range_alloc(3 * (size_t)n * sizeof(*rows) + 1);
	if (!rows)
		return -ENOMEM;
	old_rows(old, rows);
	for (i = 0; i < n; i++) {
		jool_range_tick(i);
		m += subtract(&rows[i], &chg, &rows[n + m], &hit);
	}
	err = -ESRCH;
	if (hit)
		err = compile(rows + n, m, old, NULL, 0, out);
	else
		*why = JOOL_CFG_POOL4_ABSENT;
	jool_range_free(rows);
	return err;
}

/**
 * jool_pool4_count() - the number of entries, for dumps
 * @p: the table, or NULL (empty)
 *
 * Return: the count.
 */
unsigned int jool_pool4_count(const struct pool4 *p)
{
	return p ? p->count : 0;
}

/**
 * jool_pool4_get() - the entry at a position, for dumps
 * @p: the table
 * @i: position, 0 to jool_pool4_count() - 1; entries are ordered by
 *	protocol (TCP, UDP, ICMP), mark, address and port
 * @row: out: the entry and its set's settings
 */
void jool_pool4_get(const struct pool4 *p, unsigned int i,
		    struct pool4_row *row)
{
	unsigned int lo = 0, hi = p->nsets - 1, mid;
	const struct pool4_set *s;

	/* The last set whose first entry is <= i. */
	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		if (p->sets[mid].first <= i)
			lo = mid;
		else
			hi = mid - 1;
	}
	s = &p->sets[lo];
	memset(row, 0, sizeof(*row));
	row->proto = protos[s->proto];
	row->mark = s->mark;
	row->iter_mode = s->iter_mode;
	row->iterations = s->iterations;
	row->addr = htonl(p->entries[i].addr);
	row->min = p->entries[i].min;
	row->max = p->entries[i].max;
}

/**
 * jool_pool4_contains() - is a transport address in pool4 (any mark)?
 * @p: the table, or NULL (empty)
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP (others: never)
 * @addr: the address, network order
 * @port: the port (ICMP: the identifier)
 *
 * O(log n), no locks, no allocation: for the IPv4 -> IPv6 direction.
 *
 * Return: whether it is.
 */
bool jool_pool4_contains(const struct pool4 *p, u8 proto, __be32 addr,
			 u16 port)
{
	int idx = proto_index(proto);
	struct range_key k;

	if (!p || idx < 0)
		return false;
	k.hi = 0;
	k.lo = span_key(idx, ntohl(addr), port);
	return jool_range_find128(&p->member, &k) != RANGE_NONE;
}

/**
 * jool_pool4_set_find() - the set of a protocol and a mark
 * @p: the table, or NULL (empty)
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP
 * @mark: the packet's mark
 *
 * O(log n) in the number of sets.
 *
 * Return: the set, or NULL (no transport address for such packets).
 */
const struct pool4_set *jool_pool4_set_find(const struct pool4 *p, u8 proto,
					    u32 mark)
{
	int idx = proto_index(proto);
	unsigned int lo = 0, hi, mid;
	const struct pool4_set *s;

	if (!p || idx < 0)
		return NULL;
	hi = p->nsets;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		s = &p->sets[mid];
		if (s->proto == idx && s->mark == mark)
			return s;
		if (s->proto < idx || (s->proto == idx && s->mark < mark))
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void cursor_at(const struct pool4 *p, u32 entry, u16 port,
		      struct pool4_cursor *c)
{
	c->entry = entry;
	c->addr = htonl(p->entries[entry].addr);
	c->port = port;
}

/**
 * jool_pool4_cursor_seek() - the @offset-th transport address of a set
 * @p: the table
 * @s: one of its sets
 * @offset: any number (RFC 6056's F() output), taken modulo the set's
 *	number of transport addresses
 * @c: out: the position
 *
 * O(log n) in the set's entries.
 */
void jool_pool4_cursor_seek(const struct pool4 *p, const struct pool4_set *s,
			    u64 offset, struct pool4_cursor *c)
{
	u32 lo = s->first, hi = s->first + s->count - 1, mid;
	u64 off = offset % s->taddrs;

	/* The last entry with before <= off. */
	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		if (p->before[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	cursor_at(p, lo, p->entries[lo].min + (u16)(off - p->before[lo]), c);
}

/**
 * jool_pool4_cursor_next() - the next transport address of a set
 * @p: the table
 * @s: the set of @c
 * @c: in: a position; out: the next one, after the set's last transport
 *	address its first (a set is a circle: RFC 6056 algorithm 3 walks it
 *	from its starting point, at most the set's max-iterations steps)
 */
void jool_pool4_cursor_next(const struct pool4 *p, const struct pool4_set *s,
			    struct pool4_cursor *c)
{
	u32 e = c->entry;

	if (c->port < p->entries[e].max) {
		c->port++;
		return;
	}
	e = e + 1 < s->first + s->count ? e + 1 : s->first;
	cursor_at(p, e, p->entries[e].min, c);
}

/**
 * jool_pool4_cursor_addr() - the first transport address of an address
 * @p: the table
 * @s: one of its sets
 * @addr: the address, network order
 * @c: out: its first port in @s
 * @count: out: its number of entries in @s (they follow each other)
 *
 * Return: whether @s has @addr.
 */
bool jool_pool4_cursor_addr(const struct pool4 *p, const struct pool4_set *s,
			    __be32 addr, struct pool4_cursor *c, u32 *count)
{
	u32 lo = s->first, hi = s->first + s->count, mid, end;
	u32 a = ntohl(addr);

	/* The first entry whose address is >= a. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (p->entries[mid].addr < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	*count = 0;
	if (lo == s->first + s->count || p->entries[lo].addr != a)
		return false;
	for (end = lo; end < s->first + s->count &&
	     p->entries[end].addr == a; end++)
		;
	*count = end - lo;
	cursor_at(p, lo, p->entries[lo].min, c);
	return true;
}

/**
 * jool_pool4_set_has() - is a transport address in a set?
 * @p: the table
 * @s: one of its sets, or NULL (none)
 * @addr: the address, network order
 * @port: the port (ICMP: the identifier)
 *
 * For a transport address chosen elsewhere (a stored IPv4 SYN's): whether
 * the packets of @s's mark may have it. O(log n).
 *
 * Return: whether @s has it.
 */
bool jool_pool4_set_has(const struct pool4 *p, const struct pool4_set *s,
			__be32 addr, u16 port)
{
	struct pool4_cursor c;
	u32 n, e;

	if (!s || !jool_pool4_cursor_addr(p, s, addr, &c, &n))
		return false;
	for (e = c.entry; e < c.entry + n; e++)
		if (port >= p->entries[e].min && port <= p->entries[e].max)
			return true;
	return false;
}
