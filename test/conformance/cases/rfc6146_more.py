# SPDX-License-Identifier: GPL-2.0
"""
RFC 6146 (stateful NAT64), more flows: the simultaneous open (an IPv4 SYN
stored TCP_INCOMING_SYN, 6 s), the probe at the end of an ESTABLISHED
session's lifetime, fragments that arrive first fragment last, and ICMP
query corners. Same topology ("nat64"), addresses and helpers as
cases/rfc6146.py (loaded from there: one definition of each).

The RFC text quoted in the descriptions is RFC 6146 3.5.2.2 and 3.5.3,
and RFC 5382 REQ-4 (the simultaneous open RFC 6146 3.5.2.2 supports).

A stored SYN: RFC 6146 has the NAT64 "only create the Session Table Entry
and store the packet" (V4 INIT, lifetime TCP_INCOMING_SYN); this device
keeps the SYN outside the session table (docs/design.md, "The TCP state
machine": no IPv6 transport address to show without a BIB entry, and a
retry told apart in the store), so while a SYN is stored only the BIB is
checked (no entry made: "nor create a BIB entry"); the packets are the
RFC's either way.

The 6 s of TCP_INCOMING_SYN are fixed (no module parameter shortens
them): the simultaneous-open flows wait them out. The probe flows set
tcp-est-timeout to 2 s (test_short_timeouts=1).

Fragments: RFC 6146 3.4 lets a NAT64 keep out-of-order fragments until
the first one (with the ports) arrives; this device reassembles the
datagram and translates it once (src/nat64_frag.c; docs/design.md, "NAT64
fragments"): a datagram of two fragments, the first sent last, comes out
as one packet (6 -> 4: no DF, the IPv4 routers may cut it; 4 -> 6: no
Fragment Header, it fits 1280 bytes).
"""
import importlib.util
import os

from casedef import Flow, Step, ip4, ip6, udp
from icmpdef import icmp6_msg
from scapy.layers.inet6 import IPv6ExtHdrFragment
from scapy.packet import Raw

_spec = importlib.util.spec_from_file_location(
    "cases_rfc6146_helpers", os.path.join(os.path.dirname(__file__), "rfc6146.py"))
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)

P4, N4, N4_6, N6, SRV6 = base.P4, base.N4, base.N4_6, base.N6, base.SRV6
SEQ4, SEQ6 = base.SEQ4, base.SEQ6
ESTAB, TRANS_ST, V6_INIT = base.ESTAB, base.TRANS_ST, base.V6_INIT
EST, TRANS = base.EST, base.TRANS
session, bib, v4, v6, out4, out6 = (base.session, base.bib, base.v4, base.v6,
                                    base.out4, base.out6)
tcp, tcp_out, tcp_back = base.tcp, base.tcp_out, base.tcp_back
TCP_STATIC = base.TCP_STATIC
SHORT, ADF = base.SHORT, base.ADF

CASES = []


def flow(id, rfc, desc, *steps, **kw):
    CASES.append(Flow(id="6146-" + id, rfc="RFC 6146 " + rfc, desc=desc,
                      steps=list(steps), **kw))


NO_TCP = [("session", "tcp", []), ("bib", "tcp", [TCP_STATIC])]

# -- 3.5.2.2: simultaneous open ------------------------------------------------

# 192.0.2.4#80 to 203.0.113.100#1025, which no BIB entry holds; and to the
# static entry's 203.0.113.100#1100 from #5555.
SYN4 = v4(6, N4, P4) / tcp(80, 1025, flags="S", seq=SEQ4, ack=0)
SYN4_STATIC = v4(6, N4, P4) / tcp(5555, 1100, flags="S", seq=SEQ4, ack=0)


def stored(syn, note):
    """n4's SYN is kept: nothing comes out, no answer yet, no BIB entry."""
    return Step(sender="n4", send=syn, expect=[], counter="nat64-so-stored",
                note=note, tables=[("bib", "tcp", [TCP_STATIC])])


def answered(syn):
    """
    RFC 6146 3.5.2.2, V4 INIT: "If the lifetime expires, an ICMP Port
    Unreachable error (Type 3, Code 3) containing the IPv4 SYN packet stored
    is sent back to the source of the v4 SYN, the Session Table Entry is
    deleted"; the lifetime is TCP_INCOMING_SYN, 6 s (RFC 5382 REQ-4: "MUST
    NOT respond ... for at least 6 seconds"); 10 s at most here (the
    collector runs every second, under TCG).
    """
    return Step(sender="n4", send=None, listen=(6, 10), icmp=(3, 3, 0),
                quote=syn, counter="nat64-so-expired",
                note="6 s later: port unreachable", tables=NO_TCP)


