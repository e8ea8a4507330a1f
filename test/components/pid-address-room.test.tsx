/**
 * The PID view at 80 columns reads an IPv4 address and port whole: a session found
 * '192.168.…200:40000' in FOREIGN / PEER beside TYPE 'unix seqpacket' and fds of four digits.
 */
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import type {FileDescriptor} from '../../source/model/process.js';
import {detailOf, inetSocket, scriptedCollector} from './pid-fixtures.js';
import {frameOf, loaded, view} from './pid-frames.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

unmountAfterEach();

const socketFd = (fd: number, fields: Parameters<typeof inetSocket>[0], peer?: FileDescriptor['peer']): FileDescriptor => ({
	fd,
	mode: 'u',
	type: 'socket',
	target: `socket:[${40_000 + fd}]`,
	socket: inetSocket({fd, inode: 40_000 + fd, ...fields}),
	...(peer === undefined ? {} : {peer}),
});

/** A server holding 1,100 files, a unix seqpacket listener with a long path, and a connection to itself between two 15-character IPv4 hosts. */
const fds: readonly FileDescriptor[] = [
	{fd: 1104, mode: 'r', type: 'char', target: '/dev/null', socket: null},
	socketFd(1107, {proto: 'seqpacket', localAddress: null, localPort: null, path: '/run/app/a-rather-long-directory-name/service.sock', state: 'LISTEN'}),
	socketFd(1110, {localAddress: '192.168.200.200', localPort: 40_000}),
	socketFd(1111, {localAddress: '192.168.200.201', localPort: 54_321, foreignAddress: '192.168.200.200', foreignPort: 40_000, state: 'ESTABLISHED'}, {command: 'sshd', pid: 812, fd: 1112}),
	socketFd(1112, {localAddress: '192.168.200.200', localPort: 40_000, foreignAddress: '192.168.200.201', foreignPort: 54_321, state: 'ESTABLISHED'}, {command: 'sshd', pid: 812, fd: 1111}),
];

async function tableAt(width: number, rows: number): Promise<string[]> {
	const instance = view({collector: scriptedCollector([detailOf(fds)]), width, height: rows - 1, interval: 60, initialFd: null});
	await loaded(instance);
	const lines = frameOf(instance).split('\n');
	return lines.slice(lines.findIndex(line => line.startsWith('┌')), lines.findIndex(line => line.startsWith('└')) + 1);
}

describe('PidView\'s FD table at 80 columns', () => {
	it('spells unix seqpacket short so that both IPv4 ends read whole, and a path its end', async () => {
		// Was '│ 1111u │ unix seqpacket │ … │ 192.168.…200:40000 │ ESTAB  │' (TYPE 14, FOREIGN / PEER 18).
		expect(await tableAt(80, 24)).toMatchInlineSnapshot(`
			[
			  "┌───────┬─────────────┬───────────────────────┬───────────────────────┬────────┐",
			  "│   FD▲ │ TYPE        │ TARGET                │ FOREIGN / PEER        │ STATE  │",
			  "├───────┼─────────────┼───────────────────────┼───────────────────────┼────────┤",
			  "│ 1104r │ chr dev     │ /dev/null             │                       │        │",
			  "│ 1107u │ unix seqpac │ …ry-name/service.sock │                       │ LISTEN │",
			  "│ 1110u │ tcp4        │ 192.168.200.200:40000 │ *:*                   │ LISTEN │",
			  "│ 1111u │ tcp4        │ 192.168.200.201:54321 │ 192.168.200.200:40000 │ ESTAB  │",
			  "│ 1112u │ tcp4        │ 192.168.200.200:40000 │ 192.168.200.201:54321 │ ESTAB  │",
			  "└───────┴─────────────┴───────────────────────┴───────────────────────┴────────┘",
			]
		`);
	});

	it('keeps TYPE whole where there is room (100 columns), and drops it at 60, FOREIGN / PEER whole first', async () => {
		expect((await tableAt(100, 30))[4]).toContain('│ unix seqpacket │');
		expect(await tableAt(60, 20)).toMatchInlineSnapshot(`
			[
			  "┌───────┬─────────────────┬───────────────────────┬────────┐",
			  "│   FD▲ │ TARGET          │ FOREIGN / PEER        │ STATE  │",
			  "├───────┼─────────────────┼───────────────────────┼────────┤",
			  "│ 1104r │ /dev/null       │                       │        │",
			  "│ 1107u │ …e/service.sock │                       │ LISTEN │",
			  "│ 1110u │ 192.1…200:40000 │ *:*                   │ LISTEN │",
			  "│ 1111u │ 192.1…201:54321 │ 192.168.200.200:40000 │ ESTAB  │",
			  "│ 1112u │ 192.1…200:40000 │ 192.168.200.201:54321 │ ESTAB  │",
			  "└───────┴─────────────────┴───────────────────────┴────────┘",
			]
		`);
	});
});
