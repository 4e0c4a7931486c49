// SPDX-License-Identifier: GPL-2.0
/*
 * "joolctl DEV pool4 ...": show, add, del and flush the IPv4 transport
 * addresses a NAT64 device masks its IPv6 clients with.
 *
 * The words after the verb come in any order, in our spelling ("tcp",
 * "mark 5", "force") or in Jool's ("--tcp", "--mark 5", "--mark=5",
 * "--force"). The address is the word with a '.' (or a ':' or a '/', to
 * say what is wrong with it), the ports the word of digits.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <uapi/jool_netdev.h>

#include "cmd.h"
#include "json.h"
#include "nl.h"
#include "pool4.h"
#include "prefix.h"
#include "table.h"

/* Jool's defaults: the ports of an addition, of a removal. */
#define ADD_MIN 61001
#define ADD_MAX 65535
#define DEL_MIN 0
#define DEL_MAX 65535


static const struct {
	const char *name;
	int proto;
} protos[] = {
	{ "tcp", IPPROTO_TCP },
	{ "udp", IPPROTO_UDP },
	{ "icmp", IPPROTO_ICMP },
};

/**
 * pool4_proto_name() - "tcp", "udp" or "icmp"
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP
 *
 * Return: the name, or "?".
 */
const char *pool4_proto_name(int proto)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(protos); i++) {
		if (protos[i].proto == proto)
			return protos[i].name;
	}
	return "?";
}

/* "tcp" or "--tcp": its IPPROTO_*, else 0. */
static int proto_word(const char *arg)
{
	size_t i;

	if (!strncmp(arg, "--", 2))
		arg += 2;
	for (i = 0; i < ARRAY_SIZE(protos); i++) {
		if (!strcmp(arg, protos[i].name))
			return protos[i].proto;
	}
	return 0;
}

/* ---- Parsing ---- */

static int parse_u32(const char *s, uint32_t *out)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > UINT32_MAX)
		return -1;
	*out = v;
	return 0;
}

/* "N" or "N-M", 0-65535 each. */
static int parse_ports(const char *s, uint16_t *min, uint16_t *max)
{
	char buf[16], *dash;
	uint32_t a, b;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	dash = strchr(buf, '-');
	if (dash)
		*dash = '\0';
	if (parse_u32(buf, &a) || a > 65535)
		return -1;
	b = a;
	if (dash && (parse_u32(dash + 1, &b) || b > 65535))
		return -1;
	*min = a;
	*max = b;
	return 0;
}

static int parse_iter(const char *verb, const char *s, struct pool4_req *r)
{
	r->has_iter = true;
	if (!strcmp(s, "auto")) {
		r->iter_mode = JOOL_POOL4_ITER_AUTO;
		return 0;
	}
	if (!strcmp(s, "infinity")) {
		r->iter_mode = JOOL_POOL4_ITER_INFINITE;
		return 0;
	}
	r->iter_mode = JOOL_POOL4_ITER_FIXED;
	if (parse_u32(s, &r->iterations) || !r->iterations)
		return usage_err("pool4 %s: invalid max-iterations %s (expected auto, infinity or 1-4294967295)",
				 verb, quote(s));
	return 0;
}

/*
 * "mark N", "--mark N" or "--mark=N" at argv[*i]: its value (NULL if the
 * word is not @key); *@i moves past it. @err is set if the value is missing.
 */
static const char *keyword(const char *key, int argc, char **argv, int *i,
			   bool *err)
{
	const char *arg = argv[*i];
	size_t len = strlen(key);

	if (!strncmp(arg, "--", 2)) {
		arg += 2;
		if (!strncmp(arg, key, len) && arg[len] == '=')
			return arg + len + 1;
	}
	if (strcmp(arg, key))
		return NULL;
	if (*i + 1 >= argc) {
		*err = true;
		return NULL;
	}
	return argv[++*i];
}

static int parse_address(const char *verb, const char *arg,
			 struct pool4_req *r)
{
	char err[PREFIX_ERRLEN], buf[PREFIX_STRLEN + 4];

