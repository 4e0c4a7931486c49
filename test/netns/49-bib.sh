#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The NAT64 state tables through joolctl: static BIB add, show and del in
# our words and in Jool's (--tcp/--udp/--icmp, display, remove, protocol
# default tcp, either side on delete), the errors (not in pool4,
# duplicates and collisions, bad input: one stderr line, exit status,
# show's filters (IPv6 and IPv4 address, port optional),
# nothing changed; half a transport address in a raw request), session
# show (empty: nothing creates sessions yet), a
# 20000-entry BIB dumped in many messages with no entry twice (also with a
# change in the middle), pool4 removal taking BIB entries (and "quick"
# not), SIIT devices refusing it all, the slab object sizes, and device
# deletion and rmmod with a full table (the runner checks the kernel log).
. "$(dirname "$0")/lib.sh"
load_module
install_plugin
trap 'ip netns del xlat 2>/dev/null' EXIT
ip netns add xlat && ip -n xlat link set lo up
check "a NAT64 device and a SIIT one" sh -c 'ip -n xlat link add nat64 type jool mode nat64 pool6 64:ff9b::/96 && ip -n xlat link add siit0 type jool'

jc() { nx "$JOOLCTL" nat64 "$@"; }
bad() { check_status "$@"; }
# rows [PROTO]: the JSON entries as "proto v4#port v6#port static".
rows() {
	jc -j bib show "$@" | /usr/bin/python3 -c '
import json, sys
for e in json.load(sys.stdin):
    print(e["protocol"], "%s#%d" % (e["ipv4-address"], e["ipv4-port"]),
          "%s#%d" % (e["ipv6-address"], e["ipv6-port"]),
          "static" if e["static"] else "dynamic")'
}
count() { jc -j bib show "$@" | /usr/bin/python3 -c 'import json, sys; print(len(json.load(sys.stdin)))'; }

check "pool4 tcp" jc pool4 add tcp 192.0.2.1 1000-2000
check "pool4 udp" jc pool4 add udp 192.0.2.1 1000-2000
check "pool4 icmp" jc pool4 add icmp 192.0.2.1 0-100

# ---- Commands, spellings, defaults ----
check "empty at creation" out "The tcp BIB is empty." jc bib show
check "empty, JSON" out "[]" jc -j bib show
check "add (default tcp)" jc bib add 192.0.2.1#1000 2001:db8::1#5000
check "Jool's add --tcp, IPv6 first" jc bib add --tcp 2001:db8::2#5000 192.0.2.1#1001
check "add udp" jc bib add udp 192.0.2.1#1000 2001:db8::1#5000
check "Jool's --icmp" jc bib add --icmp 192.0.2.1#7 2001:db8::1#7
check "show: tcp by default, by IPv4 taddr" out "tcp 192.0.2.1#1000 2001:db8::1#5000 static
tcp 192.0.2.1#1001 2001:db8::2#5000 static" rows
check "show udp" out "udp 192.0.2.1#1000 2001:db8::1#5000 static" rows udp
check "display --icmp (Jool's)" out "icmp 192.0.2.1#7 2001:db8::1#7 static" rows --icmp
# Filters (the kernel's, in the dump request).
check "show 2001:db8::2: its entry" out "tcp 192.0.2.1#1001 2001:db8::2#5000 static" rows 2001:db8::2
check "show 192.0.2.1#1000: its entry" out "tcp 192.0.2.1#1000 2001:db8::1#5000 static" rows 192.0.2.1#1000
check "show 192.0.2.1: both" out "tcp 192.0.2.1#1000 2001:db8::1#5000 static
tcp 192.0.2.1#1001 2001:db8::2#5000 static" rows 192.0.2.1
check "show udp 2001:db8::1#5000" out "udp 192.0.2.1#1000 2001:db8::1#5000 static" rows udp 2001:db8::1#5000
check "show 2001:db8::2#5001: none" out "" rows 2001:db8::2#5001
check "show 2001:db8::1 192.0.2.1#1001: none (both must match)" out "" rows 2001:db8::1 192.0.2.1#1001
check "text" out "Proto Type    IPv4 taddr            IPv6 taddr
tcp   static  192.0.2.1#1000        2001:db8::1#5000
tcp   static  192.0.2.1#1001        2001:db8::2#5000" jc bib display
check "session show: empty" out "No tcp sessions." jc session show
check "session show udp, JSON" out "[]" jc -j session show udp
check "session display --icmp" out "No icmp sessions." jc session display --icmp

