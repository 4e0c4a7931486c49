// SPDX-License-Identifier: GPL-2.0
/*
 * The "jool" link type: net_device setup, rtnetlink ops (ip link add/set/
 * show), lifecycle.
 *
 * A jool device is a layer-3 device with no link-layer header, no ARP/ND
 * and no queue. What the routing table sends into it is translated and
 * re-injected as if received on it (xmit.c).
 */
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/module.h>
#include <linux/random.h>
#include <net/addrconf.h>
#include <net/ip_tunnels.h>
#include <net/rtnetlink.h>
#include "bib.h"
#include "config.h"
#include "device.h"
#include "pmtu.h"
#include "rx_route.h"
#include "stats.h"
#include "xmit.h"

/* How many jool devices exist, in every namespace (jool_device_count()). */
atomic_t jool_devices = ATOMIC_INIT(0);

static int jool_dev_init(struct net_device *dev)
{
	struct jool_device *jdev = netdev_priv(dev);
	int err = gro_cells_init(&jdev->gro_cells, dev);

	if (!err)
		atomic_inc(&jool_devices);
	return err;
}

static void jool_dev_uninit(struct net_device *dev)
{
	struct jool_device *jdev = netdev_priv(dev);

	/* Before the cells go: the collector may inject a probe. */
	jool_state_stop(jdev->state);
	gro_cells_destroy(&jdev->gro_cells);
	atomic_dec(&jool_devices);
}

/*
 * The device's own sysctls, set once when it is created (under RTNL, right
 * after register_netdevice() made its in_device and inet6_dev): an
 * administrator who changes them later keeps the change across down and up.
 */
static void jool_set_sysctls(struct net_device *dev)
{
	struct in_device *in4 = __in_dev_get_rtnl(dev);
	struct inet6_dev *in6 = __in6_dev_get(dev);

	/*
	 * Nothing link-local happens on a translator: no IPv6 link-local
	 * address (and so no DAD, RS or MLD from it), no redirects for
	 * hairpinned traffic, which leaves through the device it came from.
	 */
	if (in4) {
		/* Marks the values as set, so "default" does not reset them. */
		IN_DEV_CONF_SET(in4, SEND_REDIRECTS, 0);
		/*
		 * A translated ICMP error whose source has no translation and
		 * no RFC 6791 pool is sent from an address of the translator
		 * (RFC 6791 section 4): a local address arriving on this device,
		 * which the martian check drops unless told otherwise.
		 */
		IN_DEV_CONF_SET(in4, ACCEPT_LOCAL, 1);
	}
	if (in6)
		WRITE_ONCE(in6->cnf.addr_gen_mode, IN6_ADDR_GEN_MODE_NONE);
}

/*
 * Down: the cached input routes of translated packets are forgotten, since
 * a rename, which needs the device down, moves "iif NAME" rules on or off
 * it.
 */
static int jool_dev_stop(struct net_device *dev)
{
	jool_rx_routes_forget(netdev_priv(dev));
	return 0;
}

static const struct net_device_ops jool_netdev_ops = {
	.ndo_init = jool_dev_init,
	.ndo_uninit = jool_dev_uninit,
	.ndo_stop = jool_dev_stop,
	.ndo_start_xmit = jool_xmit,
	.ndo_get_stats64 = dev_get_tstats64,
};

static void jool_destruct(struct net_device *dev)
{
	struct jool_device *jdev = netdev_priv(dev);

	/* No packet and no netlink request can see the device any more. */
	jool_state_free(jdev->state);
	jool_config_free(rcu_dereference_protected(jdev->config, true));
	jool_stats_free(jdev->stats);
	jool_pmtu_free(jdev->pmtu);
	jool_rx_routes_free(jdev->rx_routes);
	free_percpu(dev->tstats);
	pr_debug("%s: device destroyed\n", dev->name);
}

#define JOOL_FEATURES (NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_HIGHDMA | \
		       NETIF_F_FRAGLIST | NETIF_F_TSO | NETIF_F_TSO6 | \
		       NETIF_F_TSO_ECN | NETIF_F_TSO_MANGLEID | \
		       NETIF_F_GSO_UDP_L4)

