#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench-scale, inside the VM: BENCH_SCALE_SESSIONS (a million) UDP
# sessions through jool_netdev's NAT64 and through Debian's Jool 4.1 NAT64
# (jool, netfilter mode), one after the other, in one topology:
#
#   n6 (jool-gen send) --veth-- xlat (translator) --veth-- n4 (jool-gen recv)
#   flows from 2001:db8:6::1:0 + k,  pool6 64:ff9b::/96      remote 198.18.0.1
#   1000 ports per host              pool4 203.0.113.0/24    (blackholed in
#                                    ports 1024-65535         n4, no answer)
#
# For each translator:
#   setup rate   one pass of the N flows, one packet each, as fast as the
#                generator goes: every packet that comes out on the IPv4
#                side made a session, so what n4 receives per second (first
#                packet to last) is the sessions made per second. Under
#                emulation the generator may be the slower side (then both
#                translators show its rate): the translator's CPU time per
#                session (CPU 1's busy time during the pass, less its
#                share busy with no traffic, divided by the sessions made)
#                and its inverse, sessions per CPU-second, are what to
#                compare. Passes at half the rate then make the sessions
#                the first one lost (queues overflow), until n4 has seen N
#                distinct pool4 transport addresses.
#   memory       the slab caches of the BIB entries and sessions
#                (jool_bib + jool_session; Jool's bib_nodes + session_nodes)
#                before and after: bytes of the objects' slots and of the
#                slab pages, per BIB entry + session pair
#                (test/netns/slab_pairs.py), and /proc/meminfo's Slab growth
#                in all (whatever else the translator allocated per flow).
#   established  one more flow (2001:db8:7::1#5000 to 198.18.0.2#9), sent
#                as fast as the generator goes for BENCH_SCALE_SECONDS (5):
#                packets per second received, with the table empty (before
#                the N sessions) and full (after), and the translator's
#                CPU time per packet; the ratios full/empty.
#   count        sessions in the table: jool_netdev's (ip -d link), Jool's
#                (jool session display | wc -l).
# For jool_netdev also (and, after them, perf's profile of the translator's
# CPU during a pass of N/4 more new flows, when perf is there):
#   dump         joolctl session show --csv: its rows, how many distinct
#                (all of them must be), how long it took; and the filtered
#                dump (remote 198.18.0.1): exactly N.
#   collector    the worst pause of the collector while the N sessions
#                expire: udp-timeout set to 5 s (the module loaded with
#                test_short_timeouts=1), one more pass refreshes every
#                session (at half the setup rate: none lost) with a
#                lifetime that outlasts the pass, and they expire, after
#                the pass, within its length. The
#                function_graph tracer times every jool_session_collect()
#                call (one batch of buckets, the time it holds its CPU
#                with the bucket locks taken in turn): the longest and how
#                many. And a ping through the translator (5 ms apart) during
#                the expiry (from the pass's end): its worst round trip,
#                against the same ping with nothing expiring.
#
# The translator (r's receiving) runs on CPU 1, the generator, the counter
# and everything else on CPU 0 (RPS, taskset), as in bench-guest.sh. Under
# software emulation absolute numbers mean little: compare the ratios.
set -u
if [ "$(hostname)" != jool-vm ]; then
	echo "bench-scale-guest.sh runs in the test VM: make bench-scale" >&2
	exit 1
fi
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/test/netns/lib.sh"
trap topo_scale_cleanup EXIT
GEN=$TOP/usr/test/jool-gen
SLAB=$TOP/test/netns/slab_pairs.py
N=${BENCH_SCALE_SESSIONS:-1000000}
T=${BENCH_SCALE_SECONDS:-5}
PORTS=1000
DST=64:ff9b::198.18.0.1
# 256 addresses: a million sessions fill 6 % of their ports, as a carrier
# sizes pool4 (RFC 6888 shares an address among a few dozen subscribers
# at most). With 16 (a /28), a million sessions would fill 97 %: every
# new mapping then searches a nearly full address (paired pooling keeps a
# subscriber on one), which measures the search, not the tables.
POOL4=${BENCH_SCALE_POOL4:-203.0.113.0/24}
RESULTS=/tmp/bench-scale.tsv
: >"$RESULTS"

result() { # ROW METRIC VALUE
	printf '%s\t%s\t%s\n' "$1" "$2" "${3:-}" >>"$RESULTS"
}

get() { # ROW METRIC: a value of the results
	awk -F '\t' -v r="$1" -v m="$2" '$1 == r && $2 == m { v = $3 } END { print v }' "$RESULTS"
}

