/**
 * The command line as words, before meow reads it: sockstat-style short groups rewritten
 * (normalizeArgv), and the mistakes meow would pass over or report in its own way (an
 * unknown flag, a value left out, a value flag given twice) found, as one message each.
 * What the values mean is parse-options.ts's.
 */

/** Short flags that take no value; `-46l` expands to each (sockstat's usage). */
const booleanShort: Readonly<Record<string, string>> = {
	'4': '--ipv4',
	'6': '--ipv6',
	u: '--unix',
	l: '--listening',
	c: '--connected',
	L: '--no-loopback',
	q: '--quiet',
	n: '--numeric-users',
	h: '--help',
};

/**
 * sockstat letters that socktop has no use for, taken and dropped so that `sockstat -4ls`
 * habits work: -s shows the state (socktop always does), -w widens columns (socktop's
 * table is as wide as its cells; the live view fits the terminal).
 */
const ignoredShort = new Set(['s', 'w']);

/** Long flags that take a value, and what that value is (for "needs ..." messages). */
export const valueFlags: Readonly<Record<string, string>> = {
	ports: 'a port list (e.g. 22,80,8000-8100)',
	protocols: 'a protocol list (e.g. tcp,udp)',
	pid: 'a process ID',
	user: 'a user name or UID',
	interval: 'a number of seconds',
	backend: 'proc, lsof or sockstat',
	import: 'a file name (or - for stdin)',
	services: 'a file name',
	ephemeral: 'a port range LOW-HIGH',
	netns: 'all, host or a namespace name',
	sort: 'a column (e.g. pid, or -pid for descending)',
	tally: 'a column to count by (e.g. foreign)',
	filter: 'the / filter\'s text (e.g. "state:listen lport:22")',
};

/** Short flags that take a value: `-p 22`, `-p22`, `-lp 22`. */
const valueShort: Readonly<Record<string, string>> = {p: 'ports', P: 'protocols', d: 'interval'};

/** Flags that take the next word as their value, so it is not rewritten. */
const takesValue = new Set([
	...Object.keys(valueFlags).map(name => `--${name}`),
	...Object.keys(valueShort).map(letter => `-${letter}`),
]);

/** `--once`, `--json=x`: a long flag socktop knows, which is never a missing value's stand-in. */
const isKnownLongFlag = (word: string): boolean =>
	word.startsWith('--') && LONG_FLAGS.has(word.slice(2).split('=')[0] ?? '');

/**
 * One word of argv rewritten for yargs: a short group's letters as long flags, up to a
 * value flag, which keeps the rest of the word as its value (`-lp22` → `--listening -p=22`).
 * `waiting` is a value flag left without a value, which takes the next word.
 */
function expandWord(word: string): {readonly words: string[]; readonly waiting: boolean} {
	if (!/^-[^-]/.test(word)) {
		return {words: [word], waiting: takesValue.has(word)};
	}

	const words: string[] = [];
	for (const [index, letter] of [...word.slice(1)].entries()) {
		if (Object.hasOwn(valueShort, letter)) {
			const rest = word.slice(index + 2);
			if (rest === '') {
				return {words: [...words, `-${letter}`], waiting: true};
			}

			// yargs reads `-Ptcp` as -P -t -c -p and `-p22,80` as -p -2 -2: give it `-P=tcp`.
			return {words: [...words, `-${letter}=${rest.replace(/^=/, '')}`], waiting: false};
		}

		if (ignoredShort.has(letter)) {
			continue;
		}

		if (!Object.hasOwn(booleanShort, letter)) {
			// Left whole, for findUnknownFlag to name the letter.
			return {words: [word], waiting: false};
		}

		words.push(booleanShort[letter]!);
	}

	return {words, waiting: false};
}

