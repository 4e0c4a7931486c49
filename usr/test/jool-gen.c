// SPDX-License-Identifier: GPL-2.0
/*
 * jool-gen: the traffic generator of the scale tests
 * (test/netns/87-nat64-scale.sh, make bench-scale) and of make bench's
 * fixed-rate UDP rows (test/bench-guest.sh): many IPv6 or IPv4 flows,
 * fast or at a set rate, and a counter of what comes out on the other side.
 *
 *   jool-gen send -i DEV -m MAC -s SRC -d DST [-n FLOWS] [-P PORTS]
 *                 [-p SPORT] [-D DPORT] [-r PASSES] [-T SECONDS] [-x PPS]
 *                 [-b BATCH] [-l LEN] [-t]
 *   jool-gen recv -i DEV [-6] [-c COUNT] [-w IDLE] [-T SECONDS] [-u]
 *                 [-S SLOTS] [-N DISTINCT]
 *
 * send writes Ethernet frames to DEV through an AF_PACKET socket
 * (sendmmsg(), BATCH frames a call, the qdisc bypassed), to MAC (the next
 * hop's). SRC and DST are both IPv6 or both IPv4 addresses: the frames'
 * family. Flow f (0 <= f < FLOWS) comes from host f / PORTS, address SRC
 * plus that number (in its low 32 bits: all of an IPv4 address), port
 * SPORT + f % PORTS, and goes to DST port DPORT: UDP with LEN bytes of
 * payload, or (-t) a TCP SYN; IPv4 packets have DF set, as a UDP
 * socket's do. Frames are built from one template: per frame only the
 * source address's low word, the port and the checksums change, each
 * checksum from the template's partial sum. PASSES times over the flows
 * (0: until SECONDS), at most PPS packets a second (0: as fast as the
 * socket takes them). Prints "sent=N seconds=S pps=R".
 *
 * recv counts the IPv4 (-6: IPv6) UDP and TCP packets DEV receives (an
 * AF_PACKET socket, recvmmsg()), until COUNT of them, IDLE seconds
 * without one (default 2), or SECONDS in all. With -u, also how many
 * distinct source transport addresses they came from (a hash set of
 * SLOTS entries, default 4194304: sized for a million; an IPv6 source by
 * its low 32 bits), and (-N) until DISTINCT of them came. Prints "ready"
 * once listening, then "received=N distinct=D seconds=S pps=R
 * sockdrops=K first=ADDR#PORT", S from the first packet to the last, K
 * what the socket itself dropped, ADDR#PORT the first packet's source
 * ("-" if none came: a NAT64's mapping, for traffic back to it).
 *
 * jool-gen selftest checks the frames (make -C usr test): for UDP and TCP,
 * IPv6 and IPv4, and sources whose low word carries over, each frame's
 * transport checksum recomputed from scratch over the pseudo-header and
 * the segment (and an IPv4 frame's header checksum over its header), its
 * length, source address and port. Prints "jool-gen: N passed, M failed".
 *
 * Exit status: 0, 1 on a failure (reported), 2 on a usage error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_BATCH 1024
#define MAX_FRAME 1514
#define ETH_LEN 14
#define IP6_LEN 40
#define IP4_LEN 20
#define UDP_LEN 8
#define TCP_LEN 20

static void usage(void)
{
	fprintf(stderr,
		"usage: jool-gen send -i DEV -m MAC -s SRC -d DST [-n FLOWS] [-P PORTS]\n"
		"                     [-p SPORT] [-D DPORT] [-r PASSES] [-T SECONDS]\n"
		"                     [-x PPS] [-b BATCH] [-l LEN] [-t]\n"
		"       jool-gen recv -i DEV [-6] [-c COUNT] [-w IDLE] [-T SECONDS]\n"
		"                     [-u] [-S SLOTS] [-N DISTINCT]\n");
	exit(2);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A number option: exits with a usage error if it is not one. */
static unsigned long num(const char *opt, const char *s, unsigned long max)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || !*s || *end || *s == '-' || v > max) {
		fprintf(stderr, "jool-gen: %s: invalid number '%s' (0-%lu)\n",
			opt, s, max);
		exit(2);
	}
	return v;
}

