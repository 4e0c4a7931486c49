/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The globals of a jool device: one table entry per key, with the
 * syntax, netlink encoding and printing of its value.
 */
#ifndef JOOLCTL_GLOBALS_H
#define JOOLCTL_GLOBALS_H

#include <netlink/attr.h>
#include <netlink/msg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmd.h"
#include "json.h"
#include "prefix.h"
#include "util.h"

/* Indexes of global_keys[]. */
enum global_index {
	GK_POOL6,
	GK_ENABLED,
	GK_ZEROIZE_TC,
	GK_OVERRIDE_TOS,
	GK_TOS,
	GK_AMEND_UDP_CSUM0,
	GK_MTU_PLATEAUS,
	GK_RFC6791V4,
	GK_RFC6791V6,
	GK_RANDOMIZE_6791,
	GK_LOWEST_IPV6_MTU,
	GK_HAIRPIN_MODE,
	GK_LOGGING_DEBUG,
	GK_ADF,
	GK_DROP_EXTERNAL_TCP,
	GK_DROP_ICMP6_INFO,
	GK_SRC_ICMP6_BETTER,
	GK_F_ARGS,
	GK_HANDLE_RST,
	GK_TCP_EST_TIMEOUT,
	GK_TCP_TRANS_TIMEOUT,
	GK_UDP_TIMEOUT,
	GK_ICMP_TIMEOUT,
	GK_MAX_SO,
	GK_LOGGING_BIB,
	GK_LOGGING_SESSION,
	GK_MAX_PORTS_PER_HOST,
	GK_DET_PREFIX6,
	GK_DET_SUB_LEN,
	GK_DET_PREFIX4,
	GK_DET_PORT_MIN,
	GK_DET_PORT_MAX,
	GK_PORT_BLOCK_SIZE,
	GK_MAX_PORT_BLOCKS,
	GK_LOGGING_BLOCKS,
	GK_COUNT
};

/* The most MTU plateaus the kernel takes (XLAT_MAX_PLATEAUS). */
#define GLOBAL_MAX_PLATEAUS	16

/* The value of one global, as typed by the user or told by the kernel. */
struct gvalue {
	bool present;		/* the kernel reported it (or the user gave it) */
	bool set;		/* prefixes: false means "none" */
	union {
		struct prefix pfx;
		bool b;
		uint8_t u8;		/* also enums */
		uint32_t u32;
		struct {
			uint16_t v[GLOBAL_MAX_PLATEAUS];
			unsigned int n;
		} plateaus;
	};
};

struct global_key;

struct global_type {
	const char *syntax;	/* for the help */
	int (*parse)(const struct global_key *key, const char *str,
		     struct gvalue *val);
	int (*put)(struct nl_msg *msg, int attr, const struct gvalue *val);
	int (*decode)(struct nlattr *attr, struct gvalue *val);
	void (*format)(const struct gvalue *val, char *buf, size_t size);
	void (*json)(struct json *j, const char *name, const struct gvalue *val);
};

/* Which devices a global applies to (the kernel refuses it elsewhere). */
enum global_modes {
	GM_ALL,
	GM_SIIT,
	GM_NAT64,
};

struct global_key {
	const char *name;
	enum global_modes modes;
	int attr;			/* JOOL_GLOBAL_* */
	const struct global_type *type;
	const char *help;
	const char *def;		/* the default, as it is typed */
	const char *syntax;		/* if not the type's */
	int family;			/* prefixes: AF_INET6 or AF_INET */
	unsigned int pfx_flags;		/* prefixes: PREFIX_* of prefix_parse() */
	uint32_t min, max;		/* numbers: the accepted range */
	const char *const *names;	/* enums: value -> name, NULL-ended */
};

extern const struct global_key global_keys[GK_COUNT];

/* Room for any value as text: 16 plateaus of up to 5 digits, commas. */
#define GLOBAL_TEXT_MAX	128

int globals_decode(struct nlattr *nest, struct gvalue vals[GK_COUNT]);
int global_parse(const char *name, const char *value,
		 const struct global_key **key, struct gvalue *val);
void global_text(const struct global_key *key, const struct gvalue *val,
		 char *buf, size_t size);
int globals_name_width(const struct gvalue *vals);
extern const struct cmd_group global_group;

#endif /* JOOLCTL_GLOBALS_H */
