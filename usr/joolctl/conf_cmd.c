// SPDX-License-Identifier: GPL-2.0
/*
 * "joolctl DEV showconf", "setconf FILE", "syncconf FILE", "addconf FILE":
 * a device's whole configuration as a file, and a file applied in one
 * JOOL_CMD_SET_CONFIG request (one snapshot: no packet sees half of it).
 *
 * setconf and syncconf are the same request (JOOL_A_REPLACE): the kernel
 * only drops the BIB entries (and sessions) whose IPv4 transport address
 * left pool4, so what did not change keeps its state. addconf adds.
 */
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uapi/jool_netdev.h>

#include <netlink/genl/genl.h>

#include "conf.h"
#include "denylist.h"
#include "eamt.h"
#include "lines.h"
#include "nl.h"
#include "show.h"
#include "util.h"

/* ---- showconf ---- */

static int cmp_prefix(const void *a, const void *b)
{
	const struct prefix *x = a, *y = b;
	int d = memcmp(x->addr.bytes, y->addr.bytes, sizeof(x->addr.bytes));

	return d ? d : (int)x->len - (int)y->len;
}

/*
 * Whether a prefix of @v contains another (sorts @v): prefixes are nested
 * or apart, so in address order one starts inside an earlier one or after
 * every earlier one's end.
 */
static bool any_nested(struct prefix *v, size_t n)
{
	uint8_t end[16] = { 0 }, e[16];
	size_t i, size, b;

	qsort(v, n, sizeof(*v), cmp_prefix);
	for (i = 0; i < n; i++) {
		size = prefix_addr_size(&v[i]);
		if (i && memcmp(v[i].addr.bytes, end, size) <= 0)
			return true;
		memcpy(e, v[i].addr.bytes, size);
		for (b = v[i].len; b < size * 8; b++)
			e[b / 8] |= 0x80 >> (b % 8);
		if (!i || memcmp(e, end, size) > 0)
			memcpy(end, e, size);
	}
	return false;
}

/* The EAMT, every entry with "force" if any entry needs it. */
static int fetch_eamt(const char *dev, struct conf *c)
{
	struct prefix *p6, *p4;
	struct conf_stmt *s;
	size_t n, i;
	bool force;
	int ret;

	ret = eamt_pairs(dev, &p6, &p4, &n);
	if (ret)
		return ret;
	for (i = 0; i < n; i++) {
		s = conf_push(c, CONF_EAM, 0);
		if (!s) {
			ret = EXIT_RUNTIME;
			break;
		}
		s->eam.p6 = p6[i];
		s->eam.p4 = p4[i];
	}
	force = !ret && (any_nested(p6, n) || any_nested(p4, n));
	for (i = 0; force && i < c->n; i++)
		c->v[i].force |= c->v[i].kind == CONF_EAM;
	free(p6);
	free(p4);
	return ret;
}

static int fetch_denylist(const char *dev, struct conf *c)
{
	struct conf_stmt *s;
	struct prefix *v;
	size_t n, i;
	int ret;

	ret = denylist_fetch(dev, &v, &n);
	for (i = 0; !ret && i < n; i++) {
		s = conf_push(c, CONF_DENYLIST4, 0);
		if (!s)
			ret = EXIT_RUNTIME;
		else
			s->deny = v[i];
	}
	free(v);
	return ret;
}

/* The namespace's ephemeral ports, which pool4 avoids unless "force". */
static void ephemeral_range(unsigned int *lo, unsigned int *hi)
{
	FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r");

	*lo = 1;
	*hi = 0;
	if (!f)
		return;
	if (fscanf(f, "%u %u", lo, hi) != 2) {
		*lo = 1;
		*hi = 0;
	}
	fclose(f);
}

static int fetch_pool4(const char *dev, struct conf *c)
{
	struct pool4_list l = { 0 };
	const struct pool4_entry *e;
	struct conf_stmt *s;
	unsigned int lo, hi;
	size_t i;
	int ret;

	ephemeral_range(&lo, &hi);
	ret = pool4_fetch(dev, &l);
	for (i = 0; !ret && i < l.n; i++) {
		e = &l.v[i];
		s = conf_push(c, CONF_POOL4, 0);
		if (!s) {
			ret = EXIT_RUNTIME;
			break;
		}
		s->pool4 = (struct pool4_req){
			.proto = e->proto, .has_prefix = true,
			.prefix = { .family = AF_INET, .addr.v4 = e->addr,
				    .len = 32 },
			.has_ports = true, .min = e->min, .max = e->max,
			.has_mark = true, .mark = e->mark, .has_iter = true,
			.iter_mode = e->iter_mode, .iterations = e->iterations,
		};
		s->force = e->proto != IPPROTO_ICMP && e->min <= hi &&
			   e->max >= lo;
		s->pool4.force = s->force;
	}
	free(l.v);
	return ret;
}

