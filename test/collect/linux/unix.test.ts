import {describe, expect, it} from 'vitest';
import type {RawSocket} from '../../../source/collect/linux/tables.js';
import {parseUnixTable} from '../../../source/collect/linux/unix.js';
import {expected, fixture} from './fixtures.js';

function parse(text: string) {
	const sockets: RawSocket[] = [];
	const malformed = parseUnixTable(text, sockets);
	return {sockets, malformed};
}

const captured = parse(fixture('unix.txt')).sockets;
const tmp = (JSON.parse(fixture('expected.json')) as {tmp: string}).tmp;
const byKind = (kind: string) =>
	expected()
		.filter(each => each.kind === kind)
		.map(each => captured.find(socket => socket.inode === each.inode));

describe('parseUnixTable on the captured table', () => {
	it('parses every line', () => {
		const {sockets, malformed} = parse(fixture('unix.txt'));
		expect(malformed).toBe(0);
		expect(sockets).toHaveLength(fixture('unix.txt').trimEnd().split('\n').length - 1);
		for (const socket of sockets) {
			expect(socket).toMatchObject({localAddress: null, localPort: null, foreignAddress: null, foreignPort: null, uid: null});
		}
	});

	it('shows listeners as LISTEN with their path, spaces kept', () => {
		expect(byKind('unix-listen')).toEqual([
			expect.objectContaining({proto: 'stream', state: 'LISTEN', path: `${tmp}/with space.sock`}),
		]);
	});

	it("shows abstract names with the kernel's '@' for the leading and inner NUL bytes", () => {
		expect(byKind('unix-abstract-listen')[0]).toMatchObject({proto: 'stream', state: 'LISTEN', path: '@socktop-abstract'});
		expect(byKind('unix-seqpacket-listen')[0]).toMatchObject({proto: 'seqpacket', state: 'LISTEN', path: '@socktop@nul'});
	});

	it('shows connected ends as ESTABLISHED; an accepted end carries the listener path, a client none', () => {
		expect(byKind('unix-accepted')[0]).toMatchObject({state: 'ESTABLISHED', path: `${tmp}/with space.sock`});
		expect(byKind('unix-client')[0]).toMatchObject({state: 'ESTABLISHED', path: null});
		expect(byKind('unix-embryo-client')[0]).toMatchObject({state: 'ESTABLISHED', path: null});
		expect(byKind('unix-pair')).toEqual([
			expect.objectContaining({proto: 'stream', state: 'ESTABLISHED', path: null}),
			expect.objectContaining({proto: 'stream', state: 'ESTABLISHED', path: null}),
		]);
		expect(byKind('unix-seqpacket-pair').map(socket => socket?.proto)).toEqual(['seqpacket', 'seqpacket']);
	});

	it('types datagram sockets as dgram', () => {
		expect(byKind('unix-dgram')[0]).toMatchObject({proto: 'dgram', path: `${tmp}/dgram.sock`});
		expect(byKind('unix-dgram-connected')[0]).toMatchObject({proto: 'dgram', path: null});
	});
});

describe('parseUnixTable states and damage', () => {
	const line = (flags: string, type: string, state: string, rest = ' 4242') =>
		`0000000000000000: 00000002 00000000 ${flags} ${type} ${state}${rest}`;

	it('maps the socket states ss shows', () => {
		const {sockets} = parse(
			[
				line('00000000', '0001', '01'),
				line('00000000', '0001', '02'),
				line('00000000', '0001', '03'),
				line('00000000', '0001', '04'),
				line('00010000', '0005', '01'),
			].join('\n'),
		);
		expect(sockets.map(socket => socket.state)).toEqual(['UNCONN', 'CONNECTING', 'ESTABLISHED', 'DISCONNECTING', 'LISTEN']);
	});

	it('keeps a path that starts with a space (exactly one separator after the inode)', () => {
		expect(parse(line('00000000', '0002', '01', ' 4242  lead')).sockets[0]?.path).toBe(' lead');
	});

	it('counts truncated, garbage and unknown-type lines as malformed', () => {
		const [, unnamed, , , withPath] = fixture('unix.txt').split('\n');
		const {sockets, malformed} = parse(
			[
				'Num       RefCount Protocol Flags    Type St Inode Path',
				unnamed,
				withPath!.slice(0, 30),
				'garbage line',
				line('00000000', '0003', '01'),
				line('00000000', '0001', '09'),
				line('0000000G', '0001', '01'),
				unnamed,
			].join('\n'),
		);
		expect(sockets.map(socket => socket.path)).toEqual([null, null]);
		expect(malformed).toBe(5);
	});

	it('joins the tail of a path that contains a newline back onto its entry', () => {
		const {sockets, malformed} = parse([line('00000000', '0001', '01', ' 77 /tmp/new'), 'line.sock', line('00000000', '0001', '01')].join('\n'));
		expect(sockets.map(socket => socket.path)).toEqual(['/tmp/new\nline.sock', null]);
		expect(malformed).toBe(0);
	});
});
