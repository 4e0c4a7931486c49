#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# NAT64 at scale, the CI size (make bench-scale is the full million): our
# traffic generator (usr/test/jool-gen) makes SCALE_SESSIONS (50000) UDP
# sessions from 50 IPv6 hosts of 1000 ports each; then the session count,
# what reached the IPv4 side (one pool4 transport address per flow), the
# dump (every session once: none twice, none lost), the slab bytes per BIB
# entry + session pair (<= 128), session show's and bib show's filters
# (one subscriber found among them all: by IPv6 address and port, by pool4
# address and port, by remote), max-sessions drops counted, and
# max-ports-per-host: one host's UDP port scan and TCP SYN scan take no
# more than the cap (counted), another host still gets through.
#
#   n6 (jool-gen send) --- veth --- xlat [nat64] --- veth --- n4 (jool-gen recv)
#   2001:db8:6::1:0 + k            pool4 203.0.113.0/28      remote 198.18.0.1
#                                  ports 1024-65535          (blackholed in n4)
. "$(dirname "$0")/lib.sh"
load_module
install_plugin
GEN=$TOP/usr/test/jool-gen
SLAB=$TOP/test/netns/slab_pairs.py
N=${SCALE_SESSIONS:-50000}
PORTS=1000
HOSTS=$(((N + PORTS - 1) / PORTS))
trap topo_scale_cleanup EXIT

topo_nat64_scale
MAC=$XMAC
check "a nat64 device, max-sessions $((N + 10000))" ip -n xlat link add nat64 type jool mode nat64 pool6 64:ff9b::/96 max-sessions $((N + 10000))
# (force: the range meets the namespace's ephemeral ports, which do not
# matter here: pool4 is not a local address.)
check "pool4 203.0.113.0/28 1024-65535" jc pool4 add 203.0.113.0/28 1024-65535 force
ip -n xlat link set nat64 up
ip -n xlat route add 203.0.113.0/28 dev nat64
ip -n xlat route add 64:ff9b::/96 dev nat64
DST=64:ff9b::198.18.0.1

st() { jstat xlat nat64 "$1"; }
sessions() {
	ip -n xlat -j -d link show nat64 | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["linkinfo"]["info_data"]["sessions"])'
}
# send SRC6 FLOWS PORTS [jool-gen options]: FLOWS flows from SRC6 on.
send() {
	local src=$1 flows=$2 ports=$3

	shift 3
	n6 "$GEN" send -i v6 -m "$MAC" -s "$src" -d "$DST" -n "$flows" \
		-P "$ports" "$@"
}
# csv_count ARGS...: the rows of "session show --csv ARGS" (no header).
csv_count() {
	jc --no-headers --csv session show "$@" | wc -l
}

check "jool-gen built" test -x "$GEN"
slab0=$(/usr/bin/python3 "$SLAB" mark)

# ---- N sessions: passes over the flows until all are there (a pass at
# the generator's speed may overflow a queue under emulation) ----
rm -f /tmp/scale-recv
n4 "$GEN" recv -i v4 -u -N "$N" -w 30 -T 600 >/tmp/scale-recv &
recv=$!
for _ in $(seq 100); do
	grep -q ready /tmp/scale-recv 2>/dev/null && break
	sleep 0.1
done
t0=$(date +%s.%N)
# Until the table has them all and n4 saw them all (a packet lost after
# the translator: its session is there, n4 sees it on the next pass).
for pass in 1 2 3 4 5; do
	send 2001:db8:6::1:0 "$N" $PORTS -x 50000 >/tmp/scale-send
	sleep 1
	echo "  pass $pass: $(cat /tmp/scale-send), sessions $(sessions)"
	[ "$(sessions)" -ge "$N" ] && ! kill -0 $recv 2>/dev/null && break
