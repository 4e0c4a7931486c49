// SPDX-License-Identifier: GPL-2.0
/*
 * "joolctl DEV eamt ...": show, add, add-file, del and flush the Explicit
 * Address Mapping Table (RFC 7757).
 *
 * add-file reads and checks the whole file (the syntax of every line and
 * the RFC 7757 rule of every entry) before it sends anything; then the
 * entries go in one JOOL_CMD_EAMT_ADD (up to 32 MiB of them), in as many
 * JOOL_A_EAMT nests as they need (one is at most 64 KiB: 1170 entries). The
 * kernel applies the request all or nothing, with one rebuild of its table,
 * and checks the prefixes against one another and against the table: if
 * it refuses an entry, its extended ack's offset names the entry, and so
 * the line, which joolctl then explains with the entry it clashes with.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <uapi/jool_netdev.h>

#include <netlink/genl/genl.h>

#include "cmd.h"
#include "eamt.h"
#include "json.h"
#include "lines.h"
#include "prefix.h"
#include "table.h"

/* One EAM, from the kernel or from a file. */
struct eam {
	struct prefix p6;
	struct prefix p4;
	unsigned long line;	/* add-file: where it was read; 0: the table's */
};

struct eam_list {
	struct eam *v;
	size_t n;
	size_t cap;
	bool count_only;	/* only count what the dump brings */
	bool oom;
};

/* nla_len is 16 bits. */
#define NEST_MAX	0xffff

