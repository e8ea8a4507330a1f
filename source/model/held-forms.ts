import {SHRINK_AFTER_MS} from './widths.js';

/** The forms spelled short, each with the snapshot time it last had to be (no room for its long form). */
export type HeldShort = ReadonlyMap<string, number>;

/**
 * Which forms to spell short at snapshot `time`, from those that must be now (`shortNow`): a form
 * goes short at once, and comes back long only once it has had room for SHRINK_AFTER_MS, as a
 * column's width does (holdWidths), so a heading ('FOREIGN ADDRESS' / 'FOREIGN'), a state
 * ('ESTABLISHED' / 'ESTAB') or the filter line's wording does not flip at each refresh as a
 * socket comes and goes. `previous` null starts afresh (new filters, a resize).
 */
export function holdShort(previous: HeldShort | null, shortNow: Iterable<string>, time: number): HeldShort {
	const held = new Map<string, number>();
	for (const [key, since] of previous ?? []) {
		if (time - since < SHRINK_AFTER_MS) held.set(key, since);
	}

	for (const key of shortNow) held.set(key, time);
	return held;
}
