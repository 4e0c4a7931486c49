#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Fragments for test/netns/83-nat64-frag.sh, written as Ethernet frames
on a veth (AF_PACKET), so their order and size are exactly as asked.

    nat64_frag.py send IFACE DSTMAC FAMILY SRC DST PROTO SPORT DPORT LEN ID
                  FRAGSIZE ORDER [SPORT2 ID2]
        One datagram of LEN payload bytes (TCP: a SYN carrying them) cut
        into FRAGSIZE-byte fragments (a multiple of 8) sent in ORDER:
        "in" (in order), "rev" (reversed), "later" (all but the first), "first"
        (only the first); with SPORT2 ID2, a second datagram whose
        fragments interleave with the first one's (to DPORT + 1).
    nat64_frag.py burst IFACE DSTMAC SRC DST COUNT
        COUNT later IPv6 fragments of COUNT datagrams, never completed.
    nat64_frag.py check PCAP FAMILY PROTO DPORT LEN --seed SPORT [--sport N]
                  [--max N] [--whole] [--count N]
        The datagrams to DPORT in the capture, reassembled: COUNT (1) of
        them, each with LEN payload bytes as "send" makes them from port
        SPORT (before NAT64 changed it), and a
        correct checksum; --max: no packet bigger than N bytes (IPv6: each
        with a Fragment Header); --whole: each came as one packet without DF.
