import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {createInterface} from 'node:readline';
import {afterAll, expect, it, vi} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {hasPython} from '../helpers/hostile.js';
import {canForcePidReuse, nextPidWillBe} from '../helpers/pid-reuse.js';
import {TmuxPane, hasTmux, sleep} from '../helpers/tmux.js';

/**
 * The table's `k` on a row the user is looking at (refresh paused, as one does
 * before acting) after that process exited and another process with the same
 * name took its PID. The signal must not reach the newcomer: it was never shown.
 * The reuse is forced through ns_last_pid (root).
 */
const canRun = canForcePidReuse && hasTmux && hasPython && isBuilt;
if (!canRun) {
	console.warn(`kill-reused-pid: skipped, needs Linux, root and a writable /proc/sys/kernel/ns_last_pid, tmux, python3 and a build at ${cliPath}`);
}

vi.setConfig({testTimeout: 90_000});

const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const listener = 'import socket,sys,time\ns=socket.socket()\ns.bind(("127.0.0.1",0))\ns.listen()\nprint(s.getsockname()[1],flush=True)\ntime.sleep(1000)';
const children: ChildProcess[] = [];
let pane: TmuxPane | undefined;
afterAll(() => {
	pane?.kill();
	for (const child of children) {
		child.kill('SIGKILL');
	}
});

/** A python3 holding a TCP listener; resolves with it and its port. */
async function startListener(): Promise<{child: ChildProcess; port: number}> {
	const child = spawn(python, ['-c', listener], {stdio: ['ignore', 'pipe', 'inherit']});
	children.push(child);
	const line = await new Promise<string>(resolve => {
		createInterface({input: child.stdout!}).once('line', resolve);
	});
	return {child, port: Number(line)};
}

const exited = async (child: ChildProcess) =>
	child.exitCode !== null || child.signalCode !== null ? undefined : new Promise(resolve => child.once('exit', resolve));

it.skipIf(!canRun)('k then y on a paused row never signals a process that took the PID since', async ({skip}) => {
	const shown = await startListener();
	const pid = shown.child.pid!;
	pane = new TmuxPane(`${process.execPath} ${cliPath} -d 1 -p ${shown.port}; echo EXIT=$?; sleep 600`, 140, 24);
	await pane.waitFor(screen => screen.includes(`:${shown.port} `) && screen.includes(` ${pid} `) && pane!.isRawMode, 30_000);
	pane.keys('Space');
	await pane.waitFor(screen => /paused/i.test(screen));

	// While the user looks at the paused row, the process exits and a new python3 gets its PID.
	shown.child.kill('SIGKILL');
	await exited(shown.child);
	let newcomer: Awaited<ReturnType<typeof startListener>> | undefined;
	for (let attempt = 0; attempt < 50 && newcomer === undefined; attempt++) {
		nextPidWillBe(pid);
		const next = await startListener();
		if (next.child.pid === pid) {
			newcomer = next;
		} else {
			next.child.kill('SIGKILL');
		}
	}

	if (newcomer === undefined) {
		skip('kill-reused-pid: could not make the kernel reuse the PID (busy machine); not checked');
		return;
	}

	const screen = pane.capture();
	expect(screen).toContain(`:${shown.port} `);
	pane.keys('k');
	// Checked: the menu (Enter: the question) or a refusal (Enter closes it); either way y next, typed once that is on screen.
	const isRefused = (await pane.waitFor(text => text.includes('SIGTERM') || text.includes('Not sending'))).includes('Not sending');
	pane.keys('Enter');
	await pane.waitFor(text => (isRefused ? !text.includes('Not sending') : text.includes('y/N')));
	pane.keys('y');
	await pane.waitFor(text => !text.includes('y/N'));
	// Nothing is to follow: a signal sent anyway would have reached the newcomer within 1.5 s.
	await sleep(1500);
	expect(newcomer.child.exitCode).toBeNull();
	expect(newcomer.child.signalCode).toBeNull();
});
