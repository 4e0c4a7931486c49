/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV deterministic ...": RFC 7422 deterministic mode (NAT64).
 */
#ifndef JOOLCTL_DETERM_H
#define JOOLCTL_DETERM_H

#include <stdint.h>
#include "cmd.h"

/* At most 2^32 subscribers (JOOL_DET_MAX_BITS of core/determ.h). */
#define DET_MAX_BITS 32

/* A mapping, as det_check() takes it (network order addresses). */
struct det_input {
	uint8_t p6[16];
	uint8_t len6;
	uint8_t sub_len;
	uint8_t p4[4];
	uint8_t len4;
	uint32_t port_min;
	uint32_t port_max;
};

/* Its numbers (&struct det_shape of core/determ.h). */
struct det_numbers {
	uint64_t subscribers;
	uint64_t addrs;
	uint64_t per_addr;
	uint32_t ports;
	uint32_t per_sub;
};

int det_check(const struct det_input *in, struct det_numbers *out);

extern const struct cmd_group deterministic_group;

#endif /* JOOLCTL_DETERM_H */
