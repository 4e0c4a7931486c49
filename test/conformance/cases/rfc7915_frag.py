# SPDX-License-Identifier: GPL-2.0
"""
Fragments: RFC 7915 5.1.1 (IPv6 Fragment Header -> IPv4 fragment fields),
4.1 (IPv4 fragments get a Fragment Header; IPv4 packets without DF that
would not fit in 1280 bytes of IPv6 are fragmented so that every piece,
Fragment Header included, fits), 1.2 (fragmented ICMP is not translated)
and 4.5 (fragmented UDP with a zero checksum).

The datagrams are built whole, their upper layer (checksum included, for
the sending family's pseudo-header) is cut into fragments here, and the
expected fragments carry the same bytes with the checksum the other
family's pseudo-header gives: what a first fragment must carry once
translated (the checksum covers the whole datagram). Later fragments carry
the payload untouched.

The topology's pool6 is 2001:db8:64::/96: unlike 64:ff9b::/96, it is not
checksum-neutral (RFC 6052 4.1), so a checksum that is not updated shows.
"""
from casedef import (N6_V4NAME, Case, Topo, ip4, ip6, payload, rfc6052_embed,
                     tcp, udp, with_checksum)
from scapy.layers.inet6 import (ICMPv6EchoRequest, IPv6ExtHdrDestOpt,
                                IPv6ExtHdrFragment, IPv6ExtHdrHopByHop, PadN)
from scapy.layers.inet import ICMP
from scapy.packet import Raw

POOL6 = "2001:db8:64::/96"
TOPOLOGIES = {"frag": Topo(pool6=POOL6)}
N4 = "192.0.2.4"
N6 = rfc6052_embed(POOL6, N6_V4NAME)
N4_6 = rfc6052_embed(POOL6, N4)
R51 = "RFC 7915 5.1.1"
R41 = "RFC 7915 4.1"
R12 = "RFC 7915 1.2"
R45 = "RFC 7915 4.5"
CASES = []
# RFC 7915 4.4: the sender of a zero-checksum UDP datagram the translator
# drops gets "administratively prohibited" (test/netns/57-icmp-gen.sh
# checks the error itself).
SENT = {"icmp-sent": 1}


def c64(id, rfc, desc, send, expect, **kw):
    """6->4, nothing masked: a fragment's Identification is the RFC's."""
    CASES.append(Case(id=id, rfc=rfc, desc=desc, sender="n6", send=send,
                      expect=expect, topo="frag", **kw))


def c46(id, rfc, desc, send, expect, **kw):
    CASES.append(Case(id=id, rfc=rfc, desc=desc, sender="n4", send=send,
                      expect=expect, topo="frag", **kw))


def v6(nh, hlim=64):
    return ip6(tc=0, fl=0, hlim=hlim, nh=nh, src=N6, dst=N4_6)


def v4out(proto, id, flags, frag, tos=0):
    """A 6->4 packet: TTL = hop limit - 1."""
    return ip4(tos=tos, id=id, flags=flags, frag=frag, ttl=63, proto=proto,
               src=N6_V4NAME, dst=N4)


def v4in(proto, id, flags, frag, ttl=64):
    return ip4(tos=0, id=id, flags=flags, frag=frag, ttl=ttl, proto=proto,
               src=N4, dst=N6_V4NAME)


def v6out(nh, hlim=63):
    """A 4->6 packet: hop limit = TTL - 1."""
    return ip6(tc=0, fl=0, hlim=hlim, nh=nh, src=N4_6, dst=N6)


