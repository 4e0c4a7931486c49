#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
RFC conformance suite: exact packets through jool0, compared byte for byte.

    run.py [--list | --dump] [--impl jool_netdev|jool] [-v] [--exclude PREFIX]
           [SELECTOR...]

SELECTOR is a case id or a prefix of one ("7915-5.1", "6052"); none means
every case (but those --exclude names). --list and --dump only build the packets (no root, no module):
--list prints the cases, --dump their bytes and dissection.

Without them, run.py must run as root inside the test VM with jool_netdev
loaded (test/netns/70-conformance.sh does that). It builds

    n6 [v6] ---- [x6] xlat [jool0] [x4] ---- [v4] n4

with fixed MAC addresses and no IP stack at the ends (IPv6 disabled on v6,
no address on v4: the ends never answer), sends each case's packet as an
Ethernet frame on v6 or v4 (AF_PACKET: the bytes are exactly the case's),
captures what comes out of xlat on the other veth (AF_PACKET; on the same
veth for a hairpin, a case whose "to" is its sender), and compares.
One line per case: "ok - ID: DESC" or "FAIL - ID: DESC" followed by
"    | " details; "skip - ID: why" for cases this build cannot run; last,
"# N passed, M failed, K skipped in T s".

--impl jool runs the same cases through Jool 4.1.9 instead (jool_siit for
SIIT, jool for the NAT64 flows: netfilter instances in xlat, loaded by
test/netns/71-jool-diff.sh), and compares packets and NAT64 tables only,
with the pool4 ports Jool chose: see jool.py and jool_diffs.txt.
"""
import argparse
import ctypes
import dataclasses
import glob
import importlib.util
import ipaddress
import json
import os
import select
import socket
import struct
import subprocess
import sys
import time

T0 = time.monotonic()
HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, "..", ".."))
JOOLCTL = os.environ.get("JOOLCTL", os.path.join(TOP, "usr", "joolctl", "joolctl"))

# scapy probes for the optional "cryptography" package at import (for TLS
# and IPsec, which this suite does not use); under TCG that alone takes
# seconds. Importing only the layers we need keeps the one import short.
sys.modules.setdefault("cryptography", None)
sys.dont_write_bytecode = True	# no __pycache__ next to the case files
sys.path.insert(0, HERE)
from casedef import INNER_IPV4_ID, IPV4_ID, TOPOLOGIES, WKP, Flow, raw  # noqa: E402  (imports scapy once)
from scapy.layers.inet import IP  # noqa: E402
from scapy.layers.inet6 import IPv6  # noqa: E402
from scapy.packet import Raw  # noqa: E402

NS = ("n6", "xlat", "n4")
MAC = {
    "v6": "02:00:00:00:06:06", "x6": "02:00:00:00:06:01",
    "v4": "02:00:00:00:04:04", "x4": "02:00:00:00:04:01",
}
# xlat's own addresses: what it sends from them is not a translated packet.
X6_ADDR, N6_GW = "fd00:6::1", "fd00:6::6"
X4_ADDR, N4_GW = "10.4.0.1", "10.4.0.4"
ROUTE_PROTO = "200"		# tags the per-topology routes, to flush them
ETH_P_ALL, ETH_P_IP, ETH_P_IPV6 = 0x0003, 0x0800, 0x86DD
PACKET_OUTGOING = 4
CLONE_NEWNET = 0x40000000

PASS_TIMEOUT = 3.0		# s for the expected packets to arrive
DROP_WINDOW = 3.0		# s to wait for a drop's counter
GRACE = 0.05			# s to wait for extra packets after the expected
DROP_GRACE = 0.25		# s to wait for stray packets after a drop


# -- Loading the cases -------------------------------------------------------

def load_cases():
    cases = []
    for path in sorted(glob.glob(os.path.join(HERE, "cases", "*.py"))):
        name = "cases_" + os.path.basename(path)[:-3].replace("-", "_")
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        TOPOLOGIES.update(getattr(mod, "TOPOLOGIES", {}))
        cases.extend(getattr(mod, "CASES", []))
    seen = set()
    for c in cases:
        if c.id in seen:
            raise SystemExit("duplicate case id " + c.id)
        seen.add(c.id)
        if c.topo not in TOPOLOGIES:
            raise SystemExit("%s: unknown topology %s" % (c.id, c.topo))
    return cases


def select_cases(cases, selectors, exclude=()):
    if exclude:
        cases = [c for c in cases if not any(c.id.startswith(x) for x in exclude)]
    if not selectors:
        return cases
    out = [c for c in cases if any(c.id == s or c.id.startswith(s + "-") or
                                   c.id.startswith(s) for s in selectors)]
    if not out:
        raise SystemExit("no case matches " + " ".join(selectors))
    return out


def packets_of(c):
    """(sent, [expected...]) of every step of a case or flow."""
    return [(s.send, s.expect) for s in c.steps if s.send is not None]


# -- Comparing ---------------------------------------------------------------

def inet_csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def apply_masks(exp, got, masks):
    """The expected bytes with the masked parts taken from what arrived."""
    e = bytearray(exp)
    for m in masks:
        if m == INNER_IPV4_ID:
            mask_inner_id(e, got)
        elif m == IPV4_ID:
            if len(e) >= 20 and len(got) >= 20 and e[0] >> 4 == 4 and got[0] >> 4 == 4:
                ihl = (e[0] & 0xf) * 4
                e[4:6] = got[4:6]
                e[10:12] = b"\0\0"
                e[10:12] = struct.pack("!H", inet_csum(bytes(e[:ihl])))
        else:
            off, length, _why = m
            e[off:off + length] = got[off:off + length]
    return bytes(e)


def mask_inner_id(e, got):
    """INNER_IPV4_ID: see casedef."""
    if len(e) < 20 or e[0] >> 4 != 4 or e[9] != 1:
        return
    ihl = (e[0] & 0xf) * 4
    o = ihl + 8			# the packet in error
    if e[ihl] not in (3, 11, 12) or len(e) < o + 20 or len(got) < o + 6:
        return
    if e[o] >> 4 != 4:
        return
    e[o + 4:o + 6] = got[o + 4:o + 6]
    iihl = (e[o] & 0xf) * 4
    if len(e) >= o + iihl:
        e[o + 10:o + 12] = b"\0\0"
        e[o + 10:o + 12] = struct.pack("!H", inet_csum(bytes(e[o:o + iihl])))
    e[ihl + 2:ihl + 4] = b"\0\0"
    e[ihl + 2:ihl + 4] = struct.pack("!H", inet_csum(bytes(e[ihl:])))


def dissect(b):
    if b and b[0] >> 4 == 4:
        return IP(b)
    if b and b[0] >> 4 == 6:
        return IPv6(b)
    return Raw(b)


def layers(p):
    out = []
    while p is not None and not isinstance(p, type(None)) and p.__class__.__name__ != "NoPayload":
        out.append(p)
        p = p.payload
    return out


def field_diff(exp, got):
    """Readable differences, field by field, then the first differing byte."""
    lines = []
    try:
        le, lg = layers(dissect(exp)), layers(dissect(got))
        for i in range(max(len(le), len(lg))):
            if i >= len(le):
                lines.append("unexpected extra layer %s" % lg[i].name)
                continue
            if i >= len(lg):
                lines.append("missing layer %s" % le[i].name)
                continue
            a, b = le[i], lg[i]
            if type(a) is not type(b):
                lines.append("layer %d: expected %s, got %s" % (i, a.name, b.name))
                break
            for f in a.fields_desc:
                va, vb = a.getfieldval(f.name), b.getfieldval(f.name)
                if va == vb:
                    continue
                if isinstance(va, bytes) and isinstance(vb, bytes):
                    first = next((k for k in range(min(len(va), len(vb))) if va[k] != vb[k]),
                                 min(len(va), len(vb)))
                    lines.append("%s.%s: %d vs %d bytes, first difference at byte %d"
                                 % (a.name, f.name, len(va), len(vb), first))
                else:
                    lines.append("%s.%s: expected %s, got %s"
                                 % (a.name, f.name, f.i2repr(a, va), f.i2repr(b, vb)))
    except Exception as e:  # a dissection problem must not hide the bytes
        lines.append("(dissection failed: %s)" % e)
    first = next((k for k in range(min(len(exp), len(got))) if exp[k] != got[k]),
                 min(len(exp), len(got)))
    lines.append("bytes: expected %d, got %d, first difference at offset %d"
                 % (len(exp), len(got), first))
    lines.append("expected: " + exp[max(0, first - 8):first + 24].hex(" "))
    lines.append("got:      " + got[max(0, first - 8):first + 24].hex(" "))
    return lines


def summary(b):
    try:
        return dissect(b).summary()
    except Exception:
        return b[:32].hex()


# -- Namespaces, sockets, the translator --------------------------------------

libc = ctypes.CDLL(None, use_errno=True)


_home_ns = None


def setns(name):
    """Moves this (single-threaded) process to netns name; None: back home."""
    global _home_ns
    if _home_ns is None:
        _home_ns = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    fd = _home_ns if name is None else os.open("/run/netns/" + name, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, "setns %s: %s" % (name, os.strerror(err)))
    finally:
        if fd != _home_ns:
            os.close(fd)


def run(cmd, input=None, check=True):
    p = subprocess.run(cmd, input=input, capture_output=True, text=True)
    if check and p.returncode:
        raise RuntimeError("%s: %s" % (" ".join(cmd), (p.stderr or p.stdout).strip()))
    return p


def ipbatch(lines, check=True):
    """ip commands in the current namespace, in one process."""
    if lines:
        run(["ip", "-batch", "-"], input="\n".join(lines) + "\n", check=check)


def sysctl(path, value):
    with open("/proc/sys/" + path.replace(".", "/"), "w") as f:
        f.write(str(value))


def joolctl(*args, check=True):
    return run([JOOLCTL] + list(args), check=check)


class Netdev:
    """
    The translator under test: this project's jool0 device (SIIT), and for
    NAT64 topologies a second one, "nat64" (mode nat64), via joolctl.
    """
    name = "jool_netdev"
    counters = True		# its counters are checked, case by case
    mtu_devs = ("jool0",)
    want_nat64 = False		# main() sets it when NAT64 cases are selected

    def setup(self):
        ipbatch(["link add jool0 type jool"])
        sysctl("net.ipv4.conf.jool0.rp_filter", 0)
        run(["ip", "link", "set", "jool0", "up"])
        self.dev = "jool0"
        self.dev_defaults = {
            "jool0": json.loads(joolctl("-j", "jool0", "global", "show").stdout)}
        self.defaults = dict(self.dev_defaults["jool0"])
        self.eamt = joolctl("jool0", "eamt", "show", check=False).returncode == 0
        self.denylist4 = joolctl("jool0", "denylist4", "show",
                                 check=False).returncode == 0
        self.nat64 = self.want_nat64 and self.add_nat64()
        try:
            with open("/sys/module/jool_netdev/parameters/test_short_timeouts") as f:
                self.short_timeouts = f.read().strip() == "Y"
        except OSError:
            self.short_timeouts = False

    def add_nat64(self):
        """The NAT64 device (ip(8) needs the plugin for "mode nat64")."""
        if run(["ip", "link", "add", "nat64", "type", "jool", "mode", "nat64",
                "pool6", WKP], check=False).returncode:
            return False
        sysctl("net.ipv4.conf.nat64.rp_filter", 0)
        run(["ip", "link", "set", "nat64", "up"])
        d = json.loads(joolctl("-j", "nat64", "global", "show").stdout)
        self.dev_defaults["nat64"] = d
        for k, v in d.items():
            self.defaults.setdefault(k, v)
        return True

    def stats(self):
        return json.loads(joolctl("-j", self.dev, "stats", "--all").stdout)

    def route(self, prefix):
        """The route that takes prefix into the translator."""
        return "route add %s dev %s proto %s" % (prefix, self.dev, ROUTE_PROTO)

    def set_tables(self, t):
        if t.mode == "nat64":
            self.dev = "nat64"
            # pool6 may change only without BIB entries and sessions.
            joolctl("nat64", "pool4", "flush")
            joolctl("nat64", "global", "set", "pool6", t.pool6)
            return
        self.dev = "jool0"
        joolctl("jool0", "global", "set", "pool6", t.pool6 or "none")
        if self.eamt:
            joolctl("jool0", "eamt", "flush")
            for p6, p4 in t.eamt:
                joolctl("jool0", "eamt", "add", p6, p4)
        if self.denylist4:
            joolctl("jool0", "denylist4", "flush")
            for p4 in t.denylist4:
                joolctl("jool0", "denylist4", "add", p4)

    def reset_state(self, t):
        """A NAT64 flow starts from the topology's pool4 and BIB alone."""
        joolctl("nat64", "pool4", "flush")
        for entry in t.pool4:
            joolctl("nat64", "pool4", "add", *entry.split())
        for entry in t.bib:
            joolctl("nat64", "bib", "add", *entry.split())

    def table(self, name, proto):
        """The JSON list "joolctl -j nat64 {bib|session} show PROTO" prints."""
        return json.loads(joolctl("-j", self.dev, name, "show", proto).stdout)

    def set_global(self, key, value):
        joolctl(self.dev, "global", "set", key, str(value))

    def restore_global(self, key):
        v = self.dev_defaults[self.dev][key]
        if isinstance(v, bool):
            v = "true" if v else "false"
        elif v is None:
            v = "none"
        elif isinstance(v, list):	# mtu-plateaus: "65535,32000,..."
            v = ",".join(str(x) for x in v)
        self.set_global(key, v)


def kernel_counter(name):
    """
    "Group.Key" from /proc/net/snmp or /proc/net/netstat (Ip.InHdrErrors,
    IpExt.InCsumErrors), or a key of /proc/net/snmp6 (Ip6InHdrErrors).
    """
    if "." in name:
        group, key = name.split(".")
        for path in ("/proc/net/snmp", "/proc/net/netstat"):
            with open(path) as f:
                rows = [line.split() for line in f]
            for head, vals in zip(rows[::2], rows[1::2]):
                if head[0] == group + ":" and key in head:
                    return int(vals[head.index(key)])
    else:
        with open("/proc/net/snmp6") as f:
            for line in f:
                k, v = line.split()
                if k == name:
                    return int(v)
    raise KeyError(name)


def mac(s):
    return bytes.fromhex(s.replace(":", ""))


class Side:
    """One end: a socket to send frames on its veth and one to capture."""

    def __init__(self, ns, dev, peer, ethertype):
        setns(ns)
        self.ns, self.dev, self.ethertype = ns, dev, ethertype
        self.hdr = mac(MAC[peer]) + mac(MAC[dev]) + struct.pack("!H", ethertype)
        self.tx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
        self.tx.bind((dev, 0))
        # Bound to one protocol (the end's own family): sees what arrives,
        # not what we send (only ETH_P_ALL taps see outgoing frames).
        # (socket() takes the protocol in network order, bind() in host order.)
        self.rx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ethertype))
        self.rx.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        self.rx.bind((dev, ethertype))
        self.rx.setblocking(False)

    def send(self, data):
        self.tx.send(self.hdr + data)

    def recv(self, timeout, own=False):
        """
        One L3 packet that xlat forwarded here (own: that xlat itself sent
        here, such as its ICMP errors; None: either, but for link-local
        traffic such as MLD), or None after timeout.
        """
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([self.rx], [], [], left)
            if not r:
                return None
            frame, addr = self.rx.recvfrom(65536)
            if addr[2] == PACKET_OUTGOING or len(frame) < 14:
                continue
            pkt = frame[14:]
            if own is None and not link_local(pkt):
                return pkt
            if from_xlat_itself(pkt) == own:
                return pkt

    def drain(self):
        while True:
            try:
                self.rx.recv(65536)
            except BlockingIOError:
                return


