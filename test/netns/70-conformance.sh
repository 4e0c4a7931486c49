#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# RFC conformance: exact packets in, exact packets out (test/conformance/).
# Arguments select cases by id prefix, e.g. "7915-5.1" or "6052-2.2-len64".
. "$(dirname "$0")/lib.sh"
load_module
trap topo_cleanup EXIT

conformance_run "$@"
finish
