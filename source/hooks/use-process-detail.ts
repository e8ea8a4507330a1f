import {useEffect, useRef, useState} from 'react';
import type {Collector} from '../collect/collector.js';
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
};

/**
 * Read one process's detail now and every `interval` seconds unless paused.
 * A slow read is never overlapped by the next one, and a result arriving after
 * unmount or a PID change is dropped.
 */
export function useProcessDetail(collector: Collector, pid: number, interval: number, isPaused: boolean): ProcessDetailState {
	const [state, setState] = useState<ProcessDetailState>({detail: null, lastAlive: null, error: null});
	const pidRef = useRef(pid);
	const hasReadRef = useRef(false);

	useEffect(() => {
		pidRef.current = pid;
		hasReadRef.current = false;
		setState({detail: null, lastAlive: null, error: null});
	}, [pid]);

	useEffect(() => {
		let isCurrent = true;
		let timer: ReturnType<typeof setTimeout> | undefined;

		const tick = async () => {
			try {
				const detail = await collector.process(pid);
				if (!isCurrent || pidRef.current !== pid) {
					return;
				}

				hasReadRef.current = true;
				setState(previous => ({
					detail,
					lastAlive: hasExited(detail) ? previous.lastAlive : detail,
					error: null,
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
		};
	}, [collector, pid, interval, isPaused]);

	return state;
}
