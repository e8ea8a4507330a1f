import {readdirSync, readFileSync} from 'node:fs';
import fc from 'fast-check';
import {expect} from 'vitest';
import {OTHER_STATES, PROTOS, TCP_STATES} from '../../source/model/types.js';

/**
 * Inputs for the parser property tests: random text, text made of the
 * characters the formats are built from, and real captures (test/fixtures)
 * truncated, with lines dropped, duplicated or reordered, and bytes changed.
 */

/** Thousands of cases per property, yet the whole folder runs in seconds. */
export const RUNS = {numRuns: 2000} as const;

const fixtures = new URL('../fixtures/', import.meta.url);

/** Every file of test/fixtures/<folder>, optionally only those whose name matches. */
export function fixtureTexts(folder: string, only?: RegExp): string[] {
	const directory = new URL(`${folder}/`, fixtures);
	return readdirSync(directory)
		.filter(name => !name.endsWith('.md') && !name.endsWith('.py') && (only === undefined || only.test(name)))
		.map(name => readFileSync(new URL(name, directory), 'utf8'));
}

const formatCharacters = [...'0123456789abcdefABCDEF :.\n\t[]*->()/@%#,;=_?|"{}\\\r', '\u0000', '\u001b', 'ÿ', '中', '\ufffd'];

/** Anything at all, including lone surrogates and every code point. */
export const randomText = fc.oneof(
	fc.string({unit: 'binary', maxLength: 300}),
	fc.string({unit: fc.integer({min: 0, max: 0xffff}).map(code => String.fromCharCode(code)), maxLength: 300}),
);

/** Text made of digits, hex, separators and brackets: gets past first checks more often. */
export const formatText = fc.string({unit: fc.constantFrom(...formatCharacters), maxLength: 400});

/** One real sample, damaged in one or more ways. */
export function damaged(samples: readonly string[]): fc.Arbitrary<string> {
	const damage = fc.oneof(
		// Truncated anywhere (a read cut short, a process that died mid-write).
		fc.nat().map(cut => (text: string) => text.slice(0, cut % (text.length + 1))),
		// A line dropped.
		fc.nat().map(index => (text: string) => {
			const lines = text.split('\n');
			lines.splice(index % lines.length, 1);
			return lines.join('\n');
		}),
		// A line repeated.
		fc.nat().map(index => (text: string) => {
			const lines = text.split('\n');
			const at = index % lines.length;
			lines.splice(at, 0, lines[at] ?? '');
			return lines.join('\n');
		}),
		// Lines shuffled (a header after data).
		fc.nat().map(seed => (text: string) => {
			const lines = text.split('\n');
			return lines.map((line, index) => ({line, key: (index * 7919 + seed) % 104_729})).sort((a, b) => a.key - b.key).map(({line}) => line).join('\n');
		}),
		// Some characters replaced.
		fc.array(fc.tuple(fc.nat(), fc.constantFrom(...formatCharacters)), {minLength: 1, maxLength: 8}).map(changes => (text: string) => {
			const characters = [...text];
			for (const [index, replacement] of changes) {
				if (characters.length > 0) {
					characters[index % characters.length] = replacement;
				}
			}

			return characters.join('');
		}),
		// Junk inserted.
		fc.tuple(fc.nat(), fc.oneof(formatText, randomText)).map(([index, junk]) => (text: string) => {
			const at = index % (text.length + 1);
			return text.slice(0, at) + junk + text.slice(at);
		}),
		// A number made huge or negative (a 64-bit counter, a sign where none belongs).
		fc.tuple(fc.nat(), fc.constantFrom('9'.repeat(25), 'f'.repeat(20), '-1', '18446744073709551615', '1e400', '0x10')).map(
			([index, replacement]) =>
				(text: string) => {
					const numbers = [...text.matchAll(/[\da-fA-F]+/g)];
					const chosen = numbers[index % Math.max(1, numbers.length)];
					return chosen?.index === undefined ? text : text.slice(0, chosen.index) + replacement + text.slice(chosen.index + chosen[0].length);
				},
		),
		// Whitespace changed (tabs for spaces, CRLF line ends).
		fc.constantFrom(
			(text: string) => text.replaceAll(' ', '\t'),
			(text: string) => text.replaceAll('\n', '\r\n'),
			(text: string) => text.replaceAll(/ +/g, ' '),
		),
	);
	return fc
		.tuple(fc.constantFrom(...samples), fc.array(damage, {minLength: 1, maxLength: 3}))
		.map(([sample, steps]) => steps.reduce((text, step) => step(text), sample));
}

