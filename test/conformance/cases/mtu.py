# SPDX-License-Identifier: GPL-2.0
"""
Path MTU across the translator: the MTU of fragmentation needed / packet
too big errors.

RFC 7915 4.2, ICMPv4 fragmentation needed (3/4) -> ICMPv6 packet too big
(2/0): the MTU "MUST NOT be set to a value smaller than the minimum IPv6
MTU of 1280 octets", that is maximum(1280, minimum(advertised MTU + 20,
MTU_of_IPv6_nexthop, MTU_of_IPv4_nexthop + 20)). An advertised MTU of 0 (a
router older than RFC 1191) is replaced by "the greatest plateau value that
is less than the returned Total Length field, but that is larger than or
equal to 1280" (RFC 1191 7.1's table, "mtu-plateaus"); with no such
plateau, maximum(1280, ...) leaves 1280.

RFC 7915 5.2, ICMPv6 packet too big -> ICMPv4 fragmentation needed:
minimum(advertised MTU - 20, MTU_of_IPv4_nexthop, MTU_of_IPv6_nexthop - 20).
The ICMPv4 field is 16 bits wide (RFC 1191 4); the IPv4 next hop's MTU
keeps the result within it.

The next hops are the translator's links: x6 (IPv6) and x4 (IPv4), with
jool0 at the same MTU. Topologies: every link at 1500 (the default), every
link at 9000 ("mtu-jumbo", so that the arithmetic is seen unclamped), the
IPv6 link at 1400 ("mtu-small6"), the IPv4 link at 1300 ("mtu-small4").
"""
from casedef import Topo, udp
from icmpdef import (be32, case46, case64, cut, err4, err4_out, err6, err6_out,
                     icmp4_msg, in46, in46_6, in64, in64_4, rest4_unreach)

TOPOLOGIES = {
    "mtu-jumbo": Topo(mtu={"x6": 9000, "x4": 9000, "jool0": 9000}),
    "mtu-small6": Topo(mtu={"x6": 1400}),
    "mtu-small4": Topo(mtu={"x4": 1300}),
}
R42 = "RFC 7915 4.2"
R52 = "RFC 7915 5.2"
CASES = []


def q46(total):
    """A UDP datagram of total bytes n6 sent (DF), quoted: 28 bytes, 48 in IPv6."""
    u = udp(40400, 9, n=total - 28, seed=total & 0xff)
    return cut(in46(u, 17), 28), cut(in46_6(u, 17), 48)


def fn(name, desc, adv, total, mtu6, topo="wkp", globals=None, rfc=R42):
    """ICMPv4 fragmentation needed (advertised MTU adv) -> packet too big mtu6."""
    q4, q6 = q46(total)
    CASES.append(case46("7915-4.2-mtu-" + name, rfc, desc,
                        err4(icmp4_msg(3, 4, rest4_unreach(mtu=adv), q4)),
                        [err6_out(2, 0, be32(mtu6), q6)], topo=topo,
                        globals=globals or {}))


for adv, mtu6, why in ((1400, 1420, "+20"), (1480, 1500, "+20"), (1280, 1300, "+20"),
                       (1261, 1281, "+20"), (1260, 1280, "+20"),
                       (1259, 1280, "1279 raised to the IPv6 minimum"),
                       (1006, 1280, "raised to 1280"), (576, 1280, "raised to 1280"),
                       (68, 1280, "raised to 1280")):
    fn("%d" % adv, "fragmentation needed, MTU %d: packet too big, MTU %d (%s)" % (adv, mtu6, why),
       adv, 1500, mtu6)
fn("1492", "MTU 1492: 1512 is more than the IPv6 next hop's 1500: packet too big, MTU 1500",
   1492, 1500, 1500)
fn("1500", "MTU 1500: 1520 clamped to the IPv6 next hop's 1500",
   1500, 1600, 1500)
fn("65535", "MTU 65535: clamped to the IPv6 next hop's 1500",
   65535, 1500, 1500)
fn("jumbo-1492", "links at 9000: MTU 1492 becomes 1512", 1492, 1500, 1512, topo="mtu-jumbo")
fn("jumbo-4000", "links at 9000: MTU 4000 becomes 4020", 4000, 8000, 4020, topo="mtu-jumbo")
fn("jumbo-8980", "links at 9000: MTU 8980 becomes 9000", 8980, 9000, 9000, topo="mtu-jumbo")
fn("jumbo-9000", "links at 9000: MTU 9000 + 20 clamped to the IPv6 next hop's 9000",
   9000, 9000, 9000, topo="mtu-jumbo")
fn("small6-1480", "IPv6 link at 1400: MTU 1480 (1500) clamped to 1400", 1480, 1500, 1400,
   topo="mtu-small6")
fn("small6-1300", "IPv6 link at 1400: MTU 1300 becomes 1320, below the link's MTU",
   1300, 1500, 1320, topo="mtu-small6")
