/** `--pid N` with socket filters: they narrow the fds listed to the socket fds the table would list, as lsof -a -p N -i. */
import {describe, expect, it} from 'vitest';
import {fdFilterNote, filterFds} from '../../source/model/pid-filter.js';
import type {FileDescriptor} from '../../source/model/process.js';
import {defaultFilters, type Filters} from '../../source/options.js';
import {inetSocket, nginxFds} from '../components/pid-fixtures.js';

const fds = nginxFds();
const numbers = (filters: Partial<Filters>) => filterFds(fds, {...defaultFilters, ...filters})?.fds.map(fd => fd.fd);

describe('filterFds', () => {
	it('is null, every fd listed, without a socket filter: none given, or only --netns, which a process\'s own namespace would fail', () => {
		expect(filterFds(fds, undefined)).toBeNull();
		expect(filterFds(fds, defaultFilters)).toBeNull();
		expect(filterFds(fds, {...defaultFilters, netns: 'host'})).toBeNull();
	});

	it('keeps the socket fds each filter keeps in the table, and no file, pipe or socket missing from the tables', () => {
		// nginx: 0 /dev/null, 2 a log, 3 a unix client, 4 a log, 5 *:80 tcp4, 6 *:80 tcp6, 8-17 IPv6 clients, 19 a pipe, 20 a file.
		expect(numbers({listening: true})).toEqual([5, 6]);
		expect(numbers({connected: true})).toEqual([3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
		expect(numbers({ipv4: true})).toEqual([5]);
		expect(numbers({ipv6: true, listening: true})).toEqual([6]);
		expect(numbers({unix: true})).toEqual([3]);
		expect(numbers({protocols: ['tcp'], ports: [[51_000, 51_001]]})).toEqual([8, 9]);
		// -L keeps unix sockets (no Internet socket) and these, none with a loopback end.
		expect(numbers({noLoopback: true})).toEqual([3, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
	});

	it('--user: the sockets of a process of that user (by name or uid), none of another\'s', () => {
		expect(numbers({user: 'root', listening: true})).toEqual([5, 6]);
		expect(numbers({user: '0', listening: true})).toEqual([5, 6]);
		expect(filterFds(fds, {...defaultFilters, user: 'www-data'})).toMatchObject({fds: [], hidden: fds.length});
	});

	it('counts what it hides among the fds read, and says the filters in force in the header\'s words', () => {
		const filter = filterFds(fds, {...defaultFilters, listening: true, ports: [[80, 80]], netns: 'host'})!;
		expect(filter).toMatchObject({active: ['listening', 'port 80'], hidden: fds.length - 2});
		expect(fdFilterNote(filter)).toBe(`Filters in force: listening, port 80; they hide ${fds.length - 2} of the ${fds.length} fds read`);
	});

	it('hides nothing of a process whose fds could not be read, and says so', () => {
		const none: FileDescriptor[] = [];
		expect(fdFilterNote(filterFds(none, {...defaultFilters, connected: true})!)).toBe('Filters in force: connected (no fds were read)');
		expect(filterFds([{fd: 3, type: 'socket', target: 'socket:[1]', socket: inetSocket({})}], {...defaultFilters, connected: true})).toMatchObject({fds: [], hidden: 1});
	});
});

describe('filterFds: packet sockets, which the PID view lists as `other` and the table as rows', () => {
	const packetFds: FileDescriptor[] = [
		{fd: 3, type: 'socket', target: 'socket:[501]', socket: null, other: {family: 'packet', type: 3, protocol: 3, ifindex: 0}},
		{fd: 4, type: 'socket', target: 'socket:[502]', socket: null, other: {family: 'packet', type: 2, protocol: 0x08_06, ifindex: 1, ifname: 'lo'}},
		{fd: 5, type: 'socket', target: 'socket:[503]', socket: null, other: {family: 'packet', type: 3, protocol: 0, ifindex: 2}},
		{fd: 6, type: 'socket', target: 'socket:[504]', socket: null, other: {family: 'netlink', protocol: 0, portId: 1}},
	];
	const holder = {user: 'root', uid: 0, command: 'dhclient', pid: 700};
	const kept = (filters: Partial<Filters>) => filterFds(packetFds, {...defaultFilters, ...filters}, holder)?.fds.map(fd => fd.fd);

	it('passes them as the table\'s filters pass their rows: -P packet, -l but for protocol 0, --user; never a netlink socket', () => {
		expect(kept({protocols: ['packet']})).toEqual([3, 4, 5]);
		expect(kept({listening: true})).toEqual([3, 4]);
		expect(kept({user: 'root'})).toEqual([3, 4, 5]);
		expect(kept({user: 'nobody'})).toEqual([]);
		expect(kept({ipv4: true, unix: true})).toEqual([]);
		expect(kept({ports: [[1, 65_535]]})).toEqual([]);
		expect(kept({connected: true})).toEqual([]);
	});
});
