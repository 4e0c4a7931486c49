// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of joolctl's configuration files (usr/joolctl/conf.c,
 * json_read.c): every statement read and printed back, bad lines named by
 * their line, comments, Jool JSON files, and the JOOL_CMD_SET_CONFIG
 * request (each statement's place in it, for the kernel's refusals).
 * No kernel needed: "make -C usr test", run by "make unit".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <uapi/jool_netdev.h>

#include <netlink/genl/genl.h>

#include "check.h"
#include "conf.h"
#include "eamt.h"
#include "globals.h"
#include "util.h"

/* What stderr said during the last parse. */
static char errbuf[8192];

/*
 * Parses the @len bytes of @text (file name "t.conf") into @c as joolctl
 * reads a file (conf_read()); stderr goes to errbuf.
 */
static int parse_n(struct conf *c, const char *text, size_t len)
{
	char path[] = "/tmp/test_conf.XXXXXX";
	FILE *err = tmpfile();
	int saved = dup(2), fd = mkstemp(path), ret;
	size_t n;

	if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
		perror("test_conf: temporary file");
		exit(1);
	}
	close(fd);
	conf_init(c, "t.conf");
	fflush(stderr);
	dup2(fileno(err), 2);
	ret = conf_read(c, path);
	unlink(path);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(err);
	n = fread(errbuf, 1, sizeof(errbuf) - 1, err);
	errbuf[n] = '\0';
	fclose(err);
	return ret;
}

static int parse(struct conf *c, const char *text)
{
	return parse_n(c, text, strlen(text));
}

/* @c printed. */
static char *printed(const struct conf *c)
{
	static char buf[1 << 16];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	conf_print(c, f);
	fclose(f);
	return buf;
}

static const char siit_conf[] =
	"# a SIIT device\n"
	"mode siit\n"
	"\n"
	"global pool6 64:ff9b::/96     # comment after a statement\n"
	"global set lowest-ipv6-mtu 1500\n"
	"global mtu-plateaus 1500,1400\n"
	"global rfc6791v4-prefix 192.0.2.8/29\n"
	"global rfc6791v6-prefix none\n"
	"global eam-hairpin-mode simple\n"
	"global manually-enabled false\n"
	"   eamt add 2001:db8:6::/120 198.51.100.0/24\n"
	"eamt add 198.51.101.0/24 2001:db8:7::/120 force\n"
	"denylist4 add 192.0.2.0/28\n"
	"blacklist4 add 192.0.2.64\n"
	"route 64:ff9b::/96 via fe80::1 dev eth0 # the systemd unit's\n";

static const char siit_printed[] =
	"mode siit\n"
	"global pool6 64:ff9b::/96\n"
	"global lowest-ipv6-mtu 1500\n"
	"global mtu-plateaus 1500,1400\n"
	"global rfc6791v4-prefix 192.0.2.8/29\n"
	"global rfc6791v6-prefix none\n"
	"global eam-hairpin-mode simple\n"
	"global manually-enabled false\n"
	"eamt add 2001:db8:6::/120 198.51.100.0/24\n"
	"eamt add 2001:db8:7::/120 198.51.101.0/24 force\n"
	"denylist4 add 192.0.2.0/28\n"
	"denylist4 add 192.0.2.64/32\n";

static const char nat64_conf[] =
	"mode nat64\n"
	"global pool6 64:ff9b::/96\n"
	"global tcp-est-timeout 3:00:00\n"
	"global udp-timeout 0:05:00.500\n"
	"global f-args 10\n"
	"global logging-bib false\n"
	"global logging-session true\n"
	"pool4 add tcp 192.0.2.1 61001-65535 mark 0 max-iterations auto\n"
	"pool4 add udp 192.0.2.2 2000-3000 mark 7 max-iterations 50 force\n"
	"pool4 add icmp 192.0.2.3 1-100\n"
	"bib add tcp 192.0.2.1#62000 2001:db8::5#2000\n"
	"bib add udp 2001:db8::6#53 192.0.2.2#2053\n";

static const char nat64_printed[] =
	"mode nat64\n"
	"global pool6 64:ff9b::/96\n"
	"global tcp-est-timeout 3:00:00\n"
	"global udp-timeout 0:05:00.500\n"
	"global f-args 10\n"
	"global logging-bib false\n"
	"global logging-session true\n"
	"pool4 add tcp 192.0.2.1/32 61001-65535 mark 0 max-iterations auto\n"
	"pool4 add udp 192.0.2.2/32 2000-3000 mark 7 max-iterations 50 force\n"
	"pool4 add icmp 192.0.2.3/32 1-100 mark 0\n"
	"bib add tcp 192.0.2.1#62000 2001:db8::5#2000\n"
	"bib add udp 192.0.2.2#2053 2001:db8::6#53\n";

