#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# EAM hairpinning (RFC 7757 4) end to end, in each eam-hairpin-mode: two
# IPv6 hosts with EAMs talk through the pool6 names of each other's IPv4
# address, and the translator turns the traffic around.
#
#   h6a [va] ---- [xa] xlat [xb] ---- [vb] h6b        jool0 in xlat
#   2001:db8:a::1 = 203.0.113.1         2001:db8:a::2 = 203.0.113.2
#
# h6a talks to 64:ff9b::203.0.113.2: 6->4 gives 203.0.113.1 -> 203.0.113.2,
# which routing sends back into jool0 (203.0.113.0/24 is routed there), and
# 4->6 turns it into 64:ff9b::203.0.113.1 -> 2001:db8:a::2 (simple and
# intrinsic) or 2001:db8:a::1 -> 2001:db8:a::2 (off: the reply then goes
# straight back to h6a, which does not recognize it).
. "$(dirname "$0")/lib.sh"
load_module

NSS="h6a h6b xlat"
cleanup() {
	local ns
	for ns in $NSS; do
		ip netns del "$ns" 2>/dev/null
	done
	true
}
trap cleanup EXIT
cleanup
for ns in $NSS; do
	ip netns add "$ns"
	ip -n "$ns" link set lo up
done
ip link add va netns h6a type veth peer name xa netns xlat
ip link add vb netns h6b type veth peer name xb netns xlat
nx sysctl -qw net.ipv4.ip_forward=1
nx sysctl -qw net.ipv6.conf.all.forwarding=1
# No redirects for the IPv4 half, forwarded from jool0 back into jool0
# (docs/design.md, "EAM hairpinning").
nx sysctl -qw net.ipv4.conf.all.send_redirects=0
# Each host has one global address, outside its link's subnet: everything
# it sends goes through xlat.
for h in a b; do
	n=$([ $h = a ] && echo 1 || echo 2)
	ip netns exec h6$h sysctl -qw net.ipv6.conf.all.accept_dad=0
	ip netns exec h6$h sysctl -qw net.ipv6.conf.v$h.accept_dad=0
	nx sysctl -qw net.ipv6.conf.x$h.accept_dad=0 2>/dev/null
	ip -n h6$h link set v$h up
	ip -n xlat link set x$h up
	ip -n h6$h addr add 2001:db8:a::$n/128 dev v$h nodad
	ip -n xlat addr add 2001:db8:$n::1/64 dev x$h nodad
	ip -n h6$h route add 2001:db8:$n::1/128 dev v$h
	ip -n h6$h route add default via 2001:db8:$n::1 dev v$h
	ip -n xlat route add 2001:db8:a::$n/128 dev x$h
done

ip -n xlat link add jool0 type jool
nx "$JOOLCTL" jool0 global set pool6 64:ff9b::/96
nx "$JOOLCTL" jool0 eamt add 2001:db8:a::/120 203.0.113.0/24
ip -n xlat link set jool0 up
ip -n xlat route add 64:ff9b::/96 dev jool0
ip -n xlat route add 203.0.113.0/24 dev jool0

# A UDP or TCP exchange from h6a to 64:ff9b::203.0.113.2: h6b answers with
# the address it saw the client at; the client prints it, or fails.
cat >/tmp/hp_peer.py <<'EOF'
import socket, sys
proto, role = sys.argv[1], sys.argv[2]
kind = socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM
s = socket.socket(socket.AF_INET6, kind)
s.settimeout(20)
if role == "server":
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("::", 7000))
    if proto == "tcp":
        s.listen(1)
        open("/tmp/hp_ready", "w").close()
        c, peer = s.accept()
        open("/tmp/hp_seen", "w").write(peer[0] + "\n")
        c.recv(100)
        c.sendall(peer[0].encode())
    else:
        open("/tmp/hp_ready", "w").close()
        data, peer = s.recvfrom(100)
        open("/tmp/hp_seen", "w").write(peer[0] + "\n")
        s.sendto(peer[0].encode(), peer)
