# SPDX-License-Identifier: GPL-2.0
"""
RFC 7915 5.2 (ICMPv6 error messages) and 5.3 (the packet in error inside
them), IPv6 -> IPv4; RFC 4884 extensions as RFC 7915 5.2 asks.

The IPv6 router R6 (64:ff9b::198.51.100.254, inside pool6: IPv4 name
198.51.100.254) or the IPv6 host n6 reports an error about a packet n4 sent
to n6: the packet in error is 64:ff9b::192.0.2.4 -> 64:ff9b::198.51.100.6
and becomes 192.0.2.4 -> 198.51.100.6 (the reverse of the outer
direction). Outer header: as any 6->4 packet (RFC 7915 5.1): TOS = traffic
class, TTL = hop limit - 1, DF 0 (at most 576 bytes), Identification the
translator's choice (masked). The ICMPv4 checksum covers the message only.

5.3: the packet in error is translated like a normal packet (5.1: TOS,
Total Length = Payload Length - skipped extension headers + 20, DF iff
more than 1260 bytes, Identification the translator's choice (masked),
addresses; 5.5: TCP/UDP checksums updated, ICMPv6 echo becomes ICMPv4
echo without the pseudo-header) except that its hop limit is not
decremented; the translation stops at the first embedded header. An ICMPv4
error is at most 576 bytes (RFC 1812 4.3.2.3), so a long packet in error
is cut.
"""
from casedef import (IPV4_ID, N4, N4_6, N6, N6_V4NAME, Case, ip6, tcp, udp,
                     with_checksum_error)
from icmpdef import (R6, be32, case64, cut, err4_out, err6,
                     ext_structure, icmp6_msg, in64, in64_4, pad, rest4_pp, rest4_te,
                     rest4_unreach, rest6_len)
from scapy.layers.inet import ICMP, IP
from scapy.layers.inet6 import (ICMPv6DestUnreach, ICMPv6EchoReply,
                                ICMPv6EchoRequest, IPv6ExtHdrDestOpt,
                                IPv6ExtHdrFragment, IPv6ExtHdrHopByHop,
                                IPv6ExtHdrRouting, PadN)
from scapy.packet import Raw

R52 = "RFC 7915 5.2"
R53 = "RFC 7915 5.3"
CASES = []


def add(id, rfc, desc, send, expect, **kw):
    CASES.append(case64(id, rfc, desc, send, expect, **kw))


# The packet in error of most cases: a UDP datagram n4 sent to n6 (hop
# limit 1 at R6), quoted whole: 68 bytes, 48 in IPv4.
U = udp(33434, 40200, n=20, seed=11)
Q6 = cut(in64(U, 17))
Q4 = cut(in64_4(U, 17))

# -- 5.2: Destination Unreachable (type 1) -----------------------------------
UNREACH = {
    0: (3, 1, "no route to destination -> host unreachable"),
    1: (3, 10, "administratively prohibited -> host administratively prohibited"),
    2: (3, 1, "beyond scope of source address -> host unreachable"),
    3: (3, 1, "address unreachable -> host unreachable"),
    4: (3, 3, "port unreachable -> port unreachable"),
}
for code, (t4, c4, what) in sorted(UNREACH.items()):
    add("7915-5.2-err-unreach-%d" % code, R52,
        "destination unreachable code %d (%s): ICMPv4 type %d code %d" % (code, what, t4, c4),
        err6((1, code, rest6_len(), Q6)),
        [err4_out(t4, c4, rest4_unreach(), Q4)])
for code, what in ((5, "source address failed ingress/egress policy"), (6, "reject route"),
                   (7, "error in source routing header")):
    add("7915-5.2-err-unreach-%d" % code, R52,
        "destination unreachable code %d (%s, not listed): silently dropped" % (code, what),
        err6((1, code, rest6_len(), Q6)), [], counter="icmp-unsupported")

