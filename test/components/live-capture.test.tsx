/** LiveView over a capture (--import): nothing to refresh, pause or signal. */
import {readFileSync} from 'node:fs';
import {importCollector} from '../../source/collect/import/index.js';
import {displayWidth} from '../../source/format/escape.js';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {KEYS, liveServices as services, renderLiveView, tick, type Rendered} from './live-fixtures.js';

vi.hoisted(() => {
	// Selection (inverse), new (bold) and gone (dim) rows are attributes: the frames must carry them.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

let current: Rendered | undefined;
afterEach(() => {
	current?.unmount();
	current = undefined;
});

describe('LiveView: a capture (--import)', () => {
	it('says it is a capture, not refreshed, and offers no pause or kill keys', async () => {
		const capture = readFileSync(new URL('../fixtures/ss/linux-iproute2-tunap.txt', import.meta.url), 'utf8');
		current = renderLiveView({collector: importCollector(capture, 'web1-ss.txt'), services});
		const frame = await current.waitFor(text => text.includes('spc in name'));
		expect(frame.split('\n')[0]).toMatch(/^web1-ss\.txt {2}\d\d:\d\d:\d\d {2}a capture, not refreshed$/);
		expect(frame.split('\n').at(-1)).toBe('↑↓ move  <> sort  / filter  Enter pid  ? help  q quit');
	});

	it('leaves Space, + - and k out of its help too, and Space does not pause what never refreshes', async () => {
		const capture = readFileSync(new URL('../fixtures/ss/linux-iproute2-tunap.txt', import.meta.url), 'utf8');
		current = renderLiveView({collector: importCollector(capture, 'web1-ss.txt'), services, rows: 40});
		await current.waitFor(text => text.includes('spc in name'));
		await current.press(' ');
		// Named, not a blank (' : not a key here').
		await current.waitFor(text => text.split('\n').at(-1) === 'Space: not a key here; ? lists the keys');
		await current.press('+');
		// Nothing is to change (a negative check): a pause would be drawn within these 50 ms.
		await tick(50);
		expect(current.frame().split('\n')[0]).not.toContain('PAUSED');
		await current.press('?');
		const help = await current.waitFor(text => text.includes('socktop keys'));
		expect(help).toMatch(/Enter +open the process/);
		expect(help).not.toContain('pause or resume');
		expect(help).not.toContain('refresh interval');
		expect(help).not.toContain('send a signal');
	});

	it('has no n: a capture does not say which network namespace its sockets are in', async () => {
		const capture = readFileSync(new URL('../fixtures/ss/linux-iproute2-tunap.txt', import.meta.url), 'utf8');
		current = renderLiveView({collector: importCollector(capture, 'web1-ss.txt'), services, rows: 40});
		await current.waitFor(text => text.includes('spc in name'));
		await current.press('n');
		// Nothing is to change (a negative check): a netns filter would be drawn within these 50 ms.
		await tick(50);
		expect(current.frame().split('\n')[2]).toContain('Filter none');
		expect(current.frame().split('\n')[2]).not.toContain('netns');
		await current.press('?');
		const help = await current.waitFor(text => text.includes('socktop keys'));
		expect(help).not.toContain('network namespace');
	});

	it('does not pause from its PID view either', async () => {
		const capture = readFileSync(new URL('../fixtures/netstat/linux-root-tunapo.txt', import.meta.url), 'utf8');
		current = renderLiveView({collector: importCollector(capture, 'tunapo.txt'), services, pidView: 6036, rows: 40});
		await current.waitFor(text => text.includes('127.0.0.1:18080'));
		await current.press(' ');
		await current.waitFor(text => text.includes('Space: not a key here; ? lists the keys'));
		expect(current.frame().split('\n')[0]).not.toContain('paused');
		await current.press(KEYS.escape);
		const table = await current.waitFor(text => text.includes('a capture, not refreshed'));
		expect(table.split('\n')[0]).not.toContain('PAUSED');
	});

	it('says how many of its lines it could not read, with the first one', async () => {
		// No services table: the ten lines with service names (`127.0.0.2:domain`) are not read.
		const capture = readFileSync(new URL('../fixtures/ss/linux-root-tulp-names.txt', import.meta.url), 'utf8');
		current = renderLiveView({collector: importCollector(capture, 'tulp.txt'), services, columns: 200});
		const frame = await current.waitFor(text => text.includes('python3'));
		expect(frame.split('\n')[0]).toMatch(/a capture, not refreshed {2}10 lines could not be read \(e\.g\. 'udp UNCONN 0 0 127\.0\.0\.2:domain/);
	});

	it('its PID view lists a netstat capture\'s sockets, which have no fd number, with FD ?', async () => {
		const capture = readFileSync(new URL('../fixtures/netstat/linux-root-tunapo.txt', import.meta.url), 'utf8');
		current = renderLiveView({collector: importCollector(capture, 'tunapo.txt'), services, pidView: 6036, rows: 40});
		const frame = await current.waitFor(text => text.includes('127.0.0.1:18080'));
		expect(frame).toMatch(/│ +\? │ tcp4 │ 127\.0\.0\.1:18080 +│ \*:\* +│ LISTEN/);
		expect(frame).toMatch(/^tcp4 127\.0\.0\.1:18080: python3 listens for TCP connections on port 18080/m);
		// The selection moves by row, there being no fd number to follow.
		const selectedLine = () => current!.rawFrame().split('\n').find(line => line.includes('\u001B[7m') && line.includes('tcp')) ?? '';
		expect(selectedLine()).toContain('127.0.0.1:18080');
		await current.press('j');
		await current.waitFor(() => selectedLine().includes('*:18022'));
	});

	it('says it in few words when the sentence does not fit', async () => {
		const capture = readFileSync(new URL('../fixtures/ss/linux-root-tulp-names.txt', import.meta.url), 'utf8');
		current = renderLiveView({collector: importCollector(capture, 'tulp.txt'), services});
		const frame = await current.waitFor(text => text.includes('python3'));
		expect(frame.split('\n')[0]).toMatch(/a capture, not refreshed {2}10 lines unread$/);
	});

	it('cuts a long capture path from the left, so the notes after it still show at 80 columns', async () => {
		const capture = readFileSync(new URL('../fixtures/ss/linux-root-tulp-names.txt', import.meta.url), 'utf8');
		const path = '/var/tmp/incident-2026-11-27/web1/before-the-restart/ss-tulp.txt';
		current = renderLiveView({collector: importCollector(capture, path), services, columns: 80, rows: 24});
		const frame = await current.waitFor(text => text.includes('python3'));
		expect(frame.split('\n')[0]).toMatch(/^…[\w/-]*\/ss-tulp\.txt {2}\d\d:\d\d:\d\d {2}a capture, not refreshed {2}10 lines unread$/);
		expect(displayWidth(frame.split('\n')[0]!)).toBe(80);
	});
});
