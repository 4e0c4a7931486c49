#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# RFC 7757 Explicit Address Mappings end to end: an IPv6 host whose address
# is not IPv4-translatable (not inside pool6) reaches and is reached from
# IPv4 through an EAM, which wins over pool6 when both match.
. "$(dirname "$0")/lib.sh"
load_module
topo_basic
trap topo_cleanup EXIT

# n6's 2001:db8:6::6 is outside pool6; give it the IPv4 name 198.51.100.66.
check "eamt add" nx "$JOOLCTL" jool0 eamt add 2001:db8:6::6/128 198.51.100.66/32
check "eamt add (IPv4 prefix first, different lengths)" nx "$JOOLCTL" jool0 eamt add 198.51.100.128/26 2001:db8:66::/120
check "eamt show lists both" sh -c "ip netns exec xlat $JOOLCTL jool0 eamt show | grep -c '/' | grep -qx 2"
check_fail "an overlapping EAM is refused" "overlap|exists|contain|already" nx "$JOOLCTL" jool0 eamt add 2001:db8:6::6/128 198.51.100.67/32
check_fail "a longer IPv4 suffix than IPv6 suffix is refused" "suffix" nx "$JOOLCTL" jool0 eamt add 2001:db8:77::/120 10.0.0.0/16
check "eamt show -j is JSON with the entries" sh -c "ip netns exec xlat $JOOLCTL -j jool0 eamt show | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d) == 2, d'"

check "IPv4 reaches the EAM host" n4 ping -4 -c 2 -i 0.2 -W 2 198.51.100.66
# cap NS DEV FILE COUNT FILTER: tcpdump in the background until COUNT
# packets or 20 s, returning once it listens (a fixed sleep was not always
# enough under an emulated CPU, and a capture left waiting hung "wait").
cap() {
	local i
	rm -f "$3.err"
	ip netns exec "$1" timeout 20 tcpdump -i "$2" -U -n -c "$4" -w "$3" "$5" 2>"$3.err" &
	for i in $(seq 100); do
		grep -q "listening on" "$3.err" 2>/dev/null && return
		sleep 0.1
	done
}
cap n4 v4 /tmp/eam.pcap 2 "icmp and src host 198.51.100.66"
check "the EAM host reaches IPv4 from its own address" n6 ping -6 -c 2 -i 0.2 -W 2 -I 2001:db8:6::6 64:ff9b::192.0.2.4
wait
check "...and is seen there as 198.51.100.66" sh -c "tcpdump -r /tmp/eam.pcap -n 2>/dev/null | grep -c '198.51.100.66 >' | grep -qx 2"

# An EAM wins over pool6: 198.51.100.6 is n6's pool6 name (64:ff9b::198.51.100.6);
# map it explicitly to 2001:db8:6::6 and it goes there instead.
check "eamt add over a pool6 address" nx "$JOOLCTL" jool0 eamt add 2001:db8:6::7/128 198.51.100.6/32
ip -n n6 addr add 2001:db8:6::7/128 dev v6 nodad
cap n6 v6 /tmp/eam6.pcap 1 "icmp6 and dst host 2001:db8:6::7"
n4 ping -4 -c 1 -W 2 198.51.100.6 >/dev/null
wait
check "the EAM, not pool6, decided the destination" sh -c "tcpdump -r /tmp/eam6.pcap -n 2>/dev/null | grep -q '> 2001:db8:6::7'"

check "eamt del by IPv4 prefix" nx "$JOOLCTL" jool0 eamt del 198.51.100.6/32
check "eamt del by IPv6 prefix" nx "$JOOLCTL" jool0 eamt del 2001:db8:66::/120
check_fail "deleting what is not there fails" "no such|not found|ESRCH|exist|no EAM has" nx "$JOOLCTL" jool0 eamt del 2001:db8:66::/120
check "pool6 takes over again" n4 ping -4 -c 1 -W 2 198.51.100.6
check "eamt flush" nx "$JOOLCTL" jool0 eamt flush
check "the table is empty" sh -c "test -z \"\$(ip netns exec xlat $JOOLCTL jool0 eamt show | grep /)\""
check "the EAM host is unreachable again" sh -c "! ip netns exec n4 ping -4 -c 1 -W 1 198.51.100.66"

# Many entries in one netlink message: 2000 host EAMs, then one lookup.
for i in $(seq 0 1999); do
	printf '2001:db8:1000::%x/128 10.1.%d.%d/32\n' $i $((i / 250)) $((i % 250 + 1))
done >/tmp/eams
check "2000 EAMs added from a file" nx "$JOOLCTL" jool0 eamt add-file /tmp/eams
check "all 2000 are listed (dump across several messages)" sh -c "test \$(ip netns exec xlat $JOOLCTL jool0 eamt show | grep -c /) = 2000"

# 100k EAMs: add-file sends them 1170 to a message, and the kernel rebuilds
# the table for each; then one lookup among them (the EAM host again).
check "eamt flush before 100k" nx "$JOOLCTL" jool0 eamt flush
awk 'BEGIN { print "2001:db8:6::6/128 198.51.100.66/32"
	for (i = 0; i < 99999; i++)
		printf "2001:db8:100:%x:%x::/128 10.%d.%d.%d/32\n", int(i / 65536), i % 65536,
			int(i / 65536), int(i / 256) % 256, i % 256 }' >/tmp/eams100k
ms() { echo $(($(date +%s%N) / 1000000)); }
t0=$(ms)
check "100000 EAMs added from a file" nx "$JOOLCTL" jool0 eamt add-file /tmp/eams100k
t1=$(ms)
check "the summary counts 100000" sh -c "ip netns exec xlat $JOOLCTL -j jool0 show | /usr/bin/python3 -c 'import json,sys; n = json.load(sys.stdin)[\"eamt-entries\"]; assert n == 100000, n'"
t2=$(ms)
check "all 100000 are listed" sh -c "test \$(ip netns exec xlat $JOOLCTL jool0 eamt show | grep -c /) = 100000"
t3=$(ms)
echo "# 100000 EAMs: add-file $((t1 - t0)) ms, show (count) $((t2 - t1)) ms, eamt show $((t3 - t2)) ms"
check "IPv4 reaches the EAM host through a 100k-entry table" n4 ping -4 -c 2 -i 0.2 -W 2 198.51.100.66

finish
