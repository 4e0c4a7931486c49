// SPDX-License-Identifier: GPL-2.0
/*
 * Target tables: the EAMT and denylist4 against a brute-force model.
 *
 * The input is a list of operations (add, remove, look up), applied both to
 * the core's tables (jool_eamt_with_added(), jool_denylist_with_added()...:
 * each builds a new table from the old one, as the netlink commands do)
 * and to a plain array. After each one, the core must have accepted or
 * refused what the model says, hold the same entries, and answer every
 * lookup (the addresses of the operation, and the first and last address
 * of every entry and their neighbours) with the model's longest match.
 *
 * Each operation: one byte (low 3 bits the operation, the rest its flags),
 * then its operands.
 */
#include "core/denylist.h"
#include "core/eamt.h"
#include "fuzz.h"

typedef unsigned __int128 u128;

#define MODEL_MAX 64

struct model {
	struct eamt_entry eam[MODEL_MAX];
	unsigned int neam;
	struct jool_prefix4 deny[MODEL_MAX];
	unsigned int ndeny;
};

static u128 a6_int(const struct in6_addr *a)
{
	u128 v = 0;
	unsigned int i;

	for (i = 0; i < 16; i++)
		v = v << 8 | a->s6_addr[i];
	return v;
}

static struct in6_addr int_a6(u128 v)
{
	struct in6_addr a;
	int i;

	for (i = 15; i >= 0; i--) {
		a.s6_addr[i] = v;
		v >>= 8;
	}
	return a;
}

static u32 mask32(unsigned int len)
{
	return len ? 0xffffffffU << (32 - len) : 0;
}

static u128 mask128(unsigned int len)
{
	return len ? ~(u128)0 << (128 - len) : 0;
}

static bool in4(const struct jool_prefix4 *p, u32 a)
{
	return (a & mask32(p->len)) == ntohl(p->addr);
}

static bool in6(const struct jool_prefix6 *p, u128 a)
{
	return (a & mask128(p->len)) == a6_int(&p->addr);
}

static bool same4(const struct jool_prefix4 *a, const struct jool_prefix4 *b)
{
	return a->len == b->len && a->addr == b->addr;
}

static bool same6(const struct jool_prefix6 *a, const struct jool_prefix6 *b)
{
	return a->len == b->len && !memcmp(&a->addr, &b->addr, 16);
}

/* Prefixes nest (or are equal) iff one contains the other's start. */
static bool nest4(const struct jool_prefix4 *a, const struct jool_prefix4 *b)
{
	return in4(a, ntohl(b->addr)) || in4(b, ntohl(a->addr));
}

static bool nest6(const struct jool_prefix6 *a, const struct jool_prefix6 *b)
{
	return in6(a, a6_int(&b->addr)) || in6(b, a6_int(&a->addr));
}

static bool eam_valid(const struct eamt_entry *e)
{
	return e->p4.len <= 32 && e->p6.len <= 128 &&
	       !(ntohl(e->p4.addr) & ~mask32(e->p4.len)) &&
	       !(a6_int(&e->p6.addr) & ~mask128(e->p6.len)) &&
	       32 - e->p4.len <= 128 - e->p6.len;
}

/* RFC 7757 3.2-3.3, by the book. */
static const struct eamt_entry *model_6to4(const struct model *m, u128 a,
					   u32 *a4)
{
	const struct eamt_entry *best = NULL;
	unsigned int i, sbits;

	for (i = 0; i < m->neam; i++)
		if (in6(&m->eam[i].p6, a) &&
		    (!best || m->eam[i].p6.len > best->p6.len))
			best = &m->eam[i];
	if (best) {
		sbits = 32 - best->p4.len;
		*a4 = ntohl(best->p4.addr);
		if (sbits)
			*a4 |= (u32)((a << best->p6.len) >> (128 - sbits));
	}
	return best;
}

