#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# denylist4 and the address query end to end: every command and alias,
# bad input (one stderr line, non-zero exit, configuration unchanged), an
# unprivileged caller and a NAT64 device refused, traffic to and from a
# denied address dropped and counted (DENYLISTED) while the rest passes,
# the implicit ranges, EAMs unaffected, and what "address query" says for
# pool6, an EAM, denylist4, an implicit range and an untranslatable
# address. Also: --csv and --no-headers, and add-file (what "show
# --no-headers" prints loads back; a file is added all or nothing, its
# errors named FILE:LINE).
. "$(dirname "$0")/lib.sh"
load_module
topo_basic
files=$(mktemp -d)
trap 'topo_cleanup; rm -rf "$unpriv_dir" "$files"' EXIT

install_plugin

jc() { nx "$JOOLCTL" jool0 "$@"; }
denied() { jstat xlat jool0 denylisted; }
# delta BEFORE WANT: the DENYLISTED counter grew by exactly WANT.
delta() { [ $(($(denied) - $1)) -eq "$2" ]; }

# ---- Commands ----
check "empty at creation" out "denylist4 is empty." jc denylist4 show
check "empty, JSON" out "[]" jc -j denylist4
check "add a /25" jc denylist4 add 198.51.100.128/25
check "add without a length (a /32)" jc denylist4 add 10.0.0.1
check "add a nested prefix" jc denylist4 add 198.51.100.192/26
check "blacklist4 add (Jool's old name)" jc blacklist4 add 203.0.113.0/24
check "show, ordered by address" out "IPv4 prefix
10.0.0.1/32
198.51.100.128/25
198.51.100.192/26
203.0.113.0/24" jc denylist4 show
check "display (Jool's verb)" out "$(jc denylist4 show)" jc denylist4 display
check "JSON" jq_ 'j == ["10.0.0.1/32", "198.51.100.128/25", "198.51.100.192/26", "203.0.113.0/24"]' jc -j denylist4 show
check "remove (Jool's verb)" jc denylist4 remove 198.51.100.192/26
check "del" jc denylist4 del 10.0.0.1/32
check "add another address without a length" jc denylist4 add 10.0.0.2
check "del without a length (the /32)" jc denylist4 del 10.0.0.2
check "...deletes the /32" out "IPv4 prefix
198.51.100.128/25
203.0.113.0/24" jc denylist4 show
check "--help" sh -c "ip netns exec xlat $JOOLCTL jool0 denylist4 --help | grep -q '^Usage: joolctl'"
check "--no-headers" out "198.51.100.128/25
203.0.113.0/24" jc denylist4 show --no-headers
check "--csv" out "IPv4 prefix
198.51.100.128/25
203.0.113.0/24" jc --csv denylist4 show
check "--csv --no-headers" out "198.51.100.128/25
203.0.113.0/24" jc denylist4 --csv --no-headers

# bad DESC PATTERN STATUS CMD...: one line on stderr, and that exit status.
bad() { check_status "$@"; }

# ---- add-file ----
# file NAME: stdin into $files/NAME; prints its path.
file() { cat >"$files/$1"; echo "$files/$1"; }
before=$(jc denylist4 show)
f=$(printf '%s\n' '# a comment' '10.1.0.0/16' '' '10.2.0.0/16  # trailing' '10.3.0.0/1x' | file syntax)
bad "add-file: a syntax error names the line" "^joolctl: $f:5: invalid prefix '10.3.0.0/1x'" 2 jc denylist4 add-file "$f"
f=$(printf '10.1.0.0/16\n10.2.0.0/16 10.3.0.0/16\n' | file two)
bad "add-file: two prefixes on a line" "^joolctl: $f:2: unexpected '10.3.0.0/16' after the prefix$" 2 jc denylist4 add-file "$f"
f=$(printf '10.1.0.0/16\n2001:db8::/32\n' | file six)
bad "add-file: an IPv6 prefix" "^joolctl: $f:2: invalid prefix '2001:db8::/32': .*IPv4 prefix is required" 2 jc denylist4 add-file "$f"
f=$(printf '10.1.0.0/16\n10.2.0.0/16\n10.1.0.0/16\n' | file twice)
bad "add-file: a prefix twice" "^joolctl: $f:3: prefix 10.1.0.0/16 is already on line 1$" 1 jc denylist4 add-file "$f"
bad "add-file: a prefix twice, the kernel's refusal names line 3" "^joolctl: jool0: $f:3: .*already in denylist4.*; nothing was added$" 1 \
	env JOOLCTL_TEST_NO_PRECHECK=1 ip netns exec xlat "$JOOLCTL" jool0 denylist4 add-file "$f"
