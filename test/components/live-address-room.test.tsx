/**
 * At 80 columns an IPv4 address and port reads whole: a user test found '192.1…200:52995' and
 * '172.16.…3:46459' beside a cut SERVICE ('postgre…'), FD and COMMAND; which host is connected is
 * what an on-call user looks for first, and ss and netstat never cut it.
 */
import {describe, expect, it, vi} from 'vitest';
import {createStaticServiceTable} from '../../source/services/index.js';
import type {Socket} from '../../source/model/types.js';
import {liveMounter, renderLiveView, ScriptedCollector, snapshotOf, socket, tick} from './live-fixtures.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {keep} = liveMounter();

const services = createStaticServiceTable([
	{name: 'postgresql', port: 5432, protocol: 'tcp', aliases: ['postgres'], comment: 'PostgreSQL Database', source: '/etc/services'},
	{name: 'ssh', port: 22, protocol: 'tcp', aliases: [], comment: 'The Secure Shell (SSH) Protocol', source: '/etc/services'},
]);

// A database host as a user who is not root sees it: postgres's connections known by their owner alone, and the user's own.
const database = (inode: number, foreignAddress: string, foreignPort: number, localAddress = '10.0.0.5') =>
	socket({proto: 'tcp4', inode, localAddress, localPort: 5432, foreignAddress, foreignPort, state: 'ESTABLISHED', user: 'root', uid: 0});
const sockets: readonly Socket[] = [
	database(1, '192.168.1.200', 52_995),
	database(2, '172.16.10.3', 46_459),
	database(3, '127.0.0.1', 41_000, '127.0.0.1'),
	socket({proto: 'tcp4', inode: 4, localAddress: '127.0.0.1', localPort: 41_000, foreignAddress: '127.0.0.1', foreignPort: 5432, state: 'ESTABLISHED', user: 'deploy', uid: 1000, command: 'gunicorn', pid: 23_001, fd: 17}),
	socket({proto: 'tcp4', inode: 5, localAddress: '10.0.0.5', localPort: 22, foreignAddress: '203.0.113.250', foreignPort: 61_022, state: 'ESTABLISHED', user: 'deploy', uid: 1000, command: 'sshd', pid: 23_100, fd: 4}),
];

/** The column header and the rows at 80x24, a few refreshes in: the services table has named the ports. */
async function tableAt80(rows: readonly Socket[]): Promise<string[]> {
	const current = keep(renderLiveView({collector: new ScriptedCollector(snapshotOf(rows)), services, columns: 80, rows: 24}));
	await current.waitFor(text => text.includes('gunicorn'));
	await tick(200);
	const lines = current.frame().split('\n');
	return lines.slice(lines.findIndex(line => line.startsWith('USER')), -1).filter(line => line.trim() !== '');
}

describe('LiveView at 80 columns: IPv4 addresses whole', () => {
	it('drops a SERVICE it would cut, and keeps FD, rather than cut an IPv4 address', async () => {
		// Was 'root   ?            ?   ? tcp4   10.0.0.5:5432   192.1…200:52995 ESTAB  postgre…'.
		expect(await tableAt80(sockets)).toMatchInlineSnapshot(`
			[
			  "USER   COMMAND▲   PID  FD PROTO  LOCAL ADDRESS   FOREIGN ADDRESS     STATE",
			  "deploy gunicorn 23001  17 tcp4   127.0.0.1:41000 127.0.0.1:5432      ESTABLISHED",
			  "deploy sshd     23100   4 tcp4   10.0.0.5:22     203.0.113.250:61022 ESTABLISHED",
			  "root   ?            ?   ? tcp4   10.0.0.5:5432   192.168.1.200:52995 ESTABLISHED",
			  "root   ?            ?   ? tcp4   10.0.0.5:5432   172.16.10.3:46459   ESTABLISHED",
			  "root   ?            ?   ? tcp4   127.0.0.1:5432  127.0.0.1:41000     ESTABLISHED",
			]
		`);
	});

	it('keeps an IPv6 address\'s port where it is cut, and gives NETNS\'s room to the IPv4 ones beside it', async () => {
		const v6 = socket({proto: 'tcp6', inode: 6, localAddress: '2001:db8::5', localPort: 5432, foreignAddress: '2001:db8:1234:5678::200', foreignPort: 52_995, state: 'ESTABLISHED', user: 'root', uid: 0});
		const blue = {...sockets[4]!, netns: 'blue'};
		expect(await tableAt80([...sockets.slice(0, 4), blue, v6])).toMatchInlineSnapshot(`
			[
			  "USER   COMMAND▲   PID  FD PROTO  LOCAL ADDRESS      FOREIGN ADDRESS       STATE",
			  "deploy gunicorn 23001  17 tcp4   127.0.0.1:41000    127.0.0.1:5432        ESTAB",
			  "deploy sshd     23100   4 tcp4   10.0.0.5:22        203.0.113.250:61022   ESTAB",
			  "root   ?            ?   ? tcp4   10.0.0.5:5432      192.168.1.200:52995   ESTAB",
			  "root   ?            ?   ? tcp4   10.0.0.5:5432      172.16.10.3:46459     ESTAB",
			  "root   ?            ?   ? tcp4   127.0.0.1:5432     127.0.0.1:41000       ESTAB",
			  "root   ?            ?   ? tcp6   [2001:db8::5]:5432 [2001:db8:…200]:52995 ESTAB",
			]
		`);
	});
});
