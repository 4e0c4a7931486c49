// SPDX-License-Identifier: GPL-2.0
/*
 * "joolctl DEV address query ADDR": asks the kernel (JOOL_CMD_ADDRESS_QUERY)
 * what the device's configuration maps ADDR to and by which rule. The
 * kernel answers with the functions its data path translates with.
 *
 *   192.0.2.1 -> 64:ff9b::c000:201 (pool6 64:ff9b::/96)
 *   192.0.2.1 -> 2001:db8::1 (EAM 2001:db8::/120 192.0.2.0/24)
 *   192.0.2.1: not translated (denylist4 192.0.2.0/24)
 *
 * NAT64 devices answer from their RFC 7422 deterministic mapping (an IPv4
 * address needs its port, ADDR#PORT):
 *
 *   192.0.2.7#40123 -> 2001:db8:7:9b00::/56 (deterministic: 192.0.2.7 ports 40084-40335)
 *   2001:db8:7:9b00::1 -> 192.0.2.7 ports 40084-40335 (deterministic: 2001:db8:7:9b00::/56)
 *
 * or, with port blocks, from the block table:
 *
 *   192.0.2.7#40123 -> 2001:db8::5 (udp block 192.0.2.7 ports 40064-40127, since 2026-12-04 20:15:03 UTC)
 *   2001:db8::5 -> udp block 192.0.2.7 ports 40064-40127, since 2026-12-04 20:15:03 UTC
 *   2001:db8::6: no port block
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <uapi/jool_netdev.h>

#include "cmd.h"
#include "json.h"
#include "nl.h"
#include "pool4.h"
#include "prefix.h"
#include "query.h"

struct answer {
	uint8_t rule;
	bool has_addr, has_reason;
	char addr[INET6_ADDRSTRLEN];
	char prefix[PREFIX_STRLEN];	/* pool6, denylist4 or implicit */
	char eam6[PREFIX_STRLEN];
	char eam4[PREFIX_STRLEN];
	uint32_t reason;
	uint16_t port_min, port_max;	/* deterministic */
	unsigned int nblocks;		/* port blocks */
	bool has_held;			/* (IPv6) @held is set */
	uint32_t held;			/* (IPv6) blocks held, >= @nblocks */
	struct block {
		uint8_t proto;
		char owner[INET6_ADDRSTRLEN];
		char addr4[INET_ADDRSTRLEN];
		uint16_t min, max;
		uint64_t since;
	} blocks[JOOL_QUERY_BLOCKS_LISTED];
};

static struct nla_policy query_policy[JOOL_QUERY_MAX + 1] = {
	[JOOL_QUERY_RULE]	= { .type = NLA_U8 },
	[JOOL_QUERY_ADDRESS]	= { .type = NLA_UNSPEC },
	[JOOL_QUERY_EAM]	= { .type = NLA_NESTED },
	[JOOL_QUERY_PREFIX]	= { .type = NLA_NESTED },
	[JOOL_QUERY_REASON]	= { .type = NLA_U32 },
	[JOOL_QUERY_PORT_MIN]	= { .type = NLA_U16 },
	[JOOL_QUERY_PORT_MAX]	= { .type = NLA_U16 },
	[JOOL_QUERY_BLOCK]	= { .type = NLA_NESTED },
	[JOOL_QUERY_BLOCKS_HELD] = { .type = NLA_U32 },
};

static struct nla_policy block_policy[JOOL_QBLOCK_MAX + 1] = {
	[JOOL_QBLOCK_PROTO]	= { .type = NLA_U8 },
	[JOOL_QBLOCK_OWNER]	= { .minlen = 16 },
	[JOOL_QBLOCK_ADDR4]	= { .minlen = 4 },
	[JOOL_QBLOCK_PORT_MIN]	= { .type = NLA_U16 },
	[JOOL_QBLOCK_PORT_MAX]	= { .type = NLA_U16 },
	[JOOL_QBLOCK_SINCE]	= { .type = NLA_U64 },
};

