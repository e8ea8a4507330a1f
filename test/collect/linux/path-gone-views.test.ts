import {spawn, spawnSync} from 'node:child_process';
import {once} from 'node:events';
import {mkdirSync, readFileSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it, onTestFinished} from 'vitest';
import {readLinuxSnapshot} from '../../../source/collect/linux/index.js';
import {isPathGone} from '../../../source/collect/linux/path-gone.js';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {hasPython} from '../../helpers/tools.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

/**
 * False "(deleted)" a code review found: a listener's file looked up where its process does not
 * see it. A chroot's absolute link (/var/run -> /run) followed on the host's root, a zombie
 * leader's unreadable /proc/PID/root taken for a missing file, and two mount namespaces of one
 * network namespace answered as one. Each runs real processes, as root (chroot, unshare).
 */
const isRoot = process.getuid?.() === 0;
const hasUnshare = spawnSync('unshare', ['--version'], {stdio: 'ignore'}).status === 0;
const canRun = process.platform === 'linux' && hasPython && isRoot;
if (!canRun) console.warn('unix listener path views test skipped: needs Linux, python3 and root (chroot, unshare)');
if (canRun && !hasUnshare) console.warn('unix listener path views test of two mount namespaces skipped: needs unshare (util-linux)');

const directory = tempDirectory('views');

/** `argv` (a python3 run, maybe under unshare), once it printed its first line; killed when the test ends. */
async function start(argv: readonly string[]): Promise<{readonly pid: number; readonly line: string; ask(line: string): Promise<string>}> {
	const child = spawn(argv[0]!, argv.slice(1), {stdio: ['pipe', 'pipe', 'inherit']});
	onTestFinished(() => {
		child.kill('SIGKILL');
	});
	const lines = createInterface({input: child.stdout});
	const [line] = (await once(lines, 'line')) as [string];
	return {
		pid: child.pid!,
		line,
		async ask(text: string) {
			const answer = once(lines, 'line') as Promise<[string]>;
			child.stdin.write(`${text}\n`);
			return (await answer)[0];
		},
	};
}

const listenerRow = async (pid: number, fd: number) => (await readLinuxSnapshot()).sockets.find(socket => socket.pid === pid && socket.fd === fd);

describe.skipIf(!canRun)('a listener in a chroot whose path goes through an absolute link', () => {
	it('is found under the chroot (/var/run -> /run there), not on the host', async () => {
		const root = path.join(directory, 'chroot');
		mkdirSync(path.join(root, 'run', 'app'), {recursive: true});
		mkdirSync(path.join(root, 'var'), {recursive: true});
		symlinkSync('/run', path.join(root, 'var', 'run'));
		// Bound after chroot(), as a daemon in an image binds /var/run/...: the host has no /run/app/x.sock.
		const script = `
import os, socket, sys
os.chroot(sys.argv[1]); os.chdir('/')
s = socket.socket(socket.AF_UNIX); s.bind('/var/run/app/x.sock'); s.listen(1)
print(s.fileno(), flush=True)
sys.stdin.read()`;
		const {pid, line} = await start(['python3', '-c', script, root]);
		expect(isPathGone(pid, '/var/run/app/x.sock')).toBe(false);
		const row = await listenerRow(pid, Number(line));
		expect(row).toMatchObject({state: 'LISTEN', path: '/var/run/app/x.sock'});
		expect(row?.isPathGone).toBeUndefined();
		const detail = await readProcessDetail(pid);
		expect(detail.fds.find(each => each.fd === Number(line))?.isPathGone).toBe(false);
	});
});

describe.skipIf(!canRun)('a listener held by a zombie leader (its main thread exited)', () => {
	it('is looked up under a live thread\'s root; the table and the PID view agree', async () => {
		const kept = path.join(directory, 'zombie.sock');
		const script = `
import ctypes, socket, sys, threading
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1)
def serve():
    for line in sys.stdin:
        print('exiting', flush=True)
threading.Thread(target=serve).start()
print(s.fileno(), flush=True)
ctypes.CDLL(None).pthread_exit(None)`;
		const {pid, line} = await start(['python3', '-c', script, kept]);
		for (let tries = 0; tries < 200 && !/^State:\tZ/m.test(readFileSync(`/proc/${pid}/status`, 'utf8')); tries++) await sleep(10);
		expect(readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(/^State:\tZ/m);
		expect(isPathGone(pid, kept)).toBe(false);
		const row = await listenerRow(pid, Number(line));
		expect(row).toMatchObject({state: 'LISTEN', path: kept});
		expect(row?.isPathGone).toBeUndefined();
		const detail = await readProcessDetail(pid);
		expect(detail.fds.find(each => each.fd === Number(line))?.isPathGone).toBe(false);
	});
});

describe.skipIf(!canRun || !hasUnshare)('two listeners on one path in two mount namespaces of one network namespace', () => {
	it('each is answered in its own filesystem', async () => {
		const shared = path.join(directory, 'mounted');
		mkdirSync(shared);
		const socketPath = path.join(shared, 'x.sock');
		// The host's listener loses its file; the other one, on a tmpfs of its own over the same directory, keeps it.
		const hostScript = `
import os, socket, sys
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1); os.unlink(sys.argv[1])
print(s.fileno(), flush=True)
sys.stdin.read()`;
		const ownScript = `
import socket, sys
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1)
print(s.fileno(), flush=True)
sys.stdin.read()`;
		const host = await start(['python3', '-c', hostScript, socketPath]);
		const own = await start(['unshare', '-m', '--propagation', 'private', 'sh', '-c', `mount -t tmpfs none "$1" && exec python3 -c "$2" "$3"`, 'sh', shared, ownScript, socketPath]);
		const {sockets} = await readLinuxSnapshot();
		const rowOf = (pid: number, fd: string) => sockets.find(socket => socket.pid === pid && socket.fd === Number(fd));
		expect(rowOf(host.pid, host.line)).toMatchObject({path: socketPath, isPathGone: true});
		expect(rowOf(own.pid, own.line)).toMatchObject({path: socketPath});
		expect(rowOf(own.pid, own.line)?.isPathGone).toBeUndefined();
	});
});
