#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
Big UDP datagrams for test/netns/65-frag.sh.

    udp_big.py recv PORT READYFILE   one datagram: prints "LEN SHA256"
    udp_big.py send ADDR PORT LEN [df0]
    udp_big.py hash LEN              what recv must print for LEN bytes

The payload is deterministic. "df0" sends without DF (IP_PMTUDISC_DONT):
one IPv4 packet, however big, that routers may fragment.
"""
import hashlib
import socket
import sys

IP_MTU_DISCOVER = 10
IP_PMTUDISC_DONT = 0


def data(n):
    return bytes((i * 7 + (i >> 8) + 3) & 0xff for i in range(n))


def line(d):
    return "%d %s" % (len(d), hashlib.sha256(d).hexdigest())


def main():
    mode = sys.argv[1]
    if mode == "hash":
        print(line(data(int(sys.argv[2]))))
    elif mode == "recv":
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        s.bind(("::", int(sys.argv[2])))
        s.settimeout(60)
        open(sys.argv[3], "w").close()
        d, _ = s.recvfrom(65535)
        print(line(d))
    else:
        addr, port, n = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
        fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
        s = socket.socket(fam, socket.SOCK_DGRAM)
        if len(sys.argv) > 5 and sys.argv[5] == "df0":
            s.setsockopt(socket.IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DONT)
        s.sendto(data(n), (addr, port))


main()