static const struct eamt_entry *model_4to6(const struct model *m, u32 a,
					   u128 *a6)
{
	const struct eamt_entry *best = NULL;
	unsigned int i;

	for (i = 0; i < m->neam; i++)
		if (in4(&m->eam[i].p4, a) &&
		    (!best || m->eam[i].p4.len > best->p4.len))
			best = &m->eam[i];
	if (best)
		*a6 = a6_int(&best->p6.addr);
	if (best && best->p4.len < 32)
		*a6 |= (u128)(a & ~mask32(best->p4.len))
		       << (128 - best->p6.len - (32 - best->p4.len));
	return best;
}

static const struct jool_prefix4 *model_deny(const struct model *m, u32 a)
{
	const struct jool_prefix4 *best = NULL;
	unsigned int i;

	for (i = 0; i < m->ndeny; i++)
		if (in4(&m->deny[i], a) && (!best || m->deny[i].len > best->len))
			best = &m->deny[i];
	return best;
}

static void check_lookup6(const struct eamt *t, const struct model *m, u128 a)
{
	struct in6_addr a6 = int_a6(a);
	const struct eamt_entry *got, *want;
	__be32 g4 = 0;
	u32 w4 = 0;

	got = jool_eamt_6to4(t, &a6, &g4);
	want = model_6to4(m, a, &w4);
	FUZZ_ASSERT(!got == !want, "6to4: %s, model %s", got ? "hit" : "miss",
		    want ? "hit" : "miss");
	if (!got)
		return;
	FUZZ_ASSERT(same6(&got->p6, &want->p6) && same4(&got->p4, &want->p4),
		    "6to4 picked /%u, model /%u", got->p6.len, want->p6.len);
	FUZZ_ASSERT(ntohl(g4) == w4, "6to4 %08x, model %08x", ntohl(g4), w4);
}

static void check_lookup4(const struct eamt *t, const struct denylist *d,
			  const struct model *m, u32 a)
{
	const struct jool_prefix4 *gd, *wd;
	const struct eamt_entry *got, *want;
	struct in6_addr g6;
	u128 w6 = 0;

	got = jool_eamt_4to6(t, htonl(a), &g6);
	want = model_4to6(m, a, &w6);
	FUZZ_ASSERT(!got == !want, "4to6 of %08x: %s, model %s", a,
		    got ? "hit" : "miss", want ? "hit" : "miss");
	if (got) {
		FUZZ_ASSERT(same4(&got->p4, &want->p4) &&
			    same6(&got->p6, &want->p6),
			    "4to6 picked /%u, model /%u", got->p4.len,
			    want->p4.len);
		FUZZ_ASSERT(a6_int(&g6) == w6, "4to6 address");
	}
	gd = jool_denylist_lookup(d, htonl(a));
	wd = model_deny(m, a);
	FUZZ_ASSERT(!gd == !wd && (!gd || same4(gd, wd)),
		    "denylist lookup of %08x", a);
}

/* Every lookup around the edges of every entry. */
static void check_edges(const struct eamt *t, const struct denylist *d,
			const struct model *m)
{
	unsigned int i;
	u128 lo6;
	u32 lo4;

	for (i = 0; i < m->neam; i++) {
		lo6 = a6_int(&m->eam[i].p6.addr);
		check_lookup6(t, m, lo6);
		check_lookup6(t, m, lo6 - 1);
		check_lookup6(t, m, lo6 | ~mask128(m->eam[i].p6.len));
		check_lookup6(t, m, (lo6 | ~mask128(m->eam[i].p6.len)) + 1);
		lo4 = ntohl(m->eam[i].p4.addr);
		check_lookup4(t, d, m, lo4);
		check_lookup4(t, d, m, lo4 - 1);
		check_lookup4(t, d, m, lo4 | ~mask32(m->eam[i].p4.len));
		check_lookup4(t, d, m, (lo4 | ~mask32(m->eam[i].p4.len)) + 1);
	}
	for (i = 0; i < m->ndeny; i++) {
		lo4 = ntohl(m->deny[i].addr);
		check_lookup4(t, d, m, lo4);
		check_lookup4(t, d, m, lo4 - 1);
		check_lookup4(t, d, m, lo4 | ~mask32(m->deny[i].len));
		check_lookup4(t, d, m, (lo4 | ~mask32(m->deny[i].len)) + 1);
	}
}

