import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import type {Collector} from '../../source/collect/collector.js';
import {type ProcessDetailState, useProcessDetail} from '../../source/hooks/use-process-detail.js';
import type {ProcessDetail} from '../../source/model/process.js';
import {emptySkipped} from '../../source/model/types.js';
import {detailOf, sshdInfo} from '../components/pid-fixtures.js';
import {drawn} from '../helpers/frames.js';
import {WAIT_MS, waitFor} from '../helpers/wait.js';
import {sshdCollector} from './sshd-collector.js';

const sleep = async (ms: number) =>
	new Promise<void>(resolve => {
		setTimeout(resolve, ms);
	});

/** A collector whose reads the test answers by hand. */
function handCollector() {
	const calls: Array<{readonly pid: number; readonly answer: (detail: ProcessDetail) => void}> = [];
	const collector: Collector = {
		name: 'proc',
		snapshot: async () => ({time: 0, hostname: 'h', backend: 'proc', sockets: [], skipped: emptySkipped}),
		process: async pid =>
			new Promise(resolve => {
				calls.push({pid, answer: resolve});
			}),
	};
	return {calls, collector};
}

type ProbeProps = {readonly collector: Collector; readonly pid?: number; readonly interval: number; readonly isPaused?: boolean; readonly onState: (pid: number, state: ProcessDetailState) => void};

function Probe({collector, pid = 812, interval, isPaused = false, onState}: ProbeProps) {
	const state = useProcessDetail(collector, pid, interval, isPaused);
	onState(pid, state);
	return <Text>{state.detail === null ? 'reading' : 'read'}</Text>;
}

describe('useProcessDetail', () => {
	it('never runs two reads at once, even when pause or the interval change during a slow read', async () => {
		let running = 0;
		let most = 0;
		let reads = 0;
		const collector: Collector = {
			name: 'proc',
			snapshot: async () => ({time: 0, hostname: 'h', backend: 'proc', sockets: [], skipped: emptySkipped}),
			async process(pid) {
				reads++;
				running++;
				most = Math.max(most, running);
				await sleep(150);
				running--;
				return {time: 0, pid, process: null, fds: [], denied: null};
			},
		};
		function Slow({interval, isPaused}: {readonly interval: number; readonly isPaused: boolean}) {
			const {detail} = useProcessDetail(collector, 1, interval, isPaused);
			return <Text>{detail === null ? 'reading' : 'read'}</Text>;
		}

		const view = render(<Slow interval={0.05} isPaused={false} />);
		await sleep(30);
		view.rerender(<Slow interval={0.05} isPaused />);
		await sleep(30);
		view.rerender(<Slow interval={0.05} isPaused={false} />);
		await sleep(30);
		view.rerender(<Slow interval={0.1} isPaused={false} />);
		// Reads go on (one after another), and the view gets their answer.
		await waitFor(() => {
			expect(view.lastFrame()).toBe('read');
			expect(reads).toBeGreaterThanOrEqual(2);
		});
		// A few more reads' time (150 ms each): none starts while another runs.
		await sleep(400);
		expect(view.lastFrame()).toBe('read');
		view.unmount();
		expect(most).toBe(1);
	});

	it('shows nothing of the PID before once the PID changes, not even for a frame', async () => {
		const {calls, collector} = handCollector();
		const seen: Array<readonly [number, number | undefined]> = [];
		const record = (pid: number, state: ProcessDetailState) => {
			seen.push([pid, state.detail?.process?.pid]);
		};

		const view = render(<Probe collector={collector} pid={812} interval={60} onState={record} />);
		await drawn();
		calls[0]!.answer(detailOf());
		await drawn();
		expect(seen.at(-1)).toEqual([812, 812]);
		view.rerender(<Probe collector={collector} pid={95} interval={60} onState={record} />);
		await drawn();
		calls[1]!.answer(detailOf([], {pid: 95, process: {...sshdInfo, pid: 95, command: 'systemd-resolve'}}));
		await drawn();
		expect(seen.at(-1)).toEqual([95, 95]);
		expect(seen.filter(([pid, shown]) => shown !== undefined && shown !== pid)).toEqual([]);
		view.unmount();
	});

	it('asks who has the PID once for a row, even when the first read of the process throws', async () => {
		const {counts, collector} = sshdCollector(true);
		const row = {command: 'sshd', shownAt: Date.now()};
		function FromRow() {
			const {detail, error} = useProcessDetail(collector, 812, 0.05, false, undefined, null, null, row);
			return <Text>{error ?? (detail === null ? 'reading' : 'read')}</Text>;
		}

		const view = render(<FromRow />);
		for (let waited = 0; view.lastFrame() !== 'read' && waited < WAIT_MS; waited += 50) await sleep(50);
		expect(view.lastFrame()).toBe('read');
		view.unmount();
		expect(counts.reads).toBeGreaterThanOrEqual(2);
		expect(counts.identified).toBe(1);
	});

	it('once its process has left the PID, reads the fds no more, only who has the PID: a newcomer once, for its name', async () => {
		let holder: {readonly startToken: string; readonly command: string} | null = {startToken: '100', command: 'sshd'};
		let reads = 0;
		const collector: Collector = {
			name: 'proc',
			snapshot: async () => ({time: 0, hostname: 'h', backend: 'proc', sockets: [], skipped: emptySkipped}),
			identify: async () => holder,
			async process(pid) {
				reads++;
				return holder === null ? {time: Date.now(), pid, process: null, fds: [], denied: null} : detailOf(undefined, {time: Date.now(), process: {...sshdInfo, ...holder}});
			},
		};
		let last: ProcessDetailState | undefined;
		const view = render(<Probe collector={collector} interval={0.02} onState={(_pid, state) => (last = state)} />);
		const waitUntil = async (isDone: () => boolean) => {
			for (let waited = 0; !isDone() && waited < WAIT_MS; waited += 20) await sleep(20);
		};

		await waitUntil(() => reads >= 3);
		holder = null;
		await waitUntil(() => last?.detail?.process === null);
		const atExit = reads;
		await sleep(300);
		expect(reads).toBe(atExit);
		holder = {startToken: '200', command: 'cc1'};
		await waitUntil(() => last?.reusedBy === 'cc1');
		await sleep(300);
		view.unmount();
		expect(reads).toBe(atExit + 1);
		// Shown as before: exited, its last read alive kept, the PID another's.
		expect(last?.detail?.process).toBeNull();
		expect(last?.lastAlive?.process?.startToken).toBe('100');
	});
});
