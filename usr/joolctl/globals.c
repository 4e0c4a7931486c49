// SPDX-License-Identifier: GPL-2.0
/*
 * The globals table and "joolctl DEV global ...".
 *
 * Keys and value syntax follow Jool's globals: "pool6 64:ff9b::/96",
 * "pool6 none" (Jool's "null" too), "manually-enabled false".
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include <uapi/jool_netdev.h>

#include "cmd.h"
#include "globals.h"
#include "nl.h"
#include "show.h"

/* ---- IPv6 or IPv4 prefix (key->family) that can be unset ("none") ---- */

static int prefix_opt_parse(const struct global_key *key, const char *str,
			 struct gvalue *val)
{
	char err[PREFIX_ERRLEN];

	val->present = true;
	if (!strcmp(str, "none") || !strcmp(str, "null")) {
		val->set = false;
		return 0;
	}
	if (prefix_parse(str, key->family, key->pfx_flags, &val->pfx, err,
			 sizeof(err)))
		return usage_err("%s: invalid prefix %s: %s", key->name,
				 quote(str), err);
	val->set = true;
	return 0;
}

static int prefix_opt_put(struct nl_msg *msg, int attr, const struct gvalue *val)
{
	struct nlattr *nest;

	if (val->set)
		return jnl_put_prefix(msg, attr, &val->pfx);
	/* An empty nest is how "none" is said, so it must survive. */
	nest = nla_nest_start(msg, attr);
	if (!nest)
		return -1;
	return nla_nest_end_keep_empty(msg, nest) < 0 ? -1 : 0;
}

static int prefix_opt_decode(struct nlattr *attr, struct gvalue *val)
{
	int ret = jnl_get_prefix(attr, &val->pfx);

	val->present = true;
	val->set = ret == 0;
	return ret < 0 ? -1 : 0;
}

static void prefix_opt_format(const struct gvalue *val, char *buf, size_t size)
{
	if (val->set)
		prefix_format(&val->pfx, buf, size);
	else
		snprintf(buf, size, "(none)");
}

static void prefix_opt_json(struct json *j, const char *name,
			 const struct gvalue *val)
{
	char buf[PREFIX_STRLEN];

	if (!val->set) {
		json_null(j, name);
		return;
	}
	prefix_format(&val->pfx, buf, sizeof(buf));
	json_string(j, name, buf);
}

static const struct global_type type_prefix6 = {
	.syntax = "PREFIX | none",
	.parse = prefix_opt_parse,
	.put = prefix_opt_put,
	.decode = prefix_opt_decode,
	.format = prefix_opt_format,
	.json = prefix_opt_json,
};

static const struct global_type type_prefix4 = {
	.syntax = "PREFIX4 | none",
	.parse = prefix_opt_parse,
	.put = prefix_opt_put,
	.decode = prefix_opt_decode,
	.format = prefix_opt_format,
	.json = prefix_opt_json,
};

/* ---- Boolean ---- */

static int bool_parse(const struct global_key *key, const char *str,
		      struct gvalue *val)
{
	static const char *const yes[] = { "true", "on", "1", "yes" };
	static const char *const no[] = { "false", "off", "0", "no" };
	unsigned int i;

	val->present = true;
	val->set = true;
	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (!strcasecmp(str, yes[i])) {
			val->b = true;
			return 0;
		}
		if (!strcasecmp(str, no[i])) {
			val->b = false;
			return 0;
		}
	}
	return usage_err("%s: invalid value %s (expected true or false)",
			 key->name, quote(str));
}

static int bool_put(struct nl_msg *msg, int attr, const struct gvalue *val)
{
	return nla_put_u8(msg, attr, val->b) < 0 ? -1 : 0;
}

static int bool_decode(struct nlattr *attr, struct gvalue *val)
{
	if (nla_len(attr) < 1)
		return -1;
	val->present = true;
	val->set = true;
	val->b = nla_get_u8(attr) != 0;
	return 0;
}

static void bool_format(const struct gvalue *val, char *buf, size_t size)
{
	snprintf(buf, size, "%s", val->b ? "true" : "false");
}

static void bool_json(struct json *j, const char *name, const struct gvalue *val)
{
	json_bool(j, name, val->b);
}

static const struct global_type type_bool = {
	.syntax = "true | false",
	.parse = bool_parse,
	.put = bool_put,
	.decode = bool_decode,
	.format = bool_format,
	.json = bool_json,
};

/* ---- Unsigned byte ---- */

static int u8_parse(const struct global_key *key, const char *str,
		    struct gvalue *val)
{
	unsigned int n = 0;
	const char *c;

