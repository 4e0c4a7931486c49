# SPDX-License-Identifier: GPL-2.0
"""
RFC 7915 4.2 (ICMPv4 error messages) and 4.3 (the packet in error inside
them), IPv4 -> IPv6; RFC 4884 extensions as RFC 7915 4.2 asks.

The IPv4 router R4 (203.0.113.1, 64:ff9b::203.0.113.1 in IPv6) or the IPv4
host n4 reports an error about a packet n6 sent to n4: the packet in error
is 198.51.100.6 -> 192.0.2.4, and becomes 64:ff9b::198.51.100.6 ->
64:ff9b::192.0.2.4 (the reverse of the outer direction). Outer header: as
any 4->6 packet (RFC 7915 4.1): traffic class = TOS (0xc0, what routers
use), hop limit = TTL - 1. The ICMPv6 checksum covers the pseudo-header and
the translated packet in error (RFC 4443 2.3).

4.3: the packet in error is translated like a normal packet (4.1, 4.5: its
addresses, its TCP/UDP/ICMP checksum updated for the new pseudo-header, as
far as it is there; its own lengths describe the original packet) except
that its TTL is not decremented; the translation stops at the first
embedded header. RFC 4443 2.4 (c): the ICMPv6 error must not exceed the
minimum IPv6 MTU, 1280 bytes, so a long packet in error is cut.
"""
from casedef import N4, N4_6, N6_V4NAME, Topo, ip4, tcp, udp, with_checksum_error
from icmpdef import (R4, case46, cut, err4, err6_out, ext_structure,
                     icmp4_msg, in46, in46_6, pad, rest4_pp, rest4_te,
                     rest4_unreach, rest6_len, be32)
from scapy.layers.inet import ICMP, IPOption_NOP, IPOption_RR
from scapy.layers.inet6 import ICMPv6EchoReply, ICMPv6EchoRequest, IPv6ExtHdrFragment
from scapy.packet import Raw

R42 = "RFC 7915 4.2"
R43 = "RFC 7915 4.3"
CASES = []
TOPOLOGIES = {
    # pool6 unset: only the EAMs translate (RFC 7757). n6 is 2001:db8:6::6
    # (198.51.100.6), n4 is 2001:db8:44::4 (192.0.2.4).
    "eam-only": Topo(pool6=None, eamt=[("2001:db8:6::/120", "198.51.100.0/24"),
                                       ("2001:db8:44::/120", "192.0.2.0/24")],
                     jool6=["2001:db8:44::/120"]),
}


def add(id, rfc, desc, send, expect, **kw):
    CASES.append(case46(id, rfc, desc, send, expect, **kw))


# The packet in error of most cases: a UDP datagram n6 sent to n4 (with
# TTL 1 at R4), quoted whole; 28 + 20 bytes.
U = udp(40100, 33434, n=20, seed=1)
Q4 = cut(in46(U, 17))
Q6 = cut(in46_6(U, 17))

# -- 4.2: Destination Unreachable (type 3) codes -----------------------------
UNREACH = {
    0: (1, 0, "net unreachable -> no route to destination"),
    1: (1, 0, "host unreachable -> no route to destination"),
    3: (1, 4, "port unreachable -> port unreachable"),
    5: (1, 0, "source route failed -> no route to destination"),
    6: (1, 0, "destination network unknown -> no route"),
    7: (1, 0, "destination host unknown -> no route"),
    8: (1, 0, "source host isolated -> no route"),
    9: (1, 1, "network administratively prohibited -> administratively prohibited"),
    10: (1, 1, "host administratively prohibited -> administratively prohibited"),
    11: (1, 0, "network unreachable for TOS -> no route"),
    12: (1, 0, "host unreachable for TOS -> no route"),
    13: (1, 1, "communication administratively prohibited -> administratively prohibited"),
    15: (1, 1, "precedence cutoff in effect -> administratively prohibited"),
}
for code, (t6, c6, what) in sorted(UNREACH.items()):
    add("7915-4.2-err-unreach-%d" % code, R42,
        "destination unreachable code %d (%s): ICMPv6 type %d code %d" % (code, what, t6, c6),
        err4(icmp4_msg(3, code, rest4_unreach(), Q4)),
        [err6_out(t6, c6, rest6_len(), Q6)])
