import {execFile} from 'node:child_process';
import {UserError} from '../collector.js';

/** What a tool printed; `code` is its exit status (0 when it succeeded). */
export type ToolOutput = {
	readonly stdout: string;
	readonly stderr: string;
	readonly code: number;
};

/** Runs one external tool; tests hand in a fake to feed captured outputs. */
export type RunTool = (command: string, args: readonly string[]) => Promise<ToolOutput>;

/** Large enough for lsof on a machine with 100,000 sockets (~10 MB of -F output). */
const maxBuffer = 256 * 1024 * 1024;

/**
 * execFile, asynchronously (a long lsof run must not freeze the key handling),
 * resolving with the output even when the tool exits non-zero: lsof exits 1
 * when one of its lookups failed or nothing matched but still prints what it
 * found. `missing` is the one-line message for ENOENT (tool not installed).
 */
export function runTool(missing: (command: string) => string): RunTool {
	return async (command, args) =>
		new Promise((resolve, reject) => {
			execFile(command, [...args], {maxBuffer, encoding: 'utf8', windowsHide: true}, (error, stdout, stderr) => {
				if (error === null) {
					resolve({stdout, stderr, code: 0});
					return;
				}

				const code = 'code' in error ? error.code : undefined;
				if (code === 'ENOENT') {
					reject(new UserError(missing(command)));
				} else if (code === 'EACCES') {
					reject(new UserError(`cannot run ${command}: permission denied`));
				} else if (typeof code === 'number') {
					resolve({stdout, stderr, code});
				} else {
					// Killed by a signal or the buffer overflowed: report it as a failed run.
					reject(new UserError(`${command} failed: ${error.message.split('\n')[0] ?? ''}`));
				}
			});
		});
}
