#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Configuration files (docs/configuration.md): showconf, setconf,
# syncconf, addconf. Every field of a SIIT and a NAT64 device set from a
# file, shown, and set onto a fresh device identically; setconf replaces
# (old entries gone, omitted globals back to their defaults); a bad file
# changes nothing and names its line (a syntax error: exit 2; a kernel
# refusal: exit 1, the line found from the extended ack's offset); a
# 10000-EAM file; no ping lost across 50 setconfs (one snapshot each); a
# Jool JSON file (warnings for "instance" and "framework"); syncconf keeps
# a NAT64 session, and a setconf whose pool4 lacks it drops it (and may
# give its IPv6 taddr to a static entry); addconf adds; static BIB entries
# past max-sessions refuse the file and leave nothing behind, and static
# entries may replace others at max-sessions or change one side.
. "$(dirname "$0")/lib.sh"
load_module
install_plugin
trap 'topo_cleanup; rm -rf "$D"' EXIT
D=$(mktemp -d)

x() { nx "$JOOLCTL" "$@"; }
# body DEV: showconf without its first line (the comment naming DEV).
body() { x "$1" showconf | tail -n +2; }
# has_lines FILE DEV: every statement of FILE is in DEV's showconf.
has_lines() {
	local missing
	missing=$(grep -v '^#' "$1" | grep -v '^$' | grep -v '^route ' |
		  grep -vxFf <(body "$2"))
	[ -z "$missing" ] || { echo "missing: $missing"; body "$2"; return 1; }
}
same() { [ "$(body "$1")" = "$(body "$2")" ] || { diff <(body "$1") <(body "$2"); return 1; }; }
count() { x -j "$1" "$2" show | /usr/bin/python3 -c 'import json, sys; print(len(json.load(sys.stdin)))'; }
# lines N REGEX DEV: N lines of DEV's showconf match REGEX.
lines() {
	local got
	got=$(body "$3" | grep -c -- "$2")
	[ "$got" -eq "$1" ] || { echo "$got lines match $2, not $1"; return 1; }
}
# The kernel's globals of a mode: the rows of src/config_globals.h whose
# modes are ALL or MODE.
kernel_globals() {
	/usr/bin/python3 -c 'import re, sys
rows = re.findall(r"^JOOL_GLOBAL\(\w+, \"[^\"]+\", (\w+),",
		  open(sys.argv[1]).read(), re.M)
print(sum(m in ("ALL", sys.argv[2]) for m in rows))' \
		"$TOP/src/config_globals.h" "$1"
}
# shows DEV LINE...: each LINE is a line of DEV's showconf.
shows() {
	local dev=$1 l all
	shift
	all=$(body "$dev")
	for l in "$@"; do
		grep -qxF -- "$l" <<<"$all" || { echo "no line '$l' in:"; echo "$all"; return 1; }
	done
}
# pipe_conf FROM TO: FROM's showconf set onto TO through a pipe ("-").
pipe_conf() { x "$1" showconf | x "$2" setconf -; }

ip netns add xlat && ip -n xlat link set lo up
check "devices: siit1, siit2, nat1, nat2" sh -c 'ip -n xlat link add siit1 type jool && ip -n xlat link add siit2 type jool && ip -n xlat link add nat1 type jool mode nat64 && ip -n xlat link add nat2 type jool mode nat64'

# ---- Round trip of every field: SIIT ----
cat >"$D/siit.conf" <<'EOF'
# every SIIT field, none at its default
mode siit
global pool6 64:ff9b::/96
global manually-enabled false
global zeroize-traffic-class true
global override-tos true
global tos 40
global amend-udp-checksum-zero true
global mtu-plateaus 9000,1500,1280
global rfc6791v4-prefix 192.0.2.248/29
global rfc6791v6-prefix 2001:db8:ffff::/120
global randomize-rfc6791-addresses false
global lowest-ipv6-mtu 1400
global eam-hairpin-mode simple
global logging-debug true
eamt add 2001:db8:6::/120 198.51.100.0/24
eamt add 2001:db8:7::5/128 198.51.101.5/32
denylist4 add 192.0.2.0/28
denylist4 add 203.0.113.7/32
route 64:ff9b::/96      # the systemd unit's business
EOF
check "SIIT: setconf of every field" x siit1 setconf "$D/siit.conf"
check "SIIT: showconf has every line of the file" has_lines "$D/siit.conf" siit1
check "SIIT: showconf lists every global" \
	lines "$(kernel_globals SIIT)" '^global ' siit1
