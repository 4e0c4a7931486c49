// SPDX-License-Identifier: GPL-2.0
/*
 * "joolctl DEV stats": names, explanations and printing of the counters.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <uapi/jool_netdev.h>
#include <stat_names.h>

#include "stats.h"
#include "table.h"

/* Indexed by enum jool_stat; made from the list in uapi/jool_stats.h. */
static const char *const stat_explanations[] = {
#define JOOL_STAT(name, text) [JOOL_STAT_##name] = text,
#include <uapi/jool_stats.h>
#undef JOOL_STAT
};

_Static_assert(ARRAY_SIZE(stat_explanations) == __JOOL_STAT_MAX,
	       "every counter needs an explanation");
_Static_assert(ARRAY_SIZE(jool_stat_names) == __JOOL_STAT_MAX,
	       "every counter needs a name");

/* The text name: "XLAT64", or "STAT_<n>" for a counter this joolctl lacks. */
static const char *stat_name(unsigned int id, char *buf, size_t size)
{
	if (id < ARRAY_SIZE(jool_stat_names) && jool_stat_names[id])
		return jool_stat_names[id];
	snprintf(buf, size, "STAT_%u", id);
	return buf;
}

/* The JSON name: the text name in lowercase, '_' written '-'. */
static const char *stat_json_name(unsigned int id, char *buf, size_t size)
{
	char tmp[32];
	const char *name = stat_name(id, tmp, sizeof(tmp));
	size_t i;

	for (i = 0; name[i] && i + 1 < size; i++)
		buf[i] = name[i] == '_' ? '-' : tolower((unsigned char)name[i]);
	buf[i] = '\0';
	return buf;
}

static const char *stat_explain(unsigned int id)
{
	if (id < ARRAY_SIZE(stat_explanations) && stat_explanations[id])
		return stat_explanations[id];
	return "(unknown to this version of joolctl)";
}

static bool shown(const struct stats *st, unsigned int id, bool all)
{
	return st->present[id] && (all || st->val[id]);
}

bool stats_any_nonzero(const struct stats *st)
{
	unsigned int id;

	for (id = 0; id < STATS_CAP; id++) {
		if (shown(st, id, false))
			return true;
	}
	return false;
}

static int read_stats(struct nlattr **tb, void *arg)
{
	struct stats *st = arg;
	struct nlattr *attr;
	int rem;

	if (!tb[JOOL_A_STATS])
		return -1;
	nla_for_each_nested(attr, tb[JOOL_A_STATS], rem) {
		unsigned int id = nla_type(attr);

		/* JOOL_STAT_UNSPEC pads the u64s on some architectures. */
		if (id == JOOL_STAT_UNSPEC || id >= STATS_CAP)
			continue;
		if (nla_len(attr) != sizeof(uint64_t))
			return -1;
		st->val[id] = nla_get_u64(attr);
		st->present[id] = true;
	}
	return 0;
}

int stats_fetch(const char *dev, struct stats *st)
{
	memset(st, 0, sizeof(*st));
	return jnl_do(dev, JOOL_CMD_GET_STATS, NULL, NULL, read_stats, st);
}

void stats_print_text(const struct stats *st, bool all, bool explain,
		      const char *indent)
{
	char buf[32], key[40];
	unsigned int id;
	int width = 0;

	for (id = 0; id < STATS_CAP; id++) {
		int len = strlen(stat_name(id, buf, sizeof(buf))) + 1;

		if (shown(st, id, all) && len > width)
			width = len;
	}
	for (id = 0; id < STATS_CAP; id++) {
		if (!shown(st, id, all))
			continue;
		snprintf(key, sizeof(key), "%s:", stat_name(id, buf, sizeof(buf)));
		printf("%s%-*s %" PRIu64 "\n", indent, width, key, st->val[id]);
		if (explain)
			printf("%s    %s\n", indent, stat_explain(id));
	}
}

/*
 * Writes the counters as an object: "name": value, or with @explain
 * "name": {"value": value, "explanation": "..."}.
 */
void stats_print_json(struct json *j, const char *key, const struct stats *st,
		      bool all, bool explain)
{
	unsigned int id;
	char name[32];

	json_begin(j, key);
	for (id = 0; id < STATS_CAP; id++) {
		if (!shown(st, id, all))
			continue;
		stat_json_name(id, name, sizeof(name));
		if (!explain) {
			json_u64(j, name, st->val[id]);
			continue;
		}
		json_begin(j, name);
		json_u64(j, "value", st->val[id]);
		json_string(j, "explanation", stat_explain(id));
		json_end(j);
	}
	json_end(j);
}

/* --csv: a Counter,Value[,Explanation] table. */
static int stats_table(const struct stats *st, const struct opts *o)
{
	static const char *const heads[] = { "Counter", "Value", "Explanation" };
	char name[32], val[24];
	struct table t;
	unsigned int id;

	table_init(&t, o, heads, o->explain ? 3 : 2);
	for (id = 0; id < STATS_CAP; id++) {
		if (!shown(st, id, o->all))
			continue;
		snprintf(val, sizeof(val), "%" PRIu64, st->val[id]);
		/* The third cell is read only with --explain. */
		table_row(&t, stat_name(id, name, sizeof(name)), val,
			  stat_explain(id));
	}
	return table_print(&t, NULL);
}

/* joolctl DEV stats [show] [--all] [--explain] */
static int stats_show(const struct call *c, int argc, char **argv)
{
	struct opts o = *c->o;
	struct stats st;
	struct json j;
	int i, ret;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--all") || !strcmp(argv[i], "-a"))
			o.all = true;
		else if (!strcmp(argv[i], "--explain") ||
			 !strcmp(argv[i], "-e"))
			o.explain = true;
		else if (argv[i][0] == '-')
			return usage_err("stats: unknown option %s", quote(argv[i]));
		else
			return usage_err("stats: unexpected argument %s", quote(argv[i]));
	}
	ret = stats_fetch(c->dev, &st);
	if (ret)
		return ret;

	if (o.json) {
		json_init(&j, stdout);
		stats_print_json(&j, NULL, &st, o.all, o.explain);
	} else if (o.csv) {
		return stats_table(&st, &o);
	} else if (!o.all && !stats_any_nonzero(&st)) {
		printf("All counters are zero (--all prints them).\n");
	} else {
		stats_print_text(&st, o.all, o.explain, "");
	}
	return 0;
}

static const struct cmd stats_cmds[] = {
	CMD("show", "display", "[--all] [--explain]", NULL, stats_show,
	  .json = true, .table = true, .dflt = true),
};

CMD_GROUP(stats_group, "stats", stats_cmds,
	.help_anywhere = true,
	.about = "Print the per-reason counters of the jool device DEV: packets\n"
		 "translated, and packets dropped by reason. Packet and byte totals\n"
		 "are in \"ip -s link show DEV\".\n",
	.notes = "  -a, --all      print every counter, not only the nonzero ones\n"
		 "  -e, --explain  add a one-line explanation to every counter\n");
