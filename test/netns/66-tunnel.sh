#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Tunnels whose outer packets cross jool0 (design.md, "Tunnels through the
# translator"): an ip6ip6 tunnel on the IPv6 side meets a SIT tunnel on the
# IPv4 side, and VXLAN over IPv6 meets VXLAN over IPv4 (outer UDP
# translated; over IPv4 its checksum is zero, which IPv6 does not allow).
# iperf3 TCP inside each, both directions: the tunnel devices leave the
# inner TCP checksum partial (csum_start on the inner header), and their
# GSO packets are segmented on the way into jool0.
#
# The translator's egresses finish checksums in software, so a csum_start
# that moved or an outer UDP checksum that is wrong corrupts what the far
# side gets, and its stack counts it.
. "$(dirname "$0")/lib.sh"
load_module
topo_basic
trap topo_cleanup EXIT

soft_csum_egress
nx "$JOOLCTL" jool0 global set amend-udp-checksum-zero true

# Inner MTU: IPv6's minimum for the IPv6 tunnels (their outer packets carry
# DF, or are IPv6); 1200 for VXLAN, whose IPv4 packets have no DF and fit
# lowest-ipv6-mtu (1280) translated, so they are not cut.
ip -n n6 link add t6 type ip6tnl mode ip6ip6 \
	local 64:ff9b::198.51.100.6 remote 64:ff9b::192.0.2.4
ip -n n4 link add t4 type sit local 192.0.2.4 remote 198.51.100.6
ip -n n6 link add vx6 type vxlan id 42 dstport 4789 \
	local 64:ff9b::198.51.100.6 remote 64:ff9b::192.0.2.4
ip -n n4 link add vx4 type vxlan id 42 dstport 4789 \
	local 192.0.2.4 remote 198.51.100.6
ip -n n6 link set t6 mtu 1280 up
ip -n n4 link set t4 mtu 1280 up
ip -n n6 link set vx6 mtu 1200 up
ip -n n4 link set vx4 mtu 1200 up
ip -n n6 addr add fd00:66::6/64 dev t6 nodad
ip -n n4 addr add fd00:66::4/64 dev t4 nodad
ip -n n6 addr add 10.66.0.6/24 dev vx6
ip -n n4 addr add 10.66.0.4/24 dev vx4

# iperf_bytes NS ARGS...: an iperf3 client run; prints the bytes received.
iperf_bytes() {
	local ns=$1
	shift
	ip netns exec "$ns" timeout 30 iperf3 -J "$@" |
		/usr/bin/python3 -c 'import json, sys; print(int(json.load(sys.stdin)["end"]["sum_received"]["bytes"]))' 2>/dev/null ||
		echo 0
}

# tcp_both NAME SERVER_NS SERVER_ADDR CLIENT_NS: iperf3 TCP, then -R.
tcp_both() {
	local name=$1 sns=$2 saddr=$3 cns=$4 dir bytes

	for dir in "" -R; do
		iperf3_server "$sns" -B "$saddr"
		bytes=$(iperf_bytes "$cns" -c "$saddr" -t 3 $dir)
		check "$name: iperf3 TCP $cns -> $sns${dir:+ (-R)}: $bytes bytes" \
			gt "$bytes" 100000
	done
}

# Let the tunnels settle (VXLAN learns the inner neighbours through them).
n6 ping -6 -c 2 -i 0.2 -W 2 fd00:66::4 >/dev/null
n6 ping -4 -c 2 -i 0.2 -W 2 10.66.0.4 >/dev/null

check "ip6ip6 <-> sit: ping" n6 ping -6 -c 3 -i 0.2 -W 2 fd00:66::4
tcp_both "ip6ip6/sit" n4 fd00:66::4 n6
tcp_both "sit/ip6ip6" n6 fd00:66::6 n4

check "VXLAN: ping" n6 ping -4 -c 3 -i 0.2 -W 2 10.66.0.4
tcp_both "VXLAN 6/4" n4 10.66.0.4 n6
tcp_both "VXLAN 4/6" n6 10.66.0.6 n4

# Nothing dropped, no receiver saw a bad checksum.
nonzero_drops() {
	ip netns exec xlat "$JOOLCTL" -j jool0 stats --all |
		/usr/bin/python3 -c '
import json, sys
j = json.load(sys.stdin)
bad = {k: v for k, v in j.items() if v and k not in ("xlat64", "xlat46")}
print(bad)
sys.exit(1 if bad else 0)'
}
check "csum-failed 0" test "$(jstat xlat jool0 csum-failed)" = 0
check "csum-partial-layout 0" test "$(jstat xlat jool0 csum-partial-layout)" = 0
check "no drop counted" nonzero_drops
incsum() {
	ip netns exec "$1" nstat -az |
		awk '/InCsumErrors/ { s += $2 } END { print s + 0 }'
}
check "no checksum errors at the IPv4 host" test "$(incsum n4)" = 0
check "no checksum errors at the IPv6 host" test "$(incsum n6)" = 0
check "the tunnels crossed jool0 (6->4)" gt "$(jstat xlat jool0 xlat64)" 1000
check "the tunnels crossed jool0 (4->6)" gt "$(jstat xlat jool0 xlat46)" 1000

finish
