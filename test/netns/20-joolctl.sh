#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# joolctl and the iproute2 plugin (link_jool.so), end to end: every command,
# text and JSON output, and every kind of bad input, which must fail with
# one clear line on stderr and leave the configuration as it was.
#
# Runs as root inside the test VM (test/vm/run.sh), like every test/netns
# script: it installs the plugin into ip's plugin directory and unloads the
# module once, which only the VM's throwaway root may suffer.

# shellcheck source=test/netns/lib.sh
. "$(dirname "$0")/lib.sh"

PLUGIN=${PLUGIN:-$TOP/usr/iproute2/link_jool.so}
MULTIARCH=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
IPLIBDIR=/usr/lib/$MULTIARCH/ip
POOL6=64:ff9b::/96
NS=tj

# Every process costs a lot under an emulated CPU, so the body of the test
# runs inside the namespace (no "ip netns exec" per command): this part
# prepares, then runs this script again in $NS.
if [ "${JOOL_TEST_NS:-}" != "$NS" ]; then
	load_module
	[ -x "$JOOLCTL" ] || { echo "$JOOLCTL is missing (make -C usr)"; exit 1; }
	[ -f "$PLUGIN" ] || { echo "$PLUGIN is missing (make -C usr)"; exit 1; }
	if ! { mkdir -p "$IPLIBDIR" && cp "$PLUGIN" "$IPLIBDIR/link_jool.so"; }; then
		echo "cannot install $PLUGIN into $IPLIBDIR"
		exit 1
	fi
	ip netns add $NS || exit 1
	JOOL_TEST_NS=$NS ip netns exec $NS bash "$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
	rc=$?
	ip netns del $NS 2>/dev/null
	exit $rc
fi

# From here on, in $NS. A copy of joolctl the unprivileged user can surely
# execute.
unpriv_dir=$(mktemp -d)
rcfile=$unpriv_dir/rc
cp "$JOOLCTL" "$unpriv_dir/joolctl"
chmod 755 "$unpriv_dir" "$unpriv_dir/joolctl"
trap 'rm -rf "$unpriv_dir"' EXIT

jc() { "$JOOLCTL" "$@"; }
unpriv() {
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$unpriv_dir/joolctl" "$@"
}

# json EXPR CMD...: runs CMD and prints the Python expression EXPR evaluated
# over its JSON output (bound to "j"); None, True and False print as
# null, true and false.
json() {
	local expr=$1
	shift
	"$@" | /usr/bin/python3 -I -S -c '
import json, sys
j = json.load(sys.stdin)
v = eval(sys.argv[1])
print(json.dumps(v) if not isinstance(v, str) else v)
' "$expr"
}

# is EXPECTED CMD...: CMD's output is exactly EXPECTED.
is() {
	local want=$1 got
	shift
	got=$("$@" 2>&1)
	[ "$got" = "$want" ] && return 0
	echo "expected: $want"
	echo "got:      $got"
	return 1
}

# has PATTERN CMD...: CMD succeeds and some line of its output matches the
# extended regex PATTERN.
has() {
	local pattern=$1 out
	shift
	out=$("$@" 2>&1) || { echo "$out"; return 1; }
	grep -Eq -- "$pattern" <<<"$out" && return 0
	echo "no line matches /$pattern/ in:"
	echo "$out"
	return 1
}

# hasnt PATTERN CMD...: CMD succeeds and no line of its output matches.
hasnt() {
	local pattern=$1 out
	shift
	out=$("$@" 2>&1) || { echo "$out"; return 1; }
	grep -Eq -- "$pattern" <<<"$out" || return 0
	echo "a line matches /$pattern/ in:"
	echo "$out"
	return 1
}

# status N CMD...: CMD exits with status N.
status() {
	local want=$1 got
	shift
	"$@" >/dev/null 2>&1
	got=$?
	[ "$got" -eq "$want" ] && return 0
	echo "exit status $got, expected $want"
	return 1
}

# global_is DEV KEY VALUE: the text output says KEY is VALUE ("(none)" for
# an unset prefix). Text, not JSON, to spare a python3 start per check.
global_is() {
	local out key val
	out=$(jc "$1" global show) || return 1
	while read -r key val; do
		[ "$key" = "$2:" ] || continue
		[ "$val" = "$3" ] && return 0
		echo "$2 is $val, expected $3"
		return 1
	done <<<"$out"
	echo "no $2 in: $out"
	return 1
}
pool6_is() { global_is "$1" pool6 "$2"; }
pool6_json_is() { is "$2" json 'j["pool6"]' jc -j "$1" global show; }

# keep_rc CMD...: runs CMD and also leaves its exit status in $rcfile.
keep_rc() {
	local rc
	"$@"
	rc=$?
	echo "$rc" >"$rcfile"
	return "$rc"
}

read_rc() { echo "$(<"$rcfile")"; }

# bad STATUS DESC PATTERN ARGS...: "joolctl ARGS" fails with STATUS and one
# line matching PATTERN, and jool0 keeps pool6 $POOL6.
bad() {
	local rc=$1 desc=$2 pattern=$3
	shift 3
	echo none >"$rcfile"
	check_fail "$desc" "$pattern" keep_rc jc "$@"
	check "$desc: exit status $rc" is "$rc" read_rc
	check "$desc: configuration unchanged" pool6_is jool0 "$POOL6"
}

ip link set lo up

# ---- creation and the first look ----

check "ip link add jool0 type jool" ip link add jool0 type jool
check "global show" has '^pool6: +\(none\)$' jc jool0 global show
check "global show: manually-enabled" has '^manually-enabled: +true$' jc jool0 global show
check "global show -j: pool6 is null" is null json 'j["pool6"]' jc jool0 global show -j
check "-j global show: manually-enabled" is true \
	json 'j["manually-enabled"]' jc -j jool0 global show
check "global display (Jool's verb)" has '^pool6: +\(none\)$' jc jool0 global display
check "global (no verb) = global show" has '^pool6: ' jc jool0 global
check "show: name" has '^ifname: +jool0$' jc jool0 show
check "show: mode" has '^mode: +siit$' jc jool0 show
check "bare DEV = show" has '^mode: +siit$' jc jool0
check "display = show" has '^mode: +siit$' jc jool0 display
check "ip -d link show: mode siit" has 'jool mode siit' ip -d link show jool0
check "ip -d link show: no pool6 yet" hasnt 'pool6' ip -d link show jool0

# ---- setting pool6 ----

check "global set pool6 $POOL6" jc jool0 global set pool6 $POOL6
check "global show: pool6" has "^pool6: +64:ff9b::/96$" jc jool0 global show
check "global show -j: pool6" pool6_json_is jool0 $POOL6
ifindex=$(</sys/class/net/jool0/ifindex)
check "show -j: ifname" is jool0 json 'j["ifname"]' jc -j jool0 show
check "show -j: ifindex" is "$ifindex" json 'j["ifindex"]' jc -j jool0 show
check "show -j: mode" is siit json 'j["mode"]' jc -j jool0 show
check "show -j: globals.pool6" is $POOL6 json 'j["globals"]["pool6"]' jc -j jool0 show
check "show -j: globals.manually-enabled" is true \
	json 'j["globals"]["manually-enabled"]' jc -j jool0 show
check "show -j: stats is an object" is true \
	json 'isinstance(j["stats"], dict)' jc -j jool0 show
check "ip -d link show: pool6" has "jool mode siit pool6 64:ff9b::/96 " \
	ip -d link show jool0
check "ip -j -d link show: mode" is siit \
	json 'j[0]["linkinfo"]["info_data"]["mode"]' ip -j -d link show jool0
check "ip -j -d link show: pool6" is $POOL6 \
	json 'j[0]["linkinfo"]["info_data"]["pool6"]' ip -j -d link show jool0

# ---- joolctl without a device: the jool devices, for anyone ----

check "joolctl (no device) lists jool0: mode, state, pool6" \
	has "^jool0 +siit +(UP|DOWN) +$POOL6\$" jc
lo_unlisted() { ! jc | grep -q '^lo '; }
check "...and only jool devices (not lo)" lo_unlisted
check "joolctl -j (no device): jool0's mode and pool6" is "siit $POOL6" \
	json '[d["mode"] + " " + d["pool6"] for d in j if d["ifname"] == "jool0"][0]' jc -j
check "...an unprivileged user may list them (as ip link)" has '^jool0 ' unpriv

# ---- bad input: one line, right status, nothing changes ----

bad 2 "malformed length" "^joolctl: pool6: invalid prefix '64:ff9b::/abc': .*not a number" \
	jool0 global set pool6 64:ff9b::/abc
bad 2 "malformed address" "^joolctl: pool6: invalid prefix 'zz::/96': .*not a valid IPv6 address" \
	jool0 global set pool6 zz::/96
bad 2 "missing length" "^joolctl: pool6: invalid prefix '64:ff9b::': missing prefix length" \
	jool0 global set pool6 64:ff9b::
bad 2 "pool6 without a length: the error says one is required" \
	"^joolctl: pool6: invalid prefix '64:ff9b::': missing prefix length \(required here: ADDRESS/LENGTH\)$" \
	jool0 global set pool6 64:ff9b::
