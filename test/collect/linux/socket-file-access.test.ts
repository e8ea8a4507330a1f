import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../../source/collect/linux/process.js';
import {explainFd, listeningOf} from '../../../source/format/fd-sentence.js';
import {createStaticServiceTable} from '../../../source/services/index.js';
import {tempDirectory} from '../../helpers/temp-directory.js';
import {hasPython, startPython} from '../../helpers/tools.js';

/**
 * Who may connect to a unix listener is its socket file's mode (connect() needs write permission
 * on it): the PID view reads the file its holder bound (mode and owner) and says so, as an auditor
 * looking for a world-writable socket in /tmp asks; an abstract name has no file, so no permissions.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('unix socket file access test skipped: needs Linux and python3');

const directory = tempDirectory('access');

/** A stream listener chmod 0777, one chmod 0600, a dgram receiver chmod 0666 and an abstract listener; prints their fds. */
const script = `
import os, socket, sys
def bound(name, mode, kind=socket.SOCK_STREAM):
    s = socket.socket(socket.AF_UNIX, kind); s.bind(name)
    if mode is not None: os.chmod(name, mode)
    if kind == socket.SOCK_STREAM: s.listen(1)
    return s
d = sys.argv[1]
open_, own, dgram, abstract = bound(d + '/open.sock', 0o777), bound(d + '/own.sock', 0o600), bound(d + '/log.sock', 0o666, socket.SOCK_DGRAM), bound('\\0socktop-access-' + str(os.getpid()), None)
print(open_.fileno(), own.fileno(), dgram.fileno(), abstract.fileno(), flush=True)
sys.stdin.read()
`;

const ctx = {services: createStaticServiceTable([]), ephemeral: null};

describe.skipIf(!canRun)('a unix listener\'s file: who may connect', () => {
	it('reads its mode and owner, and says a world-writable one lets any local user connect', async () => {
		const {pid, line} = await startPython(script, [directory]);
		const [open, own, dgram, abstract] = line.split(' ').map(Number) as [number, number, number, number];
		const detail = await readProcessDetail(pid);
		const fd = (number: number) => detail.fds.find(each => each.fd === number)!;
		const sentence = (number: number) => explainFd(fd(number), ctx, listeningOf(detail))!.sentence;
		const uid = process.getuid!();
		expect(fd(open)).toMatchObject({isPathGone: false, socketFile: {mode: 0o777, uid, isSeenHere: true}});
		expect(fd(own).socketFile).toMatchObject({mode: 0o600, uid});
		const user = fd(open).socketFile!.user;
		expect(sentence(open)).toBe(
			`python3 listens for connections on the unix stream socket ${path.join(directory, 'open.sock')}; its file is srwxrwxrwx (owner ${user}, group ${fd(open).socketFile!.group}), writable by every user: any local user can connect, given search permission on its directories`,
		);
		expect(sentence(own)).toMatch(/; its file is srw------- \(owner \S+, group \S+\): only (the user \S+ and )?root can connect \(that needs write permission on the file\)$/);
		expect(sentence(dgram)).toMatch(/receives datagrams on the unix dgram socket \S+log\.sock; its file is srw-rw-rw- .*any local user can send to it, given search permission on its directories$/);
		expect(fd(abstract).socketFile).toBeUndefined();
		expect(sentence(abstract)).toMatch(/\(a name held by the kernel, not a file\); an abstract name has no file permissions: any process in its network namespace can connect$/);
	});

	// systemd's PrivateTmp and containers: the holder's /tmp is not the one socktop sees.
	const isRoot = process.getuid?.() === 0;
	if (canRun && !isRoot) console.warn('the private mount namespace case is skipped: unshare --mount and mount need root');
	it.skipIf(!isRoot)('in a mount namespace of its own, says only processes that see its files can connect', async () => {
		const inside = path.join(directory, 'private');
		mkdirSync(inside, {recursive: true});
		const {pid, line} = await startPython(script, [inside], ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs none "$0" && exec "$@"', inside]);
		const [open] = line.split(' ').map(Number) as [number];
		const detail = await readProcessDetail(pid);
		const fd = detail.fds.find(each => each.fd === open)!;
		expect(fd).toMatchObject({isPathGone: false, socketFile: {mode: 0o777, isSeenHere: false}});
		expect(explainFd(fd, ctx, listeningOf(detail))!.sentence).toMatch(
			/, writable by every user: any user of a process in its mount namespace can connect \(socktop finds another file or none at that path: a private \/tmp or a container\), given search permission on its directories$/,
		);
	});
});
