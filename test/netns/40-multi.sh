#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Several devices: two in one netns with different pool6 translate
# independently; a device of the same name in another netns is independent.
. "$(dirname "$0")/lib.sh"
load_module
topo_basic
trap topo_cleanup EXIT

# jool1: pool6 2001:db8:64::/64 (a non-/96 length end to end) handles the
# IPv4 names 198.51.100.128/25. 198.51.100.200 <-> 2001:db8:64:0:c6:3364:c800:0
# and 192.0.2.4 <-> 2001:db8:64:0:c0:2:400:0 (RFC 6052: the u octet skipped).
ip -n xlat link add jool1 type jool
nx "$JOOLCTL" jool1 global set pool6 2001:db8:64::/64
ip -n xlat link set jool1 up
ip -n xlat route add 2001:db8:64:0:c0:2::/96 dev jool1
ip -n xlat route add 198.51.100.128/25 dev jool1
ip -n n6 addr add 2001:db8:64:0:c6:3364:c800:0/128 dev v6 nodad
ip -n xlat route add 2001:db8:64:0:c6:3364:c800:0/128 via 2001:db8:6::6 dev x6

check "jool0 still has its own pool6" sh -c "ip netns exec xlat $JOOLCTL jool0 global show | grep -q '64:ff9b::/96'"
check "jool1 has another pool6" sh -c "ip netns exec xlat $JOOLCTL jool1 global show | grep -q '2001:db8:64::/64'"
check "ping through jool0 (/96)" n6 ping -6 -c 2 -i 0.2 -W 2 64:ff9b::192.0.2.4
check "ping through jool1 (/64)" n6 ping -6 -c 2 -i 0.2 -W 2 -I 2001:db8:64:0:c6:3364:c800:0 2001:db8:64:0:c0:2:400:0
j0=$(jstat xlat jool0 xlat64)
j1=$(jstat xlat jool1 xlat64)
check "jool0 counted only its own (xlat64=$j0)" test "$j0" = 2
check "jool1 counted only its own (xlat64=$j1)" test "$j1" = 2
check "IPv4 host reaches the jool1 name" n4 ping -4 -c 2 -i 0.2 -W 2 198.51.100.200
check "the IPv4 -> IPv6 direction used jool1 too" test "$(jstat xlat jool1 xlat46)" = 4
check "and not jool0" test "$(jstat xlat jool0 xlat46)" = 2

# Another netns with its own jool0: independent configuration and counters.
ip netns add other
ip -n other link add jool0 type jool
ip netns exec other "$JOOLCTL" jool0 global set pool6 2001:db8:ffff::/96
check "same name, other netns: its own pool6" sh -c "ip netns exec other $JOOLCTL jool0 global show | grep -q '2001:db8:ffff::/96'"
check "the first netns is unchanged" sh -c "ip netns exec xlat $JOOLCTL jool0 global show | grep -q '64:ff9b::/96'"
check "the other device counted nothing" test "$(jstat other jool0 xlat64)" = 0
check "moving a jool device to another netns is refused" sh -c "! ip -n other link set jool0 netns xlat 2>/dev/null"
ip netns del other

finish
