import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const builtCli = path.join(repoRoot, 'dist/cli.js');

export type CliResult = {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
};

/**
 * Run a socktop binary (the built bundle by default) with pipes for stdio, as a
 * script would: stdout is not a TTY. Never rejects; the exit code is data.
 */
export async function runCli(
	args: readonly string[],
	options: {readonly env?: NodeJS.ProcessEnv; readonly command?: readonly string[]; readonly cwd?: string; readonly input?: string} = {},
): Promise<CliResult> {
	if (options.command === undefined && !existsSync(builtCli)) {
		throw new Error(`${builtCli} is missing: run \`npm run build\` first (npm test does)`);
	}

	const [file, ...prefix] = options.command ?? [process.execPath, builtCli];
	return new Promise(resolve => {
		const child = execFile(
			file!,
			[...prefix, ...args],
			{cwd: options.cwd ?? repoRoot, env: {...process.env, ...options.env}, maxBuffer: 256 * 1024 * 1024, timeout: 60_000},
			(error, stdout, stderr) => {
				const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
				resolve({code, stdout, stderr});
			},
		);
		child.stdin?.end(options.input ?? '');
	});
}
