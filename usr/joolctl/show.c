// SPDX-License-Identifier: GPL-2.0
/*
 * Device summary and globals, in text and JSON.
 */
#include <inttypes.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include <uapi/jool_netdev.h>

#include "eamt.h"
#include "globals.h"
#include "json.h"
#include "nl.h"
#include "show.h"
#include "stats.h"
#include "table.h"

/* What JOOL_CMD_GET_DEVICE says about a device. */
struct device {
	char ifname[IFNAMSIZ];
	uint32_t ifindex;
	int mode;
	struct gvalue globals[GK_COUNT];
	bool has_state;		/* NAT64: the two below */
	uint32_t max_sessions;
	uint32_t sessions;
};

/**
 * mode_name() - the name of an &enum jool_mode, as "ip link" spells it
 * @mode: the mode
 * @buf: where to write the name of a mode this joolctl does not know
 * @size: its size
 *
 * Return: the name.
 */
const char *mode_name(int mode, char *buf, size_t size)
{
	switch (mode) {
	case JOOL_MODE_SIIT:
		return "siit";
	case JOOL_MODE_NAT64:
		return "nat64";
	}
	snprintf(buf, size, "unknown (%d)", mode);
	return buf;
}

static int read_device(struct nlattr **tb, void *arg)
{
	struct device *d = arg;

	if (!tb[JOOL_A_IFINDEX] || !tb[JOOL_A_IFNAME] || !tb[JOOL_A_MODE] ||
	    !tb[JOOL_A_GLOBALS])
		return -1;
	d->ifindex = nla_get_u32(tb[JOOL_A_IFINDEX]);
	nla_strlcpy(d->ifname, tb[JOOL_A_IFNAME], sizeof(d->ifname));
	d->mode = nla_get_u8(tb[JOOL_A_MODE]);
	if (tb[JOOL_A_MAX_SESSIONS] && tb[JOOL_A_SESSION_COUNT]) {
		d->has_state = true;
		d->max_sessions = nla_get_u32(tb[JOOL_A_MAX_SESSIONS]);
		d->sessions = nla_get_u32(tb[JOOL_A_SESSION_COUNT]);
	}
	return globals_decode(tb[JOOL_A_GLOBALS], d->globals);
}

static int device_fetch(const char *dev, struct device *d)
{
	memset(d, 0, sizeof(*d));
	return jnl_do(dev, JOOL_CMD_GET_DEVICE, NULL, NULL, read_device, d);
}

/**
 * device_config() - a device's mode and every global of its mode
 * @dev: the device
 * @mode: out: its &enum jool_mode
 * @vals: out: GK_COUNT globals (those of the other mode not present)
 *
 * Return: the exit status (an error already printed).
 */
int device_config(const char *dev, int *mode, struct gvalue *vals)
{
	struct device d;
	int ret = device_fetch(dev, &d);

	if (ret)
		return ret;
	*mode = d.mode;
	memcpy(vals, d.globals, sizeof(d.globals));
	return 0;
}

/**
 * device_basics() - a device's mode and pool6
 * @dev: the device
 * @mode: out: its &enum jool_mode
 * @pool6: out: pool6, if set
 * @has_pool6: out: whether pool6 is set
 *
 * Return: the exit status (an error already printed).
 */
int device_basics(const char *dev, int *mode, struct prefix *pool6,
		  bool *has_pool6)
{
	struct device d;
	int ret = device_fetch(dev, &d);

	if (ret)
		return ret;
	*mode = d.mode;
	*has_pool6 = d.globals[GK_POOL6].present && d.globals[GK_POOL6].set;
	if (*has_pool6)
		*pool6 = d.globals[GK_POOL6].pfx;
	return 0;
}

/* One "key: value" line, values aligned at @width + 2. */
static void print_kv(int width, const char *key, const char *value)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%s:", key);
	printf("%-*s %s\n", width + 1, buf, value);
}

/*
 * After the globals, a NAT64 device's max-sessions: not a global (it sizes
 * the tables; "ip link set DEV type jool max-sessions N"), but where Jool's
 * users look for the limits.
 */
#define MAX_SESSIONS_KEY "max-sessions"

static void globals_text(const struct device *d, int width)
{
	const struct gvalue *vals = d->globals;
	char buf[GLOBAL_TEXT_MAX];
	unsigned int i;

	for (i = 0; i < GK_COUNT; i++) {
		if (!vals[i].present)
			continue;
		global_keys[i].type->format(&vals[i], buf, sizeof(buf));
		print_kv(width, global_keys[i].name, buf);
	}
	if (d->has_state) {
		snprintf(buf, sizeof(buf), "%" PRIu32, d->max_sessions);
		print_kv(width, MAX_SESSIONS_KEY, buf);
	}
}

