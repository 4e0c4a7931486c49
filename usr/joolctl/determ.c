// SPDX-License-Identifier: GPL-2.0
/*
 * "joolctl DEV deterministic ...": RFC 7422 deterministic mode of a NAT64
 * device, one mapping per device, kept in the five "deterministic-*"
 * globals (docs/design.md, "Deterministic NAT64"). add sets all five in one
 * JOOL_CMD_SET_GLOBALS, after checking the numbers with the module's own
 * jool_det_shape() (src/core/determ.c, through det_check()), so that a
 * refusal names them; the kernel checks again.
 *
 *   joolctl nat0 deterministic add 2001:db8::/40 /56 192.0.2.0/24 1024-65535
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <uapi/jool_netdev.h>
#include "core/cfg_err.h"

#include "cmd.h"
#include "determ.h"
#include "globals.h"
#include "json.h"
#include "nl.h"
#include "prefix.h"
#include "show.h"

/* The mapping as the device has it; false: off (or not NAT64). */
static int fetch(const char *dev, struct gvalue *vals, bool *on)
{
	int mode, ret;

	*on = false;
	ret = device_config(dev, &mode, vals);
	if (ret)
		return ret;
	if (mode != JOOL_MODE_NAT64)
		return runtime_err("%s is not a NAT64 device: deterministic mode is NAT64's",
				   dev);
	*on = vals[GK_DET_PREFIX6].set;
	return 0;
}

/* The core's view of @vals. */
static void to_input(const struct gvalue *vals, struct det_input *d)
{
	memset(d, 0, sizeof(*d));
	memcpy(d->p6, &vals[GK_DET_PREFIX6].pfx.addr.v6, 16);
	d->len6 = vals[GK_DET_PREFIX6].pfx.len;
	d->sub_len = vals[GK_DET_SUB_LEN].u8;
	memcpy(d->p4, &vals[GK_DET_PREFIX4].pfx.addr.v4, 4);
	d->len4 = vals[GK_DET_PREFIX4].pfx.len;
	d->port_min = vals[GK_DET_PORT_MIN].u32;
	d->port_max = vals[GK_DET_PORT_MAX].u32;
}

/* "2001:db8::/40 /56 192.0.2.0/24 1024-65535" */
static void format(const struct gvalue *vals, char *buf, size_t size)
{
	char p6[PREFIX_STRLEN], p4[PREFIX_STRLEN];

	prefix_format(&vals[GK_DET_PREFIX6].pfx, p6, sizeof(p6));
	prefix_format(&vals[GK_DET_PREFIX4].pfx, p4, sizeof(p4));
	snprintf(buf, size, "%s /%u %s %" PRIu32 "-%" PRIu32, p6,
		 vals[GK_DET_SUB_LEN].u8, p4, vals[GK_DET_PORT_MIN].u32,
		 vals[GK_DET_PORT_MAX].u32);
}

static int det_show(const struct call *c, int argc, char **argv)
{
	struct gvalue vals[GK_COUNT];
	struct det_numbers s;
	struct det_input d;
	char buf[160];
	struct json j;
	bool on;
	int ret;

	if (argc > 0)
		return usage_err("unexpected argument %s", quote(argv[0]));
	ret = fetch(c->dev, vals, &on);
	if (ret)
		return ret;
	to_input(vals, &d);
	if (on)
		det_check(&d, &s);
	if (c->o->json) {
		json_init(&j, stdout);
		json_begin(&j, NULL);
		json_bool(&j, "enabled", on);
		if (on) {
			prefix_format(&vals[GK_DET_PREFIX6].pfx, buf,
				      sizeof(buf));
			json_string(&j, "prefix6", buf);
			json_u64(&j, "subscriber_length", d.sub_len);
			prefix_format(&vals[GK_DET_PREFIX4].pfx, buf,
				      sizeof(buf));
			json_string(&j, "prefix4", buf);
			json_u64(&j, "port_min", d.port_min);
			json_u64(&j, "port_max", d.port_max);
			json_u64(&j, "subscribers", s.subscribers);
			json_u64(&j, "subscribers_per_address", s.per_addr);
			json_u64(&j, "ports_per_subscriber", s.per_sub);
		}
		json_end(&j);
		return 0;
	}
	if (!on) {
		printf("(off)\n");
		return 0;
	}
	format(vals, buf, sizeof(buf));
	printf("%s\n", buf);
	printf("  %" PRIu64 " subscribers, %" PRIu64 " per address, %" PRIu32
	       " ports each\n", s.subscribers, s.per_addr, s.per_sub);
	return 0;
}