/**
 * yargs-parser reads `-4` and `-6` as negative numbers, not flags, and splits
 * `-Ptcp` into letters. Rewrite sockstat-style short groups (`-4`, `-46lu`,
 * `-lp22`) before meow sees them, and join every value to its flag
 * (`--import=-`, `-d=-1`), so yargs never takes a value for a flag or a flag
 * for a value. A value flag followed by nothing, `--` or another long flag
 * socktop knows is left bare, for findFlagMistake to report.
 */
export function normalizeArgv(argv: readonly string[]): string[] {
	const result: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const word = argv[index]!;
		if (word === '--') {
			result.push(...argv.slice(index));
			break;
		}

		const {words, waiting} = expandWord(word);
		result.push(...words);
		const next = argv[index + 1];
		if (waiting && next !== undefined && next !== '--' && !isKnownLongFlag(next)) {
			result.push(`${result.pop()!}=${next}`);
			index++;
		}
	}

	return result;
}

/**
 * Normalized argv for yargs, which takes one pair of quotes off a string flag's value after '=':
 * --filter's `"lport:443"` became lport:443, a column, where quoted it is text. Its value gets one more pair.
 */
export const keepingQuotes = (argv: readonly string[]): string[] =>
	argv.map((word, index) => {
		const {value, name} = splitWord(word);
		const quote = value?.[0];
		const isQuoted = name === 'filter' && (quote === '"' || quote === "'") && value!.endsWith(quote) && !argv.slice(0, index).includes('--');
		return isQuoted ? `--filter=${quote}${value!}${quote}` : word;
	});

/**
 * A word of normalized argv: the flag, its value after '=' (undefined without one), and the
 * long name it is or stands for (`-p` is ports; undefined for a short switch).
 */
function splitWord(word: string): {readonly flag: string; readonly value: string | undefined; readonly name: string | undefined} {
	const equals = word.indexOf('=');
	const flag = equals === -1 ? word : word.slice(0, equals);
	const letter = flag.slice(1);
	return {
		flag,
		value: equals === -1 ? undefined : word.slice(equals + 1),
		name: flag.startsWith('--') ? flag.slice(2) : Object.hasOwn(valueShort, letter) ? valueShort[letter] : undefined,
	};
}

/** Long flags that are switches: `--once=yes` is a mistake, not a way to say `--once`. */
const switchFlags = new Set(['ipv4', 'ipv6', 'unix', 'listening', 'connected', 'no-loopback', 'once', 'json', 'quiet', 'numeric-users', 'color', 'no-color', 'help', 'version']);

/**
 * The first flag of normalized argv (normalizeArgv) left without a value or given
 * an empty one (`-p`, `-lp`, `--ports=`), or a switch given one (`--once=yes`), as a
 * message; null when there is none. yargs would drop the first silently (an empty
 * list filters nothing) and read `--once=yes` as false.
 */
export function findFlagMistake(argv: readonly string[]): string | null {
	for (const word of argv) {
		if (word === '--') {
			return null;
		}

		const {flag, value, name} = splitWord(word);
		if (name !== undefined && Object.hasOwn(valueFlags, name) && (value === undefined || value === '')) {
			return `${flag} needs ${valueFlags[name]!}`;
		}

		if (flag.startsWith('--') && switchFlags.has(flag.slice(2)) && value !== undefined) {
			return `${flag} takes no value (got '${value}')`;
		}
	}

	return null;
}

/** Value flags that add up when repeated (`-p 22 -p 80` is `-p 22,80`), as lists do; every other value flag takes one value. */
const listFlags = new Set(['ports', 'protocols']);

/**
 * The first value flag of normalized argv (normalizeArgv) given a second time, as a message;
 * null when there is none. One rule for all of them (`--user a --user b`, `-d 1 --interval 2`,
 * `--pid 1 --pid 1`): refused, even with the same value, since which one was meant is a guess.
 * Switches may repeat (`-l -4l`, sockstat habits), and -p and -P add up.
 */
