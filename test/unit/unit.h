/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal test harness: CHECK() counts; each test is a function named in
 * its file's table, FILE_tests[] (see main.c and suites.h).
 */
#ifndef _JOOL_UNIT_H
#define _JOOL_UNIT_H

#include <stdio.h>

extern unsigned int unit_passed, unit_failed;

#define CHECK(cond, ...) do {						\
	if (cond) {							\
		unit_passed++;						\
	} else {							\
		unit_failed++;						\
		printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);	\
		printf(__VA_ARGS__);					\
		printf("\n");						\
	}								\
} while (0)

#define CHECK_EQ(a, b, ...) CHECK((a) == (b), __VA_ARGS__)

/* "suite/what": "unit_tests suite" runs them all, "unit_tests -l" lists. */
struct unit_test {
	const char *name;
	void (*fn)(void);
};

/* Every test file's table, ended by { NULL, NULL }. */
#define UNIT_SUITE(suite) extern const struct unit_test suite##_tests[];
#include "suites.h"
#undef UNIT_SUITE

#endif