# 65537 host prefixes in 100.64.0.0/10, clear of the others.
f=$(awk 'BEGIN { for (i = 0; i <= 65536; i++)
		printf "100.%d.%d.%d\n", 64 + int(i / 65536), int(i / 256) % 256, i % 256 }' | file over)
bad "add-file: 65537 prefixes" "^joolctl: $f:65537: more than 65536 prefixes" 2 jc denylist4 add-file "$f"
f=$(head -n 65535 "$f" | file full)
bad "add-file: 65535 more than the two listed: full, nothing added" "^joolctl: jool0: $f: denylist4 is full.*; nothing was added$" 1 \
	jc denylist4 add-file "$f"
# The kernel refuses line 2500 of 3000 (already listed): nothing is added.
f=$(awk 'BEGIN { for (i = 0; i < 3000; i++)
		if (i == 2499) print "203.0.113.0/24"
		else printf "10.%d.%d.0/24\n", i / 250 + 100, i % 250 }' | file big)
bad "add-file: the kernel's refusal names line 2500" "^joolctl: jool0: $f:2500: .*already in denylist4.*; nothing was added$" 1 jc denylist4 add-file "$f"
bad "add-file: no such file" "^joolctl: denylist4 add-file: cannot open /nonexistent: No such file or directory$" 2 jc denylist4 add-file /nonexistent
bad "add-file: no FILE" "^joolctl: denylist4 add-file: missing FILE$" 2 jc denylist4 add-file
check "add-file: an empty file is fine" jc denylist4 add-file /dev/null
bad "add-file: an empty file, but no such device" "^joolctl: nodev0: no such device$" 1 nx "$JOOLCTL" nodev0 denylist4 add-file /dev/null
bad "add-file: --csv is for show" "prints no table" 2 jc --csv denylist4 add-file "$f"
check "add-file: nothing changed" out "$before" jc denylist4 show
f=$(printf '10.1.0.0/16\r\n\r\n10.2.0.0/16' | file good)
check "add-file: CRLF, a blank line, no final newline" jc denylist4 add-file "$f"
check "add-file: both listed" out "10.1.0.0/16
10.2.0.0/16
198.51.100.128/25
203.0.113.0/24" jc denylist4 show --no-headers
check "add-file of 3000 prefixes at once" sh -c "sed 2500d $files/big | ip netns exec xlat $JOOLCTL jool0 denylist4 add-file -"
check "...all listed" out 3003 sh -c "ip netns exec xlat $JOOLCTL jool0 denylist4 show --no-headers | wc -l"
check "add-file up to 65536 prefixes" sh -c "head -n 62533 $files/over | ip netns exec xlat $JOOLCTL jool0 denylist4 add-file -"
check "...65536 listed" out 65536 sh -c "ip netns exec xlat $JOOLCTL jool0 denylist4 show --no-headers | wc -l"
bad "...and not one more" "denylist4 is full" 1 jc denylist4 add 192.0.2.0/24
check "...back to the 3003" sh -c "ip netns exec xlat $JOOLCTL jool0 denylist4 flush &&
	printf '%s\n' 10.1.0.0/16 10.2.0.0/16 198.51.100.128/25 203.0.113.0/24 >$files/four &&
	ip netns exec xlat $JOOLCTL jool0 denylist4 add-file $files/four &&
	sed 2500d $files/big | ip netns exec xlat $JOOLCTL jool0 denylist4 add-file -"
check "...3003 listed" out 3003 sh -c "ip netns exec xlat $JOOLCTL jool0 denylist4 show --no-headers | wc -l"
jc denylist4 show --no-headers >"$files/dump"
jc --csv --no-headers denylist4 show >"$files/dump.csv"
check "round trip: flush" jc denylist4 flush
check "round trip: show --no-headers loads back" jc denylist4 add-file "$files/dump"
check "round trip: the same list" out "$(cat "$files/dump")" jc denylist4 show --no-headers
check "round trip (CSV): flush" jc denylist4 flush
check "round trip: show --csv --no-headers loads back" jc denylist4 add-file "$files/dump.csv"
check "round trip (CSV): the same list" out "$(cat "$files/dump")" jc denylist4 show --no-headers
check "back to two prefixes: flush" jc denylist4 flush
check "back to two prefixes: add-file" sh -c "printf '198.51.100.128/25\n203.0.113.0/24\n' | ip netns exec xlat $JOOLCTL jool0 denylist4 add-file -"

