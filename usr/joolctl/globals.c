// SPDX-License-Identifier: GPL-2.0
/*
 * The globals table and "joolctl DEV global ...".
 *
 * Keys and value syntax follow Jool's globals: "pool6 64:ff9b::/96",
 * "pool6 none" (Jool's "null" too), "manually-enabled false".
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include <uapi/jool_netdev.h>

#include "globals.h"
#include "nl.h"
#include "show.h"

/* ---- IPv6 prefix that can be unset ("none") ---- */

static int prefix6_parse(const struct global_key *key, const char *str,
			 struct gvalue *val)
{
	char err[PREFIX_ERRLEN];

	val->present = true;
	if (!strcmp(str, "none") || !strcmp(str, "null")) {
		val->set = false;
		return 0;
	}
	if (prefix_parse(str, AF_INET6, &val->pfx, err, sizeof(err)))
		return usage_err("%s: invalid prefix %s: %s", key->name,
				 quote(str), err);
	val->set = true;
	return 0;
}

static int prefix6_put(struct nl_msg *msg, int attr, const struct gvalue *val)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, attr);
	if (!nest)
		return -1;
	if (val->set) {
		if (nla_put(msg, JOOL_PREFIX_ADDR, prefix_addr_size(&val->pfx),
			    &val->pfx.addr) < 0 ||
		    nla_put_u8(msg, JOOL_PREFIX_LEN, val->pfx.len) < 0)
			return -1;
	}
	/* An empty nest is how "none" is said, so it must survive. */
	return nla_nest_end_keep_empty(msg, nest) < 0 ? -1 : 0;
}

static struct nla_policy prefix_policy[JOOL_PREFIX_MAX + 1] = {
	[JOOL_PREFIX_ADDR]	= { .type = NLA_UNSPEC },
	[JOOL_PREFIX_LEN]	= { .type = NLA_U8 },
};

static int prefix6_decode(struct nlattr *attr, struct gvalue *val)
{
	struct nlattr *tb[JOOL_PREFIX_MAX + 1];

	if (nla_parse_nested(tb, JOOL_PREFIX_MAX, attr, prefix_policy))
		return -1;
	val->present = true;
	val->set = false;
	if (!tb[JOOL_PREFIX_ADDR] && !tb[JOOL_PREFIX_LEN])
		return 0;
	if (!tb[JOOL_PREFIX_ADDR] || !tb[JOOL_PREFIX_LEN])
		return -1;
	if (prefix_from_attr(&val->pfx, nla_data(tb[JOOL_PREFIX_ADDR]),
			     nla_len(tb[JOOL_PREFIX_ADDR]),
			     nla_get_u8(tb[JOOL_PREFIX_LEN])))
		return -1;
	val->set = true;
	return 0;
}

static void prefix6_format(const struct gvalue *val, char *buf, size_t size)
{
	if (val->set)
		prefix_format(&val->pfx, buf, size);
	else
		snprintf(buf, size, "(none)");
}

static void prefix6_json(struct json *j, const char *name,
			 const struct gvalue *val)
{
	char buf[PREFIX_STRLEN];

	if (!val->set) {
		json_null(j, name);
		return;
	}
	prefix_format(&val->pfx, buf, sizeof(buf));
	json_string(j, name, buf);
}

static const struct global_type type_prefix6 = {
	.syntax = "PREFIX | none",
	.parse = prefix6_parse,
	.put = prefix6_put,
	.decode = prefix6_decode,
	.format = prefix6_format,
	.json = prefix6_json,
};

/* ---- Boolean ---- */

static int bool_parse(const struct global_key *key, const char *str,
		      struct gvalue *val)
{
	static const char *const yes[] = { "true", "on", "1", "yes" };
	static const char *const no[] = { "false", "off", "0", "no" };
	unsigned int i;

	val->present = true;
	val->set = true;
	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (!strcasecmp(str, yes[i])) {
			val->b = true;
			return 0;
		}
		if (!strcasecmp(str, no[i])) {
			val->b = false;
			return 0;
		}
	}
	return usage_err("%s: invalid value %s (expected true or false)",
			 key->name, quote(str));
}

static int bool_put(struct nl_msg *msg, int attr, const struct gvalue *val)
{
	return nla_put_u8(msg, attr, val->b) < 0 ? -1 : 0;
}