def link_local(pkt):
    """An IPv6 packet from a link-local address (MLD, ND)."""
    return pkt[0] >> 4 == 6 and len(pkt) >= 24 and \
        ipaddress.IPv6Address(pkt[8:24]).is_link_local


def from_xlat_itself(pkt):
    """Packets xlat's own stack sends (MLD, ND, its ICMP errors)."""
    try:
        if pkt[0] >> 4 == 4:
            return socket.inet_ntop(socket.AF_INET, pkt[12:16]) == X4_ADDR
        src = ipaddress.IPv6Address(pkt[8:24])
        return src.is_link_local or str(src) == X6_ADDR
    except Exception:
        return False


class Bench:
    def __init__(self, impl):
        self.impl = impl
        self.topo = None
        self.last_sent = 0.0	# when exchange() last sent (listen steps)
        self.mtu = {"x6": 1500, "x4": 1500, "jool0": 1500}
        for ns in NS:
            run(["ip", "netns", "del", ns], check=False)
        for ns in NS:
            run(["ip", "netns", "add", ns])
            run(["ip", "-n", ns, "link", "set", "lo", "up"])
        run(["ip", "link", "add", "v6", "netns", "n6", "address", MAC["v6"], "type", "veth",
             "peer", "name", "x6", "netns", "xlat", "address", MAC["x6"]])
        run(["ip", "link", "add", "v4", "netns", "n4", "address", MAC["v4"], "type", "veth",
             "peer", "name", "x4", "netns", "xlat", "address", MAC["x4"]])
        # The ends have no IP stack that could answer: no IPv6 at all, and
        # IPv4 without addresses nor forwarding (packets for others are
        # dropped silently).
        for ns, dev in (("n6", "v6"), ("n4", "v4")):
            setns(ns)
            sysctl("net.ipv6.conf.all.disable_ipv6", 1)
            sysctl("net.ipv6.conf.default.disable_ipv6", 1)
            sysctl("net.ipv6.conf.%s.disable_ipv6" % dev, 1)
            run(["ip", "link", "set", dev, "up"])
        self.n6 = Side("n6", "v6", "x6", ETH_P_IPV6)
        self.n4 = Side("n4", "v4", "x4", ETH_P_IP)

        setns("xlat")		# from here on, this process lives in xlat
        sysctl("net.ipv4.ip_forward", 1)
        sysctl("net.ipv6.conf.all.forwarding", 1)
        # A hairpin's IPv4 half is forwarded from jool0 back into jool0;
        # the kernel would tell its source about that with a redirect
        # (which comes back into jool0 and moves icmp-unsupported). The
        # device's own send_redirects=0 is ORed with "all" (docs/design.md).
        sysctl("net.ipv4.conf.all.send_redirects", 0)
        for dev in ("all", "default", "x4"):
            sysctl("net.ipv4.conf.%s.rp_filter" % dev, 0)
        ipbatch([
            "link set x6 up", "link set x4 up",
            "addr add %s/64 dev x6 nodad" % X6_ADDR,
            "addr add %s/24 dev x4" % X4_ADDR,
            "neigh replace %s lladdr %s dev x6 nud permanent" % (N6_GW, MAC["v6"]),
            "neigh replace %s lladdr %s dev x4 nud permanent" % (N4_GW, MAC["v4"]),
            # Everything not routed into the translator goes to the ends.
            "route add default via %s dev x6" % N6_GW,
            "route add default via %s dev x4" % N4_GW,
        ])
        # Software checksums on the way out: the captures see the final
        # bytes even when the translator leaves a checksum to the stack.
        for dev in ("x6", "x4"):
            run(["ethtool", "-K", dev, "tx", "off"])
        impl.setup()
        self.defaults = impl.defaults
        self.eamt, self.denylist4 = impl.eamt, impl.denylist4
        self.nat64 = getattr(impl, "nat64", False)
        self.short_timeouts = getattr(impl, "short_timeouts", False)

    def close(self):
        setns(None)
        for ns in NS:
            run(["ip", "netns", "del", ns], check=False)

    def set_topo(self, name, cases):
        if self.topo == name:
            return
        t = TOPOLOGIES[name]
        for family in ("-6", "-4"):
            run(["ip", family, "route", "flush", "proto", ROUTE_PROTO], check=False)
        devs = [("x6", ("n6", "v6")), ("x4", ("n4", "v4"))]
        devs += [(d, None) for d in self.impl.mtu_devs]
        for dev, peer in devs:
            want = t.mtu.get(dev, 1500)
            if self.mtu[dev] != want:
                run(["ip", "link", "set", dev, "mtu", str(want)])
                if peer:
                    run(["ip", "-n", peer[0], "link", "set", peer[1], "mtu", str(want)])
                self.mtu[dev] = want
        self.impl.set_tables(t)
        if t.mode == "nat64":
            # The translator's own errors are checked one by one.
            sysctl("net.ipv4.icmp_ratelimit", 0)
            sysctl("net.ipv6.icmp.ratelimit", 0)
        into6 = ([t.pool6] if t.pool6 else []) + t.jool6
        into4 = (["198.51.100.0/24"] if t.mode == "siit" else []) + t.jool4
        lines = [self.impl.route(p) for p in into6 + into4]
        # Expected destinations, and the senders' own addresses (xlat's
        # ICMP errors go back to them), that fall inside what goes into
        # jool0 are hosts of an end: route them there.
        nets6 = [ipaddress.ip_network(p) for p in into6]
        nets4 = [ipaddress.ip_network(p) for p in into4]
        dsts = set()
        for send, expect in [x for c in cases for x in packets_of(c)]:
            for p in [dissect(raw(e)) for e in expect]:
                if isinstance(p, (IP, IPv6)):
                    dsts.add(ipaddress.ip_address(p.dst))
            p = dissect(raw(send))
            if isinstance(p, (IP, IPv6)):
                dsts.add(ipaddress.ip_address(p.src))
        for d in sorted(dsts, key=lambda a: (a.version, a)):
            if d.version == 6 and any(d in n for n in nets6):
                lines.append("route add %s/128 via %s dev x6 proto %s" % (d, N6_GW, ROUTE_PROTO))
            elif d.version == 4 and any(d in n for n in nets4):
                lines.append("route add %s/32 via %s dev x4 proto %s" % (d, N4_GW, ROUTE_PROTO))
        ipbatch(lines)
        self.topo = name

    def set_globals(self, values):
        for k, v in values.items():
            self.impl.set_global(k, v)

    def restore_globals(self, values):
        for k in values:
            self.impl.restore_global(k)


