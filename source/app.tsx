import process from 'node:process';
import chalk from 'chalk';
import {render} from 'ink';
import {type Collector, UserError} from './collect/collector.js';
import {isForegroundJob, isPseudoTerminal, openControllingTerminal} from './collect/tty.js';
import {ownUser} from './collect/own-user.js';
import {LiveView} from './components/live-view.js';
import type {ScreenSaying} from './hooks/use-screen-message.js';
import type {Options} from './options.js';
import {resolveNamespaceFilter} from './model/netns.js';
import {ephemeralSettingOf, readFinTimeout, resolveEphemeralRange} from './services/index.js';
import type {ServiceTable} from './services/types.js';
import type {PidRequest} from './format/pid.js';
import {canShiftLines} from './frame-scroll.js';
import {createFrameWriter, frameStream} from './frame-writer.js';
import {withMethods} from './method-proxy.js';
import {isUtf8Locale, toAsciiGlyphs} from './glyphs.js';
import {createPasteFilter, type PasteFilter} from './paste.js';
import {splitEscapes} from './escape-keys.js';
import {nameFunctionKeys} from './function-keys.js';
import {handleJobControl, noJobControl, STUCK_IN_BACKGROUND} from './job-control.js';
import {describeCrash, enterScreen, EXIT_CODES, handleExits, type ProcessEvents, type TerminalStreams} from './terminal.js';
import {createTheme, isColorAllowed} from './theme.js';
import {unblockedWrites} from './unblocked-output.js';

/** The OS pieces runLive touches; tests and the stress harness may pass their own. */
export type LiveIo = {
	readonly stdout: NodeJS.WriteStream;
	readonly stdin: NodeJS.ReadStream;
	readonly stderr: Pick<NodeJS.WriteStream, 'write'>;
	readonly events: ProcessEvents;
	readonly env: NodeJS.ProcessEnv;
	/** Decides what an unset --netns shows (all for root, the host's otherwise); default: this process's uid. */
	readonly isRoot?: boolean;
	/** The keyboard when stdin is not one (a pipe: `ss -tunap | socktop --import -`); default: /dev/tty. */
	readonly openTerminal?: () => NodeJS.ReadStream | null;
	/**
	 * The run's services table, which the views explain ports with: the caller's, so that a
	 * capture's port names and the views share one load (a --services pipe can be read once).
	 */
	readonly services: ServiceTable;
};

/** This process's streams, signals and environment, with the run's services table. */
export const processIo = (services: ServiceTable): LiveIo => ({
	stdout: process.stdout,
	stdin: process.stdin,
	stderr: process.stderr,
	events: process,
	env: process.env,
	services,
});

/**
 * Pass what Ink reads from `stdin` (it calls read() on 'readable') through the paste filter,
 * then `decode`. What the paste filter holds (a paste, or a marker's start, a read ended in)
 * is let go of once no read came for its time, as the next read Ink is told of. Returns the
 * function that puts read() back.
 */
function filterReads(stdin: NodeJS.ReadStream, paste: PasteFilter, decode: (chunk: string) => string): () => void {
	const read = stdin.read;
	let flushed = '';
	let timer: NodeJS.Timeout | undefined;
	const waitForMore = () => {
		clearTimeout(timer);
		const wait = paste.heldFor();
		if (wait === null) return;
		timer = setTimeout(() => {
			flushed += paste.flush();
			if (flushed !== '') stdin.emit('readable');
		}, wait);
	};

	stdin.read = function (this: NodeJS.ReadStream, ...args: Parameters<NodeJS.ReadStream['read']>) {
		if (flushed !== '') {
			const text = flushed;
			flushed = '';
			return decode(text);
		}

		const chunk: unknown = read.apply(this, args);
		if (chunk === null || chunk === undefined) return chunk;
		const text = decode(paste(typeof chunk === 'string' ? chunk : String(chunk)));
		waitForMore();
		return text;
	} as NodeJS.ReadStream['read'];
	return () => {
		clearTimeout(timer);
		stdin.read = read;
	};
}

/**
 * Run the full-screen live view until the user quits or a signal ends it;
 * resolves to the exit code: 0 for q, 130 for Ctrl-C or SIGINT, 131 for SIGQUIT, 143 for
 * SIGTERM, 129 for SIGHUP, 1 for a crash. On every one of those paths the
 * terminal is back to normal (main screen, cursor, cooked mode) before it
 * resolves. Throws UserError when stdin is not a terminal. `pidRequest`: what the PID view of
 * --pid says besides its process (the thread asked for).
 */
