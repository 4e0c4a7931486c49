# SPDX-License-Identifier: GPL-2.0
"""
Helpers for the ICMP error cases (cases/rfc7915_4_3.py, rfc7915_5_3.py,
rfc6791.py, mtu.py): ICMP messages built byte by byte, so that every field
(unused bytes, RFC 4884 length attributes, pointers, MTUs) is explicit.

The addresses of the routers that report errors:

- R4 (203.0.113.1): an IPv4 router between the translator and n4. With
  pool6 its IPv6 name is 64:ff9b::203.0.113.1 (RFC 6052).
- R6 (64:ff9b::198.51.100.254): an IPv6 router between n6 and the
  translator whose address is inside pool6, so it has an IPv4 name
  (198.51.100.254).
- R6_FOREIGN (2001:db8:6::1): an IPv6 router outside pool6 and the EAMT:
  its errors need an RFC 6791 source.

An error about a packet n6 sent to n4 travels 4->6: the packet in error is
the IPv4 packet 198.51.100.6 -> 192.0.2.4 that the translator produced, and
it comes back translated to 64:ff9b::198.51.100.6 -> 64:ff9b::192.0.2.4,
the IPv6 packet n6 sent (the inner direction is the reverse of the outer
one). Likewise 6->4: an error about a packet n4 sent to n6.
"""
import ipaddress
import struct

from casedef import (INNER_IPV4_ID, IPV4_ID, N4, N4_6, N6, N6_V4NAME, WKP,
                     Case, inet_checksum, ip4, ip6, oc_add, raw,
                     rfc6052_embed)
from scapy.packet import Raw

R4 = "203.0.113.1"
R4_6 = rfc6052_embed(WKP, R4)
R6_V4NAME = "198.51.100.254"
R6 = rfc6052_embed(WKP, R6_V4NAME)
R6_FOREIGN = "2001:db8:6::1"
assert R4_6 == "64:ff9b::cb00:7101" and R6 == "64:ff9b::c633:64fe"


def be16(v):
    return struct.pack("!H", v)


def be32(v):
    return struct.pack("!I", v)


def icmp4_msg(type, code, rest, body, delta=0):
    """
    An ICMPv4 message: type, code, checksum (RFC 792: over the message
    only), the 4 bytes after it (rest), then body. delta: a checksum error
    (one's-complement addition to the right value).
    """
    assert len(rest) == 4
    m = bytearray([type, code, 0, 0]) + bytes(rest) + bytes(body)
    c = inet_checksum(m)
    if delta:
        c = oc_add(c, delta)
    m[2:4] = be16(c)
    return bytes(m)


def icmp6_msg(src, dst, type, code, rest, body, delta=0):
    """An ICMPv6 message, checksum over the pseudo-header (RFC 4443 2.3)."""
    assert len(rest) == 4
    m = bytearray([type, code, 0, 0]) + bytes(rest) + bytes(body)
    ph = (ipaddress.IPv6Address(src).packed + ipaddress.IPv6Address(dst).packed +
          be32(len(m)) + b"\0\0\0\x3a")
    c = inet_checksum(ph + m)
    if delta:
        c = oc_add(c, delta)
    m[2:4] = be16(c)
    return bytes(m)


# The 4 bytes after the checksum (RFC 792, RFC 1191, RFC 4884, RFC 4443).
def rest4_unreach(mtu=0, length=0, unused=0):
    """ICMPv4 destination unreachable: unused, length, next-hop MTU."""
    return bytes([unused, length]) + be16(mtu)


def rest4_te(length=0):
    """ICMPv4 time exceeded: unused, length, unused."""
    return bytes([0, length, 0, 0])


def rest4_pp(ptr, length=0):
    """ICMPv4 parameter problem: pointer, length, unused."""
    return bytes([ptr, length, 0, 0])


def rest6_len(length=0):
    """ICMPv6 destination unreachable / time exceeded: length, unused."""
    return bytes([length, 0, 0, 0])


def pad(b, n):
    """b zero-padded to n bytes (RFC 4884: the original datagram field)."""
    assert len(b) <= n
    return bytes(b) + bytes(n - len(b))


def round_up(n, k):
    return (n + k - 1) // k * k


def ext_structure(seed=0, labels=1):
    """
    An RFC 4884 extension structure: header (version 2, checksum over the
    structure) and one object (class 1 = MPLS label stack, C-type 1) of
    `labels` label entries: 8 + 4 * labels bytes in all. Opaque to the
    translator (RFC 7915 4.2, 5.2).
    """
    entries = b"".join(bytes([0x01, (0x23 + seed + i) & 0xff, 0x40, 0x01])
                       for i in range(labels - 1))
    entries += bytes([0x01, 0x23 + seed, 0x41, 0x01])   # bottom of stack
    obj = be16(4 + len(entries)) + bytes([1, 1]) + entries
    s = bytearray([0x20, 0, 0, 0]) + obj
    s[2:4] = be16(inet_checksum(s))
    return bytes(s)


