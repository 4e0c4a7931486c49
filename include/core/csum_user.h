/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-ins for the kernel types and Internet-checksum helpers the
 * translation core uses (include/core/core_types.h). Straightforward RFC 1071
 * arithmetic; test/unit/ checks them against a bytewise reference.
 */
#ifndef _JOOL_CSUM_USER_H
#define _JOOL_CSUM_USER_H

#include <netinet/in.h>	/* before linux/in6.h: glibc owns struct in6_addr */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <linux/types.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

#ifndef min
#define min(a, b) ((a) < (b) ? (a) : (b))
#endif
#ifndef max
#define max(a, b) ((a) > (b) ? (a) : (b))
#endif
#ifndef ARRAY_SIZE
#ifndef min_t
#define min_t(t, a, b) min((t)(a), (t)(b))
#endif
#ifndef max_t
#define max_t(t, a, b) max((t)(a), (t)(b))
#endif
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define __force

#define CSUM_MANGLED_0 ((__sum16)0xffff)
#define NEXTHDR_HOP		0
#define NEXTHDR_TCP		6
#define NEXTHDR_UDP		17
#define NEXTHDR_ROUTING		43
#define NEXTHDR_FRAGMENT	44
#define NEXTHDR_ESP		50
#define NEXTHDR_AUTH		51
#define NEXTHDR_ICMP		58
#define NEXTHDR_NONE		59
#define NEXTHDR_DEST		60
#define IP_DF		0x4000
#define IP_MF		0x2000
#define IP_OFFSET	0x1FFF

struct frag_hdr {
	__u8 nexthdr;
	__u8 reserved;
	__be16 frag_off;
	__be32 identification;
};

static inline __wsum csum_add(__wsum csum, __wsum addend)
{
	u32 res = (u32)csum + (u32)addend;

	return (__wsum)(res + (res < (u32)addend));
}

static inline __wsum csum_sub(__wsum csum, __wsum addend)
{
	return csum_add(csum, ~addend);
}

static inline __sum16 csum_fold(__wsum csum)
{
	u32 sum = (u32)csum;

	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__sum16)~sum;
}

static inline __wsum csum_unfold(__sum16 n)
{
	return (__wsum)n;
}

/* Sum of 16-bit words in memory (network byte order in, as the kernel). */
static inline __wsum csum_partial(const void *buff, int len, __wsum wsum)
{
	const u8 *p = buff;
	u64 sum = (u32)wsum;
	int i;

	for (i = 0; i + 1 < len; i += 2) {
		u16 w;

		memcpy(&w, p + i, 2);
		sum += w;
	}
	if (len & 1) {
		u16 w = 0;

		memcpy(&w, p + len - 1, 1);
		sum += w;
	}
	while (sum >> 32)
		sum = (sum & 0xffffffff) + (sum >> 32);
	return (__wsum)sum;
}

static inline __sum16 ip_fast_csum(const void *iph, unsigned int ihl)
{
	return csum_fold(csum_partial(iph, ihl * 4, 0));
}

static inline __wsum csum_tcpudp_nofold(__be32 saddr, __be32 daddr,
					__u32 len, __u8 proto, __wsum sum)
{
	/* Not the kernel's word layout, but the same 16-bit one's complement sum. */
	__be32 words[3] = { saddr, daddr, htonl(len + proto) };

	return csum_partial(words, sizeof(words), sum);
}

static inline __sum16 csum_tcpudp_magic(__be32 saddr, __be32 daddr,
					__u32 len, __u8 proto, __wsum sum)
{
	return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, proto, sum));
}

static inline __sum16 csum_ipv6_magic(const struct in6_addr *saddr,
				      const struct in6_addr *daddr,
				      __u32 len, __u8 proto, __wsum csum)
{
	__be32 tail[2] = { htonl(len), htonl(proto) };

	csum = csum_partial(saddr, 16, csum);
	csum = csum_partial(daddr, 16, csum);
	csum = csum_partial(tail, sizeof(tail), csum);
	return csum_fold(csum);
}

static inline bool ipv6_addr_equal(const struct in6_addr *a,
				   const struct in6_addr *b)
{
	return !memcmp(a, b, sizeof(*a));
}

#endif /* _JOOL_CSUM_USER_H */
