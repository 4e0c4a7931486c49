#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# pool4 (NAT64) end to end, through joolctl: add, show, del and flush in our
# words and in Jool's (--tcp, --mark, --max-iterations, --force, --quick,
# display, remove), the defaults (61001-65535 on add, 0-65535 on del, the
# three protocols, /32, mark 0, max-iterations auto), ranges merging, the
# JSON output, the errors (ephemeral range, short prefix, bad ports,
# nothing to delete, the cap; one stderr line, exit status, nothing
# changed), SIIT-only commands refused on a NAT64 device and pool4 refused
# on a SIIT one, and a big pool.
. "$(dirname "$0")/lib.sh"
load_module
trap 'ip netns del xlat 2>/dev/null' EXIT

install_plugin

ip netns add xlat
ip -n xlat link set lo up
check "a NAT64 device" ip -n xlat link add nat64 type jool mode nat64 pool6 64:ff9b::/96
check "a SIIT device" ip -n xlat link add siit0 type jool

jc() { nx "$JOOLCTL" nat64 "$@"; }
# rows: the JSON entries as "proto mark address min-max iterations mode".
rows() {
	jc -j pool4 show "$@" | /usr/bin/python3 -c '
import json, sys
for e in json.load(sys.stdin):
    print(e["protocol"], e["mark"], e["address"],
          "%d-%d" % (e["min-port"], e["max-port"]),
          e["max-iterations"], e["max-iterations-mode"])'
}
# rows_grep REGEX [PROTO]: the rows that match.
rows_grep() {
	local re=$1
	shift
	rows "$@" | grep -E "$re"
}
bad() { check_status "$@"; }

# ---- Commands and defaults ----
check "empty at creation" out "pool4 is empty." jc pool4 show
check "empty, JSON" out "[]" jc -j pool4
check "Jool's add: --tcp ADDRESS PORTS" jc pool4 add --tcp 192.0.2.2 1-3000
check "add udp, default ports" jc pool4 add udp 192.0.2.2
check "add without a protocol: the three" jc pool4 add 192.0.2.3
check "show: by protocol, mark, address" out "tcp 0 192.0.2.2 1-3000 1024 auto
tcp 0 192.0.2.3 61001-65535 1024 auto
udp 0 192.0.2.2 61001-65535 1024 auto
udp 0 192.0.2.3 61001-65535 1024 auto
icmp 0 192.0.2.3 61001-65535 1024 auto" rows
check "text" out "Proto Mark       Max iterations  Address         Ports
udp   0          1024 (auto)     192.0.2.2       61001-65535
udp   0          1024 (auto)     192.0.2.3       61001-65535" jc pool4 show udp
check "display --icmp (Jool's)" out "icmp 0 192.0.2.3 61001-65535 1024 auto" rows --icmp
check "display (Jool's verb)" out "$(jc pool4 show)" jc pool4 display

check "touching range: merged" jc pool4 add tcp 192.0.2.2 3001-4000
check "overlapping range: merged" jc pool4 add --tcp 192.0.2.2 2000-2500
check "reversed range: swapped" jc pool4 add tcp 192.0.2.2 4100-4001
check "merged into one" out "tcp 0 192.0.2.2 1-4100 1024 auto" rows_grep '^tcp 0 192.0.2.2 ' tcp
check "Jool's --mark N --max-iterations N" jc pool4 add --tcp 192.0.2.2 5000-6000 --mark 7 --max-iterations 999
check "--mark=N --max-iterations=infinity" jc pool4 add --udp 192.0.2.9 --mark=8 --max-iterations=infinity
check "our mark N max-iterations auto" jc pool4 add icmp 192.0.2.9 0-10 mark 9 max-iterations auto
check "marks are sets of their own" out "tcp 0 192.0.2.2 1-4100 1024 auto
tcp 0 192.0.2.3 61001-65535 1024 auto
tcp 7 192.0.2.2 5000-6000 999 fixed
udp 0 192.0.2.2 61001-65535 1024 auto
udp 0 192.0.2.3 61001-65535 1024 auto
udp 8 192.0.2.9 61001-65535 None infinity
icmp 0 192.0.2.3 61001-65535 1024 auto
icmp 9 192.0.2.9 0-10 1024 auto" rows
check "text: infinity" sh -c "ip netns exec xlat $JOOLCTL nat64 pool4 show udp | grep -Eq '^udp +8 +infinity +192.0.2.9 +61001-65535$'"
check "text: fixed" sh -c "ip netns exec xlat $JOOLCTL nat64 pool4 show tcp | grep -Eq '^tcp +7 +999 +192.0.2.2 +5000-6000$'"
check "marks may share ports" jc pool4 add tcp 192.0.2.2 100-200 mark 7
check "add without max-iterations keeps it" out "tcp 7 192.0.2.2 100-200 999 fixed
tcp 7 192.0.2.2 5000-6000 999 fixed" rows_grep '^tcp 7 '
check "TCP leaves port 0 out, ICMP does not" jc pool4 add 192.0.2.10 0-5
check "ports 1-5 and ids 0-5" out "tcp 0 192.0.2.10 1-5 1024 auto
udp 0 192.0.2.10 1-5 1024 auto
icmp 0 192.0.2.10 0-5 1024 auto" rows_grep ' 192.0.2.10 '

