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

/*
 * Indexed by enum jool_stat; the texts follow the uapi header. Every
 * counter needs an entry here and a name in include/stat_names.h (the
 * build checks both).
 */
static const char *const stat_explanations[] = {
	[JOOL_STAT_XLAT64] =
		"IPv6 packets translated to IPv4.",
	[JOOL_STAT_XLAT46] =
		"IPv4 packets translated to IPv6.",
	[JOOL_STAT_DISABLED] =
		"Dropped: the device is disabled (manually-enabled is false).",
	[JOOL_STAT_NO_POOL6] =
		"Dropped: pool6 is not set and the EAMT is empty.",
	[JOOL_STAT_SRC6_UNTRANSLATABLE] =
		"Dropped: the IPv6 source address matches no EAM and is not"
		" inside pool6.",
	[JOOL_STAT_DST6_UNTRANSLATABLE] =
		"Dropped: the IPv6 destination address matches no EAM and is"
		" not inside pool6.",
	[JOOL_STAT_HDR6_TRUNCATED] =
		"Dropped: the IPv6 header chain was truncated.",
	[JOOL_STAT_HDR4_INVALID] =
		"Dropped: bad IPv4 header (version, IHL, total length or checksum).",
	[JOOL_STAT_L4_TRUNCATED] =
		"Dropped: the layer-4 header (TCP, UDP, ICMP) was missing.",
	[JOOL_STAT_EXT6_UNSUPPORTED] =
		"Dropped: an IPv6 extension header that cannot be translated"
		" (routing header with segments left, unknown header).",
	[JOOL_STAT_FRAGMENT] =
		"Dropped: a fragmented ICMP or ICMPv6 message (RFC 7915 1.2:"
		" its checksum cannot be translated).",
	[JOOL_STAT_ICMP_UNSUPPORTED] =
		"Dropped: an ICMP or ICMPv6 type that has no translation, or IGMP"
		" (RFC 7915 4.2).",
	[JOOL_STAT_PROTO_MISMATCH] =
		"Dropped: the packet's protocol (skb->protocol) disagreed with its IP version.",
	[JOOL_STAT_TTL_EXPIRED] =
		"Dropped: the TTL or hop limit would have reached zero.",
	[JOOL_STAT_ENOMEM] =
		"Dropped: out of memory.",
	[JOOL_STAT_GSO_UNSUPPORTED] =
		"Dropped: a segmentation offload (GSO) type that cannot be translated.",
	[JOOL_STAT_CSUM_FAILED] =
		"Dropped: the checksum offload fixup failed.",
	[JOOL_STAT_UDP_ZERO_CSUM] =
		"Dropped: IPv4 UDP packet with a zero checksum"
		" (see the global amend-udp-checksum-zero).",
	[JOOL_STAT_MODE_UNSUPPORTED] =
		"Dropped: this build of the module cannot translate in the device's mode.",
	[JOOL_STAT_SRC4_UNTRANSLATABLE] =
		"Dropped: the IPv4 source address matches no EAM and pool6 is"
		" not set.",
	[JOOL_STAT_DST4_UNTRANSLATABLE] =
		"Dropped: the IPv4 destination address matches no EAM and pool6"
		" is not set.",
	[JOOL_STAT_ICMP_CSUM] =
		"Dropped: an ICMP error with a wrong checksum (it is verified"
		" before translating, so corruption is never laundered).",
	[JOOL_STAT_ICMP_INNER_INVALID] =
		"Dropped: the packet quoted inside an ICMP error is malformed.",
	[JOOL_STAT_ICMP_INNER_UNSUPPORTED] =
		"Dropped: the packet quoted inside an ICMP error cannot be"
		" translated (an ICMP error, non-echo or fragmented ICMP, a"
		" routing header with segments left).",
	[JOOL_STAT_ICMP_INNER_UNTRANSLATABLE] =
		"Dropped: an address of the packet quoted inside an ICMP error"
		" has no translation.",
	[JOOL_STAT_ICMP_NO_SOURCE] =
		"Dropped: an ICMP error whose source has no translation, with"
		" no RFC 6791 pool and no address of the translator to use.",
	[JOOL_STAT_DENYLISTED] =
		"Dropped: an IPv4 address that pool6 would translate is in"
		" denylist4 or in a range that is never translated (0/8, 127/8,"
		" 169.254/16, 224/4, 255.255.255.255).",
	[JOOL_STAT_FRAG_UDP_CSUM0] =
		"Dropped: a fragmented IPv4 UDP packet with a zero checksum"
		" (RFC 7915 4.5: it cannot be computed).",
	[JOOL_STAT_FRAG_FAILED] =
		"Dropped: fragmenting an IPv4 packet to fit lowest-ipv6-mtu"
		" failed.",
	[JOOL_STAT_ICMP_SENT] =
		"Not a drop: ICMP errors the translator handed to the kernel"
		" for packets it dropped (RFC 7915 4.4, 5.4); the kernel's ICMP"
		" rate limits apply.",
	[JOOL_STAT_SRC_ROUTE] =
		"Dropped: an IPv4 loose or strict source route option with hops"
		" still to visit (RFC 7915 4.1).",
	[JOOL_STAT_HAIRPIN] =
		"Not a drop: hairpinned packets (IPv6 to IPv6 through the"
		" translator, RFC 7757 4) with an EAM'd IPv4 address (the"
		" source, or an ICMP error's quoted destination) translated"
		" with pool6 instead (eam-hairpin-mode).",
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

/* joolctl DEV stats [show] [--all] [--explain] */
static int stats_show(const struct call *c, int argc, char **argv)
{
	struct opts o = *c->o;
	struct stats st;
	struct json j;
	int i, ret;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--all"))
			o.all = true;
		else if (!strcmp(argv[i], "--explain"))
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
	} else if (!o.all && !stats_any_nonzero(&st)) {
		printf("All counters are zero (--all prints them).\n");
	} else {
		stats_print_text(&st, o.all, o.explain, "");
	}
	return 0;
}

static const struct cmd stats_cmds[] = {
	CMD("show", "display", "[--all] [--explain]", NULL, stats_show,
	  .json = true, .dflt = true),
};

CMD_GROUP(stats_group, "stats", stats_cmds,
	.help_anywhere = true,
	.about = "Print the per-reason counters of the jool device DEV: packets\n"
		 "translated, and packets dropped by reason. Packet and byte totals\n"
		 "are in \"ip -s link show DEV\".\n",
	.notes = "  --all      print every counter, not only the nonzero ones\n"
		 "  --explain  add a one-line explanation to every counter\n");
