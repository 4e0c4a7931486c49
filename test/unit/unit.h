/* SPDX-License-Identifier: GPL-2.0 */
/* A minimal test harness: CHECK() counts, each test is a function. */
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

void test_csum(void);
void test_rfc6052(void);
void test_xlat(void);
void test_eamt(void);
void test_icmp(void);
void test_drop_icmp(void);
void test_denylist(void);
void test_frag(void);
void test_hairpin(void);

#endif