static int bool_decode(struct nlattr *attr, struct gvalue *val)
{
	if (nla_len(attr) < 1)
		return -1;
	val->present = true;
	val->set = true;
	val->b = nla_get_u8(attr) != 0;
	return 0;
}

static void bool_format(const struct gvalue *val, char *buf, size_t size)
{
	snprintf(buf, size, "%s", val->b ? "true" : "false");
}

static void bool_json(struct json *j, const char *name, const struct gvalue *val)
{
	json_bool(j, name, val->b);
}

static const struct global_type type_bool = {
	.syntax = "true | false",
	.parse = bool_parse,
	.put = bool_put,
	.decode = bool_decode,
	.format = bool_format,
	.json = bool_json,
};

/* ---- Unsigned byte ---- */

static int u8_parse(const struct global_key *key, const char *str,
		    struct gvalue *val)
{
	unsigned int n = 0;
	const char *c;

	for (c = str; *c >= '0' && *c <= '9' && n <= 255; c++)
		n = n * 10 + (*c - '0');
	if (!*str || *c || n > 255)
		return usage_err("%s: invalid value %s (expected 0-255)",
				 key->name, quote(str));
	val->present = true;
	val->set = true;
	val->u8 = n;
	return 0;
}

static int u8_put(struct nl_msg *msg, int attr, const struct gvalue *val)
{
	return nla_put_u8(msg, attr, val->u8) < 0 ? -1 : 0;
}

static int u8_decode(struct nlattr *attr, struct gvalue *val)
{
	if (nla_len(attr) < 1)
		return -1;
	val->present = true;
	val->set = true;
	val->u8 = nla_get_u8(attr);
	return 0;
}

static void u8_format(const struct gvalue *val, char *buf, size_t size)
{
	snprintf(buf, size, "%u", val->u8);
}

static void u8_json(struct json *j, const char *name, const struct gvalue *val)
{
	json_u64(j, name, val->u8);
}

static const struct global_type type_u8 = {
	.syntax = "0-255",
	.parse = u8_parse,
	.put = u8_put,
	.decode = u8_decode,
	.format = u8_format,
	.json = u8_json,
};

/* ---- The table ---- */

const struct global_key global_keys[GK_COUNT] = {
	[GK_POOL6] = {
		.name = "pool6",
		.attr = JOOL_GLOBAL_POOL6,
		.type = &type_prefix6,
		.help = "RFC 6052 prefix for IPv4 addresses; length 32, 40, 48,"
			" 56, 64 or 96",
	},
	[GK_ENABLED] = {
		.name = "manually-enabled",
		.attr = JOOL_GLOBAL_ENABLED,
		.type = &type_bool,
		.help = "translate (true) or drop every packet (false)",
	},
	[GK_ZEROIZE_TC] = {
		.name = "zeroize-traffic-class",
		.attr = JOOL_GLOBAL_ZEROIZE_TC,
		.type = &type_bool,
		.help = "IPv4 -> IPv6: set the traffic class to zero instead of"
			" copying the TOS",
	},
	[GK_OVERRIDE_TOS] = {
		.name = "override-tos",
		.attr = JOOL_GLOBAL_OVERRIDE_TOS,
		.type = &type_bool,
		.help = "IPv6 -> IPv4: set the TOS to \"tos\" instead of copying"
			" the traffic class",
	},
	[GK_TOS] = {
		.name = "tos",
		.attr = JOOL_GLOBAL_TOS,
		.type = &type_u8,
		.help = "the TOS of translated IPv4 packets if override-tos is true",
	},
	[GK_AMEND_UDP_CSUM0] = {
		.name = "amend-udp-checksum-zero",
		.attr = JOOL_GLOBAL_AMEND_UDP_CSUM0,
		.type = &type_bool,
		.help = "IPv4 -> IPv6: compute a checksum for unfragmented UDP"
			" packets with none",
	},
};

static const struct global_key *global_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < GK_COUNT; i++) {
		if (!strcmp(global_keys[i].name, name))
			return &global_keys[i];
	}
	return NULL;
}

/* "pool6, manually-enabled", for messages. */
static const char *key_list(void)
{
	static char buf[256];
	size_t len = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < GK_COUNT && len < sizeof(buf); i++)
		len += snprintf(buf + len, sizeof(buf) - len, "%s%s",
				i ? ", " : "", global_keys[i].name);
	return buf;
}

