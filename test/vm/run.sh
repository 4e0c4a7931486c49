#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot Debian's own kernel under QEMU and run one command in it, as root.
#
#   test/vm/run.sh [-t SECONDS] [-o OUTDIR] [-v] -- COMMAND [ARGS...]
#
# The guest sees the host's root filesystem read-only over 9p with a tmpfs
# overlay on top (so it can write anywhere, and nothing reaches the host), the
# modules of the Debian kernel image that matches the installed
# linux-headers-amd64, and OUTDIR read-write at /mnt/vmout. COMMAND runs in
# the current directory. The exit status of this script is COMMAND's, or 125
# when the VM itself failed (no status came back, kernel log dirty).
#
# After COMMAND, the guest's kernel log is checked: any WARNING, BUG, Oops,
# "leak" or SLUB corruption report fails the run, even if COMMAND passed.
#
# Environment:
#   JOOL_VM_CACHE   where the kernel package is unpacked
#                   (default /var/cache/jool-netdev/vm)
#   JOOL_VM_ACCEL   kvm or tcg; default: kvm if a probe boot works, else tcg
#   JOOL_VM_MEM     guest memory in MiB (default 2048)
#   JOOL_VM_SMP     guest CPUs (default 2)
#   JOOL_VM_APPEND  extra kernel command line

set -u
here=$(cd "$(dirname "$0")" && pwd)
timeout=900
out=""
verbose=0

usage() {
	echo "Usage: $0 [-t SECONDS] [-o OUTDIR] [-v] -- COMMAND [ARGS...]" >&2
	exit 2
}

while getopts "t:o:vh" opt; do
	case $opt in
	t) timeout=$OPTARG ;;
	o) out=$OPTARG ;;
	v) verbose=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || usage

die() {
	echo "vm: $*" >&2
	exit 125
}

# The kernel we test on: the image matching Debian's linux-headers-amd64.
kernel_version() {
	local dep
	dep=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null) ||
		die "linux-headers-amd64 is not installed (apt-get install linux-headers-amd64)"
	dep=${dep%% *}
	echo "${dep#linux-headers-}"
}

KVER=${JOOL_VM_KVER:-$(kernel_version)}
cache=${JOOL_VM_CACHE:-/var/cache/jool-netdev/vm}/$KVER
mkdir -p "$cache" || die "cannot create $cache"

fetch_kernel() {
	local tmp deb
	[ -f "$cache/root/boot/vmlinuz-$KVER" ] && [ -f "$cache/root/lib/modules/$KVER/modules.dep" ] && return 0
	echo "vm: fetching linux-image-$KVER (once; cached in $cache)" >&2
	tmp=$(mktemp -d) || die "mktemp"
	(cd "$tmp" && apt-get download "linux-image-$KVER" >/dev/null 2>&1) ||
		(apt-get update -qq >/dev/null 2>&1 && cd "$tmp" && apt-get download "linux-image-$KVER" >/dev/null 2>&1) ||
		die "apt-get download linux-image-$KVER failed"
	deb=$(ls "$tmp"/linux-image-*.deb)
	rm -rf "$cache/root"
	mkdir -p "$cache/root"
	dpkg-deb -x "$deb" "$cache/root" || die "dpkg-deb -x failed"
	depmod -b "$cache/root" "$KVER" || die "depmod failed"
	rm -rf "$tmp"
}