x siit1 showconf >"$D/siit1.out"
check "SIIT: showconf onto a fresh device" x siit2 setconf "$D/siit1.out"
check "SIIT: the fresh device's showconf is the same" same siit1 siit2

# ---- Round trip of every field: NAT64 ----
cat >"$D/nat.conf" <<'EOF'
mode nat64
global pool6 64:ff9b::/96
global manually-enabled false
global zeroize-traffic-class true
global override-tos true
global tos 8
global mtu-plateaus 1500,576
global lowest-ipv6-mtu 1500
global logging-debug true
global address-dependent-filtering true
global drop-externally-initiated-tcp true
global drop-icmpv6-info true
global source-icmpv6-errors-better false
global f-args 5
global handle-rst-during-fin-rcv true
global tcp-est-timeout 3:00:00
global tcp-trans-timeout 0:05:00
global udp-timeout 0:10:00
global icmp-timeout 0:02:30.500
global maximum-simultaneous-opens 20
global deterministic-prefix6 2001:db8:6::/120
global deterministic-subscriber-length 124
global deterministic-prefix4 192.0.2.0/30
global deterministic-port-min 2000
global deterministic-port-max 2063
pool4 add tcp 192.0.2.1/32 2000-3000 mark 0 max-iterations 50
pool4 add udp 192.0.2.1/32 61001-65535 mark 7 max-iterations infinity
pool4 add icmp 192.0.2.2/32 1-100 mark 0 max-iterations auto
bib add tcp 192.0.2.1#2000 2001:db8::5#2000
bib add udp 192.0.2.1#61001 2001:db8::6#53
EOF
check "NAT64: setconf of every field" x nat1 setconf "$D/nat.conf"
check "NAT64: showconf has every line of the file" has_lines "$D/nat.conf" nat1
check "NAT64: showconf lists every global" \
	lines "$(kernel_globals NAT64)" '^global ' nat1
check "NAT64: showconf from stdin onto a fresh device" pipe_conf nat1 nat2
check "NAT64: the fresh device's showconf is the same" same nat1 nat2

# ---- setconf replaces ----
printf 'global pool6 64:ff9b::/96\neamt add 2001:db8:9::/128 198.51.109.9\n' >"$D/small.conf"
check "setconf of a small file" x siit1 setconf "$D/small.conf"
check "old EAMs gone, the new one there" out "1" count siit1 eamt
check "the new EAM" says "^eamt add 2001:db8:9::/128 198.51.109.9/32$" x siit1 showconf
check "denylist4 emptied" out "0" count siit1 denylist4
check "omitted globals back to their defaults" shows siit1 'global tos 0' 'global manually-enabled true' 'global rfc6791v4-prefix none'
: >"$D/empty.conf"
check "an empty file" x siit2 setconf "$D/empty.conf"
check "an empty file: pool6 unset too" shows siit2 'global pool6 none'
printf 'mode nat64\nglobal pool6 64:ff9b::/96\npool4 add 192.0.2.9\n' >"$D/nat-small.conf"
check "NAT64: setconf of a small file" x nat2 setconf "$D/nat-small.conf"
check "NAT64: pool4 replaced" lines 3 '^pool4 add' nat2
check "NAT64: static BIB entries gone with their pool4" lines 0 '^bib ' nat2

# ---- A bad file changes nothing and names its line ----
x siit1 setconf "$D/siit.conf"
before=$(body siit1)
printf 'global tos 1\neamt add 2001:db8:1::/128 192.0.2.100\n\n# comment\nglobal nosuch 3\n' >"$D/bad1.conf"
check_status "syntax error: line 5 named, exit 2" "^joolctl: $D/bad1.conf:5: unknown global 'nosuch'" 2 x siit1 setconf "$D/bad1.conf"
printf 'global tos 1\n\nglobal pool6 64:ff9b::/33\n' >"$D/bad2.conf"
check_status "kernel refusal of a global: line 3 named, exit 1" "^joolctl: $D/bad2.conf:3: " 1 x siit1 setconf "$D/bad2.conf"
{ echo "global pool6 64:ff9b::/96"; echo "eamt add 2001:db8:1::/120 192.0.2.0/24"
  echo "eamt add 2001:db8:2::/128 192.0.2.200"; } >"$D/bad3.conf"
