import {execFile} from 'node:child_process';
import {access, constants, readFile, stat} from 'node:fs/promises';
import {platform} from 'node:os';
import {promisify} from 'node:util';
import {UserError} from '../collect/collector.js';
import {errorCode, FIFO_NOTICE_MS, fifoWait, mebibytes, readFailure, readFileUpTo, type Telling} from '../collect/read-limited.js';
import {toolEnvironment} from '../collect/tool-path.js';
import type {PortRange} from '../options.js';

/** The services file every Unix has, except minimal containers. */
const defaultServicesFile = '/etc/services';

/** Linux's ephemeral range (per network namespace; it also governs IPv6). */
export const linuxPortRangeFile = '/proc/sys/net/ipv4/ip_local_port_range';

/**
 * The most of a services file read. Debian's is 12 KB, Fedora's (all of IANA's names)
 * 700 KB; past this it is no services file (`--services /dev/zero`, an endless pipe).
 */
const SERVICES_LIMIT_BYTES = 16 * 1024 * 1024;

const tooLarge = (file: string, limit: number): string =>
	`cannot read services file ${file}: it is over ${mebibytes(limit)}, larger than any services file`;

/** The path read and its text; null when the default file is absent. */
export type ServicesText = {readonly path: string; readonly text: string};

/**
 * Read the services file: `file`, or `defaultFile` (/etc/services) when null.
 *
 * A file the user named (`--services`, SOCKTOP_SERVICES) must exist: its absence is a
 * UserError. The default may be missing or unreadable (Alpine and distroless images ship
 * none), which is normal: the result is null and the IANA registry answers alone. A named FIFO
 * waits for its writer, as `--import`'s does, and says so on `stderr()`, or to `screen` where that is null (fifoWait).
 */
export async function readServicesText(
	file: string | null,
	defaultFile: string = defaultServicesFile,
	limit: number = SERVICES_LIMIT_BYTES,
	stderr: () => Telling | null = () => null,
	fifoNoticeMs = FIFO_NOTICE_MS,
	screen?: (line: string) => void,
): Promise<ServicesText | null> {
	const path = file ?? defaultFile;
	let bytes: Buffer | null;
	try {
		bytes = await readFileUpTo(path, limit, await fifoWait(path, 'cat /etc/services', stderr, fifoNoticeMs, screen));
	} catch (error) {
		if (file === null) {
			return null;
		}

		throw new UserError(
			errorCode(error) === 'ENOENT' ? `services file not found: ${file}` : `cannot read services file ${file}: ${readFailure(error)}`,
		);
	}

	if (bytes === null) {
		if (file === null) return null;
		throw new UserError(tooLarge(file, limit));
	}

	return {path, text: bytes.toString('utf8')};
}

/** Where getprotobyname(3) reads IP protocol names (glibc, FreeBSD); minimal containers have none. */
export const defaultProtocolsFile = '/etc/protocols';

/** The most of a protocols file read: netbase's is 3 KB, FreeBSD's 6 KB; past this it is none. */
const PROTOCOLS_LIMIT_BYTES = 1024 * 1024;

/**
 * Read the protocols file, or say why it could not be: `{path, reason: 'no such file'}` in a
 * container that ships none. Never rejects: without the file only names go unread.
 */
export async function readProtocolsText(
	file: string = defaultProtocolsFile,
	limit: number = PROTOCOLS_LIMIT_BYTES,
): Promise<{readonly path: string; readonly text: string} | {readonly path: string; readonly reason: string}> {
	try {
		const bytes = await readFileUpTo(file, limit);
		return bytes === null ? {path: file, reason: `over ${mebibytes(limit)}, larger than any protocols file`} : {path: file, text: bytes.toString('utf8')};
	} catch (error) {
		return {path: file, reason: readFailure(error)};
	}
}

/**
 * Parse `32768\t60999\n` (Linux's ip_local_port_range) or `10000\n65535\n` (FreeBSD's and
 * macOS's `sysctl -n net.inet.ip.portrange.first net.inet.ip.portrange.last`).
 */
export function parsePortRange(text: string): PortRange | null {
	const numbers = text.trim().split(/\s+/u).map(Number);
	const [low, high] = numbers;
	if (numbers.length !== 2 || low === undefined || high === undefined) {
		return null;
	}

	const isPort = (n: number) => Number.isInteger(n) && n >= 0 && n <= 65_535;
	return isPort(low) && isPort(high) && low <= high ? [low, high] : null;
}

