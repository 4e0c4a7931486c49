/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "joolctl DEV bib ..." and "joolctl DEV session ...": the NAT64 state.
 */
#ifndef JOOLCTL_BIB_H
#define JOOLCTL_BIB_H

#include <netinet/in.h>
#include <netlink/msg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmd.h"
#include "json.h"

/* What the words of a request said. */
struct bib_req {
	int proto;
	bool has6;
	bool has4;
	struct in6_addr addr6;
	uint16_t port6;
	struct in_addr addr4;
	uint16_t port4;
};

int bib_parse_add(const char *verb, int argc, char **argv, struct bib_req *r);
int bib_put_entry(struct nl_msg *msg, const struct bib_req *r);
int bib_static_fetch(const char *dev, struct bib_req **v, size_t *n);
void bib_taddr_text(int af, const void *addr, uint16_t port, char *buf,
		    size_t size);
void bib_json_taddr(struct json *j, const char *key, const char *akey,
		    int af, const void *addr, uint16_t port);

extern const struct cmd_group bib_group;
extern const struct cmd_group session_group;

#endif /* JOOLCTL_BIB_H */
