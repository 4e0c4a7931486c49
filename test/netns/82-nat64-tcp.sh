#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# NAT64 TCP, RFC 6146 3.5.2.2: IPv4 SYNs stored for a simultaneous open
# (maximum-simultaneous-opens), and the probe of an ESTABLISHED session
# whose lifetime ends. 80-nat64.sh's topology; packets from scapy
# (tcp_so.py).
#
#   n6 ------------------- veth --- xlat [nat64] --- veth ------------ n4
#   2001:db8:6::6/64                pool6 64:ff9b::/96         192.0.2.4/24
#                                   pool4 203.0.113.0/30
. "$(dirname "$0")/lib.sh"
# Background helpers left (a failed scenario) must not outlive the script:
# they would hold run-all.sh's pipe open.
trap 'kill $(jobs -p) 2>/dev/null; topo_cleanup' EXIT

# The module with the test-only knob: tcp-est-timeout in seconds.
load_module_short_timeouts
install_plugin
topo_nat64
# Each scenario expects its own errors: no rate limit in the way.
nx sysctl -qw net.ipv4.icmp_ratelimit=0

SO=$TOP/test/netns/tcp_so.py
st() { jstat xlat nat64 "$1"; }
sessions() { jq_ "$1" jc -j session show tcp; }
W=$(mktemp -d)
# sent FILE N: until tcp_so.py syn has sent its SYN N (30 s at most: scapy
# starts slowly on an emulated CPU).
sent() {
	local i
	for i in $(seq 300); do
		grep -qx "sent $2" "$1" && return 0
		sleep 0.1
	done
	return 1
}

# ---- A stored SYN that nothing opens: 3/3 after 6 s, quoting it ----
stored=$(st nat64-so-stored)
expired=$(st nat64-so-expired)
n4 /usr/bin/python3 "$SO" syn 10 7001:203.0.113.2:61300:0 >"$W/alone"
check "stored SYN alone: counted as stored" gt "$(st nat64-so-stored)" "$stored"
check "stored SYN alone: exactly one ICMP error came back" \
	test "$(grep -c ^icmp "$W/alone")" = 1
check "stored SYN alone: it is port unreachable (3/3), after 6 to 8.5 s, quoting the SYN as sent" \
	awk '/^icmp/ { ok = $3 == 3 && $4 == 3 && $5 >= 6 && $5 <= 8.5 && $6 == "same" } END { exit !ok }' "$W/alone"
check "stored SYN alone: counted as expired" test "$(st nat64-so-expired)" = $((expired + 1))
check "stored SYN alone: no session, no BIB entry" jq_ 'len(j) == 0' jc -j bib show tcp

# ---- A stored SYN, then the IPv6 SYN: the connection proceeds ----
# n4 listens on the port it sent its SYN from; n6's client, with no BIB
# entry, takes the pool4 transport address the stored SYN was sent to.
opened=$(st nat64-so-opened)
expired=$(st nat64-so-expired)
ip netns exec n4 /usr/bin/python3 "$SO" listen 192.0.2.4 7002 >"$W/peer" &
listener=$!
wait_listen n4 7002
ip netns exec n6 /usr/bin/python3 "$SO" connect 2001:db8:6::6 40001 \
	64:ff9b::192.0.2.4 7002 "$W/go" >"$W/client" &
client=$!
ip netns exec n4 /usr/bin/python3 "$SO" syn 9 7002:203.0.113.2:61301:0 >"$W/joined" &
syn=$!
check "simultaneous open: the IPv4 SYN is sent" sent "$W/joined" 0
touch "$W/go"
wait $client
check "simultaneous open: the IPv6 client connects and is echoed" grep -qx echo "$W/client"
wait $listener
check "simultaneous open: the IPv4 end saw the stored SYN's destination as its peer" \
	grep -qx "peer 203.0.113.2 61301" "$W/peer"
check "simultaneous open: counted (nat64-so-opened)" test "$(st nat64-so-opened)" = $((opened + 1))
check "simultaneous open: its session on 203.0.113.2#61301" sessions \
	'any(s["ipv6-source-port"] == 40001 and s["ipv4-source"] == "203.0.113.2" and s["ipv4-source-port"] == 61301 for s in j)'
wait $syn
check "simultaneous open: no ICMP error for the stored SYN, ever" \
	sh -c "! grep -q ^icmp '$W/joined' && grep -q ^done '$W/joined'"
check "simultaneous open: nothing expired" test "$(st nat64-so-expired)" = "$expired"
sed 's/^/    (tcp_so.py syn: /; s/$/)/' "$W/joined"

