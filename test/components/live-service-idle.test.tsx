/** SERVICE gives way to the addresses where no row on screen has a service name: the user test's 80x24, one row in ~3,130 named. */
import {describe, expect, it, vi} from 'vitest';
import {createStaticServiceTable} from '../../source/services/index.js';
import {liveMounter, renderLiveView, ScriptedCollector, snapshotOf, socket} from './live-fixtures.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {keep} = liveMounter();

const services = createStaticServiceTable([
	{name: 'http-alt', port: 8080, protocol: 'tcp', aliases: [], comment: 'HTTP Alternate', source: '/etc/services'},
]);

// Loopback clients of a load generator, on ports no service has, and one web server sorted last.
const clients = Array.from({length: 20}, (_, index) =>
	socket({proto: 'tcp4', inode: 4000 + index, localAddress: '127.0.0.1', localPort: 48_600 + index, foreignAddress: '127.0.0.1', foreignPort: 18_080, state: 'ESTABLISHED', user: 'www-data', uid: 33, command: 'loadgen-worker', pid: 31_236, fd: 100 + index}),
);
const web = socket({proto: 'tcp4', inode: 5000, localAddress: '127.0.0.1', localPort: 8080, state: 'LISTEN', user: 'root', uid: 0, command: 'webserver', pid: 31_300, fd: 3});

const heading = (frame: string) => frame.split('\n').find(line => line.startsWith('USER')) ?? '';

describe('LiveView: SERVICE where no row on screen names a service', () => {
	it('gives way rather than cut both addresses, and comes back when a named row is on screen', async () => {
		const current = keep(renderLiveView({collector: new ScriptedCollector(snapshotOf([...clients, web])), services, columns: 80, rows: 12}));
		const frame = await current.waitFor(frame => frame.includes('loadgen'));
		// Was 'www-data loadgen… 31236 100 tcp4   127.0.0.1:48600 127.0…1:18080 ESTAB', SERVICE blank on every row drawn.
		expect(heading(frame)).toBe('USER     COMMAND▲         PID  FD PROTO  LOCAL ADDRESS   FOREIGN ADDRESS STATE');
		expect(frame).toContain('www-data loadgen-worker 31236 100 tcp4   127.0.0.1:48600 127.0.0.1:18080 ESTAB');
		// G (End): the web server's row, named, is on screen.
		await current.press('G');
		const last = await current.waitFor(frame => frame.includes('http-alt'));
		expect(heading(last)).toContain('SERVICE');
		// FD gives way instead, so the loadgen rows above keep '127.0.0.1:18080' whole (was '127.0…1:18080' beside 'http-alt').
		expect(last).toContain('root     webserver  31300 tcp4   127.0.0.1:8080  *:*             LISTEN http-alt');
		expect(last).toContain('www-data loadgen-w… 31236 tcp4   127.0.0.1:48619 127.0.0.1:18080 ESTAB');
	});
});
