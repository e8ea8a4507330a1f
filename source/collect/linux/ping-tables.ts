/**
 * /proc/net/icmp and /proc/net/icmp6 list each other's sockets. Both walk one hash table of
 * ping sockets (by echo identifier); ping_get_first() in net/ipv4/ping.c starts each bucket
 * at a socket of the table's family, but ping_get_next() checks only the namespace, so every
 * later socket of that bucket is printed too, whatever its family, through the fields of the
 * table's family (seen on Linux 6.18; test/fixtures/proc/icmp6.txt lists the IPv4 socket
 * 127.0.0.1 id 0x1234 there as `::` id 0x1234). Read through the wrong fields:
 * - an IPv4 socket in icmp6 shows `::` at both ends (the IPv6 fields of an IPv4 socket are
 *   never set);
 * - an IPv6 socket in icmp shows 0.0.0.0, or 127.0.0.6 once connected (LOOPBACK4_IPV6, what
 *   IPv6 puts in the IPv4 fields), and the state and identifier as they are.
 * So an inode listed in both tables is IPv6 when its icmp6 line shows an address, or opens
 * its bucket there (the first line of each "sl" is of the table's family); otherwise IPv4.
 * That is certain when its icmp line shows an address or opens its bucket in icmp; an
 * unconnected socket on the wildcard address behind sockets of both families in its bucket
 * (64 buckets) prints the same either way, so it is kept as IPv4 with isFamilyGuessed.
 */
import type {RawSocket} from './tables.js';

/** The inodes of one table's lines (/proc/net/icmp or icmp6) that open a bucket, gathered over the runs of lines read. */
export type BucketHeads = {
	readonly inodes: Set<number>;
	lastSlot: number;
};

export const createBucketHeads = (): BucketHeads => ({inodes: new Set(), lastSlot: -1});

/** "sl:" then local, remote, st, queues, tr:when, retrnsmt, uid, timeout, and the inode. */
const slotAndInode = /^\s*(\d+):(?:\s+\S+){8}\s+(\d+)\s/u;

/** Note the bucket heads of a run of complete lines of /proc/net/icmp or icmp6 (one BucketHeads per table). */
export function noteBucketHeads(text: string, heads: BucketHeads): void {
	for (const line of text.split('\n')) {
		const match = slotAndInode.exec(line);
		if (match === null) continue;
		const slot = Number(match[1]);
		if (slot !== heads.lastSlot) heads.inodes.add(Number(match[2]));
		heads.lastSlot = slot;
	}
}

const isUnaddressed = (socket: RawSocket): boolean => socket.localAddress === '*' && socket.foreignAddress === '*';

/**
 * Drop, from `sockets[from4]` on, the lines of the icmp table (up to `from6`) and of the
 * icmp6 table (the rest) that describe a socket of the other family; `heads` are each
 * table's bucket heads. A socket whose family nothing tells is kept as IPv4, marked.
 */
export function dropMisfiledPings(
	sockets: RawSocket[],
	from4: number,
	from6: number,
	heads: {readonly icmp: BucketHeads; readonly icmp6: BucketHeads},
): void {
	const icmp6Lines = new Map<number, number>();
	for (let index = from6; index < sockets.length; index++) {
		const {inode} = sockets[index]!;
		if (inode !== 0) icmp6Lines.set(inode, index);
	}

	const misfiled = new Set<number>();
	for (let index = from4; index < from6; index++) {
		const {inode} = sockets[index]!;
		const other = icmp6Lines.get(inode);
		if (inode === 0 || other === undefined) continue;
		const asIpv6 = sockets[other]!;
		const isIpv6 = !isUnaddressed(asIpv6) || heads.icmp6.inodes.has(inode);
		misfiled.add(isIpv6 ? index : other);
		if (!isIpv6 && isUnaddressed(sockets[index]!) && !heads.icmp.inodes.has(inode)) {
			sockets[index] = {...sockets[index]!, isFamilyGuessed: true};
		}
	}

	if (misfiled.size === 0) return;
	let kept = from4;
	for (let index = from4; index < sockets.length; index++) {
		if (!misfiled.has(index)) sockets[kept++] = sockets[index]!;
	}

	sockets.length = kept;
}
