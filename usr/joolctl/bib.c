// SPDX-License-Identifier: GPL-2.0
/*
 * "joolctl DEV bib ..." (show, add, del: the BIB of a NAT64 device, RFC
 * 6146 3.1) and "joolctl DEV session show" (its sessions, 3.2).
 *
 * Words in any order: a protocol ("tcp", "udp", "icmp" or Jool's "--tcp",
 * "--udp", "--icmp"; default tcp, as in Jool) and transport addresses
 * ADDRESS#PORT, IPv4 or IPv6 as the address says.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <uapi/jool_netdev.h>

#include "bib.h"
#include "cmd.h"
#include "json.h"
#include "nl.h"
#include "table.h"


/* One BIB entry or session, as dumped (a BIB entry leaves dst* zero). */
struct row {
	uint8_t proto;
	bool is_static;
	uint8_t state;
	uint32_t expires;
	struct in6_addr src6, dst6;
	uint16_t sport6, dport6;
	struct in_addr src4, dst4;
	uint16_t sport4, dport4;
};

struct rows {
	struct row *v;
	size_t n;
	size_t cap;
	bool oom;
	bool bad;
};

static const char *proto_name(int proto)
{
	return proto == IPPROTO_TCP ? "tcp" : proto == IPPROTO_UDP ? "udp" :
	       proto == IPPROTO_ICMP ? "icmp" : "?";
}

/* "tcp" or "--tcp": its IPPROTO_*, else 0. */
static int proto_word(const char *arg)
{
	if (!strncmp(arg, "--", 2))
		arg += 2;
	if (!strcmp(arg, "tcp"))
		return IPPROTO_TCP;
	if (!strcmp(arg, "udp"))
		return IPPROTO_UDP;
	if (!strcmp(arg, "icmp"))
		return IPPROTO_ICMP;
	return 0;
}

/* "ADDRESS#PORT" into @r; -1 with the reason in @why. */
static int parse_taddr(const char *arg, struct bib_req *r, const char **why)
{
	char buf[INET6_ADDRSTRLEN + 8], *hash, *end;
	unsigned long port;

	*why = "expected ADDRESS#PORT";
	if (strlen(arg) >= sizeof(buf))
		return -1;
	strcpy(buf, arg);
	hash = strrchr(buf, '#');
	if (!hash || hash[1] < '0' || hash[1] > '9')
		return -1;
	*hash = '\0';
	port = strtoul(hash + 1, &end, 10);
	*why = "the port must be 0-65535";
	if (*end || port > 65535)
		return -1;
	*why = "not an IPv4 or IPv6 address";
	if (inet_pton(AF_INET6, buf, &r->addr6) == 1) {
		*why = "more than one IPv6 transport address";
		if (r->has6)
			return -1;
		r->has6 = true;
		r->port6 = port;
		return 0;
	}
	if (inet_pton(AF_INET, buf, &r->addr4) != 1)
		return -1;
	*why = "more than one IPv4 transport address";
	if (r->has4)
		return -1;
	r->has4 = true;
	r->port4 = port;
	return 0;
}

static int parse_req(const char *verb, int argc, char **argv,
		     struct bib_req *r)
{
	const char *why;
	int i, p;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < argc; i++) {
		p = proto_word(argv[i]);
		if (p && r->proto)
			return usage_err("bib %s: one protocol at most (tcp, udp or icmp)",
					 verb);
		if (p) {
			r->proto = p;
			continue;
		}
		if (parse_taddr(argv[i], r, &why))
			return usage_err("bib %s: invalid transport address %s: %s",
					 verb, quote(argv[i]), why);
	}
	if (!r->proto)
		r->proto = IPPROTO_TCP;
	return 0;
}

/**
 * bib_put_entry() - the JOOL_A_BIB_ENTRY of a request
 * @msg: the message
 * @r: the request
 *
 * Return: 0, or -1 if out of room.
 */
int bib_put_entry(struct nl_msg *msg, const struct bib_req *r)
{
	struct nlattr *nest = nla_nest_start(msg, JOOL_A_BIB_ENTRY);

	if (!nest || nla_put_u8(msg, JOOL_BIB_PROTO, r->proto) < 0)
		return -1;
	if (r->has6 &&
	    (nla_put(msg, JOOL_BIB_ADDR6, 16, &r->addr6) < 0 ||
	     nla_put_u16(msg, JOOL_BIB_PORT6, r->port6) < 0))
		return -1;
	if (r->has4 &&
	    (nla_put(msg, JOOL_BIB_ADDR4, 4, &r->addr4) < 0 ||
	     nla_put_u16(msg, JOOL_BIB_PORT4, r->port4) < 0))
		return -1;
	return nla_nest_end(msg, nest) < 0 ? -1 : 0;
}

