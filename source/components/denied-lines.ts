import {sanitize} from '../format/escape.js';
import {KEY_GROUPS} from '../keymap.js';
import type {Skipped} from '../model/types.js';
import type {Theme} from '../theme.js';
import {MIN_WRAP} from './help-layout.js';
import {hiddenWarning} from './hidden-warning.js';
import type {Segment} from './line.js';
import {wrapText} from './pid-layout.js';

/**
 * The `?` screen's list of the processes the last scan could not read, after the keys and the states: the
 * header has room to name one or two, this names every one the backend named (the lowest
 * PIDs), with PID, user and command, and counts the rest. Then what else it could not read, whole
 * and wrapped at `width` (a missing ss, which a header of 80 columns says in few words and one of
 * 40 leaves out: 'unix peers and queues: ss (iproute2) not found …'). [] when there is neither.
 */
export function deniedHelpLines(skipped: Skipped | undefined, theme: Theme, width = Number.POSITIVE_INFINITY): Segment[][] {
	const list = skipped?.deniedProcessList ?? [];
	const tables = skipped?.unreadableTables ?? [];
	if (skipped === undefined || (list.length === 0 && tables.length === 0)) return [];
	// In the key list's columns: the group's, then the rest.
	const indent = ' '.repeat(Math.max(...KEY_GROUPS.map(group => group.length)) + 2);
	const tableLines = tables.flatMap(table => wrapText(sanitize(table), Math.max(MIN_WRAP, width - indent.length), Number.POSITIVE_INFINITY));
	const label = {text: 'Not read'.padEnd(indent.length), style: theme.label};
	if (list.length === 0) return [[{text: ' '}], ...tableLines.map((text, index) => [index === 0 ? label : {text: indent}, {text}])];
	const pidWidth = Math.max(3, ...list.map(each => String(each.pid).length));
	const users = list.map(each => sanitize(each.user));
	const userWidth = Math.max(4, ...users.map(user => user.length));
	const row = (pid: string, user: string, command: string): string => `${pid.padStart(pidWidth)}  ${user.padEnd(userWidth)}  ${command}`;
	const more = skipped.deniedProcesses - list.length;
	return [
		[{text: ' '}],
		[label, {text: hiddenWarning({...skipped, unreadableTables: []}) ?? ''}],
		[{text: indent}, {text: row('PID', 'USER', 'COMMAND'), style: theme.muted}],
		...list.map((each, index) => [{text: indent}, {text: row(String(each.pid), users[index]!, each.command === null ? '?' : sanitize(each.command))}]),
		...(more > 0 ? [[{text: indent}, {text: `and ${more} more (lowest PIDs shown)`, style: theme.muted}]] : []),
		...tableLines.map(text => [{text: indent}, {text}]),
	];
}
