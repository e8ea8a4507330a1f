import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parseSsUnix, readSsAnswer} from '../../../source/collect/linux/ss-unix.js';

/**
 * socktop asks `ss -xaH` (every socket) and `ss -xlHe` (the listeners, with -e) instead of one
 * `ss -xaHe`, whose every line ss pads to the width of a listener's `peers:` list. The three were
 * captured at one moment of test/fixtures/ss/unix-queue.py (see SOURCES.md).
 */
const capture = (name: string) => readFileSync(new URL(`../../fixtures/ss/${name}`, import.meta.url), 'utf8');
const all = capture('linux-iproute2-xaH-queue.txt');
const listening = capture('linux-iproute2-xlHe-queue.txt');
const together = capture('linux-iproute2-xaHe-queue.txt');

describe('parseSsUnix of ss -xaH and ss -xlHe', () => {
	it('tells every fact one ss -xaHe told: peers, names, queues, listeners, their files and who waits in their queues', () => {
		const ss = parseSsUnix(all, listening);
		expect(ss).toEqual(parseSsUnix(together));
		expect(ss.waiting).toEqual(new Map([[4_711_397, 4_711_396], [4_711_398, 4_711_396], [4_711_399, 4_711_396]]));
		expect(ss.files).toEqual(new Map([[4_711_396, 2_146_515]]));
		expect(ss.rxQueues.get(4_711_396)).toBe(3);
	});

	it('pads no line of the sockets that are not listening to the width of a listener\'s peers: list', () => {
		const widest = (text: string) => Math.max(...text.split('\n').filter(line => line.includes('ESTAB')).map(line => line.length));
		expect(widest(all)).toBeLessThan(70);
		expect(widest(together)).toBeGreaterThan(widest(all) + 40);
	});

	it('still names peers and queues where ss -xlHe did not answer; only the files and the waiting are not known', () => {
		const ss = parseSsUnix(all, null);
		const whole = parseSsUnix(together);
		expect(ss).toEqual({...whole, files: new Map(), waiting: new Map()});
	});
});

describe('the forged-line defences across the two answers', () => {
	const real = 'u_str LISTEN 0      5      /tmp/real.sock 100 * 0';
	const client = 'u_str ESTAB  0      0      * 101 * 0';

	it('believes nothing of an inode on two lines of ss -xlHe, in ss -xaH either', () => {
		const ss = parseSsUnix([real, client].join('\n'), [
			`${real} <-> ino:7 dev:0/1 peers:`,
			'u_str LISTEN 0      5      @x',
			'u_str LISTEN 4242 5 /tmp/real.sock 100 * 0 <-> ino:1 dev:0/1 peers: 101',
			'y 102 * 0 <-> peers:',
		].join('\n'));
		expect(ss.listeners.has(100)).toBe(false);
		expect(ss.names.has(100)).toBe(false);
		expect(ss.rxQueues.has(100)).toBe(false);
		expect(ss.files.size).toBe(0);
		expect(ss.waiting.size).toBe(0);
		expect(ss.peers.get(101)).toBe(0);
	});

	it('believes nothing of an inode on two lines of ss -xaH, in ss -xlHe either', () => {
		const ss = parseSsUnix([real, client, 'u_str UNCONN 0 0 @x', 'u_str LISTEN 4242 5 /tmp/real.sock 100 * 0', 'y 102 * 0'].join('\n'), `${real} <-> ino:7 dev:0/1 peers: 101`);
		expect(ss.listeners.has(100)).toBe(false);
		expect(ss.files.size).toBe(0);
		expect(ss.waiting.size).toBe(0);
	});

	it('takes a file and a queue from ss -xlHe only for a socket ss -xaH says is listening', () => {
		const ss = parseSsUnix(client, `${real} <-> ino:7 dev:0/1 peers: 101`);
		expect(ss.files.size).toBe(0);
		expect(ss.waiting.size).toBe(0);
		expect(parseSsUnix([real, client].join('\n'), `${real} <-> ino:7 dev:0/1 peers: 101`).waiting).toEqual(new Map([[101, 100]]));
	});

	it('leaves an answer read already as it was, so that it may be combined again (ss-cut.ts reads ss -xaH once for two)', () => {
		const text = [real, client, 'u_str UNCONN 0 0 @x', 'u_str LISTEN 4242 5 /tmp/real.sock 100 * 0', 'y 102 * 0'].join('\n');
		const read = readSsAnswer(text);
		const before = structuredClone(read);
		for (const listening of [`${real} <-> ino:7 dev:0/1 peers: 101`, `${real} <-> ino:7 dev:0/1 peers: 101\n${real} <-> ino:8 dev:0/1 peers:`, null]) {
			expect(parseSsUnix(read, listening)).toEqual(parseSsUnix(text, listening));
			expect(read).toEqual(before);
		}

		const clean = readSsAnswer(all);
		const cleanBefore = structuredClone(clean);
		expect(parseSsUnix(clean, listening)).toEqual(parseSsUnix(all, listening));
		expect(clean).toEqual(cleanBefore);
	});
});
