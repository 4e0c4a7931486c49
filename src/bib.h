/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The NAT64 state of a device (RFC 6146 3.1-3.3): the BIB (binding
 * information base: IPv6 transport address <-> IPv4 transport address, per
 * protocol) and the sessions (a BIB entry plus the remote IPv4 transport
 * address it talks to).
 *
 * Six indices, fixed-size hash tables of singly linked RCU chains, sized
 * at creation from max-sessions (docs/design.md, "NAT64 state tables"):
 *   BIB by (proto, IPv6 taddr) and by (proto, IPv4 taddr);
 *   sessions by (proto, IPv6 taddr, remote IPv4 taddr) (6 -> 4) and by
 *   (proto, local IPv4 taddr, remote IPv4 taddr) (4 -> 6);
 *   peer groups by (BIB entry, remote IPv4 address): whether the IPv6 node
 *   talks to an IPv4 address through an entry, any port (address-dependent
 *   filtering);
 *   clients by IPv6 address: the IPv4 address its mappings use (paired
 *   address pooling).
 * The remote IPv6 taddr of a session is the pool6 translation of its
 * remote IPv4 taddr (pool6 is fixed once the device has state), so it is
 * not stored.
 *
 * Readers (lookups, dumps) hold rcu_read_lock() and take no lock; writers
 * take the bucket locks of the chains they change (6 side, then 4 side),
 * re-checking under them, so one flow created on several CPUs at once
 * yields one entry. Entries are freed by an RCU callback (call_rcu())
 * into their slab cache.
 *
 * A session expires at its @expires (jiffies); lookups treat an expired
 * session (or one whose BIB entry was removed) as absent, and a per-device
 * collector (delayed work) unlinks such sessions a batch of buckets at a
 * time. A BIB entry lives while it has sessions or is static.
 */
#ifndef _JOOL_BIB_H
#define _JOOL_BIB_H

#include <linux/types.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>
#include "core/tuple.h"

struct jool_device;
struct pool4;

/* The sides of an entry: its two indices. */
#define JOOL_SIDE6 0
#define JOOL_SIDE4 1
/*
 * How many IPv4 addresses a client (bib_client.c) remembers: one per
 * protocol when pool4 gives each its own addresses.
 */
#define JOOL_CLIENT_ADDRS 3
/* jool_client_join()'s @seen when the IPv4 address was not allocated. */
#define JOOL_CLIENT_ANY 0xffffffffU
/* A session's third link: the index of its (BIB entry, remote address). */
#define JOOL_PEER 2

/**
 * struct jool_link - an entry's place in the chain of one index
 * @next: the next entry's link in that chain (RCU)
 */
struct jool_link {
	struct jool_link __rcu *next;
};

/**
 * struct jool_bib - a BIB entry
 * @link: its places in the (proto, IPv6 taddr) chain (%JOOL_SIDE6) and the
 *	(proto, IPv4 taddr) chain (%JOOL_SIDE4)
 * @addr6: the IPv6 address
 * @addr4: the IPv4 address (pool4), network order
 * @port6: the IPv6 port or ICMP identifier
 * @port4: the IPv4 port or ICMP identifier
 * @proto: IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP (the IPv4 number)
 * @is_static: added by the administrator; holds a reference
 * @removed: removed from the indices (or being removed); set once
 * @in_block: counted in a port block (bib_block.c); under its bucket
 *	locks. An entry made while port-block-size was 0 is in none.
 * @refs: its sessions, plus one if static; the entry goes at zero
 * @rcu: for call_rcu(), which frees it after a grace period
 */
struct jool_bib {
	struct jool_link link[2];
	struct in6_addr addr6;
	__be32 addr4;
	u16 port6;
	u16 port4;
	u8 proto;
	u8 is_static;
	u8 removed;
	u8 in_block;
	atomic_t refs;
	struct rcu_head rcu;
};

