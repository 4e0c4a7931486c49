// SPDX-License-Identifier: GPL-2.0
/*
 * link_jool.so: the "jool" link kind for ip(8).
 *
 *   ip link add NAME type jool [mode { siit | nat64 }] [pool6 PREFIX]
 *                              [max-sessions N]
 *   ip link set NAME type jool [pool6 { PREFIX | none }] [max-sessions N]
 *   ip [-j] -d link show NAME
 *
 * ip loads it from its plugin directory (/usr/lib/<multiarch>/ip) the first
 * time it meets the kind, and looks up jool_link_util. Everything else in
 * here is hidden (-fvisibility=hidden).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <uapi/jool_netdev.h>

#include "iproute2_abi.h"
#include "prefix.h"

/* What upstream plugins pass as the request's size. */
#define REQ_MAX	1024

#define TRY_HELP "Try \"ip link help jool\"."

struct jool_opts {
	const char *mode_arg;
	const char *pool6_arg;
	const char *max_arg;
	__u32 max_sessions;
	__u8 mode;
	bool pool6_set;		/* false with pool6_arg: "none" */
	struct prefix pool6;
};

static const char *const mode_names[] = {
	[JOOL_MODE_SIIT] = "siit",
	[JOOL_MODE_NAT64] = "nat64",
};

static void print_explain(FILE *f)
{
	fprintf(f,
		"Usage: ... jool [ mode { siit | nat64 } ] [ pool6 { PREFIX | none } ]\n"
		"                [ max-sessions N ]\n"
		"\n"
		"Where: PREFIX := IPV6-ADDRESS/LENGTH, e.g. 64:ff9b::/96\n"
		"       LENGTH := { 32 | 40 | 48 | 56 | 64 | 96 }\n"
		"       N      := 1 to %u (nat64 only; default about 1/32 of RAM)\n"
		"\n"
		"The mode (default siit) is fixed when the device is created.\n"
		"\"pool6 none\" unsets pool6. More settings and the counters: joolctl(8).\n",
		JOOL_MAX_SESSIONS_MAX);
}

static void jool_print_help(struct link_util *lu, int argc, char **argv,
			    FILE *f)
{
	(void)lu;
	(void)argc;
	(void)argv;
	print_explain(f);
}

static int bad_arg(const char *arg, const char *why)
{
	fprintf(stderr, "Error: argument \"%s\" is wrong: %s\n", arg, why);
	return -1;
}

static int parse_mode(const char *arg, struct jool_opts *o)
{
	unsigned int i;

	for (i = 0; i < sizeof(mode_names) / sizeof(mode_names[0]); i++) {
		if (!strcmp(arg, mode_names[i])) {
			o->mode = i;
			return 0;
		}
	}
	return bad_arg(arg, "mode must be siit or nat64");
}

static int parse_pool6(const char *arg, struct jool_opts *o)
{
	char err[PREFIX_ERRLEN], why[PREFIX_ERRLEN + 16];

	if (!strcmp(arg, "none") || !strcmp(arg, "null")) {
		o->pool6_set = false;
		return 0;
	}
	if (prefix_parse(arg, AF_INET6, PREFIX_NEED_LEN, &o->pool6, err,
			 sizeof(err))) {
		snprintf(why, sizeof(why), "pool6: %s", err);
		return bad_arg(arg, why);
	}
	o->pool6_set = true;
	return 0;
}

static int parse_max(const char *arg, struct jool_opts *o)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end || errno || v < 1 ||
	    v > JOOL_MAX_SESSIONS_MAX) {
		char why[64];

		snprintf(why, sizeof(why), "max-sessions must be from 1 to %u",
			 JOOL_MAX_SESSIONS_MAX);
		return bad_arg(arg, why);
	}
	o->max_sessions = v;
	return 0;
}

/* Takes the value of @key; NULL (after a message) if it is missing. */
static const char *value_of(const char *key, int *argc, char ***argv)
{
	if (*argc < 2) {
		fprintf(stderr, "Error: \"%s\" needs a value. %s\n", key, TRY_HELP);
		return NULL;
	}
	(*argc)--;
	(*argv)++;
	return **argv;
}

static int parse_args(int argc, char **argv, struct jool_opts *o)
{
	for (; argc > 0; argc--, argv++) {
		const char *key = *argv;
		const char **slot;
		const char *val;
		int err;

		if (!strcmp(key, "help")) {
			print_explain(stderr);
			return -1;
		}
		if (!strcmp(key, "mode")) {
			slot = &o->mode_arg;
		} else if (!strcmp(key, "pool6")) {
			slot = &o->pool6_arg;
		} else if (!strcmp(key, "max-sessions")) {
			slot = &o->max_arg;
		} else {
			fprintf(stderr, "Error: unknown jool option \"%s\". %s\n",
				key, TRY_HELP);
			return -1;
		}
		val = value_of(key, &argc, &argv);
		if (!val)
			return -1;
		if (*slot) {
			fprintf(stderr, "Error: duplicate \"%s\": \"%s\" is the second value.\n",
				key, val);
			return -1;
		}
		*slot = val;
		if (slot == &o->mode_arg)
			err = parse_mode(val, o);
		else if (slot == &o->pool6_arg)
			err = parse_pool6(val, o);
		else
			err = parse_max(val, o);
		if (err)
			return err;
	}
	return 0;
}