flow("3.5.2-so-opened", "3.5.2.2",
     "simultaneous open: an IPv4 SYN to a pool4 transport address without "
     "BIB entry: 'The packet is stored. The result is that the NAT64 will "
     "not drop the packet based on the filtering, nor create a BIB entry' "
     "(no answer, no BIB entry); the IPv6 node's SYN to it "
     "within the 6 s is translated from that transport address "
     "(203.0.113.100#1025) and opens the session, V4 INIT + V6 SYN: "
     "ESTABLISHED with the established lifetime; 'If during this interval "
     "the NAT receives and translates an outbound SYN for the connection "
     "the NAT MUST silently drop the original unsolicited inbound SYN "
     "packet': the stored SYN never reaches n6, and no ICMP error comes",
     stored(SYN4, "192.0.2.4#80 SYN to #1025 stored"),
     tcp_out("S", note="n6's SYN to 192.0.2.4#80",
             counters={"xlat64": 1, "nat64-so-opened": 1},
             tables=[("session", "tcp", [
                 session(6, 40001, 1025, 80, state=ESTAB,
                         **{"expires-ms": EST})]),
                 ("bib", "tcp", [TCP_STATIC, bib(1025, N6, 40001)])]),
     tcp_back("SA", note="192.0.2.4's SYN+ACK",
              tables=[("session", "tcp", [
                  session(6, 40001, 1025, 80, state=ESTAB,
                          **{"expires-ms": EST})])]),
     Step(send=None, listen=(0, 8), note="nothing more, on either side, "
          "past the stored SYN's 6 s"))

flow("3.5.2-so-expired", "3.5.2.2",
     "an IPv4 SYN to a pool4 transport address without BIB entry, which no "
     "IPv6 SYN follows: stored; after TCP_INCOMING_SYN (6 s) 'an ICMP Port "
     "Unreachable error (Type 3, Code 3) containing the IPv4 SYN packet "
     "stored is sent back to the source of the v4 SYN, the Session Table "
     "Entry is deleted' (not before 6 s: RFC 5382 REQ-4)",
     stored(SYN4, "192.0.2.4#80 SYN to #1025 stored"),
     answered(SYN4))

flow("3.5.2-so-adf", "3.5.2.2",
     "address-dependent filtering: an IPv4 SYN to the static entry "
     "(203.0.113.100#1100) from 192.0.2.4, which its IPv6 node has no "
     "session with: 'The packet is stored. The result is that the NAT64 "
     "will not drop the packet based on the filtering' (no 3/13); the "
     "server's SYN to 192.0.2.4#5555 within the "
     "6 s opens the session (ESTABLISHED) and the stored SYN is dropped "
     "silently",
     stored(SYN4_STATIC, "192.0.2.4#5555 SYN to #1100 stored"),
     Step(sender="n6", send=v6(6, src=SRV6) / tcp(80, 5555, flags="S",
                                                  seq=SEQ6, ack=0),
          expect=[out4(6) / tcp(1100, 5555, flags="S", seq=SEQ6, ack=0)],
          counters={"xlat64": 1, "nat64-so-opened": 1},
          note="the server's SYN to 192.0.2.4#5555",
          tables=[("session", "tcp", [
              session(6, 80, 1100, 5555, src6=SRV6, state=ESTAB,
                      **{"expires-ms": EST})])]),
     globals=ADF)

flow("3.5.2-so-adf-expired", "3.5.2.2",
     "address-dependent filtering: the IPv4 SYN to the static entry that "
     "filtering would refuse, which no IPv6 SYN follows, is stored, then "
     "answered after 6 s with 'an ICMP Port Unreachable error (Type 3, "
     "Code 3) containing the IPv4 SYN packet stored', not 3/13 at once",
     stored(SYN4_STATIC, "192.0.2.4#5555 SYN to #1100 stored"),
     answered(SYN4_STATIC),
     globals=ADF)

# -- 3.5.2.2: the probe at the end of ESTABLISHED -------------------------------

