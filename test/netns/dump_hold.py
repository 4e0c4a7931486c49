#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""
dump_hold.py DEV SECONDS: starts a dump of DEV's EAMT (JOOL_CMD_EAMT_GET)
and never reads it, holding the socket open for SECONDS. Prints "holding"
once the request is sent, when the kernel has written the first part of the
dump and keeps the rest for later reads that never come.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import genl_set  # noqa: E402

JOOL_CMD_EAMT_GET = 7


def main():
    dev, seconds = sys.argv[1], float(sys.argv[2])
    sock = genl_set.start_dump(JOOL_CMD_EAMT_GET, dev)
    if sock is None:
        print("no jool_netdev family")
        return 1
    print("holding", flush=True)
    time.sleep(seconds)
    sock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
