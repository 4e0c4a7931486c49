#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# RFC 6146 conformance: exact packets through a NAT64 device, flow by flow,
# with its session and BIB tables checked between the packets
# (test/conformance/cases/rfc6146.py). The module is loaded with
# test_short_timeouts=1, so that flows can watch sessions expire within
# seconds. Arguments select flows by id prefix ("6146-3.5.2").
. "$(dirname "$0")/lib.sh"
if ! lsmod | grep -q '^jool_netdev '; then
	modprobe gro_cells 2>/dev/null
	modprobe nf_defrag_ipv6 2>/dev/null
	insmod "$MODULE" test_short_timeouts=1 || { echo "cannot load $MODULE"; exit 1; }
fi
install_plugin
trap topo_cleanup EXIT

if [ $# -eq 0 ]; then
	conformance_run 6146
else
	conformance_run "$@"
fi
finish