bad 2 "empty length" "^joolctl: pool6: .*missing prefix length" \
	jool0 global set pool6 64:ff9b::/
bad 2 "length > 128" "^joolctl: pool6: .*out of range" \
	jool0 global set pool6 64:ff9b::/129
bad 2 "IPv4 prefix" "^joolctl: pool6: .*IPv4 address" \
	jool0 global set pool6 192.0.2.0/24
bad 2 "suffix bits set" "^joolctl: pool6: .*bits are set after the prefix length" \
	jool0 global set pool6 64:ff9b::1/96
for p in ::/0 2000::/8 2001:db8::/33 2001:db8::/63 2001:db8::/65 2001:db8::/95 \
	2001:db8::/97 2001:db8::/128; do
	bad 1 "pool6 length /${p#*/}" \
		"^joolctl: jool0: pool6 prefix length must be 32, 40, 48, 56, 64 or 96$" \
		jool0 global set pool6 "$p"
done
bad 1 "RFC 6052 u octet set" "^joolctl: jool0: .*(u octet|64-71)" \
	jool0 global set pool6 2001:db8:1:2:100::/96
bad 2 "unknown key" "^joolctl: unknown global 'pool7'" jool0 global set pool7 $POOL6
bad 2 "missing value" "^joolctl: global set pool6: missing value" jool0 global set pool6
bad 2 "missing key" "^joolctl: global set: missing KEY" jool0 global set
bad 2 "a key without a value after a pair" "^joolctl: unknown global 'extra'" \
	jool0 global set pool6 2001:db8::/32 extra
bad 2 "a second key without a value" "^joolctl: global set tos: missing value" \
	jool0 global set pool6 2001:db8::/32 tos
bad 2 "a key given twice" "^joolctl: global set: pool6 given twice$" \
	jool0 global set pool6 2001:db8::/32 pool6 $POOL6
bad 2 "bad boolean" "^joolctl: manually-enabled: invalid value 'maybe'" \
	jool0 global set manually-enabled maybe
bad 2 "extra argument to global show" "^joolctl: unexpected argument 'x'" jool0 global show x
bad 2 "extra argument to show" "^joolctl: unexpected argument 'x'" jool0 show x
bad 2 "unknown global verb" "^joolctl: unknown global command 'frob'" jool0 global frob
bad 2 "unknown command" "^joolctl: unknown command 'frob'" jool0 frob
bad 2 "unknown option" "^joolctl: unknown option '--frob'" --frob jool0 show
bad 2 "unknown stats option" "^joolctl: stats: unknown option '--frob'" jool0 stats --frob
bad 2 "device name too long" "^joolctl: 'jool0123456789abc' is not a valid device name" \
	jool0123456789abc show
bad 2 "newline in a value stays on one line" \
	"^joolctl: pool6: invalid prefix 'a.x0ab/96': the address" \
	jool0 global set pool6 "$(printf 'a\nb/96')"
bad 1 "no such device" "^joolctl: nosuch0: no such device$" nosuch0 global show
bad 1 "no such device (set)" "^joolctl: nosuch0: no such device$" \
	nosuch0 global set pool6 2001:db8::/32
bad 1 "no such device (stats)" "^joolctl: nosuch0: no such device$" nosuch0 stats
bad 1 "not a jool device: lo" "^joolctl: lo: not a jool device$" lo global show
bad 1 "not a jool device: lo (set)" "^joolctl: lo: not a jool device$" \
	lo global set pool6 2001:db8::/32
check "ip link add d0 type dummy" ip link add d0 type dummy
bad 1 "not a jool device: dummy" "^joolctl: d0: not a jool device$" d0 show
bad 1 "not a jool device: dummy (set)" "^joolctl: d0: not a jool device$" \
	d0 global set pool6 2001:db8::/32
bad 1 "not a jool device: dummy (stats)" "^joolctl: d0: not a jool device$" d0 stats

eperm="^joolctl: jool0: permission denied \(CAP_NET_ADMIN is required\)$"
check_fail "unprivileged set" "$eperm" unpriv jool0 global set pool6 2001:db8::/32
check "unprivileged set: exit status 1" status 1 unpriv jool0 global set pool6 2001:db8::/32
check "unprivileged set: configuration unchanged" pool6_is jool0 $POOL6
check_fail "unprivileged global show" "$eperm" unpriv jool0 global show
# The counters are for anyone, as ip -s link (and Jool since 4.1.5).
check "unprivileged stats: allowed" has '^All counters are zero|^[A-Z0-9_]+: ' unpriv jool0 stats
check_fail "unprivileged show" "$eperm" unpriv jool0 show

# ---- every valid length; none and null ----

for p in 2001:db8::/32 2001:db8:100::/40 2001:db8:1::/48 2001:db8:1:100::/56 \
	2001:db8:1:2::/64 2001:db8:1:2:0:100::/96 $POOL6; do
	check "set pool6 $p" jc jool0 global set pool6 "$p"
	check "pool6 is now $p" pool6_is jool0 "$p"
done
check "global set pool6 none" jc jool0 global set pool6 none
check "pool6 unset by none" pool6_is jool0 "(none)"
check "pool6 unset by none: JSON null" pool6_json_is jool0 null
check "text shows (none)" has '^pool6: +\(none\)$' jc jool0 global show
check "global update (Jool's verb)" jc jool0 global update pool6 $POOL6
check "pool6 set by update" pool6_is jool0 $POOL6
check "global set pool6 null" jc jool0 global set pool6 null
check "pool6 unset by null" pool6_is jool0 "(none)"
check "unset again is fine" jc jool0 global set pool6 none
check "set pool6 back" jc jool0 global set pool6 $POOL6

# ---- manually-enabled ----

for v in false:false true:true off:false on:true 0:false 1:true no:false yes:true; do
	check "manually-enabled ${v%%:*}" jc jool0 global set manually-enabled "${v%%:*}"
	check "manually-enabled is ${v##*:}" global_is jool0 manually-enabled "${v##*:}"
done
check "manually-enabled false: JSON" jc jool0 global set manually-enabled false
check "manually-enabled is JSON false" is false json 'j["manually-enabled"]' jc -j jool0 global show
check "manually-enabled true again" jc jool0 global set manually-enabled true
check "pool6 untouched by manually-enabled" pool6_is jool0 $POOL6

# ---- the other globals ----

for key in zeroize-traffic-class override-tos amend-udp-checksum-zero; do
	check "$key: default false" global_is jool0 "$key" false
	check "$key true" jc jool0 global set "$key" true
	check "$key is true" global_is jool0 "$key" true
	check "$key false" jc jool0 global set "$key" false
	check "$key is false" global_is jool0 "$key" false
done
check "tos: default 0" global_is jool0 tos 0
check "tos 255" jc jool0 global set tos 255
check "tos is 255" global_is jool0 tos 255
check "tos in JSON is a number" is 255 json 'j["tos"]' jc -j jool0 global show
bad 2 "tos 256" "^joolctl: tos: invalid value '256' \(expected 0-255\)$" jool0 global set tos 256
bad 2 "tos not a number" "^joolctl: tos: invalid value 'x'" jool0 global set tos x
check "tos still 255" global_is jool0 tos 255
check "tos 0" jc jool0 global set tos 0
# Several pairs: one request, all or nothing.
check "global set tos 7 override-tos true (two pairs)" \
	jc jool0 global set tos 7 override-tos true
check "...tos is 7" global_is jool0 tos 7
check "...override-tos is true" global_is jool0 override-tos true
bad 1 "tos 9 with a pool6 the kernel refuses: refused" \
	"^joolctl: jool0: pool6 prefix length must be" \
	jool0 global set tos 9 pool6 2001:db8::/33
check "...tos is still 7 (nothing applied)" global_is jool0 tos 7
check "global update (Jool's verb) with two pairs" \
	jc jool0 global update tos 0 override-tos false
check "...tos is 0" global_is jool0 tos 0
check "...override-tos is false" global_is jool0 override-tos false

# ---- mtu-plateaus, RFC 6791, lowest-ipv6-mtu, hairpinning, logging ----
# (Processes are dear in the VM: one snapshot serves a run of refusals, and
# JSON is checked for several keys per python3 start.)