/* Why the mapping @d is refused, with its numbers. */
static int refuse(const struct det_input *d, const struct det_numbers *s,
		  int why)
{
	switch (why) {
	case JOOL_CFG_DET_ADDRS:
		return usage_err("deterministic add: %" PRIu64 " subscribers (/%u prefixes of a /%u) cannot share %" PRIu64 " IPv4 addresses (a /%u): each address needs one at least",
				 s->subscribers, d->sub_len, d->len6,
				 s->addrs, d->len4);
	case JOOL_CFG_DET_SHARE:
		return usage_err("deterministic add: %" PRIu32 " ports (%" PRIu32 "-%" PRIu32 ") do not divide among %" PRIu64 " subscribers per address (%" PRIu64 " subscribers on %" PRIu64 " addresses)",
				 s->ports, d->port_min, d->port_max,
				 s->per_addr, s->subscribers, s->addrs);
	case JOOL_CFG_DET_SUBLEN:
		return usage_err("deterministic add: subscriber length /%u must be from /%u to /%u (at most 2^32 subscribers)",
				 d->sub_len, d->len6,
				 d->len6 + DET_MAX_BITS > 128 ? 128 :
				 d->len6 + DET_MAX_BITS);
	default:
		return usage_err("deterministic add: %s", jool_cfg_err_msg(why));
	}
}

/* "/56" or "56". */
static int parse_len(const char *str, uint8_t *len)
{
	char *end;
	unsigned long n;

	if (*str == '/')
		str++;
	n = strtoul(str, &end, 10);
	if (!*str || *end || n > 128)
		return -1;
	*len = n;
	return 0;
}

/* "1024-65535" */
static int parse_ports(const char *str, uint32_t *lo, uint32_t *hi)
{
	char *end;
	unsigned long a, b;

	a = strtoul(str, &end, 10);
	if (end == str || *end != '-')
		return -1;
	str = end + 1;
	b = strtoul(str, &end, 10);
	if (end == str || *end || a > 65535 || b > 65535)
		return -1;
	*lo = a;
	*hi = b;
	return 0;
}

/* The globals of a request: all five, or the two prefixes "none". */
struct det_req {
	struct gvalue vals[GK_COUNT];
	bool off;
};

static int build(struct nl_msg *msg, const void *arg)
{
	const struct det_req *r = arg;
	struct nlattr *nest = nla_nest_start(msg, JOOL_A_GLOBALS);
	unsigned int k;

	if (!nest)
		return -1;
	for (k = GK_DET_PREFIX6; k <= GK_DET_PORT_MAX; k++) {
		if (r->off && k != GK_DET_PREFIX6 && k != GK_DET_PREFIX4)
			continue;
		if (global_keys[k].type->put(msg, global_keys[k].attr,
					     &r->vals[k]))
			return -1;
	}
	return nla_nest_end(msg, nest) < 0 ? -1 : 0;
}

