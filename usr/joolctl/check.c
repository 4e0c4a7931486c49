// SPDX-License-Identifier: GPL-2.0
/*
 * "joolctl DEV check": is what the device translates routed into it?
 *
 * The most common mistake with a translator that is a device is a prefix
 * it translates that the routing table sends elsewhere (or nowhere): the
 * packets never reach it. For each such prefix, joolctl asks the kernel's
 * routing (RTM_GETROUTE, as "ip route get" does, protocol and port
 * included, so policy rules count) where its first and last addresses go:
 *  - pool6 (both modes): IPv6 packets to IPv4 hosts;
 *  - the IPv4 prefixes of the EAMT (SIIT): IPv4 packets to IPv6 hosts;
 *  - every pool4 address, for its protocol and first port (NAT64): IPv4
 *    replies, which for a pool4 address of the box itself need policy
 *    rules before the local table.
 * It also checks that the device is up and that the namespace forwards
 * (translated packets come out of the device and are routed on). pool6
 * routed in without a gateway is ok, with a note: IPv6 then keeps a
 * neighbour entry per destination.
 */
#include <arpa/inet.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uapi/jool_netdev.h>

#include "check.h"
#include "eamt.h"
#include "json.h"
#include "pool4.h"
#include "show.h"
#include "util.h"

struct checker {
	const struct opts *o;
	struct nl_sock *rt;
	unsigned int ifindex;
	const char *dev;
	struct json j;
	int problems;
};

/* Where the kernel routes a packet. */
struct route {
	int err;		/* a negative libnl error: no route */
	uint8_t type;		/* RTN_* */
	uint32_t oif;
	bool gateway;		/* through a gateway (RTA_GATEWAY, RTA_VIA) */
};

/*
 * One item: @hint, the command that would fix it, is for a failure;
 * @note, advice that is not a problem, for an item that is ok.
 */
static void report(struct checker *c, bool ok, const char *what,
		   const char *detail, const char *hint, const char *note)
{
	if (!ok)
		c->problems++;
	if (c->o->json) {
		json_begin(&c->j, NULL);
		json_string(&c->j, "check", what);
		json_bool(&c->j, "ok", ok);
		json_string(&c->j, "detail", detail);
		if (!ok && hint)
			json_string(&c->j, "hint", hint);
		if (ok && note)
			json_string(&c->j, "note", note);
		json_end(&c->j);
		return;
	}
	printf("%s - %s: %s\n", ok ? "ok" : "FAIL", what, detail);
	if (!ok && hint)
		printf("       %s\n", hint);
	if (ok && note)
		printf("       note: %s\n", note);
}

static int on_route(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct rtmsg *rtm = nlmsg_data(nlh);
	struct nlattr *tb[RTA_MAX + 1];
	struct route *r = arg;

	if (nlh->nlmsg_type != RTM_NEWROUTE ||
	    nlmsg_parse(nlh, sizeof(*rtm), tb, RTA_MAX, NULL))
		return NL_SKIP;
	r->type = rtm->rtm_type;
	r->oif = tb[RTA_OIF] ? nla_get_u32(tb[RTA_OIF]) : 0;
	r->gateway = tb[RTA_GATEWAY] || tb[RTA_VIA];
	r->err = 0;
	return NL_OK;
}

/* "ip route get ADDR [ipproto PROTO] [dport PORT]" */
static void route_get(struct checker *c, const struct prefix *addr,
		      uint8_t proto, uint16_t port, struct route *r)
{
	struct rtmsg rtm = {
		.rtm_family = addr->family,
		.rtm_dst_len = addr->family == AF_INET6 ? 128 : 32,
	};
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_GETROUTE, NLM_F_REQUEST);
	int err;

	r->err = -NLE_NOMEM;
	r->gateway = false;
	if (!msg || nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO) ||
	    nla_put(msg, RTA_DST, prefix_addr_size(addr), &addr->addr) ||
	    (proto && nla_put_u8(msg, RTA_IP_PROTO, proto)) ||
	    (port && nla_put_u16(msg, RTA_DPORT, htons(port)))) {
		nlmsg_free(msg);
		return;
	}
	r->err = -NLE_OBJ_NOTFOUND;
	if (nl_send_auto(c->rt, msg) < 0) {
		nlmsg_free(msg);
		return;
	}
	nlmsg_free(msg);
	nl_socket_modify_cb(c->rt, NL_CB_VALID, NL_CB_CUSTOM, on_route, r);
	err = nl_recvmsgs_default(c->rt);
	if (err < 0)
		r->err = err;
}

/* The lowest or the highest address of @p worth asking about. */
static struct prefix probe_addr(const struct prefix *p, bool last)
{
	unsigned int bits = p->family == AF_INET6 ? 128 : 32;
	struct prefix a = *p;
	unsigned int i;

