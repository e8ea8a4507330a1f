import type {PortRange} from '../options.js';
import {ianaSource} from './iana.js';
import type {PortClass, PortExplanation, ServiceEntry, ServiceTable} from './types.js';

/**
 * Which end of the conversation a port is, which decides how it is explained:
 * - 'service': the server end of a connection (here or on the other machine);
 * - 'bound': this machine's port of a listener or an unconnected UDP socket;
 * - 'local-client': this machine's end of an outgoing connection (maybe ephemeral);
 * - 'remote-client': the other machine's end of a connection this machine accepted;
 * - 'unknown': a connection whose direction could not be told.
 */
export type PortRole = 'service' | 'bound' | 'local-client' | 'remote-client' | 'unknown';

export type ExplainContext = {
	readonly services: ServiceTable;
	/** The kernel's ephemeral range (`--ephemeral` for imports); null when unknown. */
	readonly ephemeral: PortRange | null;
};

/** IANA's three ranges (RFC 6335 section 6). */
export function rangeClass(port: number): 'well-known' | 'registered' | 'dynamic' {
	return port <= 1023 ? 'well-known' : port <= 49_151 ? 'registered' : 'dynamic';
}

export const inRange = (port: number, range: PortRange | null): boolean =>
	range !== null && port >= range[0] && port <= range[1];

const isIana = (entry: ServiceEntry) => entry.source === ianaSource;

/**
 * 'named ssh in /etc/services: SSH Remote Login Protocol', or 'named postgresql in IANA's
 * registry: PostgreSQL Database'. Either source says what the port is assigned for, not what
 * listens on it here (a python3 test server on 9102 is no Bacula File Daemon), so both are
 * said as a source's name for the port, in the same words.
 */
function serviceLabel(entry: ServiceEntry): string {
	// IANA gives some entries their name as description too ('cbt — cbt'): once is enough.
	const comment = entry.comment === null || entry.comment.toLowerCase() === entry.name.toLowerCase() ? '' : `: ${entry.comment}`;
	// Another file (--services FILE, possibly a pipe) by what it is: its path is in the detail.
	const where = isIana(entry) ? "IANA's registry" : entry.source === '/etc/services' ? entry.source : 'the services file';
	return `named ${entry.name} in ${where}${comment}`;
}

function serviceDetail(entry: ServiceEntry): string {
	const where = isIana(entry) ? "IANA's port registry (the services file has no entry)" : entry.source;
	const aliases = entry.aliases.length > 0 ? ` (also ${entry.aliases.join(', ')})` : '';
	const comment = entry.comment === null ? '' : `: ${entry.comment}`;
	return `port ${entry.port}/${entry.protocol} is "${entry.name}"${aliases} in ${where}${comment}`;
}

const unnamed = 'but neither the services file nor IANA names it';

const rangeDetails: Record<'well-known' | 'registered' | 'dynamic', (port: number) => string> = {
	'well-known': port =>
		`port ${port} is in the well-known range 0-1023, which normally only root may bind, ${unnamed}`,
	registered: port =>
		`port ${port} is in the registered range 1024-49151, where IANA registers services, ${unnamed}; any program may bind it`,
	dynamic: port =>
		`port ${port} is in the dynamic range 49152-65535, which IANA never assigns: programs bind these for themselves and kernels hand them out as client ports`,
};

const rangeTexts: Record<'well-known' | 'registered' | 'dynamic', string> = {
	'well-known': 'well-known, unnamed',
	registered: 'registered range, unnamed',
	dynamic: 'dynamic range',
};

function explanation(
	port: number,
	portClass: PortClass,
	service: ServiceEntry | null,
	text: string,
	detail: string,
): PortExplanation {
	return {port, class: portClass, service, text, detail};
}

/** A port the services file or IANA names, or else its range class. */
function namedOrRange(port: number, entry: ServiceEntry | null): PortExplanation {
	if (entry !== null) {
		return explanation(port, 'service', entry, `port ${port} (${serviceLabel(entry)})`, serviceDetail(entry));
	}

	const portClass = rangeClass(port);
	return explanation(port, portClass, null, `port ${port} (${rangeTexts[portClass]})`, rangeDetails[portClass](port));
}

function explainLocalClient(port: number, entry: ServiceEntry | null, ephemeral: PortRange | null): PortExplanation {
	if (ephemeral !== null && inRange(port, ephemeral)) {
		const range = `${ephemeral[0]}-${ephemeral[1]}`;
		// A services name for a port the kernel handed out is a coincidence, not what runs there.
		const detail =
			entry === null
				? `ephemeral port ${port}: a client port most likely picked by the kernel for this connection (unless the program bound it), which is why no services file names it (the ephemeral range is ${range})`
				: `ephemeral port ${port}: a client port most likely picked by the kernel for this connection from its ephemeral range ${range} (unless the program bound it); that ${isIana(entry) ? 'IANA' : entry.source} calls it "${entry.name}" is a coincidence`;
		return explanation(port, 'ephemeral', null, `ephemeral port ${port}`, detail);
	}

	if (ephemeral === null && commonEphemeralRanges.some(range => inRange(port, range))) {
		// A capture from another machine: its range is not known, but a port in a common one was most likely the kernel's pick.
		return explanation(
			port,
			'ephemeral',
			null,
			`port ${port} (most likely ephemeral)`,
			`port ${port}: this connection's client port, in a common ephemeral range (${commonEphemeralRanges.map(range => `${range[0]}-${range[1]}`).join(', ')}), so most likely one the kernel picked; the range of the system it was picked on is not known`,
		);
	}

	if (port < 1024) {
		// bindresvport(): the server trusts a port only root can bind. A services name for it is
		// the server port's, not this client's (513 is rlogin's server; rlogin's client binds 1023 down).
		return explanation(
			port,
			'well-known',
			null,
			`port ${port} (a privileged source port, which normally only root can bind; rsh, rlogin and NFS clients use one to show they run as root)`,
			`port ${port}: this connection's client port, below 1024: a privileged port, which normally only root (or CAP_NET_BIND_SERVICE) can bind (on Linux, below net.ipv4.ip_unprivileged_port_start, which a container may lower); the program bound it itself, as rsh, rlogin and NFS clients do to show the server they run as root; no service runs there`,
		);
	}

	const base = namedOrRange(port, entry);
	const why =
		ephemeral === null
			? "this connection's client port (the kernel's ephemeral range is not known here)"
			: `this connection's client port, outside the kernel's ephemeral range ${ephemeral[0]}-${ephemeral[1]}, so the program chose it itself`;
	return {...base, detail: `${base.detail}; it is ${why}`};
}

