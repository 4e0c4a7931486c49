#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# One pass (issue 10): a forwarded packet, once translated, goes straight
# to PREROUTING and the input route, as received on jool0, without the
# second trip through the receive queue; what needs the receive path (a
# tap, tc ingress, locally generated traffic) still takes it (counted:
# RX_QUEUED). Either way the translated packet is seen as received on
# jool0: nftables prerouting/forward rules on iifname jool0, conntrack,
# policy rules on iif jool0 and rp_filter apply to it. Its input route
# comes from a cache when it can (rx_route.c): not looked up per packet,
# yet any change of routes, rules, mark or rp_filter is seen at once.
. "$(dirname "$0")/lib.sh"
load_module
topo_basic
tr=/sys/kernel/tracing
unprobe() { # our kprobes only
	local p

	for p in jool_expand jool_newhead jool_rt4 jool_rt6; do
		{ echo 0 >$tr/events/kprobes/$p/enable
		  echo "-:$p" >>$tr/kprobe_events; } 2>/dev/null
	done
}
# probe NAME 'FUNC [FETCHARGS]' ...: only these kprobes of ours, enabled,
# and an empty trace.
probe() {
	[ -d $tr/events ] || mount -t tracefs nodev $tr
	unprobe
	while [ $# -ge 2 ]; do
		echo "p:$1 $2" >>$tr/kprobe_events
		echo 1 >"$tr/events/kprobes/$1/enable"
		shift 2
	done
	: >$tr/trace
}
trap 'nx nft flush ruleset 2>/dev/null; unprobe; topo_cleanup' EXIT

queued() { jstat xlat jool0 rx-queued; }
xlat() { echo $(($(jstat xlat jool0 xlat64) + $(jstat xlat jool0 xlat46))); }
# ping6 / ping4 COUNT: n6 -> n4 and n4 -> n6 through jool0, all answered.
ping6() { n6 ping -6 -c "$1" -i 0.2 -W 2 64:ff9b::192.0.2.4; }
ping4() { n4 ping -4 -c "$1" -i 0.2 -W 2 198.51.100.6; }

# ---- forwarded traffic takes the direct way ----
q0=$(queued)
x0=$(xlat)
check "ping IPv6 -> IPv4" ping6 5
check "ping IPv4 -> IPv6" ping4 5
x1=$(xlat)
check "20 packets translated" test $((x1 - x0)) -eq 20
check "none of them queued (RX_QUEUED $q0 -> $(queued))" test "$(queued)" -eq "$q0"
check "jool0 counts them as received (ip -s link)" \
	jq_ 'j[0]["stats64"]["rx"]["packets"] >= 20' nx ip -j -s link show jool0

# TCP and UDP through the direct way, both directions.
iperf3_server n4 -B 192.0.2.4
check "iperf3 TCP, IPv6 client -> IPv4 server" n6 iperf3 -c 64:ff9b::192.0.2.4 -t 2
iperf3_server n6
check "iperf3 UDP, IPv4 client -> IPv6 server" \
	n4 iperf3 -u -b 2M -c 198.51.100.6 -t 2
check "still none queued" test "$(queued)" -eq "$q0"

# ---- netfilter sees the translated packets as received on jool0 ----
cat >/tmp/onepass.nft <<'NFT'
table inet t {
	counter pre4 { }
	counter pre6 { }
	counter fwd4 { }
	counter new4 { }
	counter drop9 { }
	chain pre {
		type filter hook prerouting priority 0;
		iifname "jool0" meta nfproto ipv4 counter name pre4
		iifname "jool0" meta nfproto ipv6 counter name pre6
	}
	chain forwarding {
		type filter hook forward priority 0;
		iifname "jool0" oifname "x4" ip protocol icmp counter name fwd4
		iifname "jool0" ct state new ip protocol icmp counter name new4
		iifname "jool0" udp dport 9 counter name drop9 drop
	}
}
NFT
check "nftables: prerouting and forward rules on iifname jool0" \
	nx nft -f /tmp/onepass.nft
nftc() { nx nft -j list counter inet t "$1" |
	/usr/bin/python3 -c 'import json,sys; print([o["counter"]["packets"] for o in json.load(sys.stdin)["nftables"] if "counter" in o][0])'; }
check "ping IPv6 -> IPv4, 4 echoes" ping6 4
check "ping IPv4 -> IPv6, 3 echoes" ping4 3
check "prerouting, iifname jool0, IPv4: the 4 echoes and 3 replies" test "$(nftc pre4)" -eq 7
check "prerouting, iifname jool0, IPv6: the 3 echoes and 4 replies" test "$(nftc pre6)" -eq 7
check "forward, iifname jool0 oifname x4: 7" test "$(nftc fwd4)" -eq 7
check "conntrack: one new ICMP flow (the echo id) seen on jool0" test "$(nftc new4)" -eq 1
u0=$(jstat xlat jool0 xlat64)
n6 /usr/bin/python3 -c '
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
for _ in range(3):
    s.sendto(b"x", ("64:ff9b::192.0.2.4", 9))'
sleep 1
check "UDP to port 9: 3 translated" \
	test $(($(jstat xlat jool0 xlat64) - u0)) -eq 3
check "... then dropped by forward, iifname jool0" test "$(nftc drop9)" -eq 3
check "prerouting hooks ran inline: still none queued" test "$(queued)" -eq "$q0"
nx nft flush ruleset

# ---- policy routing on iif jool0 ----
nx ip rule add iif jool0 lookup 100 pref 100
nx ip route add blackhole 192.0.2.4/32 table 100
check "a rule on iif jool0 to a blackhole stops IPv6 -> IPv4" exits 1 \
	n6 ping -6 -c 1 -W 1 64:ff9b::192.0.2.4
nx ip route del blackhole 192.0.2.4/32 table 100
nx ip rule del iif jool0 lookup 100 pref 100
check "without it, it goes again" ping6 1

# ---- the translated packet's input route, cached (rx_route.c) ----
# UDP to port 9, counted and dropped by the receivers' input hooks (no
# answer crosses the translator): what arrives is what the route allowed.
n4 nft add table inet rc
n4 nft add chain inet rc in "{ type filter hook input priority 0; }"
n4 nft add rule inet rc in udp dport 9 counter drop
n6 nft add table inet rc
n6 nft add chain inet rc in "{ type filter hook input priority 0; }"
n6 nft add rule inet rc in udp dport 9 counter drop
got() { # NS: UDP packets to port 9 its input hook counted
	ip netns exec "$1" nft -j list chain inet rc in |
		/usr/bin/python3 -c 'import json,sys
print(sum(o["rule"]["expr"][1]["counter"]["packets"] for o in json.load(sys.stdin)["nftables"] if "rule" in o))'
}
udp() { # FAMILY COUNT: n6 -> n4 (6) or n4 -> n6 (4), one flow
	local ns=n6 fam=AF_INET6 dst=64:ff9b::192.0.2.4

	[ "$1" = 4 ] && ns=n4 fam=AF_INET dst=198.51.100.6
	ip netns exec $ns /usr/bin/python3 -c "
import socket, time
s = socket.socket(socket.$fam, socket.SOCK_DGRAM)
s.bind(('', 4321))
for _ in range($2):
    s.sendto(b'z' * 18, ('$dst', 9))
    time.sleep(0.002)"
	sleep 0.3
}
# arrive FAMILY COUNT WANT: COUNT packets of udp FAMILY; WANT of them arrive
arrive() {
	local ns=n4 g0

	[ "$1" = 4 ] && ns=n6
	g0=$(got $ns)
	udp "$1" "$2"
	test $(($(got $ns) - g0)) -eq "$3"
}
check "warm: 5 UDP IPv6 -> IPv4 arrive" arrive 6 5 5
check "warm: 5 UDP IPv4 -> IPv6 arrive" arrive 4 5 5

# The second route lookup is not made per packet any more.
# Probes see every namespace: count only the lookups made for jool0 (the
# input device: ip_route_input_noref()'s fifth argument, skb->dev).
probe jool_rt4 'ip_route_input_noref dev=+0(%r8):string' \
	jool_rt6 'ip6_route_input dev=+0(+16(%di)):string'
check "100 UDP IPv6 -> IPv4 arrive" arrive 6 100 100
check "100 UDP IPv4 -> IPv6 arrive" arrive 4 100 100
check "and 20 pings each way (ICMP too)" \
	n6 ping -6 -c 20 -i 0.05 -W 2 64:ff9b::192.0.2.4
check "... IPv4 -> IPv6" n4 ping -4 -c 20 -i 0.05 -W 2 198.51.100.6
rt4=$(grep -c 'jool_rt4:.*dev="jool0"' $tr/trace)
rt6=$(grep -c 'jool_rt6:.*dev="jool0"' $tr/trace)
all=$(grep -c 'jool_rt[46]:' $tr/trace)
echo 0 >$tr/events/kprobes/jool_rt4/enable
echo 0 >$tr/events/kprobes/jool_rt6/enable
check "the probes saw the receivers' and the first legs' lookups ($all)" \
	test "$all" -ge 480
check "ip_route_input_noref() ran $rt4 times for jool0 (180 packets; want fewer than 10)" \
	test "$rt4" -lt 10
check "ip6_route_input() ran $rt6 times for jool0 (180 packets; want fewer than 10)" \
	test "$rt6" -lt 10

# Not for a multipath route: the path taken may depend on neighbour
# states, which change no route. (One flow hashes to one path; 10.99.0.2
# on a dummy device is the other.)
nx ip link add d0 type dummy
nx ip addr add 10.99.0.1/24 dev d0
nx ip link set d0 up
nx ip route add 192.0.2.4/32 nexthop via 192.0.2.4 dev x4 \
	nexthop via 10.99.0.2 dev d0
echo 1 >$tr/events/kprobes/jool_rt4/enable
: >$tr/trace
udp 6 50
echo 0 >$tr/events/kprobes/jool_rt4/enable
rt4=$(grep -c 'jool_rt4:.*dev="jool0"' $tr/trace)
check "multipath: ip_route_input_noref() ran $rt4 times for 50 packets" \
	test "$rt4" -ge 50
nx ip route del 192.0.2.4/32
nx ip link del d0
# Nor an IPv6 route over a nexthop object (what FRR installs): the kernel
# shares its per-CPU route among every route over that nexthop.
nx ip nexthop add id 6 via 2001:db8:6::6 dev x6
nx ip -6 route add 64:ff9b::198.51.100.6/128 nhid 6 metric 1
echo 1 >$tr/events/kprobes/jool_rt6/enable
: >$tr/trace
check "an IPv6 route over a nexthop object: 50 of 50 arrive" arrive 4 50 50
echo 0 >$tr/events/kprobes/jool_rt6/enable
rt6=$(grep -c 'jool_rt6:.*dev="jool0"' $tr/trace)
check "... ip6_route_input() ran $rt6 times for them" test "$rt6" -ge 50
nx ip -6 route del 64:ff9b::198.51.100.6/128 nhid 6 metric 1
nx ip nexthop del id 6
check "... deleted: 5 of 5 arrive" arrive 4 5 5
unprobe

# A route added or removed mid-flow is seen by the next packet.
nx ip route add blackhole 192.0.2.4/32
check "a blackhole route for 192.0.2.4: none of 5 arrive" arrive 6 5 0
nx ip route del blackhole 192.0.2.4/32
check "... removed: 5 of 5 arrive" arrive 6 5 5
# (A route to the same prefix as the one in use, preferred by its metric.)
nx ip -6 route add blackhole 64:ff9b::198.51.100.6/128 metric 1
check "a blackhole route for 64:ff9b::198.51.100.6: none of 5 arrive" arrive 4 5 0
nx ip -6 route del blackhole 64:ff9b::198.51.100.6/128 metric 1
check "... removed: 5 of 5 arrive" arrive 4 5 5

# A policy rule added mid-flow, on iif jool0 (IPv6 this time).
nx ip -6 rule add iif jool0 lookup 100 pref 100
nx ip -6 route add blackhole 64:ff9b::198.51.100.6/128 table 100
check "a rule on iif jool0 to a blackhole: none of 5 IPv4 -> IPv6 arrive" \
	arrive 4 5 0
nx ip -6 rule del iif jool0 lookup 100 pref 100
nx ip -6 route del blackhole 64:ff9b::198.51.100.6/128 table 100
check "... removed: 5 of 5 arrive" arrive 4 5 5

# A mark set in PREROUTING (which changes no route) picks a rule on it.
nx ip rule add fwmark 7 lookup 100 pref 100
nx ip route add blackhole 192.0.2.4/32 table 100
check "warm, with a rule on fwmark 7 (no packet marked): 5 of 5 arrive" \
	arrive 6 5 5
nx nft add table ip mk
nx nft add chain ip mk pre "{ type filter hook prerouting priority -150; }"
nx nft add rule ip mk pre iifname jool0 udp dport 9 meta mark set 7
check "marked 7 in prerouting: none of 5 arrive" arrive 6 5 0
nx nft delete table ip mk
check "unmarked again: 5 of 5 arrive" arrive 6 5 5
nx ip rule del fwmark 7 lookup 100 pref 100
nx ip route del blackhole 192.0.2.4/32 table 100

# rp_filter turned on mid-flow (which flushes no route): the source check
# runs again. The translated source, 198.51.100.6, routed out of x4 (a
# route added before the flow): strict rp_filter on jool0 refuses it.
nx ip route add 198.51.100.6/32 dev x4
check "warm, rp_filter off: 5 of 5 arrive" arrive 6 5 5
rpf0=$(nx nstat -az IpExtInNoRoutes TcpExtIPReversePathFilter |
	awk '$1 == "TcpExtIPReversePathFilter" { print $2 }')
nx sysctl -qw net.ipv4.conf.jool0.rp_filter=1
check "rp_filter 1 on jool0: none of 5 arrive" arrive 6 5 0
rpf1=$(nx nstat -az TcpExtIPReversePathFilter |
	awk '$1 == "TcpExtIPReversePathFilter" { print $2 }')
check "... counted IPReversePathFilter ($rpf0 -> $rpf1)" \
	test $((rpf1 - rpf0)) -eq 5
nx sysctl -qw net.ipv4.conf.jool0.rp_filter=0
check "rp_filter 0 again: 5 of 5 arrive" arrive 6 5 5
nx ip route del 198.51.100.6/32 dev x4
n4 nft delete table inet rc
n6 nft delete table inet rc

# ---- what the direct way leaves to the receive queue ----
q0=$(queued)
cap xlat jool0 /tmp/onepass.pcap 12 "icmp or icmp6"
check "with tcpdump on jool0: ping IPv6 -> IPv4" ping6 3
cap_wait
check "tcpdump on jool0 saw the echoes going in and the translations coming out" \
	test "$(tcpdump -r /tmp/onepass.pcap 2>/dev/null | wc -l)" -eq 12
check "with a tap, the translations are queued (RX_QUEUED +6)" \
	test $(($(queued) - q0)) -ge 6

q0=$(queued)
nx tc qdisc add dev jool0 clsact
nx tc filter add dev jool0 ingress protocol ip matchall action drop
check "tc ingress on jool0 (drop IPv4) sees the translated echo" exits 1 \
	n6 ping -6 -c 1 -W 1 64:ff9b::192.0.2.4
check "with tc ingress, the translation is queued" \
	test $(($(queued) - q0)) -ge 1
nx tc qdisc del dev jool0 clsact

q0=$(queued)
check "locally generated: the translator pings 198.51.100.6" \
	nx ping -4 -c 2 -W 2 198.51.100.6
check "locally generated traffic is queued" test $(($(queued) - q0)) -ge 2

# ---- no new head for a forwarded packet ----
# A UDP socket's packet crosses a veth with 16 bytes of headroom: IPv6 ->
# IPv4 needs none, IPv4 -> IPv6 20, which the translation makes itself
# by moving the small packet back into its tailroom; neither the stack's
# skb_expand_head() on the way into jool0 (or out of it) nor a new head
# (pskb_expand_head(), also ip_forward()'s) may be paid per packet.
probe jool_expand skb_expand_head jool_newhead pskb_expand_head
u0=$(xlat)
n4 /usr/bin/python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(100):
    s.sendto(b"y" * 18, ("198.51.100.6", 9))'
n6 /usr/bin/python3 -c '
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
for _ in range(100):
    s.sendto(b"y" * 18, ("64:ff9b::192.0.2.4", 9))'
sleep 1
expands=$(grep -c jool_expand $tr/trace)
newheads=$(grep -c jool_newhead $tr/trace)
unprobe
check "200 small UDP packets translated" test $(($(xlat) - u0)) -ge 200
check "skb_expand_head() ran $expands times for them (want fewer than 10)" \
	test "$expands" -lt 10
check "pskb_expand_head() ran $newheads times for them (want fewer than 10)" \
	test "$newheads" -lt 10

# ---- raw IP that AF_PACKET writes into the device, no protocol named ----
u0=$(jstat xlat jool0 xlat64)
check "AF_PACKET writes an IPv6 UDP packet into jool0 (protocol 0)" \
	nx /usr/bin/python3 -c '
import socket, struct
src = socket.inet_pton(socket.AF_INET6, "64:ff9b::198.51.100.6")
dst = socket.inet_pton(socket.AF_INET6, "64:ff9b::192.0.2.4")
udp = struct.pack("!HHHH", 4000, 9, 8, 0)
s6 = sum(struct.unpack("!16H", src + dst)) + 17 + 8 + 4000 + 9 + 8
while s6 > 0xffff:
    s6 = (s6 & 0xffff) + (s6 >> 16)
udp = udp[:6] + struct.pack("!H", ~s6 & 0xffff)
ip6 = struct.pack("!IHBB", 6 << 28, 8, 17, 64) + src + dst
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
s.bind(("jool0", 0))
s.send(ip6 + udp)'
sleep 0.5
check "... and it is translated" test $(($(jstat xlat jool0 xlat64) - u0)) -eq 1
finish
