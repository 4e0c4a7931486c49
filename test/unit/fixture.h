/* SPDX-License-Identifier: GPL-2.0 */
/* Fixtures shared by the test files: configurations, runs of the core. */
#ifndef _JOOL_UNIT_FIXTURE_H
#define _JOOL_UNIT_FIXTURE_H

#include "pkt.h"

#endif
