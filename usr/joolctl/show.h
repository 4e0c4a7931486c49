/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV show" and "joolctl DEV global show", in text and JSON.
 */
#ifndef JOOLCTL_SHOW_H
#define JOOLCTL_SHOW_H

#include "util.h"

int show_globals(const char *dev, const struct opts *o);
int cmd_show(const char *dev, int argc, char **argv, const struct opts *o);

#endif /* JOOLCTL_SHOW_H */
