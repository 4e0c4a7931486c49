#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fragments end to end (RFC 7915 4.1, 5.1.1): big UDP datagrams, cut into
# fragments by their sender, arrive whole both ways; a big IPv4 datagram
# without DF is cut by the translator so that every IPv6 piece fits in
# lowest-ipv6-mtu and in the MTU of its route; fragmented ICMP (ping -s
# 3000) is not translated (RFC 7915 1.2).
. "$(dirname "$0")/lib.sh"
load_module
topo_basic
trap topo_cleanup EXIT
UDPBIG="/usr/bin/python3 $TOP/test/netns/udp_big.py"

# udp_through NS_FROM NS_TO DST PORT LEN [df0]: one datagram, hash compared.
udp_through() {
	local from=$1 to=$2 dst=$3 port=$4 len=$5 i
	rm -f /tmp/frag.ready /tmp/frag.got
	ip netns exec "$to" $UDPBIG recv "$port" /tmp/frag.ready >/tmp/frag.got &
	for i in $(seq 50); do
		[ -e /tmp/frag.ready ] && break
		sleep 0.2
	done
	ip netns exec "$from" $UDPBIG send "$dst" "$port" "$len" ${6:-}
	wait
	[ "$(cat /tmp/frag.got)" = "$($UDPBIG hash "$len")" ]
}

# df0_pieces DESCRIPTION PORT LEN PIECES: one LEN-byte datagram without
# DF from n4 reaches n6, translated in PIECES pieces.
df0_pieces() {
	local x46
	x46=$(jstat xlat jool0 xlat46)
	check "$1" udp_through n4 n6 198.51.100.6 "$2" "$3" df0
	check "...translated in $4 pieces" \
		[ $(($(jstat xlat jool0 xlat46) - x46)) -eq "$4" ]
}

x46=$(jstat xlat jool0 xlat46)
check "4000-byte UDP datagram, IPv4 -> IPv6 (sender fragments, then the translator)" \
	udp_through n4 n6 198.51.100.6 5000 4000
# n4 sends 3 fragments (1480 + 1480 + 1048 bytes of data); the first two
# become 2 pieces each (1232 + 248), the last one fits whole.
check "...in 5 IPv6 fragments" [ $(($(jstat xlat jool0 xlat46) - x46)) -eq 5 ]
check "4000-byte UDP datagram, IPv6 -> IPv4 (IPv6 fragments become IPv4 fragments)" \
	udp_through n6 n4 64:ff9b::192.0.2.4 5001 4000
check "12000-byte UDP datagram, IPv6 -> IPv4" \
	udp_through n6 n4 64:ff9b::192.0.2.4 5002 12000

# One 4028-byte IPv4 packet without DF (9000-byte MTUs up to the
# translator): the translator cuts it into 4 pieces of at most 1232 bytes
# of data.
ip -n n4 link set v4 mtu 9000
ip -n xlat link set x4 mtu 9000
ip -n xlat link set jool0 mtu 9000
df0_pieces "4028-byte IPv4 packet without DF arrives on the IPv6 side" \
	5003 4000 4
if nx "$JOOLCTL" jool0 global set lowest-ipv6-mtu 1500 2>/dev/null; then
	# 1448 + 1448 + 1112 bytes of data.
	df0_pieces "lowest-ipv6-mtu 1500: the same packet" 5004 4000 3
	nx "$JOOLCTL" jool0 global set lowest-ipv6-mtu 1280
else
	echo "skip - lowest-ipv6-mtu 1500 (joolctl has no such key yet)"
fi
ip -n n4 link set v4 mtu 1500
ip -n xlat link set x4 mtu 1500
ip -n xlat link set jool0 mtu 1500

# The translated packet's route is smaller than lowest-ipv6-mtu (1500 here,
# the IPv6 link to n6 1300): a 1400-byte IPv4 packet without DF is cut to
# fit the route, 2 pieces; cut to 1500 it would stay whole and meet a
# "packet too big" its sender ignores (it allowed fragmentation).
if nx "$JOOLCTL" jool0 global set lowest-ipv6-mtu 1500 2>/dev/null; then
	ip -n xlat link set x6 mtu 1300
	ip -n n6 link set v6 mtu 1300
	df0_pieces "1400-byte IPv4 packet without DF reaches a host behind a 1300-byte IPv6 link" \
		5006 1372 2
	ip -n xlat link set x6 mtu 1500
	ip -n n6 link set v6 mtu 1500
	nx "$JOOLCTL" jool0 global set lowest-ipv6-mtu 1280
else
	fail "joolctl cannot set lowest-ipv6-mtu"
fi

# RFC 7915 1.2: fragmented ICMP is not translated; its checksum covers a
# pseudo-header only the whole message could be fixed for.
f=$(jstat xlat jool0 fragment)
check "ping -s 3000 IPv4 -> IPv6 is not translated (fragmented ICMP)" \
	sh -c "! ip netns exec n4 ping -4 -c 1 -W 2 -s 3000 198.51.100.6"
check "...its fragments counted as fragment" gt "$(jstat xlat jool0 fragment)" "$f"
f=$(jstat xlat jool0 fragment)
check "ping -s 3000 IPv6 -> IPv4 is not translated (fragmented ICMPv6)" \
	sh -c "! ip netns exec n6 ping -6 -c 1 -W 2 -s 3000 64:ff9b::192.0.2.4"
check "...its fragments counted as fragment" gt "$(jstat xlat jool0 fragment)" "$f"
# A 3028-byte echo request without DF, whole (9000-byte MTUs on the IPv4
# side): the translator makes it ICMPv6, then cuts it; it reaches the IPv6
# host (whose reply, fragmented by the host itself, is not translated).
ip -n n4 link set v4 mtu 9000
ip -n xlat link set x4 mtu 9000
ip -n xlat link set jool0 mtu 9000
echos() { n6 awk '$1 == "Icmp6InEchos" { print $2 }' /proc/net/snmp6; }
e=$(echos)
x46=$(jstat xlat jool0 xlat46)
n4 ping -4 -c 1 -W 2 -M dont -s 3000 198.51.100.6 >/dev/null 2>&1
check "3028-byte echo request without DF reaches the IPv6 host" \
	gt "$(echos)" "$e"
check "...cut into 3 ICMPv6 fragments" [ $(($(jstat xlat jool0 xlat46) - x46)) -eq 3 ]
ip -n n4 link set v4 mtu 1500
ip -n xlat link set x4 mtu 1500
ip -n xlat link set jool0 mtu 1500

check "ping -s 1400 both ways (DF, no fragments)" sh -c \
	"ip netns exec n4 ping -4 -c 1 -W 2 -s 1400 198.51.100.6 &&
	 ip netns exec n6 ping -6 -c 1 -W 2 -s 1400 64:ff9b::192.0.2.4"
check "no fragmentation failed" [ "$(jstat xlat jool0 frag-failed)" -eq 0 ]
finish