add("7915-4.2-err-unreach-2", R42,
    "protocol unreachable: ICMPv6 parameter problem code 1, pointer 6 (the Next Header field)",
    err4(icmp4_msg(3, 2, rest4_unreach(), Q4)),
    [err6_out(4, 1, be32(6), Q6)])
add("7915-4.2-err-unreach-4", R42,
    "fragmentation needed (MTU 1400): packet too big, MTU 1420 (+20 for the IPv6 header)",
    err4(icmp4_msg(3, 4, rest4_unreach(mtu=1400), Q4)),
    [err6_out(2, 0, be32(1420), Q6)])
add("7915-4.2-err-unreach-14", R42,
    "destination unreachable code 14 (host precedence violation): silently dropped",
    err4(icmp4_msg(3, 14, rest4_unreach(), Q4)), [], counter="icmp-unsupported")
for code in (16, 255):
    add("7915-4.2-err-unreach-%d" % code, R42,
        "destination unreachable code %d (not listed): silently dropped" % code,
        err4(icmp4_msg(3, code, rest4_unreach(), Q4)), [], counter="icmp-unsupported")
add("7915-4.2-err-unreach-unused", R42,
    "host unreachable whose unused bytes are not zero: the ICMPv6 unused bytes are zero (RFC 4443 3.1)",
    err4(icmp4_msg(3, 1, rest4_unreach(mtu=0x05dc, unused=0x11), Q4)),
    [err6_out(1, 0, rest6_len(), Q6)])

# -- Time Exceeded (type 11): type 3, the code unchanged ---------------------
for code, what in ((0, "TTL exceeded in transit"), (1, "fragment reassembly time exceeded")):
    add("7915-4.2-err-time-exceeded-%d" % code, R42,
        "time exceeded code %d (%s): ICMPv6 type 3 code %d" % (code, what, code),
        err4(icmp4_msg(11, code, rest4_te(), Q4)),
        [err6_out(3, code, rest6_len(), Q6)])

# -- Parameter Problem (type 12): the pointer table (Figure 3) ---------------
FIG3 = {0: 0, 1: 1, 2: 4, 3: 4, 4: None, 5: None, 6: None, 7: None, 8: 7,
        9: 6, 10: None, 11: None, 12: 8, 13: 8, 14: 8, 15: 8, 16: 24, 17: 24,
        18: 24, 19: 24, 20: None, 23: None}
for ptr, p6 in sorted(FIG3.items()):
    if p6 is None:
        add("7915-4.2-err-param-ptr-%d" % ptr, R42,
            "parameter problem, pointer %d (%s): no IPv6 pointer, silently dropped"
            % (ptr, "an option, not in Figure 3" if ptr >= 20 else "n/a in Figure 3"),
            err4(icmp4_msg(12, 0, rest4_pp(ptr), Q4)), [], counter="icmp-unsupported")
    else:
        add("7915-4.2-err-param-ptr-%d" % ptr, R42,
            "parameter problem code 0, pointer %d: ICMPv6 type 4 code 0, pointer %d" % (ptr, p6),
            err4(icmp4_msg(12, 0, rest4_pp(ptr), Q4)),
            [err6_out(4, 0, be32(p6), Q6)])
for ptr, p6 in ((2, 4), (0, 0)):
    add("7915-4.2-err-param-badlen-ptr-%d" % ptr, R42,
        "parameter problem code 2 (bad length), pointer %d: type 4 code 0, pointer %d" % (ptr, p6),
        err4(icmp4_msg(12, 2, rest4_pp(ptr), Q4)),
        [err6_out(4, 0, be32(p6), Q6)])
add("7915-4.2-err-param-badlen-ptr-4", R42,
    "parameter problem code 2, pointer 4 (n/a): silently dropped",
    err4(icmp4_msg(12, 2, rest4_pp(4), Q4)), [], counter="icmp-unsupported")
for code, what in ((1, "missing a required option"), (3, "not listed")):
    add("7915-4.2-err-param-code-%d" % code, R42,
        "parameter problem code %d (%s): silently dropped" % (code, what),
        err4(icmp4_msg(12, code, rest4_pp(0), Q4)), [], counter="icmp-unsupported")

