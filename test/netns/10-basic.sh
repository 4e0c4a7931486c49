#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# An IPv6-only network and an IPv4-only network talk through jool0 (SIIT,
# pool6 64:ff9b::/96): ping, TCP (iperf3, nc), UDP, both directions. On the
# far side, tcpdump captures must show correct checksums and a TTL / hop
# limit exactly one less than sent.
. "$(dirname "$0")/lib.sh"
load_module
topo_basic
trap topo_cleanup EXIT

# The translator's egresses finish checksums in software, so captures on the
# far side show what a real wire would carry, and a wrong checksum seed
# would be caught by the receiver. The end hosts keep their offloads, so
# CHECKSUM_PARTIAL and GSO packets reach jool0.
nx ethtool -K x4 tx off >/dev/null
nx ethtool -K x6 tx off >/dev/null

check "ping IPv6 -> IPv4" n6 ping -6 -c 3 -i 0.2 -W 2 64:ff9b::192.0.2.4
check "ping IPv4 -> IPv6" n4 ping -4 -c 3 -i 0.2 -W 2 198.51.100.6

# Hop limit 64 from n6 arrives as TTL 63 at n4; TTL 64 arrives as 63.
# Five pings, three captured at least: under emulation, tcpdump has been
# seen to miss one even after it said it was listening.
cap n4 v4 /tmp/ping4.pcap 200 "icmp and src host 198.51.100.6"
sleep 0.3
n6 ping -6 -c 5 -i 0.2 -t 64 64:ff9b::192.0.2.4 >/dev/null
cap_wait 1
check "IPv4 side: checksums valid, TTL 63" /usr/bin/python3 "$TOP/test/netns/pcap_check.py" /tmp/ping4.pcap --family 4 --ttl 63 --min 3
cap n6 v6 /tmp/ping6.pcap 200 "icmp6 and src host 64:ff9b::192.0.2.4"
sleep 0.3
n4 ping -4 -c 5 -i 0.2 -t 64 198.51.100.6 >/dev/null
cap_wait 1
check "IPv6 side: checksums valid, hop limit 63" /usr/bin/python3 "$TOP/test/netns/pcap_check.py" /tmp/ping6.pcap --family 6 --ttl 63 --min 3

# TCP: iperf3 both directions, both ways of opening the connection.
iperf3_server n4 -B 192.0.2.4
cap n4 v4 /tmp/tcp4.pcap 200 "tcp port 5201 and src host 198.51.100.6"
check "iperf3 TCP, IPv6 client -> IPv4 server" n6 iperf3 -c 64:ff9b::192.0.2.4 -t 2
cap_wait 1
check "TCP from IPv6 seen on IPv4: checksums valid, TTL 63" /usr/bin/python3 "$TOP/test/netns/pcap_check.py" /tmp/tcp4.pcap --family 4 --ttl 63 --min 20
iperf3_server n4 -B 192.0.2.4
check "iperf3 TCP reverse (IPv4 server sends)" n6 iperf3 -c 64:ff9b::192.0.2.4 -t 2 -R
iperf3_server n6
cap n6 v6 /tmp/tcp6.pcap 200 "tcp port 5201 and src host 64:ff9b::192.0.2.4"
check "iperf3 TCP, IPv4 client -> IPv6 server" n4 iperf3 -c 198.51.100.6 -t 2
cap_wait 1
check "TCP from IPv4 seen on IPv6: checksums valid, hop limit 63" /usr/bin/python3 "$TOP/test/netns/pcap_check.py" /tmp/tcp6.pcap --family 6 --ttl 63 --min 20
iperf3_server n6
check "iperf3 TCP reverse (IPv6 server sends)" n4 iperf3 -c 198.51.100.6 -t 2 -R

# UDP both ways.
iperf3_server n4 -B 192.0.2.4
check "iperf3 UDP, IPv6 -> IPv4" n6 iperf3 -c 64:ff9b::192.0.2.4 -u -b 5M -t 2
iperf3_server n6
check "iperf3 UDP, IPv4 -> IPv6" n4 iperf3 -c 198.51.100.6 -u -b 5M -t 2

# Data integrity: 4 MB through nc, compared by hash.
head -c 4000000 /dev/urandom >/tmp/blob
want=$(md5sum </tmp/blob)
n4 sh -c 'timeout 60 nc -4 -l -N 192.0.2.4 7000 >/tmp/got4' &
wait_listen n4 7000
n6 sh -c 'timeout 60 nc -6 -N 64:ff9b::192.0.2.4 7000 </tmp/blob'
wait
check "4 MB IPv6 -> IPv4 arrive intact" test "$(md5sum </tmp/got4)" = "$want"
n6 sh -c 'timeout 60 nc -6 -l -N 7001 >/tmp/got6' &
wait_listen n6 7001
n4 sh -c 'timeout 60 nc -4 -N 198.51.100.6 7001 </tmp/blob'
wait
check "4 MB IPv4 -> IPv6 arrive intact" test "$(md5sum </tmp/got6)" = "$want"