# -- Packet Too Big (type 2): fragmentation needed, MTU - 20 (see mtu.py) ----
add("7915-5.2-err-ptb", R52,
    "packet too big (MTU 1400): ICMPv4 type 3 code 4, next-hop MTU 1380",
    err6((2, 0, be32(1400), Q6)),
    [err4_out(3, 4, rest4_unreach(mtu=1380), Q4)])

# -- Time Exceeded (type 3): type 11, the code unchanged ---------------------
for code, what in ((0, "hop limit exceeded in transit"), (1, "fragment reassembly time exceeded")):
    add("7915-5.2-err-time-exceeded-%d" % code, R52,
        "time exceeded code %d (%s): ICMPv4 type 11 code %d" % (code, what, code),
        err6((3, code, rest6_len(), Q6)),
        [err4_out(11, code, rest4_te(), Q4)])

# -- Parameter Problem (type 4) ----------------------------------------------
FIG6 = {0: 0, 1: 1, 2: None, 3: None, 4: 2, 5: 2, 6: 9, 7: 8, 8: 12, 15: 12,
        23: 12, 24: 16, 31: 16, 39: 16, 40: None, 0x10006: None}
for ptr, p4 in sorted(FIG6.items()):
    if p4 is None:
        add("7915-5.2-err-param-ptr-%d" % ptr, R52,
            "parameter problem, pointer %d (%s): no IPv4 pointer, silently dropped"
            % (ptr, "n/a in Figure 6" if ptr < 4 else "not in Figure 6"),
            err6((4, 0, be32(ptr), Q6)), [], counter="icmp-unsupported")
    else:
        add("7915-5.2-err-param-ptr-%d" % ptr, R52,
            "parameter problem code 0, pointer %d: ICMPv4 type 12 code 0, pointer %d" % (ptr, p4),
            err6((4, 0, be32(ptr), Q6)),
            [err4_out(12, 0, rest4_pp(p4), Q4)])
add("7915-5.2-err-param-next-header", R52,
    "parameter problem code 1 (unrecognized next header, pointer 6): ICMPv4 protocol unreachable (3/2)",
    err6((4, 1, be32(6), Q6)),
    [err4_out(3, 2, rest4_unreach(), Q4)])
add("7915-5.2-err-param-next-header-40", R52,
    "parameter problem code 1 with pointer 40: protocol unreachable, the pointer is not carried",
    err6((4, 1, be32(40), Q6)),
    [err4_out(3, 2, rest4_unreach(), Q4)])
for code, what in ((2, "unrecognized IPv6 option"), (3, "not listed")):
    add("7915-5.2-err-param-code-%d" % code, R52,
        "parameter problem code %d (%s): silently dropped" % (code, what),
        err6((4, code, be32(40), Q6)), [], counter="icmp-unsupported")

# -- Unknown error messages: dropped -----------------------------------------
for typ in (5, 100, 127):
    add("7915-5.2-err-type-%d" % typ, R52,
        "unknown ICMPv6 error type %d: silently dropped" % typ,
        err6((typ, 0, bytes(4), Q6)), [], counter="icmp-unsupported")

# -- 5.3: the packet in error -------------------------------------------------
add("7915-5.3-from-host", R53,
    "port unreachable from n6 itself: outer source 198.51.100.6, inner TTL 63 untouched",
    err6((1, 4, rest6_len(), cut(in64(U, 17, hlim=63))), src=N6),
    [err4_out(3, 3, rest4_unreach(), cut(in64_4(U, 17, ttl=63)), src=N6_V4NAME)])
add("7915-5.3-outer-tc", R53,
    "outer traffic class 0x2e, hop limit 200: TOS 0x2e, TTL 199",
    err6((3, 0, rest6_len(), Q6), tc=0x2e, hlim=200),
    [err4_out(11, 0, rest4_te(), Q4, tos=0x2e, ttl=199)])
