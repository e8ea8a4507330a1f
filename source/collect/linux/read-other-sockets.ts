/**
 * The netlink and packet sockets of a process's network namespace, for the PID view
 * (process.ts): /proc/PID/net/{netlink,packet}, parsed by other-sockets.ts.
 */
import type {OtherSocket} from '../../model/process.js';
import {interfaceNamesHere} from './interfaces.js';
import {parseNetlinkTable, parsePacketTable} from './other-sockets.js';
import {isFailure, readText} from './read.js';

/**
 * The process's namespace's netlink and packet sockets by inode; a table it cannot read adds
 * nothing. A packet socket's interface is named from /sys/class/net, which is this namespace's:
 * so only when the process shares it (`isHere`).
 */
export function readOtherSockets(pid: number, isHere: boolean): Map<number, OtherSocket> {
	const found = new Map<number, OtherSocket>();
	const netlink = readText(`/proc/${pid}/net/netlink`);
	if (!isFailure(netlink)) parseNetlinkTable(netlink, found);
	const packet = readText(`/proc/${pid}/net/packet`);
	if (!isFailure(packet)) parsePacketTable(packet, found);
	const indexes = [...found.values()].flatMap(other => (other.family === 'packet' && other.ifindex !== null ? [other.ifindex] : []));
	const names = isHere ? interfaceNamesHere(indexes) : new Map<number, string>();
	for (const [inode, other] of found) {
		const ifname = other.family === 'packet' && other.ifindex !== null ? names.get(other.ifindex) : undefined;
		if (other.family === 'packet' && ifname !== undefined) found.set(inode, {...other, ifname});
	}

	return found;
}
