/** The PID view of a process with thousands of fds: each read and each key makes words only for what is on screen. */
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import type {FileDescriptor} from '../../source/model/process.js';
import type {ServiceTable} from '../../source/services/types.js';
import {detailOf, inetSocket, scriptedCollector, sshServices} from './pid-fixtures.js';
import {frameOf, loaded, press, view, waitFor} from './pid-frames.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

unmountAfterEach();

const FDS = 5000;

/** FDS listeners, a port each: every one's sentence asks the services table about its port. */
const listeners = (): FileDescriptor[] =>
	Array.from({length: FDS}, (_, index) => ({fd: 3 + index, type: 'socket', target: `socket:[${40_000 + index}]`, socket: inetSocket({localPort: 10_000 + index, fd: 3 + index, inode: 40_000 + index})}));

describe('PidView of a process with 5,000 fds', () => {
	it('explains the fds on screen and those its layout counts, not every fd, on each read and each key', async () => {
		let lookups = 0;
		const table: ServiceTable = {
			load: async () => sshServices.load(),
			lookup(port, protocol) {
				lookups++;
				return sshServices.lookup(port, protocol);
			},
		};
		// Two reads of the same fds, as two refreshes make (new objects each time).
		const collector = scriptedCollector([detailOf(listeners()), detailOf(listeners())]);
		const instance = view({collector, table, width: 100, height: 30, initialFd: 3});
		await loaded(instance);
		await waitFor(() => {
			expect(collector.calls).toBeGreaterThanOrEqual(2);
		});
		await press(instance, 'j', 'fd 4: sshd listens for TCP connections on port 10001');
		expect(frameOf(instance)).toContain('fd 5: sshd listens for TCP connections on port 10002');
		// Every fd explained once a read would be 10,000 lookups; the screen's 30 lines need a few dozen.
		expect(lookups).toBeLessThan(1000);
	});
});
