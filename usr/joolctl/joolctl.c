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
 *
 * The devices themselves are created and deleted with ip-link(8); see
 * usr/iproute2/link_jool.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "denylist.h"
#include "eamt.h"
#include "globals.h"
#include "query.h"
#include "show.h"
#include "stats.h"
#include "util.h"

#ifndef JOOL_VERSION
#define JOOL_VERSION "0.1.0"
#endif

struct command {
	const char *name;
	const char *alias;	/* Jool's spelling */
	int (*run)(const char *dev, int argc, char **argv, const struct opts *o);
};

static const struct command commands[] = {
	{ "show", "display", cmd_show },
	{ "global", NULL, cmd_global },
	{ "stats", NULL, cmd_stats },
	{ "eamt", NULL, cmd_eamt },
	{ "denylist4", "blacklist4", cmd_denylist },
	{ "address", NULL, cmd_address },
};

void main_help(void)
{
	printf("Usage: joolctl [-j | --json] DEV [show]\n"
	       "       joolctl [-j | --json] DEV global [show]\n"
	       "       joolctl DEV global set KEY VALUE\n"
	       "       joolctl [-j | --json] DEV stats [show] [--all] [--explain]\n"
	       "       joolctl [-j | --json] DEV eamt [show]\n"
	       "       joolctl DEV eamt { add PREFIX PREFIX | add-file FILE } [force]\n"
	       "       joolctl DEV eamt { del PREFIX [PREFIX] | flush }\n"
	       "       joolctl [-j | --json] DEV denylist4 [show]\n"
	       "       joolctl DEV denylist4 { add PREFIX | del PREFIX | flush }\n"
	       "       joolctl [-j | --json] DEV address query ADDRESS\n"
	       "       joolctl { -h | --help | --version }\n"
	       "\n"
	       "Configure and inspect the jool_netdev translator device DEV (link\n"
	       "kind \"jool\"). Devices are created with\n"
	       "  ip link add DEV type jool [mode { siit | nat64 }] [pool6 PREFIX]\n"
	       "and deleted with \"ip link del DEV\".\n"
	       "\n"
	       "Commands:\n"
	       "  show    summary: ifindex, mode, globals, number of EAMT entries\n"
	       "          and nonzero counters (the default)\n"
	       "  global  show or change the globals (joolctl DEV global --help)\n"
	       "  stats   per-reason packet counters (joolctl DEV stats --help)\n"
	       "  eamt    the Explicit Address Mapping Table, RFC 7757\n"
	       "          (joolctl DEV eamt --help)\n"
	       "  denylist4  IPv4 prefixes pool6 must not translate\n"
	       "          (joolctl DEV denylist4 --help)\n"
	       "  address what an address translates to, and by which rule\n"
	       "          (joolctl DEV address --help)\n"
	       "\n"
	       "Options:\n"
	       "  -j, --json  print JSON instead of text\n"
	       "  -h, --help  print this help\n"
	       "  --version   print the version\n"
	       "\n"
	       "As in Jool, \"display\" is accepted for \"show\", \"update\" for \"set\",\n"
	       "\"remove\" for \"del\" and \"blacklist4\" for \"denylist4\".\n"
	       "Exit status: 0 success, 1 failed request, 2 bad usage (or a syntax\n"
	       "error in an add-file FILE).\n");
}

/* Removes -j/--json wherever it is; returns the new argc. */
static int take_json(int argc, char **argv, struct opts *o)
{
	int i, n = 1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json"))
			o->json = true;
		else
			argv[n++] = argv[i];
	}
	argv[n] = NULL;
	return n;
}

static const struct command *find_command(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		if (is_verb(name, commands[i].name, commands[i].alias))
			return &commands[i];
	}
	return NULL;
}

static int dispatch(const char *dev, int argc, char **argv,
		    const struct opts *o)
{
	const struct command *cmd;
	int ret;

	ret = check_ifname(dev);
	if (ret)
		return ret;
	if (argc == 0)
		return cmd_show(dev, 0, NULL, o);
	if (is_help(argv[0])) {
		main_help();
		return 0;
	}
	cmd = find_command(argv[0]);
	if (!cmd)
		return usage_err("unknown command %s (try 'joolctl --help')",
				 quote(argv[0]));
	return cmd->run(dev, argc - 1, argv + 1, o);
}

static int run(int argc, char **argv)
{
	struct opts o = { 0 };

	argc = take_json(argc, argv, &o);
	if (argc < 2)
		return usage_err("missing device name (try 'joolctl --help')");
	if (is_help(argv[1])) {
		main_help();
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("joolctl %s\n", JOOL_VERSION);
		return 0;
	}
	if (argv[1][0] == '-')
		return usage_err("unknown option %s (try 'joolctl --help')",
				 quote(argv[1]));
	return dispatch(argv[1], argc - 2, argv + 2, &o);
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
