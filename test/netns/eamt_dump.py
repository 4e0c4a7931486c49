#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
eamt_dump.py DEV [CMD...]: dumps the EAMT of DEV (JOOL_CMD_EAMT_GET), which
takes several messages for a few thousand entries, and runs CMD (if given)
after the first message. Prints the number of entries read and
"intr" if some message carried NLM_F_DUMP_INTR, else "clean".
"""
import os
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import genl_set  # noqa: E402

JOOL_CMD_EAMT_GET = 7
JOOL_A_EAMT = 6
NLM_F_DUMP_INTR = 0x10
NLMSG_DONE = 3


def main():
    dev, cmd = sys.argv[1], sys.argv[2:]
    sock = genl_set.start_dump(JOOL_CMD_EAMT_GET, dev)
    if sock is None:
        print("no jool_netdev family")
        return 1
    entries = msgs = 0
    intr = False
    done = False
    while not done:
        data = sock.recv(65536)
        while len(data) >= 16:
            mlen, mtype, flags, _, _ = struct.unpack_from("=IHHII", data)
            msg, data = data[:mlen], data[(mlen + 3) & ~3:]
            if flags & NLM_F_DUMP_INTR:
                intr = True
            if mtype == NLMSG_DONE or mtype == genl_set.NLMSG_ERROR:
                done = True
                break
            msgs += 1
            lst = genl_set.attrs(msg[20:]).get(JOOL_A_EAMT, b"")
            entries += len(genl_set.attrs_list(lst))
            if msgs == 1 and cmd:
                subprocess.run(cmd, check=True)
    print(entries, "intr" if intr else "clean", f"({msgs} messages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