static int det_add(const struct call *c, int argc, char **argv)
{
	char err[PREFIX_ERRLEN], buf[160];
	struct det_req r = { .off = false };
	struct gvalue cur[GK_COUNT];
	struct det_numbers s;
	struct det_input d;
	int why;
	bool on;
	int ret;

	if (argc != 4)
		return usage_err("deterministic add: expected PREFIX6 /LENGTH PREFIX4 MIN-MAX, e.g. 2001:db8::/40 /56 192.0.2.0/24 1024-65535");
	if (prefix_parse(argv[0], AF_INET6, PREFIX_NEED_LEN,
			 &r.vals[GK_DET_PREFIX6].pfx, err, sizeof(err)))
		return usage_err("deterministic add: invalid IPv6 prefix %s: %s",
				 quote(argv[0]), err);
	if (parse_len(argv[1], &r.vals[GK_DET_SUB_LEN].u8))
		return usage_err("deterministic add: invalid subscriber length %s (expected /0 to /128)",
				 quote(argv[1]));
	if (prefix_parse(argv[2], AF_INET, 0, &r.vals[GK_DET_PREFIX4].pfx,
			 err, sizeof(err)))
		return usage_err("deterministic add: invalid IPv4 prefix %s: %s",
				 quote(argv[2]), err);
	if (parse_ports(argv[3], &r.vals[GK_DET_PORT_MIN].u32,
			&r.vals[GK_DET_PORT_MAX].u32))
		return usage_err("deterministic add: invalid port range %s (expected MIN-MAX, 0-65535)",
				 quote(argv[3]));
	r.vals[GK_DET_PREFIX6].set = true;
	r.vals[GK_DET_PREFIX4].set = true;
	to_input(r.vals, &d);
	why = det_check(&d, &s);
	if (why)
		return refuse(&d, &s, why);

	ret = fetch(c->dev, cur, &on);
	if (ret)
		return ret;
	if (on) {
		format(cur, buf, sizeof(buf));
		return runtime_err("deterministic add: %s has a mapping already (%s); one per device: delete it first",
				   c->dev, buf);
	}
	return jnl_do(c->dev, JOOL_CMD_SET_GLOBALS, build, &r, NULL, NULL);
}

static int det_off(const struct call *c, const struct prefix *want)
{
	struct det_req r = { .off = true };
	struct gvalue cur[GK_COUNT];
	char buf[PREFIX_STRLEN];
	bool on;
	int ret;

	ret = fetch(c->dev, cur, &on);
	if (ret)
		return ret;
	if (want && (!on || want->len != cur[GK_DET_PREFIX6].pfx.len ||
		     memcmp(&want->addr, &cur[GK_DET_PREFIX6].pfx.addr, 16))) {
		prefix_format(want, buf, sizeof(buf));
		return runtime_err("deterministic del: %s is not the deterministic prefix of %s",
				   buf, c->dev);
	}
	return jnl_do(c->dev, JOOL_CMD_SET_GLOBALS, build, &r, NULL, NULL);
}

static int det_del(const struct call *c, int argc, char **argv)
{
	char err[PREFIX_ERRLEN];
	struct prefix p;

	if (argc != 1)
		return usage_err("deterministic del: expected PREFIX6");
	if (prefix_parse(argv[0], AF_INET6, PREFIX_NEED_LEN, &p, err,
			 sizeof(err)))
		return usage_err("deterministic del: invalid IPv6 prefix %s: %s",
				 quote(argv[0]), err);
	return det_off(c, &p);
}

static int det_flush(const struct call *c, int argc, char **argv)
{
	if (argc > 0)
		return usage_err("unexpected argument %s", quote(argv[0]));
	return det_off(c, NULL);
}

static const struct cmd det_cmds[] = {
	CMD("show", "display", NULL, "the mapping and its numbers", det_show,
	  .json = true, .dflt = true),
	CMD("add", NULL, "PREFIX6 /LENGTH PREFIX4 MIN-MAX",
	  "subscribers: the /LENGTHs of PREFIX6; each gets one address\n"
	  "of PREFIX4 and an equal share of its ports MIN-MAX", det_add),
	CMD("del", "remove", "PREFIX6", "turn deterministic mode off", det_del),
	CMD("flush", NULL, NULL, "turn deterministic mode off", det_flush),
};

CMD_GROUP(deterministic_group, "deterministic", det_cmds,
	.about = "RFC 7422 deterministic mode of the NAT64 device DEV: each IPv6\n"
		 "subscriber prefix gets an IPv4 address and a port range computed\n"
		 "from the configuration, so \"address query\" answers who had a port\n"
		 "without any log. One mapping per device, kept in the globals\n"
		 "deterministic-prefix6, -subscriber-length, -prefix4, -port-min and\n"
		 "-port-max. The numbers must divide: 2^(LENGTH - PREFIX6 length)\n"
		 "subscribers, at least one per address of PREFIX4, and MIN-MAX\n"
		 "shared equally by the subscribers of one address.\n");
