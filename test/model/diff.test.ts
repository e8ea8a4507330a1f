import {describe, expect, it, vi} from 'vitest';
import {diffSnapshots, socketKey} from '../../source/model/diff.js';
import {baseSockets, browser, hidden, nginx, snapshotOf, socket, sshd4} from '../components/live-fixtures.js';

describe('socketKey', () => {
	it('tells holders of one inode apart (a forked server) and keeps the same socket equal', () => {
		const child = {...sshd4, pid: 900, fd: 3};
		expect(socketKey(sshd4)).not.toBe(socketKey(child));
		expect(socketKey({...sshd4, state: 'CLOSE_WAIT', rxQueue: 5})).toBe(socketKey(sshd4));
	});

	it('uses the addresses when the backend has no inode (TIME_WAIT)', () => {
		const other = {...hidden, foreignPort: 5433};
		expect(socketKey(hidden)).not.toBe(socketKey(other));
		expect(socketKey({...hidden})).toBe(socketKey(hidden));
	});
});

describe('diffSnapshots across network namespaces', () => {
	it('keeps two TIME_WAIT entries with the same addresses in two namespaces as two rows, as --once does', () => {
		const inBlue = {...hidden, netns: 'blue'};
		const inRed = {...hidden, netns: 'red'};
		const rows = diffSnapshots(null, snapshotOf([inBlue, inRed]));
		expect(rows.map(row => row.socket.netns)).toEqual(['blue', 'red']);
		// And one that goes away in one namespace is gone there only.
		const next = diffSnapshots(snapshotOf([inBlue, inRed]), snapshotOf([inBlue]));
		expect(next.map(row => [row.socket.netns, row.mark])).toEqual([['blue', null], ['red', 'gone']]);
	});
});

