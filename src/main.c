// SPDX-License-Identifier: GPL-2.0
/*
 * jool_netdev: IPv6/IPv4 translation (SIIT, NAT64) as a network device.
 * Module entry points; this file only orders initialisation and teardown.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>
#include "bib.h"
#include "config.h"
#include "device.h"
#include "netlink.h"
#include "xmit.h"

static int __init jool_mod_init(void)
{
	int err;

	jool_xmit_init();
	err = jool_state_init();
	if (err)
		return err;
#ifdef DEBUG
	if (!jool_state_selftest()) {
		jool_state_uninit();
		return -ENOTRECOVERABLE;
	}
#endif
	err = jool_device_init();
	if (err)
		goto err_state;
	err = jool_genl_init();
	if (err)
		goto err_device;
	pr_info("jool_netdev " JOOL_VERSION " loaded\n");
	if (jool_test_short_timeouts)
		pr_warn("jool_netdev: test_short_timeouts: RFC 6146 minimum session lifetimes are not enforced (for tests only)\n");
	return 0;

err_device:
	jool_device_uninit();
err_state:
	jool_state_uninit();
	return err;
}

static void __exit jool_mod_exit(void)
{
	/* No new requests, then every device in every netns goes away. */
	jool_genl_uninit();
	jool_device_uninit();
	/* Wait for the kfree_rcu() of the last configuration snapshots. */
	rcu_barrier();
	/* And for those of the last NAT64 sessions and BIB entries. */
	jool_state_uninit();
	pr_info("jool_netdev unloaded\n");
}

module_init(jool_mod_init);
module_exit(jool_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("IPv6/IPv4 translation (SIIT, NAT64) as a network device");
MODULE_VERSION(JOOL_VERSION);
MODULE_ALIAS_RTNL_LINK(JOOL_LINK_KIND);
MODULE_ALIAS_GENL_FAMILY(JOOL_GENL_NAME);