static int build_entry(struct nl_msg *msg, const void *arg)
{
	return bib_put_entry(msg, arg);
}

/**
 * bib_parse_add() - the words of "bib add": [PROTO] two transport addresses
 * @verb: the verb, for messages
 * @argc: the number of words
 * @argv: the words
 * @r: out: the request
 *
 * Return: 0, or the exit status of the error (already reported).
 */
int bib_parse_add(const char *verb, int argc, char **argv, struct bib_req *r)
{
	int ret = parse_req(verb, argc, argv, r);

	if (!ret && (!r->has4 || !r->has6))
		return usage_err("bib add: needs an IPv4 and an IPv6 transport address (ADDRESS#PORT)");
	return ret;
}

static int bib_change(const struct call *c, int argc, char **argv)
{
	bool add = c->cmd->nlcmd == JOOL_CMD_BIB_ADD;
	const char *verb = c->cmd->name;
	struct bib_req r;
	int ret;

	if (add)
		ret = bib_parse_add(verb, argc, argv, &r);
	else
		ret = parse_req(verb, argc, argv, &r);
	if (ret)
		return ret;
	if (!r.has4 && !r.has6)
		return usage_err("bib del: needs the IPv4 or the IPv6 transport address (or both)");
	return jnl_do(c->dev, c->cmd->nlcmd, build_entry, &r, NULL, NULL);
}

/* ---- Dumps ---- */

static void get_addr(struct nlattr *a, void *dst, int len)
{
	if (a && nla_len(a) == len)
		memcpy(dst, nla_data(a), len);
}

static uint16_t get_u16(struct nlattr *a)
{
	return a && nla_len(a) == 2 ? nla_get_u16(a) : 0;
}

/* A JOOL_A_BIB_ENTRY into @r; -1 if it lacks something. */
static int fill_bib(struct nlattr **e, struct row *r)
{
	if (!e[JOOL_BIB_PROTO] || !e[JOOL_BIB_ADDR6] || !e[JOOL_BIB_ADDR4])
		return -1;
	r->proto = nla_get_u8(e[JOOL_BIB_PROTO]);
	r->is_static = e[JOOL_BIB_STATIC];
	get_addr(e[JOOL_BIB_ADDR6], &r->src6, 16);
	get_addr(e[JOOL_BIB_ADDR4], &r->src4, 4);
	r->sport6 = get_u16(e[JOOL_BIB_PORT6]);
	r->sport4 = get_u16(e[JOOL_BIB_PORT4]);
	return 0;
}

/* A JOOL_A_SESSION_ENTRY into @r; -1 if it lacks something. */
static int fill_session(struct nlattr **e, struct row *r)
{
	if (!e[JOOL_SESSION_PROTO] || !e[JOOL_SESSION_EXPIRES])
		return -1;
	r->proto = nla_get_u8(e[JOOL_SESSION_PROTO]);
	get_addr(e[JOOL_SESSION_SRC6], &r->src6, 16);
	get_addr(e[JOOL_SESSION_DST6], &r->dst6, 16);
	get_addr(e[JOOL_SESSION_SRC4], &r->src4, 4);
	get_addr(e[JOOL_SESSION_DST4], &r->dst4, 4);
	r->sport6 = get_u16(e[JOOL_SESSION_SPORT6]);
	r->dport6 = get_u16(e[JOOL_SESSION_DPORT6]);
	r->sport4 = get_u16(e[JOOL_SESSION_SPORT4]);
	r->dport4 = get_u16(e[JOOL_SESSION_DPORT4]);
	r->state = e[JOOL_SESSION_STATE] ?
		   nla_get_u8(e[JOOL_SESSION_STATE]) : 0;
	r->expires = nla_get_u32(e[JOOL_SESSION_EXPIRES]);
	return 0;
}

/* One message of a dump: the list @attr of entries @fill reads. */
static int read_list(struct nlattr **tb, int attr, int maxtype,
		     int (*fill)(struct nlattr **e, struct row *r),
		     struct rows *l)
{
	struct nlattr *e[JOOL_SESSION_MAX + JOOL_BIB_MAX + 1], *a;
	struct row scratch;
	int rem;

