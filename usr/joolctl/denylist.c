// SPDX-License-Identifier: GPL-2.0
/*
 * "joolctl DEV denylist4 ...": show, add, add-file, del and flush the IPv4
 * prefixes that pool6 must not translate (SIIT).
 *
 * add-file reads and checks the whole file first (syntax, and prefixes
 * given twice), then sends every prefix in one JOOL_CMD_DENYLIST4_ADD,
 * which the kernel applies all or nothing; a prefix it refuses is named by
 * its extended ack's offset, and so by its line.
 */
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <uapi/jool_netdev.h>

#include "cmd.h"
#include "denylist.h"
#include "json.h"
#include "lines.h"
#include "nl.h"
#include "prefix.h"
#include "table.h"

struct prefix_list {
	struct prefix *v;
	unsigned long *line;	/* add-file: the line of each prefix */
	size_t n;
	size_t cap;
	bool oom;
};

/* One message of the dump: one JOOL_A_PREFIX. */
static int read_prefix(struct nlattr **tb, void *arg)
{
	struct prefix_list *l = arg;
	struct prefix p;

	if (jnl_get_prefix(tb[JOOL_A_PREFIX], &p) || p.family != AF_INET)
		return -1;
	if (l->oom)
		return 0;
	if (grow_array((void **)&l->v, &l->cap, l->n, sizeof(*l->v), 64)) {
		l->oom = true;
		return 0;
	}
	l->v[l->n++] = p;
	return 0;
}

static void restart_list(void *arg)
{
	struct prefix_list *l = arg;

	l->n = 0;
}

/* A row is an add-file line: one prefix. */
static int print_list(const struct prefix_list *l, const struct opts *o)
{
	static const char *const heads[] = { "IPv4 prefix" };
	char buf[PREFIX_STRLEN];
	struct table t;
	struct json j;
	size_t i;

	if (o->json) {
		json_init(&j, stdout);
		json_begin_array(&j, NULL);
		for (i = 0; i < l->n; i++) {
			prefix_format(&l->v[i], buf, sizeof(buf));
			json_string(&j, NULL, buf);
		}
		json_end(&j);
		return 0;
	}
	table_init(&t, o, heads, ARRAY_SIZE(heads));
	for (i = 0; i < l->n; i++) {
		prefix_format(&l->v[i], buf, sizeof(buf));
		table_row(&t, buf);
	}
	return table_print(&t, "denylist4 is empty.");
}

/* The whole list, in the kernel's order, into @l (free l->v). */
static int fetch(const char *dev, struct prefix_list *l)
{
	int ret;

	ret = jnl_do_dump(dev, JOOL_CMD_DENYLIST4_GET, read_prefix,
			  restart_list, l);
	if (!ret && l->oom)
		ret = runtime_err("out of memory");
	return ret;
}

/**
 * denylist_fetch() - every prefix of denylist4, in the kernel's order
 * @dev: the device
 * @v: out: the prefixes (free them, even on error)
 * @n: out: their number
 *
 * Return: the exit status (an error already printed).
 */
int denylist_fetch(const char *dev, struct prefix **v, size_t *n)
{
	struct prefix_list l = { 0 };
	int ret = fetch(dev, &l);

	*v = l.v;
	*n = l.n;
	return ret;
}

static int denylist_show(const struct call *c, int argc, char **argv)
{
	struct prefix_list l = { 0 };
	int ret;

	ret = cmd_no_args(c, argc, argv);
	if (!ret)
		ret = fetch(c->dev, &l);
	if (!ret)
		ret = print_list(&l, c->o);
	free(l.v);
	return ret;
}

static int build_prefix(struct nl_msg *msg, const void *req)
{
	return jnl_put_prefix(msg, JOOL_A_PREFIX, req);
}

/**
 * denylist_parse() - the words of "denylist4 add" (or del): one IPv4
 * prefix; without "/LENGTH", /32 (as in Jool)
 * @verb: the verb, for messages
 * @argc: the number of words
 * @argv: the words
 * @p: out: the prefix
 *
 * Return: 0, or the exit status of the error (already reported).
 */
int denylist_parse(const char *verb, int argc, char **argv, struct prefix *p)
{
	char err[PREFIX_ERRLEN];

	if (argc < 1)
		return usage_err("denylist4 %s: missing PREFIX", verb);
	if (argc > 1)
		return usage_err("denylist4 %s: unexpected argument %s", verb,
				 quote(argv[1]));
	if (argv[0][0] == '-')
		return usage_err("denylist4 %s: unknown option %s", verb,
				 quote(argv[0]));
	if (prefix_parse(argv[0], AF_INET, 0, p, err, sizeof(err)))
		return usage_err("denylist4 %s: invalid prefix %s: %s", verb,
				 quote(argv[0]), err);
	return 0;
}

