import {renameSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

/**
 * Healthy listeners whose names are unusual must not read "(deleted)": a name that is not
 * UTF-8 (shown with `\xNN` for each such byte, but the file has the original bytes), and one with a newline,
 * which /proc/net/unix prints raw, splitting its entry in two.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('unix odd paths test skipped: needs Linux and python3 (to bind names Node cannot)');

const directory = tempDirectory('odd');

// Each name is given as hex bytes; the script prints each listener's fd, and whether a client connects to it.
const script = `
import socket, sys
out = []
for name in sys.argv[1:]:
    s = socket.socket(socket.AF_UNIX); s.bind(bytes.fromhex(name)); s.listen(4); out.append(s)
    probe = socket.socket(socket.AF_UNIX); probe.connect(bytes.fromhex(name)); probe.close()
print(' '.join(str(s.fileno()) for s in out), flush=True)
sys.stdin.read()
`;

const hex = (bytes: Buffer) => bytes.toString('hex');

describe.skipIf(!canRun)('a listener whose name is not UTF-8', () => {
	it('is looked up by its bytes: no (deleted) in the table or the PID view', async () => {
		const name = Buffer.concat([Buffer.from(`${directory}/bad`), Buffer.of(0xff, 0xfe), Buffer.from('.sock')]);
		const {pid, line} = await startPython(script, [hex(name)]);
		const fd = Number(line);
		const {sockets} = await readLinuxSnapshot();
		const row = sockets.find(socket => socket.pid === pid && socket.fd === fd);
		// Each byte that is not UTF-8 as lsof writes it: U+FFFD would lose it, and read as a real U+FFFD.
		expect(row).toMatchObject({state: 'LISTEN', path: `${directory}/bad\\xff\\xfe.sock`});
		expect(row?.isPathGone).toBeUndefined();
		const detail = await readProcessDetail(pid);
		expect(detail.fds.find(each => each.fd === fd)?.isPathGone).toBe(false);
		// Its file moved away: the bytes looked up are the name's, not its text's.
		renameSync(name, `${directory}/moved.sock`);
		const moved = (await readLinuxSnapshot()).sockets.find(socket => socket.pid === pid && socket.fd === fd);
		expect(moved).toMatchObject({path: `${directory}/bad\\xff\\xfe.sock`, isPathGone: true});
	});

	it('keeps valid UTF-8 around an invalid byte, and a real U+FFFD as it is', async () => {
		const names = [
			Buffer.concat([Buffer.from(`${directory}/caf\u00e9`), Buffer.of(0xe2, 0x82), Buffer.from('\u4e2d.sock')]),
			Buffer.from(`${directory}/real\uFFFD.sock`),
		];
		const {pid, line} = await startPython(script, names.map(hex));
		const fds = line.split(' ').map(Number);
		const {sockets} = await readLinuxSnapshot();
		const pathOf = (fd: number) => sockets.find(socket => socket.pid === pid && socket.fd === fd)?.path;
		// A cut 3-byte sequence is two bytes that are not UTF-8, each written.
		expect(pathOf(fds[0]!)).toBe(`${directory}/caf\u00e9\\xe2\\x82\u4e2d.sock`);
		expect(pathOf(fds[1]!)).toBe(`${directory}/real\uFFFD.sock`);
	});
});

if (canRun && !hasSs) console.warn('unix odd paths test of an accept queue skipped: needs ss (iproute2), which alone gives a unix listener\'s queue');

describe.skipIf(!canRun || !hasSs)('a listener whose name is not UTF-8, with a client waiting', () => {
	it('has its accept queue from ss, which writes the name with U+FFFD where /proc\'s is escaped', async () => {
		const name = Buffer.concat([Buffer.from(`${directory}/queue`), Buffer.of(0xff), Buffer.from('.sock')]);
		const waiting = `
import socket, sys
s = socket.socket(socket.AF_UNIX); s.bind(bytes.fromhex(sys.argv[1])); s.listen(4)
c = socket.socket(socket.AF_UNIX); c.connect(bytes.fromhex(sys.argv[1]))
print(s.fileno(), flush=True)
sys.stdin.read()
`;
		const {pid, line} = await startPython(waiting, [hex(name)]);
		const {sockets} = await readLinuxSnapshot();
		const row = sockets.find(socket => socket.pid === pid && socket.fd === Number(line));
		expect(row).toMatchObject({state: 'LISTEN', path: `${directory}/queue\\xff.sock`, rxQueue: 1});
	});
});

if (canRun && !hasSs) console.warn('unix newline path test skipped: needs ss (iproute2), which tells a name with a newline');

describe.skipIf(!canRun || !hasSs)('a listener whose name has a newline, then a forged /proc/net/unix entry', () => {
	it('is not said to be deleted, and the forged entry is no row', async () => {
		// The rest of the name reads as a listener @forged-<pid> of inode 12345 (no slash: the directory must exist).
		const forged = `@forged-${process.pid}`;
		const name = Buffer.from(`${directory}/ev\n0000000000000000: 00000002 00000000 00010000 0001 01 12345 ${forged}`);
		const {pid, line} = await startPython(script, [hex(name)]);
		const fd = Number(line);
		const {sockets} = await readLinuxSnapshot();
		const row = sockets.find(socket => socket.pid === pid && socket.fd === fd);
		expect(row).toMatchObject({state: 'LISTEN', path: `${directory}/ev`});
		expect(row?.isPathGone).toBeUndefined();
		expect(sockets.filter(socket => socket.path === forged)).toEqual([]);
		const detail = await readProcessDetail(pid);
		expect(detail.fds.find(each => each.fd === fd)?.isPathGone).toBeUndefined();
	});
});