	for (c = str; *c >= '0' && *c <= '9' && n <= 255; c++)
		n = n * 10 + (*c - '0');
	if (!*str || *c || n > 255)
		return usage_err("%s: invalid value %s (expected 0-255)",
				 key->name, quote(str));
	val->present = true;
	val->set = true;
	val->u8 = n;
	return 0;
}

static int u8_put(struct nl_msg *msg, int attr, const struct gvalue *val)
{
	return nla_put_u8(msg, attr, val->u8) < 0 ? -1 : 0;
}

static int u8_decode(struct nlattr *attr, struct gvalue *val)
{
	if (nla_len(attr) < 1)
		return -1;
	val->present = true;
	val->set = true;
	val->u8 = nla_get_u8(attr);
	return 0;
}

static void u8_format(const struct gvalue *val, char *buf, size_t size)
{
	snprintf(buf, size, "%u", val->u8);
}

static void u8_json(struct json *j, const char *name, const struct gvalue *val)
{
	json_u64(j, name, val->u8);
}

static const struct global_type type_u8 = {
	.syntax = "0-255",
	.parse = u8_parse,
	.put = u8_put,
	.decode = u8_decode,
	.format = u8_format,
	.json = u8_json,
};

/* ---- Unsigned 32-bit number within [key->min, key->max] ---- */

/*
 * Parses decimal digits only (no sign, no spaces, no hex) into @n; false if
 * @str is not such a number or is above @max.
 */
static bool parse_uint(const char *str, uint32_t max, uint32_t *n)
{
	uint64_t v = 0;
	const char *c;

	if (!*str)
		return false;
	for (c = str; *c; c++) {
		if (*c < '0' || *c > '9')
			return false;
		v = v * 10 + (*c - '0');
		if (v > max)
			return false;
	}
	*n = v;
	return true;
}

static int u32_parse(const struct global_key *key, const char *str,
		     struct gvalue *val)
{
	uint32_t n;

	if (!parse_uint(str, key->max, &n) || n < key->min)
		return usage_err("%s: invalid value %s (expected %" PRIu32
				 "-%" PRIu32 ")", key->name, quote(str),
				 key->min, key->max);
	val->present = true;
	val->set = true;
	val->u32 = n;
	return 0;
}

static int u32_put(struct nl_msg *msg, int attr, const struct gvalue *val)
{
	return nla_put_u32(msg, attr, val->u32) < 0 ? -1 : 0;
}

static int u32_decode(struct nlattr *attr, struct gvalue *val)
{
	if (nla_len(attr) < 4)
		return -1;
	val->present = true;
	val->set = true;
	val->u32 = nla_get_u32(attr);
	return 0;
}

static void u32_format(const struct gvalue *val, char *buf, size_t size)
{
	snprintf(buf, size, "%" PRIu32, val->u32);
}

static void u32_json(struct json *j, const char *name, const struct gvalue *val)
{
	json_u64(j, name, val->u32);
}

static const struct global_type type_u32 = {
	.syntax = "N",		/* the help prints the range */
	.parse = u32_parse,
	.put = u32_put,
	.decode = u32_decode,
	.format = u32_format,
	.json = u32_json,
};

/* ---- f-args: 4 bits, printed as Jool prints them ---- */

static int fargs_parse(const struct global_key *key, const char *str,
		       struct gvalue *val)
{
	uint32_t n;

	if (!parse_uint(str, JOOL_F_ARGS_MAX, &n))
		return usage_err("%s: invalid value %s (expected 0-%d)",
				 key->name, quote(str), JOOL_F_ARGS_MAX);
	val->present = true;
	val->set = true;
	val->u8 = n;
	return 0;
}

/* "11 (0b1011): SrcAddr:1 SrcPort:0 DstAddr:1 DstPort:1", as Jool does. */
static void fargs_format(const struct gvalue *val, char *buf, size_t size)
{
	unsigned int v = val->u8;

	snprintf(buf, size, "%u (0b%u%u%u%u): SrcAddr:%u SrcPort:%u DstAddr:%u"
		 " DstPort:%u", v, v >> 3 & 1, v >> 2 & 1, v >> 1 & 1, v & 1,
		 v >> 3 & 1, v >> 2 & 1, v >> 1 & 1, v & 1);
}

static const struct global_type type_fargs = {
	.syntax = "0-15",
	.parse = fargs_parse,
	.put = u8_put,
	.decode = u8_decode,
	.format = fargs_format,
	.json = u8_json,
};

/* ---- Timeouts: milliseconds, written as Jool writes them ---- */

#define MS_PER_S	1000u
#define TIMEOUT_SYNTAX	"[HH:[MM:]]SS[.mmm]"