static int if_index(const char *dev)
{
	int i = if_nametoindex(dev);

	if (!i) {
		fprintf(stderr, "jool-gen: no interface '%s'\n", dev);
		exit(1);
	}
	return i;
}

/* One's complement sum of @len bytes (even) into @sum, unfolded. */
static uint32_t sum16(const void *p, size_t len, uint32_t sum)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)b[i] << 8 | b[i + 1];
	if (len & 1)
		sum += (uint32_t)b[len - 1] << 8;
	return sum;
}

static uint16_t fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

/* An address of either family, as given to send. */
struct addr {
	int family;		/* AF_INET6 or AF_INET */
	uint8_t b[16];		/* network order: 16 bytes, or 4 */
};

struct gen {
	uint8_t tmpl[MAX_FRAME];
	size_t len;		/* of a frame */
	size_t l3len;		/* of the IP header: IP6_LEN or IP4_LEN */
	bool tcp;
	bool ip4;
	uint32_t base_sum;	/* the checksum's sum without the varying words */
	uint32_t ip4_sum;	/* the same for an IPv4 header's checksum */
	uint32_t host0;		/* SRC's low 32 bits, host order */
	uint16_t sport0;
	uint32_t ports;		/* per host */
};

/* The offset in a frame of the source address's low 32 bits. */
static size_t host_off(const struct gen *g)
{
	return ETH_LEN + (g->ip4 ? 12 : 20);
}

/* The template frame and its partial checksums. */
static void gen_init(struct gen *g, const uint8_t *mac,
		     const struct addr *src, const struct addr *dst,
		     uint16_t dport, size_t payload)
{
	uint8_t *ip = g->tmpl + ETH_LEN, *l4;
	size_t l4len = g->tcp ? TCP_LEN : UDP_LEN + payload;
	size_t alen = src->family == AF_INET ? 4 : 16;
	uint8_t proto = g->tcp ? IPPROTO_TCP : IPPROTO_UDP;
	uint8_t pseudo[40] = { 0 };
	size_t plen;

	g->ip4 = src->family == AF_INET;
	g->l3len = g->ip4 ? IP4_LEN : IP6_LEN;
	l4 = ip + g->l3len;
	memset(g->tmpl, 0, sizeof(g->tmpl));
	memcpy(g->tmpl, mac, 6);
	/* A locally administered source MAC: the receiver checks no source. */
	memcpy(g->tmpl + 6, "\x02\x00\x00\x00\x00\x01", 6);
	if (g->ip4) {
		size_t tot = IP4_LEN + l4len;

		g->tmpl[12] = 0x08;
		g->tmpl[13] = 0x00;
		ip[0] = 0x45;
		ip[2] = tot >> 8;
		ip[3] = tot & 0xff;
		ip[6] = 0x40;	/* DF */
		ip[8] = 64;
		ip[9] = proto;
		memcpy(ip + 12, src->b, 4);
		memcpy(ip + 16, dst->b, 4);
	} else {
		g->tmpl[12] = 0x86;
		g->tmpl[13] = 0xdd;
		ip[0] = 0x60;
		ip[4] = l4len >> 8;
		ip[5] = l4len & 0xff;
		ip[6] = proto;
		ip[7] = 64;
		memcpy(ip + 8, src->b, 16);
		memcpy(ip + 24, dst->b, 16);
	}
	/* The varying words (source address low 32 bits, port) left 0. */
	memset(g->tmpl + host_off(g), 0, 4);
	l4[2] = dport >> 8;
	l4[3] = dport & 0xff;
	if (g->tcp) {
		/* A SYN: sequence number 1, data offset 5, window 65535. */
		l4[7] = 1;
		l4[12] = 5 << 4;
		l4[13] = 0x02;
		l4[14] = 0xff;
		l4[15] = 0xff;
	} else {
		l4[4] = l4len >> 8;
		l4[5] = l4len & 0xff;
		memset(l4 + UDP_LEN, 'j', payload);
	}
	g->len = ETH_LEN + g->l3len + l4len;
	/* The pseudo-header: both addresses, then the length and protocol. */
	memcpy(pseudo, g->ip4 ? ip + 12 : ip + 8, 2 * alen);
	plen = 2 * alen;
	if (g->ip4) {
		pseudo[plen + 1] = proto;
		pseudo[plen + 2] = l4len >> 8;
		pseudo[plen + 3] = l4len & 0xff;
		plen += 4;
	} else {
		pseudo[plen + 2] = l4len >> 8;
		pseudo[plen + 3] = l4len & 0xff;
		pseudo[plen + 7] = proto;
		plen += 8;
	}
	g->base_sum = sum16(pseudo, plen, sum16(l4, l4len, 0));
	g->ip4_sum = g->ip4 ? sum16(ip, IP4_LEN, 0) : 0;
	g->host0 = (uint32_t)src->b[alen - 4] << 24 |
		   (uint32_t)src->b[alen - 3] << 16 |
		   (uint32_t)src->b[alen - 2] << 8 | src->b[alen - 1];
}

