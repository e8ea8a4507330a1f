/** LiveView and a unix listener's accept queue: each waiting connection is a row. */
import {describe, expect, it, vi} from 'vitest';
import {ScriptedCollector, dbus, snapshotOf, socket, liveMounter} from './live-fixtures.js';

vi.hoisted(() => {
	// The header's clock is local time: 03:30:02 UTC.
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

// Two connections waiting for dbus-daemon to accept(): embryos of the kernel's, inode 0, held by no one, alike in every field.
const embryo = socket({proto: 'stream', inode: 0, localAddress: null, foreignAddress: null, path: '/run/dbus/system_bus_socket', state: 'CONNECTING', user: 'messagebus', uid: 101});

describe('LiveView: connections waiting in a unix listener\'s accept queue', () => {
	it('shows one row for each, as --once does, on every refresh', async () => {
		const collector = new ScriptedCollector(snapshotOf([dbus, embryo, {...embryo}]));
		const {view} = mount({collector});
		await view.waitFor(frame => frame.includes('dbus-daemon'));
		const connecting = (frame: string) => frame.split('\n').filter(line => line.includes('CONNECTING')).length;
		expect(connecting(view.frame())).toBe(2);
		collector.push(snapshotOf([dbus, embryo, {...embryo}, {...embryo}], Date.UTC(2026, 10, 27, 3, 30, 2)));
		const next = await view.waitFor(frame => frame.includes('03:30:02'));
		expect(connecting(next)).toBe(3);
	});
});
