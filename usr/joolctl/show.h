/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV show" and "joolctl DEV global show", in text and JSON.
 */
#ifndef JOOLCTL_SHOW_H
#define JOOLCTL_SHOW_H

#include <stdbool.h>

#include "cmd.h"
#include "prefix.h"

const char *mode_name(int mode, char *buf, size_t size);
int device_basics(const char *dev, int *mode, struct prefix *pool6,
		  bool *has_pool6);
struct gvalue;
int device_config(const char *dev, int *mode, struct gvalue *vals);
int show_globals(const char *dev, const struct opts *o);
int cmd_show(const struct call *c, int argc, char **argv);

#endif /* JOOLCTL_SHOW_H */
