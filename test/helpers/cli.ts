import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {displayWidth} from '../../source/format/escape.js';

/** The built socktop (npm test builds it first); SOCKTOP_CLI points at another build. */
export const cliPath = process.env['SOCKTOP_CLI'] ?? fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
export const isBuilt = existsSync(cliPath);

export type CliResult = {
	readonly code: number | null;
	readonly stdout: Buffer;
	readonly stderr: string;
};

/** Run the built CLI with piped stdio and no colour; never throws on a non-zero exit. */
export async function runCli(args: readonly string[], environment: Record<string, string> = {}): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			[cliPath, ...args],
			{encoding: 'buffer', maxBuffer: 1 << 30, env: {...process.env, NO_COLOR: '1', ...environment}},
			(error, stdout, stderr) => {
				if (error !== null && typeof error.code !== 'number') {
					reject(error);
					return;
				}

				resolve({code: error === null ? 0 : (error.code as number), stdout, stderr: stderr.toString('utf8')});
			},
		);
	});
}

/** Characters that must never reach a terminal raw (what sanitize escapes), line feeds aside. */
// eslint-disable-next-line no-control-regex
export const terminalUnsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cf}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/u;

/** The display column (0-based) at which `needle` starts in `line`, or -1. */
export function displayColumn(line: string, needle: string | RegExp): number {
	const index = typeof needle === 'string' ? line.indexOf(needle) : line.search(needle);
	return index === -1 ? -1 : displayWidth(line.slice(0, index));
}

/** The text starting at display column `column` of `line` ('' past the end). */
export function atColumn(line: string, column: number): string {
	let used = 0;
	let index = 0;
	for (const character of line) {
		if (used >= column) {
			break;
		}

		used += displayWidth(character);
		index += character.length;
	}

	return used === column ? line.slice(index) : '';
}
