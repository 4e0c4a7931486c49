// SPDX-License-Identifier: GPL-2.0
/*
 * NAT64 mapping log events: decoding and printing (log_event.h).
 *
 * Text, one line an event, as "ip monitor":
 *
 *   TIME DEV bib add PROTO IPV6#PORT IPV4#PORT [static]
 *   TIME DEV bib del PROTO IPV6#PORT IPV4#PORT REASON [static]
 *   TIME DEV session add PROTO IPV6#PORT IPV4#PORT REMOTE4#PORT [REMOTE6#PORT]
 *   TIME DEV session del ... REASON
 *   TIME DEV block add PROTO IPV6 IPV4#FIRST-LAST
 *   TIME DEV block del PROTO IPV6 IPV4#FIRST-LAST REASON
 *   TIME DEV lost N events
 *
 * TIME is UTC, RFC 3339 with nanoseconds. JSON: one object a line, with
 * the member names of "bib show" and "session show" (joolctl(8), MONITOR).
 */
#include <arpa/inet.h>
#include <string.h>
#include <time.h>

#include <uapi/jool_netdev.h>

#include "bib.h"
#include "json.h"
#include "log_event.h"
#include "pool4.h"
#include "pool6.h"

static struct nla_policy log_policy[JOOL_LOG_MAX + 1] = {
	[JOOL_LOG_TYPE]		= { .type = NLA_U8 },
	[JOOL_LOG_TIME]		= { .type = NLA_U64 },
	[JOOL_LOG_PROTO]	= { .type = NLA_U8 },
	[JOOL_LOG_ADDR6]	= { .minlen = sizeof(struct in6_addr) },
	[JOOL_LOG_PORT6]	= { .type = NLA_U16 },
	[JOOL_LOG_ADDR4]	= { .minlen = sizeof(struct in_addr) },
	[JOOL_LOG_PORT4]	= { .type = NLA_U16 },
	[JOOL_LOG_REMOTE4]	= { .minlen = sizeof(struct in_addr) },
	[JOOL_LOG_RPORT4]	= { .type = NLA_U16 },
	[JOOL_LOG_REASON]	= { .type = NLA_U8 },
	[JOOL_LOG_STATIC]	= { .type = NLA_FLAG },
	[JOOL_LOG_PORT4_MAX]	= { .type = NLA_U16 },
};

/**
 * log_event_decode() - read an event
 * @tb: the message's attributes, by JOOL_A_*
 * @e: out: the event
 *
 * Return: 0, or -1 if it is not a whole event.
 */
int log_event_decode(struct nlattr **tb, struct log_event *e)
{
	struct nlattr *l[JOOL_LOG_MAX + 1];

	memset(e, 0, sizeof(*e));
	if (!tb[JOOL_A_IFINDEX] || !tb[JOOL_A_IFNAME] || !tb[JOOL_A_LOG] ||
	    nla_parse_nested(l, JOOL_LOG_MAX, tb[JOOL_A_LOG], log_policy))
		return -1;
	if (!l[JOOL_LOG_TYPE] || !l[JOOL_LOG_TIME] || !l[JOOL_LOG_PROTO] ||
	    !l[JOOL_LOG_ADDR6] || !l[JOOL_LOG_ADDR4] || !l[JOOL_LOG_PORT4])
		return -1;
	e->ifindex = nla_get_u32(tb[JOOL_A_IFINDEX]);
	nla_strlcpy(e->ifname, tb[JOOL_A_IFNAME], sizeof(e->ifname));
	e->type = nla_get_u8(l[JOOL_LOG_TYPE]);
	/* A block has a port range and no IPv6 port; the others, the reverse. */
	e->is_block = e->type == JOOL_LOG_BLOCK_ADD ||
		      e->type == JOOL_LOG_BLOCK_DEL;
	if (e->is_block ? !l[JOOL_LOG_PORT4_MAX] || l[JOOL_LOG_PORT6] :
			  !l[JOOL_LOG_PORT6] || l[JOOL_LOG_PORT4_MAX])
		return -1;
	e->time_ns = nla_get_u64(l[JOOL_LOG_TIME]);
	e->proto = nla_get_u8(l[JOOL_LOG_PROTO]);
	memcpy(&e->addr6, nla_data(l[JOOL_LOG_ADDR6]), sizeof(e->addr6));
	if (!e->is_block)
		e->port6 = nla_get_u16(l[JOOL_LOG_PORT6]);
	memcpy(&e->addr4, nla_data(l[JOOL_LOG_ADDR4]), sizeof(e->addr4));
	e->port4 = nla_get_u16(l[JOOL_LOG_PORT4]);
	if (e->is_block)
		e->port4_max = nla_get_u16(l[JOOL_LOG_PORT4_MAX]);
	if (l[JOOL_LOG_REMOTE4] && l[JOOL_LOG_RPORT4]) {
		e->has_remote = true;
		memcpy(&e->remote4, nla_data(l[JOOL_LOG_REMOTE4]),
		       sizeof(e->remote4));
		e->rport4 = nla_get_u16(l[JOOL_LOG_RPORT4]);
	}
	if (l[JOOL_LOG_REASON])
		e->reason = nla_get_u8(l[JOOL_LOG_REASON]);
	e->is_static = l[JOOL_LOG_STATIC];
	if (e->type < JOOL_LOG_BIB_ADD || e->type > JOOL_LOG_TYPE_MAX ||
	    log_event_is_session(e) != e->has_remote ||
	    (e->is_block && (e->is_static || e->port4_max < e->port4)))
		return -1;
	return 0;
}