# ---- Errors: one line on stderr, exit status, nothing changed ----
before=$(rows; rows udp; rows icmp)
bad "not in pool4 (port)" "not in pool4" 1 jc bib add 192.0.2.1#3000 2001:db8::9#1
bad "not in pool4 (address)" "not in pool4" 1 jc bib add 192.0.2.2#1000 2001:db8::9#1
bad "not in that protocol's pool4" "not in pool4" 1 jc bib add icmp 192.0.2.1#500 2001:db8::9#1
bad "the same entry again" "exists" 1 jc bib add 192.0.2.1#1000 2001:db8::1#5000
bad "IPv4 taddr taken" "another entry|exists" 1 jc bib add 192.0.2.1#1000 2001:db8::9#1
bad "IPv6 taddr taken" "another entry|exists" 1 jc bib add 192.0.2.1#1500 2001:db8::1#5000
bad "add without IPv6" "needs an IPv4 and an IPv6" 2 jc bib add 192.0.2.1#1500
bad "no port" "expected ADDRESS#PORT" 2 jc bib add 192.0.2.1 2001:db8::9#1
bad "port 70000" "0-65535" 2 jc bib add 192.0.2.1#70000 2001:db8::9#1
bad "not an address" "not an IPv4 or IPv6" 2 jc bib add 192.0.2.300#1 2001:db8::9#1
bad "two IPv4 taddrs" "more than one IPv4" 2 jc bib add 192.0.2.1#1 192.0.2.1#2
bad "two protocols" "one protocol at most" 2 jc bib add tcp --udp 192.0.2.1#1500 2001:db8::9#1
bad "del with nothing" "needs the IPv4 or the IPv6" 2 jc bib del tcp
bad "del of nothing" "no BIB entry" 1 jc bib del 192.0.2.1#1999
bad "del of both, mismatched" "no BIB entry" 1 jc bib del 192.0.2.1#1000 2001:db8::2#5000
# Raw requests (past joolctl): half a transport address is refused, not
# ignored (a deletion by the other side alone would take the entry).
rawdel() { nx /usr/bin/python3 "$TOP/test/netns/bib_bulk.py" del nat64 "$@" || true; }
check "raw del: IPv6 address without its port" out "the IPv6 transport address needs both its address and its port" rawdel addr6=2001:db8::1 addr4=192.0.2.1 port4=1000
check "raw del: IPv4 port without its address" out "the IPv4 transport address needs both its address and its port" rawdel addr6=2001:db8::1 port6=5000 port4=1000
check "raw del: IPv6 port alone" out "the IPv6 transport address needs both its address and its port" rawdel port6=5000
bad "show with junk" "unexpected argument" 2 jc bib show all
bad "show with a bad port" "the port must be 0-65535" 2 jc bib show 192.0.2.1#65536
bad "session show with junk" "unexpected argument" 2 jc session show all
check "nothing changed" out "$before" eval 'rows; rows udp; rows icmp'

# ---- Delete in every spelling ----
check "del by IPv4 taddr" jc bib del 192.0.2.1#1001
check "Jool's remove --udp by IPv6 taddr" jc bib remove --udp 2001:db8::1#5000
check "del icmp by both" jc bib del icmp 192.0.2.1#7 2001:db8::1#7
check "what is left" out "tcp 192.0.2.1#1000 2001:db8::1#5000 static" eval 'rows; rows udp; rows icmp'
check "a deleted taddr can be reused" jc bib add 192.0.2.1#1001 2001:db8::9#9

# ---- SIIT devices refuse ----
bad "SIIT: bib add" "NAT64 features; this is a SIIT device" 1 nx "$JOOLCTL" siit0 bib add 192.0.2.1#1000 2001:db8::1#1
bad "SIIT: bib del" "NAT64 features" 1 nx "$JOOLCTL" siit0 bib del 192.0.2.1#1000
bad "SIIT: bib show" "NAT64 features|operation not supported" 1 nx "$JOOLCTL" siit0 bib show
bad "SIIT: session show" "NAT64 features|operation not supported" 1 nx "$JOOLCTL" siit0 session show

