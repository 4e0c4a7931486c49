#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Configuration memory and time (docs/design.md, "Configuration memory and
# time"): the memory a table rebuild allocates is charged to the memory
# cgroup of the process that asked for it, so a cgroup limit makes a big
# change fail with ENOMEM; and a slow change on one device does not hold
# up requests on another (the family runs without genl_mutex).
. "$(dirname "$0")/lib.sh"
load_module
install_plugin
topo_basic
trap 'cleanup' EXIT

CG=/sys/fs/cgroup
TR=/sys/kernel/tracing
cleanup() {
	echo 0 >$TR/events/kprobes/enable 2>/dev/null
	for e in jadd_in jadd_out jget; do
		echo "-:$e" >>$TR/kprobe_events 2>/dev/null
	done
	rmdir $CG/jool_a $CG/jool_b 2>/dev/null
	topo_cleanup
}

ip -n xlat link add jool1 type jool
# host_eams N FILE: N host EAMs, 10.x.y.z/32 each.
host_eams() {
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
		printf "2001:db8:100:%x:%x::/128 10.%d.%d.%d/32\n", int(i / 65536), i % 65536,
			int(i / 65536), int(i / 256) % 256, i % 256 }' >"$2"
}
host_eams 60000 /tmp/eams60000
host_eams 65535 /tmp/eams65535
count() { nx "$JOOLCTL" -j "$1" show | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["eamt-entries"])'; }

# ---- Memory cgroup accounting ----
mountpoint -q $CG || mount -t cgroup2 none $CG
echo +memory >$CG/cgroup.subtree_control
mkdir -p $CG/jool_a $CG/jool_b
# in_cg CGROUP CMD...: CMD, run as a member of CGROUP.
in_cg() {
	local cg=$1
	shift
	sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$CG/$cg" "$@"
}
mem() { cat $CG/$1/memory.current; }

# A table built by a process of jool_a stays charged to jool_a once the
# process is gone, until the table is freed: 60000 host EAMs take about
# 4.5 MB (entries, IPv6 order, both range sets).
before=$(mem jool_a)
check "60000 EAMs added from a cgroup" in_cg jool_a ip netns exec xlat "$JOOLCTL" jool1 eamt add-file /tmp/eams60000
after=$(mem jool_a)
echo "# jool_a: $before bytes before, $after after the add (its process gone)"
check "...the table is charged to that cgroup (over 3 MB)" test $((after - before)) -gt 3000000
check "eamt flush (from outside the cgroup)" nx "$JOOLCTL" jool1 eamt flush
# The old table goes after an RCU grace period (kvfree may defer further).
released() {
	local i
	for i in $(seq 50); do
		[ $(($(mem jool_a) + 2000000)) -lt "$after" ] && return 0
		sleep 0.2
	done
	echo "jool_a still at $(mem jool_a) bytes (was $after)"
	return 1
}
check "...and the charge goes with the table" released

# A cgroup limited to 8 MB: joolctl runs in it (a small change succeeds),
# but the rebuild of a 65535-entry table (about 15 MB of scratch and table)
# does not fit: ENOMEM, nothing changed, no OOM kill.
check "65535 EAMs on jool0 (outside any limit)" nx "$JOOLCTL" jool0 eamt add-file /tmp/eams65535
echo 8M >$CG/jool_b/memory.max
echo 0 >$CG/jool_b/memory.swap.max 2>/dev/null
check "in an 8 MB cgroup, one EAM added to a small table" \
	in_cg jool_b ip netns exec xlat "$JOOLCTL" jool1 eamt add 2001:db8:7::7/128 198.51.100.77/32
check_fail "in an 8 MB cgroup, one EAM more on a 65535-entry table: ENOMEM" \
	"^joolctl: jool0: Cannot allocate memory$" \
	in_cg jool_b ip netns exec xlat "$JOOLCTL" jool0 eamt add 2001:db8:7::7/128 198.51.100.77/32
check "...nothing was added" out 65535 count jool0
check "...and nothing was OOM-killed" sh -c "grep -qx 'oom_kill 0' $CG/jool_b/memory.events"
check "the same add outside the cgroup succeeds" nx "$JOOLCTL" jool0 eamt add 2001:db8:7::7/128 198.51.100.77/32
check "...and fills the table" out 65536 count jool0
# A NAT64 device's tables (max-sessions 1048576: 512K buckets in each of
# four indexes, 16 MB) are charged to whoever creates the device.
check_fail "in an 8 MB cgroup, a nat64 device with max-sessions 1048576: ENOMEM" \
	"Cannot allocate memory" \
	in_cg jool_b ip -n xlat link add natbig type jool mode nat64 max-sessions 1048576
check "...no device was made" sh -c "! ip -n xlat link show natbig 2>/dev/null"
check "...and nothing was OOM-killed" sh -c "grep -qx 'oom_kill 0' $CG/jool_b/memory.events"
check "the same device outside the cgroup" ip -n xlat link add natbig type jool mode nat64 max-sessions 1048576
ip -n xlat link del natbig

# ---- A slow change on one device does not block another ----
# kprobes time the EAMT add on jool0 (entry and return) and each
# "global show" (jool_get_device) on jool1; with genl_mutex held for the
# whole add, no show could start inside it.
check "eamt flush jool0" nx "$JOOLCTL" jool0 eamt flush
mountpoint -q $TR || mount -t tracefs nodev $TR
echo 'p:jadd_in jool_nl_eamt_add' >>$TR/kprobe_events &&
	echo 'r:jadd_out jool_nl_eamt_add' >>$TR/kprobe_events &&
	echo 'p:jget jool_get_device' >>$TR/kprobe_events &&
	echo 1 >$TR/events/kprobes/jadd_in/enable &&
	echo 1 >$TR/events/kprobes/jadd_out/enable &&
	echo 1 >$TR/events/kprobes/jget/enable
check "the probes are in place" test -e $TR/events/kprobes/jget/enable
echo >$TR/trace
rm -f /tmp/add.done
(while [ ! -e /tmp/add.done ]; do
	nx "$JOOLCTL" jool1 global show >/dev/null
done) &
shows=$!
sleep 1
check "65535 EAMs added to jool0 while jool1 is read" nx "$JOOLCTL" jool0 eamt add-file /tmp/eams65535
sleep 0.5
touch /tmp/add.done
wait $shows
# overlap: how many jool1 reads started while jool0's add ran.
overlap() {
	awk '{ ev = ""
		for (i = 1; i <= NF; i++) if ($i ~ /^j(add_in|add_out|get):$/) {
			ts = $(i - 1); sub(":", "", ts); ts += 0; ev = $i
		}
		if (ev == "jadd_in:") s = ts
		else if (ev == "jadd_out:") e = ts
		else if (ev == "jget:") g[n++] = ts }
	END { for (k = 0; k < n; k++) if (g[k] > s && g[k] < e) c++
		printf "add %.0f ms, %d of %d reads inside it\n", (e - s) * 1000, c, n
		exit !(s && e && c > 0) }' $TR/trace
}
check "reads of jool1 ran during the add on jool0" overlap
echo "# $(overlap)"

finish
