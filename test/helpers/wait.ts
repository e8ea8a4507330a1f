import {vi} from 'vitest';

/**
 * How long a test waits for a frame, a screen or a state before it fails. Only a hang should
 * reach it: on two cores at a load of 25-50 a frame a quiet machine draws in 20 ms can take
 * seconds, and a deadline of a few seconds made tests fail that pass alone.
 */
export const WAIT_MS = 20_000;

/** vi.waitFor with WAIT_MS: `check` is retried until it stops throwing. */
export const waitFor = async (check: () => void) => vi.waitFor(check, {timeout: WAIT_MS, interval: 20});
