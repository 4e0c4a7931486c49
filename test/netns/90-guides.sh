#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The guides in docs/ are tests (issue 11): for each one, build the network
# it assumes (namespaces and veth links standing for the machines and
# networks of the guide, with the addresses it names), then run the
# guide's marked commands exactly as written (test/guide.py): its setup,
# and its "it works" checks.
#
# Each guide says what it assumes; the lab provides that and nothing more.
# Where a guide needs "the IPv4 Internet", the lab gives it one host,
# 192.0.2.4, with a web server (www.example.test) and an authoritative
# name server for example.test and ipv4only.arpa (RFC 7050's name, with
# RFC 8880's two A records), standing for the real ones.
. "$(dirname "$0")/lib.sh"

GUIDE=$TOP/test/guide.py
W=$(mktemp -d /tmp/guides.XXXXXX)
chmod 755 "$W"
trap 'lab_cleanup; rm -rf "$W"' EXIT

# lab_internet NS: NS (192.0.2.4) serves http://www.example.test/ and the
# zones example.test and ipv4only.arpa.
lab_internet() {
	mkdir -p "$W/www"
	echo "hello from the IPv4 Internet" >"$W/www/index.html"
	chmod -R a+rX "$W/www"
	ip netns exec "$1" /usr/bin/python3 -m http.server --bind 192.0.2.4 \
		-d "$W/www" 80 >"$W/http.log" 2>&1 &
	pids+=($!)
	printf '%s\n' '$ORIGIN example.test.' '$TTL 300' \
		'@ IN SOA ns hostmaster 1 3600 600 86400 300' '@ IN NS ns' \
		'ns IN A 192.0.2.4' 'www IN A 192.0.2.4' >"$W/example.test.zone"
	printf '%s\n' '$ORIGIN ipv4only.arpa.' '$TTL 300' \
		'@ IN SOA ns.example.test. hostmaster.example.test. 1 3600 600 86400 300' \
		'@ IN NS ns.example.test.' '@ IN A 192.0.0.170' \
		'@ IN A 192.0.0.171' >"$W/ipv4only.arpa.zone"
	{
		unbound_conf "$W" internet 192.0.2.4 iterator
		for z in example.test ipv4only.arpa; do
			printf 'auth-zone:\n\tname: "%s."\n\tzonefile: "%s"\n' \
				$z "$W/$z.zone"
			printf '\tfor-downstream: yes\n\tfor-upstream: no\n'
		done
	} >"$W/internet.conf"
	ip netns exec "$1" unbound -c "$W/internet.conf" &
	pids+=($!)
	check "lab: the IPv4 Internet's web server" wait_listen "$1" 80
	check "lab: the IPv4 Internet's name server" wait_listen "$1" 53 udp
}

# guide FILE: run docs/FILE on the lab built for it, its results counted.
guide() {
	counted /usr/bin/python3 -u "$GUIDE" "$TOP/docs/$1"
}

# lab_site HOST HOSTADDR ROUTER ROUTERADDR: an IPv6-only host on a /64 with
# its router, which faces the IPv4 Internet (lab_internet) on eth1:
#
#   HOST ------------------ ROUTER ------------------ internet
#   eth0 HOSTADDR/64        eth0 ROUTERADDR/64        eth0 192.0.2.4/24
#                           eth1 192.0.2.1/24
lab_site() {
	lab_ns "$1" "$3" internet
	lab_link "$1" eth0 "$2/64" "$3" eth0 "$4/64"
	lab_link "$3" eth1 192.0.2.1/24 internet eth0 192.0.2.4/24
	ip -n "$1" route add default via "$4"
	ip -n internet route add default via 192.0.2.1
	lab_internet internet
}

load_module
install_plugin

# ---- docs/nat64-dns64.md ----
echo "### nat64-dns64.md"
lab_site client 2001:db8:6::6 router 2001:db8:6::1
guide nat64-dns64.md
lab_cleanup

# ---- docs/464xlat.md ----
echo "### 464xlat.md"
lab_site clat 2001:db8:1::2 plat 2001:db8:1::1
guide 464xlat.md
# What the guide says of "joolctl check" on a CLAT.
check "464xlat.md: joolctl jool0 check on the CLAT: 3 problems" \
	says '^3 problems found$' ip netns exec clat "$JOOLCTL" jool0 check
# What the guide says of the MTU: an IPv4 packet of 1480 bytes with DF
# fits (1500 as IPv6 on eth0), one byte more is refused at the host by the
# route's mtu 1480; the echo reply (no DF) of a ping over 1260 bytes is cut
# by the PLAT to fit lowest-ipv6-mtu 1280, and the CLAT drops the ICMPv6
# fragments (FRAGMENT) until the PLAT's lowest-ipv6-mtu is 1500.
ping_clat() { ip netns exec clat ping -c 2 -W 3 -M do -s "$1" 192.0.2.4; }
check "464xlat.md: a 1260-byte IPv4 ping with DF, through CLAT and PLAT" \
	ping_clat 1232
f0=$(jstat clat jool0 fragment)
check "464xlat.md: a 1480-byte one: its replies come back as fragments" \
	exits 1 ping_clat 1452
check "464xlat.md: ... which the CLAT drops, counted as FRAGMENT" \
	test $(($(jstat clat jool0 fragment) - f0)) -eq 4
check "464xlat.md: the PLAT's lowest-ipv6-mtu 1500, as the guide says" \
	ip netns exec plat "$JOOLCTL" nat64 global set lowest-ipv6-mtu 1500
check "464xlat.md: then the 1480-byte ping goes through" ping_clat 1452
check "464xlat.md: a 1481-byte one is refused by the route (mtu 1480)" \
	says 'mtu = 1480|too long' ping_clat 1453
lab_cleanup

# ---- docs/migrating-from-jool.md ----
echo "### migrating-from-jool.md"
lab_site client 2001:db8:6::6 router 2001:db8:6::1
# The router ran Jool: its /etc/jool is there ("ip netns exec" binds
# /etc/netns/router/jool over it, and cannot if it does not exist).
mkdir -p /etc/jool
guide migrating-from-jool.md
lab_cleanup

# ---- docs/siit-dc.md ----
#   client ------------ edge ------------------ dcrouter ------------------ server
#   eth0 192.0.2.100/24 eth1 192.0.2.1/24       eth0 2001:db8:ffff::2/64    eth0 2001:db8:dc::80/64
#                       eth0 2001:db8:ffff::1/64 eth1 2001:db8:dc::1/64
echo "### siit-dc.md"
lab_ns client edge dcrouter server
lab_link client eth0 192.0.2.100/24 edge eth1 192.0.2.1/24
lab_link edge eth0 2001:db8:ffff::1/64 dcrouter eth0 2001:db8:ffff::2/64
lab_link dcrouter eth1 2001:db8:dc::1/64 server eth0 2001:db8:dc::80/64
ip -n client route add default via 192.0.2.1
ip netns exec dcrouter sysctl -qw net.ipv6.conf.all.forwarding=1
ip -n edge route add 2001:db8:dc::/64 via 2001:db8:ffff::2
ip -n server route add default via 2001:db8:dc::1
guide siit-dc.md
lab_cleanup

finish