export function findRepeatedFlag(argv: readonly string[]): string | null {
	const seen = new Map<string, {readonly flag: string; readonly value: string}>();
	for (const word of argv) {
		if (word === '--') return null;
		const {flag, value, name} = splitWord(word);
		if (value === undefined) continue;
		if (name === undefined || !Object.hasOwn(valueFlags, name) || listFlags.has(name)) continue;
		const first = seen.get(name);
		if (first === undefined) {
			seen.set(name, {flag, value});
			continue;
		}

		const named = first.flag === flag ? flag : `${first.flag} (${flag})`;
		return `${named} given twice ('${first.value}', then '${value}'): it takes one value`;
	}

	return null;
}

/**
 * argv without --color and --no-color. chalk (in Ink) reads them from process.argv
 * itself, and on --no-color drops every attribute, the selection's inverse with the
 * colours; the theme already keeps the meaning in bold, dim and inverse, as for NO_COLOR.
 */
export function withoutColorFlags(argv: readonly string[]): string[] {
	const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
	return argv.filter((word, index) => index >= end || (word !== '--color' && word !== '--no-color'));
}

/** Long flag names meow knows (kebab-case, as typed). */
export const LONG_FLAGS = new Set([
	'ipv4',
	'ipv6',
	'unix',
	'listening',
	'connected',
	// Only the negative: showing loopback is the default, so `--loopback` is no flag.
	'no-loopback',
	'ports',
	'protocols',
	'pid',
	'user',
	'interval',
	'once',
	'json',
	'quiet',
	'numeric-users',
	'backend',
	'import',
	'services',
	'ephemeral',
	'netns',
	'sort',
	'tally',
	'filter',
	'color',
	'no-color',
	'help',
	'version',
]);

/**
 * The first word of argv that is not a flag socktop knows, or null. meow's own
 * check prints several lines and exits by itself; we want one `socktop:` line.
 */
export function findUnknownFlag(argv: readonly string[]): string | null {
	let isValueNext = false;
	for (const word of argv) {
		if (word === '--') {
			return null;
		}

		if (isValueNext) {
			isValueNext = false;
			continue;
		}

		if (word.startsWith('--')) {
			const name = word.slice(2).split('=')[0] ?? '';
			if (!LONG_FLAGS.has(name)) {
				return word.split('=')[0] ?? word;
			}

			isValueNext = !word.includes('=') && takesValue.has(`--${name}`);
		} else if (word.startsWith('-') && word.length > 1) {
			for (const [index, letter] of [...word.slice(1)].entries()) {
				if (Object.hasOwn(valueShort, letter)) {
					// `-p22` carries its value; `-p 22` takes the next word.
					isValueNext = index === word.length - 2;
					break;
				}

				if (!Object.hasOwn(booleanShort, letter) && !ignoredShort.has(letter)) {
					// `-l-p`: the word, not `--`, which is no flag anyone typed.
					return letter === '-' ? word : `-${letter}`;
				}
			}
		}
	}

	return null;
}

/** What a switch some other tool gives a value means here, and the flag that takes that value. */
const STRAY_AFTER: Readonly<Record<string, (value: string) => string>> = {
	u: value => `-u is unix sockets; a user is --user ${value}`,
	n: value => `-n shows uids; a network namespace is --netns ${value}`,
};

/**
 * Why a word was left over, where the switch before it takes a value in other tools (ps's and
 * pgrep's `-u root`, ip's `-n NAME`): '-u is unix sockets; a user is --user root'; null otherwise.
 */
export function strayArgumentHint(argv: readonly string[], stray: string): string | null {
	const index = argv.indexOf(stray);
	const before = index < 1 ? undefined : argv[index - 1]!;
	const letter = before === undefined ? undefined : before === '--unix' ? 'u' : before === '--numeric-users' ? 'n' : /^-[^-]*([un])$/.exec(before)?.[1];
	return letter === undefined ? null : STRAY_AFTER[letter]!(stray);
}
