// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink side of joolctl, on top of libnl-genl-3.
 *
 * libnl 3.7 does not expose extended acks, so the socket asks for them
 * itself (NETLINK_EXT_ACK, NETLINK_CAP_ACK) and the error callback digs
 * NLMSGERR_ATTR_MSG out of the NLMSG_ERROR message (or out of the
 * NLMSG_DONE that ends a failed dump).
 *
 * A dump the kernel flags NLM_F_DUMP_INTR (the data changed between two of
 * its messages) is read to its end, thrown away and redone.
 */
#include <errno.h>
#include <limits.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "nl.h"
#include "util.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

/* The state of one request while its answer is being read. */
struct xfer {
	jnl_reply_fn fn;
	void *arg;
	bool done;
	struct jnl_status *st;
};

static const char bad_reply_text[] =
	"unexpected reply from the kernel (is jool_netdev.ko from another version?)";

static struct nla_policy reply_policy[JOOL_A_MAX + 1] = {
	[JOOL_A_IFINDEX]	= { .type = NLA_U32 },
	[JOOL_A_IFNAME]		= { .type = NLA_STRING },
	[JOOL_A_MODE]		= { .type = NLA_U8 },
	[JOOL_A_GLOBALS]	= { .type = NLA_NESTED },
	[JOOL_A_STATS]		= { .type = NLA_NESTED },
	[JOOL_A_EAMT]		= { .type = NLA_NESTED },
	[JOOL_A_EAMT_ENTRY]	= { .type = NLA_NESTED },
	[JOOL_A_FORCE]		= { .type = NLA_FLAG },
	[JOOL_A_PREFIX]		= { .type = NLA_NESTED },
	[JOOL_A_ADDRESS]	= { .type = NLA_UNSPEC },
	[JOOL_A_QUERY]		= { .type = NLA_NESTED },
	[JOOL_A_POOL4]		= { .type = NLA_NESTED },
	[JOOL_A_POOL4_ENTRY]	= { .type = NLA_NESTED },
	[JOOL_A_QUICK]		= { .type = NLA_FLAG },
	[JOOL_A_BIB]		= { .type = NLA_NESTED },
	[JOOL_A_SESSIONS]	= { .type = NLA_NESTED },
	[JOOL_A_MAX_SESSIONS]	= { .type = NLA_U32 },
	[JOOL_A_SESSION_COUNT]	= { .type = NLA_U32 },
};

/*
 * The largest request: a JOOL_A_EAMT nest is at most 64 KiB (nla_len is
 * 16 bits), and the socket's default send buffer (libnl asks for 32 KiB,
 * which the kernel doubles) is a little short of that.
 */
#define SNDBUF_SIZE	(256 * 1024)

static void set_sockopt(struct nl_sock *sk, int opt)
{
	int one = 1;

	/* Older kernels lack these; the messages are then just terser. */
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, opt, &one, sizeof(one));
}

/* Opens the socket and resolves the family. */
int jnl_open(struct jnl *nl)
{
	int err;

	nl->sk = nl_socket_alloc();
	if (!nl->sk)
		return runtime_err("out of memory");
	err = genl_connect(nl->sk);
	if (err) {
		jnl_close(nl);
		return runtime_err("cannot open a generic netlink socket: %s",
				   nl_geterror(err));
	}
	set_sockopt(nl->sk, NETLINK_EXT_ACK);
	set_sockopt(nl->sk, NETLINK_CAP_ACK);
	/* Capped by net.core.wmem_max, which is plenty. */
	nl_socket_set_buffer_size(nl->sk, 0, SNDBUF_SIZE);
	/* Dump messages can be larger than a page: peek at their size. */
	nl_socket_enable_msg_peek(nl->sk);

	nl->family = genl_ctrl_resolve(nl->sk, JOOL_GENL_NAME);
	if (nl->family < 0) {
		err = nl->family;
		jnl_close(nl);
		if (err == -NLE_OBJ_NOTFOUND)
			return runtime_err("the jool_netdev module is not loaded");
		return runtime_err("cannot look up the generic netlink family %s: %s",
				   JOOL_GENL_NAME, nl_geterror(err));
	}
	return 0;
}

/*
 * Makes room in the send buffer for a request of @size bytes, beyond
 * net.core.wmem_max if need be (SO_SNDBUFFORCE: CAP_NET_ADMIN, which every
 * request needs anyway). Returns 0, or -1 if the socket cannot take it.
 */
