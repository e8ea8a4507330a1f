import {readFileSync} from 'node:fs';
import {expect} from 'vitest';
import {cliPath} from './cli.js';
import {TmuxPane, sleep} from './tmux.js';

/** Job control in a real terminal: socktop run by an interactive bash in a tmux pane, as a user's shell runs it. */
export const socktopCommand = `${process.execPath} ${cliPath} -d 0.5`;

/** bash's own prompt (bash-5.2# or $), at the end of a line. */
export const prompt = /[#$] $/m;

// The first scan shown (the header's clock; before it the header says --:--:--): on a
// busy machine it can take longer than the column header does to appear.
export const scanned = /^\S+ {2}\d\d:\d\d:\d\d {2}every /;

/**
 * The table's heading line, by columns no width drops: COMMAND (the default sort's, `COMMAND▲`) and LOCAL.
 * Not PROTO, which gives way to the addresses on a narrow terminal when the machine's sockets need it.
 */
export const tableHeading = /\bCOMMAND\b.*\bLOCAL\b/;

/** Waits until the live view is up in `pane`: a scan shown, and the terminal in raw mode. */
export const isUp = (pane: TmuxPane) => async () => pane.waitFor(screen => scanned.test(screen) && tableHeading.test(screen) && pane.isRawMode);

/** A pane (added to `panes`, for the caller to kill) whose interactive shell has started `command`, by default socktop. */
export async function startInShell(panes: TmuxPane[], command = socktopCommand): Promise<TmuxPane> {
	const pane = new TmuxPane('bash --norc --noprofile -i', 100, 30);
	panes.push(pane);
	await pane.waitFor(screen => prompt.test(screen));
	pane.type(command);
	pane.keys('Enter');
	await isUp(pane)();
	await sleep(300);
	return pane;
}

/**
 * Keys work in the live view up in `pane`: l turns the listening filter on (where the header names other network
 * namespaces, at 70 columns, it says it short, 'filter: -l'); then q quits to the shell, with exit code 0.
 */
export async function filterThenQuit(pane: TmuxPane): Promise<void> {
	pane.type('l');
	await pane.waitFor(screen => /\bFilter listening\b|\bfilter: -l\b/.test(screen));
	pane.type('q');
	await pane.waitFor(screen => pane.variable('alternate_on') === '0' && prompt.test(screen));
	pane.type('echo "EXIT""=$?"');
	pane.keys('Enter');
	expect(await pane.waitFor(screen => /EXIT=\d+/.test(screen))).toContain('EXIT=0');
}

/** The socktop process among `pid` and its descendants (under a wrapper it is not the shell's child). */
export function socktopUnder(pid: number): number | undefined {
	if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'socktop') return pid;
	const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
	return children.map(child => socktopUnder(Number(child))).find(found => found !== undefined);
}
