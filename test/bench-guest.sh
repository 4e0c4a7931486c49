#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench, inside the VM: one topology, several ways through the middle
# box, measured one after another in the same run:
#
#   n6 (IPv6 host) --veth-- r (router / translator) --veth-- n4 (IPv4 host)
#
#   fwd6        plain IPv6 forwarding (n4 also has IPv6): the ceiling for 6->4
#   fwd4        plain IPv4 forwarding (n6 also has IPv4): the ceiling for 4->6
#   jool_netdev this module, SIIT with pool6 64:ff9b::/96
#   base        (make bench BENCH_BASE=COMMIT) the module built from COMMIT
#   jool        Debian's Jool 4.1 (jool_siit, netfilter mode), same pool6
#   tayga       Debian's TAYGA (userspace, tun), pool6 2001:db8:64::/96 (it
#               refuses the well-known prefix for these addresses)
#   jool_netdev64  this module, NAT64 (mode nat64): pool6 64:ff9b::/96,
#               pool4 203.0.113.0/30 (not local, routed into the device)
#   jool64      Debian's Jool 4.1 NAT64 (jool, netfilter mode), same pools
#   tayga64     TAYGA's NAT64: its dynamic pool (203.0.113.0/30) gives the
#               IPv6 host an IPv4 address of its own; prefix as for tayga
#
# In the NAT64 rows the IPv6 host sends from its own address, 2001:db8:6::6
# (iperf3 -B): it also has addresses under both prefixes, for the SIIT rows,
# which source address selection would pick.
#
# For each, both ways (the IPv6 host sending, "send", and receiving, "recv"):
#
# - iperf3 TCP throughput (-R for recv), offloads as they are;
# - the same with TSO, GSO and GRO off on every interface of the path (the
#   veths in the three namespaces and the translator's device, if it has
#   one: what a router that cannot offload pays per segment), each
#   interface's settings put back after ("nooff");
# - small-packet UDP at a fixed rate: our generator (usr/test/jool-gen,
#   AF_PACKET) sends BENCH_PPS packets a second (default 12000), 64-byte
#   payload, one flow, bursts of GEN_BATCH (16), for BENCH_SECONDS; jool-gen
#   recv counts what arrives. The same offered load in every row: a router
#   CPU that is lightly loaded pays more per packet (a NAPI round, an
#   interrupt for fewer packets), so per-packet costs compare only at one
#   rate. (Before, iperf3 -b 0 offered what its client could make, which
#   differed by row: plain forwarding got a third of the rate the module
#   got.) BENCH_PPS should be what the slowest translator row carries with
#   the router CPU unsaturated; a row that loses packets says so (offered
#   and received are both reported). TAYGA, in userspace, may not: its
#   loss is its result. Measured (December 2026, one round): at 20000,
#   the router CPU was 10 % busy forwarding, 20-26 % translating with this
#   module, 23-32 % with Jool, 68-75 % with TAYGA; every row carried it
#   all, with room for a busy host's noise. Each UDP line also says how
#   busy CPU 0 was (the generator, the receiver, the hosts' stacks): near
#   100 %, the generator falls short of BENCH_PPS (the line says so) and
#   its row is measured at a lighter load than the others. So it did at
#   20000, mostly in the fwd6 row (CPU 0 92-97 % busy there, 75-99 %
#   translating; 13665-19868 packets/s offered); at 12000 CPU 0 was about
#   50 % busy translating, 69-95 % forwarding, and the rows got 11748 to
#   12003 (December 6 2026, three runs), hence the default.
#   The IPv6 host sends first; the IPv4 host then sends
#   back to the source address and port its first packet came from (jool-gen
#   recv prints it): the NAT64 rows' 4->6 stream goes to the mapping the
#   6->4 stream made (pool4 address and port), as a reply would. That, not
#   a static BIB entry, because it works alike for the three NAT64s (TAYGA
#   has no static BIB, only static maps of whole addresses) and measures the
#   dynamic session that users' traffic gets. The receivers drop what they
#   get (an nftables input rule) rather than answer with ICMP errors that
#   would cross the router.
# - ping round trip, the IPv6 host pinging: the median and the mean of
#   BENCH_PINGS (200) echoes.
#
# Under software emulation absolute numbers mean nothing: compare the ratios.
#
# The router has a CPU of its own (with 2 CPUs or more): this script, the
# iperf3s and everything else run on CPU 0; RPS hands what arrives on the
# router's interfaces to CPU 1 (ROUTER_CPU) and what arrives on the hosts'
# back to CPU 0; TAYGA runs on CPU 1. So CPU 1's busy time during a run
# (/proc/stat) is the router's, and divided by what it carried it is the
# router's cost: microseconds per packet it received (UDP), per megabyte
# delivered (TCP: packets there are GSO segments of any size, or without
# offloads segments of one MSS). The ratios are to fwd6 and, for the UDP
# costs, also to fwd4.
#
# BENCH_ROUNDS=N measures every row N times, in rounds whose order is
# reversed every other round (fwd6 ... base, then base ... fwd6: A B B A), so
# a drift in the machine's load weighs on both sides of an A/B comparison
# alike; the ratios are then medians with their spread over the rounds.
# BENCH_PAIRS=N then measures jool_netdev's and fwd6's UDP cost, round
# trip and TCP without offloads back to back, in N slices (pairs()).
# BENCH_PERF=1 then profiles fwd6, jool_netdev and base (perf record on
# the router's CPU, software clock) during a UDP flood each way (pktgen)
# and one more TCP run each.
# BENCH_ROWS (say "fwd6 jool_netdev base") measures only those rows.
set -u
# It sets CPU affinities machine-wide (pin()) and loads modules: the VM's.
if [ "$(hostname)" != jool-vm ]; then
	echo "bench-guest.sh runs in the test VM: make bench" >&2
	exit 1
fi
TOP=$(cd "$(dirname "$0")/.." && pwd)
JOOLCTL=$TOP/usr/joolctl/joolctl
T=${BENCH_SECONDS:-5}
ROUNDS=${BENCH_ROUNDS:-1}
RESULTS=${BENCH_OUT:-/tmp/bench.tsv}
BASE_KO=${1:-}
ROUND=1
: >"$RESULTS"
# The router's CPU (none with a single CPU: no router costs then).
ROUTER_CPU=
[ "$(getconf _NPROCESSORS_ONLN)" -ge 2 ] && ROUTER_CPU=1
HZ=$(getconf CLK_TCK)
CLIENT6=2001:db8:6::6
POOL4=203.0.113.0/30
GEN=$TOP/usr/test/jool-gen
PPS=${BENCH_PPS:-12000}
GEN_BATCH=16
# The generator's ports: the IPv6 host's (its source), the IPv4 host's.
PORT6=1024
PORT4=9

