# SPDX-License-Identifier: GPL-2.0
"""
RFC 7915 5.1: translating IPv6 headers into IPv4 headers.

The IPv6 host N6 (64:ff9b::198.51.100.6) sends to the IPv4 host 192.0.2.4,
which it names 64:ff9b::192.0.2.4. The translator is one router hop: a
hop limit of H arrives as a TTL of H - 1.
"""
from casedef import (N4, N4_6, N6, N6_V4NAME, c64, ip4, ip6, payload, tcp,
                     udp)
from scapy.layers.inet6 import (IPv6ExtHdrDestOpt, IPv6ExtHdrHopByHop,
                                IPv6ExtHdrRouting, IPv6ExtHdrSegmentRouting,
                                HBHOptUnknown, ICMPv6EchoRequest, PadN,
                                RouterAlert)
from scapy.layers.inet import ICMP

R = "RFC 7915 5.1"
CASES = []


def v6(nh, tc=0, fl=0, hlim=64, src=N6, dst=N4_6):
    return ip6(tc=tc, fl=fl, hlim=hlim, nh=nh, src=src, dst=dst)


def v4(proto, tos=0, flags=0, ttl=63, src=N6_V4NAME, dst=N4):
    # id=0 is a placeholder: the Identification is masked (IPV4_ID).
    return ip4(tos=tos, id=0, flags=flags, frag=0, ttl=ttl, proto=proto,
               src=src, dst=dst)


def add(name, desc, send, expect, rfc=R, **kw):
    CASES.append(c64("7915-5.1-" + name, rfc, desc, send, expect, **kw))


u = udp(40000, 53, n=20)
add("basic-udp",
    "version 4, IHL 5, TOS 0, Total Length = Payload Length + 20, DF 0, TTL = hop limit - 1, protocol 17, checksum, addresses",
    v6(17) / u, [v4(17) / u])

# Type of Service: copied from the Traffic Class, all 8 bits (DSCP and ECN).
for tc in (0x01, 0x02, 0x03, 0x20, 0xb8, 0xb9, 0xfc, 0xff):
    u = udp(40001, 53, n=8, seed=tc)
    add("tos-%02x" % tc, "traffic class 0x%02x is copied to the TOS octet" % tc,
        v6(17, tc=tc) / u, [v4(17, tos=tc) / u])

u = udp(40002, 53, n=8)
add("flow-label", "the flow label (0xabcde) has no IPv4 counterpart and is dropped",
    v6(17, tc=0, fl=0xabcde) / u, [v4(17) / u])

# Don't Fragment: 0 when the IPv4 packet is at most 1260 bytes, else 1.
for total, df in ((29, 0), (1259, 0), (1260, 0), (1261, 1), (1280, 1), (1480, 1)):
    u = udp(40003, 9, n=total - 28, seed=total)
    add("df-%d" % total, "a %d-byte IPv4 result gets DF=%d (threshold 1260)" % (total, df),
        v6(17) / u, [v4(17, flags="DF" if df else 0) / u])
# The threshold is about the IPv4 packet, extension headers are not in it.
u = udp(40004, 9, n=1232)
add("df-1260-exthdr", "1288-byte IPv6 packet with an 8-byte extension header: 1260 bytes of IPv4, DF=0",
    v6(0) / IPv6ExtHdrHopByHop(nh=17) / u, [v4(17) / u])

# Protocol: the first next header that is not skipped is copied (58 -> 1
# is in 7915-5.2); payloads the translator does not know pass unchanged.
for proto, what, body in (
        (253, "experimental protocol 253", payload(24, 3)),
        (132, "SCTP", payload(36, 4)),
        (33, "DCCP (its checksum is not updated: optional, RFC 7915 5.5)", payload(24, 5)),
        (50, "ESP", payload(40, 6)),
        (51, "AH (an IPv6 extension header the translator does not skip)", payload(24, 7)),
        (59, "No Next Header, empty payload", b"")):
    add("proto-%d" % proto, "%s: protocol %d copied, payload untouched" % (what, proto),
        v6(proto) / body, [v4(proto) / body])

# ICMPv4 (1) and IGMP (2) have no rule from IPv6: copied, ICMPv4 would reach
# IPv4 as ICMPv4 that was never translated (5.2, 5.3); IGMP means nothing in
# IPv6. Dropped and answered (5.4: not ICMPv6 messages).
echo4 = bytes(ICMP(type=8, code=0, id=7, seq=1) / payload(24, 8))
add("proto-1", "ICMPv4 (1) inside IPv6: dropped, not copied, ICMPv6 1/1 back",
    v6(1) / echo4, [], counter="proto-untranslatable", icmp_sent=True)
add("proto-2", "IGMP (2) inside IPv6: dropped, not copied, ICMPv6 1/1 back",
    v6(2) / bytes.fromhex("16000000efc00001"), [],
    counter="proto-untranslatable", icmp_sent=True)
add("proto-1-dest", "ICMPv4 behind destination options: dropped, ICMPv6 1/1 back",
    v6(60) / IPv6ExtHdrDestOpt(nh=1, options=[PadN(optdata=b"\0\0\0\0")]) / echo4, [],
    counter="proto-untranslatable", icmp_sent=True)