DEFAULT_PLATEAUS=65535,32000,17914,8166,4352,2002,1492,1006,508,296,68
# globals_snap: remember every global; bad_g compares against it.
# (GDEV=nat0 before them: the same for nat0.)
globals_snap() { globals_before=$(jc "${GDEV:-jool0}" global show 2>&1); }
globals_unchanged() { is "$globals_before" jc "${GDEV:-jool0}" global show; }
# bad_g STATUS DESC PATTERN ARGS...: like bad, and no global changed since
# the last globals_snap.
bad_g() {
	local rc=$1 desc=$2 pattern=$3
	shift 3
	echo none >"$rcfile"
	check_fail "$desc" "$pattern" keep_rc jc "$@"
	check "$desc: exit status $rc" is "$rc" read_rc
	check "$desc: configuration unchanged" globals_unchanged
}
# kernel_set GLOBAL...: JOOL_CMD_SET_GLOBALS for jool0, without joolctl.
kernel_set() {
	/usr/bin/python3 -I -S "$TOP/test/netns/genl_set.py" "${GDEV:-jool0}" "$@"
}
fails() { ! "$@"; }
# kernel_refuses DESC PATTERN GLOBAL...: the kernel itself (past joolctl's
# checks) refuses the globals with an extack message matching PATTERN, and
# nothing changed since the last globals_snap.
kernel_refuses() {
	local desc=$1 pattern=$2
	shift 2
	check "kernel: $desc" has "$pattern" fails kernel_set "$@"
	check "kernel: $desc: configuration unchanged" globals_unchanged
}
# aligned ARGS...: every value column of "joolctl jool0 ARGS" starts at the
# same place.
aligned() {
	jc jool0 "$@" | awk '/^[a-z0-9-]+: / {
		match($0, /: +/); c = RSTART + RLENGTH
		if (p && c != p) { print "misaligned: " $0; bad = 1 }
		p = c
	} END { exit bad }'
}
NEWKEYS='("mtu-plateaus", "rfc6791v4-prefix", "rfc6791v6-prefix", "randomize-rfc6791-addresses", "lowest-ipv6-mtu", "eam-hairpin-mode", "logging-debug")'

check "global show: every key, defaults, aligned" is \
"pool6:                       $POOL6
manually-enabled:            true
zeroize-traffic-class:       false
override-tos:                false
tos:                         0
amend-udp-checksum-zero:     false
mtu-plateaus:                $DEFAULT_PLATEAUS
rfc6791v4-prefix:            (none)
rfc6791v6-prefix:            (none)
randomize-rfc6791-addresses: true
lowest-ipv6-mtu:             1280
eam-hairpin-mode:            intrinsic
logging-debug:               false" jc jool0 global show
check "show: values aligned" aligned show
check "global show -j: every key, defaults" is \
'[["pool6", "manually-enabled", "zeroize-traffic-class", "override-tos", "tos", "amend-udp-checksum-zero", "mtu-plateaus", "rfc6791v4-prefix", "rfc6791v6-prefix", "randomize-rfc6791-addresses", "lowest-ipv6-mtu", "eam-hairpin-mode", "logging-debug"], [[65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68], null, null, true, 1280, "intrinsic", false]]' \
	json "[list(j), [j[k] for k in $NEWKEYS]]" jc -j jool0 global show
check "global --help: every key with its default (every row of src/config_globals.h)" \
	is "$(grep -c '^JOOL_GLOBAL(' "$TOP/src/config_globals.h")" \
	eval 'jc jool0 global --help | grep -cE "^      Default: "'
check "global --help: mtu-plateaus default" has "^      Default: $DEFAULT_PLATEAUS$" \
	jc jool0 global --help
check "global --help: lowest-ipv6-mtu range" has '^  lowest-ipv6-mtu \{ 1280-65535 \}$' \
	jc jool0 global --help
check "global --help: hairpin modes, SIIT only" \
	has '^  eam-hairpin-mode \{ off \| simple \| intrinsic \}  \(SIIT only\)$' \
	jc jool0 global --help
check "global --help: timeouts, NAT64 only" \
	has '^  udp-timeout \{ \[HH:\[MM:\]\]SS\[\.mmm\] \}  \(NAT64 only\)$' \
	jc jool0 global --help

# mtu-plateaus
check "mtu-plateaus 1500,1280" jc jool0 global set mtu-plateaus 1500,1280
check "mtu-plateaus is 1500,1280" global_is jool0 mtu-plateaus 1500,1280
check "mtu-plateaus: duplicates collapsed, sorted, spaces after commas" \
	jc jool0 global set mtu-plateaus "1280, 1500,1280,  9000,68,1500"
check "mtu-plateaus is 9000,1500,1280,68" global_is jool0 mtu-plateaus 9000,1500,1280,68
check "mtu-plateaus: 1 and 65535" jc jool0 global set mtu-plateaus 1,65535
check "mtu-plateaus is 65535,1" global_is jool0 mtu-plateaus 65535,1
p16=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16
check "mtu-plateaus: 16 values" jc jool0 global set mtu-plateaus $p16
check "mtu-plateaus: 16 values, sorted" global_is jool0 mtu-plateaus \
	16,15,14,13,12,11,10,9,8,7,6,5,4,3,2,1
check "mtu-plateaus: 16 values with duplicates" jc jool0 global set mtu-plateaus \
	1500,1500,1500,1500,1500,1500,1500,1500,1280,1280,1280,1280,1280,1280,1280,1280
check "mtu-plateaus: 16 duplicates collapsed" global_is jool0 mtu-plateaus 1500,1280
globals_snap
bad_g 2 "mtu-plateaus: 17 values" "^joolctl: mtu-plateaus: too many values \(at most 16\)$" \
	jool0 global set mtu-plateaus $p16,17
bad_g 2 "mtu-plateaus: empty list" "^joolctl: mtu-plateaus: the list is empty" \
	jool0 global set mtu-plateaus ""
bad_g 2 "mtu-plateaus: 0" "^joolctl: mtu-plateaus: an MTU plateau cannot be 0$" \
	jool0 global set mtu-plateaus 1500,0
bad_g 2 "mtu-plateaus: 65536" \
	"^joolctl: mtu-plateaus: invalid value '65536' \(expected a number 1-65535\)$" \
	jool0 global set mtu-plateaus 1500,65536
bad_g 2 "mtu-plateaus: not a number" "^joolctl: mtu-plateaus: invalid value 'x'" \
	jool0 global set mtu-plateaus 1500,x
bad_g 2 "mtu-plateaus: empty value" "^joolctl: mtu-plateaus: empty value in '1500,,1280'$" \
	jool0 global set mtu-plateaus 1500,,1280
kernel_refuses "mtu-plateaus: 0" "an MTU plateau cannot be zero" plateaus:7:1500,0
kernel_refuses "mtu-plateaus: empty nest" "mtu-plateaus needs at least one value" plateaus:7:
kernel_refuses "mtu-plateaus: 17 values" "at most 16 MTU plateaus" \
	plateaus:7:$p16,17

# rfc6791v4-prefix, rfc6791v6-prefix
check "rfc6791v4-prefix 198.51.100.7/32" jc jool0 global set rfc6791v4-prefix 198.51.100.7/32
check "rfc6791v4-prefix is 198.51.100.7/32" global_is jool0 rfc6791v4-prefix 198.51.100.7/32
check "rfc6791v4-prefix null" jc jool0 global set rfc6791v4-prefix null
check "rfc6791v4-prefix unset by null" global_is jool0 rfc6791v4-prefix "(none)"
check "rfc6791v4-prefix 192.0.2.0/24" jc jool0 global set rfc6791v4-prefix 192.0.2.0/24
check "rfc6791v4-prefix is 192.0.2.0/24" global_is jool0 rfc6791v4-prefix 192.0.2.0/24
check "rfc6791v6-prefix 2001:db8:6791::/64" jc jool0 global set rfc6791v6-prefix 2001:db8:6791::/64
check "rfc6791v6-prefix is 2001:db8:6791::/64" global_is jool0 rfc6791v6-prefix 2001:db8:6791::/64
check "rfc6791v4-prefix untouched by rfc6791v6-prefix" global_is jool0 rfc6791v4-prefix 192.0.2.0/24
# Without a length, an address is a /32 or a /128, as in Jool.
check "rfc6791v4-prefix 203.0.113.8 (no length)" jc jool0 global set rfc6791v4-prefix 203.0.113.8
check "rfc6791v4-prefix is 203.0.113.8/32" global_is jool0 rfc6791v4-prefix 203.0.113.8/32
check "rfc6791v6-prefix 2001:db8:6791::8 (no length)" jc jool0 global set rfc6791v6-prefix 2001:db8:6791::8
check "rfc6791v6-prefix is 2001:db8:6791::8/128" global_is jool0 rfc6791v6-prefix 2001:db8:6791::8/128
check "rfc6791v4-prefix back to 192.0.2.0/24" jc jool0 global set rfc6791v4-prefix 192.0.2.0/24
check "rfc6791v6-prefix back to 2001:db8:6791::/64" jc jool0 global set rfc6791v6-prefix 2001:db8:6791::/64
globals_snap
bad_g 2 "rfc6791v4-prefix: host bits" \
	"^joolctl: rfc6791v4-prefix: invalid prefix '192.0.2.1/24': bits are set after the prefix length \(did you mean 192.0.2.0/24\?\)$" \
	jool0 global set rfc6791v4-prefix 192.0.2.1/24
bad_g 2 "rfc6791v4-prefix: an IPv6 prefix" \
	"^joolctl: rfc6791v4-prefix: .*IPv6 address, an IPv4 prefix is required$" \
	jool0 global set rfc6791v4-prefix 2001:db8::/64
bad_g 2 "rfc6791v6-prefix: host bits" \
	"^joolctl: rfc6791v6-prefix: .*bits are set after the prefix length" \
	jool0 global set rfc6791v6-prefix 2001:db8::1/64
