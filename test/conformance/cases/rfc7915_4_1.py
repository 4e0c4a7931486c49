# SPDX-License-Identifier: GPL-2.0
"""
RFC 7915 4.1: translating IPv4 headers into IPv6 headers.

The IPv4 host 192.0.2.4 sends to 198.51.100.6, the IPv4 name of the IPv6
host 64:ff9b::198.51.100.6; the source becomes 64:ff9b::192.0.2.4. No
Fragment Header is added: the packets are not fragments, and those with
DF=0 fit in 1280 bytes of IPv6.
"""
from casedef import N4, N4_6, N6, N6_V4NAME, c46, ip4, ip6, payload, udp
from scapy.layers.inet import (IP, IPOption_EOL, IPOption_NOP, IPOption_RR,
                               IPOption_Timestamp)

R = "RFC 7915 4.1"
CASES = []


def v4(proto, tos=0, id=0x3c5a, flags="DF", ttl=64, options=None):
    return ip4(tos=tos, id=id, flags=flags, frag=0, ttl=ttl, proto=proto,
               src=N4, dst=N6_V4NAME, options=options)


def v6(nh, tc=0, hlim=63):
    return ip6(tc=tc, fl=0, hlim=hlim, nh=nh, src=N4_6, dst=N6)


def add(name, desc, send, expect, rfc=R, **kw):
    CASES.append(c46("7915-4.1-" + name, rfc, desc, send, expect, **kw))


u = udp(53, 40000, n=20)
add("basic-udp",
    "version 6, traffic class = TOS, flow label 0, Payload Length = Total Length - 20, next header 17, hop limit = TTL - 1, addresses",
    v4(17) / u, [v6(17) / u])

for tos in (0x01, 0x02, 0x03, 0x20, 0xb8, 0xb9, 0xfc, 0xff):
    u = udp(53, 40001, n=8, seed=tos)
    add("tc-%02x" % tos, "TOS 0x%02x is copied to the traffic class" % tos,
        v4(17, tos=tos) / u, [v6(17, tc=tos) / u])

# DF and Identification: neither has an IPv6 counterpart when no Fragment
# Header is needed.
u = udp(53, 40002, n=8)
add("df0-small", "DF=0, ID 0x1234, small: no Fragment Header, the ID is not carried",
    v4(17, id=0x1234, flags=0) / u, [v6(17) / u])
u = udp(53, 40003, n=1232, seed=1)
add("df0-1260", "DF=0, 1260 bytes: 1280 bytes of IPv6 (the minimum MTU), no Fragment Header",
    v4(17, id=0x4321, flags=0) / u, [v6(17) / u])
u = udp(53, 40004, n=1452, seed=2)
add("df1-1480", "DF=1, 1480 bytes: 1500 bytes of IPv6, no Fragment Header",
    v4(17, id=0xffff, flags="DF") / u, [v6(17) / u])

# IPv4 options are ignored (the IPv6 header replaces the whole IPv4 header).
u = udp(53, 40005, n=12)
for name, opts, what in (
        ("options-nop", [IPOption_NOP(), IPOption_NOP(), IPOption_NOP(), IPOption_EOL()],
         "4 bytes of NOP/EOL"),
        ("options-rr", [IPOption_RR(routers=["0.0.0.0", "0.0.0.0"]), IPOption_EOL()],
         "a record route option (which the router fills in)"),
        ("options-ts", [IPOption_Timestamp(pointer=5, flg=0, timestamp=0), IPOption_EOL()],
         "a timestamp option"),
        ("options-40", [IPOption_NOP()] * 39 + [IPOption_EOL()],
         "40 bytes of options (IHL 15)")):
    add(name, "%s: ignored, not in the IPv6 packet" % what,
        v4(17, options=opts) / u, [v6(17) / u])

# Protocol: copied (1 -> 58 is in 7915-4.2).
for proto, what, body in (
        (253, "experimental protocol 253", payload(24, 3)),
        (132, "SCTP", payload(36, 4)),
        (33, "DCCP (its checksum is not updated: optional, RFC 7915 4.5)", payload(24, 5)),
        (47, "GRE", payload(28, 6))):
    add("proto-%d" % proto, "%s: next header %d, payload untouched" % (what, proto),
        v4(proto) / body, [v6(proto) / body])

# ICMPv6 (58) has no rule from IPv4: copied, it would reach IPv6 as ICMPv6
# that was never translated (4.2, 4.3). Dropped and answered (4.4: it is
# not an ICMPv4 error).
echo6 = bytes.fromhex("8000000000070001") + bytes(payload(24, 7))
add("proto-58", "ICMPv6 (58) inside IPv4: dropped, not copied, ICMPv4 3/13 back",
    v4(58) / echo6, [], counter="proto-untranslatable", icmp_sent=True)

# Hop Limit: the translator is one router hop.
for ttl in (2, 128, 255):
    u = udp(53, 40020, n=4, seed=ttl)
    add("ttl-%d" % ttl, "TTL %d arrives as hop limit %d (one hop)" % (ttl, ttl - 1),
        v4(17, ttl=ttl) / u, [v6(17, hlim=ttl - 1) / u])
for ttl in (1, 0):
    u = udp(53, 40021, n=4, seed=ttl)
    add("ttl-%d" % ttl, "TTL %d is not forwarded (time exceeded, no translation)" % ttl,
        v4(17, ttl=ttl) / u, [], kernel_counter="Ip.InHdrErrors")

# A bad IPv4 header checksum: the kernel drops the packet on input, before
# routing, so it never reaches the translator (whose own check, counter
# hdr4-invalid, is for locally generated packets).
u = udp(53, 40030, n=8)
bad = v4(17) / u
bad[0].chksum = IP(bytes(bad)).chksum ^ 0x0100
add("hdr-checksum", "an IPv4 header with a wrong checksum is not translated",
    bad, [], kernel_counter="IpExt.InCsumErrors")