static void jool_setup(struct net_device *dev)
{
	struct jool_device *jdev = netdev_priv(dev);

	dev->netdev_ops = &jool_netdev_ops;
	dev->ethtool_ops = &jool_ethtool_ops;
	/* Lets AF_PACKET write raw IP into the device (tests, tools). */
	dev->header_ops = &ip_tunnel_header_ops;
	dev->type = ARPHRD_NONE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	/*
	 * No needed_headroom, though IPv4 -> IPv6 adds 20 bytes (28 with a
	 * Fragment Header): ip_forward() and, with header_ops,
	 * ip6_finish_output2() give a new head (an allocation and a copy) to
	 * every packet routed into the device with less headroom than
	 * LL_RESERVED_SPACE(), which counts it, and a UDP socket's packet
	 * from behind a veth has 16. IPv6 -> IPv4 needs no room; swap_l3()
	 * makes it for IPv4 -> IPv6, without an allocation when it can.
	 */
	dev->needed_headroom = 0;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	/*
	 * No netpoll (netconsole): its transmit may come from hard IRQ, and
	 * the translator's per-CPU state and locks are for BH only.
	 */
	dev->priv_flags |= IFF_NO_QUEUE | IFF_DISABLE_NETPOLL;
	dev->mtu = ETH_DATA_LEN;
	dev->min_mtu = IPV6_MIN_MTU;
	dev->max_mtu = IP_MAX_MTU - sizeof(struct ipv6hdr) -
		       sizeof(struct iphdr);
	dev->features |= JOOL_FEATURES;
	dev->hw_features |= JOOL_FEATURES;
	dev->hw_enc_features |= JOOL_FEATURES;
	jool_set_lltx(dev);
	jool_set_netns_local(dev);
	/* The dst is needed to send ICMP errors back from the device. */
	netif_keep_dst(dev);
	dev->needs_free_netdev = true;

	jdev->dev = dev;
	mutex_init(&jdev->lock);
}

static struct netlink_range_validation max_sessions_range __ro_after_init = {
	.min = 1,
	.max = JOOL_MAX_SESSIONS_MAX,
};

static const struct nla_policy jool_link_policy[IFLA_JOOL_MAX + 1] = {
	[IFLA_JOOL_MODE] = NLA_POLICY_MAX(NLA_U8, JOOL_MODE_MAX),
	[IFLA_JOOL_POOL6] = NLA_POLICY_NESTED(jool_prefix_policy),
	[IFLA_JOOL_MAX_SESSIONS] = NLA_POLICY_FULL_RANGE(NLA_U32,
							 &max_sessions_range),
	[IFLA_JOOL_SESSIONS] = { .type = NLA_REJECT },
};

static int jool_validate(struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		NL_SET_ERR_MSG(extack, "a jool device has no link-layer address");
		return -EINVAL;
	}
	return 0;
}

/* max-sessions of a new device, or -EINVAL if it cannot have one. */
static s64 new_max_sessions(const struct jool_device *jdev,
			    struct nlattr *data[],
			    struct netlink_ext_ack *extack)
{
	if (!data || !data[IFLA_JOOL_MAX_SESSIONS])
		return jool_state_default_max();
	if (jdev->mode != JOOL_MODE_NAT64) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_JOOL_MAX_SESSIONS],
				    "max-sessions is for nat64 devices");
		return -EINVAL;
	}
	return nla_get_u32(data[IFLA_JOOL_MAX_SESSIONS]);
}