check "remove --tcp ADDRESS PORTS (Jool's)" jc pool4 remove --tcp 192.0.2.2 100-200
check "a hole" out "tcp 0 192.0.2.2 1-99 1024 auto
tcp 0 192.0.2.2 201-4100 1024 auto" rows_grep '^tcp 0 192.0.2.2 ' tcp
check "del a set (default ports 0-65535)" jc pool4 del tcp 192.0.2.2 mark 7
check "the set is gone" sh -c "! ip netns exec xlat $JOOLCTL nat64 pool4 show | grep -q ' 7 '"
check "del without a protocol: the three, quick" jc pool4 del 192.0.2.10 quick
check "del a /24 of udp, --quick" jc pool4 del --udp 192.0.2.0/24 --mark 8 --quick
check "what is left" out "tcp 0 192.0.2.2 1-99 1024 auto
tcp 0 192.0.2.2 201-4100 1024 auto
tcp 0 192.0.2.3 61001-65535 1024 auto
udp 0 192.0.2.2 61001-65535 1024 auto
udp 0 192.0.2.3 61001-65535 1024 auto
icmp 0 192.0.2.3 61001-65535 1024 auto
icmp 9 192.0.2.9 0-10 1024 auto" rows
check "JSON fields" jq_ 'j[0] == {"protocol": "tcp", "mark": 0, "max-iterations": 1024, "max-iterations-mode": "auto", "address": "192.0.2.2", "min-port": 1, "max-port": 99}' jc -j pool4 show
check "--help" sh -c "ip netns exec xlat $JOOLCTL nat64 pool4 --help | grep -q '^Usage: joolctl'"

