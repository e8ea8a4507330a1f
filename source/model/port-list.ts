import type {PortRange} from '../options.js';
import {UserError} from '../collect/collector.js';
import {type Socket, isPortless, isUnixProto} from './types.js';

/**
 * Port lists as -p takes them (`22,80,8000-8100`, `:5432`), and the match of a socket's ports
 * against one: -p's, and the `/` filter's port:, lport: and fport:.
 */

const portPattern = /^\d{1,5}$/;

/** `typed`: the item as the user wrote it, for the message (`:5432` before its colon was left out). */
function parsePort(text: string, flag: string, typed = text): number {
	if (!portPattern.test(text)) {
		throw new UserError(`${flag}: '${typed}' is not a port number (1-65535)`);
	}

	const port = Number(text);
	if (port < 1 || port > 65_535) {
		throw new UserError(`${flag}: port ${port} is out of range (1-65535)`);
	}

	return port;
}

/** One `N` or `LOW-HIGH` range; throws UserError naming `flag` (and the item as `typed`) when it is not one. */
export function parsePortRange(text: string, flag = '-p', typed = text.trim()): PortRange {
	const trimmed = text.trim();
	const dash = trimmed.indexOf('-', 1);
	if (dash === -1) {
		const port = parsePort(trimmed, flag, typed);
		return [port, port];
	}

	// '22-', '22-abc', '1-2-3': the range is what is wrong, not one side of it ('' is no port number).
	const [lowText, highText] = [trimmed.slice(0, dash).trim(), trimmed.slice(dash + 1).trim()];
	if (!portPattern.test(lowText) || !portPattern.test(highText)) {
		throw new UserError(`${flag}: '${typed}' is not a port range (LOW-HIGH)`);
	}

	const low = parsePort(lowText, flag);
	const high = parsePort(highText, flag);
	if (low > high) {
		throw new UserError(`${flag}: range ${low}-${high} is reversed (write ${high}-${low})`);
	}

	return [low, high];
}

/** A list flag's value with an empty item (`22,`, `tcp,,udp`): refused alike by -p and -P, naming it. */
export const emptyItem = (flag: string, text: string, hint: string) => new UserError(`${flag}: '${text}' has an empty item (${hint})`);

/** `:5432` as lsof (`-i :5432`) and ss (`sport = :5432`) write a port: the port, the colon left out. */
const withoutColon = (part: string) => part.trim().replace(/^:(?=\d)/u, '');

/** `-p 22,80,8000-8100` into inclusive ranges; an item may start with a colon (`:5432`, `:8000-8100`). */
export function parsePorts(text: string, flag = '-p'): PortRange[] {
	const parts = text.split(',');
	const hint = 'e.g. 22,80,8000-8100';
	if (text.trim() === '') throw new UserError(`${flag}: '${text}' is not a port list (${hint})`);
	if (parts.some(part => part.trim() === '')) throw emptyItem(flag, text, hint);

	return parts.map(part => parsePortRange(withoutColon(part), flag, part.trim()));
}

/**
 * Whether a port of the socket's ends (`ends`: either, or only the local or the foreign one) is in
 * `ports`. Only Internet sockets with ports can match: a raw socket's number is a protocol, and unix sockets have none.
 */
export function matchesPorts(socket: Socket, ports: readonly PortRange[], ends: 'either' | 'local' | 'foreign' = 'either'): boolean {
	if (isUnixProto(socket.proto) || isPortless(socket.proto)) {
		return false;
	}

	const inRange = (port: number | null) => port !== null && ports.some(([low, high]) => port >= low && port <= high);
	return (ends !== 'foreign' && inRange(socket.localPort)) || (ends !== 'local' && inRange(socket.foreignPort));
}
