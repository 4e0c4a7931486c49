#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# NAT64 port blocks (issue 9): with port-block-size 64, a client's first
# 64 UDP flows land in one 64-port aligned block, the 65th in a second;
# two clients get disjoint blocks; past max-port-blocks-per-client the flow
# is dropped and counted; "address query" names the owner of an IPv4
# port's block and lists an IPv6 address's blocks; blocks are released
# with their last BIB entry: here by pool4 flush. With logging-bib off,
# "joolctl monitor" prints one event per block (block add, block del with
# its last entry's reason), none per mapping.
#
#   n6 (2001:db8:6::6, ::7) --- xlat [nat64] --- n4 (192.0.2.4)
#   pool4 203.0.113.0/30 61056-65535 (aligned to 64)
. "$(dirname "$0")/lib.sh"
load_module
install_plugin
trap 'kill $(jobs -p) 2>/dev/null; topo_cleanup' EXIT

UDP=$TOP/test/netns/nat64_udp.py
topo_nat64
ip -n n6 addr add 2001:db8:6::7/64 dev v6 nodad
st() { jstat xlat nat64 "$1"; }
check "pool4 aligned to 64" sh -c "ip netns exec xlat $JOOLCTL nat64 pool4 flush && ip netns exec xlat $JOOLCTL nat64 pool4 add 203.0.113.0/30 61056-65535"
check "port-block-size 64, 2 blocks per client" \
	jc global set port-block-size 64 max-port-blocks-per-client 2
check_fail "port-block-size must be a power of two" "power of two" \
	jc global set port-block-size 100
check_fail "not with deterministic mode" "exclude each other" \
	jc deterministic add 2001:db8:6::/120 /124 203.0.113.0/30 61056-65535

# ---- The mapping log: one event per block ----
W=$(mktemp -d)
check "logging-port-blocks is on by default" jq_ "j['logging-port-blocks'] is True" \
	jc -j global show
check "logging-bib off" jc global set logging-bib false
ip netns exec xlat "$JOOLCTL" -j nat64 monitor >"$W/mon" 2>"$W/mon.err" &
ip netns exec xlat "$JOOLCTL" monitor >"$W/all" 2>"$W/all.err" &
# Listening once a static entry's block (a client of its own) reaches both.
for i in $(seq 40); do
	jc bib add udp 203.0.113.3#65500 2001:db8:6::99#9000
	sleep 0.5
	grep -q block-add "$W/mon" && grep -q "block add" "$W/all" && break
	jc bib del udp 203.0.113.3#65500
done
check "a static entry's block: block-add, exact" ev "$W/mon" \
	"[(x['event'], x['device'], x['protocol'], x['ipv6-address'], x['ipv4-address'], x['ipv4-port-min'], x['ipv4-port-max']) for x in e][-1:] == [('block-add', 'nat64', 'udp', '2001:db8:6::99', '203.0.113.3', 65472, 65535)]"
jc bib del udp 203.0.113.3#65500
check "its del releases the block: block-del, reason admin" wait_ev "$W/mon" \
	"[(x['event'], x['ipv4-port-min'], x.get('reason')) for x in e][-1] == ('block-del', 65472, 'admin')"
check "the text monitor: block add and del lines" sh -c "grep -Eq '^[0-9-]{10}T[0-9:.]{18}Z nat64 block add udp 2001:db8:6::99 203\.0\.113\.3#65472-65535\$' '$W/all' &&
	grep -Eq '^[0-9-]{10}T[0-9:.]{18}Z nat64 block del udp 2001:db8:6::99 203\.0\.113\.3#65472-65535 admin\$' '$W/all'"
A0=$(st nat64-block-allocated)
R0=$(st nat64-block-released)
# The events of the flows' clients (not the static entry's).
flows_ev="[x for x in e if x['ipv6-address'] != '2001:db8:6::99']"

# blocks ADDR6 PYEXPR: the UDP BIB entries of ADDR6 (as "e"), their
# blocks (as "b": the set of (address, port // 64)), hold PYEXPR.
blocks() {
	jq_ "(lambda e: (lambda b: $2)({(x['ipv4-address'], x['ipv4-port'] // 64) for x in e}))([x for x in j if x['ipv6-address'] == '$1'])" \
		jc -j bib show udp
}
check "64 flows from ::6" n6 "$UDP" flows 2001:db8:6::6 64:ff9b::192.0.2.4 9 40000 64
check "::6: 64 entries in one block" eventually blocks 2001:db8:6::6 'len(e) == 64 and len(b) == 1'
check "one block allocated" out $((A0 + 1)) st nat64-block-allocated
check "64 mappings, one event: block-add of an aligned block of 64" wait_ev "$W/mon" \
	"[(x['event'], x['protocol'], x['ipv6-address'], x['ipv4-port-min'] % 64, x['ipv4-port-max'] - x['ipv4-port-min']) for x in $flows_ev] == [('block-add', 'udp', '2001:db8:6::6', 0, 63)]"