"""
import argparse
import socket
import sys

from scapy.all import (IP, TCP, UDP, Ether, IPv6, IPv6ExtHdrFragment, Raw,
                       defragment, raw, rdpcap)


def data(n, seed):
    """The payload of a datagram sent from port seed."""
    return bytes((i * 7 + (i >> 8) + seed) & 0xff for i in range(n))


def l4_bytes(family, src, dst, proto, sport, dport, n):
    """The upper layer of the whole datagram, checksum computed."""
    if proto == "udp":
        l4 = UDP(sport=sport, dport=dport)
    else:
        l4 = TCP(sport=sport, dport=dport, flags="S", seq=1000)
    l3 = IP(src=src, dst=dst) if family == 4 else IPv6(src=src, dst=dst)
    return raw(l3 / l4 / Raw(data(n, sport)))[20 if family == 4 else 40:]


def fragments(family, src, dst, proto, sport, dport, n, ident, size):
    body = l4_bytes(family, src, dst, proto, sport, dport, n)
    nh = 17 if proto == "udp" else 6
    out = []
    for off in range(0, len(body), size):
        piece = body[off:off + size]
        more = off + size < len(body)
        if family == 4:
            pkt = IP(src=src, dst=dst, id=ident, proto=nh, ttl=64,
                     flags="MF" if more else 0, frag=off // 8) / Raw(piece)
        else:
            pkt = (IPv6(src=src, dst=dst, hlim=64) /
                   IPv6ExtHdrFragment(nh=nh, offset=off // 8, m=int(more),
                                      id=ident) / Raw(piece))
        out.append(pkt)
    return out


def ordered(frags, order):
    if order == "rev":
        return frags[::-1]
    if order == "later":
        return frags[1:]
    if order == "first":
        return frags[:1]
    return frags


def sender(iface, dstmac, family):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    eth = Ether(dst=dstmac, src="02:00:00:00:00:01",
                type=0x0800 if family == 4 else 0x86dd)
    return lambda pkt: s.send(raw(eth / pkt))


def cmd_send(a):
    fam = int(a.family)
    def mk(sport, dport, ident):
        return ordered(fragments(fam, a.src, a.dst, a.proto, int(sport),
                                 int(dport), int(a.len), int(ident, 0),
                                 int(a.fragsize)), a.order)

    flows = [mk(a.sport, a.dport, a.id)]
    if a.sport2:
        # The second flow: its own ports (one more) and identification.
        flows.append(mk(int(a.sport2), int(a.dport) + 1, a.id2))
    send = sender(a.iface, a.dstmac, fam)
    for i in range(max(len(f) for f in flows)):
        for f in flows:
            if i < len(f):
                send(f[i])


def cmd_burst(a):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((a.iface, 0))
    frame = bytearray(raw(
        Ether(dst=a.dstmac, src="02:00:00:00:00:01", type=0x86dd) /
        IPv6(src=a.src, dst=a.dst) /
        IPv6ExtHdrFragment(nh=17, offset=1000, m=1, id=0) /
        Raw(bytes(1200))))
    # Built once (scapy is slow); only the identification changes.
    id_at = 14 + 40 + 4
    for i in range(int(a.count)):
        frame[id_at:id_at + 4] = (0x10000 + i).to_bytes(4, "big")
        s.send(frame)


def reassemble6(pkts):
    """The packets, their fragments reassembled (complete datagrams only;
    scapy's defragment6() mixes datagrams up)."""
    whole, groups = [], {}
    for p in pkts:
        if IPv6ExtHdrFragment in p:
            groups.setdefault(p[IPv6ExtHdrFragment].id, []).append(p)
        else:
            whole.append(p)
    for frags in groups.values():
        frags.sort(key=lambda p: p[IPv6ExtHdrFragment].offset)
        body = b""
        for p in frags:
            fh = p[IPv6ExtHdrFragment]
            if fh.offset * 8 != len(body):
                break
            body += raw(fh.payload)
        else:
            last = frags[-1][IPv6ExtHdrFragment]
            if not last.m:
                first = frags[0]
                whole.append(IPv6(src=first.src, dst=first.dst,
                                  nh=frags[0][IPv6ExtHdrFragment].nh,
                                  plen=len(body)) / Raw(body))
    return whole


def csum_ok(l3, l4):
    copy = l3.__class__(raw(l3))
    copy.payload.chksum = None
    return l3.__class__(raw(copy)).payload.chksum == l4.chksum


def cmd_check(a):
    fam = int(a.family)
    L3 = IP if fam == 4 else IPv6
    L4 = UDP if a.proto == "udp" else TCP
    pkts = [p[L3] for p in rdpcap(a.pcap) if L3 in p]
    errors = []
    if a.max:
        for p in pkts:
            size = len(raw(p))
            if size > a.max:
                errors.append(f"a {size}-byte packet (max {a.max})")
            if fam == 6 and IPv6ExtHdrFragment not in p:
                errors.append("an IPv6 packet without a Fragment Header")
    if a.whole:
        for p in pkts:
            if L4 in p and p[L4].dport == a.dport and (p.flags or p.frag):
                errors.append(f"flags {p.flags} offset {p.frag}: not whole, or DF")
    whole = defragment(pkts) if fam == 4 else reassemble6(pkts)
    found = 0
    for p in whole:
        p = L3(raw(p))
        if L4 not in p or p[L4].dport != a.dport:
            continue
        if a.sport and p[L4].sport != a.sport:
            continue
        found += 1
        l4 = p[L4]
        got = bytes(l4.payload)
        if got != data(a.len, a.seed):
            errors.append(f"payload of {len(got)} bytes differs from the {a.len} sent")
        if not csum_ok(p, l4):
            errors.append(f"bad {a.proto} checksum {l4.chksum:#06x}")
    if found != a.count:
        errors.append(f"{found} datagrams to port {a.dport}, expected {a.count}")
    for e in errors[:10]:
        print(e)
    print(f"{len(pkts)} packets, {found} datagrams to port {a.dport}")
    sys.exit(1 if errors else 0)


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("send")
    for f in ("iface", "dstmac", "family", "src", "dst", "proto", "sport",
              "dport", "len", "id", "fragsize", "order"):
        s.add_argument(f)
    s.add_argument("sport2", nargs="?")
    s.add_argument("id2", nargs="?")
    b = sub.add_parser("burst")
    for f in ("iface", "dstmac", "src", "dst", "count"):
        b.add_argument(f)
    c = sub.add_parser("check")
    c.add_argument("pcap")
    c.add_argument("family")
    c.add_argument("proto")
    c.add_argument("dport", type=int)
    c.add_argument("len", type=int)
    c.add_argument("--sport", type=int)
    c.add_argument("--seed", type=int, required=True,
                   help="the sender's source port, which made the payload")
    c.add_argument("--max", type=int)
    c.add_argument("--whole", action="store_true")
    c.add_argument("--count", type=int, default=1)
    a = ap.parse_args()
    {"send": cmd_send, "burst": cmd_burst, "check": cmd_check}[a.cmd](a)


if __name__ == "__main__":
    main()
