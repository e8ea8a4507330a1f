/** LiveView: a message in the footer, and Esc, which dismisses it before it clears the filter. */
import {describe, expect, it, vi} from 'vitest';
import {KEYS, ScriptedCollector, hidden, liveMounter, nginx, snapshotOf} from './live-fixtures.js';

vi.hoisted(() => {
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();
const reason = "No process holds it: TIME_WAIT is the kernel's wait after a close, for late packets to die out: 60 s on Linux, restarted by a FIN the peer re-sends.";

describe('LiveView: Esc and a message in the footer', () => {
	it('Esc with a message shown dismisses the message and keeps the filter; a second Esc clears the filter', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf([hidden, nginx])), filters: {text: '5432'}});
		await view.waitFor(frame => frame.includes('TIME_WAIT') && frame.includes('Filter "5432"'));
		await view.press(KEYS.enter);
		await view.waitFor(frame => frame.split('\n').slice(-2).join(' ') === reason);
		await view.press(KEYS.escape);
		let frame = await view.waitFor(frame => !frame.includes("TIME_WAIT is the kernel's"));
		expect(frame).toContain('Filter "5432"');
		expect(frame).not.toContain('nginx');
		await view.press(KEYS.escape);
		frame = await view.waitFor(frame => frame.includes('nginx'));
		expect(frame).not.toContain('Filter "5432"');
	});

	it('Esc and l in one read (ESC l): the Escape dismisses the message, l toggles listening, the filter stays', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf([hidden, nginx])), filters: {text: '5432'}});
		await view.waitFor(frame => frame.includes('TIME_WAIT') && frame.includes('Filter "5432"'));
		await view.press(KEYS.enter);
		await view.waitFor(frame => frame.split('\n').slice(-2).join(' ') === reason);
		await view.press(`${KEYS.escape}l`);
		const frame = await view.waitFor(frame => !frame.includes("TIME_WAIT is the kernel's") && frame.includes('listening'));
		expect(frame).toContain('"5432"');
	});

	it('any other key dismisses the message and does what it does', async () => {
		const {view} = mount({collector: new ScriptedCollector(snapshotOf([hidden, nginx])), filters: {text: '5432'}});
		await view.waitFor(frame => frame.includes('TIME_WAIT'));
		await view.press(KEYS.enter);
		await view.waitFor(frame => frame.split('\n').slice(-2).join(' ') === reason);
		await view.press('l');
		const frame = await view.waitFor(frame => !frame.includes("TIME_WAIT is the kernel's") && frame.includes('listening'));
		expect(frame).toContain('"5432"');
	});
});
