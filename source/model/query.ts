import {closestFlag} from '../flag-suggestion.js';
import {sanitize} from '../format/escape.js';

/**
 * The `/` filter's language, shared by the live table and the PID view (each names its columns):
 * - words separated by spaces, each of which a row must match (AND), anywhere in the row;
 *   a word alone is matched as the filter always matched its text (cellTest);
 * - `"unix stream"`: a quoted phrase keeps its spaces (and is text: `"lport:443"` is no column);
 * - `!word`: rows it does NOT match (not `-word`: a login shell's COMMAND is `-bash`, a unix peer `-> /run/…`);
 * - `name:value`: the word within one column (`state:listen`, `lport:443`). Only a known name
 *   before the first colon makes one, so `::1`, `[::1]:22`, `*:22`, `@abstract`, `/run/x.sock:`
 *   and `pipe:[4471]` stay text; a name near a known one (`lpot:`) is text too, with a hint.
 * Parsed once per change of the text, never per row: the rows are 50,000.
 */

/** What one column does with a value: a test of an item, or why the value is none it takes. */
export type ScopeTest<T> = (value: string) => ((item: T) => boolean) | {readonly error: string};

/** A view's columns by `name:`, and the item's text for words with no name (its cells, lowercased, one per line). */
export type QueryColumns<T> = {
	readonly scopes: Readonly<Record<string, ScopeTest<T>>>;
	readonly rowText: (item: T) => string;
};

type Term = {readonly isNegated: boolean; readonly scope: string | null; readonly value: string};

const cut = '…';
const escapeRegExp = (text: string) => text.replaceAll(/[\\^$.*+?()[\]{}|]/gu, '\\$&');

/**
 * A test of lowercased cells, one per line, against lowercased `needle`: within one cell, a `…`
 * standing for what a cut cell left out. `anchor`: the needle ends a cell (a port: `:22`, not
 * `:2222`), or is one whole.
 */
export function cellTest(needle: string, anchor: 'none' | 'end' | 'whole' = 'none'): (cells: string) => boolean {
	if (!needle.includes(cut) && anchor === 'none') {
		return cells => cells.includes(needle);
	}

	const body = needle.split(cut).map(part => escapeRegExp(part)).join('.*');
	const pattern = new RegExp(anchor === 'whole' ? `^${body}$` : anchor === 'end' ? `${body}$` : body, 'mu');
	return cells => pattern.test(cells);
}

/** The words of the text: spaces split them outside quotes; `literalFrom` is where the first quote began (Infinity: none). */
function words(text: string): Array<{readonly word: string; readonly literalFrom: number}> {
	const found: Array<{word: string; literalFrom: number}> = [];
	let word = '';
	let literalFrom = Number.POSITIVE_INFINITY;
	let isQuoted = false;
	let isStarted = false;
	for (const char of text) {
		if (char === '"') {
			isQuoted = !isQuoted;
			literalFrom = Math.min(literalFrom, word.length);
			isStarted = true;
		} else if (!isQuoted && /\s/u.test(char)) {
			if (isStarted && word !== '') found.push({word, literalFrom});
			[word, literalFrom, isStarted] = ['', Number.POSITIVE_INFINITY, false];
		} else {
			word += char;
			isStarted = true;
		}
	}

	if (word !== '') found.push({word, literalFrom});
	return found;
}

const namePattern = /^([a-z][a-z-]*):/iu;

/** One word as a term, and the unknown name it began with (`lpot`), if any. */
function readTerm(text: string, literalFrom: number, names: readonly string[]): {readonly term: Term; readonly unknown: string | null} {
	let value = text;
	let literal = literalFrom;
	const isNegated = literal > 0 && value.length > 1 && value.startsWith('!');
	if (isNegated) {
		value = value.slice(1);
		literal--;
	}

	const name = namePattern.exec(value);
	if (name === null || name[0].length > literal) return {term: {isNegated, scope: null, value}, unknown: null};
	const scope = name[1]!.toLowerCase();
	if (!names.includes(scope)) return {term: {isNegated, scope: null, value}, unknown: scope};
	return {term: {isNegated, scope, value: value.slice(name[0].length)}, unknown: null};
}

function parse(text: string, names: readonly string[]): {readonly terms: readonly Term[]; readonly unknown: readonly string[]} {
	const read = words(text).map(({word, literalFrom}) => readTerm(word, literalFrom, names));
	return {terms: read.map(each => each.term), unknown: read.flatMap(each => (each.unknown === null ? [] : [each.unknown]))};
}

/** A query's test of an item (null: every item passes) and what to tell the one typing it (null: nothing). */
export type CompiledQuery<T> = {readonly test: ((item: T) => boolean) | null; readonly hint: string | null};

/** The text as a test of `columns`' items, and the first thing wrong with it. Never throws. */
export function compileQuery<T>(text: string, columns: QueryColumns<T>): CompiledQuery<T> {
	const names = Object.keys(columns.scopes);
	const {terms, unknown} = parse(text, names);
	const tests: Array<(item: T) => boolean> = [];
	const errors: string[] = [];
	for (const {isNegated, scope, value} of terms) {
		const needle = value.trim();
		// `port:` while its number is being typed: no rows vanish yet.
		if (needle === '') continue;
		const made = scope === null ? textTestOf(needle, columns.rowText) : columns.scopes[scope]!(needle);
		if (typeof made !== 'function') errors.push(`${scope}: ${made.error}`);
		const test = typeof made === 'function' ? made : () => false;
		tests.push(isNegated ? item => !test(item) : test);
	}

	const guesses = unknown.flatMap(name => {
		const guess = closestFlag(name, names, 1);
		return guess === null ? [] : [`${name}: is no column (${guess.slice(2)}:?), read as text`];
	});
	const hint = errors[0] ?? guesses[0] ?? null;
	if (tests.length === 0) return {test: null, hint};
	return {test: tests.length === 1 ? tests[0]! : item => tests.every(test => test(item)), hint};
}

function textTestOf<T>(needle: string, rowText: (item: T) => string): (item: T) => boolean {
	const test = cellTest(needle.toLowerCase());
	return item => test(rowText(item));
}

/** A column of text: the value within its cells (any of its spellings), in any case, `…` for what was cut. */
export const textScope =
	<T>(cells: (item: T) => string): ScopeTest<T> =>
	value => {
		const test = cellTest(value.toLowerCase());
		return item => test(cells(item));
	};

/** A column of numbers (PID, FD, a queue): the value is one, matched exactly (`pid:443` is not 4431). */
export const numberScope =
	<T>(number: (item: T) => number | null): ScopeTest<T> =>
	value => {
		if (!/^\d+$/u.test(value)) return {error: `'${value}' is not a number`};
		const wanted = Number(value);
		return item => number(item) === wanted;
	};

/** An address column: text within the cell, but a value ending in a port ends the cell there (`local:*:22` is not `*:2222`). */
export const addressScope =
	<T>(cells: (item: T) => string): ScopeTest<T> =>
	value => {
		const test = cellTest(value.toLowerCase(), /:\d+$/u.test(value) ? 'end' : 'none');
		return item => test(cells(item));
	};

/**
 * The filter's text as the header and notes quote it, sanitized: `"ssh"`, or, where it has quotes
 * of its own, as typed after `/` (`/"unix stream" x`), not `""unix stream" x"`.
 */
export const quotedQuery = (text: string): string => (text.includes('"') ? `/${sanitize(text)}` : `"${sanitize(text)}"`);
