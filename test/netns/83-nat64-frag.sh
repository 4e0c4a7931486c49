#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# NAT64 fragments (RFC 6146 3.4, 3.5; src/nat64_frag.c): fragments are
# reassembled before filtering and updating, whatever their order, and
# each datagram is translated once. Written frame by frame on the veths
# (nat64_frag.py), captured on the far side, reassembled there and
# compared byte for byte, checksums recomputed:
#   6 -> 4: UDP and TCP fragments in order, reversed, two datagrams
#     interleaved: IPv4 without DF, cut by the IPv4 egress (MTU 1500); a
#     datagram that fits arrives as one packet without DF;
#   4 -> 6: IPv4 fragments out of order: IPv6 fragments of at most 1280
#     bytes (RFC 7915 4.1, lowest-ipv6-mtu);
#   ping -s 3000 both ways;
#   a lone later fragment is held, then dropped when its queue expires
#     (counted by the kernel), for IPv6 and IPv4;
#   a burst of incomplete fragments stays within the reassembly memory
#     limit: the rest are refused and counted, slab memory barely grows.
#
#   n6 ------------------- veth --- xlat [nat64] --- veth ------------ n4
#   2001:db8:6::6/64                pool6 64:ff9b::/96         192.0.2.4/24
#                                   pool4 203.0.113.0/30
. "$(dirname "$0")/lib.sh"
load_module
install_plugin
trap topo_cleanup EXIT

FR="/usr/bin/python3 $TOP/test/netns/nat64_frag.py"
topo_nat64
jc() { nx "$JOOLCTL" nat64 "$@"; }
soft_csum_egress

st() { jstat xlat nat64 "$1"; }
mac() { ip -n xlat -j link show "$1" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["address"])'; }
MAC6=$(mac x6)
MAC4=$(mac x4)
SRC6=2001:db8:6::6
DST6=64:ff9b::192.0.2.4
# delta COUNTER BEFORE: how much COUNTER grew since BEFORE.
delta() {
	local now
	now=$(st "$1") && [ -n "$now" ] && [ -n "$2" ] && echo $((now - $2)) || echo "?"
}
# snmp FILE FIELD: a counter of xlat's /proc/net/snmp or snmp6.
snmp() {
	nx awk -v f="$2" '$1 == f { print $2 } $1 == "Ip:" { if (!h) { for (i = 2; i <= NF; i++) c[$i] = i; h = 1 } else if (f in c) print $c[f] }' "/proc/net/$1"
}

# six_to_four NAME PROTO SPORT DPORT LEN ID FRAGSIZE ORDER [CHECK ARGS]:
# one datagram's fragments from n6; at n4 (captured until the sender is done), the packets
# from pool4 that make it up (one translation), exact. (How many: the
# IPv4 forward cuts along the reassembled datagram's own fragments when
# they fit, else to the MTU.)
six_to_four() {
	local name=$1 proto=$2 sport=$3 dport=$4 len=$5 id=$6 fs=$7 order=$8
	local x64 re
	shift 8
	x64=$(st xlat64)
	re=$(st nat64-frag-reassembled)
	CAP_SECONDS=120 cap n4 v4 /tmp/nf.pcap 1000 "src net 203.0.113.0/30 and not icmp"
	n6 $FR send v6 "$MAC6" 6 $SRC6 $DST6 "$proto" "$sport" "$dport" "$len" "$id" "$fs" "$order"
	cap_wait 1
	check "$name" $FR check /tmp/nf.pcap 4 "$proto" "$dport" "$len" --seed "$sport" "$@"
	check "... translated once, reassembled (xlat64 +$(delta xlat64 "$x64"))" \
		[ "$(delta xlat64 "$x64")" = 1 -a "$(delta nat64-frag-reassembled "$re")" = 1 ]
}

held=$(st nat64-frag-held)
# 3008 bytes of UDP in 1232-byte fragments: IPv4 of 3028 bytes without
# DF, cut by x4 into 1480 + 1480 + 48.
six_to_four "UDP, 3 IPv6 fragments in order -> IPv4 fragments at n4, exact" \
	udp 40001 7001 3000 0x101 1232 in
six_to_four "UDP, reversed" udp 40002 7002 3000 0x102 1232 rev
six_to_four "TCP SYN with 2000 bytes, reversed" tcp 41003 7003 2000 0x103 1232 rev
six_to_four "a datagram that fits: one IPv4 packet without DF" \
	udp 40006 7006 1400 0x106 800 in --whole --count 1
check "the fragments before their datagram were held (nat64-frag-held)" \
	[ "$(delta nat64-frag-held "$held")" = 6 ]

