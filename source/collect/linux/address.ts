/**
 * Addresses as /proc/net/{tcp,udp,raw}[6] print them: the raw in-memory words
 * of the address, each 32-bit word printed with %08X in the host's byte
 * order. On a little-endian host 127.0.0.1 reads `0100007F` and ::1 reads
 * `00000000000000000000000001000000`. Text is what `ss` prints (glibc
 * inet_ntop), except the wildcard, which is '*' as in sockstat.
 */
import os from 'node:os';
import {hexValue} from './digits.js';

const isLittleEndian = os.endianness() === 'LE';

/** The four bytes of one printed word, in memory (network) order. */
function wordBytes(word: number): [number, number, number, number] {
	const b0 = word >>> 24;
	const b1 = (word >>> 16) & 255;
	const b2 = (word >>> 8) & 255;
	const b3 = word & 255;
	return isLittleEndian ? [b3, b2, b1, b0] : [b0, b1, b2, b3];
}

/** '0100007F' at text[start] -> '127.0.0.1'; '*' for 0.0.0.0; null when not hex. */
export function decodeIpv4(text: string, start: number): string | null {
	const word = hexValue(text, start, start + 8);
	if (word < 0) return null;
	if (word === 0) return '*';
	const [a, b, c, d] = wordBytes(word);
	return `${a}.${b}.${c}.${d}`;
}

/** 32 hex digits at text[start] -> '::1', '::ffff:127.0.0.1', '*' for ::; null when not hex. */
export function decodeIpv6(text: string, start: number): string | null {
	const groups: number[] = [];
	for (let w = 0; w < 4; w++) {
		const word = hexValue(text, start + w * 8, start + w * 8 + 8);
		if (word < 0) return null;
		const [a, b, c, d] = wordBytes(word);
		groups.push((a << 8) | b, (c << 8) | d);
	}

	return formatIpv6(groups);
}

/**
 * Eight 16-bit groups as glibc's inet_ntop prints them: lowercase, the
 * longest run (leftmost on a tie) of two or more zero groups as '::', and
 * the last 32 bits dotted for IPv4-mapped (::ffff:a.b.c.d) and
 * IPv4-compatible (::a.b.c.d) addresses. The all-zero wildcard is '*'.
 */
export function formatIpv6(groups: readonly number[]): string {
	let bestStart = -1;
	let bestLength = 0;
	for (let i = 0; i < 8; ) {
		if (groups[i] !== 0) {
			i++;
			continue;
		}

		let j = i;
		while (j < 8 && groups[j] === 0) j++;
		if (j - i > bestLength) {
			bestStart = i;
			bestLength = j - i;
		}

		i = j;
	}

	if (bestLength === 8) return '*';
	if (bestLength < 2) bestStart = -1;

	const g6 = groups[6] ?? 0;
	const g7 = groups[7] ?? 0;
	const isEmbeddedIpv4 = bestStart === 0 && (bestLength === 6 || (bestLength === 5 && groups[5] === 0xff_ff));
	let text = '';
	for (let i = 0; i < 8; i++) {
		if (i === bestStart) {
			text += '::';
			i += bestLength - 1;
			continue;
		}

		if (text !== '' && !text.endsWith(':')) text += ':';
		if (i === 6 && isEmbeddedIpv4) {
			return `${text}${g6 >>> 8}.${g6 & 255}.${g7 >>> 8}.${g7 & 255}`;
		}

		text += (groups[i] ?? 0).toString(16);
	}

	return text;
}