add("7915-5.3-inner-tc-hlim", R53,
    "inner traffic class 0xb8, flow label 0x12345, hop limit 0: TOS 0xb8, TTL 0",
    err6((3, 0, rest6_len(), cut(in64(U, 17, tc=0xb8, fl=0x12345, hlim=0)))),
    [err4_out(11, 0, rest4_te(), cut(in64_4(U, 17, tos=0xb8, ttl=0)))])

T = tcp(80, 40201, n=100, seed=12)
add("7915-5.3-inner-tcp", R53,
    "inner TCP (160 bytes) quoted whole: addresses translated, TCP checksum updated",
    err6((1, 4, rest6_len(), cut(in64(T, 6, hlim=62)))),
    [err4_out(3, 3, rest4_unreach(), cut(in64_4(T, 6, ttl=62)))])
add("7915-5.3-inner-tcp-8", R53,
    "inner TCP cut after 8 bytes: no checksum to update, Total Length still 140",
    err6((3, 0, rest6_len(), cut(in64(T, 6), 48))),
    [err4_out(11, 0, rest4_te(), cut(in64_4(T, 6), 28))])
add("7915-5.3-inner-tcp-cut-64", R53,
    "inner TCP cut after 64 bytes: the checksum (in the quote) is updated for the whole original",
    err6((3, 0, rest6_len(), cut(in64(T, 6), 104))),
    [err4_out(11, 0, rest4_te(), cut(in64_4(T, 6), 84))])
U2 = udp(53, 40202, n=500, seed=13)
add("7915-5.3-inner-udp-cut", R53,
    "inner UDP of 548 bytes cut to 120: checksum updated for the whole datagram, lengths kept",
    err6((1, 0, rest6_len(), cut(in64(U2, 17), 120))),
    [err4_out(3, 1, rest4_unreach(), cut(in64_4(U2, 17), 100))])
add("7915-5.3-inner-udp-bad-checksum", R53,
    "inner UDP checksum off by 0x0421: still off by 0x0421 after translation (never laundered)",
    err6((1, 4, rest6_len(), cut(with_checksum_error(in64(U, 17), 0x0421)))),
    [err4_out(3, 3, rest4_unreach(), cut(with_checksum_error(in64_4(U, 17), 0x0421)))])
E6 = ICMPv6EchoRequest(code=0, id=0x4646, seq=5, data=bytes(range(40)))
E = ICMP(type=8, code=0, id=0x4646, seq=5) / bytes(range(40))
add("7915-5.3-inner-echo", R53,
    "inner ICMPv6 echo request: ICMPv4 echo request, checksum without the pseudo-header",
    err6((3, 0, rest6_len(), cut(in64(E6, 58)))),
    [err4_out(11, 0, rest4_te(), cut(in64_4(E, 1)))])
add("7915-5.3-inner-echo-cut", R53,
    "inner ICMPv6 echo request cut after 8 bytes: type 8, checksum for the whole original",
    err6((1, 0, rest6_len(), cut(in64(E6, 58), 48))),
    [err4_out(3, 1, rest4_unreach(), cut(in64_4(E, 1), 28))])
ER6 = ICMPv6EchoReply(code=0, id=0x4647, seq=6, data=bytes(range(16)))
ER = ICMP(type=0, code=0, id=0x4647, seq=6) / bytes(range(16))
add("7915-5.3-inner-echo-reply", R53,
    "inner ICMPv6 echo reply: ICMPv4 echo reply",
    err6((1, 1, rest6_len(), cut(in64(ER6, 58)))),
    [err4_out(3, 10, rest4_unreach(), cut(in64_4(ER, 1)))])
add("7915-5.3-inner-hbh", R53,
    "inner hop-by-hop options header: removed, Total Length = Payload Length - 8 + 20",
    err6((3, 0, rest6_len(), cut(in64(IPv6ExtHdrHopByHop(nh=17) / U, 0)))),
    [err4_out(11, 0, rest4_te(), Q4)])
