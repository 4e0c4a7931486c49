#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# RFC 7757 Explicit Address Mappings end to end: an IPv6 host whose address
# is not IPv4-translatable (not inside pool6) reaches and is reached from
# IPv4 through an EAM, which wins over pool6 when both match.
. "$(dirname "$0")/lib.sh"
load_module
topo_basic
trap topo_cleanup EXIT

# Every configuration snapshot the module publishes, counted with a kprobe
# on jool_config_publish(): how many table rebuilds a command caused.
TR=/sys/kernel/tracing
mountpoint -q $TR || mount -t tracefs nodev $TR
echo 'p:jool_publish jool_config_publish' >>$TR/kprobe_events &&
	echo 1 >$TR/events/kprobes/jool_publish/enable
publishes_reset() { echo >$TR/trace; }
publishes() { grep -c 'jool_publish:' $TR/trace; }
publishes_are() {
	local n
	n=$(publishes)
	[ "$n" = "$1" ] && return 0
	echo "$n snapshots published, expected $1"
	return 1
}
check "the publish probe is in place" test -e $TR/events/kprobes/jool_publish/enable
# is_out TEXT CMD...: CMD succeeds and its output contains TEXT.
is_out() {
	local want=$1 out
	shift
	out=$("$@" 2>&1) || { echo "$out"; return 1; }
	case $out in *"$want"*) return 0 ;; esac
	echo "expected $want in: $out"
	return 1
}
dump() { nx /usr/bin/python3 "$TOP/test/netns/eamt_dump.py" jool0 "$@"; }

# A NAT64 device has no EAMT: every EAMT command is refused. ("mode" needs
# the iproute2 plugin, as in 20-joolctl.sh.)
MULTIARCH=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
mkdir -p "/usr/lib/$MULTIARCH/ip" &&
	cp "$TOP/usr/iproute2/link_jool.so" "/usr/lib/$MULTIARCH/ip/link_jool.so"
check "ip link add nat0 type jool mode nat64" ip -n xlat link add nat0 type jool mode nat64
nat64_err="^joolctl: nat0: the EAMT is a SIIT feature; this is a NAT64 device$"
echo "2001:db8:6::6/128 198.51.100.66/32" >/tmp/nat64.eams
check_fail "NAT64: eamt show refused" "$nat64_err" nx "$JOOLCTL" nat0 eamt show
check_fail "NAT64: eamt add refused" "$nat64_err" \
	nx "$JOOLCTL" nat0 eamt add 2001:db8:6::6/128 198.51.100.66/32
check_fail "NAT64: eamt add-file refused" "$nat64_err" \
	nx "$JOOLCTL" nat0 eamt add-file /tmp/nat64.eams
check_fail "NAT64: eamt del refused" "$nat64_err" nx "$JOOLCTL" nat0 eamt del 198.51.100.66/32
check_fail "NAT64: eamt flush refused" "$nat64_err" nx "$JOOLCTL" nat0 eamt flush
check "NAT64: show has no eamt line" sh -c "out=\$(ip netns exec xlat $JOOLCTL nat0 show) && echo \"\$out\" | grep -q '^mode: *nat64$' && ! echo \"\$out\" | grep -q '^eamt:'"
check "NAT64: show -j has no eamt-entries" sh -c "ip netns exec xlat $JOOLCTL -j nat0 show | /usr/bin/python3 -c 'import json,sys; assert \"eamt-entries\" not in json.load(sys.stdin)'"
ip -n xlat link del nat0

# n6's 2001:db8:6::6 is outside pool6; give it the IPv4 name 198.51.100.66.
check "eamt add" nx "$JOOLCTL" jool0 eamt add 2001:db8:6::6/128 198.51.100.66/32
check "eamt add (IPv4 prefix first, different lengths)" nx "$JOOLCTL" jool0 eamt add 198.51.100.128/26 2001:db8:66::/120
check "eamt show lists both" sh -c "ip netns exec xlat $JOOLCTL jool0 eamt show | grep -c '/' | grep -qx 2"
check_fail "an overlapping EAM is refused" "overlap|exists|contain|already" nx "$JOOLCTL" jool0 eamt add 2001:db8:6::6/128 198.51.100.67/32
check_fail "a longer IPv4 suffix than IPv6 suffix is refused" "suffix" nx "$JOOLCTL" jool0 eamt add 2001:db8:77::/120 10.0.0.0/16
check "eamt show -j is JSON with the entries" sh -c "ip netns exec xlat $JOOLCTL -j jool0 eamt show | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d) == 2, d'"

