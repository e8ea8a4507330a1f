import {baseProtocol, isPacketProto, socketInode, type Socket} from './types.js';

/** The header's counts, like top's "Tasks:" line. */
export type Summary = {
	/** Sockets: one held by several processes (a forked server) counts once. */
	readonly total: number;
	/** Rows: one per holder of each socket, as the table lists them. */
	readonly rows: number;
	readonly tcp: number;
	readonly udp: number;
	/** UDP-Lite: its own protocol (-P udplite), not UDP's, though its ports are numbered alike. */
	readonly udplite: number;
	readonly raw: number;
	/** ICMP echo (ping) sockets. */
	readonly icmp: number;
	readonly unix: number;
	/** Packet (AF_PACKET) sockets: sniffers, DHCP clients, LLDP and ARP daemons. */
	readonly packet: number;
	readonly listen: number;
	readonly established: number;
	readonly timeWait: number;
	/** The peer closed and the program has not called close(): many of them are a leak. */
	readonly closeWait: number;
	/** connect() not yet answered: many of them are connections hanging (a firewall dropping SYNs). */
	readonly synSent: number;
	/** Handshakes the kernel has not finished (SYN_RECV, NEW_SYN_RECV): many of them are a SYN flood. */
	readonly synRecv: number;
	/** TCP sockets in any other state (FIN_WAIT1, LAST_ACK, ...). */
	readonly otherTcp: number;
};

/**
 * What tells one socket's rows from another's, or null when nothing does: its inode; else the
 * key a capture gives its rows (socketId: an `ss -p` line's holders, lsof's kernel address);
 * else, for a held TCP connection, its two ends and state, which no other socket of its
 * namespace shares (a listener's or a UDP socket's do not tell: SO_REUSEPORT lets several bind
 * alike), so sockstat's rows of sshd's privilege-separated connection count once.
 */
export function identityOf(socket: Socket): number | string | null {
	const inode = socketInode(socket);
	if (inode !== null) return inode;
	if (socket.socketId !== undefined) return socket.socketId;
	const {proto, localAddress, localPort, foreignAddress, foreignPort, state, netns, pid} = socket;
	// A row without a holder is listed once (TIME_WAIT), so only held rows can repeat a socket.
	const isHeldConnection =
		pid !== null && baseProtocol(proto) === 'tcp' && state !== null && state !== 'LISTEN' && foreignAddress !== null && foreignAddress !== '*' && foreignPort !== null;
	return isHeldConnection ? `${proto} ${localAddress}:${localPort} ${foreignAddress}:${foreignPort} ${state} ${netns}` : null;
}

/**
 * Count sockets by protocol family and TCP state, as `ss -s` does: each socket
 * once, however many processes hold it (the table has a row per holder), as far as
 * identityOf tells; rows it cannot tell apart (a capture without inodes) are each a socket.
 */
export function summarize(sockets: readonly Socket[]): Summary {
	const seen = new Set<number | string>();
	let tcp = 0;
	let udp = 0;
	let udplite = 0;
	let raw = 0;
	let icmp = 0;
	let unix = 0;
	let packet = 0;
	let listen = 0;
	let established = 0;
	let timeWait = 0;
	let closeWait = 0;
	let synSent = 0;
	let synRecv = 0;
	let total = 0;
	for (const socket of sockets) {
		const {proto, state} = socket;
		const identity = identityOf(socket);
		if (identity !== null) {
			if (seen.has(identity)) continue;
			seen.add(identity);
		}

		total++;
		const base = baseProtocol(proto);
		if (base === 'tcp') {
			tcp++;
			if (state === 'LISTEN') {
				listen++;
			} else if (state === 'ESTABLISHED') {
				established++;
			} else if (state === 'TIME_WAIT') {
				timeWait++;
			} else if (state === 'CLOSE_WAIT') {
				closeWait++;
			} else if (state === 'SYN_SENT') {
				synSent++;
			} else if (state === 'SYN_RECV' || state === 'NEW_SYN_RECV') {
				synRecv++;
			}
		} else if (base === 'udp') {
			udp++;
		} else if (base === 'udplite') {
			udplite++;
		} else if (base === 'raw') {
			raw++;
		} else if (base === 'icmp') {
			icmp++;
		} else if (isPacketProto(proto)) {
			packet++;
		} else {
			unix++;
		}
	}

	return {
		total,
		rows: sockets.length,
		tcp,
		udp,
		udplite,
		raw,
		icmp,
		unix,
		packet,
		listen,
		established,
		timeWait,
		closeWait,
		synSent,
		synRecv,
		otherTcp: tcp - listen - established - timeWait - closeWait - synSent - synRecv,
	};
}
