// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing and printing of IPv6 and IPv4 prefixes.
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "prefix.h"

static const char *family_name(int family)
{
	return family == AF_INET ? "IPv4" : "IPv6";
}

static unsigned int family_bits(int family)
{
	return family == AF_INET ? 32 : 128;
}

size_t prefix_addr_size(const struct prefix *pfx)
{
	return pfx->family == AF_INET ? 4 : 16;
}

/*
 * Names @s in a message: @noun followed by @s in quotes, or @what if @s would
 * not print well (control characters, or too long), since messages must
 * stay on one line.
 */
static const char *shown(const char *noun, const char *s, const char *what,
			 char *buf, size_t size)
{
	const char *c;

	for (c = s; *c; c++) {
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return what;
	}
	if ((size_t)snprintf(buf, size, "%s'%s'", noun, s) >= size)
		return what;
	return buf;
}

/* Parses the length: decimal digits only, at most the family's bits. */
static int parse_len(const char *str, int family, uint8_t *len,
		     char *err, size_t errlen)
{
	unsigned int max = family_bits(family);
	unsigned int val = 0;
	const char *c;
	char buf[40];

	if (!*str) {
		snprintf(err, errlen, "missing prefix length after '/'");
		return -1;
	}
	if (strspn(str, "0123456789") != strlen(str)) {
		snprintf(err, errlen, "%s is not a number",
			 shown("prefix length ", str, "the prefix length",
			       buf, sizeof(buf)));
		return -1;
	}
	for (c = str; *c && val <= max; c++)
		val = val * 10 + (*c - '0');
	if (val > max) {
		snprintf(err, errlen, "%s is out of range (0-%u)",
			 shown("prefix length ", str, "the prefix length",
			       buf, sizeof(buf)), max);
		return -1;
	}
	*len = val;
	return 0;
}

static int parse_addr(const char *str, int family, struct prefix *pfx,
		      char *err, size_t errlen)
{
	int other = family == AF_INET ? AF_INET6 : AF_INET;
	struct in6_addr scratch;
	char buf[INET6_ADDRSTRLEN + 3];

	if (inet_pton(family, str, &pfx->addr) == 1) {
		pfx->family = family;
		return 0;
	}
	if (inet_pton(other, str, &scratch) == 1)
		snprintf(err, errlen, "'%s' is an %s address, an %s prefix is required",
			 str, family_name(other), family_name(family));
	else
		snprintf(err, errlen, "%s is not a valid %s address",
			 shown("", str, "the address", buf, sizeof(buf)),
			 family_name(family));
	return -1;
}

/* Clears the bits after the length; returns whether any was set. */
static bool clear_suffix(struct prefix *pfx)
{
	size_t size = prefix_addr_size(pfx);
	bool dirty = false;
	unsigned int i;

	for (i = 0; i < size; i++) {
		unsigned int first = i * 8;
		uint8_t keep;

		if (first >= pfx->len)
			keep = 0;
		else if (first + 8 <= pfx->len)
			keep = 0xff;
		else
			keep = 0xff << (8 - (pfx->len - first));
		if (pfx->addr.bytes[i] & ~keep)
			dirty = true;
		pfx->addr.bytes[i] &= keep;
	}
	return dirty;
}

/*
 * Parses "ADDRESS/LENGTH" into @pfx, or a bare "ADDRESS" as a /32 or /128
 * (as Jool does) unless @flags has PREFIX_NEED_LEN. @family is AF_INET6,
 * AF_INET, or AF_UNSPEC to accept either. On failure, returns -1 and
 * describes the problem in @err (without repeating @str).
 */
int prefix_parse(const char *str, int family, unsigned int flags,
		 struct prefix *pfx, char *err, size_t errlen)
{
	char addr[INET6_ADDRSTRLEN + 1];
	char fixed[PREFIX_STRLEN];
	const char *slash;
	size_t addrlen;

	memset(pfx, 0, sizeof(*pfx));
	if (family == AF_UNSPEC)
		family = strchr(str, ':') ? AF_INET6 : AF_INET;

	slash = strchr(str, '/');
	if (!slash && (flags & PREFIX_NEED_LEN)) {
		snprintf(err, errlen, "missing prefix length (required here: ADDRESS/LENGTH)");
		return -1;
	}
	addrlen = slash ? (size_t)(slash - str) : strlen(str);
	if (addrlen == 0) {
		snprintf(err, errlen, "%s", slash ? "missing address before '/'" :
			 "empty prefix");
		return -1;
	}
	if (addrlen >= sizeof(addr)) {
		snprintf(err, errlen, "the address is too long to be an %s address",
			 family_name(family));
		return -1;
	}
	memcpy(addr, str, addrlen);
	addr[addrlen] = '\0';

	if (parse_addr(addr, family, pfx, err, errlen))
		return -1;
	if (!slash)
		pfx->len = family_bits(family);
	else if (parse_len(slash + 1, family, &pfx->len, err, errlen))
		return -1;
	if (clear_suffix(pfx)) {
		prefix_format(pfx, fixed, sizeof(fixed));
		snprintf(err, errlen, "bits are set after the prefix length (did you mean %s?)",
			 fixed);
		return -1;
	}
	return 0;
}

void prefix_format(const struct prefix *pfx, char *buf, size_t size)
{
	char addr[INET6_ADDRSTRLEN];

	if (!inet_ntop(pfx->family, &pfx->addr, addr, sizeof(addr)))
		snprintf(addr, sizeof(addr), "?");
	snprintf(buf, size, "%s/%u", addr, pfx->len);
}

/*
 * Builds a prefix out of its netlink attributes (JOOL_PREFIX_ADDR and
 * JOOL_PREFIX_LEN). Returns -1 if they do not make a prefix.
 */
int prefix_from_attr(struct prefix *pfx, const void *addr, size_t addrlen,
		     uint8_t len)
{
	memset(pfx, 0, sizeof(*pfx));
	if (addrlen == 16)
		pfx->family = AF_INET6;
	else if (addrlen == 4)
		pfx->family = AF_INET;
	else
		return -1;
	if (len > family_bits(pfx->family))
		return -1;
	memcpy(&pfx->addr, addr, addrlen);
	pfx->len = len;
	return 0;
}
