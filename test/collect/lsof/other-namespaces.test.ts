import {spawn, spawnSync} from 'node:child_process';
import {readlinkSync} from 'node:fs';
import {describe, expect, it, onTestFinished} from 'vitest';
import {createLsofCollector, NO_HOLDER_NOTE} from '../../../source/collect/lsof/index.js';
import type {RunTool} from '../../../source/collect/lsof/run-tool.js';
import {countOtherNetworkNamespaces} from '../../../source/collect/lsof/other-namespaces.js';
import {toJsonDocument} from '../../../source/format/json.js';
import {skippedNote} from '../../../source/once.js';
import {sleep} from '../../helpers/tmux.js';
import {hasLsof} from '../../helpers/tools.js';

const emptyLsof: RunTool = async () => ({stdout: '', stderr: '', code: 1});
const note = (count: number) => `lsof does not list the sockets of ${count === 1 ? 'the 1 other network namespace' : `the ${count} other network namespaces`} here (containers, ip netns): use --backend proc to see them`;
const tables = async (options: Parameters<typeof createLsofCollector>[0]) => (await createLsofCollector({run: emptyLsof, ...options}).snapshot()).skipped.unreadableTables;

describe('the lsof backend and other network namespaces', () => {
	it('says, as root on Linux, how many namespaces lsof cannot see into', async () => {
		expect(await tables({platform: 'linux', isRoot: true, countOtherNamespaces: () => 2})).toEqual([note(2), NO_HOLDER_NOTE]);
		expect(await tables({platform: 'linux', isRoot: true, countOtherNamespaces: () => 1})).toEqual([note(1), NO_HOLDER_NOTE]);
		expect(await tables({platform: 'linux', isRoot: true, countOtherNamespaces: () => 0})).toEqual([NO_HOLDER_NOTE]);
	});

	it('says nothing of them off Linux or without root (lsof then sees only your own sockets anyway)', async () => {
		const never = () => {
			throw new Error('not asked');
		};

		expect(await tables({platform: 'darwin', isRoot: true, countOtherNamespaces: never})).toEqual([NO_HOLDER_NOTE]);
		expect(await tables({platform: 'linux', isRoot: false, countOtherNamespaces: never})).toEqual(['lsof lists only your own sockets — run as root']);
	});

	it('counts no denied process (lsof does not tell them), and says, as root, that sockets without a holder it reads are not listed', async () => {
		const snapshot = await createLsofCollector({run: emptyLsof, platform: 'linux', isRoot: true, countOtherNamespaces: () => 0}).snapshot();
		expect(snapshot.skipped.isDenialUncounted).toBe(true);
		expect(toJsonDocument(snapshot).skipped).toMatchObject({deniedProcesses: null, deniedAsRoot: null, unreadableTables: [NO_HOLDER_NOTE]});
		expect(skippedNote(snapshot.skipped)).toBe('lsof lists no socket without a holder it can read (TIME_WAIT, kernel sockets): use --backend proc to see them');
	});

	it('counts them on the first snapshot, then again only once 30 s have passed (it reads every process)', async () => {
		let clock = 1000;
		const counts = [2, 3, 4];
		let asked = 0;
		const collector = createLsofCollector({run: emptyLsof, platform: 'linux', isRoot: true, now: () => clock, countOtherNamespaces: () => counts[asked++]!});
		const tablesAt = async (time: number) => {
			clock = time;
			return (await collector.snapshot()).skipped.unreadableTables.filter(line => line !== NO_HOLDER_NOTE);
		};

		expect(await tablesAt(1000)).toEqual([note(2)]);
		expect(await tablesAt(3000)).toEqual([note(2)]);
		expect(await tablesAt(30_999)).toEqual([note(2)]);
		expect(asked).toBe(1);
		expect(await tablesAt(31_000)).toEqual([note(3)]);
		expect(asked).toBe(2);
		// A clock set back (a fake's, or the wall clock's) counts again rather than trusting an age it cannot tell.
		expect(await tablesAt(500)).toEqual([note(4)]);
		expect(asked).toBe(3);
	});

	const canUnshare = process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('unshare', ['-n', 'true']).status === 0;
	if (!canUnshare || !hasLsof) console.warn('lsof live namespace count test skipped: needs Linux, root, unshare -n and lsof');
	it.skipIf(!canUnshare || !hasLsof)('counts a real process in a network namespace of its own (unshare -n), live', async () => {
		const child = spawn('unshare', ['-n', 'sleep', '60'], {stdio: 'ignore'});
		onTestFinished(() => {
			child.kill('SIGKILL');
		});
		// unshare execs sleep (same PID) once the namespace is made; other tests' namespaces may come and go meanwhile.
		const own = readlinkSync('/proc/self/ns/net');
		const namespaceOf = () => {
			try {
				return readlinkSync(`/proc/${child.pid}/ns/net`);
			} catch {
				return own;
			}
		};

		const deadline = Date.now() + 5000;
		while (namespaceOf() === own && Date.now() < deadline) await sleep(20);
		expect(namespaceOf()).not.toBe(own);
		expect(countOtherNetworkNamespaces()).toBeGreaterThanOrEqual(1);
		const snapshot = await createLsofCollector().snapshot();
		expect(snapshot.skipped.unreadableTables.some(line => /^lsof does not list the sockets of the \d+ other network namespaces? here/.test(line))).toBe(true);
	});
});
