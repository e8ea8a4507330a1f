/** Without colours (NO_COLOR, --no-color, TERM=vt100) the kill dialog's and the PID view's warnings are bold, never red or yellow. */
import type {ComponentProps} from 'react';
import {describe, expect, it, vi} from 'vitest';
import type {KillDialog} from '../../source/components/kill-dialog.js';
import {unmountAfterEach} from '../helpers/unmount.js';
import {createTheme} from '../../source/theme.js';
import {dialog, waitFor} from './kill-dialog-fixtures.js';
import {liveMounter, ScriptedCollector, snapshotOf, socket} from './live-fixtures.js';
import {isLoaded} from './live-frames.js';
import {detailOf, scriptedCollector} from './pid-fixtures.js';
import {frameOf, loaded, view} from './pid-frames.js';

vi.hoisted(() => {
	// Without a colour level Ink drops every attribute, and a frame would show no colour either way.
	process.env['FORCE_COLOR'] = '1';
});

unmountAfterEach();
const {mount} = liveMounter();

/** An SGR that sets a foreground colour (30-37, 90-97) or a default one (39). */
const colour = /\u001B\[(?:\d+;)*(?:3\d|9[0-7])m/u;

describe('KillDialog without colours', () => {
	it('draws a refusal and the y/N question in bold, its border plain', async () => {
		// Were red and yellow whatever NO_COLOR said: seen as [31m on TERM=vt100 in the user test.
		const {instance} = dialog({check: async () => ({kind: 'exited'}), isColor: false});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('has exited');
		});
		expect(instance.lastFrame()).not.toMatch(colour);
		expect(instance.lastFrame()).toMatch(/\u001B\[1m[^\n]*Process 986/u);
		const asked = dialog({isColor: false}).instance;
		await waitFor(() => {
			expect(asked.lastFrame()).toContain('SIGTERM');
		});
		asked.stdin.write('\r');
		await waitFor(() => {
			expect(asked.lastFrame()).toContain('y/N');
		});
		expect(asked.lastFrame()).not.toMatch(colour);
	});

	it('is drawn so from the table of a live view without colours', async () => {
		// Above Linux's pid_max (2^22): no process has it, so the dialog says it has exited.
		const gone = socket({proto: 'tcp4', inode: 1001, localPort: 22, state: 'LISTEN', command: 'sshd', pid: 4_194_305, fd: 3});
		const {view} = mount({collector: new ScriptedCollector(snapshotOf([gone])), columns: 80, rows: 24});
		await view.waitFor(isLoaded);
		await view.press('k');
		await view.waitFor(frame => frame.includes('has exited'));
		expect(view.rawFrame()).not.toMatch(colour);
	});

	it('takes the screen\'s theme from every caller, so that none draws colours the screen has not', () => {
		// Its isColor prop defaulted to true: a caller that left it out drew red and yellow under NO_COLOR. tsc checks this.
		// @ts-expect-error theme is required
		const props: ComponentProps<typeof KillDialog> = {pid: 986, command: 'python3', onDone: () => undefined};
		expect(props).not.toHaveProperty('theme');
	});

	it('keeps its colours where the terminal has them', async () => {
		const {instance} = dialog({check: async () => ({kind: 'exited'})});
		await waitFor(() => {
			expect(instance.lastFrame()).toContain('has exited');
		});
		expect(instance.lastFrame()).toContain('\u001B[31m');
	});
});

describe('PidView without colours', () => {
	it('says an exited process in bold, not red', async () => {
		const instance = view({collector: scriptedCollector([detailOf([], {process: null})]), theme: createTheme(false)});
		await loaded(instance);
		expect(frameOf(instance)).toContain('has exited');
		expect(instance.lastFrame()).not.toMatch(colour);
		expect(instance.lastFrame()).toMatch(/\u001B\[1m[^\n]*has exited/u);
	});
});
