import {useEffect, useRef, useState} from 'react';

/** A read's outcome, as the reducer gets it. */
export type Outcome<T> = {readonly isOk: true; readonly value: T} | {readonly isOk: false; readonly error: unknown};

/** A read running longer than this is shown as running, with its age. Normal reads take well under a second. */
const SLOW_READ_MS = 5000;

type Options<K, T, S> = {
	/** What is read: another key (compared with Object.is) starts over from `initial`, with a read at once. */
	readonly key: K;
	/**
	 * Reads `key`, given what the reads of it before left (`initial` before the first); the function of the
	 * latest render is used, so it need not be memoized.
	 */
	readonly read: (key: K, state: S) => Promise<T>;
	/** Folds each outcome into the state; only outcomes of the current key reach it. */
	readonly reduce: (state: S, outcome: Outcome<T>) => S;
	readonly initial: S;
	/** Seconds from the start of one read to the start of the next. */
	readonly interval: number;
	readonly isPaused: boolean;
	readonly slowAfterMs?: number;
	/**
	 * What `read` asks besides `key` (useSnapshots: the network namespace shown, where ss is asked): another
	 * value (Object.is) makes the next read due at once, after the one under way, the state kept; paused, none.
	 */
	readonly asked?: unknown;
};

export type Polled<S> = {
	readonly state: S;
	/**
	 * Whole seconds the read under way has been running, once it has run for
	 * `slowAfterMs` (a hung lsof on a dead NFS mount, a huge machine); null otherwise.
	 * Without it the only sign would be a clock that stopped.
	 */
	readonly slowSeconds: number | null;
};

/** The read under way (of any key): the next waits for it to settle. */
type Running = {readonly started: number; readonly settled: Promise<unknown>};

/**
 * Read `key` now and every `interval` seconds, one read at a time: the next waits
 * for the previous to finish (a read slower than the interval delays the next one
 * instead of piling up), and the wait is measured from the start of the last read,
 * as top does. Pausing freezes what is shown: no read once one has finished (the
 * first still runs, so there is something to show). On resume or a changed
 * interval a read that is due starts at once. A read that finishes after unmount
 * or after the key changed is dropped. Keys stay live because the loop only awaits.
 */
export function usePolling<K, T, S>({key, read, reduce, initial, interval, isPaused, slowAfterMs = SLOW_READ_MS, asked}: Options<K, T, S>): Polled<S> {
	const [kept, setKept] = useState<{readonly key: K; readonly state: S}>({key, state: initial});
	const [slowSeconds, setSlowSeconds] = useState<number | null>(null);
	// Read by the loop when it needs them, so changing them does not start it over.
	const settings = useRef({read, reduce, initial, interval, isPaused, slowAfterMs});
	settings.current = {read, reduce, initial, interval, isPaused, slowAfterMs};
	// Wakes the loop's wait so a changed interval or a resume takes effect now.
	const wake = useRef<() => void>(() => undefined);
	const running = useRef<Running | null>(null);
	// What the last render asked (`asked`), and whether a read is due at once for a change of it.
	const lastAsked = useRef(asked);
	const isDueNow = useRef(false);

	useEffect(() => {
		let isActive = true;
		let timer: ReturnType<typeof setTimeout> | undefined;
		let slowTimer: ReturnType<typeof setTimeout> | undefined;
		let lastStart = Number.NEGATIVE_INFINITY;
		let hasRead = false;
		// This key's state, kept here as well as in React's: the next read is given it before any render.
		let state: S | undefined;

		const waitUntilDue = async () => {
			for (;;) {
				const {interval: seconds, isPaused: paused} = settings.current;
				const remaining = lastStart + seconds * 1000 - Date.now();
				const isFrozen = paused && hasRead;
				if (!isActive || (!isFrozen && (remaining <= 0 || isDueNow.current))) {
					return;
				}

				// eslint-disable-next-line no-await-in-loop
				await new Promise<void>(resolve => {
					wake.current = resolve;
					timer = isFrozen ? undefined : setTimeout(resolve, remaining);
				});
				clearTimeout(timer);
			}
		};

		// The age of `read`, shown once it is slow, until it settles.
		const watch = async ({started, settled}: Running) => {
			const showAge = () => {
				if (!isActive) return;
				setSlowSeconds(Math.floor((Date.now() - started) / 1000));
				slowTimer = setTimeout(showAge, 1000);
			};

			slowTimer = setTimeout(showAge, Math.max(0, started + settings.current.slowAfterMs - Date.now()));
			await settled;
			clearTimeout(slowTimer);
			if (isActive) setSlowSeconds(null);
		};

		const loop = async () => {
			// A read of the key before is still running (a hung lsof): it finishes first, its result dropped.
			if (running.current !== null) await watch(running.current);
			while (isActive) {
				// eslint-disable-next-line no-await-in-loop
				await waitUntilDue();
				if (!isActive) return;
				lastStart = Date.now();
				isDueNow.current = false;
				const {read} = settings.current;
				const before = state ?? settings.current.initial;
				// A read that throws before its promise (a collector bug) is an outcome like any other.
				const settled = new Promise<T>(resolve => {
					resolve(read(key, before));
				}).then(
					(value): Outcome<T> => ({isOk: true, value}),
					(error: unknown): Outcome<T> => ({isOk: false, error}),
				);
				const thisRead = {started: lastStart, settled};
				running.current = thisRead;
				// eslint-disable-next-line no-await-in-loop
				await watch(thisRead);
				if (running.current === thisRead) running.current = null;
				// eslint-disable-next-line no-await-in-loop
				const outcome = await settled;
				if (!isActive) return;
				hasRead = true;
				const {reduce, initial} = settings.current;
				state = reduce(state ?? initial, outcome);
				setKept({key, state});
			}
		};

		void loop();
		return () => {
			isActive = false;
			clearTimeout(timer);
			clearTimeout(slowTimer);
			wake.current();
		};
	}, [key]);

	useEffect(() => {
		wake.current();
	}, [interval, isPaused]);

	useEffect(() => {
		if (Object.is(lastAsked.current, asked)) return;
		lastAsked.current = asked;
		isDueNow.current = true;
		wake.current();
	}, [asked]);

	// Another key shows `initial` at once, not the last key's state until its first read.
	return {state: Object.is(kept.key, key) ? kept.state : initial, slowSeconds};
}
