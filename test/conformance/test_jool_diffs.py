#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
Checks run.py's verdicts in --impl jool mode and jool.Diffs' refusals, on
the host (no VM, no Jool): a case that differs and is not listed fails, a
listed one that no longer differs fails, the other two pass; a malformed
line, an entry matching no case and a case matched twice are refused; for
the NAT64 flows, Jool's tables read as joolctl's, the lifetimes it cannot
shorten, and the pool4 ports it chose learned and put into the packets.
Also run.py's listen steps (a packet the translator sends by itself, in
its time window; nothing at all). Prints "ok - ..." / "FAIL - ..." lines
and "N passed, M failed".
"""
import os
import sys
import tempfile
from types import SimpleNamespace

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.argv = [sys.argv[0]]
import jool  # noqa: E402
import run  # noqa: E402

IDS = ["a-1", "a-2", "b-1"]
RESULTS = []


def check(desc, cond):
    RESULTS.append((desc, bool(cond)))


def diffs(text):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(text)
    try:
        return jool.Diffs(f.name, IDS)
    finally:
        os.unlink(f.name)


def refused(text):
    try:
        diffs(text)
    except SystemExit:
        return True
    return False


d = diffs("# comment\na-* our-choice both a cases\n")
case = lambda i: SimpleNamespace(id=i, desc="d", known_bug=None)  # noqa: E731
check("unlisted, same: passes", run.verdict(case("b-1"), True, d)[0])
check("unlisted, differs: fails", not run.verdict(case("b-1"), False, d)[0])
check("listed by prefix, differs: passes", run.verdict(case("a-2"), False, d)[0])
check("listed, same: fails (stale)", not run.verdict(case("a-1"), True, d)[0])
check("our own translator: known_bug kept",
      "known bug" in run.verdict(SimpleNamespace(id="x", desc="d", known_bug="k"), False, None)[1])
check("a malformed line is refused", refused("a-1 our-choice\n"))
check("an unknown kind is refused", refused("a-1 maybe why\n"))
check("an entry matching no case is refused", refused("c-1 our-choice why\n"))
check("an exact id is not a prefix", refused("a our-choice why\n"))
check("a case matched by two lines is refused", refused("a-* our-choice x\na-1 our-bug y\n"))

# NAT64 through Jool: its CSV tables read as run.py's, lifetimes it cannot
# shorten, and the pool4 ports it chose put into a flow's packets.
def fake_jool(outputs):
    """A JoolSiit whose commands print outputs[(command words...)]."""
    def fake_run(cmd, check=True):
        return SimpleNamespace(stdout=outputs.get(tuple(cmd[1:3]), ""), returncode=0)
    j = jool.JoolSiit(fake_run, None, "200")
    j.pool4_addrs = {"203.0.113.100"}
    j.pool6 = jool.ipaddress.ip_network("64:ff9b::/96")
    return j


j = fake_jool({
    ("session", "display"): "TCP,2001:db8:6::6,40001,64:ff9b::c000:204,80,"
    "203.0.113.100,1023,192.0.2.4,80,2:03:59.500,V4_FIN_V6_FIN_RCV\n",
    ("bib", "display"): "UDP,2001:db8:6::6,40001,203.0.113.100,1023,0\n"
    "UDP,2001:db8:6::7,7100,203.0.113.100,1100,1\n"})
check("a Jool session row reads as joolctl's JSON",
      j.table("session", "tcp") == [{
          "ipv6-source": "2001:db8:6::6", "ipv6-source-port": 40001,
          "ipv6-destination": "64:ff9b::c000:204", "ipv6-destination-port": 80,
          "ipv4-source": "203.0.113.100", "ipv4-source-port": 1023,
          "ipv4-destination": "192.0.2.4", "ipv4-destination-port": 80,
          "expires-ms": 7439500, "state": 6}])
check("Jool's static flag reads as a bool",
      [b["static"] for b in j.table("bib", "udp")] == [False, True])
flow = lambda g: SimpleNamespace(id="f", globals=g)  # noqa: E731
check("udp-timeout 2 s is below Jool's minimum: skipped",
      "udp-timeout" in (j.cannot_run(flow({"udp-timeout": "2"})) or ""))
check("icmp-timeout 2 s runs (Jool has no minimum)",
      j.cannot_run(flow({"icmp-timeout": "2"})) is None)
check("tcp-trans-timeout 4:00 runs", j.cannot_run(flow({"tcp-trans-timeout": "4:00"})) is None)
check("pool4 exhaustion is skipped (Jool's WARNING message)",
      j.cannot_run(SimpleNamespace(id="6146-3.5.1.1-exhausted", globals={})))
check("paired pooling is skipped (Jool has none)",
      j.cannot_run(SimpleNamespace(id="6146-3.5.1.1-paired", globals={})))
check("SIIT prefixes are blackholes", "blackhole" in j.route("198.51.100.0/24"))
j.tool = jool.JOOL64
check("NAT64: pool4 is routed into the dummy (a hairpin's route lookup succeeds)",
      "dev %s" % jool.NULL4 in j.route("203.0.113.100/32"))
check("NAT64: IPv6 prefixes are still blackholes", "blackhole" in j.route("64:ff9b::/96"))

from casedef import Step, ip4, ip6, raw, udp  # noqa: E402
from icmpdef import cut, err4, icmp4_msg, in46, rest4_unreach  # noqa: E402


def hdr4(src, dst, ttl=63):
    return ip4(tos=0, id=0, flags=0, frag=0, ttl=ttl, proto=17, src=src, dst=dst)


def icmp_err(port):
    inner = in46(udp(port, 53), 17, ttl=63, flags=0, id=0x2468,
                 src="203.0.113.100", dst="192.0.2.4")
    return raw(err4(icmp4_msg(3, 3, rest4_unreach(), cut(inner)),
                    src="192.0.2.4", dst="203.0.113.100"))


step = Step(sender="n6",
            send=ip6(tc=0, fl=0, hlim=64, nh=17, src="2001:db8:6::6",
                     dst="64:ff9b::c000:204") / udp(40001, 53),
            expect=[hdr4("203.0.113.100", "192.0.2.4") / udp(1025, 53)],
            tables=[("bib", "udp", [{"ipv4-address": "203.0.113.100", "ipv4-port": 1025}])])
ports = {}
check("the port Jool's BIB gave 2001:db8:6::6#40001 is learned for 1025",
      j.learn_ports(step, ports) == {(17, 1025): 1023} and ports == {(17, 1025): 1023})
check("a learned port is not learned again", j.learn_ports(step, ports) == {})
first = raw(step.send)
first = first[:6] + bytes([44]) + first[7:40] + bytes([17, 0, 0, 1, 0, 0, 0, 7]) + first[40:]
check("the ports of an IPv6 first fragment (Fragment Header, offset 0)",
      jool.l4_of(first) == (17, "2001:db8:6::6", 40001))
later = first[:42] + bytes([0, 8]) + first[44:]
check("no ports in a later fragment", jool.l4_of(later) is None)
mapped = j.remap_step(step, ports)
check("the expected packet leaves from the learned port (checksum made again)",
      raw(mapped.expect[0]) == raw(hdr4("203.0.113.100", "192.0.2.4") / udp(1023, 53)))
check("the expected BIB entry has the learned port",
      mapped.tables[0][2][0]["ipv4-port"] == 1023)
check("an ICMP error quoting the pool4 port quotes the learned one",
      jool.remap_packet(icmp_err(1025), ports, j.pool4_addr) == icmp_err(1023))
other = raw(hdr4("192.0.2.5", "192.0.2.4") / udp(1025, 53))
check("a port of an address outside pool4 is left alone",
      jool.remap_packet(other, ports, j.pool4_addr) == other)
check("Jool's timeouts read as seconds",
      jool.seconds("2") == 2 and jool.seconds("0:05:00") == 300 and
      jool.seconds("2:04:00.250") == 7440.25)

stored = raw(ip4(tos=0, id=1, flags=0, frag=0, ttl=64, proto=17, src="192.0.2.4",
                 dst="203.0.113.100") / udp(53, 1025))
answer = Step(sender="n4", listen=(6, 10), icmp=(3, 3, 0), quote=stored)
check("a listen step's quoted packet gets the learned port too",
      raw(j.remap_step(answer, ports).quote) ==
      raw(ip4(tos=0, id=1, flags=0, frag=0, ttl=64, proto=17, src="192.0.2.4",
              dst="203.0.113.100") / udp(53, 1023)))

# Listen steps (run.listen): what the translator sends by itself, and when.


class FakeSide:
    """Packets (bytes, from xlat itself?) waiting on one end."""

    def __init__(self, *pkts):
        self.pkts = list(pkts)

    def recv(self, timeout, own=False):
        for i, (p, o) in enumerate(self.pkts):
            if own is None or o == own:
                return self.pkts.pop(i)[0]
        run.time.sleep(min(max(timeout, 0), 0.01))
        return None


def listened(step, ago, n6=(), n4=(), delta=None):
    """run.listen()'s verdict, the last packet sent ago seconds back."""
    bench = SimpleNamespace(n6=FakeSide(*n6), n4=FakeSide(*n4),
                            last_sent=run.time.monotonic() - ago,
                            impl=SimpleNamespace(counters=True,
                                                 stats=lambda: dict(delta or {})))
    return run.listen(bench, step, {})[0]


