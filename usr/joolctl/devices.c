// SPDX-License-Identifier: GPL-2.0
/*
 * "joolctl" without a device: the jool devices of the network namespace,
 * read from rtnetlink as "ip link" reads them (no privilege needed).
 */
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <stdio.h>
#include <string.h>

#include <uapi/jool_netdev.h>

#include "devices.h"
#include "json.h"
#include "nl.h"
#include "show.h"
#include "util.h"

struct listing {
	const struct opts *o;
	struct json j;
	int count;
	int err;
};

/* The IFLA_INFO_DATA of a link whose kind is "jool", or NULL. */
static struct nlattr *jool_data(struct nlattr *linkinfo)
{
	struct nlattr *li[IFLA_INFO_MAX + 1];

	if (!linkinfo || nla_parse_nested(li, IFLA_INFO_MAX, linkinfo, NULL) ||
	    !li[IFLA_INFO_KIND] || strcmp(nla_get_string(li[IFLA_INFO_KIND]),
					  "jool"))
		return NULL;
	return li[IFLA_INFO_DATA];
}

static void print_device(struct listing *l, const char *name, bool up,
			 struct nlattr *data)
{
	struct nlattr *tb[IFLA_JOOL_MAX + 1];
	char mbuf[32], pbuf[PREFIX_STRLEN] = "(none)";
	const char *mode = "?";
	struct prefix pfx;
	bool has_pool6 = false;

	if (data && !nla_parse_nested(tb, IFLA_JOOL_MAX, data, NULL)) {
		if (tb[IFLA_JOOL_MODE])
			mode = mode_name(nla_get_u8(tb[IFLA_JOOL_MODE]), mbuf,
					 sizeof(mbuf));
		if (tb[IFLA_JOOL_POOL6] &&
		    !jnl_get_prefix(tb[IFLA_JOOL_POOL6], &pfx)) {
			prefix_format(&pfx, pbuf, sizeof(pbuf));
			has_pool6 = true;
		}
	}
	if (!l->o->json) {
		printf("%-16s %-6s %-5s %s\n", name, mode, up ? "UP" : "DOWN",
		       pbuf);
		return;
	}
	json_begin(&l->j, NULL);
	json_string(&l->j, "ifname", name);
	json_string(&l->j, "mode", mode);
	json_bool(&l->j, "up", up);
	if (has_pool6)
		json_string(&l->j, "pool6", pbuf);
	else
		json_null(&l->j, "pool6");
	json_end(&l->j);
}

static int on_link(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct ifinfomsg *ifi = nlmsg_data(nlh);
	struct nlattr *tb[IFLA_MAX + 1];
	struct listing *l = arg;
	char name[IFNAMSIZ];

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    nlmsg_parse(nlh, sizeof(*ifi), tb, IFLA_MAX, NULL) ||
	    !tb[IFLA_IFNAME] || !jool_data(tb[IFLA_LINKINFO]))
		return NL_OK;
	nla_strlcpy(name, tb[IFLA_IFNAME], sizeof(name));
	print_device(l, name, ifi->ifi_flags & IFF_UP,
		     jool_data(tb[IFLA_LINKINFO]));
	l->count++;
	return NL_OK;
}

/**
 * list_devices() - print the jool devices of the current network namespace
 * @o: the command line's options (-j)
 *
 * One line per device (name, mode, UP or DOWN, pool6), or a JSON array of
 * objects; nothing (or "[]") when there is none.
 *
 * Return: the exit status.
 */
int list_devices(const struct opts *o)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct listing l = { .o = o };
	struct nl_sock *sk = nl_socket_alloc();
	int err;

	if (!sk)
		return runtime_err("out of memory");
	err = nl_connect(sk, NETLINK_ROUTE);
	if (!err)
		err = nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM,
					  on_link, &l);
	if (!err)
		err = nl_send_simple(sk, RTM_GETLINK, NLM_F_DUMP, &ifi,
				     sizeof(ifi));
	if (err >= 0 && o->json) {
		json_init(&l.j, stdout);
		json_begin_array(&l.j, NULL);
	}
	if (err >= 0)
		err = nl_recvmsgs_default(sk);
	if (err >= 0 && o->json)
		json_end(&l.j);
	nl_socket_free(sk);
	if (err < 0)
		return runtime_err("cannot list the network devices: %s",
				   nl_geterror(err));
	return 0;
}
