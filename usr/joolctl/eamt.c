// SPDX-License-Identifier: GPL-2.0
/*
 * "joolctl DEV eamt ...": show, add, add-file, del and flush the Explicit
 * Address Mapping Table (RFC 7757).
 *
 * add-file checks the whole file before it sends anything: the syntax of
 * every line, the RFC 7757 rule of every entry, and the prefixes of the
 * entries against one another and against the table as it is (an identical
 * prefix is refused, a nested one unless force). These are the kernel's
 * rules; checking them here names the line at fault, and keeps a file
 * that needs several messages from being added in part. Then the entries
 * go in one JOOL_CMD_EAMT_ADD (up to 32 MiB of them), in as many JOOL_A_EAMT
 * nests as they need (one is at most 64 KiB: 1170 entries); the kernel
 * applies the request all or nothing, with one rebuild of its table. If the
 * kernel refuses an entry anyway (the table changed in between), its
 * extended ack's offset names the entry, and so the line.
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

#include "eamt.h"
#include "json.h"
#include "prefix.h"

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
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 256;
		struct eam *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *e;
	return 0;
}

static const char *family_name(int family)
{
	return family == AF_INET6 ? "IPv6" : "IPv4";
}

/* ---- Netlink ---- */

static struct nla_policy prefix_policy[JOOL_PREFIX_MAX + 1] = {
	[JOOL_PREFIX_ADDR]	= { .type = NLA_UNSPEC },
	[JOOL_PREFIX_LEN]	= { .type = NLA_U8 },
};

static struct nla_policy eam_policy[JOOL_EAM_MAX + 1] = {
	[JOOL_EAM_PREFIX6]	= { .type = NLA_NESTED },
	[JOOL_EAM_PREFIX4]	= { .type = NLA_NESTED },
};

static int decode_prefix(struct nlattr *attr, int family, struct prefix *p)
{
	struct nlattr *tb[JOOL_PREFIX_MAX + 1];

	if (!attr || nla_parse_nested(tb, JOOL_PREFIX_MAX, attr, prefix_policy) ||
	    !tb[JOOL_PREFIX_ADDR] || !tb[JOOL_PREFIX_LEN])
		return -1;
	if (prefix_from_attr(p, nla_data(tb[JOOL_PREFIX_ADDR]),
			     nla_len(tb[JOOL_PREFIX_ADDR]),
			     nla_get_u8(tb[JOOL_PREFIX_LEN])) ||
	    p->family != family)
		return -1;
	return 0;
}

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
		    decode_prefix(etb[JOOL_EAM_PREFIX6], AF_INET6, &e.p6) ||
		    decode_prefix(etb[JOOL_EAM_PREFIX4], AF_INET, &e.p4))
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
static int eamt_fetch(struct jnl *nl, const char *dev, struct eam_list *l)
{
	int ret;

	ret = jnl_dump(nl, JOOL_CMD_EAMT_GET, dev, read_eamt, restart_list, l);
	if (!ret && l->oom)
		ret = runtime_err("out of memory");
	return ret;
}

/* The number of entries, for "joolctl DEV show". */
int eamt_count(struct jnl *nl, const char *dev, size_t *count)
{
	struct eam_list l = { .count_only = true };
	int ret;

	ret = eamt_fetch(nl, dev, &l);
	*count = l.n;
	return ret;
}

static int put_prefix(struct nl_msg *msg, int attr, const struct prefix *p)
{
	struct nlattr *nest = nla_nest_start(msg, attr);

	if (!nest ||
	    nla_put(msg, JOOL_PREFIX_ADDR, prefix_addr_size(p), &p->addr) < 0 ||
	    nla_put_u8(msg, JOOL_PREFIX_LEN, p->len) < 0)
		return -1;
	return nla_nest_end(msg, nest) < 0 ? -1 : 0;
}