bad_g 2 "rfc6791v6-prefix: an IPv4 prefix" \
	"^joolctl: rfc6791v6-prefix: .*IPv4 address, an IPv6 prefix is required$" \
	jool0 global set rfc6791v6-prefix 192.0.2.0/24
kernel_refuses "rfc6791v4-prefix: host bits" "bits set after its length" \
	prefix:8:192.0.2.1/24

# randomize-rfc6791-addresses, logging-debug
for key in randomize-rfc6791-addresses logging-debug; do
	check "$key on" jc jool0 global set "$key" on
	check "$key is true" global_is jool0 "$key" true
	check "$key 0" jc jool0 global set "$key" 0
	check "$key is false" global_is jool0 "$key" false
done
check "logging-debug true" jc jool0 global set logging-debug true

# lowest-ipv6-mtu
for v in 65535 1280 1500; do
	check "lowest-ipv6-mtu $v" jc jool0 global set lowest-ipv6-mtu $v
	check "lowest-ipv6-mtu is $v" global_is jool0 lowest-ipv6-mtu $v
done

# eam-hairpin-mode
for v in off intrinsic simple; do
	check "eam-hairpin-mode $v" jc jool0 global set eam-hairpin-mode $v
	check "eam-hairpin-mode is $v" global_is jool0 eam-hairpin-mode $v
done

# Every new global changed at once: JSON types and values.
check "global show -j: the changed values" is \
'[[1500, 1280], "192.0.2.0/24", "2001:db8:6791::/64", false, 1500, "simple", true]' \
	json "[j[k] for k in $NEWKEYS]" jc -j jool0 global show
check "show: still aligned" aligned show

globals_snap
bad_g 2 "logging-debug: bad boolean" \
	"^joolctl: logging-debug: invalid value 'maybe' \(expected true or false\)$" \
	jool0 global set logging-debug maybe
for v in 1279 65536 4294967296 1500x; do
	bad_g 2 "lowest-ipv6-mtu '$v'" \
		"^joolctl: lowest-ipv6-mtu: invalid value '$v' \(expected 1280-65535\)$" \
		jool0 global set lowest-ipv6-mtu "$v"
done
for v in foo 3; do
	bad_g 2 "eam-hairpin-mode '$v'" \
		"^joolctl: eam-hairpin-mode: invalid value '$v' \(expected off, simple or intrinsic\)$" \
		jool0 global set eam-hairpin-mode "$v"
done
kernel_refuses "lowest-ipv6-mtu 1279" "out of range" u32:11:1279
kernel_refuses "lowest-ipv6-mtu 65536" "out of range" u32:11:65536
kernel_refuses "eam-hairpin-mode 3" "out of range" u8:12:3
check "kernel: lowest-ipv6-mtu 65535" is ok kernel_set u32:11:65535
check "lowest-ipv6-mtu is 65535" global_is jool0 lowest-ipv6-mtu 65535

# Back to the defaults, "none" for the prefixes.
new_defaults() {
	jc jool0 global set mtu-plateaus $DEFAULT_PLATEAUS &&
	jc jool0 global set rfc6791v4-prefix none &&
	jc jool0 global set rfc6791v6-prefix none &&
	jc jool0 global set randomize-rfc6791-addresses true &&
	jc jool0 global set lowest-ipv6-mtu 1280 &&
	jc jool0 global set eam-hairpin-mode intrinsic &&
	jc jool0 global set logging-debug false
}
check "every new global back to its default" new_defaults
check "global show -j: defaults again, unset prefixes null" is \
'[[65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68], null, null, true, 1280, "intrinsic", false]' \
	json "[j[k] for k in $NEWKEYS]" jc -j jool0 global show
check "rfc6791v4-prefix unset by none" global_is jool0 rfc6791v4-prefix "(none)"
check "pool6 untouched by the other globals" pool6_is jool0 $POOL6

# ---- stats ----

check "stats" jc jool0 stats
check "stats show" jc jool0 stats show
check "stats display --all" has '^XLAT64: +[0-9]+$' jc jool0 stats display --all
check "stats --all --explain" has '^ +IPv6 packets translated to IPv4' \
	jc jool0 stats --all --explain
check "stats -a -e (Jool's spelling)" has '^ +IPv6 packets translated to IPv4' \
	jc jool0 stats -a -e
check "-i DEV (Jool's spelling): -i jool0 global display" \
	has '^pool6: ' jc -i jool0 global display
check "-j -i DEV" has '^\{"pool6":' jc -j -i jool0 global show
bad 2 "-i without a device" "^joolctl: -i needs a device name" -i
check "stats -j --all: xlat64" has '^[0-9]+$' json 'j["xlat64"]' jc -j jool0 stats --all
check "stats -j --all: no-pool6" has '^[0-9]+$' json 'j["no-pool6"]' jc jool0 stats --all -j
check "stats -j --all --explain" has 'translated' \
	json 'j["xlat64"]["explanation"]' jc -j jool0 stats --all --explain
# A packet routed into the device while pool6 is unset is counted.
check "unset pool6 for a drop" jc jool0 global set pool6 none
ip link set jool0 up
ip addr add 192.0.2.1/24 dev jool0
ping -c 1 -W 1 192.0.2.2 >/dev/null 2>&1
check "NO_POOL6 counted" has '^NO_POOL6: +[1-9][0-9]*$' jc jool0 stats
check "stats -j: nonzero only" is true \
	json '"no-pool6" in j and all(v > 0 for v in j.values())' jc -j jool0 stats
check "show: nonzero stats" has '^  NO_POOL6: +[1-9]' jc jool0 show
check "show -j: stats.no-pool6" has '^[1-9][0-9]*$' json 'j["stats"]["no-pool6"]' jc -j jool0 show
check "set pool6 back after the drop" jc jool0 global set pool6 $POOL6

# ---- the EAMT ----

# eamt_file NAME: stdin into a file the unprivileged user can read too;
# prints its path.
eamt_file() { cat >"$unpriv_dir/$1"; echo "$unpriv_dir/$1"; }
# The text listing, to compare before and after a refused change.
eamt_snap() { eamt_before=$(jc jool0 eamt show 2>&1); }
eamt_unchanged() { is "$eamt_before" jc jool0 eamt show; }
# bad_eamt STATUS DESC PATTERN ARGS...: like bad, and the EAMT is as it was.
bad_eamt() {
	local rc=$1 desc=$2 pattern=$3
	shift 3
	eamt_snap
	echo none >"$rcfile"
	check_fail "$desc" "$pattern" keep_rc jc "$@"
	check "$desc: exit status $rc" is "$rc" read_rc
	check "$desc: EAMT unchanged" eamt_unchanged
}
# eamt_count_is N: the text listing has N entries (no python3 per check).
eamt_count_is() {
	local n
	n=$(jc jool0 eamt show | grep -c /)
	[ "$n" = "$1" ] && return 0
	echo "$n entries, expected $1"
	return 1
}

check "eamt show: empty" is "The EAMT is empty." jc jool0 eamt show
check "eamt show -j: empty list" is "[]" jc -j jool0 eamt show
check "show: eamt 0 entries" has '^eamt: +0 entries$' jc jool0 show
check "eamt add IPv6 IPv4" jc jool0 eamt add 2001:db8:100::/120 192.0.2.0/24
check "eamt add IPv4 IPv6" jc jool0 eamt add 198.51.100.0/28 2001:db8:200::/124
check "eamt show: header and entries, by IPv4 prefix" is \
"IPv6 prefix         IPv4 prefix
2001:db8:100::/120  192.0.2.0/24
2001:db8:200::/124  198.51.100.0/28" jc jool0 eamt show
check "eamt (no verb) = eamt show" has '^2001:db8:100::/120 +192\.0\.2\.0/24$' jc jool0 eamt
check "eamt display (Jool's verb)" has '^2001:db8:200::/124 +198\.51\.100\.0/28$' \
	jc jool0 eamt display
check "eamt show -j" \
	is '[{"ipv6": "2001:db8:100::/120", "ipv4": "192.0.2.0/24"}, {"ipv6": "2001:db8:200::/124", "ipv4": "198.51.100.0/28"}]' \
	json 'j' jc jool0 eamt show -j
check "show: eamt 2 entries" has '^eamt: +2 entries$' jc jool0 show
check "show -j: eamt-entries" is 2 json 'j["eamt-entries"]' jc -j jool0 show

bad_eamt 2 "eamt: malformed length" \
	"^joolctl: eamt add: invalid prefix '2001:db8::/12x': .*not a number$" \
	jool0 eamt add 2001:db8::/12x 10.0.0.0/24
bad_eamt 2 "eamt: malformed IPv4 address" \
	"^joolctl: eamt add: invalid prefix '10.0.0.300/24': .*not a valid IPv4 address$" \
	jool0 eamt add 2001:db8::/120 10.0.0.300/24
bad_eamt 2 "eamt: IPv4 length > 32" "^joolctl: eamt add: .*out of range \(0-32\)$" \
	jool0 eamt add 2001:db8::/120 10.0.0.0/33
