import process from 'node:process';
import {describe, expect, it, onTestFinished, vi} from 'vitest';
import {route} from '../source/route.js';
import type {Options} from '../source/options.js';
import {loadIpProtocolTable} from '../source/services/ip-protocol-table.js';
import {createServiceTable, type LoadedServiceTable} from '../source/services/table.js';
import {testOptions} from './helpers/options.js';

if (process.platform !== 'linux') console.warn('route test of the tables a run loads skipped: Linux only');

const fixture = (name: string) => new URL(`fixtures/${name}`, import.meta.url).pathname;
// Ports as numbers, and as names (taken without -n): only the second needs the services table.
const numeric = fixture('ss/linux-iproute2-tunap.txt');
const named = fixture('netstat/linux-root-tulp-names.txt');
// Raw sockets whose IP protocols are named (ss -w0ap): only these need /etc/protocols.
const rawNamed = fixture('ss/linux-root-w0ap-names.txt');

/**
 * Route a one-shot run with its output dropped; resolves to the exit code, the services tables it made and its reads of
 * /etc/protocols. What each table was made with goes to `asked`.
 */
async function run(options: Options, asked: Array<Parameters<typeof createServiceTable>[0]> = []): Promise<{code: number; tables: LoadedServiceTable[]; protocolReads: number}> {
	const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
	onTestFinished(() => {
		write.mockRestore();
	});
	const tables: LoadedServiceTable[] = [];
	let protocolReads = 0;
	const code = await route(
		options,
		opts => {
			const table = createServiceTable(opts);
			tables.push(table);
			asked.push(opts);
			return table;
		},
		async () => {
			protocolReads++;
			return loadIpProtocolTable();
		},
	);
	return {code, tables, protocolReads};
}

describe('route: the services table', () => {
	it.skipIf(process.platform !== 'linux')('is not made (nor /etc/protocols read) for a plain --once or --json of this host, and once for its --pid', async () => {
		expect(await run(testOptions())).toEqual({code: 0, tables: [], protocolReads: 0});
		expect(await run(testOptions({json: true}))).toEqual({code: 0, tables: [], protocolReads: 0});
		const {code, tables} = await run(testOptions({pid: process.pid}));
		expect(code).toBe(0);
		expect(tables).toHaveLength(1);
	});

	it.skipIf(process.platform !== 'linux')('hands the services table stderr, where a --services FIFO\'s wait is told (services/table.test.ts), in a one-shot run', async () => {
		const asked: Array<Parameters<typeof createServiceTable>[0]> = [];
		expect((await run(testOptions({pid: process.pid}), asked)).code).toBe(0);
		expect(asked.map(opts => opts.stderr?.())).toEqual([process.stderr]);
	});

	it('is not made for a capture with numeric ports', async () => {
		expect(await run(testOptions({importFile: numeric, json: true}))).toEqual({code: 0, tables: [], protocolReads: 0});
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

describe('route: /etc/protocols', () => {
	// When a capture's names need it is the import collector's (lazy-names.test.ts); here, that route hands it the loader.
	it('is read once for a capture of raw sockets that name their IP protocol, without the services table', async () => {
		expect(await run(testOptions({importFile: rawNamed, json: true}))).toEqual({code: 0, tables: [], protocolReads: 1});
	});

	it('is not read for a capture that names services only', async () => {
		expect((await run(testOptions({importFile: named, json: true}))).protocolReads).toBe(0);
	});
});