probe = ip6(tc=0, fl=0, hlim=63, nh=17, src="64:ff9b::c000:204",
            dst="2001:db8:6::6") / udp(53, 40001)
heard = Step(send=None, to="n6", listen=(1.9, 8), expect=[probe],
             counters={"nat64-probe": 1})
check("listen: the expected packet in its window passes",
      listened(heard, 2.5, n6=[(raw(probe), False)], delta={"nat64-probe": 1}))
check("listen: one before the window fails",
      not listened(heard, 0.5, n6=[(raw(probe), False)], delta={"nat64-probe": 1}))
check("listen: a counter that did not move fails",
      not listened(heard, 2.5, n6=[(raw(probe), False)]))
err = raw(err4(icmp4_msg(3, 3, rest4_unreach(), stored), src=run.X4_ADDR,
               dst="192.0.2.4"))
answer = Step(sender="n4", listen=(6, 6.2), icmp=(3, 3, 0), quote=stored,
              counter="nat64-so-expired")
got = {"nat64-so-expired": 1, "icmp-sent": 1}
check("listen: the translator's ICMP error quoting the packet passes",
      listened(answer, 6.1, n4=[(err, True)], delta=got))
check("listen: no ICMP error within the window fails",
      not listened(answer, 6.1, delta=got))
