/** `--backend lsof --pid TID` on Linux: `lsof -p TID` lists nothing for a thread, so its process is shown, as the proc backend does. */
import {existsSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {createLsofCollector} from '../../../source/collect/lsof/index.js';
import {builtCli, runCli} from '../../helpers/run-cli.js';
import {hasLsof, hasPython, startPython, threadListener} from '../../helpers/tools.js';

const canRun = process.platform === 'linux' && hasPython;
const canRunCli = canRun && hasLsof && existsSync(builtCli);
if (!canRunCli) console.warn(`lsof --pid TID tests: some skipped, they need Linux, python3, lsof and ${builtCli} (npm run build)`);

describe.skipIf(!canRun)('the lsof backend and a thread ID', () => {
	it('names the process of a thread on Linux, and asks nothing of one elsewhere (macOS has no thread IDs among its PIDs)', async () => {
		const {pid, line} = await startPython(threadListener);
		const tid = Number(line.split(' ')[0]);
		expect(await createLsofCollector({platform: 'linux'}).threadOwner?.(tid)).toMatchObject({tid, name: 'sock-worker', pid});
		expect(await createLsofCollector({platform: 'linux'}).threadOwner?.(pid)).toBeNull();
		expect(createLsofCollector({platform: 'darwin'}).threadOwner).toBeUndefined();
	});

	it.skipIf(!canRunCli)('--pid TID --json shows the process, with the thread said, not "no process"', async () => {
		const {pid, line} = await startPython(threadListener);
		const [tid, port] = line.split(' ');
		const result = await runCli(['--backend', 'lsof', '--pid', tid!, '--json']);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const document = JSON.parse(result.stdout) as {thread: {tid: number} | null; process: {pid: number}; fds: Array<{socket: {localPort: number} | null}>};
		expect(document.thread).toMatchObject({tid: Number(tid)});
		expect(document.process.pid).toBe(pid);
		expect(document.fds.map(fd => fd.socket?.localPort)).toContain(Number(port));
	});
});
