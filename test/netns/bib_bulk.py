#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
bib_bulk.py add DEV N V4ADDR: adds N static TCP BIB entries to DEV, one
request each (pipelined on one socket): V4ADDR#(1 + i % 12000) of the i/12000th
address after V4ADDR <-> 2001:db8::(i + 1)#1000. Prints the number of
requests that failed.

bib_bulk.py del DEV [addr6=A] [port6=P] [addr4=A] [port4=P]: sends one
JOOL_CMD_BIB_DEL (TCP) with exactly the attributes given, past joolctl's
checks. Prints "ok" or the kernel's extended-ack message (exit status 1).

bib_bulk.py dump DEV [CMD...]: dumps the BIB of DEV (JOOL_CMD_BIB_GET) and
runs CMD (if given) after the first message. Prints the number of entries,
of distinct entries and of messages.
"""
import ipaddress
import os
import socket
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import genl_set as g  # noqa: E402

JOOL_CMD_BIB_ADD = 17
JOOL_CMD_BIB_DEL = 18
JOOL_CMD_BIB_GET = 19
JOOL_A_BIB = 15
JOOL_A_BIB_ENTRY = 16
JOOL_BIB_PROTO, JOOL_BIB_ADDR6, JOOL_BIB_PORT6 = 1, 2, 3
JOOL_BIB_ADDR4, JOOL_BIB_PORT4 = 4, 5
NLM_F_DUMP = 0x300
NLMSG_DONE = 3
BATCH = 256


def open_sock():
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                         g.NETLINK_GENERIC)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
    sock.bind((0, 0))
    return sock, g.resolve(sock)


# Entry i: port 1 + i % PER_ADDR of address v4 + i // PER_ADDR.
PER_ADDR = 12000


def entry(i, base4):
    a4 = (base4 + i // PER_ADDR).to_bytes(4, "big")
    a6 = (ipaddress.IPv6Address("2001:db8::") + i + 1).packed
    return g.nest(JOOL_A_BIB_ENTRY,
                  g.attr(JOOL_BIB_PROTO, struct.pack("=B", 6)) +
                  g.attr(JOOL_BIB_ADDR6, a6) +
                  g.attr(JOOL_BIB_PORT6, struct.pack("=H", 1000)) +
                  g.attr(JOOL_BIB_ADDR4, a4) +
                  g.attr(JOOL_BIB_PORT4, struct.pack("=H", 1 + i % PER_ADDR)))


def messages(sock):
    """Every netlink message received, as (type, message), forever."""
    while True:
        data = sock.recv(1 << 20)
        while len(data) >= 16:
            mlen, mtype = struct.unpack_from("=IH", data)
            yield mtype, data[:mlen]
            data = data[(mlen + 3) & ~3:]


def read_acks(sock, n):
    failed = 0
    for mtype, msg in messages(sock):
        if mtype == g.NLMSG_ERROR:
            n -= 1
            failed += struct.unpack_from("=i", msg, 16)[0] != 0
        if not n:
            return failed


def add(dev, count, v4):
    sock, family = open_sock()
    base4 = int(ipaddress.IPv4Address(v4))
    name = g.attr(g.JOOL_A_IFNAME, dev.encode() + b"\0")
    failed = i = 0
    while i < count:
        n = min(BATCH, count - i)
        for k in range(i, i + n):
            body = struct.pack("=BBH", JOOL_CMD_BIB_ADD, 1, 0) + name + \
                entry(k, base4)
            sock.send(struct.pack("=IHHII", 16 + len(body), family,
                                  g.NLM_F_REQUEST | g.NLM_F_ACK, k, 0) +
                      body)
        failed += read_acks(sock, n)
        i += n
    print(failed)


def dump(dev, cmd):
    sock, family = open_sock()
    body = struct.pack("=BBH", JOOL_CMD_BIB_GET, 1, 0)
    body += g.attr(g.JOOL_A_IFNAME, dev.encode() + b"\0")
    sock.send(struct.pack("=IHHII", 16 + len(body), family,
                          g.NLM_F_REQUEST | NLM_F_DUMP, 1, 0) + body)
    seen = []
    msgs = 0
    for mtype, msg in messages(sock):
        if mtype == g.NLMSG_ERROR:
            print("error", struct.unpack_from("=i", msg, 16)[0])
            return 1
        if mtype == NLMSG_DONE:
            print(len(seen), len(set(seen)), f"({msgs} messages)")
            return 0
        msgs += 1
        lst = g.attrs(msg[20:]).get(JOOL_A_BIB, b"")
        for _, e in g.attrs_list(lst):
            a = g.attrs(e)
            seen.append((a[JOOL_BIB_ADDR4], a[JOOL_BIB_PORT4][:2]))
        if msgs == 1 and cmd:
            subprocess.run(cmd, check=True)


def delete(dev, specs):
    sock, family = open_sock()
    sock.setsockopt(g.SOL_NETLINK, g.NETLINK_EXT_ACK, 1)
    ent = g.attr(JOOL_BIB_PROTO, struct.pack("=B", 6))
    for spec in specs:
        key, val = spec.split("=", 1)
        if key.startswith("addr"):
            ent += g.attr(JOOL_BIB_ADDR6 if key == "addr6" else
                          JOOL_BIB_ADDR4, ipaddress.ip_address(val).packed)
        else:
            ent += g.attr(JOOL_BIB_PORT6 if key == "port6" else
                          JOOL_BIB_PORT4, struct.pack("=H", int(val)))
    payload = g.attr(g.JOOL_A_IFNAME, dev.encode() + b"\0") + \
        g.nest(JOOL_A_BIB_ENTRY, ent)
    err, ext, _ = g.request(sock, family, JOOL_CMD_BIB_DEL, payload)
    print(ext or os.strerror(-err) if err else "ok")
    return 1 if err else 0


def main():
    if sys.argv[1] == "del":
        return delete(sys.argv[2], sys.argv[3:])
    if sys.argv[1] == "add":
        add(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return 0
    return dump(sys.argv[2], sys.argv[3:])


if __name__ == "__main__":
    sys.exit(main())