/*
 * The JOOL_QUERY_BLOCK nests of the answer: at least one, but for an
 * IPv6 address's (JOOL_QUERY_BLOCKS_HELD), which may hold none.
 */
static int read_blocks(struct nlattr *query, struct nlattr *held,
		       struct answer *a)
{
	struct nlattr *btb[JOOL_QBLOCK_MAX + 1], *attr;
	struct block *b;
	int rem;

	nla_for_each_nested(attr, query, rem) {
		if (nla_type(attr) != JOOL_QUERY_BLOCK)
			continue;
		if (a->nblocks == sizeof(a->blocks) / sizeof(a->blocks[0]) ||
		    nla_parse_nested(btb, JOOL_QBLOCK_MAX, attr, block_policy))
			return -1;
		if (!btb[JOOL_QBLOCK_PROTO] || !btb[JOOL_QBLOCK_OWNER] ||
		    !btb[JOOL_QBLOCK_ADDR4] || !btb[JOOL_QBLOCK_PORT_MIN] ||
		    !btb[JOOL_QBLOCK_PORT_MAX] || !btb[JOOL_QBLOCK_SINCE])
			return -1;
		b = &a->blocks[a->nblocks++];
		b->proto = nla_get_u8(btb[JOOL_QBLOCK_PROTO]);
		inet_ntop(AF_INET6, nla_data(btb[JOOL_QBLOCK_OWNER]), b->owner,
			  sizeof(b->owner));
		inet_ntop(AF_INET, nla_data(btb[JOOL_QBLOCK_ADDR4]), b->addr4,
			  sizeof(b->addr4));
		b->min = nla_get_u16(btb[JOOL_QBLOCK_PORT_MIN]);
		b->max = nla_get_u16(btb[JOOL_QBLOCK_PORT_MAX]);
		b->since = nla_get_u64(btb[JOOL_QBLOCK_SINCE]);
	}
	if (held) {
		a->has_held = true;
		a->held = nla_get_u32(held);
		return a->held >= a->nblocks ? 0 : -1;
	}
	return a->nblocks ? 0 : -1;
}

/* "2026-12-04 20:15:03 UTC" */
static void since_text(uint64_t since, char *buf, size_t size)
{
	time_t t = since;
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M:%S UTC",
					    &tm))
		snprintf(buf, size, "%" PRIu64, since);
}

static struct nla_policy eam_policy[JOOL_EAM_MAX + 1] = {
	[JOOL_EAM_PREFIX6]	= { .type = NLA_NESTED },
	[JOOL_EAM_PREFIX4]	= { .type = NLA_NESTED },
};

/* The prefix nest @attr, as text. */
static int decode_prefix(struct nlattr *attr, char *buf, size_t size)
{
	struct prefix p;

	if (jnl_get_prefix(attr, &p))
		return -1;
	prefix_format(&p, buf, size);
	return 0;
}

