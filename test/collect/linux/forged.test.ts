import {describe, expect, it} from 'vitest';
import {dropForgedAfterAsking, dropForgedUnix} from '../../../source/collect/linux/forged.js';
import {parseSsUnix, type SsUnix} from '../../../source/collect/linux/ss-unix.js';
import type {RawSocket} from '../../../source/collect/linux/tables.js';
import {parseUnixTable} from '../../../source/collect/linux/unix.js';

// Captured here (kernel 6.18, iproute2-6.1.0) on 2026-11-28: a listener bound at
// "/tmp/uq/f/ev<newline>0000000000000000: 00000002 00000000 00010000 0001 01 12345 @fake", and one at ok.sock.
const proc = [
	'Num       RefCount Protocol Flags    Type St Inode Path',
	'000000008297a193: 00000002 00000000 00010000 0001 01 45766121 /tmp/uq/f/ev',
	'0000000000000000: 00000002 00000000 00010000 0001 01 12345 @fake',
	'00000000f3c5a626: 00000002 00000000 00010000 0001 01 45766123 /tmp/uq/f/ok.sock',
	'000000000b399b50: 00000003 00000000 00000000 0001 03 45766132',
].join('\n');
const ss = [
	'u_str LISTEN 0      4                           /tmp/uq/f/ev',
	'0000000000000000: 00000002 00000000 00010000 0001 01 12345 @fake 45766121 * 0        <-> ino:4268034 dev:0/65024 peers:',
	'u_str LISTEN 0      4                           /tmp/uq/f/ok.sock 45766123 * 0        <-> ino:4268067 dev:0/65024 peers:',
	'u_str ESTAB  0      0                                   * 45766132 * 45766133 <->',
].join('\n');

const tables = () => {
	const sockets: RawSocket[] = [];
	parseUnixTable(proc, sockets);
	return sockets;
};

describe('dropForgedUnix', () => {
	it('drops an entry ss does not list that follows a name ss did not print whole', () => {
		const sockets = tables();
		expect(sockets.map(socket => socket.inode)).toEqual([45_766_121, 12_345, 45_766_123, 45_766_132]);
		dropForgedUnix(sockets, parseSsUnix(ss));
		expect(sockets.map(socket => socket.inode)).toEqual([45_766_121, 45_766_123, 45_766_132]);
	});

	it('keeps every entry without ss, and one ss does not list after a name it printed whole (opened since ss answered)', () => {
		const sockets = tables();
		dropForgedUnix(sockets, null);
		expect(sockets).toHaveLength(4);
		const whole = ss.replace('/tmp/uq/f/ev\n0000000000000000: 00000002 00000000 00010000 0001 01 12345 @fake', '/tmp/uq/f/ev');
		const again = tables();
		dropForgedUnix(again, parseSsUnix(whole));
		expect(again).toHaveLength(4);
	});

	it('keeps a real socket that a forged ss line also names, right after the forger\'s name', () => {
		// "@x\n<an ss line about listener 45766123>\nz": ss lists 45766123 twice (so believes neither
		// line), and /proc's hash order may put it right after the forger, whose name ss did not print whole.
		const forgedLine = 'u_str LISTEN 4242 5 /tmp/uq/f/ok.sock 45766123 * 0 <-> ino:1 dev:0/1 peers: 45766132';
		const sockets: RawSocket[] = [];
		parseUnixTable([
			'Num       RefCount Protocol Flags    Type St Inode Path',
			'0000000000000000: 00000002 00000000 00000000 0001 01 45766140 @x',
			forgedLine,
			'z',
			'00000000f3c5a626: 00000002 00000000 00010000 0001 01 45766123 /tmp/uq/f/ok.sock',
		].join('\n'), sockets);
		dropForgedUnix(sockets, parseSsUnix(['u_str UNCONN 0 0 @x', forgedLine, 'z 45766140 * 0', ss.split('\n')[2]!].join('\n')));
		expect(sockets.map(socket => socket.inode)).toEqual([45_766_140, 45_766_123]);
	});
});

