/**
 * When the kernel's answer to `ss -xlHe` stops short, and asking again where it can be had.
 *
 * -e asks sock_diag for each listener's clients waiting in its accept queue (UNIX_DIAG_ICONS, 4
 * bytes a client), and a socket's whole record must fit in one netlink message. The messages a
 * dump makes before ss's first full read are one page (NLMSG_GOODSIZE, ~3,700 bytes at 4 KiB
 * pages), later ones ~32 KB: a listener with ~900 or more waiting that comes among the first
 * page or so of records ends the dump there, with no error, so neither it nor any listener the
 * kernel lists after it has a line (measured, kernel 6.18, iproute2 6.1.0: 40 listeners and then
 * one with 3,000 waiting: its line and all after it missing; 50 before it: every line there).
 * Which come first is the kernel's hash walk (a path's slot is its file's inode, abstract names
 * after all of those), so ss -xlHe, which asks for listeners only, meets that on most machines
 * with such a queue. Asked for every state (`-a`), the kernel walks every unix socket, among them
 * the waiting clients themselves, so the listener nearly always comes late enough; ss's filter
 * `src :INODE` then prints only the listeners wanted (it is applied after the kernel's answer, so
 * the walk is the same), not every socket's line padded to the width of one `peers:` list.
 */
import {parseSsUnix, readSsAnswer, type SsAnswer, type SsUnix} from './ss-unix.js';

/** A listener with this many waiting may not fit in one page beside its name (~900 do with a short one). */
const CUT_QUEUE = 800;

/** How many lines of `text` ss says are listening, counted without parsing it (a name holding ' LISTEN ' adds one: then it is parsed). */
function countListening(text: string): number {
	let count = 0;
	for (let at = text.indexOf(' LISTEN '); at !== -1; at = text.indexOf(' LISTEN ', at + 8)) count++;
	return count;
}

/** The listeners `ss` names in `unlisted` (SsUnix) that a long accept queue left out: those with one (wide lines), then the rest. */
function cutListeners(ss: SsUnix): {readonly wide: readonly number[]; readonly narrow: readonly number[]} | null {
	const wide = ss.unlisted.filter(inode => (ss.rxQueues.get(inode) ?? 0) >= CUT_QUEUE);
	return wide.length === 0 ? null : {wide, narrow: ss.unlisted.filter(inode => !wide.includes(inode))};
}

/**
 * ss's answer: `all` (ss -xaH's) and `listening` (ss -xlHe's, beside it), with the lines of the
 * listeners `listening` lacks because a long accept queue cut it short, asked again through `run`
 * (ss's arguments) with every state: the listeners with a long queue in one run, the others in
 * another, so only a long queue's own lines are as long as its `peers:` list. Nothing more is run
 * when no listener is missing. Where `all` had to be read to find them, it goes with the answer
 * (SsAnswer.read), so that its parse does not read it again.
 */
export async function withCutListeners(run: (args: readonly string[]) => Promise<string | null>, all: string, listening: string): Promise<SsAnswer> {
	if (countListening(listening) >= countListening(all)) return {all, listening};
	const read = readSsAnswer(all);
	const cut = cutListeners(parseSsUnix(read, listening));
	if (cut === null) return {all, listening, read};
	const ask = async (inodes: readonly number[]) => (inodes.length === 0 ? '' : ((await run(['-A', 'unix', '-aHe', inodes.map(inode => `src :${inode}`).join(' or ')])) ?? ''));
	const answers = await Promise.all([ask(cut.wide), ask(cut.narrow)]);
	return {all, listening: [listening, ...answers].filter(text => text !== '').map(text => (text.endsWith('\n') ? text : `${text}\n`)).join(''), read};
}

/**
 * The line (Skipped.unreadableTables) saying what ss could not tell of the listeners of `ss` even so,
 * here or in another network namespace (`isElsewhere`); null when nothing is missing. The README quotes it.
 */
export function cutListenersLine(ss: SsUnix | null, isElsewhere: boolean): string | null {
	const cut = ss === null ? null : cutListeners(ss);
	if (ss === null || cut === null) return null;
	const longest = Math.max(...cut.wide.map(inode => ss.rxQueues.get(inode) ?? 0));
	const count = cut.wide.length + cut.narrow.length;
	return `${isElsewhere ? 'unix listeners in another network namespace' : 'unix listeners'}: waiting clients and bound files unknown for ${count} (ss's answer stops at an accept queue of ${longest})`;
}