# -- Running one case --------------------------------------------------------

# Counters of how a packet was delivered, not of what the translator did
# to it: rx-queued (the receive queue instead of the one-pass way, as a
# hairpin's second pass or a probe takes it; docs/design.md "One pass").
PATH_COUNTERS = {"rx-queued"}


def stats_delta(before, after):
    keys = (set(before) | set(after)) - PATH_COUNTERS
    return {k: after.get(k, 0) - before.get(k, 0) for k in keys
            if after.get(k, 0) != before.get(k, 0)}


def dropped(bench, c, stats, kbefore):
    """A drop case's packet has been dealt with: its counter moved."""
    if c.kernel_counter and kernel_counter(c.kernel_counter) != kbefore:
        return True
    if not bench.impl.counters:
        # Another translator's counters have other names: any change
        # says it saw the packet.
        return bench.impl.stats() != stats
    return c.counter and bench.impl.stats().get(c.counter, 0) != stats.get(c.counter, 0)


def exchange(bench, c, stats):
    """Sends c's packet; returns what arrived and the stats after."""
    tx = bench.n6 if c.sender == "n6" else bench.n4
    rx = bench.n6 if c.receiver == "n6" else bench.n4
    rx.drain()
    kbefore = kernel_counter(c.kernel_counter) if c.kernel_counter else None
    tx.send(raw(c.send))
    bench.last_sent = time.monotonic()
    got = []
    if c.expect:
        end = time.monotonic() + PASS_TIMEOUT
        while len(got) < len(c.expect):
            p = rx.recv(end - time.monotonic())
            if p is None:
                break
            got.append(p)
        grace = GRACE
    else:
        end = time.monotonic() + DROP_WINDOW
        while time.monotonic() < end:
            p = rx.recv(0.1)
            if p is not None:
                got.append(p)
                break		# not dropped: no need to wait longer
            if (c.counter or c.kernel_counter or not bench.impl.counters) \
                    and dropped(bench, c, stats, kbefore):
                break
        grace = DROP_GRACE
    while True:
        p = rx.recv(grace)
        if p is None:
            break
        got.append(p)
    return got, kbefore, bench.impl.stats()


