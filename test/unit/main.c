// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include "unit.h"

unsigned int unit_passed, unit_failed;

int main(void)
{
	srandom(7);
	test_csum();
	test_rfc6052();
	test_xlat();
	test_eamt();
	test_icmp();
	test_drop_icmp();
	test_denylist();
	test_frag();
	test_hairpin();
	printf("%u passed, %u failed\n", unit_passed, unit_failed);
	return unit_failed ? 1 : 0;
}
