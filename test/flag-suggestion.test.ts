import {describe, expect, it} from 'vitest';
import {closestFlag, editDistance, unknownFlagMessage} from '../source/flag-suggestion.js';
import {LONG_FLAGS} from '../source/argv.js';

describe('editDistance', () => {
	it('counts insertions, deletions, substitutions and a swap of neighbours as one edit each', () => {
		expect(editDistance('json', 'json')).toBe(0);
		expect(editDistance('jsn', 'json')).toBe(1);
		expect(editDistance('jsonn', 'json')).toBe(1);
		expect(editDistance('jsan', 'json')).toBe(1);
		expect(editDistance('jsno', 'json')).toBe(1);
		expect(editDistance('', 'pid')).toBe(3);
		expect(editDistance('frobnicate', 'protocols')).toBeGreaterThan(2);
	});
});

describe('closestFlag', () => {
	it.each([
		['--jsn', '--json'],
		['--jsno', '--json'],
		['--JSON', '--json'],
		['--onse', '--once'],
		// Cut short: the one flag it begins, however many letters are missing.
		['--listen', '--listening'],
		['--proto', '--protocols'],
		['--prot=tcp', '--protocols'],
		['--numeric', '--numeric-users'],
		['--lisening', '--listening'],
		['--port=22', '--ports'],
		['--sor', '--sort'],
		['--no-colour', '--no-color'],
		['--numeric-user', '--numeric-users'],
		// As near --ipv4 as --ipv6: no guess rather than a coin toss; --on is as near --json, but begins --once.
		['--ipv', null],
		['--on', '--once'],
		['--loopback', null],
		['--frobnicate', null],
	])('%s → %s', (typed, meant) => {
		expect(closestFlag(typed, LONG_FLAGS)).toBe(meant);
	});
});

describe('unknownFlagMessage', () => {
	it('guesses a long flag, and points short ones and far ones at --help', () => {
		expect(unknownFlagMessage('--jsn', LONG_FLAGS)).toBe('unknown flag --jsn (did you mean --json?)');
		expect(unknownFlagMessage('-z', LONG_FLAGS)).toBe('unknown flag -z (see socktop --help)');
		expect(unknownFlagMessage('--frobnicate', LONG_FLAGS)).toBe('unknown flag --frobnicate (see socktop --help)');
	});

	it('says what socktop has for an ss habit, and splits a short group holding a dash', () => {
		expect(unknownFlagMessage('-t', LONG_FLAGS)).toBe('unknown flag -t (for TCP, use -P tcp)');
		expect(unknownFlagMessage('-x', LONG_FLAGS)).toBe('unknown flag -x (for unix sockets, use -u)');
		expect(unknownFlagMessage('-a', LONG_FLAGS)).toBe('unknown flag -a (socktop shows every socket unless a filter is given)');
		expect(unknownFlagMessage('-r', LONG_FLAGS)).toBe('unknown flag -r (socktop never resolves names)');
		expect(unknownFlagMessage('-i', LONG_FLAGS)).toBe("unknown flag -i (for lsof's -i :PORT, use -p PORT)");
		expect(unknownFlagMessage('-l-p', LONG_FLAGS)).toBe('unknown flag -l-p (did you mean -l -p?)');
		expect(unknownFlagMessage('-4l-p22', LONG_FLAGS)).toBe('unknown flag -4l-p22 (did you mean -4l -p22?)');
	});
});