/* Whether @e is about a session (else a BIB entry or a port block). */
bool log_event_is_session(const struct log_event *e)
{
	return e->type == JOOL_LOG_SESSION_ADD || e->type == JOOL_LOG_SESSION_DEL;
}

/**
 * log_event_remote6() - set a session event's remote IPv6 address
 * @e: the event
 * @pool6: its device's pool6 (RFC 6052), whose translation it is
 */
void log_event_remote6(struct log_event *e, const struct prefix *pool6)
{
	if (!e->has_remote)
		return;
	pool6_embed(pool6, e->remote4, &e->remote6);
	e->has_remote6 = true;
}

static const char *const type_words[] = {
	[JOOL_LOG_BIB_ADD] = "bib add",
	[JOOL_LOG_BIB_DEL] = "bib del",
	[JOOL_LOG_SESSION_ADD] = "session add",
	[JOOL_LOG_SESSION_DEL] = "session del",
	[JOOL_LOG_BLOCK_ADD] = "block add",
	[JOOL_LOG_BLOCK_DEL] = "block del",
};

static const char *const type_json[] = {
	[JOOL_LOG_BIB_ADD] = "bib-add",
	[JOOL_LOG_BIB_DEL] = "bib-del",
	[JOOL_LOG_SESSION_ADD] = "session-add",
	[JOOL_LOG_SESSION_DEL] = "session-del",
	[JOOL_LOG_BLOCK_ADD] = "block-add",
	[JOOL_LOG_BLOCK_DEL] = "block-del",
};

static const char *reason_name(uint8_t reason)
{
	switch (reason) {
	case JOOL_LOG_REASON_EXPIRED:
		return "expired";
	case JOOL_LOG_REASON_ADMIN:
		return "admin";
	case JOOL_LOG_REASON_POOL4:
		return "pool4";
	case JOOL_LOG_REASON_BIB:
		return "bib";
	default:
		return "unknown";
	}
}