/* "2:04:00", "0:00:01.500": Jool's H:MM:SS[.mmm]. */
static void timeout_str(uint32_t ms, char *buf, size_t size)
{
	uint32_t s = ms / MS_PER_S;
	int len;

	len = snprintf(buf, size, "%" PRIu32 ":%02" PRIu32 ":%02" PRIu32,
		       s / 3600, s / 60 % 60, s % 60);
	if (ms % MS_PER_S && len > 0 && (size_t)len < size)
		snprintf(buf + len, size - len, ".%03" PRIu32, ms % MS_PER_S);
}

/*
 * Jool's [HH:[MM:]]SS[.mmm]: seconds, or minutes:seconds, or
 * hours:minutes:seconds, each field any number of digits, and then
 * exactly three digits of milliseconds if there is a dot. Plain "300" is
 * 300 seconds. False if @str is none of those or above UINT32_MAX ms.
 */
static bool timeout_scan(const char *str, uint32_t *out)
{
	const char *c = str;
	uint64_t ms = 0;
	int fields, i;

	for (fields = 1; ; fields++) {
		uint64_t part = 0;

		if (*c < '0' || *c > '9')
			return false;
		for (; *c >= '0' && *c <= '9'; c++) {
			part = part * 10 + (*c - '0');
			if (part > UINT32_MAX)
				return false;
		}
		ms = ms * 60 + part;
		if (ms > UINT32_MAX / MS_PER_S + 1)
			return false;
		if (*c != ':' || fields == 3)
			break;
		c++;
	}
	ms *= MS_PER_S;
	if (*c == '.') {
		for (i = 0, c++; i < 3; i++, c++) {
			if (*c < '0' || *c > '9')
				return false;
		}
		ms += strtoul(c - 3, NULL, 10);
	}
	if (*c || ms > UINT32_MAX)
		return false;
	*out = ms;
	return true;
}

/*
 * The minimums are the kernel's to check: a module loaded for tests
 * (test_short_timeouts) takes less.
 */
static int timeout_parse(const struct global_key *key, const char *str,
			 struct gvalue *val)
{
	uint32_t ms;

	if (!timeout_scan(str, &ms))
		return usage_err("%s: invalid value %s (expected " TIMEOUT_SYNTAX
				 ")", key->name, quote(str));
	val->present = true;
	val->set = true;
	val->u32 = ms;
	return 0;
}

/* Jool's text adds the unit; its JSON files have the bare string. */
static void timeout_format(const struct gvalue *val, char *buf, size_t size)
{
	size_t len;

	timeout_str(val->u32, buf, size);
	len = strlen(buf);
	snprintf(buf + len, size - len, " (HH:MM:SS)");
}

static void timeout_json(struct json *j, const char *name,
			 const struct gvalue *val)
{
	char buf[32];

	timeout_str(val->u32, buf, sizeof(buf));
	json_string(j, name, buf);
}

static const struct global_type type_timeout = {
	.syntax = TIMEOUT_SYNTAX,
	.parse = timeout_parse,
	.put = u32_put,
	.decode = u32_decode,
	.format = timeout_format,
	.json = timeout_json,
};

/* ---- Enumeration, by name (key->names), sent as a u8 ---- */

/* "off, simple or intrinsic" */
static const char *enum_list(const struct global_key *key, char *buf,
			     size_t size)
{
	size_t len = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; key->names[i] && len < size; i++)
		len += snprintf(buf + len, size - len, "%s%s",
				!i ? "" : key->names[i + 1] ? ", " : " or ",
				key->names[i]);
	return buf;
}

static int enum_parse(const struct global_key *key, const char *str,
		      struct gvalue *val)
{
	char buf[128];
	unsigned int i;

	for (i = 0; key->names[i]; i++) {
		if (!strcmp(str, key->names[i])) {
			val->present = true;
			val->set = true;
			val->u8 = i;
			return 0;
		}
	}
	return usage_err("%s: invalid value %s (expected %s)", key->name,
			 quote(str), enum_list(key, buf, sizeof(buf)));
}

static void enum_name(const struct gvalue *val, char *buf, size_t size,
		      const char *const *names)
{
	unsigned int i;

	for (i = 0; names[i]; i++) {
		if (i == val->u8) {
			snprintf(buf, size, "%s", names[i]);
			return;
		}
	}
	snprintf(buf, size, "unknown (%u)", val->u8);
}

/*
 * format() and json() do not get the key, and the only enum is the hairpin
 * mode, so its names are at hand here; another enum would need its own
 * pair of these two small functions.
 */
