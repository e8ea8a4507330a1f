import {describe, expect, it} from 'vitest';
import {dropForgedUnix} from '../../../source/collect/linux/forged.js';
import {parseSsUnix} from '../../../source/collect/linux/ss-unix.js';
import type {RawSocket} from '../../../source/collect/linux/tables.js';
import {parseUnixTable} from '../../../source/collect/linux/unix.js';

/**
 * A listener bound at "/tmp/uqnQviUr/a<newline>b<CR>c<tab>d.s" (test/helpers/hostile.py's newline
 * variant): ss cuts its line in two, neither of which reads as a line (captured here, kernel 6.18,
 * iproute2-6.1.0, on 2026-11-28). Right after a name ss did not confirm (a socket bound since ss
 * answered: /proc's hash order put one there in 1 of 4 e2e runs), it was dropped as a forgery.
 */
const header = 'Num       RefCount Protocol Flags    Type St Inode Path';
const opened = '000000001a2b3c4d: 00000002 00000000 00010000 0002 01 37414700 /tmp/churn/c7';
const listener = ['000000009c33b977: 00000002 00000000 00010000 0001 01 37414630 /tmp/uqnQviUr/a', 'b\rc\td.s'];
const ss = ['u_str LISTEN 0      8                /tmp/uqnQviUr/a', 'b\rc\td.s 37414630 * 0       '];

const inodesKept = (proc: readonly string[], answer: readonly string[]) => {
	const sockets: RawSocket[] = [];
	parseUnixTable([header, ...proc].join('\n'), sockets);
	dropForgedUnix(sockets, parseSsUnix(answer.join('\n')));
	return sockets.map(socket => socket.inode);
};

describe('dropForgedUnix and a name whose newline cuts its ss line into pieces neither of which reads', () => {
	it('keeps the socket, listed by ss on those pieces, after a name ss did not confirm', () => {
		expect(parseSsUnix(ss.join('\n')).splitNames.get(37_414_630)).toBe('/tmp/uqnQviUr/a\nb\rc\td.s');
		expect(inodesKept([opened, ...listener], ss)).toEqual([37_414_700, 37_414_630]);
	});

	it('still drops an entry a name forged whose inode its pieces end with, under another name', () => {
		// Bound at "@x\n<an entry of /proc: 12345 /y>\nfoo 12345 * 0\n": ss's pieces join into a line of 12345.
		const forged = '0000000000000000: 00000002 00000000 00010000 0001 01 12345 /y';
		const proc = ['0000000011112222: 00000002 00000000 00000000 0001 01 37414800 @x', forged, 'foo 12345 * 0', ''];
		const answer = ['u_str UNCONN 0      0                @x', forged, 'foo 12345 * 0', '                 37414800 * 0'];
		expect(parseSsUnix(answer.join('\n')).splitNames.get(12_345)).toBe(`@x\n${forged}\nfoo`);
		expect(inodesKept(proc, answer)).toEqual([37_414_800]);
	});
});