/**
 * struct jool_session - a session (RFC 6146 3.2)
 * @link: its places in the 6 -> 4 chain (%JOOL_SIDE6), the 4 -> 6 chain
 *	(%JOOL_SIDE4) and, if it is the anchor of its peer group, the peer
 *	chain (%JOOL_PEER)
 * @bib: its BIB entry (holds one of its references)
 * @remote4: the remote IPv4 address, network order
 * @rport4: the remote IPv4 port (ICMP: the identifier)
 * @state: the TCP state machine's state (not interpreted here)
 * @dead: unlinked or being unlinked; set once (xchg())
 * @expires: when it expires, in jiffies (low 32 bits)
 * @group_expires: (the anchor of a peer group) the latest expiry of the
 *	group's sessions, in jiffies (low 32 bits); only moves forward
 * @peers: (the anchor of a peer group) how many sessions of the group,
 *	itself included, are not dead; 0 for the other sessions. Under the
 *	peer chain's lock, which nobody takes for it once it is unlinked
 *	from the peer chain: only then may call_rcu() reuse the bytes.
 *	See session.c, "Peer groups".
 * @rcu: for call_rcu(), which frees it after a grace period
 */
struct jool_session {
	struct jool_link link[3];
	struct jool_bib *bib;
	__be32 remote4;
	u16 rport4;
	u8 state;
	u8 dead;
	u32 expires;
	u32 group_expires;
	union {
		u32 peers;
		struct rcu_head rcu;
	};
};

struct jool_state;

struct jool_state *jool_state_alloc(struct jool_device *jdev,
				    u32 max_sessions);
void jool_state_stop(struct jool_state *st);
void jool_state_free(struct jool_state *st);
struct jool_syn_store *jool_state_syns(struct jool_state *st);
u32 jool_state_max_sessions(const struct jool_state *st);
void jool_state_set_max_sessions(struct jool_state *st, u32 max_sessions);
u32 jool_state_sessions(const struct jool_state *st);
bool jool_state_in_use(const struct jool_state *st);
u32 jool_state_default_max(void);
int jool_state_init(void);
bool jool_state_selftest(void);
void jool_state_uninit(void);

/* BIB */
struct jool_bib *jool_bib_lookup6(struct jool_state *st, u8 proto,
				  const struct jool_taddr6 *t6);
struct jool_bib *jool_bib_lookup4(struct jool_state *st, u8 proto,
				  const struct jool_taddr4 *t4);
int jool_bib_add_static(struct jool_state *st, u8 proto,
			const struct jool_taddr6 *t6,
			const struct jool_taddr4 *t4, u32 slack);
void jool_bib_unstatic(struct jool_state *st, u8 proto,
		       const struct jool_taddr4 *t4);
int jool_bib_del(struct jool_state *st, u8 proto,
		 const struct jool_taddr6 *t6, const struct jool_taddr4 *t4);
struct pool4_change;
void jool_bib_purge(struct jool_state *st, const struct pool4 *pool4,
		    const struct pool4_change *removed);
void jool_bib_put(struct jool_state *st, struct jool_bib *bib);

/* Sessions */
struct jool_session *jool_session_lookup6(struct jool_state *st, u8 proto,
					  const struct jool_taddr6 *src,
					  const struct jool_taddr4 *remote);
struct jool_session *jool_session_lookup4(struct jool_state *st, u8 proto,
					  const struct jool_taddr4 *local,
					  const struct jool_taddr4 *remote);
struct jool_session *jool_session_create_seen(struct jool_state *st,
					      u8 proto,
					      const struct jool_taddr6 *src,
					      const struct jool_taddr4 *local,
					      u32 seen, u32 cap,
					      const struct jool_taddr4 *remote,
					      u8 state, unsigned long timeout,
					      bool *made);

/*
 * jool_session_create_seen() for an IPv4 address that no paired pooling
 * chose: it joins its client whatever the client's addresses.
 */