static void globals_json(struct json *j, const char *key,
			 const struct device *d)
{
	const struct gvalue *vals = d->globals;
	unsigned int i;

	json_begin(j, key);
	for (i = 0; i < GK_COUNT; i++) {
		if (vals[i].present)
			global_keys[i].type->json(j, global_keys[i].name, &vals[i]);
	}
	if (d->has_state)
		json_u64(j, MAX_SESSIONS_KEY, d->max_sessions);
	json_end(j);
}

/* --csv: a Key,Value table; text stays "key: value" lines. */
static int globals_table(const struct device *d, const struct opts *o)
{
	static const char *const heads[] = { "Key", "Value" };
	const struct gvalue *vals = d->globals;
	char buf[GLOBAL_TEXT_MAX];
	struct table t;
	unsigned int i;

	table_init(&t, o, heads, ARRAY_SIZE(heads));
	for (i = 0; i < GK_COUNT; i++) {
		if (!vals[i].present)
			continue;
		global_keys[i].type->format(&vals[i], buf, sizeof(buf));
		table_row(&t, global_keys[i].name, buf);
	}
	if (d->has_state) {
		snprintf(buf, sizeof(buf), "%" PRIu32, d->max_sessions);
		table_row(&t, MAX_SESSIONS_KEY, buf);
	}
	return table_print(&t, NULL);
}

/* joolctl DEV global show */
int show_globals(const char *dev, const struct opts *o)
{
	struct device d;
	struct json j;
	int ret;

	ret = device_fetch(dev, &d);
	if (ret)
		return ret;
	if (o->json) {
		json_init(&j, stdout);
		globals_json(&j, NULL, &d);
	} else if (o->csv) {
		return globals_table(&d, o);
	} else {
		globals_text(&d, globals_name_width(d.globals));
	}
	return 0;
}

static void summary_text(const struct device *d, const struct stats *st,
			 size_t eams)
{
	int width = globals_name_width(d->globals);
	char buf[32];

	if (width < (int)strlen("ifindex"))
		width = strlen("ifindex");
	print_kv(width, "ifname", d->ifname);
	snprintf(buf, sizeof(buf), "%" PRIu32, d->ifindex);
	print_kv(width, "ifindex", buf);
	print_kv(width, "mode", mode_name(d->mode, buf, sizeof(buf)));
	globals_text(d, width);
	if (d->has_state) {
		snprintf(buf, sizeof(buf), "%" PRIu32, d->sessions);
		print_kv(width, "sessions", buf);
	}
	if (d->mode == JOOL_MODE_SIIT) {
		snprintf(buf, sizeof(buf), "%zu %s", eams,
			 eams == 1 ? "entry" : "entries");
		print_kv(width, "eamt", buf);
	}
	if (!stats_any_nonzero(st)) {
		print_kv(width, "stats", "(all zero)");
		return;
	}
	printf("stats:\n");
	stats_print_text(st, false, false, "  ");
}

static void summary_json(const struct device *d, const struct stats *st,
			 size_t eams)
{
	struct json j;
	char buf[32];

	json_init(&j, stdout);
	json_begin(&j, NULL);
	json_string(&j, "ifname", d->ifname);
	json_u64(&j, "ifindex", d->ifindex);
	json_string(&j, "mode", mode_name(d->mode, buf, sizeof(buf)));
	globals_json(&j, "globals", d);
	if (d->has_state)
		json_u64(&j, "sessions", d->sessions);
	if (d->mode == JOOL_MODE_SIIT)
		json_u64(&j, "eamt-entries", eams);
	stats_print_json(&j, "stats", st, false, false);
	json_end(&j);
}

/* joolctl DEV [show] */
int cmd_show(const struct call *c, int argc, char **argv)
{
	struct device d;
	struct stats st;
	size_t eams = 0;
	int ret;

	if (argc > 0)
		return usage_err("unexpected argument %s", quote(argv[0]));
	ret = device_fetch(c->dev, &d);
	/* Only SIIT has an EAMT. */
	if (!ret && d.mode == JOOL_MODE_SIIT)
		ret = eamt_count(c->dev, &eams);
	if (!ret)
		ret = stats_fetch(c->dev, &st);
	if (ret)
		return ret;

	if (c->o->json)
		summary_json(&d, &st, eams);
	else
		summary_text(&d, &st, eams);
	return 0;
}
