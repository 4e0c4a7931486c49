#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
# A TCP connection that talks when told to, for the idle-timeout tests of
# 81-nat64-clients.sh.
#
#   tcp_idle.py serve ADDR PORT   echo every line back, any number of clients
#   tcp_idle.py talk ADDR PORT    connect, print "connected LOCALPORT"; then
#                                 for every line read on stdin, send it and
#                                 print "echo LINE" when it comes back, or
#                                 "no-echo LINE" after 3 seconds
import socket
import sys
import threading


def serve_one(conn):
    with conn:
        f = conn.makefile("rb")
        for line in f:
            conn.sendall(line)


def serve(addr, port):
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(8)
    while True:
        conn, _ = s.accept()
        threading.Thread(target=serve_one, args=(conn,), daemon=True).start()


def talk(addr, port):
    s = socket.create_connection((addr, port), timeout=10)
    print("connected %d" % s.getsockname()[1], flush=True)
    buf = b""
    for line in sys.stdin:
        word = line.strip()
        s.sendall(word.encode() + b"\n")
        s.settimeout(3)
        try:
            while b"\n" not in buf:
                data = s.recv(4096)
                if not data:
                    break
                buf += data
        except socket.timeout:
            pass
        got, sep, buf = buf.partition(b"\n")
        if sep and got.decode() == word:
            print("echo " + word, flush=True)
        else:
            # A late echo must not count for the next line.
            buf = b""
            print("no-echo " + word, flush=True)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("serve", "talk"):
        sys.exit("usage: tcp_idle.py {serve|talk} ADDR PORT")
    (serve if sys.argv[1] == "serve" else talk)(sys.argv[2], int(sys.argv[3]))


main()