static void test_statements(void)
{
	struct conf c, c2;
	char *out;

	CHECK(!parse(&c, siit_conf), "SIIT file refused: %s", errbuf);
	CHECK(c.mode == JOOL_MODE_SIIT, "mode %d", c.mode);
	out = printed(&c);
	CHECK(!strcmp(out, siit_printed), "SIIT printed:\n%s", out);
	/* What is printed reads back the same. */
	CHECK(!parse(&c2, out) && !strcmp(printed(&c2), siit_printed),
	      "SIIT round trip: %s", errbuf);
	conf_free(&c);
	conf_free(&c2);

	CHECK(!parse(&c, nat64_conf), "NAT64 file refused: %s", errbuf);
	out = printed(&c);
	CHECK(!strcmp(out, nat64_printed), "NAT64 printed:\n%s", out);
	CHECK(!parse(&c2, out) && !strcmp(printed(&c2), nat64_printed),
	      "NAT64 round trip: %s", errbuf);
	conf_free(&c);
	conf_free(&c2);

	/* An empty file, only comments: nothing. */
	CHECK(!parse(&c, "\n# nothing\n   \t\n") && c.n == 0, "empty");
	conf_free(&c);
}

/* Every global's default, printed and read back, is itself. */
static void test_globals(void)
{
	char text[GLOBAL_TEXT_MAX], again[GLOBAL_TEXT_MAX], def[64];
	const struct global_key *k;
	struct gvalue v, w;
	int i;

	for (i = 0; i < GK_COUNT; i++) {
		snprintf(def, sizeof(def), "%s", global_keys[i].def);
		/* "11 (0b1011)": the number is the value. */
		def[strcspn(def, " ")] = '\0';
		CHECK(!global_parse(global_keys[i].name, def, &k, &v),
		      "%s: default %s refused", global_keys[i].name, def);
		global_text(k, &v, text, sizeof(text));
		CHECK(!global_parse(k->name, text, &k, &w),
		      "%s: %s does not read back", k->name, text);
		global_text(k, &w, again, sizeof(again));
		CHECK(!strcmp(text, again), "%s: %s became %s", k->name, text,
		      again);
	}
}

static const struct {
	const char *text;
	int status;
	const char *says;	/* in the message, with "t.conf:LINE: " */
} bad[] = {
	{ "mode siit\nfoo bar\n", EXIT_USAGE,
	  "t.conf:2: unknown statement 'foo'" },
	{ "\n\nglobal pool6 1::/129\n", EXIT_USAGE, "t.conf:3: pool6" },
	{ "global nosuch 1\n", EXIT_USAGE, "t.conf:1: unknown global 'nosuch'" },
	{ "global tos\n", EXIT_USAGE, "t.conf:1: global set tos: missing value" },
	{ "global tos 1 2\n", EXIT_USAGE, "t.conf:1: global tos: unexpected '2'" },
	{ "global tos 1\nglobal tos 2\n", EXIT_USAGE,
	  "t.conf:2: global tos given twice (first on line 1)" },
	{ "eamt add 2001:db8::/120\n", EXIT_USAGE,
	  "t.conf:1: eamt add: missing the IPv4 prefix" },
	{ "eamt del 2001:db8::/120\n", EXIT_USAGE,
	  "t.conf:1: eamt: only \"eamt add ...\"" },
	{ "denylist4 add 300.0.0.0\n", EXIT_USAGE,
	  "t.conf:1: denylist4 add: invalid prefix" },
	{ "pool4 add tcp\n", EXIT_USAGE, "t.conf:1: pool4 add: missing PREFIX" },
	{ "bib add tcp 192.0.2.1#1\n", EXIT_USAGE,
	  "t.conf:1: bib add: needs an IPv4 and an IPv6" },
	{ "mode siit\nmode siit\n", EXIT_USAGE, "t.conf:2: mode given twice" },
	{ "mode nat66\n", EXIT_USAGE, "t.conf:1: mode: invalid value" },
	{ "mode nat64\n\neamt add 2001:db8::/120 192.0.2.0/24\n", EXIT_USAGE,
	  "t.conf:3: eamt is not for nat64 devices" },
	{ "pool4 add 192.0.2.1\nmode siit\n", EXIT_USAGE,
	  "t.conf:1: pool4 is not for siit devices" },
	{ "{\n \"global\": {\n  \"tos\": 300\n }\n}\n", EXIT_USAGE,
	  "t.conf:3: tos: invalid value" },
	{ "{\n \"eamt\": [ { \"ipv6 prefix\": \"2001:db8::/120\" } ]\n}\n",
	  EXIT_USAGE, "t.conf:2: a \"eamt\" entry needs \"ipv4 prefix\"" },
	{ "{\n \"global\": {\n", EXIT_USAGE, "t.conf:3: invalid JSON" },
	{ "{ \"pool4\": 5 }", EXIT_USAGE, "t.conf:1: \"pool4\" must be a list" },
	{ "{ \"bib\": [ { \"protocol\": \"TCP\", \"x\": 1 } ] }", EXIT_USAGE,
	  "t.conf:1: unknown field \"x\"" },
};

