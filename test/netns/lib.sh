# SPDX-License-Identifier: GPL-2.0
# Helpers for the end-to-end tests. Sourced by test/netns/*.sh, which run as
# root inside the test VM (test/vm/run.sh), never on the host.
#
# Each test script calls pass/fail (or check/check_fail) once per test case
# and ends with "finish", which prints "<script>: N passed, M failed" and
# exits non-zero when something failed.

set -u
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
JOOLCTL=${JOOLCTL:-$TOP/usr/joolctl/joolctl}
MODULE=${MODULE:-$TOP/jool_netdev.ko}
_passed=0
_failed=0
_name=$(basename "$0" .sh)

pass() {
	_passed=$((_passed + 1))
	echo "ok - $*"
}

fail() {
	_failed=$((_failed + 1))
	echo "FAIL - $*"
}

# check DESCRIPTION CMD...: passes when CMD exits 0.
check() {
	local desc=$1
	shift
	if "$@" >/tmp/check.out 2>&1; then
		pass "$desc"
	else
		fail "$desc"
		sed 's/^/    | /' /tmp/check.out | tail -n 20
	fi
}

# check_fail DESCRIPTION PATTERN CMD...: passes when CMD exits non-zero and
# prints exactly one line on stderr, matching the extended regex PATTERN.
check_fail() {
	local desc=$1 pattern=$2
	shift 2
	if "$@" >/tmp/check.out 2>/tmp/check.err; then
		fail "$desc (command succeeded)"
		return
	fi
	if [ "$(wc -l </tmp/check.err)" -ne 1 ]; then
		fail "$desc (expected one line on stderr, got $(wc -l </tmp/check.err))"
		sed 's/^/    | /' /tmp/check.err | tail -n 10
		return
	fi
	if ! grep -Eq -- "$pattern" /tmp/check.err; then
		fail "$desc (stderr does not match /$pattern/)"
		sed 's/^/    | /' /tmp/check.err
		return
	fi
	pass "$desc"
}

# check_status DESCRIPTION PATTERN STATUS CMD...: check_fail, and CMD
# exits with STATUS.
check_status() {
	local desc=$1 pattern=$2 status=$3 rc
	shift 3
	check_fail "$desc" "$pattern" "$@"
	"$@" >/dev/null 2>&1
	rc=$?
	[ $rc -eq "$status" ] || fail "$desc: exit status $rc, want $status"
}

# out EXPECTED CMD...: CMD succeeds and prints exactly EXPECTED.
out() {
	local want=$1 got
	shift
	got=$("$@" 2>&1) || { echo "failed: $got"; return 1; }
	[ "$got" = "$want" ] || { printf 'want: %s\ngot:  %s\n' "$want" "$got"; return 1; }
}
# jq_ EXPR CMD...: the Python expression EXPR over CMD's JSON (as "j") holds.
jq_() {
	local expr=$1
	shift
	"$@" | /usr/bin/python3 -c "import json, sys; j = json.load(sys.stdin); assert $expr, j"
}

finish() {
	echo "$_name: $_passed passed, $_failed failed"
	[ "$_failed" -eq 0 ]
}

# Load the freshly built module once (the kind "jool" also autoloads, but
# only from /lib/modules).
load_module() {
	if ! lsmod | grep -q '^jool_netdev '; then
		modprobe gro_cells 2>/dev/null
		modprobe nf_defrag_ipv6 2>/dev/null
		insmod "$MODULE" || { echo "cannot load $MODULE"; exit 1; }
	fi
}

# Install ip(8)'s plugin, for "ip link add ... type jool mode ... pool6 ...".
install_plugin() {
	local plugin=${PLUGIN:-$TOP/usr/iproute2/link_jool.so} multiarch

	multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null ||
		    echo x86_64-linux-gnu)
	mkdir -p "/usr/lib/$multiarch/ip" &&
		cp "$plugin" "/usr/lib/$multiarch/ip/link_jool.so"
}

# Run a command in a network namespace.
n6() { ip netns exec n6 "$@"; }
n4() { ip netns exec n4 "$@"; }
nx() { ip netns exec xlat "$@"; }
export -f nx 2>/dev/null

