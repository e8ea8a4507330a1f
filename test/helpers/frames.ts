import {vi} from 'vitest';

/**
 * Let React draw: it runs on real macrotasks (its scheduler took the real timers at import),
 * even while a test fakes the hooks' own timers and clock.
 */
export const drawn = async () => {
	for (let round = 0; round < 5; round++) {
		// eslint-disable-next-line no-await-in-loop
		await new Promise<void>(resolve => {
			setImmediate(resolve);
		});
	}
};

/** Move the fake clock on by `ms`, then let React draw. */
export const advance = async (ms: number) => {
	await vi.advanceTimersByTimeAsync(ms);
	await drawn();
};
