# SPDX-License-Identifier: GPL-2.0
"""
RFC 4884 extensions in translated ICMP errors (RFC 7915 4.2 and 5.2,
"ICMP Error Payload"), both directions: what goes first when the error
must be cut, an extension that does not fit, lengths under 128 bytes. The
simple re-layouts are in rfc7915_4_3.py and rfc7915_5_3.py (same id
prefixes, 7915-4.3-ext- and 7915-5.3-ext-).

An error must fit 1280 bytes of IPv6 (RFC 4443 2.4 (c)) or 576 of IPv4
(RFC 1812 4.3.2.3): 1232 or 548 bytes of body. First the headers and 128
bytes of the packet in error (the least an original datagram field holds
when an extension follows, RFC 4884 4), then the whole extension, then the
rest of the packet in error, cut to whole words (64-bit in ICMPv6, 32-bit
in ICMPv4). An extension that does not fit beside 128 bytes is left out
whole, never cut (a cut structure has a wrong checksum; see
docs/design.md): the length attribute is zero, and the packet in error is
quoted alone, without the zero padding of the field it came in.

A length attribute under 128 bytes delimits nothing (RFC 4884 4): it is
ignored, as Linux ignores it (ip_icmp_error_rfc4884()), and the whole body
is the packet in error, quoted as it is (padding and any bytes after it
included).
"""
from casedef import udp
from icmpdef import (case46, case64, cut, err4, err4_out, err6, err6_out,
                     ext_structure, icmp4_msg, in46, in46_6, in64, in64_4,
                     pad, rest4_te, rest4_unreach, rest6_len)

CASES = []

X = ext_structure(7)					# 12 bytes
X1104 = ext_structure(3, labels=274)			# 1232 - 128 bytes
X1108 = ext_structure(4, labels=275)
X420 = ext_structure(5, labels=103)			# 548 - 128 bytes
X424 = ext_structure(6, labels=104)

# The packets in error: a 68-byte UDP datagram (48 bytes of IPv4) and a
# 468-byte one (448 of IPv4), each as the old family sent it and as the new
# one quotes it.
US = udp(40106, 33434, n=20, seed=7)
UL = udp(40107, 33434, n=420, seed=8)
S4, S46 = cut(in46(US, 17)), cut(in46_6(US, 17))	# 4->6
L4, L46 = cut(in46(UL, 17)), cut(in46_6(UL, 17))
S6, S64 = cut(in64(US, 17)), cut(in64_4(US, 17))	# 6->4
L6, L64 = cut(in64(UL, 17)), cut(in64_4(UL, 17))


def rest4(type, length):
    return rest4_unreach(length=length) if type == 3 else rest4_te(length=length)


# Each row: direction ("46": an ICMPv4 error, "64": an ICMPv6 one), id;
# the error: type, code, length attribute (in its words), packet in error
# (S: short, L: long), the bytes of it in the field, the field's size
# (zero padded), the extension; what it must become: type, code, length
# attribute, the bytes of the translated packet quoted, the field's size,
# the extension.
ROWS = [
    # 128 bytes of datagram, then the whole extension: exactly 1280 bytes.
    ("46", "fill-1280", 11, 0, 32, "L", 128, 128, X1104, 3, 0, 16, 128, 128, X1104),
    # One word too many: the extension is left out, the datagram quoted.
    ("46", "too-big", 11, 0, 32, "L", 128, 128, X1108, 3, 0, 0, 148, 148, b""),
    # ... without the padding of the field it came in.
    ("46", "too-big-padded", 3, 3, 32, "S", 48, 128, X1108, 1, 4, 0, 68, 68, b""),
    # 124 bytes: ignored, the whole body is quoted, extension bytes included.
    ("46", "length-31", 11, 0, 31, "S", 48, 124, X, 3, 0, 0, 68, 144, X),
    # 32 bytes inside the packet: ignored, the packet is not cut short.
    ("46", "length-8", 3, 1, 8, "L", 128, 128, b"", 1, 0, 0, 148, 148, b""),
    # 108 bytes of IPv4 padded to 128, the whole extension: 576 bytes.
    ("64", "fill-576", 3, 0, 16, "L", 128, 128, X420, 11, 0, 32, 108, 128, X420),
    # 428 bytes of IPv4 cut to 128 for the whole extension.
    ("64", "fill-576-long", 1, 4, 56, "L", 448, 448, X420, 3, 3, 32, 128, 128, X420),
    ("64", "too-big", 1, 4, 56, "L", 448, 448, X424, 3, 3, 0, 428, 428, b""),
    ("64", "too-big-padded", 3, 0, 16, "S", 68, 128, X424, 11, 0, 0, 48, 48, b""),
    ("64", "length-15", 3, 0, 15, "S", 68, 120, X, 11, 0, 0, 48, 100, X),
    # 32 bytes: not even the IPv6 header of the packet in error.
    ("64", "length-4", 1, 3, 4, "L", 128, 128, b"", 3, 1, 0, 108, 108, b""),
]
PACKETS = {("46", "S"): (S4, S46), ("46", "L"): (L4, L46),
           ("64", "S"): (S6, S64), ("64", "L"): (L6, L64)}


def describe(n_in, f_in, len_in, x_in, n_out, f_out, len_out, x_out):
    what = "%d bytes of packet in error in a %d-byte field (length %d)" % (
        n_in, f_in, len_in)
    if x_in:
        what += " + %d bytes of extension" % len(x_in)
    if len_out:
        what += ": %d bytes quoted" % n_out
        if f_out > n_out:
            what += ", padded to %d" % f_out
        return what + " (length %d), the extension whole" % len_out
    what += ": no extension (length 0), %d bytes quoted" % (f_out + len(x_out))
    if f_out > n_out or x_out:
        what += " (the packet, its padding, the bytes after the field)"
    return what

for (way, id, t_in, c_in, len_in, pkt, n_in, f_in, x_in,
     t_out, c_out, len_out, n_out, f_out, x_out) in ROWS:
    p_in, p_out = PACKETS[(way, pkt)]
    body_in = pad(p_in[:n_in], f_in) + x_in
    body_out = pad(p_out[:n_out], f_out) + x_out
    desc = describe(n_in, f_in, len_in, x_in, n_out, f_out, len_out, x_out)
    if way == "46":
        CASES.append(case46(
            "7915-4.3-ext-" + id, "RFC 4884 4, RFC 7915 4.2", desc,
            err4(icmp4_msg(t_in, c_in, rest4(t_in, len_in), body_in)),
            [err6_out(t_out, c_out, rest6_len(length=len_out), body_out)]))
    else:
        CASES.append(case64(
            "7915-5.3-ext-" + id, "RFC 4884 4, RFC 7915 5.2", desc,
            err6((t_in, c_in, rest6_len(length=len_in), body_in)),
            [err4_out(t_out, c_out, rest4(t_out, len_out), body_out)]))
