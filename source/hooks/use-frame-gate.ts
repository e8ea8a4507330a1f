import {useCallback, useEffect, useRef, useState} from 'react';
import type {TypedKey} from './key-presses.js';

/** Keys held for a frame, and whether the table has been left since the last frame that showed every key. */
export type FrameGate = {
	/** A key was handled: ask for a frame numbered after it. */
	readonly askFrame: () => void;
	/** A frame asked for is not on screen yet: the row drawn may not be the row the keys so far selected. */
	readonly isBehind: () => boolean;
	/** Keys waiting for the frame; while there are any, every key read goes behind them. */
	readonly held: {current: TypedKey[]};
	/**
	 * The table opened a screen with its own keys (kill dialog, help) and has not been drawn
	 * since: keys that still reach it were typed at that screen, and none may act on the table.
	 */
	readonly hasLeftTable: {current: boolean};
};

/**
 * Keys that arrive together ('jjk', three arrows and k) are handled before React has drawn
 * what the first ones did, and the live view's state is that drawn state. So a key that acts on
 * the selected row (k, Enter) after another key of the same burst waits, with every key behind
 * it, for the next frame: k then signals the row it was pressed on, never the one before.
 * Each handled key asks for a frame numbered after it; `drawn` is the number of the last
 * frame on screen. A frame with a lower number may still be drawn (one already under way).
 * Once a frame shows every key handled so far, `onCaughtUp` gets the held keys to go on with.
 */
export function useFrameGate(onCaughtUp: (keys: readonly TypedKey[]) => void): FrameGate {
	const [frameNumber, setFrameNumber] = useState(0);
	const asked = useRef(0);
	const drawn = useRef(0);
	const askFrame = useCallback(() => {
		asked.current++;
		setFrameNumber(asked.current);
	}, []);
	const isBehind = useCallback(() => drawn.current < asked.current, []);
	const held = useRef<TypedKey[]>([]);
	const hasLeftTable = useRef(false);
	useEffect(() => {
		drawn.current = frameNumber;
		if (frameNumber < asked.current) return;
		// This frame shows every key handled so far: held keys go on from here.
		hasLeftTable.current = false;
		const keys = held.current;
		held.current = [];
		onCaughtUp(keys);
	});
	return {askFrame, isBehind, held, hasLeftTable};
}