int jnl_reserve(struct jnl *nl, size_t size)
{
	int fd = nl_socket_get_fd(nl->sk), val;
	socklen_t len = sizeof(val);

	/* The kernel doubles the value and wants 32 bytes to spare. */
	if (size > INT_MAX / 2 - 64)
		return -1;
	val = size / 2 + 64;
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &val, sizeof(val)))
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &val, sizeof(val));
	if (getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &val, &len) || val < 32 ||
	    (size_t)val - 32 < size)
		return -1;
	return 0;
}

void jnl_close(struct jnl *nl)
{
	nl_socket_free(nl->sk);
	nl->sk = NULL;
}

/* Starts a request for @cmd on the device named @ifname. */
struct nl_msg *jnl_request(struct jnl *nl, uint8_t cmd, const char *ifname)
{
	return jnl_request_size(nl, cmd, 0, ifname, 0);
}

/*
 * The same with netlink header @flags (NLM_F_DUMP) and room for @size bytes
 * of attributes (0: a page).
 */
struct nl_msg *jnl_request_size(struct jnl *nl, uint8_t cmd, int flags,
				const char *ifname, size_t size)
{
	struct nl_msg *msg;

	if (size)
		msg = nlmsg_alloc_size(NLMSG_HDRLEN + GENL_HDRLEN +
				       nla_total_size(IFNAMSIZ) + size);
	else
		msg = nlmsg_alloc();
	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags,
			 cmd, JOOL_GENL_VERSION) ||
	    nla_put_string(msg, JOOL_A_IFNAME, ifname) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/*
 * Copies NLMSGERR_ATTR_MSG, if present among the @len bytes of attributes
 * at @attrs, into @st->extack.
 */
static void copy_extack(const void *attrs, size_t len, struct jnl_status *st)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	char *end;

	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)attrs, len, NULL))
		return;
	if (tb[NLMSGERR_ATTR_OFFS] && nla_len(tb[NLMSGERR_ATTR_OFFS]) >= 4) {
		st->has_offset = true;
		st->offset = nla_get_u32(tb[NLMSGERR_ATTR_OFFS]);
	}
	if (!tb[NLMSGERR_ATTR_MSG])
		return;
	nla_strlcpy(st->extack, tb[NLMSGERR_ATTR_MSG], sizeof(st->extack));
	end = st->extack + strlen(st->extack);
	while (end > st->extack && end[-1] == '\n')
		*--end = '\0';
}

/* The extended ack of an NLMSG_ERROR message, if the kernel sent one. */
static void read_extack(const struct nlmsgerr *e, struct jnl_status *st)
{
	const struct nlmsghdr *hdr;
	size_t offset;

	hdr = (const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);
	if (!(hdr->nlmsg_flags & NLM_F_ACK_TLVS))
		return;

	offset = sizeof(*e);
	if (!(hdr->nlmsg_flags & NLM_F_CAPPED))
		offset += e->msg.nlmsg_len - NLMSG_HDRLEN;
	offset = NLMSG_ALIGN(offset);
	if (hdr->nlmsg_len < NLMSG_HDRLEN + offset)
		return;
	copy_extack((const char *)e + offset,
		    hdr->nlmsg_len - NLMSG_HDRLEN - offset, st);
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct xfer *x = arg;

	(void)nla;
	x->st->error = -e->error;
	read_extack(e, x->st);
	x->done = true;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct xfer *x = arg;

	(void)msg;
	x->done = true;
	return NL_STOP;
}

/* Every message, NLMSG_DONE included: was the dump interrupted? */
static int on_msg_in(struct nl_msg *msg, void *arg)
{
	struct xfer *x = arg;

	if (nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP_INTR)
		x->st->intr = true;
	return NL_OK;
}

/*
 * NLMSG_DONE ends a dump. Its payload is the dump's error (0 when it went
 * through), possibly followed by an extended ack.
 */
static int on_finish(struct nl_msg *msg, void *arg)
{
	const struct nlmsghdr *hdr = nlmsg_hdr(msg);
	size_t len = hdr->nlmsg_len - NLMSG_HDRLEN;
	struct xfer *x = arg;
	int error;

	x->done = true;
	if (hdr->nlmsg_len < NLMSG_HDRLEN || len < sizeof(error))
		return NL_STOP;
	memcpy(&error, nlmsg_data(hdr), sizeof(error));
	if (error < 0) {
		x->st->error = -error;
		if ((hdr->nlmsg_flags & NLM_F_ACK_TLVS) &&
		    len > NLMSG_ALIGN(sizeof(error)))
			copy_extack((const char *)nlmsg_data(hdr) +
				    NLMSG_ALIGN(sizeof(error)),
				    len - NLMSG_ALIGN(sizeof(error)), x->st);
	}
	return NL_STOP;
}

