#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# NAT64 RFC 7422 deterministic mode (issue 9): subscribers' flows land
# exactly in the port ranges the configuration computes for them, the
# range's end is counted, sources outside the mapping are refused,
# "address query" answers both ways from the configuration alone, the
# mapping survives showconf/setconf, and refusals name their numbers.
#
#   n6 ------------------- veth --- xlat [nat64] --- veth ------------ n4
#   2001:db8:6::6, ::16,            pool6 64:ff9b::/96         192.0.2.4/24
#   ::56, ::f6, ::106               pool4 203.0.113.0/30
#
# deterministic 2001:db8:6::/120 /124 203.0.113.0/30 61001-61064: 16
# subscribers (the /124s), 4 per address, 16 ports each. Subscriber i is
# the /124 whose last byte is i * 16: address 203.0.113.(i / 4), ports
# 61001 + (i % 4) * 16 to that + 15.
#   ::6   i 0   203.0.113.0 61001-61016   (the first subscriber)
#   ::16  i 1   203.0.113.0 61017-61032
#   ::56  i 5   203.0.113.1 61017-61032
#   ::f6  i 15  203.0.113.3 61049-61064   (the last: the last port)
#   ::106       outside the /120
. "$(dirname "$0")/lib.sh"
load_module
install_plugin
W=$(mktemp -d /tmp/nat64-det.XXXXXX)
trap 'topo_cleanup; rm -rf "$W"' EXIT

UDP=$TOP/test/netns/nat64_udp.py
topo_nat64
for a in 16 56 f6 106; do
	ip -n n6 addr add 2001:db8:6::$a/64 dev v6 nodad
done
st() { jstat xlat nat64 "$1"; }

check "deterministic add 2001:db8:6::/120 /124 203.0.113.0/30 61001-61064" \
	jc deterministic add 2001:db8:6::/120 /124 203.0.113.0/30 61001-61064
check "deterministic show: the mapping" out "2001:db8:6::/120 /124 203.0.113.0/30 61001-61064
  16 subscribers, 4 per address, 16 ports each" jc deterministic show
check "deterministic show -j" jq_ \
	"j['enabled'] and j['prefix6'] == '2001:db8:6::/120' and j['subscriber_length'] == 124 and j['ports_per_subscriber'] == 16" \
	jc -j deterministic show

# ---- Flows: 16 per subscriber, each in its range ----
for a in 6 16 56 f6; do
	check "16 UDP flows from 2001:db8:6::$a" \
		n6 "$UDP" flows 2001:db8:6::$a 64:ff9b::192.0.2.4 9 40000 16
done
R="{'2001:db8:6::6': ('203.0.113.0', 61001), '2001:db8:6::16': ('203.0.113.0', 61017), '2001:db8:6::56': ('203.0.113.1', 61017), '2001:db8:6::f6': ('203.0.113.3', 61049)}"
check "64 BIB entries, each in its subscriber's computed range" eventually jq_ \
	"len(j) == 64 and all(e['ipv4-address'] == $R[e['ipv6-address']][0] and $R[e['ipv6-address']][1] <= e['ipv4-port'] <= $R[e['ipv6-address']][1] + 15 for e in j)" \
	jc -j bib show udp
check "every port of the four ranges given once" jq_ \
	"len({(e['ipv4-address'], e['ipv4-port']) for e in j}) == 64" \
	jc -j bib show udp
check "each flow kept its port's parity (8 even, 8 odd per range)" jq_ \
	"all(e['ipv4-port'] % 2 == e['ipv6-port'] % 2 for e in j)" \
	jc -j bib show udp
check "the last subscriber has the last port, 203.0.113.3#61064" jq_ \
	"any(e['ipv4-address'] == '203.0.113.3' and e['ipv4-port'] == 61064 and e['ipv6-address'] == '2001:db8:6::f6' for e in j)" \
	jc -j bib show udp
check "the 17th flow of 2001:db8:6::f6: its range is full" \
	n6 "$UDP" flows 2001:db8:6::f6 64:ff9b::192.0.2.4 9 40016 1
check "counted as NAT64_DET_EXHAUSTED, once" eventually out 1 st nat64-det-exhausted
check "no BIB entry for it" jq_ "not any(e['ipv6-port'] == 40016 for e in j)" \
	jc -j bib show udp
check "a flow from 2001:db8:6::106 (outside the /120)" \
	n6 "$UDP" flows 2001:db8:6::106 64:ff9b::192.0.2.4 9 40000 1
check "counted as NAT64_DET_OUTSIDE, once" eventually out 1 st nat64-det-outside
check "ping from 2001:db8:6::56 (ICMP)" \
	n6 ping -6 -c 1 -W 2 -I 2001:db8:6::56 64:ff9b::192.0.2.4
check "its ICMP identifier is in 203.0.113.1 61017-61032" jq_ \
	"len(j) == 1 and j[0]['ipv4-address'] == '203.0.113.1' and 61017 <= j[0]['ipv4-port'] <= 61032" \
	jc -j bib show icmp

# ---- address query, both ways ----
check "query 203.0.113.1#61020: the subscriber" \
	out "203.0.113.1#61020 -> 2001:db8:6::50/124 (deterministic: 203.0.113.1 ports 61017-61032)" \
	jc address query 203.0.113.1#61020
