#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Several NAT64 boxes behind ECMP, no session sync (issue 9): the "Several
# boxes" section of docs/nat64-deployment.md, run as written (test/guide.py)
# on the network it draws, then:
#
#   1. 16 IPv6 clients (one address each) open a TCP connection and a UDP
#      flow each to an IPv4 server, which tells each flow the IPv4
#      transport address it sees. r6's ECMP route, hashed on the source
#      address only, spreads the clients over nat64a and nat64b: both carry
#      clients, each client is on one box (its TCP and UDP have the same
#      IPv4 address), and each box has exactly its clients' sessions.
#   2. nat64b fails (its links go down) while nat64a's clients keep talking
#      (one exchange a second per flow); then the routers do what a routing
#      daemon would, as the guide says: r6 drops nat64b's next hop, r4 the
#      route to nat64b's slice.
#   3. nat64a's clients never noticed: every exchange answered, the same
#      TCP connections and the same mappings as the server sees them.
#      nat64b's clients lost their TCP connections (nat64a drops their
#      segments: nat64-tcp-no-state) and their UDP flows get new mappings
#      from nat64a's slice; they connect again, through nat64a.
#   4. A new nat64b replaces the failed one (set up by the guide's
#      commands) and the routes come back: nat64b's clients move back to it
#      and lose their flows again, nat64a's clients still notice nothing.
#
#                    +---- nat64a (pool4 203.0.113.0/25) ----+
#   client ------- r6                                         r4 ------- server
#   2001:db8:6::     +---- nat64b (pool4 203.0.113.128/25) --+       198.51.100.4
#   100-10f/64    ECMP 64:ff9b::/96                  return routes by slice
. "$(dirname "$0")/lib.sh"

FLOWS=$TOP/test/netns/ecmp_flows.py
GUIDE=$TOP/test/guide.py
SERVER=64:ff9b::198.51.100.4
W=$(mktemp -d /tmp/ecmp.XXXXXX)
trap 'lab_cleanup; rm -rf "$W"' EXIT

load_module
install_plugin

# ---- The network the guide assumes: links, addresses, the hosts' routes ----
lab_ns client r6 nat64a nat64b r4 server
lab_link client eth0 2001:db8:6::100/64 r6 eth0 2001:db8:6::1/64
lab_link r6 eth1 2001:db8:a::1/64 nat64a eth0 2001:db8:a::2/64
lab_link r6 eth2 2001:db8:b::1/64 nat64b eth0 2001:db8:b::2/64
lab_link nat64a eth1 192.0.2.2/30 r4 eth0 192.0.2.1/30
lab_link nat64b eth1 192.0.2.6/30 r4 eth1 192.0.2.5/30
lab_link r4 eth2 198.51.100.1/24 server eth0 198.51.100.4/24
SRCS=()
for i in $(seq 0 15); do
	SRCS+=("2001:db8:6::$(printf '1%02x' "$i")")
	[ "$i" -eq 0 ] ||
		ip -n client addr add "${SRCS[i]}/64" dev eth0 nodad
done
ip -n client route add default via 2001:db8:6::1
ip -n server route add default via 198.51.100.1

# ---- The guide's configuration: boxes, ECMP route, return routes ----
counted /usr/bin/python3 -u "$GUIDE" "$TOP/docs/nat64-deployment.md"

# ---- Clients and server ----
ip netns exec server /usr/bin/python3 "$FLOWS" serve 198.51.100.4 7000 \
	2>"$W/server.err" &
pids+=($!)
check "the server listens on TCP 7000" wait_listen server 7000
check "... and on UDP 7000" wait_listen server 7000 udp
coproc CL {
	exec ip netns exec client /usr/bin/python3 -u "$FLOWS" clients "$SERVER" \
		7000 "${SRCS[@]}" 2>"$W/clients.err"
}
pids+=("$CL_PID")
# ask NAME COMMAND: the clients' answer to COMMAND, into $W/NAME.json.
ask() {
	local reply
	echo "$2" >&"${CL[1]}"
	if ! IFS= read -r -t 300 reply <&"${CL[0]}"; then
		echo "the clients did not answer \"$2\""
		sed 's/^/    | /' "$W/clients.err" | tail -n 20
		reply=null
	fi
	echo "$reply" >"$W/$1.json"
}
# py EXPR: print the Python expression EXPR, over the JSON files of $W
# (each a variable named after its file), ipaddress as ip, and:
#   box(M)       "a" or "b": whose pool4 slice the mapping "ADDR PORT" is
#                in, or None
#   addr(M)      the address of a mapping
#   A, B         the indexes of the clients each box had first
#   v4(S)        the set of IPv4 transport addresses of session list S
#   v6(S)        the set of their IPv6 sources
py() {
	/usr/bin/python3 - "$W" "$1" <<'PY'
import ipaddress as ip, json, os, sys
d, expr = sys.argv[1], sys.argv[2]
v = {'ip': ip}
for f in os.listdir(d):
    if f.endswith('.json'):
        with open(os.path.join(d, f)) as fh:
            v[f[:-5]] = json.load(fh)


def box(m):
    if not m:
        return None
    a = ip.ip_address(m.split()[0])
    for name, net in (('a', '203.0.113.0/25'), ('b', '203.0.113.128/25')):
        if a in ip.ip_network(net):
            return name
    return None


v['box'] = box
v['addr'] = lambda m: m.split()[0]
v['v4'] = lambda s: {'%s %d' % (e['ipv4-source'], e['ipv4-source-port'])
                     for e in s}
v['v6'] = lambda s: {e['ipv6-source'] for e in s}
v['srcs'] = ['2001:db8:6::1%02x' % i for i in range(16)]
if 'r0' in v and v['r0']:
    v['A'] = [i for i, m in enumerate(v['r0']['tcp']) if box(m) == 'a']
    v['B'] = [i for i, m in enumerate(v['r0']['tcp']) if box(m) == 'b']
print(eval(expr, v))
PY
}
# holds EXPR: EXPR is true, for check.
holds() {
	local got
	got=$(py "$1" 2>&1)
	[ "$got" = True ] || { echo "$1: $got"; return 1; }
}
# sessions NAME NS PROTO: NS's nat64 sessions of PROTO into $W/NAME.json.
sessions() {
	ip netns exec "$2" "$JOOLCTL" -j nat64 session show "$3" >"$W/$1.json"
}