	a.len = bits;
	if (p->len == bits)
		return a;
	for (i = p->len; last && i < bits; i++)
		a.addr.bytes[i / 8] |= 0x80 >> (i % 8);
	/*
	 * Not an IPv4 subnet's network or broadcast address, which a local
	 * subnet's routes treat apart: one step inside.
	 */
	if (p->family == AF_INET && p->len <= 30)
		a.addr.bytes[3] += last ? -1 : 1;
	else if (!last)
		a.addr.bytes[bits / 8 - 1] |= 1;
	return a;
}

/* Why @r does not reach the device, into @buf; NULL if it does. */
static const char *route_problem(struct checker *c, const struct route *r,
				 const char *addr, char *buf, size_t size)
{
	char ifname[IF_NAMESIZE];

	if (r->err)
		snprintf(buf, size, "%s has no route (%s)", addr,
			 nl_geterror(r->err));
	else if (r->type == RTN_LOCAL)
		snprintf(buf, size, "%s is an address of this box: delivered locally",
			 addr);
	else if (r->type != RTN_UNICAST)
		snprintf(buf, size, "%s is routed to a route of type %u (not unicast)",
			 addr, r->type);
	else if (r->oif != c->ifindex)
		snprintf(buf, size, "%s goes out %s", addr,
			 if_indextoname(r->oif, ifname) ?: "another device");
	else
		return NULL;
	return buf;
}

/*
 * Checks that @p (its first and last address, for @proto and @port) is
 * routed into the device; @no_gw_note, if not NULL, is the note for a
 * prefix routed in without a gateway.
 */
static void check_prefix(struct checker *c, const char *what,
			 const struct prefix *p, uint8_t proto, uint16_t port,
			 const char *hint, const char *no_gw_note)
{
	char addr[PREFIX_STRLEN], detail[256];
	const char *problem = NULL;
	bool gateway = true;
	struct route r;
	int last;

	for (last = 0; last < 2 && !problem; last++) {
		struct prefix a = probe_addr(p, last);

		inet_ntop(a.family, &a.addr, addr, sizeof(addr));
		route_get(c, &a, proto, port, &r);
		problem = route_problem(c, &r, addr, detail, sizeof(detail));
		gateway &= r.gateway;
	}
	if (!problem)
		snprintf(detail, sizeof(detail), "routed into %s", c->dev);
	report(c, !problem, what, detail, hint, gateway ? NULL : no_gw_note);
}

/*
 * IPv6 keeps a neighbour entry per next hop of what it sends out a
 * device (rt6_nexthop()): a route into the device without a gateway makes
 * every IPv4 host that pool6 reaches one, past gc_thresh3 a garbage
 * collection on every new one (docs/nat64-deployment.md). A gateway on
 * the device's link is one entry for all; nothing answers for it, and
 * nothing needs to.
 */
static void check_pool6(struct checker *c, const struct prefix *pool6)
{
	char pfx[PREFIX_STRLEN], what[64], hint[128], note[256];

	prefix_format(pool6, pfx, sizeof(pfx));
	snprintf(what, sizeof(what), "pool6 %s", pfx);
	snprintf(hint, sizeof(hint), "ip route add %s via fe80::1 dev %s",
		 pfx, c->dev);
	snprintf(note, sizeof(note),
		 "no gateway: one IPv6 neighbour entry per destination; with many destinations, ip route replace %s via fe80::1 dev %s",
		 pfx, c->dev);
	check_prefix(c, what, pool6, 0, 0, hint, note);
}

static int check_eamt(struct checker *c)
{
	char pfx[PREFIX_STRLEN], what[64], hint[128];
	struct prefix *v;
	size_t n, i;
	int ret = eamt_prefixes(c->dev, AF_INET, &v, &n);

	if (ret)
		return ret;
	for (i = 0; i < n; i++) {
		prefix_format(&v[i], pfx, sizeof(pfx));
		snprintf(what, sizeof(what), "EAM %s", pfx);
		snprintf(hint, sizeof(hint), "ip route add %s dev %s", pfx,
			 c->dev);
		check_prefix(c, what, &v[i], 0, 0, hint, NULL);
	}
	free(v);
	return 0;
}

static const char *proto_text(uint8_t proto)
{
	return proto == IPPROTO_TCP ? "tcp" : proto == IPPROTO_UDP ? "udp" :
	       "icmp";
}