/** Where kernels pick client ports by default: Linux's 32768-60999, and IANA's dynamic range 49152-65535 (Windows, macOS; FreeBSD's 10000-65535 is wider). */
const commonEphemeralRanges: readonly PortRange[] = [
	[32_768, 60_999],
	[49_152, 65_535],
];

/**
 * The port of a client whose connection this machine accepted. Its kernel's range is not ours
 * to know, so a port in any common ephemeral range (or ours) is called ephemeral; one below
 * 1024 is privileged (bindresvport: NFS and rsh clients show they are root with one); any
 * other the client chose. Never named by a services file: a client's port is no service.
 */
function explainRemoteClient(port: number, ephemeral: PortRange | null, isHere: boolean): PortExplanation {
	const end = `port ${port}: the client's end of this connection`;
	if (port < 1024) {
		return explanation(
			port,
			'well-known',
			null,
			`port ${port} (a privileged port, which on most Unix systems only root can bind; NFS and rsh clients use one to show they run as root)`,
			`${end}, below 1024: a privileged port, which on most Unix systems only root can bind (Windows has no such rule); NFS and rsh clients bind one to show the server they run as root; no service runs there`,
		);
	}

	// Only a client on this machine is known to take its ports from this kernel's range (when it is known).
	const ours = isHere ? ephemeral : null;
	const ranges = ours !== null ? [ours] : [...commonEphemeralRanges, ...(ephemeral === null ? [] : [ephemeral])];
	if (ranges.some(range => inRange(port, range))) {
		return explanation(port, 'ephemeral', null, `port ${port} (the client's ephemeral port)`, `${end}, a port its kernel most likely picked; no service runs there`);
	}

	if (ours !== null) {
		return explanation(
			port,
			rangeClass(port),
			null,
			`port ${port} (a port the client chose, outside this machine's ephemeral range)`,
			`${end}, outside this machine's ephemeral range ${ours[0]}-${ours[1]}: the client bound it itself; no service runs there`,
		);
	}

	// Another machine's kernel may pick from a wider range than the usual ones (FreeBSD's is 10000-65535).
	return explanation(
		port,
		rangeClass(port),
		null,
		`port ${port} (the client's port, outside the usual ephemeral ranges)`,
		`${end}, outside the usual ephemeral ranges (${ranges.map(range => `${range[0]}-${range[1]}`).join(', ')}): the client bound it itself, or its system picks client ports from a wider range (FreeBSD's is 10000-65535); no service runs there`,
	);
}

/**
 * Explain one port in words: its services entry (name, aliases, comment as written), else
 * IANA's (marked as such), else for this machine's end of an outgoing connection the
 * ephemeral range, else its range class. Pure: the table and range are handed in.
 *
 * @param port null for the wildcard ('*': not bound, or not connected).
 * @param protocol 'tcp', 'udp', or a socket proto such as 'tcp6' (the table reduces it).
 */
export function explainPort(
	port: number | null,
	protocol: string,
	role: PortRole,
	ctx: ExplainContext,
	/** For 'remote-client': the client runs on this machine (loopback), so only this kernel's range is its. */
	isClientHere = false,
): PortExplanation {
	if (port === null) {
		return {port, class: 'wildcard', service: null, text: 'any port', detail: 'no port: * stands for any'};
	}

	if (role === 'remote-client') {
		return explainRemoteClient(port, ctx.ephemeral, isClientHere);
	}

	const entry = ctx.services.lookup(port, protocol);
	if (role === 'local-client') {
		return explainLocalClient(port, entry, ctx.ephemeral);
	}

	if ((role === 'bound' || role === 'service' || role === 'unknown') && entry === null && ctx.ephemeral !== null && inRange(port, ctx.ephemeral)) {
		// bind() to port 0, or a UDP send before any bind, gets a port from the same range. A client's
		// view of that server port uses the same words, so one port is not named two ways on one screen.
		const range = `${ctx.ephemeral[0]}-${ctx.ephemeral[1]}`;
		return explanation(
			port,
			'ephemeral',
			null,
			`port ${port} (ephemeral range, unnamed)`,
			role === 'bound'
				? `port ${port} has no name and lies in the kernel's ephemeral range ${range}: most likely the kernel picked it (a bind to port 0, or a UDP send before any bind)`
				: role === 'service'
					? `port ${port} has no name and lies in this machine's ephemeral range ${range}: most likely the server's kernel picked it (a bind to port 0, or a listen() before any bind)`
					: `port ${port} has no name and lies in the kernel's ephemeral range ${range}, from which it picks client ports and ports for binds to port 0`,
		);
	}

	return namedOrRange(port, entry);
}
