// SPDX-License-Identifier: GPL-2.0
/*
 * "joolctl [DEV] monitor": the NAT64 mapping log events of one device or
 * of every device of the namespace, as they happen (the kernel's
 * JOOL_CMD_LOG_EVENT on the family's "log" multicast group), one line
 * each (log_event.c), until SIGINT or SIGTERM.
 *
 * Events the socket could not take (its receive buffer was full) are
 * reported by the kernel as ENOBUFS on the next read, without a number;
 * the devices' NAT64_LOG_LOST counters give it: each ENOBUFS, and the
 * end, print a "lost" line per device whose counter grew since the last
 * look (the socket sets NETLINK_BROADCAST_ERROR, without which the
 * kernel would not know). With other such listeners in the namespace,
 * the counter also counts the events they lost.
 */
#define _GNU_SOURCE	/* ppoll() */
#include <errno.h>
#include <limits.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <uapi/jool_netdev.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

#include "log_event.h"
#include "monitor.h"
#include "nl.h"
#include "show.h"

/* The receive buffer asked for: some 10000 events. */
#define RCVBUF_DEFAULT	(8 * 1024 * 1024)

/* A device whose events are printed. */
struct watched {
	char name[IF_NAMESIZE];
	uint64_t lost;		/* its NAT64_LOG_LOST when last looked at */
	bool looked;		/* pool6 looked up */
	bool has_pool6;
	struct prefix pool6;
};

struct monitor {
	const struct opts *o;
	const char *dev;	/* NULL: every device */
	bool bib, session;	/* which events to print */
	int rcvbuf;
	struct jnl nl;		/* for the counters */
	struct nl_sock *ev;	/* the events */
	int family;
	struct watched *w;
	size_t n, cap;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int read_lost(struct nlattr **tb, void *arg)
{
	struct nlattr *attr;
	int rem;

	if (!tb[JOOL_A_STATS])
		return -1;
	nla_for_each_nested(attr, tb[JOOL_A_STATS], rem) {
		if (nla_type(attr) == JOOL_STAT_NAT64_LOG_LOST &&
		    nla_len(attr) == sizeof(uint64_t))
			*(uint64_t *)arg = nla_get_u64(attr);
	}
	return 0;
}

/* @dev's NAT64_LOG_LOST in *@val. Returns 0, or -1 (not a jool device). */
static int lost_count(struct monitor *m, const char *dev, uint64_t *val)
{
	struct jnl_status st;
	struct nl_msg *msg;

	*val = 0;
	msg = jnl_request(&m->nl, JOOL_CMD_GET_STATS, dev);
	if (!msg)
		return -1;
	return jnl_exchange(&m->nl, msg, read_lost, val, &st);
}

/* The entry of @name, added (with its counter now) if new; or NULL. */
static struct watched *watch(struct monitor *m, const char *name)
{
	struct watched *w;
	size_t i;

