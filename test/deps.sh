#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Installs what building and testing jool-netdev needs (Debian 12, as root).
# Installs only what is missing; safe to run again.
set -eu

pkgs=(
	build-essential pkg-config
	clang libclang-rt-14-dev
	linux-headers-amd64 kmod dkms
	debhelper dh-dkms lintian
	libnl-3-dev libnl-genl-3-dev
	qemu-system-x86 busybox-static cpio file
	iproute2 iputils-ping iperf3 tcpdump netcat-openbsd ethtool nftables
	python3 python3-scapy util-linux linux-source-6.1
	nginx-light unbound bind9-dnsutils curl traceroute
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages: ${missing[*]}; run as root: $0" >&2
	exit 1
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