# No receiver saw a bad checksum.
incsum() { ip netns exec "$1" nstat -az | awk '/InCsumErrors/ { s += $2 } END { print s + 0 }'; }
check "no checksum errors at the IPv4 host" test "$(incsum n4)" = 0
check "no checksum errors at the IPv6 host" test "$(incsum n6)" = 0

# Counters: ip -s link and the per-reason stats.
tx=$(nx cat /sys/class/net/jool0/statistics/tx_packets)
rx=$(nx cat /sys/class/net/jool0/statistics/rx_packets)
check "ip -s link counts packets in ($tx)" test "$tx" -gt 1000
check "ip -s link counts packets out ($rx)" test "$rx" -gt 1000
check "stats: IPv6 -> IPv4 translations counted" gt "$(jstat xlat jool0 xlat64)" 1000
check "stats: IPv4 -> IPv6 translations counted" gt "$(jstat xlat jool0 xlat46)" 1000

# The same counters through ethtool -S (names in lower case, '_'), every
# one of them, equal to joolctl's (nothing flows now), and readable without
# CAP_NET_ADMIN, as are joolctl's.
same_counters() {
	local eth jc
	eth=$(nx ethtool -S jool0) || return 1
	jc=$(nx "$JOOLCTL" -j jool0 stats --all) || return 1
	/usr/bin/python3 -c '
import json, re, sys
eth = dict((k, int(v)) for k, v in re.findall(r"^\s+(\w+): (\d+)$", sys.argv[1], re.M))
jc = dict((k.replace("-", "_"), v) for k, v in json.loads(sys.argv[2]).items())
if eth != jc or eth["xlat64"] <= 1000:
    print("ethtool:", eth, "joolctl:", jc)
    sys.exit(1)
' "$eth" "$jc"
}
check "ethtool -S: every counter, equal to joolctl stats" same_counters
# outputs PATTERN CMD...: CMD succeeds and a line of its output matches.
outputs() {
	local pattern=$1 out
	shift
	out=$("$@" 2>&1) || { echo "$out"; return 1; }
	grep -Eq -- "$pattern" <<<"$out" || { echo "$out"; return 1; }
}
check "ethtool -i: driver jool_netdev" outputs '^driver: jool_netdev$' nx ethtool -i jool0
# (A copy of joolctl that user 65534 can surely run.)
unpriv_dir=$(mktemp -d)
cp "$JOOLCTL" "$unpriv_dir/joolctl"
chmod 755 "$unpriv_dir" "$unpriv_dir/joolctl"
unpriv() {
	nx setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$@"
}
check "stats without CAP_NET_ADMIN (joolctl)" outputs '^ *XLAT64: +[1-9]' \
	unpriv "$unpriv_dir/joolctl" jool0 stats
check "ethtool -S without CAP_NET_ADMIN" outputs '^ +xlat46: [1-9]' \
	unpriv ethtool -S jool0
rm -rf "$unpriv_dir"

# IPv6 routes into the device (docs/nat64-deployment.md, "Many IPv6
# destinations"): without a gateway, the kernel keeps a neighbour entry
# per destination; with the documented one, one entry serves them all,
# and the translation is the same. 198.18.0.0/15's translations are
# blackholed (no ICMP back).
ip -n xlat route add blackhole 198.18.0.0/15
ip -n xlat route add 64:ff9b::c612:0/119 dev jool0
neigh6() { # [PATTERN]: jool0's IPv6 neighbour entries (matching PATTERN)
	ip -n xlat -6 neigh show nud all dev jool0 | grep -c "^${1:-}"
}
spray() { # BASE: 200 UDP datagrams from n6, to 64:ff9b::198.18.0.0 + BASE...
	n6 /usr/bin/python3 -c 'import socket, sys
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
for i in range(200):
    s.sendto(b"x", ("64:ff9b::c612:%x" % (int(sys.argv[1]) + i), 9))' "$1"
}
# The 200 of the first spray (64:ff9b::c612:0 to :c7) have entries.
grew200() { [ "$(neigh6 '64:ff9b::c612:[0-9a-f]\{1,2\} ')" -ge 200 ]; }
xlat400() { [ "$(jstat xlat jool0 xlat64)" -ge $((x64 + 400)) ]; }
x64=$(jstat xlat jool0 xlat64)
spray 0
check "route without a gateway: an IPv6 neighbour entry per destination (200 of 200)" \
	eventually grew200
