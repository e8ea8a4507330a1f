import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync, readdirSync, readlinkSync, realpathSync} from 'node:fs';
import {cliPath} from '../helpers/cli.js';
import {TmuxPane} from '../helpers/tmux.js';

/** A /proc/PID/status field in kB (VmRSS, VmHWM); null once the process is gone. */
export function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
	try {
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match?.[1] === undefined ? null : Number(match[1]);
	} catch {
		return null;
	}
}

const ticks = Number(spawnSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).stdout.trim()) || 100;

/** CPU time (user + system) a process has used, in ms. */
export function cpuMs(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
}

/** The first descendant of `pid` running this Node binary: socktop itself, under sh and ip netns exec. */
export function findNode(pid: number): number | null {
	const node = realpathSync(process.execPath);
	const queue = [pid];
	while (queue.length > 0) {
		const current = queue.shift()!;
		let children: number[] = [];
		try {
			children = readdirSync(`/proc/${current}/task`).flatMap(task =>
				readFileSync(`/proc/${current}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
			);
		} catch {
			continue;
		}

		for (const child of children) {
			try {
				if (readlinkSync(`/proc/${child}/exe`) === node) {
					return child;
				}
			} catch {
				// Gone or not ours to read.
			}

			queue.push(child);
		}
	}

	return null;
}

export const canMakeNamespaces = process.getuid?.() === 0 && spawnSync('ip', ['netns', 'list']).status === 0;

/**
 * A private network namespace (root with iproute2), so the load or churn a test
 * makes is exactly what socktop sees and other tests on the machine are not
 * disturbed; null (the host namespace) when one cannot be made.
 */
export function makeNamespace(tag: string): {name: string | null; remove: () => void} {
	if (!canMakeNamespaces) {
		return {name: null, remove() {}};
	}

	const name = `socktop-stress-${process.pid}-${tag}`;
	execFileSync('ip', ['netns', 'add', name]);
	execFileSync('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
	const remove = () => {
		spawnSync('ip', ['netns', 'delete', name]);
	};

	process.once('exit', remove);
	return {name, remove};
}

/** One end of a veth pair: in network namespace `netns` (null: socktop's own), with `address` (CIDR). */
export type VethEnd = {readonly netns: string | null; readonly address: string};

/**
 * A veth pair `<tag><pid>a`-`<tag><pid>b` joining two namespaces, each end with its address and up
 * (root). Deleting the namespace an end is in deletes the pair. `tag`: up to 6 characters.
 */
export function joinNamespaces(tag: string, a: VethEnd, b: VethEnd): void {
	const device = `${tag}${process.pid % 100_000}`;
	const into = (netns: string | null) => (netns === null ? [] : ['netns', netns]);
	execFileSync('ip', ['link', 'add', `${device}a`, ...into(a.netns), 'type', 'veth', 'peer', 'name', `${device}b`, ...into(b.netns)]);
	for (const [end, name] of [[a, `${device}a`], [b, `${device}b`]] as const) {
		const ip = (...args: string[]) => execFileSync('ip', [...(end.netns === null ? [] : ['-n', end.netns]), ...args]);
		ip('addr', 'add', end.address, 'dev', name);
		ip('link', 'set', name, 'up');
	}
}

/** The live view in a tmux pane (inside `netns` when given), its exit code printed when it ends. */
export function startLiveView(args: string, width: number, height: number, netns: string | null): TmuxPane {
	const prefix = netns === null ? '' : `ip netns exec ${netns} `;
	return new TmuxPane(`${prefix}${process.execPath} ${cliPath} ${args}; echo EXIT=$?; sleep 3600`, width, height);
}

export type HeaderCounts = {
	readonly total: number;
	/** Per protocol family as the header lists them ('tcp', 'udp', 'unix', 'raw'...). */
	readonly families: Readonly<Record<string, number>>;
	/** TCP sockets per state word ('listen', 'estab', 'time-wait', 'other'). */
	readonly tcpStates: Readonly<Record<string, number>>;
	readonly showing: number;
	readonly of: number;
};

// 'Sockets 16 (tcp 2, udp 0, unix 14)   TCP: 2 listen' (zero counts left out) and 'showing 1 of 16'
// (' + 3 just closed' may follow: the closed rows still drawn).
const socketsPart = /Sockets (\S+) \(([^)]*)\)/;
const tcpPart = /TCP: ((?:\S+ [a-z-]+(?:, )?)+)/;
const showingPart = /showing (\S+) of ([^\s,]+)/;

/** A count as the header prints it; anything but a plain integer (NaN, -1, undefined) becomes NaN. */
const count = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : Number.NaN);

/** `tcp 2, udp 0` -> {tcp: 2, udp: 0}; `2 listen, 0 estab` -> {listen: 2, estab: 0}. */
const pairs = (text: string, isCountFirst: boolean): Record<string, number> =>
	Object.fromEntries(
		text
			.split(',')
			.map(part => part.trim().split(/\s+/))
			.filter(words => words.length === 2)
			.map(([a, b]) => (isCountFirst ? [b!, count(a)] : [a!, count(b)])),
	);

/** The live header's counts; null when the header is not on screen. */
export function parseHeader(screen: string): HeaderCounts | null {
	const sockets = socketsPart.exec(screen);
	const tcp = tcpPart.exec(screen);
	const showing = showingPart.exec(screen);
	if (sockets === null || tcp === null || showing === null) {
		return null;
	}

	return {
		total: count(sockets[1]),
		families: pairs(sockets[2]!, false),
		tcpStates: pairs(tcp[1]!, true),
		showing: count(showing[1]),
		of: count(showing[2]),
	};
}

/** What is wrong with a header's counts: negative, NaN, or not adding up. */
export function headerProblems(counts: HeaderCounts): string[] {
	const problems: string[] = [];
	const values = {total: counts.total, showing: counts.showing, of: counts.of, ...counts.families, ...counts.tcpStates};
	for (const [name, value] of Object.entries(values)) {
		if (!Number.isSafeInteger(value) || value < 0) {
			problems.push(`${name} is ${value}`);
		}
	}

	const sum = (record: Readonly<Record<string, number>>) => Object.values(record).reduce((total, value) => total + value, 0);
	if (sum(counts.families) !== counts.total) {
		problems.push(`the families add up to ${sum(counts.families)}, not ${counts.total}`);
	}

	if (sum(counts.tcpStates) !== (counts.families['tcp'] ?? 0)) {
		problems.push(`the TCP states add up to ${sum(counts.tcpStates)}, not ${counts.families['tcp']}`);
	}

	if (counts.showing > counts.of) {
		problems.push(`showing ${counts.showing} of ${counts.of}`);
	}

	return problems;
}

/** Error text that must never reach the screen of a running live view. */
export const errorText = /\b(Error|error|TypeError|RangeError|undefined|NaN|internal error)\b|^\s+at /m;
