import {describe, expect, it} from 'vitest';
import {markGonePaths} from '../../../source/collect/linux/path-gone.js';
import type {Socket} from '../../../source/model/types.js';
import {socket} from '../../helpers/socket.js';

const listener = (overrides: Partial<Socket>): Socket =>
	socket({proto: 'stream', state: 'LISTEN', path: '/run/app.sock', command: 'app', pid: 100, fd: 3, netns: 'host', ...overrides});

describe('markGonePaths', () => {
	// The filesystem each holder sees (its mount namespace and root): pid 300 is a container's.
	const viewOf = (pid: number) => (pid === 300 ? 'mnt:[2] /' : pid === 400 ? 'mnt:[3] /' : 'mnt:[1] /');

	it('asks once per listening path in each filesystem view, however many rows hold it', () => {
		const asked: string[] = [];
		const isGone = (pid: number, path: string | Buffer) => {
			asked.push(`${pid} ${path}`);
			return path === '/run/app.sock';
		};

		// A forked server: three workers hold one listener; a container has its own /run/app.sock.
		const sockets = [
			listener({pid: 100}),
			listener({pid: 101}),
			listener({pid: 102}),
			listener({pid: 300, netns: 'docker:3f4e5a6b7c8d'}),
			listener({pid: 100, fd: 4, path: '/run/other.sock'}),
		];
		markGonePaths(sockets, {isGone, viewKey: viewOf});
		expect(asked).toEqual(['100 /run/app.sock', '300 /run/app.sock', '100 /run/other.sock']);
		expect(sockets.map(each => each.isPathGone)).toEqual([true, true, true, true, undefined]);
	});

	it('asks again for a holder in another mount namespace of the same network namespace, and for one whose view is unreadable', () => {
		const asked: number[] = [];
		// unshare -m: pid 400 shares the host's network namespace but mounts a tmpfs of its own over /run.
		const sockets = [listener({pid: 100}), listener({pid: 400}), listener({pid: 500}), listener({pid: 501})];
		markGonePaths(sockets, {
			isGone(pid) {
				asked.push(pid);
				return pid === 100;
			},
			viewKey: pid => (pid >= 500 ? null : viewOf(pid)),
		});
		expect(asked).toEqual([100, 400, 500, 501]);
		expect(sockets.map(each => each.isPathGone)).toEqual([true, undefined, undefined, undefined]);
	});

	it('asks nothing of sockets whose file cannot be looked at: not listening, abstract, relative, no holder', () => {
		const asked: string[] = [];
		const sockets = [
			listener({state: 'ESTABLISHED'}),
			listener({path: '@abstract'}),
			listener({path: 'relative.sock'}),
			listener({pid: null, command: null}),
			socket({proto: 'tcp4', state: 'LISTEN', pid: 100}),
		];
		const before = [...sockets];
		markGonePaths(sockets, {
			isGone(_pid, path) {
				asked.push(String(path));
				return true;
			},
			viewKey: viewOf,
		});
		expect(asked).toEqual([]);
		expect(sockets).toEqual(before);
	});

	it('leaves a listener unmarked when its file cannot be told (EACCES)', () => {
		const sockets = [listener({})];
		markGonePaths(sockets, {isGone: () => undefined, viewKey: viewOf});
		expect(sockets[0]?.isPathGone).toBeUndefined();
	});
});
