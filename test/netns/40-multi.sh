#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Several devices: two in one netns with different pool6 translate
# independently; a device of the same name in another netns is independent;
# two devices that route a packet to each other lose a hop per pass, so the
# loop ends by hop limit.
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

# A routing mistake between two devices that share a prefix (a CLAT-style
# jool2 and the SIIT jool0, both 64:ff9b::/96): 64:ff9b::203.0.113.9 goes
# into jool0, 203.0.113.9 into jool2, which makes it 64:ff9b::203.0.113.9
# again... Each device counts the packet that comes out of the other as
# having been through a translator: no hop back. From n6 with hop limit 64:
# the forward into jool0 takes one and jool0 gives it back (64), then every
# forward takes one (63, 62, ...): 64 passes, 32 per device, and the
# forward after the last one (hop limit 1) answers n6 with time exceeded.
# (Before: each device gave every pass its hop back and the packet looped
# forever, one CPU busy with it.)
ip -n xlat link add jool2 type jool
nx "$JOOLCTL" jool2 global set pool6 64:ff9b::/96
ip -n xlat link set jool2 up
ip -n xlat route add 64:ff9b::203.0.113.0/120 dev jool0
ip -n xlat route add 203.0.113.0/24 dev jool2
x0=$(jstat xlat jool0 xlat64)
y0=$(jstat xlat jool2 xlat46)
check "a packet looping between jool0 and jool2 ends: n6 hears time exceeded" \
	sh -c "ip netns exec n6 ping -6 -c 1 -W 3 64:ff9b::203.0.113.9 | grep -q 'Time exceeded: Hop limit'"
sleep 1
x1=$(jstat xlat jool0 xlat64)
y1=$(jstat xlat jool2 xlat46)
sleep 1
x2=$(jstat xlat jool0 xlat64)
y2=$(jstat xlat jool2 xlat46)
check "...after 32 passes through each (jool0 $((x1 - x0)), jool2 $((y1 - y0)))" \
	test "$((x1 - x0))" = 32 -a "$((y1 - y0))" = 32
check "...and nothing more goes round (jool0 +$((x2 - x1)), jool2 +$((y2 - y1)) in 1 s)" \
	test "$x2" = "$x1" -a "$y2" = "$y1"
# Whatever happened, stop any packet still going round.
ip -n xlat route del 203.0.113.0/24 dev jool2
ip -n xlat link del jool2

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