const execFileText = promisify(execFile);

/**
 * The range the kernel picks client ports from, or null where it cannot be read.
 * Linux: /proc/sys/net/ipv4/ip_local_port_range (default 32768-60999).
 * FreeBSD and macOS: sysctl net.inet.ip.portrange.first/last (FreeBSD 10000-65535 today,
 * 49152-65535 in mid-2000s releases, 1024-5000 in 2001; macOS 49152-65535).
 */
export async function readEphemeralRange(): Promise<PortRange | null> {
	const os = platform();
	try {
		if (os === 'linux') {
			return parsePortRange(await readFile(linuxPortRangeFile, 'utf8'));
		}

		// OpenBSD (net.inet.ip.porthifirst) and NetBSD (anonportmin) name theirs differently.
		if (os === 'freebsd' || os === 'darwin') {
			const {stdout} = await execFileText(
				'sysctl',
				['-n', 'net.inet.ip.portrange.first', 'net.inet.ip.portrange.last'],
				{timeout: 2000, env: toolEnvironment()},
			);
			return parsePortRange(stdout);
		}
	} catch {
		// No /proc (a chroot), no sysctl binary, or the OIDs differ: explain without the range.
	}

	return null;
}

/** How long Linux keeps an orphaned FIN_WAIT2 socket, in seconds (services/close-reasons.ts says it). */
const finTimeoutFile = '/proc/sys/net/ipv4/tcp_fin_timeout';

/** net.ipv4.tcp_fin_timeout, or null off Linux, for a capture (another machine's), or where it cannot be read. */
export async function readFinTimeout(opts: {readonly importFile: string | null}): Promise<number | null> {
	if (opts.importFile !== null || platform() !== 'linux') return null;
	const seconds = Number.parseInt(await readFile(finTimeoutFile, 'utf8').catch(() => ''), 10);
	return Number.isNaN(seconds) ? null : seconds;
}

/**
 * The range to explain ports with: `--ephemeral` when given; none for `--import` (the capture
 * came from another machine, whose range this one's says nothing about); else this kernel's.
 */
export async function resolveEphemeralRange(opts: {
	readonly ephemeral: PortRange | null;
	readonly importFile: string | null;
}): Promise<PortRange | null> {
	if (opts.ephemeral !== null) {
		return opts.ephemeral;
	}

	return opts.importFile === null ? readEphemeralRange() : null;
}

/** Where each platform sets its ephemeral range (readEphemeralRange reads it there). */
const rangeSettings: Partial<Record<NodeJS.Platform, string>> = {
	linux: 'net.ipv4.ip_local_port_range',
	darwin: 'net.inet.ip.portrange.first/last',
	freebsd: 'net.inet.ip.portrange.first/last',
};

/**
 * The setting resolveEphemeralRange's range comes from, for the words that explain it: this
 * system's sysctl when the range is read from it; null when `--ephemeral` gave it, for
 * `--import` (a capture's range is another machine's), or on a platform without one.
 */
export function ephemeralSettingOf(opts: {readonly ephemeral: PortRange | null; readonly importFile: string | null}, os: NodeJS.Platform = platform()): string | null {
	return opts.ephemeral === null && opts.importFile === null ? (rangeSettings[os] ?? null) : null;
}

/**
 * Check that a `--services` file the user named can be read. It is read lazily, long
 * after the live view has taken the screen; checked first, a typo is one line on the
 * shell instead (UserError, exit 2). Null (no file named) passes. `from` names the flag
 * or the variable (SOCKTOP_SERVICES) that gave the file, so the message points at it.
 */
export async function checkServicesFile(file: string | null, from = '--services'): Promise<void> {
	if (file === null) {
		return;
	}

	const named = from.startsWith('-') ? `${from} ${file}` : `${from}=${file}`;
	try {
		await access(file, constants.R_OK);
	} catch (error) {
		throw new UserError(`${named}: ${readFailure(error)}`);
	}

	// Readable, but a directory or a file too large fails only when a port is first explained:
	// say it now. (A pipe, `--services <(...)`, or a device is not read here: that would use it up.)
	const stats = await stat(file);
	if (stats.isDirectory()) {
		throw new UserError(`${named}: is a directory`);
	}

	if (stats.isFile() && stats.size > SERVICES_LIMIT_BYTES) {
		throw new UserError(`${named}: over ${mebibytes(SERVICES_LIMIT_BYTES)}, larger than any services file`);
	}
}