# tcp-est-timeout 2 s: ESTABLISHED's lifetime, just given, in ms.
EST2 = (1000, 2000)
EST_2S = {"tcp-est-timeout": "2"}
BOTH_2S = {"tcp-est-timeout": "2", "tcp-trans-timeout": "2"}


tcp_state = base.tcp_state


def opened():
    """The connection of rfc6146.py's OPEN, then n6's ACK (the last packet)."""
    return (tcp_out("S", note="n6's SYN", tables=tcp_state(V6_INIT)),
            tcp_back("SA", note="192.0.2.4's SYN+ACK",
                     tables=tcp_state(ESTAB, EST2)),
            tcp_out("A", note="n6's ACK, then nothing",
                    tables=tcp_state(ESTAB, EST2)))


# "The probe packet is a TCP segment for the connection with no data. The
# sequence number and the acknowledgment number are set to zero. All flags
# but the ACK flag are set to zero." From the remote end (192.0.2.4#80,
# 64:ff9b::192.0.2.4) to n6's 2001:db8:6::6#40001. The hop limit is the
# NAT64's (masked); window 0, urgent pointer 0, no options: a segment
# that says nothing but ACK.
PROBE = out6(6) / tcp(80, 40001, flags="A", seq=0, ack=0, window=0)
PROBE_HLIM = (7, 1, "the probe's hop limit: RFC 6146 3.5.2.2 does not give it")


def probe(trans):
    return Step(send=None, to="n6", listen=(1.9, 8), expect=[PROBE],
                mask=(PROBE_HLIM,), counters={"nat64-probe": 1},
                note="2 s after the ACK: the probe to n6",
                tables=tcp_state(TRANS_ST, trans))


PROBE_DESC = ("ESTABLISHED, idle for tcp-est-timeout (2 s here): 'If the "
              "lifetime expires, then the NAT64 SHOULD send a probe packet (as "
              "defined next) to "
              "at least one of the endpoints of the TCP connection. The probe "
              "packet is a TCP segment for the connection with no data. The "
              "sequence number and the acknowledgment number are set to zero. "
              "All flags but the ACK flag are set to zero. The state is moved "
              "to TRANS.' (no earlier than the 2 s)")

flow("3.5.2-probe-ack", "3.5.2.2",
     PROBE_DESC + "; n6 answers with an ACK, which 'TRANS: ... a packet "
     "other than a RST' brings back to ESTABLISHED with the established "
     "lifetime",
     *opened(),
     probe(TRANS),
     tcp_out("A", note="n6 acknowledges the probe",
             tables=tcp_state(ESTAB, EST2)),
     globals=EST_2S, requires=SHORT)

flow("3.5.2-probe-rst", "3.5.2.2",
     PROBE_DESC + "; n6 answers with an RST (seq = the probe's ACK, 0), "
     "translated, the session stays in TRANS and dies when its transitory "
     "lifetime (2 s here) ends, its BIB entry with it",
     *opened(),
     probe(EST2),
     base.go64(tcp(40001, 80, flags="R", seq=0, ack=0),
               tcp(1025, 80, flags="R", seq=0, ack=0), 6,
               note="n6 resets", tables=tcp_state(TRANS_ST)),
     Step(send=None, wait=4, note="4 s later", tables=NO_TCP),
     globals=BOTH_2S, requires=SHORT)

flow("3.5.2-probe-silent", "3.5.2.2",
     PROBE_DESC + "; nobody answers: the session dies when its transitory "
     "lifetime (2 s here) ends, its BIB entry with it, and nothing more "
     "is sent (one probe)",
     *opened(),
     probe(EST2),
     Step(send=None, listen=(0, 8), note="nothing more until 8 s after the ACK",
          tables=NO_TCP),
     globals=BOTH_2S, requires=SHORT)

# -- 3.4: fragments, the first one last -----------------------------------------

FRAG_ID6, FRAG_ID4 = 0x1234abcd, 0x2bcd
FIRST = 56		# bytes of the datagram in the first fragment (8 | 56)


def frags6(l4):
    """l4 (UDP, checksummed as n6 sends it) cut into two IPv6 fragments."""
    b = bytes(v6(17) / l4)[40:]
    return [v6(44) / IPv6ExtHdrFragment(nh=17, res1=0, offset=off // 8, res2=0,
                                        m=int(off == 0), id=FRAG_ID6) / Raw(part)
            for off, part in ((0, b[:FIRST]), (FIRST, b[FIRST:]))]