static int denylist_change(const struct call *c, int argc, char **argv)
{
	struct prefix p;
	int ret;

	ret = denylist_parse(c->verb, argc, argv, &p);
	if (ret)
		return ret;
	return jnl_do(c->dev, c->cmd->nlcmd, build_prefix, &p, NULL, NULL);
}

static int denylist_flush(const struct call *c, int argc, char **argv)
{
	int ret = cmd_no_args(c, argc, argv);

	return ret ? ret : jnl_do(c->dev, JOOL_CMD_DENYLIST4_FLUSH, NULL, NULL,
				  NULL, NULL);
}

/* ---- add-file ---- */

/* The most prefixes denylist4 holds (the kernel's DENYLIST_MAX_ENTRIES). */
#define DENYLIST_MAX	65536u

/* One line's words: one IPv4 prefix. */
static int parse_line(char **word, int n, const char *file,
		      unsigned long lineno, void *arg)
{
	char err[PREFIX_ERRLEN];
	struct prefix_list *l = arg;
	size_t cap = l->cap;

	if (n > 1)
		return usage_err("%s:%lu: unexpected %s after the prefix", file,
				 lineno, quote(word[1]));
	if (l->n == DENYLIST_MAX)
		return usage_err("%s:%lu: more than %u prefixes (denylist4 holds at most that many)",
				 file, lineno, DENYLIST_MAX);
	if (grow_array((void **)&l->v, &l->cap, l->n, sizeof(*l->v), 64))
		return runtime_err("out of memory");
	if (l->cap != cap) {
		unsigned long *nl = realloc(l->line, l->cap * sizeof(*nl));

		if (!nl) {
			l->cap = cap;
			return runtime_err("out of memory");
		}
		l->line = nl;
	}
	if (prefix_parse(word[0], AF_INET, 0, &l->v[l->n], err, sizeof(err)))
		return usage_err("%s:%lu: invalid prefix %s: %s", file, lineno,
				 quote(word[0]), err);
	l->line[l->n++] = lineno;
	return 0;
}

static const struct prefix_list *sort_list;