# ---- pool4 removal takes BIB entries, unless quick ----
check "pool4 add 192.0.2.3" jc pool4 add tcp 192.0.2.3 1000-1010
check "entries on it" eval 'jc bib add 192.0.2.3#1000 2001:db8::30#1 && jc bib add 192.0.2.3#1005 2001:db8::35#1 && jc bib add 192.0.2.3#1010 2001:db8::3a#1'
check "pool4 del of 1005-1010 quick: they stay" jc pool4 del tcp 192.0.2.3 1005-1010 quick
check "3 entries on 192.0.2.3" out 3 sh -c "ip netns exec xlat $JOOLCTL nat64 bib show | grep -c '192.0.2.3#'"
check "pool4 del of 1000-1004: its entry goes, the quick ones stay" jc pool4 del tcp 192.0.2.3 1000-1004
check "the orphans of quick stay" out "tcp 192.0.2.3#1005 2001:db8::35#1 static
tcp 192.0.2.3#1010 2001:db8::3a#1 static" eval 'rows | grep 192.0.2.3' 
check "another mark with the same port keeps an entry" eval 'jc pool4 add tcp 192.0.2.1 1000 mark 5 && jc pool4 del tcp 192.0.2.1 1000-1000'
check "... the entry stays" out 1 sh -c "ip netns exec xlat $JOOLCTL nat64 bib show | grep -c '192.0.2.1#1000 '"
check "pool4 flush: every entry goes" jc pool4 flush
check "BIB empty" out "[]" jc -j bib show

# ---- 20000 entries (12000 on .0, 8000 on .1): dumps in several messages,
# each entry once ----
check "pool4 198.51.100.0/31 1-60000" jc pool4 add tcp 198.51.100.0/31 1-60000 force
check "20000 static entries" out 0 nx /usr/bin/python3 "$TOP/test/netns/bib_bulk.py" add nat64 20000 198.51.100.0
check "dump: 20000, none twice, several messages" sh -c "ip netns exec xlat /usr/bin/python3 $TOP/test/netns/bib_bulk.py dump nat64 | tee /dev/stderr | grep -Eq '^20000 20000 \\(([2-9]|[0-9]{2,}) messages\\)'"
check "dump with deletions in the middle: none twice" sh -c "ip netns exec xlat /usr/bin/python3 $TOP/test/netns/bib_bulk.py dump nat64 ip netns exec xlat $JOOLCTL nat64 bib del 198.51.100.0#1 | tee /dev/stderr | awk '{ exit !(\$1 == \$2 && \$1 >= 19999) }'"
check "joolctl: 20000 lines (minus one) and a header" out 20000 sh -c "ip netns exec xlat $JOOLCTL nat64 bib show | wc -l"
# The object sizes of the caches (SLUB; a merged cache shows its alias).
for c in jool_bib jool_session; do
	sz=$(cat /sys/kernel/slab/$c/object_size 2>/dev/null || echo '?')
	echo "slab $c: object_size $sz, slab_size $(cat /sys/kernel/slab/$c/slab_size 2>/dev/null)"
done
grep -E '^(# name|jool_bib|jool_session) ' /proc/slabinfo
check "BIB entry + session <= 128 bytes" sh -c '[ $(( $(cat /sys/kernel/slab/jool_bib/object_size) + $(cat /sys/kernel/slab/jool_session/object_size) )) -le 128 ]'
check "pool4 del 198.51.100.1: its 8000 entries go" jc pool4 del tcp 198.51.100.1
check "12000 left (minus one)" out 11999 count
check "pool4 del quick: none go" jc pool4 del tcp 198.51.100.0 1-30000 quick
check "11999 left" out 11999 count

# ---- Device deletion and rmmod with a full table ----
check "delete the device with 11999 entries" ip -n xlat link del nat64
check "a new one" ip -n xlat link add nat64 type jool mode nat64 pool6 64:ff9b::/96
check "pool4" jc pool4 add tcp 198.51.100.0/31 1-60000 force
check "20000 static entries again" out 0 nx /usr/bin/python3 "$TOP/test/netns/bib_bulk.py" add nat64 20000 198.51.100.0
check "rmmod with a full table" rmmod jool_netdev
check "the device went with the module" sh -c '! ip -n xlat link show nat64 2>/dev/null'
load_module

finish
