import process from 'node:process';
import type {Options} from './options.js';
import {createCollector} from './collect/index.js';
import {printProcess, printSnapshot, type OneShotIo} from './once.js';
import {checkServicesFile} from './services/load.js';
import {checkUserFilter} from './collect/user-exists.js';

/**
 * What the command line asks for, after validation:
 * --json or --once, or stdout not a terminal (a pipe, a file, TERM=dumb): print once;
 * otherwise the live view. `pid` is --pid N, which prints or opens the PID view.
 */
export function isInteractive(env: Readonly<Record<string, string | undefined>>, isStdoutTty: boolean): boolean {
	return isStdoutTty && env['TERM'] !== 'dumb';
}

/** Run what the options ask for; resolves to the exit code. */
export async function route(options: Options, pid: number | null): Promise<number> {
	await checkServicesFile(options.servicesFile, options.servicesFrom);
	// A capture's user names come from another machine: no local account need match them.
	if (options.importFile === null) await checkUserFilter(options.filters.user);
	const collector = await createCollector(options);
	const io: OneShotIo = {
		stdout: process.stdout,
		stderr: process.stderr,
		isStdoutTty: process.stdout.isTTY === true,
		isStderrTty: process.stderr.isTTY === true,
		isRoot: process.getuid?.() === 0,
	};
	const isOneShot = options.json || options.once || !isInteractive(process.env, io.isStdoutTty);
	if (isOneShot) {
		return pid === null ? printSnapshot(options, collector, io) : printProcess(options, collector, pid, io);
	}

	const {runLive} = await import('./app.js');
	// --pid opens that PID's view; Esc then shows the whole table (no filter that no key could clear).
	return runLive({...options, filters: {...options.filters, pid: null}, pidView: pid}, collector);
}