/* Each pool4 address, once per protocol, with its first range's port. */
static int check_pool4(struct checker *c)
{
	char addr[INET_ADDRSTRLEN], what[96], hint[384];
	struct pool4_list l;
	struct prefix p = { .family = AF_INET, .len = 32 };
	size_t i;
	int ret = pool4_fetch(c->dev, &l);

	if (ret)
		return ret;
	for (i = 0; i < l.n; i++) {
		const struct pool4_entry *e = &l.v[i];
		bool icmp = e->proto != IPPROTO_TCP && e->proto != IPPROTO_UDP;

		if (i && l.v[i - 1].proto == e->proto &&
		    l.v[i - 1].addr.s_addr == e->addr.s_addr)
			continue;
		p.addr.v4 = e->addr;
		inet_ntop(AF_INET, &e->addr, addr, sizeof(addr));
		snprintf(what, sizeof(what), "pool4 %s %s%s%u", proto_text(e->proto),
			 addr, icmp ? " id " : " port ", e->min);
		if (icmp)
			snprintf(hint, sizeof(hint),
				 "ip route add %s dev %s (not an address of this box: ICMP has no port a rule could select)",
				 addr, c->dev);
		else
			/* A rule's port range cannot end at 65535. */
			snprintf(hint, sizeof(hint),
				 "ip route add %s dev %s, or, for an address of this box: ip rule add to %s ipproto %s dport %u-%u lookup TABLE ahead of the local table's rule, and ip route add default dev %s table TABLE%s",
				 addr, c->dev, addr, proto_text(e->proto),
				 e->min, e->max < 65535 ? e->max : 65534,
				 c->dev, e->max < 65535 ? "" :
				 " (no rule can name port 65535: leave it out of pool4)");
		check_prefix(c, what, &p, e->proto, icmp ? 0 : e->min, hint,
			     NULL);
	}
	free(l.v);
	return 0;
}

/* A sysctl that must read 1. */
static void check_sysctl(struct checker *c, const char *path,
			 const char *what)
{
	FILE *f = fopen(path, "r");
	char detail[128], hint[128];
	int val = -1;

	if (f) {
		if (fscanf(f, "%d", &val) != 1)
			val = -1;
		fclose(f);
	}
	snprintf(detail, sizeof(detail), "%s = %d", path + strlen("/proc/sys/"),
		 val);
	snprintf(hint, sizeof(hint),
		 "translated packets are forwarded: sysctl -w %s=1",
		 path + strlen("/proc/sys/"));
	report(c, val == 1, what, detail, hint, NULL);
}

/* Device up: from its flags, as "ip link" reads them. */
static void check_up(struct checker *c)
{
	char path[64 + IF_NAMESIZE], hint[64];
	unsigned int flags = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/net/%s/flags", c->dev);
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%x", &flags) != 1)
			flags = 0;
		fclose(f);
	}
	snprintf(hint, sizeof(hint), "ip link set %s up", c->dev);
	report(c, flags & IFF_UP, "device", flags & IFF_UP ? "up" : "down",
	       hint, NULL);
}

static int run_checks(struct checker *c)
{
	struct prefix pool6;
	bool has_pool6;
	int mode, ret;

	ret = device_basics(c->dev, &mode, &pool6, &has_pool6);
	if (ret)
		return ret;
	check_up(c);
	check_sysctl(c, "/proc/sys/net/ipv6/conf/all/forwarding",
		     "IPv6 forwarding");
	check_sysctl(c, "/proc/sys/net/ipv4/ip_forward", "IPv4 forwarding");
	if (has_pool6)
		check_pool6(c, &pool6);
	else if (mode == JOOL_MODE_NAT64)
		report(c, false, "pool6", "not set",
		       "joolctl DEV global set pool6 PREFIX", NULL);
	if (mode == JOOL_MODE_SIIT)
		return check_eamt(c);
	return check_pool4(c);
}

/* joolctl DEV check */
int cmd_check(const struct call *c, int argc, char **argv)
{
	struct checker k = { .o = c->o, .dev = c->dev };
	int ret;

	if (argc > 0)
		return usage_err("unexpected argument %s", quote(argv[0]));
	k.ifindex = if_nametoindex(c->dev);
	k.rt = nl_socket_alloc();
	if (!k.rt || nl_connect(k.rt, NETLINK_ROUTE)) {
		nl_socket_free(k.rt);
		return runtime_err("cannot open a routing socket");
	}
	/*
	 * One reply per question, and nothing after it: an acknowledgement
	 * left in the socket would be read as the next question's answer.
	 */
	nl_socket_disable_auto_ack(k.rt);
	if (c->o->json) {
		json_init(&k.j, stdout);
		json_begin_array(&k.j, NULL);
	}
	ret = run_checks(&k);
	if (c->o->json)
		json_end(&k.j);
	nl_socket_free(k.rt);
	if (ret)
		return ret;
	if (!c->o->json)
		printf("%d problem%s found\n", k.problems,
		       k.problems == 1 ? "" : "s");
	return k.problems ? 1 : 0;
}
