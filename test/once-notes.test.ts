import {Writable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {printProcess, printSnapshot, type OneShotIo} from '../source/once.js';
import type {Collector} from '../source/collect/collector.js';
import type {FileDescriptor} from '../source/model/process.js';
import {createStaticServiceTable} from '../source/services/table.js';
import {detailOf, inetSocket} from './components/pid-fixtures.js';
import {capture, fakeCollector} from './helpers/once-io.js';
import {testOptions} from './helpers/options.js';

describe('one-shot text in a locale that is not UTF-8', () => {
	const peerFd: FileDescriptor = {
		fd: 6,
		type: 'socket',
		target: 'socket:[20601]',
		socket: inetSocket({localAddress: '127.0.0.1', localPort: 41_000, foreignAddress: '127.0.0.1', foreignPort: 22, state: 'ESTABLISHED', fd: 6, inode: 20_601}),
		peer: {command: 'sshd', pid: 999, fd: 4},
	};
	const loopback: FileDescriptor = {fd: 7, type: 'socket', target: 'socket:[20602]', socket: inetSocket({localAddress: '127.0.0.1', localPort: 8080, fd: 7, inode: 20_602})};
	const withProcess: Collector = {...fakeCollector, process: async () => detailOf([peerFd, loopback])};
	const services = createStaticServiceTable([]);

	it('draws the PID view\'s glyphs in ASCII, as the live view does, and leaves --json in UTF-8', async () => {
		const ascii = {...capture(false), isAsciiLocale: true};
		const utf8 = capture(false);
		await printProcess(testOptions(), withProcess, 812, ascii, services);
		await printProcess(testOptions(), withProcess, 812, utf8, services);
		expect(utf8.out()).toContain('127.0.0.1:22 → sshd[999] fd 4');
		expect(ascii.out()).toContain('127.0.0.1:22 > sshd[999] fd 4');
		expect(ascii.out()).toMatch(/^[\u0000-\u007F]*$/u);
		// A name in UTF-8: '?' a column on a terminal, as ls writes it; its bytes to a pipe.
		const named = (isTty: boolean) => ({...capture(isTty), isAsciiLocale: true});
		const cafe: Collector = {...fakeCollector, process: async () => detailOf([{...peerFd, peer: {command: 'caf\u00E9', pid: 999, fd: 4}}])};
		const [terminal, pipe] = [named(true), named(false)];
		await printProcess(testOptions(), cafe, 812, terminal, services);
		await printProcess(testOptions(), cafe, 812, pipe, services);
		expect(terminal.out()).toContain('127.0.0.1:22 > caf?[999] fd 4');
		expect(pipe.out()).toContain('127.0.0.1:22 > caf\u00E9[999] fd 4');
		const json = {...capture(false), isAsciiLocale: true};
		await printProcess(testOptions({json: true}), withProcess, 812, json, services);
		expect(utf8.out()).toContain('127.0.0.1 — not reachable from other machines');
		expect(json.out()).toContain('127.0.0.1 — not reachable from other machines');
	});

	it('-q leaves out the fd table\'s heading, as it does the socket table\'s; the process lines and the rows stay', async () => {
		const [full, quiet] = [capture(false), capture(false)];
		await printProcess(testOptions(), withProcess, 812, full, services);
		await printProcess(testOptions({quiet: true}), withProcess, 812, quiet, services);
		const heading = full.out().split('\n').find(line => /^\s*FD\s+TYPE\s/.test(line));
		expect(heading).toBeDefined();
		expect(quiet.out().split('\n')).toEqual(full.out().split('\n').filter(line => line !== heading));
	});

	it('writes the notes on stderr in ASCII too', async () => {
		const ascii = {...capture(true), isAsciiLocale: true};
		await printSnapshot(testOptions(), fakeCollector, ascii);
		expect(ascii.err()).toContain('7 processes could not be read - run as root');
	});
});

describe('printSnapshot notes', () => {
	const ordered = (isStdoutTty: boolean) => {
		const log: string[] = [];
		const into = (name: string) =>
			new Writable({
				write(chunk: Buffer, _encoding, done) {
					log.push(`${name}:${chunk.toString().slice(0, 20)}`);
					done();
				},
			});
		const io: OneShotIo = {stdout: into('out'), stderr: into('err'), isStdoutTty, isStderrTty: true, isRoot: false};
		return {io, log};
	};

	it('come after the table on a terminal, and before it when stdout is piped (a pager would draw over them)', async () => {
		const terminal = ordered(true);
		const piped = ordered(false);
		await printSnapshot(testOptions(), fakeCollector, terminal.io);
		await printSnapshot(testOptions(), fakeCollector, piped.io);
		expect(terminal.log.map(entry => entry.slice(0, 3))).toEqual(['out', 'err']);
		expect(piped.log.map(entry => entry.slice(0, 3))).toEqual(['err', 'out']);
		expect(piped.log[0]).toBe('err:socktop: 7 processes');
	});
});
