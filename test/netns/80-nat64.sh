#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# NAT64 (RFC 6146) end to end: an IPv6-only host reaches an IPv4-only host
# through a "nat64" device whose pool4 is a non-local /30 routed into it.
# ping, UDP both ways on the mapping (the reply, and a new IPv4 sender
# with endpoint-independent filtering), TCP (iperf3, and a connection held
# open to see ESTABLISHED), the sessions and BIB entries joolctl shows,
# and the drops: an unsolicited IPv4 SYN (stored), IPv4 packets with no mapping or
# outside pool4, IPv6 packets outside pool6 (each with its counter).
#
#   n6 ------------------- veth --- xlat [nat64] --- veth ------------ n4
#   2001:db8:6::6/64                pool6 64:ff9b::/96         192.0.2.4/24
#   IPv6 only                       pool4 203.0.113.0/30       IPv4 only
. "$(dirname "$0")/lib.sh"
load_module
install_plugin
trap topo_cleanup EXIT

UDP=$TOP/test/netns/nat64_udp.py
topo_nat64
jc() { nx "$JOOLCTL" nat64 "$@"; }
# Not pool6, but routed in: must be refused.
ip -n xlat route add 2001:db8:99::/64 dev nat64

st() { jstat xlat nat64 "$1"; }
# sessions PROTO PYEXPR: the JSON session list (as "s") of PROTO holds.
sessions() {
	jq_ "$2" jc -j session show "$1"
}
in_pool4="lambda a, p: a.startswith('203.0.113.') and int(a.rsplit('.', 1)[1]) < 4 and 61001 <= p <= 65535"

# ---- ICMP echo ----
check "ping IPv6 -> IPv4 through NAT64" n6 ping -6 -c 3 -i 0.2 -W 2 64:ff9b::192.0.2.4
check "icmp session: 2001:db8:6::6 -> 192.0.2.4 on a pool4 address" sessions icmp \
	'len(j) == 1 and j[0]["ipv6-source"] == "2001:db8:6::6" and j[0]["ipv4-destination"] == "192.0.2.4" and j[0]["ipv6-destination"] == "64:ff9b::c000:204" and j[0]["ipv4-source"].startswith("203.0.113.")'

# ---- UDP: a reply to the mapped port, and a new IPv4 sender ----
rm -f /tmp/nat64-udp
n4 "$UDP" echo 192.0.2.4 7000 1 &
wait_listen n4 7000 udp
# (A loaded emulated CPU takes seconds to start n4's sender: 30 s.)
n6 "$UDP" ask 64:ff9b::192.0.2.4 7000 40000 /tmp/nat64-udp 30 &
asker=$!
for i in $(seq 50); do
	[ -s /tmp/nat64-udp ] && break
	sleep 0.1
done
mapped=$(head -n 1 /tmp/nat64-udp 2>/dev/null)
check "UDP IPv6 -> IPv4, and the reply back to the mapped port" test -n "$mapped"
check "the IPv4 server saw a pool4 transport address ($mapped)" /usr/bin/python3 -c "
import sys
a, p = sys.argv[1].split()
sys.exit(not ($in_pool4)(a, int(p)))" "$mapped"
# Endpoint-independent filtering (the default): another IPv4 port may
# reach the mapping.
set -- $mapped
n4 "$UDP" send "$1" "$2" from-another-port
wait $asker
check "UDP IPv4 -> IPv6 on the mapping from a new source port" grep -q "^from-another-port from 64:ff9b::c000:204$" /tmp/nat64-udp
check "udp BIB entry: 2001:db8:6::6#40000 on pool4's range" jq_ \
	"len(j) == 1 and j[0]['ipv6-address'] == '2001:db8:6::6' and j[0]['ipv6-port'] == 40000 and ($in_pool4)(j[0]['ipv4-address'], j[0]['ipv4-port']) and not j[0]['static']" \
	jc -j bib show udp
check "udp sessions: one per remote port" sessions udp \
	'len(j) == 2 and all(s["ipv6-source-port"] == 40000 and s["ipv4-destination"] == "192.0.2.4" for s in j)'

# ---- TCP ----
iperf3_server n4 -B 192.0.2.4
check "iperf3 TCP, IPv6 client -> IPv4 server" n6 iperf3 -c 64:ff9b::192.0.2.4 -t 2
iperf3_server n4 -B 192.0.2.4
check "iperf3 TCP reverse (the IPv4 server sends)" n6 iperf3 -c 64:ff9b::192.0.2.4 -t 2 -R
# A connection held open: ESTABLISHED (3).
n4 sh -c 'timeout 20 nc -4 -l 192.0.2.4 7001 >/dev/null' &
wait_listen n4 7001
n6 sh -c 'sleep 4 | timeout 10 nc -6 64:ff9b::192.0.2.4 7001' &
sleep 2
check "tcp session of the open connection: ESTABLISHED" sessions tcp \
	'any(s["ipv4-destination-port"] == 7001 and s["state"] == 3 and s["ipv6-destination"] == "64:ff9b::c000:204" for s in j)'
