/** usePidKeys, driven through the PID view: what Enter says when it opens nothing from an fd, and when that line goes. */
import {describe, expect, it, vi} from 'vitest';
import {unmountAfterEach} from '../helpers/unmount.js';
import {detailOf, scriptedCollector, tick} from '../components/pid-fixtures.js';
import {frameOf, loaded, view, waitFor} from '../components/pid-frames.js';

vi.hoisted(() => {
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

unmountAfterEach();

/** fd 0 of the fixture is /dev/null, fd 1 a socket with no known peer: Enter opens neither, and says why. */
const onNull = 'fd 0 is a character device (/dev/null): socktop follows sockets and pipes only.';
const onSocket = 'fd 1 has no process known at its other end: no PID view to open.';

describe('usePidKeys: the line Enter leaves', () => {
	it('why Enter opened nothing goes once another fd is selected, and stays while the fd it is about is', async () => {
		const instance = view({collector: scriptedCollector([detailOf()]), interval: 60});
		await loaded(instance);
		instance.stdin.write('\r');
		await waitFor(() => {
			expect(frameOf(instance)).toContain(onNull);
		});
		// Refreshes keep it: fd 0 is still the one selected.
		await tick(200);
		expect(frameOf(instance)).toContain(onNull);
		instance.stdin.write('j');
		await waitFor(() => {
			expect(frameOf(instance)).not.toContain(onNull);
		});
		// A Move key and Enter in one read: the line is about the fd the key selected, and stays.
		instance.stdin.write('g\r');
		await waitFor(() => {
			expect(frameOf(instance)).toContain(onNull);
		});
		instance.stdin.write('j\r');
		await waitFor(() => {
			expect(frameOf(instance)).toContain(onSocket);
		});
		await tick(200);
		expect(frameOf(instance)).toContain(onSocket);
		expect(frameOf(instance)).not.toContain(onNull);
	});
});

describe('usePidKeys: keys the view does not take', () => {
	const tableKey = (name: string) => `${name}: a key of the table (Esc goes back to it); ? lists this view's keys`;

	it('a key of the table (l, +, p) says Esc goes back to it, any other letter that it is none; the next key takes the line away', async () => {
		const instance = view({collector: scriptedCollector([detailOf()]), interval: 60});
		await loaded(instance);
		for (const key of ['l', '+', 'p']) {
			instance.stdin.write(key);
			// eslint-disable-next-line no-await-in-loop
			await waitFor(() => {
				expect(frameOf(instance)).toContain(tableKey(key));
			});
		}

		instance.stdin.write('x');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('x: not a key here; ? lists the keys');
			expect(frameOf(instance)).not.toContain(tableKey('p'));
		});
		// A Move key does what it does, and the line goes.
		instance.stdin.write('j');
		await waitFor(() => {
			expect(frameOf(instance)).not.toContain('not a key here');
		});
		await tick(200);
		expect(frameOf(instance)).not.toMatch(/not a key here|a key of the table/);
	});

	it('htop\'s and top\'s sort keys (I, M) name the view\'s own, as in the table', async () => {
		const instance = view({collector: scriptedCollector([detailOf()]), interval: 60});
		await loaded(instance);
		instance.stdin.write('I');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('I: r reverses the sort');
		});
		instance.stdin.write('M');
		await waitFor(() => {
			expect(frameOf(instance)).toContain('M: < > choose the sort column, r reverses');
		});
	});
});