bad_eamt 2 "eamt: bits after the length" \
	"^joolctl: eamt add: .*bits are set after the prefix length \(did you mean 2001:db8::/120\?\)$" \
	jool0 eamt add 2001:db8::1/120 10.0.0.0/24
bad_eamt 2 "eamt: two IPv6 prefixes" \
	"^joolctl: eamt add: two IPv6 prefixes \('2001:db8::/120' and '2001:db8:1::/120'\)" \
	jool0 eamt add 2001:db8::/120 2001:db8:1::/120
bad_eamt 2 "eamt: two IPv4 prefixes" "^joolctl: eamt add: two IPv4 prefixes" \
	jool0 eamt add 10.0.0.0/24 10.0.1.0/24
bad_eamt 2 "eamt: only an IPv6 prefix" \
	"^joolctl: eamt add: missing the IPv4 prefix \(only '2001:db8::/120' given\)$" \
	jool0 eamt add 2001:db8::/120
bad_eamt 2 "eamt: only an IPv4 prefix" "^joolctl: eamt add: missing the IPv6 prefix" \
	jool0 eamt add 10.0.0.0/24 force
bad_eamt 2 "eamt add: no arguments" "^joolctl: eamt add: missing IPV6PREFIX and IPV4PREFIX$" \
	jool0 eamt add
bad_eamt 2 "eamt add: three prefixes" "^joolctl: eamt add: two IPv4 prefixes" \
	jool0 eamt add 2001:db8::/120 10.0.0.0/24 10.0.1.0/24
bad_eamt 2 "eamt add: unknown option" "^joolctl: eamt add: unknown option '--frob'$" \
	jool0 eamt add 2001:db8::/120 10.0.0.0/24 --frob
bad_eamt 2 "eamt del: no arguments" "^joolctl: eamt del: missing PREFIX" jool0 eamt del
bad_eamt 2 "eamt del: malformed prefix" "^joolctl: eamt del: invalid prefix 'x/24'" \
	jool0 eamt del x/24
bad_eamt 2 "eamt del: force is for add" "^joolctl: eamt del: 'force' is only for add$" \
	jool0 eamt del 192.0.2.0/24 force
bad_eamt 2 "eamt flush: extra argument" "^joolctl: eamt flush: unexpected argument 'x'$" \
	jool0 eamt flush x
bad_eamt 2 "eamt show: extra argument" "^joolctl: eamt show: unexpected argument 'x'$" \
	jool0 eamt show x
bad_eamt 2 "eamt: unknown command" "^joolctl: unknown eamt command 'frob'" jool0 eamt frob
bad_eamt 2 "eamt add-file: no FILE" "^joolctl: eamt add-file: missing FILE$" \
	jool0 eamt add-file
bad_eamt 2 "eamt add-file: no such file" \
	"^joolctl: eamt add-file: cannot open /nonexistent: No such file or directory$" \
	jool0 eamt add-file /nonexistent

bad_eamt 1 "eamt: RFC 7757 suffix rule" \
	"^joolctl: jool0: EAM IPv4 suffix is longer than its IPv6 suffix$" \
	jool0 eamt add 2001:db8:77::/120 10.0.0.0/16
bad_eamt 1 "eamt: identical IPv6 prefix" "^joolctl: jool0: IPv6 prefix is already in the EAMT$" \
	jool0 eamt add 2001:db8:100::/120 10.9.0.0/24
bad_eamt 1 "eamt: identical IPv4 prefix, even with force" \
	"^joolctl: jool0: IPv4 prefix is already in the EAMT$" \
	jool0 eamt add 2001:db8:9::/120 192.0.2.0/24 force
bad_eamt 1 "eamt: overlap without force" \
	"^joolctl: jool0: IPv4 prefix overlaps another EAM \(allowed only with force\)$" \
	jool0 eamt add 2001:db8:300::/124 192.0.2.16/28
check "eamt: the overlap with force" jc jool0 eamt add 2001:db8:300::/124 192.0.2.16/28 force
check "eamt: it is listed" has '^2001:db8:300::/124 +192\.0\.2\.16/28$' jc jool0 eamt show
check "eamt del by IPv6 prefix" jc jool0 eamt del 2001:db8:300::/124
check "eamt: an IPv6 overlap with --force" jc jool0 eamt add --force 2001:db8:100::/124 10.9.0.0/28
check "eamt remove by both prefixes (Jool's verb)" \
	jc jool0 eamt remove 10.9.0.0/28 2001:db8:100::/124
check "eamt: back to two entries" eamt_count_is 2
bad_eamt 1 "eamt del: no such IPv6 prefix" "^joolctl: jool0: no EAM has that IPv6 prefix$" \
	jool0 eamt del 2001:db8:999::/120
bad_eamt 1 "eamt del: no such IPv4 prefix" "^joolctl: jool0: no EAM has that IPv4 prefix$" \
	jool0 eamt del 10.99.0.0/24
bad_eamt 1 "eamt del: a prefix inside the entry's" \
	"^joolctl: jool0: no EAM has that IPv4 prefix$" jool0 eamt del 192.0.2.0/25
bad_eamt 1 "eamt del: prefixes of two entries" \
	"^joolctl: jool0: the IPv4 and IPv6 prefixes belong to different EAMs$" \
	jool0 eamt del 2001:db8:100::/120 198.51.100.0/28
bad_eamt 1 "eamt: no such device" "^joolctl: nosuch0: no such device$" nosuch0 eamt show
bad_eamt 1 "eamt: not a jool device" "^joolctl: lo: not a jool device$" \
	lo eamt add 2001:db8::/120 10.0.0.0/24

# add-file: the whole file is checked before anything is sent.
f=$(printf '%s\n' '# three good lines, then a bad one' \
	'2001:db8:400::/120 10.4.0.0/24' '10.4.1.0/24 2001:db8:401::/120' '' \
	'2001:db8:402::/120 10.4.2.0/24' '2001:db8:403::/120 10.4.3.0/2x' | eamt_file syntax)
bad_eamt 2 "add-file: syntax error on line 6" \
	"^joolctl: $f:6: invalid prefix '10.4.3.0/2x': prefix length '2x' is not a number$" \
	jool0 eamt add-file "$f"
f=$(printf '2001:db8:400::/120 10.4.0.0/24\n2001:db8:401::/120 2001:db8:402::/120\n' |
	eamt_file two6)
bad_eamt 2 "add-file: two IPv6 prefixes on line 2" "^joolctl: $f:2: two IPv6 prefixes" \
	jool0 eamt add-file "$f"
f=$(printf '2001:db8:400::/120 10.4.0.0/24\n\n10.4.1.0/24\n' | eamt_file one)
bad_eamt 2 "add-file: one prefix on line 3" \
	"^joolctl: $f:3: expected two prefixes \(IPv6 and IPv4\), found only '10.4.1.0/24'$" \
	jool0 eamt add-file "$f"
f=$(printf '2001:db8:400::/120 10.4.0.0/24 force\n' | eamt_file three)
bad_eamt 2 "add-file: three words on line 1" \
	"^joolctl: $f:1: unexpected 'force' after the two prefixes$" jool0 eamt add-file "$f"
f=$(printf '2001:db8:400::/120 10.4.0.0/24\n2001:db8:401::/120 10.5.0.0/16\n' | eamt_file suffix)
bad_eamt 1 "add-file: suffix rule on line 2" \
	"^joolctl: $f:2: EAM IPv4 suffix is longer than its IPv6 suffix \(10.5.0.0/16: 16 bits, 2001:db8:401::/120: 8 bits\)$" \
	jool0 eamt add-file "$f"
f=$(printf '2001:db8:400::/120 10.4.0.0/24\n2001:db8:401::/125 198.51.100.8/29\n' |
	eamt_file overlap)
bad_eamt 1 "add-file: overlap with the table on line 2" \
	"^joolctl: $f:2: IPv4 prefix 198.51.100.8/29 overlaps 198.51.100.0/28, which is in the EAMT \(allowed only with force\)$" \
	jool0 eamt add-file "$f"
f=$(printf '2001:db8:400::/120 10.4.0.0/24\n2001:db8:200::/124 10.4.1.0/28\n' | eamt_file dup)
bad_eamt 1 "add-file: identical to the table's on line 2, even with force" \
	"^joolctl: $f:2: IPv6 prefix 2001:db8:200::/124 is already in the EAMT$" \
	jool0 eamt add-file "$f" force
# Three messages' worth (1170 entries each); line 2500 repeats line 7's
# IPv6 prefix.
f=$(awk 'BEGIN { for (i = 0; i < 3000; i++)
		if (i == 2499)
			print "2001:db8:500::6/128 10.60.0.1/32"
		else
			printf "2001:db8:500::%x/128 10.50.%d.%d/32\n", i, i / 250, i % 250 + 1 }' |
	eamt_file big-dup)
bad_eamt 1 "add-file: a clash on line 2500 of 3000 adds nothing" \
	"^joolctl: $f:2500: IPv6 prefix 2001:db8:500::6/128 is already on line 7$" \
	jool0 eamt add-file "$f"