/* "2026-12-04T20:01:02.123456789Z" */
static void time_text(uint64_t ns, char *buf, size_t size)
{
	time_t sec = ns / 1000000000;
	struct tm tm;
	char s[32];

	if (!gmtime_r(&sec, &tm) ||
	    !strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%S", &tm))
		snprintf(s, sizeof(s), "%llu", (unsigned long long)sec);
	snprintf(buf, size, "%s.%09uZ", s, (unsigned int)(ns % 1000000000));
}

static void print_text(FILE *f, const struct log_event *e)
{
	char t[48], a6[INET6_ADDRSTRLEN + 8], a4[INET6_ADDRSTRLEN + 8];
	char r4[INET6_ADDRSTRLEN + 8], r6[INET6_ADDRSTRLEN + 8];

	time_text(e->time_ns, t, sizeof(t));
	if (e->is_block) {
		inet_ntop(AF_INET6, &e->addr6, a6, sizeof(a6));
		inet_ntop(AF_INET, &e->addr4, a4, sizeof(a4));
		fprintf(f, "%s %s %s %s %s %s#%u-%u", t, e->ifname,
			type_words[e->type], pool4_proto_name(e->proto), a6,
			a4, e->port4, e->port4_max);
	} else {
		bib_taddr_text(AF_INET6, &e->addr6, e->port6, a6, sizeof(a6));
		bib_taddr_text(AF_INET, &e->addr4, e->port4, a4, sizeof(a4));
		fprintf(f, "%s %s %s %s %s %s", t, e->ifname,
			type_words[e->type], pool4_proto_name(e->proto), a6,
			a4);
	}
	if (e->has_remote) {
		bib_taddr_text(AF_INET, &e->remote4, e->rport4, r4, sizeof(r4));
		fprintf(f, " %s", r4);
		if (e->has_remote6) {
			bib_taddr_text(AF_INET6, &e->remote6, e->rport4, r6,
				   sizeof(r6));
			fprintf(f, " %s", r6);
		}
	}
	if (e->reason)
		fprintf(f, " %s", reason_name(e->reason));
	if (e->is_static)
		fputs(" static", f);
	fputc('\n', f);
}

static void json_head(struct json *j, uint64_t time_ns, const char *dev,
		      const char *event)
{
	char t[48];

	time_text(time_ns, t, sizeof(t));
	json_string(j, "time", t);
	json_u64(j, "time-ns", time_ns);
	json_string(j, "device", dev);
	json_string(j, "event", event);
}

static void print_json(FILE *f, const struct log_event *e)
{
	char a[INET6_ADDRSTRLEN];
	struct json j;

	json_init(&j, f);
	json_begin(&j, NULL);
	json_head(&j, e->time_ns, e->ifname, type_json[e->type]);
	json_u64(&j, "ifindex", e->ifindex);
	json_string(&j, "protocol", pool4_proto_name(e->proto));
	if (e->has_remote) {
		/* The member names of "session show". */
		bib_json_taddr(&j, "ipv6-source", "ipv6-source", AF_INET6,
			       &e->addr6, e->port6);
		bib_json_taddr(&j, "ipv4-source", "ipv4-source", AF_INET,
			       &e->addr4, e->port4);
		bib_json_taddr(&j, "ipv4-destination", "ipv4-destination",
			       AF_INET, &e->remote4, e->rport4);
		if (e->has_remote6)
			bib_json_taddr(&j, "ipv6-destination",
				       "ipv6-destination", AF_INET6,
				       &e->remote6, e->rport4);
	} else if (e->is_block) {
		/* Those of "bib show", and the block's port range. */
		inet_ntop(AF_INET6, &e->addr6, a, sizeof(a));
		json_string(&j, "ipv6-address", a);
		inet_ntop(AF_INET, &e->addr4, a, sizeof(a));
		json_string(&j, "ipv4-address", a);
		json_u64(&j, "ipv4-port-min", e->port4);
		json_u64(&j, "ipv4-port-max", e->port4_max);
	} else {
		/* Those of "bib show". */
		bib_json_taddr(&j, "ipv6", "ipv6-address", AF_INET6,
			       &e->addr6, e->port6);
		bib_json_taddr(&j, "ipv4", "ipv4-address", AF_INET,
			       &e->addr4, e->port4);
		json_bool(&j, "static", e->is_static);
	}
	if (e->reason)
		json_string(&j, "reason", reason_name(e->reason));
	json_end(&j);	/* and the newline */
}

/**
 * log_event_print() - print an event, one line
 * @f: where
 * @e: the event (decoded: its type is valid)
 * @json: a JSON object instead of text
 */
void log_event_print(FILE *f, const struct log_event *e, bool json)
{
	if (json)
		print_json(f, e);
	else
		print_text(f, e);
}

/**
 * log_lost_print() - print that events were lost, one line
 * @f: where
 * @time_ns: when this was noticed, since the epoch
 * @dev: the device that lost them, or NULL if unknown
 * @count: how many (0: unknown)
 * @json: a JSON object instead of text
 */
void log_lost_print(FILE *f, uint64_t time_ns, const char *dev,
		    uint64_t count, bool json)
{
	char t[48];
	struct json j;

	if (!json) {
		time_text(time_ns, t, sizeof(t));
		if (count)
			fprintf(f, "%s %s lost %llu events\n", t,
				dev ? dev : "-", (unsigned long long)count);
		else
			fprintf(f, "%s %s lost events\n", t, dev ? dev : "-");
		return;
	}
	json_init(&j, f);
	json_begin(&j, NULL);
	json_head(&j, time_ns, dev, "lost");
	if (count)
		json_u64(&j, "count", count);
	else
		json_null(&j, "count");
	json_end(&j);	/* and the newline */
}
