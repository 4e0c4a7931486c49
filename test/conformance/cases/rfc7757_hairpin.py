# SPDX-License-Identifier: GPL-2.0
"""
RFC 7757 4: hairpinning of IPv6-to-IPv6 traffic between EAM'd nodes, and
"eam-hairpin-mode" (off, simple, intrinsic).

n6a (2001:db8:a::1) and n6b (2001:db8:a::2) are IPv6 nodes on the n6 side
with the EAM 2001:db8:a::/120 <-> 203.0.113.0/24, so their IPv4 names are
203.0.113.1 and .2. n6a knows n6b only by its IPv4 name and sends to its
pool6 form, 64:ff9b::203.0.113.2. The translator makes 203.0.113.1 ->
203.0.113.2 of it; 203.0.113.0/24 is routed into jool0, so that packet comes
straight back and is translated again, and leaves on the n6 side. RFC 7757
4 (the example of 4.1, the requirement of 4.2) wants the source of that
second translation to be the pool6 name of n6a's address,
64:ff9b::203.0.113.1, not n6a's own 2001:db8:a::1 (which the EAM alone
would give): then n6b answers through the translator, and n6a sees the
answer come from the address it sent to. The destination is translated by
its EAM (2001:db8:a::2).

Modes (joolctl(8), docs/design.md "EAM hairpinning"):
- intrinsic (default): the translator applies that rule to the packets it
  made itself and got back (a 4->6 translation of a packet received on
  jool0);
- simple: to every IPv4 packet whose source has an EAM, wherever it came
  from (so also to one sent by n4 with such a source);
- off: never; the second translation is an ordinary one, and n6b gets the
  packet from 2001:db8:a::1 (the failure RFC 7757 4.1 describes).

Hop limit: n6a sends 64. The forward into jool0 takes one (63); the first
translation gives it back (64, the device's one-hop rule); the IPv4 forward
between the two translations takes one (63); with hairpinning on, the
second translation gives it back (64), and the last forward takes one: 63,
one hop for the whole hairpin, as for any translated packet. With "off" the
two translations are unrelated and the second one gives nothing back: 62.

ICMP errors: an error n6b sends about a hairpinned packet goes to
64:ff9b::203.0.113.1, takes the same way, and must reach n6a as an error
about the packet n6a sent: its quoted destination is 64:ff9b::203.0.113.2,
and since n6b itself sent it, so is its source.

Every hairpin moves the counters xlat64 and xlat46 by one each, and
"hairpin" by one when the rule replaced an EAM'd source.
"""
from casedef import WKP, Case, Topo, c46, ip4, ip6, payload, rfc6052_embed, tcp, udp
from scapy.layers.inet6 import ICMPv6DestUnreach, ICMPv6EchoRequest

EAM = ("2001:db8:a::/120", "203.0.113.0/24")
N6A, N6B = "2001:db8:a::1", "2001:db8:a::2"
N6A_4, N6B_4 = "203.0.113.1", "203.0.113.2"
pool = lambda a: rfc6052_embed(WKP, a)  # noqa: E731
N6A_P, N6B_P = pool(N6A_4), pool(N6B_4)		# 64:ff9b::cb00:7101, ...7102
assert N6B_P == "64:ff9b::cb00:7102"

TOPOLOGIES = {
    # The EAM's IPv4 prefix is routed into jool0 (as it must be for IPv4
    # to reach n6a and n6b); that is what brings a hairpin back.
    "hairpin": Topo(pool6=WKP, eamt=[EAM], jool4=[EAM[1]]),
}
R = "RFC 7757 4"
CASES = []
MODES = ("intrinsic", "simple", "off")
TWICE = {"xlat64": 1, "xlat46": 1}
HAIRPIN = dict(TWICE, hairpin=1)


def hairpin(name, mode, desc, send, expect, counters):
    CASES.append(Case(id="7757-4-%s-%s" % (name, mode), rfc=R,
                      desc="%s: %s" % (mode, desc), sender="n6", to="n6",
                      send=send, expect=[expect], counters=counters,
                      globals={"eam-hairpin-mode": mode}, topo="hairpin"))


