# SPDX-License-Identifier: GPL-2.0
"""
RFC 7915 4.2: translating ICMPv4 headers into ICMPv6 headers (the
informational messages; errors are not covered yet).

Echo/Echo Reply (8/0) become 128/129; the checksum is adjusted for the type
change and to include the ICMPv6 pseudo-header. Information Request/Reply,
Timestamp, Address Mask, Router Advertisement/Solicitation and unknown types
are silently dropped, and so should IGMP be.
"""
from casedef import (N4, N4_6, N6, N6_V4NAME, c46, correct_checksum, inet_checksum, ip4,
                     ip6, oc_add, with_checksum_error)
from scapy.layers.inet import ICMP
from scapy.layers.inet6 import ICMPv6EchoReply, ICMPv6EchoRequest
from scapy.packet import Raw

R = "RFC 7915 4.2"
CASES = []


def v4(proto=1, ttl=64):
    return ip4(tos=0, id=0x7e57, flags="DF", frag=0, ttl=ttl, proto=proto,
               src=N4, dst=N6_V4NAME)


def v6(hlim=63):
    return ip6(tc=0, fl=0, hlim=hlim, nh=58, src=N4_6, dst=N6)


def add(name, desc, send, expect, **kw):
    CASES.append(c46("7915-4.2-" + name, R, desc, send, expect, **kw))


def data(n, seed=0):
    return bytes((seed + 5 * i) & 0xff for i in range(n))


for name, n in (("echo-request", 56), ("echo-request-empty", 0),
                ("echo-request-odd", 13), ("echo-request-1000", 1000)):
    d = data(n, n)
    add(name, "echo (%d data bytes) -> ICMPv6 type 128 code 0, id/seq/data kept, pseudo-header in the checksum" % n,
        v4() / ICMP(type=8, code=0, id=0x0bad, seq=n + 1) / d,
        [v6() / ICMPv6EchoRequest(code=0, id=0x0bad, seq=n + 1, data=d)])
d = data(56, 1)
add("echo-reply", "echo reply -> ICMPv6 type 129 code 0, id/seq/data kept",
    v4() / ICMP(type=0, code=0, id=0xcafe, seq=0) / d,
    [v6() / ICMPv6EchoReply(code=0, id=0xcafe, seq=0, data=d)])

d = data(40, 2)
good_out = v6() / ICMPv6EchoRequest(code=0, id=9, seq=10, data=d)
bad_out = good_out.copy()
bad_out[ICMPv6EchoRequest].cksum = oc_add(correct_checksum(good_out), 0x0101)
add("echo-bad-checksum", "an echo with a wrong checksum keeps the same error (not fixed, not dropped)",
    with_checksum_error(v4() / ICMP(type=8, code=0, id=9, seq=10) / d, 0x0101),
    [bad_out])

for typ, what in ((9, "router advertisement"), (10, "router solicitation"),
                  (13, "timestamp"), (14, "timestamp reply"),
                  (15, "information request"), (16, "information reply"),
                  (17, "address mask request"), (18, "address mask reply"),
                  (253, "unknown type (253)")):
    add("type-%d" % typ, "ICMPv4 %s (type %d): silently dropped" % (what, typ),
        v4() / ICMP(type=typ, code=0) / Raw(data(12, typ)), [],
        counter="icmp-unsupported")

# An IGMPv2 membership report for 239.192.0.1, checksum filled in.
IGMP_REPORT = bytearray.fromhex("16000000efc00001")
IGMP_REPORT[2:4] = inet_checksum(IGMP_REPORT).to_bytes(2, "big")
IGMP_REPORT = bytes(IGMP_REPORT)
add("igmp", "IGMP (protocol 2) is single-hop: silently dropped, not sent as next header 2",
    v4(proto=2) / Raw(IGMP_REPORT), [],
    counter="icmp-unsupported")
