#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The Debian packages that "make deb" built (build/deb), installed in the
# VM, and a translator made from the installed files only: the module that
# DKMS installed, ip's plugin from /usr/lib, /usr/sbin/joolctl and
# jool-netdev-setup. Then dpkg --purge removes it all again.
#
# The emulated VM would need many minutes to compile the module, so DKMS
# gets the build that "make deb" made of the package's own source with the
# package's dkms.conf (build/deb/dkms): the package's postinst registers the
# module (dkms add; the VM has no kernel headers at /lib/modules/KVER/build,
# so it builds nothing), the build is put in DKMS's tree, and "dkms install"
# installs it.
. "$(dirname "$0")/lib.sh"

version=$(cat "$TOP/VERSION")
kver=$(uname -r)
debs=$TOP/build/deb
dkms_deb=$debs/jool-netdev-dkms_${version}_all.deb
tools_deb=$debs/jool-netdev-tools_${version}_$(dpkg --print-architecture).deb
prebuilt=$debs/dkms/jool-netdev/$version/$kver
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
lm=/tmp/deb-modules

if [ ! -f "$dkms_deb" ] || [ ! -f "$tools_deb" ] || [ ! -d "$prebuilt" ]; then
	fail "no packages in $debs (or no DKMS build for $kver): run \"make deb\" before this test"
	finish
	exit 1
fi

cleanup() {
	ip link del jool0 2>/dev/null
	lsmod | grep -q '^jool_netdev ' && rmmod jool_netdev
	dpkg --purge jool-netdev-tools jool-netdev-dkms >/dev/null 2>&1
	umount /lib/modules 2>/dev/null
	umount "$lm" 2>/dev/null
}
trap cleanup EXIT

# The VM's /lib/modules is read-only (9p): DKMS installs into an overlay.
mkdir -p "$lm"
mount -t tmpfs tmpfs "$lm" && mkdir "$lm/upper" "$lm/work" &&
	mount -t overlay -o "lowerdir=/lib/modules,upperdir=$lm/upper,workdir=$lm/work" overlay /lib/modules ||
	{ fail "a writable /lib/modules (overlay)"; finish; exit 1; }
lsmod | grep -q '^jool_netdev ' && rmmod jool_netdev
# Other tests copy the plugin there; the package's must be the one used.
rm -f "/usr/lib/$multiarch/ip/link_jool.so"

t0=$(date +%s)
check "dpkg -i jool-netdev-dkms jool-netdev-tools" dpkg -i "$dkms_deb" "$tools_deb"
echo "    (dpkg -i: $(($(date +%s) - t0)) s)"
check "postinst registered the module with DKMS" \
	sh -c "dkms status -m jool-netdev -v $version | grep -q 'jool-netdev/$version'"
check "the plugin is the package's" dpkg -S "/usr/lib/$multiarch/ip/link_jool.so"

mkdir -p "/var/lib/dkms/jool-netdev/$version"
cp -a "$prebuilt" "/var/lib/dkms/jool-netdev/$version/"
check "dkms install for $kver (the package's source, built by make deb)" \
	dkms install -m jool-netdev -v "$version" -k "$kver"
check "modprobe jool_netdev loads DKMS's module" \
	sh -c "modprobe jool_netdev && modinfo -n jool_netdev | grep -q /updates/dkms/ && lsmod | grep -q '^jool_netdev '"

check "ip link add (the installed plugin): mode nat64, pool6" \
	ip link add jool0 type jool mode nat64 pool6 64:ff9b::/96
check "ip -d link show: the plugin prints the mode" \
	sh -c "ip -d link show jool0 | grep -q 'mode nat64'"
check "/usr/sbin/joolctl reads pool6" \
	sh -c "/usr/sbin/joolctl jool0 global show | grep -q '64:ff9b::/96'"
check "jool-netdev-setup down jool0 deletes it" \
	sh -c "/usr/sbin/jool-netdev-setup down jool0 && ! ip link show jool0 2>/dev/null"

# The unit's commands for real, once joolctl has setconf.
if /usr/sbin/joolctl --help 2>&1 | grep -q setconf; then
	mkdir -p /etc/jool-netdev
	printf '%s\n' "mode siit" "global pool6 64:ff9b::/96" \
		"route 64:ff9b::/96 metric 7" "route 198.51.100.0/24" >/etc/jool-netdev/jool0.conf
	check "jool-netdev-setup up jool0" /usr/sbin/jool-netdev-setup up jool0
	check "up: the routes, in both families" \
		sh -c "ip -6 route show dev jool0 | grep -q '64:ff9b::/96.*metric 7' && ip -4 route show dev jool0 | grep -q 198.51.100.0/24"
	printf '%s\n' "mode siit" "global pool6 64:ff9b::/96" "route 64:ff9b::/96 metric 7" \
		>/etc/jool-netdev/jool0.conf
	check "jool-netdev-setup reload jool0: a route less" \
		sh -c "/usr/sbin/jool-netdev-setup reload jool0 && ! ip -4 route show dev jool0 | grep -q 198.51.100"
	check "jool-netdev-setup down jool0" /usr/sbin/jool-netdev-setup down jool0
else
	echo "skip - jool-netdev-setup up/reload (this joolctl has no setconf)"
fi

ip link del jool0 2>/dev/null
rmmod jool_netdev
t0=$(date +%s)
check "dpkg --purge jool-netdev-tools jool-netdev-dkms" \
	dpkg --purge jool-netdev-tools jool-netdev-dkms
echo "    (dpkg --purge: $(($(date +%s) - t0)) s)"
check "purge: no DKMS registration, no module, no joolctl" \
	sh -c "! dkms status -m jool-netdev | grep . && ! find /lib/modules/$kver -name 'jool_netdev.ko*' | grep . && [ ! -e /usr/sbin/joolctl ] && [ ! -e /usr/src/jool-netdev-$version ]"
finish
