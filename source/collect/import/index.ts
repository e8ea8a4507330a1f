import {byFd, type FileDescriptor, type ProcessDetail} from '../../model/process.js';
import {emptySkipped, socketInode, type Snapshot, type Socket} from '../../model/types.js';
import {listeningKeys} from '../../services/explain.js';
import type {IpProtocolTable} from '../../services/ip-protocol-table.js';
import type {IpProtocolNumbers} from '../../services/ip-protocols.js';
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
 * Where the capture names ports instead of numbering them (taken without -n), `ports` reads
 * service names and `ipProtocols` raw sockets' IP protocol names.
 */
export function importSnapshot(capture: string, source: string, ports?: PortNames, ipProtocols?: IpProtocolNumbers): Snapshot {
	// A byte order mark from a Windows editor would hide the first header.
	const text = capture.startsWith('\uFEFF') ? capture.slice(1) : capture;
	if (text.trim() === '') {
		throw new UserError(`cannot read ${source}: it is empty${text === '' ? '' : ' (nothing but blank lines)'}`);
	}

	const format = detectFormat(text, ports, ipProtocols);
	if (format === null) {
		throw new UserError(`cannot recognise ${source}: expected the output of ${understoodFormats}`);
	}

	const {command, parse} = FORMATS.find(candidate => candidate.id === format)!;
	const {sockets, malformedLines, problem, firstMalformed} = parse(text, ports, ipProtocols);
	if (problem !== undefined) {
		throw new UserError(`cannot read ${source}: ${problem}`);
	}

	// A header and nothing readable under it (BSD netstat, names instead of numbers): say so rather than show nothing.
	if (sockets.length === 0 && malformedLines > 0) {
		throw new UserError(
			`cannot read ${source}: it looks like ${command} output, but ${malformedLines === 1 ? 'its 1 line is not' : `none of its ${malformedLines} lines is`} a socket socktop understands (use -n -P / -n for numeric output)`,
		);
	}

	return {
		time: Date.now(),
		// The capture's name stands in for the host it came from, which it does not record.
		hostname: source,
		backend: 'import',
		sockets,
		// A capture does not say which processes its tool could not read.
		skipped: {...emptySkipped, malformedLines, isDenialUncounted: true, ...(firstMalformed === undefined ? {} : {malformedExample: firstMalformed})},
	};
}

const captureOnly =
	'this is a capture: it lists sockets only, not the other open files, command line or start time';

