// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration files: reading, checking, printing, and the
 * JOOL_CMD_SET_CONFIG request they become (docs/configuration.md).
 *
 * Each statement is joolctl's own command without "joolctl DEV", and is
 * parsed by the module that parses that command (globals.c, eamt.c,
 * denylist.c, pool4.c, bib.c), with "FILE:LINE: " before its messages.
 * Each statement's place in the request is kept, so that the attribute
 * the kernel refuses (its extended ack's offset) names the line.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <uapi/jool_netdev.h>

#include "conf.h"
#include "denylist.h"
#include "eamt.h"
#include "nl.h"
#include "util.h"

#define WORDS_MAX	32

static const char *const blanks = " \t\r\n\v\f";

static const char *const mode_names[] = {
	[JOOL_MODE_SIIT] = "siit",
	[JOOL_MODE_NAT64] = "nat64",
};

void conf_init(struct conf *c, const char *file)
{
	memset(c, 0, sizeof(*c));
	c->file = file;
	c->mode = -1;
}

void conf_free(struct conf *c)
{
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}

/* A new statement at the end of @c; NULL (reported) without memory. */
struct conf_stmt *conf_push(struct conf *c, enum conf_kind kind,
			    unsigned long line)
{
	struct conf_stmt *s;

	if (grow_array((void **)&c->v, &c->cap, c->n, sizeof(*c->v), 64)) {
		runtime_err("out of memory");
		return NULL;
	}
	s = &c->v[c->n++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->line = line;
	return s;
}

static int parse_mode(struct conf *c, int argc, char **argv,
		      unsigned long line)
{
	struct conf_stmt *s;
	size_t i;

	if (argc != 2)
		return usage_err("mode: expected one word, siit or nat64");
	if (c->mode >= 0)
		return usage_err("mode given twice");
	for (i = 0; i < ARRAY_SIZE(mode_names); i++) {
		if (strcmp(argv[1], mode_names[i]))
			continue;
		s = conf_push(c, CONF_MODE, line);
		if (!s)
			return EXIT_RUNTIME;
		s->mode = c->mode = i;
		return 0;
	}
	return usage_err("mode: invalid value %s (expected siit or nat64)",
			 quote(argv[1]));
}

/* "global KEY VALUE" or "global set KEY VALUE". */
static int parse_global(struct conf *c, int argc, char **argv,
			unsigned long line)
{
	const struct global_key *key;
	struct conf_stmt *s;
	struct gvalue val;
	size_t i;
	int ret;

	if (argc > 1 && !strcmp(argv[1], "set")) {
		argc--;
		argv++;
	}
	if (argc < 2)
		return usage_err("global: missing KEY and VALUE");
	if (argc > 3)
		return usage_err("global %s: unexpected %s after the value",
				 argv[1], quote(argv[3]));
	ret = global_parse(argv[1], argc > 2 ? argv[2] : NULL, &key, &val);
	if (ret)
		return ret;
	for (i = 0; i < c->n; i++) {
		if (c->v[i].kind == CONF_GLOBAL && c->v[i].global.key == key)
			return usage_err("global %s given twice (first on line %lu)",
					 key->name, c->v[i].line);
	}
	s = conf_push(c, CONF_GLOBAL, line);
	if (!s)
		return EXIT_RUNTIME;
	s->global.key = key;
	s->global.val = val;
	return 0;
}

/* "TABLE add ...": the words after "add", or NULL (reported). */
static bool is_add(int argc, char **argv, int *ret)
{
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return true;
	*ret = usage_err("%s: only \"%s add ...\" belongs in a configuration",
			 argv[0], argv[0]);
	return false;
}

static int parse_table(struct conf *c, int argc, char **argv,
		       unsigned long line)
{
	struct conf_stmt tmp, *s;
	int ret = 0;

	if (!is_add(argc, argv, &ret))
		return ret;
	memset(&tmp, 0, sizeof(tmp));
	if (!strcmp(argv[0], "eamt")) {
		tmp.kind = CONF_EAM;
		ret = eamt_parse_add("add", argc - 2, argv + 2, &tmp.eam.p6,
				     &tmp.eam.p4, &tmp.force);
	} else if (!strcmp(argv[0], "pool4")) {
		tmp.kind = CONF_POOL4;
		ret = pool4_parse("add", true, argc - 2, argv + 2, &tmp.pool4);
		tmp.force = tmp.pool4.force;
	} else if (!strcmp(argv[0], "bib")) {
		tmp.kind = CONF_BIB;
		ret = bib_parse_add("add", argc - 2, argv + 2, &tmp.bib);
	} else {
		tmp.kind = CONF_DENYLIST4;
		ret = denylist_parse("add", argc - 2, argv + 2, &tmp.deny);
	}
	if (ret)
		return ret;
	s = conf_push(c, tmp.kind, line);
	if (!s)
		return EXIT_RUNTIME;
	tmp.line = line;
	*s = tmp;
	return 0;
}

/**
 * conf_statement() - one statement, as words
 * @c: the configuration it joins
 * @argc: the number of words (at least 1)
 * @argv: the words
 * @line: where it was read, for messages
 *
 * Return: 0, or the exit status of the error (reported with the file and
 * the line).
 */
int conf_statement(struct conf *c, int argc, char **argv,
		   unsigned long line)
{
	const char *w = argv[0];
	int ret;

	snprintf(c->where, sizeof(c->where), "%s:%lu", c->file, line);
	err_context(c->where);
	if (!strcmp(w, "mode"))
		ret = parse_mode(c, argc, argv, line);
	else if (!strcmp(w, "global"))
		ret = parse_global(c, argc, argv, line);
	else if (!strcmp(w, "eamt") || !strcmp(w, "pool4") ||
		 !strcmp(w, "bib") || !strcmp(w, "denylist4") ||
		 !strcmp(w, "blacklist4"))
		ret = parse_table(c, argc, argv, line);
	else if (!strcmp(w, "route"))
		ret = 0;	/* the systemd unit's, not joolctl's */
	else
		ret = usage_err("unknown statement %s (expected mode, global, eamt, denylist4, pool4, bib or route)",
				quote(w));
	err_context(NULL);
	return ret;
}

/**
 * conf_line() - one line of a text file
 * @c: the configuration it joins
 * @line: the line, changed in place
 * @len: its length (a NUL byte inside is an error)
 * @lineno: its number
 *
 * A "#" at the start of a word starts a comment ("ADDRESS#PORT" is not
 * one); blank lines are ignored.
 *
 * Return: 0, or the exit status of the error (reported).
 */
int conf_line(struct conf *c, char *line, size_t len, unsigned long lineno)
{
	char *argv[WORDS_MAX + 1], *save, *w;
	int argc = 0;

	if (strlen(line) != len)
		return usage_err("%s:%lu: the line contains a NUL byte",
				 c->file, lineno);
	for (w = strtok_r(line, blanks, &save); w && w[0] != '#';
	     w = strtok_r(NULL, blanks, &save)) {
		if (argc == WORDS_MAX)
			return usage_err("%s:%lu: more than %d words", c->file,
					 lineno, WORDS_MAX);
		argv[argc++] = w;
	}
	argv[argc] = NULL;
	return argc ? conf_statement(c, argc, argv, lineno) : 0;
}

/**
 * conf_parse_text() - every line of a text configuration
 * @c: the configuration they join
 * @f: the file
 * @line: the number of the line @f is at (blank lines before it were read)
 *
 * Return: 0, or the exit status of the first error (reported).
 */
int conf_parse_text(struct conf *c, FILE *f, unsigned long line)
{
	unsigned long lineno = line - 1;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	int ret = 0;

	while (!ret && (len = getline(&buf, &cap, f)) >= 0)
		ret = conf_line(c, buf, len, ++lineno);
	if (!ret && ferror(f))
		ret = usage_err("cannot read %s: %s", c->file, strerror(errno));
	free(buf);
	return ret;
}

/*
 * Whether the first character that is not blank is '{' (then pushed back);
 * *@line: the number of its line.
 */
static bool is_json(FILE *f, unsigned long *line)
{
	int ch;

	*line = 1;
	do {
		ch = getc(f);
		*line += ch == '\n';
	} while (ch != EOF && ch && strchr(blanks, ch));
	if (ch != EOF)
		ungetc(ch, f);
	return ch == '{';
}

/**
 * conf_read() - read a configuration file, text or Jool JSON
 * @c: an empty configuration, its file name set
 * @path: the file; "-": standard input
 *
 * Return: 0, or the exit status of the first error (reported).
 */
int conf_read(struct conf *c, const char *path)
{
	unsigned long line;
	FILE *f;
	int ret;

	f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f)
		return usage_err("cannot open %s: %s", c->file, strerror(errno));
	if (is_json(f, &line))
		ret = conf_parse_json(c, f, line);
	else
		ret = conf_parse_text(c, f, line);
	if (f != stdin)
		fclose(f);
	return ret ? ret : conf_check(c);
}

/* The modes each kind of statement is for: 1 << JOOL_MODE_*. */
static unsigned int kind_modes(enum conf_kind kind)
{
	switch (kind) {
	case CONF_EAM:
	case CONF_DENYLIST4:
		return 1 << JOOL_MODE_SIIT;
	case CONF_POOL4:
	case CONF_BIB:
		return 1 << JOOL_MODE_NAT64;
	default:
		return ~0u;
	}
}

static const char *const kind_names[] = {
	[CONF_EAM] = "eamt",
	[CONF_DENYLIST4] = "denylist4",
	[CONF_POOL4] = "pool4",
	[CONF_BIB] = "bib",
};

/**
 * conf_check() - the statements against the file's mode
 * @c: the configuration
 *
 * A "mode" statement makes the statements of the other mode errors (the
 * kernel checks the device's mode).
 *
 * Return: 0, or the exit status of the error (reported).
 */
int conf_check(struct conf *c)
{
	const struct conf_stmt *s;
	size_t i;

	if (c->mode < 0)
		return 0;
	for (i = 0; i < c->n; i++) {
		s = &c->v[i];
		if (kind_modes(s->kind) & (1u << c->mode))
			continue;
		return usage_err("%s:%lu: %s is not for %s devices (the mode of this configuration)",
				 c->file, s->line, kind_names[s->kind],
				 mode_names[c->mode]);
	}
	return 0;
}

/* ---- Printing ---- */

static void print_taddr(FILE *out, int af, const void *addr, uint16_t port)
{
	char buf[INET6_ADDRSTRLEN];

	inet_ntop(af, addr, buf, sizeof(buf));
	fprintf(out, " %s#%u", buf, port);
}

static void print_stmt(const struct conf_stmt *s, FILE *out)
{
	char a[GLOBAL_TEXT_MAX], b[PREFIX_STRLEN];
	const struct pool4_req *p;

	switch (s->kind) {
	case CONF_MODE:
		fprintf(out, "mode %s\n", mode_names[s->mode]);
		return;
	case CONF_GLOBAL:
		global_text(s->global.key, &s->global.val, a, sizeof(a));
		fprintf(out, "global %s %s\n", s->global.key->name, a);
		return;
	case CONF_EAM:
		prefix_format(&s->eam.p6, a, sizeof(a));
		prefix_format(&s->eam.p4, b, sizeof(b));
		fprintf(out, "eamt add %s %s%s\n", a, b,
			s->force ? " force" : "");
		return;
	case CONF_DENYLIST4:
		prefix_format(&s->deny, a, sizeof(a));
		fprintf(out, "denylist4 add %s\n", a);
		return;
	case CONF_POOL4:
		p = &s->pool4;
		prefix_format(&p->prefix, a, sizeof(a));
		fprintf(out, "pool4 add %s%s%s %u-%u mark %u",
			p->proto ? pool4_proto_name(p->proto) : "",
			p->proto ? " " : "", a, p->min, p->max, p->mark);
		if (p->has_iter && p->iter_mode == JOOL_POOL4_ITER_FIXED)
			fprintf(out, " max-iterations %u", p->iterations);
		else if (p->has_iter)
			fprintf(out, " max-iterations %s",
				p->iter_mode == JOOL_POOL4_ITER_AUTO ?
				"auto" : "infinity");
		fprintf(out, "%s\n", s->force ? " force" : "");
		return;
	case CONF_BIB:
		fprintf(out, "bib add %s", pool4_proto_name(s->bib.proto));
		print_taddr(out, AF_INET, &s->bib.addr4, s->bib.port4);
		print_taddr(out, AF_INET6, &s->bib.addr6, s->bib.port6);
		fputc('\n', out);
		return;
	}
}

/**
 * conf_print() - a configuration in the text format
 * @c: the configuration
 * @out: where to
 */
void conf_print(const struct conf *c, FILE *out)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		print_stmt(&c->v[i], out);
}

