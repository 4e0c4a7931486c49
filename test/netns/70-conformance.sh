#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# RFC conformance: exact packets in, exact packets out (test/conformance/).
# Arguments select cases by id prefix, e.g. "7915-5.1" or "6052-2.2-len64".
. "$(dirname "$0")/lib.sh"
load_module
trap topo_cleanup EXIT

# The loop runs in this shell (lastpipe), so pass/fail count here.
shopt -s lastpipe
rc=
{
	/usr/bin/python3 -u "$TOP/test/conformance/run.py" "$@" 2>&1
	echo "#status $?"
} | while IFS= read -r line; do
	case $line in
	"ok - "*) pass "${line#ok - }" ;;
	"FAIL - "*) fail "${line#FAIL - }" ;;
	"#status "*) rc=${line#\#status } ;;
	*) echo "$line" ;;
	esac
done
# run.py can fail on its own (setup, a crash) without a FAIL line: count it.
if [ "$rc" != 0 ] && [ "$_failed" -eq 0 ]; then
	fail "run.py exited with status ${rc:-unknown}"
fi
finish