# field FILE KEY: KEY's value in jool-gen's "key=value ..." line.
field() {
	tail -n 1 "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

rps() { # NS DEV MASK
	ip netns exec "$1" sh -c "for q in /sys/class/net/$2/queues/rx-*; do
		echo $3 >\$q/rps_cpus; done"
}

# cpu_mark: the time (microseconds) and the translator CPU's idle time
# so far (idle and iowait, clock ticks); empty with a single CPU.
cpu_mark() {
	[ -n "$XCPU" ] || return 0
	echo "$(date +%s%6N) $(awk -v c="cpu$XCPU" '$1 == c { print $5 + $6 }' /proc/stat)"
}

# cpu_per MARK0 MARK1 COUNT: the translator CPU's busy microseconds per
# COUNT (packets, sessions) between the marks, less its share busy with
# no traffic (BASE_BUSY, a fraction: an emulated CPU's timers); with
# COUNT "frac", that share itself. Empty when unknown.
cpu_per() {
	python3 - "$1" "$2" "$3" "$(getconf CLK_TCK)" "${BASE_BUSY:-0}" <<'EOT'
import sys
try:
    (t0, i0), (t1, i1) = [map(int, m.split()) for m in sys.argv[1:3]]
    hz, base = int(sys.argv[4]), float(sys.argv[5])
    n = 0 if sys.argv[3] == "frac" else float(sys.argv[3])
except ValueError:
    sys.exit()
wall = t1 - t0
busy = wall - (i1 - i0) * 1e6 / hz
if sys.argv[3] == "frac" and wall > 0:
    print("%.4f" % max(busy / wall, 0))
elif n > 0:
    print("%.2f" % (max(busy - base * wall, 0) / n))
EOT
}

# setup: 87-nat64-scale.sh's topology (test/netns/lib.sh), the module
# loaded for the short timeouts of the collector's measure; the
# translator's receiving on CPU 1, the rest on CPU 0.
setup() {
	load_module_short_timeouts
	install_plugin
	topo_nat64_scale
	MAC=$XMAC
	ip -n xlat route add 2001:db8:7::/64 dev x6
	ip -n xlat route add 2001:db8:8::/64 dev x6
	XCPU=
	if [ "$(getconf _NPROCESSORS_ONLN)" -ge 2 ]; then
		XCPU=1
		taskset -pc 0 $$ >/dev/null
		rps xlat x6 2
		rps xlat x4 2
		rps n6 v6 1
		rps n4 v4 1
		local m0 m1
		m0=$(cpu_mark)
		sleep 5
		m1=$(cpu_mark)
		BASE_BUSY=$(cpu_per "$m0" "$m1" frac)
		echo "== the translator on CPU 1, the rest on CPU 0; with no" \
			"traffic CPU 1 is busy ${BASE_BUSY} of the time =="
	fi
}

# recv_start FILE ARGS...: a counter in n4, once it listens; RPID.
recv_start() {
	local out=$1 i

	shift
	rm -f "$out"
	n4 "$GEN" recv -i v4 "$@" >"$out" &
	RPID=$!
	for i in $(seq 200); do
		grep -q ready "$out" 2>/dev/null && return
		sleep 0.1
	done
}

send() { # ARGS...
	n6 "$GEN" send -i v6 -m "$MAC" "$@"
}

# established ROW WHEN: the one flow's rate, WHEN "empty" or "full".
established() {
	local m0 m1 us

	recv_start /tmp/scale-est -w 3 -T $((T + 30))
	m0=$(cpu_mark)
	send -s 2001:db8:7::1 -d 64:ff9b::198.18.0.2 -p 5000 -n 1 -r 0 -T "$T" \
		>/tmp/scale-est-send
	wait "$RPID"
	m1=$(cpu_mark)
	us=$(cpu_per "$m0" "$m1" "$(field /tmp/scale-est received)")
	result "$1" "established-$2-pps" "$(field /tmp/scale-est pps)"
	result "$1" "established-$2-us" "$us"
	printf '  %-12s one established flow, table %s: %s packets/s (offered %s), translator %s us/packet\n' \
		"$1" "$2" "$(field /tmp/scale-est pps)" \
		"$(field /tmp/scale-est-send pps)" "${us:-?}"
}

# create ROW: the N sessions (setup rate, then passes until all are there).
create() {
	local row=$1 rate got m0 m1 us

	recv_start /tmp/scale-all -u -N "$N" -w 60 -T 7200
	local all=$RPID
	recv_start /tmp/scale-p1 -w 5 -T 7200
	m0=$(cpu_mark)
	send -s 2001:db8:6::1:0 -d "$DST" -n "$N" -P $PORTS >/tmp/scale-send
	wait "$RPID"
	m1=$(cpu_mark)
	rate=$(field /tmp/scale-p1 pps)
	rate=${rate:-0}
	us=$(cpu_per "$m0" "$m1" "$(field /tmp/scale-p1 received)")
	result "$row" setup-rate "$rate"
	result "$row" setup-us "$us"
	[ -n "$us" ] && result "$row" setup-capacity \
		"$(python3 -c 'import sys; print("%.0f" % (1e6 / float(sys.argv[1])))' "$us" 2>/dev/null)"
	result "$row" pass1-sessions "$(field /tmp/scale-p1 received)"
	printf '  %-12s pass 1: %s sent in %s s; %s sessions made in %s s: %s sessions/s; translator %s us/session\n' \
		"$row" "$(field /tmp/scale-send sent)" \
		"$(field /tmp/scale-send seconds)" \
		"$(field /tmp/scale-p1 received)" \
		"$(field /tmp/scale-p1 seconds)" "$rate" "${us:-?}"
	for _ in 2 3 4 5 6; do
		kill -0 "$all" 2>/dev/null || break
		# (A translator that made almost nothing: no slow passes.)
		[ "${rate%.*}" -ge 100 ] || break
		send -s 2001:db8:6::1:0 -d "$DST" -n "$N" -P $PORTS \
			-x $(((${rate%.*} + 1) / 2 + 1)) >/dev/null
		sleep 2
	done
	kill "$all" 2>/dev/null
	wait "$all"
	got=$(field /tmp/scale-all distinct)
	result "$row" distinct "$got"
	echo "  $row: n4 saw $got distinct pool4 transport addresses (want $N)"
}

# meminfo_slab: /proc/meminfo's Slab (kB).
meminfo_slab() { awk '$1 == "Slab:" { print $2 }' /proc/meminfo; }

memory() { # ROW MARK0 MARK1 SLAB0_KB SLAB1_KB
	local per
	per=$(python3 "$SLAB" per "$2" "$3" "$N")
	result "$1" slab-objects-per-pair "$(echo "$per" | tr ' ' '\n' | sed -n 's/^objects=//p')"
	result "$1" slab-pages-per-pair "$(echo "$per" | tr ' ' '\n' | sed -n 's/^pages=//p')"
	result "$1" meminfo-slab-mb "$(echo "scale=1; ($5 - $4) / 1024" | bc)"
	echo "  $1: slab per BIB entry + session pair: $per bytes;" \
		"Slab grew $(echo "scale=1; ($5 - $4) / 1024" | bc) MB"
}

# collector: the worst pause while the N sessions expire (jool_netdev).
collector() {
	local tr=/sys/kernel/tracing base during left i rate life

	[ -d $tr/events ] || mount -t tracefs nodev $tr 2>/dev/null
	n6 ping -6 -q -i 0.005 -c 400 64:ff9b::192.0.2.4 >/tmp/scale-ping0 2>&1
	base=$(sed -n 's|.*= [0-9.]*/[0-9.]*/\([0-9.]*\)/.*|\1|p' /tmp/scale-ping0)
	# At half the setup rate: a refresh lost would leave its session
	# the old lifetime. The lifetime outlasts the pass (twice its
	# expected length, and 10 s), so that the expiry starts once the
	# pass is over, and the ping then measures the expiry alone.
	rate=$(get jool_netdev setup-rate)
	[ "${rate%.*}" -ge 100 ] || rate=100000
	life=$((4 * N / (${rate%.*} + 1) + 10))
	nx "$JOOLCTL" nat64 global set udp-timeout "$life"
	if echo jool_session_collect >$tr/set_graph_function 2>/dev/null &&
	   echo 1 >$tr/max_graph_depth && echo function_graph >$tr/current_tracer; then
		echo >$tr/trace
		echo 1 >$tr/tracing_on
	else
		echo "  collector: no function_graph tracer; ping only"
	fi
	send -s 2001:db8:6::1:0 -d "$DST" -n "$N" -P $PORTS \
		-x $(((${rate%.*} + 1) / 2 + 1)) >/dev/null
	n6 ping -6 -q -i 0.005 -c 100000 -w 1200 64:ff9b::192.0.2.4 >/tmp/scale-ping1 2>&1 &
	local ping=$!
	for i in $(seq 900); do
		left=$(sessions)
		[ "$left" -le 2 ] && break
		sleep 1
	done
	kill -INT "$ping" 2>/dev/null
	wait "$ping"
	echo 0 >$tr/tracing_on 2>/dev/null
	during=$(sed -n 's|.*= [0-9.]*/[0-9.]*/\([0-9.]*\)/.*|\1|p' /tmp/scale-ping1)
	python3 - "$tr/trace" >/tmp/scale-gc <<'EOT'
import re, sys
d = []
try:
    for line in open(sys.argv[1]):
        m = re.search(r"([0-9.]+) us\s+\|\s+jool_session_collect", line)
        if m:
            d.append(float(m.group(1)))
except OSError:
    pass
print("%d %.1f %.1f" % (len(d), max(d) if d else 0, sum(d) / len(d) if d else 0))
EOT
	echo nop >$tr/current_tracer 2>/dev/null
	read -r calls worst mean </tmp/scale-gc
	result jool_netdev collector-batches "$calls"
	result jool_netdev collector-worst-us "$worst"
	result jool_netdev collector-mean-us "$mean"
	result jool_netdev ping-max-ms-idle "$base"
	result jool_netdev ping-max-ms-expiry "$during"
	echo "  jool_netdev: $N sessions refreshed with a ${life} s lifetime, expired ($left left ${i} s after the pass): $calls collector batches, the longest $worst us (mean $mean us);" \
		"ping's worst round trip $during ms during the expiry, $base ms idle"
}

# profile_setup: where the translator's CPU goes while it makes sessions
# (jool_netdev; after the collector's measure, the table empty again): one
# more pass of N/4 new flows (other hosts) under perf record on CPU 1,
# perf running the generator; the top symbols. A separate pass, so that
# perf's sampling weighs on no number of the table.
profile_setup() {
	local data=/tmp/perf.scale.data n=$((N / 4))

	[ -n "$XCPU" ] && command -v perf >/dev/null || return 0
	perf record -q -C "$XCPU" -e cpu-clock -o "$data" -- \
		ip netns exec n6 "$GEN" send -i v6 -m "$MAC" -s 2001:db8:8::1:0 \
		-d "$DST" -n "$n" -P $PORTS >/dev/null 2>&1
	echo "  -- jool_netdev, $n new sessions: perf report --no-children --sort sym (CPU $XCPU), top 30 --"
	perf report -q -i "$data" --no-children --sort sym --percent-limit 0.4 \
		--stdio 2>/dev/null | grep -v '^$' | head -n 30 | sed 's/^/  /'
	rm -f "$data"
}

sessions() {
	ip -n xlat -j -d link show nat64 | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["linkinfo"]["info_data"]["sessions"])'
}

