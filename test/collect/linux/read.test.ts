import {closeSync, openSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {isFailure, readDirectory, readLines, readLink, readStat, readText} from '../../../source/collect/linux/read.js';
import {createSlicer} from '../../../source/collect/linux/slice.js';
import {tempDirectory} from '../../helpers/temp-directory.js';

const directory = tempDirectory('read');

describe('read helpers turn expected errors into values', () => {
	it('says gone for a missing file, a vanished pid and a closed fd', () => {
		for (const result of [readText(path.join(directory, 'nope')), readDirectory('/proc/999999999/fd'), readLink('/proc/self/fd/99999'), readStat('/proc/999999999')]) {
			expect(isFailure(result) && result.kind).toBe('gone');
		}
	});

	it('keeps other errno codes, classified as other', () => {
		const result = readText(directory);
		expect(isFailure(result) && [result.code, result.kind]).toEqual(['EISDIR', 'other']);
	});

	it('stats /proc/PID: its owner is the process\'s euid', () => {
		const stat = readStat(`/proc/${process.pid}`);
		expect(isFailure(stat) ? stat : stat.uid).toBe(process.geteuid!());
	});

	it('reads /proc/self/fd links', () => {
		const file = path.join(directory, 'held');
		writeFileSync(file, '');
		const fd = openSync(file, 'r');
		try {
			expect(readDirectory('/proc/self/fd')).toContain(String(fd));
			expect(readLink(`/proc/self/fd/${fd}`)).toBe(file);
		} finally {
			closeSync(fd);
		}
	});
});

describe('readLines', () => {
	it('hands over a large file in pieces that end on line boundaries and add up to the file', async () => {
		// Multi-byte characters around the 256 KiB piece boundaries must survive the split.
		const lines = Array.from({length: 40_000}, (_, i) => `${i} ${'é✓'.repeat(i % 7)} /tmp/sock-${i}`);
		const text = lines.join('\n');
		const file = path.join(directory, 'big');
		writeFileSync(file, text);
		const pieces: string[] = [];
		const failure = await readLines(file, createSlicer(0), piece => pieces.push(piece));
		expect(failure).toBeUndefined();
		expect(pieces.length).toBeGreaterThan(1);
		for (const piece of pieces.slice(0, -1)) expect(piece.endsWith('\n')).toBe(true);
		expect(pieces.join('')).toBe(text);
	});

	it('returns the failure for an unreadable table instead of throwing', async () => {
		const failure = await readLines('/proc/999999999/net/tcp', createSlicer(), () => {});
		expect(failure?.kind).toBe('gone');
	});
});
