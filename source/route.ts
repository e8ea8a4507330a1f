import process from 'node:process';
import {exitLeavingTerminal, HANGUP_EXIT} from './hangup.js';
import type {Options} from './options.js';
import type {Collector} from './collect/collector.js';
import {createCollector} from './collect/index.js';
import {stopRunningTools} from './collect/run-to-files.js';
import {printProcess, printSnapshot, type OneShotIo} from './once.js';
import type {PidRequest} from './format/pid.js';
import {checkServicesFile} from './services/load.js';
import {createServiceTable, type LoadedServiceTable} from './services/table.js';
import type {IpProtocolTable} from './services/ip-protocol-table.js';
import type {ThreadOwner} from './model/thread.js';
import {checkUserFilter} from './collect/user-exists.js';
import {checkNamespaceFilter} from './collect/netns-filter.js';
import {ownUser} from './collect/own-user.js';
import {isForegroundJob} from './collect/tty.js';
import {handleEndingSignals, signalOfExitCode} from './terminal.js';
import {flushed} from './unblocked-output.js';
import {isUtf8Locale} from './glyphs.js';

/**
 * What the command line asks for, after validation:
 * --json or --once, or stdout not a terminal (a pipe, a file, TERM=dumb): print once;
 * otherwise the live view. `pid` is --pid N, which prints or opens the PID view.
 */
function isInteractive(env: Readonly<Record<string, string | undefined>>, isStdoutTty: boolean): boolean {
	return isStdoutTty && env['TERM'] !== 'dumb';
}

/**
 * While a one-shot run (or the setup before the live view) waits for a tool: a signal stops
 * the tool (a child does not die with socktop, so `timeout 5 socktop --once` would leave a
 * hung lsof behind, and Ctrl-C reaches only a tool that does not ignore SIGINT), then socktop
 * dies of that signal, as it would have without this handler. Returns the remover.
 */
function stopToolsOnSignals(): () => void {
	const remove = handleEndingSignals(process, signal => {
		void stopRunningTools().then(() => {
			remove();
			process.kill(process.pid, signal);
		});
	});
	return remove;
}

/**
 * The live view has ended (q, a signal, a crash; the terminal is restored): exit now with
 * `code`. A scan may still be waiting for its tool (lsof hangs on a dead NFS mount), and
 * nothing should keep socktop alive until it returns: the tool is stopped, then socktop exits.
 */
async function exitNow(code: number): Promise<never> {
	// The live view writes without blocking: what the terminal has not read yet (the restored screen) is given
	// its time, unless the terminal is gone.
	await Promise.all([stopRunningTools(), code === HANGUP_EXIT ? undefined : flushed(process.stdout)]);
	// Ended as a background job (`kill %1` on socktop stopped with Ctrl-Z): the shell took the
	// terminal back when socktop stopped, and Node's exit would set its mode once more (libuv
	// undoes raw mode), which stops a background job (SIGTTOU) for good. Die of the signal instead,
	// touching nothing, as the shell expects of a job it killed.
	const signal = signalOfExitCode(code);
	if (signal !== null && isForegroundJob() === false) {
		process.removeAllListeners(signal);
		process.kill(process.pid, signal);
	}

	// After a hangup the terminal is gone, and in the background (stuck there) it is the shell's: exit without touching it (see hangup.ts).
	if (code === HANGUP_EXIT || isForegroundJob() === false) exitLeavingTerminal(code);
	process.exit(code);
}

/** This machine's IP protocol names, read from /etc/protocols (its own chunk: only some captures need it). */
async function loadIpProtocols(): Promise<IpProtocolTable> {
	const {loadIpProtocolTable} = await import('./services/ip-protocol-table.js');
	return loadIpProtocolTable();
}

/**
 * Run what the options ask for; resolves to the exit code. `createServices` makes the
 * services table and `ipProtocols` reads /etc/protocols (tests pass ones that count their calls).
 */
export async function route(given: Options, createServices = createServiceTable, ipProtocols = loadIpProtocols): Promise<number> {
	let options = given;
	const {pid} = options;
	const removeSignalHandlers = stopToolsOnSignals();
	// One table for the whole run, made when first asked for and read on first use: a capture's
	// port names, --pid's explanations and the live view share one load (a --services pipe can be
	// read only once). A plain --once of this host never asks. A --services FIFO's wait for its
	// writer is told on stderr, as --import's, but not once the live view has the screen.
	let table: LoadedServiceTable | undefined;
	let isLive = false;
	const services = (): LoadedServiceTable => (table ??= createServices({file: options.servicesFile, stderr: () => (isLive ? null : process.stderr)}));
	let collector: Collector;
	let thread: ThreadOwner | null;
	let request: PidRequest;
	try {
		await checkServicesFile(options.servicesFile, options.servicesFrom);
		// A capture's user names come from another machine: no local account need match them.
		if (options.importFile === null) await checkUserFilter(options.filters.user);
		// Asked only when a capture's lines name their ports: a numeric capture needs neither.
		collector = await createCollector(options, {services: {portNames: async () => services().portNames()}, ipProtocols});
		// Before the live view too: a missing lsof or sockstat would otherwise be a live view
		// retrying it forever, and a mistyped --netns an empty table.
		await collector.checkTool?.();
		// An inode spelled as another tool prints it is filtered by the label the rows carry.
		options = {...options, filters: {...options.filters, netns: await checkNamespaceFilter(options.filters.netns, collector)}};
		const io: OneShotIo = {
			stdout: process.stdout,
			stderr: process.stderr,
			isStdoutTty: process.stdout.isTTY === true,
			isStderrTty: process.stderr.isTTY === true,
			isRoot: process.getuid?.() === 0,
			ownUser: ownUser(options.filters.user),
			isAsciiLocale: !isUtf8Locale(process.env),
		};
		// --pid TID (from top -H, a log line): the view is its process's, and says so.
		thread = pid === null ? null : ((await collector.threadOwner?.(pid)) ?? null);
		// The socket filters narrow a --pid view's fds too, as lsof -a -p N -i: see model/pid-filter.ts.
		request = {thread, filters: options.filters, sort: options.pidSort};
		const isOneShot = options.json || options.once || !isInteractive(process.env, io.isStdoutTty);
		if (isOneShot) {
			return await (pid === null ? printSnapshot(options, collector, io, services) : printProcess(options, collector, thread?.pid ?? pid, io, services(), request));
		}
	} finally {
		// The live view handles the signals itself: it restores the terminal first.
		removeSignalHandlers();
	}

	const {processIo, runLive} = await import('./app.js');
	isLive = true;
	// --filter's text with --pid is the PID view's (its fd columns, request's), not the table's that Esc may go back to.
	const filters = pid === null ? options.filters : {...options.filters, text: ''};
	return exitNow(await runLive({...options, filters, pid: thread?.pid ?? pid}, collector, processIo(services()), request));
}