else:
    s.connect((sys.argv[3], 7000))
    s.send(b"hello")
    print(s.recv(100).decode())
EOF
# exchange PROTO: runs the server in h6b and the client in h6a; prints
# what the server saw as the client's address.
exchange() {
	rm -f /tmp/hp_ready
	ip netns exec h6b timeout 40 /usr/bin/python3 /tmp/hp_peer.py "$1" server &
	for _ in $(seq 300); do
		[ -e /tmp/hp_ready ] && break
		sleep 0.1
	done
	[ -e /tmp/hp_ready ] || echo "the server did not start"
	ip netns exec h6a /usr/bin/python3 /tmp/hp_peer.py "$1" client 64:ff9b::203.0.113.2
	local rc=$?
	wait
	return $rc
}

set_mode() {
	nx "$JOOLCTL" jool0 global set eam-hairpin-mode "$1"
}
if nx "$JOOLCTL" -j jool0 global show | grep -q '"eam-hairpin-mode"'; then
	modes="intrinsic simple off"
else
	# The default is intrinsic; this joolctl cannot change it.
	echo "# this joolctl has no eam-hairpin-mode: testing the default only"
	modes="default"
	set_mode() { true; }
fi

for mode in $modes; do
	set_mode "$mode"
	h0=$(jstat xlat jool0 hairpin)
	if [ "$mode" != off ]; then
		check "$mode: h6a pings h6b through the hairpin" sh -c \
			"ip netns exec h6a ping -6 -c 2 -i 0.2 -W 2 64:ff9b::203.0.113.2 >/tmp/hp_ping"
		# h6b answers with hop limit 64; one hop for the whole hairpin.
		check "$mode: the reply crossed one hop (ttl=63)" grep -q "ttl=63" /tmp/hp_ping
		check "$mode: so does the request (hop limit 2 is enough, 1 is not)" sh -c \
			"ip netns exec h6a ping -6 -c 1 -W 2 -t 2 64:ff9b::203.0.113.2 &&
			 ! ip netns exec h6a ping -6 -c 1 -W 1 -t 1 64:ff9b::203.0.113.2"
		check "$mode: a UDP exchange; h6b sees h6a as 64:ff9b::cb00:7101" \
			bash -c "$(declare -f exchange); exchange udp | grep -qx 64:ff9b::cb00:7101"
		check "$mode: a TCP connection; h6b sees h6a as 64:ff9b::cb00:7101" \
			bash -c "$(declare -f exchange); exchange tcp | grep -qx 64:ff9b::cb00:7101"
		h1=$(jstat xlat jool0 hairpin)
		check "$mode: the hairpin counter counted ($h0 -> $h1)" gt "$h1" $((h0 + 10))
	else
		# RFC 7757 4.1: h6b sees h6a's own address and answers it
		# directly, from its own, so h6a (waiting for an answer from
		# 64:ff9b::203.0.113.2) never gets one.
		rm -f /tmp/hp_seen
		check "off: the UDP exchange fails" \
			bash -c "$(declare -f exchange); ! exchange udp"
		check "off: ...after h6b got h6a's datagram from 2001:db8:a::1" \
			grep -qx 2001:db8:a::1 /tmp/hp_seen
		# The SYN-ACK comes from 2001:db8:a::2: h6a resets it. The
		# server was listening and the SYN crossed both translations:
		# the failure is the RFC's, not a server that never started.
		x0=$(jstat xlat jool0 xlat46)
		check "off: a TCP connection fails" \
			bash -c "$(declare -f exchange); ! exchange tcp"
		x1=$(jstat xlat jool0 xlat46)
		check "off: ...with the server listening" test -e /tmp/hp_ready
		check "off: ...after its SYN went through the hairpin ($x0 -> $x1)" gt "$x1" "$x0"
		h1=$(jstat xlat jool0 hairpin)
		check "off: the hairpin counter did not move ($h0 -> $h1)" test "$h1" = "$h0"
	fi
done

finish
