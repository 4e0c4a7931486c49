/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The counters and the CHECK() of the host tests of usr/ (one test
 * program per .c file, each including this once).
 */
#ifndef JOOLCTL_TEST_CHECK_H
#define JOOLCTL_TEST_CHECK_H

#include <stdio.h>

static unsigned int passed, failed;

#define CHECK(cond, ...) do {						\
	if (cond) {							\
		passed++;						\
	} else {							\
		failed++;						\
		printf("FAIL %s:%d: ", __FILE__, __LINE__);		\
		printf(__VA_ARGS__);					\
		putchar('\n');						\
	}								\
} while (0)

#endif /* JOOLCTL_TEST_CHECK_H */
