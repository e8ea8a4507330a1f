import {useEffect, useRef, useState} from 'react';
import type {Collector} from '../collect/collector.js';
import {SLOW_SCAN_MS} from './use-snapshots.js';
import {hasExited, type ProcessDetail} from '../model/process.js';

export type ProcessDetailState = {
	/** The latest read; null until the first one arrives. */
	readonly detail: ProcessDetail | null;
	/**
	 * The last read in which the process existed, kept after it exits so the
	 * view can show its last known FDs (dimmed) instead of an empty screen.
	 */
	readonly lastAlive: ProcessDetail | null;
	/** A read that threw (a collector bug, not an expected failure). */
	readonly error: string | null;
	/**
	 * The command of a process that has taken the PID since the one viewed exited
	 * (its start time differs); null otherwise. The view stays on the one it opened.
	 */
	readonly reusedBy: string | null;
	/**
	 * Whole seconds the read under way has been running, once it has run for `slowAfterMs`
	 * (a hung lsof), as useSnapshots' slowScanSeconds; null otherwise.
	 */
	readonly slowReadSeconds: number | null;
};

/**
 * A read of another process that has taken the PID (its start differs from the one
 * first seen) stands for "exited": the view never slides over to a stranger, whom
 * `k` would then offer to signal under the same PID and often the same name.
 */
function asSeenBy(detail: ProcessDetail, firstStart: string | null): {detail: ProcessDetail; reusedBy: string | null} {
	const start = detail.process?.startToken ?? null;
	if (detail.process === null || firstStart === null || start === null || start === firstStart) return {detail, reusedBy: null};
	return {detail: {...detail, process: null, fds: [], denied: null}, reusedBy: detail.process.command};
}

/**
 * Read one process's detail now and every `interval` seconds unless paused.
 * A slow read is never overlapped by the next one, and a result arriving after
 * unmount or a PID change is dropped.
 */
export function useProcessDetail(collector: Collector, pid: number, interval: number, isPaused: boolean, slowAfterMs = SLOW_SCAN_MS): ProcessDetailState {
	const [state, setState] = useState<Omit<ProcessDetailState, 'slowReadSeconds'>>({detail: null, lastAlive: null, error: null, reusedBy: null});
	const [slowReadSeconds, setSlowReadSeconds] = useState<number | null>(null);
	const pidRef = useRef(pid);
	const hasReadRef = useRef(false);
	const inFlight = useRef<Promise<void> | null>(null);
	// The start of the process first seen at this PID: the one the view is about.
	const firstStart = useRef<string | null>(null);

	useEffect(() => {
		pidRef.current = pid;
		hasReadRef.current = false;
		firstStart.current = null;
		setState({detail: null, lastAlive: null, error: null, reusedBy: null});
	}, [pid]);

	useEffect(() => {
		let isCurrent = true;
		let timer: ReturnType<typeof setTimeout> | undefined;
		let slowTimer: ReturnType<typeof setTimeout> | undefined;

		const tick = async () => {
			// A read started before the last change (pause, interval) finishes first: reads never overlap.
			while (inFlight.current !== null) await inFlight.current;
			if (!isCurrent) return;
			const read = collector.process(pid);
			const started = Date.now();
			const showAge = () => {
				if (!isCurrent) return;
				setSlowReadSeconds(Math.floor((Date.now() - started) / 1000));
				slowTimer = setTimeout(showAge, 1000);
			};

			slowTimer = setTimeout(showAge, slowAfterMs);
			const settled = read.then(
				() => undefined,
				() => undefined,
			);
			inFlight.current = settled;
			void settled.then(() => {
				if (inFlight.current === settled) inFlight.current = null;
				clearTimeout(slowTimer);
				if (isCurrent) setSlowReadSeconds(null);
			});
			try {
				const detail = await read;
				if (!isCurrent || pidRef.current !== pid) {
					return;
				}

				hasReadRef.current = true;
				firstStart.current ??= detail.process?.startToken ?? null;
				const seen = asSeenBy(detail, firstStart.current);
				setState(previous => ({
					detail: seen.detail,
					lastAlive: hasExited(seen.detail) ? previous.lastAlive : seen.detail,
					error: null,
					reusedBy: seen.reusedBy,
				}));
			} catch (error) {
				if (isCurrent) {
					setState(previous => ({...previous, error: error instanceof Error ? error.message : String(error)}));
				}
			}

			if (isCurrent && !isPaused) {
				timer = setTimeout(() => void tick(), Math.max(0.05, interval) * 1000);
			}
		};

		// Pausing freezes what is on screen: no read at all once there is something to show.
		if (!isPaused || !hasReadRef.current) {
			void tick();
		}

		return () => {
			isCurrent = false;
			clearTimeout(timer);
			clearTimeout(slowTimer);
		};
	}, [collector, pid, interval, isPaused, slowAfterMs]);

	return {...state, slowReadSeconds};
}
