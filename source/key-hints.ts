import type {Key} from 'ink';
import {fkey, isFunctionKey} from './function-keys.js';
import {ALL_NAMESPACES} from './model/netns.js';
import {sanitize} from './format/escape.js';

/** htop's and top's sort keys, which the PID view's sort answers too. */
const SORT_HINTS: ReadonlyArray<readonly [keys: readonly string[], hint: () => string]> = [
	[[fkey(6), 'M', 'T'], () => '< > choose the sort column, r reverses'],
	[['I'], () => 'r reverses the sort'],
];

/**
 * What a key socktop does not bind says when pressed, in the footer's message line: htop's and top's
 * habits (F2 setup, F5 tree, F6 sort, top's d and s interval, I invert, M and T sort) get the
 * socktop key that does that, any other printable key that it is none. The keys themselves are
 * KEYMAP's (keymap.ts); these are only what its unbound neighbours answer. `interval`: '2s'.
 */
const HINTS: ReadonlyArray<readonly [keys: readonly string[], hint: (interval: string) => string]> = [
	[['d', 's'], interval => `+ and - change the interval (now ${interval})`],
	...SORT_HINTS,
	[[fkey(5)], () => "no tree here; Enter shows a process's fds"],
	[[fkey(2), 'S', 'C'], () => 'no setup screen; flags set socktop up (socktop --help)'],
];

const names: ReadonlyMap<string, string> = new Map([
	// A capture's Space (nothing to pause), which was named by a blank: ' : not a key here'.
	[' ', 'Space'],
	[fkey(2), 'F2'],
	[fkey(5), 'F5'],
	[fkey(6), 'F6'],
]);

/** The hint for a key no binding took ('d: + and - change the interval (now 2s)'), or null for a key that says nothing (Tab, an arrow, Ctrl-x). */
export function unboundKeyHint(input: string, key: Key, interval: string): string | null {
	if (key.ctrl || key.meta || input.length !== 1) return null;
	const found = HINTS.find(([keys]) => keys.includes(input));
	const name = names.get(input) ?? input;
	if (found !== undefined) return `${name}: ${found[1](interval)}`;
	// Another F-key (F7, F8: htop's nice) or a control character: no word for it.
	if (isFunctionKey(input) || input < ' ' || input === '\u007F') return null;
	return `${name}: not a key here; ? lists the keys`;
}

/**
 * What a key the PID view does not take says there, or null for a key that says nothing (as unboundKeyHint):
 * a key of the table's (`isTableKey`: l, c, p, +, the keys users reach for to narrow 2,000 fds)
 * says that Esc goes back to the table, where it works; htop's and top's sort keys (F6, M, T, I) name this view's
 * sort keys as the table's hints do; any other printable key that it is none. The table's other hints for htop's
 * and top's keys (`d`: + and -) name keys this view does not take either, so none is said.
 */
export function pidKeyHint(input: string, key: Key, isTableKey: boolean): string | null {
	if (unboundKeyHint(input, key, '') === null) return null;
	const name = names.get(input) ?? input;
	const sortHint = SORT_HINTS.find(([keys]) => keys.includes(input));
	if (sortHint !== undefined) return `${name}: ${sortHint[1]()}`;
	return isTableKey ? `${name}: a key of the table (Esc goes back to it); ? lists this view's keys` : `${name}: not a key here; ? lists the keys`;
}

/** The toggles other tools bind to something else (htop's l lsof and u user, top's c command line): what they filter, and where that other thing is here. */
const TOGGLES: Readonly<Record<string, readonly [key: string, what: string, elsewhere: string]>> = {
	listening: ['l', 'listening sockets', "a process's open fds: Enter"],
	connected: ['c', 'connected sockets', 'a command line: Enter'],
	unix: ['u', 'unix sockets', 'a user: --user NAME'],
};

/** What a toggle that hides rows did and how to undo it ('u: filter on: unix sockets (u again turns it off; a user: --user NAME)'), or null for the others. */
export function toggleHint(filter: string, isOn: boolean): string | null {
	const found = TOGGLES[filter];
	if (found === undefined) return null;
	const [key, what, elsewhere] = found;
	return isOn ? `${key}: filter on: ${what} (${key} again turns it off; ${elsewhere})` : `${key}: filter off: ${what}`;
}

/**
 * What n did: the namespace it shows now and that n goes on ('n: netns blue (n again: next; all is first
 * in the cycle)'); where socktop reads no namespace but its own, that, rather than flip between two same views.
 */
export function netnsHint(next: string, namespaces: readonly string[], isRoot: boolean): string {
	if (namespaces.length <= 1) return `n: no other network namespace readable${isRoot ? '' : ' (run as root)'}`;
	return next === ALL_NAMESPACES ? 'n: every netns (n again: the first one)' : `n: netns ${sanitize(next)} (n again: next; all is first in the cycle)`;
}