	if (r->has_prefix)
		return usage_err("pool4 %s: more than one prefix (%s)", verb,
				 quote(arg));
	if (strlen(arg) >= PREFIX_STRLEN)
		return usage_err("pool4 %s: invalid prefix %s: too long", verb,
				 quote(arg));
	/* A bare address is a /32, as in Jool. */
	snprintf(buf, sizeof(buf), strchr(arg, '/') ? "%s" : "%s/32", arg);
	if (prefix_parse(buf, AF_INET, 0, &r->prefix, err, sizeof(err)))
		return usage_err("pool4 %s: invalid prefix %s: %s", verb,
				 quote(arg), err);
	r->has_prefix = true;
	return 0;
}

/* One word (or keyword and value) at argv[*i]. */
static int parse_word(const char *verb, bool add, int argc, char **argv,
		      int *i, struct pool4_req *r)
{
	const char *arg = argv[*i], *val;
	bool missing = false;
	int proto = proto_word(arg);

	if (proto) {
		if (r->proto)
			return usage_err("pool4 %s: one protocol at most (tcp, udp or icmp; none: the three)",
					 verb);
		r->proto = proto;
		return 0;
	}
	val = keyword("mark", argc, argv, i, &missing);
	if (val) {
		if (parse_u32(val, &r->mark))
			return usage_err("pool4 %s: invalid mark %s (expected 0-4294967295)",
					 verb, quote(val));
		r->has_mark = true;
		return 0;
	}
	if (add && !missing)
		val = keyword("max-iterations", argc, argv, i, &missing);
	if (val)
		return parse_iter(verb, val, r);
	if (missing)
		return usage_err("pool4 %s: %s needs a value", verb, quote(arg));
	if (add && (!strcmp(arg, "force") || !strcmp(arg, "--force"))) {
		r->force = true;
		return 0;
	}
	if (!add && (!strcmp(arg, "quick") || !strcmp(arg, "--quick"))) {
		r->quick = true;
		return 0;
	}
	if (strchr(arg, '.') || strchr(arg, ':') || strchr(arg, '/'))
		return parse_address(verb, arg, r);
	if (arg[0] >= '0' && arg[0] <= '9' && !r->has_ports) {
		if (parse_ports(arg, &r->min, &r->max))
			return usage_err("pool4 %s: invalid port range %s (expected PORT or MIN-MAX, 0-65535)",
					 verb, quote(arg));
		r->has_ports = true;
		return 0;
	}
	return usage_err("pool4 %s: unexpected argument %s", verb, quote(arg));
}

/**
 * pool4_parse() - the words of "pool4 add" or "pool4 del"
 * @verb: the verb, for messages
 * @add: whether it is an addition (its defaults, "force")
 * @argc: the number of words
 * @argv: the words
 * @r: out: the request
 *
 * Return: 0, or the exit status of the error (already reported).
 */
int pool4_parse(const char *verb, bool add, int argc, char **argv,
		struct pool4_req *r)
{
	int i, ret;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < argc; i++) {
		ret = parse_word(verb, add, argc, argv, &i, r);
		if (ret)
			return ret;
	}
	if (!r->has_prefix)
		return usage_err("pool4 %s: missing PREFIX", verb);
	if (!r->has_ports) {
		r->min = add ? ADD_MIN : DEL_MIN;
		r->max = add ? ADD_MAX : DEL_MAX;
	}
	return 0;
}

/* ---- Requests ---- */

/**
 * pool4_put_entry() - the JOOL_A_POOL4_ENTRY of a request
 * @msg: the message
 * @r: the request
 *
 * Return: 0, or -1 if out of room.
 */