def run_case(bench, c, stats):
    """
    Returns (passed, detail lines, stats after). A translator whose
    counters are not ours (--impl jool) is judged by the packets alone.
    """
    bench.set_globals(c.globals)
    try:
        got, kbefore, after = exchange(bench, c, stats)
    finally:
        bench.restore_globals(c.globals)
    ok, details = judge(bench, c, got, kbefore, stats, after)
    return ok, details, after


def judge(bench, c, got, kbefore, stats, after):
    """(passed, detail lines) of a Case or Step whose packet was sent."""
    rx = bench.n6 if c.receiver == "n6" else bench.n4
    details = []
    ok = True
    if bench.impl.counters:
        want = c.xlat_counters
        delta = stats_delta(stats, after)
        if delta != want:
            ok = False
            details.append("counters: expected %s, got %s"
                           % (want or "no change", delta or "no change"))
        if c.kernel_counter and kernel_counter(c.kernel_counter) <= kbefore:
            ok = False
            details.append("kernel counter %s did not go up" % c.kernel_counter)
    if len(got) != len(c.expect):
        ok = False
        details.append("expected %d packet(s) on %s, got %d"
                       % (len(c.expect), rx.ns, len(got)))
        for g in got:
            details.append("arrived: " + summary(g))
    for i, (e, g) in enumerate(zip(c.expect, got)):
        exp = apply_masks(raw(e), g, c.mask)
        if exp != g:
            ok = False
            details.append("packet %d differs:" % (i + 1))
            details.extend("  " + line for line in field_diff(exp, g))
    return ok, details