n6() { ip netns exec n6 "$@"; }
n4() { ip netns exec n4 "$@"; }
r() { ip netns exec r "$@"; }

setup() {
	for ns in n6 r n4; do
		ip netns add $ns
		ip -n $ns link set lo up
	done
	ip link add v6 netns n6 type veth peer name x6 netns r
	ip link add v4 netns n4 type veth peer name x4 netns r
	ip -n n6 link set v6 up
	ip -n n4 link set v4 up
	ip -n r link set x6 up
	ip -n r link set x4 up
	r sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	ip -n n6 addr add 2001:db8:6::6/64 dev v6 nodad
	ip -n n6 addr add 64:ff9b::198.51.100.6/128 dev v6 nodad
	ip -n n6 addr add 10.6.0.6/24 dev v6
	ip -n r addr add 2001:db8:6::1/64 dev x6 nodad
	ip -n r addr add 10.6.0.1/24 dev x6
	ip -n n4 addr add 192.0.2.4/24 dev v4
	ip -n n4 addr add 2001:db8:4::4/64 dev v4 nodad
	ip -n r addr add 192.0.2.1/24 dev x4
	ip -n r addr add 2001:db8:4::1/64 dev x4 nodad
	ip -n n6 route add default via 2001:db8:6::1
	ip -n n6 route add default via 10.6.0.1
	ip -n n4 route add default via 192.0.2.1
	ip -n n4 route add default via 2001:db8:4::1
	ip -n r route add 64:ff9b::198.51.100.6/128 via 2001:db8:6::6 dev x6
	# TAYGA's prefix (see tayga() below).
	ip -n n6 addr add 2001:db8:64::198.51.100.6/128 dev v6 nodad
	ip -n r route add 2001:db8:64::198.51.100.6/128 via 2001:db8:6::6 dev x6
	# The generator's receivers drop its packets before they reach UDP
	# (no port unreachable back through the router); AF_PACKET saw them.
	n6 nft add table inet bench &&
		n6 nft add chain inet bench in "{ type filter hook input priority 0; }" &&
		n6 nft add rule inet bench in udp dport $PORT6 drop &&
		n4 nft add table inet bench &&
		n4 nft add chain inet bench in "{ type filter hook input priority 0; }" &&
		n4 nft add rule inet bench in udp dport $PORT4 drop ||
		echo "bench: no nftables drop rule: the UDP receivers answer with (rate-limited) ICMP errors"
	MAC6=$(mac r x6)
	MAC4=$(mac r x4)
	[ -n "$ROUTER_CPU" ] && pin
}

# mac NS DEV: DEV's MAC address.
mac() {
	ip -n "$1" -j link show "$2" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["address"])'
}

# rps NS DEV MASK: what DEV receives is processed on the CPUs of MASK.
rps() {
	ip netns exec "$1" sh -c "for q in /sys/class/net/$2/queues/rx-*; do
		echo $3 >\$q/rps_cpus; done"
}

