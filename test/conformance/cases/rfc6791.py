# SPDX-License-Identifier: GPL-2.0
"""
RFC 6791: the source of a translated ICMP error whose source has no
translation.

6->4 (RFC 6791 2-4): an ICMPv6 error from an IPv6 router whose address is
not IPv4-translatable (2001:db8:6::1: outside pool6, no EAM) is translated
with a source from the configured IPv4 pool, rfc6791v4-prefix (random if
randomize-rfc6791-addresses, RFC 6791's recommendation; else its first
address). 4->6, the same with rfc6791v6-prefix: an IPv4 source always has
an IPv6 translation when pool6 is set, so these cases run with only EAMs
(topology "eam-only" of rfc7915_4_3.py) and the IPv4 router 203.0.113.1,
which no EAM covers.

Only the outer source is replaced: the packet in error must still
translate, and packets that are not ICMP errors still need translatable
addresses.

"The first address" of a prefix longer than one address is its first host
address: not the network address (all-zeros host part, RFC 1122 3.2.1.3
forbids it as a source in IPv4; in IPv6 it is the Subnet-Router anycast
address, RFC 4291 2.6.1).

Cases without a pool (the fallback to one of the translator's own
addresses) cannot be observed: the runner ignores what xlat sends from its
own addresses.
"""
from casedef import N4, N4_6, c64, ip6, udp
from icmpdef import (R6, R6_V4NAME, R6_FOREIGN, case46, case64, cut, err4,
                     err4_out, err6, err6_out, icmp4_msg, in46, in46_6, in64,
                     in64_4, rest4_te, rest4_unreach, rest6_len)
from scapy.layers.inet6 import ICMPv6EchoRequest

R = "RFC 6791"
CASES = []
EAM_N6, EAM_N4 = "2001:db8:6::6", "2001:db8:44::4"


def g6(prefix, randomize="false"):
    return {"rfc6791v6-prefix": prefix, "randomize-rfc6791-addresses": randomize}


def g4(prefix, randomize="false"):
    return {"rfc6791v4-prefix": prefix, "randomize-rfc6791-addresses": randomize}


# -- 4->6: ICMPv4 errors from 203.0.113.1, pool6 unset -------------------------
U = udp(40300, 33434, n=20, seed=21)
Q4 = cut(in46(U, 17))
Q6 = cut(in46_6(U, 17, src=EAM_N6, dst=EAM_N4))


def add46(name, desc, globals, src6, code=0, topo="eam-only"):
    send = err4(icmp4_msg(11, code, rest4_te(), Q4))
    expect = [err6_out(3, code, rest6_len(), Q6, src=src6, dst=EAM_N6)]
    CASES.append(case46("6791-46-" + name, R, desc, send, expect, globals=globals,
                        topo=topo))


add46("single", "rfc6791v6-prefix 2001:db8:6791::5/128, not random: the time exceeded comes from 2001:db8:6791::5",
      g6("2001:db8:6791::5/128"), "2001:db8:6791::5")
add46("single-random", "randomize-rfc6791-addresses with a /128: its only address",
      g6("2001:db8:6791::7/128", "true"), "2001:db8:6791::7", code=1)
add46("first", "rfc6791v6-prefix 2001:db8:6791:1::/64, not random: its first host address 2001:db8:6791:1::1",
      g6("2001:db8:6791:1::/64"), "2001:db8:6791:1::1")

# A source that translates (n4, by its EAM) keeps its translation.
CASES.append(case46("6791-46-translatable", R,
                    "the pool is not used when the source has a translation (192.0.2.4 -> 2001:db8:44::4)",
                    err4(icmp4_msg(3, 3, rest4_unreach(), Q4), src=N4, tos=0),
                    [err6_out(1, 4, rest6_len(), Q6, src=EAM_N4, dst=EAM_N6, tc=0)],
                    globals=g6("2001:db8:6791::5/128"), topo="eam-only"))
CASES.append(case46("6791-46-inner-untranslatable", R,
                    "the pool is for the outer source only: an inner destination in no EAM (203.0.113.9) drops the error",
                    err4(icmp4_msg(11, 0, rest4_te(), cut(in46(U, 17, dst="203.0.113.9")))), [],
                    counter="icmp-inner-untranslatable",
                    globals=g6("2001:db8:6791::5/128"), topo="eam-only"))

# -- 6->4: ICMPv6 errors from 2001:db8:6::1 ---------------------------------------
V = udp(33434, 40301, n=20, seed=22)
P6 = cut(in64(V, 17))
P4 = cut(in64_4(V, 17))


def add64(name, desc, globals, src4, type6=3, code=0, type4=11, code4=0,
          rest4=rest4_te()):
    CASES.append(case64("6791-64-" + name, R, desc,
                        err6((type6, code, rest6_len(), P6), src=R6_FOREIGN),
                        [err4_out(type4, code4, rest4, P4, src=src4)],
                        globals=globals))


add64("single", "rfc6791v4-prefix 203.0.113.67/32, not random: the time exceeded comes from 203.0.113.67",
      g4("203.0.113.67/32"), "203.0.113.67")
add64("single-random", "randomize-rfc6791-addresses with a /32: its only address",
      g4("203.0.113.68/32", "true"), "203.0.113.68", code=1, code4=1)
add64("first", "rfc6791v4-prefix 203.0.113.64/29, not random: its first host address 203.0.113.65",
      g4("203.0.113.64/29"), "203.0.113.65")
add64("unreach", "an address unreachable from 2001:db8:6::1: host unreachable from 203.0.113.67",
      g4("203.0.113.67/32"), "203.0.113.67", type6=1, code=3, type4=3, code4=1,
      rest4=rest4_unreach())

CASES.append(case64("6791-64-translatable", R,
                    "the pool is not used when the source has a translation (R6 -> 198.51.100.254)",
                    err6((3, 0, rest6_len(), P6), src=R6),
                    [err4_out(11, 0, rest4_te(), P4, src=R6_V4NAME)],
                    globals=g4("203.0.113.67/32")))
CASES.append(case64("6791-64-inner-untranslatable", R,
                    "the pool is for the outer source only: an inner source outside pool6 drops the error",
                    err6((3, 0, rest6_len(), cut(in64(V, 17, src="2001:db8:7::1"))), src=R6_FOREIGN),
                    [], counter="icmp-inner-untranslatable", globals=g4("203.0.113.67/32")))
CASES.append(c64("6791-64-not-for-echo", R,
                 "an echo request from 2001:db8:6::1 is not an error: still dropped with a pool set",
                 ip6(tc=0, fl=0, hlim=64, nh=58, src=R6_FOREIGN, dst=N4_6) /
                 ICMPv6EchoRequest(id=1, seq=1, data=bytes(8)),
                 [], counter="src6-untranslatable", globals=g4("203.0.113.67/32")))
