#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# docs/joolctl.8 against the code: a man page entry missing or stale fails.
#
#  - GLOBALS: one entry per global of src/config_globals.h, and joolctl
#    knows the same globals ("joolctl DEV global --help"); no entry for a
#    global that does not exist.
#  - COMMANDS: one entry per command of joolctl's tables (the usage lines
#    of "joolctl --help"), and each in SYNOPSIS; no entry for a command
#    that does not exist.
#  - Jool's aliases ("As in Jool, ..." of every help page) and the options
#    of "joolctl --help" are in the page.
#  - COUNTERS: test/docs_counters.sh, one check.
#
# Prints ok/not ok lines, then "docs-man: N passed, M failed". Needs a built
# usr/joolctl/joolctl (make -C usr); no module, no device.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
man=$top/docs/joolctl.8
joolctl=${JOOLCTL:-$top/usr/joolctl/joolctl}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$joolctl" ]; then
	echo "not ok - $joolctl is missing (make -C usr)"
	echo "docs-man: 0 passed, 1 failed"
	exit 1
fi

# The code's side, one "KIND<tab>NAME" line each.
sed -nE 's/^JOOL_GLOBAL\([A-Z0-9_]+, "([^"]+)".*/kernel-global\t\1/p' \
	"$top/src/config_globals.h" >"$tmp/code"
"$joolctl" dev0 global --help |
	sed -nE '/^Keys:/,/^$/ s/^  ([a-z0-9-]+) \{.*/joolctl-global\t\1/p' >>"$tmp/code"
"$joolctl" --help >"$tmp/help"
# "Usage: joolctl [-j | --json] DEV eamt [show]" -> "eamt show"
sed -nE 's/^(Usage:)? +joolctl (\[[^]]*\] )*DEV (.*)/\3/p' "$tmp/help" |
	sed -E 's/\[([a-z]+)\]/\1/' |
	awk '{ w = $1; if ($2 ~ /^[a-z][a-z0-9-]*$/ && $1 != "show") w = w " " $2;
	       print "command\t" w }' >>"$tmp/code"
for g in "" global stats eamt denylist4 address pool4 bib session; do
	# shellcheck disable=SC2086
	"$joolctl" dev0 $g --help
done | tr '\n' ' ' | grep -oE '"[a-z0-9-]+" (is accepted )?for' |
	sed -E 's/"([^"]+)".*/alias\t\1/' | sort -u >>"$tmp/code"
grep -oE '^  (-[a-zA-Z], )?--?[a-z-]+' "$tmp/help" |
	sed -E 's/^  (-[a-zA-Z], )?/option\t/' >>"$tmp/code"

/usr/bin/python3 -I - "$man" "$tmp/code" <<'EOP'
import re, sys

man = open(sys.argv[1]).read().splitlines()
code = [l.split("\t") for l in open(sys.argv[2]).read().splitlines()]
passed = failed = 0

def result(ok, text):
    global passed, failed
    print(("ok - " if ok else "not ok - ") + text)
    if ok:
        passed += 1
    else:
        failed += 1

def plain(line):
    """The text of a macro line, without fonts, quotes or brackets."""
    line = re.sub(r"^\.[A-Z]+\s*", "", line)
    line = re.sub(r"\\f[BIRP]", "", line)
    line = line.replace("\\-", "-").replace("\\&", "").replace("\\%", "")
    line = line.replace('"', " ")
    return re.sub(r"[][{}|]", " ", line).split()

def section(name):
    out, on = [], False
    for l in man:
        if l.startswith(".SH"):
            on = l[4:].strip('" ') == name
        elif on:
            out.append(l)
    return out

def tags(lines):
    """The tag line of every .TP entry, but those inside .RS/.RE."""
    out, depth = [], 0
    for i, l in enumerate(lines[:-1]):
        depth += l.startswith(".RS") - l.startswith(".RE")
        if l.startswith(".TP") and not depth:
            out.append(lines[i + 1])
    return out

def kind(k):
    return [n for c, n in code if c == k]

# Globals: kernel, joolctl and the page agree.
kernel, joolctl = kind("kernel-global"), kind("joolctl-global")
documented = [plain(t)[0] for t in tags(section("GLOBALS")) if plain(t)]
result(bool(kernel), "the globals of src/config_globals.h were read")
result(sorted(kernel) == sorted(joolctl),
       "joolctl knows the kernel's globals (missing: %s; unknown: %s)" %
       (sorted(set(kernel) - set(joolctl)), sorted(set(joolctl) - set(kernel))))
for g in kernel:
    result(g in documented, "GLOBALS documents %s" % g)
for g in documented:
    if g not in kernel:
        result(False, "GLOBALS documents %s, which is no global (stale)" % g)

# Commands: each in COMMANDS and in SYNOPSIS; no entry without a command.
commands = kind("command")
entries = []
for t in tags(section("COMMANDS")):
    w = plain(t)
    if w and w[0] == "DEV":
        w = w[1:]
    if w and not w[0].startswith("("):
        entries.append(w)
synopsis = [" ".join(plain(l)) for l in section("SYNOPSIS")]
synopsis = " ".join(synopsis)
result(len(commands) > 10, "joolctl --help lists the commands (%d)" % len(commands))
for c in commands:
    words = c.split()
    found = any(e[:len(words)] == words for e in entries)
    result(found, "COMMANDS documents \"%s\"" % c)
    result(re.search(r"(^| )" + r" +(\S+ +)?".join(map(re.escape, words)) +
                     r"( |$)", synopsis) is not None,
           "SYNOPSIS has \"%s\"" % c)
for e in entries:
    if not any(e[:len(c.split())] == c.split() or
               e[0] == c.split()[0] and len(c.split()) == 1
               for c in commands):
        result(False, "COMMANDS documents \"%s\", which is no command (stale)"
               % " ".join(e[:2]))

# Jool's aliases and the options.
bold = " ".join(" ".join(plain(l)) for l in man
                if re.match(r"^\.(B|BR|RB|BI)\b", l))
for a in kind("alias"):
    result(re.search(r"(^| )%s( |$)" % re.escape(a), bold) is not None,
           "the page names Jool's alias %s" % a)
options = " ".join(" ".join(plain(t)) for t in tags(section("OPTIONS")))
for o in kind("option"):
    result(re.search(r"(^| )%s( |,|$)" % re.escape(o), options) is not None,
           "OPTIONS documents %s" % o)

open(sys.argv[2] + ".counts", "w").write("%d %d\n" % (passed, failed))
EOP
read -r passed failed <"$tmp/code.counts" 2>/dev/null || { passed=0; failed=1; }

if "$top/test/docs_counters.sh" >"$tmp/counters" 2>&1; then
	echo "ok - COUNTERS (test/docs_counters.sh)"
	passed=$((passed + 1))
else
	echo "not ok - COUNTERS (test/docs_counters.sh):"
	sed 's/^/    /' "$tmp/counters" | tail -n 20
	failed=$((failed + 1))
fi
echo "docs-man: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
