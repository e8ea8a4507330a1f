import {describe, expect, it} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {filterThenQuit, isUp, prompt, socktopCommand, socktopUnder, startInShell} from '../helpers/job.js';
import {TmuxPane, hasTmux, panesKilledAfterAll, sleep} from '../helpers/tmux.js';
import {WAIT_MS} from '../helpers/wait.js';
import {stateOf} from '../helpers/zombie.js';

/**
 * The stops socktop does not see coming, in a real terminal (tmux) with an interactive bash: `kill -STOP`
 * from elsewhere (the shell takes the terminal back, in line mode, with socktop's screen under its
 * prompt), and a start in the background (`socktop &`), where the terminal is the shell's from the first.
 */
const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) {
	console.warn(`stop-background: skipped, needs Linux, tmux and a build at ${cliPath} (npm run build)`);
}

const panes = panesKilledAfterAll();

/** Waits until `pid` is stopped (state T). */
async function stopped(pid: number): Promise<void> {
	const deadline = Date.now() + WAIT_MS;
	while (stateOf(pid) !== 'T' && Date.now() < deadline) await sleep(50);
	expect(stateOf(pid)).toBe('T');
}

/** fg: the view is back, in raw mode (isUp), and reads keys; then q quits with 0. */
async function foregroundAndQuit(pane: TmuxPane): Promise<void> {
	pane.type('fg');
	pane.keys('Enter');
	await isUp(pane)();
	await filterThenQuit(pane);
}

describe.skipIf(!canRun)('kill -STOP from elsewhere', () => {
	// Node still believed the terminal raw, and set it no more: keys echoed and waited for Enter.
	it('fg after it takes the terminal again in raw mode', async () => {
		const pane = await startInShell(panes);
		process.kill(socktopUnder(pane.panePid)!, 'SIGSTOP');
		await pane.waitFor(screen => /Stopped/.test(screen) && prompt.test(screen));
		await foregroundAndQuit(pane);
	});

	// Continued, socktop drew the rows that changed at their places on the shell's screen, its prompt and
	// '[1]+ Stopped' scrolled in between (a resize meanwhile: the whole frame), until it stopped again.
	// Three times: a refresh that came due while it was stopped may draw before the SIGCONT is handled.
	it('kill -CONT continues it in the background, where it draws nothing and stops again until fg', async () => {
		const pane = await startInShell(panes);
		const socktop = socktopUnder(pane.panePid)!;
		process.kill(socktop, 'SIGSTOP');
		await pane.waitFor(screen => /Stopped/.test(screen) && prompt.test(screen));
		pane.tmux(['resize-window', '-t', '0', '-x', '90', '-y', '28']);
		for (let time = 0; time < 3; time++) {
			// eslint-disable-next-line no-await-in-loop
			await sleep(1000);
			const before = pane.capture();
			process.kill(socktop, 'SIGCONT');
			// eslint-disable-next-line no-await-in-loop
			await sleep(300);
			// eslint-disable-next-line no-await-in-loop
			await stopped(socktop);
			expect(pane.capture()).toBe(before);
		}

		await foregroundAndQuit(pane);
	});
});

describe.skipIf(!canRun)('started in the background', () => {
	it('socktop & stops before it draws, as htop does: the shell keeps its screen until fg', async () => {
		const pane = new TmuxPane('bash --norc --noprofile -i', 100, 30);
		panes.push(pane);
		await pane.waitFor(screen => prompt.test(screen));
		pane.type(`${socktopCommand} &`);
		pane.keys('Enter');
		await pane.waitFor(() => socktopUnder(pane.panePid) !== undefined);
		await stopped(socktopUnder(pane.panePid)!);
		pane.keys('Enter');
		const screen = await pane.waitFor(text => /Stopped/.test(text) && prompt.test(text));
		expect(screen).not.toMatch(/\bPROTO\b/);
		expect(pane.variable('alternate_on')).toBe('0');
		expect(pane.variable('cursor_flag')).toBe('1');
		await foregroundAndQuit(pane);
	});

	// The subshell is gone, so socktop's job is orphaned: the kernel discards its stop, and no shell could fg it.
	// It drew over the shell's screen and, reading keys it could not, ended as if hung up; or, once it took care
	// not to draw, would have gone on scanning unseen.
	it('(socktop &), where no shell can bring it back, ends at once and says why, leaving the terminal as it was', async () => {
		const pane = new TmuxPane('bash --norc --noprofile -i', 100, 30);
		panes.push(pane);
		await pane.waitFor(screen => prompt.test(screen));
		pane.type(`(sh -c '${socktopCommand}; echo "EXIT""=$?"' &)`);
		pane.keys('Enter');
		const screen = await pane.waitFor(text => /EXIT=\d+/.test(text));
		expect(screen).toContain('socktop: the live view runs in the background, and no shell can bring it to the foreground (fg); --once prints the table');
		expect(screen).toContain('EXIT=2');
		expect(screen).not.toMatch(/\bPROTO\b/);
		expect(pane.variable('alternate_on')).toBe('0');
		expect(pane.variable('cursor_flag')).toBe('1');
	});
});