# Hop-by-hop, destination options and routing headers with Segments Left 0
# are skipped; Total Length and Protocol are adjusted.
u = udp(40010, 53, n=16)
add("ext-hbh", "a hop-by-hop options header (PadN) is removed",
    v6(0) / IPv6ExtHdrHopByHop(nh=17, options=[PadN(optdata=b"\0\0\0\0")]) / u,
    [v4(17) / u])
add("ext-dest", "a destination options header is removed",
    v6(60) / IPv6ExtHdrDestOpt(nh=17, options=[PadN(optdata=b"\0\0\0\0")]) / u,
    [v4(17) / u])
add("ext-routing-sl0", "a type 0 routing header with Segments Left 0 is removed",
    v6(43) / IPv6ExtHdrRouting(nh=17, type=0, segleft=0, addresses=["2001:db8:1::1"]) / u,
    [v4(17) / u])
add("ext-srh-sl0", "a segment routing header (type 4) with Segments Left 0 is removed",
    v6(43) / IPv6ExtHdrSegmentRouting(nh=17, segleft=0, lastentry=0, addresses=[N4_6]) / u,
    [v4(17) / u])
add("ext-hbh-router-alert", "a hop-by-hop header with a router alert option is removed",
    v6(0) / IPv6ExtHdrHopByHop(nh=17, options=[RouterAlert(value=0), PadN(optdata=b"")]) / u,
    [v4(17) / u])
add("ext-dest-unknown-option", "a destination options header with an unknown (skippable) option is removed",
    v6(60) / IPv6ExtHdrDestOpt(nh=17, options=[HBHOptUnknown(otype=0x1e, optdata=b"\x01\x02\x03\x04")]) / u,
    [v4(17) / u])
long_opt = IPv6ExtHdrDestOpt(nh=43, options=[PadN(optdata=bytes(20))])
add("ext-chain", "hop-by-hop, destination options, routing (SL 0), destination options: all removed",
    v6(0) / IPv6ExtHdrHopByHop(nh=60) / long_opt /
    IPv6ExtHdrRouting(nh=60, type=0, segleft=0, addresses=["2001:db8:1::1", "2001:db8:1::2"]) /
    IPv6ExtHdrDestOpt(nh=17) / u,
    [v4(17) / u])
t = tcp(40011, 80, n=33, seed=9)
add("ext-hbh-tcp", "hop-by-hop then TCP: header removed, TCP checksum without it",
    v6(0) / IPv6ExtHdrHopByHop(nh=6) / t, [v4(6) / t])
add("ext-dest-icmp", "destination options then ICMPv6 echo: ICMPv4 echo, checksum over the ICMP message only",
    v6(60) / IPv6ExtHdrDestOpt(nh=58) / ICMPv6EchoRequest(id=0x4242, seq=7, data=bytes(range(32))),
    [v4(1) / ICMP(type=8, code=0, id=0x4242, seq=7) / bytes(range(32))])

# A routing header with Segments Left > 0 must not be translated.
add("ext-routing-sl1", "a type 0 routing header with Segments Left 1 is not translated",
    v6(43) / IPv6ExtHdrRouting(nh=17, type=0, segleft=1, addresses=["2001:db8:1::1"]) / u,
    [], counter="ext6-unsupported", icmp_sent=True)
add("ext-srh-sl1", "a segment routing header with Segments Left 1 is not translated",
    v6(43) / IPv6ExtHdrSegmentRouting(nh=17, segleft=1, lastentry=1,
                                      addresses=["2001:db8:1::1", N4_6]) / u,
    [], counter="ext6-unsupported", icmp_sent=True)
add("ext-hbh-routing-sl2", "hop-by-hop then a routing header with Segments Left 2: not translated",
    v6(0) / IPv6ExtHdrHopByHop(nh=43) /
    IPv6ExtHdrRouting(nh=17, type=0, segleft=2, addresses=["2001:db8:1::1", "2001:db8:1::2"]) / u,
    [], counter="ext6-unsupported", icmp_sent=True)

# Time to Live: the translator is a router and decrements once.
for hl in (2, 128, 255):
    u = udp(40020, 53, n=4, seed=hl)
    add("ttl-%d" % hl, "hop limit %d arrives as TTL %d (one hop)" % (hl, hl - 1),
        v6(17, hlim=hl) / u, [v4(17, ttl=hl - 1) / u])
for hl in (1, 0):
    u = udp(40021, 53, n=4, seed=hl)
    add("ttl-%d" % hl, "hop limit %d is not forwarded (time exceeded, no translation)" % hl,
        v6(17, hlim=hl) / u, [], kernel_counter="Ip6InHdrErrors")

# Addresses with no mapping (RFC 7915 5.1, Source and Destination Address;
# RFC 6052 / RFC 7757 define the mappings).
u = udp(40030, 53, n=8)
add("src-untranslatable",
    "a source outside pool6 (2001:db8:6::6, no EAM) cannot be translated: dropped",
    v6(17, src="2001:db8:6::6") / u, [], counter="src6-untranslatable", icmp_sent=True)
add("dst-untranslatable",
    "a destination routed into jool0 but outside pool6 (2001:db8:99::1): dropped",
    v6(17, dst="2001:db8:99::1") / u, [], counter="dst6-untranslatable",
    topo="wkp-foreign", icmp_sent=True)