# -- Other error types: dropped ----------------------------------------------
for typ, what in ((4, "source quench (obsoleted in ICMPv6)"), (5, "redirect (single hop)"),
                  (6, "alternative host address"), (31, "unknown error type 31"),
                  (40, "unknown error type 40")):
    add("7915-4.2-err-type-%d" % typ, R42, "%s: silently dropped" % what,
        err4(icmp4_msg(typ, 0, bytes(4), Q4)), [], counter="icmp-unsupported")

# -- 4.3: the packet in error -------------------------------------------------
add("7915-4.3-from-host", R43,
    "port unreachable from n4 itself: outer source 64:ff9b::192.0.2.4, inner TTL 63 untouched",
    err4(icmp4_msg(3, 3, rest4_unreach(), cut(in46(U, 17, ttl=63))), src=N4, tos=0),
    [err6_out(1, 4, rest6_len(), cut(in46_6(U, 17, hlim=63)), src=N4_6, tc=0)])
add("7915-4.3-outer-tos", R43,
    "outer TOS 0x2e and TTL 200: traffic class 0x2e, hop limit 199",
    err4(icmp4_msg(11, 0, rest4_te(), Q4), tos=0x2e, ttl=200),
    [err6_out(3, 0, rest6_len(), Q6, tc=0x2e, hlim=199)])
add("7915-4.3-inner-tos-ttl", R43,
    "inner TOS 0xb8, TTL 0, DF, id 0xabcd: traffic class 0xb8, hop limit 0, no fragment header",
    err4(icmp4_msg(11, 0, rest4_te(), cut(in46(U, 17, tos=0xb8, ttl=0, id=0xabcd)))),
    [err6_out(3, 0, rest6_len(), cut(in46_6(U, 17, tc=0xb8, hlim=0)))])

# Inner TCP, quoted whole and cut after 8 bytes of TCP (RFC 792's minimum):
# the checksum is updated only when the quote contains it.
T = tcp(40101, 80, n=100, seed=2)
add("7915-4.3-inner-tcp", R43,
    "inner TCP (140 bytes) quoted whole: addresses translated, TCP checksum updated",
    err4(icmp4_msg(3, 3, rest4_unreach(), cut(in46(T, 6, ttl=62)))),
    [err6_out(1, 4, rest6_len(), cut(in46_6(T, 6, hlim=62)))])
add("7915-4.3-inner-tcp-8", R43,
    "inner TCP cut after 8 bytes (RFC 792): no checksum to update, payload length still 120",
    err4(icmp4_msg(11, 0, rest4_te(), cut(in46(T, 6), 28))),
    [err6_out(3, 0, rest6_len(), cut(in46_6(T, 6), 48))])
add("7915-4.3-inner-tcp-cut-64", R43,
    "inner TCP cut after 64 bytes: the checksum (in the quote) is updated for the whole original",
    err4(icmp4_msg(11, 0, rest4_te(), cut(in46(T, 6), 64))),
    [err6_out(3, 0, rest6_len(), cut(in46_6(T, 6), 84))])
U2 = udp(40102, 53, n=500, seed=3)
add("7915-4.3-inner-udp-cut", R43,
    "inner UDP of 528 bytes cut to 100: checksum updated for the whole datagram, lengths kept",
    err4(icmp4_msg(3, 1, rest4_unreach(), cut(in46(U2, 17), 100))),
    [err6_out(1, 0, rest6_len(), cut(in46_6(U2, 17), 120))])
add("7915-4.3-inner-udp-bad-checksum", R43,
    "inner UDP checksum off by 0x0421: still off by 0x0421 after translation (never laundered)",
    err4(icmp4_msg(3, 3, rest4_unreach(), cut(with_checksum_error(in46(U, 17), 0x0421)))),
    [err6_out(1, 4, rest6_len(), cut(with_checksum_error(in46_6(U, 17), 0x0421)))])
E = ICMP(type=8, code=0, id=0x6464, seq=3) / bytes(range(40))
E6 = ICMPv6EchoRequest(code=0, id=0x6464, seq=3, data=bytes(range(40)))
add("7915-4.3-inner-echo", R43,
    "inner ICMPv4 echo request: ICMPv6 echo request, its checksum with the pseudo-header",
    err4(icmp4_msg(11, 0, rest4_te(), cut(in46(E, 1)))),
    [err6_out(3, 0, rest6_len(), cut(in46_6(E6, 58)))])
