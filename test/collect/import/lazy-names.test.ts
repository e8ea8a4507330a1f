import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it, onTestFinished, vi} from 'vitest';
import {importCollector} from '../../../source/collect/import/index.js';

/**
 * The services table (IANA's registry with it, ~40 ms) is loaded for a capture only when
 * some line names its ports (taken without -n): a numeric capture never needs it.
 */
const loads = vi.hoisted(() => ({count: 0}));
vi.mock('../../../source/services/names.js', async original => {
	const actual = await original<typeof import('../../../source/services/names.js')>();
	return {
		...actual,
		async loadPortNames(...args: Parameters<typeof actual.loadPortNames>) {
			loads.count++;
			return actual.loadPortNames(...args);
		},
	};
});

const fixture = (name: string) => new URL(`../../fixtures/ss/${name}`, import.meta.url).pathname;

describe('--import and port names', () => {
	it('reads a numeric capture without loading the services table', async () => {
		loads.count = 0;
		const snapshot = await (await importCollector({importFile: fixture('linux-iproute2-tunap.txt')})).snapshot();
		expect(snapshot.sockets.length).toBeGreaterThan(0);
		expect(snapshot.skipped.malformedLines).toBe(0);
		expect(loads.count).toBe(0);
	});

	it('does not load it for a numeric capture with a line it cannot read (cut short, garbage)', async () => {
		loads.count = 0;
		const directory = mkdtempSync(path.join(tmpdir(), 'socktop-lazy-'));
		onTestFinished(() => {
			rmSync(directory, {recursive: true, force: true});
		});
		const file = path.join(directory, 'capture.txt');
		writeFileSync(file, `${readFileSync(fixture('linux-iproute2-tunap.txt'), 'utf8')}tcp ESTAB 0 0 garbage\n`);
		const snapshot = await (await importCollector({importFile: file})).snapshot();
		expect(snapshot.skipped.malformedLines).toBe(1);
		expect(loads.count).toBe(0);
	});

	it('loads it for a capture whose lines name their ports, and reads them all', async () => {
		loads.count = 0;
		const file = fixture('linux-root-tulp-names.txt');
		const snapshot = await (await importCollector({importFile: file})).snapshot();
		expect(loads.count).toBe(1);
		expect(snapshot.skipped.malformedLines).toBe(0);
		// Every socket line of the capture (its header aside) is a row per holder, as sockstat lists them.
		const lines = readFileSync(file, 'utf8').split('\n').filter(line => /^(tcp|udp)\s/.test(line));
		const rows = lines.reduce((sum, line) => sum + Math.max(1, line.split('pid=').length - 1), 0);
		expect(snapshot.sockets).toHaveLength(rows);
		expect(snapshot.sockets.some(socket => socket.localPort === 53)).toBe(true);
	});
});
