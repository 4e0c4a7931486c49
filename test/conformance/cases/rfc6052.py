# SPDX-License-Identifier: GPL-2.0
"""
RFC 6052 2.2 (the IPv4-embedded address format), 2.3 (the algorithms) and
2.4 (the examples): pool6 of each of the six lengths, both directions.

Each length runs in its own topology, with the Network-Specific Prefix of
the example table of RFC 6052 2.4; the IPv4 host is that table's
192.0.2.33, whose IPv6 names below are the table's, written out by hand.
"""
from casedef import (N6_V4NAME, Topo, c46, c64, ip4, ip6, rfc6052_embed, udp)

N4 = "192.0.2.33"
# RFC 6052 2.4: prefix -> the IPv4-embedded IPv6 address of 192.0.2.33.
TABLE = (
    ("2001:db8::/32", "2001:db8:c000:221::"),
    ("2001:db8:100::/40", "2001:db8:1c0:2:21::"),
    ("2001:db8:122::/48", "2001:db8:122:c000:2:2100::"),
    ("2001:db8:122:300::/56", "2001:db8:122:3c0:0:221::"),
    ("2001:db8:122:344::/64", "2001:db8:122:344:c0:2:2100:0"),
    ("2001:db8:122:344::/96", "2001:db8:122:344::c000:221"),
)

TOPOLOGIES = {}
CASES = []

for prefix, n4_6 in TABLE:
    plen = int(prefix.split("/")[1])
    topo = "rfc6052-%d" % plen
    TOPOLOGIES[topo] = Topo(pool6=prefix)
    # The helper is checked against the table, then names the IPv6 host.
    assert rfc6052_embed(prefix, N4) == n4_6, prefix
    n6 = rfc6052_embed(prefix, N6_V4NAME)
    sec = "RFC 6052 2.2, 2.4"

    def v6(src, dst, hlim=64):
        return ip6(tc=0, fl=0, hlim=hlim, nh=17, src=src, dst=dst)

    def v4(src, dst, ttl, df):
        return ip4(tos=0, id=0 if not df else 0x2222, flags="DF" if df else 0,
                   frag=0, ttl=ttl, proto=17, src=src, dst=dst)

    u = udp(41000 + plen, 53, n=12, seed=plen)
    CASES.append(c64(
        "6052-2.2-len%d-64" % plen, sec,
        "/%d: %s -> %s becomes %s -> %s" % (plen, n6, n4_6, N6_V4NAME, N4),
        v6(n6, n4_6) / u, [v4(N6_V4NAME, N4, 63, False) / u], topo=topo))
    u = udp(53, 41000 + plen, n=12, seed=plen + 1)
    CASES.append(c46(
        "6052-2.2-len%d-46" % plen, sec,
        "/%d: %s -> %s becomes %s -> %s" % (plen, N4, N6_V4NAME, n4_6, n6),
        v4(N4, N6_V4NAME, 64, True) / u, [v6(n4_6, n6, hlim=63) / u], topo=topo))
    if plen == 96:
        continue
    # RFC 6052 2.3: extraction takes the 32 bits after the prefix, skipping
    # bits 64-71 (u); the suffix after the IPv4 address is not looked at.
    odd = rfc6052_embed(prefix, N4, suffix=0xa5)
    u = udp(41100 + plen, 53, n=12, seed=plen + 2)
    CASES.append(c64(
        "6052-2.3-len%d-suffix" % plen, "RFC 6052 2.3",
        "/%d: a destination with suffix bits set (%s) still means %s" % (plen, odd, N4),
        v6(n6, odd) / u, [v4(N6_V4NAME, N4, 63, False) / u], topo=topo))
    odd = rfc6052_embed(prefix, N4, u=0x5a)
    u = udp(41200 + plen, 53, n=12, seed=plen + 3)
    CASES.append(c64(
        "6052-2.3-len%d-u-octet" % plen, "RFC 6052 2.3",
        "/%d: bits 64-71 (u) are skipped on extraction: %s means %s" % (plen, odd, N4),
        v6(n6, odd) / u, [v4(N6_V4NAME, N4, 63, False) / u], topo=topo))
