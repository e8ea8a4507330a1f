import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {type Outcome, type Polled, usePolling} from '../../source/hooks/use-polling.js';
import {advance, drawn} from '../helpers/frames.js';

/** Reads the test answers by hand: each call waits until the test settles it. */
function handReads() {
	const calls: Array<{readonly key: string; readonly resolve: (value: string) => void; readonly reject: (error: Error) => void}> = [];
	const read = async (key: string) =>
		new Promise<string>((resolve, reject) => {
			calls.push({key, resolve, reject});
		});
	return {calls, read};
}

const none: readonly string[] = [];
const addOutcome = (state: readonly string[], outcome: Outcome<string>) => [...state, outcome.isOk ? outcome.value : `error: ${String(outcome.error)}`];

type ProbeProps = {
	readonly pollKey?: string;
	readonly read: (key: string) => Promise<string>;
	readonly interval?: number;
	readonly isPaused?: boolean;
	readonly slowAfterMs?: number;
	readonly asked?: string;
	readonly onPolled: (polled: Polled<readonly string[]>) => void;
};

function Probe({pollKey = 'a', read, interval = 1, isPaused = false, slowAfterMs, asked, onPolled}: ProbeProps) {
	const polled = usePolling({key: pollKey, read, reduce: addOutcome, initial: none, interval, isPaused, slowAfterMs, asked});
	onPolled(polled);
	return <Text>{polled.state.join(',')}</Text>;
}

function mount(props: Omit<ProbeProps, 'onPolled'>) {
	let latest: Polled<readonly string[]> | undefined;
	const onPolled = (polled: Polled<readonly string[]>) => {
		latest = polled;
	};

	const view = render(<Probe {...props} onPolled={onPolled} />);
	return {
		polled: () => latest!,
		rerender: (next: Omit<ProbeProps, 'onPolled'>) => {
			view.rerender(<Probe {...next} onPolled={onPolled} />);
		},
		unmount: view.unmount,
	};
}

beforeEach(() => {
	vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'Date']});
});

afterEach(() => {
	vi.useRealTimers();
});

