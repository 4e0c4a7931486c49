/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl [DEV] monitor": the NAT64 mapping log events (monitor.c).
 */
#ifndef JOOLCTL_MONITOR_H
#define JOOLCTL_MONITOR_H

#include "cmd.h"
#include "util.h"

#define MONITOR_ARGS	"[bib | session | all] [rcvbuf BYTES]"

int monitor_dev(const struct call *c, int argc, char **argv);
int monitor_all(int argc, char **argv, const struct opts *o);

#endif /* JOOLCTL_MONITOR_H */