# A prefix without a length is an address: a /128 or a /32, as in Jool, in
# add, del and add-file lines alike.
# eam_listed V6 V4: "eamt show" has the entry V6 V4.
eam_listed() {
	nx "$JOOLCTL" jool0 eamt show | grep -Eq "^$1 +$2\$" && return 0
	nx "$JOOLCTL" jool0 eamt show
	return 1
}
check "eamt add without lengths" nx "$JOOLCTL" jool0 eamt add 2001:db8:6::8 198.51.100.68
check "...is a /128 and a /32" eam_listed 2001:db8:6::8/128 198.51.100.68/32
check "eamt del by an IPv4 address" nx "$JOOLCTL" jool0 eamt del 198.51.100.68
check "...deletes it" sh -c "! ip netns exec xlat $JOOLCTL jool0 eamt show | grep -q 198.51.100.68"
check "eamt add, IPv4 address first, IPv6 prefix" nx "$JOOLCTL" jool0 eamt add 198.51.100.68 2001:db8:6::8/128
check "eamt del by an IPv6 address" nx "$JOOLCTL" jool0 eamt del 2001:db8:6::8
check "...deletes it" sh -c "! ip netns exec xlat $JOOLCTL jool0 eamt show | grep -q 2001:db8:6::8"
printf '2001:db8:6::9 198.51.100.69\n198.51.100.70/32 2001:db8:6::a  # mixed\n' >/tmp/bare.eams
check "eamt add-file, lines without lengths" nx "$JOOLCTL" jool0 eamt add-file /tmp/bare.eams
check "...first line: a /128 and a /32" eam_listed 2001:db8:6::9/128 198.51.100.69/32
check "...second line: a /128" eam_listed 2001:db8:6::a/128 198.51.100.70/32
check "eamt del both addresses of an entry" nx "$JOOLCTL" jool0 eamt del 2001:db8:6::9 198.51.100.69
check "eamt del the other" nx "$JOOLCTL" jool0 eamt del 198.51.100.70
check "the table is back to two entries" sh -c "ip netns exec xlat $JOOLCTL jool0 eamt show | grep -c '/' | grep -qx 2"

check "IPv4 reaches the EAM host" n4 ping -4 -c 2 -i 0.2 -W 2 198.51.100.66
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
publishes_reset
check "eamt flush" nx "$JOOLCTL" jool0 eamt flush
check "flushing a table publishes one snapshot" publishes_are 1
check "the table is empty" sh -c "test -z \"\$(ip netns exec xlat $JOOLCTL jool0 eamt show | grep /)\""
publishes_reset
check "eamt flush of the empty table" nx "$JOOLCTL" jool0 eamt flush
check "flushing an empty table publishes nothing" publishes_are 0
check "the EAM host is unreachable again" sh -c "! ip netns exec n4 ping -4 -c 1 -W 1 198.51.100.66"

# Many entries in one netlink message: 2000 host EAMs, then one lookup.
for i in $(seq 0 1999); do
	printf '2001:db8:1000::%x/128 10.1.%d.%d/32\n' $i $((i / 250)) $((i % 250 + 1))
done >/tmp/eams
check "2000 EAMs added from a file" nx "$JOOLCTL" jool0 eamt add-file /tmp/eams
check "all 2000 are listed (dump across several messages)" sh -c "test \$(ip netns exec xlat $JOOLCTL jool0 eamt show | grep -c /) = 2000"

# The dump's generation travels with the table in the snapshot: a new
# table mid-dump flags NLM_F_DUMP_INTR, a global changed mid-dump does not.
check "a quiet dump is clean" is_out "2000 clean" dump
check "an EAM added mid-dump interrupts it" is_out "intr" \
	dump "$JOOLCTL" jool0 eamt add 2001:db8:2000::/128 10.200.0.1/32
check "a global changed mid-dump does not" is_out "2001 clean" \
	dump "$JOOLCTL" jool0 global set tos 0
check "an EAM deleted mid-dump interrupts it" is_out "intr" \
	dump "$JOOLCTL" jool0 eamt del 10.200.0.1/32

# The kernel names the entry it refuses (NLMSGERR_ATTR_OFFS), and joolctl
# its line; joolctl's own checks are skipped to get there. The culprit is
# deep in the file, so past the first JOOL_A_EAMT nest (1170 entries).
for i in $(seq 0 2999); do
	printf '2001:db8:3000::%x/128 10.3.%d.%d/32\n' "$i" $((i / 250)) $((i % 250 + 1))
done >/tmp/eams.bad
sed -i '2500s|.*|2001:db8:3000::ffff/128 10.1.0.1/32|' /tmp/eams.bad
publishes_reset
check_fail "a refused entry is named by its line" \
	"^joolctl: jool0: /tmp/eams.bad:2500: IPv4 prefix is already in the EAMT$" \
	nx env JOOLCTL_TEST_NO_PRECHECK=1 "$JOOLCTL" jool0 eamt add-file /tmp/eams.bad
