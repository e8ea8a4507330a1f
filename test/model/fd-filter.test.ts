import {describe, expect, it} from 'vitest';
import {fdQuery, fdRowMatcher} from '../../source/model/fd-filter.js';
import {fdRow} from '../../source/model/pid-rows.js';
import type {FileDescriptor} from '../../source/model/process.js';
import {inetSocket} from '../components/pid-fixtures.js';

const fds: FileDescriptor[] = [
	{fd: 0, type: 'char', target: '/dev/null', socket: null},
	{fd: 5, type: 'pipe', target: 'pipe:[4471]', socket: null, peer: {command: 'python3', pid: 5055, fd: 3}},
	{fd: 38, type: 'socket', target: 'socket:[20531]', socket: inetSocket({localAddress: '127.0.0.1', localPort: 8080, foreignAddress: '127.0.0.1', foreignPort: 41_234, state: 'CLOSE_WAIT', fd: 38})},
	{fd: 138, type: 'file', target: '/var/log/app.log', socket: null},
];
const rows = fds.map(fd => fdRow(fd, 812));
const found = (text: string) => rows.filter(row => fdRowMatcher(text)!(row)).map(row => row.fd);

describe('fdRowMatcher', () => {
	it('passes every row for blank text', () => {
		expect(fdRowMatcher('  ')).toBeNull();
	});

	it('finds a row by any cell as the table writes it, in any case', () => {
		// An fd number among others holding it, as a port would.
		expect(found('38')).toEqual(['38', '138']);
		expect(found('PIPE')).toEqual(['5']);
		expect(found('python3[5055]')).toEqual(['5']);
		expect(found(':8080')).toEqual(['38']);
		expect(found('127.0.0.1:41234')).toEqual(['38']);
		expect(found('app.log')).toEqual(['138']);
	});

	it('finds a state by its other spellings, and a cut cell by its …, never across two cells', () => {
		expect(found('close-wait')).toEqual(['38']);
		expect(found('CLOSE-W')).toEqual(['38']);
		expect(found('/var/…/app.log')).toEqual(['138']);
		// 'file' is fd 138's TYPE and '/var' its TARGET: two cells, which a quoted phrase never spans.
		expect(found('"file /var"')).toEqual([]);
		expect(found('file /var')).toEqual(['138']);
	});
});

describe('fdRowMatcher with words and columns', () => {
	it('combines words, excludes with !, and scopes a word to a column by its --sort name', () => {
		expect(found('tcp4 close-wait')).toEqual(['38']);
		expect(found('!chr !file')).toEqual(['5', '38']);
		expect(found('fd:38')).toEqual(['38']);
		expect(found('fd:3')).toEqual([]);
		expect(found('type:pipe')).toEqual(['5']);
		expect(found('target::8080')).toEqual(['38']);
		expect(found('target::80')).toEqual([]);
		expect(found('foreign:python3')).toEqual(['5']);
		expect(found('state:close-w')).toEqual(['38']);
		expect(found('recv-q:0')).toEqual(['38']);
		expect(found('pipe:[4471]')).toEqual(['5']);
	});

	it('reads the mode after an FD number (3u) as the number, and says what a column does not take', () => {
		const withMode = fdRow({...fds[2]!, mode: 'u'}, 812);
		expect(withMode.fd).toBe('38u');
		expect(fdQuery('fd:38').test!(withMode)).toBe(true);
		expect(fdQuery('fd:x').hint).toBe("fd: 'x' is not a number");
		expect(fdQuery('targt:x').hint).toBe('targt: is no column (target:?), read as text');
	});
});
