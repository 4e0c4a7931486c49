/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test files, one line each, in the order "unit_tests" runs them:
 * UNIT_SUITE(x) stands for the table x_tests[] of test_x.c. No include
 * guard: unit.h and main.c include it with UNIT_SUITE defined.
 */
UNIT_SUITE(csum)
UNIT_SUITE(rfc6052)
UNIT_SUITE(xlat)
UNIT_SUITE(eamt)
UNIT_SUITE(icmp)
UNIT_SUITE(drop_icmp)
UNIT_SUITE(denylist)
UNIT_SUITE(frag)
UNIT_SUITE(hairpin)
UNIT_SUITE(icmp_err)
UNIT_SUITE(pool4)
UNIT_SUITE(too_big)
UNIT_SUITE(port_alloc)
UNIT_SUITE(tcp_state)
UNIT_SUITE(nat64)
UNIT_SUITE(tunnel)
UNIT_SUITE(determ)