jool_netdev_row() {
	local m0 m1 s0 s1 t0 t1

	echo "== jool_netdev ($TOP/jool_netdev.ko, mode nat64) =="
	ip -n xlat link add nat64 type jool mode nat64 pool6 64:ff9b::/96 \
		max-sessions $((N + N / 8 + 1000))
	nx "$JOOLCTL" nat64 pool4 add $POOL4 1024-65535 force
	ip -n xlat link set nat64 up
	ip -n xlat route add $POOL4 dev nat64
	ip -n xlat route add 64:ff9b::/96 dev nat64
	established jool_netdev empty
	m0=$(python3 "$SLAB" mark)
	s0=$(meminfo_slab)
	create jool_netdev
	m1=$(python3 "$SLAB" mark)
	s1=$(meminfo_slab)
	memory jool_netdev "$m0" "$m1" "$s0" "$s1"
	established jool_netdev full
	result jool_netdev sessions "$(sessions)"
	t0=$(date +%s.%N)
	nx "$JOOLCTL" nat64 --no-headers --csv session show udp >/tmp/scale-dump
	t1=$(date +%s.%N)
	result jool_netdev dump-rows "$(wc -l </tmp/scale-dump)"
	result jool_netdev dump-distinct "$(cut -d, -f1-5 /tmp/scale-dump | sort -u | wc -l)"
	result jool_netdev dump-seconds "$(echo "$t1 - $t0" | bc)"
	result jool_netdev dump-remote-filtered "$(nx "$JOOLCTL" nat64 --no-headers --csv session show udp remote 198.18.0.1 | wc -l)"
	echo "  jool_netdev: $(sessions) sessions; session show --csv:" \
		"$(get jool_netdev dump-rows) rows, $(get jool_netdev dump-distinct)" \
		"distinct, in $(get jool_netdev dump-seconds) s; filtered by the" \
		"remote 198.18.0.1: $(get jool_netdev dump-remote-filtered)"
	rm -f /tmp/scale-dump
	collector
	profile_setup
	ip -n xlat link del nat64
}

