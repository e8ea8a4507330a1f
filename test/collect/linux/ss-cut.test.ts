import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {cutListenersLine, withCutListeners} from '../../../source/collect/linux/ss-cut.js';
import {parseSsAnswer, parseSsUnix} from '../../../source/collect/linux/ss-unix.js';

/**
 * A listener with 1,000 clients waiting cuts the kernel's answer to `ss -xlHe` short (ss-cut.ts).
 * Captured with test/fixtures/ss/unix-long-queue.py (see SOURCES.md): where ss -A unix -aHe 'src
 * :INODE' got its line, and where the kernel's walk met it too early for that as well.
 */
const capture = (name: string) => readFileSync(new URL(`../../fixtures/ss/${name}`, import.meta.url), 'utf8');

/** A fake ss: what it was asked, and the answer for each filter. */
function fakeSs(answers: Record<string, string>) {
	const asked: string[][] = [];
	const run = async (args: readonly string[]) => {
		asked.push([...args]);
		return answers[args.at(-1)!] ?? '';
	};

	return {asked, run};
}

describe('withCutListeners', () => {
	it('runs nothing more where ss -xlHe lists every listener', async () => {
		const listening = capture('linux-iproute2-xlHe-queue.txt');
		const ss = fakeSs({});
		const all = capture('linux-iproute2-xaH-queue.txt');
		expect(await withCutListeners(ss.run, all, listening)).toEqual({all, listening});
		expect(ss.asked).toEqual([]);
	});

	it('runs nothing more where the listener missing has no long queue (one that opened between the two runs)', async () => {
		const all = 'u_str LISTEN 0      5      /tmp/new.sock 100 * 0\nu_str LISTEN 0      5      /tmp/old.sock 101 * 0\n';
		const ss = fakeSs({});
		expect((await withCutListeners(ss.run, all, 'u_str LISTEN 0      5      /tmp/old.sock 101 * 0 <-> ino:7 dev:0/65024 peers:\n')).listening).toContain('old.sock');
		expect(ss.asked).toEqual([]);
	});

	it('asks again for the listener with the long queue, and then knows who waits in it', async () => {
		const all = capture('linux-iproute2-xaH-long-queue.txt');
		const short = capture('linux-iproute2-xlHe-long-queue.txt');
		// Before: the two small listeners only, and nobody waiting anywhere.
		expect(parseSsUnix(all, short)).toMatchObject({unlisted: [8_530_967], waiting: new Map()});
		const ss = fakeSs({'src :8530967': capture('linux-iproute2-src-long-queue.txt')});
		const answer = await withCutListeners(ss.run, all, short);
		expect(ss.asked).toEqual([['-A', 'unix', '-aHe', 'src :8530967']]);
		const parsed = parseSsAnswer(answer);
		// `all` read once, for finding the listeners missing and for the parse, gives what reading it again would.
		expect(parsed).toEqual(parseSsUnix(all, answer.listening));
		expect(parsed.unlisted).toEqual([]);
		expect(parsed.waiting.size).toBe(1000);
		expect(new Set(parsed.waiting.values())).toEqual(new Set([8_530_967]));
		expect(parsed.files).toEqual(new Map([[8_530_968, 2_179_084], [8_530_969, 2_179_085]]));
		expect(cutListenersLine(parsed, false)).toBeNull();
	});

	it('says what stays unknown where the kernel meets the long queue too early even for every state', async () => {
		// The path's file had inode 2179077, slot 5 of the kernel's 256: about 20 of its clients came before it.
		const all = capture('linux-iproute2-xaH-long-queue-early.txt');
		const ss = fakeSs({});
		const answer = await withCutListeners(ss.run, all, '');
		// The long queue's line alone in one run, the two listeners after it in another: neither answered.
		expect(ss.asked).toEqual([
			['-A', 'unix', '-aHe', 'src :8492240'],
			['-A', 'unix', '-aHe', 'src :8492241 or src :8492242'],
		]);
		const parsed = parseSsAnswer(answer);
		expect(parsed).toEqual(parseSsUnix(all, answer.listening));
		expect(parsed.unlisted).toEqual([8_492_240, 8_492_241, 8_492_242]);
		expect(cutListenersLine(parsed, false)).toBe(
			"unix listeners: waiting clients and bound files unknown for 3 (ss's answer stops at an accept queue of 1000)",
		);
		expect(cutListenersLine(parsed, true)).toMatch(/^unix listeners in another network namespace: /);
		// The queue itself is still known, from ss -xaH.
		expect(parsed.rxQueues.get(8_492_240)).toBe(1000);
	});
});
