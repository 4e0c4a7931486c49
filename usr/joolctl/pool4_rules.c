// SPDX-License-Identifier: GPL-2.0
/*
 * "joolctl DEV pool4 rules": prints the commands that bring pool4's IPv4
 * packets to DEV (docs/nat64-deployment.md). An address of pool4 that is
 * not one of the namespace's own gets a route into DEV (deployment (a)).
 * One of its own (b) gets policy rules ahead of the local table for its
 * TCP and UDP ports, and tc filters on the uplink that mark its ICMP
 * (echo replies to its identifiers, errors quoting a packet that left from
 * one of its transport addresses) for a fwmark rule. Nothing is changed:
 * the output is a shell script, to read, then run once.
 */
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "pool4.h"

/* The defaults of the options, docs/nat64-deployment.md's numbers. */
#define DFLT_TABLE 100
#define DFLT_MARK 0x64
#define DFLT_PREF 100
/* The local rule moves here, behind ours. */
#define LOCAL_PREF 1000
/* fib_rule_port_range_valid(): a rule's ports end below 65535. */
#define RULE_PORT_MAX 65534
#define NET "layer network"

struct rules_opts {
	const char *uplink;
	uint32_t table;
	uint32_t mark;
	uint32_t pref;
};

static int parse_num(const char *s, uint32_t *out)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtoull(s, &end, 0);
	if (*end || v > UINT32_MAX)
		return -1;
	*out = v;
	return 0;
}

static int parse_opts(int argc, char **argv, struct rules_opts *o)
{
	int i, ret;

	*o = (struct rules_opts){ NULL, DFLT_TABLE, DFLT_MARK, DFLT_PREF };
	for (i = 0; i < argc; i += 2) {
		const char *k = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		uint32_t *n = NULL;

		if (!strcmp(k, "dev") && v) {
			ret = check_ifname(v);
			if (ret)
				return ret;
			o->uplink = v;
			continue;
		}
		if (!strcmp(k, "table"))
			n = &o->table;
		else if (!strcmp(k, "mark"))
			n = &o->mark;
		else if (!strcmp(k, "pref"))
			n = &o->pref;
		if (!n || !v)
			return usage_err("pool4 rules: unexpected argument %s",
					 quote(k));
		if (parse_num(v, n) || !*n)
			return usage_err("pool4 rules: %s wants a number from 1, not %s",
					 k, quote(v));
	}
	if (o->table >= 253 && o->table <= 255)
		return usage_err("pool4 rules: table %" PRIu32 " is one of the kernel's (default, main, local)",
				 o->table);
	if (o->pref >= LOCAL_PREF)
		return usage_err("pool4 rules: pref must be below %d, where the local rule goes",
				 LOCAL_PREF);
	return 0;
}

static int by_addr_proto_port(const void *a, const void *b)
{
	const struct pool4_entry *x = a, *y = b;
	uint32_t ax = ntohl(x->addr.s_addr), ay = ntohl(y->addr.s_addr);

	if (ax != ay)
		return ax < ay ? -1 : 1;
	if (x->proto != y->proto)
		return x->proto - y->proto;
	return (int)x->min - (int)y->min;
}

/*
 * Sorts @v by (address, protocol, first port) and merges the ranges of one
 * address and protocol that overlap or touch (the sets of different marks
 * may share them). Returns the new count.
 */
static size_t merge(struct pool4_entry *v, size_t n)
{
	size_t i, out = 0;

	qsort(v, n, sizeof(*v), by_addr_proto_port);
	for (i = 0; i < n; i++) {
		struct pool4_entry *last = out ? &v[out - 1] : NULL;

		if (last && last->addr.s_addr == v[i].addr.s_addr &&
		    last->proto == v[i].proto && v[i].min <= last->max + 1) {
			if (v[i].max > last->max)
				last->max = v[i].max;
			continue;
		}
		v[out++] = v[i];
	}
	return out;
}

static bool is_local(const struct ifaddrs *ifa, struct in_addr a)
{
	for (; ifa; ifa = ifa->ifa_next) {
		const struct sockaddr_in *s = (const void *)ifa->ifa_addr;

		if (s && s->sin_family == AF_INET &&
		    s->sin_addr.s_addr == a.s_addr)
			return true;
	}
	return false;
}

/* " and" the ematch that @off (a u16) is in @min-@max; nothing if all. */
static void range_cond(char *buf, size_t size, unsigned int off,
		       uint16_t min, uint16_t max)
{
	size_t len = 0;

	buf[0] = '\0';
	if (min > 0)
		len = snprintf(buf, size, " and cmp(u16 at %u " NET " gt %u)",
			       off, min - 1);
	if (max < 65535 && len < size)
		snprintf(buf + len, size - len,
			 " and cmp(u16 at %u " NET " lt %u)", off, max + 1);
}

/*
 * The tc filters of one range @e of a local address: its echo replies (an
 * ICMP range), and the errors quoting a packet from it.
 */