/* A JOOL_A_EAMT_ENTRY with either prefix or both. */
static int put_entry(struct nl_msg *msg, const struct prefix *p6,
		     const struct prefix *p4)
{
	struct nlattr *nest = nla_nest_start(msg, JOOL_A_EAMT_ENTRY);

	if (!nest ||
	    (p6 && put_prefix(msg, JOOL_EAM_PREFIX6, p6)) ||
	    (p4 && put_prefix(msg, JOOL_EAM_PREFIX4, p4)))
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

/* How many entries fit in one JOOL_A_EAMT nest (1170). */
static size_t entries_per_message(void)
{
	return (NEST_MAX - NLA_HDRLEN) / entry_size();
}

/* The attributes of a JOOL_CMD_EAMT_ADD of @n entries. */
static size_t request_size(size_t n)
{
	size_t per = entries_per_message();

	return (n + per - 1) / per * nla_total_size(0) + n * entry_size() +
	       nla_total_size(0);
}

/*
 * A JOOL_CMD_EAMT_ADD of @n entries, in as many JOOL_A_EAMT lists as they
 * need (1170 entries each). @offs, if not NULL, gets the offset of each
 * entry in the message, to tell which one the kernel refused. NULL if out
 * of memory.
 */
static struct nl_msg *add_request(struct jnl *nl, const char *dev,
				  const struct eam *v, size_t n, bool force,
				  uint32_t *offs)
{
	size_t per = entries_per_message(), i;
	struct nlattr *list = NULL;
	struct nl_msg *msg;

	msg = jnl_request_size(nl, JOOL_CMD_EAMT_ADD, 0, dev, request_size(n));
	if (!msg)
		return NULL;
	for (i = 0; i < n; i++) {
		if (i % per == 0) {
			if (list && nla_nest_end(msg, list) < 0)
				goto fail;
			list = nla_nest_start(msg, JOOL_A_EAMT);
			if (!list)
				goto fail;
		}
		if (offs)
			offs[i] = (char *)nlmsg_tail(nlmsg_hdr(msg)) -
				  (char *)nlmsg_hdr(msg);
		if (put_entry(msg, &v[i].p6, &v[i].p4))
			goto fail;
	}
	if ((list && nla_nest_end(msg, list) < 0) ||
	    (force && nla_put_flag(msg, JOOL_A_FORCE) < 0))
		goto fail;
	return msg;

fail:
	nlmsg_free(msg);
	return NULL;
}

/* ---- show ---- */

static void show_text(const struct eam_list *l)
{
	static const char head6[] = "IPv6 prefix", head4[] = "IPv4 prefix";
	char b6[PREFIX_STRLEN], b4[PREFIX_STRLEN];
	int width = strlen(head6);
	size_t i;

	if (!l->n) {
		printf("The EAMT is empty.\n");
		return;
	}
	for (i = 0; i < l->n; i++) {
		prefix_format(&l->v[i].p6, b6, sizeof(b6));
		if ((int)strlen(b6) > width)
			width = strlen(b6);
	}
	printf("%-*s  %s\n", width, head6, head4);
	for (i = 0; i < l->n; i++) {
		prefix_format(&l->v[i].p6, b6, sizeof(b6));
		prefix_format(&l->v[i].p4, b4, sizeof(b4));
		printf("%-*s  %s\n", width, b6, b4);
	}
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

static int eamt_show(const char *dev, int argc, char **argv,
		     const struct opts *o)
{
	struct eam_list l = { 0 };
	struct jnl nl;
	int ret;

	if (argc > 0)
		return usage_err("eamt show: unexpected argument %s", quote(argv[0]));
	ret = jnl_open(&nl);
	if (ret)
		return ret;
	ret = eamt_fetch(&nl, dev, &l);
	jnl_close(&nl);
	if (!ret) {
		if (o->json)
			show_json(&l);
		else
			show_text(&l);
	}
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
		if (prefix_parse(arg, AF_UNSPEC, &p, err, sizeof(err)))
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

static int eamt_add(const char *dev, const char *verb, int argc, char **argv)
{
	const char *arg6, *arg4;
	struct eam e = { 0 };
	bool force = false;
	struct nl_msg *msg;
	struct jnl nl;
	int ret;

	ret = parse_prefixes(verb, argc, argv, &e.p6, &e.p4, &arg6, &arg4, &force);
	if (ret)
		return ret;
	if (!arg6 && !arg4)
		return usage_err("eamt %s: missing IPV6PREFIX and IPV4PREFIX", verb);
	if (!arg6 || !arg4)
		return usage_err("eamt %s: missing the %s prefix (only %s given)",
				 verb, arg6 ? "IPv4" : "IPv6",
				 quote(arg6 ? arg6 : arg4));

	ret = jnl_open(&nl);
	if (ret)
		return ret;
	msg = add_request(&nl, dev, &e, 1, force, NULL);
	if (msg)
		ret = jnl_transact(&nl, msg, dev, NULL, NULL);
	else
		ret = runtime_err("out of memory");
	jnl_close(&nl);
	return ret;
}

static int eamt_del(const char *dev, const char *verb, int argc, char **argv)
{
	struct prefix p6, p4;
	const char *arg6, *arg4;
	struct nlattr *nest;
	struct nl_msg *msg;
	struct jnl nl;
	int ret;

	ret = parse_prefixes(verb, argc, argv, &p6, &p4, &arg6, &arg4, NULL);
	if (ret)
		return ret;
	if (!arg6 && !arg4)
		return usage_err("eamt %s: missing PREFIX (the IPv6 or IPv4 prefix of the EAM)",
				 verb);

	ret = jnl_open(&nl);
	if (ret)
		return ret;
	msg = jnl_request(&nl, JOOL_CMD_EAMT_DEL, dev);
	if (!msg)
		goto nomem;
	nest = nla_nest_start(msg, JOOL_A_EAMT_ENTRY);
	if (!nest ||
	    (arg6 && put_prefix(msg, JOOL_EAM_PREFIX6, &p6)) ||
	    (arg4 && put_prefix(msg, JOOL_EAM_PREFIX4, &p4)) ||
	    nla_nest_end(msg, nest) < 0) {
		nlmsg_free(msg);
		goto nomem;
	}
	ret = jnl_transact(&nl, msg, dev, NULL, NULL);
	jnl_close(&nl);
	return ret;

nomem:
	jnl_close(&nl);
	return runtime_err("out of memory");
}

static int eamt_flush(const char *dev, int argc, char **argv)
{
	struct nl_msg *msg;
	struct jnl nl;
	int ret;

	if (argc > 0)
		return usage_err("eamt flush: unexpected argument %s", quote(argv[0]));
	ret = jnl_open(&nl);
	if (ret)
		return ret;
	msg = jnl_request(&nl, JOOL_CMD_EAMT_FLUSH, dev);
	if (msg)
		ret = jnl_transact(&nl, msg, dev, NULL, NULL);
	else
		ret = runtime_err("out of memory");
	jnl_close(&nl);
	return ret;
}

/* ---- add-file: reading ---- */

/* The file's name as messages show it: as is, unless it would not print. */
static const char *file_shown(const char *path)
{
	const char *c;

	if (!strcmp(path, "-"))
		return "(stdin)";
	for (c = path; *c; c++) {
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return quote(path);
	}
	return path;
}

static const char *const blanks = " \t\r\n\v\f";

/* One line: nothing (blank, comment) or two prefixes, in either order. */
static int parse_line(char *line, size_t len, const char *file,
		      unsigned long lineno, struct eam_list *l)
{
	char err[PREFIX_ERRLEN];
	char *tok[3], *save, *c;
	struct prefix p[2];
	struct eam e;
	int n = 0, i;

	if (strlen(line) != len)
		return usage_err("%s:%lu: the line contains a NUL byte", file, lineno);
	c = strchr(line, '#');
	if (c)
		*c = '\0';
	for (c = strtok_r(line, blanks, &save); c && n < 3;
	     c = strtok_r(NULL, blanks, &save))
		tok[n++] = c;
	if (n == 0)
		return 0;
	if (n == 1)
		return usage_err("%s:%lu: expected two prefixes (IPv6 and IPv4), found only %s",
				 file, lineno, quote(tok[0]));
	if (n > 2)
		return usage_err("%s:%lu: unexpected %s after the two prefixes",
				 file, lineno, quote(tok[2]));
	for (i = 0; i < 2; i++) {
		if (prefix_parse(tok[i], AF_UNSPEC, &p[i], err, sizeof(err)))
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

static int read_file(const char *path, const char *file, struct eam_list *l)
{
	unsigned long lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f;
	int ret = 0;

	f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f)
		return usage_err("eamt add-file: cannot open %s: %s", file,
				 strerror(errno));
	while (!ret && (len = getline(&line, &cap, f)) >= 0)
		ret = parse_line(line, len, file, ++lineno, l);
	if (!ret && ferror(f))
		ret = usage_err("eamt add-file: cannot read %s: %s", file,
				strerror(errno));
	free(line);
	if (f != stdin)
		fclose(f);
	return ret;
}

/* ---- add-file: the kernel's rules, checked in advance ---- */

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

/* A prefix in the sweep below. */
struct item {
	const struct prefix *p;
	unsigned long line;	/* 0: in the table */
};

static int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c;

	c = memcmp(x->p->addr.bytes, y->p->addr.bytes, prefix_addr_size(x->p));
	if (c)
		return c;
	if (x->p->len != y->p->len)
		return x->p->len < y->p->len ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

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

/* The clash to report: the one whose later line comes first. */
struct clash {
	const struct item *late;	/* from the file */
	const struct item *early;	/* from the file (earlier) or the table */
	bool same;			/* identical prefixes */
};

static void consider(struct clash *c, const struct item *a,
		     const struct item *b, bool same)
{
	const struct item *late = a->line > b->line ? a : b;
	const struct item *early = late == a ? b : a;

	if (!late->line)
		return;		/* two of the table's: not ours to judge */
	if (!c->late || late->line < c->late->line ||
	    (late->line == c->late->line && same && !c->same)) {
		c->late = late;
		c->early = early;
		c->same = same;
	}
}

/*
 * Sorted by address, then length, the prefixes that enclose one are among
 * those before it still on the stack. Identical prefixes are stacked once,
 * so the lengths on the stack increase: it holds at most 129.
 */
static void sweep(struct item *items, size_t n, bool force, struct clash *c)
{
	size_t stack[129 + 1], depth = 0, i, k;

	qsort(items, n, sizeof(*items), item_cmp);
	for (i = 0; i < n; i++) {
		bool dup = false;

		while (depth && !contains(items[stack[depth - 1]].p, items[i].p))
			depth--;
		for (k = depth; k > 0; k--) {
			const struct item *outer = &items[stack[k - 1]];
			bool same = outer->p->len == items[i].p->len;

			if (same || !force)
				consider(c, outer, &items[i], same);
			dup |= same;
			if (force)
				break;	/* only the top can be identical */
		}
		if (!dup)
			stack[depth++] = i;
	}
}

static int report_clash(const struct clash *c, const char *file)
{
	char mine[PREFIX_STRLEN], other[PREFIX_STRLEN];
	const char *fam = family_name(c->late->p->family);

	prefix_format(c->late->p, mine, sizeof(mine));
	prefix_format(c->early->p, other, sizeof(other));
	if (c->same && c->early->line)
		return runtime_err("%s:%lu: %s prefix %s is already on line %lu",
				   file, c->late->line, fam, mine, c->early->line);
	if (c->same)
		return runtime_err("%s:%lu: %s prefix %s is already in the EAMT",
				   file, c->late->line, fam, mine);
	if (c->early->line)
		return runtime_err("%s:%lu: %s prefix %s overlaps %s on line %lu (allowed only with force)",
				   file, c->late->line, fam, mine, other,
				   c->early->line);
	return runtime_err("%s:%lu: %s prefix %s overlaps %s, which is in the EAMT (allowed only with force)",
			   file, c->late->line, fam, mine, other);
}

/* The entries of @add against one another and those of @table. */
static int check_clashes(const struct eam_list *add,
			 const struct eam_list *table, bool force,
			 const char *file)
{
	size_t n = add->n + table->n, i;
	struct clash c = { 0 };
	struct item *v4, *v6;
	int ret = 0;

	v4 = malloc((n ? n : 1) * sizeof(*v4));
	v6 = malloc((n ? n : 1) * sizeof(*v6));
	if (!v4 || !v6) {
		ret = runtime_err("out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		const struct eam *e = i < add->n ? &add->v[i] :
				      &table->v[i - add->n];

		v6[i] = (struct item){ .p = &e->p6, .line = e->line };
		v4[i] = (struct item){ .p = &e->p4, .line = e->line };
	}
	sweep(v4, n, force, &c);
	sweep(v6, n, force, &c);
	if (c.late)
		ret = report_clash(&c, file);
out:
	free(v4);
	free(v6);
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

static int send_entries(struct jnl *nl, const char *dev, const char *file,
			const struct eam_list *l, bool force)
{
	char text[sizeof(((struct jnl_status *)0)->extack) + 64];
	size_t per = REQUEST_MAX / entry_size(), first, n, bad;
	char where[PATH_MAX + 32];
	struct jnl_status st;
	struct nl_msg *msg;
	uint32_t *offs;
	int ret = 0;

	if (per > l->n)
		per = l->n;
	/* Without a big enough send buffer, one JOOL_A_EAMT per request. */
	if (jnl_reserve(nl, NLMSG_HDRLEN + GENL_HDRLEN + nla_total_size(IFNAMSIZ) +
			request_size(per)))
		per = entries_per_message();
	offs = malloc((per ? per : 1) * sizeof(*offs));
	if (!offs)
		return runtime_err("out of memory");

	for (first = 0; first < l->n; first += n) {
		n = l->n - first < per ? l->n - first : per;
		msg = add_request(nl, dev, &l->v[first], n, force, offs);
		if (!msg) {
			ret = runtime_err("out of memory");
			break;
		}
		if (!jnl_exchange(nl, msg, NULL, NULL, &st))
			continue;

		jnl_status_text(&st, text, sizeof(text));
		bad = culprit(offs, n, &st);
		if (bad < n)
			snprintf(where, sizeof(where), "%s:%lu", file,
				 l->v[first + bad].line);
		else
			snprintf(where, sizeof(where), "%s", file);
		if (n == l->n)
			ret = runtime_err("%s: %s: %s", dev, where, text);
		else if (!first)
			ret = runtime_err("%s: %s: lines %lu-%lu: %s; nothing was added",
					  dev, where, l->v[0].line,
					  l->v[n - 1].line, text);
		else
			ret = runtime_err("%s: %s: lines %lu-%lu: %s; the %zu entries before line %lu were added",
					  dev, where, l->v[first].line,
					  l->v[first + n - 1].line, text, first,
					  l->v[first].line);
		break;
	}
	free(offs);
	return ret;
}

static int eamt_add_file(const char *dev, const char *verb, int argc,
			 char **argv)
{
	struct eam_list add = { 0 }, table = { 0 };
	const char *path = NULL, *file;
	bool force = false, precheck;
	struct jnl nl;
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
	file = file_shown(path);

	/*
	 * The tests skip joolctl's own checks to see the kernel's, which
	 * otherwise only a table changed by someone else at the same time
	 * would reach.
	 */
	precheck = !getenv("JOOLCTL_TEST_NO_PRECHECK");
	ret = read_file(path, file, &add);
	if (!ret && precheck)
		ret = check_suffixes(&add, file);
	if (ret)
		goto out;

	ret = jnl_open(&nl);
	if (ret)
		goto out;
	ret = eamt_fetch(&nl, dev, &table);
	if (!ret && precheck)
		ret = check_clashes(&add, &table, force, file);
	list_free(&table);
	if (!ret)
		ret = send_entries(&nl, dev, file, &add, force);
	jnl_close(&nl);
out:
	list_free(&add);
	return ret;
}

/* ---- The subcommand ---- */

static void eamt_help(void)
{
	printf("Usage: joolctl [-j | --json] DEV eamt [show]\n"
	       "       joolctl DEV eamt add PREFIX PREFIX [force]\n"
	       "       joolctl DEV eamt add-file FILE [force]\n"
	       "       joolctl DEV eamt del PREFIX [PREFIX]\n"
	       "       joolctl DEV eamt flush\n"
	       "\n"
	       "The Explicit Address Mapping Table (RFC 7757) of the jool device\n"
	       "DEV: each entry maps an IPv6 prefix to an IPv4 prefix, address by\n"
	       "address, and wins over pool6 in both directions.\n"
	       "\n"
	       "  show      list the entries, ordered by IPv4 prefix\n"
	       "  add       add the entry of an IPv6 and an IPv4 prefix, given in\n"
	       "            either order\n"
	       "  add-file  add the entries of FILE (\"-\": standard input), one per\n"
	       "            line: two prefixes, in either order; blank lines and\n"
	       "            text after '#' are ignored. The whole file is checked\n"
	       "            before anything is added.\n"
	       "  del       delete the entry with that IPv6 or IPv4 prefix (exact)\n"
	       "  flush     delete every entry\n"
	       "\n"
	       "PREFIX is ADDRESS/LENGTH, with no bits set after LENGTH. The IPv4\n"
	       "suffix (32 - length) must not be longer than the IPv6 suffix\n"
	       "(128 - length). A prefix identical to another entry's is refused;\n"
	       "one inside another entry's (or around it) only with \"force\"\n"
	       "(\"--force\"), and then the longest match decides.\n"
	       "\n"
	       "\"display\" is accepted for \"show\", and \"remove\" for \"del\".\n");
}

/* joolctl DEV eamt [show | add | add-file | del | flush | --help] */
int cmd_eamt(const char *dev, int argc, char **argv, const struct opts *o)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (is_help(argv[i])) {
			eamt_help();
			return 0;
		}
	}
	if (argc == 0)
		return eamt_show(dev, 0, NULL, o);
	if (is_verb(argv[0], "show", "display"))
		return eamt_show(dev, argc - 1, argv + 1, o);
	if (is_verb(argv[0], "add", NULL))
		return eamt_add(dev, argv[0], argc - 1, argv + 1);
	if (is_verb(argv[0], "add-file", NULL))
		return eamt_add_file(dev, argv[0], argc - 1, argv + 1);
	if (is_verb(argv[0], "del", "remove"))
		return eamt_del(dev, argv[0], argc - 1, argv + 1);
	if (is_verb(argv[0], "flush", NULL))
		return eamt_flush(dev, argc - 1, argv + 1);
	return usage_err("unknown eamt command %s (expected show, add, add-file, del or flush)",
			 quote(argv[0]));
}
