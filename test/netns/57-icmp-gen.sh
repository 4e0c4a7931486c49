#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ICMP errors the translator itself sends for packets it drops (RFC 7915
# 4.4, 5.4; 4.1 source route; 5.1 routing header; 5.1.1 an extension header
# after the Fragment Header; protocols of the other IP version), checked
# field by field by icmp_gen_probe.py in the sender's namespace, with their
# counters; and the "logging-debug" line of a drop.
. "$(dirname "$0")/lib.sh"
load_module
topo_basic
trap topo_cleanup EXIT

probe() { ip netns exec "$1" /usr/bin/python3 "$TOP/test/netns/icmp_gen_probe.py" "$2"; }

# Deterministic: no rate limit on the translator's errors during the test.
nx sysctl -qw net.ipv4.icmp_ratelimit=0
nx sysctl -qw net.ipv6.icmp.ratelimit=0
# An IPv6 prefix routed into jool0 that neither pool6 nor the EAMT covers.
ip -n xlat route add 2001:db8:dead::/48 dev jool0

# check_counted TEXT CMD...: CMD succeeds and moves COUNTER by exactly N,
# icmp-sent by exactly SENT (set before the call).
check_counted() {
	local what=$1 c0 s0 c1 s1
	shift
	c0=$(jstat xlat jool0 "$COUNTER")
	s0=$(jstat xlat jool0 icmp-sent)
	check "$what" "$@"
	c1=$(jstat xlat jool0 "$COUNTER")
	s1=$(jstat xlat jool0 icmp-sent)
	check "...counted once as $COUNTER (counted $((c1 - c0)))" test "$((c1 - c0))" = 1
	check "...and $SENT error(s) counted as icmp-sent (counted $((s1 - s0)))" \
		test "$((s1 - s0))" = "$SENT"
}

COUNTER=dst6-untranslatable SENT=1
check_counted "5.4: untranslatable IPv6 destination -> ICMPv6 1/1 quoting the packet" \
	probe n6 v6-untranslatable
COUNTER=ext6-unsupported SENT=1
check_counted "5.1: routing header with segments left -> ICMPv6 4/0, pointer 43" \
	probe n6 v6-routing
COUNTER=ext6-after-frag SENT=1
check_counted "5.1.1: extension header after the Fragment Header -> ICMPv6 1/1" \
	probe n6 v6-frag-then-ext
COUNTER=proto-untranslatable SENT=1
check_counted "ICMPv4 (next header 1) in IPv6 is not translated -> ICMPv6 1/1" \
	probe n6 v6-icmp4
check_counted "IGMP (next header 2) in IPv6 is not translated -> ICMPv6 1/1" \
	probe n6 v6-igmp
check_counted "ICMPv6 (protocol 58) in IPv4 is not translated -> ICMPv4 3/13" \
	probe n4 v4-icmp6
COUNTER=dst6-untranslatable SENT=0
check_counted "5.4: no error about an ICMPv6 message" probe n6 v6-echo-untranslatable
COUNTER=udp-zero-csum SENT=1
check_counted "4.4: IPv4 UDP with a zero checksum -> ICMPv4 3/13 quoting the packet" \
	probe n4 v4-udp-zero

# The kernel drops source-routed packets unless told to accept them.
nx sysctl -qw net.ipv4.conf.all.accept_source_route=1
nx sysctl -qw net.ipv4.conf.x4.accept_source_route=1
COUNTER=src-route SENT=1
check_counted "4.1: unfinished loose source route -> ICMPv4 3/5" probe n4 v4-lsrr

nx "$JOOLCTL" jool0 global set pool6 none
COUNTER=no-pool6 SENT=1
check_counted "4.4: echo request with nothing to translate it -> ICMPv4 3/13" \
	probe n4 v4-echo-no-pool6
nx "$JOOLCTL" jool0 global set pool6 64:ff9b::/96

# logging-debug: one line naming the addresses and the reason. (The
# kernel log is never cleared: the VM runner checks all of it at the end.)
logline='jool0: dropped IPv6 packet 64:ff9b::c633:6406 -> 2001:db8:dead::1, next header 17: DST6_UNTRANSLATABLE'
nlog() { dmesg | grep -c "$logline"; }
if nx "$JOOLCTL" jool0 global set logging-debug true 2>/dev/null; then
	before=$(nlog)
	probe n6 v6-untranslatable >/dev/null
	check "logging-debug logs the drop and its reason" test "$(nlog)" = $((before + 1))
	nx "$JOOLCTL" jool0 global set logging-debug false
	before=$(nlog)
	probe n6 v6-untranslatable >/dev/null
	check "...and nothing once it is off" test "$(nlog)" = "$before"
else
	fail "joolctl cannot set logging-debug"
fi
finish