	if (!tb[attr])
		return -1;
	nla_for_each_nested(a, tb[attr], rem) {
		if (!l->oom && grow_array((void **)&l->v, &l->cap, l->n,
					  sizeof(*l->v), 1024))
			l->oom = true;
		memset(&scratch, 0, sizeof(scratch));
		if (nla_parse_nested(e, maxtype, a, NULL) || fill(e, &scratch))
			return -1;
		if (!l->oom)
			l->v[l->n++] = scratch;
	}
	return 0;
}

static int read_bib(struct nlattr **tb, void *arg)
{
	return read_list(tb, JOOL_A_BIB, JOOL_BIB_MAX, fill_bib, arg);
}

static int read_sessions(struct nlattr **tb, void *arg)
{
	return read_list(tb, JOOL_A_SESSIONS, JOOL_SESSION_MAX, fill_session,
			 arg);
}

static void restart_rows(void *arg)
{
	((struct rows *)arg)->n = 0;
}

/* By IPv4 transport address (then the remote), as Jool lists them. */
static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	uint32_t ax = ntohl(x->src4.s_addr), ay = ntohl(y->src4.s_addr);
	uint32_t dx = ntohl(x->dst4.s_addr), dy = ntohl(y->dst4.s_addr);

	if (ax != ay)
		return ax < ay ? -1 : 1;
	if (x->sport4 != y->sport4)
		return x->sport4 < y->sport4 ? -1 : 1;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return (int)x->dport4 - (int)y->dport4;
}

/*
 * What "show" asks the kernel for: the protocol, and transport addresses
 * (a port optional) of the IPv6 side, the pool4 side and (sessions) the
 * remote IPv4 host.
 */
struct show_filter {
	uint8_t cmd;
	int proto;
	bool has6, has_port6, has4, has_port4, has_r, has_rport;
	struct in6_addr addr6;
	struct in_addr addr4, remote;
	uint16_t port6, port4, rport;
};

/* The filter as the dump request's entry nest. */
static int build_filter(struct nl_msg *msg, const void *arg)
{
	const struct show_filter *f = arg;
	bool bib = f->cmd == JOOL_CMD_BIB_GET;
	struct nlattr *nest;

	nest = nla_nest_start(msg, bib ? JOOL_A_BIB_ENTRY :
				   JOOL_A_SESSION_ENTRY);
	if (!nest ||
	    nla_put_u8(msg, bib ? JOOL_BIB_PROTO : JOOL_SESSION_PROTO,
		       f->proto) < 0 ||
	    (f->has6 && nla_put(msg, bib ? JOOL_BIB_ADDR6 : JOOL_SESSION_SRC6,
				16, &f->addr6) < 0) ||
	    (f->has_port6 &&
	     nla_put_u16(msg, bib ? JOOL_BIB_PORT6 : JOOL_SESSION_SPORT6,
			 f->port6) < 0) ||
	    (f->has4 && nla_put(msg, bib ? JOOL_BIB_ADDR4 : JOOL_SESSION_SRC4,
				4, &f->addr4) < 0) ||
	    (f->has_port4 &&
	     nla_put_u16(msg, bib ? JOOL_BIB_PORT4 : JOOL_SESSION_SPORT4,
			 f->port4) < 0) ||
	    (f->has_r && nla_put(msg, JOOL_SESSION_DST4, 4, &f->remote) < 0) ||
	    (f->has_rport && nla_put_u16(msg, JOOL_SESSION_DPORT4,
					 f->rport) < 0))
		return -1;
	return nla_nest_end(msg, nest) < 0 ? -1 : 0;
}

/*
 * "ADDRESS" or "ADDRESS#PORT" of family @af into @addr (and @port):
 * 0, or -1 with the reason in @why.
 */
static int parse_filter_taddr(const char *arg, int af, void *addr,
			      bool *has_port, uint16_t *port, const char **why)
{
	char buf[INET6_ADDRSTRLEN + 8], *hash, *end;
	unsigned long p;

	*why = "expected ADDRESS or ADDRESS#PORT";
	if (strlen(arg) >= sizeof(buf))
		return -1;
	strcpy(buf, arg);
	hash = strrchr(buf, '#');
	if (hash) {
		*hash = '\0';
		p = strtoul(hash + 1, &end, 10);
		*why = "the port must be 0-65535";
		if (hash[1] < '0' || hash[1] > '9' || *end || p > 65535)
			return -1;
		*has_port = true;
		*port = p;
	}
	*why = af == AF_INET ? "not an IPv4 address" : "not an IPv6 address";
	return inet_pton(af, buf, addr) == 1 ? 0 : -1;
}

