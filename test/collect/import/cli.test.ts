import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it, onTestFinished} from 'vitest';
import {builtCli, runCli} from '../../helpers/run-cli.js';

const isBuilt = existsSync(builtCli);
if (!isBuilt) {
	console.warn(`skipping the --import CLI tests: ${builtCli} is missing (npm test builds it first)`);
}

const fixturePath = (name: string) => `test/fixtures/${name}`;

type JsonSocket = {readonly proto: string; readonly pid: number | null; readonly fd: number | null; readonly localPort: number | null; readonly state: string | null; readonly command: string | null; readonly user: string};
type JsonDocument = {readonly backend: string; readonly hostname: string; readonly sockets: JsonSocket[]; readonly skipped: {readonly malformedLines: number}};

async function importJson(args: readonly string[], input?: string, stderr = ''): Promise<JsonDocument> {
	const result = await runCli([...args, '--json'], input === undefined ? {} : {input});
	expect(result.stderr).toBe(stderr);
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout) as JsonDocument;
}

describe.skipIf(!isBuilt)('socktop --import FILE --json, end to end', () => {
	it.each([
		['sockstat/article-2001.txt', 20, {pid: 3758, fd: 20, proto: 'tcp4', localPort: 4472, command: 'navigato', user: 'genisis'}],
		['sockstat/freebsd15-libxo-constructed.json', 8, {pid: 705, fd: 3, proto: 'tcp6', localPort: 22, state: 'LISTEN'}],
		['lsof/linux-4.95-pid-F0.txt', 14, {pid: 31219, fd: 8, proto: 'tcp4', state: 'CLOSE_WAIT', command: 'spc in name'}],
		['lsof/stem-linux-i.txt', 8, {pid: 16422, fd: 3, proto: 'udp4', localPort: 39624}],
		['ss/linux-iproute2-tunap.txt', 8, {pid: 31219, fd: 11, proto: 'udp6', state: 'ESTABLISHED'}],
		['netstat/linux-net-tools-tunap.txt', 8, {pid: 31219, fd: null, proto: 'tcp6', localPort: 59421, command: 'python3'}],
	])('%s: %i rows', async (name, count, sample) => {
		// The constructed libxo document holds an SCTP socket, which socktop does not show.
		const dropped = name.endsWith('.json') ? `socktop: 1 line of ${fixturePath(name)} could not be read (e.g. '{"user":"root","command":"sctpd","pid":9,"fd":3,"proto":"sc…')\n` : '';
		const document = await importJson(['--import', fixturePath(name)], undefined, dropped);
		expect(document.backend).toBe('import');
		expect(document.hostname).toBe(fixturePath(name));
		expect(document.sockets).toHaveLength(count);
		expect(document.sockets).toContainEqual(expect.objectContaining(sample));
	});

	it('reads service names of a capture taken without -n with the --services table', async () => {
		const document = await importJson(['--import', fixturePath('netstat/linux-root-tulp-names.txt'), '--services', fixturePath('services/debian-services')]);
		expect(document.skipped.malformedLines).toBe(0);
		expect(document.sockets).toHaveLength(49);
		expect(document.sockets).toContainEqual(expect.objectContaining({proto: 'tcp4', localPort: 5432, pid: 10_420, state: 'LISTEN'}));
	});

	it('reads the --services file once for a capture\'s port names and the ports explained, so it may be a pipe', async () => {
		const directory = mkdtempSync(path.join(tmpdir(), 'socktop-names-'));
		onTestFinished(() => {
			rmSync(directory, {recursive: true, force: true});
		});
		const capture = path.join(directory, 'tlp.txt');
		writeFileSync(
			capture,
			'Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n' +
				'tcp   LISTEN 0      128          0.0.0.0:zzcustom      0.0.0.0:*     users:(("myd",pid=4242,fd=3))\n',
		);
		// As `--services <(...)` gives it: a pipe, which a second read would find empty.
		const services = "printf 'zzcustom\\t8123/tcp\\t\\t# Custom test daemon\\n'";
		const command = ['/bin/sh', '-c', `${services} | "${process.execPath}" "${builtCli}" "$@"`, 'sh'];
		const result = await runCli(['--import', capture, '--services', '/dev/stdin', '--pid', '4242', '--once'], {command});
		expect(result.stderr).toBe('');
		expect(result.stdout).toContain('fd 3: myd listens for TCP connections on port 8123 (named zzcustom in the services file: Custom test daemon) on every IPv4 address');
	});

	it('takes a stateless TCP listener (sockstat without -s) for a server in a capture\'s PID view, as the -l filter does', async () => {
		const services = ['--services', fixturePath('services/freebsd-services')];
		// sshd's IPv6 wildcard listener beside its IPv4 one: the IPv6 one is IPv6-only.
		const sshd = await runCli(['--import', fixturePath('sockstat/blog-ns1-u.txt'), ...services, '--pid', '815', '--once']);
		expect(sshd.stdout).toContain('fd 4: sshd listens for TCP connections on port 22 (named ssh in the services file: Secure Shell Login) on every IPv6 address (IPv4 clients reach the IPv4 socket listening on the same port)');
		// A connection to the listener's port was accepted there, though the other port is lower.
		const directory = mkdtempSync(path.join(tmpdir(), 'socktop-stateless-'));
		onTestFinished(() => {
			rmSync(directory, {recursive: true, force: true});
		});
		const capture = path.join(directory, 'x11.txt');
		writeFileSync(capture, 'USER COMMAND PID FD PROTO LOCAL ADDRESS FOREIGN ADDRESS\nroot Xorg 3752 0 tcp4 *:6000 *:*\nroot Xorg 3752 5 tcp4 10.0.0.1:6000 10.0.0.9:1021\n');
		const xorg = await runCli(['--import', capture, ...services, '--pid', '3752', '--once']);
		expect(xorg.stdout).toMatch(/fd 5: Xorg accepted a connection on port 6000 \(named x11 in the services file\b.*\) from 10\.0\.0\.9 port 1021/);
	});

	it('--pid N of a netstat capture lists its sockets, FD ? (--once) and fd null (--json)', async () => {
		const file = fixturePath('netstat/linux-root-tunapo.txt');
		const text = await runCli(['--import', file, '--pid', '6036', '--once']);
		expect(text.code).toBe(0);
		expect(text.stdout).toMatch(/^ +\? +tcp4 +127\.0\.0\.1:18080 +\*:\* +LISTEN$/m);
		// Explained by the row's type and target, which the table shows, there being no fd number.
		expect(text.stdout).toContain('  tcp4 127.0.0.1:18080: python3 listens for TCP connections on port 18080');
		expect(text.stdout).toMatch(/^Open FDs +\? \(the capture lists 8 sockets\)$/m);
		const json = await runCli(['--import', file, '--pid', '6036', '--json']);
		const document = JSON.parse(json.stdout) as {fds: Array<{fd: number | null; socket: {localPort: number} | null}>};
		expect(document.fds).toHaveLength(8);
		expect(document.fds).toContainEqual(expect.objectContaining({fd: null, socket: expect.objectContaining({localPort: 18_080})}));
	});

	if (isBuilt && !existsSync('/etc/protocols')) console.warn('skipping the --import test of raw sockets\' protocol names: this machine has no /etc/protocols');

	it.skipIf(!existsSync('/etc/protocols'))('reads raw sockets\' IP protocol names with this machine\'s /etc/protocols', async () => {
		const document = await importJson(['--import', fixturePath('ss/linux-root-w0ap-names.txt')]);
		expect(document.skipped.malformedLines).toBe(0);
		expect(document.sockets.map(socket => [socket.proto, socket.localPort])).toEqual([['raw4', 1], ['raw4', 255], ['raw4', 253], ['raw4', 17], ['raw6', 58], ['raw6', 89]]);
		// The PID view names the protocol as the table reads it: a number, with a word for the common ones.
		const view = await runCli(['--import', fixturePath('ss/linux-root-w0ap-names.txt'), '--pid', '15406', '--once']);
		expect(view.stdout).toContain('python3 has a raw IPv6 socket for IP protocol 89 (OSPF)');
	});

	it('reads the capture from standard input with --import=-', async () => {
		const document = await importJson(['--import=-'], readFileSync(fixturePath('ss/vagrant-tlnp-shared.txt'), 'utf8'));
		expect(document.hostname).toBe('stdin');
		expect(document.sockets.map(socket => socket.pid)).toEqual([609, 1, 610, 1817, 609, 1, 1817]);
	});

	it('applies the filters to imported rows', async () => {
		const document = await importJson(['--import', fixturePath('sockstat/article-2001.txt'), '-p', '512']);
		expect(document.sockets.map(socket => [socket.command, socket.fd])).toEqual([
			['comsat', 0],
			['comsat', 1],
			['comsat', 2],
			['inetd', 6],
		]);
	});

	it('explains imported FreeBSD ports with the chosen services file and ephemeral range', async () => {
		const result = await runCli([
			'--import', fixturePath('sockstat/article-2001.txt'), '--pid', '3758', '--once',
			'--services', fixturePath('services/freebsd-services'), '--ephemeral', '1024-5000',
		]);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('fd 20: navigato is connected from ephemeral port 4472 to 209.225.2.218 port 80 (named http in the services file');
		expect(result.stdout).toContain('this is a capture: it lists sockets only');
		// The range is --ephemeral's: no setting of this machine is named for it.
		expect(result.stdout).toContain('    4472: an ephemeral port, most likely picked by the kernel for this connection from 1024-5000, unless the program bound it; no service is named for it\n');
	});

	it('names port 80 http from IANA\'s registry where the services file has no entry, as services files and ss do', async () => {
		const directory = mkdtempSync(path.join(tmpdir(), 'socktop-services-'));
		onTestFinished(() => {
			rmSync(directory, {recursive: true, force: true});
		});
		const empty = path.join(directory, 'services');
		writeFileSync(empty, '');
		const result = await runCli(['--import', fixturePath('sockstat/article-2001.txt'), '--pid', '3758', '--once', '--services', empty, '--ephemeral', '1024-5000']);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('fd 20: navigato is connected from ephemeral port 4472 to 209.225.2.218 port 80 (named http in IANA\'s registry: World Wide Web HTTP)');
	});

	it('explains a capture\'s client port without this machine\'s ephemeral range unless --ephemeral gives one', async () => {
		const capture = ['--import', fixturePath('ss/linux-iproute2-tanp-client-40000.txt'), '--pid', '18030', '--once'];
		const assumed = await runCli(capture);
		expect(assumed.code).toBe(0);
		// 40000 is in Linux's default range 32768-60999, but the capture may come from a machine with another one:
		// most likely ephemeral, as a port in a common range, and not IANA's safetynetp, which has nothing to do with it.
		expect(assumed.stdout).toContain('fd 3: python3 is connected from port 40000 (most likely ephemeral) to 127.0.0.1 port 8799');
		expect(assumed.stdout).toContain('    40000: most likely an ephemeral port, picked by the kernel for this connection (the capture does not say from which range); no service is named for it\n');
		const given = await runCli([...capture, '--ephemeral', '32768-60999']);
		expect(given.stdout).toContain('fd 3: python3 is connected from ephemeral port 40000 to 127.0.0.1 port 8799');
	});

	it('refuses text that is no capture with one line and exit status 2', async () => {
		const result = await runCli(['--import', fixturePath('proc/tcp.txt'), '--json']);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toEqual([
			'socktop: cannot recognise test/fixtures/proc/tcp.txt: expected the output of sockstat, sockstat --libxo json, lsof -F, lsof -i -n -P, ss -tunap, netstat -tunap',
		]);
	});

	const tooLarge = (source: string) => `socktop: cannot read ${source}: it is over 256 MiB, larger than any socket capture\n`;

	it('stops reading an endless file past 256 MiB with one line and exit status 2', async () => {
		const result = await runCli(['--import', '/dev/zero', '--once']);
		expect(result.stderr).toBe(tooLarge('/dev/zero'));
		expect(result.code).toBe(2);
	});

	it('stops reading an endless stdin past 256 MiB the same way', async () => {
		const shell = ['sh', '-c', 'head -c 300000000 /dev/zero | "$0" "$@"', process.execPath, builtCli];
		const result = await runCli(['--import', '-', '--once'], {command: shell});
		expect(result.stderr).toBe(tooLarge('stdin'));
		expect(result.code).toBe(2);
	});

	it('reads a process substitution, --import <(ssh host ss -tunap), and a named FIFO once its writer comes', async () => {
		const capture = fixturePath('ss/linux-iproute2-tunap.txt');
		const substituted = await runCli([], {command: ['bash', '-c', `"$0" "$1" --import <(sleep 1; cat ${capture}) --json`, process.execPath, builtCli]});
		expect(substituted.stderr).toBe('');
		expect((JSON.parse(substituted.stdout) as JsonDocument).sockets).toHaveLength(8);
		const directory = mkdtempSync(path.join(tmpdir(), 'socktop-fifo-'));
		onTestFinished(() => {
			rmSync(directory, {recursive: true, force: true});
		});
		const fifo = path.join(directory, 'capture');
		const named = await runCli([], {command: ['bash', '-c', `mkfifo "$2"; (sleep 1; cat ${capture} > "$2") & "$0" "$1" --import "$2" --json`, process.execPath, builtCli, fifo]});
		expect(named.stderr).toBe('');
		expect((JSON.parse(named.stdout) as JsonDocument).sockets).toHaveLength(8);
	});

	it('says when the file does not exist', async () => {
		const result = await runCli(['--import', 'test/fixtures/no-such-capture.txt', '--json']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('socktop: cannot read test/fixtures/no-such-capture.txt: no such file\n');
	});
});
