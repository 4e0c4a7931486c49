/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_CFG_ERR_H
#define _JOOL_CFG_ERR_H

#include <net/netlink.h>

#include "core/cfg_err.h"

void jool_nl_cfg_err(struct netlink_ext_ack *extack, const struct nlattr *attr,
		     enum jool_cfg_err err);

#endif /* _JOOL_CFG_ERR_H */
