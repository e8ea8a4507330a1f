import {BACKENDS, type BackendName} from './model/types.js';
import {UserError} from './collect/collector.js';
import {defaultFilters, type Options, type PortRange} from './options.js';
import {parsePortRange, parsePorts, parseProtocols} from './model/filter.js';
import {parseSortOrder} from './model/sort.js';
import {COLUMN_IDS, type ColumnId} from './model/columns.js';
import {parseFdSortOrder} from './model/fd-sort.js';
import {parseTallyColumn} from './model/tally.js';
import {valueFlags} from './argv.js';
import {socketQuery} from './model/text-filter.js';
import {fdQuery} from './model/fd-filter.js';

/**
 * Turn meow's raw flags into validated Options. Pure: the environment comes in
 * as a parameter, so tests drive it without touching process.env.
 */

/** The flags as meow hands them over (every value flag is a string, so we own the messages). */
export type RawFlags = {
	readonly ipv4: boolean;
	readonly ipv6: boolean;
	readonly unix: boolean;
	readonly listening: boolean;
	readonly connected: boolean;
	/** False for --no-loopback (-L): meow reads `--no-X` as X negated, as it does --no-color. */
	readonly loopback: boolean;
	readonly ports: readonly string[];
	readonly protocols: readonly string[];
	readonly pid?: string | undefined;
	readonly user?: string | undefined;
	readonly interval?: string | undefined;
	readonly once: boolean;
	readonly json: boolean;
	readonly quiet: boolean;
	readonly numericUsers: boolean;
	readonly sort?: string | undefined;
	readonly tally?: string | undefined;
	readonly filter?: string | undefined;
	readonly backend?: string | undefined;
	readonly import?: string | undefined;
	readonly services?: string | undefined;
	readonly ephemeral?: string | undefined;
	readonly netns?: string | undefined;
	/** True for --color, false for --no-color, undefined when neither was given. */
	readonly color?: boolean | undefined;
};

/** -d bounds: below 0.1 s a refresh would eat a core at 10k sockets; above an hour it is not "live". */
export const MIN_INTERVAL = 0.1;
export const MAX_INTERVAL = 3600;
const DEFAULT_INTERVAL = 2;

function parseInterval(text: string): number {
	const seconds = Number(text);
	// Plain decimals only, as top -d takes them: Number() alone would read 0x10 as 16 s and 1e1 as 10.
	if (!/^\s*-?(?:\d+\.?\d*|\.\d+)\s*$/.test(text) || !Number.isFinite(seconds)) {
		throw new UserError(`-d: '${text}' is not a plain number of seconds (digits and a point, e.g. 2 or 0.5)`);
	}

	if (seconds < MIN_INTERVAL || seconds > MAX_INTERVAL) {
		throw new UserError(`-d: interval ${text} is out of range (${MIN_INTERVAL} to ${MAX_INTERVAL} seconds)`);
	}

	return seconds;
}

function parsePid(text: string): number {
	const pid = Number(text);
	if (!/^\d+$/.test(text.trim()) || pid < 1 || pid > 2 ** 31 - 1) {
		throw new UserError(`--pid: '${text}' is not a process ID`);
	}

	return pid;
}

/** The highest uid: uid_t is 32 bits, and (uid_t)-1, 4294967295, means "no change" to setuid(2) and chown(2), never an owner. */
const MAX_UID = 2 ** 32 - 2;

/** A name is taken as given (checkUserFilter asks the system); a number must be a uid the kernel can give. */
function parseUser(text: string): string {
	// No account name starts with a dash (useradd refuses one): '-1' is a uid gone wrong.
	if (/^-\d+$/.test(text)) {
		throw new UserError(`--user: '${text}' is not a user ID (a uid is 0 or more)`);
	}

	if (/^\d+$/.test(text) && Number(text) > MAX_UID) {
		throw new UserError(`--user: '${text}' is not a user ID (0 to ${MAX_UID})`);
	}

	return text;
}

/** --ephemeral takes a range: 'abc' is said to be no range, not no port number. */
function parseEphemeral(text: string): PortRange {
	if (!/^\s*\d+\s*-/.test(text)) {
		throw new UserError(`--ephemeral: '${text}' is not a port range (LOW-HIGH, e.g. 32768-60999)`);
	}

	return parsePortRange(text, '--ephemeral');
}

function parseBackend(text: string): BackendName | 'auto' {
	const choices = ['auto', ...BACKENDS.filter(name => name !== 'import')];
	if (!choices.includes(text)) {
		throw new UserError(`--backend: unknown backend '${text}' (use proc, lsof or sockstat)`);
	}

	return text as BackendName | 'auto';
}

