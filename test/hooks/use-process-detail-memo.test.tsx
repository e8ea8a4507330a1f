/** useProcessDetail where React drops what useMemo kept (it may, to free memory): the view's reads and its row check go on as one. */
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {useProcessDetail} from '../../source/hooks/use-process-detail.js';
import {WAIT_MS} from '../helpers/wait.js';
import {sshdCollector} from './sshd-collector.js';

vi.mock('react', async importOriginal => {
	const react = await importOriginal<typeof import('react')>();
	// Every render computes anew, as after React has dropped the memoized value.
	return {...react, useMemo: <T,>(factory: () => T) => factory()};
});

const sleep = async (ms: number) =>
	new Promise<void>(resolve => {
		setTimeout(resolve, ms);
	});

describe('useProcessDetail without memoized values', () => {
	it('asks who has the PID once for a row, and keeps what it read across renders', async () => {
		const {counts, collector} = sshdCollector();
		const row = {command: 'sshd', shownAt: Date.now()};
		const frames: string[] = [];
		function FromRow() {
			const {detail} = useProcessDetail(collector, 812, 0.05, false, undefined, null, null, row);
			const frame = detail === null ? 'reading' : 'read';
			frames.push(frame);
			return <Text>{frame}</Text>;
		}

		const view = render(<FromRow />);
		for (let waited = 0; counts.reads < 4 && waited < WAIT_MS; waited += 50) await sleep(50);
		view.unmount();
		expect(counts.reads).toBeGreaterThanOrEqual(4);
		expect(counts.identified).toBe(1);
		// Read once, never "Reading…" again: each render is the same view, not one started over.
		expect(frames.slice(frames.indexOf('read'))).not.toContain('reading');
	});
});
