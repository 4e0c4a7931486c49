#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# NAT64 mapping logs (RFC 6888 REQ-12): "joolctl nat64 monitor" prints
# the events of the kernel's "log" multicast group. A static BIB entry
# added and deleted; UDP, ICMP and TCP flows (their exact addresses and
# ports); their BIB entries expiring (short timeouts); sessions only with
# logging-session; nothing with logging-bib off; timestamps sane and in
# order; a monitor with a tiny receive buffer that loses events, which it
# and the kernel's NAT64_LOG_LOST count alike; pool4 flush logged as such;
# SIGTERM ends it cleanly. 80-nat64.sh's topology.
#
#   n6 ------------------- veth --- xlat [nat64] --- veth ------------ n4
#   2001:db8:6::6/64                pool6 64:ff9b::/96         192.0.2.4/24
#                                   pool4 203.0.113.0/30
. "$(dirname "$0")/lib.sh"
trap 'kill $(jobs -p) 2>/dev/null; topo_cleanup' EXIT

# The module with the test-only knob: lifetimes of seconds.
load_module_short_timeouts
install_plugin
topo_nat64
UDP=$TOP/test/netns/nat64_udp.py
W=$(mktemp -d)
st() { jstat xlat nat64 "$1"; }

in_pool4="lambda a, p: a.startswith('203.0.113.') and int(a.rsplit('.', 1)[1]) < 4 and 61001 <= p <= 65535"

check "logging-bib is on and logging-session off by default" jq_ \
	"j['logging-bib'] is True and j['logging-session'] is False" jc -j global show
check "short lifetimes: udp, icmp, tcp-trans 2 s, tcp-est 4 s" \
	jc global set udp-timeout 2 icmp-timeout 2 tcp-trans-timeout 2 tcp-est-timeout 4
ip -n xlat link add siit0 type jool
check_fail "monitor refuses a SIIT device" "siit0: a siit device has no mappings to log" \
	nx "$JOOLCTL" siit0 monitor
check_fail "monitor refuses a bad word" "monitor: unexpected argument 'foo'" \
	nx "$JOOLCTL" nat64 monitor foo
# The group is CAP_NET_ADMIN's (GENL_MCAST_CAP_NET_ADMIN): root without it.
check_fail "joining the log without CAP_NET_ADMIN is refused" \
	"cannot join the mapping log: permission denied \(CAP_NET_ADMIN is required\)" \
	nx setpriv --bounding-set -net_admin "$JOOLCTL" monitor

t0=$(date +%s%N)
# Not through nx: $! must be joolctl itself (ip netns exec execs it).
ip netns exec xlat "$JOOLCTL" -j nat64 monitor >"$W/mon" 2>"$W/mon.err" &
mon=$!
ip netns exec xlat "$JOOLCTL" monitor >"$W/all" 2>"$W/all.err" &
all=$!
# The monitors are listening once a static entry's event reaches both (one
# that started between an add and its del saw the del only).
for i in $(seq 40); do
	jc bib add udp 203.0.113.2#62000 2001:db8:6::6#9000
	sleep 0.5
	grep -q bib-add "$W/mon" && grep -q "bib add" "$W/all" && break
	jc bib del udp 203.0.113.2#62000
done
check "static BIB add: a bib-add event, exact, static" ev "$W/mon" \
	"[(x['event'], x['device'], x['protocol'], x['ipv6-address'], x['ipv6-port'], x['ipv4-address'], x['ipv4-port'], x['static']) for x in e][-1:] == [('bib-add', 'nat64', 'udp', '2001:db8:6::6', 9000, '203.0.113.2', 62000, True)]"
jc bib del udp 203.0.113.2#62000
check "static BIB del: bib-del, reason admin" wait_ev "$W/mon" \
	"[(x['event'], x['ipv4-port'], x.get('reason')) for x in e][-1] == ('bib-del', 62000, 'admin')"
check "the text monitor of every device: the same two events" sh -c "grep -Eq '^[0-9-]{10}T[0-9:.]{18}Z nat64 bib add udp 2001:db8:6::6#9000 203.0.113.2#62000 static\$' '$W/all' &&
	grep -Eq '^[0-9-]{10}T[0-9:.]{18}Z nat64 bib del udp 2001:db8:6::6#9000 203.0.113.2#62000 admin static\$' '$W/all'"

