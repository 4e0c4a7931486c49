# SPDX-License-Identifier: GPL-2.0
"""
RFC 6146 (stateful NAT64): flows of exact packets through a "nat64" device,
with the session and BIB tables checked between the steps.

The topology "nat64": pool6 64:ff9b::/96; pool4 203.0.113.100 with TCP
and UDP ports 1022-1025 and 1100, and ICMP identifier 7; static BIB
entries 203.0.113.100#1100 <-> 2001:db8:6::7#7100 (UDP) and #80 (TCP);
203.0.113.100/32 is routed into the device, so are 2001:db8:99::/64 (not
pool6) and pool6. The IPv6 hosts 2001:db8:6::6 (a client) and ::7 (the
static entries' server) are on n6's side, the IPv4 hosts 192.0.2.4 and .5
on n4's.

The tiny pool4 makes the translated source port exact: RFC 6146 3.5.1.1
wants the port's range (0-1023 or 1024-65535) and parity kept when pool4
can, and 1022-1025 holds one port of each kind (1022 low even, 1023 low
odd, 1024 high even, 1025 high odd; 1100 is the static entries'). So the
client port 40001 (high, odd) is always masked as 1025. When no port of the
right kind is free the module gives up the parity before the range (its
choice, docs/design.md).

Hop limits: as in every translation, one hop (64 in, 63 out). A hairpin
(3.8) goes through the translator twice, as two packets: 62.

Each flow starts from the tables above alone (the runner flushes pool4 and
adds it again). Lifetimes are checked through "expires-ms" of "session
show -j": a session refreshed with TCP_TRANS (tcp-trans-timeout, default
4 min) or TCP_EST (tcp-est-timeout, default 2 h 4 min). The flows that wait
for a session to expire need the module parameter test_short_timeouts=1
(lifetimes of 2 s); test/netns/72-nat64-conformance.sh loads it so.
"""
from casedef import (INNER_IPV4_ID, IPV4_ID, WKP, Flow, Step, Topo, ip4, ip6,
                     payload, rfc6052_embed, tcp, udp)
from icmpdef import (cut, err4, err4_out, err6, err6_out, icmp4_msg, in46,
                     in46_6, in64, in64_4, rest4_unreach, rest6_len)
from scapy.layers.inet import ICMP
from scapy.layers.inet6 import ICMPv6EchoReply, ICMPv6EchoRequest
from scapy.packet import Raw

P4 = "203.0.113.100"			# pool4's address
P4B = "203.0.113.101"			# the second of "nat64-pair"
P4C = "203.0.113.102"			# the third of "nat64-sets"
N6 = "2001:db8:6::6"			# the IPv6 client
SRV6 = "2001:db8:6::7"			# the IPv6 server of the static entries
N4, N4B = "192.0.2.4", "192.0.2.5"	# IPv4 hosts
NOT_POOL6 = "2001:db8:99::1"


def pool(a):
    return rfc6052_embed(WKP, a)


N4_6, N4B_6, P4_6 = pool(N4), pool(N4B), pool(P4)
assert N4_6 == "64:ff9b::c000:204" and P4_6 == "64:ff9b::cb00:7164"

TOPOLOGIES = {
    "nat64": Topo(mode="nat64", pool6=WKP, jool4=[P4 + "/32"],
                  jool6=["2001:db8:99::/64"],
                  pool4=["udp %s 1022-1025" % P4, "udp %s 1100" % P4,
                         "tcp %s 1022-1025" % P4, "tcp %s 1100" % P4,
                         "icmp %s 7" % P4],
                  bib=["udp %s#1100 %s#7100" % (P4, SRV6),
                       "tcp %s#1100 %s#80" % (P4, SRV6)]),
    # Two pool4 addresses (paired address pooling): 203.0.113.100 with the
    # ports a client port 400xx (high, odd) prefers, .101 with a static
    # UDP entry of 2001:db8:6::6 and one even port per protocol.
    "nat64-pair": Topo(mode="nat64", pool6=WKP,
                       jool4=[P4 + "/32", P4B + "/32"],
                       pool4=["udp %s 1024-1025" % P4, "tcp %s 1024-1025" % P4,
                              "udp %s 1100" % P4B, "udp %s 1102" % P4B,
                              "tcp %s 1102" % P4B],
                       bib=["udp %s#1100 %s#40001" % (P4B, N6)]),
    # pool4 sets without a common address: TCP on 203.0.113.100, UDP on
    # .101 (a low port and an odd high one) and .102 (an even high one).
    "nat64-sets": Topo(mode="nat64", pool6=WKP,
                       jool4=[P4 + "/32", P4B + "/32", P4C + "/32"],
                       pool4=["tcp %s 1024-1025" % P4, "udp %s 1023" % P4B,
                              "udp %s 1101" % P4B, "udp %s 1100" % P4C]),
    # pool4 without TCP.
    "nat64-udp": Topo(mode="nat64", pool6=WKP, jool4=[P4 + "/32"],
                      pool4=["udp %s 1022-1025" % P4]),
}