# The basic topology:
#
#   n6 --------------------- veth --- xlat [jool0] --- veth ---------- n4
#   2001:db8:6::6/64                  router+translator           192.0.2.4/24
#   64:ff9b::198.51.100.6/128                                     IPv4 only
#   IPv6 only
#
# xlat owns jool0 with pool6 64:ff9b::/96 (or $1). n6 reaches n4 as
# 64:ff9b::192.0.2.4; n4 reaches n6 as 198.51.100.6, which pool6 maps to
# 64:ff9b::198.51.100.6, an address n6 owns (SIIT without an EAMT: both ends
# need addresses the other family can name).
topo_basic() {
	local pool6=${1:-64:ff9b::/96}
	local n6addr=${2:-64:ff9b::198.51.100.6}
	local n4name=${3:-64:ff9b::192.0.2.0/120}

	for ns in n6 xlat n4; do
		ip netns add $ns
		ip -n $ns link set lo up
	done
	ip link add v6 netns n6 type veth peer name x6 netns xlat
	ip link add v4 netns n4 type veth peer name x4 netns xlat
	ip -n n6 link set v6 up
	ip -n n4 link set v4 up
	ip -n xlat link set x6 up
	ip -n xlat link set x4 up

	nx sysctl -qw net.ipv4.ip_forward=1
	nx sysctl -qw net.ipv6.conf.all.forwarding=1

	ip -n n6 addr add 2001:db8:6::6/64 dev v6 nodad
	ip -n n6 addr add "$n6addr/128" dev v6 nodad
	ip -n xlat addr add 2001:db8:6::1/64 dev x6 nodad
	ip -n n4 addr add 192.0.2.4/24 dev v4
	ip -n xlat addr add 192.0.2.1/24 dev x4

	ip -n xlat link add jool0 type jool
	nx "$JOOLCTL" jool0 global set pool6 "$pool6"
	ip -n xlat link set jool0 up
	# IPv6 destinations that embed IPv4 go into the translator ...
	ip -n xlat route add "$n4name" dev jool0
	# ... and so do IPv4 packets for the IPv6 side's IPv4 names.
	ip -n xlat route add 198.51.100.0/24 dev jool0
	ip -n xlat route add "$n6addr/128" via 2001:db8:6::6 dev x6

	ip -n n6 route add default via 2001:db8:6::1
	ip -n n4 route add default via 192.0.2.1
}

# load_module_short_timeouts: (re)load the module with the test-only knob,
# so that tcp-est-timeout can be seconds (docs/testing.md).
load_module_short_timeouts() {
	lsmod | grep -q '^jool_netdev ' && rmmod jool_netdev
	modprobe gro_cells 2>/dev/null
	modprobe nf_defrag_ipv6 2>/dev/null
	insmod "$MODULE" test_short_timeouts=1 ||
		{ echo "cannot load $MODULE"; exit 1; }
}

# topo_nat64_hosts: topo_basic's hosts and router, for a NAT64 device:
# without its SIIT device (its routes go with it) and without the IPv6
# host's pool6 address, which source address selection would pick for
# 64:ff9b:: destinations.
topo_nat64_hosts() {
	topo_basic
	ip -n xlat link del jool0
	ip -n n6 addr del 64:ff9b::198.51.100.6/128 dev v6
}

# topo_nat64: topo_nat64_hosts with a "nat64" device: pool6 64:ff9b::/96,
# pool4 203.0.113.0/30 routed into it, not a local address (deployment (a)).
topo_nat64() {
	topo_nat64_hosts
	check "create a nat64 device" ip -n xlat link add nat64 type jool mode nat64 pool6 64:ff9b::/96
	check "pool4: 203.0.113.0/30, default ports, the three protocols" \
		nx "$JOOLCTL" nat64 pool4 add 203.0.113.0/30
	ip -n xlat link set nat64 up
	ip -n xlat route add 203.0.113.0/30 dev nat64
	ip -n xlat route add 64:ff9b::/96 dev nat64
}

# jc: joolctl on topo_nat64's device.
jc() { nx "$JOOLCTL" nat64 "$@"; }

# soft_csum_egress: the translator's egresses (topo_basic) finish checksums
# in software, so what the far side gets is what a real wire would carry,
# and a checksum the translator left wrong is counted there.
soft_csum_egress() {
	nx ethtool -K x4 tx off >/dev/null
	nx ethtool -K x6 tx off >/dev/null
}

topo_cleanup() {
	for ns in n6 xlat n4; do
		ip netns del $ns 2>/dev/null
	done
	true
}

