# SPDX-License-Identifier: GPL-2.0
"""
What a conformance case is, and the helpers the case files build them with.

A case is a declarative record (Case below): the packet one namespace sends,
the packet(s) the other one must receive, byte for byte, or nothing (a drop,
optionally with the counter that must count it). Expected packets are
written from the RFC text with every header field explicit; scapy computes
only what the RFCs define as a function of the rest (lengths, checksums).
They are never produced by running the translator.

scapy must already be importable cheaply: run.py imports it once, with the
optional "cryptography" probe disabled (seconds under TCG).
"""
import ipaddress
from dataclasses import dataclass, field

from scapy.packet import Raw
from scapy.layers.inet import IP, TCP, UDP
from scapy.layers.inet6 import IPv6

# -- Addresses of the test topology (see run.py) ----------------------------

WKP = "64:ff9b::/96"		# the default pool6 (RFC 6052 well-known prefix)
N6_V4NAME = "198.51.100.6"	# the IPv4 name of the IPv6 host
N4 = "192.0.2.4"		# the IPv4 host

# -- Topologies: the translator's configuration for a group of cases --------


@dataclass
class Topo:
    """
    pool6: the RFC 6052 prefix (None: unset).
    eamt: EAMs, (IPv6 prefix, IPv4 prefix) pairs, added in this order.
    denylist4: IPv4 prefixes added to denylist4 ("joolctl jool0 denylist4
        add"); the list is flushed when the topology changes.
    jool6/jool4: prefixes routed into jool0 besides pool6 and 198.51.100.0/24
        (SIIT), or into the NAT64 device besides pool6 (give pool4's
        addresses in jool4).
    Every other destination is routed out to the n6 (IPv6) or n4 (IPv4) side.
    mtu: link MTUs other than 1500, by xlat's device: "x6" (the IPv6 link,
    v6 gets the same), "x4" (the IPv4 link, likewise v4), "jool0".
    mode: "siit" (the device jool0) or "nat64" (a second device, "nat64",
        made with "mode nat64"; its cases are Flows, below).
    pool4: NAT64 only: "joolctl nat64 pool4 add" argument strings, e.g.
        "udp 203.0.113.100 1022-1025".
    bib: NAT64 only: static BIB entries, "joolctl nat64 bib add" argument
        strings, e.g. "udp 203.0.113.100#1100 2001:db8:6::7#7100".
    Every Flow of a NAT64 topology starts from these tables alone: the
    runner flushes pool4 (which takes every BIB entry and session with it)
    and adds pool4 and bib again before each.
    """
    pool6: str = WKP
    eamt: list = field(default_factory=list)
    denylist4: list = field(default_factory=list)
    jool6: list = field(default_factory=list)
    jool4: list = field(default_factory=list)
    mtu: dict = field(default_factory=dict)
    mode: str = "siit"
    pool4: list = field(default_factory=list)
    bib: list = field(default_factory=list)


TOPOLOGIES = {
    "wkp": Topo(),
    # A prefix that is not pool6, routed into the translator anyway.
    "wkp-foreign": Topo(jool6=["2001:db8:99::/64"]),
}

# -- Masks ------------------------------------------------------------------

# The Identification of an IPv4 packet made by 6->4 translation is the
# translator's choice (RFC 7915 5.1). The runner takes it from the received
# packet, then recomputes the expected header checksum with it: the checksum
# is still compared.
IPV4_ID = "ipv4.id"

# The same for the IPv4 packet in error inside an ICMPv4 error made by 6->4
# translation (RFC 7915 5.3: it is translated like a normal packet, 5.1).
# The runner copies the inner Identification from the received packet, then
# recomputes the inner header checksum and the ICMP checksum with it: both
# are still compared.
INNER_IPV4_ID = "inner.ipv4.id"

# -- The record -------------------------------------------------------------


class Exchange:
    """What a Case and a Flow's Step share: one packet sent, its outcome."""

    @property
    def receiver(self):
        if self.to:
            return self.to
        return "n4" if self.sender == "n6" else "n6"

    @property
    def xlat_counters(self):
        """{counter: exact change} for every counter that must move."""
        if self.counters:
            want = dict(self.counters)
        elif self.expect:
            want = {"xlat64" if self.sender == "n6" else "xlat46": self.translated}
        else:
            want = {self.counter: 1} if self.counter else {}
        want.update(self.also)
        if self.icmp_sent:
            want["icmp-sent"] = 1
        return want


