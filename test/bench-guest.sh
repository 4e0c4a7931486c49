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
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
JOOLCTL=$TOP/usr/joolctl/joolctl
T=${BENCH_SECONDS:-5}
RESULTS=${BENCH_OUT:-/tmp/bench.tsv}
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
}

wait_port() { # NS
	local i
	for i in $(seq 50); do
		ip netns exec "$1" ss -Hltn "sport = :5201" | grep -q . && return 0
		sleep 0.2
	done
	return 1
}

# run NAME CLIENT_NS SERVER_NS SERVER_ADDR
run() {
	local name=$1 cns=$2 sns=$3 addr=$4 dir out v

	for dir in send recv; do
		ip netns exec "$sns" iperf3 -s -1 -D >/dev/null
		wait_port "$sns"
		out=$(ip netns exec "$cns" iperf3 -c "$addr" -t "$T" -J $([ $dir = recv ] && echo -R))
		v=$(echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(int(d["end"]["sum_received"]["bits_per_second"]))' 2>/dev/null)
		printf '%s\ttcp-%s\t%s\n' "$name" "$dir" "${v:-0}" >>"$RESULTS"
		printf '  %-12s TCP, IPv6 host %s: %6.1f Mbit/s\n' "$name" "${dir}s" "$(echo "${v:-0} / 1000000" | bc -l)"
	done
	ip netns exec "$sns" iperf3 -s -1 -D >/dev/null
	wait_port "$sns"
	out=$(ip netns exec "$cns" iperf3 -c "$addr" -u -l 64 -b 0 -t "$T" -J)
	v=$(echo "$out" | python3 -c 'import json,sys; s=json.load(sys.stdin)["end"]["sum"]; print(int((s["packets"] - s["lost_packets"]) / s["seconds"]))' 2>/dev/null)
	printf '%s\tudp64-pps\t%s\n' "$name" "${v:-0}" >>"$RESULTS"
	printf '  %-12s UDP 64 B, IPv6 host sends: %8d packets/s received\n' "$name" "${v:-0}"
}

setup
echo "== plain forwarding (the ceiling) =="
run fwd6 n6 n4 2001:db8:4::4
run fwd4 n6 n4 192.0.2.4

# jool_netdev NAME KO: the module KO, as row NAME.
jool_netdev() {
	echo "== $1 ($2) =="
	insmod "$2"
	ip -n r link add jool0 type jool
	r "$JOOLCTL" jool0 global set pool6 64:ff9b::/96
	ip -n r link set jool0 up
	ip -n r route add 64:ff9b::192.0.2.0/120 dev jool0
	ip -n r route add 198.51.100.0/24 dev jool0
	run "$1" n6 n4 64:ff9b::192.0.2.4
	r "$JOOLCTL" jool0 stats | sed 's/^/    /'
	ip -n r link del jool0
	ip -n r route flush 198.51.100.0/24 2>/dev/null
	rmmod jool_netdev
}

jool_netdev jool_netdev "$TOP/jool_netdev.ko"
# make bench BENCH_BASE=COMMIT: the same module built from COMMIT, for an
# A/B comparison of a data path change within one run.
if [ -n "${1:-}" ]; then
	jool_netdev base "$1"
fi

jool_dir=$(ls -d /var/lib/dkms/jool-dkms/*/"$(uname -r)"/x86_64/module 2>/dev/null | tail -n 1)
if [ -n "$jool_dir" ] && command -v jool_siit >/dev/null; then
	echo "== Jool (jool_siit $(modinfo -F version "$jool_dir/jool_siit.ko"), netfilter) =="
	modprobe x_tables
	modprobe nf_defrag_ipv4
	modprobe nf_defrag_ipv6
	insmod "$jool_dir/jool_common.ko" && insmod "$jool_dir/jool_siit.ko"
	r jool_siit instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	run jool n6 n4 64:ff9b::192.0.2.4
	r jool_siit instance remove >/dev/null
	rmmod jool_siit jool_common
else
	echo "== Jool: not installed (apt-get install jool-dkms jool-tools) =="
fi

if command -v tayga >/dev/null; then
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
	# network-specific prefix, and n6 an address under it.
	ip -n n6 addr add 2001:db8:64::198.51.100.6/128 dev v6 nodad
	ip -n r route add 2001:db8:64::198.51.100.6/128 via 2001:db8:6::6 dev x6
	ip -n r route add 2001:db8:64::/96 dev nat64
	ip -n r route add 198.51.100.0/24 dev nat64
	r tayga -c /tmp/tayga.conf -d >/tmp/tayga.log 2>&1 &
	tpid=$!
	sleep 1
	if n6 ping -6 -c 1 -W 2 2001:db8:64::192.0.2.4 >/dev/null; then
		run tayga n6 n4 2001:db8:64::192.0.2.4
	else
		echo "  tayga: no connectivity, skipped; its log:"
		sed 's/^/    /' /tmp/tayga.log
	fi
	kill $tpid 2>/dev/null
	wait 2>/dev/null
else
	echo "== TAYGA: not installed (apt-get install tayga) =="
fi

echo
echo "== ratios (to the plain forwarding of the same family pair) =="
python3 - "$RESULTS" <<'EOT'
import sys
rows = {}
for line in open(sys.argv[1]):
    name, metric, value = line.split("\t")
    rows.setdefault(name, {})[metric] = float(value)
base = rows.get("fwd6", {})
metrics = ["tcp-send", "tcp-recv", "udp64-pps"]
print("%-12s" % "" + "".join("%14s" % m for m in metrics))
for name, vals in rows.items():
    cells = []
    for m in metrics:
        b = base.get(m) or 0
        cells.append("%13.2fx" % (vals.get(m, 0) / b) if b else "%14s" % "-")
    print("%-12s" % name + "".join(cells))
EOT
