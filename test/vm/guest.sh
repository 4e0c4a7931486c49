#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Stage 2 of the test VM: runs as PID 1 on the overlay root. Sets up a
# minimal system, runs the command the host wrote into /mnt/vmout/cmd, checks
# the kernel log and powers off. See test/vm/run.sh.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8 TERM=dumb

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /run
# /tmp and /var/tmp stay as they are: the overlay already makes them
# writable (in RAM), and the command may live there (a CI clone).
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mkdir -p /run/netns /mnt/vmout "/lib/modules/$(uname -r)"
mount -t 9p -o trans=virtio,version=9p2000.L,ro modules "/lib/modules" ||
	echo "vm-guest: cannot mount modules"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 vmout /mnt/vmout ||
	echo "vm-guest: cannot mount the output directory"
hostname jool-vm
ip link set lo up
: >/etc/mtab 2>/dev/null
ln -sf /proc/self/mounts /etc/mtab 2>/dev/null
ulimit -c 0

echo "=== vm: command start ==="
sh /mnt/vmout/cmd </dev/null
rc=$?
echo "=== vm: command end (status $rc) ==="

# Let deferred work (RCU callbacks, workqueues) finish before reading the log.
sleep 1
dmesg >/mnt/vmout/dmesg
grep -E 'WARNING|BUG[: ]|Oops|[Ll]eak|Call Trace|general protection|refcount_t|still has objects|Poison overwritten|Redzone|Object padding|corrupt' \
	/mnt/vmout/dmesg >/mnt/vmout/kcheck
# Slab caches of ours that still hold objects once the tests are over leak.
cp /proc/slabinfo /mnt/vmout/slabinfo 2>/dev/null
awk '$1 ~ /jool/ && $2 > 0 { print "slab leak: " $1 " has " $2 " active objects" }' \
	/proc/slabinfo >>/mnt/vmout/kcheck
echo "$rc" >/mnt/vmout/status
sync
echo o >/proc/sysrq-trigger
# The host filesystem may be gone by now: wait with shell builtins only.
while :; do :; done
