// SPDX-License-Identifier: GPL-2.0
/*
 * joolctl: configure and inspect jool_netdev translator devices.
 *
 *   joolctl [-j | --json] DEV [show]
 *   joolctl [-j | --json] DEV global [show]
 *   joolctl DEV global set KEY VALUE
 *   joolctl [-j | --json] DEV stats [show] [--all] [--explain]
 *   joolctl [-j | --json] DEV eamt [show]
 *   joolctl DEV eamt { add PREFIX PREFIX | add-file FILE } [force]
 *   joolctl DEV eamt { del PREFIX [PREFIX] | flush }
 *   joolctl [-j | --json] DEV denylist4 [show]
 *   joolctl DEV denylist4 { add PREFIX | del PREFIX | flush }
 *   joolctl [-j | --json] DEV address query ADDRESS
 *   joolctl [-j | --json] DEV pool4 [show] [tcp | udp | icmp]
 *   joolctl DEV pool4 { add | del } [tcp | udp | icmp] PREFIX [PORTS] ...
 *   joolctl DEV pool4 flush [quick]
 *   joolctl DEV showconf
 *   joolctl DEV { setconf | syncconf | addconf } FILE
 *   joolctl [-j | --json] [DEV] monitor [bib | session | all] [rcvbuf N]
 *
 * The devices themselves are created and deleted with ip-link(8); see
 * usr/iproute2/link_jool.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "conf.h"
#include "devices.h"
#include "denylist.h"
#include "determ.h"
#include "eamt.h"
#include "globals.h"
#include "monitor.h"
#include "pool4.h"
#include "bib.h"
#include "query.h"
#include "show.h"
#include "stats.h"
#include "util.h"

#ifndef JOOL_VERSION
#define JOOL_VERSION "0.1.0"
#endif

static const struct cmd commands[] = {
	CMD("show", "display", NULL,
	  "summary: ifindex, mode, globals, number of EAMT entries\n"
	  "and nonzero counters (the default)", cmd_show, .json = true,
	  .dflt = true),
	CMD("global", NULL, NULL, "show or change the globals", NULL,
	  .sub = &global_group),
	CMD("check", NULL, NULL,
	  "whether what DEV translates is routed into it (pool6,\n"
	  "the EAMs' IPv4 prefixes, pool4), DEV is up and the\n"
	  "namespace forwards; exit status 1 if not", cmd_check,
	  .json = true),
	CMD("stats", NULL, NULL, "per-reason packet counters", NULL,
	  .sub = &stats_group),
	CMD("eamt", NULL, NULL, "the Explicit Address Mapping Table, RFC 7757",
	    NULL, .sub = &eamt_group),
	CMD("denylist4", "blacklist4", NULL,
	  "IPv4 prefixes pool6 must not translate", NULL,
	  .sub = &denylist_group),
	CMD("address", NULL, NULL,
	  "what an address translates to, and by which rule", NULL,
	  .sub = &address_group),
	CMD("pool4", NULL, NULL,
	  "NAT64: the IPv4 transport addresses clients are masked with",
	  NULL, .sub = &pool4_group),
	CMD("bib", NULL, NULL,
	  "NAT64: the BIB (IPv6 <-> IPv4 transport address mappings)",
	  NULL, .sub = &bib_group),
	CMD("session", NULL, NULL, "NAT64: the sessions", NULL,
	  .sub = &session_group),
	CMD("showconf", NULL, NULL,
	  "print the whole configuration as a configuration file\n"
	  "(docs/configuration.md)", conf_show),
	CMD("setconf", NULL, "FILE",
	  "replace the whole configuration with FILE's (\"-\": standard\n"
	  "input), at once; what FILE omits gets its default", conf_set),
	CMD("syncconf", NULL, "FILE",
	  "the same as setconf: what did not change keeps its state\n"
	  "(NAT64 sessions whose pool4 entry stays)", conf_set),
	CMD("addconf", NULL, "FILE",
	  "add FILE's globals and entries to the configuration, at once",
	  conf_set),
	CMD("monitor", NULL, MONITOR_ARGS,
	  "NAT64: print the mapping log events of DEV as they come, one\n"
	  "line each (a JSON object with -j), until SIGINT or SIGTERM:\n"
	  "BIB entries (logging-bib) and sessions (logging-session)\n"
	  "created and removed, port blocks (logging-port-blocks)\n"
	  "allocated and released (\"bib\" prints them too), and\n"
	  "\"lost\" lines for events missed;\n"
	  "rcvbuf: the socket's receive buffer (default 8 MiB).\n"
	  "\"joolctl monitor\": every device's", monitor_dev, .json = true),
	CMD("deterministic", NULL, NULL,
	  "NAT64: RFC 7422 deterministic mode (ports computed per\n"
	  "subscriber prefix)", NULL, .sub = &deterministic_group),
};

static CMD_GROUP(top, NULL, commands,
	.about = "Configure and inspect the jool_netdev translator device DEV (link\n"
		 "kind \"jool\"). Devices are created with\n"
		 "  ip link add DEV type jool [mode { siit | nat64 }] [pool6 PREFIX]\n"
		 "and deleted with \"ip link del DEV\". Without DEV, joolctl lists the\n"
		 "jool devices: name, mode, UP or DOWN, pool6.\n",
	.notes = "Options:\n"
		 "  -j, --json  print JSON instead of text\n"
		 "  --csv       print a table as CSV (a header row, then one per line)\n"
		 "  --no-headers  print a table without its header row\n"
		 "  -i DEV      the device, as Jool's -i INSTANCE (\"joolctl -i DEV ...\")\n"
		 "  -h, --help  print this help\n"
		 "  --version   print the version\n"
		 "\n"
		 "Exit status: 0 success, 1 failed request, 2 bad usage (or a syntax\n"
		 "error in an add-file, setconf, syncconf or addconf FILE).\n");

/* Removes -j/--json, --csv, --no-headers wherever they are; returns argc. */
static int take_json(int argc, char **argv, struct opts *o)
{
	int i, n = 1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json"))
			o->json = true;
		else if (!strcmp(argv[i], "--csv"))
			o->csv = true;
		else if (!strcmp(argv[i], "--no-headers"))
			o->no_headers = true;
		else
			argv[n++] = argv[i];
	}
	argv[n] = NULL;
	return n;
}

