import {describe, expect, it} from 'vitest';
import {markGonePaths} from '../../../source/collect/linux/path-gone.js';
import type {Socket} from '../../../source/model/types.js';
import {socket} from '../../helpers/socket.js';

const listener = (overrides: Partial<Socket>): Socket =>
	socket({proto: 'stream', state: 'LISTEN', path: '/run/app.sock', command: 'app', pid: 100, fd: 3, netns: 'host', ...overrides});

describe('markGonePaths', () => {
	it('asks once per listening path in each namespace, however many rows hold it', () => {
		const asked: string[] = [];
		const isGone = (pid: number, path: string) => {
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
		markGonePaths(sockets, isGone);
		expect(asked).toEqual(['100 /run/app.sock', '300 /run/app.sock', '100 /run/other.sock']);
		expect(sockets.map(each => each.isPathGone)).toEqual([true, true, true, true, undefined]);
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
		markGonePaths(sockets, (_pid, path) => {
			asked.push(path);
			return true;
		});
		expect(asked).toEqual([]);
		expect(sockets).toEqual(before);
	});

	it('leaves a listener unmarked when its file cannot be told (EACCES)', () => {
		const sockets = [listener({})];
		markGonePaths(sockets, () => undefined);
		expect(sockets[0]?.isPathGone).toBeUndefined();
	});
});
