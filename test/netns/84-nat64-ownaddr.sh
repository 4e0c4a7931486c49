#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# NAT64 deployment (b) of docs/nat64-deployment.md: pool4 is the box's own
# IPv4 address, 192.0.2.1, ports and ICMP identifiers 61001-65534, disjoint
# from its ip_local_port_range (32768-60999). Policy rules ahead of the
# local table bring pool4's packets to the device:
#
#   1. ip rules alone (TCP and UDP by destination port): TCP and UDP cross
#      the NAT64, the box's own services and connections on 192.0.2.1 keep
#      working, and the box's own ICMP errors go out from 192.0.2.1; ICMP
#      queries and errors meant for the NAT64 are delivered to the box
#      instead (the documented limitation);
#   2. plus a tc classifier on the uplink that marks the ICMP packets that
#      belong to pool4 (echo replies with a pool4 identifier, errors
#      quoting a packet from a pool4 transport address) and a fwmark rule:
#      ping and ICMP errors (port unreachable, time exceeded) cross the
#      NAT64 too, while pings to the box and the errors about its own
#      connections stay the box's.
#
# Then source-icmpv6-errors-better: n4 also routes 198.51.100.0/24 (onto
# a dummy link), so a traceroute from n6 meets n4 as a router: its time
# exceeded comes out from 64:ff9b::192.0.2.4 (true, the default) or from
# the quoted packet's destination, 64:ff9b::198.51.100.9 (false, RFC 6146).
#
#   n6 ------------------- veth --- xlat [nat64] --- veth ------------ n4
#   2001:db8:6::6/64                pool6 64:ff9b::/96          192.0.2.4/24
#                                   192.0.2.1/24 on x4   198.51.100.0/24 ->
#                                   = pool4 61001-65534              dummy
. "$(dirname "$0")/lib.sh"
load_module
install_plugin
trap topo_cleanup EXIT

topo_nat64_hosts
UDP=$TOP/test/netns/nat64_udp.py
# The box's routed network behind itself, for its own time exceeded.
ip -n xlat link add d0 type dummy
ip -n xlat addr add 198.18.0.1/24 dev d0
ip -n xlat link set d0 up
# n4 is also a router, towards 198.51.100.0/24.
ip -n n4 link add d0 type dummy
ip -n n4 link set d0 up
ip -n n4 route add 198.51.100.0/24 dev d0
ip -n xlat route add 198.51.100.0/24 via 192.0.2.4
n4 sysctl -qw net.ipv4.ip_forward=1
n4 sysctl -qw net.ipv4.icmp_ratelimit=0
nx sysctl -qw net.ipv4.icmp_ratelimit=0
nx sysctl -qw net.ipv6.icmp.ratelimit=0

jc() { nx "$JOOLCTL" nat64 "$@"; }
st() { jstat xlat nat64 "$1"; }
ADDR=192.0.2.1

check "the box's ephemeral ports: 32768-60999" \
	nx sysctl -qw net.ipv4.ip_local_port_range="32768 60999"
check "create a nat64 device" \
	ip -n xlat link add nat64 type jool mode nat64 pool6 64:ff9b::/96
check "pool4: the box's own $ADDR, 61001-65534, the three protocols" \
	jc pool4 add $ADDR 61001-65534
check_fail "pool4 meeting ip_local_port_range needs force" "force" \
	jc pool4 add $ADDR 60000-61000
ip -n xlat link set nat64 up
ip -n xlat route add 64:ff9b::/96 dev nat64

# ---- 1. ip rules: the local table moves behind pool4's rules ----
check "the local table moves to preference 1000" \
	nx sh -c 'ip -4 rule add pref 1000 lookup local &&
		  ip -4 rule del pref 0 lookup local'
check "rules: to $ADDR tcp and udp dport 61001-65534 lookup 100" \
	nx sh -c "ip -4 rule add pref 100 to $ADDR ipproto tcp dport 61001-65534 lookup 100 &&
		  ip -4 rule add pref 101 to $ADDR ipproto udp dport 61001-65534 lookup 100"
check "table 100: default dev nat64" \
	ip -n xlat route add default dev nat64 table 100
# The kernel refuses port 65535 in a rule (fib_rule_port_range_valid()).
check "a rule cannot take port 65535 (why pool4 ends at 65534)" \
	sh -c "! ip -n xlat -4 rule add pref 99 to $ADDR ipproto tcp dport 61001-65535 lookup 100 2>/dev/null"

iperf3_server n4 -B 192.0.2.4
check "TCP through the NAT64 (iperf3 n6 -> n4)" \
	n6 iperf3 -c 64:ff9b::192.0.2.4 -t 2