# pin: the router on ROUTER_CPU, the rest on CPU 0: this script and its
# children, the hosts' receiving, the interrupts (the VM's disk is 9p over
# virtio: every program started is read through it) and unbound work.
pin() {
	local f m0 m1

	taskset -pc 0 $$ >/dev/null
	for f in /proc/irq/default_smp_affinity /proc/irq/*/smp_affinity \
		/sys/devices/virtual/workqueue/cpumask; do
		echo 1 >"$f"
	done 2>/dev/null
	rps r x6 $((1 << ROUTER_CPU))
	rps r x4 $((1 << ROUTER_CPU))
	rps n6 v6 1
	rps n4 v4 1
	# What the router's CPU does with no traffic (an emulated CPU spends
	# much of it on timers), left out of the costs.
	m0=$(router_mark)
	sleep 5
	m1=$(router_mark)
	BASE_BUSY=$(router_cost "$m0" "$m1" %)
	echo "== router on CPU $ROUTER_CPU, the rest on CPU 0; with no" \
		"traffic, CPU $ROUTER_CPU is busy $BASE_BUSY% of the time" \
		"($(router_cost "$m0" "$m1" tick%)% sampled at ticks) =="
}

# router_mark: cpu_mark of the router's CPU (nothing without one).
router_mark() {
	[ -n "$ROUTER_CPU" ] && cpu_mark "$ROUTER_CPU"
}

# cpu_mark CPU: the time (microseconds), CPU's idle time so far (idle and
# iowait, clock ticks), its busy time as sampled at each tick (clock
# ticks) and the packets the router received so far. The costs use the
# idle time, which is exact (the kernel's NO_HZ accounting): a lightly
# loaded CPU works between ticks.
cpu_mark() {
	date +%s%6N
	awk -v c="cpu$1" '$1 == c {
		print $5 + $6; print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
	r cat /sys/class/net/x6/statistics/rx_packets \
		/sys/class/net/x4/statistics/rx_packets
}

# router_cost MARK_BEFORE MARK_AFTER PER (two cpu_marks of one CPU): its
# microseconds per packet the router received (PER empty), per PER bytes,
# or (PER %) the share of the time it was busy, in percent; (PER tick%)
# the same from the busy time sampled at ticks; (PER pps) the packets the
# router received a second. The per packet and per byte costs leave out
# the router CPU's busy share with no traffic (BASE_BUSY, percent).
router_cost() {
	python3 - "$1" "$2" "$3" "$HZ" "${BASE_BUSY:-0}" <<'EOT'
import sys
a, b = [[int(x) for x in m.split()] for m in sys.argv[1:3]]
per, hz, base = sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
if len(a) != 5 or len(b) != 5 or b[0] <= a[0]:
    sys.exit()
n = b[3] + b[4] - a[3] - a[4]
if per == "pps":
    print(round(n * 1e6 / (b[0] - a[0])))
    sys.exit()
us = (b[0] - a[0]) - (b[1] - a[1]) * 1e6 / hz
if per == "tick%":
    us = (b[2] - a[2]) * 1e6 / hz
if per.endswith("%"):
    print("%.1f" % (100 * max(us, 0) / (b[0] - a[0])))
    sys.exit()
us -= base / 100 * (b[0] - a[0])
if per:
    n = float(per) / 1e6
if n > 0:
    print("%.3f" % (max(us, 0) / n))
EOT
}

wait_port() { # NS
	local i
	for i in $(seq 50); do
		ip netns exec "$1" ss -Hltn "sport = :5201" | grep -q . && return 0
		sleep 0.2
	done
	return 1
}

# iperf CLIENT_NS SERVER_NS IPERF3_CLIENT_ARGS...: its JSON report; M0
# and M1, router_mark before and after the client.
iperf() {
	local cns=$1 sns=$2

	shift 2
	ip netns exec "$sns" iperf3 -s -1 -D >/dev/null
	wait_port "$sns"
	M0=$(router_mark)
	ip netns exec "$cns" iperf3 -J "$@"
	M1=$(router_mark)
}

tcp_bps() {
	python3 -c 'import json,sys; d=json.load(sys.stdin); print(int(d["end"]["sum_received"]["bits_per_second"]))' 2>/dev/null
}

tcp_bytes() {
	python3 -c 'import json,sys; d=json.load(sys.stdin); print(int(d["end"]["sum_received"]["bytes"]))' 2>/dev/null
}

# field FILE KEY: KEY's value in jool-gen's "key=value ..." line.
field() {
	tail -n 1 "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# offloads off|restore: TSO, GSO and GRO off on every interface of the
# three namespaces, what each had saved; or put back as saved.
offloads() {
	local ns dev f v saved=/tmp/bench.offloads

	if [ "$1" = restore ]; then
		while read -r ns dev f v; do
			ip netns exec "$ns" ethtool -K "$dev" "$f" "$v" 2>/dev/null
		done <"$saved"
		return
	fi
	: >"$saved"
	for ns in n6 r n4; do
		for dev in $(ip -n "$ns" -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }'); do
			[ "$dev" = lo ] && continue
			ip netns exec "$ns" ethtool -k "$dev" 2>/dev/null | awk -v ns="$ns" -v dev="$dev" '
				$1 == "tcp-segmentation-offload:" { f = "tso" }
				$1 == "generic-segmentation-offload:" { f = "gso" }
				$1 == "generic-receive-offload:" { f = "gro" }
				f && $3 != "[fixed]" { print ns, dev, f, $2 }
				{ f = "" }' >>"$saved"
		done
	done
	while read -r ns dev f v; do
		ip netns exec "$ns" ethtool -K "$dev" "$f" off 2>/dev/null
	done <"$saved"
}

# gen_stream SNS DEV MAC SRC DST SPORT DPORT RNS RDEV FAMILY: jool-gen
# sends BENCH_PPS packets a second from SNS through DEV (to MAC, the
# router's), SRC#SPORT to DST#DPORT, for T seconds; RNS counts the FAMILY
# (4 or 6) packets RDEV receives.
# M0 and M1, router_mark before and after; OFFERED and RECEIVED, packets
# a second sent and received, both over the sending's seconds (so that
# no loss is RECEIVED = OFFERED); FIRST, the receiver's first packet's
# source (ADDR#PORT, "-" if none); HOST_BUSY, CPU 0's busy share while the
# generator ran (percent, from cpu_mark 0).
gen_stream() {
	local sns=$1 dev=$2 mac=$3 src=$4 dst=$5 sport=$6 dport=$7 rns=$8
	local rdev=$9 fam=() pid rates

	[ "${10}" = 6 ] && fam=(-6)
	ip netns exec "$rns" "$GEN" recv -i "$rdev" "${fam[@]}" -w 3 \
		-T $((T + 10)) >/tmp/gen.recv 2>&1 &
	pid=$!
	for _ in $(seq 50); do
		grep -q ready /tmp/gen.recv && break
		sleep 0.1
	done
	M0=$(router_mark)
	H0=$(cpu_mark 0)
	ip netns exec "$sns" "$GEN" send -i "$dev" -m "$mac" -s "$src" \
		-d "$dst" -p "$sport" -D "$dport" -r 0 -T "$T" -x "$PPS" \
		-b "$GEN_BATCH" -l 64 >/tmp/gen.send 2>&1
	HOST_BUSY=$(router_cost "$H0" "$(cpu_mark 0)" %)
	M1=$(router_mark)
	wait "$pid"
	rates=$(python3 -c 'import sys
sent, secs, got = [float(x or 0) for x in sys.argv[1:4]]
if secs > 0:
    print(round(sent / secs), round(got / secs))' \
		"$(field /tmp/gen.send sent)" "$(field /tmp/gen.send seconds)" \
		"$(field /tmp/gen.recv received)")
	OFFERED=${rates% *}
	RECEIVED=${rates#* }
	FIRST=$(field /tmp/gen.recv first)
	[ -n "$rates" ] || sed 's/^/    send: /' /tmp/gen.send
	grep -q received= /tmp/gen.recv || sed 's/^/    recv: /' /tmp/gen.recv
}

# udp_row NAME DIR: gen_stream's results as row NAME's, direction DIR.
udp_row() {
	local name=$1 dir=$2 m=udp64-pps c cost

	# udp64-pps (IPv6 host sends) keeps its name of old.
	[ "$dir" = recv ] && m=udp64-pps-recv
	cost=$(router_cost "$M0" "$M1" "")
	result "$name" "$m" "${RECEIVED:-0}"
	result "$name" "offered-$dir" "${OFFERED:-0}"
	c=
	[ -n "$cost" ] && result "$name" "cpu-udp-$dir" "$cost" &&
		c=$(printf ', router %.2f us/packet (busy %s%%)' "$cost" \
			"$(router_cost "$M0" "$M1" %)")
	c="$c; CPU 0 ${HOST_BUSY:-?}% busy"
	[ "${OFFERED:-0}" -lt $((PPS * 98 / 100)) ] &&
		c="$c; offered less than BENCH_PPS ($PPS)"
	printf '  %-13s UDP 64 B, IPv6 host %s: %8d of %d packets/s received%s\n' \
		"$name" "${dir}s" "${RECEIVED:-0}" "${OFFERED:-0}" "$c"
}

# result NAME METRIC VALUE: one line of the results.
result() {
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "${3:-0}" "$ROUND" >>"$RESULTS"
}

# run NAME CLIENT_NS SERVER_NS SERVER_ADDR [CLIENT_ADDR]: every
# measurement of a row, the IPv6 host (CLIENT_NS, n6) the client; the
# server (n4) at SERVER_ADDR; the client's address CLIENT_ADDR or, if
# none, what source address selection picks.
run() {
	local name=$1 cns=$2 sns=$3 addr=$4 bind=() rev dir json v c cost b
	local off tag src fam4=4 fam6=4 back

	[ -n "${5:-}" ] && bind=(-B "$5")
	json=/tmp/bench.json
	for off in "" nooff; do
		tag=tcp
		[ -n "$off" ] && tag=tcp-$off && offloads off
		for dir in send recv; do
			rev=()
			[ $dir = recv ] && rev=(-R)
			iperf "$cns" "$sns" -c "$addr" "${bind[@]}" "${rev[@]}" \
				-t "$T" >"$json"
			v=$(tcp_bps <"$json")
			cost=
			b=$(tcp_bytes <"$json")
			[ -n "$b" ] && cost=$(router_cost "$M0" "$M1" "$b")
			result "$name" "$tag-$dir" "$v"
			c=
			[ -n "$cost" ] && result "$name" "cpu-${off:-tcp}-$dir" "$cost" &&
				c=$(printf ', router %.1f us/MB (busy %s%%)' "$cost" \
					"$(router_cost "$M0" "$M1" %)")
			printf '  %-13s TCP%s, IPv6 host %s: %6.1f Mbit/s%s\n' \
				"$name" "${off:+ (no TSO/GSO/GRO)}" "${dir}s" \
				"$(echo "${v:-0} / 1000000" | bc -l)" "$c"
		done
		[ -n "$off" ] && offloads restore
	done
	# UDP at BENCH_PPS: the IPv6 host sends, then the IPv4 host sends
	# back to the source it saw. Neighbours resolved first (a neighbour
	# queue holds a few packets only).
	src=${5:-$(ip -n "$cns" route get "$addr" | sed -n 's/.* src \([^ ]*\).*/\1/p')}
	case $src in *:*) fam6=6 ;; esac
	back=192.0.2.4
	case $addr in 2001:db8:4::*) fam4=6 back=$addr ;; esac
	for v in 192.0.2.4 2001:db8:4::4 10.6.0.6 2001:db8:6::6; do
		r ping -c 1 -W 1 "$v" >/dev/null 2>&1
	done
	gen_stream "$cns" v6 "$MAC6" "$src" "$addr" $PORT6 $PORT4 "$sns" v4 $fam4
	udp_row "$name" send
	if [ -z "$FIRST" ] || [ "$FIRST" = - ]; then
		echo "  $name: nothing came through: no UDP from the IPv4 host"
	else
		gen_stream "$sns" v4 "$MAC4" "$back" "${FIRST%#*}" $PORT4 \
			"${FIRST##*#}" "$cns" v6 $fam6
		udp_row "$name" recv
	fi
	v=$(rtt "$cns" "${BENCH_PINGS:-200}" ${5:+-I "$5"} "$addr")
	if [ -n "$v" ]; then
		result "$name" rtt "${v% *}"
		result "$name" rtt-mean "${v#* }"
		printf '  %-13s ping, IPv6 host sends: %8.0f us round trip (mean %.0f)\n' \
			"$name" "${v% *}" "${v#* }"
	fi
}

