/** LiveView sorting: < > choose the column, r reverses it. */
import {describe, expect, it, vi} from 'vitest';
import {liveMounter} from './live-fixtures.js';
import {isLoaded, pids, tableRows} from './live-frames.js';

vi.hoisted(() => {
	// Selection (inverse), new (bold) and gone (dim) rows are attributes: the frames must carry them.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

describe('LiveView: sorting', () => {
	it('< and > choose the column, r reverses it, and the header shows the direction', async () => {
		const {view} = mount();
		await view.waitFor(isLoaded);
		await view.press('>');
		let frame = await view.waitFor(frame => frame.includes('Sort PID asc'));
		expect(frame).toMatch(/\s+PID▲/);
		// Numerically: 95 before 640 before 812, not as text.
		expect(pids(frame)).toEqual(['95', '640', '812', '812', '1204', '23001']);
		await view.press('r');
		frame = await view.waitFor(frame => frame.includes('Sort PID desc'));
		expect(frame).toMatch(/\s+PID▼/);
		expect(pids(frame)).toEqual(['23001', '1204', '812', '812', '640', '95']);
		await view.press('<');
		await view.press('<');
		frame = await view.waitFor(frame => frame.includes('Sort USER'));
		// A new column starts ascending.
		expect(frame).toContain('Sort USER asc');
	});

	it('sorts by every column both ways: descending is ascending reversed (unknown values stay last)', async () => {
		const {view} = mount({columns: 120});
		await view.waitFor(isLoaded);
		// Identity of each row: PID and FD.
		const order = () => tableRows(view.frame()).map(line => /\s(\d+)\s+(\d+) (tcp|udp|stream)/.exec(line)?.slice(1, 3).join('/'));
		const headers = ['COMMAND', 'PID', 'FD', 'PROTO', 'LOCAL ADDRESS', 'FOREIGN ADDRESS', 'STATE', 'SERVICE', 'USER'];
		for (const [step, header] of headers.entries()) {
			if (step > 0) {
				// eslint-disable-next-line no-await-in-loop
				await view.press('>');
			}

			// eslint-disable-next-line no-await-in-loop
			await view.waitFor(frame => frame.includes(`Sort ${header} asc`));
			const ascending = order();
			// eslint-disable-next-line no-await-in-loop
			await view.press('r');
			// eslint-disable-next-line no-await-in-loop
			await view.waitFor(frame => frame.includes(`Sort ${header} desc`));
			const descending = order();
			// dbus-daemon (640/9) has no service: last both ways when sorting by SERVICE.
			const unknown = header === 'SERVICE' ? ['640/9'] : [];
			expect(descending.filter(row => !unknown.includes(row!))).toEqual(ascending.filter(row => !unknown.includes(row!)).reverse());
			expect(descending.slice(descending.length - unknown.length)).toEqual(unknown);
			// eslint-disable-next-line no-await-in-loop
			await view.press('r');
			// eslint-disable-next-line no-await-in-loop
			await view.waitFor(frame => frame.includes(`Sort ${header} asc`));
		}
	});

	it('keeps the sort column and says the sort at 50x15, where USER would otherwise be dropped first (as htop keeps its sort column)', async () => {
		const {view} = mount({columns: 50, rows: 15, initialSort: {column: 'user', isDescending: false}});
		const frame = await view.waitFor(isLoaded);
		const lines = frame.split('\n');
		expect(lines[2]).toMatch(/^Sort USER asc {3}/);
		expect(lines[3]).toMatch(/^USER▲/);
		expect(tableRows(frame)[0]).toMatch(/^alice /);
	});

	it('steps with < and > through the columns a wider screen shows, so a dropped USER can be sorted by again at 50x15', async () => {
		const {view} = mount({columns: 50, rows: 15, initialSort: {column: 'user', isDescending: false}});
		await view.waitFor(isLoaded);
		await view.press('>');
		await view.waitFor(frame => frame.split('\n')[3]!.startsWith('COMMAND▲'));
		// USER gave way to the addresses once the sort left it; < brings the sort, and the column, back.
		expect(view.frame().split('\n')[3]).not.toMatch(/\bUSER\b/);
		await view.press('<');
		await view.waitFor(frame => frame.split('\n')[3]!.startsWith('USER▲'));
	});

	it('sorts LOCAL ADDRESS by address, then port', async () => {
		const {view} = mount({filters: {ipv4: true}});
		await view.waitFor(isLoaded);
		for (let step = 0; step < 4; step++) {
			// eslint-disable-next-line no-await-in-loop
			await view.press('>');
		}

		const frame = await view.waitFor(frame => frame.includes('Sort LOCAL ADDRESS asc'));
		const locals = tableRows(frame).map(line => line.match(/(\*|[\d.]+):(\d+)/)?.[0]);
		expect(locals).toEqual(['*:22', '10.0.0.2:51234', '10.0.0.10:80', '127.0.0.53:53']);
	});
});
