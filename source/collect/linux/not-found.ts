/**
 * Socket inodes looked for through every network namespace's tables and not found, each kept for
 * NOT_FOUND_MS: the PID view asks again on every refresh, and an answer that seldom changes would
 * otherwise send each one through every namespace's tables (elsewhere.ts, cross-peers.ts).
 */
export const NOT_FOUND_MS = 10_000;

/** Inodes kept at most: the PID view looks at one process at a time. */
export const NOT_FOUND_MOST = 10_000;

export type NotFound = {
	/** Whether `inode` was last not found less than NOT_FOUND_MS before `now`. */
	readonly isRecent: (inode: number, now: number) => boolean;
	/** `inodes` were not found at `now`. */
	readonly remember: (inodes: Iterable<number>, now: number) => void;
	/** `inode` was found: it is looked for again at once. */
	readonly forget: (inode: number) => void;
};

export function createNotFound(): NotFound {
	// Oldest first: an inode remembered again moves to the end.
	const times = new Map<number, number>();
	return {
		isRecent: (inode, now) => now - (times.get(inode) ?? Number.NEGATIVE_INFINITY) < NOT_FOUND_MS,
		remember(inodes, now) {
			for (const inode of inodes) {
				// The oldest makes room, so the bound holds even within one batch.
				if (!times.delete(inode) && times.size >= NOT_FOUND_MOST) times.delete(times.keys().next().value!);
				times.set(inode, now);
			}
		},
		forget(inode) {
			times.delete(inode);
		},
	};
}