# Lifetimes just refreshed, in ms (defaults: 4 min, 2 h 4 min, 5 min, 1 min).
TRANS = (230000, 240000)
EST = (7430000, 7440000)
UDP_LT = (290000, 300000)
ICMP_LT = (50000, 60000)
ADF = {"address-dependent-filtering": "true"}
SHORT = "short_timeouts"

CASES = []


def flow(id, rfc, desc, *steps, **kw):
    CASES.append(Flow(id="6146-" + id, rfc="RFC 6146 " + rfc, desc=desc,
                      steps=list(steps), **kw))


# -- Packets -----------------------------------------------------------------

SEQ6, SEQ4 = 0x11223344, 0x55667788


def v6(nh, src=N6, dst=N4_6, hlim=64):
    return ip6(tc=0, fl=0, hlim=hlim, nh=nh, src=src, dst=dst)


def v4(proto, src, dst, ttl=64, id=0x4d2):
    """id: the sender's; a 6->4 translation's is masked (IPV4_ID)."""
    return ip4(tos=0, id=id, flags=0, frag=0, ttl=ttl, proto=proto,
               src=src, dst=dst)


def out4(proto, dst=N4, src=P4):
    """A 6->4 translation: pool4 source, TTL 63, DF 0 (small), id masked."""
    return v4(proto, src, dst, ttl=63, id=0)


def out6(nh, src=N4_6, dst=N6, hlim=63):
    return v6(nh, src=src, dst=dst, hlim=hlim)


def go64(l4_6, l4_4, proto, dst4=N4, dst6=None, src6=N6, **kw):
    """n6 sends l4_6 to dst4's pool6 name; n4 gets l4_4 from pool4."""
    nh = 58 if proto == 1 else proto
    return Step(sender="n6", send=v6(nh, src=src6, dst=dst6 or pool(dst4)) / l4_6,
                expect=[out4(proto, dst=dst4) / l4_4], **kw)


def go46(l4_4, l4_6, proto, src4=N4, dst6=N6, **kw):
    """n4 sends l4_4 from src4 to pool4; n6 gets l4_6 from src4's pool6 name."""
    nh = 58 if proto == 1 else proto
    return Step(sender="n4", send=v4(proto, src4, P4) / l4_4,
                expect=[out6(nh, src=pool(src4), dst=dst6) / l4_6], **kw)


def drop64(l4, proto, counter, dst6=N4_6, icmp=None, **kw):
    nh = 58 if proto == 1 else proto
    return Step(sender="n6", send=v6(nh, dst=dst6) / l4, expect=[],
                counter=counter, icmp=icmp, **kw)


def drop46(l4, proto, counter, src4=N4, icmp=None, **kw):
    return Step(sender="n4", send=v4(proto, src4, P4) / l4, expect=[],
                counter=counter, icmp=icmp, **kw)


def session(proto, port6, port4, rport, remote=N4, src6=N6, **more):
    """A session entry: local IPv6 transport address and its pool4 mask."""
    e = {"ipv6-source": src6, "ipv6-source-port": port6,
         "ipv6-destination": pool(remote), "ipv6-destination-port": rport,
         "ipv4-source": P4, "ipv4-source-port": port4,
         "ipv4-destination": remote, "ipv4-destination-port": rport}
    e.update(more)
    return e


def bib(port4, addr6, port6, static=False):
    return {"ipv4-address": P4, "ipv4-port": port4, "ipv6-address": addr6,
            "ipv6-port": port6, "static": static}


UDP_STATIC = bib(1100, SRV6, 7100, static=True)
TCP_STATIC = bib(1100, SRV6, 80, static=True)


