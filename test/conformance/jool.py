# SPDX-License-Identifier: GPL-2.0
"""
The reference translator for run.py --impl jool: Jool 4.1.9's SIIT
(Debian's jool-dkms and jool-tools), one netfilter instance in xlat, and
the list of the cases where its packets differ from the expected ones
(jool_diffs.txt).

Netfilter Jool translates in PREROUTING and routes the translated packet
itself, so nothing is routed "into" it: the prefixes run.py would route
into jool0 get blackhole routes instead. A packet Jool declines to
translate goes on untranslated (its netfilter verdict is ACCEPT) and dies
there, as a packet jool0 drops would; the expected packets' own
destinations keep their routes out to the ends.
"""
import csv
import io

JOOL = "jool_siit"
DEFAULT_POOL6 = "64:ff9b::/96"
KINDS = ("jool-deviates", "our-choice", "our-bug", "not-comparable")


class JoolSiit:
    """The run.py backend (see run.Netdev) for a Jool SIIT instance."""
    name = "jool_siit"
    counters = False		# Jool's counters are not ours: packets only
    mtu_devs = ()		# no device between the two families

    def __init__(self, run, ipbatch, route_proto):
        self._run, self._ipbatch, self._proto = run, ipbatch, route_proto

    def jool(self, *args, check=True):
        return self._run([JOOL] + list(args), check=check)

    def setup(self):
        self.jool("instance", "add", "--netfilter", "--pool6", DEFAULT_POOL6)
        self.version = self.jool("--version").stdout.strip()
        self.defaults = {}
        out = self.jool("global", "display", "--csv", "--no-headers").stdout
        for row in csv.reader(io.StringIO(out)):
            if len(row) == 2:
                self.defaults[row[0]] = self.cli_value(row[1])
        self.eamt = self.denylist4 = True

    @staticmethod
    def cli_value(v):
        """A value as "global display --csv" prints it, as update takes it."""
        if v in ("TRUE", "FALSE"):
            return v.lower()
        return v if v != "" else "null"	# an unset prefix

    def stats(self):
        out = self.jool("stats", "display", "--csv", "--all", "--no-headers").stdout
        return {row[0]: int(row[1]) for row in csv.reader(io.StringIO(out))
                if len(row) >= 2 and row[1].isdigit()}

    def route(self, prefix):
        return "route add blackhole %s proto %s" % (prefix, self._proto)

    def set_tables(self, t):
        self.set_global("pool6", t.pool6 or "none")
        self.jool("eamt", "flush")
        for p6, p4 in t.eamt:
            # --force: Jool refuses EAMs that overlap others unless told;
            # the topologies are the ones our device accepts.
            self.jool("eamt", "add", p4, p6, "--force")
        self.jool("denylist4", "flush")
        for p4 in t.denylist4:
            self.jool("denylist4", "add", p4, "--force")

    def set_global(self, key, value):
        value = str(value)
        self.jool("global", "update", key, "null" if value == "none" else value)

    def restore_global(self, key):
        self.jool("global", "update", key, self.defaults[key])


class Entry:
    def __init__(self, line, key, kind, why):
        self.line, self.key, self.kind, self.why = line, key, kind, why

    def matches(self, case_id):
        if self.key.endswith("*"):
            return case_id.startswith(self.key[:-1])
        return case_id == self.key


class Diffs:
    """
    jool_diffs.txt: one line per case id (or id prefix ending in "*"):

        <id or prefix*> <kind> <why>

    kind is one of KINDS; docs/design.md ("Conformance differences from
    Jool 4.1.9") explains each. Refused at load: a malformed line, an
    entry that matches no case at all, a case matched by two entries.
    """

    def __init__(self, path, all_ids):
        self.entries = []
        with open(path) as f:
            for n, text in enumerate(f, 1):
                text = text.strip()
                if not text or text.startswith("#"):
                    continue
                parts = text.split(None, 2)
                if len(parts) != 3 or parts[1] not in KINDS:
                    raise SystemExit("%s:%d: want '<id> <%s> <why>'"
                                     % (path, n, "|".join(KINDS)))
                self.entries.append(Entry(n, *parts))
        for e in self.entries:
            if not any(e.matches(i) for i in all_ids):
                raise SystemExit("%s:%d: '%s' matches no case (a stale entry)"
                                 % (path, e.line, e.key))
        for i in all_ids:
            hits = [e for e in self.entries if e.matches(i)]
            if len(hits) > 1:
                raise SystemExit("%s: %s is matched by lines %s"
                                 % (path, i, ", ".join(str(e.line) for e in hits)))

    def find(self, case_id):
        return next((e for e in self.entries if e.matches(case_id)), None)