add("7915-4.3-inner-echo-cut", R43,
    "inner ICMPv4 echo request cut after 8 bytes: type 128, checksum for the whole original",
    err4(icmp4_msg(3, 1, rest4_unreach(), cut(in46(E, 1), 28))),
    [err6_out(1, 0, rest6_len(), cut(in46_6(E6, 58), 48))])
ER = ICMP(type=0, code=0, id=0x6465, seq=4) / bytes(range(16))
ER6 = ICMPv6EchoReply(code=0, id=0x6465, seq=4, data=bytes(range(16)))
add("7915-4.3-inner-echo-reply", R43,
    "inner ICMPv4 echo reply: ICMPv6 echo reply",
    err4(icmp4_msg(3, 13, rest4_unreach(), cut(in46(ER, 1)))),
    [err6_out(1, 1, rest6_len(), cut(in46_6(ER6, 58)))])
add("7915-4.3-inner-options", R43,
    "inner IPv4 header with options (IHL 6): options dropped, payload length = total - 24",
    err4(icmp4_msg(11, 0, rest4_te(), cut(in46(U, 17, options=[IPOption_NOP()] * 4)))),
    [err6_out(3, 0, rest6_len(), Q6)])
add("7915-4.3-inner-options-rr", R43,
    "inner IPv4 header with a record route option (IHL 8): options dropped",
    err4(icmp4_msg(11, 0, rest4_te(), cut(in46(U, 17, options=[IPOption_RR(routers=["10.1.1.1", "10.1.1.2"])])))),
    [err6_out(3, 0, rest6_len(), Q6)])

# Size: the ICMPv6 error may not exceed 1280 bytes (RFC 4443 2.4 (c)).
for total in (1240, 1241, 1500):
    UB = udp(40103, 9, n=1472 - 8, seed=total)	# a 1492-byte original datagram
    n4 = total - 28				# the quote in the ICMPv4 error
    n6 = min(n4 + 20, 1280 - 48)
    add("7915-4.3-size-%d" % total, R43,
        "a %d-byte ICMPv4 error becomes %d bytes of IPv6 (packet in error: %d of %d bytes)"
        % (total, 48 + n6, n6, 1512),
        err4(icmp4_msg(3, 1, rest4_unreach(), cut(in46(UB, 17), n4))),
        [err6_out(1, 0, rest6_len(), cut(in46_6(UB, 17), n6))])

# The first fragment of a datagram as the packet in error: translated with
# a Fragment Header (RFC 7915 4.1.1).
UF = udp(40104, 53, n=1000, seed=5)
fq4 = cut(in46(UF, 17, flags="MF", id=0x7788), 100)
fq6 = cut(in46_6(IPv6ExtHdrFragment(nh=17, res1=0, offset=0, res2=0, m=1, id=0x7788) / UF, 44), 128)
add("7915-4.3-inner-fragment", R43,
    "the packet in error is a first fragment (MF, id 0x7788): a Fragment Header (id 0x00007788, M) follows its IPv6 header",
    err4(icmp4_msg(11, 1, rest4_te(), fq4)),
    [err6_out(3, 1, rest6_len(), fq6)])

# Stop at the first embedded header; addresses that do not translate.
inner_err = cut(in46(ICMP(type=3, code=1) / Q4, 1))
add("7915-4.3-inner-icmp-error", R43,
    "the packet in error is itself an ICMPv4 error (more embedded headers): dropped",
    err4(icmp4_msg(11, 0, rest4_te(), inner_err)), [], counter="icmp-inner-unsupported")
add("7915-4.3-checksum", R43,
    "an ICMPv4 error with a wrong checksum (off by 0x0100): dropped, not given a fresh one",
    err4(icmp4_msg(3, 3, rest4_unreach(), Q4, delta=0x0100)), [], counter="icmp-csum")
add("7915-4.3-checksum-te", R43,
    "a time exceeded with a wrong checksum (off by 0x1234): dropped",
    err4(icmp4_msg(11, 0, rest4_te(), Q4, delta=0x1234)), [], counter="icmp-csum")
