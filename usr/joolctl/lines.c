// SPDX-License-Identifier: GPL-2.0
/*
 * The line reader of the add-file commands (lines.h).
 *
 * Words are separated by blanks or commas, so that both forms of a table
 * dump without its header row ("eamt show --no-headers", and the same
 * with --csv) read back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "lines.h"
#include "util.h"

static const char *const separators = " \t\r\n\v\f,";

/**
 * lines_file_shown() - a file's name as messages show it
 * @path: the name given ("-": standard input)
 *
 * Return: @path, "(stdin)", or @path quoted if it would not print.
 */
const char *lines_file_shown(const char *path)
{
	const char *c;

	if (!strcmp(path, "-"))
		return "(stdin)";
	for (c = path; *c; c++) {
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return quote(path);
	}
	return path;
}

static int split(char *line, size_t len, const char *file,
		 unsigned long lineno, line_fn fn, void *arg)
{
	char *word[LINE_WORDS], *save, *c;
	int n = 0;

	if (strlen(line) != len)
		return usage_err("%s:%lu: the line contains a NUL byte", file,
				 lineno);
	c = strchr(line, '#');
	if (c)
		*c = '\0';
	for (c = strtok_r(line, separators, &save); c && n < LINE_WORDS;
	     c = strtok_r(NULL, separators, &save))
		word[n++] = c;
	return n ? fn(word, n, file, lineno, arg) : 0;
}

/**
 * lines_read() - reads a whole file, line by line
 * @what: the command, for messages ("eamt add-file")
 * @path: the file ("-": standard input)
 * @file: its name in messages (lines_file_shown())
 * @fn: called for every line that has words
 * @arg: passed to @fn
 *
 * Stops at the first error, which @fn or this function printed.
 *
 * Return: the exit status.
 */
int lines_read(const char *what, const char *path, const char *file,
	       line_fn fn, void *arg)
{
	unsigned long lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f;
	int ret = 0;

	f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f)
		return usage_err("%s: cannot open %s: %s", what, file,
				 strerror(errno));
	while (!ret && (len = getline(&line, &cap, f)) >= 0)
		ret = split(line, len, file, ++lineno, fn, arg);
	if (!ret && ferror(f))
		ret = usage_err("%s: cannot read %s: %s", what, file,
				strerror(errno));
	free(line);
	if (f != stdin)
		fclose(f);
	return ret;
}