done
kill $recv 2>/dev/null
t1=$(date +%s.%N)
echo "  $N sessions in $(echo "$t1 - $t0" | bc) s"
check "$N sessions (pass $pass)" out "$N" sessions
wait $recv
echo "  receiver: $(cat /tmp/scale-recv | tail -n 1)"
check "the IPv4 side saw $N distinct pool4 transport addresses" grep -q " distinct=$N " /tmp/scale-recv

# ---- The dump: every session once ----
jc --no-headers --csv session show udp >/tmp/scale-dump
check "session show --csv: $N rows" out "$N" sh -c 'wc -l </tmp/scale-dump'
check "... $N distinct" out "$N" sh -c 'sort -u /tmp/scale-dump | cut -d, -f1-5 | sort -u | wc -l'
check "... every flow: $HOSTS hosts, their ports" /usr/bin/python3 -c "
import csv, ipaddress, sys
want = set()
for f in range($N):
    want.add((str(ipaddress.ip_address('2001:db8:6::1:0') + f // $PORTS), 1024 + f % $PORTS))
got = set()
for r in csv.reader(open('/tmp/scale-dump')):
    a, p = r[1].rsplit('#', 1)
    got.add((a, int(p)))
sys.exit(got != want)"
check "session show -j: $N entries" jq_ "len(j) == $N" jc -j session show udp
check "bib show --csv: $N entries" out "$N" sh -c "ip netns exec xlat $JOOLCTL nat64 --no-headers --csv bib show udp | wc -l"

# ---- Memory: slab bytes per BIB entry + session ----
slab1=$(/usr/bin/python3 "$SLAB" mark)
per=$(/usr/bin/python3 "$SLAB" per "$slab0" "$slab1" "$N")
echo "  slab per BIB entry + session: $per (bytes)"
grep -E '^(# name|jool_bib|jool_session) ' /proc/slabinfo | sed 's/^/  /'
# perval KEY: a value of $per.
perval() { echo "$per" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
check "slab bytes per pair <= 128 (the objects)" /usr/bin/python3 -c "
import sys; sys.exit(not 0 < $(perval objects) <= 128)"
# The pages only where SLUB debugging (the VM's slub_debug) leaves the
# slots the objects' size: make bench-scale boots without it.
if [ "$(perval debug)" = 0 ]; then
	check "slab pages per pair <= 128 + 2 (partial slabs, other users)" /usr/bin/python3 -c "
import sys; sys.exit(not 0 < $(perval pages) <= 130)"
fi

# ---- Filters: one subscriber among them all ----
H=2001:db8:6::1:7
check "session show $H: its $PORTS sessions" out $PORTS csv_count udp $H
check "... all its own" sh -c "ip netns exec xlat $JOOLCTL nat64 --no-headers --csv session show udp $H | cut -d, -f2 | sed 's/#.*//' | sort -u | grep -qx '$H'"
check "session show $H#1500: one" out 1 csv_count udp "$H#1500"
check "session show $H#999: none" out 0 csv_count udp "$H#999"
# rows ARGS...: session show's CSV rows without the expiry.
rows() { jc --no-headers --csv session show "$@" | cut -d, -f1-6; }
line=$(rows udp "$H#1500")
t4=$(echo "$line" | cut -d, -f4)
check "session show by its pool4 address and port ($t4): that one" out "$line" rows udp "$t4"
check "session show by its pool4 address: several" gt "$(csv_count udp "${t4%#*}")" 1
check "session show remote 198.18.0.1#9: all $N" out "$N" csv_count udp remote 198.18.0.1#9
check "session show remote 198.18.0.2: none" out 0 csv_count udp remote 198.18.0.2
check "session show tcp $H: none" out 0 csv_count tcp $H
check "session show udp $H remote 198.18.0.1 ${t4}: one (all of them must match)" out 1 csv_count udp $H remote 198.18.0.1 "$t4"
check "bib show $H: $PORTS" out $PORTS sh -c "ip netns exec xlat $JOOLCTL nat64 --no-headers --csv bib show udp $H | wc -l"
check "bib show ${t4}: one, $H's" sh -c "ip netns exec xlat $JOOLCTL nat64 --no-headers --csv bib show udp $t4 | grep -c '$H#1500' | grep -qx 1"
check_status "session show remote without an address" "remote needs an IPv4 address" 2 jc session show remote
check_status "session show remote 2001:db8::1" "invalid remote" 2 jc session show remote 2001:db8::1
check_status "session show 2001:db8::1#70000" "the port must be 0-65535" 2 jc session show 2001:db8::1#70000
check_status "bib show remote: not a bib filter" "unexpected argument" 2 jc bib show remote 198.18.0.1
check_status "session show with two IPv6 addresses" "one IPv6 address at most" 2 jc session show 2001:db8::1 2001:db8::2

# ---- max-sessions: the drops are counted, the table stays ----
full=$(st sessions-full)
check "max-sessions $N (the table is full)" ip -n xlat link set nat64 type jool max-sessions "$N"
send 2001:db8:6::5:0 100 100 -x 2000 >/dev/null
sleep 1
check "100 new flows past max-sessions: dropped, counted (sessions-full +95..100)" sh -c "[ $(st sessions-full) -ge $((full + 95)) ] && [ $(st sessions-full) -le $((full + 100)) ]"
check "... and the table still has $N" out "$N" sessions
check "max-sessions raised" ip -n xlat link set nat64 type jool max-sessions $((N + 10000))

# ---- max-ports-per-host: one host's scan takes no more than the cap ----
check "max-ports-per-host 100" jc global set max-ports-per-host 100
check "... shown" sh -c "ip netns exec xlat $JOOLCTL nat64 global show | grep -qx 'max-ports-per-host: *100'"
drops=$(st nat64-host-ports)
A=2001:db8:6::2:0
send $A 1000 1000 -p 1 -x 2000 >/dev/null
sleep 1
check "a UDP port scan of 1000 ports from $A: 100 BIB entries" out 100 sh -c "ip netns exec xlat $JOOLCTL nat64 --no-headers --csv bib show udp $A | wc -l"
check "... 900 drops counted (nat64-host-ports)" out $((drops + 900)) st nat64-host-ports
rm -f /tmp/scale-a
n4 "$GEN" recv -i v4 -c 100 -w 5 >/tmp/scale-a &
recv=$!
for _ in $(seq 100); do
	grep -q ready /tmp/scale-a 2>/dev/null && break
	sleep 0.1
done
send $A 100 100 -p 1 -x 1000 >/dev/null
wait $recv
check "... its 100 flows still go through" grep -q 'received=100 ' /tmp/scale-a
send $A 50 50 -t -p 1 -x 2000 >/dev/null
sleep 1
check "a TCP SYN scan from $A: no entry (the cap counts every protocol)" out 0 sh -c "ip netns exec xlat $JOOLCTL nat64 --no-headers --csv bib show tcp $A | wc -l"
C=2001:db8:6::3:0
send $C 1000 1000 -t -p 1 -x 2000 >/dev/null
sleep 1
check "a TCP SYN scan of 1000 ports from $C: 100 BIB entries" out 100 sh -c "ip netns exec xlat $JOOLCTL nat64 --no-headers --csv bib show tcp $C | wc -l"
B=2001:db8:6::4:0
send $B 10 10 -p 1 -x 2000 >/dev/null
sleep 1
check "another host ($B) still gets through: 10 entries" out 10 sh -c "ip netns exec xlat $JOOLCTL nat64 --no-headers --csv bib show udp $B | wc -l"
check "max-ports-per-host 0: no limit" jc global set max-ports-per-host 0
send $A 1000 1000 -p 1 -x 2000 >/dev/null
sleep 1
check "... $A's scan now takes its 1000" out 1000 sh -c "ip netns exec xlat $JOOLCTL nat64 --no-headers --csv bib show udp $A | wc -l"
check_status "max-ports-per-host -1 refused" "invalid value" 2 jc global set max-ports-per-host -1

check "delete the device with $N sessions" ip -n xlat link del nat64
finish
