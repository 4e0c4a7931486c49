#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# jool-netdev-setup on the host: its reading of configuration files, through
# --dry-run (the commands it would run, compared line by line), the errors
# and exit statuses of bad files and bad usage, the example in
# jool-netdev-setup(8), and the unit file (systemd-analyze verify, where
# systemd is installed). Prints ok/not ok
# lines and "setup: N passed, M failed". The VM runs the commands for real
# (test/netns/95-deb.sh).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
setup=$top/usr/systemd/jool-netdev-setup
tmp=$(mktemp -d /tmp/jool-setup.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export JOOL_NETDEV_CONFDIR=$tmp
# shellcheck source=test/hostlib.sh
. "$top/test/hostlib.sh"

# dry DESCRIPTION "ARGS" EXPECTED: jool-netdev-setup -n ARGS exits 0 and
# prints EXPECTED. The configuration is $tmp/jool0.conf, written before.
dry() {
	local desc=$1 args=$2 want=$3 got

	# shellcheck disable=SC2086
	if ! got=$("$setup" -n $args 2>&1); then
		notok "$desc (exit status $?)"
		printf '%s\n' "$got" | sed 's/^/    | /'
		return
	fi
	if [ "$got" = "$want" ]; then
		ok "$desc"
	else
		notok "$desc"
		diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | sed 's/^/    | /'
	fi
}

# bad DESCRIPTION STATUS PATTERN "ARGS": jool-netdev-setup -n ARGS exits
# with STATUS, prints nothing on stdout and one line on stderr matching
# PATTERN.
bad() {
	local desc=$1 status=$2 pattern=$3 args=$4 rc

	# shellcheck disable=SC2086
	"$setup" -n $args >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne "$status" ]; then
		notok "$desc (exit status $rc, want $status)"
	elif [ -s "$tmp/out" ]; then
		notok "$desc (printed commands)"
	elif [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -Eq -- "$pattern" "$tmp/err"; then
		notok "$desc (stderr does not match /$pattern/)"
	else
		ok "$desc"
		return
	fi
	sed 's/^/    | /' "$tmp/out" "$tmp/err"
}

conf() {
	printf '%s\n' "$@" >"$tmp/jool0.conf"
}

echo "== dry runs =="
conf "# SIIT with the well-known prefix" "" "mode siit" \
	"global pool6 64:ff9b::/96" "eamt add 2001:db8:6::/120 198.51.100.0/24" \
	"route 64:ff9b::/96" "route 198.51.100.0/24   # the EAM's IPv4 side"
dry "up: siit, pool6, routes in both families" "up jool0" \
"modprobe jool_netdev
ip link add jool0 type jool mode siit pool6 64:ff9b::/96
joolctl jool0 setconf $tmp/jool0.conf
ip link set dev jool0 up
ip -6 route replace 64:ff9b::/96 dev jool0
ip -4 route replace 198.51.100.0/24 dev jool0"

conf "	mode   nat64	# comment after the mode" \
	"global lowest-ipv6-mtu 1280" "pool4 add tcp 192.0.2.1 61001-65535" \
	"bib add tcp 192.0.2.1#2000 2001:db8::5#2000" \
	"route 64:ff9b::/96 metric 10 table 100" "route 0.0.0.0/0" "route ::/0 src 2001:db8::1"
dry "up: nat64 without pool6, route arguments, default routes, '#' inside a word" "up jool0" \
"modprobe jool_netdev
ip link add jool0 type jool mode nat64
joolctl jool0 setconf $tmp/jool0.conf
ip link set dev jool0 up
ip -6 route replace 64:ff9b::/96 dev jool0 metric 10 table 100
ip -4 route replace 0.0.0.0/0 dev jool0
ip -6 route replace ::/0 dev jool0 src 2001:db8::1"

conf "mode siit" "global pool6 none"
dry "up: pool6 none is no pool6, no routes" "up jool0" \
"modprobe jool_netdev
ip link add jool0 type jool mode siit
joolctl jool0 setconf $tmp/jool0.conf
ip link set dev jool0 up"

conf "mode siit" "global pool6 2001:db8:64::/96" "route 2001:db8:64::/96" "route 192.0.2.8/29"
dry "reload: setconf, the routes, then the sync" "reload jool0" \
"joolctl jool0 setconf $tmp/jool0.conf
ip -6 route replace 2001:db8:64::/96 dev jool0
ip -4 route replace 192.0.2.8/29 dev jool0
# and: ip route del each route of jool0 (proto boot) that $tmp/jool0.conf does not list"

dry "down: ip link del" "down jool0" "ip link del dev jool0"
cp "$tmp/jool0.conf" "$tmp/other.conf"
rm "$tmp/jool0.conf"
dry "-c FILE instead of CONFDIR/DEV.conf" "-c $tmp/other.conf up jool0" \
"modprobe jool_netdev
ip link add jool0 type jool mode siit pool6 2001:db8:64::/96
joolctl jool0 setconf $tmp/other.conf
ip link set dev jool0 up
ip -6 route replace 2001:db8:64::/96 dev jool0
ip -4 route replace 192.0.2.8/29 dev jool0"
dry "down needs no file" "down jool0" "ip link del dev jool0"

# The man page's EXAMPLES: its file, and what --dry-run up prints for it
# (the file's path aside: here it is under $tmp). A dry run does not run
# setconf: the joolctl statements of the example are not checked here.
man=$top/docs/jool-netdev-setup.8
man_part() { # FROM TO: the man page's lines between two, unescaped
	sed -n "/^$1/,/^$2/p" "$man" | sed '1d;$d' | sed 's/\\-/-/g'
}
man_part '# cat \/etc\/jool-netdev\/jool0.conf$' '# jool-netdev-setup' \
	>"$tmp/jool0.conf"
dry "jool-netdev-setup(8)'s example, as printed there" "up jool0" \
	"$(man_part '# jool-netdev-setup .*up jool0$' '# systemctl' |
		sed "s|/etc/jool-netdev|$tmp|")"
