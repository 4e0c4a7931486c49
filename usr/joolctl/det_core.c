// SPDX-License-Identifier: GPL-2.0
/*
 * joolctl's door to the module's RFC 7422 arithmetic (src/core/determ.c,
 * linked in as core_determ.o): the core's headers and libnl's do not mix
 * (both define struct tcphdr), so this file sees only the core's.
 */
#include <string.h>
#include "core/determ.h"
#include "determ.h"

/**
 * det_check() - jool_det_shape() on a mapping given as plain values
 * @in: the mapping
 * @out: out: its numbers
 *
 * Return: 0 or the &enum jool_cfg_err that refuses it.
 */
int det_check(const struct det_input *in, struct det_numbers *out)
{
	struct det_cfg d = {
		.set6 = true, .set4 = true, .sub_len = in->sub_len,
		.port_min = in->port_min, .port_max = in->port_max,
	};
	struct det_shape s;
	int why;

	memcpy(&d.p6.addr, in->p6, 16);
	d.p6.len = in->len6;
	memcpy(&d.p4.addr, in->p4, 4);
	d.p4.len = in->len4;
	why = jool_det_shape(&d, &s);
	out->subscribers = s.subscribers;
	out->addrs = s.addrs;
	out->per_addr = s.per_addr;
	out->ports = s.ports;
	out->per_sub = s.per_sub;
	return why;
}
