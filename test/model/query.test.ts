import {describe, expect, it} from 'vitest';
import {compileQuery, numberScope, type QueryColumns, textScope} from '../../source/model/query.js';

/** Items of two cells: a name and a number, as a table's rows. */
type Item = {readonly name: string; readonly number: number | null};
const items: readonly Item[] = [
	{name: 'unix stream', number: 443},
	{name: 'nginx', number: 4430},
	{name: '[::1]:22', number: 22},
	{name: 'lport:443', number: null},
	{name: '/run/x.sock:', number: 1},
];
const columns: QueryColumns<Item> = {
	scopes: {name: textScope(item => item.name.toLowerCase()), number: numberScope(item => item.number), 'recv-q': numberScope(item => item.number)},
	rowText: item => `${item.name}\n${item.number ?? ''}`.toLowerCase(),
};
const found = (text: string) => {
	const {test} = compileQuery(text, columns);
	return items.filter(item => test === null || test(item)).map(item => item.name);
};
const hint = (text: string) => compileQuery(text, columns).hint;

describe('the / query', () => {
	it('is null for blank text, and for names still waiting for their value', () => {
		expect(compileQuery('  ', columns).test).toBeNull();
		expect(compileQuery('number:', columns).test).toBeNull();
		expect(compileQuery('""', columns).test).toBeNull();
	});

	it('needs every word (AND), each anywhere in the row', () => {
		expect(found('unix 443')).toEqual(['unix stream']);
		expect(found('stream unix')).toEqual(['unix stream']);
		expect(found('nginx 22')).toEqual([]);
	});

	it('keeps a quoted phrase whole, and within one cell', () => {
		expect(found('"unix stream"')).toEqual(['unix stream']);
		expect(found('"stream unix"')).toEqual([]);
		expect(found('"stream 443"')).toEqual([]);
		// An unclosed quote runs to the end, as it is being typed.
		expect(found('"unix str')).toEqual(['unix stream']);
	});

	it('excludes with !, and takes a quoted ! as text', () => {
		expect(found('!nginx')).toEqual(['unix stream', '[::1]:22', 'lport:443', '/run/x.sock:']);
		expect(found('443 !nginx')).toEqual(['unix stream', 'lport:443']);
		expect(found('!"unix stream"')).toHaveLength(4);
		expect(found('"!nginx"')).toEqual([]);
		// `!` alone, and `-word` (a login shell is `-bash`), are text.
		expect(found('!')).toEqual([]);
		expect(found('-nginx')).toEqual([]);
	});

	it('scopes a word to a column: numbers exactly, text within the cell', () => {
		expect(found('number:443')).toEqual(['unix stream']);
		expect(found('NUMBER:443')).toEqual(['unix stream']);
		expect(found('name:443')).toEqual(['lport:443']);
		expect(found('recv-q:22')).toEqual(['[::1]:22']);
		expect(found('!number:443 name:n')).toEqual(['nginx', '/run/x.sock:']);
		expect(found('name:"unix stream"')).toEqual(['unix stream']);
	});

	it('reads colons that follow no known name as text: addresses, paths, unknown names', () => {
		expect(found('[::1]:22')).toEqual(['[::1]:22']);
		expect(found('::1')).toEqual(['[::1]:22']);
		expect(found('/run/x.sock:')).toEqual(['/run/x.sock:']);
		expect(found('lport:443')).toEqual(['lport:443']);
		expect(found('"number:443"')).toEqual([]);
	});

	it('says what is wrong, never throwing: a value the column does not take, a name close to a known one', () => {
		expect(found('number:abc')).toEqual([]);
		expect(hint('number:abc')).toBe("number: 'abc' is not a number");
		expect(hint('nuber:443')).toBe('nuber: is no column (number:?), read as text');
		expect(hint('nam:x')).toBe('nam: is no column (name:?), read as text');
		// Far from every name: plain text, nothing to say.
		expect(hint('pipe:[4471]')).toBeNull();
		expect(hint('number:443 name:x')).toBeNull();
	});

	it('takes hostile text as text', () => {
		for (const text of ['(', '[', '\\', '.*', '$^', '…', '"', '!"', '::', ':', 'a:b:c', '\u0000', '\u202E', '"""', 'number:-1', 'number:1e3', `${'x'.repeat(5000)}`]) {
			expect(() => found(text), text).not.toThrow();
		}

		expect(found('.*')).toEqual([]);
		expect(found('number:1e3')).toEqual([]);
	});
});