/* The same entries, each found by its exact prefixes. */
static void check_contents(const struct eamt *t, const struct denylist *d,
			   const struct model *m)
{
	const struct eamt_entry *e;
	const struct jool_prefix4 *p;
	unsigned int i;

	FUZZ_ASSERT(jool_eamt_count(t) == m->neam, "EAMT count %u, model %u",
		    jool_eamt_count(t), m->neam);
	for (i = 0; i < m->neam; i++) {
		e = jool_eamt_find4(t, &m->eam[i].p4);
		FUZZ_ASSERT(e && same6(&e->p6, &m->eam[i].p6), "find4 %u", i);
		e = jool_eamt_find6(t, &m->eam[i].p6);
		FUZZ_ASSERT(e && same4(&e->p4, &m->eam[i].p4), "find6 %u", i);
		/* The dump order is by IPv4 prefix. */
		if (i)
			FUZZ_ASSERT(ntohl(jool_eamt_get(t, i - 1)->p4.addr) <=
				    ntohl(jool_eamt_get(t, i)->p4.addr),
				    "EAMT order at %u", i);
	}
	FUZZ_ASSERT(jool_denylist_count(d) == m->ndeny, "denylist count");
	for (i = 0; i < m->ndeny; i++) {
		p = jool_denylist_find(d, &m->deny[i]);
		FUZZ_ASSERT(p && same4(p, &m->deny[i]), "denylist find %u", i);
	}
}

static void take_eam(struct fuzz_in *in, struct eamt_entry *e, bool raw)
{
	memset(e, 0, sizeof(*e));
	e->p6.len = fuzz_u8(in);
	e->p4.len = fuzz_u8(in);
	fuzz_bytes(in, &e->p4.addr, 4);
	fuzz_bytes(in, &e->p6.addr, 16);
	if (raw)
		return;
	e->p4.len %= 33;
	e->p6.len %= 129;
	e->p4.addr = htonl(ntohl(e->p4.addr) & mask32(e->p4.len));
	e->p6.addr = int_a6(a6_int(&e->p6.addr) & mask128(e->p6.len));
}

/* Whether the model takes @add (@n entries) into its EAMT. */
static bool model_eam_takes(const struct model *m,
			    const struct eamt_entry *add, unsigned int n,
			    bool force)
{
	const struct eamt_entry *o;
	unsigned int i, j;

	for (i = 0; i < n; i++)
		if (!eam_valid(&add[i]))
			return false;
	for (i = 0; i < n; i++) {
		for (j = 0; j < m->neam + n; j++) {
			o = j < m->neam ? &m->eam[j] : &add[j - m->neam];
			if (o == &add[i])
				continue;
			if (same4(&o->p4, &add[i].p4) ||
			    same6(&o->p6, &add[i].p6))
				return false;
			if (!force && (nest4(&o->p4, &add[i].p4) ||
				       nest6(&o->p6, &add[i].p6)))
				return false;
		}
	}
	return true;
}

static void op_eam_add(struct fuzz_in *in, u8 flags, struct eamt **t,
		       struct model *m)
{
	unsigned int n = flags & 0x10 ? 2 : 1, bad = 0;
	bool force = flags & 0x08, want;
	struct eamt_entry add[2];
	enum jool_cfg_err why;
	struct eamt *next;
	int err;

	take_eam(in, &add[0], flags & 0x20);
	take_eam(in, &add[1], flags & 0x20);
	if (m->neam + n > MODEL_MAX)
		return;
	want = model_eam_takes(m, add, n, force);
	err = jool_eamt_with_added(*t, add, n, force, &next, &why, &bad);
	FUZZ_ASSERT(!err == want, "EAMT add: %d, model %s", err,
		    want ? "takes it" : "refuses it");
	if (err) {
		FUZZ_ASSERT(why && bad < n, "why %u bad %u", why, bad);
		return;
	}
	jool_eamt_free(*t);
	*t = next;
	memcpy(&m->eam[m->neam], add, n * sizeof(*add));
	m->neam += n;
}

