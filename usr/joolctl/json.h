/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal JSON writer: objects, arrays, strings, numbers, booleans and
 * null, written compactly to a stream. The caller nests objects correctly; the
 * writer takes care of commas, quoting and escaping.
 */
#ifndef JOOLCTL_JSON_H
#define JOOLCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH	8

struct json {
	FILE *f;
	int depth;
	bool first[JSON_MAX_DEPTH];
	bool array[JSON_MAX_DEPTH];
};

void json_init(struct json *j, FILE *f);
void json_begin(struct json *j, const char *key);
void json_begin_array(struct json *j, const char *key);
void json_end(struct json *j);
void json_string(struct json *j, const char *key, const char *val);
void json_u64(struct json *j, const char *key, uint64_t val);
void json_bool(struct json *j, const char *key, bool val);
void json_null(struct json *j, const char *key);

#endif /* JOOLCTL_JSON_H */
