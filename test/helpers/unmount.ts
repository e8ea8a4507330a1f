import {cleanup} from 'ink-testing-library';
import {afterEach} from 'vitest';

/**
 * After each test of the file that calls this, unmount every tree it rendered with
 * ink-testing-library's render, including one a failed expectation left mounted; a test
 * may still unmount one itself first (unmounting again does nothing).
 */
export function unmountAfterEach(): void {
	afterEach(() => {
		cleanup();
	});
}
