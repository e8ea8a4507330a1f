import {sanitize} from '../format/escape.js';
import {KEY_GROUPS} from '../keymap.js';
import type {Skipped} from '../model/types.js';
import type {Theme} from '../theme.js';
import {hiddenWarning} from './hidden-warning.js';
import type {Segment} from './line.js';

/**
 * The `?` screen's list of the processes the last scan could not read, after the keys and the states: the
 * header has room to name one or two, this names every one the backend named (the lowest
 * PIDs), with PID, user and command, and counts the rest. [] when it named none.
 */
export function deniedHelpLines(skipped: Skipped | undefined, theme: Theme): Segment[][] {
	const list = skipped?.deniedProcessList ?? [];
	if (skipped === undefined || list.length === 0) return [];
	// In the key list's columns: the group's, then the rest.
	const indent = ' '.repeat(Math.max(...KEY_GROUPS.map(group => group.length)) + 2);
	const pidWidth = Math.max(3, ...list.map(each => String(each.pid).length));
	const users = list.map(each => sanitize(each.user));
	const userWidth = Math.max(4, ...users.map(user => user.length));
	const row = (pid: string, user: string, command: string): string => `${pid.padStart(pidWidth)}  ${user.padEnd(userWidth)}  ${command}`;
	const more = skipped.deniedProcesses - list.length;
	return [
		[{text: ' '}],
		[{text: 'Not read'.padEnd(indent.length), style: theme.label}, {text: hiddenWarning({...skipped, unreadableTables: []}) ?? ''}],
		[{text: indent}, {text: row('PID', 'USER', 'COMMAND'), style: theme.muted}],
		...list.map((each, index) => [{text: indent}, {text: row(String(each.pid), users[index]!, each.command === null ? '?' : sanitize(each.command))}]),
		...(more > 0 ? [[{text: indent}, {text: `and ${more} more (lowest PIDs shown)`, style: theme.muted}]] : []),
	];
}
