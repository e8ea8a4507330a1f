/** The table's headings and STATE spelling hold across refreshes, as the widths do: the user test saw them flip. */
import {describe, expect, it, vi} from 'vitest';
import {createStaticServiceTable} from '../../source/services/index.js';
import {liveMounter, renderLiveView, ScriptedCollector, snapshotOf, socket} from './live-fixtures.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {keep} = liveMounter();

const services = createStaticServiceTable([]);
const start = Date.UTC(2026, 10, 27, 3, 30, 0);
const server = socket({proto: 'tcp4', inode: 2001, localAddress: '127.0.0.1', localPort: 8080, state: 'LISTEN', user: 'nobody', uid: 65_534, command: 'python3', pid: 27_572, fd: 3, netns: 'host'});
const client = socket({proto: 'tcp4', inode: 2003, localAddress: '127.0.0.1', localPort: 32_938, foreignAddress: '127.0.0.1', foreignPort: 8080, state: 'ESTABLISHED', user: 'nobody', uid: 65_534, command: 'curl', pid: 27_667, fd: 5, netns: 'host'});
// A namespace's socket that comes and goes: NETNS comes to the screen with it and takes the room of the whole headings.
const visitor = socket({proto: 'tcp4', inode: 2004, localAddress: '10.0.0.2', localPort: 41_000, foreignAddress: '10.0.0.1', foreignPort: 80, state: 'ESTABLISHED', user: 'nobody', uid: 65_534, command: 'curl', pid: 27_700, fd: 5, netns: 'stress-blue-25212'});

const heading = (frame: string) => frame.split('\n').find(line => line.startsWith('USER')) ?? '';

describe('LiveView: short headings and states are held 10 s', () => {
	it('keeps FOREIGN and ESTAB while a socket comes and goes, and spells them whole once it has been gone 10 s', async () => {
		const collector = new ScriptedCollector(snapshotOf([server, client], start));
		const current = keep(renderLiveView({collector, services, columns: 85, rows: 14}));
		const wide = heading(await current.waitFor(frame => frame.includes('curl')));
		expect(wide).toBe('USER   COMMAND▲   PID  FD PROTO  LOCAL ADDRESS   FOREIGN ADDRESS STATE       SERVICE');
		expect(current.frame()).toContain('ESTABLISHED');
		collector.push(snapshotOf([server, client, visitor], start + 2000));
		const narrow = heading(await current.waitFor(frame => frame.includes('blue-25212')));
		expect(narrow).toBe('USER   COMMAND▲   PID  FD NETNS          PROTO  LOCAL ADDRESS   FOREIGN        STATE');
		// Its row is drawn one refresh more, dimmed, as closed.
		collector.push(snapshotOf([server, client], start + 4000));
		await current.waitFor(frame => frame.includes('03:30:04'));
		for (const seconds of [6, 8, 11]) {
			collector.push(snapshotOf([server, client], start + seconds * 1000));
			// eslint-disable-next-line no-await-in-loop
			const frame = await current.waitFor(frame => frame.includes(`03:30:${String(seconds).padStart(2, '0')}`) && !frame.includes('blue-25212'));
			// Was 'FOREIGN ADDRESS' and 'ESTABLISHED' again at once, and 'FOREIGN' at the next visit.
			expect(heading(frame)).toBe('USER   COMMAND▲   PID  FD PROTO  LOCAL ADDRESS   FOREIGN        STATE  SERVICE');
			expect(frame).toMatch(/ ESTAB$/m);
			expect(frame).not.toContain('ESTABLISHED');
		}

		collector.push(snapshotOf([server, client], start + 12_000));
		const back = await current.waitFor(frame => frame.includes('03:30:12'));
		expect(heading(back)).toBe(wide);
		expect(back).toContain('ESTABLISHED');
	});
});