add("7915-5.3-inner-dest-routing", R53,
    "inner destination options and routing header (segments left 0): removed",
    err6((3, 0, rest6_len(), cut(in64(
        IPv6ExtHdrDestOpt(nh=43, options=[PadN(optdata=bytes(4))]) /
        IPv6ExtHdrRouting(nh=17, type=0, segleft=0, addresses=["2001:db8:1::1"]) / U, 60)))),
    [err4_out(11, 0, rest4_te(), Q4)])
add("7915-5.3-inner-routing-sl", R53,
    "inner routing header with segments left 1 (not translatable, RFC 7915 5.1): dropped",
    err6((3, 0, rest6_len(), cut(in64(
        IPv6ExtHdrRouting(nh=17, type=0, segleft=1, addresses=["2001:db8:1::1"]) / U, 43)))),
    [], counter="icmp-inner-unsupported")

# The packet in error is a first fragment (RFC 7915 5.1.1): MF copied from
# M, DF 0, Identification the low 16 bits of the fragment header's. The
# Identification is not the translator's choice here: only the outer one
# is masked.
UF = udp(53, 40203, n=1000, seed=14)
fq6 = cut(in64(IPv6ExtHdrFragment(nh=17, res1=0, offset=0, res2=0, m=1, id=0x12345678) / UF, 44), 128)
fq4 = IP(version=4, tos=0, id=0x5678, flags="MF", frag=0, ttl=1, proto=17, src=N4,
         dst=N6_V4NAME) / UF
CASES.append(Case(id="7915-5.3-inner-fragment", rfc=R53 + ", 5.1.1", sender="n6",
                  desc="the packet in error is a first fragment (id 0x12345678, M): MF, DF 0, id 0x5678, no fragment header",
                  send=err6((3, 1, rest6_len(), fq6)),
                  expect=[err4_out(11, 1, rest4_te(), cut(fq4, 100))], mask=(IPV4_ID,)))

# Size: an ICMPv4 error is at most 576 bytes.
UB = udp(53, 40204, n=1400, seed=15)		# 1448 bytes of IPv6, 1428 of IPv4
for total in (616, 617, 1280):
    n6 = total - 48
    n4 = min(n6 - 20, 576 - 28)
    add("7915-5.3-size-%d" % total, R53,
        "a %d-byte ICMPv6 error becomes %d bytes of IPv4 (packet in error: %d of 1428 bytes, DF set in it)"
        % (total, 28 + n4, n4),
        err6((1, 3, rest6_len(), cut(in64(UB, 17), n6))),
        [err4_out(3, 1, rest4_unreach(), cut(in64_4(UB, 17), n4))])

# Stop at the first embedded header; checksums; addresses.
inner_err = cut(in64(ICMPv6DestUnreach(code=4) / Q6, 58))
add("7915-5.3-inner-icmp-error", R53,
    "the packet in error is itself an ICMPv6 error (more embedded headers): dropped",
    err6((3, 0, rest6_len(), inner_err)), [], counter="icmp-inner-unsupported")
add("7915-5.3-checksum", R53,
    "an ICMPv6 error with a wrong checksum (off by 0x0100): dropped, not given a fresh one",
    err6((1, 4, rest6_len(), Q6, 0x0100)), [], counter="icmp-csum")
add("7915-5.3-checksum-ptb", R53,
    "a packet too big with a wrong checksum (off by 0x1234): dropped",
    err6((2, 0, be32(1400), Q6, 0x1234)), [], counter="icmp-csum")
add("7915-5.3-inner-untranslatable", R53,
    "the inner source 2001:db8:7::1 is outside pool6 and the EAMT: dropped",
    err6((1, 4, rest6_len(), cut(in64(U, 17, src="2001:db8:7::1")))),
    [], counter="icmp-inner-untranslatable")