# ---- Bad input: one line on stderr, exit status, nothing changed ----
before=$(jc denylist4 show)
bad "duplicate" "already in denylist4" 1 jc denylist4 add 203.0.113.0/24
bad "host bits" "bits are set after" 2 jc denylist4 add 203.0.113.1/24
bad "length 33" "out of range" 2 jc denylist4 add 203.0.113.1/33
bad "an IPv6 prefix" "IPv6 address, an IPv4 prefix is required" 2 jc denylist4 add 2001:db8::/32
bad "not an address" "not a valid IPv4 address" 2 jc denylist4 add bogus
bad "missing prefix" "missing PREFIX" 2 jc denylist4 add
bad "two prefixes" "unexpected argument" 2 jc denylist4 add 192.0.2.0/24 192.0.3.0/24
bad "an option" "unknown option" 2 jc denylist4 add --force
bad "del of an absent prefix" "not in denylist4" 1 jc denylist4 del 192.0.2.0/24
bad "del of a covered but not listed prefix" "not in denylist4" 1 jc denylist4 del 203.0.113.0/25
bad "flush with an argument" "unexpected argument" 2 jc denylist4 flush now
bad "show with an argument" "unexpected argument" 2 jc denylist4 show all
bad "unknown subcommand" "unknown denylist4 command" 2 jc denylist4 frob
bad "no such device" "no such device" 1 nx "$JOOLCTL" nodev0 denylist4 show
bad "not a jool device" "not a jool device" 1 nx "$JOOLCTL" x4 denylist4 add 192.0.2.0/24
check "nothing changed" out "$before" jc denylist4 show

unpriv_dir=$(mktemp -d)
cp "$JOOLCTL" "$unpriv_dir/joolctl"
chmod 755 "$unpriv_dir" "$unpriv_dir/joolctl"
unpriv() {
	nx setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$unpriv_dir/joolctl" "$@"
}
eperm="permission denied|not permitted"
bad "unprivileged add" "$eperm" 1 unpriv jool0 denylist4 add 192.0.2.0/24
bad "unprivileged show" "$eperm" 1 unpriv jool0 denylist4 show
bad "unprivileged flush" "$eperm" 1 unpriv jool0 denylist4 flush
bad "unprivileged query" "$eperm" 1 unpriv jool0 address query 192.0.2.4
check "nothing changed (unprivileged)" out "$before" jc denylist4 show

check "a NAT64 device" ip -n xlat link add nat0 type jool mode nat64
bad "NAT64: add refused" "SIIT devices only" 1 nx "$JOOLCTL" nat0 denylist4 add 192.0.2.0/24
bad "NAT64: add-file refused" "SIIT devices only" 1 nx "$JOOLCTL" nat0 denylist4 add-file "$files/good"
bad "NAT64: an empty add-file refused" "SIIT devices only|operation not supported" 1 nx "$JOOLCTL" nat0 denylist4 add-file /dev/null
# A dump's .start cannot return an extack message on 6.1: errno only.
bad "NAT64: show refused" "SIIT devices only|operation not supported" 1 nx "$JOOLCTL" nat0 denylist4 show
bad "NAT64: query refused without deterministic mode" "a NAT64 address query needs deterministic mode" 1 nx "$JOOLCTL" nat0 address query 192.0.2.4
ip -n xlat link del nat0

# ---- Traffic ----
# 198.51.100.128/25 and 203.0.113.0/24 are listed; neither is in use.
d0=$(denied)
check "IPv6 -> IPv4 passes" n6 ping -6 -c 1 -W 2 64:ff9b::192.0.2.4
check "IPv4 -> IPv6 passes" n4 ping -4 -c 1 -W 2 198.51.100.6
check "nothing denied" delta "$d0" 0

check "deny n4's address" jc denylist4 add 192.0.2.0/28
d0=$(denied)
check "IPv6 to a denied destination is dropped" sh -c "! ip netns exec n6 ping -6 -c 1 -W 1 64:ff9b::192.0.2.4"
check "...and counted once" delta "$d0" 1
d0=$(denied)
check "IPv4 from a denied source is dropped" sh -c "! ip netns exec n4 ping -4 -c 1 -W 1 198.51.100.6"
check "...and counted once" delta "$d0" 1
ip -n n4 addr add 192.0.2.20/24 dev v4
d0=$(denied)
check "IPv4 from elsewhere still passes" n4 ping -4 -c 1 -W 2 -I 192.0.2.20 198.51.100.6
check "...and is not counted" delta "$d0" 0

