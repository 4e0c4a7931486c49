# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Helpers for the host tests of installing and packaging (test/install.sh,
# test/setup.sh, test/deb.sh): one "ok - ..." / "not ok - ..." line per
# case and a summary "NAME: N passed, M failed". (The VM tests have
# test/netns/lib.sh.)

passed=0
failed=0
hostlib_out=$(mktemp /tmp/jool-hostlib.XXXXXX)

ok() {
	passed=$((passed + 1))
	echo "ok - $*"
}

notok() {
	failed=$((failed + 1))
	echo "not ok - $*"
}

# check DESCRIPTION CMD...: passes when CMD exits 0; shows the end of its
# output when not.
check() {
	local desc=$1
	shift
	if "$@" >"$hostlib_out" 2>&1; then
		ok "$desc"
	else
		notok "$desc"
		sed 's/^/    | /' "$hostlib_out" | tail -n 20
	fi
}

# summary NAME: the closing line; fails when a case failed.
summary() {
	rm -f "$hostlib_out"
	echo "$1: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