quiet = Step(send=None, listen=(0, 0.3))
check("listen for nothing: nothing passes", listened(quiet, 0))
check("listen for nothing: any packet fails", not listened(quiet, 0, n4=[(err, True)]))

# The NAT64 instance turns on defragmentation in its namespace for good:
# it must not exist in xlat before the SIIT cases are done.
cmds = []


def record_run(cmd, check=True):
    cmds.append(cmd)
    out = "pool6,64:ff9b::/96\nudp-timeout,0:05:00\n" if "display" in cmd else ""
    return SimpleNamespace(stdout=out, returncode=0)


real_os = jool.os
jool.os = SimpleNamespace(path=SimpleNamespace(isdir=lambda p: p == "/sys/module/jool"))
try:
    j = jool.JoolSiit(record_run, lambda lines: cmds.append(lines), "200")
    j.want_nat64 = True
    j.setup()
finally:
    jool.os = real_os
nat64_adds = [c for c in cmds if "jool" in c and "add" in c and "instance" in c]
check("setup reads NAT64 defaults from an instance in a namespace of its own",
      j.nat64 and "udp-timeout" in j.defaults and nat64_adds and
      all(c[:4] == ["ip", "netns", "exec", "jool64probe"] for c in nat64_adds) and
      ["ip", "netns", "del", "jool64probe"] in cmds)
check("no NAT64 instance in xlat before a NAT64 topology",
      j.instances == [jool.JOOL] and all(c[0] != "jool" for c in cmds))
j.stats()
check("stats only of the instances there are", not any(c[0] == "jool" for c in cmds))
j.set_tables(SimpleNamespace(mode="nat64", pool6="64:ff9b::/96"))
check("the first NAT64 topology makes the instance in xlat",
      ["jool", "instance", "add", "--netfilter", "--pool6", "64:ff9b::/96"] in cmds
      and j.instances == [jool.JOOL, jool.JOOL64])
topo = lambda t: SimpleNamespace(topo=t)  # noqa: E731
every = run.load_cases()
check("NAT64 topologies run last for Jool",
      run.topo_order([topo("nat64"), topo("wkp"), topo("nat64-udp"), topo("wkp-foreign")],
                     True) == ["wkp", "wkp-foreign", "nat64", "nat64-udp"])
check("and in the case files' order for our device",
      run.topo_order([topo("nat64"), topo("wkp")]) == ["nat64", "wkp"])

try:
    jool.Diffs(os.path.join(HERE, "jool_diffs.txt"), [c.id for c in every])
    check("test/conformance/jool_diffs.txt is well-formed", True)
except SystemExit as e:
    check("test/conformance/jool_diffs.txt is well-formed: %s" % e, False)
for desc, good in RESULTS:
    print(("ok - " if good else "FAIL - ") + desc)
bad = sum(1 for _, good in RESULTS if not good)
print("jool_diffs: %d passed, %d failed" % (len(RESULTS) - bad, bad))
sys.exit(1 if bad else 0)
