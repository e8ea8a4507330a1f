import {describe, expect, it} from 'vitest';
import type {ProcessScan} from '../../../source/collect/linux/fd-worker.js';
import {takeHelperScans} from '../../../source/collect/linux/fds.js';
import type {Slicer} from '../../../source/collect/linux/slice.js';

const scanOf = (index: number, more: Partial<ProcessScan> = {}): ProcessScan => ({index, failure: null, found: [], status: null, statusFailure: null, netns: null, ...more});

describe('takeHelperScans', () => {
	it('rescans each zombie leader the helper noticed on this thread, pausing after each: its tables may be large', async () => {
		const events: string[] = [];
		const everyTime: Slicer = {
			isDue: () => true,
			async pause() {
				events.push('pause');
			},
		};
		const theirs = [scanOf(0, {isZombieLeader: true}), scanOf(1, {found: [7, 3]}), scanOf(2, {isZombieLeader: true}), scanOf(3, {isZombieLeader: true})];
		const scans: ProcessScan[] = [];
		await takeHelperScans(
			theirs,
			index => {
				events.push(`rescan ${index}`);
				// The third one holds no socket after all.
				return index === 3 ? null : scanOf(index, {found: [9, 4], task: '77'});
			},
			everyTime,
			scans,
		);
		expect(events).toEqual(['rescan 0', 'pause', 'rescan 2', 'pause', 'rescan 3', 'pause']);
		expect(scans).toEqual([scanOf(0, {found: [9, 4], task: '77'}), theirs[1], scanOf(2, {found: [9, 4], task: '77'})]);
	});
});
