import {existsSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {filterThenQuit, isUp, prompt, scanned, socktopCommand, socktopUnder, startInShell, tableHeading} from '../helpers/job.js';
import {TmuxPane, hasTmux, panesKilledAfterAll, sleep} from '../helpers/tmux.js';
import {stateOf} from '../helpers/zombie.js';

/**
 * Job control in a real terminal (tmux): Ctrl-Z gives the terminal back to the shell as a stopped
 * job, whether socktop runs alone or under a wrapper the shell waits on (`npx socktop`, `npm start`);
 * where no shell does job control, Ctrl-Z stops nothing and says so.
 */
const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) {
	console.warn(`job-control: skipped, needs Linux, tmux and a build at ${cliPath} (npm run build)`);
}

const panes = panesKilledAfterAll();

/** Wrappers that stay while socktop runs, as `npm start` (sh -c) and `npx socktop` (node, its stdio the terminal) do; each prints DONE= after it. */
const wrappers = [
	{name: 'a shell', command: `sh -c '${socktopCommand}; echo "DONE""=$?"'`},
	{
		name: 'node',
		command: `${process.execPath} -e 'require("node:child_process").spawn(process.argv[1], process.argv.slice(2), {stdio: "inherit"}).on("exit", code => console.log("DONE" + "=" + code))' ${socktopCommand}`,
	},
];

describe.skipIf(!canRun)('Ctrl-Z and fg', () => {
	/** Ctrl-Z: the shell says the job stopped, on its own screen. */
	async function suspend(pane: TmuxPane): Promise<void> {
		pane.keys('C-z');
		const stopped = await pane.waitFor(screen => /Stopped/.test(screen) && prompt.test(screen));
		expect(stopped).toMatch(/Stopped/);
		expect(pane.variable('alternate_on')).toBe('0');
		expect(pane.variable('cursor_flag')).toBe('1');
	}

	it('Ctrl-Z gives the terminal back to the shell as a stopped job; fg takes it again and redraws', async () => {
		const pane = await startInShell(panes);
		await suspend(pane);

		// The terminal changes size while socktop is stopped (no SIGWINCH reaches a stopped process).
		pane.tmux(['resize-window', '-t', '0', '-x', '70', '-y', '20']);
		pane.type('fg');
		pane.keys('Enter');
		const resumed = await isUp(pane)();
		expect(pane.variable('alternate_on')).toBe('1');
		// Drawn at the new size: the header's first line on top, no line wider than 70.
		expect(resumed.split('\n')[0]).toMatch(scanned);
		expect(resumed.split('\n').every(line => line.length <= 70)).toBe(true);
		expect(resumed.split('\n').filter(line => tableHeading.test(line))).toHaveLength(1);
		expect(pane.variable('cursor_flag')).toBe('0');
		// Keys work again (at 70 columns the header names each other network namespace a row is in: there is no NETNS column).
		await filterThenQuit(pane);
	});

	// The Linux console (no smcup in its terminfo), GNU screen's default altscreen off and a vt100 ignore
	// ?1049: the shell wrote '[1]+ Stopped' over the counts line, where the cursor was, and its prompt over the next.
	it('leaves a terminal without an alternate screen cleared, as htop does, on Ctrl-Z and on q', async () => {
		const pane = new TmuxPane('bash --norc --noprofile -i', 100, 30);
		panes.push(pane);
		pane.tmux(['set-option', '-w', '-t', '0', 'alternate-screen', 'off']);
		await pane.waitFor(screen => prompt.test(screen));
		pane.type(`TERM=linux ${socktopCommand}`);
		pane.keys('Enter');
		await isUp(pane)();
		await sleep(300);
		pane.keys('C-z');
		const stopped = await pane.waitFor(screen => /Stopped/.test(screen) && prompt.test(screen));
		const lines = stopped.split('\n').filter(line => line.trim() !== '');
		expect(lines[0], stopped).toMatch(/^\[1\]\+ +Stopped /);
		expect(lines, stopped).toHaveLength(2);
		pane.type('fg');
		pane.keys('Enter');
		await isUp(pane)();
		pane.type('q');
		const after = await pane.waitFor(screen => !/\bPROTO\b/.test(screen) && prompt.test(screen));
		// The frame was blanked and the screen cleared: the prompt alone, at the top.
		expect(after.split('\n').filter(line => line.trim() !== ''), after).toEqual([expect.stringMatching(prompt)]);
	});

	// bash sends the stopped job SIGTERM, then SIGCONT: socktop ends in the background, where the
	// shell has the terminal back. It drew on the shell's screen (Ink's last frame) and, setting
	// the terminal's mode, was stopped again (SIGTTOU) until fg.
	it('kill %1 on the stopped job ends it, leaving the shell its screen and its terminal', async () => {
		const pane = await startInShell(panes, `seq 101 112; ${socktopCommand}`);
		const socktop = socktopUnder(pane.panePid)!;
		await suspend(pane);
		pane.type('kill %1');
		pane.keys('Enter');
		await pane.waitFor(() => !existsSync(`/proc/${socktop}`));
		pane.type('jobs; stty -a | grep -q -- "-icanon" && echo "MODE""=raw" || echo "MODE""=cooked"');
		pane.keys('Enter');
		const screen = await pane.waitFor(text => text.includes('MODE='));
		expect(screen).toMatch(/Terminated/);
		// What jobs printed: no job left, stopped or running (bash may say there that the job was Terminated).
		const lines = screen.split('\n');
		const jobs = lines.slice(lines.findIndex(line => line.includes('jobs; stty')) + 1, lines.findIndex(line => line.startsWith('MODE=')));
		expect(jobs.filter(line => !/^\[1\]\+? +Terminated /.test(line))).toEqual([]);
		expect(screen).toContain('MODE=cooked');
		const first = lines.indexOf('101');
		expect(lines.slice(first, first + 12)).toEqual(Array.from({length: 12}, (_, index) => String(101 + index)));
		expect(pane.variable('alternate_on')).toBe('0');
	});

	// As a background job wanting the terminal is (SIGTTOU stops its whole group): under a wrapper, the wrapper too.
	it.each([
		{name: 'alone', command: socktopCommand},
		{name: 'under a shell', command: wrappers[0]!.command},
	])('bg leaves it stopped, $name (it would take the terminal), and fg then takes it again', async ({command}) => {
		const pane = await startInShell(panes, command);
		const socktop = socktopUnder(pane.panePid)!;
		const job = readFileSync(`/proc/${pane.panePid}/task/${pane.panePid}/children`, 'utf8').trim().split(/\s+/).map(Number);
		await suspend(pane);
		pane.type('bg');
		pane.keys('Enter');
		// Continued, then stopped again once its grace is over.
		await sleep(300);
		const deadline = Date.now() + 10_000;
		while (stateOf(socktop) !== 'T' && Date.now() < deadline) await sleep(100);
		expect([socktop, ...job].map(stateOf)).toEqual([socktop, ...job].map(() => 'T'));
		expect(pane.variable('alternate_on')).toBe('0');
		pane.type('fg');
		pane.keys('Enter');
		await isUp(pane)();
		pane.type('q');
		await pane.waitFor(screen => pane.variable('alternate_on') === '0' && prompt.test(screen));
	});

	// npm start runs socktop under sh -c, npx under npm's node (which spawns it with the terminal as stdio):
	// the shell waits on the wrapper, which must stop too for the shell to take the terminal back.
	it.each(wrappers)('under $name, Ctrl-Z stops the whole job; fg takes the terminal again, and q quits to the wrapper', async ({command}) => {
		const pane = await startInShell(panes, command);
		await suspend(pane);
		pane.type('fg');
		pane.keys('Enter');
		await isUp(pane)();
		expect(pane.variable('alternate_on')).toBe('1');
		pane.type('q');
		const after = await pane.waitFor(screen => /DONE=\d+/.test(screen) && prompt.test(screen));
		expect(after).toContain('DONE=0');
		expect(pane.variable('alternate_on')).toBe('0');
		expect(pane.variable('cursor_flag')).toBe('1');
	});
});

