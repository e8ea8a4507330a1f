import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createLinuxCollector, readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {formatTable} from '../../../source/format/table.js';
import {fdRow} from '../../../source/model/pid-rows.js';
import {formatProcessJson} from '../../../source/format/pid.js';
import {explainFd} from '../../../source/format/fd-sentence.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {hasPython, hasSs, startPython} from '../../helpers/tools.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

/**
 * A unix listener whose file was deleted (a cleaned /tmp) still listens, and /proc/net/unix
 * still prints its path, but connect() finds no file there: "No such file or directory". The PID
 * view must say the file is gone, not that it listens on it.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('deleted unix listener test skipped: needs Linux and python3 (to open the sockets)');

const directory = tempDirectory('deleted');

const script = `
import os, socket, sys
def listen(name):
    each = socket.socket(socket.AF_UNIX); each.bind(name); each.listen(1); return each
deleted, kept, replaced = listen(sys.argv[1]), listen(sys.argv[2]), listen(sys.argv[3])
os.unlink(sys.argv[1])
os.unlink(sys.argv[3]); open(sys.argv[3], 'w').close()
probe = socket.socket(socket.AF_UNIX)
try:
    probe.connect(sys.argv[1]); refused = 'connected'
except OSError as error:
    refused = type(error).__name__
print(deleted.fileno(), kept.fileno(), replaced.fileno(), refused, flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

/** Runs `source` on sockets at `names` in the test's directory: their paths, the fds and word it printed (the last: how a probe was refused), and its fds by number. */
async function openAt(source: string, names: readonly string[]) {
	const paths = names.map(name => path.join(directory, name));
	const {pid, line} = await startPython(source, paths);
	const fields = line.split(' ');
	expect(fields.at(-1)).toBe('FileNotFoundError');
	const detail = await readProcessDetail(pid);
	const fdOf = (fd: string) => detail.fds.find(each => each.fd === Number(fd))!;
	return {pid, paths, fields, detail, fdOf};
}

describe.skipIf(!canRun)('a unix listener whose file was deleted', () => {
	it('is said to be unreachable; one whose file is there listens as before', async () => {
		const {pid, paths, fields, detail, fdOf} = await openAt(script, ['deleted.sock', 'kept.sock', 'replaced.sock']);
		const [deletedPath, keptPath] = paths as [string, string, string];
		const [deletedFd, keptFd, replacedFd] = fields as [string, string, string];
		// The kernel's table still names the path.
		expect(fdOf(deletedFd).socket).toMatchObject({proto: 'stream', state: 'LISTEN', path: deletedPath});
		expect(fdOf(deletedFd).isPathGone).toBe(true);
		expect(fdOf(replacedFd).isPathGone).toBe(true);
		expect(fdOf(keptFd).isPathGone).toBe(false);
		expect(explainFd(fdOf(deletedFd), ctx)?.sentence).toBe(
			`python3 listens on the unix stream socket it bound to ${deletedPath}, but that file is gone (deleted or replaced): clients cannot connect to it any more`,
		);
		// Then who may connect, by the file's mode (socket-file-access.test.ts).
		expect(explainFd(fdOf(keptFd), ctx)?.sentence).toContain(`python3 listens for connections on the unix stream socket ${keptPath}; its file is s`);
		// The PID view's TARGET says it as the table's LOCAL does.
		expect(fdRow(fdOf(deletedFd), pid).target).toBe(`${deletedPath} (deleted)`);
		expect(fdRow(fdOf(keptFd), pid).target).toBe(keptPath);
		const json = JSON.parse(formatProcessJson(detail, ctx)) as {fds: Array<{fd: number; isPathGone?: boolean}>};
		expect(json.fds.find(each => each.fd === Number(deletedFd))?.isPathGone).toBe(true);
	});
});

describe.skipIf(!canRun)('a unix listener whose file was deleted, in the table', () => {
	it('reads (deleted) after its path; one whose file is there reads as before', async () => {
		const [deletedPath, keptPath, replacedPath] = ['t-deleted.sock', 't-kept.sock', 't-replaced.sock'].map(name => path.join(directory, name)) as [string, string, string];
		const {pid, line} = await startPython(script, [deletedPath, keptPath, replacedPath]);
		const [deletedFd, keptFd, replacedFd] = line.split(' ').map(Number) as [number, number, number];
		const {sockets} = await readLinuxSnapshot();
		const rowOf = (fd: number) => sockets.find(socket => socket.pid === pid && socket.fd === fd)!;
		expect(rowOf(deletedFd)).toMatchObject({state: 'LISTEN', path: deletedPath, isPathGone: true});
		expect(rowOf(replacedFd)).toMatchObject({state: 'LISTEN', path: replacedPath, isPathGone: true});
		expect(rowOf(keptFd).isPathGone).toBeUndefined();
		const [, deleted, kept] = formatTable([rowOf(deletedFd), rowOf(keptFd)]).split('\n');
		expect(deleted).toMatch(new RegExp(String.raw`stream ${deletedPath} \(deleted\) +- +LISTEN$`));
		expect(kept).toMatch(new RegExp(String.raw`stream ${keptPath} +- +LISTEN$`));
	});
});