/* Frame @f of the flows into @out. */
static void gen_frame(const struct gen *g, uint64_t f, uint8_t *out)
{
	uint32_t host = g->host0 + (uint32_t)(f / g->ports);
	uint16_t sport = g->sport0 + f % g->ports;
	uint8_t *h = out + host_off(g), *l4 = out + ETH_LEN + g->l3len;
	uint8_t *csum = l4 + (g->tcp ? 16 : 6);
	uint16_t c;

	memcpy(out, g->tmpl, g->len);
	h[0] = host >> 24;
	h[1] = host >> 16;
	h[2] = host >> 8;
	h[3] = host;
	l4[0] = sport >> 8;
	l4[1] = sport & 0xff;
	c = ~fold(g->base_sum + (host >> 16) + (host & 0xffff) + sport);
	if (!c && !g->tcp)
		c = 0xffff;
	csum[0] = c >> 8;
	csum[1] = c & 0xff;
	if (g->ip4) {
		c = ~fold(g->ip4_sum + (host >> 16) + (host & 0xffff));
		out[ETH_LEN + 10] = c >> 8;
		out[ETH_LEN + 11] = c & 0xff;
	}
}

/* An IPv6 or IPv4 address into @a; -1 if @s is neither. */
static int parse_addr(const char *s, struct addr *a)
{
	memset(a, 0, sizeof(*a));
	a->family = AF_INET6;
	if (inet_pton(AF_INET6, s, a->b) == 1)
		return 0;
	a->family = AF_INET;
	return inet_pton(AF_INET, s, a->b) == 1 ? 0 : -1;
}

static int parse_mac(const char *s, uint8_t *mac)
{
	unsigned int b[6];
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4],
		   &b[5]) != 6)
		return -1;
	for (i = 0; i < 6; i++) {
		if (b[i] > 255)
			return -1;
		mac[i] = b[i];
	}
	return 0;
}