/** A value flag's text, refused when blank with argv's `needs ...` message; `flag` is how it is named there. */
function required(text: string | undefined, name: string, flag = `--${name}`): string | undefined {
	if (text !== undefined && text.trim() === '') {
		throw new UserError(`${flag} needs ${valueFlags[name]!}`);
	}

	return text;
}

/**
 * --filter's text, as `/` takes it in the live view (the table's columns; with --pid, the PID
 * view's), refused where the prompt would warn: a value its column does not take (`lport:http`),
 * a name close to a column's (`lpot:443`; quoted, `"lpot:443"` is text). Trimmed.
 */
function parseFilterText(text: string, pid: number | null): string {
	const {hint} = pid === null ? socketQuery(text) : fdQuery(text);
	if (hint !== null) throw new UserError(`--filter: ${hint.replace(/, read as text$/u, '; quote it to match it as text')}`);
	return text.trim();
}

/**
 * --sort's orders: the table's; with --pid, the PID view's (a column it lacks, such as pid, is refused),
 * and the table's too where the table has that column (fd, state, foreign), for when Esc goes to it.
 */
function sortOrders(text: string | undefined, pid: number | null): Pick<Options, 'sort' | 'pidSort'> {
	if (text === undefined) return {sort: null, pidSort: null};
	if (pid === null) return {sort: parseSortOrder(text), pidSort: null};
	const pidSort = parseFdSortOrder(text);
	return {sort: COLUMN_IDS.includes(pidSort.column as ColumnId) ? parseSortOrder(text) : null, pidSort};
}

/** Validate every flag; the first bad one throws a UserError naming it. */
export function parseOptions(flags: RawFlags, env: Readonly<Record<string, string | undefined>>): Options {
	const ports = flags.ports.flatMap(text => parsePorts(text));
	const protocols = flags.protocols.flatMap(text => parseProtocols(text));
	const pidText = required(flags.pid, 'pid');
	const pid = pidText === undefined ? null : parsePid(pidText);
	const userText = required(flags.user, 'user');
	const user = userText === undefined ? null : parseUser(userText);
	const intervalText = required(flags.interval, 'interval', '-d');
	const interval = intervalText === undefined ? DEFAULT_INTERVAL : parseInterval(intervalText);
	const backendText = required(flags.backend, 'backend');
	const importFile = required(flags.import, 'import') ?? null;
	if (importFile !== null && backendText !== undefined) {
		throw new UserError('--import and --backend cannot be combined: an import is its own source');
	}

	const servicesFlag = required(flags.services, 'services');
	const servicesFile =
		servicesFlag ?? (env['SOCKTOP_SERVICES'] === undefined || env['SOCKTOP_SERVICES'] === '' ? null : env['SOCKTOP_SERVICES']);
	const ephemeralText = required(flags.ephemeral, 'ephemeral');
	// Left out, it is '' and resolveNamespaceFilter decides: all for root, host otherwise.
	const netns = required(flags.netns, 'netns') ?? '';
	const sortText = required(flags.sort, 'sort');
	const tallyText = required(flags.tally, 'tally');
	const tally = tallyText === undefined ? null : parseTallyColumn(tallyText);
	// A tally is ordered by count, and counts the table's rows, not a process's fds.
	if (tally !== null && sortText !== undefined) throw new UserError('--tally and --sort cannot be combined: a tally is ordered by count, most first');
	if (tally !== null && pid !== null) throw new UserError("--tally and --pid cannot be combined: a tally counts the table's rows");
	const text = required(flags.filter, 'filter');
	return {
		filters: {
			...defaultFilters,
			ipv4: flags.ipv4,
			ipv6: flags.ipv6,
			unix: flags.unix,
			listening: flags.listening,
			connected: flags.connected,
			noLoopback: !flags.loopback,
			ports,
			protocols: [...new Set(protocols)],
			user,
			netns,
			text: text === undefined ? '' : parseFilterText(text, pid),
		},
		interval,
		once: flags.once,
		json: flags.json,
		quiet: flags.quiet,
		numericUsers: flags.numericUsers,
		...sortOrders(sortText, pid),
		tally,
		pid,
		backend: importFile === null ? (backendText === undefined ? 'auto' : parseBackend(backendText)) : 'import',
		importFile,
		servicesFile,
		servicesFrom: servicesFlag === undefined && servicesFile !== null ? 'SOCKTOP_SERVICES' : '--services',
		ephemeral: ephemeralText === undefined ? null : parseEphemeral(ephemeralText),
		color: flags.color === undefined ? 'auto' : flags.color ? 'always' : 'never',
	};
}