f=$(printf '2001:db8:400::/120 10.4.0.0/24\n2001:db8:401::/124 10.4.0.0/28\n' | eamt_file inner)
bad_eamt 1 "add-file: overlap within the file" \
	"^joolctl: $f:2: IPv4 prefix 10.4.0.0/28 overlaps 10.4.0.0/24 on line 1 \(allowed only with force\)$" \
	jool0 eamt add-file "$f"
check "add-file: ...which force allows" jc jool0 eamt add-file "$f" force
check "add-file force: 4 entries" eamt_count_is 4
check "eamt del the nested pair" jc jool0 eamt del 10.4.0.0/28
check "eamt del the outer pair" jc jool0 eamt del 2001:db8:400::/120
check "eamt: back to two entries again" eamt_count_is 2
f=$(printf '# comment\r\n\r\n  10.4.0.0/24\t2001:db8:400::/120  # trailing\r\n2001:db8:401::/120 10.4.1.0/24' |
	eamt_file good)
check "add-file: comments, blank lines, CRLF, either order, no final newline" \
	jc jool0 eamt add-file "$f"
check "add-file: both entries listed" eamt_count_is 4
check "add-file: the IPv4-first line" has '^2001:db8:400::/120 +10\.4\.0\.0/24$' jc jool0 eamt show
check "add-file: nothing to add is fine" jc jool0 eamt add-file /dev/null
bad_eamt 1 "add-file: nothing to add, but no such device" "^joolctl: nosuch0: no such device$" \
	nosuch0 eamt add-file /dev/null
check "add-file - reads stdin" \
	sh -c "echo '2001:db8:402::/120 10.4.2.0/24' | $JOOLCTL jool0 eamt add-file -"
check "add-file -: listed" eamt_count_is 5
check "show: eamt 5 entries" has '^eamt: +5 entries$' jc jool0 show

# --csv, --no-headers (anywhere on the line), and dumps that load back.
EAMT_CSV="2001:db8:400::/120,10.4.0.0/24
2001:db8:401::/120,10.4.1.0/24
2001:db8:402::/120,10.4.2.0/24
2001:db8:100::/120,192.0.2.0/24
2001:db8:200::/124,198.51.100.0/28"
check "eamt show --csv: a header row, then the entries" is "IPv6 prefix,IPv4 prefix
$EAMT_CSV" jc jool0 eamt show --csv
check "--csv --no-headers eamt: the entries alone" is "$EAMT_CSV" jc --csv --no-headers jool0 eamt
check "eamt show --no-headers: aligned, no header" is \
"2001:db8:400::/120  10.4.0.0/24
2001:db8:401::/120  10.4.1.0/24
2001:db8:402::/120  10.4.2.0/24
2001:db8:100::/120  192.0.2.0/24
2001:db8:200::/124  198.51.100.0/28" jc jool0 eamt show --no-headers
check_fail "--csv with -j" "^joolctl: --json and --csv exclude each other$" jc -j --csv jool0 eamt
check "--csv with -j: exit status 2" status 2 jc -j --csv jool0 eamt
check_fail "--csv on a command that prints no table" \
	"^joolctl: eamt flush prints no table \(--csv, --no-headers are for the show commands\)$" \
	jc jool0 eamt flush --csv
check "--no-headers on flush: exit status 2, nothing flushed" status 2 jc jool0 eamt flush --no-headers
check "...5 entries still" eamt_count_is 5
eamt_snap
jc jool0 eamt show --no-headers >"$unpriv_dir/dump"
jc jool0 eamt show --csv --no-headers >"$unpriv_dir/dump.csv"
check "round trip: eamt flush" jc jool0 eamt flush
check "eamt show --no-headers of an empty table: nothing" is "" jc jool0 eamt show --no-headers
check "eamt show --csv of an empty table: the header row" is "IPv6 prefix,IPv4 prefix" \
	jc jool0 eamt show --csv
check "round trip: show --no-headers is an add-file FILE" jc jool0 eamt add-file "$unpriv_dir/dump"
check "round trip: the same table" eamt_unchanged
check "round trip (CSV): eamt flush" jc jool0 eamt flush
check "round trip: show --csv --no-headers is an add-file FILE" \
	jc jool0 eamt add-file "$unpriv_dir/dump.csv"
check "round trip (CSV): the same table" eamt_unchanged

eamt_snap
for args in "show" "add 2001:db8:600::/120 10.6.0.0/24" "add-file $f" "del 10.4.0.0/24" \
	"flush"; do
	# shellcheck disable=SC2086
	check_fail "unprivileged eamt $args" "$eperm" unpriv jool0 eamt $args
	# shellcheck disable=SC2086
	check "unprivileged eamt $args: exit status 1" status 1 unpriv jool0 eamt $args
	check "unprivileged eamt $args: EAMT unchanged" eamt_unchanged
done

check "eamt flush" jc jool0 eamt flush
check "eamt flush: empty" is "The EAMT is empty." jc jool0 eamt show
check "eamt flush of an empty table is fine" jc jool0 eamt flush
check "show -j: eamt-entries 0" is 0 json 'j["eamt-entries"]' jc -j jool0 show
check "stats: every counter has a name" hasnt '^STAT_' jc jool0 stats --all
check "stats --all: SRC4_UNTRANSLATABLE" has '^SRC4_UNTRANSLATABLE: +[0-9]+$' \
	jc jool0 stats --all
check "stats --all: DST4_UNTRANSLATABLE" has '^DST4_UNTRANSLATABLE: +[0-9]+$' \
	jc jool0 stats --all
check "stats --explain: SRC6_UNTRANSLATABLE mentions the EAMT" \
	has 'matches no EAM and is not inside pool6' jc jool0 stats --all --explain
check "stats -j: dst4-untranslatable" has '^[0-9]+$' \
	json 'j["dst4-untranslatable"]' jc -j jool0 stats --all
check "stats --csv --all: the header row" has '^Counter,Value$' jc jool0 stats --csv --all
check "stats --csv --all: DST4_UNTRANSLATABLE" has '^DST4_UNTRANSLATABLE,[0-9]+$' \
	jc jool0 stats --csv --all
check "stats --csv --no-headers -a: one line per counter, as --all" is \
	"$(jc jool0 stats --all | wc -l)" sh -c "$JOOLCTL jool0 stats --csv --no-headers -a | wc -l"
check "stats --csv -a -e: an explanation column" has '^Counter,Value,Explanation$' \
	jc jool0 stats --csv -a -e
check "global show --csv: Key,Value" has '^Key,Value$' jc jool0 global show --csv
check "global show --csv: pool6" has "^pool6,64:ff9b::/96$" jc jool0 global show --csv
check "global --csv --no-headers: a line per key, as the text" is \
	"$(jc jool0 global show | wc -l)" sh -c "$JOOLCTL --csv --no-headers jool0 global | wc -l"

# ---- help and version ----

check "--help" has '^Usage: joolctl' "$JOOLCTL" --help
check "-h" has '^Usage: joolctl' "$JOOLCTL" -h
check "--version" has '^joolctl [0-9]+\.[0-9]+' "$JOOLCTL" --version
check "DEV global --help" has 'manually-enabled' "$JOOLCTL" jool0 global --help
check "DEV global set --help" has 'pool6' "$JOOLCTL" jool0 global set --help
check "DEV stats --help" has '--explain' "$JOOLCTL" jool0 stats --help
check "DEV eamt --help" has 'add-file FILE' "$JOOLCTL" jool0 eamt --help
check "DEV eamt add --help" has 'RFC 7757' "$JOOLCTL" jool0 eamt add --help
check "help needs no module, no device" status 0 "$JOOLCTL" nosuch0 stats --help

# ---- the iproute2 plugin ----

check "ip link help jool" has 'mode \{ siit \| nat64 \}' ip link help jool
check "ip link add nat0 type jool mode nat64 pool6 $POOL6" \
	ip link add nat0 type jool mode nat64 pool6 $POOL6
check "ip -d link show nat0: mode nat64" has "jool mode nat64 pool6 64:ff9b::/96 " \
	ip -d link show nat0
check "ip -j -d link show nat0: mode" is nat64 \
	json 'j[0]["linkinfo"]["info_data"]["mode"]' ip -j -d link show nat0
check "joolctl nat0 show: mode nat64" has '^mode: +nat64$' jc nat0 show
check "joolctl -j nat0 show: mode nat64" is nat64 json 'j["mode"]' jc -j nat0 show
check "joolctl nat0 show: no EAMT in NAT64 mode" hasnt '^eamt:' jc nat0 show
check "nat0 pool4 show --csv: empty, the header row" is "Proto,Mark,Max iterations,Address,Ports" \
	jc nat0 pool4 show --csv
check "nat0 bib show --csv: empty, the header row" is "Proto,Type,IPv4 taddr,IPv6 taddr" \
	jc nat0 bib show --csv