# ---- 1. Every client on one box, both boxes used ----
ask r0 round
check "16 TCP connections and 16 UDP flows, each answered from a pool4 slice" \
	holds "all(box(m) for m in r0['tcp'] + r0['udp'])"
check "each client's TCP and UDP have one IPv4 address (one box per client)" \
	holds "all(addr(t) == addr(u) for t, u in zip(r0['tcp'], r0['udp']))"
nA=$(py "len(A)")
nB=$(py "len(B)")
echo "# nat64a has $nA clients, nat64b $nB"
check "both boxes have clients: $nA on nat64a + $nB on nat64b = 16" \
	holds "len(A) > 0 and len(B) > 0 and len(A) + len(B) == 16"
for p in tcp udp; do
	sessions a0$p nat64a $p
	sessions b0$p nat64b $p
done
check "nat64a: $nA TCP and $nA UDP sessions, exactly its clients' flows" \
	holds "v4(a0tcp) == {r0['tcp'][i] for i in A} and v4(a0udp) == {r0['udp'][i] for i in A} and len(a0tcp) == len(a0udp) == $nA"
check "nat64b: $nB TCP and $nB UDP sessions, exactly its clients' flows" \
	holds "v4(b0tcp) == {r0['tcp'][i] for i in B} and v4(b0udp) == {r0['udp'][i] for i in B} and len(b0tcp) == len(b0udp) == $nB"
check "no client has sessions on both boxes" \
	holds "not (v6(a0tcp) | v6(a0udp)) & (v6(b0tcp) | v6(b0udp))"
check "the sessions add up to the clients' flows: 2 x ($nA + $nB) = 32" \
	holds "len(a0tcp) + len(a0udp) + len(b0tcp) + len(b0udp) == 32"
nostate=$(jstat nat64a nat64 nat64-tcp-no-state)

# ---- 2. nat64b fails while nat64a's clients talk ----
ask streaming "stream $(py "' '.join(map(str, A))")"
check "nat64a's $nA clients talk, TCP and UDP, once a second each" \
	holds "streaming == {'streaming': $nA}"
sleep 3
# A source that r6's "route get" hashes into nat64b. (Not necessarily one
# of nat64b's clients: their flows hash their ports and flow labels too.)
b0=
for c in $(py "' '.join(srcs)"); do
	ip -n r6 -6 route get 64:ff9b::198.51.100.4 from "$c" iif eth0 |
		grep -q "via 2001:db8:b::2 dev eth2" && { b0=$c; break; }
done
ip -n nat64b link set eth0 down
ip -n nat64b link set eth1 down
sleep 2
# A link that is down is no withdrawal by itself (the guide says so):
# r6 still hashes the same source into it.
check "nat64b's links down: r6 still sends what it hashed there ($b0) there" \
	says "via 2001:db8:b::2 dev eth2" \
	ip -n r6 -6 route get 64:ff9b::198.51.100.4 from "${b0:-2001:db8:6::1ff}" iif eth0
# What a routing daemon does when nat64b is gone (the guide's commands).
ip -n r6 -6 route replace 64:ff9b::/96 via 2001:db8:a::2 dev eth1
ip -n r4 route del 203.0.113.128/25 via 192.0.2.6
check "r6: pool6 through nat64a only" \
	sh -c "ip -n r6 -6 route show 64:ff9b::/96 | grep -q 'via 2001:db8:a::2' && ! ip -n r6 -6 route show 64:ff9b::/96 | grep -q 'nexthop\|2001:db8:b::2'"
