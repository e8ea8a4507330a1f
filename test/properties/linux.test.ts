import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {decodeIpv4, decodeIpv6} from '../../source/collect/linux/address.js';
import {parseContainerLabel} from '../../source/collect/linux/cgroup.js';
import {classifyFdLink} from '../../source/collect/linux/fd-link.js';
import {parseLimit} from '../../source/collect/linux/limits.js';
import {parseStatusOwner} from '../../source/collect/linux/owner.js';
import {INET_TABLES, parseInetTable, type InetTable} from '../../source/collect/linux/proc-net.js';
import {parseBootTime, parseProcStat} from '../../source/collect/linux/proc-stat.js';
import {parseProcStatus} from '../../source/collect/linux/proc-status.js';
import {parseCmdline} from '../../source/collect/linux/process-info.js';
import {parseSsUnix} from '../../source/collect/linux/ss-unix.js';
import type {RawSocket} from '../../source/collect/linux/tables.js';
import {parseUnixTable} from '../../source/collect/linux/unix.js';
import {parsePasswd} from '../../source/collect/linux/users.js';
import {FD_TYPES} from '../../source/model/process.js';
import {RUNS, ensure, expectCount, expectFiniteNumbers, expectSaneSocket, fixtureTexts, formatText, inputsLike, randomText} from './arbitraries.js';

/** The /proc parsers never throw and never return nonsense, whatever the kernel (or a race) hands them. */
const proc = (name: string) => fixtureTexts('proc', new RegExp(`^${name}\\.txt$`));
const isNullableNonNegative = (value: number | null) => value === null || (Number.isSafeInteger(value) && value >= 0);

describe('/proc/net inet tables', () => {
	it.each(Object.keys(INET_TABLES) as InetTable[])('%s', table => {
		const samples = [...proc(table.replace(/^udplite/, 'udplite')), ...proc('tcp'), ...proc('tcp6')];
		fc.assert(
			fc.property(inputsLike(samples), text => {
				const into: RawSocket[] = [];
				const malformed = parseInetTable(text, table, into);
				expectCount(malformed);
				for (const socket of into) {
					expectSaneSocket(socket);
					ensure(socket.proto === INET_TABLES[table], () => `proto ${socket.proto}`);
				}
			}),
			RUNS,
		);
	});
});

describe('/proc/net/unix', () => {
	it('parses any text into sane unix sockets', () => {
		fc.assert(
			fc.property(inputsLike(proc('unix')), text => {
				const into: RawSocket[] = [];
				expectCount(parseUnixTable(text, into));
				for (const socket of into) {
					expectSaneSocket(socket);
					ensure(['stream', 'dgram', 'seqpacket'].includes(socket.proto), () => `proto ${socket.proto}`);
				}
			}),
			RUNS,
		);
	});

	it('keeps a path with newlines, however many, as one entry', () => {
		fc.assert(
			fc.property(fc.array(fc.stringMatching(/^[a-z ]{0,6}$/), {minLength: 2, maxLength: 4}), parts => {
				const path = `/tmp/${parts.join('\n')}`;
				const text = `Num       RefCount Protocol Flags    Type St Inode Path\n0000000000000000: 00000002 00000000 00010000 0001 01 4242 ${path}\n0000000000000000: 00000002 00000000 00000000 0001 03 4243\n`;
				const into: RawSocket[] = [];
				expect(parseUnixTable(text, into)).toBe(0);
				expect(into.map(socket => [socket.inode, socket.path])).toEqual([
					[4242, path],
					[4243, null],
				]);
			}),
			{numRuns: 300},
		);
	});
});