static int put_pool6(struct nlmsghdr *n, const struct jool_opts *o)
{
	struct rtattr *nest;

	/* The kernel parses the nest strictly: it must say it is one. */
	nest = addattr_nest(n, REQ_MAX, IFLA_JOOL_POOL6 | NLA_F_NESTED);
	if (!nest)
		return -1;
	/* An empty nest unsets pool6. */
	if (o->pool6_set &&
	    (addattr_l(n, REQ_MAX, JOOL_PREFIX_ADDR, &o->pool6.addr.v6,
		       sizeof(o->pool6.addr.v6)) ||
	     addattr8(n, REQ_MAX, JOOL_PREFIX_LEN, o->pool6.len)))
		return -1;
	addattr_nest_end(n, nest);
	return 0;
}

static int jool_parse_opt(struct link_util *lu, int argc, char **argv,
			  struct nlmsghdr *n)
{
	struct jool_opts o = { 0 };

	(void)lu;
	if (parse_args(argc, argv, &o))
		return -1;
	if (o.mode_arg && addattr8(n, REQ_MAX, IFLA_JOOL_MODE, o.mode))
		return -1;
	if (o.pool6_arg && put_pool6(n, &o))
		return -1;
	if (o.max_arg && addattr32(n, REQ_MAX, IFLA_JOOL_MAX_SESSIONS,
				   o.max_sessions))
		return -1;
	return 0;
}

/* Reads an IFLA_JOOL_POOL6 nest; returns 1 if set, 0 if empty, -1 if bad. */
static int read_pool6(struct rtattr *nest, struct prefix *pfx)
{
	struct rtattr *addr = NULL, *len = NULL, *a;
	int rem = RTA_PAYLOAD(nest);

	for (a = RTA_DATA(nest); RTA_OK(a, rem); a = RTA_NEXT(a, rem)) {
		switch (a->rta_type & NLA_TYPE_MASK) {
		case JOOL_PREFIX_ADDR:
			addr = a;
			break;
		case JOOL_PREFIX_LEN:
			len = a;
			break;
		}
	}
	if (!addr && !len)
		return 0;
	if (!addr || !len || RTA_PAYLOAD(len) < 1)
		return -1;
	if (prefix_from_attr(pfx, RTA_DATA(addr), RTA_PAYLOAD(addr),
			     *(__u8 *)RTA_DATA(len)))
		return -1;
	return 1;
}

static void print_mode(struct rtattr *attr)
{
	char buf[16];
	const char *name;
	__u8 mode;

	if (RTA_PAYLOAD(attr) < 1)
		return;
	mode = *(__u8 *)RTA_DATA(attr);
	if (mode < sizeof(mode_names) / sizeof(mode_names[0])) {
		name = mode_names[mode];
	} else {
		snprintf(buf, sizeof(buf), "%u", mode);
		name = buf;
	}
	print_color_string(PRINT_ANY, COLOR_NONE, "mode", "mode %s ", name);
}

static void print_pool6(struct rtattr *attr)
{
	char buf[PREFIX_STRLEN];
	struct prefix pfx;

	switch (read_pool6(attr, &pfx)) {
	case 1:
		prefix_format(&pfx, buf, sizeof(buf));
		print_color_string(PRINT_ANY, COLOR_INET6, "pool6", "pool6 %s ", buf);
		break;
	case 0:
		print_color_null(PRINT_ANY, COLOR_NONE, "pool6", "pool6 %s ", "none");
		break;
	}
}

static void print_u32(struct rtattr *attr, const char *key, const char *fmt)
{
	if (attr && RTA_PAYLOAD(attr) >= sizeof(__u32))
		print_color_uint(PRINT_ANY, COLOR_NONE, key, fmt,
				 *(__u32 *)RTA_DATA(attr));
}

static void jool_print_opt(struct link_util *lu, FILE *f, struct rtattr *tb[])
{
	(void)lu;
	(void)f;
	if (!tb)
		return;
	if (tb[IFLA_JOOL_MODE])
		print_mode(tb[IFLA_JOOL_MODE]);
	if (tb[IFLA_JOOL_POOL6])
		print_pool6(tb[IFLA_JOOL_POOL6]);
	print_u32(tb[IFLA_JOOL_MAX_SESSIONS], "max_sessions",
		  "max-sessions %u ");
	print_u32(tb[IFLA_JOOL_SESSIONS], "sessions", "sessions %u ");
}

__attribute__((visibility("default")))
struct link_util jool_link_util = {
	.id = JOOL_LINK_KIND,
	.maxattr = IFLA_JOOL_MAX,
	.parse_opt = jool_parse_opt,
	.print_opt = jool_print_opt,
	.print_help = jool_print_help,
};
