// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink side of joolctl, on top of libnl-genl-3.
 *
 * libnl 3.7 does not expose extended acks, so the socket asks for them
 * itself (NETLINK_EXT_ACK, NETLINK_CAP_ACK) and the error callback digs
 * NLMSGERR_ATTR_MSG out of the NLMSG_ERROR message.
 */
#include <errno.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <stdbool.h>
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
	bool bad_reply;
	int error;		/* positive errno from the kernel, or 0 */
	char extack[256];	/* the kernel's message, or "" */
};

static const char bad_reply_text[] =
	"unexpected reply from the kernel (is jool_netdev.ko from another version?)";

static struct nla_policy reply_policy[JOOL_A_MAX + 1] = {
	[JOOL_A_IFINDEX]	= { .type = NLA_U32 },
	[JOOL_A_IFNAME]		= { .type = NLA_STRING },
	[JOOL_A_MODE]		= { .type = NLA_U8 },
	[JOOL_A_GLOBALS]	= { .type = NLA_NESTED },
	[JOOL_A_STATS]		= { .type = NLA_NESTED },
};

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

void jnl_close(struct jnl *nl)
{
	nl_socket_free(nl->sk);
	nl->sk = NULL;
}

/* Starts a request for @cmd on the device named @ifname. */
struct nl_msg *jnl_request(struct jnl *nl, uint8_t cmd, const char *ifname)
{
	struct nl_msg *msg;

	msg = nlmsg_alloc();
	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, 0,
			 cmd, JOOL_GENL_VERSION) ||
	    nla_put_string(msg, JOOL_A_IFNAME, ifname) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* Copies NLMSGERR_ATTR_MSG, if the kernel sent one, into @x->extack. */
static void read_extack(const struct nlmsgerr *e, struct xfer *x)
{
	const struct nlmsghdr *hdr;
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t offset, len;
	char *end;

	hdr = (const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);
	if (!(hdr->nlmsg_flags & NLM_F_ACK_TLVS))
		return;

	offset = sizeof(*e);
	if (!(hdr->nlmsg_flags & NLM_F_CAPPED))
		offset += e->msg.nlmsg_len - NLMSG_HDRLEN;
	offset = NLMSG_ALIGN(offset);
	if (hdr->nlmsg_len < NLMSG_HDRLEN + offset)
		return;
	len = hdr->nlmsg_len - NLMSG_HDRLEN - offset;

	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)e + offset),
		      len, NULL) || !tb[NLMSGERR_ATTR_MSG])
		return;

	nla_strlcpy(x->extack, tb[NLMSGERR_ATTR_MSG], sizeof(x->extack));
	end = x->extack + strlen(x->extack);
	while (end > x->extack && end[-1] == '\n')
		*--end = '\0';
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct xfer *x = arg;

	(void)nla;
	x->error = -e->error;
	read_extack(e, x);
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

static int on_reply(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[JOOL_A_MAX + 1];
	struct xfer *x = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, JOOL_A_MAX, reply_policy) ||
	    !x->fn || x->fn(tb, x->arg))
		x->bad_reply = true;
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

static int report(const struct xfer *x, const char *ifname)
{
	if (x->extack[0])
		return runtime_err("%s: %s", ifname, x->extack);
	return runtime_err("%s: %s", ifname, errno_text(x->error));
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
	return cb;
}

/*
 * Sends @msg (and frees it), then reads until the kernel acks or fails the
 * request, handing any reply to @fn. Reports failures, using @ifname.
 */
int jnl_transact(struct jnl *nl, struct nl_msg *msg, const char *ifname,
		 jnl_reply_fn fn, void *arg)
{
	struct xfer x = { .fn = fn, .arg = arg };
	struct nl_cb *cb;
	int err;

	cb = make_cb(nl, &x);
	if (!cb) {
		nlmsg_free(msg);
		return runtime_err("out of memory");
	}
	err = nl_send_auto(nl->sk, msg);
	nlmsg_free(msg);
	while (err >= 0 && !x.done)
		err = nl_recvmsgs(nl->sk, cb);
	nl_cb_put(cb);

	if (x.error)
		return report(&x, ifname);
	if (err < 0)
		return runtime_err("%s: netlink error: %s", ifname, nl_geterror(err));
	if (x.bad_reply)
		return runtime_err("%s: %s", ifname, bad_reply_text);
	return 0;
}
