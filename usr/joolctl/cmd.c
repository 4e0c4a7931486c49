// SPDX-License-Identifier: GPL-2.0
/*
 * The dispatch and the help pages of the command tables (cmd.h).
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static const struct cmd *find(const struct cmd_group *g, const char *word)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		if (is_verb(word, g->cmds[i].name, g->cmds[i].alias))
			return &g->cmds[i];
	}
	return NULL;
}

static const struct cmd *default_cmd(const struct cmd_group *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		if (g->cmds[i].dflt)
			return &g->cmds[i];
	}
	return NULL;
}

/* "show, add, del or flush" */
static const char *verb_list(const struct cmd_group *g, char *buf,
			     size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < g->n && len < size; i++)
		len += snprintf(buf + len, size - len, "%s%s",
				!i ? "" : i + 1 < g->n ? ", " : " or ",
				g->cmds[i].name);
	return buf;
}

static int run(const struct cmd_group *g, const struct cmd *cmd,
	       const char *verb, const char *dev, int argc, char **argv,
	       const struct opts *o)
{
	struct call c = { .dev = dev, .verb = verb, .cmd = cmd, .group = g,
			  .o = o };

	if (cmd->sub)
		return cmd_dispatch(cmd->sub, dev, argc, argv, o);
	/* "global set --help": help after a verb, where it comes first. */
	if (!g->help_anywhere && argc > 0 && is_help(argv[0])) {
		cmd_help(g);
		return 0;
	}
	if ((o->csv || o->no_headers) && !cmd->table)
		return usage_err("%s%s%s prints no table (--csv, --no-headers are for the show commands)",
				 g->name ? g->name : "", g->name ? " " : "",
				 cmd->name);
	return cmd->run(&c, argc, argv);
}

/**
 * cmd_dispatch() - runs the command of group @g that @argv names
 * @g: the table
 * @dev: the device named on the command line
 * @argc: how many words follow the group's name
 * @argv: those words: a verb (or none, for the default) and its arguments
 * @o: the options that apply to every command
 *
 * Return: the exit status.
 */
int cmd_dispatch(const struct cmd_group *g, const char *dev, int argc,
		 char **argv, const struct opts *o)
{
	const struct cmd *cmd, *dflt = default_cmd(g);
	char list[256];
	int i;

	for (i = 0; i < (g->help_anywhere ? argc : argc ? 1 : 0); i++) {
		if (is_help(argv[i])) {
			cmd_help(g);
			return 0;
		}
	}
	if (argc == 0 && dflt)
		return run(g, dflt, dflt->name, dev, 0, argv, o);
	if (argc == 0)
		return usage_err("%s: missing command (expected %s)", g->name,
				 verb_list(g, list, sizeof(list)));
	cmd = find(g, argv[0]);
	if (cmd)
		return run(g, cmd, argv[0], dev, argc - 1, argv + 1, o);
	/* "stats --all": the default takes arguments, and these are its. */
	if (dflt && dflt->args)
		return run(g, dflt, dflt->name, dev, argc, argv, o);
	if (!g->name)
		return usage_err("unknown command %s (try 'joolctl --help')",
				 quote(argv[0]));
	return usage_err("unknown %s command %s (expected %s)", g->name,
			 quote(argv[0]), verb_list(g, list, sizeof(list)));
}

/* A handler for commands without arguments ("eamt flush"). */
int cmd_no_args(const struct call *c, int argc, char **argv)
{
	(void)argv;
	if (argc > 0)
		return usage_err("%s %s: unexpected argument %s", c->group->name,
				 c->cmd->name, quote(argv[0]));
	return 0;
}

/* ---- Help ---- */

static void usage_lines(const struct cmd_group *g, const char *path,
			bool *first)
{
	char sub[64];
	size_t i;

	for (i = 0; i < g->n; i++) {
		const struct cmd *c = &g->cmds[i];

		if (c->sub) {
			snprintf(sub, sizeof(sub), "%s%s ", path, c->name);
			usage_lines(c->sub, sub, first);
			continue;
		}
		printf("%sjoolctl %sDEV %s%s%s%s%s%s\n",
		       *first ? "Usage: " : "       ",
		       c->table ? "[-j | --json | --csv] [--no-headers] " :
		       c->json ? "[-j | --json] " : "", path,
		       c->dflt ? "[" : "", c->name, c->dflt ? "]" : "",
		       c->args ? " " : "", c->args ? c->args : "");
		*first = false;
	}
}

