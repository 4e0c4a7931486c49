#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# RFC conformance: exact packets in, exact packets out (test/conformance/).
# Arguments select cases by id prefix, e.g. "7915-5.1" or "6052-2.2-len64".
# Without them, every case but RFC 6146's (72-nat64-conformance.sh runs
# those, with the module parameter their timers need).
. "$(dirname "$0")/lib.sh"
load_module
trap topo_cleanup EXIT

if [ $# -eq 0 ]; then
	conformance_run --exclude 6146
else
	conformance_run "$@"
fi
finish