if (canRun && !hasSs) console.warn('unix listener taken-over test skipped: needs ss (iproute2) for the file each listener was bound to');

// A second instance unlinks the path and binds it again (as a restart that found a stale socket does):
// the first still listens, but clients now reach the second.
const takeoverScript = `
import os, socket, sys
first = socket.socket(socket.AF_UNIX); first.bind(sys.argv[1]); first.listen(1)
os.unlink(sys.argv[1])
second = socket.socket(socket.AF_UNIX); second.bind(sys.argv[1]); second.listen(1)
print(first.fileno(), second.fileno(), flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun || !hasSs)('a unix listener whose path another listener took over', () => {
	it('is said to be unreachable, and the one that took it over listens', async () => {
		const shared = path.join(directory, 'taken.sock');
		const {pid, line} = await startPython(takeoverScript, [shared]);
		const [firstFd, secondFd] = line.split(' ').map(Number) as [number, number];
		const detail = await readProcessDetail(pid);
		const fdOf = (fd: number) => detail.fds.find(each => each.fd === fd)!;
		// Both print the same path in the kernel's table, and a socket file is there.
		expect(fdOf(firstFd).socket).toMatchObject({state: 'LISTEN', path: shared});
		expect(fdOf(secondFd).socket).toMatchObject({state: 'LISTEN', path: shared});
		expect(fdOf(firstFd).isPathGone).toBe(true);
		expect(fdOf(secondFd).isPathGone).toBe(false);
		expect(explainFd(fdOf(firstFd), ctx)?.sentence).toMatch(/but that file is gone \(deleted or replaced\): clients cannot connect to it any more$/);
	});

	it('is marked deleted in the table too, on a first scan and on refreshes that keep ss\'s answer about the listeners', async () => {
		const shared = path.join(directory, 'taken-table.sock');
		const {pid, line} = await startPython(takeoverScript, [shared]);
		const [firstFd, secondFd] = line.split(' ').map(Number) as [number, number];
		const collector = createLinuxCollector();
		for (let scan = 0; scan < 3; scan++) {
			const {sockets} = await collector.snapshot();
			const rowOf = (fd: number) => sockets.find(socket => socket.pid === pid && socket.fd === fd)!;
			expect(rowOf(firstFd)).toMatchObject({state: 'LISTEN', path: shared, isPathGone: true});
			expect(rowOf(secondFd).isPathGone).toBeUndefined();
		}
	});
});

// A unix dgram receiver (syslog's /dev/log) whose file was deleted: sendto() that path fails with ENOENT.
const dgramScript = `
import os, socket, sys
def bind(name):
    each = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); each.bind(name); return each
deleted, kept = bind(sys.argv[1]), bind(sys.argv[2])
os.unlink(sys.argv[1])
probe = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
try:
    probe.sendto(b'x', sys.argv[1]); refused = 'sent'
except OSError as error:
    refused = type(error).__name__
print(deleted.fileno(), kept.fileno(), refused, flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('a bound unix dgram socket whose file was deleted', () => {
	it('is marked deleted in the table and the PID view, which says senders to the path fail', async () => {
		const {pid, paths, fields, fdOf} = await openAt(dgramScript, ['d-deleted.sock', 'd-kept.sock']);
		const [deletedPath, keptPath] = paths as [string, string];
		const [deletedFd, keptFd] = fields as [string, string];
		expect(fdOf(deletedFd).socket).toMatchObject({proto: 'dgram', state: 'UNCONN', path: deletedPath});
		expect(fdOf(deletedFd).isPathGone).toBe(true);
		expect(fdOf(keptFd).isPathGone).toBe(false);
		expect(explainFd(fdOf(deletedFd), ctx)?.sentence).toBe(
			`python3 receives datagrams on the unix dgram socket it bound to ${deletedPath}, but that file is gone (deleted or replaced): datagrams sent to that path no longer reach it`,
		);
		expect(explainFd(fdOf(keptFd), ctx)?.sentence).toContain(`python3 receives datagrams on the unix dgram socket ${keptPath}; its file is s`);
		expect(fdRow(fdOf(deletedFd), pid).target).toBe(`${deletedPath} (deleted)`);
		const {sockets} = await readLinuxSnapshot();
		const rowOf = (fd: string) => sockets.find(socket => socket.pid === pid && socket.fd === Number(fd))!;
		expect(rowOf(deletedFd)).toMatchObject({state: 'UNCONN', path: deletedPath, isPathGone: true});
		expect(rowOf(keptFd).isPathGone).toBeUndefined();
		expect(formatTable([rowOf(deletedFd)]).split('\n')[1]).toMatch(new RegExp(String.raw`dgram ${deletedPath} \(deleted\) +\(not connected\) +UNCONN$`));
	});
});
