import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';

/**
 * Root in a fresh PID namespace (`unshare --pid --fork --mount-proc`) can read
 * every process it sees, so nothing is denied: the JSON must not claim that
 * root was refused (skipped.deniedAsRoot), and every count is 0.
 */
const unshare = ['unshare', '--pid', '--fork', '--mount-proc'];
const canRun =
	process.platform === 'linux' && process.getuid?.() === 0 && isBuilt && spawnSync(unshare[0]!, [...unshare.slice(1), 'true']).status === 0;
if (!canRun) {
	console.warn(`pid-namespace: skipped, needs Linux, root, unshare (util-linux) that may make a PID namespace, and a build at ${cliPath}`);
}

describe.skipIf(!canRun)('as root in a private PID namespace', () => {
	it('reads every process and says root was refused nothing', () => {
		const result = spawnSync(unshare[0]!, [...unshare.slice(1), process.execPath, cliPath, '--json'], {encoding: 'utf8', maxBuffer: 1 << 28});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		const {skipped} = JSON.parse(result.stdout) as {skipped: Record<string, unknown>};
		expect(skipped).toMatchObject({deniedProcesses: 0, deniedNamespaces: 0, deniedAsRoot: false});
	});
});
