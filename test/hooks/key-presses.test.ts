import {describe, expect, it} from 'vitest';
import {keyPresses, restOf} from '../../source/hooks/key-presses.js';
import {plainKey as none} from '../helpers/keys.js';

const named = (presses: ReturnType<typeof keyPresses>) =>
	presses.map(({input, key}) => (key.return ? 'Enter' : key.backspace ? 'Backspace' : key.tab ? 'Tab' : input));

describe('keyPresses', () => {
	it('splits a chunk into keys, Enter, Backspace and Tab included', () => {
		expect(named(keyPresses('ssh\rq', none))).toEqual(['s', 's', 'h', 'Enter', 'q']);
		expect(named(keyPresses('ab\u007Fc\td\n', none))).toEqual(['a', 'b', 'Backspace', 'c', 'Tab', 'd', 'Enter']);
	});

	it('reads Ctrl letters inside a chunk as Ctrl keys, as Ink reports them alone', () => {
		const presses = keyPresses('jj\u0003ab\u0015d', none);
		expect(presses.map(({input, key}) => (key.ctrl ? `C-${input}` : input))).toEqual(['j', 'j', 'C-c', 'a', 'b', 'C-u', 'd']);
		expect(restOf(presses, 1)?.input).toBe('\u0003ab\u0015d');
	});

	it('makes no keys of pasted text or of a mouse report', () => {
		expect(keyPresses('\uE000q k', none)).toEqual([]);
		expect(keyPresses('[<64;10;5M', none)).toEqual([]);
		expect(keyPresses('[<0;10;5m', none)).toEqual([]);
	});

	it('reads a lone Enter handed on as text as Enter', () => {
		expect(named(keyPresses('\r', none))).toEqual(['Enter']);
	});

	it('keeps a named key, a Ctrl key and an escape sequence whole', () => {
		const enter = {...none, return: true};
		expect(keyPresses('', enter)).toEqual([{input: '', key: enter, raw: ''}]);
		expect(keyPresses('c', {...none, ctrl: true})).toHaveLength(1);
		expect(keyPresses('\u001B[A', none)).toHaveLength(1);
	});

	it('drops flags left over from the key a chunk was handed on with', () => {
		const [q] = keyPresses('q', {...none, backspace: true, return: true});
		expect(q?.key.backspace).toBe(false);
		expect(q?.key.return).toBe(false);
		expect(q?.input).toBe('q');
	});

	it('gives the rest of a chunk back as typed, with the flags of text', () => {
		const presses = keyPresses('/a\rq', none);
		expect(restOf(presses, 1)).toEqual({input: '\rq', key: none});
		expect(restOf(presses, 3)).toBeNull();
	});

	// What Ink reports for ESC and a character in one read (tmux send-keys Escape q): the ESC removed, Meta set.
	const meta = (input: string) => ({input, key: {...none, meta: true, shift: /^[A-Z]$/.test(input)}});

	it.each([
		['q', 'q'],
		['k', 'k'],
		['3', '3'],
		['Space', ' '],
		['L', 'L'],
	])('reads Meta and %s as Escape then that key, as ncurses programs do', (_name, char) => {
		const {input, key} = meta(char);
		const presses = keyPresses(input, key);
		expect(presses.map(press => (press.key.escape ? 'Esc' : press.input))).toEqual(['Esc', char]);
		expect(presses[0]!.key).toMatchObject({escape: true, meta: true});
		expect(presses[1]!.key).toMatchObject({meta: false, escape: false, shift: char === 'L'});
		// Handed on after the Escape (it closed a screen), the key is plain again: not a second Escape.
		const rest = restOf(presses, 0)!;
		expect(rest).toEqual({input: char, key: {...none, shift: char === 'L'}});
		expect(keyPresses(rest.input, rest.key).map(press => press.input)).toEqual([char]);
	});

	it('keeps keys with Meta that are not ESC and a character whole: Esc, Alt-arrows, ESC Backspace', () => {
		const escape = {...none, escape: true, meta: true};
		expect(keyPresses('', escape)).toEqual([{input: '', key: escape, raw: ''}]);
		// xterm's Alt-Up (ESC[1;3A) and rxvt's (ESC ESC[A) come as Up with Meta: one key.
		expect(keyPresses('', {...none, upArrow: true, meta: true})).toHaveLength(1);
		expect(keyPresses('', {...none, delete: true, meta: true})).toHaveLength(1);
		// ESC[ with nothing after it is a CSI cut short (or Alt-[): Ink hands it on as '[' without Meta.
		expect(keyPresses('[', none).map(press => press.key.escape)).toEqual([false]);
	});
});
