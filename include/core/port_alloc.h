/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NAT64 IPv4 transport address allocation (RFC 6146 3.5.1.1, 3.5.2.3 and
 * 3.5.3): the pool4 transport address a new BIB entry masks its IPv6
 * client with, chosen by RFC 6056 algorithm 3 ("simple hash-based").
 *
 * Pure: no hash function, no BIB, no lock. The caller
 *  - packs the fields "f-args" selects with jool_port_alloc_f_input() and
 *    hashes them with its secret (the kernel: siphash() and a per-device
 *    key; the unit tests: fixed values): that is RFC 6056's F();
 *  - owns the "next_ephemeral" counter;
 *  - says which candidates are taken (its BIB lookup, a callback);
 *  - passes the IPv4 address the client already has, if any ("paired"
 *    address pooling).
 *
 * The functions are documented (kernel-doc) in src/core/port_alloc.c, the
 * algorithm and its choices in docs/design.md.
 */
#ifndef _JOOL_CORE_PORT_ALLOC_H
#define _JOOL_CORE_PORT_ALLOC_H

#include "core/tuple.h"
#include "core/pool4.h"

/*
 * The "f-args" bits (Jool's global of that name, same values): which
 * fields of the IPv6 packet's tuple feed F(). Jool's default, 0b1011,
 * leaves the source port out, so that the connections of one client to
 * one server start their search at the same place and land on neighbouring
 * transport addresses.
 */
#define PORT_ALLOC_F_SRC_ADDR	0x8
#define PORT_ALLOC_F_SRC_PORT	0x4
#define PORT_ALLOC_F_DST_ADDR	0x2
#define PORT_ALLOC_F_DST_PORT	0x1
#define PORT_ALLOC_F_ALL	0xf
#define PORT_ALLOC_F_DEFAULT	0xb

/* Two addresses and two ports, the most F() reads. */
#define PORT_ALLOC_F_MAX (2 * sizeof(struct in6_addr) + 2 * sizeof(u16))

/**
 * struct port_alloc_f - the bytes F() hashes
 * @bytes: the selected fields, in the order source address, source port,
 *	destination address, destination port; ports big endian
 * @align: (8-byte alignment, so siphash() reads it as words)
 * @len: how many bytes of @bytes
 */
struct port_alloc_f {
	union {
		u8 bytes[PORT_ALLOC_F_MAX];
		u64 align[(PORT_ALLOC_F_MAX + 7) / 8];
	};
	unsigned int len;
};

/* Why no transport address came out. */
enum port_alloc_res {
	PORT_ALLOC_OK = 0,
	/* pool4 has no set for this protocol and mark. */
	PORT_ALLOC_NO_SET,
	/* Every transport address of the set is taken. */
	PORT_ALLOC_EXHAUSTED,
	/* max-iterations candidates were taken, the search stopped. */
	PORT_ALLOC_ITERATIONS,
};

/**
 * typedef port_alloc_taken_fn - is a transport address in use?
 * @taddr: the candidate
 * @arg: the caller's &struct port_alloc_req.arg
 *
 * The caller's BIB lookup (of the protocol being allocated: RFC 6146
 * 3.5.1.1 lets TCP and UDP share transport addresses).
 *
 * Return: whether a BIB entry holds @taddr.
 */
typedef bool (*port_alloc_taken_fn)(const struct jool_taddr4 *taddr,
				    void *arg);

/* How many paired addresses a request carries at most. */
#define PORT_ALLOC_PAIRED 3

/**
 * struct port_alloc_req - what a new BIB entry needs
 * @pool4: the table of the packet's configuration snapshot
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP (the IPv4 side's)
 * @mark: the packet's mark (selects the pool4 set)
 * @port: the client's source port, host order; ICMP: its identifier
 * @hash: F(), over jool_port_alloc_f_input()'s bytes and the secret
 * @n_paired: how many IPv4 addresses the client's mappings (in any BIB)
 *	already use; 0: none
 * @paired: those addresses, network order, the preferred first: the
 *	first one that is in the packet's pool4 set is the client's there
 * @next_ephemeral: RFC 6056's counter, in/out (NULL: none); read once,
 *	advanced once, so concurrent searches only lose increments
 * @taken: the BIB lookup
 * @arg: passed to @taken
 */
struct port_alloc_req {
	const struct pool4 *pool4;
	u8 proto;
	u32 mark;
	u16 port;
	u64 hash;
	u8 n_paired;
	__be32 paired[PORT_ALLOC_PAIRED];
	u32 *next_ephemeral;
	port_alloc_taken_fn taken;
	void *arg;
};

/* How far a result is from the client's port (&struct port_alloc_out). */
#define PORT_ALLOC_PARITY_LOST	0x1
#define PORT_ALLOC_RANGE_LOST	0x2

/**
 * struct port_alloc_out - the result
 * @taddr: the transport address (PORT_ALLOC_OK only)
 * @lost: PORT_ALLOC_PARITY_LOST and PORT_ALLOC_RANGE_LOST bits: the
 *	preservation rules @taddr breaks (0: none)
 * @paired_lost: the client had an address and @taddr is on another one
 *	(or the client's addresses are not in the set)
 * @tries: how many candidates were checked with the taken() callback
 */
struct port_alloc_out {
	struct jool_taddr4 taddr;
	u8 lost;
	bool paired_lost;
	u32 tries;
};

void jool_port_alloc_f_input(const struct jool_tuple6 *t6, u8 f_args,
			     struct port_alloc_f *in);
enum port_alloc_res jool_port_alloc(const struct port_alloc_req *req,
				    struct port_alloc_out *out);
/**
 * typedef port_block_free_fn - is a block of ports free?
 * @start: the block's address and first port
 * @arg: the caller's
 *
 * Return: whether no client holds the block.
 */
typedef bool (*port_block_free_fn)(const struct jool_taddr4 *start,
				   void *arg);

enum port_alloc_res jool_port_block_find(const struct port_alloc_req *req,
					 u32 size, port_block_free_fn is_free,
					 void *arg, struct jool_taddr4 *out);
enum port_alloc_res jool_port_alloc_range(const struct port_alloc_req *req,
					  __be32 addr, u16 lo, u16 hi,
					  struct port_alloc_out *out);

#ifdef __KERNEL__
#include <linux/siphash.h>

/**
 * jool_port_alloc_hash() - RFC 6056's F(), in the kernel
 * @in: the packed fields
 * @key: the device's secret
 *
 * Return: the hash, for &struct port_alloc_req.hash.
 */
static inline u64 jool_port_alloc_hash(const struct port_alloc_f *in,
				       const siphash_key_t *key)
{
	return siphash(in->bytes, in->len, key);
}
#endif

#endif /* _JOOL_CORE_PORT_ALLOC_H */