static int on_reply(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[JOOL_A_MAX + 1];
	struct xfer *x = arg;

	if (x->st->bad_reply)
		return NL_OK;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, JOOL_A_MAX, reply_policy) ||
	    !x->fn || x->fn(tb, x->arg))
		x->st->bad_reply = true;
	return NL_OK;
}

/* The message for a failure the kernel did not explain. */
static const char *errno_text(int error)
{
	switch (error) {
	case EPERM:
	case EACCES:
		return "permission denied (CAP_NET_ADMIN is required)";
	case ENODEV:
		return "no such device";
	case EOPNOTSUPP:
		return "operation not supported";
	case EINVAL:
		return "invalid argument";
	default:
		return strerror(error);
	}
}

/* What went wrong, in words: the kernel's, or ours. */
void jnl_status_text(const struct jnl_status *st, char *buf, size_t size)
{
	if (st->error && st->extack[0])
		snprintf(buf, size, "%s", st->extack);
	else if (st->error)
		snprintf(buf, size, "%s", errno_text(st->error));
	else if (st->nlerr)
		snprintf(buf, size, "netlink error: %s", nl_geterror(st->nlerr));
	else if (st->bad_reply)
		snprintf(buf, size, "%s", bad_reply_text);
	else
		snprintf(buf, size, "the table changed during every one of %d attempts to read it",
			 JNL_DUMP_TRIES);
}

static int report(const struct jnl_status *st, const char *ifname)
{
	char text[sizeof(st->extack) + 64];

	jnl_status_text(st, text, sizeof(text));
	return runtime_err("%s: %s", ifname, text);
}

static struct nl_cb *make_cb(struct jnl *nl, struct xfer *x)
{
	struct nl_cb *orig, *cb;

	/* nl_socket_get_cb() takes a reference. */
	orig = nl_socket_get_cb(nl->sk);
	cb = nl_cb_clone(orig);
	nl_cb_put(orig);
	if (!cb)
		return NULL;
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, x);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, x);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_reply, x);
	nl_cb_set(cb, NL_CB_MSG_IN, NL_CB_CUSTOM, on_msg_in, x);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, x);
	return cb;
}

/*
 * Sends @msg (and frees it), then reads until the kernel acks or fails the
 * request, or ends the dump, handing every reply to @fn. Returns 0, or -1
 * with the failure described in @st; reports nothing.
 */
int jnl_exchange(struct jnl *nl, struct nl_msg *msg, jnl_reply_fn fn,
		 void *arg, struct jnl_status *st)
{
	struct xfer x = { .fn = fn, .arg = arg, .st = st };
	struct nl_cb *cb;
	int err;

	memset(st, 0, sizeof(*st));
	cb = make_cb(nl, &x);
	if (!cb) {
		nlmsg_free(msg);
		st->nlerr = -NLE_NOMEM;
		return -1;
	}
	err = nl_send_auto(nl->sk, msg);
	nlmsg_free(msg);
	while (err >= 0 && !x.done)
		err = nl_recvmsgs(nl->sk, cb);
	nl_cb_put(cb);

	/* libnl reads a dump to its end before it says it was interrupted. */
	if (err == -NLE_DUMP_INTR) {
		st->intr = true;
		err = 0;
	}
	if (st->error || st->bad_reply)
		return -1;
	if (err < 0) {
		st->nlerr = err;
		return -1;
	}
	return st->intr ? -1 : 0;
}

/* jnl_exchange(), reporting the failure (using @ifname). */
int jnl_transact(struct jnl *nl, struct nl_msg *msg, const char *ifname,
		 jnl_reply_fn fn, void *arg)
{
	struct jnl_status st;

	if (jnl_exchange(nl, msg, fn, arg, &st))
		return report(&st, ifname);
	return 0;
}

/*
 * Dumps @cmd on the device named @ifname, handing every message to @fn.
 * A dump the kernel flags as interrupted (the table changed in the middle)
 * is redone from the start, after @restart(@arg), up to JNL_DUMP_TRIES
 * times. Reports failures.
 */
int jnl_dump(struct jnl *nl, uint8_t cmd, const char *ifname,
	     jnl_reply_fn fn, void (*restart)(void *arg), void *arg)
{
	return jnl_dump_req(nl, cmd, ifname, NULL, NULL, fn, restart, arg);
}

/*
 * jnl_dump() of a request that @build(@req) adds attributes to (a dump's
 * filter), if not NULL.
 */