/* ---- The request ---- */

/* Room for any statement: a pool4 entry is the biggest (about 80 bytes). */
#define STMT_ROOM	256

/**
 * conf_request_size() - the most conf_put() writes
 * @c: the configuration
 *
 * Return: a size in bytes.
 */
size_t conf_request_size(const struct conf *c)
{
	size_t lists = c->n / eamt_entries_per_list() + 1;

	return (c->n + 8) * STMT_ROOM + lists * NLA_HDRLEN;
}

static uint32_t tail_off(struct nl_msg *msg)
{
	return (char *)nlmsg_tail(nlmsg_hdr(msg)) - (char *)nlmsg_hdr(msg);
}

/* Puts @s (of @kind, or anything but those with a nest of their own). */
static int put_stmt(struct nl_msg *msg, struct conf_stmt *s)
{
	const struct global_key *k;

	s->off = tail_off(msg);
	switch (s->kind) {
	case CONF_MODE:
		if (nla_put_u8(msg, JOOL_A_MODE, s->mode) < 0)
			return -1;
		break;
	case CONF_GLOBAL:
		k = s->global.key;
		if (k->type->put(msg, k->attr, &s->global.val))
			return -1;
		break;
	case CONF_EAM:
		if (eamt_put_entry(msg, &s->eam.p6, &s->eam.p4))
			return -1;
		break;
	case CONF_DENYLIST4:
		if (jnl_put_prefix(msg, JOOL_A_PREFIX, &s->deny))
			return -1;
		break;
	case CONF_POOL4:
		if (pool4_put_entry(msg, &s->pool4))
			return -1;
		break;
	case CONF_BIB:
		if (bib_put_entry(msg, &s->bib))
			return -1;
		break;
	}
	s->len = tail_off(msg) - s->off;
	return 0;
}