# jstat NS DEV COUNTER: one per-reason counter (JSON name, e.g. xlat64).
jstat() {
	ip netns exec "$1" "$JOOLCTL" -j "$2" stats --all |
		/usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$3"
}

# gt A B: A > B, for check.
gt() { [ "$1" -gt "$2" ]; }

# cap NS DEV FILE COUNT FILTER: tcpdump in the background until COUNT
# packets or 20 s ($CAP_SECONDS if set), returning once it listens (a fixed sleep was not always
# enough under an emulated CPU, and a capture left waiting hung "wait").
cap() {
	local i
	rm -f "$3.err"
	ip netns exec "$1" timeout "${CAP_SECONDS:-20}" tcpdump -i "$2" -U -n -c "$4" -w "$3" "$5" 2>"$3.err" &
	CAP_PID=$!
	for i in $(seq 100); do
		grep -q "listening on" "$3.err" 2>/dev/null && return
		sleep 0.1
	done
}

gone() { ! kill -0 "$1" 2>/dev/null; } # PID: no such process (any more)

# cap_wait [SECONDS]: until the capture cap started has its count of
# packets (tcpdump then exits), SECONDS (5) at most; then it ends it. A
# fixed sleep before the kill lost the last packets when the VM was slow.
# A capture whose count is only a ceiling runs the SECONDS out.
cap_wait() {
	local pid=${CAP_PID:-}
	[ -n "$pid" ] || return 0
	EV_TRIES=$((${1:-5} * 5)) eventually gone "$pid"
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}

# wait_listen NS PORT [udp]: until something listens on TCP PORT in NS,
# or is bound to UDP PORT (max 20 s).
wait_listen() {
	local i opt=-Hltn
	[ "${3:-}" = udp ] && opt=-Hlun
	for i in $(seq 100); do
		ip netns exec "$1" ss "$opt" "sport = :$2" | grep -q . && return 0
		sleep 0.2
	done
	return 1
}

# exits N CMD...: CMD exits with status N, for check.
exits() {
	local want=$1 rc
	shift
	"$@" >/dev/null 2>&1
	rc=$?
	[ "$rc" = "$want" ] || { echo "exit status $rc, not $want"; return 1; }
}

# says PATTERN CMD...: a line CMD prints matches PATTERN, whatever its exit
# status, for check.
says() {
	local pattern=$1 out
	shift
	out=$("$@" 2>&1)
	grep -Eq -- "$pattern" <<<"$out" || { echo "$out"; return 1; }
}

# iperf3_server NS [ARGS]: a one-shot iperf3 server, ready when this returns.
iperf3_server() {
	local ns=$1
	shift
	ip netns exec "$ns" iperf3 -s -D -1 "$@" >/dev/null
	wait_listen "$ns" 5201
}

# counted CMD...: run CMD, its "ok - " lines counted by pass and its
# "FAIL - " and "not ok - " lines by fail, the rest printed; CMD failing
# (setup, a crash) without a failure line of its own counts as a failure.
counted() {
	local line rc= failed=$_failed
	shopt -s lastpipe	# the loop runs in this shell: counts stay here
	{
		"$@" 2>&1
		echo "#status $?"
	} | while IFS= read -r line; do
		case $line in
		"ok - "*) pass "${line#ok - }" ;;
		"FAIL - "*) fail "${line#FAIL - }" ;;
		"not ok - "*) fail "${line#not ok - }" ;;
		"#status "*) rc=${line#\#status } ;;
		*) echo "$line" ;;
		esac
	done
	if [ "$rc" != 0 ] && [ "$_failed" -eq "$failed" ]; then
		fail "${*:1:3}... exited with status ${rc:-unknown}"
	fi
}

# conformance_run ARGS...: test/conformance/run.py ARGS, counted.
conformance_run() {
	counted /usr/bin/python3 -u "$TOP/test/conformance/run.py" "$@"
}

# unbound_conf DIR NAME ADDR MODULES: the "server:" clause of an unbound
# listening on ADDR only, in the foreground, its files in DIR (NAME.pid,
# NAME.log), with the modules MODULES ("iterator", "dns64 iterator").
# RFC 6761's test. is one of unbound's default local zones: undone, so
# that zones under it can be served and resolved.
unbound_conf() {
	cat <<EOF
server:
	interface: $3
	interface-automatic: no
	access-control: 0.0.0.0/0 allow
	access-control: ::/0 allow
	do-daemonize: no
	username: ""
	chroot: ""
	directory: "$1"
	pidfile: "$1/$2.pid"
	use-syslog: no
	logfile: "$1/$2.log"
	num-threads: 1
	module-config: "$4"
	auto-trust-anchor-file: ""
	local-zone: "test." nodefault
EOF
}