/* The words of "bib show" and "session show" into @f. */
static int parse_filter(const char *verb, int argc, char **argv,
			struct show_filter *f)
{
	const char *why;
	bool remote;
	int i, p;

	for (i = 0; i < argc; i++) {
		p = proto_word(argv[i]);
		if (p && f->proto)
			return usage_err("%s: one protocol at most (tcp, udp or icmp)",
					 verb);
		if (p) {
			f->proto = p;
			continue;
		}
		/* Jool's show prints names unless --numeric; this, numbers. */
		if (!strcmp(argv[i], "--numeric"))
			continue;
		remote = f->cmd == JOOL_CMD_SESSION_GET &&
			 !strcmp(argv[i], "remote");
		if (remote && ++i == argc)
			return usage_err("%s: remote needs an IPv4 address (ADDRESS or ADDRESS#PORT)",
					 verb);
		if (remote) {
			if (f->has_r)
				return usage_err("%s: one remote at most", verb);
			f->has_r = true;
			if (parse_filter_taddr(argv[i], AF_INET, &f->remote,
					       &f->has_rport, &f->rport, &why))
				return usage_err("%s: invalid remote %s: %s",
						 verb, quote(argv[i]), why);
			continue;
		}
		if (strchr(argv[i], ':')) {
			if (f->has6)
				return usage_err("%s: one IPv6 address at most",
						 verb);
			f->has6 = true;
			if (parse_filter_taddr(argv[i], AF_INET6, &f->addr6,
					       &f->has_port6, &f->port6, &why))
				return usage_err("%s: invalid filter %s: %s",
						 verb, quote(argv[i]), why);
			continue;
		}
		if (!strchr(argv[i], '.'))
			return usage_err("%s: unexpected argument %s", verb,
					 quote(argv[i]));
		if (f->has4)
			return usage_err("%s: one IPv4 address at most", verb);
		f->has4 = true;
		if (parse_filter_taddr(argv[i], AF_INET, &f->addr4,
				       &f->has_port4, &f->port4, &why))
			return usage_err("%s: invalid filter %s: %s", verb,
					 quote(argv[i]), why);
	}
	if (!f->proto)
		f->proto = IPPROTO_TCP;
	return 0;
}

/* The entries of @f->cmd that @f keeps, by IPv4 transport address. */
static int dump_filtered(const struct call *c, const struct show_filter *f,
			 struct rows *l)
{
	int proto = f->proto;
	size_t i, n = 0;
	int ret;

	ret = jnl_do_dump_req(c->dev, f->cmd, build_filter, f,
			      f->cmd == JOOL_CMD_BIB_GET ? read_bib :
			      read_sessions, restart_rows, l);
	if (!ret && l->oom)
		ret = runtime_err("out of memory");
	if (ret)
		return ret;
	for (i = 0; i < l->n; i++)
		if (l->v[i].proto == proto)
			l->v[n++] = l->v[i];
	l->n = n;
	qsort(l->v, l->n, sizeof(*l->v), cmp_row);
	return 0;
}

static int dump(const struct call *c, uint8_t cmd, struct rows *l,
		int proto)
{
	struct show_filter f = { .cmd = cmd, .proto = proto };

	return dump_filtered(c, &f, l);
}

/**
 * bib_static_fetch() - the static BIB entries, every protocol
 * @dev: the device
 * @v: out: the entries (free them, even on error), by protocol and IPv4
 *	transport address
 * @n: out: their number
 *
 * Return: the exit status (an error already printed).
 */
int bib_static_fetch(const char *dev, struct bib_req **v, size_t *n)
{
	static const int protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP };
	struct rows l = { 0 };
	struct call c = { .dev = dev };
	size_t i, k, m = 0;
	int ret = 0;

	*v = NULL;
	*n = 0;
	for (k = 0; !ret && k < ARRAY_SIZE(protos); k++) {
		l.n = 0;
		ret = dump(&c, JOOL_CMD_BIB_GET, &l, protos[k]);
		for (i = 0; !ret && i < l.n; i++) {
			if (!l.v[i].is_static)
				continue;
			if (grow_array((void **)v, &m, *n, sizeof(**v), 16)) {
				ret = runtime_err("out of memory");
				break;
			}
			(*v)[(*n)++] = (struct bib_req){
				.proto = l.v[i].proto, .has6 = true,
				.has4 = true, .addr6 = l.v[i].src6,
				.port6 = l.v[i].sport6, .addr4 = l.v[i].src4,
				.port4 = l.v[i].sport4,
			};
		}
	}
	free(l.v);
	return ret;
}