static void print_filters(const struct rules_opts *o,
			  const struct pool4_entry *e, unsigned int *tcpref)
{
	char hdr[160], quoted[128], ports[96];
	uint32_t a = ntohl(e->addr.s_addr);
	const char *err = "(cmp(u8 at 20 " NET " eq 3) or cmp(u8 at 20 " NET
			  " eq 11) or cmp(u8 at 20 " NET " eq 12))";

	snprintf(hdr, sizeof(hdr),
		 "cmp(u8 at 0 " NET " eq 0x45) and cmp(u8 at 9 " NET
		 " eq 1) and cmp(u32 at 16 " NET " eq 0x%08" PRIx32 ")", a);
	snprintf(quoted, sizeof(quoted),
		 "cmp(u8 at 28 " NET " eq 0x45) and cmp(u32 at 40 " NET
		 " eq 0x%08" PRIx32 ")", a);
	if (e->proto == IPPROTO_ICMP) {
		range_cond(ports, sizeof(ports), 24, e->min, e->max);
		printf("tc filter add dev %s ingress protocol ip pref %u basic match '%s and cmp(u8 at 20 " NET " eq 0)%s' action skbedit mark 0x%" PRIx32 "\n",
		       o->uplink, (*tcpref)++, hdr, ports, o->mark);
		range_cond(ports, sizeof(ports), 52, e->min, e->max);
		printf("tc filter add dev %s ingress protocol ip pref %u basic match '%s and %s and %s and cmp(u8 at 37 " NET " eq 1) and cmp(u8 at 48 " NET " eq 8)%s' action skbedit mark 0x%" PRIx32 "\n",
		       o->uplink, (*tcpref)++, hdr, err, quoted, ports,
		       o->mark);
		return;
	}
	range_cond(ports, sizeof(ports), 48, e->min, e->max);
	printf("tc filter add dev %s ingress protocol ip pref %u basic match '%s and %s and %s and cmp(u8 at 37 " NET " eq %u)%s' action skbedit mark 0x%" PRIx32 "\n",
	       o->uplink, (*tcpref)++, hdr, err, quoted, e->proto, ports,
	       o->mark);
}

/* The rule of a TCP or UDP range @e of a local address. */
static void print_rule(const struct rules_opts *o,
		       const struct pool4_entry *e)
{
	char addr[INET_ADDRSTRLEN];
	uint16_t max = e->max > RULE_PORT_MAX ? RULE_PORT_MAX : e->max;

	inet_ntop(AF_INET, &e->addr, addr, sizeof(addr));
	if (e->max > RULE_PORT_MAX)
		printf("# port 65535 cannot be in a rule: not routed in\n");
	if (e->min > max)
		return;
	printf("ip -4 rule add pref %" PRIu32 " to %s ipproto %s dport %u-%u lookup %" PRIu32 "\n",
	       o->pref, addr, e->proto == IPPROTO_TCP ? "tcp" : "udp",
	       e->min, max, o->table);
}

/* Deployment (b) for the local address of the entries @v[0..@n). */
static void print_local(const struct rules_opts *o,
			const struct pool4_entry *v, size_t n,
			unsigned int *tcpref)
{
	char addr[INET_ADDRSTRLEN];
	size_t i;

	inet_ntop(AF_INET, &v[0].addr, addr, sizeof(addr));
	printf("# %s is the box's own: its pool4 ports, by rules ahead of the local table\n",
	       addr);
	for (i = 0; i < n; i++) {
		if (v[i].proto != IPPROTO_ICMP)
			print_rule(o, &v[i]);
	}
	printf("# ... and its ICMP, marked on %s\n", o->uplink);
	for (i = 0; i < n; i++)
		print_filters(o, &v[i], tcpref);
	printf("ip -4 rule add pref %" PRIu32 " to %s fwmark 0x%" PRIx32 " lookup %" PRIu32 "\n",
	       o->pref, addr, o->mark, o->table);
}

static void print_head(const char *dev, const struct rules_opts *o)
{
	printf("# The local rule moves behind pool4's (once: it fails if done)\n");
	printf("ip -4 rule add pref %d lookup local\n", LOCAL_PREF);
	printf("ip -4 rule del pref 0 lookup local\n");
	printf("ip route add default dev %s table %" PRIu32 "\n", dev,
	       o->table);
	printf("tc qdisc add dev %s clsact\n", o->uplink);
}

/*
 * Prints the commands for pool4 (@v, @n entries, sorted and merged here)
 * of @dev, as @argc/@argv ask: "dev UPLINK", "table N", "mark M", "pref P".
 */
int pool4_rules_print(const char *dev, struct pool4_entry *v, size_t n,
		      int argc, char **argv)
{
	unsigned int tcpref = 10;
	struct rules_opts o;
	struct ifaddrs *ifa;
	bool head = false;
	size_t i, j;
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (ret)
		return ret;
	if (getifaddrs(&ifa))
		return runtime_err("pool4 rules: cannot list the local addresses");
	n = merge(v, n);
	for (i = 0; i < n; i = j) {
		char addr[INET_ADDRSTRLEN];

		for (j = i; j < n && v[j].addr.s_addr == v[i].addr.s_addr; j++)
			;
		inet_ntop(AF_INET, &v[i].addr, addr, sizeof(addr));
		if (!is_local(ifa, v[i].addr)) {
			printf("ip route add %s/32 dev %s\n", addr, dev);
			continue;
		}
		if (!o.uplink) {
			freeifaddrs(ifa);
			return usage_err("pool4 rules: %s is a local address: say \"dev UPLINK\", where its packets arrive",
					 addr);
		}
		if (!head)
			print_head(dev, &o);
		head = true;
		print_local(&o, &v[i], j - i, &tcpref);
	}
	freeifaddrs(ifa);
	if (!n)
		printf("# pool4 is empty.\n");
	return 0;
}
