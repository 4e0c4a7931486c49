#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The debug module (make debug: build/debug/jool_netdev.ko) runs the NAT64
# state tables' selftest when it loads (src/selftest/state.c); a failing
# selftest refuses the load. Then a NAT64 device with pool4 and a static
# BIB entry lives and dies with pr_debug on.
. "$(dirname "$0")/lib.sh"
DEBUG_KO=$TOP/build/debug/jool_netdev.ko

if [ ! -f "$DEBUG_KO" ]; then
	fail "no $DEBUG_KO (make debug)"
	finish
	exit
fi
install_plugin
modprobe gro_cells 2>/dev/null
modprobe nf_defrag_ipv6 2>/dev/null
dmesg -C
check "the debug module loads" insmod "$DEBUG_KO"
check "state selftest: pass" sh -c 'dmesg | grep -q "state selftest: pass"'
check "no selftest failure reported" sh -c '! dmesg | grep "state selftest: line"'
ip netns add st
st() { ip netns exec st "$@"; }
check "a nat64 device on the debug module" ip -n st link add nat64 type jool mode nat64 pool6 64:ff9b::/96
check "pool4" st "$JOOLCTL" nat64 pool4 add 192.0.2.0/30
check "a static BIB entry" st "$JOOLCTL" nat64 bib add udp 192.0.2.1#61001 2001:db8::1#53
check "the entry is shown" sh -c "ip netns exec st $JOOLCTL -j nat64 bib show udp | grep -q 2001:db8::1"
ip netns del st
check "rmmod" rmmod jool_netdev
finish
