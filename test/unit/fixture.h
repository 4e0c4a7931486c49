/* SPDX-License-Identifier: GPL-2.0 */
/* Fixtures shared by the test files: configurations, runs of the core. */
#ifndef _JOOL_UNIT_FIXTURE_H
#define _JOOL_UNIT_FIXTURE_H

#include "pkt.h"

struct xlat_cfg cfg_pool6(const char *prefix);
__be32 a4(const char *s);
unsigned int assemble(uint8_t *out, const struct tpkt *in,
		      const struct xlat_pkt *x);
enum xlat_verdict run64(const struct xlat_cfg *cfg, struct tpkt *p,
			struct xlat_pkt *x, uint8_t bump, unsigned int linear);
enum xlat_verdict run46(const struct xlat_cfg *cfg, struct tpkt *p,
			struct xlat_pkt *x, uint8_t bump);

#endif