# -- Running a NAT64 flow ------------------------------------------------------

def check_icmp(sent, p, want):
    """
    Problems with p, the translator's own ICMP error about the packet sent:
    want is (type, code, word after the checksum); the quote must be the
    packet sent, byte for byte.
    """
    if p is None:
        return ["no ICMP error from the translator (expected %d/%d)" % want[:2]]
    if p[0] >> 4 == 4:
        hl, proto, src = (p[0] & 0xf) * 4, p[9], X4_ADDR
        ok_src = socket.inet_ntop(socket.AF_INET, p[12:16]) == src
        ok_sum = inet_csum(p[hl:]) == 0
        want_proto = 1
    else:
        hl, proto, src = 40, p[6], X6_ADDR
        ok_src = str(ipaddress.IPv6Address(p[8:24])) == src
        pseudo = p[8:40] + struct.pack("!II", len(p) - 40, 58)
        ok_sum = inet_csum(pseudo + p[40:]) == 0
        want_proto = 58
    out = []
    if proto != want_proto or len(p) < hl + 8:
        return ["the translator sent something else: " + summary(p)]
    got = (p[hl], p[hl + 1], struct.unpack("!I", p[hl + 4:hl + 8])[0])
    if got != tuple(want):
        out.append("ICMP type/code/word: expected %d/%d/%#x, got %d/%d/%#x"
                   % (tuple(want) + got))
    if not ok_src:
        out.append("ICMP error not from %s: %s" % (src, summary(p)))
    if not ok_sum:
        out.append("ICMP checksum wrong")
    quote = p[hl + 8:]
    if quote != sent:
        out.append("the quote is not the packet sent:")
        out.extend("  " + line for line in field_diff(sent, quote))
    return out


