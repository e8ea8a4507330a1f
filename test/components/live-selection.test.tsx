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

	it('stays at the same position when its socket is gone for good', async () => {
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
