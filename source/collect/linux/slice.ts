/**
 * Cooperative time slicing. A scan of 50k sockets is a few hundred ms of
 * synchronous syscalls; the live view must keep reading keys meanwhile, so
 * long loops ask `isDue()` and `await pause()` to give the event loop a turn
 * every few milliseconds.
 */
export type Slicer = {
	/** True when the current slice has used its budget. Cheap enough for every iteration. */
	isDue(): boolean;
	/** Yield to the event loop (setImmediate) and start a new slice. */
	pause(): Promise<void>;
};

/** A slicer that yields after `budgetMs` of work (default 8 ms). */
export function createSlicer(budgetMs = 8): Slicer {
	let sliceStart = performance.now();
	return {
		isDue: () => performance.now() - sliceStart >= budgetMs,
		async pause() {
			await new Promise<void>(resolve => {
				setImmediate(resolve);
			});
			sliceStart = performance.now();
		},
	};
}
