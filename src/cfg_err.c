// SPDX-License-Identifier: GPL-2.0
/*
 * The core's configuration errors (include/core/cfg_err.h) as extack
 * messages.
 */
#include "cfg_err.h"

/* One case a row: NL_SET_ERR_MSG_ATTR() wants the literal itself. */
#define JOOL_CFG_CASE(name, msg)				\
	case name:						\
		NL_SET_ERR_MSG_ATTR(extack, attr, msg);		\
		break;

/**
 * jool_nl_cfg_err() - report a core configuration error to the sender
 * @extack: the request's extended ack, or NULL
 * @attr: the attribute at fault, or NULL
 * @err: the error; JOOL_CFG_OK does nothing
 */
void jool_nl_cfg_err(struct netlink_ext_ack *extack, const struct nlattr *attr,
		     enum jool_cfg_err err)
{
	switch (err) {
	JOOL_CFG_ERRORS(JOOL_CFG_CASE)
	case JOOL_CFG_OK:
		break;
	}
}