static int cmd_send(int argc, char **argv)
{
	static uint8_t frames[MAX_BATCH][MAX_FRAME];
	static struct mmsghdr msgs[MAX_BATCH];
	static struct iovec iov[MAX_BATCH];
	unsigned long flows = 1, passes = 1, pps = 0, batch = 256;
	unsigned long payload = 18, seconds = 0, dport = 9, sport = 1024;
	const char *dev = NULL;
	struct addr src, dst;
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	bool has_mac = false, has_src = false, has_dst = false;
	uint64_t sent = 0, total, f = 0;
	struct gen g = { .ports = 1000 };
	uint8_t mac[6];
	double t0, t1;
	int fd, opt, one = 1;
	unsigned long i, n;

	while ((opt = getopt(argc, argv, "i:m:s:d:n:P:p:D:r:T:x:b:l:t")) != -1) {
		switch (opt) {
		case 'i': dev = optarg; break;
		case 'm':
			if (parse_mac(optarg, mac)) {
				fprintf(stderr, "jool-gen: -m: invalid MAC '%s'\n",
					optarg);
				return 2;
			}
			has_mac = true;
			break;
		case 's':
		case 'd':
			if (parse_addr(optarg, opt == 's' ? &src : &dst)) {
				fprintf(stderr, "jool-gen: -%c: invalid IP address '%s'\n",
					opt, optarg);
				return 2;
			}
			*(opt == 's' ? &has_src : &has_dst) = true;
			break;
		case 'n': flows = num("-n", optarg, 1UL << 32); break;
		case 'P': g.ports = num("-P", optarg, 65535); break;
		case 'p': sport = num("-p", optarg, 65535); break;
		case 'D': dport = num("-D", optarg, 65535); break;
		case 'r': passes = num("-r", optarg, 1UL << 32); break;
		case 'T': seconds = num("-T", optarg, 86400); break;
		case 'x': pps = num("-x", optarg, 100000000); break;
		case 'b': batch = num("-b", optarg, MAX_BATCH); break;
		case 'l': payload = num("-l", optarg, MAX_FRAME - 62); break;
		case 't': g.tcp = true; break;
		default: usage();
		}
	}
	if (!dev || !has_mac || !has_src || !has_dst || optind != argc)
		usage();
	if (src.family != dst.family) {
		fprintf(stderr, "jool-gen: -s and -d must be of one family (both IPv6 or both IPv4)\n");
		return 2;
	}
	if (!flows || !g.ports || !batch || (!passes && !seconds)) {
		fprintf(stderr, "jool-gen: -n, -P and -b must be positive; -r 0 needs -T\n");
		return 2;
	}
	if (sport + (flows < g.ports ? flows : g.ports) - 1 > 65535) {
		fprintf(stderr, "jool-gen: ports past 65535: lower -p or -P\n");
		return 2;
	}
	g.sport0 = sport;
	gen_init(&g, mac, &src, &dst, dport, payload);

	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0) {
		perror("jool-gen: socket");
		return 1;
	}
	sll.sll_ifindex = if_index(dev);
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		perror("jool-gen: bind");
		return 1;
	}
	/* Straight to the driver; a veth takes it at once. */
	setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one));
	for (i = 0; i < batch; i++) {
		iov[i].iov_base = frames[i];
		iov[i].iov_len = g.len;
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	total = passes ? (uint64_t)flows * passes : UINT64_MAX;
	t0 = now();
	while (sent < total) {
		n = total - sent < batch ? total - sent : batch;
		for (i = 0; i < n; i++) {
			gen_frame(&g, f, frames[i]);
			if (++f == flows)
				f = 0;
		}
		i = 0;
		while (i < n) {
			int r = sendmmsg(fd, msgs + i, n - i, 0);

			if (r < 0 && (errno == ENOBUFS || errno == EAGAIN ||
				      errno == EINTR)) {
				usleep(50);
				continue;
			}
			if (r < 0) {
				perror("jool-gen: sendmmsg");
				return 1;
			}
			i += r;
		}
		sent += n;
		t1 = now();
		if (seconds && t1 - t0 >= seconds)
			break;
		/* Pacing: ahead of PPS, wait for the time to catch up. */
		if (pps && sent > (t1 - t0) * pps)
			usleep((useconds_t)((sent / (double)pps - (t1 - t0)) * 1e6));
	}
	t1 = now();
	printf("sent=%llu seconds=%.3f pps=%.0f\n", (unsigned long long)sent,
	       t1 - t0, t1 > t0 ? sent / (t1 - t0) : 0.0);
	return 0;
}

/* An open-addressing set of 48-bit keys (address, port); 0 is no key. */
struct set {
	uint64_t *v;
	uint64_t mask;
	uint64_t n;
	bool full;
};

static void set_add(struct set *s, uint64_t k)
{
	uint64_t h = (k + 1) * 0x9e3779b97f4a7c15ULL, i, tries;

	k++;	/* never 0 */
	for (tries = 0, i = h >> 20; tries <= s->mask; tries++, i++) {
		i &= s->mask;
		if (s->v[i] == k)
			return;
		if (!s->v[i]) {
			s->v[i] = k;
			s->n++;
			return;
		}
	}
	s->full = true;
}

