#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The COUNTERS section of docs/joolctl.8 against the list of counters in
# include/uapi/jool_stats.h: every counter there, in order, with joolctl's
# explanation word for word. Ends with "N passed, M failed" (one check per
# counter, one for the section as a whole).
#
#   test/docs_counters.sh            check
#   test/docs_counters.sh --update   rewrite the section from the list
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
man=$top/docs/joolctl.8
begin='.\" BEGIN COUNTERS: made by test/docs_counters.sh --update'
end='.\" END COUNTERS'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The list through the C preprocessor, as the module and joolctl see it:
# one "NAME<tab>explanation" line per counter.
cat >"$tmp/list.c" <<'EOC'
#include <stdio.h>
int main(void)
{
#define JOOL_STAT(name, text) printf("%s\t%s\n", #name, text);
#include <uapi/jool_stats.h>
#undef JOOL_STAT
	return 0;
}
EOC
${CC:-cc} -Wall -Werror -I"$top/include" -o "$tmp/list" "$tmp/list.c" &&
	"$tmp/list" >"$tmp/list.txt" || { echo "docs counters: cannot read the list"; echo "0 passed, 1 failed"; exit 1; }

# One entry a counter: .TP 24 (the first) or .TQ, .B NAME, the explanation
# filled to 72 columns, '-' as \- (it is typed as is) in words never
# hyphenated (\%), and no line starting with a control character.
awk -F '\t' '
NR == 1 { print ".TP 24" } NR > 1 { print ".TQ" }
{
	print ".B " $1
	n = split($2, w, " "); line = ""
	for (i = 1; i <= n; i++) {
		if (gsub(/-/, "\\-", w[i]))
			w[i] = "\\%" w[i]
		if (line != "" && length(line) + 1 + length(w[i]) > 72) {
			print line; line = ""
		}
		if (line == "" && w[i] ~ /^[.'"'"']/)
			w[i] = "\\&" w[i]
		line = line == "" ? w[i] : line " " w[i]
	}
	print line
}' "$tmp/list.txt" >"$tmp/want"

if [ "${1:-}" = --update ]; then
	B=$begin E=$end F=$tmp/want awk '
	$0 == ENVIRON["B"] { print; while ((getline l < ENVIRON["F"]) > 0) print l; skip = 1; next }
	$0 == ENVIRON["E"] { skip = 0 }
	!skip' "$man" >"$tmp/man" && cat "$tmp/man" >"$man"
	grep -qxF "$begin" "$man" || echo "docs counters: no '$begin' line in $man"
	exit 0
fi

B=$begin E=$end awk '
$0 == ENVIRON["E"] { in_ = 0 } in_ { print } $0 == ENVIRON["B"] { in_ = 1 }' "$man" >"$tmp/have"

# entry NAME FILE: the lines of one counter's entry.
entry() {
	awk -v n="$2" '/^\.(TP|TQ)/ { on = 0 } $0 == ".B " n { on = 1 } on' "$1"
}

passed=0
failed=0
while IFS=$'\t' read -r name _; do
	if [ -n "$(entry "$tmp/have" "$name")" ] &&
	   [ "$(entry "$tmp/have" "$name")" = "$(entry "$tmp/want" "$name")" ]; then
		passed=$((passed + 1))
	else
		echo "FAIL docs/joolctl.8 COUNTERS: $name missing or not as in include/uapi/jool_stats.h"
		failed=$((failed + 1))
	fi
done <"$tmp/list.txt"
if cmp -s "$tmp/have" "$tmp/want"; then
	passed=$((passed + 1))
else
	echo "FAIL docs/joolctl.8 COUNTERS differs from the list (test/docs_counters.sh --update):"
	diff -u "$tmp/have" "$tmp/want" | sed 's/^/    /'
	failed=$((failed + 1))
fi
echo "docs counters: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
