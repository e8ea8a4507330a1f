import {expect, it} from 'vitest';
import {readLinuxSnapshot} from '../../source/collect/linux/index.js';

/**
 * Slicing, timed: the structural check (the scan pauses between slices) is in
 * test/collect/linux/snapshot.test.ts; this one times the gaps between timer ticks, so it
 * lives here, where timed checks run on a quiet machine, not in `npm test`.
 */
it('a whole snapshot never blocks timers for long', async () => {
	// Gaps between timer ticks are measured in this process's CPU time, not wall time: a busy
	// machine (load 5 on 2 cores) stretches a gap by preempting the process, which no slicing can
	// prevent, while a stretch of the scan that never yields stretches both.
	const cpuMs = () => {
		const {user, system} = process.cpuUsage();
		return (user + system) / 1000;
	};

	let last = cpuMs();
	let longest = 0;
	const ticker = setInterval(() => {
		const now = cpuMs();
		longest = Math.max(longest, now - last);
		last = now;
	}, 1);
	const started = cpuMs();
	await readLinuxSnapshot();
	const took = cpuMs() - started;
	clearInterval(ticker);
	// The floor is below what a whole scan costs even on an idle machine (50-65 ms of CPU here,
	// 24 sockets and 134 processes), so an unsliced scan fails it; sliced gaps are ~10-15 ms.
	const bound = Math.max(30, took / 2);
	if (took < bound) console.warn(`snapshot took only ${took.toFixed(0)} ms of CPU; the ${bound} ms bound is not exercised`);
	// An unsliced scan is one gap as long as the whole scan; a sliced one has ~8 ms gaps.
	expect(longest).toBeLessThan(bound);
});
