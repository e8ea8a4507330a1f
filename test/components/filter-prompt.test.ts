import {describe, expect, it} from 'vitest';
import {appendFilterText} from '../../source/components/filter-prompt.js';

describe('appendFilterText', () => {
	it('drops control characters', () => {
		expect(appendFilterText('ss', 'h\r\u0007d')).toBe('sshd');
	});

	it('keeps 200 characters, counted in code points: an emoji is never cut in half', () => {
		expect(appendFilterText('', 'a'.repeat(250))).toBe('a'.repeat(200));
		const kept = appendFilterText('a', '😀'.repeat(250));
		expect(kept).toBe(`a${'😀'.repeat(199)}`);
		expect(kept).not.toMatch(/\p{Cs}/u);
	});
});
