// SPDX-License-Identifier: GPL-2.0
/*
 * The table printer of every dump (table.h).
 *
 * Text: columns separated by two spaces, each as wide as its widest cell
 * (the last one not padded), so that a row without headers is the words of
 * an "add" line. CSV (RFC 4180): cells separated by commas, quoted when
 * they hold a comma, a quote or a line break.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

/**
 * table_init() - an empty table
 * @t: the table
 * @o: the options: o->csv, o->no_headers
 * @heads: the names of the @ncols columns
 * @ncols: how many columns
 */
void table_init(struct table *t, const struct opts *o,
		const char *const *heads, unsigned int ncols)
{
	memset(t, 0, sizeof(*t));
	t->o = o;
	t->heads = heads;
	t->ncols = ncols;
	t->sep = "  ";
}

/**
 * table_row() - appends a row
 * @t: the table
 * @...: its ncols cells (const char *), copied
 *
 * Running out of memory is remembered, and reported by table_print().
 */
void table_row(struct table *t, ...)
{
	unsigned int i;
	va_list ap;
	char *s;

	/* The capacity stays a multiple of ncols: room for a cell is a row's. */
	if (t->oom || grow_array((void **)&t->cells, &t->cap,
				 t->nrows * t->ncols, sizeof(*t->cells),
				 16 * t->ncols)) {
		t->oom = true;
		return;
	}
	va_start(ap, t);
	for (i = 0; i < t->ncols; i++) {
		s = strdup(va_arg(ap, const char *));
		t->cells[t->nrows * t->ncols + i] = s;
		if (!s)
			t->oom = true;
	}
	va_end(ap);
	t->nrows++;
}

static void csv_cell(const char *s, bool last)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, stdout);
	} else {
		putchar('"');
		for (; *s; s++) {
			if (*s == '"')
				putchar('"');
			putchar(*s);
		}
		putchar('"');
	}
	putchar(last ? '\n' : ',');
}

static void text_row(const struct table *t, const char *const *cells,
		     const int *width)
{
	unsigned int i;

	for (i = 0; i + 1 < t->ncols; i++)
		printf("%-*s%s", width[i], cells[i], t->sep);
	printf("%s\n", cells[t->ncols - 1]);
}

static void print_rows(const struct table *t)
{
	bool heads = !t->o->no_headers;
	const char *const *row;
	unsigned int i;
	int *width;
	size_t r;

	if (t->o->csv) {
		for (i = 0; heads && i < t->ncols; i++)
			csv_cell(t->heads[i], i + 1 == t->ncols);
		for (r = 0; r < t->nrows; r++)
			for (i = 0; i < t->ncols; i++)
				csv_cell(t->cells[r * t->ncols + i],
					 i + 1 == t->ncols);
		return;
	}
	width = calloc(t->ncols, sizeof(*width));
	if (!width)
		return;
	for (i = 0; t->min && i < t->ncols; i++)
		width[i] = t->min[i];
	for (r = 0; r < t->nrows + heads; r++) {
		row = r < t->nrows ? (const char *const *)&t->cells[r * t->ncols] :
		      t->heads;
		for (i = 0; i < t->ncols; i++)
			if ((int)strlen(row[i]) > width[i])
				width[i] = strlen(row[i]);
	}
	if (heads)
		text_row(t, t->heads, width);
	for (r = 0; r < t->nrows; r++)
		text_row(t, (const char *const *)&t->cells[r * t->ncols],
			 width);
	free(width);
}

/**
 * table_print() - prints the table and frees its rows
 * @t: the table
 * @empty: the line that text with headers prints for no rows (CSV prints
 *	the header row alone, --no-headers nothing), or NULL
 *
 * Return: the exit status (an error already printed).
 */
int table_print(struct table *t, const char *empty)
{
	size_t i;
	int ret = 0;

	if (t->oom)
		ret = runtime_err("out of memory");
	else if (!t->nrows && empty && !t->o->csv && !t->o->no_headers)
		printf("%s\n", empty);
	else
		print_rows(t);
	for (i = 0; t->cells && i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = t->cap = 0;
	return ret;
}
