#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Deleting devices, deleting their netns and unloading the module while
# traffic flows: no oops, no WARN (the VM's kernel-log check), and every
# device the module created is destroyed (its debug messages balance).
. "$(dirname "$0")/lib.sh"
load_module
echo "module jool_netdev +p" >/sys/kernel/debug/dynamic_debug/control

flood() { # run ping floods both ways in the background
	n6 ping -6 -f -W 1 64:ff9b::192.0.2.4 >/dev/null 2>&1 &
	n4 ping -4 -f -W 1 198.51.100.6 >/dev/null 2>&1 &
	n4 iperf3 -s -D -B 192.0.2.4 >/dev/null 2>&1
	wait_listen n4 5201
	n6 iperf3 -c 64:ff9b::192.0.2.4 -t 30 >/dev/null 2>&1 &
	sleep 2
}
stop_flood() {
	pkill -f "ping -. -f" 2>/dev/null
	pkill iperf3 2>/dev/null
	wait 2>/dev/null
}

topo_basic
flood
check "traffic flows before the delete" gt "$(jstat xlat jool0 xlat64)" 10
check "ip link del under traffic" ip -n xlat link del jool0
stop_flood
check "the device is gone" sh -c "! ip -n xlat link show jool0 2>/dev/null"
topo_cleanup

topo_basic
flood
check "netns deletion under traffic" ip netns del xlat
stop_flood
topo_cleanup

# An unfinished dump holds no reference to its device: deleting the device
# does not wait for a reader that never comes back for the rest.
ip netns add hold
ip -n hold link add jool0 type jool
for i in $(seq 0 1999); do
	printf '2001:db8:1000::%x/128 10.1.%d.%d/32\n' $i $((i / 250)) $((i % 250 + 1))
done >/tmp/eams.hold
ip netns exec hold "$JOOLCTL" jool0 eamt add-file /tmp/eams.hold
ip netns exec hold /usr/bin/python3 "$TOP/test/netns/dump_hold.py" jool0 20 \
	>/tmp/dump_hold.out &
holder=$!
for _ in $(seq 50); do
	grep -q holding /tmp/dump_hold.out 2>/dev/null && break
	sleep 0.1
done
check "ip link del with an unread EAMT dump returns promptly" \
	ip netns exec hold timeout 5 ip link del jool0
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
ip netns del hold

# The device's sysctls are set once, when it is created: what the
# administrator sets afterwards survives down and up (docs/design.md).
ip netns add sysc
ip -n sysc link add jool0 type jool
sc() { ip netns exec sysc sysctl -n "net.ipv$1.conf.jool0.$2"; }
check "created with send_redirects 0, before the first up" test "$(sc 4 send_redirects)" = 0
check "created with accept_local 1, before the first up" test "$(sc 4 accept_local)" = 1
check "created with addr_gen_mode 1 (none), before the first up" test "$(sc 6 addr_gen_mode)" = 1
ip -n sysc link set jool0 up
ip netns exec sysc sysctl -qw net.ipv4.conf.jool0.send_redirects=1 \
	net.ipv4.conf.jool0.accept_local=0 net.ipv6.conf.jool0.addr_gen_mode=3
ip -n sysc link set jool0 down
ip -n sysc link set jool0 up
check "the administrator's send_redirects 1 survives down and up" test "$(sc 4 send_redirects)" = 1
check "the administrator's accept_local 0 survives down and up" test "$(sc 4 accept_local)" = 0
check "the administrator's addr_gen_mode 3 (random) survives down and up" test "$(sc 6 addr_gen_mode)" = 3
ip netns del sysc

topo_basic
ip netns add spare
ip -n spare link add jool0 type jool
ip -n spare link add jool9 type jool mode nat64
flood
check "rmmod with live devices in two netns, under traffic" rmmod jool_netdev
stop_flood
check "the devices went with the module" sh -c "! ip -n xlat link show jool0 2>/dev/null && ! ip -n spare link show jool0 2>/dev/null"
topo_cleanup
ip netns del spare

sleep 1
created=$(dmesg | grep -c 'device created')
destroyed=$(dmesg | grep -c 'device destroyed')
check "every device created was destroyed ($created / $destroyed)" test "$created" = "$destroyed" -a "$created" -ge 5
load_module
check "the module loads again" sh -c "lsmod | grep -q jool_netdev"

finish