# Labs of named machines, one namespace each (90-guides.sh, 88-nat64-ecmp.sh:
# a guide's network). Background processes go in pids, for lab_cleanup.
pids=()
lab=()

# lab_ns NS...: new namespaces with loopback up (and no /etc/netns files
# left from a previous run).
lab_ns() {
	local ns
	for ns in "$@"; do
		ip netns add "$ns"
		ip -n "$ns" link set lo up
		rm -rf "/etc/netns/$ns"
		lab+=("$ns")
	done
}

# lab_link NS1 IF1 ADDR1 NS2 IF2 ADDR2: a veth link between two namespaces,
# an address on each end ("-" for none; IPv6 without DAD, so it is usable
# at once, as a long-configured address is).
lab_link() {
	local end ns dev addr
	ip link add "$2" netns "$1" type veth peer name "$5" netns "$4"
	for end in "$1 $2 $3" "$4 $5 $6"; do
		read -r ns dev addr <<<"$end"
		ip -n "$ns" link set "$dev" up
		case $addr in
		-) ;;
		*:*) ip -n "$ns" addr add "$addr" dev "$dev" nodad ;;
		*) ip -n "$ns" addr add "$addr" dev "$dev" ;;
		esac
	done
}

# lab_cleanup: kill the processes of $pids, delete the namespaces lab_ns
# made (and their /etc/netns files).
lab_cleanup() {
	local p ns
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null
	done
	wait "${pids[@]}" 2>/dev/null
	pids=()
	for ns in "${lab[@]}"; do
		ip netns del "$ns" 2>/dev/null
		rm -rf "/etc/netns/$ns"
	done
	lab=()
}

# topo_nat64_scale: topo_nat64_hosts for the generator's traffic
# (usr/test/jool-gen; 87-nat64-scale.sh, make bench-scale): the remotes
# 198.18.0.0/15 are routed to n4, which drops them without an answer (a
# blackhole route while forwarding: no ICMP error) after its AF_PACKET
# socket counted them; n4's address resolved before the first burst (a
# neighbour queue holds a few packets only); the receive queues deep
# enough for a burst (net.core.netdev_max_backlog, put back by
# topo_scale_cleanup). XMAC: the MAC address the generator sends to (x6's).
# No device: the caller makes it.
topo_nat64_scale() {
	SCALE_BACKLOG=$(sysctl -n net.core.netdev_max_backlog)
	sysctl -qw net.core.netdev_max_backlog=100000
	topo_nat64_hosts
	ip -n xlat route add 198.18.0.0/15 via 192.0.2.4
	n4 sysctl -qw net.ipv4.ip_forward=1
	ip -n n4 route add blackhole 198.18.0.0/15
	nx ping -c 1 -W 5 192.0.2.4 >/dev/null
	XMAC=$(ip -n xlat -j link show x6 | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["address"])')
}

topo_scale_cleanup() {
	[ -n "${SCALE_BACKLOG:-}" ] &&
		sysctl -qw net.core.netdev_max_backlog="$SCALE_BACKLOG"
	topo_cleanup
}

# eventually CMD...: CMD succeeds within 10 s (flows cross the translator
# after their sender is gone, counters and tables catch up); within
# EV_TRIES tries 0.2 s apart, if set.
eventually() {
	local i
	for i in $(seq "${EV_TRIES:-50}"); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	"$@"
}

# ev FILE PYEXPR: PYEXPR holds over FILE's JSON lines ("joolctl -j
# monitor"), as the list "e" (every line must be a JSON object).
ev() {
	/usr/bin/python3 - "$1" "$2" <<'EOP'
import json, sys
e = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ok = eval(sys.argv[2])
if not ok:
    for x in e[-12:]:
        print(x)
sys.exit(not ok)
EOP
}

# wait_ev FILE PYEXPR: until ev holds (40 s at most).
wait_ev() {
	local i
	for i in $(seq 200); do
		ev "$1" "$2" >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	ev "$1" "$2"
}
