import type {EventEmitter} from 'node:events';
import {expect, vi} from 'vitest';

/**
 * How long a test waits for a frame, a screen or a state before it fails. Only a hang should
 * reach it: on two cores at a load of 25-50 a frame a quiet machine draws in 20 ms can take
 * seconds, and a deadline of a few seconds made tests fail that pass alone.
 */
export const WAIT_MS = 20_000;

/** vi.waitFor with WAIT_MS: `check` is retried until it stops throwing. */
export const waitFor = async (check: () => void) => vi.waitFor(check, {timeout: WAIT_MS, interval: 20});

/**
 * Until Ink reads `stdin`: a key written before is lost. Ink listens once the first useInput's effects
 * have run, after the first frame is drawn, and subscribes that useInput's handler in the same pass.
 */
export const untilKeysRead = async (stdin: EventEmitter) =>
	waitFor(() => {
		expect(stdin.listenerCount('readable')).toBeGreaterThan(0);
	});

/**
 * Until `check` passes, then `check` again after `quietMs`: what must happen, once. The wait is on
 * what happens; the fixed pause is only for the negative half (a second act, a later change), which a
 * slow machine can at worst let pass unseen, never fail.
 */
export const waitForLasting = async (check: () => void, quietMs = 100) => {
	await waitFor(check);
	await new Promise(resolve => {
		setTimeout(resolve, quietMs);
	});
	check();
};