/* Every statement of @kind, in one nest of @nest_type (0: none). */
static int put_kind(struct conf *c, struct nl_msg *msg, enum conf_kind kind,
		    int nest_type, size_t per_nest)
{
	struct nlattr *nest = NULL;
	size_t i, in_nest = 0;

	for (i = 0; i < c->n; i++) {
		if (c->v[i].kind != kind)
			continue;
		if (nest_type && (!nest || in_nest == per_nest)) {
			if (nest && nla_nest_end(msg, nest) < 0)
				return -1;
			nest = nla_nest_start(msg, nest_type);
			if (!nest)
				return -1;
			in_nest = 0;
		}
		if (put_stmt(msg, &c->v[i]))
			return -1;
		in_nest++;
	}
	return nest && nla_nest_end(msg, nest) < 0 ? -1 : 0;
}

/**
 * conf_put() - the attributes of a JOOL_CMD_SET_CONFIG of @c
 * @c: the configuration; each statement's place in @msg is recorded
 * @msg: the request, after the device's name
 * @replace: JOOL_A_REPLACE (setconf, syncconf) or not (addconf)
 *
 * Return: 0, or -1 if out of room.
 */
int conf_put(struct conf *c, struct nl_msg *msg, bool replace)
{
	bool force = false;
	size_t i;

	for (i = 0; i < c->n; i++)
		force |= c->v[i].force;
	if ((replace && nla_put_flag(msg, JOOL_A_REPLACE) < 0) ||
	    (force && nla_put_flag(msg, JOOL_A_FORCE) < 0))
		return -1;
	if (put_kind(c, msg, CONF_MODE, 0, 0) ||
	    put_kind(c, msg, CONF_GLOBAL, JOOL_A_GLOBALS, (size_t)-1) ||
	    put_kind(c, msg, CONF_EAM, JOOL_A_EAMT, eamt_entries_per_list()) ||
	    put_kind(c, msg, CONF_DENYLIST4, 0, 0) ||
	    put_kind(c, msg, CONF_POOL4, 0, 0) ||
	    put_kind(c, msg, CONF_BIB, 0, 0))
		return -1;
	return 0;
}

/**
 * conf_culprit() - the statement the kernel's extended ack points at
 * @c: the configuration, as conf_put() put it
 * @offset: NLMSGERR_ATTR_OFFS
 *
 * Return: the statement, or NULL if the offset is outside every one.
 */
const struct conf_stmt *conf_culprit(const struct conf *c, uint32_t offset)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		if (c->v[i].len && offset >= c->v[i].off &&
		    offset < c->v[i].off + c->v[i].len)
			return &c->v[i];
	}
	return NULL;
}