int jnl_dump_req(struct jnl *nl, uint8_t cmd, const char *ifname,
		 jnl_build_fn build, const void *req, jnl_reply_fn fn,
		 void (*restart)(void *arg), void *arg)
{
	struct jnl_status st;
	struct nl_msg *msg;
	int try;

	for (try = 0; try < JNL_DUMP_TRIES; try++) {
		if (try)
			restart(arg);
		msg = jnl_request_size(nl, cmd, NLM_F_DUMP, ifname, 0);
		if (msg && build && build(msg, req)) {
			nlmsg_free(msg);
			msg = NULL;
		}
		if (!msg)
			return runtime_err("out of memory");
		if (!jnl_exchange(nl, msg, fn, arg, &st))
			return 0;
		if (st.error || st.bad_reply || st.nlerr)
			return report(&st, ifname);
	}
	return report(&st, ifname);
}

/*
 * The whole life of one request on a socket of its own: opens it, builds
 * @cmd for the device @ifname (@build(@req) adds the attributes, if not
 * NULL), hands every reply to @fn(@arg) and closes it. Reports failures.
 */
int jnl_do(const char *ifname, uint8_t cmd, jnl_build_fn build,
	   const void *req, jnl_reply_fn fn, void *arg)
{
	struct nl_msg *msg;
	struct jnl nl;
	int ret;

	ret = jnl_open(&nl);
	if (ret)
		return ret;
	msg = jnl_request(&nl, cmd, ifname);
	if (msg && (!build || !build(msg, req))) {
		ret = jnl_transact(&nl, msg, ifname, fn, arg);
	} else {
		if (msg)
			nlmsg_free(msg);
		ret = runtime_err("out of memory");
	}
	jnl_close(&nl);
	return ret;
}

/* The same for a dump (see jnl_dump()). */
int jnl_do_dump(const char *ifname, uint8_t cmd, jnl_reply_fn fn,
		void (*restart)(void *arg), void *arg)
{
	return jnl_do_dump_req(ifname, cmd, NULL, NULL, fn, restart, arg);
}

/* The same for a dump whose request @build(@req) adds to (jnl_dump_req()). */
int jnl_do_dump_req(const char *ifname, uint8_t cmd, jnl_build_fn build,
		    const void *req, jnl_reply_fn fn,
		    void (*restart)(void *arg), void *arg)
{
	struct jnl nl;
	int ret;

	ret = jnl_open(&nl);
	if (ret)
		return ret;
	ret = jnl_dump_req(&nl, cmd, ifname, build, req, fn, restart, arg);
	jnl_close(&nl);
	return ret;
}

/* ---- Prefixes: a nest of JOOL_PREFIX_ADDR and JOOL_PREFIX_LEN ---- */

static struct nla_policy prefix_policy[JOOL_PREFIX_MAX + 1] = {
	[JOOL_PREFIX_ADDR]	= { .type = NLA_UNSPEC },
	[JOOL_PREFIX_LEN]	= { .type = NLA_U8 },
};

/* Adds @p as the nest @attr. Returns 0, or -1 if out of room. */
int jnl_put_prefix(struct nl_msg *msg, int attr, const struct prefix *p)
{
	struct nlattr *nest = nla_nest_start(msg, attr);

	if (!nest ||
	    nla_put(msg, JOOL_PREFIX_ADDR, prefix_addr_size(p), &p->addr) < 0 ||
	    nla_put_u8(msg, JOOL_PREFIX_LEN, p->len) < 0)
		return -1;
	return nla_nest_end(msg, nest) < 0 ? -1 : 0;
}

/*
 * Reads the prefix nest @attr into @p. Returns 0; 1 if the nest is there
 * but empty (an unset prefix); -1 if it is missing or malformed.
 */
int jnl_get_prefix(struct nlattr *attr, struct prefix *p)
{
	struct nlattr *tb[JOOL_PREFIX_MAX + 1];

	if (!attr || nla_parse_nested(tb, JOOL_PREFIX_MAX, attr, prefix_policy))
		return -1;
	if (!tb[JOOL_PREFIX_ADDR] && !tb[JOOL_PREFIX_LEN])
		return 1;
	if (!tb[JOOL_PREFIX_ADDR] || !tb[JOOL_PREFIX_LEN] ||
	    prefix_from_attr(p, nla_data(tb[JOOL_PREFIX_ADDR]),
			     nla_len(tb[JOOL_PREFIX_ADDR]),
			     nla_get_u8(tb[JOOL_PREFIX_LEN])))
		return -1;
	return 0;
}
