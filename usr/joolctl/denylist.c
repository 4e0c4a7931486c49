// SPDX-License-Identifier: GPL-2.0
/*
 * "joolctl DEV denylist4 ...": show, add, del and flush the IPv4 prefixes
 * that pool6 must not translate (SIIT).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <uapi/jool_netdev.h>

#include "cmd.h"
#include "denylist.h"
#include "json.h"
#include "nl.h"
#include "prefix.h"

struct prefix_list {
	struct prefix *v;
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

static void print_list(const struct prefix_list *l, bool json)
{
	char buf[PREFIX_STRLEN];
	struct json j;
	size_t i;

	if (json) {
		json_init(&j, stdout);
		json_begin_array(&j, NULL);
	} else if (!l->n) {
		printf("denylist4 is empty.\n");
	}
	for (i = 0; i < l->n; i++) {
		prefix_format(&l->v[i], buf, sizeof(buf));
		if (json)
			json_string(&j, NULL, buf);
		else
			printf("%s\n", buf);
	}
	if (json)
		json_end(&j);
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
	int ret;

	ret = jnl_do_dump(dev, JOOL_CMD_DENYLIST4_GET, read_prefix,
			  restart_list, &l);
	if (!ret && l.oom)
		ret = runtime_err("out of memory");
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
		ret = denylist_fetch(c->dev, &l.v, &l.n);
	if (!ret)
		print_list(&l, c->o->json);
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

static const struct cmd denylist_cmds[] = {
	CMD("show", "display", NULL, "list the prefixes, ordered by address",
	  denylist_show, .json = true, .dflt = true),
	CMD("add", NULL, "PREFIX",
	  "add PREFIX (ADDRESS[/LENGTH], /32 if no length; no bits\n"
	  "set after LENGTH); an identical prefix is refused, a\n"
	  "nested one is fine. At most 65536 prefixes.",
	  denylist_change, .nlcmd = JOOL_CMD_DENYLIST4_ADD),
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