int pool4_put_entry(struct nl_msg *msg, const struct pool4_req *r)
{
	struct nlattr *nest = nla_nest_start(msg, JOOL_A_POOL4_ENTRY);

	if (!nest ||
	    (r->proto && nla_put_u8(msg, JOOL_POOL4_PROTO, r->proto) < 0) ||
	    nla_put_u32(msg, JOOL_POOL4_MARK, r->mark) < 0 ||
	    jnl_put_prefix(msg, JOOL_POOL4_PREFIX, &r->prefix) ||
	    nla_put_u16(msg, JOOL_POOL4_MIN_PORT, r->min) < 0 ||
	    nla_put_u16(msg, JOOL_POOL4_MAX_PORT, r->max) < 0)
		return -1;
	if (r->has_iter &&
	    (nla_put_u8(msg, JOOL_POOL4_ITER_MODE, r->iter_mode) < 0 ||
	     (r->iter_mode == JOOL_POOL4_ITER_FIXED &&
	      nla_put_u32(msg, JOOL_POOL4_ITERATIONS, r->iterations) < 0)))
		return -1;
	return nla_nest_end(msg, nest) < 0 ? -1 : 0;
}

static int build_entry(struct nl_msg *msg, const void *arg)
{
	const struct pool4_req *r = arg;

	if (pool4_put_entry(msg, r) ||
	    (r->force && nla_put_flag(msg, JOOL_A_FORCE) < 0) ||
	    (r->quick && nla_put_flag(msg, JOOL_A_QUICK) < 0))
		return -1;
	return 0;
}

static int pool4_change(const struct call *c, int argc, char **argv)
{
	bool add = c->cmd->nlcmd == JOOL_CMD_POOL4_ADD;
	struct pool4_req r;
	int ret;

	ret = pool4_parse(c->cmd->name, add, argc, argv, &r);
	if (ret)
		return ret;
	return jnl_do(c->dev, c->cmd->nlcmd, build_entry, &r, NULL, NULL);
}

static int build_flush(struct nl_msg *msg, const void *arg)
{
	return *(const bool *)arg ? nla_put_flag(msg, JOOL_A_QUICK) : 0;
}

static int pool4_flush(const struct call *c, int argc, char **argv)
{
	bool quick = false;
	int i;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "quick") && strcmp(argv[i], "--quick"))
			return usage_err("pool4 flush: unexpected argument %s",
					 quote(argv[i]));
		quick = true;
	}
	return jnl_do(c->dev, JOOL_CMD_POOL4_FLUSH, build_flush, &quick, NULL,
		      NULL);
}

/* ---- show ---- */

/* @a is there and holds @len bytes (0: a nest, any length). */
static bool has(const struct nlattr *a, int len)
{
	return a && (!len || nla_len(a) == len);
}

static int read_entry(struct nlattr *attr, struct pool4_entry *e)
{
	struct nlattr *tb[JOOL_POOL4_MAX + 1];
	struct prefix p;

	if (nla_type(attr) != JOOL_A_POOL4_ENTRY ||
	    nla_parse_nested(tb, JOOL_POOL4_MAX, attr, NULL) ||
	    !has(tb[JOOL_POOL4_PROTO], 1) || !has(tb[JOOL_POOL4_MARK], 4) ||
	    !has(tb[JOOL_POOL4_PREFIX], 0) ||
	    !has(tb[JOOL_POOL4_MIN_PORT], 2) ||
	    !has(tb[JOOL_POOL4_MAX_PORT], 2) ||
	    !has(tb[JOOL_POOL4_ITER_MODE], 1) ||
	    !has(tb[JOOL_POOL4_ITERATIONS], 4))
		return -1;
	if (jnl_get_prefix(tb[JOOL_POOL4_PREFIX], &p) || p.family != AF_INET)
		return -1;
	e->proto = nla_get_u8(tb[JOOL_POOL4_PROTO]);
	e->mark = nla_get_u32(tb[JOOL_POOL4_MARK]);
	e->addr = p.addr.v4;
	e->min = nla_get_u16(tb[JOOL_POOL4_MIN_PORT]);
	e->max = nla_get_u16(tb[JOOL_POOL4_MAX_PORT]);
	e->iter_mode = nla_get_u8(tb[JOOL_POOL4_ITER_MODE]);
	e->iterations = nla_get_u32(tb[JOOL_POOL4_ITERATIONS]);
	return 0;
}

