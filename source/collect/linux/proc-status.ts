/**
 * Parser of /proc/PID/status (proc(5)): "Key:\tvalue" lines. Takes text.
 *
 * Real lines (Debian 12, kernel 6.1):
 *   Name:	cat
 *   State:	R (running)
 *   Tgid:	13860
 *   PPid:	13858
 *   Uid:	0	0	0	0
 *   Threads:	1
 *   NSpid:	26105	1        (a process of `unshare --pid --fork`: PID 1 inside)
 *
 * Name is the comm with '\n' and '\\' escaped by the kernel (fs/proc/array.c
 * escapes them as "\n" and "\\"), so it is decoded back here; sanitize() is the
 * caller's job when drawing.
 */

import {parseStatusOwner} from './owner.js';

export type ProcStatus = {
	readonly name: string | null;
	/** 'S (sleeping)' as written. */
	readonly state: string | null;
	readonly ppid: number | null;
	/** The thread group: the process's ID, which differs from the file's own for a thread other than the main one (/proc/TID/status). */
	readonly tgid: number | null;
	/** Effective uid (the second of real, effective, saved, fs), as the table's USER and ps. */
	readonly uid: number | null;
	readonly threads: number | null;
	/**
	 * Its PID in the innermost PID namespace it is in, where that is not the reader's: the last of
	 * NSpid's numbers (one per namespace, the reader's first) when there are several; null otherwise.
	 */
	readonly nsPid: number | null;
};

const integer = (text: string | undefined): number | null =>
	text !== undefined && /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null;

/** Parse the fields the PID view needs; missing or malformed ones are null. */
export function parseProcStatus(text: string): ProcStatus {
	const fields = new Map<string, string>();
	for (const line of text.split('\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) {
			fields.set(line.slice(0, colon), line.slice(colon + 1).replace(/^\s+/, ''));
		}
	}

	// One reading of Name and Uid for the table and the PID view (owner.ts).
	const owner = parseStatusOwner(text);
	return {
		name: owner.command,
		state: fields.get('State')?.trim() || null,
		ppid: integer(fields.get('PPid')?.trim()),
		tgid: integer(fields.get('Tgid')?.trim()),
		uid: owner.uid,
		threads: integer(fields.get('Threads')?.trim()),
		nsPid: innermostPid(fields.get('NSpid')),
	};
}

/** NSpid's last number when it has several (the process is in a PID namespace below the reader's), else null. */
function innermostPid(text: string | undefined): number | null {
	const pids = text?.trim().split(/\s+/) ?? [];
	return pids.length > 1 ? integer(pids.at(-1)) : null;
}
