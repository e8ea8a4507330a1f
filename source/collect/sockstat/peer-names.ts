import type {Socket} from '../../model/types.js';

/**
 * Each unix peer sockstat names by holder ('-> [pid fd]' in text, `connections` in JSON) named by its
 * process's command where a row of the same output holds something of that PID, as the Linux backend
 * names peers (withUnixPeerHolders): `-> python3[1204]`. Else it stays `[pid fd]`. Changes `sockets` in place.
 */
export function namePeerHolders(sockets: Socket[]): void {
	const commands = new Map<number, string>();
	for (const {pid, command} of sockets) if (pid !== null && command !== null && !commands.has(pid)) commands.set(pid, command);
	for (const [index, socket] of sockets.entries()) {
		const peer = socket.peerHolder;
		const command = peer === undefined ? undefined : commands.get(peer.pid);
		if (peer !== undefined && command !== undefined) sockets[index] = {...socket, peerHolder: {...peer, command}};
	}
}
