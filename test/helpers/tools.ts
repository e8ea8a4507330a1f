import {spawn, spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {onTestFinished, vi} from 'vitest';

/** ss (iproute2): the oracle, and the only source of unix peers. Tests that need it skip, saying why, without it. */
export const hasSs = spawnSync('ss', ['-V'], {stdio: 'ignore'}).status === 0;

/** lsof, for the lsof backend's live tests. `lsof -v` exits 1 after printing its version on some builds. */
export const hasLsof = [0, 1].includes(spawnSync('lsof', ['-v'], {stdio: 'ignore'}).status ?? -1);

/**
 * Why a test cannot make `tool` missing with a PATH that lacks it, or null when it can: socktop
 * looks in /usr/sbin and /sbin too (tool-path.ts), where RHEL keeps ss. Such a test skips, saying why.
 */
export const whyToolCannotBeHidden = (tool: string): string | null => {
	const found = ['/usr/sbin', '/sbin'].find(directory => existsSync(`${directory}/${tool}`));
	return found === undefined ? null : `${tool} is in ${found}, where socktop finds it whatever PATH says`;
};

/** python3, which some tests run to open sockets Node cannot (netlink, packet) or to name processes. */
export const hasPython = spawnSync('python3', ['--version'], {stdio: 'ignore'}).status === 0;

/**
 * `python3 -c script ...args`, once it has printed its first line (the fds or ports it
 * opened, which the test reads): its PID, that line, and `next` for each line after it. The
 * script waits on stdin after that; the process is killed when the test ends, passed or failed.
 * `prefix` runs it in a command that execs it in place (`ip netns exec NAME`), so the PID is still python3's.
 */
export async function startPython(
	script: string,
	args: readonly string[] = [],
	prefix: readonly string[] = [],
): Promise<{readonly pid: number; readonly line: string; readonly next: () => Promise<string>}> {
	const [command, ...rest] = [...prefix, 'python3', '-c', script, ...args];
	const child = spawn(command!, rest, {stdio: ['pipe', 'pipe', 'inherit']});
	onTestFinished(() => {
		child.kill();
	});
	const lines = createInterface({input: child.stdout})[Symbol.asyncIterator]();
	const next = async (): Promise<string> => {
		const {value, done} = await lines.next();
		if (done === true) throw new Error(`${command} ended before printing the line the test waits for`);
		return value as string;
	};

	return {pid: child.pid!, line: await next(), next};
}

/**
 * Python lines (a script's, after `import os, time`) that fork `count` children holding every
 * fd the parent has open so far, as a prefork server's workers do; their PIDs end up in `kids`.
 * Each child leaves once its parent has gone, since startPython kills only the parent.
 */
export const forkHolders = (count: number): string => `parent = os.getpid()
kids = []
for _ in range(${count}):
    pid = os.fork()
    if pid == 0:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(0)
    kids.append(pid)`;

/**
 * A python3 script (for startPython) whose second thread names itself `sock-worker` and opens a
 * loopback TCP listener, then prints "<thread id> <port>": a TID to give `--pid`, as one copied
 * from `top -H` or a log line, and a socket of its process to look for.
 */
export const threadListener = `import ctypes, socket, sys, threading
ready = []
def run():
    ctypes.CDLL(None).prctl(15, b"sock-worker", 0, 0, 0)
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    ready.append((threading.get_native_id(), s))
    threading.Event().wait()
threading.Thread(target=run, daemon=True).start()
while not ready:
    pass
print(ready[0][0], ready[0][1].getsockname()[1], flush=True)
sys.stdin.read()`;

/**
 * A stand-in for `tool` first on PATH for the rest of the test: a shell script of `body`
 * (`$1`... its arguments). The directory and the PATH change go when the test ends.
 */
export function fakeTool(tool: string, body: string): void {
	const directory = mkdtempSync(path.join(tmpdir(), `socktop-fake-${tool}-`));
	writeFileSync(path.join(directory, tool), `#!/bin/sh\n${body}\n`);
	chmodSync(path.join(directory, tool), 0o755);
	vi.stubEnv('PATH', `${directory}${path.delimiter}${process.env['PATH'] ?? ''}`);
	onTestFinished(() => {
		vi.unstubAllEnvs();
		rmSync(directory, {recursive: true, force: true});
	});
}
