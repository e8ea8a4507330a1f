/** LiveView help (?): what it lists, how it scrolls, and keys read in the same chunk as ?. */
import {KEYMAP} from '../../source/keymap.js';
import {cellHelpLines} from '../../source/components/cell-lines.js';
import {createTheme} from '../../source/theme.js';
import {describe, expect, it, vi} from 'vitest';
import {emptySkipped} from '../../source/model/types.js';
import {MISSING_SS, toolShortForms} from '../../source/collect/linux/tools.js';
import {baseSockets, KEYS, liveMounter, ScriptedCollector, snapshotOf, tick} from './live-fixtures.js';
import {isLoaded, pids, selectedLine} from './live-frames.js';

vi.hoisted(() => {
	// Selection (inverse), new (bold) and gone (dim) rows are attributes: the frames must carry them.
	process.env['FORCE_COLOR'] = '1';
	process.env['TZ'] = 'UTC';
});

const {mount} = liveMounter();

describe('LiveView: help', () => {
	it('? lists every key of the keymap; any other key closes it', async () => {
		// Tall enough for the whole help in one column, each key on its line.
		const {view} = mount({rows: 80});
		await view.waitFor(isLoaded);
		await view.press('?');
		const frame = await view.waitFor(frame => frame.includes('socktop keys'));
		for (const binding of KEYMAP) {
			expect(frame).toMatch(new RegExp(`${binding.keys.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+${binding.description.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
		}

		await view.press('x');
		await view.waitFor(isLoaded);
	});

	it('/ closes the help and opens the filter, as in less (it was lost: the help closed, no prompt)', async () => {
		const {view} = mount({rows: 30});
		await view.waitFor(isLoaded);
		await view.press('?');
		await view.waitFor(frame => frame.includes('socktop keys'));
		await view.press('/');
		await view.press('ssh');
		const frame = await view.waitFor(frame => frame.includes('Filter: ssh'));
		expect(frame).not.toContain('socktop keys');
		expect(frame).not.toContain('nginx');
	});

	it('scrolls the help when the terminal is short: the Move keys, g G Home End to its ends; Esc q ? and any other key close it', async () => {
		const {view} = mount({rows: 12});
		await view.waitFor(isLoaded);
		await view.press('?');
		// The keys in two columns (22 lines), then the states (14), then the cells (20).
		let frame = await view.waitFor(frame => frame.includes('socktop keys'));
		expect(frame.split('\n')[0]).toBe('socktop keys  1-10/56  ↑↓ PgUp PgDn g G scroll · Esc q ? close');
		expect(frame).not.toContain('Ctrl-C');
		// j scrolls as in the table, and does not close the help; so does jj in one read.
		await view.press('j');
		frame = await view.waitFor(frame => frame.includes('2-11/56'));
		await view.press('jj');
		frame = await view.waitFor(frame => frame.includes('4-13/56'));
		await view.press(KEYS.pageDown);
		frame = await view.waitFor(frame => frame.includes('14-23/56') && frame.includes('Ctrl-C'));
		await view.press(KEYS.pageDown);
		frame = await view.waitFor(frame => frame.includes('24-33/56') && frame.includes('CLOSNG'));
		expect(frame.split('\n').length).toBeLessThanOrEqual(11);
		for (const [key, range] of [
			['g', '1-10/56'],
			['G', '47-56/56'],
			[KEYS.home, '1-10/56'],
			[KEYS.end, '47-56/56'],
			[KEYS.pageUp, '37-46/56'],
			[KEYS.up, '36-45/56'],
		] as const) {
			await view.press(key);
			await view.waitFor(frame => frame.includes(range));
		}

		// Closed and opened again, it starts from the top; each closing key closes it, and does nothing else.
		for (const key of [KEYS.escape, 'q', '?', 'x']) {
			await view.press(key);
			await view.waitFor(frame => isLoaded(frame) && !frame.includes('socktop keys'));
			await view.press('?');
			frame = await view.waitFor(frame => frame.includes('socktop keys'));
			expect(frame).toContain('1-10/56');
		}
	});

	it('lists what each state means after the keys, one line each at 80 columns, in the STATE column\'s spellings', async () => {
		const {view} = mount({columns: 80, rows: 24});
		await view.waitFor(isLoaded);
		await view.press('?');
		await view.waitFor(frame => frame.includes('socktop keys'));
		// The cells come last: nineteen lines up from the end shows the states whole.
		await view.press('G');
		for (let line = 0; line < 19; line++) await view.press(KEYS.up);
		const frame = await view.waitFor(frame => frame.includes('DISCON') && frame.includes('States   LISTEN'));
		const lines = frame.split('\n').map(line => line.trimEnd());
		const first = lines.findIndex(line => line.startsWith('States'));
		expect(lines.slice(first, first + 13)).toEqual([
			'States   LISTEN   a server waits for clients to connect',
			'         ESTAB    connected: both may send (UDP: a fixed peer, no handshake)',
			'         SYN-S    this end asked to connect and waits for an answer',
			'         SYN-R    this end answered a SYN and waits for the final ACK',
			'         FIN-W1   this end is done sending (close or shutdown); waits for an ack',
			'         FIN-W2   this end is done sending (close or shutdown); the other is not',
			'         TIME-W   this end closed first; 60 s for late packets; bind() may fail',
			'         CLOSE-W  the other side has closed; the program has not closed its end',
			'         LAST-A   both are done sending (close or shutdown); waits for an ack',
			'         CLOSNG   both are done sending, at once; each waits for an ack',
			'         UNCONN   no peer and not listening; bound UDP takes what anyone sends',
			"         CONN     unix: the server's end of a connection not accepted yet",
			'         DISCON   unix: the socket is being disconnected',
		]);
	});

	it('says how the table writes its cells after the states, and what its counts count', async () => {
		// Tall enough for the whole section at its end.
		const {view} = mount({columns: 80, rows: 30});
		await view.waitFor(isLoaded);
		await view.press('?');
		await view.waitFor(frame => frame.includes('socktop keys'));
		await view.press('G');
		const frame = await view.waitFor(frame => frame.includes('Sockets N'));
		const lines = frame.split('\n').map(line => line.trimEnd());
		// The section's words are cell-lines.test.ts's; here, that the help ends with them, as laid out at this width.
		const section = cellHelpLines(createTheme(false), 80).map(segments => segments.map(segment => segment.text).join('').trimEnd());
		expect(section[0]).toBe('');
		expect(lines.slice(-(section.length - 1))).toEqual(section.slice(1));
	});

	it('lists the processes the last scan could not read after the keys, and scrolls to them', async () => {
		const deniedProcessList = Array.from({length: 20}, (_, index) => ({pid: 100 + index, command: index === 0 ? 'x\u001b[2J' : `worker${index}`, user: 'postgres', uid: 114}));
		const skipped = {...emptySkipped, deniedProcesses: 23, deniedProcessList};
		const {view} = mount({collector: new ScriptedCollector(snapshotOf(baseSockets, undefined, skipped)), rows: 12});
		await view.waitFor(isLoaded);
		await view.press('?');
		// 22 key lines (two columns), the states (a blank and 13), the cells (a blank and 20), a blank, the sentence, the column titles, 20 processes and the count of the rest.
		await view.waitFor(frame => frame.includes('socktop keys  1-10/80  ↑↓ PgUp PgDn g G scroll'));
		for (let page = 0; page < 7; page++) await view.press(KEYS.pageDown);
		let frame = await view.waitFor(frame => frame.includes('71-80/80'));
		const lines = frame.split('\n').map(line => line.trimEnd());
		expect(lines.slice(-10)).toEqual([
			'         111  postgres  worker11',
			'         112  postgres  worker12',
			'         113  postgres  worker13',
			'         114  postgres  worker14',
			'         115  postgres  worker15',
			'         116  postgres  worker16',
			'         117  postgres  worker17',
			'         118  postgres  worker18',
			'         119  postgres  worker19',
			'         and 3 more (lowest PIDs shown)',
		]);
		await view.press(KEYS.pageUp);
		await view.press(KEYS.pageUp);
		const earlier = await view.waitFor(frame => frame.includes('51-60/80'));
		expect(earlier).toContain('Not read 23 processes hidden — run as root to see which sockets they hold');
		expect(earlier).toMatch(/PID {2}USER {6}COMMAND/);
		// Another user's process name is escaped, never written raw.
		expect(earlier).toContain('100  postgres  x\\x1b[2J');
		// G and End reach the list's end, as they do the keys'.
		await view.press('G');
		frame = await view.waitFor(frame => frame.includes('71-80/80'));
		expect(frame).toContain('and 3 more (lowest PIDs shown)');
	});


	it('says in full, wrapped, what else the scan could not read: a missing ss, which the header says in few words or not at all', async () => {
		const skipped = {...emptySkipped, unreadableTables: [MISSING_SS], tableShortForms: toolShortForms([MISSING_SS])};
		const {view} = mount({collector: new ScriptedCollector(snapshotOf(baseSockets, undefined, skipped)), columns: 40, rows: 12});
		await view.waitFor(isLoaded);
		await view.press('?');
		await view.waitFor(frame => frame.includes('socktop keys'));
		await view.press('G');
		const frame = await view.waitFor(frame => /\/\d+, q closes/.test(frame) && frame.includes('Not read'));
		expect(frame.split('\n').slice(-4).map(line => line.trimEnd())).toEqual(['', 'Not read unix peers and queues: ss', '           (iproute2) not found on', '           PATH or in /usr/sbin, /sbin']);
		// After the processes not read, where there are some.
		const denied = {...skipped, deniedProcesses: 1, deniedProcessList: [{pid: 1, command: 'init', user: 'root', uid: 0}]};
		const wide = mount({collector: new ScriptedCollector(snapshotOf(baseSockets, undefined, denied)), columns: 100, rows: 12}).view;
		await wide.waitFor(isLoaded);
		await wide.press('?');
		await wide.press('G');
		const end = await wide.waitFor(frame => frame.includes('Not read'));
		expect(end.split('\n').slice(-4).map(line => line.trimEnd())).toEqual([
			'Not read 1 process hidden — run as root to see which sockets they hold',
			'         PID  USER  COMMAND',
			'           1  root  init',
			'         unix peers and queues: ss (iproute2) not found on PATH or in /usr/sbin, /sbin',
		]);
	});

	it('when the whole help fits, the Move keys leave it open (as where it scrolls) and Esc q ? close it, as its title says', async () => {
		const {view} = mount({rows: 64});
		await view.waitFor(isLoaded);
		await view.press('?');
		const frame = await view.waitFor(frame => frame.includes('socktop keys'));
		expect(frame.split('\n')[0]).toBe('socktop keys  Esc q ? close');
		for (const key of ['j', 'g', 'G', KEYS.down, KEYS.up, KEYS.pageDown, KEYS.pageUp, KEYS.home, KEYS.end]) {
			await view.press(key);
		}

		// Unchanged (a negative check): a closed or scrolled help would show within these 100 ms.
		await tick(100);
		expect(view.frame()).toBe(frame);
		await view.press(KEYS.escape);
		await view.waitFor(frame => isLoaded(frame) && !frame.includes('socktop keys'));
	});

	it('shows every key at once at 100x30 and 100x24, two columns side by side, the states after them scrolling into view', async () => {
		for (const [rows, range] of [
			[30, '1-28/56'],
			[24, '1-22/56'],
		] as const) {
			const {view} = mount({columns: 100, rows});
			await view.waitFor(isLoaded);
			await view.press('?');
			const frame = await view.waitFor(frame => frame.includes('socktop keys'));
			expect(frame.split('\n')[0]).toBe(`socktop keys  ${range}  ↑↓ PgUp PgDn g G scroll · Esc q ? close`);
			expect(frame.split('\n').length).toBeLessThanOrEqual(rows - 1);
			for (const binding of KEYMAP) expect(frame).toContain(binding.keys);
			expect(frame).toMatch(/Ctrl-Z +suspend \(fg resumes\)\n.*Ctrl-L +redraw the whole screen/);
			expect(frame).toMatch(/^Move +↑ +select the previous socket +Filter +n +network namespace: all,$/m);
			view.unmount();
		}
	});

	it('wraps the keys at 40x10, so each says all it does, and says how to scroll and close in 40 columns', async () => {
		const {view} = mount({columns: 40, rows: 10});
		await view.waitFor(isLoaded);
		await view.press('?');
		const frame = await view.waitFor(frame => frame.includes('socktop keys'));
		expect(frame.split('\n')).toEqual([
			'socktop keys 1-8/164 ↑↓ scroll, q closes',
			'Move     ↑        select the previous',
			'                  socket (an fd in the',
			'                  PID view)',
			'         ↓ j      select the next',
			'                  socket (an fd in the',
			'                  PID view)',
			'         PgUp     one screen up',
			'         PgDn     one screen down',
		]);
	});

	it.each([
		['?q', [], 'the help closes'],
		['?x', [], 'the help closes'],
		['?qq', [0], 'the second q quits from the table'],
		['?jq', [], 'j scrolls the help (it fits: it stays), q closes it'],
		['?jqq', [0], 'j scrolls, the first q closes the help, the second quits from the table'],
		['?jx^C', [130], 'Ctrl-C after the help closed quits'],
	] as const)('keys in the same read as ? go to the help, in order: %j, exit codes %j (%s)', async (chunk, exits, _why) => {
		const codes: number[] = [];
		const {view} = mount({rows: 40, isColor: true, onExit: code => codes.push(code)});
		await view.waitFor(isLoaded);
		view.write(chunk.replace('^C', KEYS.ctrlC));
		await tick(100);
		const frame = await view.waitFor(isLoaded);
		expect(frame).not.toContain('socktop keys');
		expect(codes).toEqual(exits);
	});

	it('"jjjj?q" in one read: the j\'s move, then the help opens and the q closes it', async () => {
		const codes: number[] = [];
		const {view} = mount({rows: 40, isColor: true, onExit: code => codes.push(code)});
		const fifth = pids(await view.waitFor(isLoaded))[4]!;
		view.write('jjjj?q');
		await tick(100);
		const frame = await view.waitFor(isLoaded);
		expect(frame).not.toContain('socktop keys');
		expect(selectedLine(view.rawFrame())).toContain(` ${fifth} `);
		expect(codes).toEqual([]);
	});

	it('"?jj" in one read scrolls the help two lines from the top when it does not fit', async () => {
		const {view} = mount({rows: 12});
		await view.waitFor(isLoaded);
		view.write('?jj');
		// Two lines down from 1-10/56: a help that took no j, or one, never reads so.
		const frame = await view.waitFor(frame => frame.includes('socktop keys') && frame.split('\n')[0]!.includes('3-12/56'));
		expect(frame).toContain('socktop keys');
	});
});
