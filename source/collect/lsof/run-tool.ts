import {constants} from 'node:fs';
import {access, stat} from 'node:fs/promises';
import path from 'node:path';
import {quotedExample} from '../../format/dropped.js';
import {sanitize} from '../../format/escape.js';
import {UserError} from '../collector.js';
import {runToFiles} from '../run-to-files.js';
import {toolSearchPath} from '../tool-path.js';

/** What a tool printed; `code` is its exit status (0 when it succeeded). */
export type ToolOutput = {
	readonly stdout: string;
	readonly stderr: string;
	readonly code: number;
};

/**
 * The first line of what a tool said on stderr, made harmless: it is shown in the header and
 * the --once note, and a tool found on PATH may print anything (an escape that retitles the
 * terminal). '' when it said nothing.
 */
export const stderrLine = (output: Pick<ToolOutput, 'stderr'>): string => sanitize(output.stderr.trim().split('\n')[0] ?? '');

/**
 * What a backend's tool printed that socktop could not read (another version's output, a stand-in
 * on PATH that prints something else), said rather than dropped, since the table left would read
 * as no sockets at all: `30 fields of lsof's output could not be read (e.g. '…')`, and the
 * header's short form `30 fields of lsof unread`. `count` parts (lsof's fields, sockstat's lines),
 * `example` the first of them, raw. null when every part was read.
 */
export function unreadOutput(command: string, count: number, unit: 'field' | 'line', example: string | undefined): {readonly note: string; readonly short: string} | null {
	if (count === 0) return null;
	const parts = `${count} ${unit}${count === 1 ? '' : 's'}`;
	return {note: `${parts} of ${command}'s output could not be read${quotedExample(example)}`, short: `${parts} of ${command} unread`};
}

/** Runs one external tool; tests hand in a fake to feed captured outputs. */
export type RunTool = (command: string, args: readonly string[]) => Promise<ToolOutput>;

/**
 * Runs a tool asynchronously (a long lsof run must not freeze the key handling),
 * resolving with the output even when the tool exits non-zero: lsof exits 1
 * when one of its lookups failed or nothing matched but still prints what it
 * found. The output goes through files, not pipes (run-to-files.ts), so lsof
 * does not list socktop's end of its own output pipe as a socket. `missing` is
 * the one-line message for ENOENT (tool not installed).
 */
export function runTool(missing: (command: string) => string): RunTool {
	return async (command, args) => {
		const run = await runToFiles(command, args);
		if (run.kind === 'exited') {
			return {stdout: run.stdout, stderr: run.stderr, code: run.code};
		}

		if (run.code === 'ENOENT') throw new UserError(missing(command));
		if (run.code === 'EACCES') throw new UserError(`cannot run ${command}: permission denied`);
		// Killed by a signal, or it could not be started: a failed run, not a mistake of the user's (exit 1, not 2).
		throw new Error(`${command} failed: ${run.message}`);
	};
}

/**
 * Throws `missing`'s UserError when no directory of toolSearchPath holds an executable `command`, as
 * spawning it would find: asked before the live view opens, which would otherwise show
 * "Reading sockets…" and retry the missing tool forever. One stat and access per directory.
 */
export async function checkInstalled(command: string, missing: (command: string) => string, searchPath = toolSearchPath()): Promise<void> {
	for (const directory of searchPath.split(path.delimiter)) {
		const file = path.join(directory === '' ? '.' : directory, command);
		try {
			if ((await stat(file)).isFile()) {
				await access(file, constants.X_OK);
				return;
			}
		} catch {
			// Not there, or not executable: the next directory.
		}
	}

	throw new UserError(missing(command));
}
