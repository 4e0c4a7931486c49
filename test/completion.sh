#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The bash completion (usr/completion/joolctl) against the joolctl that is
# built: every word list it offers comes from joolctl's help pages and its
# device list, so these checks fail when one of them changes shape.
# On the host, no module needed; ends with "completion: N passed, M failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
joolctl=$top/usr/joolctl/joolctl
passed=0
failed=0
[ -x "$joolctl" ] || make -s -C "$top/usr" >/dev/null

# joolctl without a device lists the devices; here, a fixed list in the
# format joolctl prints (test/netns/20-joolctl.sh checks that format).
fake=$(mktemp)
trap 'rm -f "$fake"' EXIT
cat >"$fake" <<EOS
#!/bin/sh
[ \$# -eq 0 ] && { echo "jool0            siit   UP    64:ff9b::/96"; echo "nat64            nat64  DOWN  (none)"; exit 0; }
exec "$joolctl" "\$@"
EOS
chmod 755 "$fake"
_joolctl_bin=$fake
. "$top/usr/completion/joolctl"

# expect "WANTED WORDS" WORD...: completing the last WORD offers exactly those.
expect() {
	local want=$1 got
	shift
	COMP_WORDS=(joolctl "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_joolctl
	got=${COMPREPLY[*]}
	if [ "$got" = "$want" ]; then
		echo "ok - joolctl $* <TAB>"
		passed=$((passed + 1))
	else
		echo "FAIL - joolctl $* <TAB>: got '$got', want '$want'"
		failed=$((failed + 1))
	fi
}

expect "jool0 nat64 -j --json -i --help --version" ""
expect "jool0 nat64" -i ""
expect "show set" -i jool0 global ""
expect "nat64" "na"
expect "show global check stats eamt denylist4 address pool4 bib session showconf setconf syncconf addconf monitor deterministic" jool0 ""
expect "" jool0 showconf ""
# setconf, syncconf and addconf take a file.
confdir=$(mktemp -d)
touch "$confdir/conf-test.conf"
cd "$confdir" || exit 1
expect "conf-test.conf" jool0 setconf conf-test.c
expect "conf-test.conf" jool0 syncconf conf-test.
expect "conf-test.conf" jool0 addconf conf-test
cd - >/dev/null || exit 1
rm -r "$confdir"
expect "pool4" -j jool0 po
expect "show set" jool0 global ""
expect "show add del flush rules" nat64 pool4 ""
expect "dev table mark pref" nat64 pool4 rules ""
expect "tcp udp icmp mark max-iterations force" nat64 pool4 add ""
expect "tcp udp icmp mark quick" nat64 pool4 del ""
expect "tcp udp icmp" nat64 bib add ""
expect "--all --explain" jool0 stats show ""
expect "show add add-file del flush" jool0 eamt ""
expect "query" jool0 address ""
expect "true false" jool0 global set manually-enabled ""
expect "none" jool0 global set pool6 ""
expect "tcp-est-timeout tcp-trans-timeout" jool0 global set tos 3 tcp-
expect "true false" nat64 global update address-dependent-filtering ""
# Every key joolctl knows is offered, in its order.
keys=$("$joolctl" DEV global --help | sed -n 's/^  \([a-z0-9-]*\) {.*/\1/p' | tr '\n' ' ')
expect "${keys% }" jool0 global set ""
# ...and every value of an enumerated key.
expect "off simple intrinsic" jool0 global set eam-hairpin-mode ""

echo "completion: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