static int read_answer(struct nlattr **tb, void *arg)
{
	struct nlattr *qtb[JOOL_QUERY_MAX + 1], *etb[JOOL_EAM_MAX + 1];
	struct answer *a = arg;
	struct nlattr *addr;

	if (!tb[JOOL_A_QUERY] ||
	    nla_parse_nested(qtb, JOOL_QUERY_MAX, tb[JOOL_A_QUERY],
			     query_policy) || !qtb[JOOL_QUERY_RULE])
		return -1;
	a->rule = nla_get_u8(qtb[JOOL_QUERY_RULE]);
	addr = qtb[JOOL_QUERY_ADDRESS];
	if (addr) {
		int family = nla_len(addr) == 16 ? AF_INET6 : AF_INET;

		if ((nla_len(addr) != 16 && nla_len(addr) != 4) ||
		    !inet_ntop(family, nla_data(addr), a->addr, sizeof(a->addr)))
			return -1;
		a->has_addr = true;
	}
	if (qtb[JOOL_QUERY_REASON]) {
		a->reason = nla_get_u32(qtb[JOOL_QUERY_REASON]);
		a->has_reason = true;
	}
	switch (a->rule) {
	case JOOL_RULE_EAM:
		if (!qtb[JOOL_QUERY_EAM] || !a->has_addr ||
		    nla_parse_nested(etb, JOOL_EAM_MAX, qtb[JOOL_QUERY_EAM],
				     eam_policy) ||
		    decode_prefix(etb[JOOL_EAM_PREFIX6], a->eam6, sizeof(a->eam6)) ||
		    decode_prefix(etb[JOOL_EAM_PREFIX4], a->eam4, sizeof(a->eam4)))
			return -1;
		break;
	case JOOL_RULE_POOL6:
		if (!a->has_addr)
			return -1;
		/* fall through */
	case JOOL_RULE_DENYLIST4:
	case JOOL_RULE_IMPLICIT:
		if (decode_prefix(qtb[JOOL_QUERY_PREFIX], a->prefix,
				  sizeof(a->prefix)))
			return -1;
		break;
	case JOOL_RULE_DETERMINISTIC:
		if (!a->has_addr || !qtb[JOOL_QUERY_PORT_MIN] ||
		    !qtb[JOOL_QUERY_PORT_MAX] ||
		    decode_prefix(qtb[JOOL_QUERY_PREFIX], a->prefix,
				  sizeof(a->prefix)))
			return -1;
		a->port_min = nla_get_u16(qtb[JOOL_QUERY_PORT_MIN]);
		a->port_max = nla_get_u16(qtb[JOOL_QUERY_PORT_MAX]);
		break;
	case JOOL_RULE_BLOCK:
		if (read_blocks(tb[JOOL_A_QUERY], qtb[JOOL_QUERY_BLOCKS_HELD],
				a))
			return -1;
		break;
	case JOOL_RULE_NONE:
		if (!a->has_reason)
			return -1;
		break;
	default:
		return -1;
	}
	return 0;
}

static const char *rule_name(uint8_t rule)
{
	switch (rule) {
	case JOOL_RULE_EAM:
		return "eam";
	case JOOL_RULE_POOL6:
		return "pool6";
	case JOOL_RULE_DENYLIST4:
		return "denylist4";
	case JOOL_RULE_IMPLICIT:
		return "implicit";
	case JOOL_RULE_DETERMINISTIC:
		return "deterministic";
	case JOOL_RULE_BLOCK:
		return "block";
	}
	return "none";
}

/* Why an address without a rule is not translated. */
static const char *none_text(uint32_t reason)
{
	switch (reason) {
	case JOOL_STAT_NO_POOL6:
		return "neither pool6 nor the EAMT is set";
	case JOOL_STAT_DST6_UNTRANSLATABLE:
		return "no EAM matches, and it is not in pool6";
	case JOOL_STAT_DST4_UNTRANSLATABLE:
		return "no EAM matches, and pool6 is not set";
	case JOOL_STAT_NAT64_DET_OUTSIDE:
		return "outside the deterministic mapping";
	case JOOL_STAT_NAT64_NO_BIB4:
		return "no client holds its port block";
	}
	return "no rule";
}

/* The counter a packet to the address would be dropped with. */
static const char *reason_name(uint32_t reason)
{
	switch (reason) {
	case JOOL_STAT_NO_POOL6:
		return "NO_POOL6";
	case JOOL_STAT_DST6_UNTRANSLATABLE:
		return "DST6_UNTRANSLATABLE";
	case JOOL_STAT_DST4_UNTRANSLATABLE:
		return "DST4_UNTRANSLATABLE";
	case JOOL_STAT_DENYLISTED:
		return "DENYLISTED";
	case JOOL_STAT_NAT64_DET_OUTSIDE:
		return "NAT64_DET_OUTSIDE";
	case JOOL_STAT_NAT64_NO_BIB4:
		return "NAT64_NO_BIB4";
	}
	return "UNKNOWN";
}

