// SPDX-License-Identifier: GPL-2.0
/*
 * Error reporting and small argument helpers.
 */
#include <ctype.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Where the words being parsed come from ("jool0.conf:12"), or NULL. */
static const char *err_where;

/**
 * err_context() - name where the words being parsed come from
 * @where: "FILE:LINE", said after "joolctl: " by every report until the
 *	next call; NULL: nothing. Not copied.
 */
void err_context(const char *where)
{
	err_where = where;
}

static void vreport(const char *fmt, va_list ap)
{
	fputs("joolctl: ", stderr);
	if (err_where)
		fprintf(stderr, "%s: ", err_where);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* Reports a command line error; returns the exit status for it. */
int usage_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

/* Reports a failed request or a system error; returns its exit status. */
int runtime_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	return EXIT_RUNTIME;
}

#define QUOTE_MAX	64
#define QUOTE_SLOTS	4

/*
 * Returns @s in single quotes, fit for an error message: control characters
 * are escaped (so the message stays on one line) and long strings are cut.
 * The result lives in one of a few static buffers, so up to QUOTE_SLOTS
 * quote() calls can appear in one printf().
 */
const char *quote(const char *s)
{
	static char bufs[QUOTE_SLOTS][QUOTE_MAX * 4 + 8];
	static unsigned int slot;
	char *buf = bufs[slot++ % QUOTE_SLOTS];
	size_t i, o = 0;

	buf[o++] = '\'';
	for (i = 0; s[i] && i < QUOTE_MAX; i++) {
		unsigned char c = s[i];

		if (c < 0x20 || c == 0x7f)
			o += sprintf(buf + o, "\\x%02x", c);
		else
			buf[o++] = c;
	}
	if (s[i]) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o++] = '\'';
	buf[o] = '\0';
	return buf;
}

bool is_help(const char *arg)
{
	return !strcmp(arg, "-h") || !strcmp(arg, "--help") ||
	       !strcmp(arg, "help");
}

/* Jool's verbs have aliases ("display" = "show", "update" = "set"). */
bool is_verb(const char *arg, const char *verb, const char *alias)
{
	return !strcmp(arg, verb) || (alias && !strcmp(arg, alias));
}

/*
 * The kernel resolves the name; this only catches what can never be a
 * device name, so that the user gets a precise message.
 */
int check_ifname(const char *name)
{
	const char *c;

	if (!*name)
		return usage_err("the device name is empty");
	if (strlen(name) >= IFNAMSIZ)
		return usage_err("%s is not a valid device name (at most %d characters)",
				 quote(name), IFNAMSIZ - 1);
	for (c = name; *c; c++) {
		if (*c == '/' || *c == ':' || isspace((unsigned char)*c))
			return usage_err("%s is not a valid device name", quote(name));
	}
	return 0;
}

/*
 * Room for one more element in the array *@v of *@n (@size bytes each),
 * which has *@cap: doubles it when full (@first when empty). Returns 0, or
 * -1 without memory (the array is left as it was).
 */
int grow_array(void **v, size_t *cap, size_t n, size_t size, size_t first)
{
	size_t want = *cap ? 2 * *cap : first;
	void *nv;

	if (n < *cap)
		return 0;
	nv = realloc(*v, want * size);
	if (!nv)
		return -1;
	*v = nv;
	*cap = want;
	return 0;
}