static int fetch_bib(const char *dev, struct conf *c)
{
	struct conf_stmt *s;
	struct bib_req *v;
	size_t n, i;
	int ret;

	ret = bib_static_fetch(dev, &v, &n);
	for (i = 0; !ret && i < n; i++) {
		s = conf_push(c, CONF_BIB, 0);
		if (!s)
			ret = EXIT_RUNTIME;
		else
			s->bib = v[i];
	}
	free(v);
	return ret;
}

/* The whole configuration of @dev into @c. */
static int fetch_conf(const char *dev, struct conf *c)
{
	struct gvalue vals[GK_COUNT];
	struct conf_stmt *s;
	int mode, ret, i;

	ret = device_config(dev, &mode, vals);
	if (ret)
		return ret;
	s = conf_push(c, CONF_MODE, 0);
	if (!s)
		return EXIT_RUNTIME;
	s->mode = c->mode = mode;
	for (i = 0; i < GK_COUNT; i++) {
		if (!vals[i].present)
			continue;
		s = conf_push(c, CONF_GLOBAL, 0);
		if (!s)
			return EXIT_RUNTIME;
		s->global.key = &global_keys[i];
		s->global.val = vals[i];
	}
	if (mode == JOOL_MODE_SIIT)
		return fetch_eamt(dev, c) ?: fetch_denylist(dev, c);
	return fetch_pool4(dev, c) ?: fetch_bib(dev, c);
}

int conf_show(const struct call *c, int argc, char **argv)
{
	struct conf cf;
	int ret;

	ret = cmd_no_args(c, argc, argv);
	if (ret)
		return ret;
	conf_init(&cf, c->dev);
	ret = fetch_conf(c->dev, &cf);
	if (!ret) {
		printf("# jool-netdev configuration of %s (joolctl %s showconf)\n",
		       c->dev, c->dev);
		conf_print(&cf, stdout);
	}
	conf_free(&cf);
	return ret;
}

/* ---- setconf, syncconf, addconf ---- */

/* The request's refusal, at the line of the statement it names. */
static int report(const char *dev, const struct conf *cf,
		  const struct jnl_status *st)
{
	char text[sizeof(st->extack) + 64];
	const struct conf_stmt *bad = NULL;

	jnl_status_text(st, text, sizeof(text));
	if (st->has_offset)
		bad = conf_culprit(cf, st->offset);
	if (bad && bad->line)
		return runtime_err("%s:%lu: %s", cf->file, bad->line, text);
	return runtime_err("%s: %s: %s", dev, cf->file, text);
}

static int send_conf(const char *dev, struct conf *cf, bool replace)
{
	size_t size = conf_request_size(cf);
	struct jnl_status st;
	struct nl_msg *msg;
	struct jnl nl;
	int ret;

	ret = jnl_open(&nl);
	if (ret)
		return ret;
	if (jnl_reserve(&nl, NLMSG_HDRLEN + GENL_HDRLEN +
			nla_total_size(IFNAMSIZ) + size)) {
		jnl_close(&nl);
		return runtime_err("%s: %s is too big for one request (the socket's send buffer)",
				   dev, cf->file);
	}
	msg = jnl_request_size(&nl, JOOL_CMD_SET_CONFIG, 0, dev, size);
	if (!msg || conf_put(cf, msg, replace)) {
		nlmsg_free(msg);
		jnl_close(&nl);
		return runtime_err("out of memory");
	}
	if (jnl_exchange(&nl, msg, NULL, NULL, &st))
		ret = report(dev, cf, &st);
	jnl_close(&nl);
	return ret;
}

int conf_set(const struct call *c, int argc, char **argv)
{
	const char *verb = c->cmd->name;
	struct conf cf;
	int ret;

	if (argc < 1)
		return usage_err("%s: missing FILE", verb);
	if (argc > 1)
		return usage_err("%s: unexpected argument %s", verb,
				 quote(argv[1]));
	if (argv[0][0] == '-' && argv[0][1])
		return usage_err("%s: unknown option %s", verb, quote(argv[0]));
	conf_init(&cf, lines_file_shown(argv[0]));
	ret = conf_read(&cf, argv[0]);
	if (!ret)
		ret = send_conf(c->dev, &cf, strcmp(verb, "addconf"));
	conf_free(&cf);
	return ret;
}