static void print_text(const char *addr, const struct answer *a)
{
	char when[64];
	unsigned int i;

	switch (a->rule) {
	case JOOL_RULE_BLOCK:
		for (i = 0; i < a->nblocks; i++) {
			since_text(a->blocks[i].since, when, sizeof(when));
			if (a->has_held)
				printf("%s -> %s block %s ports %u-%u, since %s\n",
				       addr,
				       pool4_proto_name(a->blocks[i].proto),
				       a->blocks[i].addr4, a->blocks[i].min,
				       a->blocks[i].max, when);
			else
				printf("%s -> %s (%s block %s ports %u-%u, since %s)\n",
				       addr, a->blocks[i].owner,
				       pool4_proto_name(a->blocks[i].proto),
				       a->blocks[i].addr4, a->blocks[i].min,
				       a->blocks[i].max, when);
		}
		if (a->has_held && !a->held)
			printf("%s: no port block\n", addr);
		else if (a->held > a->nblocks)
			printf("%s: %u more port blocks not listed\n", addr,
			       a->held - a->nblocks);
		break;
	case JOOL_RULE_DETERMINISTIC:
		if (strchr(addr, '#'))
			printf("%s -> %s (deterministic: %s ports %u-%u)\n",
			       addr, a->prefix, a->addr, a->port_min,
			       a->port_max);
		else
			printf("%s -> %s ports %u-%u (deterministic: %s)\n",
			       addr, a->addr, a->port_min, a->port_max,
			       a->prefix);
		break;
	case JOOL_RULE_EAM:
		printf("%s -> %s (EAM %s %s)\n", addr, a->addr, a->eam6, a->eam4);
		break;
	case JOOL_RULE_POOL6:
		printf("%s -> %s (pool6 %s)\n", addr, a->addr, a->prefix);
		break;
	case JOOL_RULE_DENYLIST4:
	case JOOL_RULE_IMPLICIT:
		printf("%s: not translated (%s %s)\n", addr,
		       rule_name(a->rule), a->prefix);
		break;
	default:
		printf("%s: not translated (%s)\n", addr, none_text(a->reason));
	}
}

static void print_json(const char *addr, const struct answer *a)
{
	unsigned int i;
	struct json j;

	json_init(&j, stdout);
	json_begin(&j, NULL);
	json_string(&j, "address", addr);
	json_bool(&j, "translated", a->has_addr || a->nblocks);
	json_string(&j, "rule", rule_name(a->rule));
	if (a->has_addr)
		json_string(&j, "translation", a->addr);
	if (a->rule == JOOL_RULE_EAM) {
		json_begin(&j, "eam");
		json_string(&j, "ipv6", a->eam6);
		json_string(&j, "ipv4", a->eam4);
		json_end(&j);
	} else if (a->rule == JOOL_RULE_BLOCK) {
		json_begin_array(&j, "blocks");
		for (i = 0; i < a->nblocks; i++) {
			json_begin(&j, NULL);
			json_string(&j, "protocol",
				    pool4_proto_name(a->blocks[i].proto));
			json_string(&j, "owner", a->blocks[i].owner);
			json_string(&j, "ipv4", a->blocks[i].addr4);
			json_u64(&j, "port_min", a->blocks[i].min);
			json_u64(&j, "port_max", a->blocks[i].max);
			json_u64(&j, "since", a->blocks[i].since);
			json_end(&j);
		}
		json_end(&j);
		if (a->has_held)
			json_u64(&j, "blocks_held", a->held);
	} else if (a->rule == JOOL_RULE_DETERMINISTIC) {
		json_string(&j, "subscriber", a->prefix);
		json_string(&j, "ipv4", a->addr);
		json_u64(&j, "port_min", a->port_min);
		json_u64(&j, "port_max", a->port_max);
	} else if (a->rule != JOOL_RULE_NONE) {
		json_string(&j, "prefix", a->prefix);
	}
	if (a->has_reason)
		json_string(&j, "drop_reason", reason_name(a->reason));
	json_end(&j);
}

