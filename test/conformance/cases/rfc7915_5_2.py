# SPDX-License-Identifier: GPL-2.0
"""
RFC 7915 5.2: translating ICMPv6 headers into ICMPv4 headers (the
informational messages; errors are not covered yet).

Echo Request/Reply (128/129) become types 8/0; the checksum is adjusted for
the type change and to exclude the ICMPv6 pseudo-header. MLD (130-132),
Neighbor Discovery (133-137) and unknown informational messages are
silently dropped.
"""
from casedef import (N4, N4_6, N6, N6_V4NAME, c64, ip4, ip6, oc_add,
                     with_checksum_error, correct_checksum)
from scapy.layers.inet import ICMP
from scapy.layers.inet6 import (ICMPv6EchoReply, ICMPv6EchoRequest,
                                ICMPv6MLDone, ICMPv6MLQuery, ICMPv6MLReport,
                                ICMPv6ND_NA, ICMPv6ND_NS, ICMPv6ND_RA,
                                ICMPv6ND_Redirect, ICMPv6ND_RS, ICMPv6Unknown)

R = "RFC 7915 5.2"
CASES = []


def v6(hlim=64):
    return ip6(tc=0, fl=0, hlim=hlim, nh=58, src=N6, dst=N4_6)


def v4(ttl=63):
    # id=0 is a placeholder: the Identification is masked (IPV4_ID).
    return ip4(tos=0, id=0, flags=0, frag=0, ttl=ttl, proto=1, src=N6_V4NAME, dst=N4)


def add(name, desc, send, expect, **kw):
    CASES.append(c64("7915-5.2-" + name, R, desc, send, expect, **kw))


def data(n, seed=0):
    return bytes((seed + 3 * i) & 0xff for i in range(n))


for name, n in (("echo-request", 56), ("echo-request-empty", 0),
                ("echo-request-odd", 13), ("echo-request-1000", 1000)):
    d = data(n, n)
    add(name, "echo request (%d data bytes) -> ICMPv4 type 8 code 0, id/seq/data kept" % n,
        v6() / ICMPv6EchoRequest(id=0x1e61, seq=n + 1, data=d),
        [v4() / ICMP(type=8, code=0, id=0x1e61, seq=n + 1) / d])
d = data(56, 1)
add("echo-reply", "echo reply -> ICMPv4 type 0 code 0, id/seq/data kept",
    v6() / ICMPv6EchoReply(id=0xbeef, seq=0xffff, data=d),
    [v4() / ICMP(type=0, code=0, id=0xbeef, seq=0xffff) / d])

# The checksum is adjusted, not recomputed: a wrong one stays exactly as
# wrong (see README.md, "Checksum errors").
d = data(40, 2)
good_out = v4() / ICMP(type=8, code=0, id=7, seq=8) / d
bad_out = good_out.copy()
bad_out[ICMP].chksum = oc_add(correct_checksum(good_out), 0x0101)
add("echo-bad-checksum", "an echo request with a wrong checksum keeps the same error (not fixed, not dropped)",
    with_checksum_error(v6() / ICMPv6EchoRequest(id=7, seq=8, data=d), 0x0101),
    [bad_out])

for name, msg in (
        ("mld-query", ICMPv6MLQuery(mrd=0, mladdr="::")),
        ("mld-report", ICMPv6MLReport(mrd=0, mladdr="ff02::1:3")),
        ("mld-done", ICMPv6MLDone(mrd=0, mladdr="ff02::1:3")),
        ("nd-rs", ICMPv6ND_RS()),
        ("nd-ra", ICMPv6ND_RA()),
        ("nd-ns", ICMPv6ND_NS(tgt=N4_6)),
        ("nd-na", ICMPv6ND_NA(tgt=N6)),
        ("nd-redirect", ICMPv6ND_Redirect(tgt=N6, dst=N4_6)),
        ("unknown-informational", ICMPv6Unknown(type=170, code=0, msgbody=data(12)))):
    add(name, "ICMPv6 type %d is single-hop or unknown: silently dropped" % msg.type,
        v6() / msg, [], counter="icmp-unsupported")
