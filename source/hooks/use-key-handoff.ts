import type {Key} from 'ink';
import {useCallback, useMemo, useRef} from 'react';
import type {TypedKey} from './key-presses.js';

/**
 * How long keys typed after Enter wait for the PID view to take them: its
 * first frame can take a refresh (a second or more at 50,000 sockets).
 */
const HANDOFF_MS = 3000;

/** Keys that reached the table after Enter, before the PID view was there to take them. */
type Handoff = {readonly keys: TypedKey[]; readonly at: number};

/** The keys typed between Enter and the PID view's first frame, kept for the PID view. */
export type KeyHandoff = {
	/** Enter is opening the PID view: keep the keys typed from now on for it. */
	readonly start: () => void;
	/** Keep a key for the PID view; false when none is opening, or it took HANDOFF_MS (the table has the keys again). */
	readonly keep: (input: string, key: Key) => boolean;
	/** The keys kept, once: the PID view replays them when it starts listening. */
	readonly take: () => readonly TypedKey[];
};

/**
 * Keys typed after Enter that reach the table before the PID view listens are the PID
 * view's: Enter then q, typed fast, opens and closes the PID view instead of quitting.
 */
export function useKeyHandoff(): KeyHandoff {
	const handoff = useRef<Handoff | null>(null);
	const start = useCallback(() => {
		handoff.current = {keys: [], at: Date.now()};
	}, []);
	const keep = useCallback((input: string, key: Key) => {
		const handed = handoff.current;
		if (handed === null) return false;
		if (Date.now() - handed.at < HANDOFF_MS) {
			handed.keys.push({input, key});
			return true;
		}

		// The PID view did not take them in time (its first frame came HANDOFF_MS after Enter): the table has the keys again.
		handoff.current = null;
		return false;
	}, []);
	const take = useCallback(() => {
		const keys = handoff.current?.keys ?? [];
		handoff.current = null;
		return keys;
	}, []);
	return useMemo(() => ({start, keep, take}), [start, keep, take]);
}
