#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
Checks run.py's verdicts in --impl jool mode and jool.Diffs' refusals, on
the host (no VM, no Jool): a case that differs and is not listed fails, a
listed one that no longer differs fails, the other two pass; a malformed
line, an entry matching no case and a case matched twice are refused.
Prints "ok - ..." / "FAIL - ..." lines and "N passed, M failed".
"""
import os
import sys
import tempfile
from types import SimpleNamespace

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.argv = [sys.argv[0]]
import jool  # noqa: E402
import run  # noqa: E402

IDS = ["a-1", "a-2", "b-1"]
RESULTS = []


def check(desc, cond):
    RESULTS.append((desc, bool(cond)))


def diffs(text):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(text)
    try:
        return jool.Diffs(f.name, IDS)
    finally:
        os.unlink(f.name)


def refused(text):
    try:
        diffs(text)
    except SystemExit:
        return True
    return False


d = diffs("# comment\na-* our-choice both a cases\n")
case = lambda i: SimpleNamespace(id=i, desc="d", known_bug=None)  # noqa: E731
check("unlisted, same: passes", run.verdict(case("b-1"), True, d)[0])
check("unlisted, differs: fails", not run.verdict(case("b-1"), False, d)[0])
check("listed by prefix, differs: passes", run.verdict(case("a-2"), False, d)[0])
check("listed, same: fails (stale)", not run.verdict(case("a-1"), True, d)[0])
check("our own translator: known_bug kept",
      "known bug" in run.verdict(SimpleNamespace(id="x", desc="d", known_bug="k"), False, None)[1])
check("a malformed line is refused", refused("a-1 our-choice\n"))
check("an unknown kind is refused", refused("a-1 maybe why\n"))
check("an entry matching no case is refused", refused("c-1 our-choice why\n"))
check("an exact id is not a prefix", refused("a our-choice why\n"))
check("a case matched by two lines is refused", refused("a-* our-choice x\na-1 our-bug y\n"))
try:
    jool.Diffs(os.path.join(HERE, "jool_diffs.txt"), [c.id for c in run.load_cases()])
    check("test/conformance/jool_diffs.txt is well-formed", True)
except SystemExit as e:
    check("test/conformance/jool_diffs.txt is well-formed: %s" % e, False)
for desc, good in RESULTS:
    print(("ok - " if good else "FAIL - ") + desc)
bad = sum(1 for _, good in RESULTS if not good)
print("jool_diffs: %d passed, %d failed" % (len(RESULTS) - bad, bad))
sys.exit(1 if bad else 0)
