import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import process from 'node:process';
import {describe, expect, it} from 'vitest';
import {builtCli, runCli} from '../../helpers/run-cli.js';
import {whyToolCannotBeHidden} from '../../helpers/tools.js';

const has = (command: string, args: readonly string[]) => {
	try {
		execFileSync(command, args, {stdio: 'ignore'});
		return true;
	} catch (error) {
		return (error as {status?: number}).status !== undefined;
	}
};

const isBuilt = existsSync(builtCli);
const canDropToNobody = process.platform === 'linux' && process.getuid?.() === 0 && has('setpriv', ['--version']) && has('lsof', ['-v']);
if (!isBuilt || !canDropToNobody) {
	console.warn(`skipping the lsof CLI tests: they need ${builtCli} (npm run build), root, setpriv and lsof`);
}

const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, builtCli];

describe.skipIf(!isBuilt || !canDropToNobody)('socktop --backend lsof through the CLI', () => {
	it('as an unprivileged user, lists its own sockets and says other users\' are hidden', async () => {
		const result = await runCli(['--backend', 'lsof', '--json'], {command: asNobody});
		expect(result.code).toBe(0);
		const document = JSON.parse(result.stdout) as {backend: string; sockets: Array<{uid: number | null}>; skipped: {unreadableTables: string[]; deniedProcesses: number | null; deniedAsRoot: boolean | null}};
		expect(document.backend).toBe('lsof');
		expect(document.skipped.unreadableTables).toContain('lsof lists only your own sockets — run as root');
		// lsof says nothing of the processes it could not read: not 0, which would claim none.
		expect(document.skipped).toMatchObject({deniedProcesses: null, deniedAsRoot: null});
		expect(document.sockets.every(socket => socket.uid === 65_534)).toBe(true);
	});

	it('as an unprivileged user, shows why the PID view of a root process is empty', async () => {
		const result = await runCli(['--backend', 'lsof', '--pid', '1', '--once'], {command: asNobody});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Note: lsof could not read the open files of PID 1: permission denied (run as root or as its user)');
	});

	const whyLsofFound = whyToolCannotBeHidden('lsof');
	if (isBuilt && canDropToNobody && whyLsofFound !== null) console.warn(`skipping the lsof CLI test without lsof on PATH: ${whyLsofFound}`);

	it.skipIf(whyLsofFound !== null)('without lsof on PATH, prints one line naming the tool and the way out', async () => {
		const result = await runCli(['--backend', 'lsof', '--json'], {env: {PATH: '/nonexistent'}});
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe('socktop: lsof not found on PATH or in /usr/sbin, /sbin: install it (apt install lsof / brew install lsof) or use --backend proc\n');
	});
});