check "...and nothing was added or published" sh -c "test \$(ip netns exec xlat $JOOLCTL jool0 eamt show | grep -c /) = 2000 && test \$(grep -c jool_publish: $TR/trace) = 0"
sed -i '2500s|.*|2001:db8:3000::ff00/120 10.1.0.0/24|' /tmp/eams.bad
check_fail "an overlap is named by its line" \
	"^joolctl: jool0: /tmp/eams.bad:2500: IPv4 prefix overlaps another EAM \(allowed only with force\)$" \
	nx env JOOLCTL_TEST_NO_PRECHECK=1 "$JOOLCTL" jool0 eamt add-file /tmp/eams.bad
sed -i '2500s|.*|2001:db8:3000::ff00/120 10.99.0.0/16|' /tmp/eams.bad
check_fail "a suffix violation is named by its line" \
	"^joolctl: jool0: /tmp/eams.bad:2500: EAM IPv4 suffix is longer than its IPv6 suffix$" \
	nx env JOOLCTL_TEST_NO_PRECHECK=1 "$JOOLCTL" jool0 eamt add-file /tmp/eams.bad
check "the table still has its 2000 entries" sh -c "test \$(ip netns exec xlat $JOOLCTL jool0 eamt show | grep -c /) = 2000"

# A full table, 65536 EAMs (EAMT_MAX_ENTRIES): add-file sends them in one
# request (57 JOOL_A_EAMT nests) and the kernel builds the table once;
# then one lookup among them (the EAM host again), and one entry more is
# refused with the cap in the message, by itself or as line 65537 of a file.
check "eamt flush before a full table" nx "$JOOLCTL" jool0 eamt flush
awk 'BEGIN { print "2001:db8:6::6/128 198.51.100.66/32"
	for (i = 0; i < 65536; i++)
		printf "2001:db8:100:%x:%x::/128 10.%d.%d.%d/32\n", int(i / 65536), i % 65536,
			int(i / 65536), int(i / 256) % 256, i % 256 }' >/tmp/eams65537
head -n 65536 /tmp/eams65537 >/tmp/eams65536
ms() { echo $(($(date +%s%N) / 1000000)); }
full_err='the EAMT is full \(65536 entries at most\)$'
check_fail "65537 EAMs in one file: the last line is refused" \
	"^joolctl: jool0: /tmp/eams65537:65537: $full_err" \
	nx "$JOOLCTL" jool0 eamt add-file /tmp/eams65537
check "...and nothing was added" sh -c "test -z \"\$(ip netns exec xlat $JOOLCTL jool0 eamt show | grep /)\""
publishes_reset
t0=$(ms)
check "65536 EAMs added from a file" nx "$JOOLCTL" jool0 eamt add-file /tmp/eams65536
t1=$(ms)
check "...with one table rebuild" publishes_are 1
check "the summary counts 65536" sh -c "ip netns exec xlat $JOOLCTL -j jool0 show | /usr/bin/python3 -c 'import json,sys; n = json.load(sys.stdin)[\"eamt-entries\"]; assert n == 65536, n'"
t2=$(ms)
check "all 65536 are listed" sh -c "test \$(ip netns exec xlat $JOOLCTL jool0 eamt show | grep -c /) = 65536"
t3=$(ms)
check_fail "one more EAM: the table is full" "^joolctl: jool0: $full_err" \
	nx "$JOOLCTL" jool0 eamt add 2001:db8:7::7/128 198.51.100.77/32
# A change of a full table: delete one entry, add it back (one rebuild each).
t4=$(ms)
check "delete from a full table" nx "$JOOLCTL" jool0 eamt del 10.0.0.5/32
t5=$(ms)
check "...and the freed place can be taken" nx "$JOOLCTL" jool0 eamt add 2001:db8:7::7/128 198.51.100.77/32
t6=$(ms)
echo "# 65536 EAMs: add-file $((t1 - t0)) ms, show (count) $((t2 - t1)) ms, eamt show $((t3 - t2)) ms, del $((t5 - t4)) ms, add $((t6 - t5)) ms"
check "IPv4 reaches the EAM host through a full table" n4 ping -4 -c 2 -i 0.2 -W 2 198.51.100.66
# A file whose every entry is already in a large table: joolctl names the
# first line the kernel refused, and fetches the table to say why (it used
# to read that table after freeing it: a crash once the table is big
# enough for malloc to unmap it; MALLOC_PERTURB_ makes glibc overwrite
# freed memory, so a read after free shows in smaller tables too).
check "eamt flush before the duplicates" nx "$JOOLCTL" jool0 eamt flush
head -n 30000 /tmp/eams65536 >/tmp/eams30000
check "30000 EAMs added" nx "$JOOLCTL" jool0 eamt add-file /tmp/eams30000
check_fail "the same 30000 again: already in the EAMT" \
	"^joolctl: /tmp/eams30000:[0-9]+: IPv4 prefix [0-9./]+ is already in the EAMT$" \
	nx env MALLOC_PERTURB_=165 "$JOOLCTL" jool0 eamt add-file /tmp/eams30000

finish
