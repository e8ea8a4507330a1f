import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';

const script = fileURLToPath(new URL('churn.py', import.meta.url));

export type ChurnResult = {
	readonly spawned: number;
	readonly failed: number;
	readonly seconds: number;
};

export type Churn = {
	/** PID of the forking parent. */
	readonly pid: number;
	/** Resolves when the generator has stopped on its own (after `seconds`) or by `stop()`. */
	readonly done: Promise<ChurnResult>;
	/** Stop early (closes its stdin) and wait for the children to exit. */
	stop(): Promise<ChurnResult>;
};

/**
 * Fork `rate` short-lived processes per second for `seconds`, each opening a
 * TCP connection, a UDP socket and a unix socket and closing them within 0.6 s.
 * Bounded: it stops by itself, and when the test process or its stdin goes away.
 * With `netns` (root), inside that network namespace (`ip netns exec`).
 */
export async function startChurn(rate: number, seconds: number, netns: string | null = null): Promise<Churn> {
	const directory = mkdtempSync(path.join(tmpdir(), 'socktop-churn-'));
	const argv = ['python3', script, String(rate), String(seconds), directory];
	const [command, ...args] = netns === null ? argv : ['ip', 'netns', 'exec', netns, ...argv];
	const child = spawn(command!, args, {stdio: ['pipe', 'pipe', 'inherit']});
	const lines = createInterface({input: child.stdout});
	const received: string[] = [];
	let notify: (() => void) | undefined;
	lines.on('line', line => {
		received.push(line);
		notify?.();
	});
	const nextLine = async (index: number) =>
		new Promise<string>((resolve, reject) => {
			const check = () => {
				if (received[index] !== undefined) {
					resolve(received[index]);
				}
			};

			notify = check;
			child.once('exit', () => {
				check();
				reject(new Error(`churn generator exited (${child.exitCode}) without reporting`));
			});
			check();
		});

	const started = JSON.parse(await nextLine(0)) as {pid: number};
	const done = nextLine(1).then(line => {
		rmSync(directory, {recursive: true, force: true});
		return JSON.parse(line) as ChurnResult;
	});
	return {
		pid: started.pid,
		done,
		async stop() {
			child.stdin.end();
			return done;
		},
	};
}
