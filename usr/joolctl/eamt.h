/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV eamt ...": the Explicit Address Mapping Table (RFC 7757).
 */
#ifndef JOOLCTL_EAMT_H
#define JOOLCTL_EAMT_H

#include <stddef.h>

#include "nl.h"
#include "util.h"

int eamt_count(struct jnl *nl, const char *dev, size_t *count);
int cmd_eamt(const char *dev, int argc, char **argv, const struct opts *o);

#endif /* JOOLCTL_EAMT_H */