# rtt NS COUNT PING_ARGS...: the median and the mean round trip (us) of
# COUNT echoes from NS, 10 ms apart; nothing if none came back. The
# median is the goal's metric: under emulation a few echoes wait for the
# host's scheduler (milliseconds, in any row), which moves the mean from
# round to round more than the path does.
rtt() {
	local ns=$1 count=$2

	shift 2
	ip netns exec "$ns" ping -n -c "$count" -i 0.01 "$@" 2>/dev/null |
		python3 -c 'import re, statistics, sys
t = [float(m.group(1)) * 1000 for m in
     (re.search(r" time=([0-9.]+) ms", l) for l in sys.stdin) if m]
if t:
    print("%.1f %.1f" % (statistics.median(t), statistics.mean(t)))'
}

# pktgen_start NS DEV MAC SRC DST SPORT DPORT: the kernel's packet
# generator (pktgen, its thread on CPU 0) floods DST from NS's DEV (to MAC,
# the router's side) with 64-byte UDP from SRC, port SPORT to DPORT (the
# receiver's nftables rule drops DPORT: no port unreachable), one flow, as fast as it
# can, until pktgen_stop. It sends from the kernel, so it offers the router
# several times what jool-gen does from a socket. DEV's checksum offload is
# off meanwhile: pktgen then sums each packet itself, and the router gets
# full checksums, as from jool-gen, not partial ones.
pktgen_start() {
	local ns=$1 dev=$2

	modprobe pktgen 2>/dev/null
	PKTGEN_TX=$(ip netns exec "$ns" ethtool -k "$dev" |
		sed -n 's/^tx-checksumming: \([a-z]*\).*/\1/p')
	ip netns exec "$ns" ethtool -K "$dev" tx off >/dev/null || return 1
	pktgen_conf "$@" && return
	ip netns exec "$ns" ethtool -K "$dev" tx "${PKTGEN_TX:-on}" >/dev/null
	return 1
}

# pktgen_conf NS DEV MAC SRC DST SPORT DPORT: pktgen_start's flood, set
# up and started.
pktgen_conf() {
	local ns=$1 dev=$2 mac=$3 src=$4 dst=$5 sport=$6 dport=$7 l3=20 a
	local pg=/proc/net/pktgen

	case $dst in *:*) l3=40 ;; esac
	ip netns exec "$ns" sh -c "echo rem_device_all >$pg/kpktgend_0" ||
		return 1
	# The thread lets go of the last flood's device at its next look.
	for a in 1 2 3 4 5; do
		ip netns exec "$ns" sh -c "echo add_device $dev >$pg/kpktgend_0" \
			2>/dev/null && break
		sleep 0.5
	done
	for a in "count 0" "clone_skb 0" "delay 0" "flag UDPCSUM" \
		"pkt_size $((14 + l3 + 8 + 64))" "dst_mac $mac" \
		"udp_src_min $sport" "udp_src_max $sport" \
		"udp_dst_min $dport" "udp_dst_max $dport"; do
		ip netns exec "$ns" sh -c "echo '$a' >$pg/$dev" || return 1
	done
	case $dst in
	*:*) a=("dst6 $dst" "src6 $src") ;;
	*) a=("dst $dst" "src_min $src" "src_max $src") ;;
	esac
	for a in "${a[@]}"; do
		ip netns exec "$ns" sh -c "echo '$a' >$pg/$dev" || return 1
	done
	ip netns exec "$ns" sh -c "echo start >$pg/pgctrl" &
	PKTGEN=$!
}

