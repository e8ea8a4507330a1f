import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';

const script = fileURLToPath(new URL('hostile.py', import.meta.url));

/** True when python3 is available to start hostile processes. */
export const hasPython = spawnSync('python3', ['--version']).status === 0;

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/**
 * Names other users can give their processes and sockets, as raw bytes, and the
 * text socktop must show for each instead (control bytes made visible, invalid
 * UTF-8 as U+FFFD). comm keeps 15 bytes, so every name fits in 15. `pathText` is how a
 * unix socket's name with bytes that are not UTF-8 reads (each such byte `\xNN`, as lsof
 * writes it), in the table and in --json alike; the other names read as `visible` there.
 */
export const HOSTILE = {
	osc: {bytes: utf8('\u001b]0;pwned\u0007'), visible: '\\x1b]0;pwned\\x07'},
	cursor: {bytes: utf8('\u001b[2J\u001b[H'), visible: '\\x1b[2J\\x1b[H'},
	c1: {bytes: utf8('\u009b31mc1'), visible: '\\x9b31mc1'},
	rawC1: {bytes: Buffer.from([0x9b, 0x33, 0x31, 0x6d, 0x72]), visible: '\ufffd31mr', pathText: '\\x9b31mr'},
	newline: {bytes: utf8('a\nb\rc\td'), visible: 'a\\nb\\rc\\td'},
	invalid: {bytes: Buffer.from([0x66, 0xff, 0xfe, 0x67]), visible: 'f\ufffd\ufffdg', pathText: 'f\\xff\\xfeg'},
	rtl: {bytes: utf8('\u202eevil'), visible: '\\u202eevil'},
	wide: {bytes: utf8('中文😀'), visible: '中文😀'},
	zeroWidth: {bytes: utf8('a\u200bb\u200dc'), visible: 'a\\u200bb\\u200dc'},
	spaces: {bytes: utf8('two  spaces'), visible: 'two  spaces'},
	// /proc/PID/stat wraps comm in parentheses: a parser splitting at the first ')' misreads every later field.
	paren: {bytes: utf8('a) R 1 (b'), visible: 'a) R 1 (b'},
} as const;

export type HostileVariant = keyof typeof HOSTILE;

type HostileName = {readonly bytes: Buffer; readonly visible: string; readonly pathText?: string};

/** The variant's name as a unix socket's name reads in --json (raw text; invalid UTF-8 as `\xNN`). */
export const pathTextOf = (variant: HostileVariant): string => {
	const name: HostileName = HOSTILE[variant];
	return name.pathText ?? name.bytes.toString('utf8');
};

/** The variant's name as a unix socket's name is shown (the table, the PID view). */
export const visiblePathOf = (variant: HostileVariant): string => {
	const name: HostileName = HOSTILE[variant];
	return name.pathText ?? name.visible;
};
export const HOSTILE_VARIANTS = Object.keys(HOSTILE) as HostileVariant[];

/** Fragments of every hostile process's argv (see hostile.py), as socktop must show them. */
export const HOSTILE_ARGV_VISIBLE = [
	'\\x1b]0;pwned\\x07',
	'\\x1b[2J\\x1b[H',
	'\\x9b31m',
	'line1\\nline2\\rx\\ty',
	'bad\ufffd\ufffdutf8',
	'\\u202eevil',
	'中文😀',
	'zero\\u200bwidth\\u200d\\ufeff',
	'hide\\u2060\\u0600\\u3164\\u{e0041}',
] as const;

export type Hostile = {
	readonly variant: HostileVariant;
	readonly pid: number;
	/** The TCP listener's port on 127.0.0.1; the process also holds a connection to it. */
	readonly port: number;
	readonly clientPort: number;
	/** Full path of the listening unix socket: the directory, then the hostile name + '.s'. */
	readonly path: Buffer;
	/** Ends the process (closing its stdin) and waits for it. */
	stop(): Promise<void>;
};

/**
 * Start a process whose comm is the variant's bytes, whose argv carries every
 * hostile string, holding a TCP listener, a loopback connection and a unix
 * socket bound at `directory`/<variant bytes>.s.
 */
export async function spawnHostile(variant: HostileVariant, directory: string): Promise<Hostile> {
	return {variant, ...(await spawnNamed(HOSTILE[variant].bytes, directory))};
}

/** Start a process named `comm` (and its unix socket `comm`.s), as spawnHostile does a variant. */
export async function spawnNamed(comm: Buffer, directory: string): Promise<Omit<Hostile, 'variant'>> {
	const name = Buffer.concat([comm, utf8('.s')]);
	const child = spawn('python3', [script, comm.toString('hex'), directory, name.toString('hex')], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const line = await firstLine(child);
	const info = JSON.parse(line) as {pid: number; port: number; clientPort: number; path: string};
	const exited = new Promise<void>(resolve => {
		if (child.exitCode !== null || child.signalCode !== null) {
			resolve();
		} else {
			child.once('exit', () => resolve());
		}
	});
	return {
		pid: info.pid,
		port: info.port,
		clientPort: info.clientPort,
		path: Buffer.from(info.path, 'hex'),
		async stop() {
			child.stdin?.end();
			const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
			await exited;
			clearTimeout(timer);
		},
	};
}

/** Start one hostile process per variant. */
export async function spawnAllHostile(directory: string): Promise<Hostile[]> {
	return Promise.all(HOSTILE_VARIANTS.map(async variant => spawnHostile(variant, directory)));
}

async function firstLine(child: ChildProcess): Promise<string> {
	const lines = createInterface({input: child.stdout!});
	return new Promise((resolve, reject) => {
		// Eleven start at once, each execs python3 twice: on two cores at a load of 25-50 that took over 20 s.
		const timer = setTimeout(() => reject(new Error('hostile process did not start within 60 s')), 60_000);
		child.once('error', reject);
		child.once('exit', code => reject(new Error(`hostile process exited early (${code})`)));
		lines.once('line', line => {
			clearTimeout(timer);
			resolve(line);
		});
	});
}
