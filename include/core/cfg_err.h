/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration errors the core reports, as codes.
 *
 * The core (src/core/) says what is wrong with a configuration change as
 * an enum jool_cfg_err; the module turns it into an extack message with
 * the kernel's NL_SET_ERR_MSG_ATTR(), which wants a string literal
 * (jool_nl_cfg_err(), src/cfg_err.c), and userspace with
 * jool_cfg_err_msg(). Both come from the one list of rows in
 * core/cfg_err_list.h (an X-macro list: each includer defines
 * JOOL_CFG_ERROR(name, msg)); a new error is a new row there. Users see
 * the texts (joolctl prints them, tests match them).
 */
#ifndef _JOOL_CORE_CFG_ERR_H
#define _JOOL_CORE_CFG_ERR_H

/**
 * enum jool_cfg_err - what is wrong with a configuration change
 * @JOOL_CFG_OK: nothing (0, so "if (err)" reads naturally)
 * @JOOL_CFG_NR: how many values there are
 *
 * The other values are the names in core/cfg_err_list.h.
 */
enum jool_cfg_err {
	JOOL_CFG_OK = 0,
#define JOOL_CFG_ERROR(name, msg) name,
#include "core/cfg_err_list.h"
#undef JOOL_CFG_ERROR
	JOOL_CFG_NR
};

#ifndef __KERNEL__

#include <stddef.h>

/* The text of @err (userspace); NULL for JOOL_CFG_OK. */
static inline const char *jool_cfg_err_msg(enum jool_cfg_err err)
{
	static const char * const msgs[JOOL_CFG_NR] = {
		NULL,
#define JOOL_CFG_ERROR(name, msg) msg,
#include "core/cfg_err_list.h"
#undef JOOL_CFG_ERROR
	};

	return (unsigned int)err < JOOL_CFG_NR ? msgs[err] : NULL;
}

#endif /* !__KERNEL__ */

#endif /* _JOOL_CORE_CFG_ERR_H */
