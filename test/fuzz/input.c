// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz input -> configuration, packet metadata and packet (layout in
 * fuzz.h). The EAMT and denylist4 are built with the core's own builders,
 * entry by entry, as the netlink commands build them.
 */
#include "core/denylist.h"
#include "core/eamt.h"
#include "fuzz.h"

u8 fuzz_u8(struct fuzz_in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

u16 fuzz_u16(struct fuzz_in *in)
{
	u16 hi = fuzz_u8(in);

	return hi << 8 | fuzz_u8(in);
}

u32 fuzz_u32(struct fuzz_in *in)
{
	u32 hi = fuzz_u16(in);

	return hi << 16 | fuzz_u16(in);
}

void fuzz_bytes(struct fuzz_in *in, void *out, size_t len)
{
	size_t have = len < in->n ? len : in->n;

	memcpy(out, in->p, have);
	memset((u8 *)out + have, 0, len - have);
	in->p += have;
	in->n -= have;
}

/* Clears the bits of @a (@bytes long) past @len. */
static void mask_bits(u8 *a, unsigned int bytes, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < bytes; i++) {
		if (len >= 8 * (i + 1))
			continue;
		if (len <= 8 * i)
			a[i] = 0;
		else
			a[i] &= 0xff << (8 - (len - 8 * i));
	}
}

static void decode_prefix4(struct fuzz_in *in, struct jool_prefix4 *p,
			   unsigned int lenmod)
{
	p->len = fuzz_u8(in) % lenmod;
	fuzz_bytes(in, &p->addr, 4);
	mask_bits((u8 *)&p->addr, 4, p->len);
}

static void decode_pool6(struct fuzz_in *in, struct xlat_cfg *cfg, u8 sel)
{
	static const u8 lens[] = { 32, 40, 48, 56, 64, 96 };

	memset(&cfg->pool6, 0, sizeof(cfg->pool6));
	cfg->pool6.len = lens[(sel & 7) % ARRAY_SIZE(lens)];
	fuzz_bytes(in, &cfg->pool6.addr, 12);
	mask_bits(cfg->pool6.addr.s6_addr, 16, cfg->pool6.len);
	cfg->pool6.addr.s6_addr[8] = 0;	/* the u octet */
	FUZZ_ASSERT(!jool_rfc6052_validate(&cfg->pool6), "pool6 decoding");
}

/* mtu-plateaus as src/config.c stores them: descending, no 0, no twins. */
static void decode_plateaus(struct fuzz_in *in, struct xlat_cfg *cfg)
{
	unsigned int n = fuzz_u8(in) % (XLAT_MAX_PLATEAUS + 1), i, j;
	u16 v[XLAT_MAX_PLATEAUS], t;

	for (i = 0; i < XLAT_MAX_PLATEAUS; i++)
		v[i] = fuzz_u16(in);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (v[j] > v[i]) {
				t = v[i];
				v[i] = v[j];
				v[j] = t;
			}
	cfg->nplateaus = 0;
	for (i = 0; i < n; i++) {
		if (!v[i] || (cfg->nplateaus &&
			      cfg->plateaus[cfg->nplateaus - 1] == v[i]))
			continue;
		cfg->plateaus[cfg->nplateaus++] = v[i];
	}
}

/* Entries the core refuses (duplicates) are left out, as netlink would. */
static void decode_eamt(struct fuzz_in *in, struct xlat_cfg *cfg)
{
	unsigned int n = fuzz_u8(in) % 9, i, bad;
	struct eamt *t = NULL, *next;
	enum jool_cfg_err why;
	struct eamt_entry e;

	for (i = 0; i < n; i++) {
		memset(&e, 0, sizeof(e));
		e.p6.len = fuzz_u8(in) % 129;
		e.p4.len = fuzz_u8(in) % 33;
		/* The IPv4 suffix must fit the IPv6 one. */
		if (e.p6.len > 96 + e.p4.len)
			e.p6.len = 96 + e.p4.len;
		fuzz_bytes(in, &e.p4.addr, 4);
		fuzz_bytes(in, &e.p6.addr, 16);
		mask_bits((u8 *)&e.p4.addr, 4, e.p4.len);
		mask_bits(e.p6.addr.s6_addr, 16, e.p6.len);
		FUZZ_ASSERT(!jool_eamt_entry_validate(&e), "EAM decoding");
		if (jool_eamt_with_added(t, &e, 1, true, &next, &why, &bad))
			continue;
		jool_eamt_free(t);
		t = next;
	}
	cfg->eamt = t;
}

