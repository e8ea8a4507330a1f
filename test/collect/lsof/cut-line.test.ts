import {describe, expect, it} from 'vitest';
import {parseLsofF} from '../../../source/collect/lsof/sockets.js';

/**
 * The cut last line of an lsof -F capture is found in time linear in the capture: /[^\n]*$/ tried
 * every start of each line before it to its end (its square: a 50,000-byte line took 2 s of CPU, this
 * test's 120,000-byte one about 12 s), which also made the parsers' property tests slow enough to time out under load.
 */
describe('lsof -F cut short after a long line', () => {
	it('reads it in a blink of CPU time, and says the cut line', () => {
		const text = `p1234\ncnode\nf3\ntunix\nn/run/${'x'.repeat(120_000)}.sock\nf4\ntIPv4\nPTCP\nn127.0.0.1:5`;
		const before = process.cpuUsage();
		const {malformedLines, firstMalformed} = parseLsofF(text);
		const {user, system} = process.cpuUsage(before);
		// CPU time, not the clock's: a busy machine's preemption does not count (linear: ~1 ms).
		expect((user + system) / 1000).toBeLessThan(1000);
		expect(malformedLines).toBe(1);
		expect(firstMalformed).toMatch(/\(cut short at 'n127\.0\.0\.1:5'\)$/);
	});
});
