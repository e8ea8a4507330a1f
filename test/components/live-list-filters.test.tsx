/** LiveView: p and P edit the -p and -P lists, which no toggle can change. */
import {describe, expect, it, vi} from 'vitest';
import {KEYS, liveMounter} from './live-fixtures.js';
import {isLoaded, tableRows} from './live-frames.js';

vi.hoisted(() => {
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();
const commands = (frame: string) => tableRows(frame).map(line => line.split(/\s+/)[1]);
const lastLine = (frame: string) => frame.split('\n').at(-1);
const ctrlU = '\u0015';

describe('LiveView: the ports and protocols lists', () => {
	it('p opens on the -p list; Enter applies the edited list', async () => {
		const {view} = mount({filters: {ports: [[22, 22], [8000, 8100]]}});
		let frame = await view.waitFor(isLoaded);
		expect(frame).toContain('Filter port 22,8000-8100   showing 2 of 6');
		await view.press('p');
		frame = await view.waitFor(frame => frame.includes('ports: '));
		expect(lastLine(frame)).toMatch(/^ports: 22,8000-8100\s+Enter apply \(empty clears\)  Esc cancel$/);
		// Not applied while typed: '22,8' would be a list of its own.
		await view.press(ctrlU);
		await view.press('80');
		frame = await view.waitFor(frame => lastLine(frame)!.startsWith('ports: 80 '));
		expect(commands(frame)).toEqual(['sshd', 'sshd']);
		await view.press(KEYS.enter);
		frame = await view.waitFor(frame => frame.includes('Filter port 80 '));
		expect(frame).toContain('showing 1 of 6');
		expect(commands(frame)).toEqual(['nginx']);
		expect(lastLine(frame)).toContain('q quit');
	});

	it('an empty list clears -p', async () => {
		const {view} = mount({filters: {ports: [[22, 22]]}});
		await view.waitFor(frame => frame.includes('Filter port 22 '));
		await view.press('p');
		await view.waitFor(frame => frame.includes('ports: 22'));
		await view.press(`${KEYS.backspace}${KEYS.backspace}`);
		await view.waitFor(frame => /^ports: {2}/m.test(frame));
		await view.press(KEYS.enter);
		const frame = await view.waitFor(frame => frame.includes('Filter none   showing 6 of 6'));
		expect(commands(frame)).toHaveLength(6);
	});

	it('a bad list says why in the prompt and keeps the old filter; Esc keeps it too', async () => {
		const {view} = mount({filters: {ports: [[22, 22]]}});
		await view.waitFor(frame => frame.includes('Filter port 22 '));
		await view.press('p');
		await view.press(',abc');
		await view.press(KEYS.enter);
		let frame = await view.waitFor(frame => frame.includes('not a port'));
		expect(lastLine(frame)).toBe("ports: 22,abc   'abc' is not a port number (1-65535)");
		expect(frame).toContain('Filter port 22   showing 2 of 6');
		// Typing again puts the hint back.
		await view.press(KEYS.backspace);
		frame = await view.waitFor(frame => frame.includes('Esc cancel'));
		expect(lastLine(frame)).toMatch(/^ports: 22,ab\s+Enter apply/);
		await view.press(KEYS.escape);
		frame = await view.waitFor(frame => lastLine(frame)!.includes('q quit'));
		expect(frame).toContain('Filter port 22   showing 2 of 6');
		expect(commands(frame)).toEqual(['sshd', 'sshd']);
	});

	it('P edits the -P list the same way', async () => {
		const {view} = mount({filters: {protocols: ['tcp']}});
		let frame = await view.waitFor(isLoaded);
		expect(frame).toContain('Filter tcp   showing 4 of 6');
		await view.press('P');
		frame = await view.waitFor(frame => frame.includes('protocols: tcp'));
		await view.press('x\r');
		frame = await view.waitFor(frame => frame.includes('unknown protocol'));
		expect(lastLine(frame)).toMatch(/^protocols: tcpx {3}unknown protocol 'tcpx' \(use tcp, udp,/);
		// sockstat's name for IPv6 TCP: the hint fits whole at 80 columns.
		await view.press(`${ctrlU}tcp6\r`);
		frame = await view.waitFor(frame => frame.includes('without the 6'));
		expect(lastLine(frame)).toMatch(/^protocols: tcp6 {3}-P takes tcp without the 6; add -6 for IPv6 *$/);
		await view.press(`${ctrlU}udp,unix\r`);
		frame = await view.waitFor(frame => frame.includes('Filter udp,unix'));
		expect(frame).toContain('showing 2 of 6');
		expect(commands(frame)).toEqual(['dbus-daemon', 'systemd-resolve']);
	});

	it('a chunk "p443" + Enter + "q" (typed fast over SSH) filters, closes the prompt and quits', async () => {
		const codes: number[] = [];
		const {view} = mount({onExit: code => codes.push(code)});
		await view.waitFor(isLoaded);
		await view.press('p443\rq');
		await view.waitFor(() => codes.length > 0);
		expect(codes).toEqual([0]);
		expect(view.frame()).toContain('Filter port 443');
	});

	it('p typed again in the same read as the Enter that applied a list opens on the new list, not the one drawn', async () => {
		const {view} = mount({filters: {ports: [[22, 22]]}});
		await view.waitFor(isLoaded);
		await view.press('p');
		await view.waitFor(frame => lastLine(frame)!.startsWith('ports: 22'));
		// One read: the new list, Enter, and p again before any frame. Opening on 22 would make Enter put it back.
		await view.press(`${ctrlU}80\rp`);
		const frame = await view.waitFor(frame => frame.includes('Filter port 80') && lastLine(frame)!.startsWith('ports: '));
		expect(lastLine(frame)).toMatch(/^ports: 80\b/);
	});
});
