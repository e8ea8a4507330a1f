import fc from 'fast-check';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect, it} from 'vitest';
import {displayWidth, sanitize} from '../../source/format/escape.js';
import {HOSTILE, HOSTILE_ARGV_VISIBLE} from '../helpers/hostile.js';
import {hasPython} from '../helpers/hostile.js';
import {TmuxPane, hasTmux, sleep} from '../helpers/tmux.js';
import {tempDirectory} from '../helpers/temp-directory.js';

/**
 * Columns line up only if displayWidth agrees with the terminal on every
 * sanitized string. Ask a real terminal (tmux) where its cursor ends up.
 *
 * Known limit: code points assigned or re-classed in recent Unicode versions
 * (CJK extension G/H, U+2630 trigrams made wide in Unicode 16) are measured with
 * string-width's newer tables and may be one column off in older terminals.
 * The random corpus below therefore draws from ranges stable since Unicode 9.
 */
const probe = fileURLToPath(new URL('../helpers/width-probe.py', import.meta.url));
const canRun = hasTmux && hasPython;
if (!canRun) {
	console.warn('escape-terminal: skipped, needs tmux and python3');
}

const directory = tempDirectory('width');

const curated = [
	...Object.values(HOSTILE).map(({bytes}) => bytes.toString('utf8')),
	...HOSTILE_ARGV_VISIBLE,
	'中文字 😀 ☕ ⌚',
	'👍🏽 ☺️ 🇺🇸 1️⃣ 👨\u200d👩',
	'e\u0301 Z\u0351\u0362a\u036al\u0335g\u0358o',
	'가나다 \u1100\u1161\u11a8',
	'กำแพง',
	'नमस्ते',
	'مرحبا \u202bx',
	'ＡＢＣ ｶﾀｶﾅ ─┼─ \ufffd',
	'\u3164\u115f\uffa0\u0600\u06dd\ufffe\u0378\u{e0041}',
];

const stableRanges = [
	[0x00, 0x7f],
	[0xa0, 0x24f],
	[0x300, 0x36f],
	[0x3041, 0x3096],
	[0x4e00, 0x9fa5],
	[0xac00, 0xd7a3],
	[0x1f600, 0x1f64f],
	[0x200b, 0x202e],
] as const;
const stableCharacter = fc
	.constantFrom(...stableRanges)
	.chain(([low, high]) => fc.integer({min: low, max: high}))
	.map(code => String.fromCodePoint(code));
const random = fc.sample(fc.string({unit: stableCharacter, maxLength: 16}), {numRuns: 1500, seed: 7});

it.skipIf(!canRun)('displayWidth matches where the terminal puts the cursor after every sanitized string', async () => {
	const samples = [...curated, ...random].map(sanitize);
	const input = path.join(directory, 'samples.json');
	const output = path.join(directory, 'widths.json');
	writeFileSync(input, JSON.stringify(samples));
	const pane = new TmuxPane(`python3 ${probe} ${input} ${output}`, 400, 5);
	try {
		const deadline = Date.now() + 20_000;
		while (!existsSync(output) && Date.now() < deadline) {
			await sleep(50);
		}

		const widths = JSON.parse(readFileSync(output, 'utf8')) as number[];
		const disagreements = samples
			.map((sample, index) => ({sample, ours: displayWidth(sample), terminal: widths[index]}))
			.filter(({ours, terminal}) => ours !== terminal);
		expect(disagreements).toEqual([]);
	} finally {
		pane.kill();
	}
});