def entry_matches(entry, want):
    """A table entry has want's fields; a (lo, hi) pair is a range."""
    for k, v in want.items():
        g = entry.get(k)
        if isinstance(v, tuple):
            if not isinstance(g, int) or not v[0] <= g <= v[1]:
                return False
        elif g != v:
            return False
    return True


def check_tables(bench, tables):
    """Problems with the NAT64 tables against a step's expectations."""
    out = []
    for name, proto, want in tables:
        got = bench.impl.table(name, proto)
        left, missing = list(got), []
        for w in want:
            m = next((g for g in left if entry_matches(g, w)), None)
            if m is None:
                missing.append(w)
            else:
                left.remove(m)
        if missing or left:
            out.append("%s %s: expected %d entr%s, got %d"
                       % (name, proto, len(want), "y" if len(want) == 1 else "ies", len(got)))
            out.extend("  missing: %s" % json.dumps(w, sort_keys=True) for w in missing)
            out.extend("  got:     %s" % json.dumps(g, sort_keys=True) for g in got)
    return out


def listen(bench, s, stats):
    """
    (passed, detail lines, stats after) of a step that sends nothing (see
    casedef.Step.listen): the packets the translator sends by itself, and
    when they come, counted from the flow's last packet sent.
    """
    lo, hi = s.listen
    if s.icmp:
        side, own, want = bench.n6 if s.sender == "n6" else bench.n4, True, 1
    elif s.expect:
        side, own, want = bench.n6 if s.to == "n6" else bench.n4, False, len(s.expect)
    else:
        side, own, want = None, False, 0
    end = bench.last_sent + hi
    got, times, stray = [], [], []
    while len(got) < want:
        p = side.recv(end - time.monotonic(), own=own)
        if p is None:
            break
        got.append(p)
        times.append(time.monotonic() - bench.last_sent)
    if not want:
        # Nothing may come, on either side, translated or the translator's.
        while time.monotonic() < end:
            for other in (bench.n6, bench.n4):
                p = other.recv(0.05, own=None)
                if p is not None:
                    stray.append(p)
    else:
        p = side.recv(GRACE if s.expect else DROP_GRACE, own=own)
        if p is not None:
            stray.append(p)
    after = bench.impl.stats()
    details = ["arrived %.1f s after the last packet sent, before %g s" % (t, lo)
               for t in times if t < lo]
    details.extend("arrived unexpectedly: " + summary(p) for p in stray)
    if s.icmp:
        c = dataclasses.replace(s, expect=[])
        ok, more = judge(bench, c, [], None, stats, after)
        more.extend(check_icmp(raw(s.quote), got[0] if got else None, s.icmp))
    else:
        ok, more = judge(bench, s, got, None, stats, after)
    details.extend(more)
    if len(got) < want:
        details.append("nothing within %g s of the last packet sent" % hi)
    return not details and ok, details, after