static void decode_denylist(struct fuzz_in *in, struct xlat_cfg *cfg)
{
	unsigned int n = fuzz_u8(in) % 9, i;
	struct denylist *d = NULL, *next;
	enum jool_cfg_err why;
	struct jool_prefix4 p;

	for (i = 0; i < n; i++) {
		memset(&p, 0, sizeof(p));
		decode_prefix4(in, &p, 33);
		if (jool_denylist_with_added(d, &p, &next, &why))
			continue;
		jool_denylist_free(d);
		d = next;
	}
	cfg->denylist4 = d;
}

static void decode_cfg(struct fuzz_in *in, struct xlat_cfg *cfg,
		       struct xlat_pkt *pkt)
{
	u8 flags = fuzz_u8(in), sel = fuzz_u8(in);

	memset(cfg, 0, sizeof(*cfg));
	cfg->pool6_set = flags & 0x01;
	cfg->zeroize_tc = flags & 0x02;
	cfg->override_tos = flags & 0x04;
	cfg->amend_udp_csum0 = flags & 0x08;
	cfg->rfc6791v4_set = flags & 0x10;
	cfg->rfc6791v6_set = flags & 0x20;
	cfg->randomize_6791 = flags & 0x40;
	pkt->hop_bump = !!(flags & 0x80);
	cfg->hairpin_mode = (sel >> 4) % (JOOL_HAIRPIN_MAX + 1);
	cfg->tos = fuzz_u8(in);
	decode_pool6(in, cfg, sel);
	if (!cfg->pool6_set)
		memset(&cfg->pool6, 0, sizeof(cfg->pool6));
	decode_prefix4(in, &cfg->rfc6791v4, 33);
	cfg->rfc6791v6.len = fuzz_u8(in) % 129;
	fuzz_bytes(in, &cfg->rfc6791v6.addr, 16);
	mask_bits(cfg->rfc6791v6.addr.s6_addr, 16, cfg->rfc6791v6.len);
	decode_plateaus(in, cfg);
	cfg->lowest_ipv6_mtu = 1280;
}

static void decode_pkt(struct fuzz_in *in, struct fuzz_case *c)
{
	struct xlat_pkt *pkt = &c->pkt;

	c->pkt_flags = fuzz_u8(in);
	pkt->gso_size = fuzz_u16(in);
	pkt->csum_start = fuzz_u16(in);
	pkt->csum_partial = c->pkt_flags & FUZZ_PKT_PARTIAL;
	/* The glue finishes any other offloaded checksum first. */
	pkt->csum_offset = c->pkt_flags & FUZZ_PKT_PARTIAL_UDP ?
			   offsetof(struct udphdr, check) :
			   offsetof(struct tcphdr, check);
	pkt->hairpin = c->pkt_flags & FUZZ_PKT_HAIRPIN;
	pkt->reassembled = c->pkt_flags & FUZZ_PKT_REASSEMBLED;
	pkt->ipv4_id = htons(fuzz_u16(in));
	pkt->random = fuzz_u32(in);
	fuzz_bytes(in, &pkt->own4, 4);
	fuzz_bytes(in, &pkt->own6, 16);
	pkt->mtu4 = fuzz_u16(in);
	pkt->mtu6 = fuzz_u16(in);
	c->first = fuzz_u16(in);
}

/**
 * fuzz_decode() - a fuzz input as a configuration and a packet
 * @in: the input; what is left of it after the configuration is the packet
 * @c: out; release its tables with fuzz_case_free()
 */
void fuzz_decode(struct fuzz_in *in, struct fuzz_case *c)
{
	memset(c, 0, sizeof(*c));
	decode_cfg(in, &c->cfg, &c->pkt);
	decode_pkt(in, c);
	decode_eamt(in, &c->cfg);
	decode_denylist(in, &c->cfg);
	c->data = in->p;
	c->len = in->n;
	c->pkt.len = c->len;
}

void fuzz_case_free(struct fuzz_case *c)
{
	jool_eamt_free((struct eamt *)c->cfg.eamt);
	jool_denylist_free((struct denylist *)c->cfg.denylist4);
}
