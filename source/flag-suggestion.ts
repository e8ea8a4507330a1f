/**
 * "did you mean --json?" for a long flag socktop does not know, as git and cargo ask: only
 * when it begins one known flag alone (`--proto`: --protocols), or one known flag is close (at
 * most two edits, a swap of neighbours counting as one) and no other is as close, so `--ipv` (as near --ipv4 as --ipv6) gets no guess. Case is ignored:
 * `--JSON` means --json. Pure: the CLI hands in the flags (LONG_FLAGS).
 */

const MAX_EDITS = 2;
/** The shortest cut-short flag taken for the one it begins: `--po` could be anything. */
const MIN_PREFIX = 3;

/**
 * The flag `word` (`--jsn`, `--jsn=x`) was likely meant to be, with its dashes; null when none is
 * clearly closest (within `maxEdits`). Of flags tied at the least distance, the one the typed word begins (`--port`:
 * --ports, not --sort) wins when it is the only one.
 */
export function closestFlag(word: string, flags: Iterable<string>, maxEdits = MAX_EDITS): string | null {
	const typed = word.replace(/^--/, '').split('=')[0]!.toLowerCase();
	// A flag cut short (`--proto`, `--num`) is the one flag it begins, however far it is in edits.
	const known = [...flags];
	const extended = typed.length >= MIN_PREFIX ? known.filter(flag => flag.startsWith(typed)) : [];
	if (extended.length === 1) return `--${extended[0]}`;
	let nearest: string[] = [];
	let nearestDistance = maxEdits + 1;
	for (const flag of known) {
		const distance = editDistance(typed, flag);
		if (distance > maxEdits) continue;
		if (distance < nearestDistance) {
			nearest = [flag];
			nearestDistance = distance;
		} else if (distance === nearestDistance) {
			nearest.push(flag);
		}
	}

	const begun = nearest.filter(flag => flag.startsWith(typed));
	const guess = nearest.length === 1 ? nearest[0] : begun.length === 1 ? begun[0] : undefined;
	return guess === undefined ? null : `--${guess}`;
}

/** ss, netstat and lsof letters socktop has no flag for, and what it has instead (its -l, -4, -6 are theirs; -u, -p and -n are sockstat's). */
const SS_HABITS: Readonly<Record<string, string>> = {
	'-t': 'for TCP, use -P tcp',
	// lsof -i :5432, who holds a port.
	'-i': "for lsof's -i :PORT, use -p PORT",
	'-x': 'for unix sockets, use -u',
	'-a': 'socktop shows every socket unless a filter is given',
	'-r': 'socktop never resolves names',
};

/**
 * The one line for an unknown flag: with a guess when closestFlag has one, what socktop has for an
 * ss habit (`-t`: -P tcp), the words a short group with a dash in it was meant as (`-l-p`: -l -p),
 * else a pointer to --help.
 */
export function unknownFlagMessage(flag: string, flags: Iterable<string>): string {
	const guess = flag.startsWith('--') ? closestFlag(flag, flags) : null;
	if (guess !== null) return `unknown flag ${flag} (did you mean ${guess}?)`;
	const habit = Object.hasOwn(SS_HABITS, flag) ? SS_HABITS[flag] : undefined;
	if (habit !== undefined) return `unknown flag ${flag} (${habit})`;
	if (/^-[^-]+-/.test(flag)) {
		const words = flag.split('-').filter(Boolean).map(letters => `-${letters}`);
		return `unknown flag ${flag} (did you mean ${words.join(' ')}?)`;
	}

	return `unknown flag ${flag} (see socktop --help)`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
	const rows = a.length + 1;
	const columns = b.length + 1;
	const table = new Array<number>(rows * columns).fill(0);
	const at = (row: number, column: number) => table[row * columns + column]!;
	for (let row = 0; row < rows; row++) table[row * columns] = row;
	for (let column = 0; column < columns; column++) table[column] = column;
	for (let row = 1; row < rows; row++) {
		for (let column = 1; column < columns; column++) {
			const cost = a[row - 1] === b[column - 1] ? 0 : 1;
			let distance = Math.min(at(row - 1, column) + 1, at(row, column - 1) + 1, at(row - 1, column - 1) + cost);
			if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) {
				distance = Math.min(distance, at(row - 2, column - 2) + 1);
			}

			table[row * columns + column] = distance;
		}
	}

	return at(rows - 1, columns - 1);
}
