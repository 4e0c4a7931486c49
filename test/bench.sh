#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: throughput and small-packet cost through jool_netdev, plain
# IPv6 and IPv4 forwarding, Jool and TAYGA, side by side in one VM run.
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
test/vm/run.sh -t 1800 -- bash test/bench-guest.sh $base_ko
