import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {findUnknownFlag, LONG_FLAGS, normalizeArgv} from '../../source/argv.js';
import {KEYMAP} from '../../source/keymap.js';
import {plainKey} from '../helpers/keys.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's copy of --help (test/cli.test.ts checks it is exactly what the binary prints). */
const help = /This is exactly what `socktop --help` prints:\n\n```\n([^`]*)\n```/u.exec(readme)![1]!;

/** The flags an option line of the help names before its description: `-p, --ports LIST` is -p and --ports. */
const helpFlags = help
	.split('\n')
	.filter(line => /^ {1,10}-/u.test(line))
	.flatMap(line => line.trim().split(/\s{2,}/u)[0]!.match(/(?<![\w-])--?[\w-]+/gu) ?? []);

describe('README: the flags --help lists', () => {
	it('names every long flag socktop takes, and none it does not', () => {
		const longs = helpFlags.filter(flag => flag.startsWith('--')).map(flag => flag.slice(2));
		expect(new Set(longs)).toEqual(LONG_FLAGS);
	});

	it('names every short flag socktop takes, and none it does not', () => {
		const taken = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'].filter(letter => findUnknownFlag(normalizeArgv([`-${letter}`])) === null);
		const shorts = helpFlags.filter(flag => !flag.startsWith('--')).map(flag => flag.slice(1));
		expect(new Set(shorts)).toEqual(new Set(taken));
	});
});

describe('README: the keys', () => {
	it('names every printable key a binding takes: in the ? list, or as a stand-in the README names', () => {
		const printable = Array.from({length: 0x7f - 0x20}, (_, index) => String.fromCodePoint(0x20 + index));
		const standIns = /with Shift or without: (.*?) too\./u.exec(readme.replaceAll(/\s*\n\s*/gu, ' '))?.[1] ?? '';
		for (const binding of KEYMAP) {
			const listed = binding.keys.split(' ').map(name => (name === 'Space' ? ' ' : name));
			for (const input of printable.filter(each => binding.matches(each, plainKey) && !listed.includes(each))) {
				expect(standIns, `${binding.action}: ${input}`).toContain(`\`${input}\``);
			}
		}
	});
});
