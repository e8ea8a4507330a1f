import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parseProcstatFiles} from '../../../source/collect/sockstat/procstat.js';
import {parseSockstatText} from '../../../source/collect/sockstat/text.js';
import {withSockstatUnixEnds} from '../../../source/collect/sockstat/unix-ends.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/sockstat/${name}`, import.meta.url), 'utf8');
const {fds} = parseProcstatFiles(fixture('procstat-f-devd-constructed.txt'), {user: 'root', uid: 0});
const ends = (list: typeof fds) => list.filter(fd => fd.socket !== null).map(fd => [fd.fd, fd.socket!.path, fd.socket!.peerPath, fd.socket!.state]);

describe('withSockstatUnixEnds', () => {
	it('replaces procstat\'s one name with the ends sockstat lists for the same PID and fd', () => {
		const {sockets} = parseSockstatText(fixture('freebsd-smoke-s.txt'));
		expect(ends(withSockstatUnixEnds(fds, sockets, 405))).toEqual([
			[4, '/var/run/devd.pipe', null, null],
			[7, null, '/var/run/logpriv', 'ESTABLISHED'],
		]);
	});

	it('keeps procstat\'s name where sockstat lists no such socket (it failed, or the fd changed)', () => {
		expect(ends(withSockstatUnixEnds(fds, [], 405))).toEqual(ends(fds));
		// Another process's fd 7 is not this one's.
		const {sockets} = parseSockstatText(fixture('freebsd-smoke-s.txt'));
		expect(ends(withSockstatUnixEnds(fds, sockets, 572))).toEqual(ends(fds));
	});
});
