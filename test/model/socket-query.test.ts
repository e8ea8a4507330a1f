import {describe, expect, it} from 'vitest';
import {columnsFor, COLUMNS, type ColumnContext} from '../../source/model/columns.js';
import {applyFilters} from '../../source/model/filter.js';
import {socketQuery, type TextSearch} from '../../source/model/text-filter.js';
import type {Socket} from '../../source/model/types.js';
import {defaultFilters} from '../../source/options.js';
import {makeSocket, sampleSockets} from '../format/sockets.js';

const context: ColumnContext = {serviceName: socket => (socket.localPort === 22 ? 'ssh' : socket.foreignPort === 8080 ? 'http-alt' : '')};
const search: TextSearch = {columns: COLUMNS, context};
const inodes = (text: string, sockets: readonly Socket[] = sampleSockets, within: TextSearch = search) =>
	applyFilters(sockets, {...defaultFilters, text}, within).map(socket => socket.inode);

describe('the live / query', () => {
	it('combines words across the row, and excludes with !', () => {
		expect(inodes('estab nginx')).toEqual([104]);
		expect(inodes('listen !tcp6')).toEqual([101, 107]);
		expect(inodes('estab !alice !nginx')).toEqual([106, 110]);
	});

	it('tells the local port from the foreign one, exactly', () => {
		expect(inodes('lport:8080')).toEqual([104, 0]);
		expect(inodes('fport:8080')).toEqual([103]);
		expect(inodes('port:8080')).toEqual([103, 104, 0]);
		// 80 is no part of 8080, and a raw socket's 1 is a protocol, no port.
		expect(inodes('port:80')).toEqual([]);
		expect(inodes('lport:1')).toEqual([]);
		expect(inodes('lport:8000-9000 estab')).toEqual([104]);
		expect(inodes('lport:22,53')).toEqual([101, 102, 106]);
		const wide = [makeSocket({localPort: 443, inode: 1}), makeSocket({localPort: 4430, inode: 2}), makeSocket({pid: 14_432, inode: 3})];
		expect(inodes('lport:443', wide)).toEqual([1]);
		expect(inodes('443', wide)).toEqual([1, 2, 3]);
	});

	it('takes --sort\'s column names, text within the cell, PID and FD exactly', () => {
		expect(inodes('command:ngi')).toEqual([104]);
		expect(inodes('state:estab proto:udp')).toEqual([106]);
		expect(inodes('state:close-wait')).toEqual([]);
		expect(inodes('state:time-wait')).toEqual([0]);
		expect(inodes('pid:1')).toEqual([107]);
		expect(inodes('pid:812')).toEqual([101, 102]);
		expect(inodes('fd:12')).toEqual([104]);
		expect(inodes('service:ssh')).toEqual([101, 102]);
		expect(inodes('user:alice')).toEqual([103, 109]);
		expect(inodes('user:33')).toEqual([104]);
		expect(inodes('proto:stream')).toEqual([107, 109]);
	});

	it('reads an address column\'s port to the cell\'s end, and host: as a whole address', () => {
		expect(inodes('local:*:22')).toEqual([101, 102]);
		expect(inodes('local::53')).toEqual([106]);
		expect(inodes('local:[::1]')).toEqual([104, 106]);
		expect(inodes('foreign:/run/systemd')).toEqual([109]);
		expect(inodes('host:::1')).toEqual([104, 106]);
		expect(inodes('host:[::1]')).toEqual([104, 106]);
		// nginx's (104) IPv4 client too, at ::ffff:127.0.0.1 on its IPv6 socket.
		expect(inodes('host:127.0.0.1')).toEqual([103, 104, 0]);
		expect(inodes('host:127.0.0')).toEqual([]);
		expect(inodes('host:127.0.…')).toEqual([103, 104, 0]);
		expect(inodes('host:::ffff:127.0.0.1')).toEqual([104]);
	});

	it('finds NETNS by name:, with or without the column', () => {
		expect(inodes('netns:web', sampleSockets, {columns: columnsFor(['host', 'web']), context})).toEqual([0]);
		expect(inodes('netns:web')).toEqual([0]);
		expect(inodes('!netns:host')).toEqual([0]);
	});

	it('keeps plain text where no known name comes before a colon', () => {
		expect(inodes('[::1]:53')).toEqual([106]);
		expect(inodes('*:22')).toEqual([101, 102]);
		expect(inodes('@abstract')).toEqual([110]);
		expect(inodes('::ffff:127.0.0.1')).toEqual([104]);
	});

	it('says why a value is refused, and guesses a mistyped name', () => {
		expect(socketQuery('lport:http').hint).toBe("lport: 'http' is not a port number (1-65535)");
		expect(socketQuery('pid:x').hint).toBe("pid: 'x' is not a number");
		expect(socketQuery('lpot:443').hint).toBe('lpot: is no column (lport:?), read as text');
		expect(socketQuery('stat:listen').hint).toBe('stat: is no column (state:?), read as text');
		expect(inodes('lport:http')).toEqual([]);
		// -p's reading and messages: the same list, the same words.
		expect(socketQuery('port:70000').hint).toBe('port: port 70000 is out of range (1-65535)');
		expect(socketQuery('port:9000-8000').hint).toBe('port: range 9000-8000 is reversed (write 8000-9000)');
		expect(socketQuery('port:22,').hint).toBe("port: '22,' has an empty item (e.g. 22,80,8000-8100)");
	});
});