	for (i = 0; i < m->n; i++) {
		if (!strcmp(m->w[i].name, name))
			return &m->w[i];
	}
	if (grow_array((void **)&m->w, &m->cap, m->n, sizeof(*m->w), 8))
		return NULL;
	w = &m->w[m->n++];
	memset(w, 0, sizeof(*w));
	snprintf(w->name, sizeof(w->name), "%s", name);
	lost_count(m, name, &w->lost);
	return w;
}

/* Every jool device there is now (all devices answer or none). */
static void watch_all(struct monitor *m)
{
	struct if_nameindex *ifs = if_nameindex(), *i;
	uint64_t val;

	if (!ifs)
		return;
	for (i = ifs; i->if_index; i++) {
		if (!lost_count(m, i->if_name, &val))
			watch(m, i->if_name);
	}
	if_freenameindex(ifs);
}

/*
 * A "lost" line for each device whose counter grew; with @any, one without
 * a number if none did (the socket said it lost some).
 */
static void report_lost(struct monitor *m, bool any)
{
	uint64_t val, base;
	bool told = false;
	size_t i;

	for (i = 0; i < m->n; i++) {
		if (lost_count(m, m->w[i].name, &val))
			continue;
		/* Below what it was: a new device of the same name. */
		base = val < m->w[i].lost ? 0 : m->w[i].lost;
		m->w[i].lost = val;
		if (val == base)
			continue;
		log_lost_print(stdout, now_ns(), m->w[i].name, val - base,
			       m->o->json);
		told = true;
	}
	if (any && !told)
		log_lost_print(stdout, now_ns(), m->dev, 0, m->o->json);
}

static struct nla_policy event_policy[JOOL_A_MAX + 1] = {
	[JOOL_A_IFINDEX]	= { .type = NLA_U32 },
	[JOOL_A_IFNAME]		= { .type = NLA_STRING },
	[JOOL_A_LOG]		= { .type = NLA_NESTED },
};

static void handle(struct monitor *m, struct nlmsghdr *nlh)
{
	struct nlattr *tb[JOOL_A_MAX + 1];
	struct log_event e;
	struct watched *w;
	int mode;

	/* genlmsg_parse() checks the length of the header first. */
	if (nlh->nlmsg_type != m->family ||
	    genlmsg_parse(nlh, 0, tb, JOOL_A_MAX, event_policy) ||
	    ((struct genlmsghdr *)nlmsg_data(nlh))->cmd != JOOL_CMD_LOG_EVENT ||
	    log_event_decode(tb, &e))
		return;
	if (m->dev && strcmp(e.ifname, m->dev))
		return;
	if (log_event_is_session(&e) ? !m->session : !m->bib)
		return;
	w = watch(m, e.ifname);
	if (w && !w->looked && e.has_remote) {
		w->looked = true;
		if (device_basics(w->name, &mode, &w->pool6, &w->has_pool6))
			w->has_pool6 = false;
	}
	if (w && w->has_pool6)
		log_event_remote6(&e, &w->pool6);
	log_event_print(stdout, &e, m->o->json);
}

/* Reads what the socket has. Returns 0, or the exit status of a failure. */
static int drain(struct monitor *m)
{
	static char buf[65536];
	int fd = nl_socket_get_fd(m->ev);
	struct nlmsghdr *nlh;
	ssize_t len;
	int left;

	while (!stop) {
		len = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (len < 0 && errno == ENOBUFS) {
			report_lost(m, true);
			continue;
		}
		if (len < 0 && (errno == EAGAIN || errno == EINTR))
			return 0;
		if (len < 0)
			return runtime_err("cannot read the events: %s",
					   strerror(errno));
		left = len;
		for (nlh = (struct nlmsghdr *)buf; nlmsg_ok(nlh, left);
		     nlh = nlmsg_next(nlh, &left))
			handle(m, nlh);
		if (ferror(stdout))
			return runtime_err("cannot write the output: %s",
					   strerror(errno));
	}
	return 0;
}

/* Sets the receive buffer, beyond net.core.rmem_max if allowed. */
static void set_rcvbuf(int fd, int size)
{
	int val = size / 2;	/* the kernel doubles it */

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &val, sizeof(val)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &val, sizeof(val));
}

static int open_events(struct monitor *m)
{
	int err, grp, one = 1;

	m->ev = nl_socket_alloc();
	if (!m->ev)
		return runtime_err("out of memory");
	err = genl_connect(m->ev);
	if (err)
		return runtime_err("cannot open a generic netlink socket: %s",
				   nl_geterror(err));
	m->family = genl_ctrl_resolve(m->ev, JOOL_GENL_NAME);
	grp = genl_ctrl_resolve_grp(m->ev, JOOL_GENL_NAME,
				    JOOL_GENL_MCGRP_LOG);
	if (m->family < 0 || grp < 0)
		return runtime_err("the jool_netdev module is not loaded, or has no mapping logs");
	nl_socket_disable_seq_check(m->ev);
	set_rcvbuf(nl_socket_get_fd(m->ev), m->rcvbuf);
	/*
	 * Without it, the kernel does not learn that an event did not fit
	 * (netlink_broadcast() fails only for members that asked): nothing
	 * would count what this socket lost.
	 */
	if (setsockopt(nl_socket_get_fd(m->ev), SOL_NETLINK,
		       NETLINK_BROADCAST_ERROR, &one, sizeof(one)))
		return runtime_err("cannot ask for broadcast errors: %s",
				   strerror(errno));
	err = nl_socket_add_membership(m->ev, grp);
	if (err == -NLE_PERM)
		return runtime_err("cannot join the mapping log: permission denied (CAP_NET_ADMIN is required)");
	if (err)
		return runtime_err("cannot join the mapping log: %s",
				   nl_geterror(err));
	return 0;
}