check_status "EAM overlap refused by the kernel: line 3 named" "^joolctl: $D/bad3.conf:3: " 1 x siit1 setconf "$D/bad3.conf"
printf 'mode nat64\n' >"$D/bad4.conf"
check_status "a nat64 file onto a siit device: line 1" "^joolctl: $D/bad4.conf:1: .*another mode" 1 x siit1 setconf "$D/bad4.conf"
printf 'global pool6 64:ff9b::/96\ndenylist4 add 192.0.2.0/28\ndenylist4 add 192.0.2.0/28\n' >"$D/bad9.conf"
check_status "a denylist4 prefix twice: the kernel names line 3" "^joolctl: $D/bad9.conf:3: " 1 x siit1 setconf "$D/bad9.conf"
# twice ATTR: a JOOL_CMD_SET_CONFIG for siit1 with two JOOL_A_GLOBALS
# (tos 7, tos 9) or two JOOL_A_MODE (siit), past joolctl; prints the
# kernel's extended-ack message.
twice() {
	nx /usr/bin/python3 -I -S -c '
import socket, struct, sys
sys.path.insert(0, sys.argv[1])
import genl_set as g
sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, g.NETLINK_GENERIC)
sock.setsockopt(g.SOL_NETLINK, g.NETLINK_EXT_ACK, 1)
sock.bind((0, 0))
fam = g.resolve(sock)
p = g.attr(g.JOOL_A_IFNAME, b"siit1\0")
if sys.argv[2] == "globals":
    p += g.nest(4, g.attr(5, struct.pack("=B", 7)))
    p += g.nest(4, g.attr(5, struct.pack("=B", 9)))
else:
    p += g.attr(3, struct.pack("=B", 0)) + g.attr(3, struct.pack("=B", 0))
err, ext, _ = g.request(sock, fam, 21, p)
print(err, ext)' "$TOP/test/netns" "$1"
}
check "SET_CONFIG with JOOL_A_GLOBALS twice: refused" says "^-22 JOOL_A_GLOBALS given twice" twice globals
check "SET_CONFIG with JOOL_A_MODE twice: refused" says "^-22 JOOL_A_MODE given twice" twice mode
check "nothing changed" test "$(body siit1)" = "$before"
nbefore=$(body nat1)
printf 'pool4 add 192.0.2.1 5000-6000\nbib add tcp 192.0.2.1#5000 2001:db8::7#1\nbib add tcp 192.0.2.50#5000 2001:db8::8#1\n' >"$D/bad5.conf"
check_status "NAT64: a static BIB entry outside the new pool4: line 3" "^joolctl: $D/bad5.conf:3: .*not in pool4" 1 x nat1 setconf "$D/bad5.conf"
printf 'global tos 3\nglobal udp-timeout 600:00:00\n' >"$D/bad6.conf"
check_status "NAT64: a timeout above 24 days: line 2" "^joolctl: $D/bad6.conf:2: .*maximum" 1 x nat1 addconf "$D/bad6.conf"
printf 'pool4 add 192.0.2.1 5000-6000\n\nbib add tcp 192.0.2.1#5000 2001:db8::7#1\nbib add tcp 192.0.2.1#5001 2001:db8::7#1\n' >"$D/bad7.conf"
check_status "NAT64: two static entries with one IPv6 taddr: line 4" "^joolctl: $D/bad7.conf:4: .*two static BIB entries" 1 x nat1 setconf "$D/bad7.conf"
printf 'global tos 3\n\nglobal pool6 64:ff9b:1::/96\n' >"$D/bad8.conf"
check_status "NAT64: pool6 changed under static BIB entries: line 3" "^joolctl: $D/bad8.conf:3: .*pool6 of a nat64 device cannot change" 1 x nat1 addconf "$D/bad8.conf"
check "NAT64: nothing changed" test "$(body nat1)" = "$nbefore"
grep -v '^bib add udp' "$D/nat.conf" >"$D/nat-1bib.conf"
check "NAT64: setconf without one of the static entries" x nat1 setconf "$D/nat-1bib.conf"
check "NAT64: that static entry is gone, the other kept" lines 1 '^bib add tcp 192.0.2.1#2000 2001:db8::5#2000$' nat1
check "NAT64: one static entry left" lines 1 '^bib ' nat1
grep '^bib add udp' "$D/nat.conf" >"$D/nat-udp.conf"
check "NAT64: addconf adds a static entry" x nat1 addconf "$D/nat-udp.conf"
check "NAT64: both again" lines 2 '^bib ' nat1
check_status "a missing file" "cannot open" 2 x siit1 setconf "$D/nosuch.conf"

