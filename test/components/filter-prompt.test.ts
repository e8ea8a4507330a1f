import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {appendFilterText, filterKey} from '../../source/components/filter-prompt.js';

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

describe('filterKey: the keys of every prompt (/, p, P, the PID view\'s /)', () => {
	const none = {} as Key;
	const edited = (input: string, key: Partial<Key>, text: string) => {
		const typed = filterKey(input, {...none, ...key});
		return typed.type === 'edit' ? typed.edit(text) : typed.type;
	};

	it('Ctrl-W deletes the word before the cursor (readline\'s), words ending at spaces and commas', () => {
		expect(edited('w', {ctrl: true}, 'ssh 10.0.0.2')).toBe('ssh ');
		expect(edited('w', {ctrl: true}, 'ssh ')).toBe('');
		expect(edited('w', {ctrl: true}, '22,8000-8100')).toBe('22,');
		expect(edited('w', {ctrl: true}, '22, ')).toBe('');
		expect(edited('w', {ctrl: true}, '')).toBe('');
	});

	it('Ctrl-U deletes all before the cursor, which is always at the end: the whole text', () => {
		expect(edited('u', {ctrl: true}, 'ssh 10.0.0.2')).toBe('');
	});

	it('ignores the keys that would move a cursor: the text is typed at its end', () => {
		for (const key of ['leftArrow', 'rightArrow', 'home', 'end', 'upArrow', 'downArrow'] as const) {
			expect(edited('', {[key]: true}, 'xy')).toBe('ignore');
		}
	});
});