def run_step(bench, s, stats, ports):
    """
    (passed, detail lines, stats after) of one step of a flow. ports: for
    a translator that chooses pool4 ports its own way (--impl jool), the
    ports it chose so far for those the flow expects ({(proto, expected):
    chosen}); this step's are learned once it is sent, then the packets and
    tables are compared with them.
    """
    details = []
    ok = True
    after = stats
    learns = getattr(bench.impl, "learns_ports", False)
    written = s
    if learns:
        s = bench.impl.remap_step(written, ports)
    if s.send is not None:
        tx = bench.n6 if s.sender == "n6" else bench.n4
        if s.icmp:
            tx.drain()
        got, kbefore, after = exchange(bench, s, stats)
        if learns and bench.impl.learn_ports(written, ports):
            s = bench.impl.remap_step(written, ports)
        ok, details = judge(bench, s, got, kbefore, stats, after)
        if s.icmp:
            lines = check_icmp(raw(s.send), tx.recv(PASS_TIMEOUT, own=True), s.icmp)
            ok = ok and not lines
            details.extend(lines)
    elif s.listen:
        ok, details, after = listen(bench, s, stats)
    lines = check_tables(bench, s.tables)
    return ok and not lines, details + lines, after


def run_flow(bench, f, stats):
    """(passed, detail lines, stats after): the steps, up to a failure."""
    bench.impl.reset_state(TOPOLOGIES[f.topo])
    stats = bench.impl.stats()
    bench.set_globals(f.globals)
    ports = {}
    try:
        for i, s in enumerate(f.steps, 1):
            if s.wait:
                # A translator that expires sessions from a periodic
                # timer (Jool's runs every 2 s) gets its period on top.
                time.sleep(s.wait + getattr(bench.impl, "timer_slack", 0))
            ok, details, stats = run_step(bench, s, stats, ports)
            if not ok:
                where = "step %d of %d%s:" % (i, len(f.steps),
                                               " (%s)" % s.note if s.note else "")
                return False, [where] + ["  " + d for d in details] + \
                    learned(ports), stats
    finally:
        bench.restore_globals(f.globals)
    return True, learned(ports), stats


def learned(ports):
    """The detail line naming the pool4 ports learned in a flow, if any."""
    if not ports:
        return []
    return ["pool4 ports the translator chose (expected -> chosen): " +
            ", ".join("%s %d -> %d" % ({6: "tcp", 17: "udp"}[p], e, c)
                      for (p, e), c in sorted(ports.items()))]


def topo_order(cases, nat64_last=False):
    """
    The topologies of cases, in the order they run: grouped, in the case
    files' order otherwise; nat64_last puts the NAT64 ones after the rest
    (for Jool, see jool.probe_nat64).
    """
    order = []
    for c in cases:
        if c.topo not in order:
            order.append(c.topo)
    if nat64_last:
        order.sort(key=lambda t: TOPOLOGIES[t].mode == "nat64")
    return order


def verdict(c, ok, diffs):
    """(passed, the line after "ok - " / "FAIL - ") for a case's result."""
    if diffs is None:		# our translator: the case's own verdict
        note = ""
        if c.known_bug:
            note = (" (known bug: %s)" % c.known_bug if not ok else
                    " (marked known_bug but passes now: remove the mark)")
        return ok, "%s: %s%s" % (c.id, c.desc, note)
    # Another translator: the packets it sends must be the expected ones
    # exactly where jool_diffs.txt does not list the case.
    entry = diffs.find(c.id)
    if ok and not entry:
        return True, "%s: same" % c.id
    if not ok and entry:
        return True, "%s: differs, as listed (%s: %s)" % (c.id, entry.kind, entry.why)
    if not ok:
        return False, "%s: differs, not in jool_diffs.txt: %s" % (c.id, c.desc)
    return False, ("%s: same, but jool_diffs.txt lists it (line %d, '%s'): "
                   "a stale entry" % (c.id, entry.line, entry.key))


