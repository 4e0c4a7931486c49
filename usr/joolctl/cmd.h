/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The command tree of joolctl: each group ("eamt", "denylist4", ...) is a
 * table of rows, one per verb, with its Jool alias, its arguments, a line
 * of help and its handler (or a group of subcommands). The tables drive
 * the dispatch, the "unknown command" and "expected ..." messages and the
 * help pages, so that a new command is one row.
 */
#ifndef JOOLCTL_CMD_H
#define JOOLCTL_CMD_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct cmd;

/* One invocation of a leaf command: what its handler gets. */
struct call {
	const char *dev;
	const char *verb;	/* as typed: "del" or "remove" */
	const struct cmd *cmd;	/* its row */
	const struct cmd_group *group;	/* and its table */
	const struct opts *o;
};

struct cmd_group {
	const char *name;	/* "eamt"; NULL: the top level */
	const struct cmd *cmds;
	size_t n;
	bool help_anywhere;	/* --help counts after other arguments too */
	const char *about;	/* the help page, before the verbs */
	void (*more)(void);	/* prints more of it (after the verbs) */
	const char *notes;	/* and the end of the page */
};

struct cmd {
	const char *name;
	const char *alias;	/* Jool's spelling, or NULL */
	const char *args;	/* synopsis of the arguments, or NULL */
	const char *help;	/* one line ('\n': continued), or NULL */
	int (*run)(const struct call *c, int argc, char **argv);
	const struct cmd_group *sub;	/* subcommands, instead of run */
	int nlcmd;		/* a JOOL_CMD_* for run, if it needs one */
	bool json;		/* prints JSON with -j */
	bool table;		/* a table: --csv, --no-headers (table.h) */
	bool dflt;		/* what the group does without a verb */
};

/* A row: CMD("del", "remove", "PREFIX", "delete it", del, .nlcmd = ...) */
#define CMD(verb, jool, synopsis, text, handler, ...)			\
	{ .name = verb, .alias = jool, .args = synopsis, .help = text,	\
	  .run = handler, __VA_ARGS__ }

#define CMD_GROUP(var, gname, rows, ...)				\
	const struct cmd_group var = {					\
		.name = gname, .cmds = rows, .n = ARRAY_SIZE(rows),	\
		__VA_ARGS__ }

int cmd_dispatch(const struct cmd_group *g, const char *dev, int argc,
		 char **argv, const struct opts *o);
void cmd_help(const struct cmd_group *g);
int cmd_no_args(const struct call *c, int argc, char **argv);

#endif /* JOOLCTL_CMD_H */