def udp_tables(sessions, dynamic):
    return [("session", "udp", sessions),
            ("bib", "udp", [UDP_STATIC] + dynamic)]


# -- 3.5.1: UDP ----------------------------------------------------------------

def udp_out(sport=40001, dport=53, port4=1025, dst4=N4, seed=0, **kw):
    """n6's client port sport to dst4#dport, masked as pool4's port4."""
    return go64(udp(sport, dport, seed=seed), udp(port4, dport, seed=seed), 17,
                dst4=dst4, **kw)


def udp_back(sport=53, port6=40001, src4=N4, seed=1, **kw):
    """src4#sport answers 203.0.113.100#1025, which is port6 of n6."""
    return go46(udp(sport, 1025, seed=seed), udp(sport, port6, seed=seed), 17,
                src4=src4, **kw)


MAPPED = udp_tables([session(17, 40001, 1025, 53)], [bib(1025, N6, 40001)])

flow("3.5.1-udp-new", "3.5.1",
     "a new UDP flow gets a BIB entry and a session: source 203.0.113.100#1025 "
     "(range and parity of 40001 kept), destination from pool6, lifetime "
     "udp-timeout; the reply is translated back to 2001:db8:6::6#40001",
     udp_out(note="n6 -> n4", tables=udp_tables(
         [session(17, 40001, 1025, 53, **{"expires-ms": UDP_LT})],
         [bib(1025, N6, 40001)])),
     udp_back(note="the reply", tables=MAPPED))

flow("3.5.1-udp-eim", "3.5.1",
     "endpoint-independent mapping: the same IPv6 transport address to a "
     "second IPv4 host keeps 203.0.113.100#1025 (a new mapping would get "
     "#1024, the next best free port)",
     udp_out(note="to 192.0.2.4"),
     udp_out(dst4=N4B, note="to 192.0.2.5", tables=udp_tables(
         [session(17, 40001, 1025, 53), session(17, 40001, 1025, 53, remote=N4B)],
         [bib(1025, N6, 40001)])))

flow("3.5.1-udp-eif", "3.5.1",
     "endpoint-independent filtering (address-dependent-filtering off): "
     "another IPv4 host, and another port of the same host, reach the "
     "mapping and get sessions of their own",
     udp_out(note="n6 -> 192.0.2.4#53"),
     udp_back(src4=N4B, sport=9999, note="from 192.0.2.5#9999"),
     udp_back(sport=54, note="from 192.0.2.4#54", tables=udp_tables(
         [session(17, 40001, 1025, 53), session(17, 40001, 1025, 9999, remote=N4B),
          session(17, 40001, 1025, 54)], [bib(1025, N6, 40001)])))

flow("3.5.1-udp-adf", "3.5.1",
     "address-dependent filtering: a packet from an IPv4 address the IPv6 "
     "node has no session with is dropped and answered with ICMPv4 3/13 "
     "(3.5.1.2); the reply of the known host still passes",
     udp_out(note="n6 -> 192.0.2.4#53"),
     drop46(udp(53, 1025), 17, "nat64-adf", src4=N4B, icmp=(3, 13, 0),
            note="192.0.2.5 refused", tables=MAPPED),
     udp_back(note="192.0.2.4 answers", tables=MAPPED),
     globals=ADF)

flow("3.5.1-udp-adf-port", "3.5.1",
     "address-dependent filtering lets in another port of an address the "
     "IPv6 node has a session with (only endpoint address and port "
     "dependent filtering would refuse it), which gets a session of its "
     "own; another address is still refused (ICMPv4 3/13)",
     udp_out(note="n6 -> 192.0.2.4#53"),
     udp_back(sport=54, note="from 192.0.2.4#54", tables=udp_tables(
         [session(17, 40001, 1025, 53), session(17, 40001, 1025, 54)],
         [bib(1025, N6, 40001)])),
     drop46(udp(54, 1025), 17, "nat64-adf", src4=N4B, icmp=(3, 13, 0),
            note="192.0.2.5#54 refused"),
     globals=ADF)