static void op_eam_rm(struct fuzz_in *in, u8 flags, struct eamt **t,
		      struct model *m)
{
	struct eamt_entry key;
	const struct jool_prefix4 *p4 = flags & 0x08 ? &key.p4 : NULL;
	const struct jool_prefix6 *p6 = flags & 0x10 ? &key.p6 : NULL;
	unsigned int i, i4 = MODEL_MAX, i6 = MODEL_MAX, at;
	enum jool_cfg_err why;
	struct eamt *next;
	bool want;
	int err;

	take_eam(in, &key, false);
	/* Mostly remove what is there. */
	if ((flags & 0x20) && m->neam)
		key = m->eam[key.p4.len % m->neam];
	for (i = 0; i < m->neam; i++) {
		if (same4(&m->eam[i].p4, &key.p4))
			i4 = i;
		if (same6(&m->eam[i].p6, &key.p6))
			i6 = i;
	}
	want = (p4 || p6) && (!p4 || i4 < MODEL_MAX) &&
	       (!p6 || i6 < MODEL_MAX) && (!p4 || !p6 || i4 == i6);
	err = jool_eamt_with_removed(*t, p4, p6, &next, &why);
	FUZZ_ASSERT(!err == want, "EAMT remove: %d, model %u", err, want);
	if (err)
		return;
	jool_eamt_free(*t);
	*t = next;
	at = p4 ? i4 : i6;
	m->eam[at] = m->eam[--m->neam];
}

static void op_deny(struct fuzz_in *in, u8 flags, struct denylist **d,
		    struct model *m, bool add)
{
	unsigned int i, at = MODEL_MAX;
	struct jool_prefix4 p;
	enum jool_cfg_err why;
	struct denylist *next;
	bool valid, want;
	int err;

	memset(&p, 0, sizeof(p));
	p.len = fuzz_u8(in);
	fuzz_bytes(in, &p.addr, 4);
	if (!(flags & 0x08)) {
		p.len %= 33;
		p.addr = htonl(ntohl(p.addr) & mask32(p.len));
	}
	if ((flags & 0x10) && m->ndeny)
		p = m->deny[p.len % m->ndeny];
	valid = p.len <= 32 && !(ntohl(p.addr) & ~mask32(p.len));
	for (i = 0; i < m->ndeny; i++)
		if (same4(&m->deny[i], &p))
			at = i;
	if (add) {
		if (m->ndeny == MODEL_MAX)
			return;
		want = valid && at == MODEL_MAX;
		err = jool_denylist_with_added(*d, &p, &next, &why);
	} else {
		want = at < MODEL_MAX;
		err = jool_denylist_with_removed(*d, &p, &next, &why);
	}
	FUZZ_ASSERT(!err == want, "denylist %s: %d, model %u",
		    add ? "add" : "remove", err, want);
	if (err)
		return;
	jool_denylist_free(*d);
	*d = next;
	if (add)
		m->deny[m->ndeny++] = p;
	else
		m->deny[at] = m->deny[--m->ndeny];
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct denylist *d = NULL;
	struct eamt *t = NULL;
	struct in6_addr a6;
	struct model *m;
	unsigned int ops;
	u8 op;

	m = calloc(1, sizeof(*m));
	for (ops = 0; in.n && ops < 64; ops++) {
		op = fuzz_u8(&in);
		switch (op & 7) {
		case 0:
		case 1:
			op_eam_add(&in, op, &t, m);
			break;
		case 2:
			op_eam_rm(&in, op, &t, m);
			break;
		case 3:
			op_deny(&in, op, &d, m, true);
			break;
		case 4:
			op_deny(&in, op, &d, m, false);
			break;
		case 5:
			check_lookup4(t, d, m, fuzz_u32(&in));
			break;
		default:
			fuzz_bytes(&in, &a6, 16);
			check_lookup6(t, m, a6_int(&a6));
			break;
		}
		check_contents(t, d, m);
		check_edges(t, d, m);
	}
	jool_eamt_free(t);
	jool_denylist_free(d);
	free(m);
	return 0;
}