sleep 4
ask stream stop
echo "# nat64a's flows during the failover: $(cat "$W/stream.json")"
check "nat64a's clients: every exchange during the failover answered (at least $((nA * 2 * 5)))" \
	holds "stream['lost'] == 0 and stream['exchanges'] >= $nA * 2 * 5"

# ---- 3. After: nat64a's flows unchanged, nat64b's lost and re-made ----
ask r1 round
check "nat64a's $nA clients: the same TCP connections, same address and port at the server" \
	holds "all(r1['tcp'][i] == r0['tcp'][i] for i in A)"
check "nat64a's $nA clients: the same UDP mappings" \
	holds "all(r1['udp'][i] == r0['udp'][i] for i in A)"
check "nat64b's $nB clients: their TCP connections are lost" \
	holds "all(r1['tcp'][i] is None for i in B)"
check "nat64b's $nB clients: their UDP flows go on, re-mapped into nat64a's slice" \
	holds "all(box(r1['udp'][i]) == 'a' for i in B)"
check "nat64a dropped the lost connections' segments (nat64-tcp-no-state $nostate -> at least +$nB)" \
	gt "$(jstat nat64a nat64 nat64-tcp-no-state)" "$((nostate + nB - 1))"
ask r2 reconnect
check "nat64b's $nB clients connect again, through nat64a's slice" \
	holds "all(box(r2['tcp'][i]) == 'a' and r2['tcp'][i] != r0['tcp'][i] for i in B)"
check "... with their new UDP mapping's address (one address per client on nat64a)" \
	holds "all(addr(r2['tcp'][i]) == addr(r2['udp'][i]) for i in B)"
check "nat64a's $nA clients are still on their first connections and mappings" \
	holds "all(r2['tcp'][i] == r0['tcp'][i] and r2['udp'][i] == r0['udp'][i] for i in A)"
for p in tcp udp; do
	sessions a2$p nat64a $p
done
check "nat64a: 16 TCP sessions, its $nA clients' first ones and $nB new, all ESTABLISHED" \
	holds "v4(a2tcp) == set(r2['tcp']) and len(a2tcp) == 16 and v4(a0tcp) <= v4(a2tcp) and all(s['state'] == 3 for s in a2tcp)"
check "nat64a: 16 UDP sessions, its $nA clients' first ones and $nB new" \
	holds "v4(a2udp) == set(r2['udp']) and len(a2udp) == 16 and v4(a0udp) <= v4(a2udp)"

# ---- 4. A new nat64b, its routes back: its clients move back to it ----
# The failed box is replaced: a new machine on the same links, set up as
# the guide says; then the routes come back as the guide says.
ip netns del nat64b
# The namespace goes away in the background, and its links' far ends with
# it: wait until their names are free (at most 20 s).
for i in $(seq 200); do
	ip -n r6 link show eth2 >/dev/null 2>&1 ||
		ip -n r4 link show eth1 >/dev/null 2>&1 || break
	sleep 0.1
done
lab_ns nat64b
lab_link r6 eth2 2001:db8:b::1/64 nat64b eth0 2001:db8:b::2/64
lab_link nat64b eth1 192.0.2.6/30 r4 eth1 192.0.2.5/30
counted /usr/bin/python3 -u "$GUIDE" --only nat64b "$TOP/docs/nat64-deployment.md"
ip -n r6 -6 route replace 64:ff9b::/96 nexthop via 2001:db8:a::2 dev eth1 nexthop via 2001:db8:b::2 dev eth2
ip -n r4 route add 203.0.113.128/25 via 192.0.2.6
check "r6: pool6 through both boxes again" \
	sh -c "test \"\$(ip -n r6 -6 route show 64:ff9b::/96 | grep -c 'nexthop via')\" = 2"
ask r3 round
check "nat64a's $nA clients do not notice: the same connections and mappings" \
	holds "all(r3['tcp'][i] == r0['tcp'][i] and r3['udp'][i] == r0['udp'][i] for i in A)"
check "the $nB clients that moved lose their TCP connections through nat64a" \
	holds "all(r3['tcp'][i] is None for i in B)"
check "... and their UDP flows are re-mapped into the new nat64b's slice" \
	holds "all(box(r3['udp'][i]) == 'b' for i in B)"
check "the new nat64b dropped their segments (nat64-tcp-no-state at least $nB)" \
	gt "$(jstat nat64b nat64 nat64-tcp-no-state)" "$((nB - 1))"
ask r4 reconnect
check "they connect again, through the new nat64b, with their UDP mapping's address" \
	holds "all(box(r4['tcp'][i]) == 'b' and addr(r4['tcp'][i]) == addr(r4['udp'][i]) for i in B)"
for p in tcp udp; do
	sessions b4$p nat64b $p
done
check "the new nat64b: $nB TCP and $nB UDP sessions, exactly its clients' new flows" \
	holds "v4(b4tcp) == {r4['tcp'][i] for i in B} and v4(b4udp) == {r4['udp'][i] for i in B} and len(b4tcp) == len(b4udp) == $nB and v6(b4tcp) == {srcs[i] for i in B}"

finish