def fh(nh, offset, m, id):
    """A Fragment Header (RFC 8200 4.5), offset in bytes."""
    assert offset % 8 == 0
    return IPv6ExtHdrFragment(nh=nh, res1=0, offset=offset // 8, res2=0, m=m, id=id)


def l4_6(l4):
    """The upper-layer bytes of l4, checksummed for the IPv6 side."""
    return bytes(v6(l4_proto(l4)) / l4)[40:]


def l4_4(l4):
    """The same, for the IPv4 side (ICMP: no pseudo-header)."""
    return bytes(v4out(l4_proto(l4), 0, 0, 0) / l4)[20:]


def l4_proto(l4):
    name = l4.name
    return {"UDP": 17, "TCP": 6}[name]


def cut(data, sizes):
    """(offset, bytes, more) pieces of data, of the given sizes, then the rest."""
    out, off = [], 0
    for n in sizes:
        out.append((off, data[off:off + n], True))
        off += n
    out.append((off, data[off:], False))
    return out


# -- 6->4: RFC 7915 5.1.1 -----------------------------------------------------

ID6 = 0x12345678
for proto, l4, what in ((17, udp(40100, 53, n=304, seed=1), "UDP"),
                        (6, tcp(40101, 80, n=292, seed=2), "TCP")):
    b6, b4 = l4_6(l4), l4_4(l4)
    assert len(b6) == 312
    pieces6 = cut(b6, (104, 104))
    pieces4 = cut(b4, (104, 104))
    for name, (off, d6, more), (_o, d4, _m) in zip(("first", "middle", "last"),
                                                   pieces6, pieces4):
        exp = v4out(proto, ID6 & 0xffff, "MF" if more else 0, off // 8) / Raw(d4)
        if off:
            assert d4 == d6
            note = "payload untouched"
        else:
            note = "%s checksum updated for the IPv4 pseudo-header" % what
        c64("7915-5.1-frag-%s-%s" % (what.lower(), name), R51,
            "%s %s fragment (offset %d, M=%d): Identification = low 16 bits, "
            "MF = M, offset copied, DF 0, protocol %d; %s"
            % (what, name, off, more, proto, note),
            v6(44) / fh(proto, off, more, ID6) / Raw(d6), [exp])

# The Fragment Header after other extension headers 5.1 skips.
u = udp(40102, 53, n=96, seed=3)
b6, b4 = l4_6(u), l4_4(u)
c64("7915-5.1-frag-after-dstopt", R51,
    "Destination Options, then the Fragment Header: both removed, total length "
    "counts the fragment only",
    v6(60) / IPv6ExtHdrDestOpt(nh=44, options=[PadN(optdata=b"\0" * 4)])
    / fh(17, 0, 1, 0xa0b0c0d0) / Raw(b6[:64]),
    [v4out(17, 0xc0d0, "MF", 0) / Raw(b4[:64])])
c64("7915-5.1-frag-after-hbh-dstopt", R51,
    "Hop-by-Hop, Destination Options, Fragment Header: a later fragment",
    v6(0) / IPv6ExtHdrHopByHop(nh=60, options=[PadN(optdata=b"\0" * 4)])
    / IPv6ExtHdrDestOpt(nh=44, options=[PadN(optdata=b"\0" * 4)])
    / fh(17, 64, 0, 0xa0b0c0d0) / Raw(b6[64:]),
    [v4out(17, 0xc0d0, 0, 8) / Raw(b4[64:])])
c64("7915-5.1-frag-then-dstopt", R51,
    "an extension header after the Fragment Header: dropped (SHOULD), ICMPv6 1/1 back (5.4)",
    v6(44) / fh(60, 0, 1, 7) / IPv6ExtHdrDestOpt(nh=17, options=[PadN(optdata=b"\0" * 4)])
    / Raw(b6[:64]), [], counter="ext6-after-frag", also=SENT)
c64("7915-5.1-frag-then-ah", R51,
    "AH after the Fragment Header (5.1.1 names it): dropped, ICMPv6 1/1 back",
    v6(44) / fh(51, 0, 1, 8) / Raw(bytes([17, 4, 0, 0]) + bytes(payload(20, 9)))
    / Raw(b6[:64]), [], counter="ext6-after-frag", also=SENT)
c64("7915-5.1-frag-then-hbh-later", R51,
    "a later fragment whose Fragment Header names hop-by-hop: dropped, ICMPv6 1/1 back",
    v6(44) / fh(0, 64, 0, 9) / Raw(b6[64:]), [], counter="ext6-after-frag", also=SENT)

# Protocols with no rule across (see 7915-5.1-proto-1): every fragment names
# the protocol, every fragment is dropped.
b1 = bytes(ICMP(type=8, id=3, seq=3) / payload(200, 17))
c64("7915-5.1-frag-proto-1-first", R51,
    "first IPv6 fragment of ICMPv4 (next header 1): dropped, ICMPv6 1/1 back",
    v6(44) / fh(1, 0, 1, 10) / Raw(b1[:104]), [],
    counter="proto-untranslatable", also=SENT)
c64("7915-5.1-frag-proto-1-last", R51,
    "last IPv6 fragment of ICMPv4 (next header 1): dropped, ICMPv6 1/1 back",
    v6(44) / fh(1, 104, 0, 10) / Raw(b1[104:]), [],
    counter="proto-untranslatable", also=SENT)

# Atomic fragments (offset 0, M 0): RFC 7915 5.1.1 applies as written; the
# translator never makes them (RFC 8021).
u = udp(40103, 53, n=1300, seed=4)
c64("7915-5.1-frag-atomic", R51,
    "atomic fragment of 1336 bytes: Identification copied, DF 0 although over 1260",
    v6(44) / fh(17, 0, 0, 0xffff0042) / Raw(l4_6(u)),
    [v4out(17, 0x0042, 0, 0) / Raw(l4_4(u))])
icmp6 = ICMPv6EchoRequest(id=0x4444, seq=3, data=bytes(payload(40, 5)))
icmp4 = ICMP(type=8, code=0, id=0x4444, seq=3) / payload(40, 5)
c64("7915-5.1-frag-atomic-icmp", R51,
    "atomic fragment of an echo request: whole, so translated (type 8, ICMPv4 checksum)",
    v6(44) / fh(58, 0, 0, 0x99) / icmp6,
    [v4out(1, 0x99, 0, 0) / icmp4])

# RFC 7915 1.2: fragmented ICMPv6 is not translated.
b = bytes(v6(58) / ICMPv6EchoRequest(id=1, seq=1, data=bytes(payload(200, 6))))[40:]
c64("7915-5.1-frag-icmp-first", R12, "first fragment of an ICMPv6 echo: dropped",
    v6(44) / fh(58, 0, 1, 5) / Raw(b[:104]), [], counter="fragment")
c64("7915-5.1-frag-icmp-last", R12, "last fragment of an ICMPv6 echo: dropped",
    v6(44) / fh(58, 104, 0, 5) / Raw(b[104:]), [], counter="fragment")

# -- 4->6: RFC 7915 4.1 ---------------------------------------------------------

ID4 = 0xa5c3
for proto, l4, what in ((17, udp(53, 40200, n=304, seed=7), "UDP"),
                        (6, tcp(80, 40201, n=292, seed=8), "TCP")):
    b4 = bytes(v4in(proto, 0, 0, 0) / l4)[20:]
    b6 = bytes(v6out(proto) / l4)[40:]
    for name, (off, d4, more), (_o, d6, _m) in zip(("first", "middle", "last"),
                                                   cut(b4, (104, 104)),
                                                   cut(b6, (104, 104))):
        c46("7915-4.1-frag-%s-%s" % (what.lower(), name), R41,
            "%s %s fragment (offset %d, MF=%d): Fragment Header, next header %d, "
            "offset and M copied, Identification zero-extended, payload length "
            "+ 8" % (what, name, off, more, proto),
            v4in(proto, ID4, "MF" if more else 0, off // 8) / Raw(d4),
            [v6out(44) / fh(proto, off, more, ID4) / Raw(d6)])

# DF=0 and too big for 1280 bytes of IPv6: fragmented, every piece <= 1280
# with its Fragment Header (1232 bytes of data, 1280 - 40 - 8).
u = udp(53, 40210, n=1472, seed=9)
b4 = bytes(v4in(17, 0, 0, 0) / u)[20:]
b6 = bytes(v6out(17) / u)[40:]
assert len(b4) == 1480
c46("7915-4.1-frag-df0-1500", R41,
    "DF=0, 1500 bytes: two fragments, 1280 and 296 bytes, offsets 0 and 1232, "
    "the IPv4 Identification",
    v4in(17, 0x5151, 0, 0) / u,
    [v6out(44) / fh(17, 0, 1, 0x5151) / Raw(b6[:1232]),
     v6out(44) / fh(17, 1232, 0, 0x5151) / Raw(b6[1232:])],
    translated=2)
t = tcp(80, 40211, n=1460, seed=10)
b6 = bytes(v6out(6) / t)[40:]
c46("7915-4.1-frag-df0-1500-tcp", R41,
    "DF=0 TCP, 1500 bytes: two fragments, the first with the TCP checksum",
    v4in(6, 0x5152, 0, 0) / t,
    [v6out(44) / fh(6, 0, 1, 0x5152) / Raw(b6[:1232]),
     v6out(44) / fh(6, 1232, 0, 0x5152) / Raw(b6[1232:])],
    translated=2)
u = udp(53, 40212, n=1233, seed=11)
b6 = bytes(v6out(17) / u)[40:]
c46("7915-4.1-frag-df0-1261", R41,
    "DF=0, 1261 bytes (1281 as IPv6): fragmented, 1232 + 9 bytes",
    v4in(17, 0x5153, 0, 0) / u,
    [v6out(44) / fh(17, 0, 1, 0x5153) / Raw(b6[:1232]),
     v6out(44) / fh(17, 1232, 0, 0x5153) / Raw(b6[1232:])],
    translated=2)
# An IPv4 fragment too big for it: cut again, offsets continue, M stays set
# but on the very last piece of the datagram.
u = udp(53, 40213, n=2952, seed=12)
b4 = bytes(v4in(17, 0, 0, 0) / u)[20:]
b6 = bytes(v6out(17) / u)[40:]
assert len(b4) == 2960
c46("7915-4.1-frag-df0-first-1500", R41,
    "a 1500-byte first fragment: two pieces, both with M",
    v4in(17, 0x5154, "MF", 0) / Raw(b4[:1480]),
    [v6out(44) / fh(17, 0, 1, 0x5154) / Raw(b6[:1232]),
     v6out(44) / fh(17, 1232, 1, 0x5154) / Raw(b6[1232:1480])],
    translated=2)
c46("7915-4.1-frag-df0-last-1500", R41,
    "a 1500-byte last fragment at 1480: pieces at 1480 and 2712, the last without M",
    v4in(17, 0x5154, 0, 1480 // 8) / Raw(b4[1480:]),
    [v6out(44) / fh(17, 1480, 1, 0x5154) / Raw(b4[1480:2712]),
     v6out(44) / fh(17, 2712, 0, 0x5154) / Raw(b4[2712:])],
    translated=2)
# No Fragment Header when none is needed (RFC 8021: no atomic fragments).
u = udp(53, 40214, n=1372, seed=13)
c46("7915-4.1-frag-df1-1400", R41,
    "DF=1, 1400 bytes (1420 as IPv6): no Fragment Header, not fragmented",
    v4in(17, 0x5155, "DF", 0) / u, [v6out(17) / u])
u = udp(53, 40215, n=100, seed=14)
c46("7915-4.1-frag-df0-small", R41,
    "DF=0, 128 bytes: no Fragment Header",
    v4in(17, 0x5156, 0, 0) / u, [v6out(17) / u])
# DF=0 ICMP too big: RFC 7915 4.1 wants ICMPv6 fragments (the translator has
# the whole message, so it can compute the ICMPv6 checksum).
e4 = ICMP(type=8, code=0, id=0x77, seq=1) / payload(1372, 15)
e6 = bytes(v6out(58) / ICMPv6EchoRequest(id=0x77, seq=1, data=bytes(payload(1372, 15))))[40:]
c46("7915-4.1-frag-df0-icmp-1400", R41,
    "DF=0 echo request of 1400 bytes: ICMPv6 fragments of <= 1280 bytes",
    v4in(1, 0x5157, 0, 0) / e4,
    [v6out(44) / fh(58, 0, 1, 0x5157) / Raw(e6[:1232]),
     v6out(44) / fh(58, 1232, 0, 0x5157) / Raw(e6[1232:])],
    translated=2)

# RFC 7915 1.2: fragmented ICMP is not translated.
b4 = bytes(v4in(1, 0, 0, 0) / ICMP(type=8, id=2, seq=2) / payload(200, 16))[20:]
c46("7915-4.1-frag-icmp-first", R12,
    "first fragment of an ICMP echo: dropped, ICMPv4 3/13 back (4.4: not an error)",
    v4in(1, 0x5158, "MF", 0) / Raw(b4[:104]), [], counter="fragment", also=SENT)
c46("7915-4.1-frag-icmp-last", R12,
    "last fragment of an ICMP echo: dropped, not answered (only a first fragment is)",
    v4in(1, 0x5158, 0, 13) / Raw(b4[104:]), [], counter="fragment")
b58 = bytes.fromhex("8000000000040004") + bytes(payload(200, 18))
c46("7915-4.1-frag-proto-58-first", R41,
    "first IPv4 fragment of ICMPv6 (protocol 58): dropped, ICMPv4 3/13 back",
    v4in(58, 0x5159, "MF", 0) / Raw(b58[:104]), [],
    counter="proto-untranslatable", also=SENT)
c46("7915-4.1-frag-proto-58-last", R41,
    "last IPv4 fragment of ICMPv6 (protocol 58): dropped, not answered",
    v4in(58, 0x5159, 0, 13) / Raw(b58[104:]), [],
    counter="proto-untranslatable")

# -- RFC 7915 4.5: UDP with a zero checksum -----------------------------------

u = udp(53, 40300, n=296, seed=17)
b4 = bytes(v4in(17, 0, 0, 0) / with_checksum(u, 0))[20:]
assert b4[6:8] == b"\0\0"
c46("7915-4.5-frag-udp-csum0-first", R45,
    "first fragment of UDP with checksum 0: dropped",
    v4in(17, 0x6001, "MF", 0) / Raw(b4[:104]), [], counter="frag-udp-csum0",
    also=SENT)
c46("7915-4.5-frag-udp-csum0-first-amend", R45,
    "the same with amend-udp-checksum-zero: dropped all the same (the datagram is not whole)",
    v4in(17, 0x6001, "MF", 0) / Raw(b4[:104]), [], counter="frag-udp-csum0", also=SENT,
    globals={"amend-udp-checksum-zero": "true"})
c46("7915-4.5-frag-udp-csum0-later", R45,
    "a later fragment has no UDP header to check: translated (it will never reassemble)",
    v4in(17, 0x6001, 0, 13) / Raw(b4[104:]),
    [v6out(44) / fh(17, 104, 0, 0x6001) / Raw(b4[104:])])
u = udp(53, 40301, n=1472, seed=18)
b6 = bytes(v6out(17) / u)[40:]
c46("7915-4.5-frag-df0-csum0-amend", R45,
    "DF=0, 1500 bytes, checksum 0, amend-udp-checksum-zero: computed on the whole "
    "datagram, then fragmented",
    v4in(17, 0x6002, 0, 0) / with_checksum(u, 0),
    [v6out(44) / fh(17, 0, 1, 0x6002) / Raw(b6[:1232]),
     v6out(44) / fh(17, 1232, 0, 0x6002) / Raw(b6[1232:])],
    translated=2, globals={"amend-udp-checksum-zero": "true"})
c46("7915-4.5-frag-df0-csum0", R45,
    "DF=0, 1500 bytes, checksum 0, default: dropped whole (not fragmented)",
    v4in(17, 0x6003, 0, 0) / with_checksum(u, 0), [], counter="udp-zero-csum",
    also=SENT)
