#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make install / uninstall / dkms-install / dkms-uninstall on the host (no
# VM; root, for DKMS). Prints ok/not ok lines and
# "install: N passed, M failed".
#
# - make install DESTDIR=D with PREFIX=/usr and PREFIX=/usr/local: the files
#   expected (listed), and nothing written outside D: a find of / for files
#   newer than a marker, without /proc, /sys, /dev, /run, /tmp, /var/tmp,
#   /var/log, /var/cache and /work (other builds). What other programs wrote
#   meanwhile is listed; a file of ours (a name of jool-netdev's, anything
#   under a lib/modules, i.e. depmod's) fails the test.
# - make uninstall (same variables) leaves no file in D.
# - make dkms-install twice (the second replaces the first), then
#   make dkms-uninstall: nothing left in DKMS, /usr/src or /lib/modules.
# - dkms.conf: its version is VERSION's, and its BUILD_EXCLUSIVE_KERNEL takes
#   6.1 and later only.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
version=$(cat VERSION)
kver=$(make -s --no-print-directory print-kver)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
tmp=$(mktemp -d /tmp/jool-install.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=test/hostlib.sh
. "$top/test/hostlib.sh"

# The files "make install" puts under DESTDIR for a PREFIX.
expected() {
	local prefix=$1 unitdir=$1/lib/systemd/system

	[ "$prefix" = /usr ] && unitdir=/lib/systemd/system
	printf '%s\n' "/lib/modules/$kver/extra/jool_netdev.ko" \
		"$prefix/sbin/joolctl" "$prefix/sbin/jool-netdev-setup" \
		"/usr/lib/$multiarch/ip/link_jool.so" \
		"$prefix/share/man/man8/joolctl.8" \
		"$prefix/share/man/man8/jool-netdev-setup.8" \
		"$prefix/share/bash-completion/completions/joolctl" \
		"$unitdir/jool-netdev@.service" \
		"$unitdir/jool-netdev-log@.service" | sort
}

# same_files DIR PREFIX: DIR holds exactly expected(PREFIX).
same_files() {
	local dir=$1 prefix=$2

	diff -u <(expected "$prefix") <(cd "$dir" && find . -type f -o -type l | sed 's|^\.||' | sort)
}

# written_since MARKER: the files of / newer than MARKER, but for the
# scratch and virtual places.
written_since() {
	find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run \
		-o -path /tmp -o -path /var/tmp -o -path /var/log -o -path /var/cache \
		-o -path /work -o -path "$top" \) -prune -o \
		\( -type f -o -type l \) -newer "$1" -print 2>/dev/null
}

# unit_runs DIR PREFIX: the installed unit runs PREFIX's jool-netdev-setup.
unit_runs() {
	local unit

	unit=$(find "$1" -name 'jool-netdev@.service')
	grep -qx "ExecStart=$2/sbin/jool-netdev-setup up %i" "$unit" || {
		grep '^Exec' "$unit"
		return 1
	}
}

echo "== make install / uninstall (DESTDIR) =="
make -s all >"$tmp/build" 2>&1 || { cat "$tmp/build"; notok "make all"; }
touch "$tmp/marker"
sleep 1
for prefix in /usr /usr/local; do
	d=$tmp/dest$(echo "$prefix" | tr / _)
	mkdir -p "$d"
	check "make install DESTDIR=... PREFIX=$prefix" make -s install DESTDIR="$d" PREFIX="$prefix"
	echo "    files:"
	(cd "$d" && find . -type f | sed 's|^\.|      |' | sort)
	check "PREFIX=$prefix: exactly the expected files" same_files "$d" "$prefix"
	check "PREFIX=$prefix: the unit runs $prefix/sbin/jool-netdev-setup" unit_runs "$d" "$prefix"
	check "PREFIX=$prefix: joolctl and jool-netdev-setup are executable" \
		test -x "$d$prefix/sbin/joolctl" -a -x "$d$prefix/sbin/jool-netdev-setup"
	check "make uninstall DESTDIR=... PREFIX=$prefix" make -s uninstall DESTDIR="$d" PREFIX="$prefix"
	check "PREFIX=$prefix: uninstall leaves no file" \
		sh -c "! find '$d' -type f -o -type l | grep ."
done
written_since "$tmp/marker" >"$tmp/outside"
ours='joolctl|jool-netdev|jool_netdev|link_jool|/lib/modules/'
if grep -Eq "$ours" "$tmp/outside"; then
	notok "nothing written outside DESTDIR (no depmod either)"
	grep -E "$ours" "$tmp/outside" | sed 's/^/    | /' | head -n 20
else
	ok "nothing written outside DESTDIR (no depmod either)"
	grep -Ev "$ours" "$tmp/outside" | sed 's/^/    | written meanwhile by something else: /' | head -n 10
fi

echo "== dkms.conf =="
conf_version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
check "dkms.conf's PACKAGE_VERSION ($conf_version) is VERSION's ($version)" test "$conf_version" = "$version"
deb_version=$(dpkg-parsechangelog -l debian/changelog -S Version 2>/dev/null)
check "debian/changelog's version ($deb_version) is VERSION's" test "$deb_version" = "$version"
# kernels: "release want", want 1 = built.
exclusive_takes() {
	local k want got regex
	regex=$(bash -c 'source ./dkms.conf; echo "$BUILD_EXCLUSIVE_KERNEL"')
	[ -n "$regex" ] || return 1
	while read -r k want; do
		got=0
		[[ $k =~ $regex ]] && got=1
		[ "$got" = "$want" ] || { echo "$k: built $got, want $want"; return 1; }
	done <<-X
	$kver 1
	6.1.0-28-amd64 1
	6.12.5+deb13-amd64 1
	6.10.0 1
	7.0.0 1
	10.1.0 1
	6.0.12-amd64 0
	5.10.0-30-amd64 0
	4.19.0-27-amd64 0
	X
}
check "dkms.conf builds for 6.1 and later only (BUILD_EXCLUSIVE_KERNEL)" exclusive_takes

echo "== make dkms-install (twice) / dkms-uninstall =="
if ! command -v dkms >/dev/null || [ "$(id -u)" != 0 ]; then
	notok "dkms-install needs root and dkms (test/deps.sh)"
else
	dkms_ko() {
		find "/lib/modules/$kver/updates/dkms" -name 'jool_netdev.ko*' 2>/dev/null | grep -q .
	}
	installed() {
		dkms status -m jool-netdev -v "$version" -k "$kver" | grep -q ': installed' && dkms_ko
	}
	check "make dkms-install" make -s dkms-install
	check "dkms status: installed for $kver" installed
	check "make dkms-install again (replaces the registration)" make -s dkms-install
	check "dkms status: installed once for $kver" \
		test "$(dkms status -m jool-netdev | grep -c .)" = 1
	check "the DKMS source holds no build products" \
		sh -c "! find /usr/src/jool-netdev-$version -name '*.o' -o -name '*.ko' | grep ."
	check "make dkms-uninstall" make -s dkms-uninstall
	check "dkms-uninstall: nothing left (dkms status, /usr/src, the module)" \
		sh -c "! dkms status -m jool-netdev | grep . && [ ! -e /usr/src/jool-netdev-$version ] && ! find /lib/modules/$kver/updates/dkms -name 'jool_netdev.ko*' 2>/dev/null | grep ."
	check "make dkms-uninstall again (nothing to remove)" make -s dkms-uninstall
fi

summary install
