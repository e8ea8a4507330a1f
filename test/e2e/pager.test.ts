import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {writeBigCapture} from '../helpers/big-capture.js';
import {cliPath, isBuilt} from '../helpers/cli.js';
import {TmuxPane, hasTmux} from '../helpers/tmux.js';

/**
 * `socktop | less -X`, quit with q before socktop has written everything: less restores the
 * terminal as it leaves, and socktop, ending on the closed pipe (EPIPE), must not set the raw
 * mode less had when socktop started again (Node puts back at exit the modes it saw at start;
 * see hangup.ts). `ss -tanp | less -X` leaves the shell's prompt with echo on; so must socktop.
 * Run in a real terminal (tmux), with a capture large enough (3,000 sockets) that socktop is
 * still writing (the pipe is full: less reads one screen) when q is pressed.
 */
const hasLess = spawnSync('less', ['--version']).status === 0;
const canRun = process.platform === 'linux' && hasTmux && hasLess && isBuilt;
if (!canRun) {
	console.warn(`pager: skipped, needs Linux, tmux, less and a build at ${cliPath} (npm run build)`);
}

const directory = mkdtempSync(path.join(tmpdir(), 'socktop-pager-'));
const panes: TmuxPane[] = [];
afterAll(() => {
	for (const pane of panes) pane.kill();
	rmSync(directory, {recursive: true, force: true});
});

describe.skipIf(!canRun)('socktop piped to less -X', () => {
	const file = writeBigCapture(directory, 3000);
	// Not --json: printed to a pipe it is one line, which less reads to its end before showing it.
	it.concurrent.each([['--once'], ['--pid 4242 --once']])('%s: q in less leaves the terminal in the mode less found it in (echo on)', async flag => {
		const code = path.join(directory, `code${flag.replaceAll(' ', '')}`);
		const script = [
			'saved=$(stty -g)',
			// socktop starts once less has the terminal in raw mode, as it does when socktop takes a moment.
			`(while ! stty -a | grep -q -- -icanon; do sleep 0.05; done; ${process.execPath} ${cliPath} --import ${file} ${flag}; echo $? >${code}) | LESS= less -X`,
			// Quoted apart, so the markers are not in what less showed of the command line.
			'if [ "$(stty -g)" = "$saved" ]; then echo "STTY""=same"; else echo "STTY""=changed"; fi',
			'stty -a | grep -qw -- -echo && echo "ECHO""=off" || echo "ECHO""=on"',
			'sleep 600',
		].join('; ');
		const pane = new TmuxPane(script, 100, 30);
		panes.push(pane);
		// less shows socktop's first screen; socktop is blocked writing the rest.
		await pane.waitFor(screen => screen.includes('4242'), 20_000);
		pane.keys('q');
		const screen = await pane.waitFor(text => text.includes('ECHO='), 20_000);
		expect(screen).toContain('STTY=same');
		expect(screen).toContain('ECHO=on');
		// The closed pipe is a normal end, as for `socktop | head`.
		expect(readFileSync(code, 'utf8').trim()).toBe('0');
	});
});
