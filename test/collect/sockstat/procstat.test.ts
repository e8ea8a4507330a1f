import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parseProcstatFiles} from '../../../source/collect/sockstat/procstat.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/sockstat/${name}`, import.meta.url), 'utf8');
const owner = {user: '_tor', uid: 256};

describe('parseProcstatFiles', () => {
	it('reads socket rows: TCP and UDP, wildcard peers as *', () => {
		const parsed = parseProcstatFiles(fixture('stem-procstat-f.txt'), owner);
		expect(parsed.malformedLines).toBe(0);
		expect(parsed.command).toBe('tor');
		expect(parsed.fds.map(fd => fd.fd)).toEqual([4, 5, 6, 7, 8, 14, 15, 16]);
		expect(parsed.fds.every(fd => fd.type === 'socket')).toBe(true);
		expect(parsed.fds[0]!.socket).toMatchObject({proto: 'tcp4', localAddress: '10.0.0.2', localPort: 9050, foreignAddress: '10.0.0.1', foreignPort: 22370, pid: 3561, fd: 4, user: '_tor', uid: 256, command: 'tor'});
		expect(parsed.fds[3]!.socket).toMatchObject({proto: 'udp4', localPort: 53, foreignAddress: '*', foreignPort: null, state: 'UNCONN'});
	});

	it('reads vnodes, cwd and the executable', () => {
		const parsed = parseProcstatFiles(fixture('procstat-f-bash.txt'), owner);
		expect(parsed).toMatchObject({command: 'bash', cwd: '/usr/home/detain', exe: '/usr/local/bin/bash', malformedLines: 0});
		expect(parsed.fds.map(fd => [fd.fd, fd.type, fd.target])).toEqual([
			[0, 'char', '/dev/pts/82'],
			[1, 'char', '/dev/pts/82'],
			[2, 'char', '/dev/pts/82'],
			[255, 'char', '/dev/pts/82'],
		]);
	});

	it('reads unix sockets, IPv6 addr.port, pipes and capability channels (rows from procstat_files.c formats)', () => {
		const parsed = parseProcstatFiles(
			'  PID COMM                FD T V FLAGS     REF  OFFSET PRO NAME\n' +
				'  572 syslogd              4 s - rw------- 2       0 UDD /var/run/log\n' +
				'  572 syslogd              6 s - rw------- 1       0 UDP ::.514 ::.0\n' +
				'  572 syslogd              8 s - rw------- 1       0 TCP fe80::1%lo0.22 fe80::2%lo0.50000\n' +
				'  572 syslogd              9 p - rw------- 1       0 -   -\n' +
				' 1204 sh                   3 M - rw-------  1       0 -   -\n',
			owner,
		);
		expect(parsed.malformedLines).toBe(0);
		expect(parsed.fds.map(fd => [fd.fd, fd.type, fd.socket?.proto ?? null, fd.socket?.path ?? null, fd.socket?.localAddress ?? null, fd.socket?.localPort ?? null, fd.socket?.foreignPort ?? null])).toEqual([
			[3, 'anon', null, null, null, null, null],
			[4, 'socket', 'dgram', '/var/run/log', null, null, null],
			[6, 'socket', 'udp6', null, '*', 514, null],
			[8, 'socket', 'tcp6', null, 'fe80::1%lo0', 22, 50000],
			[9, 'pipe', null, null, null, null, null],
		]);
	});

	it('counts lines it cannot read and never throws', () => {
		const parsed = parseProcstatFiles('procstat: kinfo_getfile(): Operation not permitted\n 12 x\n\u0000\u0000', owner);
		expect(parsed.fds).toEqual([]);
		expect(parsed.malformedLines).toBe(3);
	});
});
