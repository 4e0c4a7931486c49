# SPDX-License-Identifier: GPL-2.0
"""
RFC 7915 4.5 and 5.5: transport-layer header translation.

TCP and UDP checksums cover a pseudo-header with the IP addresses, so the
translator must update them; nothing else in the TCP/UDP header or payload
changes. A checksum that was wrong stays exactly as wrong (the update is
incremental, RFC 1624: see README.md, "Checksum errors"). IPv4 UDP packets
with no checksum (0) are dropped, or given one with
amend-udp-checksum-zero.
"""
from casedef import (N4, N4_6, N6, N6_V4NAME, c46, c64, correct_checksum,
                     ip4, ip6, payload, tcp, udp, with_checksum,
                     with_checksum_error)
from scapy.layers.inet import UDP

R64 = "RFC 7915 5.5"
R46 = "RFC 7915 4.5"
CASES = []


def v6to4_in(nh):
    return ip6(tc=0, fl=0, hlim=64, nh=nh, src=N6, dst=N4_6)


def v6to4_out(proto, l4len=0):
    # id=0 is a placeholder: the Identification is masked (IPV4_ID).
    # DF: set when the IPv4 packet is larger than 1260 bytes (RFC 7915 5.1).
    return ip4(tos=0, id=0, flags="DF" if 20 + l4len > 1260 else 0, frag=0, ttl=63,
               proto=proto, src=N6_V4NAME, dst=N4)


def v4to6_in(proto):
    return ip4(tos=0, id=0x0101, flags="DF", frag=0, ttl=64, proto=proto, src=N4, dst=N6_V4NAME)


def v4to6_out(nh):
    return ip6(tc=0, fl=0, hlim=63, nh=nh, src=N4_6, dst=N6)


def both(name, desc, l4, proto):
    """The same upper layer both ways; checksums computed for each header."""
    CASES.append(c64("7915-5.5-" + name, R64, desc, v6to4_in(proto) / l4,
                     [v6to4_out(proto, len(l4)) / l4]))
    CASES.append(c46("7915-4.5-" + name, R46, desc, v4to6_in(proto) / l4,
                     [v4to6_out(proto) / l4]))


SYN_OPTS = [("MSS", 1460), ("SAckOK", b""), ("Timestamp", (0x01020304, 0)),
            ("NOP", None), ("WScale", 7)]
both("tcp-syn-options", "TCP SYN with MSS/SACK/timestamp/window scale options: options kept, checksum updated",
     tcp(33000, 80, flags="S", ack=0, options=SYN_OPTS), 6)
for n in (1, 100, 1001, 1400):
    both("tcp-%d" % n, "TCP with %d payload bytes: checksum updated, the rest untouched" % n,
         tcp(33001, 80, n=n, seed=n), 6)
both("tcp-urg-fin", "TCP with URG/FIN and an urgent pointer: only the checksum changes",
     tcp(33002, 80, n=10, flags="FUA", urgptr=5), 6)
for n in (0, 1, 100, 1001, 1400):
    both("udp-%d" % n, "UDP with %d payload bytes: checksum updated, length kept" % n,
         udp(5353, 33003, n=n, seed=n), 17)


def zero_sum_udp(hdr, sport, dport, n):
    """
    A UDP datagram whose checksum under hdr computes to zero, which is
    sent as 0xFFFF (RFC 768 for IPv4, RFC 8200 8.1 for IPv6): the last two
    payload bytes are chosen for it.
    """
    head = bytes(payload(n - 2, 11))
    probe = hdr / UDP(sport=sport, dport=dport) / (head + b"\0\0")
    fix = correct_checksum(probe)
    u = UDP(sport=sport, dport=dport) / (head + fix.to_bytes(2, "big"))
    assert correct_checksum(hdr / u) == 0xffff
    return u


u = zero_sum_udp(v6to4_out(17), 5353, 33004, 30)
CASES.append(c64("7915-5.5-udp-checksum-ffff", R64,
                 "UDP whose IPv4 checksum computes to 0 carries 0xFFFF, never 0 (no checksum)",
                 v6to4_in(17) / u, [v6to4_out(17) / with_checksum(u, 0xffff)]))
u = zero_sum_udp(v4to6_out(17), 5353, 33005, 30)
CASES.append(c46("7915-4.5-udp-checksum-ffff", R46,
                 "UDP whose IPv6 checksum computes to 0 carries 0xFFFF",
                 v4to6_in(17) / u, [v4to6_out(17) / with_checksum(u, 0xffff)]))

# Wrong checksums: translated, with the same error.
for name, l4, proto, delta in (
        ("tcp-bad-checksum", tcp(33010, 80, n=50), 6, 0x0001),
        ("tcp-bad-checksum-2", tcp(33011, 80, n=51, flags="S"), 6, 0x8421),
        ("udp-bad-checksum", udp(5353, 33012, n=50), 17, 0x1234),
        ("udp-bad-checksum-2", udp(5353, 33013, n=7), 17, 0x0100)):
    desc = "%s with a checksum off by 0x%04x: translated, still off by 0x%04x" % (
        "TCP" if proto == 6 else "UDP", delta, delta)
    CASES.append(c64("7915-5.5-" + name, R64, desc,
                     with_checksum_error(v6to4_in(proto) / l4, delta),
                     [with_checksum_error(v6to4_out(proto) / l4, delta)]))
    CASES.append(c46("7915-4.5-" + name, R46, desc,
                     with_checksum_error(v4to6_in(proto) / l4, delta),
                     [with_checksum_error(v4to6_out(proto) / l4, delta)]))

# IPv4 UDP without checksum.
u = udp(5353, 33020, n=20)
CASES.append(c46("7915-4.5-udp-zero-checksum", R46,
                 "unfragmented UDP with checksum 0 is dropped by default",
                 with_checksum(v4to6_in(17) / u, 0), [], counter="udp-zero-csum",
                 icmp_sent=True))
for n in (20, 21):
    u = udp(5353, 33021, n=n, seed=n)
    CASES.append(c46("7915-4.5-udp-zero-checksum-amend-%d" % n, R46,
                     "amend-udp-checksum-zero: UDP (%d bytes) with checksum 0 gets the computed IPv6 checksum" % n,
                     with_checksum(v4to6_in(17) / u, 0), [v4to6_out(17) / u],
                     globals={"amend-udp-checksum-zero": "true"}))