/* The width of the longest key name, to align "key: value" lines. */
int globals_name_width(void)
{
	size_t i, width = 0;

	for (i = 0; i < GK_COUNT; i++) {
		if (strlen(global_keys[i].name) > width)
			width = strlen(global_keys[i].name);
	}
	return width;
}

/*
 * Decodes JOOL_A_GLOBALS. Globals this joolctl does not know (from a newer
 * module) are skipped; globals the mode does not have stay !present.
 */
int globals_decode(struct nlattr *nest, struct gvalue vals[GK_COUNT])
{
	struct nlattr *attr;
	unsigned int i;
	int rem;

	memset(vals, 0, sizeof(*vals) * GK_COUNT);
	nla_for_each_nested(attr, nest, rem) {
		for (i = 0; i < GK_COUNT; i++) {
			if (nla_type(attr) != global_keys[i].attr)
				continue;
			if (global_keys[i].type->decode(attr, &vals[i]))
				return -1;
		}
	}
	return 0;
}

/* ---- Subcommands ---- */

static void global_help(void)
{
	unsigned int i;

	printf("Usage: joolctl [-j | --json] DEV global [show]\n"
	       "       joolctl DEV global set KEY VALUE\n"
	       "\n"
	       "Show or change the globals of the jool device DEV. \"display\" is\n"
	       "accepted for \"show\", and \"update\" for \"set\".\n"
	       "\n"
	       "Keys:\n");
	for (i = 0; i < GK_COUNT; i++) {
		printf("  %s { %s }\n", global_keys[i].name,
		       global_keys[i].type->syntax);
		printf("      %s\n", global_keys[i].help);
	}
	printf("\n"
	       "PREFIX is ADDRESS/LENGTH, e.g. 64:ff9b::/96, with no bits set after\n"
	       "LENGTH. \"none\" (or \"null\") unsets pool6. true/false can also be\n"
	       "written on/off, yes/no or 1/0.\n");
}

static int send_set(const char *dev, const struct global_key *key,
		    const struct gvalue *val)
{
	struct nlattr *nest;
	struct nl_msg *msg;
	struct jnl nl;
	int ret;

	ret = jnl_open(&nl);
	if (ret)
		return ret;
	msg = jnl_request(&nl, JOOL_CMD_SET_GLOBALS, dev);
	if (!msg)
		goto nomem;
	nest = nla_nest_start(msg, JOOL_A_GLOBALS);
	if (!nest || key->type->put(msg, key->attr, val) ||
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

static int global_set(const char *dev, int argc, char **argv)
{
	const struct global_key *key;
	struct gvalue val = { 0 };
	int ret;

	if (argc < 1)
		return usage_err("global set: missing KEY (one of: %s)", key_list());
	if (is_help(argv[0])) {
		global_help();
		return 0;
	}
	key = global_find(argv[0]);
	if (!key)
		return usage_err("unknown global %s (known: %s)", quote(argv[0]),
				 key_list());
	if (argc < 2)
		return usage_err("global set %s: missing value (%s)", key->name,
				 key->type->syntax);
	if (argc > 2)
		return usage_err("unexpected argument %s after the value",
				 quote(argv[2]));
	ret = key->type->parse(key, argv[1], &val);
	if (ret)
		return ret;
	return send_set(dev, key, &val);
}

static int global_show_args(const char *dev, int argc, char **argv,
			    const struct opts *o)
{
	if (argc > 0 && is_help(argv[0])) {
		global_help();
		return 0;
	}
	if (argc > 0)
		return usage_err("unexpected argument %s", quote(argv[0]));
	return show_globals(dev, o);
}

/* joolctl DEV global [show | set KEY VALUE | --help] */
int cmd_global(const char *dev, int argc, char **argv, const struct opts *o)
{
	if (argc == 0)
		return show_globals(dev, o);
	if (is_help(argv[0])) {
		global_help();
		return 0;
	}
	if (is_verb(argv[0], "show", "display"))
		return global_show_args(dev, argc - 1, argv + 1, o);
	if (is_verb(argv[0], "set", "update"))
		return global_set(dev, argc - 1, argv + 1);
	return usage_err("unknown global command %s (expected show or set)",
			 quote(argv[0]));
}
