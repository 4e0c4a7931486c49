/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Error reporting and small argument helpers shared by the joolctl
 * subcommands.
 *
 * Every failure is reported with exactly one line on stderr, starting with
 * "joolctl: ", by the function that detects it; callers only pass the exit
 * status up.
 */
#ifndef JOOLCTL_UTIL_H
#define JOOLCTL_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#define EXIT_RUNTIME	1	/* the request failed */
#define EXIT_USAGE	2	/* the command line is wrong */

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Options that apply to every subcommand. */
struct opts {
	bool json;
	bool csv;	/* table dumps: CSV (--csv) */
	bool no_headers;	/* table dumps: no header row (--no-headers) */
	bool all;	/* stats: print zero counters too */
	bool explain;	/* stats: one-line explanation per counter */
};

int usage_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int runtime_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *quote(const char *s);
void err_context(const char *where);

bool is_help(const char *arg);
bool is_verb(const char *arg, const char *verb, const char *alias);
int check_ifname(const char *name);
int grow_array(void **v, size_t *cap, size_t n, size_t size, size_t first);


#endif /* JOOLCTL_UTIL_H */