def dump(c):
    """--dump: the bytes and dissection of a case's or flow's packets."""
    for i, s in enumerate(c.steps, 1):
        pre = "  step %d: " % i if isinstance(c, Flow) else "  "
        if isinstance(c, Flow) and (s.note or s.wait):
            print(pre + (s.note or "") + (" (after %g s)" % s.wait if s.wait else ""))
        if s.send is None and getattr(s, "listen", None):
            print(pre + "send nothing; between %g and %g s after the last "
                  "packet sent, expect:" % s.listen)
            if s.icmp:
                print(pre + "the translator's ICMP error %d/%d/%#x quoting: %s"
                      % (s.icmp + (raw(s.quote).hex(),)))
            elif not s.expect:
                print(pre + "nothing, on either side")
        elif s.send is None:
            print(pre + "send nothing")
        else:
            print(pre + "send (%s): %s" % (s.sender, raw(s.send).hex()))
            print("    " + summary(raw(s.send)))
        for e in s.expect:
            print(pre + "expect: %s" % raw(e).hex())
            print("    " + summary(raw(e)))
        if s.send is not None and not s.expect:
            print(pre + "expect: nothing (%s)" % (s.counter or s.kernel_counter))
        if getattr(s, "icmp", None) and s.send is not None:
            print(pre + "and the translator's ICMP error %d/%d/%#x quoting it" % s.icmp)
        for name, proto, want in getattr(s, "tables", []):
            print(pre + "then %s %s: %s" % (name, proto, json.dumps(want, sort_keys=True)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--list", action="store_true", help="list the cases")
    ap.add_argument("--dump", action="store_true", help="print the cases' packets")
    ap.add_argument("--impl", choices=("jool_netdev", "jool"), default="jool_netdev",
                    help="the translator: this module, or Jool 4.1.9 (jool_siit, jool)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print what arrived")
    ap.add_argument("--exclude", action="append", default=[], metavar="PREFIX",
                    help="leave out the cases whose id starts with PREFIX")
    ap.add_argument("selectors", nargs="*")
    args = ap.parse_args()

    everything = load_cases()
    cases = select_cases(everything, args.selectors, args.exclude)
    diffs = None
    if args.impl == "jool":
        import jool		# noqa: E402  (only this mode needs it)
        diffs = jool.Diffs(os.path.join(HERE, "jool_diffs.txt"),
                           [c.id for c in everything])
    if args.list or args.dump:
        for c in cases:
            print("%-40s %-16s %s" % (c.id, c.rfc, c.desc))
            entry = diffs and diffs.find(c.id)
            if entry:
                print("  Jool differs (%s): %s" % (entry.kind, entry.why))
            if args.dump:
                dump(c)
        return 0

    passed = failed = skipped = 0
    impl = Netdev() if diffs is None else jool.JoolSiit(run, ipbatch, ROUTE_PROTO)
    impl.want_nat64 = any(TOPOLOGIES[c.topo].mode == "nat64" for c in cases)
    bench = Bench(impl)
    print("# %s: setup done %.1f s after start (eamt %s)"
          % (impl.name, time.monotonic() - T0,
             "available" if bench.eamt else "not available"))
    start = time.monotonic()
    try:
        order = topo_order(cases, getattr(impl, "nat64_last", False))
        stats = impl.stats()
        for topo in order:
            group = [c for c in cases if c.topo == topo]
            runnable = []
            for c in group:
                t = TOPOLOGIES[c.topo]
                needs = {c.requires} if c.requires else set()
                needs |= {"nat64"} if t.mode == "nat64" else set()
                needs |= {"eamt"} if t.eamt else set()
                needs |= {"denylist4"} if t.denylist4 else set()
                missing = [n for n in sorted(needs) if not getattr(bench, n)]
                unknown = [k for k in c.globals if k not in bench.defaults]
                cannot = getattr(impl, "cannot_run", lambda c: None)(c)
                if cannot and not missing:
                    print("skip - %s: %s (%s)" % (c.id, c.desc, cannot))
                    skipped += 1
                elif missing:
                    what = {"nat64": "NAT64 device (ip(8)'s plugin?)"
                            if diffs is None else "NAT64 instance (jool.ko?)",
                            "short_timeouts": "test_short_timeouts=1"}
                    print("skip - %s: %s (this %s has no %s)"
                          % (c.id, c.desc, impl.name,
                             what.get(missing[0], "'%s' command" % missing[0])))
                    skipped += 1
                elif unknown:
                    print("skip - %s: %s (this %s has no global '%s')"
                          % (c.id, c.desc, impl.name, unknown[0]))
                    skipped += 1
                else:
                    runnable.append(c)
            if not runnable:
                continue
            bench.set_topo(topo, runnable)
            for c in runnable:
                try:
                    if isinstance(c, Flow):
                        ok, details, stats = run_flow(bench, c, stats)
                    else:
                        ok, details, stats = run_case(bench, c, stats)
                except Exception as e:  # one broken case must not stop the rest
                    ok, details = False, ["error: %r" % e]
                    stats = impl.stats()
                good, line = verdict(c, ok, diffs)
                if good:
                    passed += 1
                    print("ok - " + line)
                else:
                    failed += 1
                    print("FAIL - " + line)
                if not ok:
                    print("    | %s (%s)" % (c.rfc, "flow" if isinstance(c, Flow)
                                              else c.sender + " -> " + c.receiver))
                for line in details:
                    print("    | " + line)
                sys.stdout.flush()
    finally:
        bench.close()
    print("# %d passed, %d failed, %d skipped; cases took %.0f s, %.0f s in all"
          % (passed, failed, skipped, time.monotonic() - start, time.monotonic() - T0))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
