/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Configuration files (docs/configuration.md): one statement per line, in
 * joolctl's own words without "joolctl DEV", or a Jool JSON file. conf.c
 * reads and prints them and turns them into a JOOL_CMD_SET_CONFIG request;
 * conf_cmd.c has the commands (showconf, setconf, syncconf, addconf);
 * json_read.c reads Jool's JSON files into the same statements.
 */
#ifndef JOOLCTL_CONF_H
#define JOOLCTL_CONF_H

#include <netlink/msg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bib.h"
#include "cmd.h"
#include "globals.h"
#include "pool4.h"
#include "prefix.h"

enum conf_kind {
	CONF_MODE,
	CONF_GLOBAL,
	CONF_EAM,
	CONF_DENYLIST4,
	CONF_POOL4,
	CONF_BIB,
};

/**
 * struct conf_stmt - one statement of a configuration
 * @kind: what it is
 * @line: where it was read (0: from the kernel)
 * @force: "force" was given (EAMT, pool4)
 * @off: where it went in the request (from the netlink header)
 * @len: how many bytes it took there
 */
struct conf_stmt {
	enum conf_kind kind;
	unsigned long line;
	bool force;
	uint32_t off;
	uint32_t len;
	union {
		int mode;		/* enum jool_mode */
		struct {
			const struct global_key *key;
			struct gvalue val;
		} global;
		struct {
			struct prefix p6;
			struct prefix p4;
		} eam;
		struct prefix deny;
		struct pool4_req pool4;
		struct bib_req bib;
	};
};

/**
 * struct conf - a configuration, as read or fetched
 * @file: the file's name as messages show it
 * @v: the statements, in the order read
 * @n: how many
 * @cap: room in @v
 * @mode: the "mode" statement's enum jool_mode, or -1
 * @where: "FILE:LINE" of the statement being read, for messages
 */
struct conf {
	const char *file;
	struct conf_stmt *v;
	size_t n;
	size_t cap;
	int mode;
	char where[4096 + 32];
};

void conf_init(struct conf *c, const char *file);
void conf_free(struct conf *c);
int conf_statement(struct conf *c, int argc, char **argv,
		   unsigned long line);
int conf_line(struct conf *c, char *line, size_t len, unsigned long lineno);
int conf_parse_text(struct conf *c, FILE *f, unsigned long line);
int conf_parse_json(struct conf *c, FILE *f, unsigned long line);
int conf_read(struct conf *c, const char *path);
int conf_check(struct conf *c);
void conf_print(const struct conf *c, FILE *out);
size_t conf_request_size(const struct conf *c);
int conf_put(struct conf *c, struct nl_msg *msg, bool replace);
const struct conf_stmt *conf_culprit(const struct conf *c, uint32_t offset);
struct conf_stmt *conf_push(struct conf *c, enum conf_kind kind,
			    unsigned long line);

int conf_show(const struct call *c, int argc, char **argv);
int conf_set(const struct call *c, int argc, char **argv);

#endif /* JOOLCTL_CONF_H */
