/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel-version difference in one place, force-included by Kbuild so
 * the rest of the code reads like current upstream. The supported floor is
 * Linux 6.1 (Debian 12).
 */
#ifndef _JOOL_COMPAT_H
#define _JOOL_COMPAT_H

#include <linux/version.h>
#include <linux/netdevice.h>
/* The GSO helpers (skb_gso_segment()...) moved to net/gso.h in 6.5. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#include <net/gso.h>
#endif

/*
 * Refuse moves to another netns: state (routes, pools) belongs to this one.
 * netns_local (6.12) became netns_immutable (6.15, and 6.12.y stable
 * kernels since): Kbuild looks at the headers (JOOL_HAVE_NETNS_IMMUTABLE).
 */
#if defined(JOOL_HAVE_NETNS_IMMUTABLE)
#define jool_set_netns_local(dev) ((dev)->netns_immutable = true)
#elif LINUX_VERSION_CODE < KERNEL_VERSION(6, 12, 0)
#define jool_set_netns_local(dev) ((dev)->features |= NETIF_F_NETNS_LOCAL)
#else
#define jool_set_netns_local(dev) ((dev)->netns_local = true)
#endif

/* NETIF_F_LLTX became a device flag in 6.12. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 12, 0)
#define jool_set_lltx(dev) ((dev)->features |= NETIF_F_LLTX)
#else
#define jool_set_lltx(dev) ((dev)->lltx = true)
#endif

/* A dump's parsed request attributes: in its struct genl_info since 6.6. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 6, 0)
#define jool_dump_attrs(cb) (genl_dumpit_info(cb)->attrs)
#else
#define jool_dump_attrs(cb) (genl_info_dump(cb)->attrs)
#endif

/* tc ingress (clsact) on a device: tcx_ingress since 6.6. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 6, 0) && defined(CONFIG_NET_CLS_ACT)
#define jool_tc_ingress(dev) (!!rcu_access_pointer((dev)->miniq_ingress))
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0) && defined(CONFIG_NET_XGRESS)
#define jool_tc_ingress(dev) (!!rcu_access_pointer((dev)->tcx_ingress))
#else
#define jool_tc_ingress(dev) false
#endif

/*
 * The input route of an IPv4 packet: 0, -EXDEV (rp_filter) or another
 * error. ip_route_input_noref() takes a dscp_t and returns a drop reason
 * since 6.13.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 13, 0)
#define jool_route_input4(skb, iph, dev) \
	ip_route_input_noref(skb, (iph)->daddr, (iph)->saddr, (iph)->tos, dev)
#else
#define jool_route_input4(skb, iph, dev) ({				\
	enum skb_drop_reason __r = ip_route_input_noref(skb, (iph)->daddr, \
		(iph)->saddr, ip4h_dscp(iph), dev);			\
	__r == SKB_DROP_REASON_IP_RPFILTER ? -EXDEV : __r ? -EINVAL : 0; })
#endif

#endif /* _JOOL_COMPAT_H */
