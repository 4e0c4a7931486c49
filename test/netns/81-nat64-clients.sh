#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# NAT64 with real clients and servers (issue 8): an IPv6-only host resolves
# names through a DNS64 resolver (unbound) that synthesizes AAAA records
# from the A records of a zone served by an IPv4-only authoritative server,
# then curl fetches pages from nginx by name, iperf3 runs TCP and UDP both
# ways, ping and traceroute cross the translator (traceroute sees the
# IPv4 router behind it, whose time exceeded is translated through the
# session of the probe it quotes), and TCP connections idle for less and
# for more than tcp-est-timeout (seconds, with the module's
# test_short_timeouts) survive or lose their session.
#
#   n6 ------------ xlat [nat64] ------------ n4 ---------------- far
#   2001:db8:6::6   2001:db8:6::1             192.0.2.4
#                   192.0.2.1                 198.18.0.1          198.18.0.2
#   IPv6 only       pool6 64:ff9b::/96        IPv4 router         IPv4 only
#   resolv.conf:    pool4 203.0.113.0/30      nginx, iperf3,
#   2001:db8:6::1   unbound: DNS64 resolver   unbound: example.test
#
# The resolver sits on the translator's router, dual-stack, as DNS64 often
# does; it asks n4's authoritative server for example.test over IPv4.
. "$(dirname "$0")/lib.sh"

IDLE=$TOP/test/netns/tcp_idle.py
W=$(mktemp -d /tmp/nat64-clients.XXXXXX)
# nginx's workers run as nobody.
chmod 755 "$W"
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null
	done
	exec 7>&- 8>&- 2>/dev/null
	wait "${pids[@]}" 2>/dev/null
	topo_cleanup
	ip netns del far 2>/dev/null
	rm -rf /etc/netns/n6 "$W"
}
trap cleanup EXIT

load_module_short_timeouts
install_plugin

# ---- Topology: 80-nat64.sh's, and an IPv4 router (n4) in front of far ----
topo_nat64

ip netns add far
ip -n far link set lo up
ip link add v4f netns n4 type veth peer name fv netns far
ip -n n4 addr add 198.18.0.1/24 dev v4f
ip -n far addr add 198.18.0.2/24 dev fv
ip -n n4 link set v4f up
ip -n far link set dev fv up
ip -n far route add default via 198.18.0.1
n4 sysctl -qw net.ipv4.ip_forward=1
ip -n xlat route add 198.18.0.0/24 via 192.0.2.4
# traceroute sends its probes faster than the default ICMP rate limits.
n4 sysctl -qw net.ipv4.icmp_ratelimit=0
ip netns exec far sysctl -qw net.ipv4.icmp_ratelimit=0
nx sysctl -qw net.ipv6.icmp.ratelimit=0

st() { jstat xlat nat64 "$1"; }
sessions() { jq_ "$2" jc -j session show "$1"; }
in_pool4="lambda a: a.startswith('203.0.113.') and int(a.rsplit('.', 1)[1]) < 4"

# ---- DNS: the zone (IPv4 only) and the DNS64 resolver ----
cat >"$W/example.test.zone" <<'EOF'
$ORIGIN example.test.
$TTL 300
@	IN SOA	ns hostmaster 1 3600 600 86400 300
@	IN NS	ns
ns	IN A	192.0.2.4
www	IN A	192.0.2.4
far	IN A	198.18.0.2
EOF
{
	unbound_conf "$W" auth 192.0.2.4 iterator
	printf 'auth-zone:\n\tname: "example.test."\n\tzonefile: "%s"\n' \
		"$W/example.test.zone"
	printf '\tfor-downstream: yes\n\tfor-upstream: no\n'
} >"$W/auth.conf"
{
	unbound_conf "$W" dns64 2001:db8:6::1 "dns64 iterator"
	printf '\tdns64-prefix: 64:ff9b::/96\n'
	printf 'stub-zone:\n\tname: "example.test."\n\tstub-addr: 192.0.2.4\n'
} >"$W/dns64.conf"
ip netns exec n4 unbound -c "$W/auth.conf" &
pids+=($!)
ip netns exec xlat unbound -c "$W/dns64.conf" &
pids+=($!)
# ip netns exec puts /etc/netns/n6/resolv.conf over /etc/resolv.conf.
mkdir -p /etc/netns/n6
echo "nameserver 2001:db8:6::1" >/etc/netns/n6/resolv.conf

# dig_ NS ARGS...: dig +short, one try, after the servers are up.
dig_() {
	local ns=$1
	shift
	ip netns exec "$ns" dig +short +tries=1 +time=3 "$@" 2>&1
}
# The resolver caches failures: ask it only once the zone is served.
for ns_q in "n4 @192.0.2.4 +norecurse" "n6 @2001:db8:6::1"; do
	for i in $(seq 50); do
		[ -n "$(dig_ $ns_q ns.example.test A)" ] && break
		sleep 0.2
	done
done
check "the zone: www.example.test A 192.0.2.4 (authoritative, IPv4)" \
	out 192.0.2.4 dig_ n4 @192.0.2.4 +norecurse www.example.test A
