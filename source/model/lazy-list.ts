/**
 * A list whose items are made when first asked for, then kept: the PID view's words for a
 * process with 20,000 fds are wanted only for the rows on screen and the few its layout counts.
 * Arrays have the same `length` and `at`, so a plain array passes where one is asked for.
 */
export type LazyList<T> = {
	readonly length: number;
	at(index: number): T | undefined;
};

/** `length` items, the one at `index` being make(index), each made at most once. */
export function lazyList<T>(length: number, make: (index: number) => T): LazyList<T> {
	const made = new Map<number, T>();
	return {
		length,
		at(index) {
			if (index < 0 || index >= length) return undefined;
			if (!made.has(index)) made.set(index, make(index));
			return made.get(index);
		},
	};
}

/** The items from `start` to before `end`, as Array.slice gives them, made now. */
export function sliceOf<T>(list: LazyList<T>, start: number, end: number): T[] {
	return Array.from({length: Math.max(0, Math.min(end, list.length) - start)}, (_, index) => list.at(start + index)!);
}
