/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_PMTU_H
#define _JOOL_PMTU_H

#include <linux/skbuff.h>
#include "device.h"

struct jool_config;

struct jool_pmtu __percpu *jool_pmtu_alloc(void);
void jool_pmtu_free(struct jool_pmtu __percpu *cache);
unsigned int jool_pmtu_route(struct jool_device *jdev,
			     const struct jool_config *cfg,
			     struct sk_buff *skb);
unsigned int jool_pmtu_get(struct jool_device *jdev,
			   const struct jool_config *cfg, struct sk_buff *skb);

#endif /* _JOOL_PMTU_H */
