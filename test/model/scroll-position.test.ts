import {describe, expect, it} from 'vitest';
import {positionForms, scrollPosition} from '../../source/model/scroll-position.js';

describe('scrollPosition', () => {
	it('is null where every row fits, else the rows on screen counted from 1', () => {
		expect(scrollPosition(0, 20, 20)).toBeNull();
		expect(scrollPosition(0, 0, 5)).toBeNull();
		expect(scrollPosition(40, 20, 1408)).toEqual({first: 41, last: 60, total: 1408});
		// The last page may be short of the height only where the table is shorter than it: never past the end.
		expect(scrollPosition(1400, 20, 1408)).toEqual({first: 1401, last: 1408, total: 1408});
	});
});

describe('positionForms', () => {
	it('says the position from the longest wording to the shortest, as the footer and the PID view title give it', () => {
		expect(positionForms({first: 41, last: 60, total: 1408})).toEqual(['rows 41-60 of 1408', '41-60 of 1408', '41-60/1408']);
	});
});
