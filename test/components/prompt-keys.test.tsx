/** Ctrl-W and Ctrl-U in every prompt: the table's and the PID view's `/`, and p (P is the same prompt). */
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import {KEYS, liveMounter} from './live-fixtures.js';
import {isLoaded} from './live-frames.js';
import {detailOf, scriptedCollector, sshdFds} from './pid-fixtures.js';
import {frameOf, loaded, view, waitFor} from './pid-frames.js';

vi.hoisted(() => {
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

unmountAfterEach();
const {mount} = liveMounter();
const lastLine = (frame: string) => frame.split('\n').at(-1) ?? '';
const ctrlW = '\u0017';
const ctrlU = '\u0015';

describe('prompt editing', () => {
	it('the table\'s / prompt: Ctrl-W deletes a word, Ctrl-U the rest; Left is no key there, so z is typed at the end', async () => {
		const {view: live} = mount();
		await live.waitFor(isLoaded);
		await live.press('/ssh 10.0');
		await live.waitFor(frame => lastLine(frame).startsWith('Filter: ssh 10.0 '));
		await live.press(ctrlW);
		await live.waitFor(frame => /^Filter: ssh {3}/.test(lastLine(frame)));
		await live.press(KEYS.backspace);
		await live.press(`d${KEYS.home}`);
		await live.press(`\u001B[D`);
		await live.press('z');
		await live.waitFor(frame => lastLine(frame).startsWith('Filter: sshdz '));
		await live.press(ctrlU);
		await live.waitFor(frame => /^Filter: {4}Enter keep/.test(lastLine(frame)));
	});

	it('the p prompt: Ctrl-W deletes the last port of the list, up to its comma', async () => {
		const {view: live} = mount({filters: {ports: [[22, 22], [8000, 8100]]}});
		await live.waitFor(isLoaded);
		await live.press('p');
		await live.waitFor(frame => lastLine(frame).startsWith('ports: 22,8000-8100 '));
		await live.press(ctrlW);
		await live.waitFor(frame => lastLine(frame).startsWith('ports: 22, '));
		await live.press(`80${ctrlW}${ctrlW}443`);
		await live.waitFor(frame => lastLine(frame).startsWith('ports: 443 '));
	});

	it('the PID view\'s / prompt: Ctrl-W deletes a word', async () => {
		const instance = view({collector: scriptedCollector([detailOf(sshdFds)])});
		await loaded(instance);
		instance.stdin.write('/');
		instance.stdin.write('tcp 22');
		await waitFor(() => {
			expect(lastLine(frameOf(instance))).toMatch(/^Filter: tcp 22 /);
		});
		instance.stdin.write(ctrlW);
		await waitFor(() => {
			expect(lastLine(frameOf(instance))).toMatch(/^Filter: tcp {3}/);
		});
	});
});
