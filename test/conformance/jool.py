# SPDX-License-Identifier: GPL-2.0
"""
The reference translator for run.py --impl jool: Jool 4.1.9 (Debian's
jool-dkms and jool-tools), netfilter instances in xlat: jool_siit for the
SIIT cases and, when NAT64 flows are selected, jool (NAT64) for them, made
once the SIIT cases are done (probe_nat64 says why); the instance a
topology does not use is switched off (manually-enabled false).
Also the list of the cases where Jool's packets differ from the expected
ones (jool_diffs.txt).

Netfilter Jool translates in PREROUTING and routes the translated packet
itself, so nothing is routed "into" it: the prefixes run.py would route
into jool0 (or the NAT64 device: pool6, pool4) get blackhole routes
instead. A packet Jool declines to translate goes on untranslated (its
netfilter verdict is ACCEPT) and dies there, as a packet jool0 drops
would; the expected packets' own destinations keep their routes out to the
ends. Except pool4's: Jool looks up the route of a translated IPv4 packet
before it knows it is a hairpin (RFC 6146 3.8), and a blackhole fails
that lookup, so pool4 is routed into a dummy device (NULL4), where what
Jool declines dies just the same.

NAT64 flows: Jool chooses pool4 ports by RFC 6056 algorithm 3 with a
random key, not by range and parity, so the port a flow expects for a new
mapping (1022-1025) is learned from Jool's BIB once the mapping exists and
substituted everywhere the flow names it (learn_ports, remap_step); the
rest is compared exactly. A flow that shortens a lifetime below Jool's
minimum (JOOL_MIN_TIMEOUT) is skipped (cannot_run).
"""
import csv
import dataclasses
import io
import ipaddress
import os
import struct

from casedef import raw

JOOL = "jool_siit"
JOOL64 = "jool"
NULL4 = "jnull4"		# a dummy device: pool4's route (see above)
DEFAULT_POOL6 = "64:ff9b::/96"
KINDS = ("jool-deviates", "our-choice", "our-bug", "not-comparable")
# Jool 4.1.9's lifetime minimums, in seconds (src/common/constants.h:
# UDP_MIN, TCP_EST, TCP_TRANS); icmp-timeout has none.
JOOL_MIN_TIMEOUT = {"udp-timeout": 120, "tcp-est-timeout": 7200,
                    "tcp-trans-timeout": 240}
# Flows Jool runs only at the price of the VM run: at exhaustion Jool logs
# "Jool WARNING (find_bib_session6): I'm running out of pool4 addresses",
# which the guest's kernel log check (test/vm/guest.sh) takes for a kernel
# warning. What Jool does there is in docs/design.md (the first Jool run
# of the flow, 2026-12-04: a silent drop).
# And a flow about what Jool does not implement and leaves to chance: paired
# address pooling (docs/design.md: its f-args hash only makes a shared
# address likely), so which pool4 address a mapping gets is random.
JOOL_SKIP = {"6146-3.5.1.1-exhausted": "Jool's pool4 exhaustion message has "
             "WARNING in it, which fails the VM's kernel log check",
             "6146-3.5.1.1-paired": "Jool has no paired address pooling: the "
             "pool4 address of a new mapping is chance",
             "6146-3.5.1.1-paired-sets": "Jool has no paired address "
             "pooling: the pool4 address of a new mapping is chance"}
# RFC 5382 REQ-5's minimum (RFC 6146 4), which the flows' lifetimes assume;
# Jool's default is 2:00:00 (docs/design.md).
TCP_EST = "2:04:00"
# "session display --csv" states, as "joolctl -j session show" numbers them.
STATES = {"CLOSED": 0, "V4_INIT": 1, "V6_INIT": 2, "ESTABLISHED": 3,
          "V4_FIN_RCV": 4, "V6_FIN_RCV": 5, "V4_FIN_V6_FIN_RCV": 6,
          "TRANS": 7}
PROTO = {"tcp": 6, "udp": 17, "icmp": 1}


