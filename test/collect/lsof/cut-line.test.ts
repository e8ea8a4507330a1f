import {describe, expect, it} from 'vitest';
import {parseLsofF} from '../../../source/collect/lsof/sockets.js';

/**
 * The cut last line of an lsof -F capture after a long line. It was found with /[^\n]*$/, which tried
 * every start of each line before it to its end (its square: a 50,000-byte line took 2 s of CPU, this
 * test's 120,000-byte one about 12 s), and made the parsers' property tests slow enough to time out
 * under load. Speed is the benchmarks' to measure, not a test's: this one checks the answer.
 */
describe('lsof -F cut short after a long line', () => {
	it('reads it and says the cut line', () => {
		const text = `p1234\ncnode\nf3\ntunix\nn/run/${'x'.repeat(120_000)}.sock\nf4\ntIPv4\nPTCP\nn127.0.0.1:5`;
		const {malformedLines, firstMalformed} = parseLsofF(text);
		expect(malformedLines).toBe(1);
		expect(firstMalformed).toMatch(/\(cut short at 'n127\.0\.0\.1:5'\)$/);
	});
});
