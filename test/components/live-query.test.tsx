/** LiveView: the / filter's words, ! and name: typed at the prompt, and --filter's text on start. */
import {describe, expect, it, vi} from 'vitest';
import {KEYS, liveMounter} from './live-fixtures.js';
import {isLoaded, tableRows} from './live-frames.js';

vi.hoisted(() => {
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();
const commands = (frame: string) => tableRows(frame).map(line => line.split(/\s+/)[1]);

describe('LiveView: a combined / filter', () => {
	it('needs every word, excludes with !, and scopes name: to a column', async () => {
		const {view} = mount();
		await view.waitFor(isLoaded);
		await view.press('/');
		await view.press('listen !tcp6 lport:22');
		let frame = await view.waitFor(current => current.includes('Filter: listen !tcp6 lport:22'));
		expect(frame.split('\n').at(-1)).toMatch(/^Filter: listen !tcp6 lport:22\s+Enter keep  Esc clear$/);
		expect(tableRows(frame)).toHaveLength(1);
		expect(tableRows(frame)[0]).toMatch(/^\S+\s+sshd\s+812\s+3\s+tcp4\s+\*:22 /);
		await view.press(KEYS.enter);
		frame = await view.waitFor(current => current.includes('q quit'));
		expect(frame).toContain('Filter "listen !tcp6 lport:22"   showing 1 of 6');
	});

	it('tells a local port from a foreign one: fport:443 is the browser, lport:443 none', async () => {
		const {view} = mount();
		await view.waitFor(isLoaded);
		await view.press('/');
		await view.press('fport:443');
		let frame = await view.waitFor(current => current.includes('Filter: fport:443') && current.includes('showing 1 of 6'));
		expect(commands(frame)).toEqual(['firefox']);
		await view.press(`${KEYS.backspace.repeat('fport:443'.length)}lport:443`);
		frame = await view.waitFor(current => current.includes('Filter: lport:443') && current.includes('showing 0 of 6'));
		expect(frame).toContain('No sockets match the filters: "lport:443" (Esc clears the text filter).');
	});

	it('says on the prompt line what it reads as text or cannot take', async () => {
		const {view} = mount();
		await view.waitFor(isLoaded);
		await view.press('/');
		await view.press('lpot:22');
		let frame = await view.waitFor(current => current.includes('Filter: lpot:22'));
		expect(frame.split('\n').at(-1)).toMatch(/^Filter: lpot:22\s+lpot: is no column \(lport:\?\), read as text$/);
		await view.press(KEYS.escape);
		await view.waitFor(current => current.includes('showing 6 of 6'));
		await view.press('/pid:x');
		frame = await view.waitFor(current => current.includes('Filter: pid:x'));
		expect(frame.split('\n').at(-1)).toMatch(/^Filter: pid:x\s+pid: 'x' is not a number$/);
	});

	it('starts with --filter\'s text', async () => {
		const {view} = mount({filters: {text: 'user:www-data'}});
		const frame = await view.waitFor(current => current.includes('showing 1 of 6'));
		expect(commands(frame)).toEqual(['nginx']);
		expect(frame).toContain('Filter "user:www-data"');
	});
});