/*
 * Jool's "-i NAME" (its instance) before the command: the device, moved to
 * where joolctl expects it. Returns the new argc, or -1 if NAME is missing.
 */
static int take_dev_option(int argc, char **argv)
{
	if (argc < 2 || (strcmp(argv[1], "-i") && strcmp(argv[1], "--instance")))
		return argc;
	if (argc < 3)
		return -1;
	memmove(&argv[1], &argv[2], (argc - 1) * sizeof(*argv));
	return argc - 1;
}

static int run(int argc, char **argv)
{
	struct opts o = { 0 };
	int ret;

	argc = take_json(argc, argv, &o);
	argc = take_dev_option(argc, argv);
	if (argc < 0)
		return usage_err("-i needs a device name (try 'joolctl --help')");
	if (o.json && o.csv)
		return usage_err("--json and --csv exclude each other");
	if (argc < 2)
		return list_devices(&o);
	if (is_help(argv[1])) {
		cmd_help(&top);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("joolctl %s\n", JOOL_VERSION);
		return 0;
	}
	if (argv[1][0] == '-')
		return usage_err("unknown option %s (try 'joolctl --help')",
				 quote(argv[1]));
	/* "joolctl monitor [bib]" (as "ip monitor"), not device "monitor". */
	if (!strcmp(argv[1], "monitor") &&
	    (argc == 2 || strcmp(argv[2], "monitor")))
		return monitor_all(argc - 2, argv + 2, &o);
	ret = check_ifname(argv[1]);
	if (ret)
		return ret;
	return cmd_dispatch(&top, argv[1], argc - 2, argv + 2, &o);
}

int main(int argc, char **argv)
{
	int ret = run(argc, argv);

	if (fflush(stdout) || ferror(stdout)) {
		/* Keep the first error: there is one line per failure. */
		if (!ret)
			ret = runtime_err("cannot write the output: %s",
					  strerror(errno));
	}
	return ret;
}
