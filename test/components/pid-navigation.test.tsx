import {afterEach, describe, expect, it, vi} from 'vitest';
import {readFileSync} from 'node:fs';
import {importCollector} from '../../source/collect/import/index.js';
import {LiveView} from '../../source/components/live-view.js';
import type {ProcessDetail} from '../../source/model/process.js';
import {defaultFilters} from '../../source/options.js';
import {createStaticServiceTable} from '../../source/services/index.js';
import {createTheme} from '../../source/theme.js';
import {baseSockets, KEYS, renderAt, ScriptedCollector, snapshotOf, tick, type Rendered} from './live-fixtures.js';
import {detailOf, sshdInfo} from './pid-fixtures.js';

vi.hoisted(() => {
	// The selection is drawn inverse; without a colour level Ink drops every attribute.
	process.env['FORCE_COLOR'] = '1';
});

/** The live fixtures' collector, answering process(pid) with a detail for that PID's command and recording the asks. */
class NavigatingCollector extends ScriptedCollector {
	readonly asked: number[] = [];

	override async process(pid: number): Promise<ProcessDetail> {
		this.asked.push(pid);
		const command = baseSockets.find(socket => socket.pid === pid)?.command ?? '?';
		return detailOf([{fd: 0, type: 'char', target: '/dev/null', socket: null}], {pid, process: {...sshdInfo, pid, command}});
	}
}

let rendered: Rendered | undefined;
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
});

/** The PID in the selected (inverse) row of a raw frame. */
function selectedRow(raw: string): string {
	const line = raw
		.split('\n')
		.find(each => each.includes('\u001B[7m') && baseSockets.some(socket => socket.command !== null && each.includes(socket.command)));
	return (line ?? '').replaceAll(/\u001B\[[\d;]*m/g, '');
}

describe('PID view navigation from the live table', () => {
	it('Enter opens the selected row\'s PID; Esc returns with the same selection and frame', async () => {
		const collector = new NavigatingCollector(snapshotOf(baseSockets));
		rendered = renderAt(
			<LiveView
				collector={collector}
				services={createStaticServiceTable([])}
				ephemeral={[32_768, 60_999]}
				filters={defaultFilters}
				interval={60}
				pidView={null}
				theme={createTheme(false)}
				onExit={() => undefined}
			/>,
			110,
			30,
		);
		await rendered.waitFor(frame => frame.includes('firefox'));
		// Each ↓ is waited for: a row read before the second one is drawn would name the wrong PID.
		const view = rendered;
		for (let move = 0; move < 2; move++) {
			const before = selectedRow(view.rawFrame());
			// eslint-disable-next-line no-await-in-loop
			await view.press(KEYS.down);
			// eslint-disable-next-line no-await-in-loop
			await view.waitFor(() => selectedRow(view.rawFrame()) !== before);
		}

		const tableFrame = rendered.frame();
		const row = selectedRow(rendered.rawFrame());
		// Commands are unique among the fixtures' PIDs (sshd's two rows share one PID).
		const selected = baseSockets.find(socket => socket.command !== null && row.includes(` ${socket.command.slice(0, 7)}`));
		expect(selected, `selected row: ${row}`).toBeDefined();
		// Moved off the first row (dbus-daemon sorts first by COMMAND), so a wrong row would show.
		expect(selected!.command).not.toBe('dbus-daemon');

		await rendered.press(KEYS.enter);
		const pidFrame = await rendered.waitFor(frame => frame.includes(`PID ${selected!.pid} ${selected!.command}`));
		expect(collector.asked[0]).toBe(selected!.pid);
		expect(pidFrame).toContain('/dev/null');
		expect(pidFrame).not.toContain('showing 6 of 6');

		await rendered.press(KEYS.escape);
		await rendered.waitFor(frame => frame.includes('showing 6 of 6'));
		expect(rendered.frame()).toBe(tableFrame);
		expect(selectedRow(rendered.rawFrame())).toBe(row);

		// The selection is still there: Enter opens the same PID again. The table's key handler is
		// subscribed again in an effect after the table is drawn, so give it a moment.
		await tick(100);
		await rendered.press(KEYS.enter);
		await rendered.waitFor(frame => frame.includes(`PID ${selected!.pid} ${selected!.command}`));
		expect(collector.asked.at(-1)).toBe(selected!.pid);
	});

	it('Enter on a row with no fd number (a netstat capture) opens the PID view on that socket\'s row', async () => {
		const capture = readFileSync(new URL('../fixtures/netstat/linux-root-tunapo.txt', import.meta.url), 'utf8');
		rendered = renderAt(
			<LiveView
				collector={importCollector(capture, 'capture.txt')}
				services={createStaticServiceTable([])}
				ephemeral={null}
				// Its one row on 5432: the process's seventh socket, so a view that opened on its first would show another.
				filters={{...defaultFilters, ports: [[5432, 5432]], ipv6: true}}
				interval={60}
				pidView={null}
				theme={createTheme(false)}
				onExit={() => undefined}
			/>,
			110,
			40,
		);
		await rendered.waitFor(frame => frame.includes('showing 1 of'));
		await rendered.press(KEYS.enter);
		// The selected fd is explained first, in full, right under the table (the rows are read after the view opens).
		const firstExplanation = (frame: string) => frame.split('\n').find(line => /^tcp[46] /.test(line)) ?? '';
		const frame = await rendered.waitFor(frame => frame.includes('PID 10710 python3') && /port 5432/.test(firstExplanation(frame)));
		expect(firstExplanation(frame)).toMatch(/^tcp6 \[::1\]:5432: python3 listens for TCP connections on port 5432/);
	});

	it('--pid N opens the PID view first, and Backspace goes to the table', async () => {
		const collector = new NavigatingCollector(snapshotOf(baseSockets));
		rendered = renderAt(
			<LiveView
				collector={collector}
				services={createStaticServiceTable([])}
				ephemeral={null}
				filters={defaultFilters}
				interval={60}
				pidView={1204}
				theme={createTheme(false)}
				onExit={() => undefined}
			/>,
			110,
			30,
		);
		await rendered.waitFor(frame => frame.includes('PID 1204 nginx'));
		await rendered.press(KEYS.backspace);
		await rendered.waitFor(frame => frame.includes('showing 6 of 6'));
	});

	it('Backspace then q typed before the table is drawn again quits: the PID view hands the second key on', async () => {
		const onExit = vi.fn();
		rendered = renderAt(
			<LiveView
				collector={new NavigatingCollector(snapshotOf(baseSockets))}
				services={createStaticServiceTable([])}
				ephemeral={null}
				filters={defaultFilters}
				interval={60}
				pidView={1204}
				theme={createTheme(false)}
				onExit={onExit}
			/>,
			110,
			30,
		);
		await rendered.waitFor(frame => frame.includes('PID 1204 nginx'));
		await tick(50);
		// Two reads in a row, with no render between them: the second reaches the PID view's handler.
		void rendered.press(KEYS.backspace);
		void rendered.press('q');
		await vi.waitFor(() => {
			expect(onExit).toHaveBeenCalledWith(0);
		});
	});
});