check "nat0 session show --no-headers: empty, nothing" is "" jc nat0 session --no-headers
check "nat0 session show: empty" is "No tcp sessions." jc nat0 session show
check "nat0 bib display --numeric (Jool's)" is "The udp BIB is empty." jc nat0 bib display --numeric --udp
check_fail "nat0 bib add --numeric: only for show" "^joolctl: bib add: invalid transport address '--numeric'" \
	jc nat0 bib add --numeric
check_fail "joolctl nat0 eamt: a SIIT feature" \
	"^joolctl: nat0: the EAMT is a SIIT feature; this is a NAT64 device$" jc nat0 eamt show
check "joolctl nat0: pool6 from ip link add" pool6_is nat0 $POOL6
check_fail "ip link set nat0 type jool mode siit is refused" "^Error: .*mode" \
	ip link set nat0 type jool mode siit
check "nat0 is still nat64" is nat64 json 'j["mode"]' jc -j nat0 show
check "ip link set nat0 type jool mode nat64 (no change) is fine" \
	ip link set nat0 type jool mode nat64

# ---- NAT64 globals (Jool's names, defaults, units) on nat0 ----

# nat_text KEY VALUE...: "KEY: VALUE" lines aligned as joolctl aligns them
# on a NAT64 device (its longest key is deterministic-subscriber-length).
nat_text() {
	while [ $# -gt 1 ]; do
		printf '%-32s %s\n' "$1:" "$2"
		shift 2
	done
}
# nat_bad STATUS DESC PATTERN ARGS...: "joolctl nat0 ARGS" fails with
# STATUS and one line matching PATTERN; nat0's globals are as they were.
nat_bad() {
	GDEV=nat0 globals_snap
	GDEV=nat0 bad_g "$1" "$2" "$3" nat0 "${@:4}"
}
# nat_kernel_refuses DESC PATTERN GLOBAL...: kernel_refuses, for nat0.
nat_kernel_refuses() {
	GDEV=nat0 globals_snap
	GDEV=nat0 kernel_refuses "$@"
}
FARGS11="11 (0b1011): SrcAddr:1 SrcPort:0 DstAddr:1 DstPort:1"
# max-sessions: not a global, the link's (its default depends on memory).
NAT0_MAX=$(ip -d -j link show nat0 | /usr/bin/python3 -c \
	'import json, sys; print(json.load(sys.stdin)[0]["linkinfo"]["info_data"]["max_sessions"])')
check "nat0 global show: the NAT64 globals, Jool's defaults, no SIIT ones" is \
"$(nat_text pool6 $POOL6 manually-enabled true zeroize-traffic-class false \
	override-tos false tos 0 mtu-plateaus $DEFAULT_PLATEAUS \
	lowest-ipv6-mtu 1280 logging-debug false \
	address-dependent-filtering false drop-externally-initiated-tcp false \
	drop-icmpv6-info false source-icmpv6-errors-better true \
	f-args "$FARGS11" handle-rst-during-fin-rcv false \
	tcp-est-timeout "2:04:00 (HH:MM:SS)" tcp-trans-timeout "0:04:00 (HH:MM:SS)" \
	udp-timeout "0:05:00 (HH:MM:SS)" icmp-timeout "0:01:00 (HH:MM:SS)" \
	maximum-simultaneous-opens 10 logging-bib true logging-session false \
	max-ports-per-host 0 deterministic-prefix6 "(none)" \
	deterministic-subscriber-length 56 deterministic-prefix4 "(none)" \
	deterministic-port-min 1024 deterministic-port-max 65535 \
	port-block-size 0 max-port-blocks-per-client 8 logging-port-blocks true \
	max-sessions "$NAT0_MAX")" jc nat0 global show
NATKEYS='("address-dependent-filtering", "drop-externally-initiated-tcp", "drop-icmpv6-info", "source-icmpv6-errors-better", "f-args", "handle-rst-during-fin-rcv", "tcp-est-timeout", "tcp-trans-timeout", "udp-timeout", "icmp-timeout", "maximum-simultaneous-opens", "logging-bib", "logging-session", "max-ports-per-host", "deterministic-prefix6", "deterministic-subscriber-length", "deterministic-prefix4", "deterministic-port-min", "deterministic-port-max", "port-block-size", "max-port-blocks-per-client", "logging-port-blocks", "max-sessions")'
check "nat0 global show -j: keys, NAT64 defaults" is \
'[["pool6", "manually-enabled", "zeroize-traffic-class", "override-tos", "tos", "mtu-plateaus", "lowest-ipv6-mtu", "logging-debug", "address-dependent-filtering", "drop-externally-initiated-tcp", "drop-icmpv6-info", "source-icmpv6-errors-better", "f-args", "handle-rst-during-fin-rcv", "tcp-est-timeout", "tcp-trans-timeout", "udp-timeout", "icmp-timeout", "maximum-simultaneous-opens", "logging-bib", "logging-session", "max-ports-per-host", "deterministic-prefix6", "deterministic-subscriber-length", "deterministic-prefix4", "deterministic-port-min", "deterministic-port-max", "port-block-size", "max-port-blocks-per-client", "logging-port-blocks", "max-sessions"], [false, false, false, true, 11, false, "2:04:00", "0:04:00", "0:05:00", "0:01:00", 10, true, false, 0, null, 56, null, 1024, 65535, 0, 8, true, '"$NAT0_MAX"']]' \
	json "[list(j), [j[k] for k in $NATKEYS]]" jc -j nat0 global show
check "jool0 (SIIT) global show: no NAT64 global" hasnt \
	'^(address-dependent-filtering|f-args|tcp-est-timeout|udp-timeout|maximum-simultaneous-opens):' \
	jc jool0 global show
check "nat0 show: values aligned" sh -c "$JOOLCTL nat0 show | awk '/^[a-z0-9-]+: / {
	match(\$0, /: +/); c = RSTART + RLENGTH; if (p && c != p) bad = 1; p = c
} END { exit bad }'"

# Each mode refuses the other's globals, with the kernel's message.
for key in address-dependent-filtering drop-externally-initiated-tcp \
	drop-icmpv6-info source-icmpv6-errors-better handle-rst-during-fin-rcv; do
	bad 1 "jool0 (SIIT) refuses $key" \
		"^joolctl: jool0: $key is a NAT64 global; this is a SIIT device$" \
		jool0 global set "$key" true
done
for kv in f-args:0 tcp-est-timeout:3:00:00 tcp-trans-timeout:300 \
	udp-timeout:300 icmp-timeout:30 maximum-simultaneous-opens:5; do
	bad 1 "jool0 (SIIT) refuses ${kv%%:*}" \
		"^joolctl: jool0: ${kv%%:*} is a NAT64 global; this is a SIIT device$" \
		jool0 global set "${kv%%:*}" "${kv#*:}"
done
for kv in amend-udp-checksum-zero:true rfc6791v4-prefix:192.0.2.0/24 \
	rfc6791v6-prefix:2001:db8::/64 randomize-rfc6791-addresses:false \
	eam-hairpin-mode:off; do
	nat_bad 1 "nat0 (NAT64) refuses ${kv%%:*}" \
		"^joolctl: nat0: ${kv%%:*} is a SIIT global; this is a NAT64 device$" \
		global set "${kv%%:*}" "${kv#*:}"
done
check "nat0 takes the globals of both modes: lowest-ipv6-mtu" \
	jc nat0 global set lowest-ipv6-mtu 1500
check "nat0: lowest-ipv6-mtu is 1500" global_is nat0 lowest-ipv6-mtu 1500

# The booleans.
for key in address-dependent-filtering drop-externally-initiated-tcp \
	drop-icmpv6-info source-icmpv6-errors-better handle-rst-during-fin-rcv; do
	check "nat0 $key on" jc nat0 global set "$key" on
	check "nat0 $key is true" global_is nat0 "$key" true
	check "nat0 $key false" jc nat0 global set "$key" false
	check "nat0 $key is false" global_is nat0 "$key" false
done
nat_bad 2 "address-dependent-filtering: bad boolean" \
	"^joolctl: address-dependent-filtering: invalid value 'maybe' \(expected true or false\)$" \
	global set address-dependent-filtering maybe

# f-args: 0-15, shown as Jool shows it.
check "f-args 0" jc nat0 global set f-args 0
check "f-args 0 shown" global_is nat0 f-args "0 (0b0000): SrcAddr:0 SrcPort:0 DstAddr:0 DstPort:0"
check "f-args 15" jc nat0 global set f-args 15
check "f-args 15 shown" global_is nat0 f-args "15 (0b1111): SrcAddr:1 SrcPort:1 DstAddr:1 DstPort:1"
check "f-args 4 (source port only)" jc nat0 global set f-args 4
check "f-args 4 shown" global_is nat0 f-args "4 (0b0100): SrcAddr:0 SrcPort:1 DstAddr:0 DstPort:0"
check "f-args 4 in JSON" is 4 json 'j["f-args"]' jc -j nat0 global show
for v in 16 x 0b1011 1.0; do
	nat_bad 2 "f-args '$v'" "^joolctl: f-args: invalid value '$v' \(expected 0-15\)$" \
		global set f-args "$v"