# -- The packets carrying the errors ----------------------------------------

def err4(msg, src=R4, dst=N6_V4NAME, tos=0xc0, ttl=64):
    """An ICMPv4 error as the IPv4 side sends it (msg from icmp4_msg)."""
    return ip4(tos=tos, id=0x4d4d, flags=0, frag=0, ttl=ttl, proto=1,
               src=src, dst=dst) / Raw(msg)


def err6_out(type, code, rest, body, src=R4_6, dst=N6, tc=0xc0, hlim=63):
    """What err4() must become: hop limit = TTL - 1, traffic class = TOS."""
    return ip6(tc=tc, fl=0, hlim=hlim, nh=58, src=src, dst=dst) / \
        Raw(icmp6_msg(src, dst, type, code, rest, body))


def err6(msg_args, src=R6, dst=N4_6, tc=0, hlim=64):
    """An ICMPv6 error as the IPv6 side sends it: msg_args for icmp6_msg."""
    type, code, rest, body = msg_args[:4]
    delta = msg_args[4] if len(msg_args) > 4 else 0
    return ip6(tc=tc, fl=0, hlim=hlim, nh=58, src=src, dst=dst) / \
        Raw(icmp6_msg(src, dst, type, code, rest, body, delta))


def err4_out(type, code, rest, body, src=R6_V4NAME, dst=N4, tos=0, ttl=63):
    """
    What err6() must become. id=0 is a placeholder (IPV4_ID); DF is 0: an
    ICMPv4 error is at most 576 bytes, below the 1260 of RFC 7915 5.1.
    """
    msg = icmp4_msg(type, code, rest, body)
    assert 20 + len(msg) <= 576
    return ip4(tos=tos, id=0, flags=0, frag=0, ttl=ttl, proto=1,
               src=src, dst=dst) / Raw(msg)


# -- The packets in error ----------------------------------------------------

def in46(l4, proto, tos=0, ttl=1, flags="DF", id=0x1357, src=N6_V4NAME,
         dst=N4, options=None, frag=0):
    """
    The IPv4 packet in error of a 4->6 case: what the translator made of a
    packet n6 sent to n4 (or anything with the addresses given).
    """
    return ip4(tos=tos, id=id, flags=flags, frag=frag, ttl=ttl, proto=proto,
               src=src, dst=dst, options=options) / l4


def in46_6(l4, nh, tc=0, hlim=1, src=N6, dst=N4_6):
    """Its translation (RFC 7915 4.3, 4.1), hop limit = TTL untouched."""
    return ip6(tc=tc, fl=0, hlim=hlim, nh=nh, src=src, dst=dst) / l4


def in64(l4, nh, tc=0, fl=0, hlim=1, src=N4_6, dst=N6):
    """The IPv6 packet in error of a 6->4 case: n4's packet, as n6 got it."""
    return ip6(tc=tc, fl=fl, hlim=hlim, nh=nh, src=src, dst=dst) / l4


def in64_4(l4, proto, tos=0, ttl=1, df=None, src=N4, dst=N6_V4NAME):
    """
    Its translation (RFC 7915 5.3, 5.1): TTL = hop limit untouched; id 0
    is a placeholder (INNER_IPV4_ID); DF set iff the translated packet
    (its whole original length) is bigger than 1260 bytes.
    """
    p = ip4(tos=tos, id=0, flags=0, frag=0, ttl=ttl, proto=proto, src=src,
            dst=dst) / l4
    if df is None:
        df = len(raw(p)) > 1260
    if df:
        p[0].flags = "DF"
    return p


def cut(pkt, n=None):
    """The first n bytes of a packet (all of it when n is None)."""
    b = raw(pkt)
    return b if n is None else b[:n]


def case46(id, rfc, desc, send, expect, **kw):
    """A 4->6 ICMP error case: nothing is masked."""
    return Case(id=id, rfc=rfc, desc=desc, sender="n4", send=send,
                expect=expect, **kw)


def case64(id, rfc, desc, send, expect, **kw):
    """
    A 6->4 ICMP error case. Masked: the Identification of the outer IPv4
    header and of the packet in error (RFC 7915 5.1: the translator's
    choice); the checksums that cover them are recomputed and compared.
    """
    return Case(id=id, rfc=rfc, desc=desc, sender="n6", send=send,
                expect=expect, mask=(INNER_IPV4_ID, IPV4_ID), **kw)
