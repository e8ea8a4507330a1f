import {readFileSync} from 'node:fs';
import {describe, expect, it, vi} from 'vitest';
import type {ListedFile} from '../../../source/collect/lsof/endpoints.js';
import type {LsofFile} from '../../../source/collect/lsof/fields.js';
import {createLsofCollector} from '../../../source/collect/lsof/index.js';

/** Each file whose NAME splitEndpoints read: it is called once per numbered fd each time an output is read for a PID. */
const read = vi.hoisted(() => ({files: [] as unknown[]}));
vi.mock('../../../source/collect/lsof/endpoints.js', async importOriginal => {
	const original = await importOriginal<typeof import('../../../source/collect/lsof/endpoints.js')>();
	return {
		...original,
		splitEndpoints(file: LsofFile, listed: ListedFile) {
			read.files.push(file);
			return original.splitEndpoints(file, listed);
		},
	};
});

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/lsof/${name}`, import.meta.url), 'utf8');

describe('the lsof PID view with +E', () => {
	it('reads each fd of the output once where no loopback connection lacks its far end', async () => {
		const run = vi.fn(async () => ({stdout: fixture('linux-4.95-dgram-servers-pid-E-F0.txt'), stderr: '', code: 0}));
		const collector = createLsofCollector({platform: 'linux', readStartToken: async () => null, run});
		read.files = [];
		const detail = await collector.process(22_413);
		// One lsof: no -i selection was needed.
		expect(run).toHaveBeenCalledTimes(1);
		expect(detail.fds.length).toBeGreaterThan(0);
		// The numbered fds of the three processes in the output, each read once.
		expect(read.files).toHaveLength(20);
		expect(new Set(read.files).size).toBe(read.files.length);
	});
});
