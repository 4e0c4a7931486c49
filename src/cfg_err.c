// SPDX-License-Identifier: GPL-2.0
/*
 * The core's configuration errors (include/core/cfg_err.h) as extack
 * messages. NL_SET_ERR_MSG_ATTR() wants the literal itself, so each row of
 * core/cfg_err_list.h becomes a function that sets its own message, and a
 * table maps the codes to them.
 */
#include "cfg_err.h"

typedef void (*jool_cfg_setter)(struct netlink_ext_ack *extack,
				const struct nlattr *attr);

#define JOOL_CFG_ERROR(name, msg)					\
	static void set_##name(struct netlink_ext_ack *extack,		\
			       const struct nlattr *attr)		\
	{								\
		NL_SET_ERR_MSG_ATTR(extack, attr, msg);			\
	}
#include "core/cfg_err_list.h"
#undef JOOL_CFG_ERROR

static const jool_cfg_setter setters[JOOL_CFG_NR] = {
#define JOOL_CFG_ERROR(name, msg) \
	[name] = set_##name,
#include "core/cfg_err_list.h"
#undef JOOL_CFG_ERROR
};

/**
 * jool_nl_cfg_err() - report a core configuration error to the sender
 * @extack: the request's extended ack, or NULL
 * @attr: the attribute at fault, or NULL
 * @err: the error; JOOL_CFG_OK does nothing
 */
void jool_nl_cfg_err(struct netlink_ext_ack *extack, const struct nlattr *attr,
		     enum jool_cfg_err err)
{
	if ((unsigned int)err < JOOL_CFG_NR && setters[err])
		setters[err](extack, attr);
}
