// SPDX-License-Identifier: GPL-2.0
/*
 * NAT64 IPv4 transport address allocation (include/core/port_alloc.h):
 * RFC 6056 algorithm 3 over a pool4 set, with RFC 6146's preferences.
 *
 * A search walks a "domain" (a slice of a set's entries, a circle) from a
 * starting transport address, entry by entry. Each candidate has a rank,
 * the preservation rules it breaks (PORT_ALLOC_PARITY_LOST = 1,
 * PORT_ALLOC_RANGE_LOST = 2): 0 keeps both, 1 keeps the range only, 2 the
 * parity only, 3 neither, so the range (whose fallback RFC 6146 allows only
 * when the range has no free port) weighs more than the parity. The walk
 * asks the caller about candidates ranked better than the best free one it
 * has, skipping the others in O(1) per entry; it ends on a free rank 0,
 * after one lap, or when max-iterations steps are spent, and returns the
 * best free candidate it met. A step is a candidate checked, or an entry
 * passed over with nothing to check (so that no set shape makes the walk
 * unbounded).
 *
 * Two domains, in order, each with max-iterations steps: the entries of
 * the client's paired address (RFC 6146: "use T": the first of the
 * client's addresses that the set has), then the rest of the set.
 */
#include "core/port_alloc.h"

/* A port none of our candidates reaches. */
#define NO_PORT 0x10000U
#define RANK_NONE 4U

struct walk {
	const struct port_alloc_req *req;
	const struct pool4 *p;
	struct port_alloc_out *out;
	/* The domain: entries first to first + count - 1. */
	u32 first;
	u32 count;
	/* Entries of this address are passed over (the paired one). */
	bool skip;
	__be32 skip_addr;
	u32 budget;
	u32 steps;
	bool cut;
	/* Constraints: none (ICMP), or the client's range and parity. */
	bool any;
	bool low;
	u32 parity;
	/* The best free candidate so far, and the positions walked. */
	u32 best;
	u64 walked;
	u64 found_at;
};

static u32 rank_of(const struct walk *w, u32 port)
{
	if (w->any)
		return 0;
	return (((port < 1024) != w->low) ? PORT_ALLOC_RANGE_LOST : 0) |
	       (((port & 1) != w->parity) ? PORT_ALLOC_PARITY_LOST : 0);
}

/* The first port of [@x, @hi] of rank @k, or NO_PORT. */
static u32 next_of_rank(const struct walk *w, u32 x, u32 hi, u32 k)
{
	bool low = w->low != !!(k & PORT_ALLOC_RANGE_LOST);
	u32 bit = w->parity ^ !!(k & PORT_ALLOC_PARITY_LOST);

	if (low)
		hi = min(hi, 1023U);
	else
		x = max(x, 1024U);
	if ((x & 1) != bit)
		x++;
	return x <= hi ? x : NO_PORT;
}

/* The first port of [@x, @hi] ranked better than the best, or NO_PORT. */
static u32 next_better(const struct walk *w, u32 x, u32 hi)
{
	u32 k, c, next = NO_PORT;

	if (x > hi)
		return NO_PORT;
	if (w->any || w->best == RANK_NONE)
		return w->best ? x : NO_PORT;
	for (k = 0; k < w->best; k++) {
		c = next_of_rank(w, x, hi, k);
		next = min(next, c);
	}
	return next;
}

/* One more step, if the budget has it. */
static bool step(struct walk *w)
{
	if (w->budget && w->steps >= w->budget) {
		w->cut = true;
		return false;
	}
	w->steps++;
	return true;
}

/*
 * Checks the candidates of ports @lo to @hi of @addr. Returns false when
 * the walk is over (a rank 0 found, or the budget spent).
 */
static bool scan(struct walk *w, __be32 addr, u32 lo, u32 hi)
{
	struct jool_taddr4 t = { .addr = addr };
	unsigned int calls = 0;
	u32 c = lo;

	while ((c = next_better(w, c, hi)) != NO_PORT) {
		if (!step(w))
			return false;
		calls++;
		w->out->tries++;
		t.port = c;
		if (!w->req->taken(&t, w->req->arg)) {
			w->best = rank_of(w, c);
			w->out->taddr = t;
			w->found_at = w->walked + (c - lo);
			if (!w->best)
				return false;
		}
		c++;
	}
	if (!calls && !step(w))
		return false;
	w->walked += hi - lo + 1;
	return true;
}

