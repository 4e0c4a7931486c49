// SPDX-License-Identifier: GPL-2.0
/* Fixtures shared by the test files: configurations, runs of the core. */
#include "fixture.h"