def frags4(l4):
    """l4 (UDP, as n4 sends it to 203.0.113.100) cut into two IPv4 fragments."""
    b = bytes(v4(17, N4, P4) / l4)[20:]
    return [ip4(tos=0, id=FRAG_ID4, flags=int(off == 0), frag=off // 8,
                ttl=64, proto=17, src=N4, dst=P4) / Raw(part)
            for off, part in ((0, b[:FIRST]), (FIRST, b[FIRST:]))]


UDP_SESSION = [("session", "udp", [session(17, 40001, 1025, 53)])]
HELD = {"counter": "nat64-frag-held"}
WHOLE = {"nat64-frag-reassembled": 1}

first6, last6 = frags6(udp(40001, 53, n=100))
flow("3.4-frag64-reversed", "3.4",
     "a UDP datagram of two IPv6 fragments, the first (with the ports) "
     "sent last: RFC 6146 3.4 lets the NAT64 keep fragments that come "
     "before the one with the ports; this device reassembles (its choice): "
     "the second is held (no session yet), the first completes the "
     "datagram, translated once: one IPv4 packet from "
     "203.0.113.100#1025, no DF, the whole UDP datagram and its checksum",
     Step(sender="n6", send=last6, expect=[], note="the last fragment",
          tables=[("session", "udp", [])], **HELD),
     Step(sender="n6", send=first6,
          expect=[out4(17) / udp(1025, 53, n=100)],
          counters=dict(WHOLE, xlat64=1), note="the first fragment",
          tables=UDP_SESSION))

first4, last4 = frags4(udp(53, 1025, n=100, seed=1))
flow("3.4-frag46-reversed", "3.4",
     "n4's answer to n6's datagram in two IPv4 fragments, the first (with "
     "the ports) sent last: the second is held, the first completes the "
     "datagram, translated once through the session: one IPv6 packet to "
     "2001:db8:6::6#40001 without Fragment Header (DF 0, but 1280 bytes "
     "hold it, RFC 7915 4.1)",
     base.udp_out(note="n6 -> 192.0.2.4#53"),
     Step(sender="n4", send=last4, expect=[], note="the last fragment",
          **HELD),
     Step(sender="n4", send=first4,
          expect=[out6(17) / udp(53, 40001, n=100, seed=1)],
          counters=dict(WHOLE, xlat46=1), note="the first fragment",
          tables=UDP_SESSION))

# -- 3.5.3: ICMP query corners ---------------------------------------------------

flow("3.5.3-echo4-no-bib", "3.5.3",
     "an ICMPv4 echo request to pool4's identifier 7 without BIB entry: "
     "no ICMP Query BIB entry matches, the packet is dropped and answered "
     "with ICMPv4 Destination Unreachable, Host Unreachable (3/1), as UDP "
     "without BIB entry (3.5.1) (nat64-no-bib4); no entry is made from "
     "IPv4",
     base.drop46(base.echo4(), 1, "nat64-no-bib4", icmp=(3, 1, 0),
                 tables=[("session", "icmp", []), ("bib", "icmp", [])]))

# An informational type other than echo (RFC 4443 2.1: 128-255), 200
# (private experimentation).
INFO200 = icmp6_msg(N6, N4_6, 200, 0, b"\0\0\0\0", bytes(range(16)))

flow("3.5.3-echo6-drop-info", "3.5.3",
     "drop-icmpv6-info: 'If the local security policy determines that "
     "ICMPv6 Informational packets are to be filtered, the packet is "
     "silently discarded': an echo request and an echo reply are dropped "
     "without an answer (nat64-icmp6-info), no session; an informational "
     "type other than echo (200) is silently dropped as ever (RFC 7915 "
     "5.2, icmp-unsupported)",
     base.drop64(base.echo6(), 1, "nat64-icmp6-info", note="echo request"),
     base.drop64(base.echo6(reply=True), 1, "nat64-icmp6-info",
                 note="echo reply"),
     Step(sender="n6", send=v6(58) / Raw(INFO200), expect=[],
          counter="icmp-unsupported", note="type 200",
          tables=[("session", "icmp", []), ("bib", "icmp", [])]),
     globals={"drop-icmpv6-info": "true"})
