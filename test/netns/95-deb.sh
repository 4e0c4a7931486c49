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
# module (dkms add; the kernel's headers, /lib/modules/KVER/build, are
# hidden meanwhile, so it builds nothing and says so), the build is put in
# DKMS's tree, and "dkms install" installs it.
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
	[ -e "/lib/modules/$kver/build.hidden" ] && mv "/lib/modules/$kver/build.hidden" "/lib/modules/$kver/build"
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
# What a booted system has and the VM's init does not make: dkms needs
# /dev/fd (its "<(...)"). man-db's trigger (mandb) takes long here.
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
rm -f /var/lib/man-db/auto-update
export DEBIAN_FRONTEND=noninteractive

[ -e "/lib/modules/$kver/build" ] && mv "/lib/modules/$kver/build" "/lib/modules/$kver/build.hidden"
t0=$(date +%s)
check "dpkg -i jool-netdev-dkms jool-netdev-tools" dpkg -i "$dkms_deb" "$tools_deb"
echo "    (dpkg -i: $(($(date +%s) - t0)) s)"
check "postinst built nothing (no headers)" \
	sh -c "! ls /var/lib/dkms/jool-netdev/$version/$kver/*/module/jool_netdev.ko* 2>/dev/null | grep -q ."
[ -e "/lib/modules/$kver/build.hidden" ] && mv "/lib/modules/$kver/build.hidden" "/lib/modules/$kver/build"
check "postinst registered the module with DKMS" \
	sh -c "dkms status -m jool-netdev -v $version | grep -q 'jool-netdev/$version: added'"
check "the plugin is the package's" dpkg -S "/usr/lib/$multiarch/ip/link_jool.so"

mkdir -p "/var/lib/dkms/jool-netdev/$version"
cp -a "$prebuilt" "/var/lib/dkms/jool-netdev/$version/"
check "dkms: built for $kver (make deb's build of the package's source)" \
	sh -c "dkms status -m jool-netdev -v $version -k $kver | grep -q ': built'"
check "dkms install for $kver" dkms install -m jool-netdev -v "$version" -k "$kver"
check "dkms: installed for $kver" \
	sh -c "dkms status -m jool-netdev -v $version -k $kver | grep -q ': installed'"
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

# The unit's commands for real. Until joolctl has setconf, a stand-in for
# "joolctl DEV setconf FILE" (it does nothing) lets everything else run:
# the module, ip link add with the file's mode and pool6, the routes.
if ! /usr/sbin/joolctl --help 2>&1 | grep -q setconf; then
	echo "note - this joolctl has no setconf: jool-netdev-setup runs with a stand-in for it"
	printf '%s\n' '#!/bin/sh' '[ "$2" = setconf ] && exit 0' 'exec /usr/sbin/joolctl "$@"' \
		>/tmp/joolctl-setconf
	chmod +x /tmp/joolctl-setconf
	export JOOLCTL=/tmp/joolctl-setconf
fi
setup=/usr/sbin/jool-netdev-setup
mkdir -p /etc/jool-netdev
conf=/etc/jool-netdev/jool0.conf
printf '%s\n' "mode siit" "global pool6 64:ff9b::/96" \
	"route 64:ff9b::/96 metric 7" "route 198.51.100.0/24" >$conf
check "jool-netdev-setup up jool0" $setup up jool0
check "up: a siit device, up, with the file's pool6" \
	sh -c "ip -d link show jool0 | grep -q 'mode siit' && ip link show jool0 | grep -q ',UP' && /usr/sbin/joolctl jool0 global show | grep -q '64:ff9b::/96'"
check "up: the routes, in both families, with their arguments" \
	sh -c "ip -6 route show dev jool0 | grep -q '^64:ff9b::/96 .*metric 7' && ip -4 route show dev jool0 | grep -q '^198.51.100.0/24'"
check_status "up again: jool0 exists already" "jool0 exists already" 1 $setup up jool0
ip route add 203.0.113.0/24 dev jool0 proto static
printf '%s\n' "mode siit" "global pool6 64:ff9b::/96" "route 64:ff9b::/96 metric 7" \
	"route 2001:db8:46::/96" >$conf
check "jool-netdev-setup reload jool0" $setup reload jool0
check "reload: the route the file dropped is gone, the new one is there" \
	sh -c "! ip -4 route show dev jool0 | grep -q 198.51.100 && ip -6 route show dev jool0 | grep -q '^2001:db8:46::/96'"
check "reload: the kept route stays, another program's (proto static) too" \
	sh -c "ip -6 route show dev jool0 | grep -q '^64:ff9b::/96 .*metric 7' && ip -4 route show dev jool0 | grep -q '^203.0.113.0/24'"
check "jool-netdev-setup down jool0" sh -c "$setup down jool0 && ! ip link show jool0 2>/dev/null"
check "down again: nothing to do" $setup down jool0
printf '%s\n' "mode nat46" >$conf
check_status "up with a bad mode: status 6, no device" "jool0.conf:1: bad mode" 6 $setup up jool0
check "up with a bad mode: no device" sh -c "! ip link show jool0 2>/dev/null"
unset JOOLCTL
rm -f $conf

ip link del jool0 2>/dev/null
rmmod jool_netdev
t0=$(date +%s)
check "dpkg --purge jool-netdev-tools jool-netdev-dkms" \
	dpkg --purge jool-netdev-tools jool-netdev-dkms
echo "    (dpkg --purge: $(($(date +%s) - t0)) s)"
check "purge: no DKMS registration" sh -c "[ ! -e /var/lib/dkms/jool-netdev ] && ! dkms status -m jool-netdev 2>&1 | grep ."
check "purge: no module left" sh -c "! find /lib/modules/$kver -name 'jool_netdev.ko*' | grep ."
check "purge: no file of the packages left" \
	sh -c "[ ! -e /usr/sbin/joolctl ] && [ ! -e /usr/src/jool-netdev-$version ] && [ ! -e /lib/systemd/system/jool-netdev@.service ] && [ ! -e /usr/lib/$multiarch/ip/link_jool.so ]"
finish
