/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_DEVICE_H
#define _JOOL_DEVICE_H

#include <linux/netdevice.h>
#include <linux/mutex.h>
#include <linux/siphash.h>
#include <net/gro_cells.h>
#include <uapi/jool_netdev.h>

struct jool_config;
struct jool_pmtu;
struct jool_rx_routes;
struct jool_state;

/**
 * struct jool_device - private part of a jool net device
 * @dev: the net device
 * @config: current configuration; readers use RCU, writers hold @lock
 * @lock: serialises configuration writers (generic netlink, rtnl changelink)
 * @gro_cells: where translated packets are re-injected
 * @stats: per-CPU per-reason counters, indexed by &enum jool_stat
 * @pmtu: per-CPU cache of the routes translated packets take (pmtu.c)
 * @config_serial: the serial of the last snapshot published; under @lock
 * @mode: translation mode, fixed at creation
 * @state: (NAT64) the BIB and session tables (bib.h); NULL for SIIT
 * @port_key: (NAT64) the secret of RFC 6056's F() (port allocation),
 *	random, set at creation
 * @next_ephemeral: (NAT64) RFC 6056's counter; racy updates only lose
 *	increments
 */
struct jool_device {
	struct net_device *dev;
	struct jool_config __rcu *config;
	struct mutex lock;
	struct gro_cells gro_cells;
	u64 __percpu *stats;
	struct jool_pmtu __percpu *pmtu;
	struct jool_rx_routes __percpu *rx_routes;
	u32 rx_routes_gen;
	u64 config_serial;
	enum jool_mode mode;
	struct jool_state *state;
	siphash_key_t port_key;
	u32 next_ephemeral;
};

extern struct rtnl_link_ops jool_link_ops;

extern atomic_t jool_devices;

/**
 * jool_device_count() - how many jool devices exist, in every namespace
 *
 * Counted from ndo_init to ndo_uninit, under RTNL. Read locklessly: a device
 * is counted before it can transmit and uncounted only after it no longer
 * does (unregister_netdevice() closes it and waits for readers first).
 *
 * Return: the count.
 */
static inline int jool_device_count(void)
{
	return atomic_read(&jool_devices);
}

int jool_device_init(void);
void jool_device_uninit(void);

#endif /* _JOOL_DEVICE_H */
