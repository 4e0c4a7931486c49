#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The demo, as run inside the VM by test/demo.sh: every command is printed
# before it runs, so the output reads as a tutorial.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$TOP/usr/joolctl:$PATH"
# Let "ip" find the plugin that prints jool's attributes (ip -d link).
cp "$TOP/usr/iproute2/link_jool.so" /usr/lib/x86_64-linux-gnu/ip/ 2>/dev/null ||
	{ mkdir -p /usr/lib/x86_64-linux-gnu/ip && cp "$TOP/usr/iproute2/link_jool.so" /usr/lib/x86_64-linux-gnu/ip/; }

say() { printf '\n\033[1m# %s\033[0m\n' "$*"; }
run() { printf '\033[32m$ %s\033[0m\n' "$*"; "$@"; }

say "Load the module (a real host would use: modprobe jool_netdev, or let 'ip link add' autoload it)"
run insmod "$TOP/jool_netdev.ko"

say "Three network namespaces: n6 is IPv6-only, n4 is IPv4-only, xlat routes between them"
for ns in n6 xlat n4; do run ip netns add $ns; done
run ip link add v6 netns n6 type veth peer name x6 netns xlat
run ip link add v4 netns n4 type veth peer name x4 netns xlat
for l in "n6 v6" "n4 v4" "xlat x6" "xlat x4" "n6 lo" "n4 lo" "xlat lo"; do
	set -- $l
	ip -n "$1" link set "$2" up
done
run ip -n n6 addr add 2001:db8:6::6/64 dev v6 nodad
run ip -n n6 addr add 64:ff9b::198.51.100.6/128 dev v6 nodad
run ip -n xlat addr add 2001:db8:6::1/64 dev x6 nodad
run ip -n n4 addr add 192.0.2.4/24 dev v4
run ip -n xlat addr add 192.0.2.1/24 dev x4
run ip -n n6 route add default via 2001:db8:6::1
run ip -n n4 route add default via 192.0.2.1
run ip netns exec xlat sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1

say "The translator: a net device. pool6 64:ff9b::/96 (RFC 6052) maps every IPv4 address into IPv6"
run ip -n xlat link add jool0 type jool
run ip netns exec xlat joolctl jool0 global set pool6 64:ff9b::/96
run ip -n xlat link set jool0 up
say "Routes decide what gets translated: IPv6 names of IPv4 hosts, and the IPv4 name of the IPv6 host"
run ip -n xlat route add 64:ff9b::192.0.2.0/120 dev jool0
run ip -n xlat route add 198.51.100.0/24 dev jool0
run ip -n xlat route add 64:ff9b::198.51.100.6/128 via 2001:db8:6::6 dev x6

say "What the device looks like"
run ip -n xlat -d link show jool0
run ip netns exec xlat joolctl jool0 show

say "The IPv6-only host pings the IPv4-only host as 64:ff9b::192.0.2.4"
run ip netns exec n6 ping -6 -c 3 -i 0.3 64:ff9b::192.0.2.4
say "The IPv4-only host pings the IPv6-only host as 198.51.100.6"
run ip netns exec n4 ping -4 -c 3 -i 0.3 198.51.100.6

say "A TCP transfer from the IPv6-only host to an IPv4-only server (iperf3)"
ip netns exec n4 iperf3 -s -D -1 -B 192.0.2.4 >/dev/null
for i in $(seq 50); do
	ip netns exec n4 ss -Hltn "sport = :5201" | grep -q . && break
	sleep 0.2
done
run ip netns exec n6 iperf3 -c 64:ff9b::192.0.2.4 -t 3 -f m

say "Counters: packets in and out of the device, and why any were dropped"
run ip -n xlat -s link show jool0
run ip netns exec xlat joolctl jool0 stats

say "Done. Cleaning up."
for ns in n6 xlat n4; do ip netns del $ns; done
rmmod jool_netdev
echo "demo: OK"
