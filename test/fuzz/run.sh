#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs the fuzz targets for FUZZ_SECONDS each (default 60), one after the
# other, on seeds made from the conformance cases (seeds.py). One line per
# target, "ok - fuzz/T: ..." or "FAIL - fuzz/T: ...", then
# "fuzz: N passed, M failed". A target passes when it ran its time without
# a crash; a crash leaves its input in the kept work directory (and, in
# base64, in the output, for CI logs).
#
#   run.sh [TARGET...]         every target by default (make first)
set -u
here=$(cd "$(dirname "$0")" && pwd)
secs=${FUZZ_SECONDS:-60}
targets=("$@")
[ ${#targets[@]} -gt 0 ] ||
	targets=(xlat64 xlat46 icmp_err64 icmp_err46 drop_icmp tables)
passed=0
failed=0

work=$(mktemp -d /var/tmp/jool-fuzz.XXXXXX)
keep=
if ! /usr/bin/python3 "$here/seeds.py" "$work/seeds"; then
	# Fuzzing still works without seeds, only slower to get anywhere.
	echo "# no seeds (scapy missing?): starting from empty corpora"
fi

for t in "${targets[@]}"; do
	corpus=$work/corpus/$t
	mkdir -p "$corpus" "$work/crash/$t"
	[ -d "$work/seeds/$t" ] && cp "$work/seeds/$t"/* "$corpus/" 2>/dev/null
	if [ ! -x "$here/$t" ]; then
		echo "FAIL - fuzz/$t: not built (make -C test/fuzz)"
		failed=$((failed + 1))
		continue
	fi
	log=$work/$t.log
	"$here/$t" -max_total_time="$secs" -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$work/crash/$t/" "$corpus" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -n 1)
	crash=$(ls "$work/crash/$t" 2>/dev/null | head -n 1)
	if [ "$rc" = 0 ] && [ -z "$crash" ]; then
		echo "ok - fuzz/$t: ${execs:-?} runs in ${secs} s, ${cov:-no stats}"
		passed=$((passed + 1))
		continue
	fi
	echo "FAIL - fuzz/$t: exit $rc after ${execs:-?} runs, ${cov:-no stats}"
	grep -E 'invariant|ERROR: |runtime error|SUMMARY' "$log" | head -n 5 |
		sed 's/^/    | /'
	if [ -n "$crash" ]; then
		echo "    | input: $work/crash/$t/$crash; base64:"
		base64 -w 76 "$work/crash/$t/$crash" | sed 's/^/    | /'
		echo "    | reproduce: base64 -d > in; test/fuzz/$t in"
	fi
	failed=$((failed + 1))
	keep=1
done

if [ -n "$keep" ]; then
	echo "# kept $work"
else
	rm -rf "$work"
fi
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