static const char *const hairpin_names[] = {
	[JOOL_HAIRPIN_OFF] = "off",
	[JOOL_HAIRPIN_SIMPLE] = "simple",
	[JOOL_HAIRPIN_INTRINSIC] = "intrinsic",
	NULL
};

static void hairpin_format(const struct gvalue *val, char *buf, size_t size)
{
	enum_name(val, buf, size, hairpin_names);
}

static void hairpin_json(struct json *j, const char *name,
			 const struct gvalue *val)
{
	char buf[32];

	enum_name(val, buf, sizeof(buf), hairpin_names);
	json_string(j, name, buf);
}

static const struct global_type type_hairpin = {
	.syntax = "off | simple | intrinsic",
	.parse = enum_parse,
	.put = u8_put,
	.decode = u8_decode,
	.format = hairpin_format,
	.json = hairpin_json,
};

/* ---- MTU plateaus: "65535,32000,17914" ---- */

static int plateaus_parse(const struct global_key *key, const char *str,
			  struct gvalue *val)
{
	const char *c = str;
	char tok[80];
	uint32_t n;
	size_t len;

	val->plateaus.n = 0;
	if (!*str)
		return usage_err("%s: the list is empty (expected 1-%d numbers"
				 " separated by commas)", key->name,
				 GLOBAL_MAX_PLATEAUS);
	for (;;) {
		len = strcspn(c, ",");
		snprintf(tok, sizeof(tok), "%.*s", (int)len, c);
		if (!len)
			return usage_err("%s: empty value in %s", key->name,
					 quote(str));
		if (!parse_uint(tok, 65535, &n))
			return usage_err("%s: invalid value %s (expected a number"
					 " 1-65535)", key->name, quote(tok));
		if (!n)
			return usage_err("%s: an MTU plateau cannot be 0",
					 key->name);
		if (val->plateaus.n == GLOBAL_MAX_PLATEAUS)
			return usage_err("%s: too many values (at most %d)",
					 key->name, GLOBAL_MAX_PLATEAUS);
		val->plateaus.v[val->plateaus.n++] = n;
		c += len;
		if (!*c)
			break;
		/* ", " is fine too, as a quoted argument */
		for (c++; *c == ' '; c++)
			;
	}
	val->present = true;
	val->set = true;
	return 0;
}

static int plateaus_put(struct nl_msg *msg, int attr, const struct gvalue *val)
{
	struct nlattr *nest;
	unsigned int i;

	nest = nla_nest_start(msg, attr);
	if (!nest)
		return -1;
	for (i = 0; i < val->plateaus.n; i++) {
		if (nla_put_u16(msg, JOOL_PLATEAU, val->plateaus.v[i]) < 0)
			return -1;
	}
	return nla_nest_end(msg, nest) < 0 ? -1 : 0;
}

static int plateaus_decode(struct nlattr *nest, struct gvalue *val)
{
	struct nlattr *attr;
	int rem;

	val->plateaus.n = 0;
	nla_for_each_nested(attr, nest, rem) {
		if (nla_type(attr) != JOOL_PLATEAU || nla_len(attr) < 2 ||
		    val->plateaus.n == GLOBAL_MAX_PLATEAUS)
			return -1;
		val->plateaus.v[val->plateaus.n++] = nla_get_u16(attr);
	}
	val->present = true;
	val->set = true;
	return 0;
}

static void plateaus_format(const struct gvalue *val, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < val->plateaus.n && len < size; i++)
		len += snprintf(buf + len, size - len, "%s%u", i ? "," : "",
				val->plateaus.v[i]);
}

static void plateaus_json(struct json *j, const char *name,
			  const struct gvalue *val)
{
	unsigned int i;

	json_begin_array(j, name);
	for (i = 0; i < val->plateaus.n; i++)
		json_u64(j, NULL, val->plateaus.v[i]);
	json_end(j);
}

static const struct global_type type_plateaus = {
	.syntax = "MTU[,MTU]...",
	.parse = plateaus_parse,
	.put = plateaus_put,
	.decode = plateaus_decode,
	.format = plateaus_format,
	.json = plateaus_json,
};

/* ---- The table ---- */

