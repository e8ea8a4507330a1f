import {spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {Readable} from 'node:stream';
import {describe, expect, it, onTestFinished, vi} from 'vitest';
import {UserError} from '../../../source/collect/collector.js';
import {detectFormat} from '../../../source/collect/import/detect.js';
import {importCollector, importSnapshot} from '../../../source/collect/import/index.js';
import {readImportText} from '../../../source/collect/import/read.js';
import {droppedLinesNote} from '../../../source/format/dropped.js';
import {toJsonDocument} from '../../../source/format/json.js';
import {loadIpProtocolTable} from '../../../source/services/ip-protocol-table.js';
import {createServiceTable} from '../../../source/services/table.js';
import {makeFifo, recorder, saidSomething, waitLong} from '../../helpers/fifo.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

describe('detectFormat', () => {
	it.each([
		['sockstat/article-2001.txt', 'sockstat'],
		['sockstat/perkeep-ident-test-Ptcp.txt', 'sockstat'],
		['sockstat/freebsd-smoke-s.txt', 'sockstat'],
		['sockstat/blog-ns1-u.txt', 'sockstat'],
		['sockstat/stem-bsd-no-header.txt', 'sockstat'],
		['sockstat/freebsd15-libxo-constructed.json', 'sockstat-json'],
		['lsof/linux-4.95-pid-F0.txt', 'lsof-F'],
		['lsof/linux-4.95-pid-F-lines.txt', 'lsof-F'],
		['lsof/macos-F-rapportd.txt', 'lsof-F'],
		['lsof/linux-4.95-i-n-P.txt', 'lsof'],
		['lsof/stem-linux-i.txt', 'lsof'],
		['lsof/stem-linux-ipv6.txt', 'lsof'],
		['lsof/stem-macos-no-header.txt', 'lsof'],
		['lsof/bandwhich-macos.txt', 'lsof'],
		['ss/linux-iproute2-tunap.txt', 'ss'],
		['ss/linux-iproute2-tunapH.txt', 'ss'],
		['ss/linux-iproute2-tunape.txt', 'ss'],
		['ss/linux-iproute2-xap.txt', 'ss'],
		['ss/stem-old-holders.txt', 'ss'],
		['ss/stem-gentoo-ipv6.txt', 'ss'],
		['ss/vagrant-tlnp-shared.txt', 'ss'],
		['netstat/linux-net-tools-tunap.txt', 'netstat'],
		['netstat/linux-net-tools-tunape.txt', 'netstat'],
		['netstat/stem-with-unix.txt', 'netstat'],
		['netstat/stem-ipv6.txt', 'netstat'],
		['netstat/htb-auntp-not-root.txt', 'netstat'],
	])('%s is %s', (name, format) => {
		expect(detectFormat(fixture(name))).toBe(format);
	});

	it('recognises headerless rows of each format by which parser reads them', () => {
		const withoutHeader = (name: string) => fixture(name).split('\n').slice(2).join('\n');
		expect(detectFormat(withoutHeader('netstat/linux-net-tools-tunap.txt'))).toBe('netstat');
		expect(detectFormat(withoutHeader('lsof/stem-linux-i.txt'))).toBe('lsof');
		expect(detectFormat(withoutHeader('sockstat/freebsd-smoke-s.txt'))).toBe('sockstat');
	});

	it('reads a NUL in a headed capture as damage, not as lsof -F0', () => {
		expect(detectFormat(`${fixture('netstat/linux-net-tools-tunap.txt')}\0`)).toBe('netstat');
		const ss = fixture('ss/linux-iproute2-tunap.txt').replace('users:(("', 'users:(("\0');
		expect(detectFormat(ss)).toBe('ss');
		expect(importSnapshot(ss, 'ss.txt').sockets).toContainEqual(expect.objectContaining({command: '\0spc in name', pid: 31219}));
	});

	it('does not take random bytes for lsof -F', () => {
		// 64 KiB of deterministic noise (a SHA-256 chain), NULs included.
		const blocks: Buffer[] = [createHash('sha256').update('socktop').digest()];
		while (blocks.length < 2048) blocks.push(createHash('sha256').update(blocks.at(-1)!).digest());
		const noise = Buffer.concat(blocks).toString('utf8');
		expect(noise).toContain('\0');
		expect(detectFormat(noise)).toBeNull();
		expect(() => importSnapshot(noise, 'noise.bin')).toThrow(/^cannot recognise noise\.bin: expected the output of /);
	});

	it('judges a headerless capture by its first 2,000 lines', () => {
		const rows = fixture('netstat/linux-net-tools-tunap.txt').split('\n').slice(2).join('\n');
		const junk = (lines: number) => Array.from({length: lines}, (_, index) => `x${index} y z`).join('\n');
		// Rows first, then a long tail of junk: still netstat, and all its rows are read.
		expect(detectFormat(`${rows}\n${junk(100_000)}`)).toBe('netstat');
		// 2,000 lines of junk before the first row: not a capture.
		expect(detectFormat(`${junk(2000)}\n${rows}`)).toBeNull();
	});

	it('recognises nothing in text that is no capture', () => {
		expect(detectFormat('')).toBeNull();
		expect(detectFormat('hello\nworld\n')).toBeNull();
		expect(detectFormat(fixture('proc/tcp.txt'))).toBeNull();
	});
});

describe('importSnapshot', () => {
	it('keeps the article\'s 20 rows, frozen as an import from the named capture', () => {
		const snapshot = importSnapshot(fixture('sockstat/article-2001.txt'), 'article.txt');
		expect(snapshot).toMatchObject({backend: 'import', hostname: 'article.txt', skipped: {malformedLines: 0}});
		// A capture does not say what its tool could not read: --json says null, not 0.
		expect(toJsonDocument(snapshot).skipped).toMatchObject({deniedProcesses: null, deniedAsRoot: null});
		expect(snapshot.sockets).toHaveLength(20);
		expect(snapshot.sockets.filter(socket => socket.command === 'navigato').map(socket => socket.localPort)).toEqual([4472, 4469]);
	});

	it('counts the lines it skipped', () => {
		expect(importSnapshot(fixture('sockstat/blog-ns1-u.txt'), 'x').skipped.malformedLines).toBe(2);
	});

	it('says so when a recognised header has no readable row (BSD netstat, names not numbers)', () => {
		const bsdNetstat =
			'Active Internet connections (including servers)\n' +
			'Proto Recv-Q Send-Q Local Address          Foreign Address        (state)\n' +
			'tcp4       0     44 192.168.5.2.22         192.168.5.4.15414      ESTABLISHED\n';
		expect(() => importSnapshot(bsdNetstat, 'bsd.txt')).toThrow(
			'cannot read bsd.txt: it looks like netstat -tunap output, but its 1 line is not a socket socktop understands (use -n -P / -n for numeric output)',
		);
	});

	it('ignores a byte order mark before the header', () => {
		expect(importSnapshot(`\uFEFF${fixture('netstat/linux-net-tools-tunap.txt')}`, 'x').sockets).toHaveLength(8);
	});

	it('names the formats it understands when it recognises none', () => {
		expect(() => importSnapshot('hello\n', 'notes.txt')).toThrow(UserError);
		expect(() => importSnapshot('hello\n', 'notes.txt')).toThrow(
			'cannot recognise notes.txt: expected the output of sockstat, sockstat --libxo json, lsof -F, lsof -i -n -P, ss -tunap, netstat -tunap',
		);
		// JSON from another tool is no capture either, not sockstat's JSON gone wrong.
		expect(() => importSnapshot('{"addr_info": []}\n', 'ip.json')).toThrow(/^cannot recognise ip\.json: expected the output of /);
	});

	it('says what lsof -F left out even behind a line before its first process (2>&1 kept a warning)', () => {
		const fieldsOnly = 'p123\nf3\nn*:22\nf4\nn*:53\n';
		const reason = /^cannot read lsof\.txt: lsof printed neither the t \(type\) nor the P \(protocol\) field/;
		expect(() => importSnapshot(fieldsOnly, 'lsof.txt')).toThrow(reason);
		expect(() => importSnapshot(`lsof: WARNING: can't stat() fuse.gvfsd-fuse file system /run/user/1000/gvfs\n${fieldsOnly}`, 'lsof.txt')).toThrow(reason);
	});
});

describe('importCollector', () => {
	it('returns the same rows on every refresh', async () => {
		const collector = importCollector(fixture('ss/vagrant-tlnp-shared.txt'), 'ss.txt');
		expect(collector.name).toBe('import');
		const first = await collector.snapshot();
		expect(await collector.snapshot()).toBe(first);
	});

	it('gives the PID view the captured host\'s listening ports, which tell a client from a server', async () => {
		const collector = importCollector(fixture('ss/linux-iproute2-tanp-client-40000.txt'), 'ss.txt');
		expect((await collector.process(18030)).listening).toEqual(['tcp/8799']);
	});

	it('builds a PID view from the capture\'s rows, never with a start token', async () => {
		const collector = importCollector(fixture('sockstat/freebsd-smoke-s.txt'), 'smoke.txt');
		const detail = await collector.process(405);
		expect(detail.process).toMatchObject({pid: 405, user: 'root', command: 'devd', startToken: null, cmdline: null, cmdlineUnreportedBy: 'the capture'});
		// A capture lists the process's sockets, not its other open files.
		expect(detail.isSocketsOnly).toBe(true);
		expect(detail.fds.map(fd => [fd.fd, fd.type, fd.socket?.proto])).toEqual([
			[4, 'socket', 'stream'],
			[5, 'socket', 'seqpacket'],
			[7, 'socket', 'dgram'],
		]);
		expect(detail.denied).toMatch(/capture: it lists sockets only/);
		const absent = await collector.process(1);
		expect(absent).toMatchObject({process: null, fds: []});
	});

	it('reads the file named by --import (Options form used by the CLI)', async () => {
		const directory = mkdtempSync(path.join(tmpdir(), 'socktop-import-'));
		onTestFinished(() => {
			rmSync(directory, {recursive: true, force: true});
		});
		const file = path.join(directory, 'capture.txt');
		writeFileSync(file, fixture('netstat/stem-ipv6.txt'));
		const collector = await importCollector({importFile: file, services: createServiceTable({file: null}), ipProtocols: loadIpProtocolTable});
		const snapshot = await collector.snapshot();
		expect(snapshot.hostname).toBe(file);
		expect(snapshot.sockets).toHaveLength(5);
	});
});

describe('readImportText', () => {
	it('says plainly when the file is missing or a directory', async () => {
		await expect(readImportText('/nonexistent/capture.txt')).rejects.toThrow('cannot read /nonexistent/capture.txt: no such file');
		await expect(readImportText(tmpdir())).rejects.toThrow(`cannot read ${tmpdir()}: is a directory`);
	});

	it('stops reading an endless file past the limit, with one line', async () => {
		await expect(readImportText('/dev/zero', 1024 * 1024)).rejects.toThrow(new UserError('cannot read /dev/zero: it is over 1 MiB, larger than any socket capture'));
	});

	it('reads a file of exactly the limit', async () => {
		const directory = mkdtempSync(path.join(tmpdir(), 'socktop-import-'));
		onTestFinished(() => {
			rmSync(directory, {recursive: true, force: true});
		});
		const file = path.join(directory, 'capture.txt');
		writeFileSync(file, 'x'.repeat(1024 * 1024));
		expect(await readImportText(file, 1024 * 1024)).toHaveLength(1024 * 1024);
	});

	it('tells a terminal on stdin (--import - typed alone) what it waits for, and a pipe nothing', async () => {
		const read = async (isTTY: boolean) => {
			const stdin = Object.assign(Readable.from([Buffer.from('State Recv-Q\n')]), {isTTY});
			const stderr = recorder(false);
			return {text: await readImportText('-', 1024, stdin, stderr.stream), said: stderr.said()};
		};

		expect(await read(true)).toEqual({text: 'State Recv-Q\n', said: 'socktop: reading a capture from stdin until Ctrl-D (or pipe one: ss -tunap | socktop --import -)\n'});
		expect(await read(false)).toEqual({text: 'State Recv-Q\n', said: ''});
	});

	it('waits for a writer on a FIFO, as cat does, telling a terminal on stderr why once it has waited a while', async () => {
		const fifo = makeFifo();
		const read = async (isTTY: boolean) => {
			const stderr = recorder(isTTY);
			const text = readImportText(fifo, 1024, process.stdin, stderr.stream, 50);
			// No writer for a while: open(2) waits, and a terminal is told after 50 ms (awaited); else nothing is said in 10 times that.
			await (isTTY ? saidSomething(stderr) : new Promise(resolve => setTimeout(resolve, 500)));
			const saidWhileWaiting = stderr.said();
			await writeFile(fifo, 'State Recv-Q\n');
			return {text: await text, saidWhileWaiting, said: stderr.said()};
		};

		const waiting = `socktop: ${fifo} is a FIFO: waiting for a writer (ss -tunap > ${fifo}), as cat does; Ctrl-C stops\n`;
		expect(await read(true)).toEqual({text: 'State Recv-Q\n', saidWhileWaiting: waiting, said: waiting});
		expect(await read(false)).toEqual({text: 'State Recv-Q\n', saidWhileWaiting: '', said: ''});
	});

	it('quotes a FIFO path the shell would split in the command it suggests', async () => {
		const fifo = makeFifo("it's a capture");
		const stderr = recorder(true);
		const text = readImportText(fifo, 1024, process.stdin, stderr.stream, 50);
		await saidSomething(stderr);
		await writeFile(fifo, 'State\n');
		await text;
		const quoted = `'${fifo.replaceAll("'", String.raw`'\''`)}'`;
		expect(stderr.said()).toBe(`socktop: ${fifo} is a FIFO: waiting for a writer (ss -tunap > ${quoted}), as cat does; Ctrl-C stops\n`);
	});

	it('says nothing of a FIFO whose writer is there but slow, as --import <(ssh host ss -tunap) is', async () => {
		const fifo = makeFifo();
		// The writer has the FIFO open before socktop opens it (read-write: opened to write only, it would
		// wait for a reader), and writes 2 s later, past the 1 s notice time, as a slow ssh would.
		const writer = spawn('sh', ['-c', 'exec 1<>"$0"; sleep 2; echo "State Recv-Q"', fifo], {stdio: 'ignore'});
		onTestFinished(() => {
			writer.kill();
		});
		await vi.waitFor(() => {
			expect(readlinkSync(`/proc/${writer.pid}/fd/1`)).toBe(fifo);
		}, waitLong);
		const stderr = recorder(true);
		expect(await readImportText(fifo, 1024, process.stdin, stderr.stream, 1000)).toBe('State Recv-Q\n');
		expect(stderr.said()).toBe('');
	});

});

describe('a capture with a header and no rows, one with one line', () => {
	it('says it has a header and no rows (an empty table said, not shown in silence)', () => {
		const snapshot = importSnapshot('Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n', 'hdr.txt');
		expect(snapshot.sockets).toEqual([]);
		expect(droppedLinesNote(snapshot)).toBe('hdr.txt has a header and no rows');
		expect(droppedLinesNote(snapshot, 'header')).toBe('the capture has a header and no rows');
	});

	it('says "its 1 line is not", not "none of its 1 lines is"', () => {
		expect(() => importSnapshot('Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\ntcp LISTEN 0 5 0.0.0.0:nosuch 0.0.0.0:*\n', 'one.txt')).toThrow(
			'cannot read one.txt: it looks like ss -tunap output, but its 1 line is not a socket socktop understands (use -n -P / -n for numeric output)',
		);
	});
});