# ---- The store full: the next SYN is answered at once ----
check "maximum-simultaneous-opens 1" jc global set maximum-simultaneous-opens 1
full=$(st nat64-syn4-no-bib)
exists=$(st nat64-so-exists)
# SYN 0 is stored; SYN 1 finds the store full; SYN 2 retries SYN 0 (its
# sequence number tells its quote apart).
n4 /usr/bin/python3 "$SO" syn 10 7003:203.0.113.3:61400:0 \
	7004:203.0.113.3:61401:1 7003:203.0.113.3:61400:2:123457 >"$W/full"
check "store full: the second SYN gets 3/3 at once (within 1 s), quoting it" \
	awk '$1 == "icmp" && $2 == 1 { n++; ok = $3 == 3 && $4 == 3 && $5 < 1 && $6 == "same" } END { exit !(ok && n == 1) }' "$W/full"
check "store full: counted as nat64-syn4-no-bib" test "$(st nat64-syn4-no-bib)" = $((full + 1))
check "store full: a retry of the stored SYN gets no error" \
	sh -c "grep -qx done '$W/full' && ! grep -q '^icmp 2 ' '$W/full'"
check "store full: ... it is counted as nat64-so-exists" \
	test "$(st nat64-so-exists)" = $((exists + 1))
check "store full: the stored one gets its 3/3 after 6 to 8.5 s" \
	awk '$1 == "icmp" && $2 == 0 { n++; ok = $3 == 3 && $4 == 3 && $5 >= 6 && $5 <= 8.5 && $6 == "same" } END { exit !(ok && n == 1) }' "$W/full"
check "maximum-simultaneous-opens 0: nothing is stored" jc global set maximum-simultaneous-opens 0
n4 /usr/bin/python3 "$SO" syn 2 7005:203.0.113.3:61402:0 >"$W/zero"
check "maximum-simultaneous-opens 0: 3/3 at once" \
	awk '/^icmp/ { ok = $3 == 3 && $4 == 3 && $5 < 1 } END { exit !ok }' "$W/zero"
jc global set maximum-simultaneous-opens 10

# ---- The probe: an idle ESTABLISHED connection ----
EST=6
check "tcp-est-timeout $EST s" jc global set tcp-est-timeout $EST
IDLE=$TOP/test/netns/tcp_idle.py
# (ip netns exec, not n4: $! is then the server itself, which the kill
# below must end, or it holds run-all.sh's pipe open.)
ip netns exec n4 /usr/bin/python3 "$IDLE" serve 192.0.2.4 7100 &
server=$!
wait_listen n4 7100
mkfifo "$W/c.in"
ip netns exec n6 /usr/bin/python3 "$IDLE" talk 64:ff9b::192.0.2.4 7100 <"$W/c.in" >"$W/c.out" &
client=$!
exec 7>"$W/c.in"
for i in $(seq 100); do
	grep -q ^connected "$W/c.out" && break
	sleep 0.1
done
port=$(awk '/^connected/ { print $2 }' "$W/c.out")
echo c0 >&7
for i in $(seq 60); do grep -q "c0$" "$W/c.out" && break; sleep 0.1; done
check "probe: the connection echoes (port $port)" grep -qx "echo c0" "$W/c.out"
probes=$(st nat64-probe)
# Idle from now: the probe comes after EST s (the collector runs every s).
n6 /usr/bin/python3 "$SO" probe 64:ff9b::c000:204 $((EST + 6)) >"$W/probe"
check "probe: seen on n6's wire, ACK only, seq and ack 0, from the IPv4 end's port to the client's" \
	grep -qx "probe 7100 $port" "$W/probe"
check "probe: counted (nat64-probe)" gt "$(st nat64-probe)" "$probes"
sleep 1
# n6's TCP answered the out-of-window probe with an ACK: ESTABLISHED (3).
check "probe: answered by the live end, the session is ESTABLISHED again" sessions \
	"any(s['ipv6-source-port'] == $port and s['state'] == 3 for s in j)"
echo c1 >&7
for i in $(seq 60); do grep -q "c1$" "$W/c.out" && break; sleep 0.1; done
check "probe: the connection still echoes" grep -qx "echo c1" "$W/c.out"
exec 7>&-
kill $server $client 2>/dev/null
wait 2>/dev/null

# A stored SYN left when the device goes: freed unanswered (the runner
# checks the slabs and the kernel log).
stored=$(st nat64-so-stored)
n4 /usr/bin/python3 "$SO" syn 1 7006:203.0.113.3:61403:0 >/dev/null
check "a stored SYN is pending" test "$(st nat64-so-stored)" = $((stored + 1))
check "delete the device with a stored SYN" ip -n xlat link del nat64
rm -rf "$W"
finish