const struct global_key global_keys[GK_COUNT] = {
	[GK_POOL6] = {
		.name = "pool6",
		.attr = JOOL_GLOBAL_POOL6,
		.type = &type_prefix6,
		.family = AF_INET6,
		/* No default length: a /128 is never an RFC 6052 prefix. */
		.pfx_flags = PREFIX_NEED_LEN,
		.help = "RFC 6052 prefix for IPv4 addresses; length 32, 40, 48,"
			" 56, 64 or 96",
		.def = "none",
	},
	[GK_ENABLED] = {
		.name = "manually-enabled",
		.attr = JOOL_GLOBAL_ENABLED,
		.type = &type_bool,
		.help = "translate (true) or drop every packet (false)",
		.def = "true",
	},
	[GK_ZEROIZE_TC] = {
		.name = "zeroize-traffic-class",
		.attr = JOOL_GLOBAL_ZEROIZE_TC,
		.type = &type_bool,
		.help = "IPv4 -> IPv6: set the traffic class to zero instead of"
			" copying the TOS",
		.def = "false",
	},
	[GK_OVERRIDE_TOS] = {
		.name = "override-tos",
		.attr = JOOL_GLOBAL_OVERRIDE_TOS,
		.type = &type_bool,
		.help = "IPv6 -> IPv4: set the TOS to \"tos\" instead of copying"
			" the traffic class",
		.def = "false",
	},
	[GK_TOS] = {
		.name = "tos",
		.attr = JOOL_GLOBAL_TOS,
		.type = &type_u8,
		.help = "the TOS of translated IPv4 packets if override-tos is true",
		.def = "0",
	},
	[GK_AMEND_UDP_CSUM0] = {
		.modes = GM_SIIT,
		.name = "amend-udp-checksum-zero",
		.attr = JOOL_GLOBAL_AMEND_UDP_CSUM0,
		.type = &type_bool,
		.help = "IPv4 -> IPv6: compute a checksum for unfragmented UDP"
			" packets with none",
		.def = "false",
	},
	[GK_MTU_PLATEAUS] = {
		.name = "mtu-plateaus",
		.attr = JOOL_GLOBAL_MTU_PLATEAUS,
		.type = &type_plateaus,
		.help = "1-16 MTUs (1-65535) to guess from when an ICMPv4"
			" \"fragmentation needed\" has none; kept sorted,"
			" without duplicates",
		.def = "65535,32000,17914,8166,4352,2002,1492,1006,508,296,68",
	},
	[GK_RFC6791V4] = {
		.modes = GM_SIIT,
		.name = "rfc6791v4-prefix",
		.attr = JOOL_GLOBAL_RFC6791V4,
		.type = &type_prefix4,
		.family = AF_INET,
		.help = "IPv4 sources of ICMPv6 errors translated from"
			" untranslatable addresses (RFC 6791); none: an IPv4"
			" address of the namespace",
		.def = "none",
	},
	[GK_RFC6791V6] = {
		.modes = GM_SIIT,
		.name = "rfc6791v6-prefix",
		.attr = JOOL_GLOBAL_RFC6791V6,
		.type = &type_prefix6,
		.family = AF_INET6,
		.help = "IPv6 sources of ICMPv4 errors translated from"
			" untranslatable addresses (RFC 6791); none: an IPv6"
			" address of the namespace",
		.def = "none",
	},
	[GK_RANDOMIZE_6791] = {
		.modes = GM_SIIT,
		.name = "randomize-rfc6791-addresses",
		.attr = JOOL_GLOBAL_RANDOMIZE_6791,
		.type = &type_bool,
		.help = "pick a random address of the RFC 6791 prefix for each"
			" error (true) or always its first (false)",
		.def = "true",
	},
	[GK_LOWEST_IPV6_MTU] = {
		.name = "lowest-ipv6-mtu",
		.attr = JOOL_GLOBAL_LOWEST_IPV6_MTU,
		.type = &type_u32,
		.min = 1280,
		.max = 65535,
		.syntax = "1280-65535",
		.help = "the smallest MTU of the IPv6 side: IPv4 packets"
			" without DF are fragmented to fit it",
		.def = "1280",
	},
	[GK_HAIRPIN_MODE] = {
		.modes = GM_SIIT,
		.name = "eam-hairpin-mode",
		.attr = JOOL_GLOBAL_EAM_HAIRPIN_MODE,
		.type = &type_hairpin,
		.names = hairpin_names,
		.help = "EAM hairpinning (RFC 7757 section 4)",
		.def = "intrinsic",
	},
	[GK_LOGGING_DEBUG] = {
		.name = "logging-debug",
		.attr = JOOL_GLOBAL_LOGGING_DEBUG,
		.type = &type_bool,
		.help = "log why each packet is dropped (rate-limited)",
		.def = "false",
	},
	[GK_ADF] = {
		.name = "address-dependent-filtering",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_ADF,
		.type = &type_bool,
		.help = "let an IPv4 packet in only from an address the IPv6"
			" node has a session with (RFC 6146 3.5.1.1); false:"
			" endpoint-independent filtering",
		.def = "false",
	},
	[GK_DROP_EXTERNAL_TCP] = {
		.name = "drop-externally-initiated-tcp",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_DROP_EXTERNAL_TCP,
		.type = &type_bool,
		.help = "drop IPv4 SYNs that no session expects (RFC 6146"
			" 3.5.2.2)",
		.def = "false",
	},
	[GK_DROP_ICMP6_INFO] = {
		.name = "drop-icmpv6-info",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_DROP_ICMP6_INFO,
		.type = &type_bool,
		.help = "do not translate ICMPv6 informational messages (RFC"
			" 6146 3.5.3)",
		.def = "false",
	},
	[GK_SRC_ICMP6_BETTER] = {
		.name = "source-icmpv6-errors-better",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_SRC_ICMP6_BETTER,
		.type = &type_bool,
		.help = "IPv4 -> IPv6 ICMP errors come from the pool6 translation"
			" of their IPv4 source (true) or of their inner"
			" packet's destination (false)",
		.def = "true",
	},
	[GK_F_ARGS] = {
		.name = "f-args",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_F_ARGS,
		.type = &type_fargs,
		.help = "the fields F() of RFC 6056 algorithm 3 hashes to pick"
			" a pool4 port, 4 bits from the left: source address,"
			" source port, destination address, destination port",
		.def = "11 (0b1011)",
	},
	[GK_HANDLE_RST] = {
		.name = "handle-rst-during-fin-rcv",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_HANDLE_RST,
		.type = &type_bool,
		.help = "an RST in the V4 FIN RCV or V6 FIN RCV state sets the"
			" transitory lifetime (RFC 6146 keeps the established"
			" one)",
		.def = "false",
	},
	[GK_TCP_EST_TIMEOUT] = {
		.name = "tcp-est-timeout",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_TCP_EST_TIMEOUT,
		.type = &type_timeout,
		.help = "lifetime of an established TCP session; at least"
			" 2:04:00 (RFC 6146 4, RFC 5382 REQ-5)",
		.def = "2:04:00",
	},
	[GK_TCP_TRANS_TIMEOUT] = {
		.name = "tcp-trans-timeout",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_TCP_TRANS_TIMEOUT,
		.type = &type_timeout,
		.help = "lifetime of a TCP session opening or closing; at least"
			" 0:04:00 (RFC 6146 4)",
		.def = "0:04:00",
	},
	[GK_UDP_TIMEOUT] = {
		.name = "udp-timeout",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_UDP_TIMEOUT,
		.type = &type_timeout,
		.help = "lifetime of a UDP session; at least 0:02:00 (RFC 6146"
			" 4)",
		.def = "0:05:00",
	},
	[GK_ICMP_TIMEOUT] = {
		.name = "icmp-timeout",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_ICMP_TIMEOUT,
		.type = &type_timeout,
		.help = "lifetime of an ICMP query session",
		.def = "0:01:00",
	},
	[GK_MAX_SO] = {
		.name = "maximum-simultaneous-opens",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_MAX_SO,
		.type = &type_u32,
		.min = 0,
		.max = UINT32_MAX,
		.syntax = "0-4294967295",
		.help = "how many IPv4 SYNs without a mapping are stored at once,"
			" at most, for a simultaneous open (RFC 6146 3.5.2.2)",
		.def = "10",
	},
	[GK_LOGGING_BIB] = {
		.name = "logging-bib",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_LOGGING_BIB,
		.type = &type_bool,
		.help = "send an event for each BIB entry created or removed"
			" to \"joolctl monitor\" (RFC 6888 REQ-12; free while"
			" nobody listens)",
		.def = "true",
	},
	[GK_LOGGING_SESSION] = {
		.name = "logging-session",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_LOGGING_SESSION,
		.type = &type_bool,
		.help = "the same for each session",
		.def = "false",
	},
	[GK_MAX_PORTS_PER_HOST] = {
		.name = "max-ports-per-host",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_MAX_PORTS_PER_HOST,
		.type = &type_u32,
		.min = 0,
		.max = UINT32_MAX,
		.syntax = "0-4294967295",
		.help = "how many BIB entries (pool4 ports and ICMP identifiers,"
			" all protocols) one IPv6 address may hold; 0: no limit"
			" (RFC 6888 REQ-4)",
		.def = "0",
	},
	[GK_DET_PREFIX6] = {
		.name = "deterministic-prefix6",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_DET_PREFIX6,
		.type = &type_prefix6,
		.family = AF_INET6,
		.pfx_flags = PREFIX_NEED_LEN,
		.help = "RFC 7422 deterministic mode: the IPv6 prefix whose"
			" subscribers get computed IPv4 ports (none: off; see"
			" \"joolctl DEV deterministic\")",
		.def = "none",
	},
	[GK_DET_SUB_LEN] = {
		.name = "deterministic-subscriber-length",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_DET_SUB_LEN,
		.type = &type_u8,
		.syntax = "0-128",
		.help = "deterministic mode: the prefix length of one"
			" subscriber",
		.def = "56",
	},
	[GK_DET_PREFIX4] = {
		.name = "deterministic-prefix4",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_DET_PREFIX4,
		.type = &type_prefix4,
		.family = AF_INET,
		.help = "deterministic mode: the IPv4 addresses the subscribers"
			" share",
		.def = "none",
	},
	[GK_DET_PORT_MIN] = {
		.name = "deterministic-port-min",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_DET_PORT_MIN,
		.type = &type_u32,
		.min = 0,
		.max = 65535,
		.syntax = "0-65535",
		.help = "deterministic mode: the first port of each address"
			" given out",
		.def = "1024",
	},
	[GK_DET_PORT_MAX] = {
		.name = "deterministic-port-max",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_DET_PORT_MAX,
		.type = &type_u32,
		.min = 0,
		.max = 65535,
		.syntax = "0-65535",
		.help = "deterministic mode: the last port of each address"
			" given out",
		.def = "65535",
	},
	[GK_PORT_BLOCK_SIZE] = {
		.name = "port-block-size",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_PORT_BLOCK_SIZE,
		.type = &type_u32,
		.min = 0,
		.max = 32768,
		.syntax = "0 | 2-32768, a power of two",
		.help = "give clients their ports in aligned blocks of this many"
			" (one event per block); 0: off",
		.def = "0",
	},
	[GK_MAX_PORT_BLOCKS] = {
		.name = "max-port-blocks-per-client",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_MAX_PORT_BLOCKS,
		.type = &type_u32,
		.min = 1,
		.max = 16,
		.syntax = "1-16",
		.help = "port blocks: the most blocks a client holds per"
			" protocol",
		.def = "8",
	},
	[GK_LOGGING_BLOCKS] = {
		.name = "logging-port-blocks",
		.modes = GM_NAT64,
		.attr = JOOL_GLOBAL_LOGGING_BLOCKS,
		.type = &type_bool,
		.help = "send an event for each port block allocated or"
			" released to \"joolctl monitor\" (with"
			" port-block-size; logging-bib can then be off)",
		.def = "true",
	},
};

