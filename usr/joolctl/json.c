// SPDX-License-Identifier: GPL-2.0
/*
 * A minimal JSON writer.
 */
#include <inttypes.h>

#include "json.h"

void json_init(struct json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->first[0] = true;
	j->array[0] = false;
}

static void put_escaped(FILE *f, const char *s)
{
	const unsigned char *c;

	fputc('"', f);
	for (c = (const unsigned char *)s; *c; c++) {
		switch (*c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			if (*c < 0x20)
				fprintf(f, "\\u%04x", *c);
			else
				fputc(*c, f);
		}
	}
	fputc('"', f);
}

/* Writes the separator and, inside an object, the key of a new member. */
static void member(struct json *j, const char *key)
{
	if (!j->first[j->depth])
		fputc(',', j->f);
	j->first[j->depth] = false;
	if (key) {
		put_escaped(j->f, key);
		fputc(':', j->f);
	}
}

static void open_container(struct json *j, const char *key, bool array)
{
	member(j, key);
	fputc(array ? '[' : '{', j->f);
	if (j->depth < JSON_MAX_DEPTH - 1)
		j->depth++;
	j->first[j->depth] = true;
	j->array[j->depth] = array;
}

/*
 * Opens an object: the top-level one or an array element (@key NULL), or a
 * member.
 */
void json_begin(struct json *j, const char *key)
{
	open_container(j, key, false);
}

/* The same for an array. */
void json_begin_array(struct json *j, const char *key)
{
	open_container(j, key, true);
}

/* Closes an object or array; closing the top-level one ends the line. */
void json_end(struct json *j)
{
	fputc(j->array[j->depth] ? ']' : '}', j->f);
	if (j->depth > 0)
		j->depth--;
	if (j->depth == 0)
		fputc('\n', j->f);
}

void json_string(struct json *j, const char *key, const char *val)
{
	if (!val) {
		json_null(j, key);
		return;
	}
	member(j, key);
	put_escaped(j->f, val);
}

void json_u64(struct json *j, const char *key, uint64_t val)
{
	member(j, key);
	fprintf(j->f, "%" PRIu64, val);
}

void json_bool(struct json *j, const char *key, bool val)
{
	member(j, key);
	fputs(val ? "true" : "false", j->f);
}

void json_null(struct json *j, const char *key)
{
	member(j, key);
	fputs("null", j->f);
}