check "... on pool4: tcp BIB entries are $ADDR, 61001-65534" jq_ \
	"len(j) >= 1 and all(e['ipv4-address'] == '$ADDR' and 61001 <= e['ipv4-port'] <= 65534 for e in j)" \
	jc -j bib show tcp

rm -f /tmp/own-udp
n4 "$UDP" echo 192.0.2.4 7000 1 &
wait_listen n4 7000 udp
# (A loaded emulated CPU takes seconds to start n4's echo: 30 s.)
n6 "$UDP" ask 64:ff9b::192.0.2.4 7000 40000 /tmp/own-udp 30
wait
check "UDP through the NAT64: n4 answered the mapped $ADDR port" \
	sh -c "head -n 1 /tmp/own-udp | grep -Eq '^$ADDR (6100[1-9]|610[1-9][0-9]|61[1-9][0-9]{2}|6[2-5][0-9]{3})$'"

# The box's own services and connections on the same address.
nx sh -c "timeout 20 nc -4 -l $ADDR 22 >/tmp/own-sshd" &
wait_listen xlat 22
check "the box's own TCP service on $ADDR:22 answers n4" \
	n4 sh -c "echo hello-box | timeout 5 nc -4 -q 1 $ADDR 22"
wait
check "... and got the data" grep -q hello-box /tmp/own-sshd

n4 sh -c 'timeout 20 nc -4 -l 192.0.2.4 7010 >/tmp/own-out' &
wait_listen n4 7010
check "the box's own outgoing TCP connection (from its ephemeral ports)" \
	nx sh -c 'echo hello-n4 | timeout 5 nc -4 -q 1 -s 192.0.2.1 192.0.2.4 7010'
wait
check "... and n4 got the data" grep -q hello-n4 /tmp/own-out

own_icmp() {
	check "n4 pings the box ($ADDR) $1" n4 ping -c 2 -i 0.3 -W 2 $ADDR
	check "the box pings n4 from $ADDR $1" nx ping -c 2 -i 0.3 -W 2 -I $ADDR 192.0.2.4
	check "the box's own UDP to a closed port of n4 is refused (its port unreachable stays the box's) $1" \
		nx "$UDP" refused 192.0.2.4 9
	check "the box's own time exceeded goes out from $ADDR $1" \
		n4 sh -c 'ping -c 1 -t 1 -W 2 198.18.0.9 | grep -q "From 192.0.2.1 .*Time to live exceeded"'
}
own_icmp "(rules)"

# The limitation: without a classifier, ICMP for the NAT64 is the box's.
check "(rules) no ping through the NAT64: the echo reply is the box's" \
	sh -c '! ip netns exec n6 ping -6 -c 1 -W 2 64:ff9b::192.0.2.4'
check "(rules) n4's port unreachable for a NAT64'd datagram is the box's too" \
	sh -c "! ip netns exec n6 $UDP refused 64:ff9b::192.0.2.4 9"

# ---- 2. the ICMP of pool4: a tc classifier marks it, a rule routes it ----
# Offsets in the IPv4 packet (no options, checked): 9 protocol, 16
# destination; ICMP at 20 (type), 24 (echo identifier); the quoted packet
# at 28: 37 its protocol, 40 its source, 48 its source port, or 48 the
# type and 52 the identifier of a quoted echo request.
# (The commands of docs/nat64-deployment.md, word for word.)
net="layer network"
hdr="cmp(u8 at 0 $net eq 0x45) and cmp(u8 at 9 $net eq 1) and cmp(u32 at 16 $net eq 0xc0000201)"
quoted="cmp(u8 at 28 $net eq 0x45) and cmp(u32 at 40 $net eq 0xc0000201)"
err="(cmp(u8 at 20 $net eq 3) or cmp(u8 at 20 $net eq 11) or cmp(u8 at 20 $net eq 12))"
ports() { echo "cmp(u16 at $1 $net gt 61000) and cmp(u16 at $1 $net lt 65535)"; }
tcf() { nx tc filter add dev x4 ingress protocol ip pref "$1" basic match "$2" action skbedit mark 0x64; }
check "tc: clsact on the uplink" nx tc qdisc add dev x4 clsact
check "tc: echo replies to pool4 identifiers" \
	tcf 10 "$hdr and cmp(u8 at 20 $net eq 0) and $(ports 24)"
check "tc: errors quoting TCP or UDP from pool4" \
	tcf 11 "$hdr and $err and $quoted and (cmp(u8 at 37 $net eq 6) or cmp(u8 at 37 $net eq 17)) and $(ports 48)"
