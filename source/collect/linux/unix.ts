/**
 * Parser for /proc/net/unix. Takes text, never paths. Sample lines (this machine):
 *
 *   Num       RefCount Protocol Flags    Type St Inode Path
 *   0000000000000000: 00000002 00000000 00010000 0001 01 20531 /run/systemd/journal/stdout
 *   0000000000000000: 00000003 00000000 00000000 0001 03 41950 @/tmp/.X11-unix/X0
 *   0000000000000000: 00000003 00000000 00000000 0002 03 41951
 *
 * Kernel quirks handled here (net/unix/af_unix.c, unix_seq_show):
 * - Num is the kernel address (%pK), zeros unless kptr_restrict allows it;
 * - there is no uid, peer or queue column (ss gets those over netlink);
 * - a listening socket is SS_UNCONNECTED with __SO_ACCEPTCON (0x10000) in Flags;
 * - an embryo socket (accepted by the kernel, not yet by the process) has no
 *   struct socket and prints SS_CONNECTING;
 * - the path follows the inode after exactly one space and may itself contain
 *   spaces; abstract names print their leading NUL, and any NUL inside, as '@'
 *   (libuv binds abstract names with the whole 108-byte sun_path, so Node's
 *   show a tail of '@'s, exactly as ss prints them; kept, since two names that
 *   differ only in trailing NULs are different sockets);
 *   a path containing '\n' breaks its line in two: a line that is not an entry,
 *   right after an entry whose path had begun, is the rest of that path. (A path
 *   can also forge a whole entry line; only netlink, which Node cannot speak, is
 *   immune. A forged entry still needs a real fd to get a holder.)
 */
import type {SocketState, UnixProto} from '../../model/types.js';
import {decimalValue, hexValue} from './digits.js';
import type {RawSocket} from './tables.js';
import {decodeUnixName, hasHighByte} from './unix-name.js';

const ACCEPTCON = 0x1_00_00;

const typeOf = (code: number): UnixProto | null =>
	code === 1 ? 'stream' : code === 2 ? 'dgram' : code === 5 ? 'seqpacket' : null;

/** SS_FREE 0, SS_UNCONNECTED 1, SS_CONNECTING 2, SS_CONNECTED 3, SS_DISCONNECTING 4. */
const stateOf = (flags: number, code: number): SocketState | null => {
	if ((flags & ACCEPTCON) !== 0) return 'LISTEN';
	switch (code) {
		case 0:
		case 1: {
			return 'UNCONN';
		}

		case 2: {
			return 'CONNECTING';
		}

		case 3: {
			return 'ESTABLISHED';
		}

		case 4: {
			return 'DISCONNECTING';
		}

		default: {
			return null;
		}
	}
};

const space = 32;

/**
 * Where the fixed-width fields of an entry start: "%pK: %08X %08X %08X %04X %02X %5lu".
 * Returns the offset of RefCount, or -1 when the line is not shaped like an entry.
 */
function entryStart(text: string, from: number, lineEnd: number): number {
	const colon = text.indexOf(':', from);
	const fields = colon + 2;
	if (
		colon <= from ||
		fields + 35 > lineEnd ||
		text.charCodeAt(colon + 1) !== space ||
		text.charCodeAt(fields + 8) !== space ||
		text.charCodeAt(fields + 17) !== space ||
		text.charCodeAt(fields + 26) !== space ||
		text.charCodeAt(fields + 31) !== space ||
		text.charCodeAt(fields + 34) !== space ||
		hexValue(text, fields, fields + 8) < 0 ||
		hexValue(text, fields + 9, fields + 17) < 0
	) {
		return -1;
	}

	return fields;
}

/** A name as it is in the text: read as latin1, its bytes (raw-path.ts). */
export const keepBytes = (name: string): string => name;

/**
 * Parse /proc/net/unix text (whole, or any run of complete lines), pushing
 * one RawSocket per entry onto `into`. Returns how many lines did not parse.
 * The text is read as latin1 (one char per byte); `nameOf` makes each name's text
 * (decodeUnixName: UTF-8, a byte that is not as `\xNN`).
 */
export function parseUnixTable(text: string, into: RawSocket[], nameOf: (latin1: string) => string = decodeUnixName): number {
	// Most tables are all ASCII: then no name needs a look.
	const name = nameOf === decodeUnixName && !hasHighByte(text) ? keepBytes : nameOf;
	let malformed = 0;
	let lineStart = 0;
	// Index in `into` of the entry parsed from the previous line when its path had begun, else -1.
	let continues = -1;
	while (lineStart < text.length) {
		let lineEnd = text.indexOf('\n', lineStart);
		if (lineEnd === -1) lineEnd = text.length;
		let first = lineStart;
		while (first < lineEnd && text.charCodeAt(first) === space) first++;
		const begin = lineStart;
		const end = lineEnd;
		lineStart = lineEnd + 1;
		if (first === end && continues === -1) continue;
		if (text.startsWith('Num ', first)) continue;
		const previous = continues;
		continues = -1;
		const fields = first === end ? -1 : entryStart(text, first, end);
		if (fields === -1) {
			const entry = into[previous];
			if (entry === undefined) {
				malformed++;
			} else {
				// A newline is no byte of a UTF-8 sequence: each piece decodes alone.
				into[previous] = {...entry, path: `${entry.path ?? ''}\n${name(text.slice(begin, end))}`};
				continues = previous;
			}

			continue;
		}

		// Inode is %5lu: right-aligned, then the path after exactly one space, if bound.
		let inodeStart = fields + 35;
		while (inodeStart < end && text.charCodeAt(inodeStart) === space) inodeStart++;
		let inodeEnd = text.indexOf(' ', inodeStart);
		if (inodeEnd === -1 || inodeEnd > end) inodeEnd = end;
		const flags = hexValue(text, fields + 18, fields + 26);
		const proto = typeOf(hexValue(text, fields + 27, fields + 31));
		const state = stateOf(flags, hexValue(text, fields + 32, fields + 34));
		const inode = decimalValue(text, inodeStart, inodeEnd);
		if (flags < 0 || proto === null || state === null || inode < 0) {
			malformed++;
			continue;
		}

		continues = inodeEnd < end ? into.length : -1;
		into.push({
			proto,
			localAddress: null,
			localPort: null,
			foreignAddress: null,
			foreignPort: null,
			path: inodeEnd + 1 < end ? name(text.slice(inodeEnd + 1, end)) : null,
			peerInode: null,
			peerPath: null,
			state,
			uid: null,
			inode,
			rxQueue: null,
			txQueue: null,
		});
	}

	return malformed;
}

/**
 * A unix datagram socket that a client connected to prints St 03 (connected) in
 * /proc/net/unix, though it has no peer itself: a bound server such as /dev/log.
 * When ss says it has none (`hasNoPeer`), it is what sockstat calls not connected.
 */
export function unixStateOf(proto: RawSocket['proto'], state: SocketState | null, hasNoPeer: boolean): SocketState | null {
	return hasNoPeer && proto === 'dgram' && state === 'ESTABLISHED' ? 'UNCONN' : state;
}