class JoolSiit:
    """
    The run.py backend (see run.Netdev) for Jool's instances: jool_siit,
    and jool (NAT64) when want_nat64 and it loads.
    """
    name = "jool"
    counters = False		# Jool's counters are not ours: packets only
    mtu_devs = ()		# no device between the two families
    want_nat64 = False
    learns_ports = True		# run.py: learn_ports() and remap_step()
    nat64_last = True		# run.py: NAT64 topologies after SIIT's (probe_nat64)
    timer_slack = 2.0		# s: Jool expires sessions every 2 s (timer.c)

    def __init__(self, run, ipbatch, route_proto):
        self._run, self._ipbatch, self._proto = run, ipbatch, route_proto
        self.tool = JOOL
        self.pool4_addrs = set()
        self.static_ports = set()

    def jool(self, *args, check=True, tool=None, netns=None):
        where = ["ip", "netns", "exec", netns] if netns else []
        return self._run(where + [tool or self.tool] + list(args), check=check)

    def read_globals(self, tool, netns=None):
        out = self.jool("global", "display", "--csv", "--no-headers", tool=tool,
                        netns=netns).stdout
        return {row[0]: self.cli_value(row[1])
                for row in csv.reader(io.StringIO(out)) if len(row) == 2}

    def setup(self):
        self.jool("instance", "add", "--netfilter", "--pool6", DEFAULT_POOL6)
        self.version = self.jool("--version").stdout.strip()
        self.instances = [JOOL]
        self.tool_defaults = {JOOL: self.read_globals(JOOL)}
        self.defaults = dict(self.tool_defaults[JOOL])
        self.eamt = self.denylist4 = True
        self.nat64 = self.want_nat64 and self.probe_nat64()
        # Short lifetimes: only where Jool's minimums allow (cannot_run).
        self.short_timeouts = self.nat64

    def probe_nat64(self):
        """
        Whether jool.ko is loaded, and its globals' defaults, from an
        instance in a namespace of its own: a NAT64 instance turns on
        defragmentation in its namespace for good (nf_defrag_ipv4/6, which
        have no disable), which would change what the SIIT cases see in
        xlat. The instance in xlat is made at the first NAT64 topology
        (add_nat64), which run.py runs last (nat64_last).
        """
        if not os.path.isdir("/sys/module/" + JOOL64):
            return False
        ns = "jool64probe"
        self._run(["ip", "netns", "del", ns], check=False)	# an earlier run's
        self._run(["ip", "netns", "add", ns])
        try:
            if self.jool("instance", "add", "--netfilter", "--pool6", DEFAULT_POOL6,
                         tool=JOOL64, netns=ns, check=False).returncode:
                return False
            self.jool("global", "update", "tcp-est-timeout", TCP_EST, tool=JOOL64, netns=ns)
            d = self.read_globals(JOOL64, netns=ns)
        finally:
            self._run(["ip", "netns", "del", ns], check=False)
        self.tool_defaults[JOOL64] = d
        for k, v in d.items():
            self.defaults.setdefault(k, v)
        return True

    def add_nat64(self):
        """The NAT64 instance in xlat (see probe_nat64), and pool4's route."""
        self.jool("instance", "add", "--netfilter", "--pool6", DEFAULT_POOL6, tool=JOOL64)
        self.jool("global", "update", "tcp-est-timeout", TCP_EST, tool=JOOL64)
        self._ipbatch(["link add %s type dummy" % NULL4, "link set %s up" % NULL4])
        self.instances.append(JOOL64)

    def cannot_run(self, c):
        """Why Jool cannot run case c (a lifetime below its minimum...), or None."""
        if c.id in JOOL_SKIP:
            return JOOL_SKIP[c.id]
        for k, v in getattr(c, "globals", {}).items():
            if k in JOOL_MIN_TIMEOUT and seconds(v) < JOOL_MIN_TIMEOUT[k]:
                return "Jool's minimum %s is %d s, the flow needs %s s" \
                    % (k, JOOL_MIN_TIMEOUT[k], v)
        return None

    @staticmethod
    def cli_value(v):
        """A value as "global display --csv" prints it, as update takes it."""
        if v in ("TRUE", "FALSE"):
            return v.lower()
        return v if v != "" else "null"	# an unset prefix

    def stats(self):
        out = {}
        for tool in self.instances:
            text = self.jool("stats", "display", "--csv", "--all", "--no-headers",
                             tool=tool).stdout
            out.update({tool + ":" + row[0]: int(row[1])
                        for row in csv.reader(io.StringIO(text))
                        if len(row) >= 2 and row[1].isdigit()})
        return out

    def route(self, prefix):
        if self.tool == JOOL64 and ipaddress.ip_network(prefix).version == 4:
            return "route add %s dev %s proto %s" % (prefix, NULL4, self._proto)
        return "route add blackhole %s proto %s" % (prefix, self._proto)

    def set_tables(self, t):
        if t.mode == "nat64":
            self.jool("global", "update", "manually-enabled", "false", tool=JOOL)
            if JOOL64 not in self.instances:
                self.add_nat64()
            self.tool = JOOL64
            self.jool("global", "update", "manually-enabled", "true")
            if t.pool6 != DEFAULT_POOL6:
                self.jool("pool4", "flush")	# pool6 may not change under a BIB
                self.jool("global", "update", "pool6", t.pool6)
            return
        if JOOL64 in self.instances:
            self.jool("global", "update", "manually-enabled", "false", tool=JOOL64)
        self.tool = JOOL
        self.jool("global", "update", "manually-enabled", "true")
        self.set_global("pool6", t.pool6 or "none")
        self.jool("eamt", "flush")
        for p6, p4 in t.eamt:
            # --force: Jool refuses EAMs that overlap others unless told;
            # the topologies are the ones our device accepts.
            self.jool("eamt", "add", p4, p6, "--force")
        self.jool("denylist4", "flush")
        for p4 in t.denylist4:
            self.jool("denylist4", "add", p4, "--force")

    def reset_state(self, t):
        """pool4 and the static BIB alone (flush cascades to BIB, sessions)."""
        self.jool("pool4", "flush")
        for proto in PROTO:
            for e in self.table("bib", proto):
                self.jool("bib", "remove", "--" + proto,
                          "%s#%d" % (e["ipv6-address"], e["ipv6-port"]),
                          "%s#%d" % (e["ipv4-address"], e["ipv4-port"]))
        self.pool4_addrs, self.static_ports = set(), set()
        for entry in t.pool4:
            proto, addr, ports = entry.split()
            # --force: Jool warns about ports under 1024.
            self.jool("pool4", "add", "--" + proto, addr, ports, "--force")
            self.pool4_addrs.add(addr)
        for entry in t.bib:
            proto, a4, a6 = entry.split()
            self.jool("bib", "add", "--" + proto, a6, a4)
            self.static_ports.add((PROTO[proto], int(a4.split("#")[1])))
        self.pool6 = ipaddress.ip_network(t.pool6)

    def table(self, name, proto):
        """Jool's BIB or session table as "joolctl -j ... show" lists it."""
        out = self.jool(name, "display", "--" + proto, "--csv", "--numeric",
                        "--no-headers").stdout
        rows = [r for r in csv.reader(io.StringIO(out)) if r]
        if name == "bib":
            return [{"ipv6-address": r[1], "ipv6-port": int(r[2]),
                     "ipv4-address": r[3], "ipv4-port": int(r[4]),
                     "static": r[5] in ("1", "true")} for r in rows]
        tab = []
        for r in rows:
            e = {"ipv6-source": r[1], "ipv6-source-port": int(r[2]),
                 "ipv6-destination": r[3], "ipv6-destination-port": int(r[4]),
                 "ipv4-source": r[5], "ipv4-source-port": int(r[6]),
                 "ipv4-destination": r[7], "ipv4-destination-port": int(r[8]),
                 "expires-ms": int(seconds(r[9]) * 1000)}
            if len(r) > 10:
                e["state"] = STATES.get(r[10], r[10])
            tab.append(e)
        return tab

    def set_global(self, key, value):
        value = str(value)
        self.jool("global", "update", key, "null" if value == "none" else value)

    def restore_global(self, key):
        self.jool("global", "update", key, self.tool_defaults[self.tool][key])

    # -- pool4 ports ----------------------------------------------------------

    def pool4_addr(self, addr):
        """addr (a str) is a pool4 address, or one embedded in pool6."""
        a = ipaddress.ip_address(addr)
        if a.version == 4:
            return str(a) in self.pool4_addrs
        if a not in self.pool6:
            return False
        return str(ipaddress.IPv4Address(int(a) & 0xffffffff)) in self.pool4_addrs

    def learn_ports(self, step, ports):
        """
        After step (as written) was sent from n6: for each expected packet
        leaving from a pool4 port not learned yet (nor a static entry's),
        the port Jool's BIB gave the sender's transport address. Adds
        {(proto, expected): Jool's} to ports; returns what it added.
        """
        new = {}
        if step.sender != "n6" or step.send is None:
            return new
        sent = l4_of(raw(step.send))
        if sent is None:
            return new
        for e in step.expect:
            got = l4_of(raw(e))
            if got is None or got[0] != sent[0] or not self.pool4_addr(got[1]):
                continue
            key = (got[0], got[2])
            if key in ports or key in self.static_ports:
                continue
            name = {6: "tcp", 17: "udp"}[got[0]]
            for b in self.table("bib", name):
                if (ipaddress.ip_address(b["ipv6-address"]) == ipaddress.ip_address(sent[1])
                        and b["ipv6-port"] == sent[2]):
                    new[key] = ports[key] = b["ipv4-port"]
        return new

    def remap_step(self, step, ports):
        """step with every expected pool4 port replaced as ports says."""
        if not ports:
            return step
        change = {"expect": [remap_packet(raw(e), ports, self.pool4_addr)
                             for e in step.expect],
                  "tables": [(n, p, [remap_entry(w, PROTO[p], ports, self.pool4_addr)
                                     for w in want]) for n, p, want in step.tables]}
        if step.send is not None:
            change["send"] = remap_packet(raw(step.send), ports, self.pool4_addr)
        if getattr(step, "quote", None) is not None:
            change["quote"] = remap_packet(raw(step.quote), ports, self.pool4_addr)
        return dataclasses.replace(step, **change)


