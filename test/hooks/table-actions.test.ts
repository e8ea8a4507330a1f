import {describe, expect, it} from 'vitest';
import {stepInterval} from '../../source/hooks/table-actions.js';

describe('stepInterval', () => {
	it('steps through top-like round values', () => {
		expect(stepInterval(2, 1)).toBe(3);
		expect(stepInterval(2, -1)).toBe(1);
		expect(stepInterval(0.1, -1)).toBe(0.1);
		expect(stepInterval(60, 1)).toBe(120);
		expect(stepInterval(3600, 1)).toBe(3600);
	});

	it('steps from a -d value that is not a step to the nearest one in that direction', () => {
		expect(stepInterval(2.5, 1)).toBe(3);
		expect(stepInterval(2.5, -1)).toBe(2);
		expect(stepInterval(120, -1)).toBe(60);
		expect(stepInterval(400, -1)).toBe(300);
		expect(stepInterval(400, 1)).toBe(600);
	});
});