describe('diffSnapshots', () => {
	it('marks nothing on the first snapshot', () => {
		const rows = diffSnapshots(null, snapshotOf(baseSockets));
		expect(rows.map(row => row.mark)).toEqual(baseSockets.map(() => null));
	});

	it('marks sockets new for one refresh and keeps gone ones for one refresh', () => {
		const first = snapshotOf(baseSockets);
		const newcomer = socket({proto: 'tcp4', inode: 4242, localPort: 8080, state: 'LISTEN', command: 'python3', pid: 5555, fd: 3});
		const second = snapshotOf([...baseSockets.filter(each => each !== nginx), newcomer]);
		const rows = diffSnapshots(first, second);
		expect(rows.filter(row => row.mark === 'new').map(row => row.socket)).toEqual([newcomer]);
		expect(rows.filter(row => row.mark === 'gone').map(row => row.socket)).toEqual([nginx]);
		expect(rows).toHaveLength(baseSockets.length + 1);

		const third = snapshotOf(second.sockets);
		const later = diffSnapshots(second, third);
		expect(later.every(row => row.mark === null)).toBe(true);
		expect(later.map(row => row.socket)).not.toContain(nginx);
	});

	it('tells new and gone holders of a listener shared by many forked workers', () => {
		// 40 workers: past the short list a bucket keeps, so holders are found through its map.
		const worker = (pid: number) => socket({proto: 'tcp4', inode: 7070, localPort: 80, state: 'LISTEN', command: 'apache2', pid, fd: 4});
		const before = snapshotOf(Array.from({length: 40}, (_, index) => worker(2000 + index)));
		const after = snapshotOf([...before.sockets.slice(1), worker(3000), worker(2005)]);
		const rows = diffSnapshots(before, after);
		expect(rows.filter(row => row.mark === 'new').map(row => row.socket.pid)).toEqual([3000]);
		expect(rows.filter(row => row.mark === 'gone').map(row => row.socket.pid)).toEqual([2000]);
		// The second listing of pid 2005 is the same holder: one row.
		expect(rows.filter(row => row.socket.pid === 2005)).toHaveLength(1);
		expect(rows).toHaveLength(41);
	});

	it('does not call a socket new because a field other than its identity changed', () => {
		const moved = {...browser, state: 'FIN_WAIT1' as const, txQueue: 300};
		const rows = diffSnapshots(snapshotOf([browser]), snapshotOf([moved]));
		expect(rows).toEqual([{key: socketKey(browser), socket: moved, mark: null}]);
	});

	it('tells the holders of one inode apart: a forked worker that exits is gone, a new one is new', () => {
		const worker = (pid: number) => ({...sshd4, pid, fd: 3});
		const first = snapshotOf([sshd4, worker(900), worker(901)]);
		const second = snapshotOf([sshd4, worker(901), worker(902), {...worker(902)}]);
		const rows = diffSnapshots(first, second);
		expect(rows.map(row => [row.socket.pid, row.mark])).toEqual([
			[sshd4.pid, null],
			[901, null],
			[902, 'new'],
			[900, 'gone'],
		]);
		expect(new Set(rows.map(row => row.key)).size).toBe(4);
	});

	it('keeps every holder of a socket shared past the short list, one process holding it on two fds too', () => {
		// 20 workers put the inode's holders in a map; pid 2000 holds the listener on fd 4 and fd 5 (dup2).
		const worker = (pid: number, fd = 4) => socket({proto: 'tcp4', inode: 7070, localPort: 80, state: 'LISTEN', command: 'apache2', pid, fd});
		const workers = Array.from({length: 20}, (_, index) => worker(2000 + index));
		const rows = diffSnapshots(null, snapshotOf([...workers, worker(2000, 5)]));
		expect(rows).toHaveLength(21);
		expect(rows.filter(row => row.socket.pid === 2000).map(row => row.socket.fd)).toEqual([4, 5]);
		const next = diffSnapshots(snapshotOf(workers), snapshotOf([...workers, worker(2000, 5)]));
		expect(next.filter(row => row.mark === 'new').map(row => [row.socket.pid, row.socket.fd])).toEqual([[2000, 5]]);
	});

	it('keeps two holder-less sockets without inodes that differ only in state as two rows', () => {
		// A netstat capture without -p: a unix listener and a connection it accepted share the path.
		const listener = socket({proto: 'stream', inode: 0, path: '/run/app.sock', state: 'LISTEN'});
		const accepted = {...listener, state: 'ESTABLISHED' as const};
		const rows = diffSnapshots(null, snapshotOf([listener, accepted]));
		expect(rows.map(row => row.socket.state)).toEqual(['LISTEN', 'ESTABLISHED']);
	});

	it('keeps each of two alike sockets without an inode or holder as its own row, with its own key, new or gone one by one', () => {
		// Two connections waiting in a unix listener's accept queue: embryos, inode 0, held by no one.
		const embryo = socket({proto: 'stream', inode: 0, path: '/run/app.sock', state: 'CONNECTING'});
		const two = snapshotOf([embryo, {...embryo}]);
		const rows = diffSnapshots(null, two);
		expect(rows).toHaveLength(2);
		expect(new Set(rows.map(row => row.key)).size).toBe(2);
		expect(diffSnapshots(two, snapshotOf([{...embryo}, {...embryo}])).map(row => row.mark)).toEqual([null, null]);
		expect(diffSnapshots(two, snapshotOf([{...embryo}])).map(row => row.mark)).toEqual([null, 'gone']);
		expect(diffSnapshots(snapshotOf([{...embryo}]), two).map(row => row.mark)).toEqual([null, 'new']);
	});

	it('keys a full accept queue of embryos base, base#2, base#3... with a linear number of lookups', () => {
		// 4,000 embryos probed each key from #2 up: 8 million lookups, 4 s a refresh.
		const embryo = socket({proto: 'stream', inode: 0, path: '/run/app.sock', state: 'CONNECTING'});
		const count = 2000;
		const queue = snapshotOf(Array.from({length: count}, () => ({...embryo})));
		const has = vi.spyOn(Map.prototype, 'has');
		try {
			const rows = diffSnapshots(null, queue);
			expect(has.mock.calls.length).toBeLessThan(4 * count);
			const base = socketKey(embryo);
			expect(rows.map(row => row.key)).toEqual([base, ...Array.from({length: count - 1}, (_, index) => `${base}#${index + 2}`)]);
		} finally {
			has.mockRestore();
		}
	});

	it('lists a socket a backend reports twice once', () => {
		const rows = diffSnapshots(null, snapshotOf([sshd4, {...sshd4}]));
		expect(rows).toHaveLength(1);
	});
});
