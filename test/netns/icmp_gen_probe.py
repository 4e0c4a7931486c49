#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Sends one packet the translator must drop and checks the ICMP error it
sends back (RFC 7915 4.4, 5.4), from inside the sender's namespace.

    icmp_gen_probe.py SCENARIO

Exit 0 when exactly the expected error arrived from the translator's own
address on the sender's side: the ICMP type, code and pointer (or MTU), a
valid checksum, and the quoted packet equal to the one sent, byte for
byte, TTL / hop limit and IPv4 header checksum included: the translator
quotes the packet as it arrived at xlat, not with the hop that xlat's
forward into jool0 took (as Jool, which translates before routing). The
"too-big" scenarios (the test sets the MTUs first) also want the quote as
long as the kernel's limit: 548 bytes of IPv4 (a 576-byte error), 1232 of
IPv6 (a 1280-byte error). For the scenarios that expect no error, exit 0
when none arrived within 4 seconds.
"""
import logging
import os
import socket
import sys
import threading
import time

os.environ.setdefault("SCAPY_USE_LIBPCAP", "no")
# scapy warns about routing its neighbour solicitations; nothing to act on.
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.config import conf  # noqa: E402

conf.ipv6_enabled = True
from scapy.layers.inet import ICMP, IP, UDP, IPOption  # noqa: E402
from scapy.layers.inet6 import (  # noqa: E402
    ICMPv6EchoRequest, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrFragment,
    IPv6ExtHdrRouting)
from scapy.packet import Raw  # noqa: E402
from scapy.sendrecv import AsyncSniffer, send  # noqa: E402

XLAT6 = "2001:db8:6::1"
# n6's address that pool6 translates (198.51.100.6): the source must be
# translatable, or the drop would be for the source.
N6 = "64:ff9b::198.51.100.6"
XLAT4 = "192.0.2.1"
N4 = "192.0.2.4"
PAYLOAD = bytes(range(32))


# Payload of the "too-big" scenarios: 1400-byte packets.
BIG4 = bytes(i & 0xff for i in range(1400 - 28))
BIG6 = bytes(i & 0xff for i in range(1400 - 48))
# The longest quotes: RFC 1812 4.3.2.3 (576 - 28), RFC 4443 2.4 (c).
QUOTE4 = 548
QUOTE6 = 1232


def scenarios():
    """name -> (packet to send, expected ICMP (type, code, word2) or None,
    and optionally the exact length of the quote)."""
    return {
        # A 1400-byte IPv4 packet with DF, whose IPv6 route has MTU 1300:
        # "fragmentation needed", next-hop MTU 1300 - 20, from the
        # translator, quoting 548 bytes of the packet.
        "v4-too-big": (
            IP(src=N4, dst="198.51.100.6", ttl=64, id=0x1238, flags="DF") /
            UDP(sport=40000, dport=7) / BIG4,
            (3, 4, 1280), QUOTE4),
        # A 1400-byte IPv6 packet (1380 bytes with DF as IPv4) whose IPv4
        # route has MTU 1300: "packet too big", MTU 1300 + 20, from the
        # translator, quoting 1232 bytes.
        "v6-too-big": (
            IPv6(src=N6, dst="64:ff9b::192.0.2.4", hlim=64) /
            UDP(sport=40000, dport=7) / BIG6,
            (2, 0, 1320), QUOTE6),
        # 5.4: an untranslatable destination (routed into jool0, outside
        # pool6): type 1 code 1.
        "v6-untranslatable": (
            IPv6(src=N6, dst="2001:db8:dead::1", hlim=64) /
            UDP(sport=40000, dport=7) / PAYLOAD,
            (1, 1, 0)),
        # 5.1: a routing header with segments left: parameter problem,
        # code 0, pointer at Segments Left (40 + 3).
        "v6-routing": (
            IPv6(src=N6, dst="64:ff9b::192.0.2.4", hlim=64) /
            IPv6ExtHdrRouting(addresses=["2001:db8:6::99"], segleft=1) /
            UDP(sport=40000, dport=7) / PAYLOAD,
            (4, 0, 43)),
        # 5.1.1: an extension header after the Fragment Header ("dropped
        # and logged"), 5.4's default answer: type 1 code 1.
        "v6-frag-then-ext": (
            IPv6(src=N6, dst="64:ff9b::192.0.2.4", hlim=64) /
            IPv6ExtHdrFragment(nh=60, offset=0, m=1, id=0x1234) /
            IPv6ExtHdrDestOpt(nh=17) /
            UDP(sport=40000, dport=7, chksum=0x1234) / PAYLOAD,
            (1, 1, 0)),
        # IPv4's protocols in IPv6 (ICMPv4, IGMP) have no translation:
        # dropped, type 1 code 1.
        "v6-icmp4": (
            IPv6(src=N6, dst="64:ff9b::192.0.2.4", hlim=64, nh=1) /
            ICMP(type=8, id=7, seq=1) / PAYLOAD,
            (1, 1, 0)),
        "v6-igmp": (
            IPv6(src=N6, dst="64:ff9b::192.0.2.4", hlim=64, nh=2) /
            Raw(bytes.fromhex("1600fa3defc00001")),
            (1, 1, 0)),
        # 5.4: never about an ICMPv6 message.
        "v6-echo-untranslatable": (
            IPv6(src=N6, dst="2001:db8:dead::1", hlim=64) /
            ICMPv6EchoRequest(id=7, seq=1, data=PAYLOAD),
            None),
        # 4.4 + 4.5: a zero UDP checksum (amend-udp-checksum-zero off):
        # type 3 code 13.
        "v4-udp-zero": (
            IP(src=N4, dst="198.51.100.6", ttl=64, id=0x1234, flags=0) /
            UDP(sport=40000, dport=7, chksum=0) / PAYLOAD,
            (3, 13, 0)),
        # 4.4: no pool6, no EAMT: an echo request (not an error) is
        # answered with type 3 code 13.
        "v4-echo-no-pool6": (
            IP(src=N4, dst="198.51.100.6", ttl=64, id=0x1235, flags=0) /
            ICMP(type=8, id=7, seq=1) / PAYLOAD,
            (3, 13, 0)),
        # IPv6's ICMP in IPv4 has no translation: dropped, type 3 code 13.
        "v4-icmp6": (
            IP(src=N4, dst="198.51.100.6", ttl=64, id=0x1237, flags=0,
               proto=58) /
            Raw(bytes.fromhex("8000000000070001") + PAYLOAD),
            (3, 13, 0)),
        # 4.1: an unfinished loose source route: type 3 code 5.
        "v4-lsrr": (
            IP(src=N4, dst="198.51.100.6", ttl=64, id=0x1236, flags=0,
               options=[IPOption(b"\x83\x07\x04\xc6\x33\x64\x07\x00")]) /
            UDP(sport=40000, dport=7) / PAYLOAD,
            (3, 5, 0)),
    }


def quoted_expected(sent):
    """The packet as it arrived at the box: exactly the one sent."""
    return bytes(sent)


def main():
    name = sys.argv[1]
    sent, want, *quote_len = scenarios()[name]
    sent = sent.__class__(bytes(sent))   # fix lengths and checksums now
    v6 = sent.haslayer(IPv6)
    if v6:
        # Errors only (types below 128), not neighbour discovery.
        flt = "icmp6 and src host %s and ip6[40] < 128" % XLAT6
    else:
        flt = "icmp and src host %s and icmp[0] != 0" % XLAT4
    # Send only once the capture really runs: under emulation, starting it
    # can take longer than the answer takes to come back.
    ready = threading.Event()
    sniffer = AsyncSniffer(iface="v6" if v6 else "v4", filter=flt,
                           timeout=4, count=1, started_callback=ready.set)
    sniffer.start()
    ready.wait(10)
    time.sleep(0.2)
    send(sent, verbose=False)
    sniffer.join()
    got = sniffer.results or []
    if want is None:
        if got:
            print("unexpected error: %r" % got[0])
            return 1
        return 0
    if not got:
        print("no ICMP error arrived")
        return 1
    l3 = got[0].payload
    raw = bytes(l3)
    errors = []
    if v6:
        ip = IPv6(raw)
        if (socket.inet_pton(socket.AF_INET6, ip.dst) !=
                socket.inet_pton(socket.AF_INET6, N6) or ip.nh != 58):
            errors.append("outer header %s -> %s nh %d" % (ip.src, ip.dst, ip.nh))
        body = raw[40:40 + ip.plen]
        pseudo = (socket.inet_pton(socket.AF_INET6, ip.src) +
                  socket.inet_pton(socket.AF_INET6, ip.dst) +
                  len(body).to_bytes(4, "big") + b"\0\0\0\x3a")
        csum_ok = _inet_sum(pseudo + body) == 0
    else:
        ip = IP(raw)
        body = raw[ip.ihl * 4:ip.len]
        if ip.dst != N4 or ip.proto != 1:
            errors.append("outer header %s -> %s proto %d" % (ip.src, ip.dst, ip.proto))
        csum_ok = _inet_sum(body) == 0
    typ, code = body[0], body[1]
    word2 = int.from_bytes(body[4:8], "big")
    if (typ, code) != want[:2]:
        errors.append("type/code %d/%d, want %d/%d" % (typ, code, want[0], want[1]))
    if not v6 and word2 != want[2]:
        errors.append("bytes 4-7 %#x, want %#x" % (word2, want[2]))
    if v6 and word2 != want[2]:
        errors.append("pointer/MTU %d, want %d" % (word2, want[2]))
    if not csum_ok:
        errors.append("bad ICMP checksum")
    quoted = body[8:]
    exp = quoted_expected(sent)
    if quote_len:
        if len(quoted) != quote_len[0]:
            errors.append("quoted %d bytes, want %d" % (len(quoted), quote_len[0]))
        exp = exp[:quote_len[0]]
    if not v6:
        # RFC 792: the header plus at least 8 bytes; Linux quotes more.
        n = min(len(quoted), len(exp))
        if n < len(sent[IP]) - len(PAYLOAD) + 8 and n < len(exp):
            errors.append("quoted only %d bytes" % n)
        exp, quoted = exp[:n], quoted[:n]
    if quoted != exp:
        errors.append("quoted packet differs:\n  got  %s\n  want %s" %
                      (quoted.hex(), exp.hex()))
    for e in errors:
        print(e)
    return 1 if errors else 0


def _inet_sum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return 0xffff - s


if __name__ == "__main__":
    sys.exit(main())
