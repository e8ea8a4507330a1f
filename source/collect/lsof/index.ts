import {hostname} from 'node:os';
import process from 'node:process';
import type {ProcessDetail} from '../../model/process.js';
import {emptySkipped, type Snapshot} from '../../model/types.js';
import type {Collector} from '../collector.js';
import {readProcessIdentity, sendSignal} from '../signal.js';
import {lsofProcessDetail} from './process.js';
import {type RunTool, runTool} from './run-tool.js';
import {parseLsofF} from './sockets.js';

/**
 * -n -P: no DNS or service lookups (slow, and the table explains ports itself).
 * +c 0: whole command names. -F fields: p pid, c command, u uid, L login, R ppid,
 * f fd, t type, a access, P protocol, n name, T TCP info (ST=, QR=, QS=),
 * d device, i inode; 0: NUL-separated.
 */
const baseArgs = ['-n', '-P', '+c', '0', '-F', 'pcuLRftaPnTdi0'] as const;

/**
 * +E: each unix socket's peer (`->INO=59378 8769,node,26u`), and for the PID view the other end
 * of loopback connections and pipes, with those ends' files. Only Linux lsof has it (other
 * dialects refuse the option). On the table's `-i -U`, which reads every process anyway, it
 * costs nothing measurable (405 vs 408 ms at 10,000 TCP and 5,000 unix sockets). On the PID
 * view's `-p PID` it makes lsof read every process too, on each refresh: 31 ms against 10 on a
 * host of 72 processes (1,244 readlink/openat calls against 189), growing with the host; the
 * table's scan running beside it reads them all as well.
 */
const hasPlusE = (platform: NodeJS.Platform): boolean => platform === 'linux';
const endpointArgs = (platform: NodeJS.Platform): readonly string[] => (hasPlusE(platform) ? ['+E'] : []);

export const lsofMissing = (command: string): string =>
	`${command} not found: install it (apt install lsof / brew install lsof) or use --backend proc`;

export type LsofOptions = {
	/** Runs lsof; tests pass a fake that returns captured output. */
	readonly run?: RunTool;
	/** The start token for kill safety; defaults to ps / /proc via readProcessIdentity. */
	readonly readStartToken?: (pid: number) => Promise<string | null>;
	/** Which lsof dialect to expect; defaults to this machine's. */
	readonly platform?: NodeJS.Platform;
};

/** The lsof backend: every inet and unix socket from `lsof -i -U`, every fd of a PID from `lsof -p`. */
export function createLsofCollector(options: LsofOptions = {}): Collector {
	const run = options.run ?? runTool(lsofMissing);
	const platform = options.platform ?? process.platform;
	const readStartToken =
		options.readStartToken ?? (async (pid: number) => (await readProcessIdentity(pid))?.startToken ?? null);
	return {
		name: 'lsof',
		// Live processes of this machine: the kill dialog may signal them.
		identify: readProcessIdentity,
		signal: sendSignal,
		async snapshot(): Promise<Snapshot> {
			const time = Date.now();
			// -i and -U are ORed: inet and unix sockets of every process lsof may see.
			// -w: no warnings about file systems lsof cannot stat.
			const output = await run('lsof', [...baseArgs, '-w', ...endpointArgs(platform), '-i', '-U']);
			const {sockets, malformedLines} = parseLsofF(output.stdout);
			const unreadableTables: string[] = [];
			// Without root lsof silently lists only the caller's own processes.
			if (process.getuid?.() !== 0) {
				unreadableTables.push('lsof lists only your own sockets — run as root');
			}

			const complaint = output.stderr.trim().split('\n')[0];
			if (output.code !== 0 && output.stdout === '' && complaint) {
				unreadableTables.push(complaint);
			}

			return {
				time,
				hostname: hostname(),
				backend: 'lsof',
				sockets,
				skipped: {...emptySkipped, malformedLines, unreadableTables},
			};
		},
		async process(pid: number): Promise<ProcessDetail> {
			const time = Date.now();
			// Not -w here: with it lsof drops the 'Permission denied' entries that say why nothing is listed.
			const [output, startToken] = await Promise.all([
				run('lsof', [...baseArgs, ...endpointArgs(platform), '-p', String(pid)]),
				readStartToken(pid),
			]);
			return lsofProcessDetail(output.stdout, pid, time, startToken, hasPlusE(platform));
		},
	};
}
