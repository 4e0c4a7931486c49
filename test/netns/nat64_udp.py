#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""UDP endpoints for test/netns/80-nat64.sh.

  nat64_udp.py echo ADDR PORT N       answer N datagrams with the sender's
                                      "address port" (the NAT64 mapping)
  nat64_udp.py ask DST PORT SPORT OUT [WAIT]
                                      ask the echo server from [::]:SPORT,
                                      write its answer as the first line of
                                      OUT, then wait (WAIT s, default 5) for
                                      one more datagram from anyone and
                                      append it
  nat64_udp.py send DST PORT MSG      send MSG once from any port
  nat64_udp.py refused DST PORT       succeed when DST refuses the
                                      datagram (ICMP port unreachable:
                                      ECONNREFUSED), trying 3 times
  nat64_udp.py flows SRC DST PORT SPORT N
                                      one datagram from each of SRC's
                                      ports SPORT to SPORT + N - 1 (N new
                                      UDP flows, test/netns/86-nat64-blocks.sh)
Each exits 1 on a 5-second timeout.
"""
import socket
import sys


def family(addr):
    return socket.AF_INET6 if ':' in addr else socket.AF_INET


def main():
    mode = sys.argv[1]
    if mode == 'echo':
        addr, port, n = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
        s = socket.socket(family(addr), socket.SOCK_DGRAM)
        s.bind((addr, port))
        s.settimeout(15)
        for _ in range(n):
            _, peer = s.recvfrom(2048)
            s.sendto(('%s %d' % (peer[0], peer[1])).encode(), peer)
        return 0
    if mode == 'ask':
        dst, port, sport, out = sys.argv[2:6]
        wait = float(sys.argv[6]) if len(sys.argv) > 6 else 5
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        s.bind(('::', int(sport)))
        s.settimeout(5)
        s.sendto(b'hello', (dst, int(port)))
        data, _ = s.recvfrom(2048)
        with open(out, 'w') as f:
            f.write(data.decode() + '\n')
        s.settimeout(wait)
        data, peer = s.recvfrom(2048)
        with open(out, 'a') as f:
            f.write('%s from %s\n' % (data.decode(), peer[0]))
        return 0
    if mode == 'send':
        dst, port, msg = sys.argv[2], int(sys.argv[3]), sys.argv[4]
        s = socket.socket(family(dst), socket.SOCK_DGRAM)
        s.sendto(msg.encode(), (dst, port))
        return 0
    if mode == 'flows':
        src, dst, port = sys.argv[2], sys.argv[3], int(sys.argv[4])
        sport, n = int(sys.argv[5]), int(sys.argv[6])
        for p in range(sport, sport + n):
            s = socket.socket(family(dst), socket.SOCK_DGRAM)
            s.bind((src, p))
            s.sendto(b'flow', (dst, port))
            s.close()
        return 0
    if mode == 'refused':
        dst, port = sys.argv[2], int(sys.argv[3])
        s = socket.socket(family(dst), socket.SOCK_DGRAM)
        s.settimeout(2)
        s.connect((dst, port))
        for _ in range(3):
            try:
                s.send(b'anyone?')
                s.recv(2048)
            except ConnectionRefusedError:
                return 0
            except socket.timeout:
                pass
        return 1
    return 2


if __name__ == '__main__':
    try:
        sys.exit(main())
    except socket.timeout:
        sys.exit(1)