describe('per-process files', () => {
	it('fd links classify to a known type with a sane inode', () => {
		const links = fc.oneof(
			randomText,
			formatText,
			fc.constantFrom('socket:[', 'pipe:[', 'anon_inode:', '/memfd:', '/dev/', 'net:[').chain(prefix => fc.string().map(rest => prefix + rest)),
		);
		fc.assert(
			fc.property(links, fc.option(fc.integer({min: -1, max: 0o777_777})), (link, mode) => {
				const classified = classifyFdLink(link, mode);
				expect(FD_TYPES).toContain(classified.type);
				expect(isNullableNonNegative(classified.inode)).toBe(true);
			}),
			RUNS,
		);
	});

	it('/etc/passwd maps uids to names', () => {
		fc.assert(
			fc.property(inputsLike(fixtureTexts('proc', /^passwd/)), text => {
				for (const [uid, name] of parsePasswd(text)) {
					ensure(Number.isSafeInteger(uid) && uid >= 0 && name.length > 0, () => `${uid}: '${name}'`);
				}
			}),
			RUNS,
		);
	});

	it('status gives a command and a uid or null', () => {
		fc.assert(
			fc.property(inputsLike(fixtureTexts('proc', /^status/)), text => {
				const owner = parseStatusOwner(text);
				expect(isNullableNonNegative(owner.uid)).toBe(true);
				const status = parseProcStatus(text);
				expectFiniteNumbers(status);
				for (const value of [status.uid, status.ppid, status.threads]) {
					expect(isNullableNonNegative(value)).toBe(true);
				}
			}),
			RUNS,
		);
	});

	it('stat lines parse to sane fields or null, a comm with ") (" included', () => {
		const stat = '6739 (cat) R 6736 6736 2850 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 31824 3133440 380 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n';
		const hostileComm = fc.string({maxLength: 15}).map(comm => stat.replace('(cat)', `(${comm})`));
		fc.assert(
			fc.property(fc.oneof(inputsLike([stat]), hostileComm), text => {
				const parsed = parseProcStat(text);
				if (parsed !== null) {
					expect(Number.isSafeInteger(parsed.pid) && parsed.pid >= 0).toBe(true);
					expect(Number.isSafeInteger(parsed.ppid) && parsed.threads >= 0).toBe(true);
					expect(parsed.startTicks).toMatch(/^\d+$/);
					expect(parsed.state).toMatch(/^[A-Za-z]$/);
				}
			}),
			RUNS,
		);
		// Whatever the comm, the fields after it are read from the last ')'.
		fc.assert(
			fc.property(fc.string({unit: 'binary', maxLength: 15}), comm => {
				fc.pre(!comm.includes('\n'));
				expect(parseProcStat(stat.replace('(cat)', `(${comm})`))).toMatchObject({pid: 6739, comm, ppid: 6736, startTicks: '31824'});
			}),
			{numRuns: 500},
		);
	});

	it('limits, cmdline, boot time and ss -x output never throw', () => {
		const limits = 'Limit                     Soft Limit           Hard Limit           Units\nMax open files            20000                20000                files\n';
		fc.assert(
			fc.property(inputsLike([limits]), text => {
				const limit = parseLimit(text, 'Max open files');
				if (limit !== undefined) {
					expect(isNullableNonNegative(limit.soft) && isNullableNonNegative(limit.hard)).toBe(true);
				}

				expect(parseCmdline(text).every(argument => typeof argument === 'string')).toBe(true);
				const boot = parseBootTime(text);
				expect(boot === null || (Number.isSafeInteger(boot) && boot >= 0)).toBe(true);
				for (const [local, peer] of parseSsUnix(text).peers) {
					expect(Number.isSafeInteger(local) && local > 0 && Number.isSafeInteger(peer) && peer > 0).toBe(true);
				}
			}),
			RUNS,
		);
	});

	it('cgroup files give a container label or null, quickly even when long', () => {
		fc.assert(
			fc.property(inputsLike(fixtureTexts('proc', /^cgroup/)), text => {
				const label = parseContainerLabel(text);
				expect(label === null || typeof label === 'string').toBe(true);
			}),
			RUNS,
		);
		const long = `0::/kubepods${'/x'.repeat(20_000)}\n`;
		// A regex that backtracks on it would hold the test past its timeout.
		expect(parseContainerLabel(long)).toBeNull();
	});

	it('addresses decode from any 8 or 32 characters to text or null', () => {
		fc.assert(
			fc.property(fc.string({unit: fc.constantFrom(...'0123456789abcdefABCDEFxyz: '), minLength: 32, maxLength: 32}), text => {
				for (const decoded of [decodeIpv4(text, 0), decodeIpv4(text, 24), decodeIpv6(text, 0)]) {
					expect(decoded === null || typeof decoded === 'string').toBe(true);
				}
			}),
			RUNS,
		);
	});
});