/*
 * One lap of the domain from port @port0 of entry @e0: [port0, max] of
 * @e0, the following entries (wrapping around), [min, port0 - 1] of @e0.
 */
static void lap(struct walk *w, u32 e0, u32 port0)
{
	struct pool4_row row;
	u32 k, e, lo, hi;

	for (k = 0; k <= w->count; k++) {
		e = w->first + (e0 - w->first + k) % w->count;
		jool_pool4_get(w->p, e, &row);
		lo = k ? row.min : port0;
		hi = row.max;
		if (k == w->count) {
			if (port0 == row.min)
				return;
			hi = port0 - 1;
		}
		if (w->skip && row.addr == w->skip_addr) {
			if (!step(w))
				return;
			w->walked += hi - lo + 1;
			continue;
		}
		if (!scan(w, row.addr, lo, hi))
			return;
	}
}

/*
 * A start in the wrong range would send its search on to the first port
 * of the right one, and those ports would fill first: a cluster that
 * grows (linear probing). So a start in the wrong range moves, within its
 * entry, into the client's range if the entry has some of it, spread by
 * @base like the start itself. Returns the starting port.
 */
static u32 reseat(const struct walk *w, u32 e, u32 port, u64 base)
{
	struct pool4_row row;
	u32 lo, hi;

	if (w->any || !(rank_of(w, port) & PORT_ALLOC_RANGE_LOST))
		return port;
	jool_pool4_get(w->p, e, &row);
	lo = row.min;
	hi = row.max;
	if (w->low)
		hi = min(hi, 1023U);
	else
		lo = max(lo, 1024U);
	return lo <= hi ? lo + base % (hi - lo + 1) : port;
}

static void walk_init(struct walk *w, const struct port_alloc_req *req,
		      const struct pool4_set *s, struct port_alloc_out *out)
{
	memset(w, 0, sizeof(*w));
	w->req = req;
	w->p = req->pool4;
	w->out = out;
	w->budget = s->iterations;
	w->best = RANK_NONE;
	/* RFC 6146 3.5.3: an ICMP identifier is any available one. */
	w->any = req->proto == IPPROTO_ICMP;
	w->low = req->port < 1024;
	w->parity = req->port & 1;
}

/*
 * The client's address in set @s: the first of @w->req's paired addresses
 * that the set has (its entries set up as @w's domain), or -1.
 */
static int paired_in(struct walk *w, const struct pool4_set *s,
		     struct pool4_cursor *c)
{
	const struct port_alloc_req *req = w->req;
	int i;

	for (i = 0; i < req->n_paired && i < PORT_ALLOC_PAIRED; i++)
		if (jool_pool4_cursor_addr(w->p, s, req->paired[i], c,
					   &w->count))
			return i;
	return -1;
}

/*
 * The entries of the client's address in @s, from @base. Returns whether
 * it found; *@which is the address's index in the request, or -1.
 */
static bool search_paired(struct walk *w, const struct pool4_set *s,
			  u64 base, u64 *advance, int *which)
{
	struct pool4_cursor c;
	struct pool4_row row;
	u32 e0, port0;

	*which = paired_in(w, s, &c);
	if (*which < 0)
		return false;
	w->first = c.entry;
	e0 = w->first + base % w->count;
	jool_pool4_get(w->p, e0, &row);
	port0 = row.min + (base / w->count) % ((u32)row.max - row.min + 1);
	lap(w, e0, reseat(w, e0, port0, base));
	*advance += w->best != RANK_NONE ? w->found_at + 1 : w->walked;
	return w->best != RANK_NONE;
}

/**
 * jool_port_alloc_f_input() - the bytes RFC 6056's F() hashes
 * @t6: the tuple of the IPv6 packet that needs a BIB entry
 * @f_args: PORT_ALLOC_F_* bits (the "f-args" global); others are ignored
 * @in: out: the selected fields, packed
 *
 * The caller hashes @in with its secret into &struct port_alloc_req.hash.
 */
void jool_port_alloc_f_input(const struct jool_tuple6 *t6, u8 f_args,
			     struct port_alloc_f *in)
{
	u8 *at = in->bytes;

