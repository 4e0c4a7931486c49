#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# NAT64 port blocks (issue 9; DRAFT: written with the code, not yet run in
# the VM): with port-block-size 64, a client's first 64 UDP flows land in
# one 64-port aligned block, the 65th in a second; two clients get
# disjoint blocks; past max-port-blocks-per-client the flow is dropped and
# counted; "address query" names the owner; blocks are released with
# their last BIB entry (one event each): here by pool4 flush.
#
#   n6 (2001:db8:6::6, ::7) --- xlat [nat64] --- n4 (192.0.2.4)
#   pool4 203.0.113.0/30 61056-65535 (aligned to 64)
. "$(dirname "$0")/lib.sh"
load_module
install_plugin
trap topo_cleanup EXIT

UDP=$TOP/test/netns/nat64_udp.py
topo_nat64
ip -n n6 addr add 2001:db8:6::7/64 dev v6 nodad
st() { jstat xlat nat64 "$1"; }
eventually() {
	local i
	for i in $(seq 50); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	"$@"
}
check "pool4 aligned to 64" sh -c "ip netns exec xlat $JOOLCTL nat64 pool4 flush && ip netns exec xlat $JOOLCTL nat64 pool4 add 203.0.113.0/30 61056-65535"
check "port-block-size 64, 2 blocks per client" \
	jc global set port-block-size 64 max-port-blocks-per-client 2
check_fail "port-block-size must be a power of two" "power of two" \
	jc global set port-block-size 100
check_fail "not with deterministic mode" "exclude each other" \
	jc deterministic add 2001:db8:6::/120 /124 203.0.113.0/30 61056-65535

# blocks ADDR6 PYEXPR: the UDP BIB entries of ADDR6 (as "e"), their
# blocks (as "b": the set of (address, port // 64)), hold PYEXPR.
blocks() {
	jq_ "(lambda e: (lambda b: $2)({(x['ipv4-address'], x['ipv4-port'] // 64) for x in e}))([x for x in j if x['ipv6-address'] == '$1'])" \
		jc -j bib show udp
}
check "64 flows from ::6" n6 "$UDP" flows 2001:db8:6::6 64:ff9b::192.0.2.4 9 40000 64
check "::6: 64 entries in one block" eventually blocks 2001:db8:6::6 'len(e) == 64 and len(b) == 1'
check "one block allocated" out 1 st nat64-block-allocated
check "the 65th flow" n6 "$UDP" flows 2001:db8:6::6 64:ff9b::192.0.2.4 9 40064 1
check "::6: 65 entries in two blocks" eventually blocks 2001:db8:6::6 'len(e) == 65 and len(b) == 2'
check "64 flows from ::7" n6 "$UDP" flows 2001:db8:6::7 64:ff9b::192.0.2.4 9 40000 64
check "::7: one block of its own" eventually jq_ \
	"len({(x['ipv4-address'], x['ipv4-port'] // 64) for x in j if x['ipv6-address'].endswith('::7')} & {(x['ipv4-address'], x['ipv4-port'] // 64) for x in j if x['ipv6-address'].endswith('::6')}) == 0 and sum(x['ipv6-address'].endswith('::7') for x in j) == 64" \
	jc -j bib show udp
check "three blocks allocated" out 3 st nat64-block-allocated
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
check "port-block-size cannot change under state" says "cannot change while it has BIB entries" \
	jc global set port-block-size 128

# ---- Release: pool4 flush purges the BIB, each block goes with its last entry ----
check "pool4 flush" jc pool4 flush
check "every block released with its last entry" eventually out 3 st nat64-block-released
check "no BIB entry left" eventually jq_ "len(j) == 0" jc -j bib show udp
check "query of a released block: nobody" says "no client holds its port block" \
	jc address query "$port"
finish
