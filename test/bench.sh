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
test/vm/run.sh -t 1800 -- bash test/bench-guest.sh
