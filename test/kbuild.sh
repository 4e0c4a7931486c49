#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check-kbuild: the module builds, without warnings, against every
# kernel series this Debian release ships: the headers of the kernel the
# tests boot (linux-headers-amd64) and the newest of each other series
# in the archive (bookworm's 6.12 backport today). The other series'
# headers are downloaded and unpacked under /var/tmp, never installed:
# installing them would pull in their kernel image. What their kbuild
# package depends on (its tools' needs: pahole, for the BTF of modules
# built against headers that ship vmlinux, as 6.12's do) is installed.
#
# Prints one "ok"/"not ok" line per kernel and "kbuild: N passed, M failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
work=${KBUILD_DIR:-/var/tmp/jool-kbuild}
passed=0
failed=0

# build KDIR NAME: the module, from a copy of the sources, against KDIR.
build() {
	local kdir=$1 name=$2 src=$work/src-$2 log=$work/build-$2.log

	rm -rf "$src"
	mkdir -p "$src"
	(cd "$top" && git ls-files -z 2>/dev/null || find . -type f -print0) |
		(cd "$top" && xargs -0 cp --parents -t "$src")
	if make -C "$kdir" M="$src" modules >"$log" 2>&1 &&
	   [ -f "$src/jool_netdev.ko" ] && ! grep -q 'warning:' "$log"; then
		echo "ok - builds against $name"
		passed=$((passed + 1))
	else
		echo "not ok - builds against $name"
		grep -E 'error|warning' "$log" | head -n 20 | sed 's/^/    | /'
		failed=$((failed + 1))
	fi
}

# tools_deps PKG...: what PKGs depend on, installed where missing.
tools_deps() {
	local p missing=()

	for p in $(apt-cache depends "$@" |
		   awk '$1 == "Depends:" && $2 !~ /^</ { print $2 }' | sort -u); do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q "ok installed" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		"${missing[@]}" >/dev/null 2>&1
}

mkdir -p "$work"
kver=$(make -s -C "$top" print-kver)
build "/lib/modules/$kver/build" "$kver"

# The newest headers of each other series in the archive.
series=$(echo "$kver" | cut -d. -f1-2)
declare -A newest
for pkg in $(apt-cache search --names-only '^linux-headers-[0-9].*-amd64$' |
	     awk '{ print $1 }' | grep -Ev -- '-(cloud|rt)-amd64$' | sort -V); do
	v=${pkg#linux-headers-}
	v=${v%-amd64}
	s=$(echo "$v" | cut -d. -f1-2)
	[ "$s" = "$series" ] || newest[$s]=$v
done
for s in "${!newest[@]}"; do
	v=${newest[$s]}
	root=$work/root-$v
	kdir=$root/usr/src/linux-headers-$v-amd64
	kbuild=$(apt-cache depends "linux-headers-$v-amd64" |
		 awk '/Depends: linux-kbuild-/ { print $2 }')
	# What its build tools need to run (pahole: headers that ship
	# vmlinux get their modules' BTF made), installed as the package
	# manager would; the headers are only unpacked (above).
	if ! tools_deps $kbuild; then
		echo "not ok - builds against $v (cannot install what its kbuild needs)"
		failed=$((failed + 1))
		continue
	fi
	if [ ! -f "$kdir/Makefile" ]; then
		rm -rf "$root" "$work/debs"
		mkdir -p "$root" "$work/debs"
		common=$(apt-cache depends "linux-headers-$v-amd64" |
			 awk '/Depends: linux-headers-.*-common$/ { print $2 }')
		if ! (cd "$work/debs" && apt-get download -qq \
			"linux-headers-$v-amd64" $common $kbuild) 2>/dev/null; then
			echo "not ok - builds against $v (cannot download its headers)"
			failed=$((failed + 1))
			continue
		fi
		for deb in "$work"/debs/*.deb; do
			dpkg-deb -x "$deb" "$root"
		done
		# Its Makefile names the common headers by absolute path.
		sed -i "s|/usr/src/|$root/usr/src/|" "$kdir/Makefile"
	fi
	build "$kdir" "$v"
done
echo "kbuild: $passed passed, $failed failed"
[ "$failed" = 0 ]
