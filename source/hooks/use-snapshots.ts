import {useEffect, useRef, useState} from 'react';
import type {Collector} from '../collect/collector.js';
import type {Snapshot} from '../model/types.js';

export type Snapshots = {
	/** The latest scan; null until the first one finishes. */
	readonly current: Snapshot | null;
	/** The scan before it, for new/gone marks; null on the first. */
	readonly previous: Snapshot | null;
	/** Why the last scan failed, in one line; null when it worked. Old rows stay shown. */
	readonly error: string | null;
	/**
	 * Whole seconds the scan under way has been running, once it has run for
	 * `slowAfterMs` (a hung lsof on a dead NFS mount, a huge machine); null otherwise.
	 * Without it the only sign would be a clock that stopped.
	 */
	readonly slowScanSeconds: number | null;
};

const empty = {current: null, previous: null, error: null};

/** A scan running longer than this is shown as running, with its age. Normal scans take well under a second. */
export const SLOW_SCAN_MS = 5000;

/**
 * Scan with `collector` every `interval` seconds, one scan at a time: the next
 * waits for the previous to finish (a 50k-socket scan slower than the interval
 * delays the next one instead of piling up). The wait is measured from the
 * start of the last scan, as top does. While paused nothing is scanned; on
 * resume a scan that is due starts at once. Keys stay live because the loop
 * only awaits: the collector yields to the event loop while it reads.
 */
export function useSnapshots(collector: Collector, interval: number, isPaused: boolean, slowAfterMs = SLOW_SCAN_MS): Snapshots {
	const [snapshots, setSnapshots] = useState<Omit<Snapshots, 'slowScanSeconds'>>(empty);
	const [slowScanSeconds, setSlowScanSeconds] = useState<number | null>(null);
	const settings = useRef({interval, isPaused});
	settings.current = {interval, isPaused};
	// Wakes the loop's wait so a changed interval or a resume takes effect now.
	const wake = useRef<() => void>(() => undefined);

	useEffect(() => {
		let isActive = true;
		let timer: ReturnType<typeof setTimeout> | undefined;
		let slowTimer: ReturnType<typeof setTimeout> | undefined;
		let lastStart = Number.NEGATIVE_INFINITY;

		const waitUntilDue = async () => {
			for (;;) {
				const {interval: seconds, isPaused: paused} = settings.current;
				const remaining = lastStart + seconds * 1000 - Date.now();
				if (!isActive || (!paused && remaining <= 0)) {
					return;
				}

				// eslint-disable-next-line no-await-in-loop
				await new Promise<void>(resolve => {
					wake.current = resolve;
					timer = paused ? undefined : setTimeout(resolve, remaining);
				});
				clearTimeout(timer);
			}
		};

		const loop = async () => {
			while (isActive) {
				// eslint-disable-next-line no-await-in-loop
				await waitUntilDue();
				if (!isActive) {
					return;
				}

				lastStart = Date.now();
				const started = lastStart;
				const showAge = () => {
					if (!isActive) return;
					setSlowScanSeconds(Math.floor((Date.now() - started) / 1000));
					slowTimer = setTimeout(showAge, 1000);
				};

				slowTimer = setTimeout(showAge, slowAfterMs);
				try {
					// eslint-disable-next-line no-await-in-loop
					const snapshot = await collector.snapshot();
					if (isActive) {
						setSnapshots(last => ({current: snapshot, previous: last.current, error: null}));
					}
				} catch (error: unknown) {
					if (isActive) {
						const message = error instanceof Error ? error.message : String(error);
						setSnapshots(last => ({...last, error: message.split('\n')[0] ?? message}));
					}
				} finally {
					clearTimeout(slowTimer);
					if (isActive) {
						setSlowScanSeconds(null);
					}
				}
			}
		};

		void loop();
		return () => {
			isActive = false;
			clearTimeout(timer);
			clearTimeout(slowTimer);
			wake.current();
		};
	}, [collector, slowAfterMs]);

	useEffect(() => {
		wake.current();
	}, [interval, isPaused]);

	return {...snapshots, slowScanSeconds};
}
