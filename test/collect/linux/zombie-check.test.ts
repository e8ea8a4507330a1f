import fs from 'node:fs';
import process from 'node:process';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {zombieCheckSource} from '../../../source/collect/linux/fd-worker.js';
import {isFailure} from '../../../source/collect/linux/read.js';
import {type Owner, readFdTables} from '../../../source/collect/linux/zombie-leader.js';

/**
 * The helper thread tells a zombie leader from the text of fd-worker.ts (zombieCheckSource: it runs
 * from a string and cannot import zombie-leader.ts), the main thread with readFdTables: both are
 * run here on the same answers of /proc, every combination of them, and must agree.
 */
const pid = '4242';
const ours = process.geteuid!();
/** An answer: what a call returns, or the errno name it fails with. */
type Answer<T> = T | {readonly code: string};
type Proc = {readonly listing: Answer<string[]>; readonly owner: Answer<number>; readonly nsLink: Answer<string>};

const listings: Array<Answer<string[]>> = [['0', '1', '2'], [], {code: 'EACCES'}, {code: 'EPERM'}, {code: 'ENOENT'}, {code: 'ESRCH'}, {code: 'EIO'}];
const owners: Array<Answer<number>> = [ours, ours + 1, {code: 'ENOENT'}, {code: 'EACCES'}];
const nsLinks: Array<Answer<string>> = ['net:[4026531840]', {code: 'ENOENT'}, {code: 'ESRCH'}, {code: 'EACCES'}];
const procs: Proc[] = listings.flatMap(listing => owners.flatMap(owner => nsLinks.map(nsLink => ({listing, owner, nsLink}))));

const answer = <T>(given: Answer<T>): T => {
	if (typeof given === 'object' && given !== null && 'code' in given) throw Object.assign(new Error(given.code), {code: given.code});
	return given;
};

/** node:fs's calls as /proc would answer them for `proc`, whose leader has one live thread with fds, 4243. */
const fakeFs = (proc: Proc) => ({
	readdirSync(path: string): string[] {
		if (path === `/proc/${pid}/fd/`) return answer(proc.listing);
		if (path === `/proc/${pid}/task`) return [pid, '4243'];
		if (path === `/proc/${pid}/task/4243/fd/`) return ['0', '3'];
		throw new Error(`unexpected readdir ${path}`);
	},
	statSync(path: string, options?: {throwIfNoEntry?: boolean}): {uid: number} | undefined {
		if (path !== `/proc/${pid}`) throw new Error(`unexpected stat ${path}`);
		if (typeof proc.owner === 'object' && proc.owner.code === 'ENOENT' && options?.throwIfNoEntry === false) return undefined;
		return {uid: answer(proc.owner)};
	},
	readlinkSync(path: string): string {
		if (path !== `/proc/${pid}/ns/net`) throw new Error(`unexpected readlink ${path}`);
		return answer(proc.nsLink);
	},
});

type Verdict = {readonly isZombieLeader: boolean; readonly owner: number | null | undefined};

function helperThread(proc: Proc): Verdict {
	const zombieCheck = new Function('fs', 'ourUid', `${zombieCheckSource}\nreturn zombieCheck;`)(fakeFs(proc), ours) as (pid: string, failure: string | null, fds?: string[]) => Verdict;
	// As the worker loop: the listing fails or not; only the listing is caught, so a throw from zombieCheck fails the test.
	let listing: string[];
	try {
		listing = answer(proc.listing);
	} catch (error) {
		return zombieCheck(pid, (error as {code: string}).code);
	}

	return zombieCheck(pid, null, listing);
}

function mainThread(proc: Proc): Verdict {
	const fake = fakeFs(proc);
	vi.spyOn(fs, 'readdirSync').mockImplementation(fake.readdirSync as never);
	vi.spyOn(fs, 'statSync').mockImplementation(fake.statSync as never);
	vi.spyOn(fs, 'readlinkSync').mockImplementation(fake.readlinkSync as never);
	const owner: Owner = {};
	const tables = readFdTables(pid, owner);
	return {isZombieLeader: !isFailure(tables) && tables[0].task !== null, owner: owner.uid};
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe('the helper thread and the main thread tell a zombie leader alike', () => {
	it('on every combination of listing, owner and ns link', () => {
		for (const proc of procs) expect({proc, verdict: helperThread(proc)}).toEqual({proc, verdict: mainThread(proc)});
	});

	it('finds one where there is one, as its owner or as root, and stats only a denied listing', () => {
		expect(mainThread({listing: [], owner: ours + 1, nsLink: {code: 'ENOENT'}})).toEqual({isZombieLeader: true, owner: undefined});
		expect(helperThread({listing: {code: 'EACCES'}, owner: ours, nsLink: {code: 'ESRCH'}})).toEqual({isZombieLeader: true, owner: ours});
		expect(helperThread({listing: {code: 'EACCES'}, owner: ours + 1, nsLink: {code: 'ENOENT'}})).toEqual({isZombieLeader: false, owner: ours + 1});
		expect(helperThread({listing: [], owner: ours, nsLink: 'net:[4026531840]'})).toEqual({isZombieLeader: false, owner: undefined});
	});
});
