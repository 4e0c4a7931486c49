/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _JOOL_NETLINK_H
#define _JOOL_NETLINK_H

int jool_genl_init(void);
void jool_genl_uninit(void);

#endif /* _JOOL_NETLINK_H */