@dataclass
class Case(Exchange):
    """
    id: "<rfc>-<section>-<name>", unique; selecting a prefix of it runs a section.
    rfc: the requirement, e.g. "RFC 7915 5.1".
    desc: one line, what is checked.
    sender: "n6" (IPv6 side sends) or "n4".
    to: the side that must receive; None: the other one. to == sender is a
        hairpin (RFC 7757 4): the packet comes back translated twice.
    send: the packet sent (a scapy packet from the IP header on, or bytes),
        byte for byte as on the wire, checksums included.
    expect: the packets that must arrive on the receiving side, in order;
        [] means nothing may arrive.
    mask: what the comparison takes from the received packet (IPV4_ID, or
        (offset, length, "justification") for a byte range).
    counter: for drops, the translator counter (joolctl JSON name) that must
        go up by exactly one; every other translator counter must stay put.
        For passes, "xlat64"/"xlat46" is implied.
    counters: for passes, every translator counter that must move and by
        how much, instead of the implied one (a hairpin moves "xlat64",
        "xlat46" and "hairpin").
    kernel_counter: for drops done by the kernel before the translator,
        "Group.Key" of /proc/net/snmp or /proc/net/netstat
        ("IpExt.InCsumErrors") or a key of /proc/net/snmp6
        ("Ip6InHdrErrors") in the translator's namespace, which must go up.
    globals: joolctl globals set for this case only ({"key": "value"}).
    topo: the name of the topology (TOPOLOGIES) the case runs in.
    requires: a joolctl feature ("eamt", "denylist4"); the case is skipped
        without it.
    known_bug: the module contradicts the RFC here; reported as FAIL with
        this note while it fails.
    also: other translator counters that must go up, {"name": n}
        (e.g. "icmp-sent" for a drop the translator answers, RFC 7915
        4.4/5.4).
    translated: for passes, how many packets the translator translates
        (xlat64/xlat46 go up by this much): more than one when it
        fragments the packet before translating it (RFC 7915 4.1).
    icmp_sent: for drops, the translator answers the sender with an ICMP
        error (RFC 7915 4.4, 5.4): "icmp-sent" goes up by one as well (the
        error itself is checked by test/netns/57-icmp-gen.sh).
    """
    id: str
    rfc: str
    desc: str
    sender: str
    send: object
    expect: list
    to: str = None
    mask: tuple = ()
    counter: str = None
    counters: dict = None
    kernel_counter: str = None
    globals: dict = field(default_factory=dict)
    topo: str = "wkp"
    requires: str = None
    known_bug: str = None
    translated: int = 1
    also: dict = field(default_factory=dict)
    icmp_sent: bool = False

    def __post_init__(self):
        assert self.sender in ("n6", "n4"), self.id
        assert self.to in (None, "n6", "n4"), self.id
        assert not (self.expect and (self.counter or self.kernel_counter)), self.id
        assert not (self.counters and not self.expect), self.id
        if not isinstance(self.expect, (list, tuple)):
            self.expect = [self.expect]
        self.expect = list(self.expect)

    @property
    def steps(self):
        """A Case is a Flow of one step (see Flow)."""
        return [self]


@dataclass
class Step(Exchange):
    """
    One step of a Flow: optionally wait, send a packet and check what comes
    out (as a Case does), then check the NAT64 tables.

    sender, send, expect, to, mask, counter, counters, also, translated,
    icmp_sent: as in Case (send None: no packet, only wait and tables).
    icmp: the ICMP error the translator itself must send back to the sender
        of a dropped packet, (type, code, the 32-bit word after the
        checksum): it must come from xlat's address on the sender's link,
        have a valid checksum, and quote the packet sent, byte for byte
        (icmp_sent is implied).
    wait: seconds to sleep before the step (session lifetimes).
    listen: (lo, hi) for a step that sends nothing: what the translator
        sends by itself (a probe, the answer to a stored SYN) must arrive
        between lo and hi seconds after the flow's last packet was sent:
        expect on the side "to" names, or the ICMP error icmp on the
        sender's link, quoting quote; with neither, nothing at all may
        arrive on either side within hi seconds.
    quote: with listen and icmp: the packet the ICMP error quotes (one an
        earlier step sent).
    tables: what "joolctl -j nat64 {session|bib} show PROTO" must list
        after the step: [(table, proto, [entry, ...])], each entry a dict
        of the JSON fields that must match (others are not compared); the
        list must hold exactly those entries, in any order.
    note: what the step checks, for the failure report.
    """
    sender: str = "n6"
    send: object = None
    expect: list = field(default_factory=list)
    to: str = None
    mask: tuple = ()
    counter: str = None
    counters: dict = None
    kernel_counter: str = None
    translated: int = 1
    also: dict = field(default_factory=dict)
    icmp_sent: bool = False
    icmp: tuple = None
    wait: float = 0
    tables: list = field(default_factory=list)
    note: str = ""
    listen: tuple = None
    quote: object = None

    def __post_init__(self):
        assert self.sender in ("n6", "n4")
        if self.listen:
            assert self.send is None and self.listen[0] < self.listen[1]
            assert not self.expect or self.to
            assert bool(self.icmp) == (self.quote is not None)
        if not isinstance(self.expect, (list, tuple)):
            self.expect = [self.expect]
        self.expect = list(self.expect)
        assert not (self.expect and self.counter)
        if self.icmp:
            self.icmp_sent = True
        if self.sender == "n6" and self.expect and not self.mask and \
                self.receiver == "n4":
            self.mask = (IPV4_ID,)


