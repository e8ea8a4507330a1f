/**
 * How a unix socket's name is written when its bytes are not UTF-8. The kernel keeps a name as
 * bytes; decoded as UTF-8 each invalid byte would read U+FFFD, which loses the byte and cannot be
 * told from a real U+FFFD in a name. socktop writes such a byte as `\xNN`, as lsof does
 * (`/tmp/bad\xff.sock`), in the table, --once and --json alike; the valid UTF-8 around it is
 * kept. A literal backslash is left alone, as lsof, ls -b and ss leave it.
 *
 * The names come from a table read as latin1 (one char per byte, tables.ts): the entry's fields
 * are ASCII, and a name with no byte >= 0x80 (nearly all) is already its text.
 */

const highByte = /[\u0080-\u00ff]/;
const strict = new TextDecoder('utf-8', {fatal: true});

/**
 * Whether latin1 text holds a char >= 0x80 (so a name in it may need decoding): each such char
 * takes two bytes in UTF-8. One scan of a whole table piece; byteLength is ~5x faster than a
 * regex test (0.03 against 0.16 ms per 256 KiB piece of /proc/net/unix).
 */
export const hasHighByte = (text: string): boolean => Buffer.byteLength(text, 'utf8') !== text.length;

/** The length of the valid UTF-8 sequence at `index` of `bytes`, or 0 when the byte there begins none (RFC 3629). */
function sequenceLength(bytes: Uint8Array, index: number): number {
	const lead = bytes[index]!;
	if (lead < 0x80) return 1;
	const isTail = (offset: number, low = 0x80, high = 0xbf) => {
		const byte = bytes[index + offset];
		return byte !== undefined && byte >= low && byte <= high;
	};

	if (lead >= 0xc2 && lead <= 0xdf) return isTail(1) ? 2 : 0;
	if (lead >= 0xe0 && lead <= 0xef) {
		// No overlong forms (E0 A0..) and no surrogates (ED ..9F).
		const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
		return isTail(1, low, high) && isTail(2) ? 3 : 0;
	}

	if (lead >= 0xf0 && lead <= 0xf4) {
		// No overlong forms (F0 90..) and nothing past U+10FFFF (F4 ..8F).
		const [low, high] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
		return isTail(1, low, high) && isTail(2) && isTail(3) ? 4 : 0;
	}

	return 0;
}

/** Bytes as text: UTF-8 where valid, each other byte as `\xNN`. */
function escapeInvalid(bytes: Uint8Array): string {
	let text = '';
	let start = 0;
	let index = 0;
	while (index < bytes.length) {
		const length = sequenceLength(bytes, index);
		if (length > 0) {
			index += length;
			continue;
		}

		text += strict.decode(bytes.subarray(start, index)) + `\\x${bytes[index]!.toString(16).padStart(2, '0')}`;
		start = ++index;
	}

	return text + strict.decode(bytes.subarray(start));
}

/**
 * A name read as latin1 (one char per byte) as socktop writes it: its UTF-8 text, with each byte
 * that is not UTF-8 as `\xNN`. ASCII names (nearly all) come back as they are, after one test.
 */
export function decodeUnixName(latin1: string): string {
	if (!highByte.test(latin1)) return latin1;
	const bytes = Buffer.from(latin1, 'latin1');
	try {
		return strict.decode(bytes);
	} catch {
		return escapeInvalid(bytes);
	}
}

/** A `\xNN` escape of a byte >= 0x80: only decodeUnixName writes those (a byte below is valid UTF-8). */
const escapedByte = /\\x([89a-f][\da-f])/g;

/** Whether a name decodeUnixName wrote may hold bytes it escaped (or a literal `\x`, which costs a look more). */
export const mayHoldEscapedBytes = (name: string): boolean => name.includes('\\x');

/**
 * Whether `lossy`, a name as a tool decoding UTF-8 with replacement reads it (ss's stdout: each
 * invalid byte U+FFFD), is the same name as `name`, written by decodeUnixName.
 */
export function isSameUnixName(lossy: string | undefined, name: string): boolean {
	if (lossy === name) return true;
	if (lossy === undefined || !mayHoldEscapedBytes(name)) return false;
	const bytes: number[] = [];
	let last = 0;
	for (const match of name.matchAll(escapedByte)) {
		bytes.push(...Buffer.from(name.slice(last, match.index), 'utf8'), Number.parseInt(match[1]!, 16));
		last = match.index + match[0].length;
	}

	bytes.push(...Buffer.from(name.slice(last), 'utf8'));
	return Buffer.from(bytes).toString('utf8') === lossy;
}
