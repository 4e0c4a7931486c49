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
#
# For each: iperf3 TCP throughput with the IPv6 host sending and receiving,
# and small-packet UDP (64-byte payload, unlimited rate) packets per second
# received. Under software emulation absolute numbers mean nothing: compare
# the ratios.
#
# BENCH_ROUNDS=N measures every row N times, in rounds whose order is
# reversed every other round (fwd6 ... base, then base ... fwd6: A B B A), so
# a drift in the machine's load weighs on both sides of an A/B comparison
# alike; the ratios are then medians with their spread over the rounds.
# BENCH_PERF=1 then profiles jool_netdev and base (perf record -a, software
# clock) during one more UDP run and one more TCP run each. BENCH_ROWS (say
# "fwd6 jool_netdev base") measures only those rows.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
JOOLCTL=$TOP/usr/joolctl/joolctl
T=${BENCH_SECONDS:-5}
ROUNDS=${BENCH_ROUNDS:-1}
RESULTS=${BENCH_OUT:-/tmp/bench.tsv}
BASE_KO=${1:-}
ROUND=1
: >"$RESULTS"

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
}

wait_port() { # NS
	local i
	for i in $(seq 50); do
		ip netns exec "$1" ss -Hltn "sport = :5201" | grep -q . && return 0
		sleep 0.2
	done
	return 1
}

# iperf CLIENT_NS SERVER_NS IPERF3_CLIENT_ARGS...: its JSON report.
iperf() {
	local cns=$1 sns=$2

	shift 2
	ip netns exec "$sns" iperf3 -s -1 -D >/dev/null
	wait_port "$sns"
	ip netns exec "$cns" iperf3 -J "$@"
}

tcp_bps() {
	python3 -c 'import json,sys; d=json.load(sys.stdin); print(int(d["end"]["sum_received"]["bits_per_second"]))' 2>/dev/null
}

udp_pps() {
	python3 -c 'import json,sys; s=json.load(sys.stdin)["end"]["sum"]; print(int((s["packets"] - s["lost_packets"]) / s["seconds"]))' 2>/dev/null
}

# run NAME CLIENT_NS SERVER_NS SERVER_ADDR
run() {
	local name=$1 cns=$2 sns=$3 addr=$4 dir v

	for dir in send recv; do
		v=$(iperf "$cns" "$sns" -c "$addr" -t "$T" \
			$([ $dir = recv ] && echo -R) | tcp_bps)
		printf '%s\ttcp-%s\t%s\t%s\n' "$name" "$dir" "${v:-0}" "$ROUND" >>"$RESULTS"
		printf '  %-12s TCP, IPv6 host %s: %6.1f Mbit/s\n' "$name" "${dir}s" "$(echo "${v:-0} / 1000000" | bc -l)"
	done
	v=$(iperf "$cns" "$sns" -c "$addr" -u -l 64 -b 0 -t "$T" | udp_pps)
	printf '%s\tudp64-pps\t%s\t%s\n' "$name" "${v:-0}" "$ROUND" >>"$RESULTS"
	printf '  %-12s UDP 64 B, IPv6 host sends: %8d packets/s received\n' "$name" "${v:-0}"
}

# profile NAME CLIENT_NS SERVER_NS SERVER_ADDR (BENCH_PERF=1): where the
# CPU time of the whole VM goes during a UDP and a TCP run, by symbol. perf
# runs the client, so that it records for as long as the traffic flows (it
# takes seconds to start under emulation: started beside the client, it
# missed the run and saw idle CPUs).
profile() {
	local name=$1 cns=$2 sns=$3 addr=$4 what data args

	for what in udp tcp; do
		data=/tmp/perf.$name.$what.data
		args=
		[ $what = udp ] && args="-u -l 64 -b 0"
		ip netns exec "$sns" iperf3 -s -1 -D >/dev/null
		wait_port "$sns"
		# shellcheck disable=SC2086
		perf record -q -a -e cpu-clock -o "$data" -- \
			ip netns exec "$cns" iperf3 -c "$addr" -t "$T" $args \
			>/dev/null 2>&1
		echo "  -- $name, $what (IPv6 host sends): perf report --no-children --sort sym, top 25 --"
		perf report -q -i "$data" --no-children --sort sym \
			--percent-limit 0.5 --stdio 2>/dev/null |
			grep -v '^$' | head -n 25 | sed 's/^/  /'
	done
}

fwd6() { run fwd6 n6 n4 2001:db8:4::4; }
fwd4() { run fwd4 n6 n4 192.0.2.4; }

