import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import type {Collector} from '../../source/collect/collector.js';
import {useProcessDetail} from '../../source/hooks/use-process-detail.js';
import {emptySkipped} from '../../source/model/types.js';

const sleep = async (ms: number) =>
	new Promise<void>(resolve => {
		setTimeout(resolve, ms);
	});

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
		function Probe({interval, isPaused}: {readonly interval: number; readonly isPaused: boolean}) {
			const {detail} = useProcessDetail(collector, 1, interval, isPaused);
			return <Text>{detail === null ? 'reading' : 'read'}</Text>;
		}

		const view = render(<Probe interval={0.05} isPaused={false} />);
		await sleep(30);
		view.rerender(<Probe interval={0.05} isPaused />);
		await sleep(30);
		view.rerender(<Probe interval={0.05} isPaused={false} />);
		await sleep(30);
		view.rerender(<Probe interval={0.1} isPaused={false} />);
		// Reads go on (one after another), and the view gets their answer.
		for (let waited = 0; view.lastFrame() !== 'read' && waited < 5000; waited += 50) await sleep(50);
		await sleep(400);
		expect(view.lastFrame()).toBe('read');
		view.unmount();
		expect(reads).toBeGreaterThanOrEqual(2);
		expect(most).toBe(1);
	});
});