# iperf3's connections (control and data) are over: FIN RCV states (4: V4
# FIN RCV, when the IPv4 end's FIN came first and the IPv6 end's is still
# on its way; 5: V6 FIN RCV; 6: both FINs) or TRANS (7) after an RST.
check "tcp sessions of iperf3 (port 5201): closing or closed" sessions tcp \
	'len([s for s in j if s["ipv4-destination-port"] == 5201]) >= 2 and all(s["state"] in (4, 5, 6, 7) for s in j if s["ipv4-destination-port"] == 5201)'
check "tcp BIB: every IPv4 transport address in pool4" jq_ \
	"len(j) >= 1 and all(($in_pool4)(e['ipv4-address'], e['ipv4-port']) for e in j)" \
	jc -j bib show tcp
wait

# ---- Drops, each counted ----
# (82-nat64-tcp.sh follows stored SYNs to their end.)
syn=$(st nat64-so-stored)
check "an unsolicited IPv4 TCP SYN to pool4 gets no connection" sh -c '! ip netns exec n4 nc -4 -z -w 2 203.0.113.3 61001'
check "... it is stored for a simultaneous open (nat64-so-stored)" gt "$(st nat64-so-stored)" "$syn"
nobib=$(st nat64-no-bib4)
n4 "$UDP" send 203.0.113.3 61003 nobody
sleep 0.3
check "IPv4 UDP to a pool4 taddr without BIB entry: nat64-no-bib4" gt "$(st nat64-no-bib4)" "$nobib"
notp4=$(st nat64-not-pool4)
n4 "$UDP" send 203.0.113.1 80 not-pool4
sleep 0.3
check "IPv4 UDP to a port outside pool4: nat64-not-pool4" gt "$(st nat64-not-pool4)" "$notp4"
notp6=$(st nat64-not-pool6)
n6 ping -6 -c 1 -W 1 2001:db8:99::1 >/dev/null
check "IPv6 outside pool6: nat64-not-pool6" gt "$(st nat64-not-pool6)" "$notp6"
check "no mode-unsupported drops any more" test "$(st mode-unsupported)" = 0
check "translated 6 -> 4 (xlat64)" gt "$(st xlat64)" 100
check "translated 4 -> 6 (xlat46)" gt "$(st xlat46)" 100

# ---- Hairpinning (RFC 6146 3.8): an IPv6 host reaches another one (here
# another port of the same host) through its pool4 transport address ----
check "static BIB entry for an IPv6 server: 203.0.113.1#65000" jc bib add udp 203.0.113.1#65000 2001:db8:6::6#7100
rm -f /tmp/nat64-hairpin
n6 "$UDP" echo 2001:db8:6::6 7100 1 >/tmp/nat64-hairpin.server 2>&1 &
wait_listen n6 7100 udp
# (ask then waits 5 s for a second datagram that does not come.)
n6 "$UDP" ask 64:ff9b::203.0.113.1 65000 40010 /tmp/nat64-hairpin
wait
check "hairpin: the answer came back" test -s /tmp/nat64-hairpin
check "hairpin: the server saw the client as pool6 + a pool4 transport address" /usr/bin/python3 -c "
import ipaddress, sys
a, p = open('/tmp/nat64-hairpin').readline().split()
v4 = ipaddress.IPv6Address(a).packed[12:]
ok = a.startswith('64:ff9b::') and ($in_pool4)(str(ipaddress.IPv4Address(v4)), int(p))
sys.exit(not ok)"
check "hairpin: a udp session on the static entry, from a pool4 address" sessions udp \
	'any(s["ipv6-source-port"] == 7100 and s["ipv4-destination"].startswith("203.0.113.") for s in j)'

# ---- Addresses never translated (as SIIT: 0/8, 127/8, 169.254/16, 224/4,
# 255.255.255.255), and pool6 frozen under sessions ----
deny=$(st denylisted)
n6 "$UDP" send 64:ff9b::169.254.169.254 80 metadata
n6 "$UDP" send 64:ff9b::127.0.0.1 53 loopback
sleep 0.3
check "IPv6 to 64:ff9b::169.254.169.254 and ::127.0.0.1: dropped, denylisted" test "$(st denylisted)" -eq $((deny + 2))
check "... and no session made for them" sessions udp \
	'not any(s["ipv4-destination"] in ("169.254.169.254", "127.0.0.1") for s in j)'
check_fail "pool6 cannot change under sessions (ip link)" "cannot change while it has BIB entries or sessions" \
	ip -n xlat link set nat64 type jool pool6 64:ff9b:1::/96
