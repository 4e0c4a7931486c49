#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
genl_set.py DEV GLOBAL...: sends one JOOL_CMD_SET_GLOBALS for DEV with the
given globals, encoded as written, past joolctl's own checks, so that the
tests can see what the kernel itself accepts. Prints "ok", or the kernel's
extended-ack message (exit status 1).

Each GLOBAL is TYPE:NUMBER:VALUE, NUMBER being the JOOL_GLOBAL_* value:
  u8:12:3             a u8
  u32:11:1279         a u32
  plateaus:7:1500,0   a nest of JOOL_PLATEAU u16s ("" for an empty nest)
  prefix:8:ADDR/LEN   a prefix nest (ADDR IPv4 or IPv6; "" for empty)
"""
import ipaddress
import os
import socket
import struct
import sys

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_EXT_ACK = 11
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLMSG_ERROR = 2
NLM_F_REQUEST = 1
NLM_F_ACK = 4
NLM_F_DUMP = 0x300
NLM_F_CAPPED = 0x100
NLM_F_ACK_TLVS = 0x200
NLA_F_NESTED = 0x8000
NLMSGERR_ATTR_MSG = 1

JOOL_CMD_SET_GLOBALS = 2
JOOL_A_IFNAME = 2
JOOL_A_GLOBALS = 4
JOOL_PLATEAU = 1
JOOL_PREFIX_ADDR = 1
JOOL_PREFIX_LEN = 2


def attr(atype, payload):
    hdr = struct.pack("=HH", 4 + len(payload), atype)
    return hdr + payload + b"\0" * (-len(payload) % 4)


def nest(atype, payload):
    return attr(atype | NLA_F_NESTED, payload)


def attrs(data):
    out = {}
    while len(data) >= 4:
        alen, atype = struct.unpack_from("=HH", data)
        if alen < 4:
            break
        out[atype & 0x3fff] = data[4:alen]
        data = data[(alen + 3) & ~3:]
    return out


def attrs_list(data):
    """Every attribute of @data, in order (repeated types included)."""
    out = []
    while len(data) >= 4:
        alen, atype = struct.unpack_from("=HH", data)
        if alen < 4:
            break
        out.append((atype & 0x3fff, data[4:alen]))
        data = data[(alen + 3) & ~3:]
    return out


def resolve(sock):
    """The jool_netdev family id, or None."""
    name = attr(CTRL_ATTR_FAMILY_NAME, b"jool_netdev\0")
    err, _, reply = request(sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, name)
    if err or reply is None:
        return None
    return struct.unpack("=H", attrs(reply)[CTRL_ATTR_FAMILY_ID][:2])[0]


def start_dump(cmd, dev):
    """Sends the dump request CMD for device DEV on a new socket and
    returns the socket, or None if the family is not registered. The
    caller reads the dump (or does not)."""
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    sock.bind((0, 0))
    family = resolve(sock)
    if family is None:
        sock.close()
        return None
    body = struct.pack("=BBH", cmd, 1, 0)
    body += attr(JOOL_A_IFNAME, dev.encode() + b"\0")
    hdr = struct.pack("=IHHII", 16 + len(body), family,
                      NLM_F_REQUEST | NLM_F_DUMP, 1, 0)
    sock.send(hdr + body)
    return sock


def request(sock, mtype, cmd, payload):
    genl = struct.pack("=BBH", cmd, 1, 0)
    body = genl + payload
    hdr = struct.pack("=IHHII", 16 + len(body), mtype,
                      NLM_F_REQUEST | NLM_F_ACK, 1, 0)
    sock.send(hdr + body)
    reply = None
    while True:
        data = sock.recv(65536)
        while len(data) >= 16:
            mlen, mt, flags, _, _ = struct.unpack_from("=IHHII", data)
            msg, data = data[:mlen], data[(mlen + 3) & ~3:]
            if mt != NLMSG_ERROR:
                reply = msg[20:]
                continue
            err = struct.unpack_from("=i", msg, 16)[0]
            ext = ""
            if flags & NLM_F_ACK_TLVS:
                if flags & NLM_F_CAPPED:
                    tlvs = msg[16 + 4 + 16:]
                else:
                    olen = struct.unpack_from("=I", msg, 20)[0]
                    tlvs = msg[16 + 4 + ((olen + 3) & ~3):]
                m = attrs(tlvs).get(NLMSGERR_ATTR_MSG)
                if m:
                    ext = m.rstrip(b"\0").decode()
            return err, ext, reply


def encode(spec):
    kind, num, val = spec.split(":", 2)
    num = int(num)
    if kind == "u8":
        return attr(num, struct.pack("=B", int(val)))
    if kind == "u32":
        return attr(num, struct.pack("=I", int(val)))
    if kind == "plateaus":
        vals = [int(v) for v in val.split(",")] if val else []
        return nest(num, b"".join(attr(JOOL_PLATEAU, struct.pack("=H", v))
                                  for v in vals))
    if kind == "prefix":
        if not val:
            return nest(num, b"")
        addr, plen = val.split("/")
        packed = ipaddress.ip_address(addr).packed
        return nest(num, attr(JOOL_PREFIX_ADDR, packed) +
                    attr(JOOL_PREFIX_LEN, struct.pack("=B", int(plen))))
    raise SystemExit(f"unknown type {kind}")


def main():
    dev, specs = sys.argv[1], sys.argv[2:]
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    sock.bind((0, 0))
    family = resolve(sock)
    if family is None:
        print("no jool_netdev family")
        return 1
    payload = attr(JOOL_A_IFNAME, dev.encode() + b"\0")
    payload += nest(JOOL_A_GLOBALS, b"".join(encode(s) for s in specs))
    err, ext, _ = request(sock, family, JOOL_CMD_SET_GLOBALS, payload)
    if err:
        print(ext or os.strerror(-err))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