	memset(in, 0, sizeof(*in));
	if (f_args & PORT_ALLOC_F_SRC_ADDR) {
		memcpy(at, &t6->src.addr, sizeof(t6->src.addr));
		at += sizeof(t6->src.addr);
	}
	if (f_args & PORT_ALLOC_F_SRC_PORT) {
		*at++ = t6->src.port >> 8;
		*at++ = t6->src.port;
	}
	if (f_args & PORT_ALLOC_F_DST_ADDR) {
		memcpy(at, &t6->dst.addr, sizeof(t6->dst.addr));
		at += sizeof(t6->dst.addr);
	}
	if (f_args & PORT_ALLOC_F_DST_PORT) {
		*at++ = t6->dst.port >> 8;
		*at++ = t6->dst.port;
	}
	in->len = at - in->bytes;
}

/**
 * jool_port_alloc() - the IPv4 transport address of a new BIB entry
 * @req: the packet's protocol, mark, source port, F() and paired address,
 *	pool4, the next_ephemeral counter and the BIB lookup
 * @out: out: the transport address and how well it keeps the rules
 *
 * RFC 6056 algorithm 3: the search starts at transport address
 * (F() + next_ephemeral) of the set of (@req->proto, @req->mark), in the
 * set's (address, port) order, and walks on, wrapping around. RFC 6146
 * 3.5.1.1 (UDP), 3.5.2.3 (TCP): a client that has an address keeps it
 * while it has a free port (of its addresses, the first that the set
 * has), else it gets one of the rest of the set; the
 * port stays in the client's range (0-1023 or 1024-65535) and keeps its
 * parity while such a port is free (within the budget). 3.5.3 (ICMP): the
 * identifier is any free one. Each of the two searches (paired address,
 * rest of the set) takes at most the set's max-iterations steps (0:
 * infinity); next_ephemeral advances by the positions walked.
 *
 * Return: PORT_ALLOC_OK (@out->taddr is free) or the reason there is none.
 */
enum port_alloc_res jool_port_alloc(const struct port_alloc_req *req,
				    struct port_alloc_out *out)
{
	const struct pool4_set *s;
	struct pool4_cursor c;
	u64 base, advance = 0;
	struct walk w;
	int which;
	bool cut;

	memset(out, 0, sizeof(*out));
	s = jool_pool4_set_find(req->pool4, req->proto, req->mark);
	if (!s)
		return PORT_ALLOC_NO_SET;
	base = req->hash + (req->next_ephemeral ? *req->next_ephemeral : 0);

	walk_init(&w, req, s, out);
	if (search_paired(&w, s, base, &advance, &which))
		goto found;
	cut = w.cut;

	walk_init(&w, req, s, out);
	w.first = s->first;
	w.count = s->count;
	w.skip = which >= 0;
	w.skip_addr = w.skip ? req->paired[which] : 0;
	jool_pool4_cursor_seek(req->pool4, s, base, &c);
	lap(&w, c.entry, reseat(&w, c.entry, c.port, base));
	advance += w.best != RANK_NONE ? w.found_at + 1 : w.walked;
	if (w.best == RANK_NONE) {
		if (req->next_ephemeral)
			*req->next_ephemeral += advance;
		return (cut || w.cut) ? PORT_ALLOC_ITERATIONS :
					PORT_ALLOC_EXHAUSTED;
	}
	out->paired_lost = req->n_paired;
found:
	out->lost = w.best;
	if (req->next_ephemeral)
		*req->next_ephemeral += advance;
	return PORT_ALLOC_OK;
}

/*
 * Scans ports @lo to @hi of @addr where the set has them (its entries of
 * @addr: @first to @first + @count - 1). Returns false when the walk is
 * over.
 */
static bool scan_window(struct walk *w, __be32 addr, u32 first, u32 count,
			u32 lo, u32 hi)
{
	struct pool4_row row;
	u32 e, a, b;

	for (e = first; e < first + count; e++) {
		jool_pool4_get(w->p, e, &row);
		a = max_t(u32, lo, row.min);
		b = min_t(u32, hi, row.max);
		if (a <= b && !scan(w, addr, a, b))
			return false;
	}
	return true;
}