static int cmd_recv(int argc, char **argv)
{
	enum { VLEN = 64, SNAP = 64 };
	static uint8_t bufs[VLEN][SNAP];
	static struct sockaddr_ll names[VLEN];
	static struct mmsghdr msgs[VLEN];
	static struct iovec iov[VLEN];
	unsigned long count = 0, idle = 2, seconds = 0, slots = 1UL << 22;
	unsigned long want = 0;
	uint16_t proto = ETH_P_IP;
	char first_addr[INET6_ADDRSTRLEN] = "-";
	unsigned int first_port = 0;
	struct timeval tv = { .tv_usec = 100000 };
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	struct tpacket_stats st = { 0 };
	socklen_t stlen = sizeof(st);
	double start, first = 0, last = 0;
	struct set set = { 0 };
	const char *dev = NULL;
	uint64_t got = 0;
	bool distinct = false;
	int fd, opt, i, r, size = 64 << 20;

	while ((opt = getopt(argc, argv, "i:6c:w:T:uS:N:")) != -1) {
		switch (opt) {
		case 'i': dev = optarg; break;
		case '6': proto = ETH_P_IPV6; break;
		case 'c': count = num("-c", optarg, ~0UL); break;
		case 'w': idle = num("-w", optarg, 86400); break;
		case 'T': seconds = num("-T", optarg, 86400); break;
		case 'u': distinct = true; break;
		case 'S': slots = num("-S", optarg, 1UL << 30); break;
		case 'N': want = num("-N", optarg, ~0UL); distinct = true; break;
		default: usage();
		}
	}
	if (!dev || optind != argc)
		usage();
	if (distinct) {
		while (slots & (slots - 1))
			slots &= slots - 1;
		set.mask = (slots ? slots : 1) - 1;
		set.v = calloc(set.mask + 1, sizeof(*set.v));
		if (!set.v) {
			fprintf(stderr, "jool-gen: no memory for %lu slots\n",
				slots);
			return 1;
		}
	}
	fd = socket(AF_PACKET, SOCK_DGRAM, htons(proto));
	if (fd < 0) {
		perror("jool-gen: socket");
		return 1;
	}
	sll.sll_protocol = htons(proto);
	sll.sll_ifindex = if_index(dev);
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		perror("jool-gen: bind");
		return 1;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	/* Drop what came before the bind: the statistics start here. */
	getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &st, &stlen);
	for (i = 0; i < VLEN; i++) {
		iov[i].iov_base = bufs[i];
		iov[i].iov_len = SNAP;
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
		msgs[i].msg_hdr.msg_name = &names[i];
		msgs[i].msg_hdr.msg_namelen = sizeof(names[i]);
	}
	printf("ready\n");
	fflush(stdout);
	start = now();
	for (;;) {
		double t;

		r = recvmmsg(fd, msgs, VLEN, 0, NULL);
		t = now();
		if (r < 0 && errno != EAGAIN && errno != EINTR) {
			perror("jool-gen: recvmmsg");
			return 1;
		}
		for (i = 0; i < r; i++) {
			const uint8_t *ip = bufs[i];
			bool v6 = proto == ETH_P_IPV6;
			unsigned int ihl = v6 ? IP6_LEN : (ip[0] & 0xf) * 4;
			/* The source address and its low 32 bits. */
			const uint8_t *sa = ip + (v6 ? 8 : 12);
			const uint8_t *lo = ip + (v6 ? 20 : 12);
			uint8_t next = ip[v6 ? 6 : 9];

			msgs[i].msg_hdr.msg_namelen = sizeof(names[i]);
			if (names[i].sll_pkttype == PACKET_OUTGOING ||
			    msgs[i].msg_len < (v6 ? IP6_LEN : IP4_LEN) ||
			    (ip[0] >> 4) != (v6 ? 6 : 4) ||
			    (next != IPPROTO_UDP && next != IPPROTO_TCP))
				continue;
			if (!got++) {
				first = t;
				inet_ntop(v6 ? AF_INET6 : AF_INET, sa, first_addr,
					  sizeof(first_addr));
				if (msgs[i].msg_len >= ihl + 2 && ihl + 2 <= SNAP)
					first_port = ip[ihl] << 8 | ip[ihl + 1];
			}
			last = t;
			if (distinct && msgs[i].msg_len >= ihl + 2 && ihl + 2 <= SNAP)
				set_add(&set, (uint64_t)((uint32_t)lo[0] << 24 |
						    lo[1] << 16 | lo[2] << 8 |
						    lo[3]) << 16 |
					      ip[ihl] << 8 | ip[ihl + 1]);
		}
		if ((count && got >= count) || (want && set.n >= want))
			break;
		if (seconds && t - start >= seconds)
			break;
		if (t - (got ? last : start) >= idle)
			break;
	}
	stlen = sizeof(st);
	getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &st, &stlen);
	if (set.full)
		fprintf(stderr, "jool-gen: the distinct set is full: raise -S\n");
	printf("received=%llu distinct=%llu seconds=%.3f pps=%.0f sockdrops=%u first=%s",
	       (unsigned long long)got, (unsigned long long)set.n, last - first,
	       last > first ? got / (last - first) : 0.0, st.tp_drops,
	       first_addr);
	if (got)
		printf("#%u", first_port);
	printf("\n");
	free(set.v);
	return 0;
}

