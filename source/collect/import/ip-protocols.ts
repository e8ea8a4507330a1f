/**
 * A raw socket's "port" is its IP protocol, which ss and netstat print by name without -n,
 * as getprotobynumber(3) answers:
 *
 *   ss -wap       UNCONN 0  0      0.0.0.0:icmp          0.0.0.0:*   users:(("python3",pid=15406,fd=4))
 *                 ESTAB  0  0    127.0.0.1:udp         127.0.0.1:*   users:(("python3",pid=15406,fd=3))
 *                 UNCONN 0  0      0.0.0.0:ipproto-253   0.0.0.0:*   users:(("python3",pid=15406,fd=7))
 *   netstat -wap  raw6   0  0 [::]:ipv6-icmp   [::]:*   7   15406/python3
 *
 * A number /etc/protocols does not name is `ipproto-N` in ss (iproute2 lib/inet_proto.c) and
 * the bare number in netstat. The names are netbase's /etc/protocols (6.4, Debian 12), which
 * glibc reads, and musl's built-in table (src/network/proto.c), which adds `raw` for 255;
 * both name every protocol of theirs alike. Only 0-255 are IP protocols.
 */
const numbers: ReadonlyMap<string, number> = new Map([
	['ip', 0], ['hopopt', 0], ['icmp', 1], ['igmp', 2], ['ggp', 3], ['ipencap', 4], ['st', 5], ['tcp', 6],
	['egp', 8], ['igp', 9], ['pup', 12], ['udp', 17], ['hmp', 20], ['xns-idp', 22], ['rdp', 27], ['iso-tp4', 29],
	['dccp', 33], ['xtp', 36], ['ddp', 37], ['idpr-cmtp', 38], ['ipv6', 41], ['ipv6-route', 43], ['ipv6-frag', 44],
	['idrp', 45], ['rsvp', 46], ['gre', 47], ['esp', 50], ['ah', 51], ['skip', 57], ['ipv6-icmp', 58],
	['ipv6-nonxt', 59], ['ipv6-opts', 60], ['rspf', 73], ['vmtp', 81], ['eigrp', 88], ['ospf', 89], ['ax.25', 93],
	['ipip', 94], ['etherip', 97], ['encap', 98], ['pim', 103], ['ipcomp', 108], ['vrrp', 112], ['l2tp', 115],
	['isis', 124], ['sctp', 132], ['fc', 133], ['mobility-header', 135], ['udplite', 136], ['mpls-in-ip', 137],
	['manet', 138], ['hip', 139], ['shim6', 140], ['wesp', 141], ['rohc', 142], ['ethernet', 143], ['raw', 255],
]);

/** The IP protocol number a raw socket's "port" names (`icmp` -> 1, `ipproto-253` -> 253); null for any other word. */
export function ipProtocolNumber(name: string): number | null {
	const numbered = /^ipproto-(\d{1,3})$/u.exec(name);
	if (numbered !== null) {
		const number = Number(numbered[1]);
		return number <= 255 ? number : null;
	}

	return numbers.get(name) ?? null;
}
