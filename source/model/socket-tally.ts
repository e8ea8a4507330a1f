import type {Filters} from '../options.js';
import {applyFilters} from './filter.js';
import type {FileDescriptor} from './process.js';
import {isIcmpProto, isPacketProto, isUnixProto, type Socket} from './types.js';

/**
 * A process's socket fds counted, in one line: its TCP sockets by state, most first, then the
 * others by kind: '1650 CLOSE_WAIT, 2 LISTEN, 1 ESTABLISHED (TCP); 3 unix, 1 in no table'. What a
 * leak looks like (1650 CLOSE_WAIT) is said once, before the 1650 sentences that each say it.
 */

/** A socket's kind beyond TCP, as the tally counts it. */
function kindOf(socket: Socket): string {
	if (isUnixProto(socket.proto)) return 'unix';
	if (isIcmpProto(socket.proto)) return 'ping';
	if (isPacketProto(socket.proto)) return 'packet';
	return socket.proto.startsWith('udplite') ? 'UDP-Lite' : socket.proto.startsWith('udp') ? 'UDP' : 'raw';
}

/** '3 unix, 1 UDP', most first (then in the order first met). */
const countsText = (counts: ReadonlyMap<string, number>): string =>
	[...counts]
		.sort((a, b) => b[1] - a[1])
		.map(([name, count]) => `${count} ${name}`)
		.join(', ');

const add = (counts: Map<string, number>, name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);

const tallies = new WeakMap<readonly FileDescriptor[], string | null>();

/** The tally of `fds`' sockets (null when it has none); made once per fd list, which a refresh replaces. */
export function socketTally(fds: readonly FileDescriptor[]): string | null {
	const known = tallies.get(fds);
	if (known !== undefined) return known;
	const tcp = new Map<string, number>();
	const others = new Map<string, number>();
	for (const fd of fds) {
		// One socket on several fds (dup()) is one socket.
		if (fd.sameSocketAs !== undefined) continue;
		if (fd.socket !== null) {
			if (fd.socket.proto.startsWith('tcp')) add(tcp, fd.socket.state ?? '?');
			else add(others, kindOf(fd.socket));
		} else if (fd.other !== undefined) add(others, fd.other.family);
		// A socket in none of the kernel's tables (bound and not listening, say: fd-sentence.ts).
		else if (fd.type === 'socket') add(others, 'in no table');
	}

	const parts = [tcp.size === 0 ? '' : `${countsText(tcp)} (TCP)`, countsText(others)].filter(part => part !== '');
	const tally = parts.length === 0 ? null : parts.join('; ');
	tallies.set(fds, tally);
	return tally;
}

/**
 * What -l or -c hides where nothing else shows: 'Without listening, 3 would show: 3 TIME_WAIT.',
 * the sockets the other filters pass counted by state, so the TIME_WAITs left on a port that -l -p
 * was asked about are not taken for nothing. Null where neither is on or they hide none.
 */
export function hiddenByStateNote(filters: Filters, sockets: readonly Socket[]): string | null {
	const names = [filters.listening ? 'listening' : null, filters.connected ? 'connected' : null].filter(name => name !== null);
	if (names.length === 0) return null;
	const hidden = applyFilters(sockets, {...filters, listening: false, connected: false});
	if (hidden.length === 0) return null;
	const states = new Map<string, number>();
	for (const socket of hidden) add(states, socket.state ?? '?');
	return `Without ${names.join(' and ')}, ${hidden.length} would show: ${countsText(states)}.`;
}
