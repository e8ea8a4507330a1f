/**
 * Runs the external tools the backends read (ss, lsof, sockstat, procstat)
 * with their stdout and stderr going to unlinked temporary files, not pipes.
 * libuv makes a child's stdio pipes from unix socketpairs, so with pipes the
 * tool's own output channel shows up as a socket of socktop's: in lsof's
 * listing (lsof lists every process, socktop included), and in a /proc scan
 * running meanwhile. A file is no socket; unlinked at once, it leaves nothing
 * behind even if socktop is killed. Where no temporary directory is writable
 * (a container with a read-only filesystem), pipes it is: the output matters
 * more than one socket of socktop's own in the listing.
 *
 * Every tool started here is tracked until it exits, so that socktop can end
 * the ones still running when it ends (stopRunningTools): a child is not
 * killed with its parent, and a hung lsof (a dead NFS mount) would otherwise
 * outlive socktop, or keep it alive.
 */
import {type ChildProcess, spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {closeSync, fstatSync, openSync, readSync, unlinkSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {toolEnvironment} from './tool-path.js';

/** How a run ended: the tool's output and exit status, or why it never ran or finished. */
export type FileRun =
	| {readonly kind: 'exited'; readonly stdout: string; readonly stderr: string; readonly code: number}
	/** `code` is the errno name (ENOENT: not installed), or 'SIGNAL' when it was killed (timeout). */
	| {readonly kind: 'failed'; readonly code: string; readonly message: string};

/** $TMPDIR (or /tmp), then the usual other writable places: a read-only /tmp is common in containers. */
const tempDirectories = (): string[] => [os.tmpdir(), '/dev/shm', '/var/tmp'];

/** An open, already unlinked temporary file in the first of `directories` that takes one. */
function anonymousFile(directories: readonly string[]): number {
	let lastError: unknown = new Error('no temporary directory');
	for (const directory of directories) {
		const file = path.join(directory, `socktop-${process.pid}-${randomBytes(6).toString('hex')}`);
		try {
			const fd = openSync(file, 'w+', 0o600);
			unlinkSync(file);
			return fd;
		} catch (error) {
			lastError = error;
		}
	}

	throw lastError;
}

/** The whole file from offset 0 (the child moved the shared offset to its end). */
function readFrom0(fd: number): string {
	const buffer = Buffer.alloc(sizeOf(fd));
	let done = 0;
	while (done < buffer.length) {
		const read = readSync(fd, buffer, done, buffer.length - done, done);
		if (read === 0) break;
		done += read;
	}

	return buffer.toString('utf8', 0, done);
}

export type RunOptions = {
	/** Kill the tool after this many ms. */
	readonly timeout?: number;
	/** Where the temporary files may go, in order; default $TMPDIR, /dev/shm, /var/tmp. */
	readonly directories?: readonly string[];
	/**
	 * Kill the tool once its stdout passes this many bytes, and fail the run (code 'EFBIG') rather
	 * than read it: what others' sockets make a tool print must not take unbounded memory or disk.
	 */
	readonly maxBytes?: number;
	/** Run the tool in the C locale (LC_ALL=C), where its messages are read, not shown: gettext translates them otherwise. */
	readonly isCLocale?: boolean;
};

const environmentFor = (options: RunOptions): NodeJS.ProcessEnv => (options.isCLocale === true ? {...toolEnvironment(), LC_ALL: 'C'} : toolEnvironment());

const sizeOf = (fd: number) => fstatSync(fd).size;

/** How often a run with maxBytes looks at the size of its output while the tool runs. */
const SIZE_CHECK_MS = 20;

const tooLong = (command: string, maxBytes: number): FileRun => ({kind: 'failed', code: 'EFBIG', message: `${command} printed more than ${maxBytes} bytes`});

/** The tools running now, each with the promise of its exit. */
const running = new Map<ChildProcess, Promise<void>>();
/** Set by stopRunningTools: socktop is ending; no run starts or resolves any more. */
let isStopping = false;

/** What a run stopped by stopRunningTools resolves to: nothing, ever. */
const never = async (): Promise<never> => new Promise(() => undefined);

/** Keep track of a started tool until it exits (one that could not be started has no pid and is not tracked). */
function track(child: ChildProcess): void {
	if (child.pid === undefined) return;
	running.set(
		child,
		new Promise(resolve => {
			child.once('exit', () => {
				running.delete(child);
				resolve();
			});
		}),
	);
}

/** How long a tool gets to exit on SIGTERM before it gets SIGKILL. */
export const STOP_GRACE_MS = 200;

/**
 * End every tool still running, because socktop is ending: SIGTERM, then SIGKILL for any
 * still there after `graceMs` (one that ignores or blocks SIGTERM), so none is left
 * running without socktop. Resolves once all have exited, or at the latest once SIGKILL
 * is sent: it does not wait for that to land (a process stuck in the kernel on a dead NFS
 * mount dies only when its system call returns). Only for the end of socktop: from the
 * first call on, no run resolves, neither the ones it ends nor any asked for afterwards,
 * so nothing that waited on a tool goes on (no error for a tool killed on purpose, no
 * next tool started by a scan in flight) while socktop exits.
 */
export async function stopRunningTools(graceMs = STOP_GRACE_MS): Promise<void> {
	isStopping = true;
	if (running.size === 0) return;
	const children = [...running.keys()];
	const exits = [...running.values()];
	for (const child of children) child.kill('SIGTERM');
	let timer: ReturnType<typeof setTimeout> | undefined;
	await Promise.race([
		Promise.all(exits),
		new Promise<void>(resolve => {
			timer = setTimeout(resolve, graceMs);
		}),
	]);
	clearTimeout(timer);
	for (const child of running.keys()) child.kill('SIGKILL');
}

/**
 * Run `command args` (no shell; found on toolSearchPath), asynchronously; killed after `timeout` ms when given, or by
 * stopRunningTools. Never rejects.
 */
export async function runToFiles(command: string, args: readonly string[], options: RunOptions = {}): Promise<FileRun> {
	if (isStopping) return never();
	const directories = options.directories ?? tempDirectories();
	const fds: number[] = [];
	const close = () => {
		for (const fd of fds.splice(0)) {
			try {
				closeSync(fd);
			} catch {}
		}
	};

	try {
		fds.push(anonymousFile(directories), anonymousFile(directories));
	} catch {
		close();
		return runWithPipes(command, args, options);
	}

	const [out, err] = fds as [number, number];
	return new Promise(resolve => {
		let isDone = false;
		const finish = (run: () => FileRun) => {
			if (isDone) return;
			isDone = true;
			if (isStopping) {
				close();
				return;
			}

			try {
				resolve(run());
			} catch (error) {
				resolve(failure(error));
			} finally {
				close();
			}
		};

		try {
			const child = spawn(command, [...args], {stdio: ['ignore', out, err], env: environmentFor(options), timeout: options.timeout, windowsHide: true});
			track(child);
			const {maxBytes} = options;
			const isTooLong = () => maxBytes !== undefined && sizeOf(out) > maxBytes;
			const watch = maxBytes === undefined ? undefined : setInterval(() => isTooLong() && child.kill('SIGKILL'), SIZE_CHECK_MS);
			child.once('error', error => {
				clearInterval(watch);
				finish(() => failure(error));
			});
			child.once('exit', (code, signal) => {
				clearInterval(watch);
				finish(() => (isTooLong() ? tooLong(command, maxBytes!) : code === null ? killed(command, signal) : {kind: 'exited', stdout: readFrom0(out), stderr: readFrom0(err), code}));
			});
		} catch (error) {
			finish(() => failure(error));
		}
	});
}

/** runToFiles' last resort, when no temporary file can be made: the same run, read from pipes. */
async function runWithPipes(command: string, args: readonly string[], options: RunOptions): Promise<FileRun> {
	const {timeout, maxBytes} = options;
	return new Promise(resolve => {
		let isDone = false;
		const finish = (run: FileRun) => {
			if (isDone || isStopping) return;
			isDone = true;
			resolve(run);
		};

		try {
			const child = spawn(command, [...args], {stdio: ['ignore', 'pipe', 'pipe'], env: environmentFor(options), timeout, windowsHide: true});
			track(child);
			const out: Buffer[] = [];
			const err: Buffer[] = [];
			let outBytes = 0;
			child.stdout.on('data', (chunk: Buffer) => {
				outBytes += chunk.length;
				if (maxBytes !== undefined && outBytes > maxBytes) {
					out.length = 0;
					child.kill('SIGKILL');
				} else out.push(chunk);
			});
			child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
			child.once('error', error => {
				finish(failure(error));
			});
			// 'close', not 'exit': both pipes have been read to their end by then.
			child.once('close', (code, signal) => {
				finish(
					maxBytes !== undefined && outBytes > maxBytes
						? tooLong(command, maxBytes)
						: code === null
						? killed(command, signal)
						: {kind: 'exited', stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code},
				);
			});
		} catch (error) {
			finish(failure(error));
		}
	});
}

const killed = (command: string, signal: NodeJS.Signals | null): FileRun => ({
	kind: 'failed',
	code: 'SIGNAL',
	message: `${command} was killed (${signal ?? 'signal'})`,
});

function failure(error: unknown): FileRun {
	const code = (error as NodeJS.ErrnoException | null)?.code;
	const message = error instanceof Error ? error.message : String(error);
	return {kind: 'failed', code: typeof code === 'string' ? code : 'ERROR', message: message.split('\n')[0] ?? message};
}