static const struct global_key *global_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < GK_COUNT; i++) {
		if (!strcmp(global_keys[i].name, name))
			return &global_keys[i];
	}
	return NULL;
}

/* "pool6, manually-enabled", for messages. */
static const char *key_list(void)
{
	static char buf[1024];
	size_t len = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < GK_COUNT && len < sizeof(buf); i++)
		len += snprintf(buf + len, sizeof(buf) - len, "%s%s",
				i ? ", " : "", global_keys[i].name);
	return buf;
}

/*
 * The width of the longest key name among those @vals has (all if NULL),
 * to align "key: value" lines.
 */
int globals_name_width(const struct gvalue *vals)
{
	size_t i, width = 0;

	for (i = 0; i < GK_COUNT; i++) {
		if (vals && !vals[i].present)
			continue;
		if (strlen(global_keys[i].name) > width)
			width = strlen(global_keys[i].name);
	}
	return width;
}

/*
 * Decodes JOOL_A_GLOBALS. Globals this joolctl does not know (from a newer
 * module) are skipped; globals the mode does not have stay !present.
 */
int globals_decode(struct nlattr *nest, struct gvalue vals[GK_COUNT])
{
	struct nlattr *attr;
	unsigned int i;
	int rem;

	memset(vals, 0, sizeof(*vals) * GK_COUNT);
	nla_for_each_nested(attr, nest, rem) {
		for (i = 0; i < GK_COUNT; i++) {
			if (nla_type(attr) != global_keys[i].attr)
				continue;
			if (global_keys[i].type->decode(attr, &vals[i]))
				return -1;
		}
	}
	return 0;
}

