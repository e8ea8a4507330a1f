import type {Socket} from './types.js';

/** The header's counts, like top's "Tasks:" line. */
export type Summary = {
	readonly total: number;
	readonly tcp: number;
	/** UDP and UDP-Lite. */
	readonly udp: number;
	readonly raw: number;
	readonly unix: number;
	readonly listen: number;
	readonly established: number;
	readonly timeWait: number;
	/** TCP sockets in any other state (SYN_SENT, CLOSE_WAIT, ...). */
	readonly otherTcp: number;
};

/** Count sockets by protocol family and TCP state. */
export function summarize(sockets: readonly Socket[]): Summary {
	let tcp = 0;
	let udp = 0;
	let raw = 0;
	let unix = 0;
	let listen = 0;
	let established = 0;
	let timeWait = 0;
	for (const socket of sockets) {
		const {proto, state} = socket;
		if (proto.startsWith('tcp')) {
			tcp++;
			if (state === 'LISTEN') {
				listen++;
			} else if (state === 'ESTABLISHED') {
				established++;
			} else if (state === 'TIME_WAIT') {
				timeWait++;
			}
		} else if (proto.startsWith('udp')) {
			udp++;
		} else if (proto.startsWith('raw')) {
			raw++;
		} else {
			unix++;
		}
	}

	return {
		total: sockets.length,
		tcp,
		udp,
		raw,
		unix,
		listen,
		established,
		timeWait,
		otherTcp: tcp - listen - established - timeWait,
	};
}
