#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# One pass (issue 10): a forwarded packet, once translated, goes straight
# to PREROUTING and the input route, as received on jool0, without the
# second trip through the receive queue; what needs the receive path (a
# tap, tc ingress, locally generated traffic) still takes it (counted:
# RX_QUEUED). Either way the translated packet is seen as received on
# jool0: nftables prerouting/forward rules on iifname jool0, conntrack,
# policy rules on iif jool0 and rp_filter apply to it.
. "$(dirname "$0")/lib.sh"
load_module
topo_basic
tr=/sys/kernel/tracing
unprobe() { # our kprobes only
	local p

	for p in jool_expand jool_newhead; do
		{ echo 0 >$tr/events/kprobes/$p/enable
		  echo "-:$p" >>$tr/kprobe_events; } 2>/dev/null
	done
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

# ---- what the direct way leaves to the receive queue ----
q0=$(queued)
cap xlat jool0 /tmp/onepass.pcap 12 "icmp or icmp6"
check "with tcpdump on jool0: ping IPv6 -> IPv4" ping6 3
sleep 0.5
kill %% 2>/dev/null
wait 2>/dev/null
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
[ -d $tr/events ] || mount -t tracefs nodev $tr
unprobe
echo 'p:jool_expand skb_expand_head' >>$tr/kprobe_events
echo 'p:jool_newhead pskb_expand_head' >>$tr/kprobe_events
echo 1 >$tr/events/kprobes/jool_expand/enable
echo 1 >$tr/events/kprobes/jool_newhead/enable
: >$tr/trace
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