# An EAM for n4's address wins over pool6: denylist4 does not apply to it.
check "an EAM for 192.0.2.4" jc eamt add 2001:db8:44::4/128 192.0.2.4/32
ip -n xlat route add 2001:db8:44::/64 dev jool0
d0=$(denied)
check "IPv6 reaches the denied address through its EAM" n6 ping -6 -c 1 -W 2 -I 64:ff9b::198.51.100.6 2001:db8:44::4
check "...and nothing is counted" delta "$d0" 0

# Implicit ranges: an IPv6 address of pool6 that embeds 127.0.0.1.
ip -n xlat route add 64:ff9b::7f00:0/104 dev jool0
d0=$(denied)
check "IPv6 to 64:ff9b::127.0.0.1 is dropped" sh -c "! ip netns exec n6 ping -6 -c 1 -W 1 64:ff9b::127.0.0.1"
check "...and counted once" delta "$d0" 1

# ---- address query ----
check "query: pool6, IPv4" out "198.51.100.6 -> 64:ff9b::c633:6406 (pool6 64:ff9b::/96)" jc address query 198.51.100.6
check "query: pool6, IPv6" out "64:ff9b::c633:6406 -> 198.51.100.6 (pool6 64:ff9b::/96)" jc address query 64:ff9b::198.51.100.6
check "query: EAM, IPv4" out "192.0.2.4 -> 2001:db8:44::4 (EAM 2001:db8:44::4/128 192.0.2.4/32)" jc address query 192.0.2.4
check "query: EAM, IPv6" out "2001:db8:44::4 -> 192.0.2.4 (EAM 2001:db8:44::4/128 192.0.2.4/32)" jc address query 2001:db8:44::4
check "query: denylist4, IPv4" out "192.0.2.5: not translated (denylist4 192.0.2.0/28)" jc address query 192.0.2.5
check "query: denylist4, IPv6" out "64:ff9b::c000:205: not translated (denylist4 192.0.2.0/28)" jc address query 64:ff9b::192.0.2.5
check "query: the most specific entry" out "198.51.100.200: not translated (denylist4 198.51.100.128/25)" jc address query 198.51.100.200
check "query: implicit" out "127.0.0.1: not translated (implicit 127.0.0.0/8)" jc address query 127.0.0.1
check "query: implicit multicast" out "64:ff9b::e000:fb: not translated (implicit 224.0.0.0/4)" jc address query 64:ff9b::224.0.0.251
check "query: untranslatable" out "2001:db8::1: not translated (no EAM matches, and it is not in pool6)" jc address query 2001:db8::1
check "query JSON: pool6" jq_ 'j == {"address": "198.51.100.6", "translated": True, "rule": "pool6", "translation": "64:ff9b::c633:6406", "prefix": "64:ff9b::/96"}' jc -j address query 198.51.100.6
check "query JSON: EAM" jq_ 'j["rule"] == "eam" and j["eam"] == {"ipv6": "2001:db8:44::4/128", "ipv4": "192.0.2.4/32"}' jc -j address query 2001:db8:44::4
check "query JSON: denied" jq_ 'j == {"address": "192.0.2.5", "translated": False, "rule": "denylist4", "prefix": "192.0.2.0/28", "drop_reason": "DENYLISTED"}' jc -j address query 192.0.2.5
check "query JSON: untranslatable" jq_ 'j["rule"] == "none" and j["drop_reason"] == "DST6_UNTRANSLATABLE"' jc -j address query 2001:db8::1
bad "query: no address" "missing ADDRESS" 2 jc address query
bad "query: not an address" "not an IPv4 or IPv6 address" 2 jc address query 192.0.2
bad "query: two addresses" "unexpected argument" 2 jc address query 192.0.2.1 192.0.2.2
bad "address: unknown command" "unknown address command" 2 jc address frob
check "query without pool6" nx "$JOOLCTL" jool0 global set pool6 none
check "query: IPv4 without pool6" out "198.51.100.6: not translated (no EAM matches, and pool6 is not set)" jc address query 198.51.100.6
check "query: the EAM still" out "192.0.2.4 -> 2001:db8:44::4 (EAM 2001:db8:44::4/128 192.0.2.4/32)" jc address query 192.0.2.4
check "eamt flush" jc eamt flush
check "query: no rule at all" out "192.0.2.4: not translated (neither pool6 nor the EAMT is set)" jc address query 192.0.2.4

check "flush" jc denylist4 flush
check "empty after flush" out "denylist4 is empty." jc denylist4 show
check "empty, --no-headers: nothing" out "" jc denylist4 show --no-headers
check "empty, --csv: the header row" out "IPv4 prefix" jc denylist4 show --csv
finish
