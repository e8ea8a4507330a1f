/** Packet sockets in the live table: their rows, the header's count, and Enter on one. */
import {describe, expect, it, vi} from 'vitest';
import {KEYS, ScriptedCollector, baseSockets, snapshotOf, socket, tick, liveMounter} from './live-fixtures.js';
import {isLoaded, selectedLine} from './live-frames.js';

vi.hoisted(() => {
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

// tcpdump on every interface, and lldpd's cooked socket on eth0 (as packet-rows.ts makes them).
const tcpdump = socket({proto: 'p_raw', inode: 2001, localAddress: '*', localPort: 3, state: 'UNCONN', command: 'tcpdump', pid: 700, fd: 3, rxQueue: 0});
const lldpd = socket({proto: 'p_dgr', inode: 2002, localAddress: 'eth0', localPort: 0x88_cc, state: 'UNCONN', user: '_lldpd', uid: 110, command: 'lldpd', pid: 701, fd: 7});
const collector = () => new ScriptedCollector(snapshotOf([...baseSockets, tcpdump, lldpd]));

describe('LiveView: packet sockets', () => {
	it('lists them as ss -0 names them, counted in the header', async () => {
		const {view} = mount({collector: collector(), columns: 100, rows: 20});
		const frame = await view.waitFor(frame => isLoaded(frame) && frame.includes('tcpdump'));
		const lines = frame.split('\n');
		expect(lines[1]).toMatch(/^Sockets 8 \(tcp 4, udp 1, unix 1, packet 2\)/);
		expect(lines.find(line => line.includes('tcpdump'))).toMatch(/^root +tcpdump +700 +3 +p_raw +\*:all +\* +UNCONN/);
		expect(lines.find(line => line.includes('lldpd'))).toMatch(/^_lldpd +lldpd +701 +7 +p_dgr +eth0:lldp +\* +UNCONN/);
	});

	it('Enter on one opens its process\'s PID view, as on any row', async () => {
		const {view} = mount({collector: collector(), isColor: true});
		await view.waitFor(isLoaded);
		for (let step = 0; step < 10 && !selectedLine(view.rawFrame()).includes('tcpdump'); step++) await view.press(KEYS.down);
		expect(selectedLine(view.rawFrame())).toContain('tcpdump');
		await view.press(KEYS.enter);
		await view.waitFor(frame => frame.includes('PID 700'));
		await tick(50);
	});
});