flow("3.5.1-udp-adf-expired", "3.5.1",
     "address-dependent filtering follows the sessions: while the static "
     "entry's server talks to 192.0.2.4#5353, 192.0.2.4#5354 reaches it; "
     "once both sessions expired (udp-timeout 2 s), 192.0.2.4#5355 is "
     "refused (nat64-adf, ICMPv4 3/13) though the static entry stays",
     Step(sender="n6", send=v6(17, src=SRV6) / udp(7100, 5353),
          expect=[out4(17) / udp(1100, 5353)], note="server -> 192.0.2.4#5353"),
     Step(sender="n4", send=v4(17, N4, P4) / udp(5354, 1100, seed=1),
          expect=[out6(17, dst=SRV6) / udp(5354, 7100, seed=1)],
          note="192.0.2.4#5354 let in", tables=udp_tables(
              [session(17, 7100, 1100, 5353, src6=SRV6),
               session(17, 7100, 1100, 5354, src6=SRV6)], [])),
     Step(send=None, wait=4, note="4 s later", tables=udp_tables([], [])),
     Step(sender="n4", send=v4(17, N4, P4) / udp(5355, 1100, seed=2),
          expect=[], counter="nat64-adf", icmp=(3, 13, 0),
          note="192.0.2.4#5355 refused"),
     globals=dict(ADF, **{"udp-timeout": "2"}), requires=SHORT)

flow("3.5.1-udp-no-bib", "3.5.1",
     "an IPv4 packet to a pool4 transport address without BIB entry is "
     "dropped (nat64-no-bib4) and answered with ICMPv4 3/1 (host unreachable)",
     drop46(udp(53, 1024), 17, "nat64-no-bib4", icmp=(3, 1, 0),
            tables=udp_tables([], [])))

flow("3.5.1-udp-static", "3.5.1",
     "an IPv4 host reaches the static entry's IPv6 server (2001:db8:6::7#7100) "
     "without any IPv6 packet first; the server's answer leaves from #1100",
     Step(sender="n4", send=v4(17, N4, P4) / udp(5353, 1100),
          expect=[out6(17, dst=SRV6) / udp(5353, 7100)],
          tables=udp_tables([session(17, 7100, 1100, 5353, src6=SRV6)], [])),
     Step(sender="n6", send=v6(17, src=SRV6) / udp(7100, 5353, seed=2),
          expect=[out4(17) / udp(1100, 5353, seed=2)]))

# -- 3.5.1.1: the pool4 port ----------------------------------------------------

flow("3.5.1.1-port-low", "3.5.1.1",
     "source ports 1000 and 1001 (0-1023) get 1022 and 1023: range and "
     "parity kept",
     udp_out(sport=1000, port4=1022),
     udp_out(sport=1001, port4=1023, tables=udp_tables(
         [session(17, 1000, 1022, 53), session(17, 1001, 1023, 53)],
         [bib(1022, N6, 1000), bib(1023, N6, 1001)])))

flow("3.5.1.1-port-high-even", "3.5.1.1",
     "source port 40000 (1024-65535, even) gets 1024",
     udp_out(sport=40000, port4=1024))

flow("3.5.1.1-exhausted", "3.5.1.1",
     "four clients of odd high ports share 1022-1025: 1025, then 1024 "
     "(parity given up, range kept), 1023 (range given up), 1022; a fifth "
     "finds pool4 exhausted: dropped, ICMPv6 1/3 (address unreachable)",
     udp_out(sport=40001, port4=1025),
     udp_out(sport=40003, port4=1024),
     udp_out(sport=40005, port4=1023),
     udp_out(sport=40007, port4=1022),
     drop64(udp(40009, 53), 17, "nat64-pool4-exhausted", icmp=(1, 3, 0),
            tables=udp_tables(
                [session(17, p, q, 53) for p, q in
                 ((40001, 1025), (40003, 1024), (40005, 1023), (40007, 1022))],
                [bib(q, N6, p) for p, q in
                 ((40001, 1025), (40003, 1024), (40005, 1023), (40007, 1022))])))

def paired(proto, l4_6, l4_4, src6=N6, src4=P4B, **kw):
    """n6 (src6) to 192.0.2.4, masked as src4 (pool4 topology nat64-pair)."""
    nh = 58 if proto == 1 else proto
    return Step(sender="n6", send=v6(nh, src=src6) / l4_6,
                expect=[out4(proto, src=src4) / l4_4], **kw)


def bib_at(addr4, port4, addr6, port6, static=False):
    return dict(bib(port4, addr6, port6, static), **{"ipv4-address": addr4})


