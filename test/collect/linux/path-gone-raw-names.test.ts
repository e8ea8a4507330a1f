import fs from 'node:fs';
import {describe, expect, it, vi} from 'vitest';
import {markGonePaths, type RawNames} from '../../../source/collect/linux/path-gone.js';
import {socket} from '../../helpers/socket.js';
import {hasPython, startPython} from '../../helpers/tools.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

/**
 * A listener whose name is not UTF-8 is looked up by its bytes, read from /proc/PID/net/unix:
 * the whole table, so the live view reads it only when such a listener is new to it.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('raw names test skipped: needs Linux and python3');

const directory = tempDirectory('prn');

// A listener bound at "bad\xff.sock", whose file is then removed; prints its socket inode.
const script = `
import os, socket, sys
name = os.fsencode(sys.argv[1]) + b'/bad\\xff.sock'
listener = socket.socket(socket.AF_UNIX); listener.bind(name); listener.listen(1); os.unlink(name)
print(os.fstat(listener.fileno()).st_ino, flush=True)
sys.stdin.read()
`;

describe.skipIf(!canRun)('markGonePaths and a name that is not UTF-8', () => {
	it('reads /proc/PID/net/unix for its bytes once, not on every refresh, and still tells it gone', async () => {
		const {pid, line} = await startPython(script, [directory]);
		const row = () => [socket({proto: 'stream', state: 'LISTEN', path: `${directory}/bad\\xff.sock`, pid, fd: 3, inode: Number(line), netns: 'host'})];
		const read = vi.spyOn(fs, 'readFileSync');
		const rawNames: RawNames = new Map();
		const refreshes = [row(), row(), row()];
		try {
			for (const sockets of refreshes) markGonePaths(sockets, {rawNames});
			expect(read.mock.calls.filter(([file]) => String(file).endsWith('/net/unix'))).toHaveLength(1);
		} finally {
			read.mockRestore();
		}

		expect(refreshes.map(([each]) => each!.isPathGone)).toEqual([true, true, true]);
	});
});
