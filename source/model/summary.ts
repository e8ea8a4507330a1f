import {baseProtocol, socketInode, type Socket} from './types.js';

/** The header's counts, like top's "Tasks:" line. */
export type Summary = {
	/** Sockets: one held by several processes (a forked server) counts once. */
	readonly total: number;
	/** Rows: one per holder of each socket, as the table lists them. */
	readonly rows: number;
	readonly tcp: number;
	/** UDP and UDP-Lite. */
	readonly udp: number;
	readonly raw: number;
	/** ICMP echo (ping) sockets. */
	readonly icmp: number;
	readonly unix: number;
	readonly listen: number;
	readonly established: number;
	readonly timeWait: number;
	/** TCP sockets in any other state (SYN_SENT, CLOSE_WAIT, ...). */
	readonly otherTcp: number;
};

/**
 * Count sockets by protocol family and TCP state, as `ss -s` does: each socket
 * once, however many processes hold it (the table has a row per holder). A
 * socket is known by its inode; rows without one (TIME_WAIT) are each a socket.
 */
export function summarize(sockets: readonly Socket[]): Summary {
	const seen = new Set<number>();
	let tcp = 0;
	let udp = 0;
	let raw = 0;
	let icmp = 0;
	let unix = 0;
	let listen = 0;
	let established = 0;
	let timeWait = 0;
	let total = 0;
	for (const socket of sockets) {
		const {proto, state} = socket;
		const inode = socketInode(socket);
		if (inode !== null) {
			if (seen.has(inode)) continue;
			seen.add(inode);
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
			}
		} else if (base === 'udp' || base === 'udplite') {
			udp++;
		} else if (base === 'raw') {
			raw++;
		} else if (base === 'icmp') {
			icmp++;
		} else {
			unix++;
		}
	}

	return {
		total,
		rows: sockets.length,
		tcp,
		udp,
		raw,
		icmp,
		unix,
		listen,
		established,
		timeWait,
		otherTcp: tcp - listen - established - timeWait,
	};
}