/* One message of the dump: JOOL_A_POOL4, a list of JOOL_A_POOL4_ENTRY. */
static int read_pool4(struct nlattr **tb, void *arg)
{
	struct pool4_list *l = arg;
	struct pool4_entry e;
	struct nlattr *attr;
	int rem;

	if (!tb[JOOL_A_POOL4])
		return -1;
	nla_for_each_nested(attr, tb[JOOL_A_POOL4], rem) {
		if (read_entry(attr, &e))
			return -1;
		if (!l->oom && grow_array((void **)&l->v, &l->cap, l->n,
					  sizeof(*l->v), 256))
			l->oom = true;
		if (!l->oom)
			l->v[l->n++] = e;
	}
	return 0;
}

static void restart_list(void *arg)
{
	struct pool4_list *l = arg;

	l->n = 0;
}

/**
 * pool4_fetch() - read the whole of pool4
 * @dev: the device
 * @l: out: the entries, in the kernel's order (protocol, mark, address,
 *	port); free l->v
 *
 * Return: the exit status (an error already printed).
 */
int pool4_fetch(const char *dev, struct pool4_list *l)
{
	int ret;

	memset(l, 0, sizeof(*l));
	ret = jnl_do_dump(dev, JOOL_CMD_POOL4_GET, read_pool4, restart_list, l);
	if (!ret && l->oom)
		ret = runtime_err("out of memory");
	return ret;
}

/* "1024 (auto)", "infinity", "999" */
static const char *iter_text(const struct pool4_entry *e, char *buf,
			     size_t size)
{
	if (e->iter_mode == JOOL_POOL4_ITER_INFINITE)
		return "infinity";
	snprintf(buf, size, e->iter_mode == JOOL_POOL4_ITER_AUTO ?
		 "%" PRIu32 " (auto)" : "%" PRIu32, e->iterations);
	return buf;
}

static int show_table(const struct pool4_list *l, int proto,
		      const struct opts *o)
{
	static const char *const heads[] = {
		"Proto", "Mark", "Max iterations", "Address", "Ports" };
	static const int min[] = { 5, 10, 15, 15, 0 };
	char addr[INET_ADDRSTRLEN], iter[32], ports[16], mark[16];
	struct table t;
	size_t i;

	table_init(&t, o, heads, ARRAY_SIZE(heads));
	t.sep = " ";
	t.min = min;
	for (i = 0; i < l->n; i++) {
		const struct pool4_entry *e = &l->v[i];

		if (proto && e->proto != proto)
			continue;
		inet_ntop(AF_INET, &e->addr, addr, sizeof(addr));
		snprintf(ports, sizeof(ports), "%u-%u", e->min, e->max);
		snprintf(mark, sizeof(mark), "%" PRIu32, e->mark);
		table_row(&t, pool4_proto_name(e->proto), mark,
			  iter_text(e, iter, sizeof(iter)), addr, ports);
	}
	return table_print(&t, "pool4 is empty.");
}

static void show_json(const struct pool4_list *l, int proto)
{
	char addr[INET_ADDRSTRLEN];
	struct json j;
	size_t i;

	json_init(&j, stdout);
	json_begin_array(&j, NULL);
	for (i = 0; i < l->n; i++) {
		const struct pool4_entry *e = &l->v[i];

		if (proto && e->proto != proto)
			continue;
		inet_ntop(AF_INET, &e->addr, addr, sizeof(addr));
		json_begin(&j, NULL);
		json_string(&j, "protocol", pool4_proto_name(e->proto));
		json_u64(&j, "mark", e->mark);
		if (e->iter_mode == JOOL_POOL4_ITER_INFINITE)
			json_null(&j, "max-iterations");
		else
			json_u64(&j, "max-iterations", e->iterations);
		json_string(&j, "max-iterations-mode",
			    e->iter_mode == JOOL_POOL4_ITER_AUTO ? "auto" :
			    e->iter_mode == JOOL_POOL4_ITER_INFINITE ?
			    "infinity" : "fixed");
		json_string(&j, "address", addr);
		json_u64(&j, "min-port", e->min);
		json_u64(&j, "max-port", e->max);
		json_end(&j);
	}
	json_end(&j);
}

