import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {endpointRead, peersHeld, reuseEndpoints, type EndpointRead} from '../../../source/collect/lsof/endpoint-reuse.js';
import {parseLsofFields, type LsofFile, type LsofProcess} from '../../../source/collect/lsof/fields.js';
import {createLsofCollector} from '../../../source/collect/lsof/index.js';
import {lsofDetailOf, lsofProcessDetail} from '../../../source/collect/lsof/process.js';
import type {ProcessDetail} from '../../../source/model/process.js';

// SOURCES.md: peer-changes.py's viewed process 23826 and its peer 23785 (fd 3 <-> 4, 5 <-> 6, 7 <-> 8, 10 <-> 9),
// the node process 23768 at the other end of its stdin and stdout (fd 0 <-> 20, 1 <-> 28); in each state
// both lsof runs of the PID view and the /proc/PID/fd links of the peers.
const VIEWED = 23_826;
type State = 'start' | 'open' | 'fork' | 'close';
const text = (name: string) => readFileSync(new URL(`../../fixtures/lsof/${name}`, import.meta.url), 'utf8');
const capture = (state: State, run: 'E' | 'plain') => text(`linux-4.95-peer-changes-${state}-${run}-F0.txt`);
const plainRecord = (state: State) => parseLsofFields(capture(state, 'plain')).processes.find(each => each.pid === VIEWED)!;
const readOf = (state: State): EndpointRead => {
	const {processes} = parseLsofFields(capture(state, 'E'));
	return endpointRead(processes, lsofDetailOf(processes, VIEWED, 5, 'token', true), VIEWED, 'token', 0)!;
};

/** readlink(/proc/PID/fd/FD) as it read in `state`. */
const linksOf = (state: State) => {
	const links = new Map(text(`linux-peer-changes-${state}-links.txt`).trim().split('\n').map(line => {
		const [pid, fd, link] = line.split(' ');
		return [`${pid}/${fd}`, link!] as const;
	}));
	return (pid: number, fd: number) => links.get(`${pid}/${fd}`) ?? null;
};

const plusEDetail = (state: State) => lsofProcessDetail(capture(state, 'E'), VIEWED, 5, 'token', true);
const peersOf = (detail: ProcessDetail) =>
	Object.fromEntries(detail.fds.map(fd => [fd.fd, [fd.peer, ...(fd.morePeers ?? [])].flatMap(peer => (peer ? [`${peer.pid}/${peer.fd}`] : []))]));

describe('endpointRead and peersHeld', () => {
	it('keep each peer shown with its /proc/PID/fd link, and hold while every one reads so', () => {
		const read = readOf('start');
		expect(read.peers).toEqual([
			{pid: 23_768, fd: 20, link: 'socket:[36804227]'},
			{pid: 23_768, fd: 28, link: 'socket:[36804229]'},
			{pid: 23_785, fd: 4, link: 'pipe:[36804249]'},
			{pid: 23_785, fd: 6, link: 'socket:[36804251]'},
			{pid: 23_785, fd: 8, link: 'pipe:[36804252]'},
			{pid: 23_785, fd: 9, link: 'pipe:[36804253]'},
		]);
		expect(peersHeld(read, linksOf('start'))).toBe(true);
		// 23785 forked: its child holds the same ends, which no link of a peer shown tells.
		expect(peersHeld(readOf('open'), linksOf('fork'))).toBe(true);
		// 23785 closed fds 4 and 6, and its child was killed.
		expect(peersHeld(readOf('fork'), linksOf('close'))).toBe(false);
		// An fd number now holding another file.
		expect(peersHeld(read, (pid, fd) => (pid === 23_785 && fd === 4 ? 'pipe:[1]' : linksOf('start')(pid, fd)))).toBe(false);
	});

	it('leave out the peers within the process itself, which its own record checks', () => {
		expect(readOf('open').peers.filter(peer => peer.pid === VIEWED)).toEqual([]);
		expect(peersOf(plusEDetail('open'))).toMatchObject({4: ['23826/6'], 6: ['23826/4']});
	});
});

describe('reuseEndpoints', () => {
	it('gives what +E printed while the plain run finds the same files in the fds +E extends', () => {
		const reused = reuseEndpoints(readOf('start'), plainRecord('start'));
		expect(reused).not.toBeNull();
		expect(lsofDetailOf(reused!, VIEWED, 5, 'token', true)).toEqual(plusEDetail('start'));
		expect(peersOf(plusEDetail('start'))).toMatchObject({0: ['23768/20'], 3: ['23785/4'], 5: ['23785/6'], 7: ['23785/8'], 10: ['23785/9'], 2: []});
	});

	it('refuses once the process opened new fds that +E extends', () => {
		expect(reuseEndpoints(readOf('start'), plainRecord('open'))).toBeNull();
	});

	it('refuses when an fd holds another file, is opened the other way, or is named otherwise', () => {
		const read = readOf('start');
		const fresh = plainRecord('start');
		const changed = (change: Partial<LsofFile>, fd = '5'): LsofProcess => ({...fresh, files: fresh.files.map(file => (file.fd === fd ? {...file, ...change} : file))});
		expect(reuseEndpoints(read, changed({}))).not.toBeNull();
		expect(reuseEndpoints(read, changed({inode: '1'}))).toBeNull();
		expect(reuseEndpoints(read, changed({device: '0x1'}))).toBeNull();
		expect(reuseEndpoints(read, changed({access: 'w'}, '3'))).toBeNull();
		// +E appends to a NAME; one it does not begin is another file's (a UDP socket connected elsewhere).
		expect(reuseEndpoints(read, changed({name: 'type=DGRAM'}))).toBeNull();
		expect(reuseEndpoints(read, changed({name: 'type=STREA'}))).toBeNull();
		// A closed fd; a character device is extended too (a pty's other side).
		expect(reuseEndpoints(read, {...fresh, files: fresh.files.filter(file => file.fd !== '7')})).toBeNull();
		expect(reuseEndpoints(read, changed({inode: '4'}, '2'))).toBeNull();
		// Files +E does not extend may come and go.
		const file: LsofFile = {fd: '12', access: 'r', type: 'REG', protocol: null, name: '/etc/hosts', device: null, inode: '9', tcp: {}};
		expect(reuseEndpoints(read, {...fresh, files: [...fresh.files, file]})).not.toBeNull();
	});
});