// No shell does job control for a tmux pane's own command (nor for `ssh -t host socktop`): its process group
// is orphaned, and the kernel discards SIGTSTP there, since nothing could continue it.
describe.skipIf(!canRun)('Ctrl-Z without job control', () => {
	it.each([
		{name: 'Ctrl-Z', stop: (pane: TmuxPane) => pane.keys('C-z')},
		{name: 'kill -TSTP', stop: (pane: TmuxPane) => process.kill(socktopUnder(pane.panePid)!, 'SIGTSTP')},
	])('$name stops nothing: the table stays, the footer says why, and q quits', async ({stop}) => {
		const pane = new TmuxPane(`${socktopCommand}; echo "EXIT""=$?"; sleep 600`, 100, 30);
		panes.push(pane);
		await isUp(pane)();
		await sleep(300);
		stop(pane);
		const screen = await pane.waitFor(text => text.includes('Ctrl-Z: no shell job control here') && pane.isRawMode);
		expect(screen).toMatch(/\bPROTO\b/);
		expect(pane.variable('alternate_on')).toBe('1');
		expect(stateOf(socktopUnder(pane.panePid)!)).not.toBe('T');
		pane.type('q');
		expect(await pane.waitFor(text => text.includes('EXIT='))).toContain('EXIT=0');
		expect(pane.variable('alternate_on')).toBe('0');
	});
});
