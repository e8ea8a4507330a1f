import {describe, expect, it} from 'vitest';
import {MARKER_WAIT_MS, PASTE_MARK, PASTE_QUIET_MS, createPasteFilter, isPaste, pastedLine, pastedText} from '../source/paste.js';

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

	// A read can end mid-marker (over SSH, or in a big paste): the marker is whole once the next read comes.
	it('ends a paste whose end marker is split across two reads: the keys after it are keys', () => {
		const filter = createPasteFilter();
		expect([filter(`${START}ssh\u001B[20`), filter('1~'), filter('\r'), filter('q'), filter('\u0003')]).toEqual(['', `${PASTE_MARK}ssh`, '\r', 'q', '\u0003']);
	});

	it('takes a paste whose start marker is split across two reads as a paste: its Enter and q are text', () => {
		const filter = createPasteFilter();
		expect(filter(`/${START.slice(0, 4)}`)).toBe('/');
		expect(filter.heldFor()).toBe(MARKER_WAIT_MS);
		expect(filter(`${START.slice(4)}ssh\rq${END}`)).toBe(`${PASTE_MARK}ssh\rq`);
		expect(filter.heldFor()).toBeNull();
	});

	it('holds the start of a marker no longer than the caller waits: flushed, a lone Escape is a key', () => {
		const filter = createPasteFilter();
		expect(filter('\u001B')).toBe('');
		expect(filter.heldFor()).toBe(MARKER_WAIT_MS);
		expect(filter.flush()).toBe('\u001B');
		expect(filter.heldFor()).toBeNull();
		// Escape then a key in the next read reach the keys together, as when typed in one read.
		expect(filter('\u001B[2')).toBe('');
		expect(filter('0~')).toBe('\u001B[20~');
		// A whole key is not held.
		expect(filter('\u001B[A')).toBe('\u001B[A');
		expect(filter.heldFor()).toBeNull();
	});

	// A slow link or SSH can split a key's escape sequence: Ink would read each piece as keys of its own.
	it.each([
		['\u001B', '[B'],
		['\u001B[', 'B'],
		['\u001BO', 'B'],
		['\u001B[3', '~'],
		['\u001B[1;5', 'B'],
		['\u001B[[', 'A'],
		['\u001B[<35;10', ';4M'],
	])('holds the start of a key a read ends with (%j) and joins it to the rest', (first, second) => {
		const filter = createPasteFilter();
		expect(filter(`j${first}`)).toBe('j');
		expect(filter.heldFor()).toBe(MARKER_WAIT_MS);
		expect(filter(second)).toBe(first + second);
		expect(filter.heldFor()).toBeNull();
	});

	it('holds only the last of two ESCs (ESC ESC is two Escapes) and nothing after a finished key', () => {
		const filter = createPasteFilter();
		expect(filter('\u001B\u001B')).toBe('\u001B');
		expect(filter.flush()).toBe('\u001B');
		expect(filter('\u001BOBq')).toBe('\u001BOBq');
		expect(filter.heldFor()).toBeNull();
	});

	it('ends an open paste when flushed, the start of its end marker with it', () => {
		const filter = createPasteFilter();
		expect(filter(`${START}ssh\u001B[2`)).toBe('');
		expect(filter.heldFor()).toBe(PASTE_QUIET_MS);
		expect(filter.flush()).toBe(`${PASTE_MARK}ssh[2`);
		expect(filter('q')).toBe('q');
	});
});