fn("small4-1400", "IPv4 link at 1300: MTU 1400 (1420) clamped to 1300 + 20",
   1400, 1500, 1320, topo="mtu-small4")

# MTU 0: the plateaus (RFC 1191 7.1 table by default).
RP = "RFC 7915 4.2, RFC 1191 5"
fn("plateau-1500", "MTU 0, Total Length 1500: plateau 1492 -> 1512, clamped to the IPv6 next hop's 1500",
   0, 1500, 1500, rfc=RP)
fn("plateau-jumbo-1500", "links at 9000, MTU 0, Total Length 1500: plateau 1492, packet too big 1512",
   0, 1500, 1512, topo="mtu-jumbo", rfc=RP)
fn("plateau-jumbo-1492", "links at 9000, MTU 0, Total Length 1492: plateau less than it and >= 1280: none, 1280",
   0, 1492, 1280, topo="mtu-jumbo", rfc=RP)
fn("plateau-jumbo-4000", "links at 9000, MTU 0, Total Length 4000: plateau 2002, packet too big 2022",
   0, 4000, 2022, topo="mtu-jumbo", rfc=RP)
fn("plateau-jumbo-8166", "links at 9000, MTU 0, Total Length 8166: plateau 4352 (less than, not equal), 4372",
   0, 8166, 4372, topo="mtu-jumbo", rfc=RP)
fn("plateau-jumbo-9000", "links at 9000, MTU 0, Total Length 9000: plateau 8166, packet too big 8186",
   0, 9000, 8186, topo="mtu-jumbo", rfc=RP)
fn("plateau-576", "MTU 0, Total Length 576: no plateau of 1280 or more below it: 1280",
   0, 576, 1280, rfc=RP)
CUSTOM = {"mtu-plateaus": "1400,1300"}
fn("plateau-custom-1450", "mtu-plateaus 1400,1300, MTU 0, Total Length 1450: plateau 1400, 1420",
   0, 1450, 1420, globals=CUSTOM, rfc=RP)
fn("plateau-custom-1400", "mtu-plateaus 1400,1300, MTU 0, Total Length 1400: plateau 1300, 1320",
   0, 1400, 1320, globals=CUSTOM, rfc=RP)
fn("plateau-custom-1300", "mtu-plateaus 1400,1300, MTU 0, Total Length 1300: no plateau, 1280",
   0, 1300, 1280, globals=CUSTOM, rfc=RP)
fn("plateau-not-used", "mtu-plateaus 1400,1300, MTU 1350 (not 0): the plateaus are not used, 1370",
   1350, 1450, 1370, globals=CUSTOM, rfc=RP)


def q64(plen):
    """A UDP datagram n4 sent (payload length plen), quoted: 48 bytes, 28 in IPv4."""
    u = udp(9, 40401, n=plen - 8, seed=plen & 0xff)
    return cut(in64(u, 17), 48), cut(in64_4(u, 17), 28)


def ptb(name, desc, adv, mtu4, topo="wkp", plen=1460):
    q6, q4 = q64(plen)
    CASES.append(case64("7915-5.2-mtu-" + name, R52, desc,
                        err6((2, 0, be32(adv), q6)),
                        [err4_out(3, 4, rest4_unreach(mtu=mtu4), q4)], topo=topo))


for adv, mtu4 in ((1280, 1260), (1300, 1280), (1400, 1380), (1500, 1480)):
    ptb("%d" % adv, "packet too big, MTU %d: fragmentation needed, MTU %d (-20)" % (adv, mtu4),
        adv, mtu4)
ptb("1000", "MTU 1000 (below the IPv6 minimum, sent anyway): 980, the RFC has no floor here",
    1000, 980, plen=1000)
ptb("9000", "MTU 9000: 8980 clamped to the IPv4 next hop's 1500 and the IPv6 one's 1480",
    9000, 1480)
ptb("70000", "MTU 70000 (more than 16 bits): clamped to 1480", 70000, 1480)
ptb("jumbo-9000", "links at 9000: MTU 9000 becomes 8980", 9000, 8980, topo="mtu-jumbo", plen=8960)
ptb("jumbo-4000", "links at 9000: MTU 4000 becomes 3980", 4000, 3980, topo="mtu-jumbo", plen=5000)
ptb("jumbo-70000", "links at 9000: MTU 70000 clamped to 9000 - 20", 70000, 8980, topo="mtu-jumbo",
    plen=8960)
ptb("small4-1500", "IPv4 link at 1300: MTU 1500 (1480) clamped to 1300", 1500, 1300,
    topo="mtu-small4")
ptb("small4-1300", "IPv4 link at 1300: MTU 1300 becomes 1280", 1300, 1280, topo="mtu-small4")
ptb("small6-1500", "IPv6 link at 1400: MTU 1500 (1480) clamped to 1400 - 20", 1500, 1380,
    topo="mtu-small6")