function toDescriptor(socket: Socket): FileDescriptor {
	const inode = socketInode(socket);
	return {
		fd: socket.fd,
		type: 'socket',
		target: inode === null ? 'socket' : `socket:[${inode}]`,
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

/** Where a capture's names are read, each loaded only when a line of the capture needs it. */
export type CaptureNames = {
	/** The services table the views explain ports with, so a capture's port names cost no second load. */
	readonly services: PortNamesSource;
	/** This machine's IP protocol names (/etc/protocols), for raw sockets' "ports". */
	readonly ipProtocols: () => Promise<IpProtocolTable>;
};

/** What the CLI reads a capture with: the file (`-` for stdin) and where its names are read. */
export type ImportInput = CaptureNames & {readonly importFile: string | null};

/**
 * A collector over a capture: snapshot() returns the same rows every time.
 * Given an ImportInput instead of text it reads `importFile` first (for the CLI), and
 * reads the names of a capture taken without -n with `services` and `ipProtocols`.
 */
export function importCollector(text: string, source: string, ports?: PortNames, ipProtocols?: IpProtocolNumbers): Collector;
export function importCollector(input: ImportInput): Promise<Collector>;
export function importCollector(
	input: string | ImportInput,
	source?: string,
	ports?: PortNames,
	ipProtocols?: IpProtocolNumbers,
): Collector | Promise<Collector> {
	if (typeof input === 'string') {
		return frozenCollector(importSnapshot(input, source ?? 'capture', ports, ipProtocols));
	}

	const file = input.importFile ?? '-';
	return readImportText(file).then(async text => frozenCollector(await readCapture(text, file === '-' ? 'stdin' : file, input)));
}

/** A name reader that knows no name, and whether a line asked it one. */
function askedReader(): {readonly read: (name: string) => null; readonly wasAsked: () => boolean} {
	let isAsked = false;
	return {
		read() {
			isAsked = true;
			return null;
		},
		wasAsked: () => isAsked,
	};
}

/**
 * `ports`, noting the names a line asked that IANA gives to several ports (PortNames does not
 * guess among them), and why those lines stay unread; undefined before the names are loaded.
 */
function severalPorts(ports: PortNames | undefined): {readonly read: PortNames; readonly why: () => string | null} | undefined {
	if (ports === undefined) return undefined;
	const named = new Map<string, readonly number[]>();
	const read = (name: string, protocol: string): number | null => {
		const port = ports(name, protocol);
		const candidates = port === null ? (ports.portsOf?.(name, protocol) ?? []) : [];
		if (candidates.length > 1) named.set(name, candidates);
		return port;
	};

	const why = (): string | null => {
		if (named.size === 0) return null;
		const listed = [...named].map(([name, candidates]) => `${name}: ${candidates.slice(0, -1).join(', ')} or ${candidates.at(-1)}`);
		return `port names that IANA gives to several ports are not guessed (${listed.join('; ')}): capture with -n (lsof: -P) for numeric ports`;
	};

	return {read, why};
}

/**
 * A capture's snapshot, its names read only when some line needs them (a capture taken
 * without -n): most captures are numeric, and loading the services table (IANA's registry
 * with it) would cost every --import ~40 ms. Each read notes which names its lines asked for
 * and could not have (a service's, a raw socket's IP protocol's), and the text is read again
 * with them; a line left unread for another reason (cut short, garbage) asks for none.
 * The services table comes first: until it has answered, a name it may know (`ss -tp`'s
 * `127.0.0.1:ssh`, with no Netid column) is also asked of the protocols reader, so
 * /etc/protocols is loaded only if a read with the services table still asks it.
 */
async function readCapture(text: string, source: string, names: CaptureNames): Promise<Snapshot> {
	let ports: PortNames | undefined;
	let protocols: IpProtocolTable | undefined;
	let lastRead: Snapshot | undefined;
	for (;;) {
		const askedPorts = askedReader();
		const askedProtocols = askedReader();
		const several = severalPorts(ports);
		let read: Snapshot | undefined;
		let refusal: UserError | undefined;
		const numberOf = protocols?.unreadable === null ? protocols.numberOf : askedProtocols.read;
		try {
			read = importSnapshot(text, source, several?.read ?? askedPorts.read, numberOf);
		} catch (error) {
			// Every line may name its ports: read it again with the names before refusing it.
			if (!(error instanceof UserError)) throw error;
			refusal = error;
		}

		if (read !== undefined && read.skipped.malformedLines === 0) return read;
		if (ports === undefined && askedPorts.wasAsked()) {
			ports = await names.services.portNames();
		} else if (protocols === undefined && askedProtocols.wasAsked()) {
			protocols = await names.ipProtocols();
		} else {
			// No protocols file (a slim container): its names stay unread, and when a line asked for one, that says why.
			const unreadable = askedProtocols.wasAsked() ? (protocols?.unreadable ?? null) : null;
			const whys = [
				several?.why() ?? null,
				unreadable === null ? null : `${unreadable}: raw sockets' IP protocols printed by name (0.0.0.0:icmp) cannot be read`,
			].filter(why => why !== null);
			if (read === undefined) {
				if (lastRead !== undefined) return lastRead;
				throw whys.length === 0 ? refusal : new UserError([refusal?.message, ...whys].join('; '));
			}

			return whys.length === 0 ? read : {...read, skipped: {...read.skipped, unreadableTables: [...read.skipped.unreadableTables, ...whys]}};
		}

		lastRead = read ?? lastRead;
	}
}
