import {existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {TmuxPane, hasTmux, sleep} from '../helpers/tmux.js';

/**
 * Every way out of the live view gives the terminal back as it was: main
 * screen (with what was on it before), a visible cursor, cooked mode with echo
 * (the same `stty -g` as before), and an exit code that says what happened.
 * Run against the built bundle in a real terminal (tmux).
 */
const canRun = process.platform === 'linux' && hasTmux && isBuilt;
if (!canRun) {
	console.warn(`exit-paths: skipped, needs Linux, tmux and a build at ${cliPath} (npm run build)`);
}

const preload = fileURLToPath(new URL('../helpers/crash-preload.mjs', import.meta.url));
const panes: TmuxPane[] = [];
afterAll(() => {
	for (const pane of panes) {
		pane.kill();
	}
});

type Scenario = {
	readonly name: string;
	readonly code: number;
	/** Extra socktop arguments. */
	readonly args?: string;
	readonly crash?: 'throw' | 'reject' | 'render';
	/** How the test ends it: tmux keys, or a signal to the socktop process. */
	readonly keys?: readonly string[];
	readonly signal?: NodeJS.Signals;
};

const scenarios: Scenario[] = [
	{name: 'q', keys: ['q'], code: 0},
	{name: 'Ctrl-C', keys: ['C-c'], code: 130},
	{name: 'SIGINT', signal: 'SIGINT', code: 130},
	{name: 'SIGTERM', signal: 'SIGTERM', code: 143},
	{name: 'SIGHUP', signal: 'SIGHUP', code: 129},
	{name: 'SIGQUIT', signal: 'SIGQUIT', code: 131},
	{name: 'SIGUSR2', signal: 'SIGUSR2', code: 140},
	{name: 'an uncaught exception', crash: 'throw', code: 1},
	{name: 'an unhandled rejection', crash: 'reject', code: 1},
	{name: 'an exception while rendering', crash: 'render', code: 1},
	{name: 'SIGTERM in the PID view', args: '--pid $$', signal: 'SIGTERM', code: 143},
	// q quits the PID view socktop started on, as top's q; Backspace goes to the table, whose q quits.
	{name: 'q in the PID view', args: '--pid $$', keys: ['q'], code: 0},
	{name: 'Backspace, then q from the table, from the PID view', args: '--pid $$', keys: ['BSpace', 'q'], code: 0},
];

/** The socktop process: the only child of the pane's shell. */
function childOf(pid: number): number {
	const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
	expect(children).toHaveLength(1);
	return Number(children[0]);
}

describe.skipIf(!canRun)('leaving the live view', () => {
	it.concurrent.each(scenarios)('after $name the terminal is restored and the exit code is $code', async scenario => {
		const environment = scenario.crash === undefined ? '' : `SOCKTOP_TEST_CRASH=${scenario.crash} `;
		const node = scenario.crash === undefined ? process.execPath : `${process.execPath} --import ${preload}`;
		const script = [
			'echo BEFORE-SOCKTOP',
			'saved=$(stty -g)',
			`${environment}${node} ${cliPath} -d 0.5 ${scenario.args ?? ''}`,
			// Quoted apart, so the markers are not in the shell's command line, which the PID view shows.
			'echo "EXIT""=$?"',
			'if [ "$(stty -g)" = "$saved" ]; then echo "STTY""=same"; else echo "STTY""=changed"; fi',
			'stty -a | grep -q -- "-icanon" && echo "MODE""=raw" || echo "MODE""=cooked"',
			'sleep 600',
		].join('; ');
		const pane = new TmuxPane(script, 100, 30);
		panes.push(pane);

		// The live view is up: alternate screen on, cursor hidden, the table header drawn.
		await pane.waitFor(screen => /\bPROTO\b|\bFD\b/.test(screen));
		expect(pane.variable('alternate_on')).toBe('1');
		expect(pane.variable('cursor_flag')).toBe('0');
		const socktop = childOf(pane.panePid);
		await sleep(300);

		if (scenario.keys !== undefined) {
			for (const [index, key] of scenario.keys.entries()) {
				pane.keys(key);
				if (index < scenario.keys.length - 1) {
					// The next screen (the table, after the PID view) is drawn before the next key.
					await pane.waitFor(screen => /\bPROTO\b/.test(screen) && !/\bTYPE\b/.test(screen));
					await sleep(300);
				}
			}
		} else if (scenario.signal !== undefined) {
			process.kill(socktop, scenario.signal);
		} else {
			// The preload crashes the view on SIGURG (ignored by default; socktop ends on SIGUSR2), now that it is on screen.
			process.kill(socktop, 'SIGURG');
		}

		const screen = await pane.waitFor(text => text.includes('MODE='));
		expect(screen).toContain(`EXIT=${scenario.code}`);
		expect(pane.variable('alternate_on')).toBe('0');
		expect(pane.variable('cursor_flag')).toBe('1');
		expect(screen).toContain('STTY=same');
		expect(screen).toContain('MODE=cooked');
		// The main screen is the one from before: socktop drew only on the alternate screen.
		expect(screen.split('\n')[0]).toBe('BEFORE-SOCKTOP');
		if (scenario.crash === undefined) {
			expect(screen).not.toMatch(/error|Error/);
		} else {
			// One clear line about the crash, no stack trace, on the restored screen.
			expect(screen).toMatch(/socktop: internal error: injected/);
			expect(screen).not.toMatch(/^\s+at /m);
		}
	});
});

describe.skipIf(!canRun)('the terminal going away (an SSH drop)', () => {
	it.concurrent.each([
		{name: 'in the table', args: '', keys: ''},
		{name: 'in the PID view', args: '--pid $$', keys: ''},
		// Screens that draw nothing new learn of the hangup from the keyboard (end of input).
		{name: 'in the help', args: '', keys: '?'},
		{name: 'paused', args: '', keys: 'Space'},
	])('ends with 129 and no native abort when the tty hangs up $name', async ({args, keys}) => {
		const directory = mkdtempSync(path.join(tmpdir(), 'socktop-hangup-'));
		const [rc, err] = [path.join(directory, 'rc'), path.join(directory, 'err')];
		// The shell ignores SIGHUP so it outlives the terminal and can record how socktop ended;
		// socktop gets the hangup (or EIO on its next write) as it would when sshd goes.
		const pane = new TmuxPane(`trap "" HUP; ${process.execPath} ${cliPath} -d 0.2 ${args} 2>${err}; echo $? >${rc}`, 100, 30);
		panes.push(pane);
		await pane.waitFor(screen => /\bPROTO\b|\bFD\b/.test(screen));
		if (keys !== '') pane.keys(keys);
		await sleep(500);
		pane.kill();
		const deadline = Date.now() + 15_000;
		while (!existsSync(rc) && Date.now() < deadline) await sleep(100);
		expect(readFileSync(rc, 'utf8').trim()).toBe('129');
		// Node aborted in node::ResetStdio (exit 134, a native stack) before socktop let go of the dead tty.
		expect(readFileSync(err, 'utf8')).toBe('');
		rmSync(directory, {recursive: true, force: true});
	});
});

describe.skipIf(!canRun)('SIGUSR1', () => {
	it('is ignored: no inspector port opens, the view stays, q still quits with 0', async () => {
		const pane = new TmuxPane(`${process.execPath} ${cliPath} -d 0.3; echo "EXIT""=$?"; sleep 600`, 100, 30);
		panes.push(pane);
		await pane.waitFor(screen => /\bPROTO\b/.test(screen));
		const socktop = childOf(pane.panePid);
		process.kill(socktop, 'SIGUSR1');
		await sleep(800);
		// Node's default would listen on 127.0.0.1:9229 and print "Debugger listening" over the view.
		const listening = readdirSync(`/proc/${socktop}/fd`).map(fd => {
			try {
				return readlinkSync(`/proc/${socktop}/fd/${fd}`);
			} catch {
				return '';
			}
		});
		const tcp = readFileSync(`/proc/${socktop}/net/tcp`, 'utf8');
		const inodes = new Set(listening.filter(link => link.startsWith('socket:[')).map(link => link.slice(8, -1)));
		const ownListeners = tcp.split('\n').filter(line => / 0A /.test(line) && inodes.has(line.trim().split(/\s+/)[9] ?? ''));
		expect(ownListeners).toEqual([]);
		expect(pane.capture()).not.toContain('Debugger');
		pane.keys('q');
		expect(await pane.waitFor(text => text.includes('EXIT='))).toContain('EXIT=0');
	});
});