check "the zone has no AAAA for www" out "" dig_ n4 @192.0.2.4 +norecurse www.example.test AAAA
check "DNS64: AAAA 64:ff9b::c000:204 synthesized for n6" \
	out 64:ff9b::c000:204 dig_ n6 www.example.test AAAA
check "DNS64: far.example.test is 64:ff9b::c612:2" \
	out 64:ff9b::c612:2 dig_ n6 far.example.test AAAA
check "getaddrinfo (getent ahostsv6) in n6 gives the synthesized address" \
	sh -c "ip netns exec n6 getent ahostsv6 www.example.test | grep -q '^64:ff9b::c000:204 '"

# ---- HTTP: nginx in n4, curl in n6, by name ----
mkdir -p "$W/www"
echo "hello from the IPv4-only side" >"$W/www/index.html"
head -c 1048576 /dev/urandom >"$W/www/big.bin"
chmod -R a+rX "$W/www"
cat >"$W/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $W/nginx.pid;
error_log $W/nginx-error.log;
events {
	worker_connections 64;
}
http {
	access_log $W/access.log;
	client_body_temp_path $W/body;
	proxy_temp_path $W/proxy;
	fastcgi_temp_path $W/fastcgi;
	uwsgi_temp_path $W/uwsgi;
	scgi_temp_path $W/scgi;
	server {
		listen 192.0.2.4:80;
		root $W/www;
	}
}
EOF
ip netns exec n4 nginx -e "$W/nginx-error.log" -c "$W/nginx.conf" &
pids+=($!)
wait_listen n4 80 || echo "nginx does not listen: $(cat "$W/nginx-error.log")"

# ncurl ARGS...: curl in n6, 30 s at most.
ncurl() { ip netns exec n6 curl -sS --max-time 30 "$@"; }
check "curl http://www.example.test/ from n6: the page" \
	out "hello from the IPv4-only side" ncurl http://www.example.test/
check "curl connected to the synthesized address" \
	out 64:ff9b::c000:204 ncurl -o /dev/null -w '%{remote_ip}' http://www.example.test/
check "1 MB file: same SHA-256 on both sides" out \
	"$(sha256sum <"$W/www/big.bin")" sh -c \
	"ip netns exec n6 curl -sS --max-time 60 http://www.example.test/big.bin | sha256sum"
check "nginx saw every request from a pool4 address" /usr/bin/python3 -c "
import sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 3, lines
assert all(($in_pool4)(l.split()[0]) for l in lines), lines" "$W/access.log"
check "tcp sessions: 2001:db8:6::6 -> 192.0.2.4#80 (64:ff9b::c000:204)" sessions tcp \
	'len([s for s in j if s["ipv6-source"] == "2001:db8:6::6" and s["ipv4-destination"] == "192.0.2.4" and s["ipv4-destination-port"] == 80 and s["ipv6-destination"] == "64:ff9b::c000:204"]) >= 1'

# ---- ping ----
check "ping -6 www.example.test" n6 ping -6 -c 3 -i 0.2 -W 2 www.example.test
check "ping -6 far.example.test (through the IPv4 router)" \
	n6 ping -6 -c 3 -i 0.2 -W 2 far.example.test

# ---- iperf3 by name, TCP and UDP, both ways ----
# iperf_end NAME PYEXPR ARGS...: an iperf3 client in n6 against a fresh
# one-shot server on 192.0.2.4; PYEXPR holds over its JSON "end" (as e).
iperf_end() {
	local name=$1 expr=$2 i
	shift 2
	# The last one-shot server may still be on its way out.
	for i in $(seq 50); do
		n4 ss -Hltn "sport = :5201" | grep -q . || break
		sleep 0.1
	done
	iperf3_server n4 -B 192.0.2.4
	ip netns exec n6 timeout 40 iperf3 -6 -c www.example.test -t 3 -J "$@" \
		>"$W/iperf.json" 2>&1
	check "$name: $(/usr/bin/python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
e = j["end"]
s = e.get("sum_received", {})
print(j.get("error") or "%d bytes received, %s%% lost" %
      (s.get("bytes", 0), e.get("sum", {}).get("lost_percent", "-")))
' "$W/iperf.json" 2>&1 | tail -n 1)" /usr/bin/python3 -c "
import json, sys
e = json.load(open(sys.argv[1]))['end']
assert $expr, e" "$W/iperf.json"
}
tcp_ok='e["sum_received"]["bytes"] > 1000000 and e["sum_received"]["bytes"] >= 0.9 * e["sum_sent"]["bytes"]'
udp_ok='e["sum_received"]["bytes"] > 1000000 and e["sum"]["lost_percent"] < 10'
iperf_end "iperf3 TCP n6 -> n4" "$tcp_ok"
iperf_end "iperf3 TCP n4 -> n6 (-R)" "$tcp_ok" -R
iperf_end "iperf3 UDP 10 Mb/s n6 -> n4" "$udp_ok" -u -b 10M
iperf_end "iperf3 UDP 10 Mb/s n4 -> n6 (-R)" "$udp_ok" -u -b 10M -R