flow("3.5.1.1-paired", "3.5.1.1",
     "paired address pooling (RFC 4787 REQ-2): 2001:db8:6::6, whose static "
     "UDP entry is on 203.0.113.101, gets its new mappings there while a "
     "port is free (#1102, parity given up, although 203.0.113.100#1025 "
     "keeps it), for TCP too (one address per client, any protocol); "
     "another client gets 203.0.113.100#1025; when .101 has no free UDP "
     "port, the client goes to .100 (#1024)",
     paired(17, udp(40003, 53), udp(1102, 53), note="UDP 40003 -> .101#1102",
            tables=[("bib", "udp", [
                bib_at(P4B, 1100, N6, 40001, static=True),
                bib_at(P4B, 1102, N6, 40003)])]),
     paired(17, udp(40003, 53, seed=1), udp(1025, 53, seed=1), src6=SRV6,
            src4=P4, note="another client -> .100#1025"),
     paired(6, tcp(40005, 80, flags="S", seq=SEQ6, ack=0),
            tcp(1102, 80, flags="S", seq=SEQ6, ack=0),
            note="TCP 40005 -> .101#1102"),
     paired(17, udp(40007, 53, seed=2), udp(1024, 53, seed=2), src4=P4,
            note="UDP 40007: .101 full -> .100#1024",
            tables=[("bib", "udp", [
                bib_at(P4B, 1100, N6, 40001, static=True),
                bib_at(P4B, 1102, N6, 40003), bib_at(P4, 1025, SRV6, 40003),
                bib_at(P4, 1024, N6, 40007)])]),
     topo="nat64-pair")

flow("3.5.1.1-paired-sets", "3.5.1.1",
     "paired address pooling across pool4 sets that share no address: "
     "2001:db8:6::6's TCP mapping is on 203.0.113.100, which the UDP set "
     "lacks; its first UDP mapping (port 1001: the set's one low port) "
     "gets .101#1023, and the next one (40002, even) stays on .101 (#1101, "
     "parity given up) although .102#1100 keeps the parity: the client's "
     "UDP address is the one its UDP mappings have, not its TCP one",
     paired(6, tcp(40005, 80, flags="S", seq=SEQ6, ack=0),
            tcp(1025, 80, flags="S", seq=SEQ6, ack=0), src4=P4,
            note="TCP 40005 -> .100#1025"),
     paired(17, udp(1001, 53), udp(1023, 53), note="UDP 1001 -> .101#1023"),
     paired(17, udp(40002, 53, seed=1), udp(1101, 53, seed=1),
            note="UDP 40002 -> .101#1101, not .102#1100",
            tables=[("bib", "udp", [bib_at(P4B, 1023, N6, 1001),
                                    bib_at(P4B, 1101, N6, 40002)])]),
     topo="nat64-sets")

# -- 3.5.2: TCP ------------------------------------------------------------------

def t6(flags, seq=SEQ6, ack=0, n=0, sport=40001, dport=80):
    return tcp(sport, dport, flags=flags, seq=seq, ack=ack, n=n)


def tcp_out(flags, n=0, **kw):
    """n6 (client port 40001) to 192.0.2.4#80, from 203.0.113.100#1025."""
    seq, ack = SEQ6 + 1 if flags != "S" else SEQ6, SEQ4 + 1 if "A" in flags else 0
    return go64(tcp(40001, 80, flags=flags, seq=seq, ack=ack, n=n),
                tcp(1025, 80, flags=flags, seq=seq, ack=ack, n=n), 6, **kw)


def tcp_back(flags, n=0, **kw):
    """192.0.2.4#80 to 203.0.113.100#1025, n6's 40001."""
    seq, ack = SEQ4 + 1 if flags != "SA" else SEQ4, SEQ6 + 1
    return go46(tcp(80, 1025, flags=flags, seq=seq, ack=ack, n=n),
                tcp(80, 40001, flags=flags, seq=seq, ack=ack, n=n), 6, **kw)


def tcp_state(state, lifetime=None):
    e = session(6, 40001, 1025, 80, state=state)
    if lifetime:
        e["expires-ms"] = lifetime
    return [("session", "tcp", [e])]


V4_INIT, V6_INIT, ESTAB, V4_FIN, V6_FIN, BOTH_FIN, TRANS_ST = range(1, 8)
OPEN = (tcp_out("S", note="V6 SYN", tables=tcp_state(V6_INIT, TRANS)),
        tcp_back("SA", note="V4 SYN", tables=tcp_state(ESTAB, EST)))

