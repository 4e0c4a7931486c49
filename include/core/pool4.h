/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pool4 (NAT64, RFC 6146 3.5): the IPv4 transport addresses a NAT64 device
 * masks its IPv6 clients with.
 *
 * A table holds "sets", one per (protocol, mark): the packet's L4 protocol
 * (TCP, UDP, ICMP) and its skb->mark pick the set a new BIB entry takes its
 * IPv4 transport address from. A set is a list of entries, each one IPv4
 * address and a range of ports (ICMP: identifiers), sorted by (address,
 * first port) with touching or overlapping ranges of one address merged,
 * plus its "max-iterations" (how far the RFC 6056 search may go).
 *
 * Like the EAMT and denylist4, a table is immutable once built: additions
 * and removals (jool_pool4_with_added(), jool_pool4_with_removed()) build a
 * new table and leave the old one alone; the writer publishes the new one
 * in a configuration snapshot and frees the old one with jool_pool4_free()
 * once no reader can see it. NULL is a valid, empty table for every
 * function. Building allocates (process context); reading never allocates,
 * sleeps or locks.
 *
 * Readers:
 *  - jool_pool4_contains(): is (protocol, address, port) in pool4, whatever
 *    the mark (the IPv4 -> IPv6 direction): one binary search, O(log n).
 *  - jool_pool4_set_find(): the set of (protocol, mark) (IPv6 -> IPv4).
 *  - jool_pool4_cursor_seek() and jool_pool4_cursor_next(): the set's
 *    transport addresses as one circular list, entered at any offset
 *    (O(log n)) and walked one port at a time (O(1)): what RFC 6056
 *    algorithm 3 needs.
 *  - jool_pool4_cursor_addr(): the entries of one address of a set
 *    (paired address pooling: keep a client on the address it has).
 *
 * The functions are documented (kernel-doc) in src/core/pool4.c.
 */
#ifndef _JOOL_CORE_POOL4_H
#define _JOOL_CORE_POOL4_H

#include <uapi/jool_netdev.h>
#include "core/rfc6052.h"

/* A compiled, immutable table. */
struct pool4;

/*
 * The most entries (address, port range) one device's pool4 may hold,
 * every set counted. A change rebuilds the table (O(n log n)); this keeps a
 * table under 16 MiB. A /16 in the three protocols is 196608 entries.
 */
#define POOL4_MAX_ENTRIES 262144U

/* Prefixes shorter than this need "force" (they are many addresses). */
#define POOL4_FORCE_LEN 24

/* The protocols, as bits of &struct pool4_change.protos. */
#define POOL4_TCP	0x1
#define POOL4_UDP	0x2
#define POOL4_ICMP	0x4
#define POOL4_ALL	(POOL4_TCP | POOL4_UDP | POOL4_ICMP)

/* Jool's default range on add, and max-iterations "auto"'s bounds. */
#define POOL4_DEFAULT_MIN 61001
#define POOL4_DEFAULT_MAX 65535
#define POOL4_AUTO_MIN_ITERATIONS 1024
#define POOL4_AUTO_MAX_ITERATIONS 8192

/**
 * struct pool4_change - an addition or removal
 * @protos: POOL4_* bits: the protocols (sets) it applies to
 * @mark: the sets' mark
 * @prefix: the addresses (each becomes its own entry)
 * @min: the first port; TCP and UDP never use port 0, which an addition
 *	leaves out
 * @max: the last port, >= @min
 * @iter_set: (addition) set the sets' max-iterations to @iter_mode and
 *	@iterations; else an existing set keeps its own, a new one gets auto
 * @iter_mode: enum jool_pool4_iter
 * @iterations: for JOOL_POOL4_ITER_FIXED, at least 1
 * @force: (addition) allow prefixes shorter than %POOL4_FORCE_LEN and TCP
 *	or UDP ranges that meet the ephemeral range
 * @eph_min: (addition) the first port of the namespace's ephemeral range
 *	(net.ipv4.ip_local_port_range), which TCP and UDP ranges must avoid
 * @eph_max: its last; 0: no check
 */
struct pool4_change {
	u8 protos;
	u32 mark;
	struct jool_prefix4 prefix;
	u16 min;
	u16 max;
	bool iter_set;
	u8 iter_mode;
	u32 iterations;
	bool force;
	u16 eph_min;
	u16 eph_max;
};

/**
 * struct pool4_row - one entry as a dump shows it
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP
 * @mark: its set's mark
 * @iter_mode: its set's enum jool_pool4_iter
 * @iterations: its set's max-iterations in effect (0: infinity)
 * @addr: the address, network order
 * @min: the first port
 * @max: the last port
 */
struct pool4_row {
	u8 proto;
	u32 mark;
	u8 iter_mode;
	u32 iterations;
	__be32 addr;
	u16 min;
	u16 max;
};

/**
 * struct pool4_set - the transport addresses of one (protocol, mark)
 * @mark: the mark
 * @proto: index of the protocol: 0 TCP, 1 UDP, 2 ICMP
 * @iter_mode: enum jool_pool4_iter, as configured
 * @iter_fixed: the configured value (JOOL_POOL4_ITER_FIXED)
 * @iterations: the limit in effect, auto computed; 0: infinity
 * @first: its first entry, an index in the table's entries
 * @count: its number of entries (at least one)
 * @taddrs: its number of transport addresses (ports of every entry)
 */
struct pool4_set {
	u32 mark;
	u8 proto;
	u8 iter_mode;
	u32 iter_fixed;
	u32 iterations;
	u32 first;
	u32 count;
	u64 taddrs;
};

/**
 * struct pool4_cursor - a position in a set, for the port search
 * @entry: the entry (an index in the table's entries)
 * @addr: its address, network order
 * @port: the port
 */
struct pool4_cursor {
	u32 entry;
	__be32 addr;
	u16 port;
};

void jool_pool4_free(struct pool4 *p);
int jool_pool4_with_added(const struct pool4 *old,
			  const struct pool4_change *c, unsigned int nc,
			  struct pool4 **out, enum jool_cfg_err *why,
			  unsigned int *bad);
int jool_pool4_with_removed(const struct pool4 *old,
			    const struct pool4_change *c, struct pool4 **out,
			    enum jool_cfg_err *why);

unsigned int jool_pool4_count(const struct pool4 *p);
void jool_pool4_get(const struct pool4 *p, unsigned int i,
		    struct pool4_row *row);

bool jool_pool4_contains(const struct pool4 *p, u8 proto, __be32 addr,
			 u16 port);
const struct pool4_set *jool_pool4_set_find(const struct pool4 *p, u8 proto,
					    u32 mark);
void jool_pool4_cursor_seek(const struct pool4 *p, const struct pool4_set *s,
			    u64 offset, struct pool4_cursor *c);
void jool_pool4_cursor_next(const struct pool4 *p, const struct pool4_set *s,
			    struct pool4_cursor *c);
bool jool_pool4_cursor_addr(const struct pool4 *p, const struct pool4_set *s,
			    __be32 addr, struct pool4_cursor *c, u32 *count);
bool jool_pool4_set_has(const struct pool4 *p, const struct pool4_set *s,
			__be32 addr, u16 port);

#endif /* _JOOL_CORE_POOL4_H */
