import type {Key} from 'ink';
import {useCallback, useMemo, useRef} from 'react';
import type {TypedKey} from './key-presses.js';

/**
 * How long keys typed after Enter or k wait for the screen it opens to take them: the PID
 * view's first frame can take a refresh (a second or more at 50,000 sockets).
 */
const HANDOFF_MS = 3000;

/** Keys that reached the screen underneath after it opened another, before that one was there to take them. */
type Handoff = {readonly keys: TypedKey[]; readonly at: number};

/** The keys typed between opening a screen (the PID view, a kill dialog) and its first frame, kept for it. */
export type KeyHandoff = {
	/** A screen is opening: keep the keys typed from now on for it. */
	readonly start: () => void;
	/** Keep a key for the screen opening; false when none is, or it took HANDOFF_MS (the screen underneath has the keys again). */
	readonly keep: (input: string, key: Key) => boolean;
	/** The keys kept, once: the screen opened replays them when it starts listening. */
	readonly take: () => readonly TypedKey[];
};

/**
 * Keys typed after the key that opens a screen (Enter: the PID view; k: a kill dialog) that
 * reach the screen underneath before the new one listens are the new one's: Enter then q,
 * typed fast, opens and closes the PID view instead of quitting; k then 3 chooses SIGHUP.
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

		// The new screen did not take them in time (its first frame came HANDOFF_MS after): the one underneath has the keys again.
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