flow("3.5.2-tcp-v6-syn", "3.5.2.2",
     "CLOSED + V6 SYN: translated, a session in V6 INIT with the transitory "
     "lifetime and a BIB entry 203.0.113.100#1025",
     tcp_out("S", tables=tcp_state(V6_INIT, TRANS) +
             [("bib", "tcp", [TCP_STATIC, bib(1025, N6, 40001)])]))

flow("3.5.2-tcp-established", "3.5.2.2",
     "V6 INIT + V4 SYN (the SYN+ACK): ESTABLISHED with the established "
     "lifetime; data both ways keeps it",
     *OPEN,
     tcp_out("A", tables=tcp_state(ESTAB, EST)),
     tcp_back("PA", n=20, tables=tcp_state(ESTAB, EST)),
     tcp_out("PA", n=10, tables=tcp_state(ESTAB, EST)))

for side, first, then, state in (("v4", tcp_back, tcp_out, V4_FIN),
                                 ("v6", tcp_out, tcp_back, V6_FIN)):
    flow("3.5.2-tcp-%s-fin" % side, "3.5.2.2",
         "ESTABLISHED + %s FIN: %s FIN RCV; + the other side's FIN: V4 FIN + "
         "V6 FIN RCV with the transitory lifetime" % ((side.upper(),) * 2),
         *OPEN,
         first("FA", tables=tcp_state(state, EST)),
         then("FA", tables=tcp_state(BOTH_FIN, TRANS)))

flow("3.5.2-tcp-rst", "3.5.2.2",
     "ESTABLISHED + RST (from IPv6): TRANS with the transitory lifetime; a "
     "packet other than an RST (from IPv4) brings it back to ESTABLISHED",
     *OPEN,
     tcp_out("R", tables=tcp_state(TRANS_ST, TRANS)),
     tcp_back("A", tables=tcp_state(ESTAB, EST)))

flow("3.5.2-tcp-rst4", "3.5.2.2",
     "ESTABLISHED + RST from IPv4: TRANS with the transitory lifetime",
     *OPEN,
     tcp_back("R", tables=tcp_state(TRANS_ST, TRANS)))


flow("3.5.2-tcp-adf", "3.5.2.2",
     "address-dependent filtering: a V4 SYN from another port of "
     "192.0.2.4, which the IPv6 node is connected to, opens a session of "
     "its own (V4 INIT) to 2001:db8:6::6#40001; an ACK from 192.0.2.5 is "
     "refused (nat64-adf, ICMPv4 3/13)",
     *OPEN,
     Step(sender="n4", send=v4(6, N4, P4) / tcp(81, 1025, flags="S", seq=SEQ4,
                                                ack=0),
          expect=[out6(6) / tcp(81, 40001, flags="S", seq=SEQ4, ack=0)],
          note="192.0.2.4#81 SYN let in",
          tables=[("session", "tcp", [
              session(6, 40001, 1025, 80, state=ESTAB),
              session(6, 40001, 1025, 81, state=V4_INIT)])]),
     drop46(tcp(80, 1025, flags="A", seq=SEQ4, ack=1), 6, "nat64-adf",
            src4=N4B, icmp=(3, 13, 0), note="192.0.2.5 refused"),
     globals=ADF)


def syn_to_static(**kw):
    return Step(sender="n4", send=v4(6, N4, P4) / tcp(5555, 1100, flags="S",
                                                     seq=SEQ4, ack=0),
                expect=[out6(6, dst=SRV6) / tcp(5555, 80, flags="S", seq=SEQ4, ack=0)],
                **kw)


flow("3.5.2-tcp-v4-syn", "3.5.2.2",
     "CLOSED + V4 SYN to a static BIB entry: translated to its server, V4 "
     "INIT; the server's V6 SYN (SYN+ACK) makes it ESTABLISHED",
     syn_to_static(tables=[("session", "tcp", [
         session(6, 80, 1100, 5555, src6=SRV6, state=V4_INIT)])]),
     Step(sender="n6", send=v6(6, src=SRV6) / tcp(80, 5555, flags="SA", seq=SEQ6,
                                                  ack=SEQ4 + 1),
          expect=[out4(6) / tcp(1100, 5555, flags="SA", seq=SEQ6, ack=SEQ4 + 1)],
          tables=[("session", "tcp", [
              session(6, 80, 1100, 5555, src6=SRV6, state=ESTAB,
                      **{"expires-ms": EST})])]))