/* "  name  help", continued lines aligned under the help. */
static void verb_help(const struct cmd_group *g)
{
	int width = 0, len;
	const char *s, *nl;
	size_t i;

	for (i = 0; i < g->n; i++) {
		len = strlen(g->cmds[i].name);
		if (g->cmds[i].help && len > width)
			width = len;
	}
	if (!width)
		return;
	printf(g->name ? "\n" : "\nCommands:\n");
	for (i = 0; i < g->n; i++) {
		const struct cmd *c = &g->cmds[i];

		if (!c->help)
			continue;
		printf("  %-*s  ", width, c->name);
		for (s = c->help; (nl = strchr(s, '\n')); s = nl + 1)
			printf("%.*s\n  %*s  ", (int)(nl - s), s, width, "");
		printf("%s\n", s);
		if (c->sub)
			printf("  %*s  (joolctl DEV %s --help)\n", width, "",
			       c->name);
	}
}

struct alias_text {
	char buf[512];
	size_t len;
	unsigned int n;
	const char *last;	/* the pair not written yet */
	const char *last_name;
};

static void add_pair(struct alias_text *t, const char *alias,
		     const char *name)
{
	if (t->last && t->len < sizeof(t->buf))
		t->len += snprintf(t->buf + t->len, sizeof(t->buf) - t->len,
				   "%s\"%s\" %sfor \"%s\"", t->n ? ", " : "",
				   t->last, t->n ? "" : "is accepted ",
				   t->last_name);
	if (t->last)
		t->n++;
	t->last = alias;
	t->last_name = name;
}

/* Every alias of the tree once, in the order they first appear. */
static void collect_aliases(const struct cmd_group *g, struct alias_text *t,
			    const char **seen, size_t *nseen)
{
	size_t i, k;

	for (i = 0; i < g->n; i++) {
		const struct cmd *c = &g->cmds[i];

		for (k = 0; c->alias && k < *nseen; k++) {
			if (!strcmp(seen[k], c->alias))
				break;
		}
		if (c->alias && k == *nseen && *nseen < 32) {
			seen[(*nseen)++] = c->alias;
			add_pair(t, c->alias, c->name);
		}
		if (c->sub)
			collect_aliases(c->sub, t, seen, nseen);
	}
}

/* Prints @s wrapped at 72 columns. */
static void print_wrapped(const char *s)
{
	size_t col = 0, len;

	while (*s) {
		len = strcspn(s, " ");
		if (col && col + 1 + len > 72) {
			putchar('\n');
			col = 0;
		} else if (col) {
			putchar(' ');
			col++;
		}
		printf("%.*s", (int)len, s);
		col += len;
		s += len;
		while (*s == ' ')
			s++;
	}
	putchar('\n');
}

static void aliases(const struct cmd_group *g)
{
	struct alias_text t = { .len = strlen("As in Jool, ") };
	const char *seen[32];
	size_t nseen = 0;

	strcpy(t.buf, "As in Jool, ");
	collect_aliases(g, &t, seen, &nseen);
	if (!t.last)
		return;
	if (t.len < sizeof(t.buf))
		snprintf(t.buf + t.len, sizeof(t.buf) - t.len,
			 "%s\"%s\" %sfor \"%s\".", t.n ? " and " : "",
			 t.last, t.n ? "" : "is accepted ", t.last_name);
	putchar('\n');
	print_wrapped(t.buf);
}

/**
 * cmd_help() - prints the help page of a group
 * @g: the group (the top level: joolctl --help)
 *
 * The usage lines and the verbs come from the table, the rest from @g's
 * texts.
 */
void cmd_help(const struct cmd_group *g)
{
	char path[64];
	bool first = true;

	snprintf(path, sizeof(path), "%s%s", g->name ? g->name : "",
		 g->name ? " " : "");
	usage_lines(g, path, &first);
	if (!g->name)
		printf("       joolctl { -h | --help | --version }\n");
	if (g->about)
		printf("\n%s", g->about);
	verb_help(g);
	if (g->more)
		g->more();
	if (g->notes)
		printf("\n%s", g->notes);
	aliases(g);
}