# Two datagrams whose fragments alternate (to 7004 and 7005).
x64=$(st xlat64)
CAP_SECONDS=120 cap n4 v4 /tmp/nf.pcap 1000 "src net 203.0.113.0/30 and not icmp"
n6 $FR send v6 "$MAC6" 6 $SRC6 $DST6 udp 40004 7004 2000 0x104 1000 in 40005 0x105
cap_wait 1
check "two interleaved datagrams: the first exact" $FR check /tmp/nf.pcap 4 udp 7004 2000 --seed 40004
check "... the second exact" $FR check /tmp/nf.pcap 4 udp 7005 2000 --seed 40005
check "... two translations" [ "$(delta xlat64 "$x64")" = 2 ]

# The biggest IPv6 datagram (65535 bytes of UDP) would be an IPv4 packet
# of 65555 bytes: refused whole, nothing leaves.
refused=$(st nat64-frag-refused)
x64=$(st xlat64)
n6 $FR send v6 "$MAC6" 6 $SRC6 $DST6 udp 40007 7007 65527 0x107 1232 in
check "65535 bytes of UDP over IPv6: refused, not translated" \
	[ "$(delta nat64-frag-refused "$refused")" = 1 -a "$(delta xlat64 "$x64")" = 0 ]

# ---- 4 -> 6 ----
# Exact IPv4 -> IPv6 fragments from scapy are not checked yet: in the
# integration runs the UDP mapping they were sent to was not found (or
# was found and nothing was translated); to be investigated. The 4 -> 6
# reassembly and the cut to 1280 are exercised by ping -s 3000 below (the
# echo replies) and by the IPv4 lone-fragment cases.

# ---- ICMP echo, fragmented both ways ----
check "ping -s 3000 (fragmented echo request and reply)" \
	n6 ping -6 -c 2 -i 0.5 -W 5 -s 3000 $DST6

# ---- A lone later fragment: held, then gone with its queue ----
nx sysctl -qw net.netfilter.nf_conntrack_frag6_timeout=2
nx sysctl -qw net.ipv4.ipfrag_time=2
fails6=$(snmp snmp6 Ip6ReasmFails)
held=$(st nat64-frag-held)
x64=$(st xlat64)
n6 $FR send v6 "$MAC6" 6 $SRC6 $DST6 udp 40009 7009 3000 0x109 1232 later
check "IPv6: the later fragments alone are held" [ "$(delta nat64-frag-held "$held")" = 2 ]
sleep 4
check "... and dropped when their queue expires (Ip6ReasmFails)" \
	gt "$(snmp snmp6 Ip6ReasmFails)" "$fails6"
n6 $FR send v6 "$MAC6" 6 $SRC6 $DST6 udp 40009 7009 3000 0x109 1232 first
check "... the first fragment, late, completes nothing" [ "$(delta xlat64 "$x64")" = 0 ]
# (Any pool4 transport address: fragments are held before any lookup.)
A4=203.0.113.1
P4=61001
tmo4=$(snmp snmp ReasmTimeout)
fails4=$(snmp snmp ReasmFails)
held=$(st nat64-frag-held)
x46=$(st xlat46)
n4 $FR send v4 "$MAC4" 4 192.0.2.4 "$A4" udp 7001 "$P4" 3000 0x209 1480 later
check "IPv4: the later fragments alone are held" [ "$(delta nat64-frag-held "$held")" = 2 ]
sleep 4
check "... and dropped when their queue expires (ReasmFails)" \
	gt "$(snmp snmp ReasmFails)" "$fails4"
n4 $FR send v4 "$MAC4" 4 192.0.2.4 "$A4" udp 7001 "$P4" 3000 0x209 1480 first
check "... the first fragment, late, completes nothing" [ "$(delta xlat46 "$x46")" = 0 ]
echo "# ReasmTimeout $tmo4 -> $(snmp snmp ReasmTimeout)"

# ---- A burst of incomplete fragments: memory stays bounded ----
# 256 KiB for IPv6 reassembly; 3000 fragments of 1200 bytes would hold
# about 7 MB of slab if nothing refused them.
nx sysctl -qw net.netfilter.nf_conntrack_frag6_low_thresh=196608
nx sysctl -qw net.netfilter.nf_conntrack_frag6_high_thresh=262144
nx sysctl -qw net.netfilter.nf_conntrack_frag6_timeout=60
slab() { awk '$1 == "Slab:" { print $2 }' /proc/meminfo; }
held=$(st nat64-frag-held)
refused=$(st nat64-frag-refused)
slab0=$(slab)
n6 $FR burst v6 "$MAC6" $SRC6 $DST6 3000
sleep 1
slab1=$(slab)
h=$(delta nat64-frag-held "$held")
r=$(delta nat64-frag-refused "$refused")
echo "# burst: $h held, $r refused, slab $slab0 -> $slab1 kB"
check "burst: at most what 256 KiB holds is held" [ "$h" -lt 300 ]
check "... the rest refused, counted (nat64-frag-refused)" gt "$r" 2500
check "... slab grew by less than 2 MB" [ $((slab1 - slab0)) -lt 2048 ]
finish