# ---- UDP and ICMP with logging-session off: BIB events only ----
n4 "$UDP" echo 192.0.2.4 7000 1 &
wait_listen n4 7000 udp
n6 "$UDP" ask 64:ff9b::192.0.2.4 7000 40000 "$W/udp" 0.1
mapped=$(head -n 1 "$W/udp" 2>/dev/null)
check "UDP through NAT64 ($mapped)" test -n "$mapped"
set -- $mapped
check "udp bib-add: 2001:db8:6::6#40000 -> $1#$2" wait_ev "$W/mon" \
	"any(x['event'] == 'bib-add' and x['protocol'] == 'udp' and x['ipv6-address'] == '2001:db8:6::6' and x['ipv6-port'] == 40000 and x['ipv4-address'] == '$1' and x['ipv4-port'] == $2 and not x['static'] for x in e)"
check "ping through NAT64" n6 ping -6 -c 1 -W 3 64:ff9b::192.0.2.4
check "icmp bib-add: 2001:db8:6::6, a pool4 address" wait_ev "$W/mon" \
	"any(x['event'] == 'bib-add' and x['protocol'] == 'icmp' and x['ipv6-address'] == '2001:db8:6::6' and ($in_pool4)(x['ipv4-address'], x['ipv4-port']) for x in e)"
check "no session event while logging-session is off" ev "$W/mon" \
	"not any(x['event'].startswith('session') for x in e)"
check "the udp and icmp entries expire: bib-del, reason expired" wait_ev "$W/mon" \
	"sorted(x['protocol'] for x in e if x['event'] == 'bib-del' and x.get('reason') == 'expired') == ['icmp', 'udp']"
check "... with the addresses of their bib-add" ev "$W/mon" \
	"all(any(a['event'] == 'bib-add' and all(a[k] == d[k] for k in ('protocol', 'ipv6-address', 'ipv6-port', 'ipv4-address', 'ipv4-port')) and a['time-ns'] < d['time-ns'] for a in e) for d in e if d['event'] == 'bib-del' and d['reason'] == 'expired')"

# ---- Sessions with logging-session on: TCP ----
check "logging-session on" jc global set logging-session true
n4 sh -c 'timeout 20 nc -4 -l 192.0.2.4 7001 >/dev/null' &
wait_listen n4 7001
check "a TCP connection through NAT64" n6 sh -c 'echo hi | timeout 10 nc -6 -q 1 64:ff9b::192.0.2.4 7001'
check "tcp session-add: 2001:db8:6::6 -> 192.0.2.4#7001, and 64:ff9b::c000:204#7001" wait_ev "$W/mon" \
	"any(x['event'] == 'session-add' and x['protocol'] == 'tcp' and x['ipv6-source'] == '2001:db8:6::6' and x['ipv4-destination'] == '192.0.2.4' and x['ipv4-destination-port'] == 7001 and x['ipv6-destination'] == '64:ff9b::c000:204' and x['ipv6-destination-port'] == 7001 and ($in_pool4)(x['ipv4-source'], x['ipv4-source-port']) for x in e)"
check "... and its BIB entry's bib-add, first" ev "$W/mon" \
	"[x['event'] for x in e if x['protocol'] == 'tcp'][:2] == ['bib-add', 'session-add']"
check "the closed connection expires: session-del (expired), then bib-del (expired)" wait_ev "$W/mon" \
	"[(x['event'], x.get('reason')) for x in e if x['protocol'] == 'tcp'] == [('bib-add', None), ('session-add', None), ('session-del', 'expired'), ('bib-del', 'expired')]"
check "the text monitor: the session lines with both remote forms" sh -c \
	"grep -Eq ' nat64 session add tcp 2001:db8:6::6#[0-9]+ 203\.0\.113\.[0-3]#[0-9]+ 192\.0\.2\.4#7001 64:ff9b::c000:204#7001\$' '$W/all'"

