#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: boots Debian's kernel in a VM and shows an IPv6-only namespace
# reaching an IPv4-only one through jool0, printing each command it runs.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
echo "demo: booting a VM with Debian's kernel (software emulation: give it a minute)..."
test/vm/run.sh -- bash test/demo-guest.sh
