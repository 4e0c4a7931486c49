// SPDX-License-Identifier: GPL-2.0
/*
 * unit_tests            every test, in the order of suites.h
 * unit_tests NAME...    the tests named "NAME" or "NAME/..." (a suite)
 * unit_tests -l         the names, one a line
 *
 * Ends with "N passed, M failed" (the CHECK()s); exit status 1 if any
 * failed, 2 if a NAME matches no test.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

unsigned int unit_passed, unit_failed;

static const struct unit_test *const suites[] = {
#define UNIT_SUITE(suite) suite##_tests,
#include "suites.h"
#undef UNIT_SUITE
};

/* @name is @pattern, or in the suite @pattern ("icmp" for "icmp/mtu"). */
static bool matches(const char *name, const char *pattern)
{
	size_t n = strlen(pattern);

	return !strncmp(name, pattern, n) && (!name[n] || name[n] == '/');
}

/* Runs (or with @list prints) the tests matching @pattern (NULL: all). */
static unsigned int each_test(const char *pattern, bool list)
{
	const struct unit_test *t;
	unsigned int i, found = 0;

	for (i = 0; i < ARRAY_SIZE(suites); i++) {
		for (t = suites[i]; t->name; t++) {
			if (pattern && !matches(t->name, pattern))
				continue;
			found++;
			if (list) {
				printf("%s\n", t->name);
				continue;
			}
			srandom(7);	/* the same numbers whatever ran before */
			t->fn();
		}
	}
	return found;
}

int main(int argc, char **argv)
{
	bool list = argc > 1 && !strcmp(argv[1], "-l");
	int i = list ? 2 : 1;

	if (i >= argc) {
		each_test(NULL, list);
	} else {
		for (; i < argc; i++) {
			if (!each_test(argv[i], list)) {
				fprintf(stderr, "unit_tests: no test %s\n", argv[i]);
				return 2;
			}
		}
	}
	if (list)
		return 0;
	printf("%u passed, %u failed\n", unit_passed, unit_failed);
	return unit_failed ? 1 : 0;
}
