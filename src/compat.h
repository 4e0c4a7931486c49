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

/* Refuse moves to another netns: state (routes, pools) belongs to this one. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 12, 0)
#define jool_set_netns_local(dev) ((dev)->features |= NETIF_F_NETNS_LOCAL)
#elif LINUX_VERSION_CODE < KERNEL_VERSION(6, 15, 0)
#define jool_set_netns_local(dev) ((dev)->netns_local = true)
#else
#define jool_set_netns_local(dev) ((dev)->netns_immutable = true)
#endif

/* NETIF_F_LLTX became a device flag in 6.12. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 12, 0)
#define jool_set_lltx(dev) ((dev)->features |= NETIF_F_LLTX)
#else
#define jool_set_lltx(dev) ((dev)->lltx = true)
#endif

#endif /* _JOOL_COMPAT_H */
