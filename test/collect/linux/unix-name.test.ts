import {describe, expect, it} from 'vitest';
import {decodeUnixName, isSameUnixName} from '../../../source/collect/linux/unix-name.js';
import {parseUnixTable} from '../../../source/collect/linux/unix.js';
import type {RawSocket} from '../../../source/collect/linux/tables.js';

/** A name's bytes as the table reads them: latin1, one char per byte. */
const latin1 = (...parts: Array<string | number[]>) =>
	Buffer.concat(parts.map(part => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part)))).toString('latin1');

describe('decodeUnixName', () => {
	it('keeps ASCII and valid UTF-8 as their text', () => {
		expect(decodeUnixName(latin1('/run/app.sock'))).toBe('/run/app.sock');
		expect(decodeUnixName(latin1('/tmp/café 中文😀.sock'))).toBe('/tmp/café 中文😀.sock');
		// A real U+FFFD is valid UTF-8 (EF BF BD): itself, not an escape.
		expect(decodeUnixName(latin1('/tmp/real\uFFFD.sock'))).toBe('/tmp/real\uFFFD.sock');
	});

	it('writes each byte that is not UTF-8 as \\xNN, as lsof does, keeping the valid text around it', () => {
		expect(decodeUnixName(latin1('/tmp/bad', [0xff], '.sock'))).toBe('/tmp/bad\\xff.sock');
		expect(decodeUnixName(latin1('é', [0xe2, 0x82], '中'))).toBe('é\\xe2\\x82中');
		// Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 either.
		expect(decodeUnixName(latin1([0xc0, 0xaf]))).toBe('\\xc0\\xaf');
		expect(decodeUnixName(latin1([0xe0, 0x80, 0xaf]))).toBe('\\xe0\\x80\\xaf');
		expect(decodeUnixName(latin1([0xed, 0xa0, 0x80]))).toBe('\\xed\\xa0\\x80');
		expect(decodeUnixName(latin1([0xf4, 0x90, 0x80, 0x80]))).toBe('\\xf4\\x90\\x80\\x80');
		// A C1 control byte alone (an 8-bit CSI) is no UTF-8: its byte, not U+009B.
		expect(decodeUnixName(latin1([0x9b], '31m'))).toBe('\\x9b31m');
	});

	it('agrees with a strict decoder wherever that one accepts, on every 2-byte name', () => {
		const strict = new TextDecoder('utf-8', {fatal: true});
		for (let first = 0x80; first <= 0xff; first++) {
			for (let second = 0; second <= 0xff; second++) {
				const bytes = Buffer.of(first, second);
				let expected: string | null;
				try {
					expected = strict.decode(bytes);
				} catch {
					expected = null;
				}

				const name = decodeUnixName(bytes.toString('latin1'));
				if (expected !== null) expect(name).toBe(expected);
				else expect(name).toMatch(/\\x[89a-f][\da-f]/);
			}
		}
	});
});

describe('isSameUnixName', () => {
	it('tells ss\'s name (UTF-8 decoded with U+FFFD) to be the one decodeUnixName wrote', () => {
		const bytes = Buffer.concat([Buffer.from('/tmp/bad'), Buffer.of(0xff, 0xfe, 0xe2, 0x82), Buffer.from('é.sock')]);
		const name = decodeUnixName(bytes.toString('latin1'));
		expect(isSameUnixName(bytes.toString('utf8'), name)).toBe(true);
		expect(isSameUnixName('/tmp/bad\uFFFD.sock', decodeUnixName(latin1('/tmp/bad', [0xff], '.sock')))).toBe(true);
		expect(isSameUnixName('/tmp/other\uFFFD.sock', decodeUnixName(latin1('/tmp/bad', [0xff], '.sock')))).toBe(false);
		expect(isSameUnixName(undefined, '/tmp/a.sock')).toBe(false);
		expect(isSameUnixName('/tmp/a.sock', '/tmp/a.sock')).toBe(true);
	});
});

describe('parseUnixTable on a table read as latin1', () => {
	const header = 'Num       RefCount Protocol Flags    Type St Inode Path\n';
	const entry = (inode: number, name: string) => `0000000000000000: 00000002 00000000 00010000 0001 01 ${inode} ${name}\n`;

	it('decodes each name: UTF-8 as text, other bytes as \\xNN, a name split by a newline piece by piece', () => {
		const text = header + entry(1, latin1('/tmp/bad', [0xff], '.sock')) + entry(2, latin1('/tmp/café.sock')) + entry(3, latin1('/tmp/a', [0xfe])) + latin1('b', [0xfd], '\n') + entry(4, '/run/ok.sock');
		const sockets: RawSocket[] = [];
		expect(parseUnixTable(text, sockets)).toBe(0);
		expect(sockets.map(socket => socket.path)).toEqual(['/tmp/bad\\xff.sock', '/tmp/café.sock', '/tmp/a\\xfe\nb\\xfd', '/run/ok.sock']);
	});
});
