#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: TCP throughput (with and without offloads), small packets
# at one fixed rate and router CPU per packet through jool_netdev, plain
# IPv6 and IPv4 forwarding, Jool and TAYGA, SIIT and NAT64, side by side in
# one VM run (test/bench-guest.sh says what each number is).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export DEBIAN_FRONTEND=noninteractive
for p in jool-dkms jool-tools tayga bc; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		apt-get install -y -qq "$p" >/dev/null 2>&1 ||
		echo "bench: could not install $p; its row will be missing"
done
# BENCH_BASE=COMMIT: also measure the module as built from COMMIT (A/B).
base_ko=
if [ -n "${BENCH_BASE:-}" ]; then
	base_dir=/var/tmp/jool-bench-base
	rm -rf "$base_dir"
	mkdir -p "$base_dir"
	if git archive "$BENCH_BASE" | tar -x -C "$base_dir" &&
	   make -s -C "$base_dir" module >/dev/null; then
		base_ko=$base_dir/jool_netdev.ko
	else
		echo "bench: could not build $BENCH_BASE; no base row"
	fi
fi
# BENCH_ROUNDS=N: every row N times, medians and spreads (bench-guest.sh).
# BENCH_PERF=1: profiles of jool_netdev and base (linux-perf, installed on
# the host: the VM runs on the host's /usr).
rounds=${BENCH_ROUNDS:-1}
case $rounds in
''|*[!0-9]*|0*) echo "bench: BENCH_ROUNDS must be a positive number (no leading zero)"; exit 2 ;;
esac
# BENCH_PPS=N: the fixed rate of the UDP rows (bench-guest.sh).
case ${BENCH_PPS:-12000} in
''|*[!0-9]*|0*) echo "bench: BENCH_PPS must be a positive number (no leading zero)"; exit 2 ;;
esac
# BENCH_PAIRS=N: also N slices of jool_netdev and fwd6 back to back.
pairs=${BENCH_PAIRS:-0}
case $pairs in
0) ;;
''|*[!0-9]*|0*) echo "bench: BENCH_PAIRS must be a number (no leading zero)"; exit 2 ;;
esac
# BENCH_SECONDS=N: each measurement's length (bench-guest.sh).
secs=${BENCH_SECONDS:-5}
case $secs in
''|*[!0-9]*|0*) echo "bench: BENCH_SECONDS must be a positive number (no leading zero)"; exit 2 ;;
esac
# BENCH_PERF=1: three profiles (two floods, a TCP run) of each of three rows.
perf_t=0
[ "${BENCH_PERF:-0}" = 1 ] && perf_t=$((9 * (2 * secs + 10)))
if [ "${BENCH_PERF:-0}" = 1 ] && ! command -v perf >/dev/null; then
	apt-get install -y -qq linux-perf >/dev/null 2>&1 ||
		echo "bench: could not install linux-perf; no profiles"
fi
# slub_debug=- : the test VM's kernel line has slub_debug=FZPU, whose user
# tracking records a stack trace at every allocation and free: measured,
# it is most of the CPU a small packet costs. The last one given wins.
JOOL_VM_APPEND="slub_debug=- ${JOOL_VM_APPEND:-}" \
	test/vm/run.sh -t $((900 + 600 * rounds + (10 * secs + 60) * pairs + perf_t)) -- \
	env BENCH_ROUNDS="$rounds" BENCH_PERF="${BENCH_PERF:-0}" \
	BENCH_PAIRS="$pairs" \
	BENCH_ROWS="${BENCH_ROWS:-}" BENCH_PPS="${BENCH_PPS:-12000}" \
	BENCH_SECONDS="$secs" BENCH_PINGS="${BENCH_PINGS:-200}" \
	bash test/bench-guest.sh $base_ko