jool_dir=$(ls -d /var/lib/dkms/jool-dkms/*/"$(uname -r)"/x86_64/module 2>/dev/null | tail -n 1)

jool_row() {
	local m0 m1 s0 s1 t0 t1

	if [ -z "$jool_dir" ]; then
		echo "== Jool: not installed (jool-dkms for $(uname -r)); no row =="
		return
	fi
	echo "== Jool (jool $(modinfo -F version "$jool_dir/jool.ko"), NAT64, netfilter) =="
	modprobe x_tables
	modprobe nf_defrag_ipv4
	modprobe nf_defrag_ipv6
	insmod "$jool_dir/jool_common.ko" && insmod "$jool_dir/jool.ko" || return
	nx jool instance add --netfilter --pool6 64:ff9b::/96 >/dev/null
	nx jool pool4 add $POOL4 1024-65535 --udp --force >/dev/null
	established jool empty
	m0=$(python3 "$SLAB" mark bib_nodes session_nodes)
	s0=$(meminfo_slab)
	create jool
	m1=$(python3 "$SLAB" mark bib_nodes session_nodes)
	s1=$(meminfo_slab)
	memory jool "$m0" "$m1" "$s0" "$s1"
	established jool full
	t0=$(date +%s.%N)
	result jool sessions "$(nx jool session display --udp --csv --no-headers --numeric | wc -l)"
	t1=$(date +%s.%N)
	result jool dump-seconds "$(echo "$t1 - $t0" | bc)"
	echo "  jool: $(get jool sessions) sessions (jool session display, $(get jool dump-seconds) s)"
	nx jool instance remove >/dev/null
	rmmod jool jool_common
}

ratio() { # A B: A / B, or "-"
	python3 -c 'import sys
try:
    print("%.2f" % (float(sys.argv[1]) / float(sys.argv[2])))
except (ValueError, ZeroDivisionError):
    print("-")' "${1:-}" "${2:-}"
}

table() {
	local row

	echo
	echo "== bench-scale: $N sessions (UDP, $PORTS ports per IPv6 host), $(getconf _NPROCESSORS_ONLN) CPUs, software emulation =="
	printf '%-34s %16s %16s %8s\n' "" jool_netdev "Jool 4.1" ratio
	for row in "setup rate (sessions/s):setup-rate" \
		"setup, translator CPU (us/session):setup-us" \
		"setup capacity (sessions/CPU-s):setup-capacity" \
		"sessions in the table:sessions" \
		"distinct pool4 taddrs seen:distinct" \
		"slab bytes/pair (objects):slab-objects-per-pair" \
		"slab bytes/pair (pages):slab-pages-per-pair" \
		"Slab growth, all (MB):meminfo-slab-mb" \
		"established flow, empty (pps):established-empty-pps" \
		"established flow, full (pps):established-full-pps" \
		"established, empty (CPU us/packet):established-empty-us" \
		"established, full (CPU us/packet):established-full-us" \
		"dump, seconds:dump-seconds"; do
		printf '%-34s %16s %16s %8s\n' "${row%%:*}" \
			"$(get jool_netdev "${row#*:}")" "$(get jool "${row#*:}")" \
			"$(ratio "$(get jool_netdev "${row#*:}")" "$(get jool "${row#*:}")")"
	done
	printf '%-34s %16s %16s\n' "full/empty rate (CPU: empty/full us)" \
		"$(ratio "$(get jool_netdev established-empty-us)" "$(get jool_netdev established-full-us)")" \
		"$(ratio "$(get jool established-empty-us)" "$(get jool established-full-us)")"
	printf '%-34s %16s %16s\n' "full/empty rate (received pps)" \
		"$(ratio "$(get jool_netdev established-full-pps)" "$(get jool_netdev established-empty-pps)")" \
		"$(ratio "$(get jool established-full-pps)" "$(get jool established-empty-pps)")"
	printf '%-34s %16s\n' "dump rows / distinct" \
		"$(get jool_netdev dump-rows) / $(get jool_netdev dump-distinct)"
	printf '%-34s %16s\n' "dump, remote-filtered rows" \
		"$(get jool_netdev dump-remote-filtered)"
	printf '%-34s %16s\n' "collector: worst batch (us)" \
		"$(get jool_netdev collector-worst-us)"
	printf '%-34s %16s\n' "collector: batches, mean (us)" \
		"$(get jool_netdev collector-batches), $(get jool_netdev collector-mean-us)"
	printf '%-34s %16s\n' "ping max RTT idle / expiry (ms)" \
		"$(get jool_netdev ping-max-ms-idle) / $(get jool_netdev ping-max-ms-expiry)"
	echo "(the dump has the N sessions and the established flow's: N + 1)"
}

setup
jool_netdev_row
jool_row
table