/* What the request carries: the address, and (NAT64, IPv4) its port. */
struct question {
	unsigned char bin[16];
	size_t len;
	bool has_port;
	uint16_t port;
};

static int build_question(struct nl_msg *msg, const void *req)
{
	const struct question *q = req;

	if (nla_put(msg, JOOL_A_ADDRESS, q->len, q->bin) < 0)
		return -1;
	return q->has_port && nla_put_u16(msg, JOOL_A_PORT, q->port) < 0 ?
	       -1 : 0;
}

/* "192.0.2.7#40123": splits off the port (written back as '\0'). */
static int split_port(char *arg, struct question *q)
{
	char *hash = strchr(arg, '#'), *end;
	unsigned long port;

	if (!hash)
		return 0;
	*hash = '\0';
	port = strtoul(hash + 1, &end, 10);
	if (!hash[1] || *end || port > 65535)
		return usage_err("address query: invalid port %s (expected 0-65535)",
				 quote(hash + 1));
	q->has_port = true;
	q->port = port;
	return 0;
}

static int address_query(const struct call *c, int argc, char **argv)
{
	char canon[INET6_ADDRSTRLEN + 8];
	struct answer a = { 0 };
	struct question q = { .has_port = false };
	int ret;

	if (argc < 1)
		return usage_err("address query: missing ADDRESS");
	if (argc > 1)
		return usage_err("address query: unexpected argument %s",
				 quote(argv[1]));
	ret = split_port(argv[0], &q);
	if (ret)
		return ret;
	if (inet_pton(AF_INET6, argv[0], q.bin) == 1)
		q.len = 16;
	else if (inet_pton(AF_INET, argv[0], q.bin) == 1)
		q.len = 4;
	else
		return usage_err("address query: %s is not an IPv4 or IPv6 address",
				 quote(argv[0]));
	if (q.has_port && q.len == 16)
		return usage_err("address query: a port goes with an IPv4 address (ADDRESS#PORT)");
	inet_ntop(q.len == 16 ? AF_INET6 : AF_INET, q.bin, canon, sizeof(canon));
	if (q.has_port)
		snprintf(canon + strlen(canon), sizeof(canon) - strlen(canon),
			 "#%u", q.port);

	ret = jnl_do(c->dev, JOOL_CMD_ADDRESS_QUERY, build_question, &q,
		     read_answer, &a);
	if (ret)
		return ret;
	if (c->o->json)
		print_json(canon, &a);
	else
		print_text(canon, &a);
	return 0;
}

static const struct cmd address_cmds[] = {
	CMD("query", NULL, "ADDRESS[#PORT]",
	  "what ADDRESS translates to, and by which rule",
	  address_query, .json = true),
};

CMD_GROUP(address_group, "address", address_cmds,
	.help_anywhere = true,
	.about = "What the SIIT device DEV translates ADDRESS (IPv4 or IPv6) to, and\n"
		 "by which rule: an EAM, pool6, or neither; or that denylist4 or an\n"
		 "implicit rule forbids it. The kernel answers with the code that\n"
		 "translates packets, on the current configuration, for ADDRESS as a\n"
		 "packet's source or destination (the source of an ICMP error is\n"
		 "not subject to denylist4).\n"
		 "\n"
		 "A NAT64 device answers from its RFC 7422 deterministic mapping\n"
		 "(\"joolctl DEV deterministic\"): IPV4#PORT -> the subscriber\n"
		 "prefix that has that port; an IPv6 address -> its subscriber's\n"
		 "IPv4 address and port range.\n");