flow("3.5.2-tcp-v4-syn-drop-external", "3.5.2.2",
     "drop-externally-initiated-tcp: a V4 SYN, even to a static entry, is "
     "silently discarded (no ICMP), no session",
     Step(sender="n4", send=v4(6, N4, P4) / tcp(5555, 1100, flags="S", seq=SEQ4,
                                                ack=0),
          expect=[], counter="nat64-ext-tcp",
          tables=[("session", "tcp", [])]),
     globals={"drop-externally-initiated-tcp": "true"})

flow("3.5.2-tcp-no-state", "3.5.2.2",
     "CLOSED, no BIB entry: a non-SYN packet is dropped either way "
     "(nat64-tcp-no-state), without an answer",
     drop64(t6("A", ack=1), 6, "nat64-tcp-no-state"),
     drop46(tcp(80, 1024, flags="A", seq=SEQ4, ack=1), 6, "nat64-tcp-no-state",
            tables=[("session", "tcp", []),
                    ("bib", "tcp", [TCP_STATIC])]))

flow("3.5.2-tcp-trans-timeout", "3.5.2.2",
     "a V6 INIT session dies after tcp-trans-timeout (2 s here), and its "
     "dynamic BIB entry with it; the IPv4 side's late ACK then has no state",
     tcp_out("S", tables=tcp_state(V6_INIT)),
     Step(send=None, wait=4, note="4 s later",
          tables=[("session", "tcp", []), ("bib", "tcp", [TCP_STATIC])]),
     drop46(tcp(80, 1025, flags="A", seq=SEQ4, ack=SEQ6 + 1), 6,
            "nat64-tcp-no-state"),
     globals={"tcp-trans-timeout": "2"}, requires=SHORT)

flow("3.5.1-udp-timeout", "3.5.1",
     "a UDP session dies after udp-timeout (2 s here), its BIB entry with "
     "it: the reply then finds no BIB entry (ICMPv4 3/1)",
     udp_out(),
     Step(send=None, wait=4, note="4 s later", tables=udp_tables([], [])),
     drop46(udp(53, 1025), 17, "nat64-no-bib4", icmp=(3, 1, 0)),
     globals={"udp-timeout": "2"}, requires=SHORT)

# -- 3.5.3: ICMP query sessions -------------------------------------------------

ECHO = payload(24)


def echo6(id=0x1234, seq=1, reply=False):
    cls = ICMPv6EchoReply if reply else ICMPv6EchoRequest
    return cls(id=id, seq=seq) / ECHO


def echo4(id=7, seq=1, reply=False):
    return ICMP(type=0 if reply else 8, code=0, id=id, seq=seq) / ECHO


# (The remote "ports" of an echo session are a display convention: left out.)
ICMP_SESSION = session(1, 0x1234, 7, 0)
del ICMP_SESSION["ipv6-destination-port"], ICMP_SESSION["ipv4-destination-port"]

flow("3.5.3-echo", "3.5.3",
     "an ICMPv6 echo request gets pool4 identifier 7 (the only one) and an "
     "ICMP session with lifetime icmp-timeout; the echo reply goes back with "
     "identifier 0x1234",
     go64(echo6(), echo4(), 1, tables=[
         ("session", "icmp", [dict(ICMP_SESSION, **{"expires-ms": ICMP_LT})]),
         ("bib", "icmp", [bib(7, N6, 0x1234)])]),
     go46(echo4(reply=True), echo6(reply=True), 1))

flow("3.5.3-echo-timeout", "3.5.3",
     "an ICMP session dies after icmp-timeout (2 s here): the late reply "
     "finds no BIB entry (ICMPv4 3/1)",
     go64(echo6(), echo4(), 1),
     Step(send=None, wait=4, note="4 s later", tables=[("session", "icmp", [])]),
     drop46(echo4(reply=True), 1, "nat64-no-bib4", icmp=(3, 1, 0)),
     globals={"icmp-timeout": "2"}, requires=SHORT)

# -- 3.8: hairpinning -----------------------------------------------------------