done
nat_kernel_refuses "f-args 16" "out of range" u8:18:16
check "f-args back to 11" jc nat0 global set f-args 11
check "f-args is 11" global_is nat0 f-args "$FARGS11"

# Timeouts: [HH:[MM:]]SS[.mmm]; RFC 6146's minimums, checked by the kernel.
for kv in "7440:2:04:00" "124:00:2:04:00" "2:04:00.001:2:04:00.001" \
	"576:00:00:576:00:00" "3:00:00:3:00:00" "99:99:99:100:40:39"; do
	in=${kv%:*:*:*} out=${kv#"$in":}
	check "tcp-est-timeout $in" jc nat0 global set tcp-est-timeout "$in"
	check "tcp-est-timeout $in is $out" global_is nat0 tcp-est-timeout "$out (HH:MM:SS)"
done
check "tcp-est-timeout in JSON: Jool's string" is "100:40:39" \
	json 'j["tcp-est-timeout"]' jc -j nat0 global show
nat_bad 1 "tcp-est-timeout 2:03:59.999 (below 2 h 4 min)" \
	"^joolctl: nat0: tcp-est-timeout is below its RFC 6146 minimum$" \
	global set tcp-est-timeout 2:03:59.999
nat_bad 1 "tcp-est-timeout 2:00:00 (Jool's minimum, not the RFC's)" \
	"^joolctl: nat0: tcp-est-timeout is below its RFC 6146 minimum$" \
	global set tcp-est-timeout 2:00:00
nat_bad 1 "tcp-est-timeout 576:00:00.001 (above 24 days)" \
	"^joolctl: nat0: tcp-est-timeout is above its maximum \(24 days\)$" \
	global set tcp-est-timeout 576:00:00.001
nat_bad 1 "udp-timeout 1193:02:47.295 (UINT32_MAX ms)" \
	"^joolctl: nat0: udp-timeout is above its maximum \(24 days\)$" \
	global set udp-timeout 1193:02:47.295
check "tcp-trans-timeout 240" jc nat0 global set tcp-trans-timeout 240
check "tcp-trans-timeout is 0:04:00" global_is nat0 tcp-trans-timeout "0:04:00 (HH:MM:SS)"
check "tcp-trans-timeout 4:00.500" jc nat0 global set tcp-trans-timeout 4:00.500
check "tcp-trans-timeout is 0:04:00.500" global_is nat0 tcp-trans-timeout "0:04:00.500 (HH:MM:SS)"
nat_bad 1 "tcp-trans-timeout 239.999" \
	"^joolctl: nat0: tcp-trans-timeout is below its RFC 6146 minimum$" \
	global set tcp-trans-timeout 239.999
check "udp-timeout 2:00" jc nat0 global set udp-timeout 2:00
check "udp-timeout is 0:02:00" global_is nat0 udp-timeout "0:02:00 (HH:MM:SS)"
nat_bad 1 "udp-timeout 119" "^joolctl: nat0: udp-timeout is below its RFC 6146 minimum$" \
	global set udp-timeout 119
check "icmp-timeout 0 (no minimum, as in Jool)" jc nat0 global set icmp-timeout 0
check "icmp-timeout is 0:00:00" global_is nat0 icmp-timeout "0:00:00 (HH:MM:SS)"
check "icmp-timeout 1.001" jc nat0 global set icmp-timeout 1.001
check "icmp-timeout is 0:00:01.001" global_is nat0 icmp-timeout "0:00:01.001 (HH:MM:SS)"
check "icmp-timeout in JSON" is "0:00:01.001" json 'j["icmp-timeout"]' jc -j nat0 global show
for v in x 1.5 1.5000 1:2:3:4 "" 1193:02:47.296 4294967296 " 60" 60s; do
	nat_bad 2 "udp-timeout '$v'" \
		"^joolctl: udp-timeout: invalid value '$v' \(expected \[HH:\[MM:\]\]SS\[\.mmm\]\)$" \
		global set udp-timeout "$v"
done
nat_kernel_refuses "udp-timeout 119999 ms" "udp-timeout is below its RFC 6146 minimum" \
	u32:22:119999
nat_kernel_refuses "tcp-est-timeout 7439999 ms" "tcp-est-timeout is below" u32:20:7439999
nat_kernel_refuses "icmp-timeout 2073600001 ms" "icmp-timeout is above its maximum" \
	u32:23:2073600001
nat_kernel_set() { GDEV=nat0 kernel_set "$@"; }
check "kernel: udp-timeout 120000 ms" is ok nat_kernel_set u32:22:120000
check "udp-timeout is 0:02:00 again" global_is nat0 udp-timeout "0:02:00 (HH:MM:SS)"

# maximum-simultaneous-opens: a u32.
for v in 0 4294967295 10; do
	check "maximum-simultaneous-opens $v" jc nat0 global set maximum-simultaneous-opens $v
	check "maximum-simultaneous-opens is $v" global_is nat0 maximum-simultaneous-opens $v
done
nat_bad 2 "maximum-simultaneous-opens 4294967296" \
	"^joolctl: maximum-simultaneous-opens: invalid value '4294967296' \(expected 0-4294967295\)$" \
	global set maximum-simultaneous-opens 4294967296
check "ip link set jool0 type jool pool6 2001:db8::/32" \
	ip link set jool0 type jool pool6 2001:db8::/32
check "joolctl sees pool6 from ip link set" pool6_is jool0 2001:db8::/32
check "ip link set jool0 type jool pool6 none" ip link set jool0 type jool pool6 none
check "pool6 unset by ip link set" pool6_is jool0 "(none)"
check "ip -d link show: pool6 gone" hasnt pool6 ip -d link show jool0
check "set pool6 back with joolctl" jc jool0 global set pool6 $POOL6
check_fail "ip link set: kernel rejects /33" "^Error: pool6 prefix length must be" \
	ip link set jool0 type jool pool6 2001:db8::/33
check "ip link set /33: configuration unchanged" pool6_is jool0 $POOL6
check_fail "ip link add: kernel rejects /33" "^Error: pool6 prefix length must be" \
	ip link add bad0 type jool pool6 2001:db8::/33
check "ip link add /33: no device" status 1 ip link show bad0
check_fail "ip link add: plugin rejects a bad prefix" "^Error: argument \"zz::/96\" is wrong" \
	ip link add bad0 type jool pool6 zz::/96
check_fail "ip link add: pool6 needs a length" \
	"^Error: argument \"64:ff9b::\" is wrong: pool6: missing prefix length \(required here: ADDRESS/LENGTH\)$" \
	ip link add bad0 type jool pool6 64:ff9b::
check_fail "ip link set: pool6 needs a length" \
	"^Error: argument \"2001:db8::\" is wrong: pool6: missing prefix length \(required here: ADDRESS/LENGTH\)$" \
	ip link set jool0 type jool pool6 2001:db8::
check "ip link set without a length: configuration unchanged" pool6_is jool0 $POOL6
check_fail "ip link add: plugin rejects a bad mode" "^Error: argument \"nat46\" is wrong" \
	ip link add bad0 type jool mode nat46
check_fail "ip link add: plugin rejects an unknown option" "^Error: unknown jool option \"frob\"" \
	ip link add bad0 type jool frob 1
check "no device left behind" status 1 ip link show bad0
check "ip link del nat0" ip link del nat0
bad 1 "deleted device" "^joolctl: nat0: no such device$" nat0 show

# ---- without the module ----

ip link del jool0
ip link del d0
if rmmod jool_netdev 2>/dev/null; then
	check_fail "module not loaded" "^joolctl: the jool_netdev module is not loaded$" \
		jc jool0 global show
	check "module not loaded: exit status 1" status 1 jc jool0 global show
	# The test-only knob: timeouts below RFC 6146's minimums, down to 1 ms.
	insmod "$MODULE" test_short_timeouts=1
	ip link add nat1 type jool mode nat64
	check "test_short_timeouts: udp-timeout 0.001" jc nat1 global set udp-timeout 0.001
	check "test_short_timeouts: udp-timeout is 0:00:00.001" \
		global_is nat1 udp-timeout "0:00:00.001 (HH:MM:SS)"
	check "test_short_timeouts: tcp-est-timeout 1" jc nat1 global set tcp-est-timeout 1
	check "test_short_timeouts: tcp-trans-timeout 0.500" \
		jc nat1 global set tcp-trans-timeout 0.500
	check_fail "test_short_timeouts: still not 0" \
		"^joolctl: nat1: udp-timeout is below its RFC 6146 minimum$" \
		jc nat1 global set udp-timeout 0
	check "test_short_timeouts: said in the kernel log" has \
		'test_short_timeouts: RFC 6146 minimum session lifetimes are not enforced' dmesg
	ip link del nat1
	rmmod jool_netdev
	load_module
	check "without the knob again: nat64 minimums back" sh -c \
		"ip link add nat1 type jool mode nat64 &&
		 ! $JOOLCTL nat1 global set udp-timeout 0.001 2>/dev/null;
		 r=\$?; ip link del nat1; exit \$r"
else
	fail "module not loaded (cannot rmmod jool_netdev)"
fi

finish