static void test_bad(void)
{
	struct conf c;
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ret = parse(&c, bad[i].text);
		CHECK(ret == bad[i].status, "bad[%zu]: status %d", i, ret);
		CHECK(strstr(errbuf, bad[i].says) &&
		      !strncmp(errbuf, "joolctl: ", 9) &&
		      strchr(errbuf, '\n') == errbuf + strlen(errbuf) - 1,
		      "bad[%zu]: said %s", i, errbuf);
		conf_free(&c);
	}
}

/* Leading blank lines count; NUL is no blank; JSON keys once each. */
static void test_lines(void)
{
	static const char nul_json[] = "{\"global\": {}\0}\n";
	struct conf c;
	int ret;

	ret = parse(&c, "\n\n\nglobal bogus-key 1\n");
	CHECK(ret == 2 && strstr(errbuf, "t.conf:4: "), "text: said %s", errbuf);
	conf_free(&c);
	ret = parse(&c, " \n\t\n\n  { \"pool4\": 5 }\n");
	CHECK(ret == 2 && strstr(errbuf, "t.conf:4: "), "JSON: said %s", errbuf);
	conf_free(&c);
	ret = parse(&c, "\n{\n\"global\": {\"pool6\": null}\n}\n");
	CHECK(!ret && c.n == 1 && c.v[0].line == 3, "JSON line %lu: said %s",
	      c.n ? c.v[0].line : 0, errbuf);
	conf_free(&c);
	ret = parse_n(&c, nul_json, sizeof(nul_json) - 1);
	CHECK(ret == 2 && strstr(errbuf, "invalid JSON"), "NUL: said %s",
	      errbuf);
	conf_free(&c);
	ret = parse(&c, "{\"pool4\": [{\"prefix\": \"192.0.2.1\",\n"
		    "\"prefix\": \"192.0.2.2\"}]}\n");
	CHECK(ret == 2 && strstr(errbuf, "t.conf:2: \"prefix\" given twice"),
	      "duplicate key: said %s", errbuf);
	conf_free(&c);
}

static const char jool_siit_json[] =
	"{\n"
	"  \"comment\": \"ignored\",\n"
	"  \"instance\": \"x\",\n"
	"  \"framework\": \"netfilter\",\n"
	"  \"global\": {\n"
	"    \"pool6\": \"2001:db8:100::/96\",\n"
	"    \"manually-enabled\": true,\n"
	"    \"mtu-plateaus\": [ 1500, 1280 ],\n"
	"    \"rfc6791v4-prefix\": null,\n"
	"    \"bib-logging\": true\n"
	"  },\n"
	"  \"eamt\": [\n"
	"    { \"ipv6 prefix\": \"2001:db8:1::/128\", \"ipv4 prefix\": \"192.0.2.0\" },\n"
	"    { \"ipv4 prefix\": \"192.0.2.16/28\", \"ipv6 prefix\": \"2001:db8:3::/124\" }\n"
	"  ],\n"
	"  \"blacklist4\": [ \"198.51.100.0\", \"198.51.100.32/27\" ]\n"
	"}\n";

static const char jool_nat64_json[] =
	"{\"instance\": \"n\", \"global\": {\"pool6\": \"64:ff9b::/96\","
	" \"tcp-est-timeout\": \"2:10:00\"},\n"
	"\"pool4\": [{\"protocol\": \"TCP\", \"prefix\": \"192.0.2.1/32\","
	" \"port range\": \"61001-65535\", \"mark\": 3,"
	" \"max-iterations\": \"infinity\"},\n"
	" {\"protocol\": \"ICMP\", \"prefix\": \"192.0.2.1\"}],\n"
	"\"bib\": [{\"protocol\": \"UDP\", \"ipv6 address\": \"2001:db8::2#10000\","
	" \"ipv4 address\": \"192.0.2.1#62000\"}]}\n";

