import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/format/escape.js';
import {wrapText} from '../../source/components/pid-layout.js';

// The too-small message is wrapped with wrapText, without indent: what it relies on.
describe('wrapText without indent (the too-small message)', () => {
	const text = 'Terminal too small (12x3); socktop needs 40x10. q quits.';

	it('breaks at spaces into lines of the width', () => {
		expect(wrapText(text, 20, 9, 0)).toEqual(['Terminal too small', '(12x3); socktop', 'needs 40x10. q', 'quits.']);
	});

	it('ends the last line it has room for in … when text is left over', () => {
		const lines = wrapText(text, 12, 2, 0);
		expect(lines).toHaveLength(2);
		expect(lines[1]!.endsWith('…')).toBe(true);
		expect(lines.every(line => displayWidth(line) <= 12)).toBe(true);
	});

	it('cuts a word longer than the width, and fits a 1-column terminal', () => {
		expect(wrapText('abcdefgh ij', 4, 5, 0).every(line => displayWidth(line) <= 4)).toBe(true);
		expect(wrapText(text, 1, 1, 0).every(line => displayWidth(line) <= 1)).toBe(true);
	});
});