pktgen_stop() { # NS DEV
	ip netns exec "$1" sh -c "echo stop >/proc/net/pktgen/pgctrl"
	wait "$PKTGEN"
	ip netns exec "$1" ethtool -K "$2" tx "${PKTGEN_TX:-on}" >/dev/null
}

# profile NAME CLIENT_NS SERVER_NS SERVER_ADDR BACK_SRC BACK_DST
# (BENCH_PERF=1): where the router's CPU (ROUTER_CPU; the whole VM with a
# single CPU) spends its time, by symbol, during a UDP flood each way
# (pktgen_start: from the IPv6 host's interface to SERVER_ADDR, then from
# the IPv4 host's, BACK_SRC to BACK_DST) and an iperf3 TCP run. Under
# emulation a lightly loaded CPU's samples land where it re-enables
# interrupts (handle_softirqs), not where the time went, so the UDP profile
# floods: the router is then busy half of the time (plain forwarding) to
# four fifths (the IPv6 host sending; 39 % to 46 % the other way), and the
# report names the functions, more clearly the busier the router. Its cost per
# packet at that load is printed too (measured over BENCH_SECONDS before
# perf starts), but the flood's rate differs by row
# (pktgen's CPU 0 also receives what the router forwards), so compare
# the UDP rows' costs at BENCH_PPS, not these. perf runs the TCP client, so
# that it records for as long as the traffic flows. The router's idle
# time is in the report (native_safe_halt): compare the other lines
# between rows, plain forwarding's included.
profile() {
	local name=$1 cns=$2 sns=$3 addr=$4 what data src m0 m1 c cpus=(-a)
	local flood dir

	[ -n "$ROUTER_CPU" ] && cpus=(-C "$ROUTER_CPU")
	src=$(ip -n "$cns" route get "$addr" | sed -n 's/.* src \([^ ]*\).*/\1/p')
	for what in udp udp-recv tcp; do
		data=/tmp/perf.$name.$what.data
		flood=("$cns" v6 "$MAC6" "$src" "$addr" $PORT6 $PORT4)
		dir=sends
		[ $what = udp-recv ] && dir=receives &&
			flood=("$sns" v4 "$MAC4" "$5" "$6" $PORT4 $PORT6)
		if [ $what != tcp ]; then
			if ! pktgen_start "${flood[@]}"; then
				echo "  -- $name: pktgen could not start (see above), no UDP profile --"
				continue
			fi
			# The cost first, then the profile: perf's own work
			# on the router's CPU is not the router's.
			sleep 1
			m0=$(router_mark)
			sleep "$T"
			m1=$(router_mark)
			perf record -q "${cpus[@]}" -e cpu-clock -o "$data" -- \
				sleep "$T" >/dev/null 2>&1
			pktgen_stop "${flood[0]}" "${flood[1]}"
			c=
			[ -n "$ROUTER_CPU" ] &&
				c=$(printf ' %s packets/s, router busy %s%%, %s us/packet;' \
					"$(router_cost "$m0" "$m1" pps)" \
					"$(router_cost "$m0" "$m1" %)" \
					"$(router_cost "$m0" "$m1" "")")
			echo "  -- $name, UDP flood (pktgen, IPv6 host $dir):$c" \
				"perf report --no-children --sort sym, top 25 --"
		else
			ip netns exec "$sns" iperf3 -s -1 -D >/dev/null
			wait_port "$sns"
			perf record -q "${cpus[@]}" -e cpu-clock -o "$data" -- \
				ip netns exec "$cns" iperf3 -c "$addr" -t "$T" \
				>/dev/null 2>&1
			echo "  -- $name, $what (IPv6 host sends): perf report --no-children --sort sym, top 25 --"
		fi
		perf report -q -i "$data" --no-children --sort sym \
			--percent-limit 0.5 --stdio 2>/dev/null |
			grep -v '^$' | head -n 25 | sed 's/^/  /'
	done
}

# pair_addr ROW: ADDR, FAM4 and BACK for ROW (fwd6 or jool_netdev) as
# run() has them: the IPv4 host's address the IPv6 host sends to, the
# family the IPv4 host receives, the source the IPv4 host sends back from.
pair_addr() {
	ADDR=64:ff9b::192.0.2.4 FAM4=4 BACK=192.0.2.4
	[ "$1" = fwd6 ] && ADDR=2001:db8:4::4 FAM4=6 BACK=2001:db8:4::4
}

pair_out() { # ROW METRIC SLICE VALUE
	[ -n "$4" ] && printf '%s\t%s\t%s\t%s\n' "$@" >>"$PAIRS_OUT"
}

# pair_udp ROW DIR SLICE: gen_stream's router cost as ROW's cpu-udp-DIR,
# unless the generator did not run; a loss is said.
pair_udp() {
	if [ -z "$OFFERED" ]; then
		echo "  slice $3, $1: UDP $2: the generator did not run"
		return
	fi
	pair_out "$1" "cpu-udp-$2" "$3" "$(router_cost "$M0" "$M1" "")"
	[ "$RECEIVED" = "$OFFERED" ] || echo "  slice $3, $1: UDP $2:" \
		"$RECEIVED of $OFFERED packets/s received"
}

