import {byFd, type FileDescriptor, type ProcessDetail} from '../../model/process.js';
import {emptySkipped, type Snapshot, type Socket} from '../../model/types.js';
import {listeningKeys} from '../../services/explain.js';
import type {PortNames} from '../../services/names.js';
import type {PortNamesSource} from '../../services/table.js';
import {type Collector, UserError} from '../collector.js';
import {detectFormat, FORMATS, understoodFormats} from './detect.js';
import {readImportText} from './read.js';

/**
 * A capture from another machine (or this one, earlier), read once and then
 * frozen: the live view shows it without refreshing, `--once`/`--json` print it.
 */

/**
 * Parse a capture into a snapshot; throws UserError naming the understood formats when nothing fits.
 * `ports` reads service names where the capture has them instead of port numbers (taken without -n).
 */
export function importSnapshot(capture: string, source: string, ports?: PortNames): Snapshot {
	// A byte order mark from a Windows editor would hide the first header.
	const text = capture.startsWith('\uFEFF') ? capture.slice(1) : capture;
	if (text.trim() === '') {
		throw new UserError(`cannot read ${source}: it is empty${text === '' ? '' : ' (nothing but blank lines)'}`);
	}

	const format = detectFormat(text, ports);
	if (format === null) {
		throw new UserError(`cannot recognise ${source}: expected the output of ${understoodFormats}`);
	}

	const {command, parse} = FORMATS.find(candidate => candidate.id === format)!;
	const {sockets, malformedLines, problem, firstMalformed} = parse(text, ports);
	if (problem !== undefined) {
		throw new UserError(`cannot read ${source}: ${problem}`);
	}

	// A header and nothing readable under it (BSD netstat, names instead of numbers): say so rather than show nothing.
	if (sockets.length === 0 && malformedLines > 0) {
		throw new UserError(
			`cannot read ${source}: it looks like ${command} output, but none of its ${malformedLines} lines is a socket socktop understands (use -n -P / -n for numeric output)`,
		);
	}

	return {
		time: Date.now(),
		// The capture's name stands in for the host it came from, which it does not record.
		hostname: source,
		backend: 'import',
		sockets,
		skipped: {...emptySkipped, malformedLines, ...(firstMalformed === undefined ? {} : {malformedExample: firstMalformed})},
	};
}

const captureOnly =
	'this is a capture: it lists sockets only, not the other open files, command line or start time';

function toDescriptor(socket: Socket): FileDescriptor {
	return {
		fd: socket.fd,
		type: 'socket',
		target: socket.inode !== null && socket.inode > 0 ? `socket:[${socket.inode}]` : 'socket',
		socket,
	};
}


/** What the capture says about one PID: its socket fds, its command and user. */
function captureProcess(snapshot: Snapshot, pid: number): ProcessDetail {
	const rows = snapshot.sockets.filter(socket => socket.pid === pid);
	const first = rows[0];
	if (first === undefined) {
		return {time: snapshot.time, process: null, fds: [], isSocketsOnly: true, denied: captureOnly};
	}

	// Every socket the capture gives the process, those without an fd too (netstat has no FD column): FD `?`.
	const fds = rows.map(socket => toDescriptor(socket)).sort(byFd);
	return {
		time: snapshot.time,
		process: {
			pid,
			ppid: null,
			user: first.user,
			uid: first.uid,
			command: first.command ?? '?',
			cmdline: null,
			cmdlineUnreportedBy: 'the capture',
			state: null,
			startTime: null,
			// Never a token: a PID in a capture is not a process on this machine, so nothing may be signalled.
			startToken: null,
			threads: null,
			cwd: null,
			exe: null,
			fdLimit: null,
		},
		fds,
		// Not the process's open files: the PID view says so rather than count them as such.
		isSocketsOnly: true,
		listening: [...listeningKeys(snapshot.sockets)],
		denied: captureOnly,
	};
}

function frozenCollector(snapshot: Snapshot): Collector {
	return {
		name: 'import',
		snapshot: async () => snapshot,
		process: async (pid: number) => captureProcess(snapshot, pid),
	};
}

/** What the CLI reads a capture with: the file (`-` for stdin) and the table that names its ports. */
export type ImportInput = {
	readonly importFile: string | null;
	/** The services table the views explain ports with, so a capture's port names cost no second load. */
	readonly services: PortNamesSource;
};

/**
 * A collector over a capture: snapshot() returns the same rows every time.
 * Given an ImportInput instead of text it reads `importFile` first (for the CLI), and
 * names the ports of a capture taken without -n with `services`.
 */
export function importCollector(text: string, source: string, ports?: PortNames): Collector;
export function importCollector(input: ImportInput): Promise<Collector>;
export function importCollector(input: string | ImportInput, source?: string, ports?: PortNames): Collector | Promise<Collector> {
	if (typeof input === 'string') {
		return frozenCollector(importSnapshot(input, source ?? 'capture', ports));
	}

	const file = input.importFile ?? '-';
	return readImportText(file).then(async text => frozenCollector(await readCapture(text, file === '-' ? 'stdin' : file, input.services)));
}

/**
 * A port written as a name (`*:domain`, `localhost:postgresql`, `[::1]:ssh->`): a capture
 * taken without -n. ss's header (`Local Address:Port`) is not one.
 */
const namedPort = /(?<!Address):[A-Za-z][\w.+-]*(?=[\s)]|->|$)/m;

/**
 * A capture's snapshot, its port names read with the services table only when some line
 * needs them (a capture taken without -n): most captures are numeric, and loading the
 * table (IANA's registry with it) would cost every --import ~40 ms.
 */
async function readCapture(text: string, source: string, services: PortNamesSource): Promise<Snapshot> {
	let plain: Snapshot | undefined;
	try {
		plain = importSnapshot(text, source);
		// Lines left unread for another reason (cut short, garbage) are no cause to read it all again.
		if (plain.skipped.malformedLines === 0 || !namedPort.test(text)) return plain;
	} catch (error) {
		// Every line may name its ports: read it again with the names before refusing it.
		if (!(error instanceof UserError)) throw error;
	}

	const names = await services.portNames();
	try {
		return importSnapshot(text, source, names);
	} catch (error) {
		if (plain !== undefined) return plain;
		throw error;
	}
}
