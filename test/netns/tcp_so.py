#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Packets for 82-nat64-tcp.sh: stored IPv4 SYNs (simultaneous open) and
the probe of an expired ESTABLISHED session (RFC 6146 3.5.2.2).

    tcp_so.py syn SECONDS SPORT:DST:DPORT:AT[:SEQ]...
        (in n4) send IPv4 SYNs 192.0.2.4:SPORT -> DST:DPORT, each AT
        seconds after the first (sequence number SEQ, default 123456),
        printing "sent N" for the Nth; listen SECONDS in all for ICMP
        errors quoting them; print one line per error, "icmp N TYPE CODE
        AFTER QUOTE" (AFTER: seconds since SYN N was sent, QUOTE: "same"
        if the quoted bytes are the SYN as sent, else "differs"), then
        "done".
    tcp_so.py listen ADDR PORT
        (in n4) accept one TCP connection; print "peer ADDR PORT"; echo
        one line back.
    tcp_so.py connect SRC SPORT DST DPORT TRIGGER
        (in n6) once the file TRIGGER exists (started beforehand: python
        starts slowly on a loaded emulated CPU, and a stored SYN waits 6
        seconds only), connect from SRC#SPORT, send a line, print "echo"
        if it comes back.
    tcp_so.py probe SRC SECONDS
        (in n6) wait SECONDS at most for a TCP segment from SRC with
        sequence and acknowledgment numbers 0 and only the ACK flag, no
        data; print "probe SPORT DPORT" if one came, else "none".
"""
import logging
import os
import socket
import sys
import time

os.environ.setdefault("SCAPY_USE_LIBPCAP", "no")
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.config import conf  # noqa: E402

conf.ipv6_enabled = True
from scapy.layers.inet import ICMP, IP, TCP  # noqa: E402
from scapy.layers.inet6 import IPv6  # noqa: E402
from scapy.sendrecv import AsyncSniffer, send  # noqa: E402


def syn(seconds, specs):
    pkts = []
    for spec in specs:
        f = spec.split(":")
        pkts.append((float(f[3]), IP(src="192.0.2.4", dst=f[1], ttl=64,
                                     id=4242) /
                     TCP(sport=int(f[0]), dport=int(f[2]), flags="S",
                         seq=int(f[4]) if len(f) > 4 else 123456,
                         window=1000)))
    sniffer = AsyncSniffer(iface="v4", filter="icmp", store=True)
    sniffer.start()
    time.sleep(0.5)
    t0 = time.time()
    sent = []
    for i, (at, pkt) in enumerate(pkts):
        time.sleep(max(0, t0 + at - time.time()))
        sent.append((time.time(), bytes(pkt)))
        send(pkt, verbose=False)
        print("sent %d" % i, flush=True)
    time.sleep(max(0, t0 + seconds - time.time()))
    got = sniffer.stop() or []
    for p in got:
        if IP not in p or ICMP not in p or p[ICMP].type not in (3, 11, 12):
            continue
        quote = bytes(p[ICMP].payload)
        for i, (when, b) in enumerate(sent):
            # Addresses, ports and sequence number: which SYN it quotes.
            if quote[12:20] == b[12:20] and quote[20:28] == b[20:28]:
                print("icmp %d %d %d %.1f %s" % (
                    i, p[ICMP].type, p[ICMP].code, float(p.time) - when,
                    "same" if quote[:len(b)] == b else "differs"),
                    flush=True)
    print("done", flush=True)


def listen(addr, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(1)
    s.settimeout(120)
    conn, peer = s.accept()
    print("peer %s %d" % peer, flush=True)
    conn.settimeout(10)
    conn.sendall(conn.recv(100))
    conn.close()


def connect(src, sport, dst, dport, trigger):
    while not os.path.exists(trigger):
        time.sleep(0.01)
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((src, sport))
    s.settimeout(10)
    s.connect((dst, dport))
    s.sendall(b"so\n")
    if s.recv(100) == b"so\n":
        print("echo", flush=True)


def probe(src, seconds):
    def is_probe(p):
        return (IPv6 in p and TCP in p and p[IPv6].src == src and
                p[TCP].seq == 0 and p[TCP].ack == 0 and
                int(p[TCP].flags) == 0x10 and not len(p[TCP].payload))

    sniffer = AsyncSniffer(iface="v6", filter="tcp", store=True,
                           stop_filter=is_probe, timeout=seconds)
    sniffer.start()
    sniffer.join()
    for p in sniffer.results or []:
        if is_probe(p):
            print("probe %d %d" % (p[TCP].sport, p[TCP].dport), flush=True)
            return
    print("none", flush=True)


def main():
    a = sys.argv[1:]
    if a[:1] == ["syn"] and len(a) >= 3:
        syn(float(a[1]), a[2:])
    elif a[:1] == ["listen"] and len(a) == 3:
        listen(a[1], int(a[2]))
    elif a[:1] == ["connect"] and len(a) == 6:
        connect(a[1], int(a[2]), a[3], int(a[4]), a[5])
    elif a[:1] == ["probe"] and len(a) == 3:
        probe(a[1], float(a[2]))
    else:
        sys.exit(__doc__)


main()
