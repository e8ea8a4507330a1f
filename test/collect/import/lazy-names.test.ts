import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it, onTestFinished, vi} from 'vitest';
import {importCollector} from '../../../source/collect/import/index.js';
import {droppedLinesNote} from '../../../source/format/dropped.js';
import {loadIpProtocolTable} from '../../../source/services/ip-protocol-table.js';
import {createServiceTable} from '../../../source/services/table.js';

/**
 * The services table (IANA's registry with it, ~40 ms) is loaded for a capture only when
 * some line names its ports (taken without -n): a numeric capture never needs it. When one
 * does, it is the table the views explain ports with, loaded once for both. /etc/protocols
 * is read only for a raw socket whose IP protocol a line names (`0.0.0.0:icmp`).
 */
function spiedTable(protocolsFile?: string, services = createServiceTable({file: null})) {
	const load = vi.spyOn(services, 'load');
	const ipProtocols = vi.fn(async () => loadIpProtocolTable(protocolsFile));
	return {services, load, ipProtocols};
}

const fixture = (name: string) => new URL(`../../fixtures/ss/${name}`, import.meta.url).pathname;
const protocolsFixture = (name: string) => new URL(`../../fixtures/protocols/${name}`, import.meta.url).pathname;
const servicesFixture = (name: string) => new URL(`../../fixtures/services/${name}`, import.meta.url).pathname;
// Debian's /etc/services names webmin (10000/tcp); FreeBSD's names ssh and http too, but not webmin, nor does IANA's registry.
const debianServices = () => createServiceTable({file: servicesFixture('debian-services')});
const freebsdServices = () => createServiceTable({file: servicesFixture('freebsd-services')});

