#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The conformance cases (test/conformance/) through Jool 4.1.9 instead of
# jool_netdev: the SIIT cases through jool_siit, the NAT64 flows (6146-*)
# through jool. Every case whose packets differ from the expected ones must
# be listed, with its reason, in test/conformance/jool_diffs.txt, and every
# listed case must still differ. Needs Debian's jool-dkms (built for the
# VM's kernel) and jool-tools. Arguments select cases by id prefix, as for
# 70-conformance.sh.
. "$(dirname "$0")/lib.sh"

jool_dir=$(ls -d /var/lib/dkms/jool-dkms/*/"$(uname -r)"/x86_64/module 2>/dev/null | tail -n 1)
if [ -z "$jool_dir" ] || ! command -v jool_siit >/dev/null || ! command -v jool >/dev/null; then
	fail "Jool 4.1.9 is not installed for $(uname -r) (apt-get install jool-dkms jool-tools)"
	finish
	exit 1
fi

unload_jool() {
	topo_cleanup
	lsmod | grep -q '^jool_siit ' && rmmod jool_siit
	lsmod | grep -q '^jool ' && rmmod jool
	lsmod | grep -q '^jool_common ' && rmmod jool_common
	true
}
trap unload_jool EXIT
modprobe x_tables
modprobe nf_defrag_ipv4
modprobe nf_defrag_ipv6
insmod "$jool_dir/jool_common.ko" && insmod "$jool_dir/jool_siit.ko" &&
	insmod "$jool_dir/jool.ko" ||
	{ fail "cannot load Jool from $jool_dir"; finish; exit 1; }
echo "# Jool $(modinfo -F version "$jool_dir/jool_siit.ko") (jool_siit, jool) from $jool_dir"

check "run.py's Jool verdicts and jool_diffs.txt (test_jool_diffs.py)" \
	/usr/bin/python3 "$TOP/test/conformance/test_jool_diffs.py"

start=$(date +%s)
conformance_run --impl jool "$@"
echo "# the Jool pass took $(($(date +%s) - start)) s"
finish
