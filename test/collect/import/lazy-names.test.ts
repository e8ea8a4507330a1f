import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it, onTestFinished, vi} from 'vitest';
import {importCollector} from '../../../source/collect/import/index.js';
import {createServiceTable} from '../../../source/services/table.js';

/**
 * The services table (IANA's registry with it, ~40 ms) is loaded for a capture only when
 * some line names its ports (taken without -n): a numeric capture never needs it. When one
 * does, it is the table the views explain ports with, loaded once for both.
 */
function spiedTable() {
	const services = createServiceTable({file: null});
	const load = vi.spyOn(services, 'load');
	return {services, load};
}

const fixture = (name: string) => new URL(`../../fixtures/ss/${name}`, import.meta.url).pathname;

describe('--import and port names', () => {
	it('reads a numeric capture without loading the services table', async () => {
		const {services, load} = spiedTable();
		const snapshot = await (await importCollector({importFile: fixture('linux-iproute2-tunap.txt'), services})).snapshot();
		expect(snapshot.sockets.length).toBeGreaterThan(0);
		expect(snapshot.skipped.malformedLines).toBe(0);
		expect(load).not.toHaveBeenCalled();
		expect(services.info().isLoaded).toBe(false);
	});

	it('does not load it for a numeric capture with a line it cannot read (cut short, garbage)', async () => {
		const {services, load} = spiedTable();
		const directory = mkdtempSync(path.join(tmpdir(), 'socktop-lazy-'));
		onTestFinished(() => {
			rmSync(directory, {recursive: true, force: true});
		});
		const file = path.join(directory, 'capture.txt');
		writeFileSync(file, `${readFileSync(fixture('linux-iproute2-tunap.txt'), 'utf8')}tcp ESTAB 0 0 garbage\n`);
		const snapshot = await (await importCollector({importFile: file, services})).snapshot();
		expect(snapshot.skipped.malformedLines).toBe(1);
		expect(load).not.toHaveBeenCalled();
	});

	it('loads the table it is given for a capture whose lines name their ports, once, and reads them all', async () => {
		const {services, load} = spiedTable();
		const file = fixture('linux-root-tulp-names.txt');
		const snapshot = await (await importCollector({importFile: file, services})).snapshot();
		expect(snapshot.skipped.malformedLines).toBe(0);
		// Every socket line of the capture (its header aside) is a row per holder, as sockstat lists them.
		const lines = readFileSync(file, 'utf8').split('\n').filter(line => /^(tcp|udp)\s/.test(line));
		const rows = lines.reduce((sum, line) => sum + Math.max(1, line.split('pid=').length - 1), 0);
		expect(snapshot.sockets).toHaveLength(rows);
		expect(snapshot.sockets.some(socket => socket.localPort === 53)).toBe(true);
		// The views then explain ports from that same load: loaded already, nothing read again.
		expect(load).toHaveBeenCalledTimes(1);
		expect(services.info()).toMatchObject({isLoaded: true, hasIana: true});
		expect(services.load()).toBe(load.mock.results[0]?.value);
	});
});
