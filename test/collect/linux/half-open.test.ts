import {describe, expect, it} from 'vitest';
import {halfOpenCounts} from '../../../source/collect/linux/half-open.js';
import type {RawSocket} from '../../../source/collect/linux/tables.js';
import {socket} from '../../helpers/socket.js';

/** A /proc/net/tcp entry: no holder, an inode (0 for a request the kernel keeps for a listener). */
const raw = (fields: Partial<RawSocket>): RawSocket => {
	const {user: _user, command: _command, pid: _pid, fd: _fd, netns: _netns, inode: _inode, ...rest} = socket({proto: 'tcp4', ...fields});
	return {...rest, inode: fields.inode ?? 0};
};

const listener = (address: string, port: number, inode: number, proto: RawSocket['proto'] = 'tcp4') =>
	raw({proto, localAddress: address, localPort: port, foreignAddress: '*', foreignPort: null, state: 'LISTEN', inode});
const request = (address: string, port: number, client: number, proto: RawSocket['proto'] = 'tcp4') =>
	raw({proto, localAddress: address, localPort: port, foreignAddress: '10.99.0.5', foreignPort: client, state: 'SYN_RECV', inode: 0});
const query = (fd: number, socket: RawSocket) => ({fd, link: `socket:[${socket.inode}]`, socket});

describe('halfOpenCounts: the half-open connections (SYN_RECV, inode 0) of the queried listeners', () => {
	it('counts a request for the listener on its address, else for the wildcard one on its port', () => {
		const wildcard = listener('*', 7000, 10);
		const loopback = listener('127.0.0.1', 7000, 11);
		const other = listener('*', 7100, 12);
		const sockets = [wildcard, loopback, other, request('10.99.0.1', 7000, 40_001), request('10.99.0.1', 7000, 40_002), request('127.0.0.1', 7000, 40_003)];
		expect(halfOpenCounts([query(3, wildcard), query(4, loopback), query(5, other)], sockets)).toEqual(new Map([[3, 2], [4, 1]]));
	});

	it('does not count a SYN_RECV socket a process holds (inode: TCP Fast Open, a simultaneous open), nor another protocol\'s', () => {
		const wildcard = listener('*', 7000, 10);
		const held = {...request('10.99.0.1', 7000, 40_001), inode: 77};
		// An IPv4 client of an IPv6 listener on every address: its request is an IPv4-mapped tcp6 entry.
		const mapped = request('::ffff:10.99.0.1', 7000, 40_002, 'tcp6');
		expect(halfOpenCounts([query(3, wildcard)], [wildcard, held, mapped])).toEqual(new Map());
		const wildcard6 = listener('::', 7000, 13, 'tcp6');
		expect(halfOpenCounts([query(6, wildcard6)], [wildcard6, mapped])).toEqual(new Map([[6, 1]]));
	});

	it('asks nothing of the tables when no listener is queried', () => {
		const connection = raw({state: 'ESTABLISHED', inode: 5});
		const tables = new Proxy([request('10.99.0.1', 7000, 40_001)], {
			get(target, key, receiver) {
				if (key === Symbol.iterator) throw new Error('tables read');
				return Reflect.get(target, key, receiver) as unknown;
			},
		});
		expect(halfOpenCounts([query(4, connection), {fd: 5, link: 'pipe:[1]', socket: null}], tables)).toEqual(new Map());
	});
});