/* ---- Subcommands ---- */

/* The keys, for the help page. */
static void global_keys_help(void)
{
	unsigned int i;

	printf("\nKeys:\n");
	for (i = 0; i < GK_COUNT; i++) {
		const struct global_key *k = &global_keys[i];

		printf("  %s { %s }%s\n", k->name,
		       k->syntax ? k->syntax : k->type->syntax,
		       k->modes == GM_SIIT ? "  (SIIT only)" :
		       k->modes == GM_NAT64 ? "  (NAT64 only)" : "");
		printf("      %s.\n      Default: %s\n", k->help, k->def);
	}
}

/* What "set" sends: the globals, each once. */
struct set_req {
	int n;
	const struct global_key *key[GK_COUNT];
	struct gvalue val[GK_COUNT];
};

static int build_set(struct nl_msg *msg, const void *req)
{
	const struct set_req *r = req;
	struct nlattr *nest = nla_nest_start(msg, JOOL_A_GLOBALS);
	int i;

	if (!nest)
		return -1;
	for (i = 0; i < r->n; i++) {
		if (r->key[i]->type->put(msg, r->key[i]->attr, &r->val[i]))
			return -1;
	}
	return nla_nest_end(msg, nest) < 0 ? -1 : 0;
}

/**
 * global_parse() - one KEY VALUE pair, as "global set" takes it
 * @name: the key
 * @value: its value, or NULL if missing
 * @key: out: the key's row
 * @val: out: the value
 *
 * Return: 0, or the exit status of the error (already reported).
 */
