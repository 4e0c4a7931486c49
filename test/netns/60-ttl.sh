#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The translator is one router hop, no more (traceroute sees one hop before
# the destination) and no less (a routing loop through jool0 dies by TTL).
. "$(dirname "$0")/lib.sh"
load_module
topo_basic
trap topo_cleanup EXIT

# TTL 2 from n6: decremented once by xlat, arrives with 1. TTL 1: dropped
# by xlat's forward with a native time exceeded.
check "hop limit 2 is enough through the translator (IPv6 -> IPv4)" n6 ping -6 -c 1 -W 2 -t 2 64:ff9b::192.0.2.4
check "TTL 2 is enough through the translator (IPv4 -> IPv6)" n4 ping -4 -c 1 -W 2 -t 2 198.51.100.6
check "hop limit 1 is not (IPv6 -> IPv4)" sh -c "! ip netns exec n6 ping -6 -c 1 -W 2 -t 1 64:ff9b::192.0.2.4"
check "TTL 1 is not (IPv4 -> IPv6)" sh -c "! ip netns exec n4 ping -4 -c 1 -W 2 -t 1 198.51.100.6"
# ...and the sender hears it in its own family, from the translator's
# address on its side.
check "hop limit 1: ICMPv6 time exceeded from 2001:db8:6::1" sh -c \
	"ip netns exec n6 ping -6 -c 1 -W 2 -t 1 64:ff9b::192.0.2.4 | grep -q 'From 2001:db8:6::1 icmp_seq=1 Time exceeded: Hop limit'"
check "TTL 1: ICMPv4 time exceeded from 192.0.2.1" sh -c \
	"ip netns exec n4 ping -4 -c 1 -W 2 -t 1 198.51.100.6 | grep -q 'From 192.0.2.1 icmp_seq=1 Time to live exceeded'"

# A loop: 203.0.113.0/24 -> jool0 -> 64:ff9b::203.0.113.x -> jool0 -> ...
ip -n xlat route add 203.0.113.0/24 dev jool0
ip -n xlat route add 64:ff9b::203.0.113.0/120 dev jool0
before=$(( $(jstat xlat jool0 xlat46) + $(jstat xlat jool0 xlat64) ))
n4 ping -4 -c 1 -W 1 -t 64 203.0.113.1 >/dev/null 2>&1
sleep 2
after1=$(( $(jstat xlat jool0 xlat46) + $(jstat xlat jool0 xlat64) ))
sleep 2
after2=$(( $(jstat xlat jool0 xlat46) + $(jstat xlat jool0 xlat64) ))
passes=$((after1 - before))
check "a routing loop through jool0 ends ($passes translations)" test "$after1" = "$after2"
check "it ends by TTL: at most 64 passes ($passes)" test "$passes" -le 64 -a "$passes" -ge 30

finish
