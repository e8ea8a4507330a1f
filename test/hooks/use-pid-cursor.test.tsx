/**
 * usePidCursor, driven through the PID view as the user sees it: the selected fd row (inverse),
 * its explanation under the table, and the title's 'rows X-Y of N' for the scroll.
 */
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import type {FileDescriptor} from '../../source/model/process.js';
import {detailOf, scriptedCollector, sshdFds, tick} from '../components/pid-fixtures.js';
import {frameOf, inverseRows, loaded, press, view, waitFor} from '../components/pid-frames.js';

vi.hoisted(() => {
	// The selected row is drawn inverse (Ink drops every attribute without a colour level); local times must not depend on the machine.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

unmountAfterEach();

describe('usePidCursor (the PID view\'s selected fd row and scroll)', () => {
	it('moves the selected row with ↓ j ↑ PgDn PgUp G g, scrolling to keep it shown, rendering only the rows that fit', async () => {
		const many: FileDescriptor[] = Array.from({length: 60}, (_, fd) => ({fd, type: 'file', target: `/var/log/file-${fd}.log`, socket: null}));
		// 80 columns: the rows range comes last in the title, after the hints, and a 70-column one cuts it.
		const instance = view({collector: scriptedCollector([detailOf(many)]), height: 20, width: 80});
		await loaded(instance);
		const first = frameOf(instance);
		expect(first.split('\n')[0]).toMatch(/^ PID 812 sshd · Esc back · \? help · k kill · ↑↓ select · rows 1-\d+ of 60$/);
		expect(first.split('\n').length).toBeLessThanOrEqual(20);
		expect(first).toContain('file-0.log');
		expect(first).not.toContain('file-59.log');
		const page = Number(/rows 1-(\d+) of 60/.exec(first)?.[1]);
		expect(page).toBeGreaterThan(3);
		expect(inverseRows(instance)).toEqual(['0 file /var/log/file-0.log']);
		expect(first).toContain('fd 0: the file /var/log/file-0.log');
		// j and ↓ move the selection, not the rows, until it reaches the last row shown.
		await press(instance, 'j', 'fd 1: the file /var/log/file-1.log');
		await press(instance, '\u001B[B', 'fd 2: the file /var/log/file-2.log');
		expect(inverseRows(instance)).toEqual(['2 file /var/log/file-2.log']);
		expect(frameOf(instance)).toContain(`rows 1-${page} of 60`);
		await press(instance, '\u001B[A', 'fd 1: the file /var/log/file-1.log');
		for (let fd = 2; fd < page; fd++) await press(instance, 'j', `fd ${fd}: the file`);
		expect(frameOf(instance)).toContain(`rows 1-${page} of 60`);
		// One past the last row shown: the table scrolls by one.
		await press(instance, 'j', `fd ${page}: the file /var/log/file-${page}.log`);
		expect(frameOf(instance)).toContain(`rows 2-${page + 1} of 60`);
		expect(inverseRows(instance)).toEqual([`${page} file /var/log/file-${page}.log`]);
		// A page moves the selection and the rows by a screen.
		await press(instance, '\u001B[6~', `fd ${2 * page}: the file`);
		expect(frameOf(instance)).toContain(`rows ${page + 2}-${2 * page + 1} of 60`);
		await press(instance, '\u001B[5~', `fd ${page}: the file`);
		expect(frameOf(instance)).toContain(`rows 2-${page + 1} of 60`);
		await press(instance, 'G', 'fd 59: the file /var/log/file-59.log');
		expect(frameOf(instance)).toContain('file-59.log │');
		expect(frameOf(instance)).not.toContain('file-0.log');
		expect(inverseRows(instance)).toEqual(['59 file /var/log/file-59.log']);
		// ↓ at the last row stays there.
		await press(instance, 'j', 'fd 59: the file /var/log/file-59.log');
		await press(instance, 'g', 'fd 0: the file /var/log/file-0.log');
		expect(frameOf(instance)).toContain(`rows 1-${page} of 60`);
		await press(instance, '\u001B[F', 'fd 59: the file');
		await press(instance, '\u001B[H', 'fd 0: the file');
		expect(frameOf(instance).split('\n').length).toBeLessThanOrEqual(20);
	});

	it('keeps the selection on its fd when fds before it close', async () => {
		const files = (fds: readonly number[]): FileDescriptor[] => fds.map(fd => ({fd, type: 'file', target: `/var/log/file-${fd}.log`, socket: null}));
		const collector = scriptedCollector([detailOf(files([0, 1, 2, 3, 4])), detailOf(files([0, 1, 2, 3, 4])), detailOf(files([0, 3, 4]))]);
		const instance = view({collector, interval: 0.2});
		await loaded(instance);
		await press(instance, 'jjj', 'fd 3: the file /var/log/file-3.log');
		await waitFor(() => {
			expect(frameOf(instance)).not.toContain('file-1.log');
		});
		expect(inverseRows(instance)).toEqual(['3 file /var/log/file-3.log']);
		expect(frameOf(instance)).toContain('fd 3: the file /var/log/file-3.log');
	});

	it('keeps the selection on the row that took a closed fd\'s place, through later closes and opens', async () => {
		const files = (fds: readonly number[]): FileDescriptor[] => fds.map(fd => ({fd, type: 'file', target: `/var/log/file-${fd}.log`, socket: null}));
		let now = detailOf(files([0, 1, 2, 3, 4, 5, 6, 7, 8]));
		const collector = {...scriptedCollector([now]), process: async () => now};
		const instance = view({collector, interval: 0.05});
		await loaded(instance);
		await press(instance, 'jjjjj', 'fd 5: the file /var/log/file-5.log');
		const selectedAfter = async (fds: readonly number[], absent: number | null) => {
			now = detailOf(files(fds));
			await waitFor(() => {
				expect(absent === null || !frameOf(instance).includes(`file-${absent}.log`)).toBe(true);
				expect(fds.every(fd => frameOf(instance).includes(`file-${fd}.log`))).toBe(true);
			});
			await tick(150);
			return inverseRows(instance);
		};

		// fd 5 closes: fd 6 takes its row and the selection.
		expect(await selectedAfter([0, 1, 2, 3, 4, 6, 7, 8], 5)).toEqual(['6 file /var/log/file-6.log']);
		// An earlier fd closes: the selection stays on fd 6, not on the row where fd 5 was (fd 7's now).
		expect(await selectedAfter([0, 1, 2, 4, 6, 7, 8], 3)).toEqual(['6 file /var/log/file-6.log']);
		// fds 3 and 5 open again: still fd 6, no key pressed.
		expect(await selectedAfter([0, 1, 2, 3, 4, 5, 6, 7, 8], null)).toEqual(['6 file /var/log/file-6.log']);
	});

	it('does a Move key typed while the view still reads once the rows are there (G selects the last)', async () => {
		const files: FileDescriptor[] = Array.from({length: 30}, (_, fd) => ({fd, type: 'file', target: `/var/log/file-${fd}.log`, socket: null}));
		let release = () => undefined as void;
		const gate = new Promise<void>(resolve => {
			release = resolve;
		});
		const collector = {...scriptedCollector([detailOf(files)]), process: async () => gate.then(() => detailOf(files))};
		const instance = view({collector, height: 24, width: 80});
		await waitFor(() => {
			expect(frameOf(instance)).toContain('Reading');
		});
		instance.stdin.write('G');
		await tick(50);
		release();
		await waitFor(() => {
			expect(inverseRows(instance)).toEqual(['29 file /var/log/file-29.log']);
		});
	});

	it('opens on the first socket when opened on no fd (--pid N), so 40x10 shows one, not only fds 0-2', async () => {
		// The user test: --pid N at 40x10 opened on fd 0, and no socket showed until one scrolled.
		for (const [width, height] of [[40, 10], [100, 30]] as const) {
			const instance = view({collector: scriptedCollector([detailOf(sshdFds)]), initialFd: null, width, height, interval: 60});
			await waitFor(() => {
				expect(inverseRows(instance)[0]).toMatch(/^3 .*\*:22 /);
			});
			expect(frameOf(instance)).toContain('fd 3: ');
			// ↑ still goes to fds 0-2.
			instance.stdin.write('\u001B[A');
			await waitFor(() => {
				expect(inverseRows(instance)[0]).toMatch(/^2 /);
			});
			instance.unmount();
		}
	});

	it('selects the fd it was opened on (Enter on a table row), scrolled into view', async () => {
		const files: FileDescriptor[] = Array.from({length: 60}, (_, fd) => ({fd, type: 'file', target: `/var/log/file-${fd}.log`, socket: null}));
		const instance = view({collector: scriptedCollector([detailOf(files)]), initialFd: 47, height: 24, width: 80});
		await waitFor(() => {
			expect(inverseRows(instance)).toEqual(['47 file /var/log/file-47.log']);
		});
		expect(frameOf(instance)).toContain('fd 47: the file /var/log/file-47.log');
	});

	it('when the fd it was opened on closes, selects the row that took its place, not the first', async () => {
		// The user test: Enter on a client's row (fd 5), which then closed: the view went to fd 0.
		const files = (fds: readonly number[]): FileDescriptor[] => fds.map(fd => ({fd, type: 'file', target: `/var/log/file-${fd}.log`, socket: null}));
		let now = detailOf(files([0, 1, 2, 4, 5]));
		const collector = {...scriptedCollector([now]), process: async () => now};
		const instance = view({collector, initialFd: 5, interval: 0.05});
		await waitFor(() => {
			expect(inverseRows(instance)).toEqual(['5 file /var/log/file-5.log']);
		});
		now = detailOf(files([0, 1, 2, 4]));
		await waitFor(() => {
			expect(frameOf(instance)).not.toContain('file-5.log');
		});
		await waitFor(() => {
			expect(inverseRows(instance)).toEqual(['4 file /var/log/file-4.log']);
		});
	});
});
