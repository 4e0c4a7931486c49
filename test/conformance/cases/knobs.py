# SPDX-License-Identifier: GPL-2.0
"""
The traffic class / TOS knobs of RFC 7915:

4.1: "An implementation of a translator SHOULD support an administratively
configurable option to ignore the IPv4 TOS and always set the IPv6 Traffic
Class (TC) to zero" (zeroize-traffic-class).
5.1: "... SHOULD provide the ability to ignore the IPv6 traffic class and
always set the IPv4 TOS Octet to a specified value" (override-tos, tos).
"""
from casedef import N4, N4_6, N6, N6_V4NAME, c46, c64, ip4, ip6, udp

CASES = []
ZERO = {"zeroize-traffic-class": "true"}


def in4(tos):
    return ip4(tos=tos, id=0x5151, flags="DF", frag=0, ttl=64, proto=17, src=N4, dst=N6_V4NAME)


def out6(tc):
    return ip6(tc=tc, fl=0, hlim=63, nh=17, src=N4_6, dst=N6)


def in6(tc):
    return ip6(tc=tc, fl=0, hlim=64, nh=17, src=N6, dst=N4_6)


def out4(tos):
    # id=0 is a placeholder: the Identification is masked (IPV4_ID).
    return ip4(tos=tos, id=0, flags=0, frag=0, ttl=63, proto=17, src=N6_V4NAME, dst=N4)


for tos in (0xb9, 0x03):
    u = udp(53, 43000 + tos, n=8)
    CASES.append(c46("7915-4.1-zeroize-tc-%02x" % tos, "RFC 7915 4.1",
                     "zeroize-traffic-class: TOS 0x%02x becomes traffic class 0" % tos,
                     in4(tos) / u, [out6(0) / u], globals=ZERO))
u = udp(43010, 53, n=8)
CASES.append(c64("7915-5.1-zeroize-tc-ignored", "RFC 7915 5.1",
                 "zeroize-traffic-class does not touch IPv6 -> IPv4: traffic class 0xb9 is copied",
                 in6(0xb9) / u, [out4(0xb9) / u], globals=ZERO))

for tc, tos in ((0xb8, 42), (0xff, 0), (0x00, 0xfe)):
    u = udp(43020 + tc, 53, n=8)
    CASES.append(c64("7915-5.1-override-tos-%d-tc-%02x" % (tos, tc), "RFC 7915 5.1",
                     "override-tos with tos %d: traffic class 0x%02x becomes TOS %d" % (tos, tc, tos),
                     in6(tc) / u, [out4(tos) / u],
                     globals={"override-tos": "true", "tos": tos}))
u = udp(43030, 53, n=8)
CASES.append(c64("7915-5.1-tos-set-not-overridden", "RFC 7915 5.1",
                 "tos 42 without override-tos: the traffic class (0x48) is still copied",
                 in6(0x48) / u, [out4(0x48) / u], globals={"tos": 42}))
u = udp(53, 43040, n=8)
CASES.append(c46("7915-4.1-override-tos-ignored", "RFC 7915 4.1",
                 "override-tos does not touch IPv4 -> IPv6: TOS 0x48 is copied",
                 in4(0x48) / u, [out6(0x48) / u],
                 globals={"override-tos": "true", "tos": 42}))
