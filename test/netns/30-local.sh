#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Locally generated traffic is translated too (the 464XLAT CLAT case): an
# IPv4 application on a host whose only network is IPv6 reaches an IPv4
# server through its own jool0 (default route) and the provider's jool0.
#
#   n6: IPv4 app, 198.51.100.6 on its jool0, IPv6-only uplink ("CLAT")
#   xlat: the provider's translator ("PLAT"), as in the basic topology
#   n4: IPv4 server
. "$(dirname "$0")/lib.sh"
load_module
topo_basic
trap topo_cleanup EXIT

# n6 no longer owns 64:ff9b::198.51.100.6: its jool0 stands for it.
ip -n n6 addr del 64:ff9b::198.51.100.6/128 dev v6
n6 sysctl -qw net.ipv6.conf.all.forwarding=1
ip -n n6 link add jool0 type jool
n6 "$JOOLCTL" jool0 global set pool6 64:ff9b::/96
ip -n n6 link set jool0 up
ip -n n6 addr add 198.51.100.6/32 dev jool0
ip -n n6 route add default dev jool0 src 198.51.100.6
ip -n n6 route add 64:ff9b::198.51.100.6/128 dev jool0

check "the IPv6-only host has no IPv4 link" sh -c "! ip -n n6 -4 addr show dev v6 | grep -q inet"
check "ping from an IPv4 socket on the IPv6-only host" n6 ping -4 -c 3 -i 0.2 -W 2 192.0.2.4
iperf3_server n4 -B 192.0.2.4
check "TCP from an IPv4 socket on the IPv6-only host" n6 iperf3 -4 -c 192.0.2.4 -t 2
iperf3_server n4 -B 192.0.2.4
check "TCP to it (reverse)" n6 iperf3 -4 -c 192.0.2.4 -t 2 -R
n4 sh -c 'echo hello-from-v4 | timeout 20 nc -4 -l -N 192.0.2.4 7002' &
wait_listen n4 7002
got=$(n6 timeout 20 nc -4 192.0.2.4 7002 </dev/null)
wait
check "a local IPv4 TCP client reads what the IPv4 server wrote" test "$got" = hello-from-v4

# Local traffic was translated by n6's device, both ways.
check "the host's own jool0 translated IPv4 -> IPv6" gt "$(jstat n6 jool0 xlat46)" 10
check "the host's own jool0 translated IPv6 -> IPv4" gt "$(jstat n6 jool0 xlat64)" 10

finish