check "tc: errors quoting an echo request from pool4" \
	tcf 12 "$hdr and $err and $quoted and cmp(u8 at 37 $net eq 1) and cmp(u8 at 48 $net eq 8) and $(ports 52)"
check "rule: to $ADDR fwmark 0x64 lookup 100" \
	ip -n xlat -4 rule add pref 102 to $ADDR fwmark 0x64 lookup 100

check "ping through the NAT64 (n6 -> 64:ff9b::192.0.2.4)" \
	n6 ping -6 -c 3 -i 0.3 -W 2 64:ff9b::192.0.2.4
check "... on a pool4 identifier" jq_ \
	"len(j) >= 1 and all(s['ipv4-source'] == '$ADDR' and 61001 <= s['ipv4-source-port'] <= 65534 for s in j)" \
	jc -j session show icmp
check "n4's port unreachable for a NAT64'd datagram reaches n6" \
	n6 "$UDP" refused 64:ff9b::192.0.2.4 9
own_icmp "(rules + tc)"

# ---- source-icmpv6-errors-better: n4 as a router on the way ----
# hops FILE: "N ADDR" per hop line of traceroute -n output.
hops() { awk '$1 ~ /^[0-9]+$/ { print $1, $2 }' "$1"; }
trace() {
	n6 traceroute -6 -n -q 1 -w 3 -m 2 "$1" >/tmp/own-tr 2>&1
	hops /tmp/own-tr
}
check "source-icmpv6-errors-better is true by default (Jool 4.1.9)" \
	jq_ 'j["source-icmpv6-errors-better"] is True' jc -j global show
check "true: n4's time exceeded comes from n4's pool6 name" \
	out "1 2001:db8:6::1
2 64:ff9b::c000:204" trace 64:ff9b::198.51.100.9
sed 's/^/    | /' /tmp/own-tr
check "false (RFC 6146)" jc global set source-icmpv6-errors-better false
check "false: it comes from the quoted packet's destination" \
	out "1 2001:db8:6::1
2 64:ff9b::c633:6409" trace 64:ff9b::198.51.100.9
sed 's/^/    | /' /tmp/own-tr
check "false: n4's own port unreachable still comes from n4" \
	out "1 2001:db8:6::1
2 64:ff9b::c000:204" trace 64:ff9b::192.0.2.4
sed 's/^/    | /' /tmp/own-tr
jc global set source-icmpv6-errors-better true

# ---- 3. the same commands from joolctl pool4 rules ----
nx "$JOOLCTL" nat64 pool4 rules dev x4 >/tmp/own-rules
sed 's/^/    | /' /tmp/own-rules
check "pool4 rules: a rule for tcp 61001-65534" \
	grep -qx "ip -4 rule add pref 100 to $ADDR ipproto tcp dport 61001-65534 lookup 100" /tmp/own-rules
check "pool4 rules: the fwmark rule" \
	grep -qx "ip -4 rule add pref 100 to $ADDR fwmark 0x64 lookup 100" /tmp/own-rules
check_fail "pool4 rules: a local address needs dev UPLINK" "dev UPLINK" \
	jc pool4 rules
check "undo 1. and 2." nx sh -c '
	tc qdisc del dev x4 clsact &&
	for p in 100 101 102; do ip -4 rule del pref $p; done &&
	ip -4 rule add pref 0 lookup local &&
	ip -4 rule del pref 1000 lookup local &&
	ip route flush table 100'
check "undone: no ping through the NAT64" \
	sh -c '! ip netns exec n6 ping -6 -c 1 -W 2 64:ff9b::192.0.2.4'
check "pool4 rules, run" nx sh -e /tmp/own-rules
check "ping through the NAT64 again" \
	n6 ping -6 -c 2 -i 0.3 -W 2 64:ff9b::192.0.2.4
iperf3_server n4 -B 192.0.2.4
check "TCP through the NAT64 again" n6 iperf3 -c 64:ff9b::192.0.2.4 -t 1
check "n4's port unreachable reaches n6 again" \
	n6 "$UDP" refused 64:ff9b::192.0.2.4 9
own_icmp "(joolctl pool4 rules)"
jc pool4 add tcp 203.0.113.7 61001-65535
check "pool4 rules: an address that is not local is routed in" sh -c \
	"ip netns exec xlat $JOOLCTL nat64 pool4 rules dev x4 | grep -qx 'ip route add 203.0.113.7/32 dev nat64'"
check "... and gets no rule" sh -c \
	"! ip netns exec xlat $JOOLCTL nat64 pool4 rules dev x4 | grep -q 'to 203.0.113.7'"
jc pool4 del tcp 203.0.113.7

check "nothing dropped for want of a session" test "$(st nat64-icmp-err-no-session)" = 0

finish
