/** `--pid TID`: a thread's ID leads to its process (the Tgid its status names), against a real thread. */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {createLinuxCollector} from '../../../source/collect/linux/index.js';
import {readThreadOwner} from '../../../source/collect/linux/thread.js';
import {hasPython, startPython, threadListener} from '../../helpers/tools.js';

const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('thread test skipped: needs Linux and python3 (to start a named thread)');

describe.skipIf(!canRun)('readThreadOwner', () => {
	it('names the process of a second thread, with the thread\'s own name and the process\'s command', async () => {
		const {pid, line} = await startPython(threadListener);
		const tid = Number(line.split(' ')[0]);
		expect(tid).not.toBe(pid);
		// python3's comm is the name it was started by, which a distribution's link may make another.
		const command = readFileSync(`/proc/${pid}/comm`, 'utf8').trimEnd();
		expect(readThreadOwner(tid)).toEqual({tid, name: 'sock-worker', pid, command});
		// The collector the CLI routes --pid through answers the same.
		expect(await createLinuxCollector().threadOwner?.(tid)).toEqual({tid, name: 'sock-worker', pid, command});
	});

	it('is null for a process\'s own ID (its main thread) and for an ID nothing has', async () => {
		const {pid} = await startPython(threadListener);
		expect(readThreadOwner(pid)).toBeNull();
		expect(readThreadOwner(process.pid)).toBeNull();
		// Above pid_max (at most 2^22): never a thread.
		expect(readThreadOwner(2 ** 22 + 1)).toBeNull();
	});
});