# ---- Static BIB entries: max-sessions, replacements, nothing half done ----
check "nat2: max-sessions 2" ip -n xlat link set nat2 type jool max-sessions 2
{ echo "pool4 add 192.0.2.9 6000-7000"
  for i in 1 2; do echo "bib add tcp 192.0.2.9#600$i 2001:db8::a#$i"; done; } >"$D/bib2.conf"
check "nat2: two static entries at max-sessions 2" x nat2 setconf "$D/bib2.conf"
nbefore=$(body nat2)
{ echo "pool4 add 192.0.2.9 6000-7000"
  for i in 1 2 3; do echo "bib add tcp 192.0.2.9#610$i 2001:db8::b#$i"; done; } >"$D/bib3.conf"
check_status "three static entries past max-sessions 2: refused, line 4" "^joolctl: $D/bib3.conf:4: .*max-sessions" 1 x nat2 setconf "$D/bib3.conf"
check "refused: nothing changed (the two entries, pool4, globals)" test "$(body nat2)" = "$nbefore"
check "refused: no entry of the file left in the BIB" lines 0 '2001:db8::b#' nat2
grep -v '#6103 ' "$D/bib3.conf" >"$D/bib3b.conf"
check "two other static entries replace the two at max-sessions 2" x nat2 setconf "$D/bib3b.conf"
check "the new two" lines 2 '^bib add tcp 192.0.2.9#610[12] 2001:db8::b#' nat2
check "only them" lines 2 '^bib ' nat2
printf 'pool4 add 192.0.2.9 6000-7000\nbib add tcp 192.0.2.9#6201 2001:db8::b#1\nbib add tcp 192.0.2.9#6102 2001:db8::c#2\n' >"$D/moved.conf"
check "entries that change one side of their mapping" x nat2 setconf "$D/moved.conf"
check "the moved entries, and nothing else" shows nat2 'bib add tcp 192.0.2.9#6201 2001:db8::b#1' 'bib add tcp 192.0.2.9#6102 2001:db8::c#2'
check "two static entries" lines 2 '^bib ' nat2
check "nat2: max-sessions back" ip -n xlat link set nat2 type jool max-sessions 65536

# ---- A big file: 10000 EAMs in one request ----
{
	echo "global pool6 64:ff9b::/96"
	for i in $(seq 0 9999); do
		printf 'eamt add 2001:db8:%x::/128 10.%d.%d.1\n' "$i" $((i / 256)) $((i % 256))
	done
} >"$D/big.conf"
check "setconf of 10000 EAMs" x siit2 setconf "$D/big.conf"
check "10000 entries" out "10000" count siit2 eamt
ip -n xlat link add siit3 type jool
check "showconf of them sets a fresh device" pipe_conf siit2 siit3
check "the same 10000 entries" same siit2 siit3