static int jool_newlink(struct net *src_net, struct net_device *dev,
			struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	struct jool_device *jdev = netdev_priv(dev);
	struct jool_config *cfg;
	int err = -ENOMEM;
	s64 max_sessions;

	if (data && data[IFLA_JOOL_MODE])
		jdev->mode = nla_get_u8(data[IFLA_JOOL_MODE]);
	max_sessions = new_max_sessions(jdev, data, extack);
	if (max_sessions < 0)
		return max_sessions;

	cfg = jool_config_alloc();
	if (!cfg)
		return -ENOMEM;
	/*
	 * A NAT64 computes the checksum of an IPv4 UDP packet that has none
	 * (RFC 6146 3.4; Jool too): "amend-udp-checksum-zero" is a SIIT
	 * global, always on in NAT64 mode.
	 */
	if (jdev->mode == JOOL_MODE_NAT64)
		cfg->xlat.amend_udp_csum0 = true;
	if (data && data[IFLA_JOOL_POOL6]) {
		err = jool_config_set_pool6(cfg, data[IFLA_JOOL_POOL6], extack);
		if (err)
			goto err_free_cfg;
		err = -ENOMEM;
	}
	RCU_INIT_POINTER(jdev->config, cfg);

	jdev->stats = jool_stats_alloc();
	if (!jdev->stats)
		goto err_free_cfg;
	jdev->pmtu = jool_pmtu_alloc();
	if (!jdev->pmtu)
		goto err_free_stats;
	jdev->rx_routes = jool_rx_routes_alloc();
	if (!jdev->rx_routes)
		goto err_free_pmtu;
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		goto err_free_pmtu;
	if (jdev->mode == JOOL_MODE_NAT64) {
		jdev->state = jool_state_alloc(jdev, max_sessions);
		if (!jdev->state)
			goto err_free_tstats;
		get_random_bytes(&jdev->port_key, sizeof(jdev->port_key));
		jdev->next_ephemeral = get_random_u32();
	}

	err = register_netdevice(dev);
	if (err)
		goto err_free_state;

	jool_set_sysctls(dev);
	/* Set last, so that register_netdevice() failing does not call it. */
	dev->priv_destructor = jool_destruct;
	pr_debug("%s: device created\n", dev->name);
	return 0;

err_free_state:
	jool_state_free(jdev->state);
err_free_tstats:
	free_percpu(dev->tstats);
err_free_pmtu:
	jool_rx_routes_free(jdev->rx_routes);
	jool_pmtu_free(jdev->pmtu);
err_free_stats:
	jool_stats_free(jdev->stats);
err_free_cfg:
	jool_config_free(cfg);
	return err;
}

static int apply_pool6(const struct jool_device *jdev, struct jool_config *cfg,
		       void *nest, struct netlink_ext_ack *extack)
{
	return jool_config_set_pool6(cfg, nest, extack);
}

static int jool_changelink(struct net_device *dev, struct nlattr *tb[],
			   struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct jool_device *jdev = netdev_priv(dev);
	int err;

	if (!data)
		return 0;
	if (data[IFLA_JOOL_MODE] &&
	    nla_get_u8(data[IFLA_JOOL_MODE]) != jdev->mode) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_JOOL_MODE],
				    "the mode of a jool device is fixed at creation");
		return -EOPNOTSUPP;
	}
	/* Checked first: a refused request changes nothing. */
	if (data[IFLA_JOOL_MAX_SESSIONS] && !jdev->state) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_JOOL_MAX_SESSIONS],
				    "max-sessions is for nat64 devices");
		return -EINVAL;
	}
	if (data[IFLA_JOOL_POOL6]) {
		err = jool_config_update(jdev, apply_pool6,
					 data[IFLA_JOOL_POOL6], extack);
		if (err)
			return err;
	}
	if (data[IFLA_JOOL_MAX_SESSIONS])
		jool_state_set_max_sessions(jdev->state,
			nla_get_u32(data[IFLA_JOOL_MAX_SESSIONS]));
	return 0;
}

static size_t jool_get_size(const struct net_device *dev)
{
	/* Mode, pool6, max-sessions and sessions. */
	return nla_total_size(sizeof(u8)) + jool_nla_pool6_size() +
	       2 * nla_total_size(sizeof(u32));
}

static int jool_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct jool_device *jdev = netdev_priv(dev);
	const struct jool_config *cfg;
	int err = 0;

	if (nla_put_u8(skb, IFLA_JOOL_MODE, jdev->mode))
		return -EMSGSIZE;
	if (jdev->state &&
	    (nla_put_u32(skb, IFLA_JOOL_MAX_SESSIONS,
			 jool_state_max_sessions(jdev->state)) ||
	     nla_put_u32(skb, IFLA_JOOL_SESSIONS,
			 jool_state_sessions(jdev->state))))
		return -EMSGSIZE;
	rcu_read_lock();
	cfg = rcu_dereference(jdev->config);
	if (cfg->xlat.pool6_set)
		err = jool_nla_put_pool6(skb, IFLA_JOOL_POOL6, cfg);
	rcu_read_unlock();
	return err;
}

struct rtnl_link_ops jool_link_ops __read_mostly = {
	.kind = JOOL_LINK_KIND,
	.priv_size = sizeof(struct jool_device),
	.maxtype = IFLA_JOOL_MAX,
	.policy = jool_link_policy,
	.setup = jool_setup,
	.validate = jool_validate,
	.newlink = jool_newlink,
	.changelink = jool_changelink,
	.get_size = jool_get_size,
	.fill_info = jool_fill_info,
};

int __init jool_device_init(void)
{
	return rtnl_link_register(&jool_link_ops);
}

void jool_device_uninit(void)
{
	rtnl_link_unregister(&jool_link_ops);
}
