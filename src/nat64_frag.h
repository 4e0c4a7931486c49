/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_NAT64_FRAG_H
#define _JOOL_NAT64_FRAG_H

#include <linux/skbuff.h>
#include "device.h"

struct sk_buff *jool_nat64_defrag(struct sk_buff *skb,
				  struct jool_device *jdev, bool *reassembled);

#endif /* _JOOL_NAT64_FRAG_H */