@dataclass
class Flow:
    """
    A NAT64 case (RFC 6146): steps run in order on tables that hold only
    the topology's pool4 and static BIB entries when the flow starts.

    id, rfc, desc, topo, globals, requires, known_bug: as in Case.
    requires "short_timeouts": the module must be loaded with
        test_short_timeouts=1 (lifetimes of seconds); skipped otherwise.
    """
    id: str
    rfc: str
    desc: str
    steps: list
    topo: str = "nat64"
    globals: dict = field(default_factory=dict)
    requires: str = None
    known_bug: str = None

    def __post_init__(self):
        assert self.steps, self.id


def raw(pkt):
    """The bytes of a packet (scapy computes what was left unset)."""
    return pkt if isinstance(pkt, (bytes, bytearray)) else bytes(pkt)


# -- RFC 6052 ---------------------------------------------------------------

def rfc6052_embed(prefix, v4, suffix=0, u=0):
    """
    RFC 6052 2.2: the IPv4-embedded IPv6 address of v4 under prefix
    (length 32, 40, 48, 56, 64 or 96). Bits 64-71 ("u") and the suffix are
    zero unless given (to build addresses that break the format on purpose).
    """
    net = ipaddress.IPv6Network(prefix)
    plen = net.prefixlen
    assert plen in (32, 40, 48, 56, 64, 96)
    a = bytearray(net.network_address.packed)
    v4b = ipaddress.IPv4Address(v4).packed
    pos = plen // 8
    for b in v4b:
        if pos == 8:
            pos += 1		# skip the u octet
        a[pos] = b
        pos += 1
    if plen < 96:
        a[8] = u
    if suffix:
        # The suffix: every bit after the IPv4 address (and u).
        n = 16 - pos
        s = suffix.to_bytes(n, "big")
        a[pos:] = s
    return str(ipaddress.IPv6Address(bytes(a)))


# -- RFC 7757 ---------------------------------------------------------------

def eam_4to6(p6, p4, v4):
    """
    RFC 7757 3.2: v4 inside the EAM's IPv4 prefix p4 becomes the IPv6 prefix
    p6 followed by v4's suffix (its bits after p4's length), then zeros if
    the IPv6 suffix is the longer one.
    """
    n6, n4 = ipaddress.IPv6Network(p6), ipaddress.IPv4Network(p4)
    a = int(ipaddress.IPv4Address(v4))
    assert ipaddress.IPv4Address(v4) in n4
    s4 = 32 - n4.prefixlen
    suffix = a & ((1 << s4) - 1)
    shift = 128 - n6.prefixlen - s4
    return str(ipaddress.IPv6Address(int(n6.network_address) | (suffix << shift)))


def eam_6to4(p6, p4, v6):
    """RFC 7757 3.2, the other way: the s4 bits after p6 are the IPv4 suffix."""
    n6, n4 = ipaddress.IPv6Network(p6), ipaddress.IPv4Network(p4)
    a = int(ipaddress.IPv6Address(v6))
    assert ipaddress.IPv6Address(v6) in n6
    s4 = 32 - n4.prefixlen
    shift = 128 - n6.prefixlen - s4
    suffix = (a >> shift) & ((1 << s4) - 1)
    return str(ipaddress.IPv4Address(int(n4.network_address) | suffix))


# -- One's-complement arithmetic (RFC 1071 / RFC 1624) ----------------------

def oc_add(a, b):
    s = a + b
    s = (s & 0xffff) + (s >> 16)
    return (s & 0xffff) + (s >> 16)


def oc_sub(a, b):
    return oc_add(a, ~b & 0xffff)