# jool_netdev_on KO / jool_netdev_off: the module KO in r.
jool_netdev_on() {
	insmod "$1"
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
jool() {
	echo "== Jool (jool_siit $(modinfo -F version "$jool_dir/jool_siit.ko"), netfilter) =="
	modprobe x_tables
	modprobe nf_defrag_ipv4
	modprobe nf_defrag_ipv6
	insmod "$jool_dir/jool_common.ko" && insmod "$jool_dir/jool_siit.ko"
	r jool_siit instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	run jool n6 n4 64:ff9b::192.0.2.4
	r jool_siit instance remove >/dev/null
	rmmod jool_siit jool_common
}

tayga() {
	local tpid

	echo "== TAYGA $(dpkg-query -W -f='${Version}' tayga 2>/dev/null) =="
	cat >/tmp/tayga.conf <<EOT
tun-device nat64
ipv4-addr 192.0.2.254
ipv6-addr 2001:db8:4::254
prefix 2001:db8:64::/96
data-dir /tmp/tayga
EOT
	mkdir -p /tmp/tayga
	modprobe tun
	r tayga -c /tmp/tayga.conf --mktun >/dev/null
	ip -n r link set nat64 up
	# TAYGA refuses the well-known prefix with non-global IPv4 addresses
	# (RFC 6052 3.1), which the documentation ranges here are: it gets a
	# network-specific prefix, and n6 an address under it (setup()).
	ip -n r route add 2001:db8:64::/96 dev nat64
	ip -n r route add 198.51.100.0/24 dev nat64
	# Not through r(): $! must be TAYGA itself, not a subshell, or the
	# kill below leaves it running (and logging) after its tun is gone.
	ip netns exec r tayga -c /tmp/tayga.conf -d >/tmp/tayga.log 2>&1 &
	tpid=$!
	sleep 1
	if n6 ping -6 -c 1 -W 2 2001:db8:64::192.0.2.4 >/dev/null; then
		run tayga n6 n4 2001:db8:64::192.0.2.4
	else
		echo "  tayga: no connectivity, skipped; its log:"
		sed 's/^/    /' /tmp/tayga.log
	fi
	kill $tpid 2>/dev/null
	wait $tpid 2>/dev/null
	ip -n r link del nat64
}

setup
rows="fwd6 fwd4 jool_netdev"
[ -n "$BASE_KO" ] && rows="$rows base"
if [ -n "$jool_dir" ] && command -v jool_siit >/dev/null; then
	rows="$rows jool"
else
	echo "== Jool: not installed (apt-get install jool-dkms jool-tools) =="
fi
if command -v tayga >/dev/null; then
	rows="$rows tayga"
else
	echo "== TAYGA: not installed (apt-get install tayga) =="
fi

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

if [ "${BENCH_PERF:-0}" = 1 ]; then
	if command -v perf >/dev/null; then
		echo
		echo "== profiles (BENCH_PERF=1) =="
		for row in jool_netdev base; do
			[ $row = base ] && [ -z "$BASE_KO" ] && continue
			ko=$TOP/jool_netdev.ko
			[ $row = base ] && ko=$BASE_KO
			jool_netdev_on "$ko"
			profile $row n6 n4 64:ff9b::192.0.2.4
			jool_netdev_off
		done
	else
		echo "== BENCH_PERF: no perf (apt-get install linux-perf) =="
	fi
fi

echo
echo "== ratios (to the plain forwarding of the same family pair) =="
python3 - "$RESULTS" "$ROUNDS" <<'EOT'
import statistics, sys
rows, rounds = {}, int(sys.argv[2])
for line in open(sys.argv[1]):
    name, metric, value, rnd = line.rstrip("\n").split("\t")
    rows.setdefault(name, {}).setdefault(metric, {})[rnd] = float(value)
metrics = ["tcp-send", "tcp-recv", "udp64-pps"]

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

width = 14 if rounds == 1 else 22
print("%-12s" % "" + "".join("%*s" % (width, m) for m in metrics))
for name in rows:
    print("%-12s" % name + "".join("%*s" % (width, cell(ratios(name, "fwd6", m)))
                                   for m in metrics))
if rounds > 1:
    print()
    print("median, with the lowest and highest of the %d rounds; each round's"
          % rounds)
    print("ratio is to that round's fwd6.")
    print()
    print("== raw medians (lowest-highest): Mbit/s, packets/s ==")
    for name in rows:
        cells = []
        for m in metrics:
            v = list(rows[name].get(m, {}).values())
            div = 1e6 if m.startswith("tcp") else 1
            cells.append("%*s" % (width, "%.0f (%.0f-%.0f)" % (
                statistics.median(v) / div, min(v) / div, max(v) / div)
                if v else "-"))
        print("%-12s" % name + "".join(cells))
if "base" in rows:
    print()
    print("== A/B: jool_netdev / base, round by round ==")
    print("%-12s" % "per round" + "".join("%*s" % (width, cell(ratios("jool_netdev", "base", m)))
                                 for m in metrics))
    if rounds > 1:
        cells = []
        for m in metrics:
            a = list(rows.get("jool_netdev", {}).get(m, {}).values())
            b = list(rows["base"].get(m, {}).values())
            ok = a and b and statistics.median(b)
            cells.append("%*s" % (width, "%.2fx" % (statistics.median(a) /
                         statistics.median(b)) if ok else "-"))
        print("%-12s" % "of medians" + "".join(cells))
EOT