# ---- Errors: one line on stderr, exit status, nothing changed ----
before=$(jc pool4 show)
bad "meets the ephemeral range" "ephemeral range.*force" 1 jc pool4 add tcp 192.0.2.2 30000-40000
bad "meets it at its end" "ephemeral range" 1 jc pool4 add udp 192.0.2.2 60999-61000
check "ICMP ids are not ports" jc pool4 add icmp 192.0.2.4 30000-40000
check "force" jc pool4 add tcp 192.0.2.4 30000-40000 force
nx sysctl -qw net.ipv4.ip_local_port_range="40001 50000"
check "the namespace's own range counts" jc pool4 add tcp 192.0.2.5 30000-40000
bad "... all of it" "ephemeral range" 1 jc pool4 add tcp 192.0.2.5 50000
nx sysctl -qw net.ipv4.ip_local_port_range="32768 60999"
jc pool4 del 192.0.2.4
jc pool4 del 192.0.2.5
bad "a /23 without force" "shorter than /24.*force" 1 jc pool4 add 198.51.100.0/23
bad "TCP port 0 alone" "no port 0" 1 jc pool4 add tcp 192.0.2.2 0
bad "port 70000" "invalid port range" 2 jc pool4 add 192.0.2.2 70000
bad "ports 1-2-3" "invalid port range" 2 jc pool4 add 192.0.2.2 1-2-3
bad "ports 5-" "invalid port range" 2 jc pool4 add 192.0.2.2 5-
bad "max-iterations 0" "invalid max-iterations" 2 jc pool4 add 192.0.2.2 --max-iterations 0
bad "max-iterations on del" "unexpected argument" 2 jc pool4 del 192.0.2.2 max-iterations 5
bad "--mark without a value" "needs a value" 2 jc pool4 add 192.0.2.2 --mark
bad "mark 2^32" "invalid mark" 2 jc pool4 add 192.0.2.2 mark 4294967296
bad "two protocols" "one protocol at most" 2 jc pool4 add --tcp --udp 192.0.2.2
bad "missing prefix" "missing PREFIX" 2 jc pool4 add tcp 1-5
bad "host bits" "bits are set after" 2 jc pool4 add 192.0.2.1/24
bad "an IPv6 prefix" "IPv4" 2 jc pool4 add 2001:db8::1
bad "force on del" "unexpected argument" 2 jc pool4 del 192.0.2.2 force
bad "quick on add" "unexpected argument" 2 jc pool4 add 192.0.2.2 quick
bad "del of nothing" "nothing in pool4 matches" 1 jc pool4 del 203.0.113.1
bad "del of another mark" "nothing in pool4 matches" 1 jc pool4 del 192.0.2.3 mark 1
bad "flush with an argument" "unexpected argument" 2 jc pool4 flush now
bad "show with an argument" "unexpected argument" 2 jc pool4 show all
check "nothing changed" out "$before" jc pool4 show

# ---- One mode's commands on the other's devices ----
bad "SIIT device: pool4 add refused" "NAT64 feature; this is a SIIT device" 1 nx "$JOOLCTL" siit0 pool4 add 192.0.2.2
bad "SIIT device: pool4 del refused" "NAT64 feature" 1 nx "$JOOLCTL" siit0 pool4 del 192.0.2.2
bad "SIIT device: pool4 flush refused" "NAT64 feature" 1 nx "$JOOLCTL" siit0 pool4 flush
# A dump's .start cannot return an extack message on 6.1; its first call can.
bad "SIIT device: pool4 show refused" "NAT64 feature|operation not supported" 1 nx "$JOOLCTL" siit0 pool4 show
bad "NAT64 device: eamt refused" "SIIT feature; this is a NAT64 device" 1 jc eamt add 2001:db8::/120 192.0.2.0/24
bad "NAT64 device: denylist4 refused" "SIIT devices only" 1 jc denylist4 add 192.0.2.0/24
bad "NAT64 device without deterministic mode or port blocks: address query refused" \
	"needs deterministic mode .* or port blocks" 1 jc address query 192.0.2.4

# ---- flush ----
check "flush --quick" jc pool4 flush --quick
check "empty" out "pool4 is empty." jc pool4 show
check "flush of an empty pool4" jc pool4 flush

# ---- A big pool ----
check "a /23 with force: 512 addresses x 3" jc pool4 add 198.51.100.0/23 force
check "512 x 3 entries" jq_ 'len(j) == 1536' jc -j pool4 show
check "flush" jc pool4 flush
check "a /16, every port, 3 protocols" jc pool4 add 10.0.0.0/16 1-65535 --force
check "JSON: 196608 entries" jq_ 'len(j) == 196608 and j[0]["address"] == "10.0.0.0" and j[65536]["protocol"] == "udp"' jc -j pool4 show
check "auto max-iterations caps at 8192" jq_ 'j[0]["max-iterations"] == 8192' jc -j pool4 show tcp
check "up to the cap (262144)" jc pool4 add tcp 10.1.0.0/16 force
check "text: 262144 lines and a header" out 262145 sh -c "ip netns exec xlat $JOOLCTL nat64 pool4 show | wc -l"
bad "one more: full" "pool4 is full" 1 jc pool4 add udp 10.2.0.1
check "del a /17 of the three" jc pool4 del 10.0.0.0/17
check "98304 fewer" out 163841 sh -c "ip netns exec xlat $JOOLCTL nat64 pool4 show | wc -l"
check "flush" jc pool4 flush
check "empty again" out "[]" jc -j pool4 show

finish
