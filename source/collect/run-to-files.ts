/**
 * Runs the external tools the backends read (ss, lsof, sockstat, procstat)
 * with their stdout and stderr going to unlinked temporary files, not pipes.
 * libuv makes a child's stdio pipes from unix socketpairs, so with pipes the
 * tool's own output channel shows up as a socket of socktop's: in lsof's
 * listing (lsof lists every process, socktop included), and in a /proc scan
 * running meanwhile. A file is no socket; unlinked at once, it leaves nothing
 * behind even if socktop is killed.
 */
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {closeSync, fstatSync, openSync, readSync, unlinkSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

/** How a run ended: the tool's output and exit status, or why it never ran or finished. */
export type FileRun =
	| {readonly kind: 'exited'; readonly stdout: string; readonly stderr: string; readonly code: number}
	/** `code` is the errno name (ENOENT: not installed), or 'SIGNAL' when it was killed (timeout). */
	| {readonly kind: 'failed'; readonly code: string; readonly message: string};

/** An open, already unlinked temporary file. */
function anonymousFile(): number {
	const file = path.join(os.tmpdir(), `socktop-${process.pid}-${randomBytes(6).toString('hex')}`);
	const fd = openSync(file, 'w+', 0o600);
	unlinkSync(file);
	return fd;
}

/** The whole file from offset 0 (the child moved the shared offset to its end). */
function readFrom0(fd: number): string {
	const buffer = Buffer.alloc(fstatSync(fd).size);
	let done = 0;
	while (done < buffer.length) {
		const read = readSync(fd, buffer, done, buffer.length - done, done);
		if (read === 0) break;
		done += read;
	}

	return buffer.toString('utf8', 0, done);
}

/** Run `command args` (no shell), asynchronously; killed after `timeout` ms when given. Never rejects. */
export async function runToFiles(command: string, args: readonly string[], options: {readonly timeout?: number} = {}): Promise<FileRun> {
	const fds: number[] = [];
	const close = () => {
		for (const fd of fds.splice(0)) {
			try {
				closeSync(fd);
			} catch {}
		}
	};

	try {
		fds.push(anonymousFile(), anonymousFile());
	} catch (error) {
		close();
		return failure(error);
	}

	const [out, err] = fds as [number, number];
	return new Promise(resolve => {
		let isDone = false;
		const finish = (run: () => FileRun) => {
			if (isDone) return;
			isDone = true;
			try {
				resolve(run());
			} catch (error) {
				resolve(failure(error));
			} finally {
				close();
			}
		};

		try {
			const child = spawn(command, [...args], {stdio: ['ignore', out, err], timeout: options.timeout, windowsHide: true});
			child.once('error', error => {
				finish(() => failure(error));
			});
			child.once('exit', (code, signal) => {
				finish(() =>
					code === null
						? {kind: 'failed', code: 'SIGNAL', message: `${command} was killed (${signal ?? 'signal'})`}
						: {kind: 'exited', stdout: readFrom0(out), stderr: readFrom0(err), code},
				);
			});
		} catch (error) {
			finish(() => failure(error));
		}
	});
}

function failure(error: unknown): FileRun {
	const code = (error as NodeJS.ErrnoException | null)?.code;
	const message = error instanceof Error ? error.message : String(error);
	return {kind: 'failed', code: typeof code === 'string' ? code : 'ERROR', message: message.split('\n')[0] ?? message};
}
