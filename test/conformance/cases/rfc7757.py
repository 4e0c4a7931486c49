# SPDX-License-Identifier: GPL-2.0
"""
RFC 7757: Explicit Address Mappings (EAM), configured with "joolctl jool0
eamt add". An EAM maps an IPv6 prefix to an IPv4 prefix; an address's bits
after the prefix (its suffix) are carried over. When the IPv6 suffix is the
longer one, the IPv4 suffix goes right after the IPv6 prefix and the rest
is zero (4->6), or ignored (6->4). An EAM takes precedence over pool6
(RFC 6052), which is the fallback.

The expected addresses are computed with casedef.eam_4to6/eam_6to4 (an
implementation of that rule) and spelled out in the descriptions.
"""
from casedef import (WKP, Topo, c46, c64, eam_4to6, eam_6to4, ip4, ip6,
                     rfc6052_embed, udp)

EAM_N6 = ("2001:db8:6::/120", "198.51.100.0/24")	# suffixes 8 and 8 bits
EAM_WIDE = ("2001:db8:66::/64", "203.0.113.128/26")	# 64 and 6 bits
EAM_N4 = ("2001:db8:44::/121", "192.0.2.0/25")		# 7 and 7 bits
EAM_IN_POOL6 = (rfc6052_embed(WKP, "192.0.2.99") + "/128", "192.0.2.199/32")

TOPOLOGIES = {
    "eam": Topo(pool6=WKP, eamt=[EAM_N6, EAM_WIDE, EAM_N4, EAM_IN_POOL6],
                jool6=["2001:db8:44::/121"], jool4=["203.0.113.128/26"]),
}
R = "RFC 7757 3.2"
CASES = []


def v6(src, dst, hlim=64):
    return ip6(tc=0, fl=0, hlim=hlim, nh=17, src=src, dst=dst)


def v4(src, dst, ttl=64, out=False):
    # 6->4 results: id=0 is a placeholder, the Identification is masked.
    return ip4(tos=0, id=0 if out else 0x4444, flags=0 if out else "DF", frag=0,
               ttl=ttl, proto=17, src=src, dst=dst)


def add64(name, desc, src6, dst6, src4, dst4, rfc=R, **kw):
    u = udp(42000 + len(CASES), 53, n=10, seed=len(CASES))
    CASES.append(c64("7757-3-" + name, rfc, "%s: %s -> %s becomes %s -> %s"
                     % (desc, src6, dst6, src4, dst4),
                     v6(src6, dst6) / u, [v4(src4, dst4, ttl=63, out=True) / u],
                     topo="eam", **kw))


def add46(name, desc, src4, dst4, src6, dst6, rfc=R):
    u = udp(53, 42000 + len(CASES), n=10, seed=len(CASES))
    CASES.append(c46("7757-3-" + name, rfc, "%s: %s -> %s becomes %s -> %s"
                     % (desc, src4, dst4, src6, dst6),
                     v4(src4, dst4) / u, [v6(src6, dst6, hlim=63) / u], topo="eam"))


pool = lambda a: rfc6052_embed(WKP, a)  # noqa: E731

# Equal suffix lengths.
add64("equal-src-64", "EAM source, pool6 destination",
      "2001:db8:6::6", pool("192.0.2.200"),
      eam_6to4(*EAM_N6, "2001:db8:6::6"), "192.0.2.200")
add46("equal-dst-46", "pool6 source, EAM destination (the EAM wins over pool6)",
      "192.0.2.200", "198.51.100.6",
      pool("192.0.2.200"), eam_4to6(*EAM_N6, "198.51.100.6"))
add64("equal-both-64", "EAM source and destination",
      "2001:db8:6::7", "2001:db8:44::4",
      eam_6to4(*EAM_N6, "2001:db8:6::7"), eam_6to4(*EAM_N4, "2001:db8:44::4"))
add46("equal-both-46", "EAM source (not pool6) and destination",
      "192.0.2.4", "198.51.100.7",
      eam_4to6(*EAM_N4, "192.0.2.4"), eam_4to6(*EAM_N6, "198.51.100.7"))
add46("equal-edge-46", "the last address of an EAM's IPv4 prefix",
      "192.0.2.127", "198.51.100.255",
      eam_4to6(*EAM_N4, "192.0.2.127"), eam_4to6(*EAM_N6, "198.51.100.255"))

# The IPv6 suffix is longer than the IPv4 suffix.
add46("wide-46", "IPv4 suffix 000001 goes right after the /64, zeros after",
      "192.0.2.200", "203.0.113.129",
      pool("192.0.2.200"), eam_4to6(*EAM_WIDE, "203.0.113.129"))
add64("wide-64", "the 6 bits after the /64 are the IPv4 suffix",
      "2001:db8:66:0:800::", pool("192.0.2.200"),
      eam_6to4(*EAM_WIDE, "2001:db8:66:0:800::"), "192.0.2.200")
add64("wide-64-trailing-bits", "bits after the IPv4 suffix are ignored",
      "2001:db8:66:0:fdff:1234:5678:9abc", pool("192.0.2.200"),
      eam_6to4(*EAM_WIDE, "2001:db8:66:0:fdff:1234:5678:9abc"), "192.0.2.200")

# An EAM inside pool6's space wins over pool6, both ways.
add64("precedence-64", "an EAM for a pool6 address wins",
      "2001:db8:6::6", pool("192.0.2.99"),
      "198.51.100.6", "192.0.2.199")
add46("precedence-46", "an EAM for an IPv4 address gives its IPv6 prefix, not pool6's",
      "192.0.2.199", "198.51.100.6",
      pool("192.0.2.99"), "2001:db8:6::6")

# Neither an EAM nor pool6.
u = udp(42100, 53, n=10)
CASES.append(c64("7757-3-no-mapping-src", R,
                 "a source in no EAM and outside pool6 (2001:db8:7::1): dropped",
                 v6("2001:db8:7::1", pool("192.0.2.200")) / u, [],
                 counter="src6-untranslatable", topo="eam", icmp_sent=True))

# Self-check of the helpers against values worked out by hand.
assert eam_4to6(*EAM_WIDE, "203.0.113.129") == "2001:db8:66:0:400::"
assert eam_6to4(*EAM_WIDE, "2001:db8:66:0:fdff:1234:5678:9abc") == "203.0.113.191"
assert eam_4to6(*EAM_N4, "192.0.2.4") == "2001:db8:44::4"