# A tiny initramfs: busybox plus the modules needed to mount the host's root
# (virtio, 9p, overlay). Rebuilt when this script or the init changes.
build_initramfs() {
	local stamp want dir m
	want=$(cat "$here/run.sh" "$here/init" | md5sum | cut -d' ' -f1)
	stamp="$cache/initramfs.stamp"
	if [ -f "$cache/initramfs.cpio.gz" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
		return 0
	fi
	command -v busybox >/dev/null || die "busybox is missing (apt-get install busybox-static)"
	command -v cpio >/dev/null || die "cpio is missing (apt-get install cpio)"
	dir=$(mktemp -d) || die "mktemp"
	mkdir -p "$dir"/{bin,dev,proc,sys,mnt,newroot,lib/modules}
	cp "$(command -v busybox)" "$dir/bin/busybox"
	file -L "$dir/bin/busybox" | grep -q 'statically linked' ||
		die "busybox must be static (apt-get install busybox-static)"
	for m in sh mount umount insmod mkdir switch_root echo cat poweroff sleep; do
		ln -s busybox "$dir/bin/$m"
	done
	: >"$dir/modules.order"
	for m in virtio_pci 9pnet_virtio 9p overlay; do
		modprobe -d "$cache/root" -S "$KVER" --show-depends "$m" |
			awk '$1 == "insmod" { print $2 }'
	done | awk '!seen[$0]++' | while read -r m; do
		cp "$m" "$dir/lib/modules/"
		basename "$m" >>"$dir/modules.order"
	done
	cp "$here/init" "$dir/init"
	chmod 755 "$dir/init"
	(set -o pipefail; cd "$dir" && find . | cpio -o -H newc --quiet | gzip -1) >"$cache/initramfs.cpio.gz" ||
		die "cpio failed"
	rm -rf "$dir"
	echo "$want" >"$stamp"
}

# /dev/kvm can exist without working; boot once with it and see.
pick_accel() {
	local probe
	if [ -n "${JOOL_VM_ACCEL:-}" ]; then
		echo "$JOOL_VM_ACCEL"
		return
	fi
	if [ -f "$cache/accel" ]; then
		cat "$cache/accel"
		return
	fi
	probe=tcg
	if [ -w /dev/kvm ]; then
		if timeout 15 qemu-system-x86_64 -accel kvm -m 256 -nographic -no-reboot \
			-kernel "$cache/root/boot/vmlinuz-$KVER" \
			-append "console=ttyS0 panic=-1 rdinit=/bin/poweroff" 2>/dev/null |
			grep -q "Linux version"; then
			probe=kvm
		fi
	fi
	echo "$probe" >"$cache/accel"
	echo "$probe"
}

command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 is missing (apt-get install qemu-system-x86)"
fetch_kernel
build_initramfs
accel=$(pick_accel)

own_out=0
if [ -z "$out" ]; then
	out=$(mktemp -d /var/tmp/jool-vm.XXXXXX) || die "mktemp"
	own_out=1
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out/status" "$out/dmesg" "$out/kcheck"

# The command file the guest's second stage runs.
{
	echo "cd $(printf %q "$PWD")"
	printf 'exec'
	printf ' %q' "$@"
	echo
} >"$out/cmd"

cpu=max
[ "$accel" = kvm ] && cpu=host
console="$out/console.log"
start=$(date +%s)
# Create the log before qemu starts: tail must find it at once, or the
# output of the whole run is lost (the status is still right, but the
# caller's summary line is not).
: >"$console"
timeout --foreground "$timeout" qemu-system-x86_64 \
	-machine q35 -accel "$accel" -cpu "$cpu" -smp "${JOOL_VM_SMP:-2}" -m "${JOOL_VM_MEM:-2048}" \
	-nographic -no-reboot -nodefaults -serial stdio \
	-kernel "$cache/root/boot/vmlinuz-$KVER" \
	-initrd "$cache/initramfs.cpio.gz" \
	-append "console=ttyS0 panic=-1 oops=panic loglevel=3 slub_debug=FZPU net.ifnames=0 jool_vm.stage2=$here/guest.sh ${JOOL_VM_APPEND:-}" \
	-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap" \
	-virtfs "local,path=$cache/root/lib/modules,mount_tag=modules,security_model=none,readonly=on" \
	-virtfs "local,path=$out,mount_tag=vmout,security_model=none" \
	-device virtio-rng-pci \
	</dev/null >"$console" 2>&1 &
qpid=$!
if [ "$verbose" = 1 ]; then
	tail -n +1 -f "$console" --pid=$qpid
else
	# Show only what the command prints, not the kernel's boot chatter.
	tail -n +1 -f "$console" --pid=$qpid | sed -u 's/\r$//' | sed -u -n '/=== vm: command start ===/,/=== vm: command end/p' | sed -u '1d;/=== vm: command end/d'
fi
wait $qpid
qrc=$?
elapsed=$(($(date +%s) - start))

if [ ! -f "$out/status" ]; then
	echo "vm: no exit status came back (qemu rc=$qrc after ${elapsed}s, accel=$accel); console tail:" >&2
	tail -n 40 "$console" | sed 's/^/vm|   /' >&2
	exit 125
fi
rc=$(cat "$out/status")
if [ -s "$out/kcheck" ]; then
	echo "vm: kernel log check FAILED:" >&2
	sed 's/^/vm|   /' "$out/kcheck" >&2
	rc=125
fi
echo "vm: done in ${elapsed}s (accel=$accel, kernel $KVER), status $rc" >&2
[ "$own_out" = 1 ] && [ "$rc" = 0 ] && rm -rf "$out"
exit "$rc"
