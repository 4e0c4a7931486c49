#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Checks every IP packet of a capture: header and upper-layer checksums
recomputed from scratch, and the TTL / hop limit.

    pcap_check.py FILE --family 4|6 [--ttl N] [--min N]

Exits non-zero (and says why) if any packet is wrong or fewer than --min
packets were checked.
"""
import argparse
import sys

from scapy.all import ICMP, IP, TCP, UDP, IPv6, rdpcap, raw
from scapy.layers.inet6 import _ICMPv6


def recomputed(l3, field, upper):
    """The checksum scapy computes for a copy of l3 whose field (in the
    upper layer if upper, else in l3 itself) is left for scapy to fill."""
    copy = l3.__class__(raw(l3))
    setattr(copy.payload if upper else copy, field, None)
    again = l3.__class__(raw(copy))
    return getattr(again.payload if upper else again, field)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pcap")
    ap.add_argument("--family", type=int, choices=(4, 6), required=True)
    ap.add_argument("--ttl", type=int)
    ap.add_argument("--min", type=int, default=1)
    args = ap.parse_args()

    checked = 0
    errors = []
    for n, pkt in enumerate(rdpcap(args.pcap), 1):
        l3 = pkt.getlayer(IP if args.family == 4 else IPv6)
        if l3 is None:
            continue
        checked += 1
        if args.family == 4:
            if recomputed(l3, "chksum", False) != l3.chksum:
                errors.append(f"#{n}: bad IPv4 header checksum {l3.chksum:#06x}")
            hops = l3.ttl
        else:
            hops = l3.hlim
        if args.ttl is not None and hops != args.ttl:
            errors.append(f"#{n}: TTL/hop limit {hops}, expected {args.ttl}")
        l4 = l3.payload
        if isinstance(l4, (TCP, UDP)) or (args.family == 4 and isinstance(l4, ICMP)):
            field = "chksum"
        elif args.family == 6 and isinstance(l4, _ICMPv6):
            field = "cksum"
        else:
            continue
        if recomputed(l3, field, True) != getattr(l4, field):
            errors.append(f"#{n}: bad {l4.__class__.__name__} checksum")

    for e in errors[:20]:
        print(e)
    print(f"{args.pcap}: {checked} packets checked, {len(errors)} errors")
    if checked < args.min:
        print(f"expected at least {args.min} packets")
        return 1
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