rm "$tmp/jool0.conf"
# The example the Debian package ships.
dry "debian/examples/jool0.conf" "-c $top/debian/examples/jool0.conf up jool0" \
"modprobe jool_netdev
ip link add jool0 type jool mode siit pool6 64:ff9b::/96
joolctl jool0 setconf $top/debian/examples/jool0.conf
ip link set dev jool0 up
ip -6 route replace 64:ff9b::/96 dev jool0 via fe80::1"

echo "== bad files =="
bad "missing file" 6 "jool0.conf: no such file" "up jool0"
bad "missing file (reload)" 6 "jool0.conf: no such file" "reload jool0"
conf "# nothing" ""
bad "empty file" 6 "jool0.conf: empty" "up jool0"
conf "global pool6 64:ff9b::/96" "mode siit"
bad "mode not first" 6 "jool0.conf:1: the first statement must be" "up jool0"
conf "mode nat46"
bad "bad mode" 6 "jool0.conf:1: bad mode \"nat46\"" "up jool0"
conf "mode siit nat64"
bad "mode with two words" 6 "jool0.conf:1: bad mode" "up jool0"
conf "mode siit" "mode nat64"
bad "second mode" 6 "jool0.conf:2: a second mode" "up jool0"
conf "mode siit" "global pool6"
bad "global pool6 without a prefix" 6 "jool0.conf:2: global pool6 takes one prefix" "up jool0"
conf "mode siit" "" "route"
bad "route without a prefix" 6 "jool0.conf:3: route needs a prefix" "up jool0"
for p in default 198.51.100.0/33 2001:db8::/129 198.51.100 jool0 64:ff9b::/x; do
	conf "mode siit" "route $p"
	bad "bad route prefix $p" 6 "jool0.conf:2: bad route prefix \"$p\"" "up jool0"