/** Random, format-shaped and damaged-real inputs for one parser. */
export const inputsLike = (samples: readonly string[]) => fc.oneof(randomText, formatText, damaged(samples), damaged(samples));

const states = new Set<string>([...TCP_STATES, ...OTHER_STATES]);

const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const isPort = (value: unknown) => value === null || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 65_535);
const isNullableCount = (value: unknown) => value === null || isCount(value);
const isNullableText = (value: unknown) => value === null || typeof value === 'string';

/** What a socket from any parser must look like, however bad its input was. */
export function expectSaneSocket(socket: Record<string, unknown>): void {
	const problems: string[] = [];
	const check = (isOk: boolean, what: string) => {
		if (!isOk) {
			problems.push(what);
		}
	};

	check((PROTOS as readonly unknown[]).includes(socket['proto']), 'proto');
	check(isPort(socket['localPort']), 'localPort');
	check(isPort(socket['foreignPort']), 'foreignPort');
	check(socket['state'] === null || states.has(socket['state'] as string), 'state');
	check(isNullableCount(socket['inode']), 'inode');
	check(isNullableCount(socket['peerInode'] ?? null), 'peerInode');
	check(isNullableCount(socket['rxQueue']), 'rxQueue');
	check(isNullableCount(socket['txQueue']), 'txQueue');
	check(isNullableCount(socket['uid']), 'uid');
	for (const field of ['localAddress', 'foreignAddress', 'path', 'peerPath'] as const) {
		check(isNullableText(socket[field] ?? null), field);
	}

	if ('pid' in socket) {
		// 0 is allowed: FreeBSD's sockstat can name the kernel (PID 0) as the holder of in-kernel sockets.
		check(socket['pid'] === null || (Number.isSafeInteger(socket['pid']) && (socket['pid'] as number) >= 0), 'pid');
		check(isNullableCount(socket['fd']), 'fd');
		check(isNullableText(socket['command']), 'command');
		check(typeof socket['user'] === 'string', 'user');
	}

	if (problems.length > 0) expect(problems, JSON.stringify(socket)).toEqual([]);
}

/**
 * expect(isOk, message()).toBe(true), asked of vitest only when it fails: each expect() costs ~20 us
 * (most of it vitest's state), and a property test checks hundreds of thousands of values, so its
 * expects were 2/3 of its time, 24 s of the services files' on a busy machine, past its timeout.
 */
export function ensure(isOk: boolean, message: () => string): void {
	if (!isOk) expect(isOk, message()).toBe(true);
}

/** A count of skipped or malformed lines. */
export function expectCount(value: unknown): void {
	ensure(isCount(value), () => `count ${String(value)}`);
}

/** No number anywhere in `value` is NaN or infinite. */
export function expectFiniteNumbers(value: unknown, path = '$'): void {
	if (typeof value === 'number') {
		ensure(Number.isFinite(value), () => path);
	} else if (Array.isArray(value)) {
		for (const [index, each] of value.entries()) {
			expectFiniteNumbers(each, `${path}[${index}]`);
		}
	} else if (value !== null && typeof value === 'object') {
		for (const [key, each] of Object.entries(value)) {
			expectFiniteNumbers(each, `${path}.${key}`);
		}
	}
}
