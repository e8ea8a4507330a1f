import process from 'node:process';
import {describe, expect, it, onTestFinished, vi} from 'vitest';
import {route} from '../source/route.js';
import type {Options} from '../source/options.js';
import {createServiceTable, type LoadedServiceTable} from '../source/services/table.js';
import {testOptions} from './helpers/options.js';

const fixture = (name: string) => new URL(`fixtures/${name}`, import.meta.url).pathname;
// Ports as numbers, and as names (taken without -n): only the second needs the services table.
const numeric = fixture('ss/linux-iproute2-tunap.txt');
const named = fixture('netstat/linux-root-tulp-names.txt');

/** Route a one-shot run with its output dropped; resolves to the exit code and the services tables it made. */
async function run(options: Options): Promise<{code: number; tables: LoadedServiceTable[]}> {
	const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
	onTestFinished(() => {
		write.mockRestore();
	});
	const tables: LoadedServiceTable[] = [];
	const code = await route(options, opts => {
		const table = createServiceTable(opts);
		tables.push(table);
		return table;
	});
	return {code, tables};
}

describe('route: the services table', () => {
	it.skipIf(process.platform !== 'linux')('is not made for a plain --once or --json of this host, and once for its --pid', async () => {
		expect(await run(testOptions())).toEqual({code: 0, tables: []});
		expect(await run(testOptions({json: true}))).toEqual({code: 0, tables: []});
		const {code, tables} = await run(testOptions({pid: process.pid}));
		expect(code).toBe(0);
		expect(tables).toHaveLength(1);
	});

	it('is not made for a capture with numeric ports', async () => {
		expect(await run(testOptions({importFile: numeric, json: true}))).toEqual({code: 0, tables: []});
	});

	it('is made once for a capture whose lines name their ports, and serves its --pid too', async () => {
		const {tables} = await run(testOptions({importFile: named, json: true}));
		expect(tables).toHaveLength(1);
		expect(tables[0]!.info().isLoaded).toBe(true);
		const withPid = await run(testOptions({importFile: named, pid: 10_420}));
		expect(withPid.code).toBe(0);
		expect(withPid.tables).toHaveLength(1);
	});
});
