import fs from 'node:fs';
import type {ExeGone} from '../../model/process.js';
import {resolveUnder} from './path-gone.js';

/** What the kernel writes after the path of an unlinked file in a /proc link (and lsof after it). */
const DELETED = ' (deleted)';

/**
 * What became of the program file a process runs (ProcessInfo.exeGone), from `files`
 * (/proc/PID, or a live thread's for a zombie leader) and its exe link's text: the kernel marks
 * an unlinked file ' (deleted)', and its link count of 0 proves it (a file really named
 * 'app (deleted)' has a link). 'replaced' when a file is at its path again, as the process
 * finds it (under its root): a package upgrade writes the new program and renames it over the
 * old. Undefined while the file is there, and where that cannot be read.
 */
export function exeGoneOf(files: string, exe: string | null): ExeGone | undefined {
	if (exe === null || !exe.endsWith(DELETED)) return undefined;
	let links: number;
	try {
		links = fs.statSync(`${files}/exe`).nlink;
	} catch {
		return undefined;
	}

	if (links !== 0) return undefined;
	const now = resolveUnder(`${files}/root`, Buffer.from(exe.slice(0, -DELETED.length)));
	return now === undefined ? 'deleted' : now === 'missing' ? 'removed' : 'replaced';
}
