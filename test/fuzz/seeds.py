#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
Seed corpora for the fuzz targets, made from the conformance cases
(test/conformance/cases/*.py): each case's packet, behind a configuration
block (test/fuzz/fuzz.h, "the input layout") that encodes the case's
topology and globals (pool6, EAMs, denylist4, knobs).

    seeds.py OUTDIR

writes OUTDIR/<target>/<case id> for every target; nothing is kept in the
tree. Needs scapy (python3-scapy), as the conformance suite does.
"""
import ipaddress
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONF = os.path.join(HERE, "..", "conformance")
sys.modules.setdefault("cryptography", None)	# see conformance/run.py
sys.dont_write_bytecode = True
sys.path.insert(0, CONF)
import run  # noqa: E402  (the conformance runner: its case loader)
from casedef import TOPOLOGIES, raw  # noqa: E402

POOL6_LENS = (32, 40, 48, 56, 64, 96)
HAIRPIN = {"off": 0, "simple": 1, "intrinsic": 2}
# src/config.c's defaults.
PLATEAUS = (65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68)
FIRST_PULL = 0		# the glue's first pull
TRUE = ("true", "1", "yes", "on")


def prefix(s):
    net = ipaddress.ip_network(s, strict=False)
    return net.network_address.packed, net.prefixlen


def cfg_block(topo, glob, pkt_flags=0, random=0):
    """The configuration block of fuzz.h (FUZZ_CFG_VERSION 1)."""
    flags = 0x40 if glob.get("randomize-rfc6791-addresses", "true") in TRUE else 0
    pool6 = bytes(12)
    sel = HAIRPIN[glob.get("eam-hairpin-mode", "intrinsic")] << 4
    if topo.pool6:
        addr, plen = prefix(topo.pool6)
        flags |= 0x01
        sel |= POOL6_LENS.index(plen)
        pool6 = addr[:12]
    if glob.get("zeroize-traffic-class") in TRUE:
        flags |= 0x02
    if glob.get("override-tos") in TRUE:
        flags |= 0x04
    if glob.get("amend-udp-checksum-zero") in TRUE:
        flags |= 0x08
    r4, r4len = bytes(4), 0
    if "rfc6791v4-prefix" in glob:
        r4, r4len = prefix(glob["rfc6791v4-prefix"])
        flags |= 0x10
    r6, r6len = bytes(16), 0
    if "rfc6791v6-prefix" in glob:
        r6, r6len = prefix(glob["rfc6791v6-prefix"])
        flags |= 0x20
    plateaus = PLATEAUS
    if "mtu-plateaus" in glob:
        plateaus = tuple(int(v) for v in glob["mtu-plateaus"].split(","))
    b = bytes([flags, sel, int(glob.get("tos", "0"))]) + pool6
    b += bytes([r4len]) + r4 + bytes([r6len]) + r6
    b += bytes([len(plateaus)]) + struct.pack("!16H", *(plateaus + (0,) * (16 - len(plateaus))))
    # Packet metadata: no offload, not hairpinned, ids and MTUs unknown.
    b += bytes([pkt_flags]) + struct.pack("!HHHI4s16sHHH", 0, 0, 0, random,
                                          bytes(4), bytes(16), 0, 0,
                                          FIRST_PULL)
    b += bytes([len(topo.eamt)])
    for p6, p4 in topo.eamt:
        a6, l6 = prefix(p6)
        a4, l4 = prefix(p4)
        b += bytes([l6, l4]) + a4 + a6
    b += bytes([len(topo.denylist4)])
    for p in topo.denylist4:
        a4, l4 = prefix(p)
        b += bytes([l4]) + a4
    return b


def tables_seed(topo):
    """Operations of the tables target that build the topology's tables."""
    b = b""
    for p6, p4 in topo.eamt:
        a6, l6 = prefix(p6)
        a4, l4 = prefix(p4)
        b += bytes([0x08, l6, l4]) + a4 + a6 + bytes(22)	# add, forced
    for p in topo.denylist4:
        a4, l4 = prefix(p)
        b += bytes([0x03, l4]) + a4
    return b


def seed(outdir, c, cid, v6, pkt):
    """The seeds of one packet @pkt of case @c, named @cid."""
    data = cfg_block(TOPOLOGIES[c.topo], c.globals) + pkt
    write(outdir, "xlat64" if v6 else "xlat46", cid, data)
    # The same packet through NAT64 (fuzz.h: packet flag 0x10), the
    # session's ports 61001 and 80 (random's halves).
    write(outdir, "xlat64" if v6 else "xlat46", cid + "-nat64",
          cfg_block(TOPOLOGIES[c.topo], c.globals, 0x10,
                    61001 | 80 << 16) + pkt)
    write(outdir, "icmp_err64" if v6 else "icmp_err46", cid, data)
    # drop_icmp: family, no reason yet, no pointer, all linear.
    write(outdir, "drop_icmp", cid,
          bytes([0x80 if v6 else 0]) + struct.pack("!HH", 0, len(pkt)) + pkt)


def write(outdir, target, name, data):
    with open(os.path.join(outdir, target, name), "wb") as f:
        f.write(data)


def sent(c):
    """(id, sender, packet) of each packet a case or a NAT64 flow sends."""
    if not hasattr(c, "steps"):
        yield c.id, c.sender, c.send
        return
    for i, step in enumerate(c.steps):
        if step.send is not None:
            yield "%s-%d" % (c.id, i), step.sender, step.send


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: seeds.py OUTDIR")
    outdir = sys.argv[1]
    for t in ("xlat64", "xlat46", "icmp_err64", "icmp_err46", "drop_icmp",
              "tables"):
        os.makedirs(os.path.join(outdir, t), exist_ok=True)
    n = 0
    for c in run.load_cases():
        for cid, sender, send in sent(c):
            seed(outdir, c, cid, sender == "n6", raw(send))
            n += 1
    for name, topo in TOPOLOGIES.items():
        write(outdir, "tables", name, tables_seed(topo) or b"\x05")
    print("seeds: %d packets, %d topologies in %s" % (n, len(TOPOLOGIES), outdir))


if __name__ == "__main__":
    main()