export async function runLive(options: Options, collector: Collector, io: LiveIo, pidRequest: PidRequest = {}): Promise<number> {
	// Keys come from stdin, or where it is a pipe (a capture piped in), from the terminal itself.
	const ownKeyboard = io.stdin.isTTY === true ? null : (io.openTerminal ?? openControllingTerminal)();
	if (io.stdin.isTTY !== true && ownKeyboard === null) {
		// Ink cannot put a pipe into raw mode; say so instead of crashing into a stack trace.
		throw new UserError('the live view reads keys from a terminal, but stdin is not one and there is no /dev/tty (use --once to print the table)');
	}

	const keyboard = ownKeyboard ?? io.stdin;

	// An import's ports are explained with --ephemeral or no range: this machine's says nothing about the capture's.
	const [ephemeral, finTimeout] = await Promise.all([resolveEphemeralRange(options).catch(() => null), readFinTimeout(options)]);
	const isRoot = io.isRoot ?? process.getuid?.() === 0;
	// Read once: it reads /proc/self/ns/net, /proc/1/ns/net and /run/netns.
	const ownNamespace = collector.ownNamespace?.();
	const filters = {...options.filters, netns: resolveNamespaceFilter(options.filters.netns, isRoot, ownNamespace)};
	// What an unset --netns means: no filter the user set.
	const defaultNetns = resolveNamespaceFilter('', isRoot, ownNamespace);
	const theme = createTheme(isColorAllowed(io.env, options.color), !isUtf8Locale(io.env));
	// Inverse, bold and dim carry meaning (the selection, new and gone rows) and every terminal
	// the live view runs on has them; chalk (Ink's) would drop them with the colours for
	// FORCE_COLOR=0 or a TERM it does not know. Colours themselves are the theme's choice.
	chalk.level = Math.max(chalk.level, 1) as typeof chalk.level;
	const streams: TerminalStreams = {stdout: io.stdout, stdin: keyboard};

	return new Promise<number>(resolve => {
		let isDone = false;
		let instance: ReturnType<typeof render> | null = null;
		// Started in the background (`socktop &`): the screen waits for `fg` (see handleJobControl).
		const isBackground = isForegroundJob() === false;
		const screen = enterScreen(streams, isBackground);

		const finish = (code: number, error?: unknown) => {
			if (isDone) {
				return;
			}

			isDone = true;
			try {
				instance?.unmount();
			} catch {
				// Unmounting a broken tree may throw; the screen is restored below all the same.
			}

			screen.restore();
			restoreRead();
			// Our own /dev/tty stream would keep the process alive.
			ownKeyboard?.destroy();
			jobControl.remove();
			io.stdout.off('error', onTerminalGone);
			keyboard.off('end', onTerminalGone);
			keyboard.off('error', onTerminalGone);
			io.stdout.off('resize', onResize);
			if (error !== undefined) {
				io.stderr.write(describeCrash(error, io.env['SOCKTOP_DEBUG'] === '1'));
			}

			// The exit handlers go (and the caller goes on) on the next turn, not now: when a signal
			// ended the view, Ink's signal-exit listener runs after this one in the same emit, and
			// finding no listener but its own it raises the signal again, which would kill socktop
			// before the caller could stop the tool a scan is waiting for.
			setImmediate(() => {
				removeHandlers();
				resolve(code);
			});
		};

		// The terminal went away under us: that is a hangup. A frame's write fails (EIO after an
		// SSH drop, EPIPE); a screen that draws nothing new (help, a paused or still view) learns
		// it from the keyboard: a hung-up terminal reads as end of input (or EIO), and no SIGHUP
		// may come (nohup, a shell that ignores it).
		const onTerminalGone = () => {
			finish(EXIT_CODES.SIGHUP);
		};

		// Registered before Ink's own resize listener, so Ink's redraw after a resize is drawn in full.
		// Nothing is drawn on a terminal lent to the shell: after `kill %1` on the stopped job, Ink's
		// last frame would overwrite the shell's screen (see Screen.restore). Nor by a background job:
		// continued by `kill -CONT` after a `kill -STOP`, socktop may draw (a refresh that came due
		// meanwhile) before its SIGCONT is handled, and lends the terminal then.
		const isDrawable = () => {
			if (screen.isLent()) return false;
			if (isForegroundJob() !== false) return true;
			screen.lend();
			return false;
		};

		// Without blocking: a stalled SSH link would hold socktop in write(), deaf to signals (see unblocked-output.ts).
		const writeFrame = unblockedWrites(io.stdout, isPseudoTerminal((io.stdout as {fd?: number}).fd), () => {
			redraw();
		});
		const writer = createFrameWriter({write: text => !isDrawable() || writeFrame(text)}, canShiftLines(io.env['TERM']));
		const onResize = () => {
			writer.invalidate();
		};

		// The whole frame again on a cleared screen, as after a resize: Ink draws it on 'resize' (its own listener),
		// after onResize has the writer forget what is on screen. Ctrl-L, and `fg`.
		const redraw = () => {
			io.stdout.emit('resize');
		};

		// Bracketed pastes become one marked chunk before Ink reads them (see paste.ts); F-keys one character
		// each, which Ink would otherwise report alike (see function-keys.ts); then ESC and a punctuation key
		// typed together stay two keys (see escape-keys.ts).
		const restoreRead = filterReads(keyboard, createPasteFilter(), chunk => splitEscapes(nameFunctionKeys(chunk)));
		const removeHandlers = handleExits(io.events, finish);
		// The view's footer message, for what job control has to say.
		let showMessage: ((say: ScreenSaying) => void) | undefined;
		const subscribeMessages = (show: (say: ScreenSaying) => void) => {
			showMessage = show;
			return () => {
				showMessage = undefined;
			};
		};

		const jobControl = handleJobControl(io.events, {
			suspend: () => {
				screen.suspend();
			},
			lend: () => {
				screen.lend();
			},
			resume() {
				screen.resume();
				// The terminal may have changed size while socktop was stopped, and the SIGWINCH went
				// to the shell then. Node re-reads the size only on SIGWINCH (getWindowSize() returns
				// what it last read), so do what its SIGWINCH handler does; then redraw in full.
				const refreshSize = (io.stdout as {_refreshSize?: () => void})._refreshSize;
				if (typeof refreshSize === 'function') refreshSize.call(io.stdout);
				redraw();
			},
			stopProcess(target) {
				process.kill(target === 'group' ? 0 : process.pid, 'SIGTSTP');
			},
			isForeground: isForegroundJob,
			onNotStopped() {
				showMessage?.(noJobControl);
			},
			onStuckInBackground() {
				io.stderr.write(STUCK_IN_BACKGROUND);
				finish(EXIT_CODES.stuckInBackground);
			},
		});
		io.stdout.on('error', onTerminalGone);
		io.stdout.on('resize', onResize);
		keyboard.on('end', onTerminalGone);
		keyboard.on('error', onTerminalGone);
		if (isBackground) jobControl.stopInBackground();
		try {
			instance = render(
				<LiveView
					collector={collector}
					services={io.services}
					ephemeral={ephemeral}
					ephemeralSetting={ephemeralSettingOf(options)}
					finTimeout={finTimeout}
					filters={filters}
					defaultNetns={defaultNetns}
					interval={options.interval}
					pidView={options.pid}
					pidRequest={pidRequest}
					isNumericUser={options.numericUsers}
					initialSort={options.tally === null ? (options.sort ?? undefined) : {column: options.tally, isDescending: false}}
					isTally={options.tally !== null}
					theme={theme}
					isRoot={isRoot}
					ownUser={ownUser(options.filters.user)}
					onExit={code => {
						finish(code);
					}}
					onSuspend={jobControl.stop}
					subscribeMessages={subscribeMessages}
					onRedraw={redraw}
				/>,
				{
					// Debug mode hands each whole frame to the frame writer, which rewrites only changed
					// rows at absolute positions; Ink 6.8's incrementalRendering drifts by a row per
					// frame on frames shorter than the terminal (see frame-writer.ts).
					stdout: frameStream(io.stdout, writer, isUtf8Locale(io.env) ? undefined : toAsciiGlyphs),
					// Ink ends raw mode when it unmounts; on a lent terminal that would stop socktop again (SIGTTOU).
					stdin: withMethods(keyboard, {
						setRawMode(mode: boolean) {
							if (!screen.isLent()) keyboard.setRawMode(mode);
							return keyboard;
						},
					}),
					debug: true,
					exitOnCtrlC: false,
					patchConsole: false,
				},
			);
			instance.waitUntilExit().catch((error: unknown) => {
				finish(1, error);
			});
		} catch (error: unknown) {
			finish(1, error);
		}
	});
}