check "... which holds the 64 entries" jq_ \
	"(lambda b: all(x['ipv4-address'] == b['ipv4-address'] and b['ipv4-port-min'] <= x['ipv4-port'] <= b['ipv4-port-max'] for x in j if x['ipv6-address'] == '2001:db8:6::6'))($(ev "$W/mon" "print(json.dumps($flows_ev[0])) or True"))" \
	jc -j bib show udp
check "the 65th flow" n6 "$UDP" flows 2001:db8:6::6 64:ff9b::192.0.2.4 9 40064 1
check "::6: 65 entries in two blocks" eventually blocks 2001:db8:6::6 'len(e) == 65 and len(b) == 2'
check "64 flows from ::7" n6 "$UDP" flows 2001:db8:6::7 64:ff9b::192.0.2.4 9 40000 64
check "::7: one block of its own" eventually jq_ \
	"len({(x['ipv4-address'], x['ipv4-port'] // 64) for x in j if x['ipv6-address'].endswith('::7')} & {(x['ipv4-address'], x['ipv4-port'] // 64) for x in j if x['ipv6-address'].endswith('::6')}) == 0 and sum(x['ipv6-address'].endswith('::7') for x in j) == 64" \
	jc -j bib show udp
check "three blocks allocated" out $((A0 + 3)) st nat64-block-allocated
check "three block-add events, no bib event (logging-bib off)" wait_ev "$W/mon" \
	"sorted(x['ipv6-address'] for x in $flows_ev if x['event'] == 'block-add') == ['2001:db8:6::6', '2001:db8:6::6', '2001:db8:6::7'] and not any(x['event'].startswith('bib') for x in e)"
# ::6 has 2 blocks (the limit) with 63 ports free in the second.
check "63 more flows from ::6" n6 "$UDP" flows 2001:db8:6::6 64:ff9b::192.0.2.4 9 40065 63
check "::6: 128 entries, still two blocks" eventually blocks 2001:db8:6::6 'len(e) == 128 and len(b) == 2'
check "one more: past the limit" n6 "$UDP" flows 2001:db8:6::6 64:ff9b::192.0.2.4 9 40128 1
check "counted as NAT64_BLOCK_LIMIT" eventually out 1 st nat64-block-limit

# ---- address query ----
port=$(jc -j bib show udp | /usr/bin/python3 -c '
import json, sys
print(next("%s#%d" % (x["ipv4-address"], x["ipv4-port"]) for x in json.load(sys.stdin) if x["ipv6-address"] == "2001:db8:6::7"))')
check "query $port: ::7's block" says "^$port -> 2001:db8:6::7 \(udp block 203\.0\.113\.[0-3] ports [0-9]+-[0-9]+, since 20[0-9-]+ [0-9:]+ UTC\)$" \
	jc address query "$port"
check "query -j $port" jq_ \
	"j['rule'] == 'block' and j['blocks'][0]['owner'] == '2001:db8:6::7' and j['blocks'][0]['port_max'] - j['blocks'][0]['port_min'] == 63" \
	jc -j address query "$port"
check "query 2001:db8:6::6: its two udp blocks" jq_ \
	"j['rule'] == 'block' and j['translated'] and j['blocks_held'] == 2 and len(j['blocks']) == 2 and all(b['owner'] == '2001:db8:6::6' and b['protocol'] == 'udp' and b['port_max'] - b['port_min'] == 63 for b in j['blocks'])" \
	jc -j address query 2001:db8:6::6
check "query 2001:db8:6::7 (text)" says \
	"^2001:db8:6::7 -> udp block 203\.0\.113\.[0-3] ports [0-9]+-[0-9]+, since 20[0-9-]+ [0-9:]+ UTC\$" \
	jc address query 2001:db8:6::7
check "query 2001:db8:6::8: no block" out "2001:db8:6::8: no port block" \
	jc address query 2001:db8:6::8
check "port-block-size cannot change under state" says "cannot change while it has BIB entries" \
	jc global set port-block-size 128

# ---- Release: pool4 flush purges the BIB, each block goes with its last entry ----
check "pool4 flush" jc pool4 flush
check "every block released with its last entry" eventually out $((R0 + 3)) st nat64-block-released
# Only the flows' dels: the monitor may have caught a static entry's del
# without its add (the listening loop above, when one monitor was late).
check "three block-del events, reason pool4, each after its block-add" wait_ev "$W/mon" \
	"sorted(x['ipv6-address'] for x in $flows_ev if x['event'] == 'block-del' and x.get('reason') == 'pool4') == ['2001:db8:6::6', '2001:db8:6::6', '2001:db8:6::7'] and all(any(a['event'] == 'block-add' and all(a[k] == d[k] for k in ('protocol', 'ipv6-address', 'ipv4-address', 'ipv4-port-min', 'ipv4-port-max')) and a['time-ns'] < d['time-ns'] for a in e) for d in $flows_ev if d['event'] == 'block-del')"
check "query 2001:db8:6::6 after the flush: none" jq_ \
	"j['rule'] == 'block' and not j['translated'] and j['blocks_held'] == 0 and j['blocks'] == []" \
	jc -j address query 2001:db8:6::6
check "no BIB entry left" eventually jq_ "len(j) == 0" jc -j bib show udp
check "query of a released block: nobody" says "no client holds its port block" \
	jc address query "$port"
finish
