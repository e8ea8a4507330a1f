/** LiveView while its services' load waits (a --services FIFO no one writes to yet): one line says so, gone once read. */
import {describe, expect, it} from 'vitest';
import type {ServiceTable} from '../../source/services/types.js';
import {KEYS, liveMounter, liveServices, renderLiveView, ScriptedCollector, snapshotOf, baseSockets} from './live-fixtures.js';
import {isLoaded} from './live-frames.js';

const {keep} = liveMounter();
const waiting = 'port names: /tmp/services.fifo is a FIFO: waiting for a writer (cat /etc/services > /tmp/services.fifo)';
const hints = /↑↓ move .* q quit/u;

/** The fixtures' services, whose load waits until `read()`, and which tells the line of its wait on `say()`. */
function waitingServices() {
	let tell: (line: string | null) => void = () => undefined;
	let finish: () => void = () => undefined;
	const loaded = new Promise<void>(resolve => {
		finish = resolve;
	});
	const services: ServiceTable = {
		load: async () => loaded,
		lookup: (port, protocol) => liveServices.lookup(port, protocol),
		watchWait(listener) {
			tell = listener;
			return () => undefined;
		},
	};
	return {
		services,
		say: () => tell(waiting),
		read() {
			tell(null);
			finish();
		},
	};
}

describe('LiveView: a services file that waits for its writer', () => {
	it('says so in the footer, as --import says it on stderr, until the file is read; the keys work meanwhile', async () => {
		const {services, say, read} = waitingServices();
		const view = keep(renderLiveView({collector: new ScriptedCollector(snapshotOf(baseSockets)), services, columns: 120}));
		await view.waitFor(isLoaded);
		say();
		let frame = await view.waitFor(frame => frame.includes(waiting));
		expect(frame).not.toMatch(hints);
		await view.press('?');
		frame = await view.waitFor(frame => frame.includes('socktop keys'));
		await view.press(KEYS.escape);
		await view.waitFor(frame => frame.includes(waiting));
		read();
		frame = await view.waitFor(frame => hints.test(frame));
		expect(frame).not.toContain('FIFO');
	});

	it('says so above a PID view too', async () => {
		const {services, say, read} = waitingServices();
		const view = keep(renderLiveView({collector: new ScriptedCollector(snapshotOf(baseSockets)), services, columns: 120, pidView: 1204}));
		say();
		await view.waitFor(frame => frame.includes(waiting));
		read();
		await view.waitFor(frame => !frame.includes('FIFO'));
	});
});