static void test_json(void)
{
	struct conf c;
	char *out;

	CHECK(!parse(&c, jool_siit_json), "SIIT JSON refused: %s", errbuf);
	out = printed(&c);
	CHECK(!strcmp(out,
		      "global pool6 2001:db8:100::/96\n"
		      "global manually-enabled true\n"
		      "global mtu-plateaus 1500,1280\n"
		      "global rfc6791v4-prefix none\n"
		      "eamt add 2001:db8:1::/128 192.0.2.0/32\n"
		      "eamt add 2001:db8:3::/124 192.0.2.16/28\n"
		      "denylist4 add 198.51.100.0/32\n"
		      "denylist4 add 198.51.100.32/27\n"), "SIIT JSON:\n%s", out);
	/* One warning per field without meaning here; none for "comment". */
	CHECK(strstr(errbuf, "t.conf:3: warning: \"instance\"") &&
	      strstr(errbuf, "t.conf:4: warning: \"framework\"") &&
	      strstr(errbuf, "t.conf:10: warning: \"bib-logging\"") &&
	      !strstr(errbuf, "comment"), "SIIT JSON warnings: %s", errbuf);
	conf_free(&c);

	CHECK(!parse(&c, jool_nat64_json), "NAT64 JSON refused: %s", errbuf);
	out = printed(&c);
	CHECK(!strcmp(out,
		      "global pool6 64:ff9b::/96\n"
		      "global tcp-est-timeout 2:10:00\n"
		      "pool4 add tcp 192.0.2.1/32 61001-65535 mark 3 max-iterations infinity\n"
		      "pool4 add icmp 192.0.2.1/32 61001-65535 mark 0\n"
		      "bib add udp 192.0.2.1#62000 2001:db8::2#10000\n"),
	      "NAT64 JSON:\n%s", out);
	conf_free(&c);
}

/* The request: every statement has its place, and a place names it. */
static void test_request(void)
{
	static char text[5100 * 48];
	const struct conf_stmt *s;
	struct nlattr *a;
	struct nl_msg *msg;
	struct conf c;
	size_t i, len = 0, lists = 0;
	int rem;

	len += snprintf(text + len, sizeof(text) - len,
			"mode siit\nglobal tos 3\n");
	for (i = 0; i < 5000; i++)
		len += snprintf(text + len, sizeof(text) - len,
				"eamt add 2001:db8:%zx::/128 10.%zu.%zu.1\n",
				i, i / 256, i % 256);
	snprintf(text + len, sizeof(text) - len, "denylist4 add 192.0.2.0/24\n");
	CHECK(!parse(&c, text), "5000 EAMs refused: %s", errbuf);
	CHECK(c.n == 5003, "%zu statements", c.n);
	msg = nlmsg_alloc_size(NLMSG_HDRLEN + GENL_HDRLEN +
			       conf_request_size(&c));
	CHECK(msg && genlmsg_put(msg, 0, 0, 1, 0, 0, JOOL_CMD_SET_CONFIG, 1),
	      "message");
	CHECK(!conf_put(&c, msg, true), "conf_put out of room");
	/* The kernel names the attribute at fault by its offset. */
	s = conf_culprit(&c, c.v[4000].off + 4);
	CHECK(s && s->line == 4001, "entry 4000 at line %lu",
	      s ? s->line : 0);
	s = conf_culprit(&c, c.v[1].off);
	CHECK(s && s->line == 2, "the global at line %lu", s ? s->line : 0);
	s = conf_culprit(&c, c.v[5002].off + c.v[5002].len - 1);
	CHECK(s && s->line == 5003, "denylist4 at line %lu", s ? s->line : 0);
	CHECK(!conf_culprit(&c, 0), "the header names no statement");
	/* The EAMs in lists of at most 64 KiB. */
	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlmsg_hdr(msg)), 0),
			  genlmsg_attrlen(nlmsg_data(nlmsg_hdr(msg)), 0), rem) {
		if (nla_type(a) == JOOL_A_EAMT)
			lists++;
	}
	CHECK(lists == (5000 + eamt_entries_per_list() - 1) /
		       eamt_entries_per_list(), "%zu JOOL_A_EAMT lists", lists);
	nlmsg_free(msg);
	conf_free(&c);
}

int main(void)
{
	test_statements();
	test_globals();
	test_bad();
	test_json();
	test_lines();
	test_request();
	printf("test_conf: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