describe('the lsof PID view over refreshes', () => {
	const plusE = `+E -p ${VIEWED}`;
	const plain = `-p ${VIEWED}`;
	/** An lsof and a /proc that answer as in `state`; `calls` has the lsof command lines after the fixed options. */
	const setup = () => {
		const calls: string[] = [];
		let state: State = 'start';
		let clock = 1_000_000;
		let token = 'token';
		let gone = false;
		const collector = createLsofCollector({
			platform: 'linux',
			now: () => clock,
			readStartToken: async () => token,
			readFdLink: (pid, fd) => linksOf(state)(pid, fd),
			async run(_command, args) {
				const line = args.slice(6).join(' ');
				calls.push(line);
				const stdout = gone ? '' : line === plusE ? capture(state, 'E') : line === plain ? capture(state, 'plain') : '';
				return {stdout, stderr: '', code: 0};
			},
		});
		return {
			calls,
			collector,
			wait: (ms: number) => (clock += ms),
			setState: (next: State) => (state = next),
			setToken: (next: string) => (token = next),
			exit: () => (gone = true),
		};
	};

	it('runs +E once, then lsof -p alone while nothing changed, and +E again after 10 s', async () => {
		const {calls, collector, wait} = setup();
		const first = await collector.process(VIEWED);
		wait(2000);
		const second = await collector.process(VIEWED);
		wait(7999);
		await collector.process(VIEWED);
		expect(calls).toEqual([plusE, plain, plain]);
		expect(second).toEqual({...first, time: first.time + 2000});
		wait(1);
		await collector.process(VIEWED);
		expect(calls.at(-1)).toBe(plusE);
	});

	it('runs +E in the same refresh when the process opened fds +E extends, so the new ones show their peers at once', async () => {
		const {calls, collector, setState} = setup();
		await collector.process(VIEWED);
		setState('open');
		const detail = await collector.process(VIEWED);
		expect(calls).toEqual([plusE, plain, plusE]);
		expect(peersOf(detail)).toMatchObject({4: ['23826/6'], 6: ['23826/4']});
	});

	it('runs +E without lsof -p first when a peer closed its end or exited, so it is not shown any more', async () => {
		const {calls, collector, setState} = setup();
		setState('fork');
		expect(peersOf(await collector.process(VIEWED))).toMatchObject({3: ['23785/4', '23840/4']});
		setState('close');
		const detail = await collector.process(VIEWED);
		expect(calls).toEqual([plusE, plusE]);
		expect(peersOf(detail)).toMatchObject({3: [], 5: [], 7: ['23785/8']});
	});

	it("shows a new holder of an end (a peer's fork) only at the next +E read, up to 10 s later", async () => {
		const {calls, collector, setState, wait} = setup();
		setState('open');
		await collector.process(VIEWED);
		setState('fork');
		wait(2000);
		expect(peersOf(await collector.process(VIEWED))).toMatchObject({3: ['23785/4']});
		wait(8000);
		expect(peersOf(await collector.process(VIEWED))).toMatchObject({3: ['23785/4', '23840/4']});
		expect(calls).toEqual([plusE, plain, plusE]);
	});

	it('reads +E again for another process at the same PID (a new start token) and for another PID', async () => {
		const {calls, collector, setToken} = setup();
		await collector.process(VIEWED);
		setToken('reused');
		await collector.process(VIEWED);
		await collector.process(23_785);
		expect(calls).toEqual([plusE, plain, plusE, '+E -p 23785']);
	});

	it('says the process is gone from lsof -p, without a +E read', async () => {
		const {calls, collector, exit} = setup();
		await collector.process(VIEWED);
		exit();
		expect(await collector.process(VIEWED)).toMatchObject({process: null, fds: []});
		expect(calls).toEqual([plusE, plain]);
	});

	it('runs lsof -p alone on each refresh where lsof has no +E (macOS, FreeBSD)', async () => {
		const calls: string[] = [];
		const collector = createLsofCollector({
			platform: 'darwin',
			readStartToken: async () => null,
			async run(_command, args) {
				calls.push(args.slice(6).join(' '));
				return {stdout: capture('start', 'plain'), stderr: '', code: 0};
			},
		});
		await collector.process(VIEWED);
		await collector.process(VIEWED);
		expect(calls).toEqual([plain, plain]);
	});
});
