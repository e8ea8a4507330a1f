import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {describeDenied, type DeniedReader} from '../../../source/collect/linux/denied.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/proc/${name}`, import.meta.url), 'utf8');

// `cat /proc/1/status` (test/fixtures/proc/SOURCES.md) and stat lines captured on this machine (kernel 6.x).
const status1 = fixture('status-pid1.txt');
const stat = (pid: number, comm: string, flags = 4_194_560) => `${pid} (${comm}) S 0 1 1 0 -1 ${flags} 0 0 0 0 0 1 0 0 20 0 1 0 25 0 0 18446744073709551615 0 0 0\n`;
const kthreadd = stat(2, 'kthreadd', 2_129_984);
const statusOf = (name: string, uid: number) => `Name:\t${name}\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\n`;

/** A /proc made of texts by pid; a pid missing from a map reads as unreadable (exited). */
const readerOf = (stats: Record<number, string>, statuses: Record<number, string>): DeniedReader & {statusReads: number[]} => {
	const statusReads: number[] = [];
	return {
		statusReads,
		stat: pid => stats[pid] ?? null,
		status(pid) {
			statusReads.push(pid);
			return statuses[pid] ?? null;
		},
	};
};

const names = (uid: number) => ({0: 'root', 114: 'postgres'})[uid] ?? String(uid);

describe('describeDenied', () => {
	it('names each denied process by its status Name and effective uid, lowest PID first', () => {
		const read = readerOf({1: stat(1, 'process_api'), 812: stat(812, 'postgres')}, {1: status1, 812: statusOf('postgres', 114)});
		expect(describeDenied([812, 1], names, 20, read)).toEqual({
			pids: [1, 812],
			list: [
				{pid: 1, command: 'process_api', user: 'root', uid: 0},
				{pid: 812, command: 'postgres', user: 'postgres', uid: 114},
			],
		});
	});

	it('leaves kernel threads out of the count and the list: their fd directory hides no socket', () => {
		const read = readerOf({1: stat(1, 'init'), 2: kthreadd}, {1: statusOf('init', 0), 2: statusOf('kthreadd', 0)});
		expect(describeDenied([1, 2], names, 20, read)).toEqual({pids: [1], list: [{pid: 1, command: 'init', user: 'root', uid: 0}]});
	});

	it('names at most `limit`, counts the rest, and reads no status beyond them', () => {
		const pids = Array.from({length: 30}, (_, index) => 100 + index);
		const read = readerOf(
			Object.fromEntries(pids.map(pid => [pid, stat(pid, `w${pid}`)])),
			Object.fromEntries(pids.map(pid => [pid, statusOf(`w${pid}`, 1000)])),
		);
		const {pids: counted, list} = describeDenied([...pids].reverse(), names, 20, read);
		expect(counted).toHaveLength(30);
		expect(list.map(each => each.pid)).toEqual(pids.slice(0, 20));
		expect(list[0]).toEqual({pid: 100, command: 'w100', user: '1000', uid: 1000});
		expect(read.statusReads).toHaveLength(20);
	});

	it('says what it can of a process whose status went: the comm from stat, or nothing once both are gone', () => {
		const read = readerOf({7: stat(7, 'half gone')}, {});
		expect(describeDenied([7, 9], names, 20, read).list).toEqual([
			{pid: 7, command: 'half gone', user: '?', uid: null},
			{pid: 9, command: null, user: '?', uid: null},
		]);
	});
});