# ---- logging-bib off: nothing ----
check "logging-bib and logging-session off" jc global set logging-bib false logging-session false
n4 "$UDP" echo 192.0.2.4 7002 1 &
wait_listen n4 7002 udp
n6 "$UDP" ask 64:ff9b::192.0.2.4 7002 40001 "$W/udp2" 0.1
check "a UDP flow from port 40001: a BIB entry" jq_ \
	"any(b['ipv6-port'] == 40001 for b in j)" jc -j bib show udp
sleep 1
check "... without any event" ev "$W/mon" "not any(x.get('ipv6-port') == 40001 or x.get('ipv6-source-port') == 40001 for x in e)"
# On again once it expired: its removal would not be logged either.
for i in $(seq 100); do
	jc -j bib show udp | grep -q '"ipv6-port":40001' || break
	sleep 0.2
done
check "the entry of port 40001 expired" jq_ \
	"not any(b['ipv6-port'] == 40001 for b in j)" jc -j bib show udp
check "logging-bib on again" jc global set logging-bib true
check "... its expiry went unlogged" ev "$W/mon" "not any(x.get('ipv6-port') == 40001 for x in e)"

# ---- Timestamps ----
t1=$(date +%s%N)
check "every event's time between the start and now, never going back" ev "$W/mon" \
	"all($t0 <= x['time-ns'] <= $t1 for x in e) and all(a['time-ns'] <= b['time-ns'] for a, b in zip(e, e[1:]))"

# ---- A flood into a tiny receive buffer: lost events counted ----
ip netns exec xlat "$JOOLCTL" -j nat64 monitor bib rcvbuf 1024 >"$W/small" 2>"$W/small.err" &
small=$!
# Listening once it got the event of a static entry.
for i in $(seq 40); do
	jc bib add udp 203.0.113.2#62000 2001:db8:6::6#9000
	sleep 0.5
	grep -q 62000 "$W/small" && break
	jc bib del udp 203.0.113.2#62000
done
jc bib del udp 203.0.113.2#62000
sleep 0.5
before=$(st nat64-log-lost)
check "nat64-log-lost is 0 before the flood" test "$before" = 0
for p in $(seq 1 600); do
	echo "bib add udp 203.0.113.3#$((62000 + p)) 2001:db8:6::100#$p"
done >"$W/flood.conf"
kill -STOP $small
check "600 static entries in one addconf" jc addconf "$W/flood.conf"
kill -CONT $small
sleep 2
kill -TERM $small
wait $small
check "the small monitor ends with status 0 on SIGTERM" test $? = 0
lost=$(st nat64-log-lost)
check "the kernel counted lost events (nat64-log-lost $lost)" gt "$lost" 0
check "the small monitor printed as many as lost, in lost lines" ev "$W/small" \
	"sum(x['count'] or 0 for x in e if x['event'] == 'lost') == $lost"
check "... and got the others: 600 in all" ev "$W/small" \
	"len([x for x in e if x['event'] == 'bib-add' and x['ipv6-address'] == '2001:db8:6::100']) + $lost == 600"
check "the big monitor lost none of the 600" wait_ev "$W/mon" \
	"len([x for x in e if x['event'] == 'bib-add' and x['ipv6-address'] == '2001:db8:6::100' and x['static']]) == 600 and not any(x['event'] == 'lost' for x in e)"
check "stats --explain says what NAT64_LOG_LOST is" sh -c \
	"ip netns exec xlat '$JOOLCTL' nat64 stats --all --explain | grep -A1 '^NAT64_LOG_LOST:' | grep -q 'mapping log events'"

# ---- pool4 flush: every entry goes, logged as such ----
check "pool4 flush" jc pool4 flush
check "600 bib-del, reason pool4, static" wait_ev "$W/mon" \
	"len([x for x in e if x['event'] == 'bib-del' and x.get('reason') == 'pool4' and x['static'] and x['ipv6-address'] == '2001:db8:6::100']) == 600"

# ---- The end ----
kill -TERM $mon $all
wait $mon
check "the JSON monitor ends with status 0 on SIGTERM" test $? = 0
wait $all
check "the text monitor too" test $? = 0
check "neither wrote to stderr" sh -c "! test -s '$W/mon.err' && ! test -s '$W/all.err'"
rm -rf "$W"
finish