/**
 * bib_taddr_text() - "ADDR#PORT"
 * @af: AF_INET or AF_INET6
 * @addr: the address
 * @port: the port
 * @buf: out
 * @size: of @buf
 */
void bib_taddr_text(int af, const void *addr, uint16_t port, char *buf,
		    size_t size)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(af, addr, a, sizeof(a));
	snprintf(buf, size, "%s#%u", a, port);
}

/* The rows as a JSON array, each object's fields from @fields. */
static void rows_json(const struct rows *l,
		      void (*fields)(struct json *j, const struct row *r))
{
	struct json j;
	size_t i;

	json_init(&j, stdout);
	json_begin_array(&j, NULL);
	for (i = 0; i < l->n; i++) {
		json_begin(&j, NULL);
		json_string(&j, "protocol", proto_name(l->v[i].proto));
		fields(&j, &l->v[i]);
		json_end(&j);
	}
	json_end(&j);
}

/**
 * bib_json_taddr() - a transport address as two JSON members
 * @j: the writer
 * @key: "KEY-port" names the port
 * @akey: names the address ("KEY-address", or "KEY")
 * @af: AF_INET or AF_INET6
 * @addr: the address
 * @port: the port
 */
void bib_json_taddr(struct json *j, const char *key, const char *akey,
		    int af, const void *addr, uint16_t port)
{
	char a[INET6_ADDRSTRLEN], k[64];

	inet_ntop(af, addr, a, sizeof(a));
	json_string(j, akey, a);
	snprintf(k, sizeof(k), "%s-port", key);
	json_u64(j, k, port);
}

static void bib_fields(struct json *j, const struct row *r)
{
	bib_json_taddr(j, "ipv4", "ipv4-address", AF_INET, &r->src4, r->sport4);
	bib_json_taddr(j, "ipv6", "ipv6-address", AF_INET6, &r->src6, r->sport6);
	json_bool(j, "static", r->is_static);
}

static const char *const bib_heads[] = {
	"Proto", "Type", "IPv4 taddr", "IPv6 taddr" };
static const int bib_min[] = { 5, 7, 21, 0 };

static void bib_row(struct table *t, const struct row *r)
{
	char t4[INET6_ADDRSTRLEN + 8], t6[INET6_ADDRSTRLEN + 8];

	bib_taddr_text(AF_INET, &r->src4, r->sport4, t4, sizeof(t4));
	bib_taddr_text(AF_INET6, &r->src6, r->sport6, t6, sizeof(t6));
	table_row(t, proto_name(r->proto), r->is_static ? "static" : "dynamic",
		  t4, t6);
}

static void session_fields(struct json *j, const struct row *r)
{
	bib_json_taddr(j, "ipv6-source", "ipv6-source", AF_INET6, &r->src6,
		   r->sport6);
	bib_json_taddr(j, "ipv6-destination", "ipv6-destination", AF_INET6,
		   &r->dst6, r->dport6);
	bib_json_taddr(j, "ipv4-source", "ipv4-source", AF_INET, &r->src4,
		   r->sport4);
	bib_json_taddr(j, "ipv4-destination", "ipv4-destination", AF_INET,
		   &r->dst4, r->dport4);
	json_u64(j, "state", r->state);
	json_u64(j, "expires-ms", r->expires);
}

static const char *const session_heads[] = {
	"Proto", "IPv6 source", "IPv6 destination", "IPv4 source",
	"IPv4 destination", "State", "Expires" };

static void session_row(struct table *t, const struct row *r)
{
	char s6[INET6_ADDRSTRLEN + 8], d6[INET6_ADDRSTRLEN + 8];
	char s4[INET6_ADDRSTRLEN + 8], d4[INET6_ADDRSTRLEN + 8];
	char state[8], expires[24];

	bib_taddr_text(AF_INET6, &r->src6, r->sport6, s6, sizeof(s6));
	bib_taddr_text(AF_INET6, &r->dst6, r->dport6, d6, sizeof(d6));
	bib_taddr_text(AF_INET, &r->src4, r->sport4, s4, sizeof(s4));
	bib_taddr_text(AF_INET, &r->dst4, r->dport4, d4, sizeof(d4));
	snprintf(state, sizeof(state), "%u", r->state);
	snprintf(expires, sizeof(expires), "%u.%03us", r->expires / 1000,
		 r->expires % 1000);
	table_row(t, proto_name(r->proto), s6, d6, s4, d4, state, expires);
}

