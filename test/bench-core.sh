#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench-core [BENCH_BASE=COMMIT]: instructions per packet in
# jool_xlat64() / jool_xlat46() (everything they call included), counted by
# callgrind on the host: exact and the same on every run, whatever else the
# machine does. With BENCH_BASE, the same for the src/core/ of COMMIT.
# Only the core: the glue (src/xmit.c...) and the stack need make bench.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
N=${BENCH_CORE_PACKETS:-2000}
CASES="64-tcp-gso 64-udp64 46-tcp-gso 46-udp64"
command -v valgrind >/dev/null ||
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null 2>&1 ||
	{ echo "bench-core: no valgrind (apt-get install valgrind)"; exit 2; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# build NAME TREE: the driver against TREE's core, as $tmp/NAME.
build() {
	cc -O2 -g -Wall -I"$2/include" -I"$2/src" -o "$tmp/$1" \
		test/bench-core.c "$2"/src/core/*.c
}

# count NAME CASE: instructions per packet.
count() {
	local out=$tmp/cg.$1.$2

	valgrind -q --tool=callgrind --callgrind-out-file="$out" \
		--toggle-collect=jool_xlat64 --toggle-collect=jool_xlat46 \
		"$tmp/$1" "$2" "$N" || return 1
	awk -v n="$N" '/^summary:/ { printf "%.0f", $2 / n }' "$out"
}

names=head
build head "$top" || exit 1
if [ -n "${BENCH_BASE:-}" ]; then
	mkdir "$tmp/base.src"
	git archive "$BENCH_BASE" | tar -x -C "$tmp/base.src" &&
		build base "$tmp/base.src" || exit 1
	names="head base"
fi
printf '%-12s' "instr/pkt"
for c in $CASES; do printf '%12s' "$c"; done
echo
for name in $names; do
	printf '%-12s' "$name"
	for c in $CASES; do printf '%12s' "$(count "$name" "$c")"; done
	echo
done