# pair_slice SLICE ROWS (BENCH_PAIRS): into PAIRS_OUT, for each metric,
# that metric of each of ROWS (fwd6 and jool_netdev, in that order), one
# right after the other: router us per 64-byte UDP packet at BENCH_PPS,
# the IPv6 host sending, then receiving (BENCH_SECONDS each); the ping
# round trip (median of 100 pings, 10 ms apart: rtt()); TCP throughput
# without offloads, the IPv6 host sending, then receiving, and the
# router's us per MB of it
# (BENCH_SECONDS each).
pair_slice() {
	local i=$1 rows=$2 row src v dir rev b
	local -A first=()

	for row in $rows; do
		pair_addr "$row"
		src=$(n6 ip route get "$ADDR" | sed -n 's/.* src \([^ ]*\).*/\1/p')
		gen_stream n6 v6 "$MAC6" "$src" "$ADDR" $PORT6 $PORT4 n4 v4 $FAM4
		pair_udp "$row" send "$i"
		first[$row]=$FIRST
	done
	for row in $rows; do
		pair_addr "$row"
		v=${first[$row]:-}
		if [ -z "$v" ] || [ "$v" = - ]; then
			echo "  slice $i, $row: nothing came through, no UDP back"
			continue
		fi
		gen_stream n4 v4 "$MAC4" "$BACK" "${v%#*}" $PORT4 "${v##*#}" \
			n6 v6 6
		pair_udp "$row" recv "$i"
	done
	for row in $rows; do
		pair_addr "$row"
		v=$(rtt n6 100 "$ADDR")
		[ -n "$v" ] && pair_out "$row" rtt "$i" "${v% *}"
	done
	offloads off
	for dir in send recv; do
		rev=()
		[ $dir = recv ] && rev=(-R)
		for row in $rows; do
			pair_addr "$row"
			iperf n6 n4 -c "$ADDR" "${rev[@]}" -t "$T" >/tmp/bench.json
			pair_out "$row" "tcp-nooff-$dir" "$i" \
				"$(tcp_bps </tmp/bench.json)"
			b=$(tcp_bytes </tmp/bench.json)
			[ -n "$b" ] && pair_out "$row" "cpu-nooff-$dir" "$i" \
				"$(router_cost "$M0" "$M1" "$b")"
		done
	done
	offloads restore
}

# pairs N (BENCH_PAIRS=N): jool_netdev against fwd6, N slices
# (pair_slice), each in the other order (A B, then B A...), with
# jool_netdev loaded throughout (fwd6's traffic does not touch it). A
# row's rounds are minutes apart, and the machine's speed drifts in
# minutes: here each metric of one row is measured right after the other
# row's.
pairs() {
	local i order

	PAIRS_OUT=/tmp/bench.pairs
	: >"$PAIRS_OUT"
	echo "== jool_netdev against fwd6, $1 slices back to back (BENCH_PAIRS) =="
	jool_netdev_on "$TOP/jool_netdev.ko"
	for i in 192.0.2.4 2001:db8:4::4 10.6.0.6 2001:db8:6::6; do
		r ping -c 1 -W 1 "$i" >/dev/null 2>&1
	done
	for i in $(seq "$1"); do
		order="fwd6 jool_netdev"
		[ $((i % 2)) = 0 ] && order="jool_netdev fwd6"
		pair_slice "$i" "$order"
	done
	jool_netdev_off
	python3 - "$PAIRS_OUT" <<'EOT'
import statistics, sys
vals = {}
for line in open(sys.argv[1]):
    row, metric, i, v = line.split("\t")
    vals.setdefault(metric, {}).setdefault(row, {})[i] = float(v)
print("%-16s %-26s %12s %12s" % ("", "jool_netdev/fwd6, by slice",
                                 "fwd6", "jool_netdev"))
for m in ("cpu-udp-send", "cpu-udp-recv", "rtt", "tcp-nooff-send",
          "tcp-nooff-recv", "cpu-nooff-send", "cpu-nooff-recv"):
    a, b = vals.get(m, {}).get("jool_netdev", {}), vals.get(m, {}).get("fwd6", {})
    r = [a[i] / b[i] for i in a if b.get(i)]
    if not r:
        continue
    div = 1e6 if m.startswith("tcp") else 1
    print("%-16s %-26s %12.2f %12.2f" % (
        m, "%.2fx (%.2f-%.2f), %d" % (statistics.median(r), min(r), max(r),
                                      len(r)),
        statistics.median(b.values()) / div,
        statistics.median(a.values()) / div))
print("(median, lowest-highest, slices; the raw medians: us per packet,"
      " us, Mbit/s, us per MB)")
EOT
}

fwd6() { run fwd6 n6 n4 2001:db8:4::4; }
fwd4() { run fwd4 n6 n4 192.0.2.4; }

# load_ko KO: insmod, after the modules it depends on (insmod does not
# load them; the test VM has no modules.dep for the module itself).
load_ko() {
	local dep

	for dep in $(modinfo -F depends "$1" | tr , ' '); do
		modprobe "$dep" || echo "bench: cannot load $dep"
	done
	insmod "$1"
}

# jool_netdev_on KO / jool_netdev_off: the module KO in r.
jool_netdev_on() {
	load_ko "$1"
	ip -n r link add jool0 type jool
	r "$JOOLCTL" jool0 global set pool6 64:ff9b::/96
	ip -n r link set jool0 up
	ip -n r route add 64:ff9b::192.0.2.0/120 dev jool0
	ip -n r route add 198.51.100.0/24 dev jool0
}

jool_netdev_off() {
	ip -n r link del jool0
	ip -n r route flush 198.51.100.0/24 2>/dev/null
	rmmod jool_netdev
}

# jool_netdev_row NAME KO: the module KO, as row NAME.
jool_netdev_row() {
	echo "== $1 ($2) =="
	jool_netdev_on "$2"
	run "$1" n6 n4 64:ff9b::192.0.2.4
	[ "$ROUNDS" = 1 ] && r "$JOOLCTL" jool0 stats | sed 's/^/    /'
	jool_netdev_off
}

jool_netdev() { jool_netdev_row jool_netdev "$TOP/jool_netdev.ko"; }
# make bench BENCH_BASE=COMMIT: the same module built from COMMIT, for an
# A/B comparison of a data path change within one run.
base() { jool_netdev_row base "$BASE_KO"; }

