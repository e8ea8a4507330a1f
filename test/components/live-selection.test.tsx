/** LiveView selection: the Move keys, and the selected socket kept across refreshes and re-sorts. */
import {describe, expect, it, vi} from 'vitest';
import {KEYS, baseSockets, browser, snapshotOf, socket, liveMounter} from './live-fixtures.js';
import {isLoaded, selectedLine, tableRows} from './live-frames.js';

vi.hoisted(() => {
	// Selection (inverse), new (bold) and gone (dim) rows are attributes: the frames must carry them.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();
/** A socket sorted first by COMMAND: a refresh that brings it adds a row above every other. */
const newcomer = socket({proto: 'tcp4', inode: 9000, localPort: 7000, state: 'LISTEN', command: 'aaa', pid: 4000, fd: 3});

describe('LiveView: selection', () => {
	it('follows the same socket across a refresh that adds rows above it', async () => {
		const {view, collector} = mount({isColor: true});
		await view.waitFor(isLoaded);
		await view.press(KEYS.down);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('firefox'));
		const newcomers = ['aaa', 'abc', 'acme'].map((command, index) => socket({proto: 'tcp4', inode: 9000 + index, localPort: 7000 + index, state: 'LISTEN', command, pid: 4000 + index, fd: 3}));
		collector.push(snapshotOf([...newcomers, ...baseSockets], Date.UTC(2026, 10, 27, 3, 30, 2)));
		const frame = await view.waitFor(frame => frame.includes('acme'));
		expect(tableRows(frame)[4]).toContain('firefox');
		expect(selectedLine(view.rawFrame())).toContain('firefox');
	});

	it('follows the same socket across a re-sort', async () => {
		const {view} = mount({isColor: true});
		await view.waitFor(isLoaded);
		await view.press(KEYS.down);
		await view.press(KEYS.down);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('nginx'));
		await view.press('>');
		await view.press('r');
		await view.waitFor(frame => frame.includes('Sort PID desc'));
		expect(selectedLine(view.rawFrame())).toContain('nginx');
		expect(tableRows(view.frame())[1]).toContain('nginx');
	});

	it('stays at the same position when its socket is gone for good, and follows the row there from then on', async () => {
		const {view, collector} = mount({isColor: true});
		await view.waitFor(isLoaded);
		await view.press(KEYS.down);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('firefox'));
		const without = baseSockets.filter(each => each !== browser);
		collector.push(snapshotOf(without, Date.UTC(2026, 10, 27, 3, 30, 2)));
		collector.push(snapshotOf(without, Date.UTC(2026, 10, 27, 3, 30, 4)));
		await view.waitFor(frame => frame.includes('03:30:04'));
		expect(view.frame()).not.toContain('firefox');
		expect(selectedLine(view.rawFrame())).toContain('nginx');
		collector.push(snapshotOf([newcomer, ...without], Date.UTC(2026, 10, 27, 3, 30, 6)));
		await view.waitFor(frame => frame.includes('03:30:06'));
		expect(selectedLine(view.rawFrame())).toContain('nginx');
	});

	// Before any Move key, and once its socket is gone, the row drawn as selected is the one followed:
	// k or Enter after a refresh act on the socket that was highlighted, not on whatever row is now there.
	it('follows the socket drawn as selected before any key, across a refresh that adds a row above it', async () => {
		const {view, collector} = mount({isColor: true});
		await view.waitFor(isLoaded);
		expect(selectedLine(view.rawFrame())).toContain('dbus-daemon');
		collector.push(snapshotOf([newcomer, ...baseSockets], Date.UTC(2026, 10, 27, 3, 30, 2)));
		await view.waitFor(frame => frame.includes(' aaa '));
		expect(selectedLine(view.rawFrame())).toContain('dbus-daemon');
	});

	it('follows the socket drawn as selected before any key across a re-sort', async () => {
		const {view} = mount({isColor: true});
		await view.waitFor(isLoaded);
		await view.press('r');
		await view.waitFor(frame => frame.includes('COMMAND desc'));
		expect(selectedLine(view.rawFrame())).toContain('dbus-daemon');
		expect(tableRows(view.frame()).at(-1)).toContain('dbus-daemon');
	});

	it('selects the first row a new filter shows when it hides the selection, and keeps it once the filter is cleared', async () => {
		const {view} = mount({isColor: true});
		await view.waitFor(isLoaded);
		await view.press(KEYS.down);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('firefox'));
		await view.press('/');
		await view.press('sshd');
		await view.waitFor(frame => !frame.includes('firefox'));
		expect(selectedLine(view.rawFrame())).toMatch(/sshd\s+812\s+3/);
		await view.press(KEYS.escape);
		await view.waitFor(frame => frame.includes('firefox'));
		expect(selectedLine(view.rawFrame())).toMatch(/sshd\s+812\s+3/);
	});

	it('does not leave the selection where the hidden one was drawn: from the last row, a filter selects its first', async () => {
		const {view} = mount({isColor: true});
		await view.waitFor(isLoaded);
		await view.press(KEYS.end);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('systemd-resolve'));
		await view.press('/');
		await view.press('sshd');
		await view.waitFor(frame => !frame.includes('systemd-resolve'));
		expect(selectedLine(view.rawFrame())).toMatch(/sshd\s+812\s+3/);
		// A filter that keeps the selection keeps it: the second sshd row, then the filter edited to "ssh".
		await view.press(KEYS.enter);
		await view.press(KEYS.down);
		await view.waitFor(() => /sshd\s+812\s+4/.test(selectedLine(view.rawFrame())));
		await view.press('/');
		await view.press(KEYS.backspace);
		await view.waitFor(frame => frame.includes('Filter "ssh"') || frame.includes('Filter: ssh '));
		expect(selectedLine(view.rawFrame())).toMatch(/sshd\s+812\s+4/);
	});

	it('moves with j, PgDn, G/End, g/Home', async () => {
		const {view} = mount({isColor: true, rows: 10, columns: 100});
		await view.waitFor(isLoaded);
		await view.press('G');
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('systemd-res'));
		// The screen scrolled to keep the selection visible: the first rows are off screen.
		expect(view.frame()).not.toContain('dbus-daemon');
		await view.press('g');
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('dbus-daemon'));
		await view.press('j');
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('firefox'));
		await view.press(KEYS.end);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('systemd-res'));
		await view.press(KEYS.home);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('dbus-daemon'));
		await view.press(KEYS.pageDown);
		// 10 rows: 4 body rows on screen, a page moves by 3.
		await view.waitFor(() => /sshd\s+812\s+3/.test(selectedLine(view.rawFrame())));
		await view.press(KEYS.up);
		await view.waitFor(() => selectedLine(view.rawFrame()).includes('nginx'));
	});
	it('counts every key of a chunk typed while a refresh held the event loop', async () => {
		const {view} = mount({isColor: true});
		await view.waitFor(isLoaded);
		await view.press('jjj');
		await view.waitFor(() => /sshd\s+812\s+3/.test(selectedLine(view.rawFrame())));
		await view.press('>>');
		await view.waitFor(frame => frame.includes('Sort FD asc'));
	});
});
