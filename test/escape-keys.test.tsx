import {type Key, Text, useInput} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {splitEscapes} from '../source/escape-keys.js';
import {keyPresses} from '../source/hooks/key-presses.js';

/** The keys socktop's handlers see for one read, through Ink's own parser and keyPresses: 'Esc' for Escape, else the text or the key's name. */
async function keysOf(read: string): Promise<string[]> {
	const seen: string[] = [];
	function Recorder() {
		useInput((input: string, key: Key) => {
			for (const press of keyPresses(input, key)) {
				const named = (['escape', 'upArrow', 'downArrow', 'pageDown', 'pageUp', 'home', 'end', 'return', 'tab', 'backspace', 'delete'] as const).find(name => press.key[name]);
				// Ink 6.8 names no F-key for useInput: one key with no name and no text.
				seen.push(named ?? (press.input === '' ? 'unnamed' : press.key.meta ? `Meta+${press.input}` : press.input));
			}
		});
		return <Text>keys</Text>;
	}

	const instance = render(<Recorder />);
	await new Promise(resolve => setTimeout(resolve, 20));
	instance.stdin.write(splitEscapes(read));
	await new Promise(resolve => setTimeout(resolve, 20));
	instance.unmount();
	return seen;
}

describe('splitEscapes', () => {
	it.each([
		['\u001B/', ['escape', '/']],
		['\u001B?', ['escape', '?']],
		['\u001B<', ['escape', '<']],
		['\u001B-', ['escape', '-']],
		['x\u001B/ssh', ['x', 'escape', '/', 's', 's', 'h']],
	])('reads Escape, then the punctuation key, for %j in one read', async (read, keys) => {
		expect(await keysOf(read)).toEqual(keys);
	});

	it.each([
		// tmux send-keys Escape Enter: was Enter alone (the PID view's Enter, not back to the table and Enter there).
		['\u001B\r', ['escape', 'return']],
		['\r\u001B\r', ['return', 'escape', 'return']],
		['\u001B\t', ['escape', 'tab']],
		// Backspace as most terminals send it (DEL, which Ink names delete), and as ^H.
		['\u001B\u007F', ['escape', 'delete']],
		['\u001B\b', ['escape', 'backspace']],
	])('reads Escape, then Enter, Tab or Backspace, for %j in one read', async (read, keys) => {
		expect(await keysOf(read)).toEqual(keys);
	});

	it.each([
		// tmux send-keys Escape Escape: was one key, Meta+Escape.
		['\u001B\u001B', ['escape', 'escape']],
		['\u001B\u001B\u001B', ['escape', 'escape', 'escape']],
		['\u001B\u001Bq', ['escape', 'escape', 'q']],
		['\u001B\u001B/', ['escape', 'escape', '/']],
		['j\u001B\u001Bk', ['j', 'escape', 'escape', 'k']],
		['\u001B\u001B\u001B[A', ['escape', 'upArrow']],
	])('reads each Escape of %j in one read as one', async (read, keys) => {
		expect(await keysOf(read)).toEqual(keys);
	});

	it.each([
		['\u001Bq', ['escape', 'q']],
		['\u001B[A', ['upArrow']],
		['\u001BOB', ['downArrow']],
		['\u001B[6~', ['pageDown']],
		['\u001B[H\u001B[F', ['home', 'end']],
		['\u001B\u001B[A', ['upArrow']],
		['\u001B\u001BOA', ['upArrow']],
		['\u001B[1;3A', ['upArrow']],
		// F1 as the Linux console, xterm and rxvt send it.
		['\u001B[[A', ['unnamed']],
		['\u001BOP', ['unnamed']],
		['\u001B[11~', ['unnamed']],
		['\u001B', ['escape']],
		['a/b', ['a', '/', 'b']],
	])('leaves %j as Ink reads it', async (read, keys) => {
		expect(await keysOf(read)).toEqual(keys);
	});

	it('doubles only an ESC before punctuation or before a lone ESC, never one that starts a sequence or comes before one', () => {
		expect(splitEscapes('\u001B/')).toBe('\u001B\u001B/');
		expect(splitEscapes('\u001B\u001B')).toBe('\u001B\u001B\u001B');
		for (const read of ['\u001B[A', '\u001BOP', '\u001B[[A', '\u001B[11~', '\u001B\u001B[1;3A', '\u001B\u001BOP', '\u001B[<0;3;4M', '\u001B]11;rgb:0/0/0\u001B\\', '\u001Bq', '\u001B_']) {
			expect(splitEscapes(read)).toBe(read);
		}
	});
});