/* What "bib show" and "session show" differ in. */
struct show_kind {
	const char *verb;
	uint8_t cmd;
	const char *empty;	/* printf format, the protocol's name */
	void (*fields)(struct json *j, const struct row *r);
	const char *const *heads;	/* the table's columns */
	unsigned int ncols;
	const int *min;			/* their least widths in text */
	void (*row)(struct table *t, const struct row *r);
};

static const struct show_kind bib_kind = {
	"bib show", JOOL_CMD_BIB_GET, "The %s BIB is empty.", bib_fields,
	bib_heads, ARRAY_SIZE(bib_heads), bib_min, bib_row,
};

static const struct show_kind session_kind = {
	"session show", JOOL_CMD_SESSION_GET, "No %s sessions.",
	session_fields, session_heads, ARRAY_SIZE(session_heads), NULL,
	session_row,
};

static int show(const struct call *c, int argc, char **argv,
		const struct show_kind *k)
{
	struct show_filter f = { .cmd = k->cmd };
	struct rows l = { 0 };
	struct table t;
	char empty[64];
	size_t i;
	int ret;

	ret = parse_filter(k->verb, argc, argv, &f);
	if (!ret)
		ret = dump_filtered(c, &f, &l);
	if (!ret && c->o->json) {
		rows_json(&l, k->fields);
	} else if (!ret) {
		table_init(&t, c->o, k->heads, k->ncols);
		if (k->min) {
			t.sep = " ";
			t.min = k->min;
		}
		for (i = 0; i < l.n; i++)
			k->row(&t, &l.v[i]);
		snprintf(empty, sizeof(empty), k->empty, proto_name(f.proto));
		ret = table_print(&t, empty);
	}
	free(l.v);
	return ret;
}

static int bib_show(const struct call *c, int argc, char **argv)
{
	return show(c, argc, argv, &bib_kind);
}

static int session_show(const struct call *c, int argc, char **argv)
{
	return show(c, argc, argv, &session_kind);
}

static const struct cmd bib_cmds[] = {
	CMD("show", "display", "[PROTO] [V6ADDR[#PORT]] [V4ADDR[#PORT]]",
	  "list the entries of PROTO (tcp, udp or icmp; default\n"
	  "tcp), by IPv4 transport address; only those of the IPv6\n"
	  "address (port) and pool4 address (port) given, if any",
	  bib_show, .json = true,
	  .table = true,
	  .dflt = true),
	CMD("add", NULL, "[PROTO] V4ADDR#PORT V6ADDR#PORT",
	  "add a static entry: V6ADDR#PORT is always masked as\n"
	  "V4ADDR#PORT, which must be in pool4 (of PROTO, default\n"
	  "tcp). A dynamic entry of the same addresses becomes static.",
	  bib_change, .nlcmd = JOOL_CMD_BIB_ADD),
	CMD("del", "remove", "[PROTO] [V4ADDR#PORT] [V6ADDR#PORT]",
	  "delete the entry (static or not) of either transport\n"
	  "address, or of both, with its sessions",
	  bib_change, .nlcmd = JOOL_CMD_BIB_DEL),
};

CMD_GROUP(bib_group, "bib", bib_cmds,
	.about = "The BIB of the NAT64 device DEV (RFC 6146 3.1): which IPv4\n"
		 "transport address (pool4) masks each IPv6 one. Dynamic entries\n"
		 "come and go with their sessions; static ones stay until deleted\n"
		 "or until pool4 loses their IPv4 transport address (without\n"
		 "\"quick\"). At most max-sessions entries.\n",
	.notes = "Jool's forms are accepted: --tcp, --udp, --icmp, display, remove,\n"
		 "and --numeric (addresses are always numeric).\n");

static const struct cmd session_cmds[] = {
	CMD("show", "display",
	  "[PROTO] [V6ADDR[#PORT]] [V4ADDR[#PORT]] [remote ADDR[#PORT]]",
	  "list the sessions of PROTO (tcp, udp or icmp; default tcp):\n"
	  "IPv6 source and destination, IPv4 source (pool4) and\n"
	  "destination, TCP state, time to expiry; only those of the\n"
	  "IPv6 source, pool4 and remote IPv4 addresses (ports) given",
	  session_show,
	  .json = true, .table = true, .dflt = true),
};

CMD_GROUP(session_group, "session", session_cmds,
	.about = "The sessions of the NAT64 device DEV (RFC 6146 3.2).\n");