ip -n xlat route replace 64:ff9b::c612:0/119 via fe80::1 dev jool0
spray 256
check "route via fe80::1: all 400 datagrams translated" eventually xlat400
check "... no entry for the second 200 destinations, one for fe80::1" \
	test "$(neigh6 '64:ff9b::c612:1[0-9a-f][0-9a-f] ')/$(neigh6 'fe80::1 ')" = 0/1
check "... ping through a pool6 route via fe80::1" sh -c \
	"ip -n xlat route replace 64:ff9b::192.0.2.0/120 via fe80::1 dev jool0 &&
	 ip netns exec n6 ping -6 -c 2 -i 0.2 -W 2 64:ff9b::192.0.2.4 >/dev/null"
ip -n xlat route replace 64:ff9b::192.0.2.0/120 dev jool0
ip -n xlat route del 64:ff9b::c612:0/119
ip -n xlat route del blackhole 198.18.0.0/15

# ---- joolctl check: is what jool0 translates routed into it? ----
jcx() { nx "$JOOLCTL" "$@"; }
# topo_basic routes one pool6 address in; the whole prefix, as usual.
ip -n xlat route add 64:ff9b::/96 dev jool0
check "check: all good, exit 0" exits 0 jcx jool0 check
check "check: pool6 is routed into jool0" \
	says '^ok - pool6 64:ff9b::/96: routed into jool0$' jcx jool0 check
check "check: forwarding and device state" \
	says '^ok - IPv4 forwarding: net/ipv4/ip_forward = 1$' jcx jool0 check
# json_is N NOTES CMD...: CMD exits 0 and prints N items, all ok, and the
# names of those with a note, joined by commas, are NOTES.
json_is() {
	local n=$1 notes=$2 out

	shift 2
	out=$("$@") || return 1
	/usr/bin/python3 -c '
import json, sys
j = json.load(sys.stdin)
notes = ",".join(x["check"] for x in j if "note" in x)
sys.exit(0 if len(j) == int(sys.argv[1]) and all(x["ok"] for x in j)
         and notes == sys.argv[2] else 1)' "$n" "$notes" <<<"$out"
}
# The /96 has no gateway: a note (not a problem) says what that costs.
check "check -j: four items, all ok, pool6's with a note" \
	json_is 4 "pool6 64:ff9b::/96" jcx -j jool0 check
check "check: ...pool6 has a note, no gateway, with the fix" \
	says '^ +note: no gateway: one IPv6 neighbour entry per destination; .* ip route replace 64:ff9b::/96 via fe80::1 dev jool0$' \
	jcx jool0 check
ip -n xlat route replace 64:ff9b::/96 via fe80::1 dev jool0
no_note() {
	local out

	out=$(jcx jool0 check) &&
		grep -q '^ok - pool6 64:ff9b::/96: routed into jool0$' <<<"$out" &&
		! grep -q note <<<"$out" || { echo "$out"; return 1; }
}
check "check: pool6 routed in via fe80::1: ok (exit 0), no note" no_note
check "check -j: ...nor in JSON" json_is 4 "" jcx -j jool0 check
ip -n xlat route del 64:ff9b::/96 dev jool0
ip -n xlat route del 64:ff9b::192.0.2.4/128 dev jool0 2>/dev/null
check "check: pool6 not routed: exit 1" exits 1 jcx jool0 check
check "check: ...says where its first address goes, and the fix" \
	says '^FAIL - pool6 64:ff9b::/96: 64:ff9b::1 has no route' jcx jool0 check
check "check: ...and the route to add" \
	says '^ +ip route add 64:ff9b::/96 via fe80::1 dev jool0$' jcx jool0 check
ip -n xlat route add 64:ff9b::/96 dev jool0
# An EAM whose IPv4 prefix is routed out x4 (192.0.2.0/24 is on it).
jcx jool0 eamt add 2001:db8:7::/121 192.0.2.128/25
check "check: EAM 192.0.2.128/25 goes out x4: exit 1" \
	says '^FAIL - EAM 192.0.2.128/25: 192.0.2.129 goes out x4$' jcx jool0 check
ip -n xlat route add 192.0.2.128/25 dev jool0
check "check: ...routed in: exit 0" exits 0 jcx jool0 check
ip -n xlat route del 192.0.2.128/25 dev jool0
jcx jool0 eamt flush
nx sysctl -qw net.ipv4.ip_forward=0
check "check: IPv4 forwarding off: exit 1, named" \
	says '^FAIL - IPv4 forwarding: net/ipv4/ip_forward = 0$' jcx jool0 check
nx sysctl -qw net.ipv4.ip_forward=1
ip -n xlat link set jool0 down
check "check: device down" says '^FAIL - device: down$' jcx jool0 check
ip -n xlat link set jool0 up

finish