describe('usePolling', () => {
	it('reads at once, then every interval measured from the start of the last read, not its end', async () => {
		const {calls, read} = handReads();
		const view = mount({read, interval: 1});
		await drawn();
		expect(calls).toHaveLength(1);
		// The read takes 300 ms: the next still starts 1 s after the first started.
		await advance(300);
		calls[0]!.resolve('first');
		await drawn();
		expect(view.polled().state).toEqual(['first']);
		await advance(699);
		expect(calls).toHaveLength(1);
		await advance(1);
		expect(calls).toHaveLength(2);
		view.unmount();
	});

	it('never starts a read while one runs: a read slower than the interval delays the next, which then starts at once', async () => {
		const {calls, read} = handReads();
		const view = mount({read, interval: 1});
		await advance(10_000);
		expect(calls).toHaveLength(1);
		// Changes that wake the wait do not start a second read either.
		view.rerender({read, interval: 0.5});
		view.rerender({read, interval: 0.5, isPaused: true});
		view.rerender({read, interval: 0.5});
		await advance(1000);
		expect(calls).toHaveLength(1);
		calls[0]!.resolve('slow');
		await drawn();
		expect(calls).toHaveLength(2);
		expect(view.polled().state).toEqual(['slow']);
		view.unmount();
	});

	it('reads once while paused from the start, so there is something to show, and then no more', async () => {
		const {calls, read} = handReads();
		const view = mount({read, interval: 1, isPaused: true});
		await drawn();
		expect(calls).toHaveLength(1);
		calls[0]!.resolve('first');
		await advance(60_000);
		expect(calls).toHaveLength(1);
		expect(view.polled().state).toEqual(['first']);
		view.unmount();
	});

	it('pausing freezes; resuming reads at once when a read is due, else when it falls due', async () => {
		const {calls, read} = handReads();
		const view = mount({read, interval: 10});
		await drawn();
		calls[0]!.resolve('first');
		await advance(1000);
		view.rerender({read, interval: 10, isPaused: true});
		await advance(1000);
		// Resumed 2 s after the read started: the next is due 8 s later, not now.
		view.rerender({read, interval: 10});
		await advance(7999);
		expect(calls).toHaveLength(1);
		await advance(1);
		expect(calls).toHaveLength(2);
		calls[1]!.resolve('second');
		await drawn();
		view.rerender({read, interval: 10, isPaused: true});
		await advance(60_000);
		expect(calls).toHaveLength(2);
		// Resumed long after the last read: due, so at once.
		view.rerender({read, interval: 10});
		await drawn();
		expect(calls).toHaveLength(3);
		view.unmount();
	});

	it('a shorter interval reads at once when the read is then due; a longer one waits from the last start', async () => {
		const {calls, read} = handReads();
		const view = mount({read, interval: 60});
		await drawn();
		calls[0]!.resolve('first');
		await advance(5000);
		view.rerender({read, interval: 2});
		await drawn();
		expect(calls).toHaveLength(2);
		calls[1]!.resolve('second');
		await advance(1000);
		view.rerender({read, interval: 30});
		await advance(28_999);
		expect(calls).toHaveLength(2);
		await advance(1);
		expect(calls).toHaveLength(3);
		view.unmount();
	});

	it('says how long a slow read has run, each second, until it ends', async () => {
		const {calls, read} = handReads();
		const view = mount({read, interval: 1, slowAfterMs: 5000});
		await advance(4999);
		expect(view.polled().slowSeconds).toBeNull();
		await advance(1);
		expect(view.polled().slowSeconds).toBe(5);
		await advance(1000);
		expect(view.polled().slowSeconds).toBe(6);
		calls[0]!.resolve('late');
		await drawn();
		expect(view.polled().slowSeconds).toBeNull();
		expect(view.polled().state).toEqual(['late']);
		view.unmount();
	});

	it('hands a failed read to the reducer and goes on reading', async () => {
		const {calls, read} = handReads();
		const view = mount({read, interval: 1});
		await drawn();
		calls[0]!.reject(new Error('lsof died'));
		await advance(1000);
		calls[1]!.resolve('back');
		await drawn();
		expect(view.polled().state).toEqual(['error: Error: lsof died', 'back']);
		view.unmount();
	});

	it('drops a read that ends after unmount, and reads no more', async () => {
		const {calls, read} = handReads();
		const reduce = vi.fn(addOutcome);
		function Counted() {
			usePolling({key: 'a', read, reduce, initial: none, interval: 1, isPaused: false});
			return null;
		}

		const view = render(<Counted />);
		await drawn();
		view.unmount();
		calls[0]!.resolve('too late');
		await advance(10_000);
		expect(reduce).not.toHaveBeenCalled();
		expect(calls).toHaveLength(1);
	});

	it('starts over for another key: its initial state at once, the old read dropped and waited for, then a read of the new key', async () => {
		const {calls, read} = handReads();
		const view = mount({pollKey: 'a', read, interval: 1});
		await drawn();
		calls[0]!.resolve('a1');
		await advance(1000);
		expect(view.polled().state).toEqual(['a1']);
		expect(calls.map(call => call.key)).toEqual(['a', 'a']);
		view.rerender({pollKey: 'b', read, interval: 1});
		await drawn();
		expect(view.polled().state).toEqual([]);
		// The read of 'a' under way finishes first: no two reads at once.
		expect(calls).toHaveLength(2);
		calls[1]!.resolve('a2');
		await drawn();
		expect(view.polled().state).toEqual([]);
		expect(calls.map(call => call.key)).toEqual(['a', 'a', 'b']);
		calls[2]!.resolve('b1');
		await drawn();
		expect(view.polled().state).toEqual(['b1']);
		view.unmount();
	});

	it('reads at once, after the read under way, when what it asks besides the key changes, the state kept; paused, not', async () => {
		const {calls, read} = handReads();
		const view = mount({read, interval: 10, asked: 'all'});
		await drawn();
		calls[0]!.resolve('first');
		await advance(1000);
		view.rerender({read, interval: 10, asked: 'host'});
		await drawn();
		expect(calls).toHaveLength(2);
		expect(view.polled().state).toEqual(['first']);
		// Changed again while that read runs: the next starts once it ends, not 10 s later.
		view.rerender({read, interval: 10, asked: 'blue'});
		await advance(100);
		expect(calls).toHaveLength(2);
		calls[1]!.resolve('host');
		await drawn();
		expect(calls).toHaveLength(3);
		calls[2]!.resolve('blue');
		await drawn();
		expect(view.polled().state).toEqual(['first', 'host', 'blue']);
		// Then every interval again, and no read for the same value asked.
		view.rerender({read, interval: 10, asked: 'blue'});
		await advance(9999);
		expect(calls).toHaveLength(3);
		await advance(1);
		expect(calls).toHaveLength(4);
		calls[3]!.resolve('later');
		view.rerender({read, interval: 10, asked: 'blue', isPaused: true});
		await drawn();
		view.rerender({read, interval: 10, asked: 'all', isPaused: true});
		await advance(60_000);
		expect(calls).toHaveLength(4);
		view.unmount();
	});
});