/* Whether frame @f of @g is right, its checksums computed from scratch. */
static bool frame_ok(const struct gen *g, uint64_t f, const uint8_t *fr)
{
	const uint8_t *ip = fr + ETH_LEN, *l4 = ip + g->l3len;
	const uint8_t *h = fr + host_off(g);
	size_t l4len = g->len - ETH_LEN - g->l3len;
	uint32_t host = g->host0 + (uint32_t)(f / g->ports);
	uint8_t pseudo[40] = { 0 };
	size_t plen;

	if (g->ip4) {
		memcpy(pseudo, ip + 12, 8);
		pseudo[9] = ip[9];
		pseudo[10] = l4len >> 8;
		pseudo[11] = l4len & 0xff;
		plen = 12;
		if (fold(sum16(ip, IP4_LEN, 0)) != 0xffff ||
		    (ip[2] << 8 | ip[3]) != (int)(IP4_LEN + l4len) ||
		    fr[12] != 0x08 || fr[13] != 0x00 || ip[0] != 0x45)
			return false;
	} else {
		memcpy(pseudo, ip + 8, 32);
		pseudo[34] = l4len >> 8;
		pseudo[35] = l4len & 0xff;
		pseudo[39] = ip[6];
		plen = 40;
		if ((ip[4] << 8 | ip[5]) != (int)l4len ||
		    fr[12] != 0x86 || fr[13] != 0xdd)
			return false;
	}
	return fold(sum16(pseudo, plen, sum16(l4, l4len, 0))) == 0xffff &&
	       ((uint32_t)h[0] << 24 | h[1] << 16 | h[2] << 8 | h[3]) == host &&
	       (l4[0] << 8 | l4[1]) == (int)(g->sport0 + f % g->ports);
}

static int cmd_selftest(void)
{
	/* Sources whose low word carries over, in both families. */
	static const char *const srcs[] = {
		"2001:db8:6::1:0", "2001:db8:6::fffe", "2001:db8::ffff:ffff",
		"192.0.2.1", "10.0.255.254", "255.255.255.255",
	};
	static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 2 };
	static uint8_t frame[MAX_FRAME];
	unsigned int passed = 0, failed = 0, i, tcp, bad;
	struct addr src, dst6, dst4;
	uint64_t f;

	parse_addr("64:ff9b::198.18.0.1", &dst6);
	parse_addr("198.18.0.1", &dst4);
	for (tcp = 0; tcp < 2; tcp++) {
		for (i = 0; i < sizeof(srcs) / sizeof(srcs[0]); i++) {
			struct gen g = { .ports = 1000, .tcp = tcp,
					 .sport0 = 64535 };

			parse_addr(srcs[i], &src);
			gen_init(&g, mac, &src,
				 src.family == AF_INET ? &dst4 : &dst6, 9, 17);
			for (bad = 0, f = 0; f < 5000; f++) {
				gen_frame(&g, f, frame);
				bad += !frame_ok(&g, f, frame);
			}
			printf("%s - %s frames from %s: 5000 checked, %u bad\n",
			       bad ? "FAIL" : "ok", tcp ? "TCP" : "UDP",
			       srcs[i], bad);
			if (bad)
				failed++;
			else
				passed++;
		}
	}
	printf("jool-gen: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "selftest"))
		return cmd_selftest();
	if (!strcmp(argv[1], "send"))
		return cmd_send(argc - 1, argv + 1);
	if (!strcmp(argv[1], "recv"))
		return cmd_recv(argc - 1, argv + 1);
	usage();
	return 2;
}