# ---- Jool's JSON ----
cat >"$D/jool.json" <<'EOF'
{
	"comment": "a Jool SIIT file",
	"instance": "default",
	"framework": "netfilter",
	"global": {
		"pool6": "64:ff9b::/96",
		"lowest-ipv6-mtu": 1300,
		"mtu-plateaus": [ 1500, 1300 ],
		"manually-enabled": true
	},
	"eamt": [
		{ "ipv6 prefix": "2001:db8:77::/120", "ipv4 prefix": "198.51.100.0/24" }
	],
	"blacklist4": [ "192.0.2.0/28" ]
}
EOF
x siit1 setconf "$D/jool.json" 2>"$D/warn"
check "a Jool JSON file: accepted" test $? -eq 0
check "two warnings, instance and framework" test "$(sed 's/^.*jool.json://' "$D/warn")" = '3: warning: "instance" has no meaning here (the device is named on the command line); ignored
4: warning: "framework" has no meaning here (a jool device is a net device); ignored'
check "the JSON file's configuration" shows siit1 'global lowest-ipv6-mtu 1300' 'global mtu-plateaus 1500,1300' 'eamt add 2001:db8:77::/120 198.51.100.0/24' 'denylist4 add 192.0.2.0/28'

# ---- addconf adds ----
printf 'global tos 9\neamt add 2001:db8:78::/120 198.51.101.0/24\ndenylist4 add 192.0.2.64/28\n' >"$D/add.conf"
check "addconf" x siit1 addconf "$D/add.conf"
check "addconf: old and new EAMs" lines 2 '^eamt add' siit1
check "addconf: old and new denylist4 prefixes" lines 2 '^denylist4 add' siit1
check "addconf: the global set, the others kept" shows siit1 'global tos 9' 'global lowest-ipv6-mtu 1300'
check_status "addconf of an EAM that is there: refused" "^joolctl: $D/add.conf:2: " 1 x siit1 addconf "$D/add.conf"

# ---- Atomicity: no ping lost across 50 setconfs ----
ip netns del xlat
topo_basic
printf 'global pool6 64:ff9b::/96\nglobal tos 1\neamt add 2001:db8:50::/120 198.51.150.0/24\n' >"$D/a.conf"
printf 'global pool6 64:ff9b::/96\nglobal lowest-ipv6-mtu 1400\ndenylist4 add 203.0.113.0/24\n' >"$D/b.conf"
n6 ping -6 -q -c 400 -i 0.02 -W 2 64:ff9b::192.0.2.4 >"$D/ping" 2>&1 &
pid=$!
n=0
while kill -0 $pid 2>/dev/null || [ $n -lt 50 ]; do
	x jool0 setconf "$D/a.conf" && x jool0 setconf "$D/b.conf" || break
	n=$((n + 2))
done
wait $pid
check "50 or more setconfs during the pings ($n)" gt $((n + 1)) 50
check "no ping lost" grep -q " 0% packet loss" "$D/ping"

# ---- syncconf keeps a NAT64 session ----
topo_cleanup
topo_nat64
sess() {
	jc -j session show icmp | /usr/bin/python3 -c '
import json, sys
for s in json.load(sys.stdin):
    print(s["ipv6-source"], s["ipv4-source"], s["ipv4-destination"])'
}
check "ping through the NAT64 device" n6 ping -6 -c 1 -W 2 64:ff9b::192.0.2.4
s1=$(sess)
check "an icmp session" test -n "$s1"
jc showconf >"$D/n.conf"
check "syncconf of its own configuration" jc syncconf "$D/n.conf"
check "the session is still there" test "$(sess)" = "$s1"
check "and setconf keeps it too" jc setconf "$D/n.conf"
check "still there" test "$(sess)" = "$s1"
sed -i 's/^pool4 add \(tcp\|udp\|icmp\) 203.0.113.[0-3]\/32 /pool4 add \1 203.0.113.9\/32 /' "$D/n.conf"
# A static entry on the IPv6 taddr of the session's dynamic entry, which
# goes with its pool4 address: no clash.
v6=$(jc -j bib show icmp | /usr/bin/python3 -c 'import json, sys; e = json.load(sys.stdin)[0]; print("%s#%d" % (e["ipv6-address"], e["ipv6-port"]))')
echo "bib add icmp 203.0.113.9#61500 $v6" >>"$D/n.conf"
check "setconf of a pool4 without the session's address" jc setconf "$D/n.conf"
check "the session is gone" test -z "$(sess)"
check "the static entry on its IPv6 taddr is there" says "^bib add icmp 203.0.113.9#61500 $v6\$" jc showconf
ip -n xlat route add 203.0.113.9/32 dev nat64
check "pings work on the new pool4" n6 ping -6 -c 1 -W 2 64:ff9b::192.0.2.4

finish