jool_dir=$(ls -d /var/lib/dkms/jool-dkms/*/"$(uname -r)"/x86_64/module 2>/dev/null | tail -n 1)
# jool_load MODULE: Jool's MODULE (jool_siit or jool) and what it needs.
jool_load() {
	modprobe x_tables
	modprobe nf_defrag_ipv4
	modprobe nf_defrag_ipv6
	insmod "$jool_dir/jool_common.ko" && insmod "$jool_dir/$1.ko"
}

jool() {
	echo "== Jool (jool_siit $(modinfo -F version "$jool_dir/jool_siit.ko"), netfilter) =="
	jool_load jool_siit
	r jool_siit instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	run jool n6 n4 64:ff9b::192.0.2.4
	r jool_siit instance remove >/dev/null
	rmmod jool_siit jool_common
}

# jool64: Jool's NAT64 (jool.ko), the same pools as jool_netdev64.
jool64() {
	local p

	echo "== Jool (jool $(modinfo -F version "$jool_dir/jool.ko"), NAT64, netfilter) =="
	jool_load jool
	r jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	# jool_netdev's default pool4 ports; the netfilter hook takes what
	# comes to pool4 before routing, so pool4 needs no route.
	for p in --tcp --udp --icmp; do
		r jool pool4 add "$POOL4" 61001-65535 $p >/dev/null
	done
	run jool64 n6 n4 64:ff9b::192.0.2.4 "$CLIENT6"
	r jool instance remove >/dev/null
	rmmod jool jool_common
}

# jool_netdev64: this module's NAT64, pool4 routed into the device. Its
# mode is set at creation, by ip(8)'s plugin.
jool_netdev64() {
	local ipdir

	ipdir=/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null ||
		echo x86_64-linux-gnu)/ip
	mkdir -p "$ipdir" && cp "$TOP/usr/iproute2/link_jool.so" "$ipdir/"
	echo "== jool_netdev64 ($TOP/jool_netdev.ko, mode nat64) =="
	load_ko "$TOP/jool_netdev.ko"
	ip -n r link add jool64 type jool mode nat64 pool6 64:ff9b::/96
	r "$JOOLCTL" jool64 pool4 add "$POOL4"
	ip -n r link set jool64 up
	ip -n r route add 64:ff9b::/96 dev jool64
	ip -n r route add "$POOL4" dev jool64
	run jool_netdev64 n6 n4 64:ff9b::192.0.2.4 "$CLIENT6"
	[ "$ROUNDS" = 1 ] && r "$JOOLCTL" jool64 stats | sed 's/^/    /'
	ip -n r link del jool64
	rmmod jool_netdev
}

# tayga_row NAME IPV4_ROUTE CLIENT_ADDR [CONFIG_LINE]: TAYGA as row NAME,
# IPV4_ROUTE routed into it; CLIENT_ADDR, if any, the IPv6 host's source.
tayga_row() {
	local name=$1 route4=$2 client=$3 tpid

	cat >/tmp/tayga.conf <<EOT
tun-device nat64
ipv4-addr 192.0.2.254
ipv6-addr 2001:db8:4::254
prefix 2001:db8:64::/96
data-dir /tmp/tayga
${4:-}
EOT
	# No dynamic mapping left over from an earlier row.
	rm -rf /tmp/tayga
	mkdir -p /tmp/tayga
	modprobe tun
	r tayga -c /tmp/tayga.conf --mktun >/dev/null
	ip -n r link set nat64 up
	# TAYGA refuses the well-known prefix with non-global IPv4 addresses
	# (RFC 6052 3.1), which the documentation ranges here are: it gets a
	# network-specific prefix, and n6 an address under it (setup()).
	ip -n r route add 2001:db8:64::/96 dev nat64
	ip -n r route add "$route4" dev nat64
	# Not through r(): $! must be TAYGA itself, not a subshell, or the
	# kill below leaves it running (and logging) after its tun is gone.
	# taskset and ip exec it: on the router's CPU.
	taskset -c "${ROUTER_CPU:-0}" ip netns exec r \
		tayga -c /tmp/tayga.conf -d >/tmp/tayga.log 2>&1 &
	tpid=$!
	sleep 1
	if n6 ping -6 -c 1 -W 2 ${client:+-I "$client"} \
		2001:db8:64::192.0.2.4 >/dev/null; then
		run "$name" n6 n4 2001:db8:64::192.0.2.4 "$client"
	else
		echo "  $name: no connectivity, skipped; its log:"
		sed 's/^/    /' /tmp/tayga.log
	fi
	kill $tpid 2>/dev/null
	wait $tpid 2>/dev/null
	ip -n r link del nat64
}

tayga() {
	echo "== TAYGA $(dpkg-query -W -f='${Version}' tayga 2>/dev/null) =="
	tayga_row tayga 198.51.100.0/24 ""
}

# tayga64: TAYGA's NAT64. The IPv6 host's own address is under no prefix
# and no static map: TAYGA gives it an address of the dynamic pool (one
# IPv4 address per IPv6 host, ports untouched).
tayga64() {
	echo "== TAYGA $(dpkg-query -W -f='${Version}' tayga 2>/dev/null), NAT64 (dynamic pool) =="
	tayga_row tayga64 "$POOL4" "$CLIENT6" "dynamic-pool $POOL4"
}

setup
rows="fwd6 fwd4 jool_netdev"
[ -n "$BASE_KO" ] && rows="$rows base"
have_jool=
[ -n "$jool_dir" ] && command -v jool_siit >/dev/null &&
	command -v jool >/dev/null && have_jool=1
have_tayga=
command -v tayga >/dev/null && have_tayga=1
[ -n "$have_jool" ] && rows="$rows jool"
[ -n "$have_tayga" ] && rows="$rows tayga"
rows="$rows jool_netdev64"
[ -n "$have_jool" ] && rows="$rows jool64"
[ -n "$have_tayga" ] && rows="$rows tayga64"
[ -n "$have_jool" ] ||
	echo "== Jool: not installed (apt-get install jool-dkms jool-tools) =="
[ -n "$have_tayga" ] ||
	echo "== TAYGA: not installed (apt-get install tayga) =="

if [ -n "${BENCH_ROWS:-}" ]; then
	rows=$(for row in $rows; do
		case " $BENCH_ROWS " in *" $row "*) echo "$row" ;; esac
	done | xargs)
fi
for ROUND in $(seq "$ROUNDS"); do
	order=$rows
	# Every other round backwards: A B, then B A.
	[ $((ROUND % 2)) = 0 ] && order=$(echo "$rows" | tr ' ' '\n' | tac)
	[ "$ROUNDS" = 1 ] || echo "==== round $ROUND of $ROUNDS ===="
	prev=
	for row in $order; do
		case $prev in fwd6 | fwd4) ;; *)
			case $row in fwd6 | fwd4)
				echo "== plain forwarding (the ceiling) ==" ;;
			esac ;;
		esac
		$row
		prev=$row
	done
done

[ "${BENCH_PAIRS:-0}" -gt 0 ] && pairs "$BENCH_PAIRS"

if [ "${BENCH_PERF:-0}" = 1 ]; then
	if command -v perf >/dev/null; then
		echo
		echo "== profiles (BENCH_PERF=1) =="
		profile fwd6 n6 n4 2001:db8:4::4 2001:db8:4::4 2001:db8:6::6
		for row in jool_netdev base; do
			[ $row = base ] && [ -z "$BASE_KO" ] && continue
			ko=$TOP/jool_netdev.ko
			[ $row = base ] && ko=$BASE_KO
			jool_netdev_on "$ko"
			profile $row n6 n4 64:ff9b::192.0.2.4 192.0.2.4 \
				198.51.100.6
			jool_netdev_off
		done
	else
		echo "== BENCH_PERF: no perf (apt-get install linux-perf) =="
	fi
fi

# BENCH_ROWS=none (BENCH_PAIRS alone): no rows, no ratios.
[ -s "$RESULTS" ] || exit 0
echo
echo "== ratios to plain IPv6 forwarding (fwd6) of the same round =="
python3 - "$RESULTS" "$ROUNDS" <<'EOT'
import statistics, sys
rows, rounds = {}, int(sys.argv[2])
for line in open(sys.argv[1]):
    name, metric, value, rnd = line.rstrip("\n").split("\t")
    rows.setdefault(name, {}).setdefault(metric, {})[rnd] = float(value)
tcp = ["tcp-send", "tcp-recv", "tcp-nooff-send", "tcp-nooff-recv"]
udp = ["udp64-pps", "udp64-pps-recv"]
speed = tcp + udp
udp_raw = ["offered-send", "udp64-pps", "offered-recv", "udp64-pps-recv"]
cost_udp = ["cpu-udp-send", "cpu-udp-recv"]
cost_tcp = ["cpu-tcp-send", "cpu-tcp-recv", "cpu-nooff-send", "cpu-nooff-recv"]
cost = cost_udp + cost_tcp
width = 16 if rounds == 1 else 22


def ratios(num, den, m):
    """Round by round num/den of metric m: the rounds both have."""
    a, b = rows.get(num, {}).get(m, {}), rows.get(den, {}).get(m, {})
    return [a[r] / b[r] for r in a if b.get(r)]


def cell(vals):
    if not vals:
        return "-"
    med = statistics.median(vals)
    if rounds == 1:
        return "%.2fx" % med
    return "%.2fx (%.2f-%.2f)" % (med, min(vals), max(vals))


def line(label, cells):
    print("%-14s" % label + "".join("%*s" % (width, c) for c in cells))


def table(metrics):
    """Each row's ratios to fwd6, round by round."""
    line("", metrics)
    for name in rows:
        if any(m in rows[name] for m in metrics):
            line(name, [cell(ratios(name, "fwd6", m)) for m in metrics])


def raw(metrics, fmt, div=lambda m: 1):
    """Each row's medians (lowest-highest), metric m divided by div(m)."""
    line("", metrics)
    for name in rows:
        if not any(m in rows[name] for m in metrics):
            continue
        cells = []
        for m in metrics:
            v = [x / div(m) for x in rows[name].get(m, {}).values()]
            if not v:
                cells.append("-")
            elif rounds == 1:
                cells.append(fmt % v[0])
            else:
                cells.append((fmt + " (" + fmt + "-" + fmt + ")") % (
                    statistics.median(v), min(v), max(v)))
        line(name, cells)


def ab(num, den, metrics):
    line("", metrics)
    line("per round", [cell(ratios(num, den, m)) for m in metrics])
    if rounds == 1:
        return
    cells = []
    for m in metrics:
        a = list(rows.get(num, {}).get(m, {}).values())
        b = list(rows.get(den, {}).get(m, {}).values())
        ok = a and b and statistics.median(b)
        cells.append("%.2fx" % (statistics.median(a) / statistics.median(b))
                     if ok else "-")
    line("of medians", cells)


print("TCP (nooff: no TSO/GSO/GRO anywhere on the path), Mbit/s:")
table(tcp)
if rounds > 1:
    print()
    print("median, with the lowest and highest of the %d rounds; each round's"
          % rounds)
    print("ratio is to that round's fwd6.")
    print()
    print("== raw medians (lowest-highest): Mbit/s ==")
    raw(tcp, "%.0f", lambda m: 1e6)
print()
print("== UDP 64 B at a fixed rate: packets/s offered and received ==")
raw(udp_raw, "%.0f")
if any(m in r for r in rows.values() for m in cost):
    print()
    print("== router CPU: us per packet received (UDP at a fixed rate) ==")
    raw(cost_udp, "%.2f")
    print()
    print("== router CPU per packet, ratio to fwd6 and to fwd4 "
          "(above 1: costlier) ==")
    line("", [m + "/" + b for b in ("fwd6", "fwd4") for m in ("send", "recv")])
    for name in rows:
        if any(m in rows[name] for m in cost_udp):
            line(name, [cell(ratios(name, b, m))
                        for b in ("fwd6", "fwd4") for m in cost_udp])
    print()
    print("== router CPU: us per MB delivered (TCP) ==")
    raw(cost_tcp, "%.1f")
    print()
    print("== router CPU per MB, ratio to fwd6 (above 1: costlier) ==")
    table(cost_tcp)
if any("rtt" in r for r in rows.values()):
    print()
    print("== ping round trip, median and mean of the echoes: us "
          "(lowest-highest), ratio to fwd6 ==")
    raw(["rtt", "rtt-mean"], "%.0f")
    table(["rtt", "rtt-mean"])
for num, den in (("jool_netdev", "base"), ("jool_netdev", "jool"),
                 ("jool_netdev64", "jool64")):
    if num not in rows or den not in rows:
        continue
    print()
    print("== A/B: %s / %s, round by round ==" % (num, den))
    for metrics in (tcp, udp, cost_udp, cost_tcp, ["rtt", "rtt-mean"]):
        ab(num, den, metrics)
EOT
