import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {lsofProcessDetail} from '../../../source/collect/lsof/process.js';
import {explainFd} from '../../../source/format/fd-sentence.js';
import {fdRow} from '../../../source/model/pid-rows.js';
import {socketTally} from '../../../source/model/socket-tally.js';
import {createStaticServiceTable} from '../../../source/services/index.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/lsof/${name}`, import.meta.url), 'utf8');
const ctx = {services: createStaticServiceTable([]), ephemeral: null};

describe('lsof backend: packet and netlink sockets', () => {
	// test/fixtures/lsof/SOURCES.md: packet-netlink.py, fds 3-5 packet sockets (TYPE `pack`), 6-7 netlink, 8 an unbound netlink one.
	const detail = lsofProcessDetail(fixture('linux-4.95-packet-netlink-pid-E-F0.txt'), 8501, 5, null, true);
	const byFd = (fd: number) => detail.fds.find(each => each.fd === fd)!;

	it('names them as the proc backend does: TYPE packet or netlink, what they are for', () => {
		expect(byFd(3)).toMatchObject({type: 'socket', target: 'socket:[20675775]', other: {family: 'packet', type: 3, protocol: 3, ifindex: null}});
		expect(fdRow(byFd(3), 8501)).toMatchObject({type: 'packet', target: 'every protocol'});
		expect(fdRow(byFd(4), 8501)).toMatchObject({type: 'packet', target: 'IPv4'});
		expect(fdRow(byFd(5), 8501)).toMatchObject({type: 'packet', target: '802.1X (EAPOL)'});
		expect(fdRow(byFd(6), 8501)).toMatchObject({type: 'netlink', target: 'ROUTE'});
		expect(byFd(7)).toMatchObject({target: 'socket:[20675779]', other: {family: 'netlink', protocol: 15, portId: null}});
		expect(explainFd(byFd(3), ctx)?.sentence).toBe('a packet socket for every protocol: it gets a copy of each such frame, link-layer header included, and may send whole link-layer frames it builds itself, below IP, as tcpdump and DHCP clients do');
		expect(explainFd(byFd(4), ctx)?.sentence).toMatch(/^a packet socket for IPv4: it gets a copy of each such frame, without its link-layer header \(cooked\), and may send frames whose link-layer header the kernel adds/);
		expect(explainFd(byFd(6), ctx)?.sentence).toBe('a netlink socket (ROUTE): it talks to the kernel about routes, addresses, links and neighbours (what ip(8) uses), not over the network');
		// Unbound, it is in no /proc table either: lsof says `sock` `protocol: NETLINK`, as the proc backend says socket:[N].
		expect(byFd(8)).toMatchObject({type: 'socket', target: 'protocol: NETLINK'});
		expect(byFd(8).other).toBeUndefined();
	});

	it('counts them in the Sockets fact', () => {
		expect(socketTally(detail.fds)).toBe('3 packet, 2 netlink, 1 in no table');
	});
});