check_fail "... nor with joolctl" "cannot change while it has BIB entries or sessions" \
	jc global set pool6 64:ff9b:1::/96
check "... and pool6 is unchanged" sh -c "ip -n xlat -d link show nat64 | grep -q 'pool6 64:ff9b::/96'"

# ---- max-sessions (ip link attribute) ----
linkinfo() { # PYEXPR over the device's linkinfo.info_data (as "j")
	ip -n xlat -j -d link show nat64 | /usr/bin/python3 -c "
import json, sys
j = json.load(sys.stdin)[0]['linkinfo']['info_data']
assert $1, j"
}
check "ip -d link shows max-sessions and sessions" linkinfo \
	'j["max_sessions"] >= 4096 and j["sessions"] >= 1'
now=$(ip -n xlat -j -d link show nat64 | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["linkinfo"]["info_data"]["sessions"])')
# Below the sessions there are, not to their number: some of them (the
# ping's, 60 s) may expire and be collected before the next packet, and
# then it would find room.
check "max-sessions lowered below the sessions there are ($now)" ip -n xlat link set nat64 type jool max-sessions 1
check "... and shown" linkinfo "j['max_sessions'] == 1"
full=$(st sessions-full)
sent=$(st icmp-sent)
n6 "$UDP" send 64:ff9b::192.0.2.4 7002 no-room
sleep 0.3
check "a new UDP flow past max-sessions is dropped: sessions-full" gt "$(st sessions-full)" "$full"
check "... and answered (ICMPv6 address unreachable: icmp-sent)" gt "$(st icmp-sent)" "$sent"
check "max-sessions raised" ip -n xlat link set nat64 type jool max-sessions 100000
rm -f /tmp/nat64-udp-max
n4 "$UDP" echo 192.0.2.4 7003 1 &
wait_listen n4 7003 udp
# (ask then waits 5 s for a second datagram that does not come.)
n6 "$UDP" ask 64:ff9b::192.0.2.4 7003 40003 /tmp/nat64-udp-max
check "a new flow passes again" test -s /tmp/nat64-udp-max
wait
check_fail "max-sessions 0 refused by ip" "max-sessions must be from 1" ip -n xlat link set nat64 type jool max-sessions 0
check_fail "max-sessions on a SIIT device refused" "max-sessions is for nat64 devices" ip -n xlat link add siit9 type jool max-sessions 10
ip -n xlat link add siit9 type jool
check_fail "... also by ip link set" "max-sessions is for nat64 devices" ip -n xlat link set siit9 type jool max-sessions 10
check "... which shows none" sh -c "! ip -n xlat -d link show siit9 | grep -q max-sessions"
ip -n xlat link del siit9
check "a nat64 device created with max-sessions 10" ip -n xlat link add nat9 type jool mode nat64 max-sessions 10
check "... shows it" sh -c "ip -n xlat -d link show nat9 | grep -q 'max-sessions 10 sessions 0'"
check "pool6 of a nat64 device without sessions may change" ip -n xlat link set nat9 type jool pool6 64:ff9b:1::/96
ip -n xlat link del nat9

# ---- joolctl check: deployment (a), then a pool4 address of the box ----
check "check: pool6 and pool4 routed into nat64 (exit 0)" jc check
check "check: ...pool4 tcp 203.0.113.0 port 61001 is" \
	says '^ok - pool4 tcp 203.0.113.0 port 61001: routed into nat64$' jc check
# 192.0.2.1 is xlat's own address on x4: delivered locally, until a rule
# for pool4's ports takes it to the device (deployment (b)).
jc pool4 add tcp 192.0.2.1 61001-65534
check "check: pool4 tcp 192.0.2.1 not routed in: exit 1" exits 1 jc check
check "check: ...says it is delivered locally" \
	says '^FAIL - pool4 tcp 192.0.2.1 port 61001: 192.0.2.1 is an address of this box: delivered locally$' jc check
check "check: ...and which rule would bring it" \
	says 'ip rule add to 192.0.2.1 ipproto tcp dport 61001-65534 lookup TABLE' jc check
# The local table's rule (pref 0) moves after the pool4 rule, as
# docs/nat64-deployment.md does it.
ip -n xlat rule add pref 1000 lookup local
ip -n xlat rule del pref 0
ip -n xlat rule add to 192.0.2.1 ipproto tcp dport 61001-65534 lookup 100 pref 100
ip -n xlat route add default dev nat64 table 100
check "check: with the rule, exit 0" jc check
ip -n xlat rule del pref 100
ip -n xlat route flush table 100
ip -n xlat rule add pref 0 lookup local
ip -n xlat rule del pref 1000
jc pool4 del tcp 192.0.2.1 61001-65534

finish
