/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_NAT64_XMIT_H
#define _JOOL_NAT64_XMIT_H

#include <linux/skbuff.h>
#include "core/xlat.h"
#include "device.h"

/**
 * struct jool_nat64_map - the tuples a packet leaves with
 * @t4: for a packet going 6 -> 4 (&xlat_pkt.nat64_t4)
 * @t6: for a packet going 4 -> 6 (&xlat_pkt.nat64_t6)
 * @reassembled: the packet was reassembled from fragments
 *	(&xlat_pkt.reassembled; set by xmit.c, not by jool_nat64_map())
 */
struct jool_nat64_map {
	struct jool_tuple4 t4;
	struct jool_tuple6 t6;
	bool reassembled;
};

/* What jool_nat64_map() decided. */
enum jool_nat64_verdict {
	JOOL_NAT64_XLAT,	/* translate with the map */
	JOOL_NAT64_DROP,	/* drop; &xlat_pkt.reason says why */
	/* an IPv4 SYN stored (a copy) for a simultaneous open: free it */
	JOOL_NAT64_STORED,
};

enum jool_nat64_verdict jool_nat64_map(struct sk_buff *skb,
				       struct jool_device *jdev,
				       const struct xlat_cfg *cfg,
				       struct xlat_pkt *pkt,
				       struct jool_nat64_map *map);

#endif /* _JOOL_NAT64_XMIT_H */