/* The whole of pool4, in @l (free l->v). */
static int pool4_rules(const struct call *c, int argc, char **argv)
{
	struct pool4_list l = { 0 };
	int ret;

	ret = pool4_fetch(c->dev, &l);
	if (!ret)
		ret = pool4_rules_print(c->dev, l.v, l.n, argc, argv);
	free(l.v);
	return ret;
}

static int pool4_show(const struct call *c, int argc, char **argv)
{
	struct pool4_list l = { 0 };
	int proto = 0, ret, i;

	for (i = 0; i < argc; i++) {
		int p = proto_word(argv[i]);

		if (!p || proto)
			return usage_err("pool4 show: unexpected argument %s",
					 quote(argv[i]));
		proto = p;
	}
	ret = pool4_fetch(c->dev, &l);
	if (!ret && c->o->json)
		show_json(&l, proto);
	else if (!ret)
		ret = show_table(&l, proto, c->o);
	free(l.v);
	return ret;
}

static const struct cmd pool4_cmds[] = {
	CMD("show", "display", "[PROTO]",
	  "list the entries (of PROTO: tcp, udp or icmp), by\n"
	  "protocol, mark, address and port", pool4_show, .json = true,
	  .table = true,
	  .dflt = true),
	CMD("add", NULL, "[PROTO] PREFIX [PORTS] [mark N] [max-iterations X] [force]",
	  "add the ports PORTS (MIN-MAX or PORT; default 61001-65535)\n"
	  "of every address of PREFIX (ADDRESS[/LENGTH], /32 if no\n"
	  "length) to the set of mark N (default 0) of PROTO (tcp,\n"
	  "udp or icmp; default: the three). Ranges of an address\n"
	  "merge. TCP and UDP leave port 0 out. max-iterations X\n"
	  "(auto, infinity or a number) sets the set's search limit\n"
	  "(default: auto, or what the set has). force allows a\n"
	  "prefix shorter than /24 and TCP or UDP ports that meet\n"
	  "net.ipv4.ip_local_port_range.",
	  pool4_change, .nlcmd = JOOL_CMD_POOL4_ADD),
	CMD("del", "remove", "[PROTO] PREFIX [PORTS] [mark N] [quick]",
	  "delete the ports PORTS (default 0-65535) of the addresses\n"
	  "of PREFIX from the set of mark N (default 0) of each\n"
	  "protocol (default: the three); fails if nothing matches.\n"
	  "Their BIB entries (static ones too) and sessions go,\n"
	  "unless quick.",
	  pool4_change, .nlcmd = JOOL_CMD_POOL4_DEL),
	CMD("flush", NULL, "[quick]",
	  "delete every entry, and the BIB and sessions unless quick",
	  pool4_flush),
	CMD("rules", NULL, "[dev UPLINK] [table N] [mark M] [pref P]",
	  "print the commands that route pool4's packets into DEV\n"
	  "(docs/nat64-deployment.md): a route per address that is\n"
	  "not local; for the box's own addresses, ip rules (pref P,\n"
	  "default 100) ahead of the local table (moved to 1000) to\n"
	  "table N (default 100), and tc filters on UPLINK that mark\n"
	  "pool4's ICMP with M (default 0x64) for a fwmark rule.\n"
	  "Changes nothing.",
	  pool4_rules),
};

CMD_GROUP(pool4_group, "pool4", pool4_cmds,
	.about = "The IPv4 transport addresses the NAT64 device DEV masks its IPv6\n"
		 "clients with (RFC 6146 3.5). A packet's protocol and mark\n"
		 "(skb->mark, set with \"nft ... meta mark set N\") pick the set\n"
		 "its BIB entry takes an address and port from. Marks may share\n"
		 "transport addresses. At most 262144 entries (address, ports).\n",
	.notes = "Jool's forms are accepted: --tcp, --udp, --icmp, --mark N,\n"
		 "--max-iterations X, --force, --quick.\n");
