#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Checks that dkms.conf works: dkms add + build for the Debian kernel the
# tests boot, then removes the registration again. Needs root and dkms.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
version=$(cat "$top/VERSION")
kver=$(make -s -C "$top" --no-print-directory print-kver)
conf_version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
if [ "$conf_version" != "$version" ]; then
	echo "dkms: dkms.conf says $conf_version, VERSION says $version"
	exit 1
fi
src=/usr/src/jool-netdev-$version
dkms remove -m jool-netdev -v "$version" --all >/dev/null 2>&1 || true
rm -rf "$src"
mkdir -p "$src"
cp -r "$top"/{Kbuild,Makefile,VERSION,dkms.conf,src,include} "$src/"
(cd "$src" && make -s clean >/dev/null 2>&1 || true)
dkms add -m jool-netdev -v "$version"
dkms build -m jool-netdev -v "$version" -k "$kver"
built=$(find "/var/lib/dkms/jool-netdev/$version/$kver" -name 'jool_netdev.ko*' | head -n 1)
if [ -z "$built" ]; then
	echo "dkms: no jool_netdev.ko was built"
	exit 1
fi
modinfo "$built" | grep -E '^(version|vermagic|alias):'
dkms remove -m jool-netdev -v "$version" --all >/dev/null
rm -rf "$src"
echo "dkms: add + build for $kver OK"
