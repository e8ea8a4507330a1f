import fs, {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {markGonePaths} from '../../../source/collect/linux/path-gone.js';
import {socket} from '../../helpers/socket.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

/**
 * markGonePaths runs on every refresh of the live view, synchronously: 3000 listeners in one
 * directory 6 deep must not cost 7 lstats and a readlink of the holder's root each.
 */
const canRun = process.platform === 'linux';
if (!canRun) console.warn('markGonePaths lookup tests skipped: Linux only');
const directory = tempDirectory('pgl');

describe.skipIf(!canRun)('markGonePaths\' lookups', () => {
	it('resolves a directory once and reads a holder\'s root once per call, and still answers each file', () => {
		const deep = path.join(directory, 'a', 'b', 'c', 'd', 'e');
		mkdirSync(deep, {recursive: true});
		// Not sockets: each listener's file counts as gone, the one removed too.
		for (let each = 0; each < 50; each += 2) writeFileSync(path.join(deep, `${each}.sock`), '');
		const sockets = Array.from({length: 50}, (_, each) =>
			socket({proto: 'stream', state: 'LISTEN', path: path.join(deep, `${each}.sock`), pid: process.pid, fd: each + 3, inode: 1000 + each, netns: 'host'}));
		const lstat = vi.spyOn(fs, 'lstatSync');
		const readlink = vi.spyOn(fs, 'readlinkSync');
		try {
			markGonePaths(sockets, {viewKey: () => 'view'});
			const depth = deep.split('/').length - 1;
			expect(lstat.mock.calls.length).toBeLessThanOrEqual(50 + depth);
			expect(readlink.mock.calls.length).toBeLessThanOrEqual(1);
		} finally {
			lstat.mockRestore();
			readlink.mockRestore();
		}

		expect(sockets.every(each => each.isPathGone === true)).toBe(true);
	});

	it('reads a holder\'s root once for its filesystem view and the lookup under it', () => {
		const sockets = [socket({proto: 'stream', state: 'LISTEN', path: path.join(directory, 'gone.sock'), pid: process.pid, fd: 3, inode: 2000, netns: 'host'})];
		const readlink = vi.spyOn(fs, 'readlinkSync');
		try {
			markGonePaths(sockets);
			const links = readlink.mock.calls.map(([link]) => String(link));
			expect(links.filter(link => link.endsWith('/root'))).toEqual([`/proc/${process.pid}/root`]);
			expect(links.filter(link => link.endsWith('/ns/mnt'))).toEqual([`/proc/${process.pid}/ns/mnt`]);
		} finally {
			readlink.mockRestore();
		}

		expect(sockets[0]!.isPathGone).toBe(true);
	});
});
