import {describe, expect, it} from 'vitest';
import {PASTE_MARK, createPasteFilter, isPaste, pastedLine, pastedText} from '../source/paste.js';

const START = '\u001B[200~';
const END = '\u001B[201~';

describe('createPasteFilter', () => {
	it('turns a bracketed paste into one marked chunk and leaves typed keys alone', () => {
		const filter = createPasteFilter();
		expect(filter('jj')).toBe('jj');
		expect(filter(`/${START}ssh\rq${END}k`)).toBe(`/${PASTE_MARK}ssh\rqk`);
		expect(isPaste(`${PASTE_MARK}ssh`)).toBe(true);
		expect(pastedText(`${PASTE_MARK}ssh`)).toBe('ssh');
		// A prompt takes the first line only: a pasted newline must not submit it.
		expect(pastedLine(`${PASTE_MARK}ssh\rq\ny`)).toBe('ssh');
		expect(pastedLine(`${PASTE_MARK}`)).toBe('');
		expect(isPaste('ssh')).toBe(false);
	});

	it('holds a paste that spans reads until it ends', () => {
		const filter = createPasteFilter();
		expect(filter(`a${START}one `)).toBe('a');
		expect(filter('two')).toBe('');
		expect(filter(` three${END}b`)).toBe(`${PASTE_MARK}one two threeb`);
	});

	it('drops escape characters from pasted text, so a paste cannot start a sequence', () => {
		const filter = createPasteFilter();
		expect(filter(`${START}a\u001B[31mb${END}`)).toBe(`${PASTE_MARK}a[31mb`);
	});

	it('lets go of a paste that never ends once it is long', () => {
		const filter = createPasteFilter(10);
		expect(filter(`${START}12345`)).toBe('');
		expect(filter('67890abc')).toBe(`${PASTE_MARK}1234567890abc`);
		expect(filter('q')).toBe('q');
	});
});
