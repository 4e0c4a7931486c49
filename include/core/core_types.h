/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The translation core (src/core/) is plain C that never sees an sk_buff:
 * it works on header bytes. It is compiled into the module and, unchanged,
 * into the userspace unit tests (test/unit/). This header gives it the same
 * types and checksum helpers in both worlds.
 */
#ifndef _JOOL_CORE_TYPES_H
#define _JOOL_CORE_TYPES_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#else /* userspace unit tests */

#include "csum_user.h"

#endif

#endif /* _JOOL_CORE_TYPES_H */
