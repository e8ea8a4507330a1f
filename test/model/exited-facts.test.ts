import {describe, expect, it, vi} from 'vitest';
import {type ExitReads, exitedFacts} from '../../source/model/exited-facts.js';
import {detailOf, sshdInfo} from '../components/pid-fixtures.js';

vi.hoisted(() => {
	// Local times must not depend on the machine.
	process.env['TZ'] = 'UTC';
});

describe('exitedFacts', () => {
	const value = (facts: ReturnType<typeof exitedFacts>, label: string) => facts?.find(fact => fact.label === label)?.value;
	// As /proc shows a zombie: state Z, reparented, no files, command line, cwd or exe.
	const zombie = detailOf([], {process: {...sshdInfo, state: 'Z (zombie)', ppid: 640, cmdline: [], cwd: null, exe: null}, fdCount: 0});
	const alive = detailOf(undefined, {netns: 'uat-a'});
	const gone = detailOf([], {process: null});
	// The first read that found it exited, 11 seconds after the last one alive; later reads are later still.
	const exitSeen = alive.time + 11_000;
	const later = (detail: typeof alive) => ({...detail, time: alive.time + 60_000});
	const reads = (fields: Partial<ExitReads>): ExitReads => ({latest: later(gone), lastAlive: alive, lastSeen: alive, exitSeen, ...fields});
	// What a zombie no longer has, from its read alive, marked.
	const pathsOf = (facts: ReturnType<typeof exitedFacts>) => ['Cmdline', 'Cwd', 'Exe'].map(label => value(facts, label));
	const lastKnownPaths = ['(last known) sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', '(last known) /', '(last known) /usr/sbin/sshd'];

	it('of a zombie: its own last read, so the state is Z; what it no longer has from its read alive, marked', () => {
		const facts = exitedFacts(reads({latest: zombie, lastSeen: zombie}));
		expect(value(facts, 'State')).toBe('Z (zombie)');
		expect(value(facts, 'PPID')).toBe('640');
		expect(value(facts, 'Open FDs')).toBe('0 of 1024 (soft limit)');
		expect(pathsOf(facts)).toEqual(lastKnownPaths);
		// Its namespace link went with its files: the last one read.
		expect(value(facts, 'Netns')).toBe('uat-a');
		// Seen a zombie from the start: nothing older to mark.
		expect(value(exitedFacts(reads({latest: zombie, lastAlive: null, lastSeen: zombie})), 'Cmdline')).toBe('(none: it has exited)');
	});

	it('of a process gone from /proc: its last read alive, with what it had then marked as last known, as the zombie\'s were', () => {
		for (const lastSeen of [alive, zombie]) {
			const facts = exitedFacts(reads({lastSeen}));
			expect(value(facts, 'State')).toMatch(/^exited \(last read: /);
			expect(value(facts, 'Open FDs')).toBe('(last known) 5 of 1024 (soft limit)');
			expect(value(facts, 'Sockets')).toBe('(last known) 2 LISTEN (TCP)');
			// Were 'sshd: /usr/sbin/sshd …', '/' and '/usr/sbin/sshd' once the zombie was reaped: the marks went.
			expect(pathsOf(facts)).toEqual(lastKnownPaths);
			expect(value(facts, 'PID')).toBe('812');
		}

		expect(exitedFacts(reads({lastAlive: null, lastSeen: null}))).toBeNull();
	});

	it('says the state last read, a zombie\'s Z, once the zombie is reaped, not the state of the read alive before it', () => {
		// Was 'exited (last read: S (sleeping))': the zombie's read came after it.
		expect(value(exitedFacts(reads({lastSeen: zombie})), 'State')).toBe('exited (last read: Z (zombie))');
		// Seen only as a zombie, then reaped: its own facts, not none.
		const facts = exitedFacts(reads({lastAlive: null, lastSeen: zombie}));
		expect(value(facts, 'State')).toBe('exited (last read: Z (zombie))');
		expect(value(facts, 'PPID')).toBe('640');
		// What the zombie's read had none of is said so, not marked.
		expect(value(facts, 'Cmdline')).toBe('(none: it has exited)');
		expect(facts?.map(fact => fact.value).filter(each => each.startsWith('(last known)'))).toEqual(['(last known) 0 of 1024 (soft limit)']);
	});

	it('says when it ran, from its start until a read found it exited, the same at every later read', () => {
		// Was '2026-11-26 23:55:00 (3h 5m ago)', frozen at the last read alive, and earlier than the zombie's age.
		for (const latest of [zombie, later(zombie), later(gone)]) {
			expect(value(exitedFacts(reads({latest, lastSeen: zombie})), 'Started')).toBe('2026-11-26 23:55:00, exited by 2026-11-27 03:00:11 (3h 5m later)');
		}

		// The same day: said once.
		const started = {...sshdInfo, startTime: alive.time - 20_000};
		expect(value(exitedFacts(reads({lastAlive: {...alive, process: started}})), 'Started')).toBe('2026-11-27 02:59:40, exited by 03:00:11 (31s later)');
		expect(value(exitedFacts(reads({lastAlive: {...alive, process: {...sshdInfo, startTime: null}}})), 'Started')).toBe('? (exited by 2026-11-27 03:00:11)');
	});
});
