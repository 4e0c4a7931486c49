#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs inside the test VM: every test/netns/[0-9]*.sh (or those named on the
# command line), each in a clean state, and sums up their results.
set -u
here=$(cd "$(dirname "$0")" && pwd)
passed=0
failed=0
scripts=("$@")
# 71-jool-diff.sh compares with Debian's Jool, which CI does not install:
# it runs when named (make check-jool), not by default.
if [ ${#scripts[@]} -eq 0 ]; then
	for t in "$here"/[0-9]*.sh; do
		[ "${t##*/}" = 71-jool-diff.sh ] || scripts+=("$t")
	done
fi

for t in "${scripts[@]}"; do
	echo "### $(basename "$t")"
	start=$SECONDS
	out=$(mktemp)
	# 20-joolctl.sh alone takes over 10 minutes when the emulated CPU is
	# shared with other VMs; run.sh -t still bounds the whole run.
	timeout 1300 bash "$t" 2>&1 | tee "$out"
	rc=${PIPESTATUS[0]}
	line=$(grep -E '^[^ ]+: [0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
	if [ -n "$line" ]; then
		p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
		f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
	else
		p=0
		f=1
		echo "FAIL - $(basename "$t") ended without a summary (status $rc)"
	fi
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	# A helper the script calls before defining it (or a typo) is
	# bash's error, not a check's: count it, or its checks never ran.
	if grep -E "^$t: line [0-9]+: .*: command not found$" "$out"; then
		echo "FAIL - $(basename "$t") calls commands that do not exist"
		f=$((f + 1))
	fi
	echo "### $(basename "$t"): $((SECONDS - start)) s"
	passed=$((passed + p))
	failed=$((failed + f))
	rm -f "$out"
	# Leave nothing behind for the next script.
	for ns in $(ip netns list | awk '{print $1}'); do
		ip netns del "$ns"
	done
	if lsmod | grep -q '^jool_netdev '; then
		rmmod jool_netdev || { echo "FAIL - rmmod after $(basename "$t")"; failed=$((failed + 1)); }
	fi
done
echo "vm tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