# ---- traceroute: the translator is one hop, the IPv4 router the next ----
# hops FILE: "N ADDR" per hop line of traceroute -n output.
hops() { awk '$1 ~ /^[0-9]+$/ { print $1, $2 }' "$1"; }
want_hops="1 2001:db8:6::1
2 64:ff9b::c000:204
3 64:ff9b::c612:2"
for method in udp icmp; do
	flag=
	[ $method = icmp ] && flag=-I
	before=$(st nat64-icmp-err-no-session)
	ip netns exec n6 traceroute -6 -n $flag -q 1 -w 3 -m 6 far.example.test \
		>"$W/tr.out" 2>&1
	check "traceroute -6 ($method probes): 2001:db8:6::1, 64:ff9b::c000:204 (n4, translated), far" \
		out "$want_hops" hops "$W/tr.out"
	sed 's/^/    | /' "$W/tr.out"
	check "traceroute ($method): no ICMP error without its session" \
		test "$(st nat64-icmp-err-no-session)" = "$before"
done

# ---- Idle TCP connections and tcp-est-timeout ----
# With an established lifetime of EST seconds, connection A talks every
# 3 seconds and keeps its session; connection B goes quiet. After EST
# seconds (the collector runs every second) B's session is probed (RFC
# 6146 3.5.2.2: an ACK with sequence and acknowledgment numbers 0, to the
# IPv6 end) and moves to TRANS; n6's TCP, whose connection is alive,
# answers the out-of-window segment with an ACK, which brings the session
# back to ESTABLISHED: B keeps its session, a probe every EST seconds, and
# what it sends afterwards arrives.
EST=15
check "test_short_timeouts: tcp-est-timeout $EST s" jc global set tcp-est-timeout $EST
ip netns exec n4 /usr/bin/python3 "$IDLE" serve 192.0.2.4 7100 &
pids+=($!)
wait_listen n4 7100
# Two clients in n6, each reading what to send from a FIFO (fds 7, 8).
mkfifo "$W/a.in" "$W/b.in"
ip netns exec n6 /usr/bin/python3 "$IDLE" talk www.example.test 7100 <"$W/a.in" >"$W/a.out" &
pids+=($!)
exec 7>"$W/a.in"
ip netns exec n6 /usr/bin/python3 "$IDLE" talk www.example.test 7100 <"$W/b.in" >"$W/b.out" &
pids+=($!)
exec 8>"$W/b.in"
# say FD OUT WORD: send WORD on a connection; prints its line of output.
say() {
	local i
	echo "$3" >&"$1"
	for i in $(seq 60); do
		grep -q " $3\$" "$2" && break
		sleep 0.1
	done
	grep " $3\$" "$2"
}
for i in $(seq 100); do
	grep -q ^connected "$W/a.out" && grep -q ^connected "$W/b.out" && break
	sleep 0.1
done
port_a=$(awk '/^connected/ { print $2 }' "$W/a.out")
port_b=$(awk '/^connected/ { print $2 }' "$W/b.out")
# est PORT: the session of the client port PORT is ESTABLISHED (3).
est() {
	sessions tcp "any(s['ipv6-source-port'] == $1 and s['ipv4-destination-port'] == 7100 and s['state'] == 3 for s in j)"
}
check "idle: two connections by name (ports $port_a, $port_b)" test -n "$port_a" -a -n "$port_b"
check "idle: A echoes" out "echo a0" say 7 "$W/a.out" a0
check "idle: B echoes" out "echo b0" say 8 "$W/b.out" b0
b_quiet=$(date +%s)
# A talks every 3 s from now on, in the background (a session check takes
# seconds on an emulated CPU, and must not make A's silences longer), until
# after every check of this part: its session must never be idle for
# tcp-est-timeout, or it expires as it should (and the check races it).
a_talks=14
(for i in $(seq $a_talks); do sleep 3; echo "a$i"; done) >&7 &
talker=$!
check "idle: B ESTABLISHED" est "$port_b"
check "idle: A ESTABLISHED" est "$port_a"
probes=$(st nat64-probe)
# (No polling for B's session meanwhile: between its expiry and the
# collector's probe, up to a second, dumps do not show it.)
while [ $(($(date +%s) - b_quiet)) -lt $((2 * EST + 3)) ]; do
	sleep 1
done
check "idle: A's session still ESTABLISHED" est "$port_a"
sleep 3
check "idle: B was probed, once per $EST s idle at least twice (nat64-probe)" \
	test "$(st nat64-probe)" -ge $((probes + 2))
check "idle: B's session ESTABLISHED again (its end answered the probe)" est "$port_b"
check "idle: what B sends afterwards arrives" out "echo b1" say 8 "$W/b.out" b1
wait $talker
sleep 2
check "idle: A, silent 3 s at a time for $((3 * a_talks)) s, had every echo" sh -c \
	"for i in \$(seq $a_talks); do grep -qx \"echo a\$i\" '$W/a.out' || exit 1; done"
finish