/* Until SIGINT or SIGTERM. */
static int loop(struct monitor *m)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct pollfd p = { .fd = nl_socket_get_fd(m->ev), .events = POLLIN };
	sigset_t block, during;
	int ret = 0;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &during);
	sigdelset(&during, SIGINT);
	sigdelset(&during, SIGTERM);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* One line an event, as soon as it comes: "| logger", a file. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (!stop && !ret) {
		/* The signals are let in only while waiting. */
		if (ppoll(&p, 1, NULL, &during) < 0 && errno != EINTR)
			return runtime_err("cannot wait for events: %s",
					   strerror(errno));
		ret = drain(m);
	}
	if (!ret)
		report_lost(m, false);
	return ret;
}


static int parse_args(struct monitor *m, int argc, char **argv)
{
	char *end;
	long val;
	int i;

	m->bib = m->session = true;
	m->rcvbuf = RCVBUF_DEFAULT;
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "bib")) {
			m->session = false;
		} else if (!strcmp(argv[i], "session")) {
			m->bib = false;
		} else if (!strcmp(argv[i], "all")) {
			m->bib = m->session = true;
		} else if (!strcmp(argv[i], "rcvbuf") && i + 1 < argc) {
			errno = 0;
			val = strtol(argv[++i], &end, 10);
			if (errno || *end || end == argv[i] || val < 1024 ||
			    val > INT_MAX / 2)
				return usage_err("monitor: rcvbuf %s is not a number of bytes from 1024 to %d",
						 quote(argv[i]), INT_MAX / 2);
			m->rcvbuf = val;
		} else {
			return usage_err("monitor: unexpected argument %s (expected %s)",
					 quote(argv[i]), MONITOR_ARGS);
		}
	}
	return 0;
}

static int run(const char *dev, int argc, char **argv, const struct opts *o)
{
	struct monitor m = { .o = o, .dev = dev };
	struct prefix pool6;
	bool has_pool6;
	int ret, mode;
	char buf[32];

	ret = parse_args(&m, argc, argv);
	if (ret)
		return ret;
	if (dev) {
		ret = device_basics(dev, &mode, &pool6, &has_pool6);
		if (ret)
			return ret;
		if (mode != JOOL_MODE_NAT64)
			return runtime_err("%s: a %s device has no mappings to log",
					   dev, mode_name(mode, buf, sizeof(buf)));
	}
	ret = jnl_open(&m.nl);
	if (ret)
		return ret;
	ret = open_events(&m);
	if (!ret) {
		/* The counters as they are before the first event. */
		if (dev)
			watch(&m, dev);
		else
			watch_all(&m);
		ret = loop(&m);
	}
	nl_socket_free(m.ev);
	jnl_close(&m.nl);
	free(m.w);
	return ret;
}

/**
 * monitor_dev() - "joolctl DEV monitor ...": the events of one device
 * @c: the call
 * @argc: the words after "monitor"
 * @argv: those words
 *
 * Return: the exit status.
 */
int monitor_dev(const struct call *c, int argc, char **argv)
{
	return run(c->dev, argc, argv, c->o);
}

/**
 * monitor_all() - "joolctl monitor ...": the events of every device
 * @argc: the words after "monitor"
 * @argv: those words
 * @o: the options
 *
 * Return: the exit status.
 */
int monitor_all(int argc, char **argv, const struct opts *o)
{
	if (argc > 0 && is_help(argv[0])) {
		printf("Usage: joolctl [-j | --json] monitor %s\n"
		       "The NAT64 mapping log events of every jool device of the namespace\n"
		       "(\"joolctl DEV monitor\": one device's; see \"joolctl --help\").\n",
		       MONITOR_ARGS);
		return 0;
	}
	return run(NULL, argc, argv, o);
}