def v6(src, dst, hlim, nh=17, tc=0):
    return ip6(tc=tc, fl=0, hlim=hlim, nh=nh, src=src, dst=dst)


for mode in MODES:
    on = mode != "off"
    # What n6b sees as the source, the hop limit, the counters.
    src = N6A_P if on else N6A
    hlim = 63 if on else 62
    cnt = HAIRPIN if on else TWICE
    u = udp(40000, 53, n=24, seed=7)
    hairpin("udp", mode, "n6a -> 64:ff9b::203.0.113.2 (UDP) reaches n6b from %s,"
            " hop limit 64 -> %d" % (src, hlim),
            v6(N6A, N6B_P, 64) / u, v6(src, N6B, hlim) / u, cnt)

    t = tcp(40001, 80, flags="S", seq=0x11223344, ack=0, window=0xfaf0,
            options=[("MSS", 1440)])
    hairpin("tcp-syn", mode, "a TCP SYN from n6a reaches n6b from %s" % src,
            v6(N6A, N6B_P, 64, nh=6) / t, v6(src, N6B, hlim, nh=6) / t, cnt)

    # The answer takes the same way: n6a sees it come from n6b's pool6
    # name, the address it sent to.
    back = N6B_P if on else N6B
    u = udp(53, 40000, n=40, seed=9)
    hairpin("udp-reply", mode, "n6b -> 64:ff9b::203.0.113.1 reaches n6a from %s"
            % back, v6(N6B, N6A_P, 64) / u, v6(back, N6A, hlim) / u, cnt)

    e = ICMPv6EchoRequest(id=0x4a4a, seq=3, data=bytes(payload(32, 5)))
    hairpin("echo", mode, "an echo request (ICMPv6 -> ICMPv4 -> ICMPv6) reaches"
            " n6b from %s, checksum over the new pseudo-header" % src,
            v6(N6A, N6B_P, 64, nh=58) / e, v6(src, N6B, hlim, nh=58) / e, cnt)

    # The traffic class goes to the IPv4 TOS and back (RFC 7915 4.1, 5.1).
    u = udp(40002, 53, n=8, seed=3)
    hairpin("tclass", mode, "traffic class 0xb8 survives both translations",
            v6(N6A, N6B_P, 64, tc=0xb8) / u, v6(src, N6B, hlim, tc=0xb8) / u, cnt)

    # n6b's port unreachable about the packet it got (from `src`, with
    # hop limit `hlim`), sent to that source. In "off" it goes to n6a's
    # own address directly, around the translator: nothing to test there.
    if on:
        quoted = udp(40000, 53, n=24, seed=7)
        err = (v6(N6B, N6A_P, 64, nh=58) / ICMPv6DestUnreach(code=4)
               / v6(N6A_P, N6B, hlim) / quoted)
        want = (v6(N6B_P, N6A, 63, nh=58) / ICMPv6DestUnreach(code=4)
                / v6(N6A, N6B_P, hlim) / quoted)
        hairpin("icmp-error", mode, "n6b's port unreachable reaches n6a from"
                " 64:ff9b::203.0.113.2, quoting n6a -> 64:ff9b::203.0.113.2",
                err, want, HAIRPIN)

# Not a hairpin: n4 sends with a source inside the EAM (203.0.113.9).
# intrinsic and off translate it by its EAM; simple assumes that an EAM'd
# IPv4 source can only be a hairpin and uses pool6.
for mode, src, cnt in (("intrinsic", "2001:db8:a::9", None),
                       ("off", "2001:db8:a::9", None),
                       ("simple", pool("203.0.113.9"), {"xlat46": 1, "hairpin": 1})):
    u = udp(5353, 40003, n=16, seed=11)
    CASES.append(c46("7757-4-from-ipv4-%s" % mode, R,
                     "%s: n4's 203.0.113.9 -> 203.0.113.2 reaches n6b from %s"
                     % (mode, src),
                     ip4(tos=0, id=0x2b2b, flags="DF", frag=0, ttl=64, proto=17,
                         src="203.0.113.9", dst=N6B_4) / u,
                     [v6(src, N6B, 63) / u], counters=cnt,
                     globals={"eam-hairpin-mode": mode}, topo="hairpin"))
