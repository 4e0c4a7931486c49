# SPDX-License-Identifier: GPL-2.0
"""
denylist4 (Jool's SIIT behaviour; RFC 6052 4 and RFC 7915 leave the policy
to the operator): an IPv4 address that pool6 would translate is not
translated when denylist4 lists it, or when an implicit rule forbids it
(0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16, 224.0.0.0/4, 255.255.255.255/32).
Such a packet is dropped and counted as "denylisted", in both directions,
for sources and destinations alike; EAM translations are not affected.

There is no RFC text to quote for the list itself: RFC 6052 leaves to the
operator which IPv4 addresses an RFC 6052 prefix represents, and the
implicit ranges are RFC 6890 special-purpose blocks that are never an IPv4
host on the far side of a translator. The expected behaviour is Jool's
(its "denylist4" documentation), which this module follows.

Addresses used as a source in one case are not used as a destination in
another: the runner routes senders' own addresses back to their side.
"""
from casedef import (N4, N4_6, N6, N6_V4NAME, WKP, Topo, c46, c64, ip4, ip6,
                     rfc6052_embed, udp)

DENY_N6SIDE = "198.51.100.128/25"	# IPv4 names on the IPv6 side
DENY_N4SIDE = "192.0.2.64/26"		# IPv4 hosts on the IPv4 side
DENY_FAR = "203.0.113.0/24"		# a whole IPv4 network
EAM = ("2001:db8:77::/124", "198.51.100.240/28")	# inside DENY_N6SIDE

TOPOLOGIES = {
    "deny": Topo(pool6=WKP, denylist4=[DENY_N6SIDE, DENY_N4SIDE, DENY_FAR],
                 eamt=[EAM], jool4=["169.254.0.0/16"]),
}
R = "Jool denylist4"
CASES = []
pool = lambda a: rfc6052_embed(WKP, a)  # noqa: E731


def v6(src, dst, hlim=64):
    return ip6(tc=0, fl=0, hlim=hlim, nh=17, src=src, dst=dst)


def v4(src, dst, ttl=64, out=False):
    # 6->4 results: id=0 is a placeholder, the Identification is masked.
    return ip4(tos=0, id=0 if out else 0x4242, flags=0 if out else "DF", frag=0,
               ttl=ttl, proto=17, src=src, dst=dst)


def drop64(name, desc, src6, dst6, rfc=R):
    u = udp(44000 + len(CASES), 53, n=10, seed=len(CASES))
    CASES.append(c64("denylist4-" + name, rfc, "%s: %s -> %s is dropped"
                     % (desc, src6, dst6), v6(src6, dst6) / u, [],
                     counter="denylisted", topo="deny", icmp_sent=True))


def drop46(name, desc, src4, dst4, rfc=R):
    u = udp(53, 44000 + len(CASES), n=10, seed=len(CASES))
    CASES.append(c46("denylist4-" + name, rfc, "%s: %s -> %s is dropped"
                     % (desc, src4, dst4), v4(src4, dst4) / u, [],
                     counter="denylisted", topo="deny", icmp_sent=True))


def pass64(name, desc, src6, dst6, src4, dst4):
    u = udp(44000 + len(CASES), 53, n=10, seed=len(CASES))
    CASES.append(c64("denylist4-" + name, R, "%s: %s -> %s becomes %s -> %s"
                     % (desc, src6, dst6, src4, dst4), v6(src6, dst6) / u,
                     [v4(src4, dst4, ttl=63, out=True) / u], topo="deny"))


def pass46(name, desc, src4, dst4, src6, dst6):
    u = udp(53, 44000 + len(CASES), n=10, seed=len(CASES))
    CASES.append(c46("denylist4-" + name, R, "%s: %s -> %s becomes %s -> %s"
                     % (desc, src4, dst4, src6, dst6), v4(src4, dst4) / u,
                     [v6(src6, dst6, hlim=63) / u], topo="deny"))


# Explicit entries, both directions, sources and destinations.
drop64("explicit-dst-64", "destination embeds an address of " + DENY_FAR,
       N6, pool("203.0.113.5"))
drop64("explicit-dst-64-edge", "destination embeds the last address of " + DENY_N4SIDE,
       N6, pool("192.0.2.127"))
drop64("explicit-src-64", "source embeds an address of " + DENY_N6SIDE,
       pool("198.51.100.200"), N4_6)
drop46("explicit-dst-46", "destination in " + DENY_N6SIDE, N4, "198.51.100.128")
drop46("explicit-src-46", "source in " + DENY_N4SIDE, "192.0.2.64", N6_V4NAME)
# Just outside the entries, and the hosts of the topology: translated.
pass64("outside-64", "just before " + DENY_N4SIDE, N6, pool("192.0.2.63"),
       N6_V4NAME, "192.0.2.63")
pass64("outside-64-edge", "just after " + DENY_N4SIDE, N6, pool("192.0.2.128"),
       N6_V4NAME, "192.0.2.128")
pass46("outside-46", "just before " + DENY_N6SIDE, N4, "198.51.100.127",
       N4_6, pool("198.51.100.127"))
# An EAM is not subject to denylist4 (only pool6 translations are).
pass46("eam-46", "an EAM inside " + DENY_N6SIDE, N4, "198.51.100.241",
       N4_6, "2001:db8:77::1")
pass64("eam-64", "an EAM inside " + DENY_N6SIDE, "2001:db8:77::f", N4_6,
       "198.51.100.255", N4)

# Implicit rules, whatever denylist4 holds.
for name, a in (("this-network", "0.0.0.1"), ("loopback", "127.0.0.1"),
                ("link-local", "169.254.1.1"), ("multicast", "224.0.0.1"),
                ("multicast-last", "239.255.255.255"),
                ("broadcast", "255.255.255.255")):
    drop64("implicit-dst-64-" + name, "destination embeds " + a, N6, pool(a))
drop64("implicit-src-64-loopback", "source embeds 127.0.0.2",
       pool("127.0.0.2"), N4_6)
drop64("implicit-src-64-multicast", "source embeds 224.0.0.251",
       pool("224.0.0.251"), N4_6)
# 4->6: Linux itself drops 0/8, 127/8, multicast and broadcast addresses as
# martians before routing; link local reaches the translator.
drop46("implicit-dst-46-link-local", "destination 169.254.7.7", N4, "169.254.7.7")
drop46("implicit-src-46-link-local", "source 169.254.8.8", "169.254.8.8", N6_V4NAME)
pass64("implicit-neighbour-64", "223.255.255.255 is not in an implicit range",
       N6, pool("223.255.255.255"), N6_V4NAME, "223.255.255.255")
pass64("implicit-neighbour-64-ll", "169.255.0.1 is not in an implicit range",
       N6, pool("169.255.0.1"), N6_V4NAME, "169.255.0.1")
