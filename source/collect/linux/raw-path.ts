/**
 * The bytes of unix socket names that are not UTF-8. The table writes each byte that is not as
 * the text `\xNN` (unix-name.ts): right for showing a name, but a stat of that text looks for
 * another file. Only such names are read again, keeping every byte.
 */
import fs from 'node:fs';
import {keepBytes, parseUnixTable} from './unix.js';
import type {RawSocket} from './tables.js';

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
	parseUnixTable(text, entries, keepBytes);
	for (const entry of entries) if (entry.path !== null && entry.inode !== 0) paths.set(entry.inode, Buffer.from(entry.path, 'latin1'));
	return paths;
}
