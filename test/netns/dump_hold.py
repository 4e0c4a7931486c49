#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
dump_hold.py DEV SECONDS: starts a dump of DEV's EAMT (JOOL_CMD_EAMT_GET)
and never reads it, holding the socket open for SECONDS. Prints "holding"
once the request is sent, when the kernel has written the first part of the
dump and keeps the rest for later reads that never come.
"""
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import genl_set  # noqa: E402

JOOL_CMD_EAMT_GET = 7
NLM_F_DUMP = 0x300


def main():
    dev, seconds = sys.argv[1], float(sys.argv[2])
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                         genl_set.NETLINK_GENERIC)
    sock.bind((0, 0))
    family = genl_set.resolve(sock)
    if family is None:
        print("no jool_netdev family")
        return 1
    body = struct.pack("=BBH", JOOL_CMD_EAMT_GET, 1, 0)
    body += genl_set.attr(genl_set.JOOL_A_IFNAME, dev.encode() + b"\0")
    hdr = struct.pack("=IHHII", 16 + len(body), family,
                      genl_set.NLM_F_REQUEST | NLM_F_DUMP, 1, 0)
    sock.send(hdr + body)
    print("holding", flush=True)
    time.sleep(seconds)
    sock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
