/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reading of an add-file FILE (eamt, denylist4): lines of words, with
 * blank lines and text after '#' ignored, every error named FILE:LINE.
 */
#ifndef JOOLCTL_LINES_H
#define JOOLCTL_LINES_H

/* The most words a line is split into; one more is reported as extra. */
#define LINE_WORDS	4

/*
 * Called for each line with words: @word[0..@n-1] (@n at most LINE_WORDS;
 * LINE_WORDS means "or more"). Returns the exit status.
 */
typedef int (*line_fn)(char **word, int n, const char *file,
		       unsigned long lineno, void *arg);

const char *lines_file_shown(const char *path);
int lines_read(const char *what, const char *path, const char *file,
	       line_fn fn, void *arg);

#endif /* JOOLCTL_LINES_H */
