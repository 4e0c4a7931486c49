/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration errors the core reports, as codes.
 *
 * The core (src/core/) says what is wrong with a configuration change as
 * an enum jool_cfg_err; the module turns it into an extack message with
 * the kernel's NL_SET_ERR_MSG_ATTR(), which wants a string literal
 * (jool_nl_cfg_err(), src/cfg_err.c), and userspace with
 * jool_cfg_err_msg(). Both come from the one list below: a new error is a
 * new row. Users see the texts (joolctl prints them, tests match them).
 */
#ifndef _JOOL_CORE_CFG_ERR_H
#define _JOOL_CORE_CFG_ERR_H

#define JOOL_CFG_ERRORS(X)						\
	X(JOOL_CFG_EAMT_FULL, "the EAMT is full")			\
	X(JOOL_CFG_EAMT_DUP4, "IPv4 prefix is already in the EAMT")	\
	X(JOOL_CFG_EAMT_DUP6, "IPv6 prefix is already in the EAMT")	\
	X(JOOL_CFG_EAMT_OVERLAP4,					\
	  "IPv4 prefix overlaps another EAM (allowed only with force)")	\
	X(JOOL_CFG_EAMT_OVERLAP6,					\
	  "IPv6 prefix overlaps another EAM (allowed only with force)")	\
	X(JOOL_CFG_EAM_LEN4, "EAM IPv4 prefix length must be 0-32")	\
	X(JOOL_CFG_EAM_LEN6, "EAM IPv6 prefix length must be 0-128")	\
	X(JOOL_CFG_EAM_HOST4,						\
	  "EAM IPv4 prefix has bits set after its length")		\
	X(JOOL_CFG_EAM_HOST6,						\
	  "EAM IPv6 prefix has bits set after its length")		\
	X(JOOL_CFG_EAM_SUFFIX,						\
	  "EAM IPv4 suffix is longer than its IPv6 suffix")		\
	X(JOOL_CFG_EAMT_DEL_NONE,					\
	  "give the IPv4 prefix, the IPv6 prefix or both")		\
	X(JOOL_CFG_EAMT_DEL_NO4, "no EAM has that IPv4 prefix")	\
	X(JOOL_CFG_EAMT_DEL_NO6, "no EAM has that IPv6 prefix")	\
	X(JOOL_CFG_EAMT_DEL_APART,					\
	  "the IPv4 and IPv6 prefixes belong to different EAMs")	\
	X(JOOL_CFG_DENY_LEN, "prefix length out of range")		\
	X(JOOL_CFG_DENY_HOST, "the prefix has bits set after its length") \
	X(JOOL_CFG_DENY_FULL, "denylist4 is full (65536 entries at most)") \
	X(JOOL_CFG_DENY_DUP, "the prefix is already in denylist4")	\
	X(JOOL_CFG_DENY_ABSENT, "the prefix is not in denylist4")	\
	X(JOOL_CFG_POOL6_LEN,						\
	  "pool6 prefix length must be 32, 40, 48, 56, 64 or 96")	\
	X(JOOL_CFG_POOL6_HOST,						\
	  "pool6 prefix has bits set after its length")		\
	X(JOOL_CFG_POOL6_U,						\
	  "pool6 prefix has bits 64-71 (the RFC 6052 u octet) set")

#define JOOL_CFG_ENUM(name, msg) name,

/**
 * enum jool_cfg_err - what is wrong with a configuration change
 * @JOOL_CFG_OK: nothing (0, so "if (err)" reads naturally)
 *
 * The other values are the names in JOOL_CFG_ERRORS().
 */
enum jool_cfg_err {
	JOOL_CFG_OK = 0,
	JOOL_CFG_ERRORS(JOOL_CFG_ENUM)
};

#undef JOOL_CFG_ENUM

#ifndef __KERNEL__

#include <stddef.h>

#define JOOL_CFG_MSG(name, msg) [name] = msg,

/* The text of @err (userspace); NULL for JOOL_CFG_OK. */
static inline const char *jool_cfg_err_msg(enum jool_cfg_err err)
{
	static const char * const msgs[] = {
		JOOL_CFG_ERRORS(JOOL_CFG_MSG)
	};

	if ((unsigned int)err >= sizeof(msgs) / sizeof(msgs[0]))
		return NULL;
	return msgs[err];
}

#undef JOOL_CFG_MSG

#endif /* !__KERNEL__ */

#endif /* _JOOL_CORE_CFG_ERR_H */
