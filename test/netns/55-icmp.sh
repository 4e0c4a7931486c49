#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ICMP errors cross the translator (RFC 7915 4.2/4.3, 5.2/5.3): port
# unreachable both ways, and path MTU discovery end to end, whichever side
# has the smaller MTU.
. "$(dirname "$0")/lib.sh"
load_module
topo_basic
trap topo_cleanup EXIT

# Port unreachable from the IPv6 host, seen by the IPv4 sender.
cap n4 v4 /tmp/pu4.pcap 1 "icmp and icmp[0] == 3 and icmp[1] == 3"
n4 sh -c 'echo x | timeout 2 nc -4 -u -w 1 198.51.100.6 9' >/dev/null 2>&1
wait
check "ICMPv6 port unreachable arrives as ICMPv4 port unreachable" sh -c "tcpdump -r /tmp/pu4.pcap -n 2>/dev/null | grep -q '198.51.100.6 > 192.0.2.4: ICMP 198.51.100.6 udp port 9 unreachable'"
check "...with valid checksums (outer and inner)" /usr/bin/python3 "$TOP/test/netns/pcap_check.py" /tmp/pu4.pcap --family 4 --ttl 63

# Port unreachable from the IPv4 host, seen by the IPv6 sender.
cap n6 v6 /tmp/pu6.pcap 1 "icmp6 and ip6[40] == 1 and ip6[41] == 4"
n6 sh -c 'echo x | timeout 2 nc -6 -u -w 1 64:ff9b::192.0.2.4 9' >/dev/null 2>&1
wait
check "ICMPv4 port unreachable arrives as ICMPv6 port unreachable" sh -c "tcpdump -r /tmp/pu6.pcap -n 2>/dev/null | grep -q '64:ff9b::c000:204 > 64:ff9b::c633:6406: ICMP6, destination unreachable, unreachable port, 64:ff9b::c000:204 udp port 9'"
check "...with a valid checksum" /usr/bin/python3 "$TOP/test/netns/pcap_check.py" /tmp/pu6.pcap --family 6 --ttl 63

# PMTU, IPv4 sender, small IPv6 link: 1400-byte IPv6 link behind the
# translator. A 1400-byte IPv4 packet (DF) would become 1420 bytes of IPv6,
# too big for its route: the translator answers "fragmentation needed, MTU
# 1380" itself (1400 minus the 20 bytes translation adds).
ip -n xlat link set x6 mtu 1400
ip -n n6 link set v6 mtu 1400
check "a 1380-byte IPv4 packet fits (1400 bytes as IPv6)" n4 ping -4 -c 1 -W 2 -M do -s 1352 198.51.100.6
n4 ping -4 -c 2 -W 2 -M do -s 1372 198.51.100.6 >/dev/null 2>&1
check "the IPv4 sender learnt MTU 1380" sh -c "ip -n n4 route get 198.51.100.6 | grep -q 'mtu 1380'"
check "and can use it" n4 ping -4 -c 1 -W 2 -M do -s 1352 198.51.100.6

# PMTU, IPv6 sender, small IPv4 link: 1300 bytes on the IPv4 side. IPv6
# packets of 1320+ bytes would become IPv4 packets over 1300 with DF (over
# 1260): the translator answers "packet too big, MTU 1320".
# (IPv6 side back to 1500, so that n6 does not fragment the probe itself.)
ip -n xlat link set x6 mtu 1500
ip -n n6 link set v6 mtu 1500
ip -n xlat link set x4 mtu 1300
ip -n n4 link set v4 mtu 1300
n6 ping -6 -c 2 -W 2 -s 1400 64:ff9b::192.0.2.4 >/dev/null 2>&1
check "the IPv6 sender learnt MTU 1320" sh -c "ip -n n6 -6 route get 64:ff9b::192.0.2.4 | grep -q 'mtu 1320'"
check "and pings that fit get through" n6 ping -6 -c 1 -W 2 -s 1272 64:ff9b::192.0.2.4
n4 iperf3 -s -D -1 -B 192.0.2.4 >/dev/null
wait_listen n4 5201
check "TCP adapts to both path MTUs" n6 iperf3 -c 64:ff9b::192.0.2.4 -t 2

check "the errors were counted as translated" gt "$(jstat xlat jool0 xlat64)" 0

# The "too big" errors come from the translator itself, as from the router
# the sender sees (and as Jool sends them), not translated from the other
# family's forward (which would quote less, from an address of the other
# side translated or made up): its own address on the sender's side, the
# longest quote the kernel sends (548 bytes of IPv4, 1232 of IPv6), the
# MTU of the translated packet's route adjusted by 20 bytes. Checked byte
# by byte by icmp_gen_probe.py (quote, MTU, checksum, source).
probe() { ip netns exec "$1" /usr/bin/python3 "$TOP/test/netns/icmp_gen_probe.py" "$2"; }
big=$(jstat xlat jool0 too-big)
check "IPv6 sender, 1300-byte IPv4 route: packet too big, MTU 1320, from 2001:db8:6::1" \
	probe n6 v6-too-big
ip -n xlat link set x4 mtu 1500
ip -n n4 link set v4 mtu 1500
ip -n xlat link set x6 mtu 1300
ip -n n6 link set v6 mtu 1300
check "IPv4 sender, 1300-byte IPv6 route: fragmentation needed, MTU 1280, from 192.0.2.1" \
	probe n4 v4-too-big
check "...both counted as too-big" test "$(($(jstat xlat jool0 too-big) - big))" = 2
finish
