#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Long-lived client flows for test/netns/88-nat64-ecmp.sh.

    ecmp_flows.py serve ADDR PORT
        (on the IPv4 server) answer every line on every TCP connection,
        and every UDP datagram, to PORT with "ADDR PORT WORD": the
        sender's transport address as the server sees it (the NAT64
        mapping) and the line or datagram it got.
    ecmp_flows.py clients DST PORT SRC...
        (on the IPv6 clients) one TCP connection and one UDP socket from
        each source address SRC to DST#PORT, driven by commands on stdin,
        one JSON line answered per command on stdout:
          round      one exchange on every flow, all at once; answers
                     {"tcp": [M...], "udp": [M...]}, M the mapping the
                     server saw ("ADDR PORT") or null when no answer came
                     within 10 seconds; a TCP connection that missed an
                     answer is broken from then on (null, not used again)
          reconnect  each broken TCP connection is aborted (RST) and
                     opened again from the same source address, then
                     "round"
          stream I...  from now on, one exchange per second on the TCP
                     and UDP flows of clients I (0-based), in the
                     background; answers {"streaming": N}
          stop       stops the stream; answers {"exchanges": N,
                     "lost": N, "slowest": SECONDS}: exchanges made,
                     those not answered within 10 seconds, and the longest
                     answer time
"""
import json
import socket
import sys
import threading
import time

TIMEOUT = 10


def serve_tcp(conn, peer):
    me = ('%s %d' % peer[:2]).encode()
    with conn:
        try:
            for line in conn.makefile('rb'):
                conn.sendall(me + b' ' + line)
        except OSError:
            pass    # reset, or timed out: the client's business


def serve(addr, port):
    fam = socket.AF_INET6 if ':' in addr else socket.AF_INET
    t = socket.socket(fam, socket.SOCK_STREAM)
    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    t.bind((addr, port))
    t.listen(64)
    u = socket.socket(fam, socket.SOCK_DGRAM)
    u.bind((addr, port))

    def udp():
        while True:
            try:
                data, peer = u.recvfrom(2048)
                u.sendto(('%s %d ' % peer[:2]).encode() + data, peer)
            except OSError:
                pass    # no route back (the test takes one away)

    threading.Thread(target=udp, daemon=True).start()
    while True:
        conn, peer = t.accept()
        threading.Thread(target=serve_tcp, args=(conn, peer),
                         daemon=True).start()


class Flow:
    """One client's TCP connection and UDP socket."""

    def __init__(self, src, dst, port):
        self.src, self.dst, self.port = src, dst, port
        self.seq = 0
        self.lock = threading.Lock()
        self.udp = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        self.udp.bind((src, 0))
        self.tcp = None
        self.buf = b''
        self.connect()

    def connect(self):
        if self.tcp:
            # An abort: RST, nothing lingers.
            self.tcp.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                b'\x01\x00\x00\x00\x00\x00\x00\x00')
            self.tcp.close()
        self.tcp, self.buf = None, b''
        s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        s.bind((self.src, 0))
        s.settimeout(TIMEOUT)
        try:
            s.connect((self.dst, self.port))
        except OSError:
            s.close()
            return
        self.tcp = s

    def word(self):
        self.seq += 1
        return '%s-%d' % (self.src, self.seq)

    def ask_tcp(self):
        """The mapping the server saw, or None (the connection broken)."""
        if not self.tcp:
            return None
        word = self.word()
        try:
            self.tcp.sendall(word.encode() + b'\n')
            deadline = time.monotonic() + TIMEOUT
            while True:
                while b'\n' in self.buf:
                    line, _, self.buf = self.buf.partition(b'\n')
                    f = line.decode().split()
                    if len(f) == 3 and f[2] == word:
                        return '%s %s' % (f[0], f[1])
                left = deadline - time.monotonic()
                if left <= 0:
                    raise socket.timeout()
                self.tcp.settimeout(left)
                data = self.tcp.recv(4096)
                if not data:
                    raise ConnectionError('closed')
                self.buf += data
        except OSError:
            # Broken from now on: "reconnect" opens it again.
            self.tcp.close()
            self.tcp = None
            return None

    def ask_udp(self):
        word = self.word()
        self.udp.sendto(word.encode(), (self.dst, self.port))
        deadline = time.monotonic() + TIMEOUT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.udp.settimeout(left)
            try:
                data = self.udp.recv(2048)
            except OSError:
                return None
            f = data.decode().split()
            if len(f) == 3 and f[2] == word:
                return '%s %s' % (f[0], f[1])

    def ask(self, proto):
        with self.lock:
            return self.ask_tcp() if proto == 'tcp' else self.ask_udp()


def all_at_once(flows, fn):
    out = [None] * len(flows)

    def one(i):
        out[i] = fn(flows[i])

    threads = [threading.Thread(target=one, args=(i,))
               for i in range(len(flows))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


class Stream:
    """One exchange per second on some flows, until stopped."""

    def __init__(self, flows):
        self.stopping = threading.Event()
        self.exchanges = self.lost = 0
        self.slowest = 0.0
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.run, args=(f, p))
                        for f in flows for p in ('tcp', 'udp')]
        for t in self.threads:
            t.start()

    def run(self, flow, proto):
        while not self.stopping.is_set():
            start = time.monotonic()
            got = flow.ask(proto)
            took = time.monotonic() - start
            with self.lock:
                self.exchanges += 1
                self.lost += got is None
                self.slowest = max(self.slowest, took)
            self.stopping.wait(max(0, 1 - took))

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join()
        return {'exchanges': self.exchanges, 'lost': self.lost,
                'slowest': round(self.slowest, 3)}


def clients(dst, port, srcs):
    flows = all_at_once([(s, dst, port) for s in srcs],
                        lambda a: Flow(*a))
    stream = None

    def round_():
        return {'tcp': all_at_once(flows, lambda f: f.ask('tcp')),
                'udp': all_at_once(flows, lambda f: f.ask('udp'))}

    for line in sys.stdin:
        cmd = line.split()
        if not cmd:
            continue
        if cmd[0] == 'round':
            out = round_()
        elif cmd[0] == 'reconnect':
            all_at_once(flows, lambda f: f.tcp or f.connect())
            out = round_()
        elif cmd[0] == 'stream':
            stream = Stream([flows[int(i)] for i in cmd[1:]])
            out = {'streaming': len(cmd) - 1}
        elif cmd[0] == 'stop' and stream:
            out = stream.stop()
            stream = None
        else:
            out = {'error': 'bad command: %s' % line.strip()}
        print(json.dumps(out), flush=True)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == 'serve':
        serve(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) >= 5 and sys.argv[1] == 'clients':
        clients(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