def seconds(v):
    """Jool's [[HH:]MM:]SS[.mmm] as seconds."""
    total = 0.0
    for part in str(v).split(":"):
        total = total * 60 + float(part)
    return total


def l3(p):
    """(version, header length, protocol, source, destination) of p."""
    if p[0] >> 4 == 4:
        return (4, (p[0] & 0xf) * 4, p[9], str(ipaddress.IPv4Address(p[12:16])),
                str(ipaddress.IPv4Address(p[16:20])))
    return (6, 40, p[6], str(ipaddress.IPv6Address(p[8:24])),
            str(ipaddress.IPv6Address(p[24:40])))


def l4_of(p):
    """(protocol, source address, source port) of a TCP/UDP packet, or None."""
    if len(p) < 20:
        return None
    version, hl, proto, src, _ = l3(p)
    # An IPv6 first fragment (offset 0) carries the ports after its header.
    if (version == 6 and proto == 44 and len(p) >= 48
            and struct.unpack("!H", p[42:44])[0] & 0xfff8 == 0):
        proto, hl = p[40], 48
    if proto not in (6, 17) or len(p) < hl + 4:
        return None
    return proto, src, struct.unpack("!H", p[hl:hl + 2])[0]


def csum_fix(c, old, new):
    """RFC 1624 eqn. 3: checksum c after a 16-bit word goes from old to new."""
    s = (~c & 0xffff) + (~old & 0xffff) + new
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def remap_ports(b, off, ports, is_pool4):
    """
    The TCP/UDP ports of the (maybe cut) IP packet at b[off:], in place;
    returns the 16-bit words changed, [(old, new)...], for a checksum over
    them (all at even offsets from off).
    """
    changed = []
    if len(b) - off < 20:
        return changed
    _, hl, proto, src, dst = l3(bytes(b[off:off + 40]))
    t = off + hl
    if proto not in (6, 17) or len(b) < t + 4:
        return changed
    csum_at = t + (16 if proto == 6 else 6)
    for where, addr in ((t, src), (t + 2, dst)):
        old = struct.unpack("!H", b[where:where + 2])[0]
        new = ports.get((proto, old))
        if new is None or not is_pool4(addr):
            continue
        b[where:where + 2] = struct.pack("!H", new)
        changed.append((old, new))
        if len(b) >= csum_at + 2:
            c = struct.unpack("!H", b[csum_at:csum_at + 2])[0]
            if not (proto == 17 and c == 0):
                c2 = csum_fix(c, old, new)
                b[csum_at:csum_at + 2] = struct.pack("!H", c2)
                changed.append((c, c2))
    return changed