int global_parse(const char *name, const char *value,
		 const struct global_key **key, struct gvalue *val)
{
	*key = global_find(name);
	if (!*key)
		return usage_err("unknown global %s (known: %s)", quote(name),
				 key_list());
	if (!value)
		return usage_err("global set %s: missing value (%s)",
				 (*key)->name, (*key)->type->syntax);
	memset(val, 0, sizeof(*val));
	return (*key)->type->parse(*key, value, val);
}

/**
 * global_text() - a value as global_parse() reads it back (one word)
 * @key: the key
 * @val: the value
 * @buf: out: the text
 * @size: its size
 */
void global_text(const struct global_key *key, const struct gvalue *val,
		 char *buf, size_t size)
{
	if (key->type == &type_timeout)
		timeout_str(val->u32, buf, size);
	else if (key->type->parse == prefix_opt_parse && !val->set)
		snprintf(buf, size, "none");
	else if (key->type == &type_fargs)
		snprintf(buf, size, "%u", val->u8);
	else
		key->type->format(val, buf, size);
}

/* One KEY VALUE pair of "global set" into @r. */
static int set_pair(struct set_req *r, char *name, char *value)
{
	const struct global_key *key;
	int i, ret;

	ret = global_parse(name, value, &key, &r->val[r->n]);
	if (ret)
		return ret;
	for (i = 0; i < r->n; i++) {
		if (r->key[i] == key)
			return usage_err("global set: %s given twice",
					 key->name);
	}
	r->key[r->n++] = key;
	return 0;
}

static int global_set(const struct call *c, int argc, char **argv)
{
	struct set_req r = { 0 };
	int i, ret;

	if (argc < 1)
		return usage_err("global set: missing KEY (one of: %s)", key_list());
	for (i = 0; i < argc; i += 2) {
		ret = set_pair(&r, argv[i], i + 1 < argc ? argv[i + 1] : NULL);
		if (ret)
			return ret;
	}
	return jnl_do(c->dev, JOOL_CMD_SET_GLOBALS, build_set, &r, NULL, NULL);
}

static int global_show(const struct call *c, int argc, char **argv)
{
	if (argc > 0)
		return usage_err("unexpected argument %s", quote(argv[0]));
	return show_globals(c->dev, c->o);
}

static const struct cmd global_cmds[] = {
	CMD("show", "display", NULL, NULL, global_show, .json = true,
	  .table = true, .dflt = true),
	CMD("set", "update", "KEY VALUE [KEY VALUE]...", NULL, global_set),
};

CMD_GROUP(global_group, "global", global_cmds,
	.about = "Show or change the globals of the jool device DEV.\n",
	.more = global_keys_help,
	.notes = "PREFIX is ADDRESS/LENGTH, e.g. 64:ff9b::/96, and PREFIX4 the same\n"
		 "with an IPv4 address, e.g. 192.0.2.0/24; no bit may be set after\n"
		 "LENGTH. An ADDRESS alone is a /128 or a /32, except for pool6,\n"
		 "which needs its LENGTH. \"none\" (or \"null\") unsets a prefix.\n"
		 "true/false can also be written on/off, yes/no or 1/0. MTU plateaus\n"
		 "are separated by commas, e.g. 65535,32000,17914 (\"1500, 1280\" as\n"
		 "one argument too). Timeouts are seconds (\"300\"), MM:SS or\n"
		 "HH:MM:SS, optionally with .mmm milliseconds (\"2:04:00\", \"1.500\").\n"
		 "A SIIT device refuses the NAT64 keys, a NAT64 device the SIIT ones.\n");
