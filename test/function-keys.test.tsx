import {type Key, Text, useInput} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {splitEscapes} from '../source/escape-keys.js';
import {fkey, isFunctionKey, nameFunctionKeys} from '../source/function-keys.js';
import {keyPresses} from '../source/hooks/key-presses.js';

const named = (input: string): string => {
	const n = Array.from({length: 12}, (_, index) => index + 1).find(each => fkey(each) === input);
	return n === undefined ? input : `F${n}`;
};

/** The keys socktop's handlers see for one read, through app.tsx's filters, Ink's own parser and keyPresses: F1..F12 by name, '' for a key Ink gives no text. */
async function keysOf(read: string, filter = (chunk: string) => splitEscapes(nameFunctionKeys(chunk))): Promise<string[]> {
	const seen: string[] = [];
	function Recorder() {
		useInput((input: string, key: Key) => {
			for (const press of keyPresses(input, key)) seen.push(press.key.escape ? 'Esc' : named(press.input));
		});
		return <Text>keys</Text>;
	}

	const instance = render(<Recorder />);
	await new Promise(resolve => setTimeout(resolve, 20));
	instance.stdin.write(filter(read));
	await new Promise(resolve => setTimeout(resolve, 20));
	instance.unmount();
	return seen;
}

describe('nameFunctionKeys', () => {
	it.each([
		// xterm, gnome-terminal, and tmux and screen panes (their terminfo: kf1=\EOP, kf9=\E[20~, kf10=\E[21~).
		['xterm F1-F4', '\u001BOP\u001BOQ\u001BOR\u001BOS', ['F1', 'F2', 'F3', 'F4']],
		['xterm F5-F12', '\u001B[15~\u001B[17~\u001B[18~\u001B[19~\u001B[20~\u001B[21~\u001B[23~\u001B[24~', ['F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12']],
		// rxvt and PuTTY.
		['rxvt F1-F4', '\u001B[11~\u001B[12~\u001B[13~\u001B[14~', ['F1', 'F2', 'F3', 'F4']],
		// The Linux console (TERM=linux).
		['linux console F1-F5', '\u001B[[A\u001B[[B\u001B[[C\u001B[[D\u001B[[E', ['F1', 'F2', 'F3', 'F4', 'F5']],
	])('names each key of the %s sequences', async (_, read, keys) => {
		expect(await keysOf(read)).toEqual(keys);
	});

	it('keeps keys typed with them in one read apart, in order', async () => {
		expect(await keysOf('j\u001B[20~3\u001B[21~q')).toEqual(['j', 'F9', '3', 'F10', 'q']);
		expect(await keysOf('\u001B\u001BOP/')).toEqual(['', '/']);
	});

	it('drops F1-F4 with Shift or Ctrl, which Ink would hand on as text (Shift-F1 as "[1;2P", a P)', async () => {
		for (const read of ['\u001B[1;2P', '\u001B[1;5P', '\u001B[1;3S']) {
			expect(nameFunctionKeys(read)).toBe('');
			expect(await keysOf(`j${read}q`)).toEqual(['j', 'q']);
		}
	});

	it('leaves the other modified F-keys (Shift, Alt) and the other sequences as Ink reads them: an empty key', async () => {
		for (const read of ['\u001B[21;2~', '\u001B\u001B[21~', '\u001B[15;5~']) {
			expect(nameFunctionKeys(read)).toBe(read);
			expect(await keysOf(read)).toEqual(['']);
		}

		for (const read of ['\u001B[A', '\u001BOB', '\u001B[5~', '\u001B[6~', '\u001B[1~', '\u001B[4~', '\u001B[200~x']) {
			expect(nameFunctionKeys(read)).toBe(read);
		}
	});

	it('is needed: Ink alone hands every F-key to a handler as the same empty key', async () => {
		expect(await keysOf('\u001BOP\u001B[20~\u001B[21~', chunk => chunk)).toEqual(['', '', '']);
	});

	it('tells its characters from text', () => {
		expect([1, 3, 4, 9, 10, 12].every(n => isFunctionKey(fkey(n)))).toBe(true);
		expect(['q', '', '\uE000', '\uE00D', 'ab'].some(isFunctionKey)).toBe(false);
	});
});