def remap_packet(p, ports, is_pool4):
    """
    p with the pool4 ports in ports replaced: its own, or those of the
    packet an ICMP error quotes (the error's checksum updated for the
    quote's changed words, RFC 1624).
    """
    b = bytearray(p)
    ver, hl, proto, src, dst = l3(p)
    if proto in (6, 17):
        remap_ports(b, 0, ports, is_pool4)
    elif (ver, proto) in ((4, 1), (6, 58)) and len(b) >= hl + 8 and \
            b[hl] in ((3, 4, 5, 11, 12) if ver == 4 else (1, 2, 3, 4)):
        c = struct.unpack("!H", b[hl + 2:hl + 4])[0]
        for old, new in remap_ports(b, hl + 8, ports, is_pool4):
            c = csum_fix(c, old, new)
        b[hl + 2:hl + 4] = struct.pack("!H", c)
    return bytes(b)


def remap_entry(want, proto, ports, is_pool4):
    """A table entry (run.py's dict) with its pool4 ports replaced."""
    out = dict(want)
    for addr, port in (("ipv4-source", "ipv4-source-port"),
                       ("ipv4-destination", "ipv4-destination-port"),
                       ("ipv6-destination", "ipv6-destination-port"),
                       ("ipv4-address", "ipv4-port")):
        if addr in out and isinstance(out.get(port), int) and \
                is_pool4(out[addr]) and (proto, out[port]) in ports:
            out[port] = ports[(proto, out[port])]
    return out


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
