#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench-scale: a million NAT64 sessions (BENCH_SCALE_SESSIONS=N for
# another number) through jool_netdev and through Debian's Jool 4.1, in
# one VM run (test/bench-scale-guest.sh says what it measures, and how).
# The VM gets 4 GiB (JOOL_VM_MEM to change it): a million sessions are
# about 128 MB in jool_netdev, more in Jool, and the counters and the dump
# take their share.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
export DEBIAN_FRONTEND=noninteractive
for p in jool-dkms jool-tools bc; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		apt-get install -y -qq "$p" >/dev/null 2>&1 ||
		echo "bench-scale: could not install $p; its row will be missing"
done
n=${BENCH_SCALE_SESSIONS:-1000000}
case $n in
''|*[!0-9]*|0) echo "bench-scale: BENCH_SCALE_SESSIONS must be a positive number"; exit 2 ;;
esac
# slub_debug=- : the VM's kernel line has slub_debug=FZPU (red zones,
# poison), which makes every slab object bigger; the last one given wins.
JOOL_VM_MEM=${JOOL_VM_MEM:-4096} JOOL_VM_APPEND="slub_debug=- ${JOOL_VM_APPEND:-}" \
	test/vm/run.sh -t $((1200 + n / 500)) -- \
	env BENCH_SCALE_SESSIONS="$n" \
	BENCH_SCALE_SECONDS="${BENCH_SCALE_SECONDS:-5}" \
	BENCH_SCALE_POOL4="${BENCH_SCALE_POOL4:-203.0.113.0/24}" \
	bash test/bench-scale-guest.sh
