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

static struct nla_policy prefix_policy[JOOL_PREFIX_MAX + 1] = {
	[JOOL_PREFIX_ADDR]	= { .type = NLA_UNSPEC },
	[JOOL_PREFIX_LEN]	= { .type = NLA_U8 },
};

/* One message of the dump: one JOOL_A_PREFIX. */
static int read_prefix(struct nlattr **tb, void *arg)
{
	struct nlattr *ptb[JOOL_PREFIX_MAX + 1];
	struct prefix_list *l = arg;
	struct prefix p;

	if (!tb[JOOL_A_PREFIX] ||
	    nla_parse_nested(ptb, JOOL_PREFIX_MAX, tb[JOOL_A_PREFIX],
			     prefix_policy) ||
	    !ptb[JOOL_PREFIX_ADDR] || !ptb[JOOL_PREFIX_LEN] ||
	    prefix_from_attr(&p, nla_data(ptb[JOOL_PREFIX_ADDR]),
			     nla_len(ptb[JOOL_PREFIX_ADDR]),
			     nla_get_u8(ptb[JOOL_PREFIX_LEN])) ||
	    p.family != AF_INET)
		return -1;
	if (l->oom)
		return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		struct prefix *v = realloc(l->v, cap * sizeof(*v));

		if (!v) {
			l->oom = true;
			return 0;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = p;
	return 0;
}

static void restart_list(void *arg)
{
	struct prefix_list *l = arg;

	l->n = 0;
}

static int denylist_show(const char *dev, int argc, char **argv,
			 const struct opts *o)
{
	struct prefix_list l = { 0 };
	char buf[PREFIX_STRLEN];
	struct json j;
	struct jnl nl;
	size_t i;
	int ret;

	if (argc > 0)
		return usage_err("denylist4 show: unexpected argument %s",
				 quote(argv[0]));
	ret = jnl_open(&nl);
	if (ret)
		return ret;
	ret = jnl_dump(&nl, JOOL_CMD_DENYLIST4_GET, dev, read_prefix,
		       restart_list, &l);
	jnl_close(&nl);
	if (!ret && l.oom)
		ret = runtime_err("out of memory");
	if (ret)
		goto out;
	if (o->json) {
		json_init(&j, stdout);
		json_begin_array(&j, NULL);
		for (i = 0; i < l.n; i++) {
			prefix_format(&l.v[i], buf, sizeof(buf));
			json_string(&j, NULL, buf);
		}
		json_end(&j);
	} else if (!l.n) {
		printf("denylist4 is empty.\n");
	} else {
		for (i = 0; i < l.n; i++) {
			prefix_format(&l.v[i], buf, sizeof(buf));
			printf("%s\n", buf);
		}
	}
out:
	free(l.v);
	return ret;
}

/* add and del: one IPv4 prefix; without "/LENGTH", /32 (as in Jool). */
static int denylist_change(const char *dev, const char *verb, uint8_t cmd,
			   int argc, char **argv)
{
	char err[PREFIX_ERRLEN], arg[PREFIX_STRLEN + 4];
	struct nlattr *nest;
	struct nl_msg *msg;
	struct prefix p;
	struct jnl nl;
	int ret;

	if (argc < 1)
		return usage_err("denylist4 %s: missing PREFIX", verb);
	if (argc > 1)
		return usage_err("denylist4 %s: unexpected argument %s", verb,
				 quote(argv[1]));
	if (argv[0][0] == '-')
		return usage_err("denylist4 %s: unknown option %s", verb,
				 quote(argv[0]));
	if (strlen(argv[0]) >= PREFIX_STRLEN)
		return usage_err("denylist4 %s: invalid prefix %s: too long",
				 verb, quote(argv[0]));
	snprintf(arg, sizeof(arg), strchr(argv[0], '/') ? "%s" : "%s/32",
		 argv[0]);
	if (prefix_parse(arg, AF_INET, &p, err, sizeof(err)))
		return usage_err("denylist4 %s: invalid prefix %s: %s", verb,
				 quote(argv[0]), err);

	ret = jnl_open(&nl);
	if (ret)
		return ret;
	msg = jnl_request(&nl, cmd, dev);
	if (!msg)
		goto nomem;
	nest = nla_nest_start(msg, JOOL_A_PREFIX);
	if (!nest || nla_put(msg, JOOL_PREFIX_ADDR, 4, &p.addr) < 0 ||
	    nla_put_u8(msg, JOOL_PREFIX_LEN, p.len) < 0 ||
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

static int denylist_flush(const char *dev, int argc, char **argv)
{
	struct nl_msg *msg;
	struct jnl nl;
	int ret;

	if (argc > 0)
		return usage_err("denylist4 flush: unexpected argument %s",
				 quote(argv[0]));
	ret = jnl_open(&nl);
	if (ret)
		return ret;
	msg = jnl_request(&nl, JOOL_CMD_DENYLIST4_FLUSH, dev);
	if (msg)
		ret = jnl_transact(&nl, msg, dev, NULL, NULL);
	else
		ret = runtime_err("out of memory");
	jnl_close(&nl);
	return ret;
}

static void denylist_help(void)
{
	printf("Usage: joolctl [-j | --json] DEV denylist4 [show]\n"
	       "       joolctl DEV denylist4 { add | del } PREFIX\n"
	       "       joolctl DEV denylist4 flush\n"
	       "\n"
	       "IPv4 prefixes that the SIIT device DEV must not translate through\n"
	       "pool6 (RFC 6052). A packet whose IPv4 source or destination is in\n"
	       "one of them, or whose IPv6 address in pool6 embeds such an IPv4\n"
	       "address, is dropped and counted (denylisted). Translations by the\n"
	       "EAMT are not affected, nor is the source of an ICMP error.\n"
	       "0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16, 224.0.0.0/4 and\n"
	       "255.255.255.255/32 are never translated through pool6, whatever\n"
	       "the list holds.\n"
	       "\n"
	       "  show   list the prefixes, ordered by address\n"
	       "  add    add PREFIX (ADDRESS[/LENGTH], /32 if no length; no bits\n"
	       "         set after LENGTH); an identical prefix is refused, a\n"
	       "         nested one is fine. At most 65536 prefixes.\n"
	       "  del    delete PREFIX (exact)\n"
	       "  flush  delete every prefix\n"
	       "\n"
	       "\"display\" is accepted for \"show\", and \"remove\" for \"del\".\n");
}

/* joolctl DEV denylist4 [show | add | del | flush | --help] */
int cmd_denylist(const char *dev, int argc, char **argv, const struct opts *o)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (is_help(argv[i])) {
			denylist_help();
			return 0;
		}
	}
	if (argc == 0)
		return denylist_show(dev, 0, NULL, o);
	if (is_verb(argv[0], "show", "display"))
		return denylist_show(dev, argc - 1, argv + 1, o);
	if (is_verb(argv[0], "add", NULL))
		return denylist_change(dev, argv[0], JOOL_CMD_DENYLIST4_ADD,
				       argc - 1, argv + 1);
	if (is_verb(argv[0], "del", "remove"))
		return denylist_change(dev, argv[0], JOOL_CMD_DENYLIST4_DEL,
				       argc - 1, argv + 1);
	if (is_verb(argv[0], "flush", NULL))
		return denylist_flush(dev, argc - 1, argv + 1);
	return usage_err("unknown denylist4 command %s (expected show, add, del or flush)",
			 quote(argv[0]));
}
