import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/format/escape.js';
import {wrapWords} from '../../source/components/too-small.js';

describe('wrapWords', () => {
	const text = 'Terminal too small (12x3); socktop needs 40x10. q quits.';

	it('breaks at spaces into lines of the width', () => {
		expect(wrapWords(text, 20, 9)).toEqual(['Terminal too small', '(12x3); socktop', 'needs 40x10. q', 'quits.']);
	});

	it('ends the last line it has room for in … when text is left over', () => {
		const lines = wrapWords(text, 12, 2);
		expect(lines).toHaveLength(2);
		expect(lines[0]).toBe('Terminal too');
		expect(lines[1]!.endsWith('…')).toBe(true);
		expect(lines.every(line => displayWidth(line) <= 12)).toBe(true);
	});

	it('cuts a word longer than the width, and fits a 1-column terminal', () => {
		expect(wrapWords('abcdefgh ij', 4, 5).every(line => displayWidth(line) <= 4)).toBe(true);
		expect(wrapWords(text, 1, 1).every(line => displayWidth(line) <= 1)).toBe(true);
	});
});