static void list_free(struct eam_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int list_push(struct eam_list *l, const struct eam *e)
{
	if (l->count_only) {
		l->n++;
		return 0;
	}
	if (grow_array((void **)&l->v, &l->cap, l->n, sizeof(*l->v), 256))
		return -1;
	l->v[l->n++] = *e;
	return 0;
}

static const char *family_name(int family)
{
	return family == AF_INET6 ? "IPv6" : "IPv4";
}

/* ---- Netlink ---- */

static struct nla_policy eam_policy[JOOL_EAM_MAX + 1] = {
	[JOOL_EAM_PREFIX6]	= { .type = NLA_NESTED },
	[JOOL_EAM_PREFIX4]	= { .type = NLA_NESTED },
};

/* One message of the dump: JOOL_A_EAMT, a list of JOOL_A_EAMT_ENTRY. */
static int read_eamt(struct nlattr **tb, void *arg)
{
	struct nlattr *etb[JOOL_EAM_MAX + 1];
	struct eam_list *l = arg;
	struct nlattr *attr;
	struct eam e = { 0 };
	int rem;

	if (!tb[JOOL_A_EAMT])
		return -1;
	nla_for_each_nested(attr, tb[JOOL_A_EAMT], rem) {
		if (nla_type(attr) != JOOL_A_EAMT_ENTRY ||
		    nla_parse_nested(etb, JOOL_EAM_MAX, attr, eam_policy) ||
		    jnl_get_prefix(etb[JOOL_EAM_PREFIX6], &e.p6) ||
		    jnl_get_prefix(etb[JOOL_EAM_PREFIX4], &e.p4) ||
		    e.p6.family != AF_INET6 || e.p4.family != AF_INET)
			return -1;
		if (list_push(l, &e)) {
			/* Read the rest of the dump, then say so. */
			l->oom = true;
			l->count_only = true;
		}
	}
	return 0;
}

/* Before a dump is redone. */
static void restart_list(void *arg)
{
	struct eam_list *l = arg;

	l->n = 0;
}

/* Reads the whole table, in the kernel's order (by IPv4 prefix). */
static int eamt_fetch(const char *dev, struct eam_list *l)
{
	int ret;

	ret = jnl_do_dump(dev, JOOL_CMD_EAMT_GET, read_eamt, restart_list, l);
	if (!ret && l->oom)
		ret = runtime_err("out of memory");
	return ret;
}

/* The number of entries, for "joolctl DEV show". */
int eamt_count(const char *dev, size_t *count)
{
	struct eam_list l = { .count_only = true };
	int ret;

	ret = eamt_fetch(dev, &l);
	*count = l.n;
	return ret;
}

/**
 * eamt_pairs() - every EAM, both prefixes
 * @dev: the device
 * @p6: out: an array of IPv6 prefixes (free it), by IPv4 prefix
 * @p4: out: an array of their IPv4 prefixes (free it)
 * @n: out: their number
 *
 * Return: the exit status (an error already printed).
 */
int eamt_pairs(const char *dev, struct prefix **p6, struct prefix **p4,
	       size_t *n)
{
	struct eam_list l = { 0 };
	size_t i;
	int ret;

	*p6 = *p4 = NULL;
	*n = 0;
	ret = eamt_fetch(dev, &l);
	if (ret)
		return ret;
	*p6 = calloc(l.n ? l.n : 1, sizeof(**p6));
	*p4 = calloc(l.n ? l.n : 1, sizeof(**p4));
	if (!*p6 || !*p4) {
		free(*p6);
		free(*p4);
		*p6 = *p4 = NULL;
		list_free(&l);
		return runtime_err("out of memory");
	}
	for (i = 0; i < l.n; i++) {
		(*p6)[i] = l.v[i].p6;
		(*p4)[i] = l.v[i].p4;
	}
	*n = l.n;
	list_free(&l);
	return 0;
}

/**
 * eamt_prefixes() - the prefixes of every EAM, one family's
 * @dev: the device
 * @family: AF_INET6 or AF_INET
 * @out: out: an array of prefixes (free it), by IPv4 prefix
 * @n: out: their number
 *
 * Return: the exit status (an error already printed).
 */
int eamt_prefixes(const char *dev, int family, struct prefix **out,
		  size_t *n)
{
	struct eam_list l = { 0 };
	struct prefix *v;
	size_t i;
	int ret;

	*out = NULL;
	*n = 0;
	ret = eamt_fetch(dev, &l);
	if (ret)
		return ret;
	v = calloc(l.n ? l.n : 1, sizeof(*v));
	if (!v) {
		list_free(&l);
		return runtime_err("out of memory");
	}
	for (i = 0; i < l.n; i++)
		v[i] = family == AF_INET6 ? l.v[i].p6 : l.v[i].p4;
	*out = v;
	*n = l.n;
	list_free(&l);
	return 0;
}

/**
 * eamt_put_entry() - a JOOL_A_EAMT_ENTRY with either prefix or both
 * @msg: the request
 * @p6: the IPv6 prefix, or NULL
 * @p4: the IPv4 prefix, or NULL
 *
 * Return: 0, or -1 if out of room.
 */
int eamt_put_entry(struct nl_msg *msg, const struct prefix *p6,
		   const struct prefix *p4)
{
	struct nlattr *nest = nla_nest_start(msg, JOOL_A_EAMT_ENTRY);

	if (!nest ||
	    (p6 && jnl_put_prefix(msg, JOOL_EAM_PREFIX6, p6)) ||
	    (p4 && jnl_put_prefix(msg, JOOL_EAM_PREFIX4, p4)))
		return -1;
	return nla_nest_end(msg, nest) < 0 ? -1 : 0;
}

/* The size of a JOOL_A_EAMT_ENTRY with both prefixes. */
static size_t entry_size(void)
{
	return nla_total_size(
		nla_total_size(nla_total_size(16) + nla_total_size(1)) +
		nla_total_size(nla_total_size(4) + nla_total_size(1)));
}

/**
 * eamt_entries_per_list() - how many entries fit in one JOOL_A_EAMT nest
 *
 * Return: 1170.
 */
size_t eamt_entries_per_list(void)
{
	return (NEST_MAX - NLA_HDRLEN) / entry_size();
}

/* The attributes of a JOOL_CMD_EAMT_ADD of @n entries. */
static size_t request_size(size_t n)
{
	size_t per = eamt_entries_per_list();

	return (n + per - 1) / per * nla_total_size(0) + n * entry_size() +
	       nla_total_size(0);
}

/*
 * The attributes of a JOOL_CMD_EAMT_ADD of @n entries, in as many
 * JOOL_A_EAMT lists as they need (1170 entries each). @offs, if not NULL,
 * gets the offset of each entry in the message, to tell which one the
 * kernel refused. Returns 0, or -1 if out of room.
 */
static int put_entries(struct nl_msg *msg, const struct eam *v, size_t n,
		       bool force, uint32_t *offs)
{
	size_t per = eamt_entries_per_list(), i;
	struct nlattr *list = NULL;

	for (i = 0; i < n; i++) {
		if (i % per == 0) {
			if (list && nla_nest_end(msg, list) < 0)
				return -1;
			list = nla_nest_start(msg, JOOL_A_EAMT);
			if (!list)
				return -1;
		}
		if (offs)
			offs[i] = (char *)nlmsg_tail(nlmsg_hdr(msg)) -
				  (char *)nlmsg_hdr(msg);
		if (eamt_put_entry(msg, &v[i].p6, &v[i].p4))
			return -1;
	}
	if ((list && nla_nest_end(msg, list) < 0) ||
	    (force && nla_put_flag(msg, JOOL_A_FORCE) < 0))
		return -1;
	return 0;
}

/* ---- show ---- */

/* A row is an add-file line: "IPV6PREFIX  IPV4PREFIX". */
static int show_table(const struct eam_list *l, const struct opts *o)
{
	static const char *const heads[] = { "IPv6 prefix", "IPv4 prefix" };
	char b6[PREFIX_STRLEN], b4[PREFIX_STRLEN];
	struct table t;
	size_t i;

	table_init(&t, o, heads, ARRAY_SIZE(heads));
	for (i = 0; i < l->n; i++) {
		prefix_format(&l->v[i].p6, b6, sizeof(b6));
		prefix_format(&l->v[i].p4, b4, sizeof(b4));
		table_row(&t, b6, b4);
	}
	return table_print(&t, "The EAMT is empty.");
}

static void show_json(const struct eam_list *l)
{
	char b6[PREFIX_STRLEN], b4[PREFIX_STRLEN];
	struct json j;
	size_t i;

	json_init(&j, stdout);
	json_begin_array(&j, NULL);
	for (i = 0; i < l->n; i++) {
		prefix_format(&l->v[i].p6, b6, sizeof(b6));
		prefix_format(&l->v[i].p4, b4, sizeof(b4));
		json_begin(&j, NULL);
		json_string(&j, "ipv6", b6);
		json_string(&j, "ipv4", b4);
		json_end(&j);
	}
	json_end(&j);
}

static int eamt_show(const struct call *c, int argc, char **argv)
{
	struct eam_list l = { 0 };
	int ret;

	ret = cmd_no_args(c, argc, argv);
	if (!ret)
		ret = eamt_fetch(c->dev, &l);
	if (!ret && c->o->json)
		show_json(&l);
	else if (!ret)
		ret = show_table(&l, c->o);
	list_free(&l);
	return ret;
}

/* ---- add, del ---- */

static bool is_force(const char *arg)
{
	return !strcmp(arg, "force") || !strcmp(arg, "--force");
}

/*
 * The prefixes of "add" and "del": each argument is a prefix of either
 * family, at most one of each. @force is NULL if the command has no such
 * option.
 */
static int parse_prefixes(const char *verb, int argc, char **argv,
			  struct prefix *p6, struct prefix *p4,
			  const char **arg6, const char **arg4, bool *force)
{
	char err[PREFIX_ERRLEN];
	struct prefix p;
	int i;

	*arg6 = *arg4 = NULL;
	for (i = 0; i < argc; i++) {
		const char *arg = argv[i];
		const char **seen;

		if (is_force(arg)) {
			if (!force)
				return usage_err("eamt %s: %s is only for add", verb,
						 quote(arg));
			*force = true;
			continue;
		}
		if (arg[0] == '-')
			return usage_err("eamt %s: unknown option %s", verb, quote(arg));
		if (prefix_parse(arg, AF_UNSPEC, 0, &p, err, sizeof(err)))
			return usage_err("eamt %s: invalid prefix %s: %s", verb,
					 quote(arg), err);
		seen = p.family == AF_INET6 ? arg6 : arg4;
		if (*seen)
			return usage_err("eamt %s: two %s prefixes (%s and %s); an EAM pairs an IPv6 prefix with an IPv4 prefix",
					 verb, family_name(p.family), quote(*seen),
					 quote(arg));
		*seen = arg;
		*(p.family == AF_INET6 ? p6 : p4) = p;
	}
	return 0;
}

/* What "add" sends: one entry. */
struct add_req {
	struct eam e;
	bool force;
};

static int build_add(struct nl_msg *msg, const void *req)
{
	const struct add_req *r = req;

	return put_entries(msg, &r->e, 1, r->force, NULL);
}

/**
 * eamt_parse_add() - the words of "eamt add": two prefixes, maybe "force"
 * @verb: the verb, for messages
 * @argc: the number of words
 * @argv: the words
 * @p6: out: the IPv6 prefix
 * @p4: out: the IPv4 prefix
 * @force: out: whether "force" was given
 *
 * Return: 0, or the exit status of the error (already reported).
 */
int eamt_parse_add(const char *verb, int argc, char **argv, struct prefix *p6,
		   struct prefix *p4, bool *force)
{
	const char *arg6, *arg4;
	int ret;

	*force = false;
	ret = parse_prefixes(verb, argc, argv, p6, p4, &arg6, &arg4, force);
	if (ret)
		return ret;
	if (!arg6 && !arg4)
		return usage_err("eamt %s: missing IPV6PREFIX and IPV4PREFIX", verb);
	if (!arg6 || !arg4)
		return usage_err("eamt %s: missing the %s prefix (only %s given)",
				 verb, arg6 ? "IPv4" : "IPv6",
				 quote(arg6 ? arg6 : arg4));
	return 0;
}

static int eamt_add(const struct call *c, int argc, char **argv)
{
	struct add_req r = { 0 };
	int ret;

	ret = eamt_parse_add(c->verb, argc, argv, &r.e.p6, &r.e.p4, &r.force);
	if (ret)
		return ret;
	return jnl_do(c->dev, JOOL_CMD_EAMT_ADD, build_add, &r, NULL, NULL);
}

/* What "del" sends: the entry's IPv6 prefix, IPv4 prefix or both. */
struct del_req {
	struct prefix p6, p4;
	bool has6, has4;
};

static int build_del(struct nl_msg *msg, const void *req)
{
	const struct del_req *r = req;

	return eamt_put_entry(msg, r->has6 ? &r->p6 : NULL, r->has4 ? &r->p4 : NULL);
}

static int eamt_del(const struct call *c, int argc, char **argv)
{
	const char *arg6, *arg4;
	struct del_req r;
	int ret;

	ret = parse_prefixes(c->verb, argc, argv, &r.p6, &r.p4, &arg6, &arg4,
			     NULL);
	if (ret)
		return ret;
	if (!arg6 && !arg4)
		return usage_err("eamt %s: missing PREFIX (the IPv6 or IPv4 prefix of the EAM)",
				 c->verb);
	r.has6 = arg6;
	r.has4 = arg4;
	return jnl_do(c->dev, JOOL_CMD_EAMT_DEL, build_del, &r, NULL, NULL);
}

static int eamt_flush(const struct call *c, int argc, char **argv)
{
	int ret = cmd_no_args(c, argc, argv);

	return ret ? ret : jnl_do(c->dev, JOOL_CMD_EAMT_FLUSH, NULL, NULL,
				  NULL, NULL);
}

/* ---- add-file: reading ---- */

/* One line's words: two prefixes, in either order. */
static int parse_line(char **tok, int n, const char *file,
		      unsigned long lineno, void *arg)
{
	char err[PREFIX_ERRLEN];
	struct eam_list *l = arg;
	struct prefix p[2];
	struct eam e;
	int i;

	if (n == 1)
		return usage_err("%s:%lu: expected two prefixes (IPv6 and IPv4), found only %s",
				 file, lineno, quote(tok[0]));
	if (n > 2)
		return usage_err("%s:%lu: unexpected %s after the two prefixes",
				 file, lineno, quote(tok[2]));
	for (i = 0; i < 2; i++) {
		if (prefix_parse(tok[i], AF_UNSPEC, 0, &p[i], err, sizeof(err)))
			return usage_err("%s:%lu: invalid prefix %s: %s", file,
					 lineno, quote(tok[i]), err);
	}
	if (p[0].family == p[1].family)
		return usage_err("%s:%lu: two %s prefixes; an EAM pairs an IPv6 prefix with an IPv4 prefix",
				 file, lineno, family_name(p[0].family));
	e.p6 = p[0].family == AF_INET6 ? p[0] : p[1];
	e.p4 = p[0].family == AF_INET ? p[0] : p[1];
	e.line = lineno;
	if (list_push(l, &e))
		return runtime_err("out of memory");
	return 0;
}

/* ---- add-file: the RFC 7757 rule, checked in advance ---- */

/* RFC 7757: the IPv4 suffix must not be longer than the IPv6 suffix. */
static int check_suffixes(const struct eam_list *l, const char *file)
{
	char b6[PREFIX_STRLEN], b4[PREFIX_STRLEN];
	const struct eam *e;
	size_t i;

	for (i = 0; i < l->n; i++) {
		e = &l->v[i];
		if (32 - e->p4.len <= 128 - e->p6.len)
			continue;
		prefix_format(&e->p6, b6, sizeof(b6));
		prefix_format(&e->p4, b4, sizeof(b4));
		return runtime_err("%s:%lu: EAM IPv4 suffix is longer than its IPv6 suffix (%s: %u bits, %s: %u bits)",
				   file, e->line, b4, 32 - e->p4.len, b6,
				   128 - e->p6.len);
	}
	return 0;
}

/* ---- add-file: what the kernel refused ---- */

/* Whether @outer contains @inner (or equals it). */
static bool contains(const struct prefix *outer, const struct prefix *inner)
{
	unsigned int full = outer->len / 8, rest = outer->len % 8;

	if (outer->len > inner->len ||
	    memcmp(outer->addr.bytes, inner->addr.bytes, full))
		return false;
	return !rest || !((outer->addr.bytes[full] ^ inner->addr.bytes[full]) &
			  (0xff00 >> rest) & 0xff);
}

/* A prefix of @e's family @fam, and of its other side. */
static const struct prefix *side(const struct eam *e, int fam)
{
	return fam == AF_INET6 ? &e->p6 : &e->p4;
}

/*
 * The entry (other than @bad) the prefix of family @fam of @bad equals
 * (@same) or, unless @force, overlaps: in @add or in @table. NULL if none.
 */
static const struct eam *partner(const struct eam *bad, int fam, bool same,
				 const struct eam_list *add,
				 const struct eam_list *table)
{
	const struct prefix *p = side(bad, fam), *q;
	const struct eam *e;
	size_t i;

	for (i = 0; i < add->n + table->n; i++) {
		e = i < add->n ? &add->v[i] : &table->v[i - add->n];
		q = side(e, fam);
		if (e == bad)
			continue;
		if (same ? p->len == q->len && contains(p, q) :
		    contains(p, q) || contains(q, p))
			return e;
	}
	return NULL;
}

/*
 * Says why the kernel refused the entry @bad of @add: the entry of the file
 * (or of the table, fetched now) it equals or overlaps, as the later of the
 * two lines. Returns -1 (nothing said) if there is no such entry: the table
 * changed, or the refusal was for something else.
 */
static int explain(const char *dev, const char *file, const struct eam *bad,
		   const struct eam_list *add, bool force)
{
	static const int fams[] = { AF_INET, AF_INET6 };
	char mine[PREFIX_STRLEN], other[PREFIX_STRLEN];
	const struct eam *late, *early = NULL;
	struct eam_list table = { 0 };
	unsigned int k;
	bool same = true;
	int ret;

	if (eamt_fetch(dev, &table))
		return -1;
	for (k = 0; !early && k < 2 * ARRAY_SIZE(fams); k++) {
		same = k % 2 == 0;
		if (same || !force)
			early = partner(bad, fams[k / 2], same, add, &table);
	}
	if (!early) {
		list_free(&table);
		return -1;
	}
	k = (k - 1) / 2;
	late = bad;
	if (early->line > late->line) {
		late = early;
		early = bad;
	}
	prefix_format(side(late, fams[k]), mine, sizeof(mine));
	prefix_format(side(early, fams[k]), other, sizeof(other));
	if (same && early->line)
		ret = runtime_err("%s:%lu: %s prefix %s is already on line %lu",
				  file, late->line, family_name(fams[k]), mine,
				  early->line);
	else if (same)
		ret = runtime_err("%s:%lu: %s prefix %s is already in the EAMT",
				  file, late->line, family_name(fams[k]), mine);
	else if (early->line)
		ret = runtime_err("%s:%lu: %s prefix %s overlaps %s on line %lu (allowed only with force)",
				  file, late->line, family_name(fams[k]), mine,
				  other, early->line);
	else
		ret = runtime_err("%s:%lu: %s prefix %s overlaps %s, which is in the EAMT (allowed only with force)",
				  file, late->line, family_name(fams[k]), mine,
				  other);
	/* @early may point into @table: freed only now. */
	list_free(&table);
	return ret;
}

/* ---- add-file: sending ---- */

/*
 * The most entries one request carries: 32 MiB of them (about 590,000).
 * The kernel builds its new table once per request.
 */
#define REQUEST_MAX	(32u << 20)

/* Which of the @n entries at @offs the kernel blamed; @n if none. */
static size_t culprit(const uint32_t *offs, size_t n,
		      const struct jnl_status *st)
{
	size_t lo = 0, hi = n;

	if (!st->has_offset || !n || st->offset < offs[0])
		return n;
	/* The last entry that starts at or before the offset. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (offs[mid] <= st->offset)
			lo = mid;
		else
			hi = mid;
	}
	return st->offset < offs[lo] + entry_size() ? lo : n;
}

/* The refusal of the request of @n entries from @first: the kernel's words. */
static int report_refusal(const char *dev, const char *file,
			  const struct eam_list *l, size_t first, size_t n,
			  size_t bad, const struct jnl_status *st)
{
	char text[sizeof(st->extack) + 64];
	char where[PATH_MAX + 32];

	jnl_status_text(st, text, sizeof(text));
	if (bad < n)
		snprintf(where, sizeof(where), "%s:%lu", file,
			 l->v[first + bad].line);
	else
		snprintf(where, sizeof(where), "%s", file);
	if (n == l->n)
		return runtime_err("%s: %s: %s", dev, where, text);
	if (!first)
		return runtime_err("%s: %s: lines %lu-%lu: %s; nothing was added",
				   dev, where, l->v[0].line, l->v[n - 1].line,
				   text);
	return runtime_err("%s: %s: lines %lu-%lu: %s; the %zu entries before line %lu were added",
			   dev, where, l->v[first].line,
			   l->v[first + n - 1].line, text, first,
			   l->v[first].line);
}

/*
 * Sends the entries of @l, in as few requests as the socket takes. With
 * @detail, a refusal of the whole file is explained with the entry it
 * clashes with (see explain()).
 */
static int send_entries(struct jnl *nl, const char *dev, const char *file,
			const struct eam_list *l, bool force, bool detail)
{
	size_t per = REQUEST_MAX / entry_size(), first, n, bad;
	struct jnl_status st;
	struct nl_msg *msg;
	uint32_t *offs;
	int ret = 0;

	if (per > l->n)
		per = l->n;
	/* Without a big enough send buffer, one JOOL_A_EAMT per request. */
	if (jnl_reserve(nl, NLMSG_HDRLEN + GENL_HDRLEN + nla_total_size(IFNAMSIZ) +
			request_size(per)))
		per = eamt_entries_per_list();
	offs = malloc((per ? per : 1) * sizeof(*offs));
	if (!offs)
		return runtime_err("out of memory");

	for (first = 0; first < l->n; first += n) {
		n = l->n - first < per ? l->n - first : per;
		msg = jnl_request_size(nl, JOOL_CMD_EAMT_ADD, 0, dev,
				       request_size(n));
		if (msg && put_entries(msg, &l->v[first], n, force, offs)) {
			nlmsg_free(msg);
			msg = NULL;
		}
		if (!msg) {
			ret = runtime_err("out of memory");
			break;
		}
		if (!jnl_exchange(nl, msg, NULL, NULL, &st))
			continue;
		bad = culprit(offs, n, &st);
		ret = -1;
		if (detail && bad < n && n == l->n && st.error == EEXIST)
			ret = explain(dev, file, &l->v[bad], l, force);
		if (ret < 0)
			ret = report_refusal(dev, file, l, first, n, bad, &st);
		break;
	}
	free(offs);
	return ret;
}

static int eamt_add_file(const struct call *c, int argc, char **argv)
{
	const char *path = NULL, *file, *verb = c->verb;
	struct eam_list add = { 0 };
	bool force = false, detail;
	struct jnl nl;
	size_t count;
	int ret, i;

	for (i = 0; i < argc; i++) {
		if (path && is_force(argv[i]))
			force = true;
		else if (!path && !strcmp(argv[i], "--force"))
			force = true;
		else if (path)
			return usage_err("eamt %s: unexpected argument %s", verb,
					 quote(argv[i]));
		else if (argv[i][0] == '-' && argv[i][1])
			return usage_err("eamt %s: unknown option %s", verb,
					 quote(argv[i]));
		else
			path = argv[i];
	}
	if (!path)
		return usage_err("eamt %s: missing FILE", verb);
	file = lines_file_shown(path);

	/*
	 * The tests skip joolctl's own words (the suffix check, the
	 * explanation of a refusal) to see the kernel's.
	 */
	detail = !getenv("JOOLCTL_TEST_NO_PRECHECK");
	ret = lines_read("eamt add-file", path, file, parse_line, &add);
	if (!ret && detail)
		ret = check_suffixes(&add, file);
	/* An empty file adds nothing, on a device that must have an EAMT. */
	if (!ret)
		ret = eamt_count(c->dev, &count);
	if (!ret && add.n)
		ret = jnl_open(&nl);
	if (!ret && add.n) {
		ret = send_entries(&nl, c->dev, file, &add, force, detail);
		jnl_close(&nl);
	}
	list_free(&add);
	return ret;
}

/* ---- The subcommand ---- */

static const struct cmd eamt_cmds[] = {
	CMD("show", "display", NULL,
	  "list the entries, ordered by IPv4 prefix",
	  eamt_show, .json = true, .table = true, .dflt = true),
	CMD("add", NULL, "PREFIX PREFIX [force]",
	  "add the entry of an IPv6 and an IPv4 prefix, given in\n"
	  "either order", eamt_add),
	CMD("add-file", NULL, "FILE [force]",
	  "add the entries of FILE (\"-\": standard input), one per\n"
	  "line: two prefixes, in either order, separated by blanks\n"
	  "or a comma (\"eamt show --no-headers\", with --csv too);\n"
	  "blank lines and text after '#' are ignored. Up to\n"
	  "590,000 entries are added all or none; the table holds\n"
	  "at most 65536.",
	  eamt_add_file),
	CMD("del", "remove", "PREFIX [PREFIX]",
	  "delete the entry with that IPv6 or IPv4 prefix (exact)", eamt_del),
	CMD("flush", NULL, NULL, "delete every entry", eamt_flush),
};

CMD_GROUP(eamt_group, "eamt", eamt_cmds,
	.help_anywhere = true,
	.about = "The Explicit Address Mapping Table (RFC 7757) of the jool device\n"
		 "DEV: each entry maps an IPv6 prefix to an IPv4 prefix, address by\n"
		 "address, and wins over pool6 in both directions.\n",
	.notes = "PREFIX is ADDRESS/LENGTH, with no bits set after LENGTH, or an\n"
		 "ADDRESS alone (a /128 or a /32), in files too. The IPv4 suffix\n"
		 "(32 - length) must not be longer than the IPv6 suffix\n"
		 "(128 - length). A prefix identical to another entry's is refused;\n"
		 "one inside another entry's (or around it) only with \"force\"\n"
		 "(\"--force\"), and then the longest match decides.\n");
