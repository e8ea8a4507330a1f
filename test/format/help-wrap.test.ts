import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/format/escape.js';
import {wrapHelp, wrapWords} from '../../source/format/help-wrap.js';

/** What --help prints, as the README holds it (cli.test.ts checks the two agree). */
const help = `\n${/This is exactly what `socktop --help` prints:\n\n```\n([^`]*)\n```/u.exec(readFileSync(new URL('../../README.md', import.meta.url), 'utf8'))![1]!}\n`;
const words = (text: string) => text.split(/\s+/u).filter(each => each !== '');

describe('wrapHelp: --help on a terminal narrower than it', () => {
	it('leaves the help as it is where every line fits', () => {
		expect(wrapHelp(help, 80)).toBe(help);
	});

	it('splits no word, and keeps every line within the width but a word longer than it', () => {
		// The user test at 40 columns: meow's fixed text broke 'LOCAL' into 'LOC' / 'AL ADDRESS'.
		for (const width of [30, 40, 44, 50, 60, 79]) {
			const wrapped = wrapHelp(help, width);
			expect(words(wrapped), `${width}`).toEqual(words(help));
			for (const line of wrapped.split('\n')) {
				expect(displayWidth(line) <= width || !line.trim().includes(' '), `${width}: ${line}`).toBe(true);
			}
		}
	});

	it('keeps descriptions beside their options while 16 columns are left there (50), else puts them under (40)', () => {
		const at = (width: number) => wrapHelp(help, width).split('\n');
		expect(at(50).slice(11, 18)).toEqual([
			'  Filters (sockstat\'s letters; -46luL can be',
			'  grouped)',
			'    -4, --ipv4              IPv4 sockets',
			'    -6, --ipv6              IPv6 sockets',
			'    -u, --unix              unix sockets (-4, -6,',
			'                            -u combine; none =',
			'                            all)',
		]);
		expect(at(50)).toContain('        --netns all|host|NAME  network namespace');
		expect(at(40).slice(1, 12)).toEqual([
			'  Usage',
			'    $ socktop [options]',
			'',
			'  Every socket on this machine in a live',
			'  table (like top), with sockstat\'s',
			'  columns: USER COMMAND PID FD PROTO',
			'  LOCAL ADDRESS FOREIGN ADDRESS STATE.',
			'  When stdout is not a terminal it',
			'  prints the table once and exits. Keys:',
			'  press ? in the live view (q quits).',
			'',
		]);
		expect(at(40).slice(14, 18)).toEqual(['    -4, --ipv4', '          IPv4 sockets', '    -6, --ipv6', '          IPv6 sockets']);
		// A command goes on indented, so its second line reads as the same command.
		expect(at(40).slice(-3)).toEqual(['    $ socktop --json | jq \'.sockets[] |', '      select(.state == "LISTEN")\'', '']);
	});

	it('gives a word longer than the room a line of its own, whole', () => {
		expect(wrapWords('a 22,80,8000-8100,9000 b', 10)).toEqual(['a', '22,80,8000-8100,9000', 'b']);
	});
});