add("7915-5.3-eam-inner", "RFC 7915 5.3, RFC 7757",
    "EAMs: outer 2001:db8:6::6 -> 2001:db8:44::4 becomes 198.51.100.6 -> 192.0.2.4, inner the reverse",
    err6((1, 4, rest6_len(), cut(in64(U, 17, hlim=9, src="2001:db8:44::4", dst="2001:db8:6::6"))),
         src="2001:db8:6::6", dst="2001:db8:44::4"),
    [err4_out(3, 3, rest4_unreach(), cut(in64_4(U, 17, ttl=9)), src=N6_V4NAME, dst=N4)],
    topo="eam-only")

# -- RFC 4884 extensions (RFC 7915 5.2, "ICMP Error Payload") ----------------
R4884 = "RFC 7915 5.2, RFC 4884"
X = ext_structure(2)
UL = udp(33434, 40205, n=300, seed=16)		# 348 bytes of IPv6
add("7915-5.3-ext-time-exceeded", R4884,
    "time exceeded, 128-byte original datagram (length 16) + extension: 108 bytes of IPv4 padded to 128, length 32",
    err6((3, 0, rest6_len(length=16), cut(in64(UL, 17), 128) + X)),
    [err4_out(11, 0, rest4_te(length=32), pad(cut(in64_4(UL, 17), 108), 128) + X)])
add("7915-5.3-ext-unreach", R4884,
    "address unreachable, 160-byte original datagram (length 20) + extension: 140 bytes of IPv4, length 35",
    err6((1, 3, rest6_len(length=20), cut(in64(UL, 17), 160) + X)),
    [err4_out(3, 1, rest4_unreach(length=35), cut(in64_4(UL, 17), 140) + X)])
add("7915-5.3-ext-short", R4884,
    "a 68-byte packet in error zero-padded to 128 (length 16) + extension: 48 bytes of IPv4 padded to 128, length 32",
    err6((3, 0, rest6_len(length=16), pad(Q6, 128) + X)),
    [err4_out(11, 0, rest4_te(length=32), pad(Q4, 128) + X)])

# -- The outer packet ----------------------------------------------------------
add("7915-5.3-outer-hbh", "RFC 7915 5.1, 5.3",
    "an ICMPv6 error behind a hop-by-hop options header: the header is removed like any packet's",
    ip6(tc=0, fl=0, hlim=64, nh=0, src=R6, dst=N4_6) / IPv6ExtHdrHopByHop(nh=58) /
    Raw(icmp6_msg(R6, N4_6, 3, 0, rest6_len(), Q6)),
    [err4_out(11, 0, rest4_te(), Q4)])
add("7915-5.3-outer-fragment", "RFC 7915 1.2, 5.3",
    "an ICMPv6 error in a fragment (M set): fragmented ICMP is not translated, dropped",
    ip6(tc=0, fl=0, hlim=64, nh=44, src=R6, dst=N4_6) /
    IPv6ExtHdrFragment(nh=58, res1=0, offset=0, res2=0, m=1, id=0x99) /
    Raw(icmp6_msg(R6, N4_6, 3, 0, rest6_len(), Q6)), [], counter="fragment")
add("7915-5.3-inner-truncated", R53,
    "a packet in error of 30 bytes (no whole IPv6 header): cannot be translated, dropped",
    err6((3, 0, rest6_len(), Q6[:30])), [], counter="icmp-inner-invalid")
add("7915-5.3-inner-echo-fragment", "RFC 7915 1.2, 5.3",
    "the packet in error is a fragment of an ICMPv6 echo (M): fragmented ICMP is not translated, dropped",
    err6((3, 0, rest6_len(), cut(in64(IPv6ExtHdrFragment(nh=58, res1=0, offset=0, res2=0, m=1, id=7) /
                                      E6, 44), 64))), [],
    counter="icmp-inner-unsupported")
