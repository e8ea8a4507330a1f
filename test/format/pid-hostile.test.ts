import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readProcessDetail} from '../../source/collect/linux/process.js';
import {formatProcessJson, formatProcessText} from '../../source/format/pid.js';
import type {ProcessDetail} from '../../source/model/process.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {HOSTILE, HOSTILE_ARGV_VISIBLE, HOSTILE_VARIANTS, hasPython, spawnAllHostile, visiblePathOf, type Hostile} from '../helpers/hostile.js';

/**
 * Real processes whose comm, argv and unix socket path carry escape sequences,
 * controls, invalid UTF-8, bidi overrides and wide characters (helpers/hostile.py):
 * the PID view's text shows each made visible, and its JSON escapes them.
 */
const canRun = process.platform === 'linux' && hasPython;
if (!canRun) console.warn('skipping hostile PID view tests: needs Linux and python3');

const ctx = {services: createStaticServiceTable([]), ephemeral: [32_768, 60_999] as const};
// C0 except \n (the text's own line breaks), DEL, C1, bidi controls and zero-width characters.
const unsafe = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;

let directory: string;
let hostiles: Hostile[] = [];
const details = new Map<string, ProcessDetail>();

beforeAll(async () => {
	if (!canRun) return;
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'socktop-pid-hostile-'));
	hostiles = await spawnAllHostile(directory);
	for (const hostile of hostiles) {
		details.set(hostile.variant, await readProcessDetail(hostile.pid));
	}
}, 60_000);

afterAll(async () => {
	await Promise.all(hostiles.map(async hostile => hostile.stop()));
	if (directory) fs.rmSync(directory, {recursive: true, force: true});
});

describe.skipIf(!canRun)('the PID view of hostile processes', () => {
	it.each(HOSTILE_VARIANTS)('%s: text shows the name, argv and socket path made harmless', variant => {
		const detail = details.get(variant)!;
		expect(detail.process).not.toBeNull();
		const text = formatProcessText(detail, ctx);
		expect(text).not.toMatch(unsafe);
		expect(text).toContain(`Command   ${HOSTILE[variant].visible}`);
		for (const fragment of HOSTILE_ARGV_VISIBLE) expect(text).toContain(fragment);
		// The unix socket bound at <dir>/<name>.s is listed with its path made visible.
		expect(text).toContain(`${directory}/${visiblePathOf(variant)}.s`);
	});

	it.each(HOSTILE_VARIANTS)('%s: facts after the name parse correctly and the sockets are found', variant => {
		const detail = details.get(variant)!;
		const hostile = hostiles.find(each => each.variant === variant)!;
		expect(detail.process?.ppid).toBeGreaterThan(0);
		expect(detail.process?.state).toMatch(/^[SR] /);
		expect(detail.process?.startToken).toMatch(/^\d+$/);
		const ports = detail.fds.map(fd => fd.socket?.localPort);
		expect(ports).toContain(hostile.port);
		expect(ports).toContain(hostile.clientPort);
	});

	it.each(HOSTILE_VARIANTS)('%s: JSON carries the exact text, escaped', variant => {
		const json = formatProcessJson(details.get(variant)!, ctx);
		expect(json).not.toMatch(unsafe);
		const parsed = JSON.parse(json) as ProcessDetail;
		expect(parsed.process?.command).toBe(details.get(variant)!.process?.command);
	});
});