static inline struct jool_session *
jool_session_create(struct jool_state *st, u8 proto,
		    const struct jool_taddr6 *src,
		    const struct jool_taddr4 *local,
		    const struct jool_taddr4 *remote, u8 state,
		    unsigned long timeout, bool *made)
{
	return jool_session_create_seen(st, proto, src, local, JOOL_CLIENT_ANY,
					0, remote, state, timeout, made);
}
void jool_session_refresh(struct jool_state *st, struct jool_session *s,
			  unsigned long timeout);
void jool_session_set_state(struct jool_session *s, u8 state);
bool jool_session_alive(const struct jool_session *s);
bool jool_session_peer(struct jool_state *st, const struct jool_bib *bib,
		       __be32 remote);
int jool_client_paired(struct jool_state *st, const struct in6_addr *addr6,
		       __be32 *addr4, u32 *gen);
u32 jool_client_mappings(struct jool_state *st, const struct in6_addr *addr6);
/**
 * struct jool_block_info - a port block, as the address query and the
 *	mapping log report it
 * @addr6: its owner
 * @addr4: its IPv4 address, network order
 * @start: its first port
 * @size: its number of ports
 * @proto: its protocol
 * @since: when it was allocated, seconds since the epoch
 */
struct jool_block_info {
	struct in6_addr addr6;
	__be32 addr4;
	u16 start;
	u32 size;
	u8 proto;
	time64_t since;
};

unsigned int jool_block_mine(struct jool_state *st,
			     const struct in6_addr *addr6, u8 proto,
			     struct jool_taddr4 *out, unsigned int max);
unsigned int jool_block_walk6(struct jool_state *st,
			      const struct in6_addr *addr6,
			      void (*fn)(const struct jool_block_info *b,
					 void *arg),
			      void *arg);
bool jool_block_free_at(struct jool_state *st, u8 proto, __be32 addr4,
			u16 start);
bool jool_block_lookup(struct jool_state *st, u8 proto,
		       const struct jool_taddr4 *t4,
		       struct jool_block_info *out);
void jool_session_sweep(struct jool_state *st);
bool jool_session_scheduled(const struct jool_state *st,
			    const struct jool_session *s);
unsigned int jool_session_collect(struct jool_state *st,
				  unsigned int budget);
bool jool_probe_expired(struct jool_device *jdev, struct jool_session *s);

/**
 * struct jool_bib_key - where a BIB dump goes on from
 * @bucket: the bucket of the (proto, IPv4 taddr) index
 * @proto: the last entry's protocol
 * @t4: the last entry's IPv4 taddr
 * @started: false: from the beginning
 */
struct jool_bib_key {
	u32 bucket;
	u8 proto;
	bool started;
	struct jool_taddr4 t4;
};

/**
 * struct jool_session_key - where a session dump goes on from
 * @bucket: the bucket of the 4 -> 6 index
 * @proto: the last session's protocol
 * @local: its local IPv4 taddr
 * @remote: its remote IPv4 taddr
 * @started: false: from the beginning
 */
struct jool_session_key {
	u32 bucket;
	u8 proto;
	bool started;
	struct jool_taddr4 local;
	struct jool_taddr4 remote;
};

/*
 * Return 0 to go on, %JOOL_FOREACH_SKIP to go on past an entry left out
 * (a dump's filter: the key moves past it all the same), or a negative
 * errno (-EMSGSIZE) to stop before this entry.
 */
#define JOOL_FOREACH_SKIP 1
typedef int (*jool_bib_cb)(const struct jool_bib *bib, void *arg);
typedef int (*jool_session_cb)(const struct jool_session *s, void *arg);

int jool_bib_foreach(struct jool_state *st, struct jool_bib_key *key,
		     unsigned int max, jool_bib_cb cb, void *arg);
int jool_session_foreach(struct jool_state *st, struct jool_session_key *key,
			 unsigned int max, jool_session_cb cb, void *arg);

#endif /* _JOOL_BIB_H */