add("7915-4.3-inner-untranslatable", R43,
    "pool6 unset, the inner destination 203.0.113.9 is in no EAM: dropped",
    err4(icmp4_msg(3, 1, rest4_unreach(), cut(in46(U, 17, dst="203.0.113.9"))), src=N4),
    [], counter="icmp-inner-untranslatable", topo="eam-only")
add("7915-4.3-eam-inner", "RFC 7915 4.3, RFC 7757",
    "EAMs: outer 192.0.2.4 -> 198.51.100.6 becomes 2001:db8:44::4 -> 2001:db8:6::6, inner the reverse",
    err4(icmp4_msg(3, 3, rest4_unreach(), cut(in46(U, 17, ttl=9))), src=N4),
    [err6_out(1, 4, rest6_len(), cut(in46_6(U, 17, hlim=9, src="2001:db8:6::6", dst="2001:db8:44::4")),
              src="2001:db8:44::4", dst="2001:db8:6::6")],
    topo="eam-only")

# -- RFC 4884 extensions (RFC 7915 4.2, "ICMP Error Payload") ----------------
# The original datagram field is zero-padded to 128 bytes at least and to a
# multiple of the length unit (4 bytes in ICMPv4, 8 in ICMPv6); the length
# attribute counts it in those units; the extension structure follows,
# unchanged (its checksum covers itself only).
R4884 = "RFC 7915 4.2, RFC 4884"
X = ext_structure(1)
UL = udp(40105, 33434, n=300, seed=6)			# 348 bytes of IPv4
add("7915-4.3-ext-time-exceeded", R4884,
    "time exceeded, 128-byte original datagram (length 32) + extension: 148 bytes of IPv6 padded to 152, length 19",
    err4(icmp4_msg(11, 0, rest4_te(length=32), cut(in46(UL, 17), 128) + X)),
    [err6_out(3, 0, rest6_len(length=19), pad(cut(in46_6(UL, 17), 148), 152) + X)])
add("7915-4.3-ext-unreach", R4884,
    "port unreachable, 136-byte original datagram (length 34) + extension: 156 bytes padded to 160, length 20",
    err4(icmp4_msg(3, 3, rest4_unreach(length=34), cut(in46(UL, 17), 136) + X)),
    [err6_out(1, 4, rest6_len(length=20), pad(cut(in46_6(UL, 17), 156), 160) + X)])
add("7915-4.3-ext-short", R4884,
    "a 48-byte packet in error zero-padded to 128 (length 32) + extension: 68 bytes of IPv6 padded to 128, length 16",
    err4(icmp4_msg(11, 0, rest4_te(length=32), pad(Q4, 128) + X)),
    [err6_out(3, 0, rest6_len(length=16), pad(Q6, 128) + X)])

# -- The outer packet ----------------------------------------------------------
add("7915-4.3-outer-options", "RFC 7915 4.1, 4.3",
    "an ICMPv4 error with IPv4 options (IHL 6): the options are dropped like any packet's",
    ip4(tos=0xc0, id=0x4d4d, flags=0, frag=0, ttl=64, proto=1, src=R4, dst=N6_V4NAME,
        options=[IPOption_NOP()] * 4) / Raw(icmp4_msg(11, 0, rest4_te(), Q4)),
    [err6_out(3, 0, rest6_len(), Q6)])
add("7915-4.3-outer-fragment", "RFC 7915 1.2, 4.3",
    "an ICMPv4 error that is a fragment (MF): fragmented ICMP is not translated, dropped",
    ip4(tos=0xc0, id=0x4d4e, flags="MF", frag=0, ttl=64, proto=1, src=R4, dst=N6_V4NAME) /
    Raw(icmp4_msg(11, 0, rest4_te(), Q4)), [], counter="fragment")
add("7915-4.3-inner-truncated", R43,
    "a packet in error of 12 bytes (no whole IPv4 header): cannot be translated, dropped",
    err4(icmp4_msg(11, 0, rest4_te(), Q4[:12])), [], counter="icmp-inner-invalid")
add("7915-4.3-inner-echo-fragment", "RFC 7915 1.2, 4.3",
    "the packet in error is a fragment of an ICMPv4 echo (MF): fragmented ICMP is not translated, dropped",
    err4(icmp4_msg(11, 0, rest4_te(), cut(in46(E, 1, flags="MF"), 36))), [],
    counter="icmp-inner-unsupported")