check "query 203.0.113.0#61001: the first subscriber, first port" \
	out "203.0.113.0#61001 -> 2001:db8:6::/124 (deterministic: 203.0.113.0 ports 61001-61016)" \
	jc address query 203.0.113.0#61001
check "query 203.0.113.3#61064: the last subscriber, last port" \
	out "203.0.113.3#61064 -> 2001:db8:6::f0/124 (deterministic: 203.0.113.3 ports 61049-61064)" \
	jc address query 203.0.113.3#61064
check "query 2001:db8:6::56: its address and range" \
	out "2001:db8:6::56 -> 203.0.113.1 ports 61017-61032 (deterministic: 2001:db8:6::50/124)" \
	jc address query 2001:db8:6::56
check "query 2001:db8:6::ff: the last subscriber" \
	out "2001:db8:6::ff -> 203.0.113.3 ports 61049-61064 (deterministic: 2001:db8:6::f0/124)" \
	jc address query 2001:db8:6::ff
check "query 203.0.113.3#61065: outside" \
	out "203.0.113.3#61065: not translated (outside the deterministic mapping)" \
	jc address query 203.0.113.3#61065
check "query 2001:db8:6::106: outside" \
	out "2001:db8:6::106: not translated (outside the deterministic mapping)" \
	jc address query 2001:db8:6::106
check "query -j 203.0.113.1#61020" jq_ \
	"j['rule'] == 'deterministic' and j['subscriber'] == '2001:db8:6::50/124' and j['ipv4'] == '203.0.113.1' and j['port_min'] == 61017 and j['port_max'] == 61032" \
	jc -j address query 203.0.113.1#61020
check_fail "query of an IPv4 address without its port" \
	"needs its port" jc address query 203.0.113.1
# Every BIB entry's IPv4 transport address names the /124 of its client.
check "every BIB entry's IPv4 taddr queries back to its client's /124" \
	/usr/bin/python3 -c '
import ipaddress, json, subprocess, sys
jc = sys.argv[1:]
bib = json.loads(subprocess.check_output(jc + ["-j", "bib", "show", "udp"]))
for e in bib:
    q = "%s#%d" % (e["ipv4-address"], e["ipv4-port"])
    a = json.loads(subprocess.check_output(jc + ["-j", "address", "query", q]))
    net = ipaddress.ip_network(a["subscriber"])
    assert ipaddress.ip_address(e["ipv6-address"]) in net, (e, a)
' ip netns exec xlat "$JOOLCTL" nat64

# ---- showconf / setconf ----
check "showconf has the deterministic globals" sh -c \
	"ip netns exec xlat $JOOLCTL nat64 showconf >$W/conf && grep -qx 'global deterministic-prefix6 2001:db8:6::/120' $W/conf && grep -qx 'global deterministic-port-max 61064' $W/conf"
check "deterministic flush" jc deterministic flush
check "deterministic show: (off)" out "(off)" jc deterministic show
check "address query refused when off" says "needs deterministic mode" \
	jc address query 2001:db8:6::56
check "setconf of the saved file" jc setconf "$W/conf"
check "the mapping is back" out "2001:db8:6::/120 /124 203.0.113.0/30 61001-61064
  16 subscribers, 4 per address, 16 ports each" jc deterministic show

# ---- Refusals ----
check_fail "add: fewer subscribers than addresses, named" \
	"4 subscribers \(/122 prefixes of a /120\) cannot share 8 IPv4 addresses \(a /29\)" \
	jc deterministic add 2001:db8:6::/120 /122 203.0.113.0/29 61001-61064
check_fail "add: ports that do not divide, named" \
	"65 ports \(61001-61065\) do not divide among 4 subscribers per address \(16 subscribers on 4 addresses\)" \
	jc deterministic add 2001:db8:6::/120 /124 203.0.113.0/30 61001-61065
check_fail "add: subscriber length out of range, named" \
	"subscriber length /88 must be from /120 to /128" \
	jc deterministic add 2001:db8:6::/120 /88 203.0.113.0/30 61001-61064
check_fail "add: a second mapping" "has a mapping already" \
	jc deterministic add 2001:db8:7::/120 /124 203.0.113.0/30 61001-61064
check_fail "del: not the device's prefix" "is not the deterministic prefix" \
	jc deterministic del 2001:db8:7::/120
check_fail "the kernel refuses globals that do not divide" \
	"does not divide among the subscribers of one address" \
	jc global set deterministic-port-max 61065
check "the refused change left the mapping alone" says "61001-61064" \
	jc deterministic show
check "deterministic del 2001:db8:6::/120" jc deterministic del 2001:db8:6::/120
check_fail "the kernel refuses prefix6 without prefix4" \
	"deterministic-prefix6 needs deterministic-prefix4" \
	jc global set deterministic-prefix6 2001:db8:7::/64

# ---- SIIT devices: no deterministic mode, address query unchanged ----
ip -n xlat link add siit1 type jool
check "SIIT: pool6" nx "$JOOLCTL" siit1 global set pool6 64:ff9b::/96
check_fail "SIIT: deterministic-prefix6 refused" "NAT64" \
	nx "$JOOLCTL" siit1 global set deterministic-prefix6 2001:db8:7::/64
check "SIIT: address query as before" \
	out "192.0.2.1 -> 64:ff9b::c000:201 (pool6 64:ff9b::/96)" \
	nx "$JOOLCTL" siit1 address query 192.0.2.1
finish