/**
 * jool_port_alloc_range() - a transport address inside a window of ports
 * @req: as for jool_port_alloc(); @req->n_paired is not read
 * @addr: the window's IPv4 address, network order
 * @lo: its first port
 * @hi: its last port
 * @out: out: the transport address and how well it keeps the rules
 *
 * For a client whose ports are decided beforehand (RFC 7422 deterministic
 * mode: its computed range; port blocks: one of its blocks). Only the
 * ports of the window that the set of (@req->proto, @req->mark) has are
 * candidates. The search starts at port @lo + (F() + next_ephemeral) mod
 * the window's size and wraps around once; the client's range and parity
 * are kept when the window has such a free port (within max-iterations),
 * as jool_port_alloc() does. next_ephemeral advances by one.
 *
 * Return: PORT_ALLOC_OK (@out->taddr is free) or the reason there is none.
 */
enum port_alloc_res jool_port_alloc_range(const struct port_alloc_req *req,
					  __be32 addr, u16 lo, u16 hi,
					  struct port_alloc_out *out)
{
	const struct pool4_set *s;
	struct pool4_cursor c;
	u64 base;
	u32 count, start;
	struct walk w;

	memset(out, 0, sizeof(*out));
	s = jool_pool4_set_find(req->pool4, req->proto, req->mark);
	if (!s)
		return PORT_ALLOC_NO_SET;
	if (lo > hi || !jool_pool4_cursor_addr(req->pool4, s, addr, &c, &count))
		return PORT_ALLOC_EXHAUSTED;
	base = req->hash + (req->next_ephemeral ? *req->next_ephemeral : 0);
	if (req->next_ephemeral)
		(*req->next_ephemeral)++;
	start = lo + base % ((u32)hi - lo + 1);

	walk_init(&w, req, s, out);
	if (scan_window(&w, addr, c.entry, count, start, hi) && start > lo)
		scan_window(&w, addr, c.entry, count, lo, start - 1);
	if (w.best == RANK_NONE)
		return w.cut ? PORT_ALLOC_ITERATIONS : PORT_ALLOC_EXHAUSTED;
	out->lost = w.best;
	return PORT_ALLOC_OK;
}

/**
 * jool_port_block_find() - a free block of ports for a client
 * @req: the pool4, protocol, mark, F() and next_ephemeral, as for
 *	jool_port_alloc() (the rest is not read)
 * @size: the block size, a power of two
 * @is_free: whether no client holds the block at (address, first port)
 * @arg: passed to @is_free
 * @out: out: the block's address and first port
 *
 * The blocks are the @size-aligned port ranges that meet an entry of the
 * set of (@req->proto, @req->mark). The search starts at entry
 * F() mod entries, block (F() / entries) mod its blocks, and walks the
 * set in (address, port) order, wrapping around once; a block that two
 * entries of one address share is asked about twice. At most the set's
 * max-iterations blocks are asked about (0: infinity). next_ephemeral
 * advances by one.
 *
 * Return: PORT_ALLOC_OK, PORT_ALLOC_NO_SET, PORT_ALLOC_EXHAUSTED or
 * PORT_ALLOC_ITERATIONS.
 */
enum port_alloc_res jool_port_block_find(const struct port_alloc_req *req,
					 u32 size, port_block_free_fn is_free,
					 void *arg, struct jool_taddr4 *out)
{
	const struct pool4_set *s;
	struct pool4_row row;
	u32 k, e, first, last, b, b0 = 0, asked = 0;
	u64 base;

	s = jool_pool4_set_find(req->pool4, req->proto, req->mark);
	if (!s)
		return PORT_ALLOC_NO_SET;
	base = req->hash + (req->next_ephemeral ? *req->next_ephemeral : 0);
	if (req->next_ephemeral)
		(*req->next_ephemeral)++;
	for (k = 0; k <= s->count; k++) {
		e = s->first + (base + k) % s->count;
		jool_pool4_get(req->pool4, e, &row);
		first = row.min / size;
		last = row.max / size;
		if (!k)
			b0 = first + (base / s->count) % (last - first + 1);
		/* One lap: the first entry from b0, at the end before it. */
		for (b = k ? first : b0; b <= last; b++) {
			if (k == s->count && b >= b0)
				break;
			if (s->iterations && asked >= s->iterations)
				return PORT_ALLOC_ITERATIONS;
			asked++;
			out->addr = row.addr;
			out->port = b * size;
			if (is_free(out, arg))
				return PORT_ALLOC_OK;
		}
	}
	return PORT_ALLOC_EXHAUSTED;
}
