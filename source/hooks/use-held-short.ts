import {useMemo, useRef} from 'react';
import {holdShort, type HeldShort} from '../model/held-forms.js';

/**
 * The forms to spell short (holdShort): those that must be now, and those that had to be within
 * the last SHRINK_AFTER_MS of snapshot `time`. A change of `resets` (the filters, the width:
 * what the user changed on purpose) starts afresh. Renders at the same `time` (a key press) hold nothing longer.
 */
export function useHeldShort(shortNow: Iterable<string>, time: number, resets: readonly unknown[]): ReadonlySet<string> {
	const held = useRef<{resets: readonly unknown[]; short: HeldShort} | null>(null);
	const isSame = held.current !== null && held.current.resets.length === resets.length && held.current.resets.every((each, index) => Object.is(each, resets[index]));
	const short = holdShort(isSame ? held.current!.short : null, shortNow, time);
	held.current = {resets, short};
	// The same set while the same forms are held, so what is laid out from it is not redone at each render.
	const key = [...short.keys()].sort().join(' ');
	return useMemo(() => new Set(key === '' ? [] : key.split(' ')), [key]);
}