describe('--import and port names', () => {
	it('reads a numeric capture without loading the services table', async () => {
		const {services, load, ipProtocols} = spiedTable();
		const snapshot = await (await importCollector({importFile: fixture('linux-iproute2-tunap.txt'), services, ipProtocols})).snapshot();
		expect(snapshot.sockets.length).toBeGreaterThan(0);
		expect(snapshot.skipped.malformedLines).toBe(0);
		expect(load).not.toHaveBeenCalled();
		expect(services.info().isLoaded).toBe(false);
		expect(ipProtocols).not.toHaveBeenCalled();
	});

	it('does not load it for a numeric capture with a line it cannot read (cut short, garbage)', async () => {
		const {services, load, ipProtocols} = spiedTable();
		const directory = mkdtempSync(path.join(tmpdir(), 'socktop-lazy-'));
		onTestFinished(() => {
			rmSync(directory, {recursive: true, force: true});
		});
		const file = path.join(directory, 'capture.txt');
		writeFileSync(file, `${readFileSync(fixture('linux-iproute2-tunap.txt'), 'utf8')}tcp ESTAB 0 0 garbage\n`);
		const snapshot = await (await importCollector({importFile: file, services, ipProtocols})).snapshot();
		expect(snapshot.skipped.malformedLines).toBe(1);
		expect(load).not.toHaveBeenCalled();
		expect(ipProtocols).not.toHaveBeenCalled();
	});

	it('loads the table it is given for a capture whose lines name their ports, once, and reads them all', async () => {
		const {services, load, ipProtocols} = spiedTable();
		const file = fixture('linux-root-tulp-names.txt');
		const snapshot = await (await importCollector({importFile: file, services, ipProtocols})).snapshot();
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
		// Every port names a TCP or UDP service: no raw socket, so no protocols file.
		expect(ipProtocols).not.toHaveBeenCalled();
	});

	it('reads /etc/protocols, and not the services table, for raw sockets that name their IP protocol', async () => {
		const {services, load, ipProtocols} = spiedTable(protocolsFixture('debian-protocols'));
		const snapshot = await (await importCollector({importFile: fixture('linux-root-w0ap-names.txt'), services, ipProtocols})).snapshot();
		expect(snapshot.skipped).toMatchObject({malformedLines: 0, unreadableTables: []});
		expect(snapshot.sockets.map(socket => [socket.proto, socket.localPort])).toEqual([['raw4', 1], ['raw4', 255], ['raw4', 253], ['raw4', 17], ['raw6', 58], ['raw6', 89]]);
		expect(ipProtocols).toHaveBeenCalledTimes(1);
		expect(load).not.toHaveBeenCalled();
	});

	it('without a protocols file (a slim container), counts the named raw rows as unread and says why; ipproto-N still reads', async () => {
		const missing = protocolsFixture('no-such-protocols');
		const {services, ipProtocols} = spiedTable(missing);
		const file = fixture('linux-root-wap-names.txt');
		const snapshot = await (await importCollector({importFile: file, services, ipProtocols})).snapshot();
		// No Netid column: ipproto-255 and ipproto-253 alone still say these are raw sockets.
		expect(snapshot.sockets.map(socket => [socket.proto, socket.localPort])).toEqual([['raw4', 255], ['raw4', 253]]);
		expect(snapshot.skipped.malformedLines).toBe(4);
		expect(snapshot.skipped.unreadableTables).toEqual([`${missing}: no such file: raw sockets' IP protocols printed by name (0.0.0.0:icmp) cannot be read`]);
		expect(droppedLinesNote(snapshot)).toMatch(/^4 lines of .*linux-root-wap-names\.txt could not be read \(e\.g\. 'UNCONN 0 0 0\.0\.0\.0:icmp 0\.0\.0\.0:\* /);
	});

	it('without a protocols file, a capture of named raw rows alone is refused with the reason', async () => {
		const missing = protocolsFixture('no-such-protocols');
		const {services, ipProtocols} = spiedTable(missing);
		const directory = mkdtempSync(path.join(tmpdir(), 'socktop-lazy-'));
		onTestFinished(() => {
			rmSync(directory, {recursive: true, force: true});
		});
		const file = path.join(directory, 'icmp.txt');
		writeFileSync(file, readFileSync(fixture('linux-root-w0ap-names.txt'), 'utf8').split('\n').filter(line => !line.includes('ipproto')).join('\n'));
		await expect(importCollector({importFile: file, services, ipProtocols})).rejects.toThrow(
			`cannot read ${file}: it looks like ss -tunap output, but none of its 4 lines is a socket socktop understands (use -n -P / -n for numeric output); ${missing}: no such file: raw sockets' IP protocols printed by name (0.0.0.0:icmp) cannot be read`,
		);
	});

	// `ss -t` alone prints no Netid column, as `ss -w` alone does: its names must not be taken for IP protocols'.
	it('reads a TCP capture without a Netid column (ss -tlp) with the services table alone', async () => {
		const {services, load, ipProtocols} = spiedTable(undefined, debianServices());
		const snapshot = await (await importCollector({importFile: fixture('linux-root-tlp-names.txt'), services, ipProtocols})).snapshot();
		expect(snapshot.skipped).toMatchObject({malformedLines: 0, unreadableTables: []});
		expect(snapshot.sockets.map(socket => [socket.proto, socket.localPort])).toEqual([['tcp4', 18080], ['tcp4', 22], ['tcp4', 10000], ['tcp6', 80]]);
		expect(load).toHaveBeenCalledTimes(1);
		expect(ipProtocols).not.toHaveBeenCalled();
	});

	it('reads connected TCP rows without a Netid column (ss -tp, which a raw socket could look like) without /etc/protocols', async () => {
		const {services, ipProtocols} = spiedTable(undefined, debianServices());
		const snapshot = await (await importCollector({importFile: fixture('linux-root-tp-names.txt'), services, ipProtocols})).snapshot();
		expect(snapshot.skipped.malformedLines).toBe(0);
		expect(snapshot.sockets.map(socket => [socket.proto, socket.localPort, socket.foreignPort])).toEqual([['tcp4', 22, 49748], ['tcp4', 10000, 48370], ['tcp4', 48370, 10000], ['tcp4', 49748, 22]]);
		expect(ipProtocols).not.toHaveBeenCalled();
	});

	it('asks /etc/protocols about a connected row\'s name only once the services table does not know it', async () => {
		const {services, ipProtocols} = spiedTable(protocolsFixture('debian-protocols'), freebsdServices());
		const snapshot = await (await importCollector({importFile: fixture('linux-root-tp-names.txt'), services, ipProtocols})).snapshot();
		// webmin is no IP protocol either: its two rows are TCP rows not read.
		expect(snapshot.sockets.map(socket => [socket.proto, socket.localPort, socket.foreignPort])).toEqual([['tcp4', 22, 49748], ['tcp4', 49748, 22]]);
		expect(snapshot.skipped).toMatchObject({malformedLines: 2, unreadableTables: []});
		expect(ipProtocols).toHaveBeenCalledTimes(1);
	});

	it('without a protocols file, a listener whose service is not known is a line not read, with no word of raw sockets', async () => {
		const missing = protocolsFixture('no-such-protocols');
		const {services, ipProtocols} = spiedTable(missing, freebsdServices());
		const file = fixture('linux-root-tl-names.txt');
		const snapshot = await (await importCollector({importFile: file, services, ipProtocols})).snapshot();
		expect(snapshot.sockets.map(socket => [socket.proto, socket.localPort])).toEqual([['tcp4', 18080], ['tcp4', 22], ['tcp6', 80]]);
		// A LISTEN row is never a raw socket: /etc/protocols could not have read it, so it is not blamed.
		expect(snapshot.skipped).toMatchObject({malformedLines: 1, malformedExample: expect.stringContaining('127.0.0.1:webmin'), unreadableTables: []});
		expect(ipProtocols).not.toHaveBeenCalled();
	});

	it('without a services file, reads IANA\'s http as 80 and leaves a name of several ports (http-alt) unread, saying why', async () => {
		const services = createServiceTable({file: null, defaultFile: servicesFixture('no-such-services')});
		const {ipProtocols} = spiedTable(undefined, services);
		const snapshot = await (await importCollector({importFile: fixture('uat-ss-names-synth.txt'), services, ipProtocols})).snapshot();
		expect(snapshot.sockets.map(socket => [socket.command, socket.localPort])).toEqual([['nginx', 80], ['nginx', 443], ['avahi', 5353], ['postgres', 5432]]);
		expect(snapshot.skipped).toMatchObject({
			malformedLines: 1,
			malformedExample: expect.stringContaining('0.0.0.0:http-alt'),
			unreadableTables: ['port names that IANA gives to several ports are not guessed (http-alt: 591, 8008 or 8080): capture with -n (lsof: -P) for numeric ports'],
		});
	});
});