describe('dropForgedAfterAsking', () => {
	// A first scan: ss answered (without them) before /proc listed a new named socket and, after it, another new one.
	const opened = [
		'Num       RefCount Protocol Flags    Type St Inode Path',
		'00000000f3c5a626: 00000002 00000000 00010000 0001 01 45766123 /tmp/uq/f/ok.sock',
		'00000000f3c5a627: 00000002 00000000 00010000 0001 01 45766200 /tmp/uq/f/new.sock',
		'000000000b399b51: 00000003 00000000 00000000 0001 03 45766201',
	].join('\n');
	const older = parseSsUnix('u_str LISTEN 0      4                           /tmp/uq/f/ok.sock 45766123 * 0        <-> ino:4268067 dev:0/65024 peers:');
	const after = parseSsUnix([
		'u_str LISTEN 0      4                           /tmp/uq/f/ok.sock 45766123 * 0        <-> ino:4268067 dev:0/65024 peers:',
		'u_str LISTEN 0      4                           /tmp/uq/f/new.sock 45766200 * 0        <-> ino:4268068 dev:0/65024 peers:',
		'u_str ESTAB  0      0                                   * 45766201 * 45766202 <->',
	].join('\n'));
	const read = (text: string) => {
		const sockets: RawSocket[] = [];
		parseUnixTable(text, sockets);
		return sockets;
	};

	it('asks ss again, after the tables, before dropping by an answer older than them, and keeps what that one lists', async () => {
		const sockets = read(opened);
		let asked = 0;
		const answer = await dropForgedAfterAsking(sockets, older, true, async () => {
			asked++;
			return after;
		});
		expect(asked).toBe(1);
		expect(answer).toBe(after);
		expect(sockets.map(socket => socket.inode)).toEqual([45_766_123, 45_766_200, 45_766_201]);
	});

	it('still drops a forged entry, and asks nothing when the answer is newer than the tables or nothing looks forged', async () => {
		const forged = tables();
		const answer = parseSsUnix(ss);
		let asked = 0;
		await dropForgedAfterAsking(forged, answer, true, async () => {
			asked++;
			return answer;
		});
		expect(forged.map(socket => socket.inode)).toEqual([45_766_121, 45_766_123, 45_766_132]);
		expect(asked).toBe(1);
		const again = tables();
		await dropForgedAfterAsking(again, answer, false, async () => {
			asked++;
			return answer;
		});
		expect(again).toHaveLength(3);
		await dropForgedAfterAsking(read(opened), after, true, async () => {
			asked++;
			return after;
		});
		expect(asked).toBe(1);
	});

	it('looks for forged entries once with an answer it keeps: one pass, not one to decide and one to drop', async () => {
		// ss.listed is asked about each unix entry after a named one ss did not print whole: counted, a pass is known.
		const counted = (answer: SsUnix) => {
			let asked = 0;
			const listed = new Set(answer.listed);
			listed.has = (inode: number) => {
				asked++;
				return Set.prototype.has.call(answer.listed, inode);
			};
			return {ss: {...answer, listed}, asked: () => asked};
		};
		const onePass = counted(parseSsUnix(ss));
		dropForgedUnix(tables(), onePass.ss);
		expect(onePass.asked()).toBeGreaterThan(0);
		// A first scan's older answer (isOlder) that shows nothing forged, and one newer than the tables that does: the answer is kept.
		for (const [text, answer, isOlder] of [[opened, after, true], [proc, parseSsUnix(ss), false]] as const) {
			const each = counted(answer);
			const sockets = read(text);
			expect(await dropForgedAfterAsking(sockets, each.ss, isOlder, async () => null)).toBe(each.ss);
			const once = counted(answer);
			dropForgedUnix(read(text), once.ss);
			expect(each.asked()).toBe(once.asked());
		}
	});
});