def checksum_field(pkt):
    """(layer, field name) of the upper-layer checksum of a scapy packet."""
    for layer in pkt.layers():
        names = [f.name for f in layer.fields_desc]
        if layer in (IP, IPv6):
            continue
        for name in ("chksum", "cksum"):
            if name in names:
                return pkt[layer], name
    raise ValueError("no upper-layer checksum in %r" % pkt)


def correct_checksum(pkt):
    """The upper-layer checksum scapy computes for pkt (as on the wire)."""
    cls = type(pkt)
    built = cls(bytes(pkt))
    layer, name = checksum_field(built)
    return getattr(layer, name)


def with_checksum_error(pkt, delta):
    """
    pkt with its upper-layer checksum field off by delta (one's-complement
    addition to the correct value). A translator that updates the checksum
    incrementally (RFC 1624) carries the same error over: the translated
    checksum is the correct one for the translated packet plus the same
    delta (see README.md, "Checksum errors").
    """
    good = correct_checksum(pkt)
    bad = oc_add(good, delta)
    assert bad not in (0, 0xffff, good), "pick another delta"
    out = pkt.copy()
    layer, name = checksum_field(out)
    setattr(layer, name, bad)
    return out


def with_checksum(pkt, value):
    """pkt with its upper-layer checksum set to value (e.g. 0 for UDP)."""
    out = pkt.copy()
    layer, name = checksum_field(out)
    setattr(layer, name, value)
    return out


# -- Builders with every header field explicit ------------------------------

def ip4(*, tos, id, flags, frag, ttl, proto, src, dst, options=None):
    """
    An IPv4 header. Version 4; IHL, Total Length and Header Checksum are the
    RFC 791 functions of the rest (scapy computes them).
    """
    kw = dict(version=4, tos=tos, id=id, flags=flags, frag=frag, ttl=ttl,
              proto=proto, src=src, dst=dst)
    if options:
        kw["options"] = options
    return IP(**kw)


def ip6(*, tc, fl, hlim, nh, src, dst):
    """An IPv6 header; Payload Length is computed (RFC 8200)."""
    return IPv6(version=6, tc=tc, fl=fl, hlim=hlim, nh=nh, src=src, dst=dst)


def payload(n, seed=0):
    """n deterministic payload bytes."""
    return Raw(bytes((seed + i * 7 + (i >> 8)) & 0xff for i in range(n)))


def udp(sport, dport, n=16, seed=0):
    return UDP(sport=sport, dport=dport) / payload(n, seed)


def tcp(sport, dport, n=0, seed=0, flags="PA", seq=0x01020304, ack=0x0a0b0c0d,
        window=0x7210, urgptr=0, options=None):
    t = TCP(sport=sport, dport=dport, seq=seq, ack=ack, flags=flags,
            window=window, urgptr=urgptr, options=options or [])
    return t / payload(n, seed) if n else t


def clone(layer):
    """A fresh copy of an upper-layer header + payload, checksum recomputed."""
    out = layer.copy()
    for lay in out.layers():
        l = out[lay]
        for name in ("chksum", "cksum", "len"):
            if name in [f.name for f in l.fields_desc] and lay not in (IP, IPv6):
                setattr(l, name, None)
    return out


# -- The default topology's addresses (pool6 64:ff9b::/96) ------------------

N6 = rfc6052_embed(WKP, N6_V4NAME)	# the IPv6 host: 64:ff9b::198.51.100.6
N4_6 = rfc6052_embed(WKP, N4)		# the IPv4 host's IPv6 name
assert N6 == "64:ff9b::c633:6406" and N4_6 == "64:ff9b::c000:204"


def c64(id, rfc, desc, send, expect, **kw):
    """An IPv6 -> IPv4 case. Masked: the IPv4 Identification (IPV4_ID)."""
    return Case(id=id, rfc=rfc, desc=desc, sender="n6", send=send,
                expect=expect, mask=(IPV4_ID,), **kw)


def c46(id, rfc, desc, send, expect, **kw):
    """An IPv4 -> IPv6 case. Nothing is masked."""
    return Case(id=id, rfc=rfc, desc=desc, sender="n4", send=send,
                expect=expect, **kw)


def inet_checksum(data):
    """RFC 1071 checksum of data (for headers scapy does not know)."""
    data = bytes(data) + (b"\0" if len(data) % 2 else b"")
    s = 0
    for i in range(0, len(data), 2):
        s = oc_add(s, data[i] << 8 | data[i + 1])
    return ~s & 0xffff
