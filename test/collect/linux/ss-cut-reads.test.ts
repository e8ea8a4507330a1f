import {readFileSync} from 'node:fs';
import {describe, expect, it, vi} from 'vitest';
import type {FileRun} from '../../../source/collect/run-to-files.js';
import {parsedSs} from '../../../source/collect/linux/ss-answers.js';
import {runSsUnix} from '../../../source/collect/linux/ss-run.js';

/**
 * While a long accept queue cuts `ss -xlHe` short (ss-cut.ts), `ss -xaH`'s answer, every unix
 * socket's line, is read to find the listeners missing: then not again to parse it.
 */
const capture = (name: string) => readFileSync(new URL(`../../fixtures/ss/${name}`, import.meta.url), 'utf8');
const all = capture('linux-iproute2-xaH-long-queue.txt');
const answers: Record<string, string> = {'-xaH': all, '-xlHe': capture('linux-iproute2-xlHe-long-queue.txt'), 'src :8530967': capture('linux-iproute2-src-long-queue.txt')};

vi.mock('../../../source/collect/run-to-files.js', async importOriginal => ({
	...(await importOriginal<typeof import('../../../source/collect/run-to-files.js')>()),
	runToFiles: async (_command: string, args: readonly string[]): Promise<FileRun> => ({kind: 'exited', stdout: answers[args.at(-1)!] ?? '', stderr: '', code: 0}),
}));

/** How often the text of ss -xaH was read, through either of ss-unix.ts's ways in. */
const reads = vi.hoisted(() => ({all: 0, text: ''}));
vi.mock('../../../source/collect/linux/ss-unix.js', async importOriginal => {
	const original: Record<string, unknown> = await importOriginal();
	const counting = (name: string) => (text: unknown, ...rest: unknown[]) => {
		if (text === reads.text) reads.all++;
		return (original[name] as (...args: unknown[]) => unknown)(text, ...rest);
	};

	return {...original, ...Object.fromEntries(['parseSsUnix', 'readSsAnswer'].filter(name => name in original).map(name => [name, counting(name)]))};
});

describe('ss -xaH\'s answer while a long accept queue cuts ss -xlHe short', () => {
	it('is read once a refresh: for the listeners missing, and for its parse', async () => {
		reads.text = all;
		const answer = await runSsUnix(true);
		const ss = parsedSs(answer, undefined)!;
		expect(reads.all).toBe(1);
		// Asked again, the listener with the long queue is known, and who waits in it.
		expect(ss.unlisted).toEqual([]);
		expect(ss.waiting.size).toBe(1000);
	});
});