done
conf "mode siit" "route 64:ff9b::/96 dev eth0"
bad "route with its own dev" 6 "jool0.conf:2: a route's device is jool0" "reload jool0"
conf '{ "instance": "default", "global": { "pool6": "64:ff9b::/96" } }'
bad "a JSON file (no mode)" 6 "a JSON file has no mode line" "up jool0"
conf "mode siit"
chmod 000 "$tmp/jool0.conf"
if [ "$(id -u)" != 0 ]; then
	bad "unreadable file" 6 "not a readable file" "up jool0"
fi
chmod 644 "$tmp/jool0.conf"
bad "a directory" 6 "not a readable file" "-c $tmp up jool0"

echo "== usage =="
bad "no arguments" 2 "^Usage:" ""
bad "unknown action" 2 "unknown action \"start\"" "start jool0"
bad "unknown option" 2 "unknown option -x" "-x up jool0"
bad "device name too long" 2 "bad device name" "up jool0123456789abc"
bad "device name with a slash" 2 "bad device name" "up ../x"
bad "-c without a file" 2 "^Usage:" "up jool0 -c"

echo "== reload's route sync, for real (a veth named jool0 in a network namespace) =="
ns=jool-setup-$$
if ip netns add "$ns" 2>/dev/null && ip -n "$ns" link add jool0 type veth peer name peer0 2>/dev/null; then
	ip -n "$ns" link set jool0 up
	ip -n "$ns" link set peer0 up
	# in_ns CMD...: CMD in the namespace, with a joolctl that does nothing.
	in_ns() {
		ip netns exec "$ns" env JOOLCTL=true "$@"
	}
	routes() {
		in_ns sh -c "ip -4 route show dev jool0; ip -6 route show dev jool0 | grep -v '^fe80'" |
			awk '{print $1, $(NF-1), $NF}' | sort
	}
	conf "mode siit" "route 64:ff9b::/96 metric 7" "route 198.51.100.0/24" "route 2001:db8:1::/64"
	check "reload: the file's routes added" in_ns "$setup" reload jool0
	in_ns ip route add 203.0.113.0/24 dev jool0 proto static
	in_ns ip route add 192.0.2.0/24 dev jool0
	conf "mode siit" "route 64:ff9b::/96 metric 7" "route 2001:db8:46::/96"
	check "reload again" in_ns "$setup" reload jool0
	# 192.0.2.0/24 (ip route add: proto boot) goes, as the file does not
	# list it; 203.0.113.0/24 (proto static) stays.
	check "reload: kept, added, and removed what the file dropped (proto boot only)" \
		diff -u <(printf '%s\n' "2001:db8:46::/96 pref medium" \
			"203.0.113.0/24 scope link" "64:ff9b::/96 pref medium" | sort) <(routes)
	ip netns del "$ns"
else
	ip netns del "$ns" 2>/dev/null
	echo "skip - reload's route sync (no network namespace or veth here)"
fi

echo "== the unit =="
unit=$top/usr/systemd/jool-netdev@.service
for a in up reload down; do
	if grep -q "^Exec.*=/usr/sbin/jool-netdev-setup $a %i$" "$unit"; then
		ok "the unit runs jool-netdev-setup $a %i"
	else
		notok "the unit runs jool-netdev-setup $a %i"
	fi
done
if command -v systemd-analyze >/dev/null; then
	# verify wants the commands it names: a copy whose commands exist.
	mkdir -p "$tmp/unit"
	sed "s|/usr/sbin/jool-netdev-setup|$setup|" "$unit" >"$tmp/unit/jool-netdev@.service"
	if systemd-analyze verify --man=no "$tmp/unit/jool-netdev@jool0.service" >"$tmp/verify" 2>&1 &&
		! grep -v 'Failed to prepare filename' "$tmp/verify" | grep -q .; then
		ok "systemd-analyze verify jool-netdev@jool0.service"
	else
		notok "systemd-analyze verify jool-netdev@jool0.service"
		sed 's/^/    | /' "$tmp/verify"
	fi
else
	echo "skip - systemd-analyze verify (no systemd here)"
fi

summary setup
