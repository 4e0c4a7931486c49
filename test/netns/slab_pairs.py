#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The slab memory of the NAT64 state tables (test/netns/87-nat64-scale.sh,
make bench-scale).

    slab_pairs.py mark [CACHE...]   the caches' objects and pages, now
    slab_pairs.py per MARK0 MARK1 N bytes per BIB+session pair

The caches are jool_bib and jool_session unless named (Jool's are
bib_nodes and session_nodes: make bench-scale).

jool_bib and jool_session are SLUB caches that the kernel may merge with
other caches of the same size (then /proc/slabinfo has no line of their
own, and /sys/kernel/slab/NAME is a link to the merged cache). A mark is,
for each distinct cache behind the two names: its objects, its slabs and
the bytes of a slab (PAGE_SIZE << order), of an object (object_size) and
of its slot (slab_size), read from /sys/kernel/slab (else /proc/slabinfo).
"per" prints "objects=B slots=S pages=P debug=D": the objects' bytes, their
slots' and the slab pages' that the caches grew by between the two marks,
per pair; D is 1 when SLUB debugging (the test VM's slub_debug=FZPU: red
zones, poison, owner tracking) makes the slots larger than the objects,
so that only B says what the tables take. A merged cache's other users
add noise; between marks seconds apart it is a few objects.
"""
import json
import os
import sys

NAMES = ("jool_bib", "jool_session")


def read(path):
    with open(path) as f:
        return f.read().split()[0]


def mark(names=NAMES):
    caches = {}
    for name in names:
        d = "/sys/kernel/slab/" + name
        if os.path.isdir(d):
            real = os.path.realpath(d)
            if real in caches:
                continue
            caches[real] = {
                "objects": int(read(d + "/objects")),
                "slabs": int(read(d + "/slabs")),
                "slab_bytes": os.sysconf("SC_PAGE_SIZE") << int(read(d + "/order")),
                "size": int(read(d + "/object_size")),
                "slot": int(read(d + "/slab_size")),
                "debug": int(read(d + "/red_zone")) or int(read(d + "/poison")),
            }
            continue
        with open("/proc/slabinfo") as f:
            for line in f:
                w = line.split()
                if w and w[0] == name:
                    # name active num objsize objperslab pagesperslab :
                    # tunables ... : slabdata active num shared
                    caches[name] = {
                        "objects": int(w[1]),
                        "slabs": int(w[14]),
                        "slab_bytes": int(w[5]) * os.sysconf("SC_PAGE_SIZE"),
                        "size": int(w[3]),
                        "slot": int(w[3]),
                        "debug": 0,
                    }
    return caches


def main():
    if sys.argv[1:2] == ["mark"]:
        print(json.dumps(mark(sys.argv[2:] or NAMES)))
        return 0
    if len(sys.argv) == 5 and sys.argv[1] == "per":
        a, b, n = json.loads(sys.argv[2]), json.loads(sys.argv[3]), int(sys.argv[4])
        objs = slots = pages = debug = 0
        for k, v in b.items():
            u = a.get(k, {"objects": 0, "slabs": 0})
            objs += (v["objects"] - u["objects"]) * v["size"]
            slots += (v["objects"] - u["objects"]) * v["slot"]
            pages += (v["slabs"] - u["slabs"]) * v["slab_bytes"]
            debug |= v["debug"]
        print("objects=%.1f slots=%.1f pages=%.1f debug=%d" %
              (objs / n, slots / n, pages / n, debug))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