flow("3.8-hairpin", "3.8",
     "2001:db8:6::6#40001 reaches the static entry's server through "
     "64:ff9b::203.0.113.100#1100: it arrives from 64:ff9b::203.0.113.100#1025 "
     "(both translations), and the server's answer comes back the same way",
     Step(sender="n6", to="n6",
          send=v6(17, dst=P4_6) / udp(40001, 1100),
          expect=[out6(17, src=P4_6, dst=SRV6, hlim=62) / udp(1025, 7100)],
          counters={"xlat64": 1, "xlat46": 1},
          tables=udp_tables(
              [session(17, 40001, 1025, 1100, remote=P4),
               session(17, 7100, 1100, 1025, remote=P4, src6=SRV6)],
              [bib(1025, N6, 40001)])),
     Step(sender="n6", to="n6",
          send=v6(17, src=SRV6, dst=P4_6) / udp(7100, 1025, seed=3),
          expect=[out6(17, src=P4_6, dst=N6, hlim=62) / udp(1100, 40001, seed=3)],
          counters={"xlat64": 1, "xlat46": 1}))

# -- 3.5 / RFC 7915 4.3, 5.3: ICMP errors follow the session --------------------

# n6's datagram as n4 got it (TTL 63), quoted in n4's port unreachable.
IN4 = in46(udp(1025, 53), 17, ttl=63, flags=0, id=0x2468, src=P4, dst=N4)
IN4_6 = in46_6(udp(40001, 53), 17, hlim=63, src=N6, dst=N4_6)

flow("3.5-icmp4-error", "3.5",
     "n4's ICMPv4 port unreachable about n6's datagram reaches n6 as ICMPv6 "
     "1/4 quoting that datagram as n6 sent it (addresses and ports through "
     "the session); outer source: pool6 + the error's sender",
     udp_out(),
     Step(sender="n4", send=err4(icmp4_msg(3, 3, rest4_unreach(), cut(IN4)),
                                 src=N4, dst=P4),
          expect=[err6_out(1, 4, rest6_len(), cut(IN4_6), src=N4_6, dst=N6)]))

# n4's reply as n6 got it (hop limit 63), quoted in n6's port unreachable.
IN6 = in64(udp(53, 40001, seed=1), 17, hlim=63, src=N4_6, dst=N6)
IN6_4 = in64_4(udp(53, 1025, seed=1), 17, ttl=63, src=N4, dst=P4)

flow("3.5-icmp6-error", "3.5",
     "n6's ICMPv6 port unreachable about n4's reply reaches n4 as ICMPv4 3/3 "
     "from 203.0.113.100, quoting the reply as n4 sent it (through the "
     "session)",
     udp_out(),
     udp_back(),
     Step(sender="n6", send=err6((1, 4, rest6_len(), cut(IN6)), src=N6, dst=N4_6),
          expect=[err4_out(3, 3, rest4_unreach(), cut(IN6_4), src=P4, dst=N4)],
          mask=(INNER_IPV4_ID, IPV4_ID)))

flow("3.5-icmp4-error-no-session", "3.5",
     "an ICMPv4 error about a packet of no session is dropped "
     "(nat64-icmp-err-no-session), without an answer",
     Step(sender="n4", send=err4(icmp4_msg(3, 3, rest4_unreach(), cut(IN4)),
                                 src=N4, dst=P4),
          expect=[], counter="nat64-icmp-err-no-session"))

# -- 3.5: what is not the NAT64's ------------------------------------------------

flow("3.5-not-pool6", "3.5",
     "an IPv6 packet to a destination outside pool6 (routed in anyway) is "
     "dropped (nat64-not-pool6) and answered with ICMPv6 1/1",
     drop64(udp(40001, 53), 17, "nat64-not-pool6", dst6=NOT_POOL6,
            icmp=(1, 1, 0), tables=udp_tables([], [])))

flow("3.5-not-pool4", "3.5",
     "an IPv4 packet to a port of the pool4 address that pool4 does not "
     "hold is dropped (nat64-not-pool4) and answered with ICMPv4 3/13",
     Step(sender="n4", send=v4(17, N4, P4) / udp(53, 2000), expect=[],
          counter="nat64-not-pool4", icmp=(3, 13, 0)))

flow("3.5.1.1-pool4-none", "3.5.1.1",
     "a TCP SYN when pool4 has no TCP set: no BIB entry can be made; "
     "dropped (nat64-pool4-none), ICMPv6 1/3 (address unreachable)",
     drop64(t6("S"), 6, "nat64-pool4-none", icmp=(1, 3, 0),
            tables=[("session", "tcp", []), ("bib", "tcp", [])]),
     topo="nat64-udp")
