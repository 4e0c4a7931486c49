/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one printer of every table dump (eamt, denylist4, pool4, bib,
 * session, stats, global show): rows of cells, printed as aligned text or
 * as CSV (--csv), with a header row unless --no-headers.
 */
#ifndef JOOLCTL_TABLE_H
#define JOOLCTL_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct table {
	const struct opts *o;
	const char *const *heads;	/* the column names */
	unsigned int ncols;
	const char *sep;		/* text: between columns ("  ") */
	const int *min;			/* text: least widths, or NULL */
	char **cells;			/* row by row, ncols each */
	size_t nrows;
	size_t cap;
	bool oom;
};

void table_init(struct table *t, const struct opts *o,
		const char *const *heads, unsigned int ncols);
void table_row(struct table *t, ...);
int table_print(struct table *t, const char *empty);

#endif /* JOOLCTL_TABLE_H */
