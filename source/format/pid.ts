import type {FileDescriptor, ProcessDetail} from '../model/process.js';
import {fdCountOf, fdRow, formatPeer, processFacts, widestCell, type FdRow} from '../model/pid-rows.js';
import {isUnixProto} from '../model/types.js';
import type {PortRange} from '../options.js';
import {explainSocket, type SocketExplanation} from '../services/explain.js';
import type {ServiceTable} from '../services/types.js';
import {displayWidth, sanitize, stringifyJson} from './escape.js';

/** What explaining ports needs: the services table (loaded) and the ephemeral range. */
export type PidContext = {
	readonly services: ServiceTable;
	readonly ephemeral: PortRange | null;
};

export type FdExplanation = {
	readonly fd: number;
	/** One sanitized sentence, naming the peer when it is known. */
	readonly sentence: string;
	readonly explanation: SocketExplanation;
};

/**
 * The explanation of one fd's socket, or null when it is not an inet socket.
 * `listening` (ProcessDetail.listening) tells an accepted connection from an outgoing one
 * even when both ports lie in the ephemeral range.
 */
export function explainFd(descriptor: FileDescriptor, ctx: PidContext, listening?: ReadonlySet<string>): FdExplanation | null {
	const {socket} = descriptor;
	if (socket === null || isUnixProto(socket.proto)) {
		return null;
	}

	const explanation = explainSocket(socket, {services: ctx.services, ephemeral: ctx.ephemeral, listening});
	const peer = descriptor.peer ?? null;
	const other = peer === null ? '' : `; the other end is ${formatPeer(peer, socket.pid ?? undefined)}`;
	return {fd: descriptor.fd, sentence: sanitize(explanation.sentence) + other, explanation};
}

/** The listening keys a detail carries, as explainFd takes them. */
export const listeningOf = (detail: ProcessDetail): ReadonlySet<string> | undefined =>
	detail.listening === undefined ? undefined : new Set(detail.listening);

/** Every inet socket's explanation, in fd order. */
export function explainFds(fds: readonly FileDescriptor[], ctx: PidContext, listening?: ReadonlySet<string>): FdExplanation[] {
	return fds.map(fd => explainFd(fd, ctx, listening)).filter(each => each !== null);
}

const HEADINGS: Record<keyof FdRow, string> = {fd: 'FD', type: 'TYPE', target: 'TARGET', foreign: 'FOREIGN / PEER', state: 'STATE'};
const KEYS = Object.keys(HEADINGS) as Array<keyof FdRow>;

const padTo = (text: string, width: number, isRight = false) => {
	const pad = ' '.repeat(Math.max(0, width - displayWidth(text)));
	return isRight ? pad + text : text + pad;
};

/** Plain columns, as wide as their widest cell (pipes and files are not cut), trailing spaces trimmed. */
function fdTable(rows: readonly FdRow[]): string[] {
	const widths = KEYS.map(key => widestCell(rows, key, displayWidth(HEADINGS[key])));
	const line = (cells: Record<keyof FdRow, string>) =>
		KEYS.map((key, index) => padTo(cells[key], widths[index] ?? 0, key === 'fd'))
			.join('  ')
			.trimEnd();
	return [line(HEADINGS), ...rows.map(row => line(row))];
}

/**
 * `socktop --pid N --once`: the process block, every fd, then each inet
 * socket's ports explained. Untrusted text is sanitized.
 */
export function formatProcessText(detail: ProcessDetail, ctx: PidContext): string {
	const {process: info} = detail;
	if (info === null) {
		return `No process${detail.pid === undefined ? '' : ` with PID ${detail.pid}`}: it has exited or never existed.\n`;
	}

	const facts = processFacts(info, fdCountOf(detail), detail.time);
	const labelWidth = Math.max(...facts.map(fact => fact.label.length));
	const lines = facts.map(fact => `${fact.label.padEnd(labelWidth)}  ${fact.value}`);
	if (detail.denied !== null) {
		lines.push('', `Note: ${sanitize(detail.denied)}`);
	}

	const table = fdTable(detail.fds.map(fd => fdRow(fd, info.pid)));
	const explanations = explainFds(detail.fds, ctx, listeningOf(detail));
	const explained = explanations.length === 0 ? [] : ['', 'Ports explained:', ...explanations.map(each => `  fd ${each.fd}: ${each.sentence}`)];
	return [...lines, '', ...table, ...explained].join('\n') + '\n';
}

/**
 * `socktop --pid N --json`: the detail with each inet fd's explanation beside it. Every
 * key is present (null when unknown), and `time` is ISO 8601 as in the table's --json.
 */
export function formatProcessJson(detail: ProcessDetail, ctx: PidContext, indent = 2): string {
	const listening = listeningOf(detail);
	const value = {
		time: new Date(detail.time).toISOString(),
		pid: detail.pid ?? detail.process?.pid ?? null,
		process: detail.process,
		fds: detail.fds.map(fd => {
			const explained = explainFd(fd, ctx, listening);
			return {
				...fd,
				peer: fd.peer ?? null,
				explanation:
					explained === null
						? null
						: {
								sentence: explained.explanation.sentence,
								local: explained.explanation.local,
								foreign: explained.explanation.foreign,
							},
			};
		}),
		fdCount: detail.fdCount ?? null,
		listening: detail.listening ?? null,
		denied: detail.denied,
	};
	// JSON.stringify passes C1 controls, bidi overrides and invisible characters through; stringifyJson escapes them too.
	return stringifyJson(value, indent) + '\n';
}
