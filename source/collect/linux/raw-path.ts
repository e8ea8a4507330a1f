/**
 * The bytes of unix socket names that are not UTF-8. The tables are read as UTF-8 text, where
 * each invalid byte reads U+FFFD: right for showing a name, but a stat of the decoded name looks
 * for another file ("bad\xff.sock" is not "bad\uFFFD.sock"). Only such names are read again,
 * as latin1, which keeps every byte: the entry's fields are ASCII, so the same parser reads it.
 */
import fs from 'node:fs';
import {parseUnixTable} from './unix.js';
import type {RawSocket} from './tables.js';

/** Whether a name read as UTF-8 may have lost bytes (it may also hold a real U+FFFD, which costs one read more). */
export const isLossy = (path: string): boolean => path.includes('\uFFFD');

/** Socket inode -> its name's bytes, from /proc/PID/net/unix (the network namespace of `pid`); empty when unreadable. */
export function readRawUnixPaths(pid: number): Map<number, Buffer> {
	const paths = new Map<number, Buffer>();
	let text: string;
	try {
		text = fs.readFileSync(`/proc/${pid}/net/unix`).toString('latin1');
	} catch {
		return paths;
	}

	const entries: RawSocket[] = [];
	parseUnixTable(text, entries);
	for (const entry of entries) if (entry.path !== null && entry.inode !== 0) paths.set(entry.inode, Buffer.from(entry.path, 'latin1'));
	return paths;
}