static int cmp_index(const void *a, const void *b)
{
	const struct prefix *p = &sort_list->v[*(const size_t *)a];
	const struct prefix *q = &sort_list->v[*(const size_t *)b];
	int d = memcmp(&p->addr.v4, &q->addr.v4, sizeof(p->addr.v4));

	if (d)
		return d;
	if (p->len != q->len)
		return p->len < q->len ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* A prefix given twice: the later line names the earlier. */
static int check_twice(const struct prefix_list *l, const char *file)
{
	char buf[PREFIX_STRLEN];
	size_t *idx, i;
	int ret = 0;

	if (l->n < 2)
		return 0;
	idx = malloc(l->n * sizeof(*idx));
	if (!idx)
		return runtime_err("out of memory");
	for (i = 0; i < l->n; i++)
		idx[i] = i;
	sort_list = l;
	qsort(idx, l->n, sizeof(*idx), cmp_index);
	for (i = 1; !ret && i < l->n; i++) {
		const struct prefix *p = &l->v[idx[i - 1]], *q = &l->v[idx[i]];

		if (p->len != q->len ||
		    memcmp(&p->addr.v4, &q->addr.v4, sizeof(p->addr.v4)))
			continue;
		prefix_format(q, buf, sizeof(buf));
		ret = runtime_err("%s:%lu: prefix %s is already on line %lu",
				  file, l->line[idx[i]], buf,
				  l->line[idx[i - 1]]);
	}
	free(idx);
	return ret;
}

/* The size of one JOOL_A_PREFIX (an IPv4 prefix). */
static size_t prefix_size(void)
{
	return nla_total_size(nla_total_size(4) + nla_total_size(1));
}

/* All of @l in one request, all or nothing; a refusal names its line. */
static int send_list(const char *dev, const char *file,
		     const struct prefix_list *l)
{
	size_t size = l->n * prefix_size(), i, bad = l->n;
	char text[sizeof(((struct jnl_status *)0)->extack) + 64];
	struct jnl_status st;
	struct nl_msg *msg;
	uint32_t *offs;
	struct jnl nl;
	int ret;

	offs = malloc(l->n * sizeof(*offs));
	if (!offs)
		return runtime_err("out of memory");
	ret = jnl_open(&nl);
	if (ret) {
		free(offs);
		return ret;
	}
	if (jnl_reserve(&nl, NLMSG_HDRLEN + GENL_HDRLEN +
			nla_total_size(IFNAMSIZ) + size)) {
		ret = runtime_err("denylist4 add-file: the netlink socket cannot take a request of %zu bytes",
				  size);
		goto out;
	}
	msg = jnl_request_size(&nl, JOOL_CMD_DENYLIST4_ADD, 0, dev, size);
	for (i = 0; msg && i < l->n; i++) {
		offs[i] = (char *)nlmsg_tail(nlmsg_hdr(msg)) -
			  (char *)nlmsg_hdr(msg);
		if (jnl_put_prefix(msg, JOOL_A_PREFIX, &l->v[i])) {
			nlmsg_free(msg);
			msg = NULL;
		}
	}
	if (!msg) {
		ret = runtime_err("out of memory");
		goto out;
	}
	if (!jnl_exchange(&nl, msg, NULL, NULL, &st))
		goto out;
	for (i = 0; st.has_offset && i < l->n; i++) {
		if (st.offset >= offs[i] && st.offset < offs[i] + prefix_size())
			bad = i;
	}
	jnl_status_text(&st, text, sizeof(text));
	if (bad < l->n)
		ret = runtime_err("%s: %s:%lu: %s; nothing was added", dev, file,
				  l->line[bad], text);
	else
		ret = runtime_err("%s: %s: %s; nothing was added", dev, file,
				  text);
out:
	jnl_close(&nl);
	free(offs);
	return ret;
}

static int denylist_add_file(const struct call *c, int argc, char **argv)
{
	struct prefix_list l = { 0 };
	const char *file;
	int ret;

	if (argc < 1)
		return usage_err("denylist4 %s: missing FILE", c->verb);
	if (argc > 1)
		return usage_err("denylist4 %s: unexpected argument %s", c->verb,
				 quote(argv[1]));
	if (argv[0][0] == '-' && argv[0][1])
		return usage_err("denylist4 %s: unknown option %s", c->verb,
				 quote(argv[0]));
	file = lines_file_shown(argv[0]);
	ret = lines_read("denylist4 add-file", argv[0], file, parse_line, &l);
	/* The tests skip this check to see the kernel's. */
	if (!ret && !getenv("JOOLCTL_TEST_NO_PRECHECK"))
		ret = check_twice(&l, file);
	if (!ret && l.n)
		ret = send_list(c->dev, file, &l);
	free(l.v);
	free(l.line);
	/* An empty file adds nothing, on a device that must have denylist4. */
	if (!ret && !l.n) {
		memset(&l, 0, sizeof(l));
		ret = fetch(c->dev, &l);
		free(l.v);
	}
	return ret;
}

static const struct cmd denylist_cmds[] = {
	CMD("show", "display", NULL, "list the prefixes, ordered by address",
	  denylist_show, .json = true, .table = true, .dflt = true),
	CMD("add", NULL, "PREFIX",
	  "add PREFIX (ADDRESS[/LENGTH], /32 if no length; no bits\n"
	  "set after LENGTH); an identical prefix is refused, a\n"
	  "nested one is fine. At most 65536 prefixes.",
	  denylist_change, .nlcmd = JOOL_CMD_DENYLIST4_ADD),
	CMD("add-file", NULL, "FILE",
	  "add the prefixes of FILE (\"-\": standard input), one per\n"
	  "line (\"denylist4 show --no-headers\"); blank lines and\n"
	  "text after '#' are ignored. The whole file is checked,\n"
	  "then added all or none.",
	  denylist_add_file),
	CMD("del", "remove", "PREFIX", "delete PREFIX (exact)",
	  denylist_change, .nlcmd = JOOL_CMD_DENYLIST4_DEL),
	CMD("flush", NULL, NULL, "delete every prefix", denylist_flush),
};

CMD_GROUP(denylist_group, "denylist4", denylist_cmds,
	.help_anywhere = true,
	.about = "IPv4 prefixes that the SIIT device DEV must not translate through\n"
		 "pool6 (RFC 6052). A packet whose IPv4 source or destination is in\n"
		 "one of them, or whose IPv6 address in pool6 embeds such an IPv4\n"
		 "address, is dropped and counted (denylisted). Translations by the\n"
		 "EAMT are not affected, nor is the source of an ICMP error.\n"
		 "0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16, 224.0.0.0/4 and\n"
		 "255.255.255.255/32 are never translated through pool6, whatever\n"
		 "the list holds.\n");
