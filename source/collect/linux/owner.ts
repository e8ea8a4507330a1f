/**
 * The two facts a socket row needs about its holder, from /proc/<pid>/status:
 *
 *   Name:	sshd
 *   ...
 *   Uid:	0	0	0	0
 *
 * Quirks: Name is comm (at most 15 bytes), with '\n' and '\\' escaped by the
 * kernel (seq_escape_str); Uid is real, effective, saved, fs: the effective
 * one is what ps and top call USER.
 */
export type ProcessOwner = {
	readonly command: string | null;
	readonly uid: number | null;
};

const unescapes: Record<string, string> = {n: '\n', '\\': '\\'};

/** Name and effective uid from status text; null for what is missing. */
export function parseStatusOwner(text: string): ProcessOwner {
	let command: string | null = null;
	let uid: number | null = null;
	if (text.startsWith('Name:\t')) {
		const end = text.indexOf('\n');
		command = text.slice(6, end === -1 ? text.length : end).replace(/\\(.)/g, (all, c: string) => unescapes[c] ?? all);
	}

	const uidAt = text.indexOf('\nUid:\t');
	if (uidAt !== -1) {
		const lineEnd = text.indexOf('\n', uidAt + 6);
		const line = text.slice(uidAt + 6, lineEnd === -1 ? text.length : lineEnd);
		const effective = line.split('\t')[1];
		// uid_t is 32 bits; a longer number is not a uid.
		if (effective !== undefined && /^\d{1,10}$/.test(effective) && Number(effective) <= 0xff_ff_ff_ff) uid = Number(effective);
	}

	return {command, uid};
}

/**
 * The real uid (the first on the Uid line), null when missing: with the saved one, what
 * kill(2) compares with the sender's, so the user that may signal the process.
 */
export function parseStatusRealUid(text: string): number | null {
	const real = /\nUid:\t(\d{1,10})\t/u.exec(text)?.[1];
	return real !== undefined && Number(real) <= 0xff_ff_ff_ff ? Number(real) : null;
}
