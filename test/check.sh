#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: the unit tests and the fuzz targets on the host, then the
# end-to-end tests in a VM booting Debian's own kernel. Ends with one line
# "N passed, M failed". FUZZ_SECONDS (default 60) is each fuzz target's
# time; 0 skips fuzzing.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
passed=0
failed=0

add_counts() {
	local line=$1
	passed=$((passed + $(echo "$line" | sed -E 's/.*\b([0-9]+) passed.*/\1/')))
	failed=$((failed + $(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')))
}

echo "== unit tests (userspace, src/core) =="
make -s -C test/unit unit_tests >/dev/null || { echo "unit tests: build failed"; failed=$((failed + 1)); }
if [ -x test/unit/unit_tests ]; then
	test/unit/unit_tests | tee /tmp/jool-unit.$$
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' /tmp/jool-unit.$$ | tail -n 1)
	if [ -n "$line" ]; then add_counts "$line"; else failed=$((failed + 1)); fi
	rm -f /tmp/jool-unit.$$
fi

echo "== joolctl unit tests (usr/test: configuration files, monitor events) =="
make -s -C usr test | tee /tmp/jool-usr.$$
# One "NAME: N passed, M failed" line per test program, each counted.
lines=$(grep -E '^[^ ]+: [0-9]+ passed, [0-9]+ failed' /tmp/jool-usr.$$)
if [ -n "$lines" ]; then
	while IFS= read -r line; do add_counts "$line"; done <<<"$lines"
else
	failed=$((failed + 1))
fi
rm -f /tmp/jool-usr.$$

echo "== fuzz (libFuzzer, src/core; ${FUZZ_SECONDS:-60} s per target) =="
if [ "${FUZZ_SECONDS:-60}" = 0 ]; then
	echo "skip - fuzzing (FUZZ_SECONDS=0)"
elif ! make -s -C test/fuzz >/tmp/jool-fuzz-build.$$ 2>&1; then
	cat /tmp/jool-fuzz-build.$$
	echo "fuzz targets: build failed"
	failed=$((failed + 1))
else
	FUZZ_SECONDS=${FUZZ_SECONDS:-60} test/fuzz/run.sh | tee /tmp/jool-fuzz.$$
	line=$(grep -E '^fuzz: [0-9]+ passed, [0-9]+ failed' /tmp/jool-fuzz.$$ | tail -n 1)
	if [ -n "$line" ]; then add_counts "$line"; else failed=$((failed + 1)); fi
fi
rm -f /tmp/jool-fuzz.$$ /tmp/jool-fuzz-build.$$

echo "== docs (the man page's COUNTERS against include/uapi/jool_stats.h) =="
test/docs_counters.sh | tee /tmp/jool-docs.$$
line=$(grep -E '[0-9]+ passed, [0-9]+ failed' /tmp/jool-docs.$$ | tail -n 1)
if [ -n "$line" ]; then add_counts "$line"; else failed=$((failed + 1)); fi
rm -f /tmp/jool-docs.$$
echo "== docs (docs/joolctl.8 against the globals, commands, aliases and options) =="
test/docs_man.sh | tee /tmp/jool-docs.$$
line=$(grep -E '^docs-man: [0-9]+ passed, [0-9]+ failed' /tmp/jool-docs.$$ | tail -n 1)
if [ -n "$line" ]; then add_counts "$line"; else failed=$((failed + 1)); fi
rm -f /tmp/jool-docs.$$

echo "== bash completion (usr/completion/joolctl against joolctl) =="
test/completion.sh | tee /tmp/jool-comp.$$
line=$(grep -E '^completion: [0-9]+ passed, [0-9]+ failed' /tmp/jool-comp.$$ | tail -n 1)
if [ -n "$line" ]; then add_counts "$line"; else failed=$((failed + 1)); fi
rm -f /tmp/jool-comp.$$

echo "== jool-netdev-setup (its reading of configuration files, --dry-run) =="
test/setup.sh | tee /tmp/jool-setup.$$
line=$(grep -E '^setup: [0-9]+ passed, [0-9]+ failed' /tmp/jool-setup.$$ | tail -n 1)
if [ -n "$line" ]; then add_counts "$line"; else failed=$((failed + 1)); fi
rm -f /tmp/jool-setup.$$

echo "== style (checkpatch.pl) =="
if test/style.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

# The debug module, for test/netns/05-selftest.sh (which fails without it).
echo "== debug module (make debug) =="
make -s debug >/tmp/jool-debug.$$ 2>&1 || { cat /tmp/jool-debug.$$; echo "debug module: build failed"; }
rm -f /tmp/jool-debug.$$

echo "== VM tests (Debian kernel under QEMU) =="
vmout=$(mktemp -d /var/tmp/jool-check.XXXXXX)
test/vm/run.sh -t 4200 -o "$vmout" -- bash test/netns/run-all.sh ${JOOL_TESTS:-} | tee "$vmout/log"
vmrc=${PIPESTATUS[0]}
line=$(grep -E '^vm tests: [0-9]+ passed, [0-9]+ failed' "$vmout/log" | tail -n 1)
# The console log holds the same lines, should the live view have missed them.
[ -n "$line" ] || line=$(sed 's/\r$//' "$vmout/console.log" 2>/dev/null |
	grep -E '^vm tests: [0-9]+ passed, [0-9]+ failed' | tail -n 1)
if [ -n "$line" ]; then
	add_counts "$line"
else
	failed=$((failed + 1))
fi
if [ "$vmrc" = 125 ]; then
	echo "FAIL - the VM run failed or its kernel log is not clean (see $vmout)"
	failed=$((failed + 1))
elif [ "$vmrc" = 0 ]; then
	rm -rf "$vmout"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
