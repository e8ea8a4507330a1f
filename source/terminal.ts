/**
 * The terminal around the live view: the alternate screen (so the user's
 * scrollback is untouched, as with top and less), a hidden cursor, and their
 * restoration on every way out. Ink restores raw mode when it unmounts, but it
 * does not handle SIGTERM, SIGINT or SIGHUP, and a crash skips its cleanup:
 * those paths are caught here.
 */
import {HANGUP_EXIT} from './hangup.js';

/**
 * Alternate screen on, cursor home, screen cleared, cursor hidden; bracketed paste on
 * (pasted text arrives marked, see paste.ts); mouse reporting off, in case a program
 * before left it on (its reports would read as keys: a wheel turn toggling filters).
 */
export const ENTER_SCREEN = '\u001B[?1049h\u001B[H\u001B[2J\u001B[?25l\u001B[?2004h\u001B[?1000l\u001B[?1002l\u001B[?1003l\u001B[?1006l';
/**
 * Bracketed paste off, cursor shown, attributes reset, screen cleared, alternate screen off (the
 * main screen, cursor and attributes come back). The clear is for terminals without an alternate
 * screen (the Linux console, whose terminfo has no smcup; GNU screen's default altscreen off; a
 * vt100), which ignore ?1049: there socktop's last frame stayed, and the shell wrote over it from
 * wherever the cursor was ('[1]+ Stopped' on the counts line after Ctrl-Z, its prompt on the next),
 * as `clear` and htop leave it instead. Elsewhere it clears the alternate screen before leaving it.
 */
export const LEAVE_SCREEN = '\u001B[?2004l\u001B[?25h\u001B[0m\u001B[H\u001B[2J\u001B[?1049l';

/** Why the live view ended, as a shell reports it: 128 + the signal number for signals. */
export const EXIT_CODES = {
	quit: 0,
	crash: 1,
	/** The live view cannot have the terminal: it runs in the background of a shell that is gone, or does no job control. */
	stuckInBackground: 2,
	SIGHUP: HANGUP_EXIT,
	SIGINT: 130,
	SIGQUIT: 131,
	SIGUSR2: 140,
	SIGALRM: 142,
	SIGTERM: 143,
} as const;

type Writable = Pick<NodeJS.WriteStream, 'write'>;
type Input = {readonly isTTY?: boolean; setRawMode?: (mode: boolean) => unknown};

/** The terminal's streams; tests pass fakes. */
export type TerminalStreams = {
	readonly stdout: Writable;
	readonly stdin: Input;
};

/** Where signals and crashes are reported; the real `process` in production. */
export type ProcessEvents = {
	on(event: string, listener: (...args: any[]) => void): unknown;
	off(event: string, listener: (...args: any[]) => void): unknown;
};

export type Screen = {
	/**
	 * Leave the alternate screen, show the cursor, end raw mode. Idempotent; never throws. While
	 * the terminal is lent (`kill %1` on the stopped job: bash sends SIGTERM, then SIGCONT), it does
	 * nothing: the shell took the terminal back when socktop stopped, and a background job that
	 * sets the terminal's mode is stopped again (SIGTTOU).
	 */
	restore(): void;
	/** Lend the terminal to the shell (Ctrl-Z): as restore(), but resume() takes it back. */
	suspend(): void;
	/**
	 * The shell has the terminal, and socktop could not give it back: it was stopped by SIGSTOP (the
	 * shell took the terminal then, and its prompt is on the screen), or started in the background.
	 * Lent, with nothing written nor set: resume() takes it back.
	 */
	lend(): void;
	/** After SIGCONT (`fg`): alternate screen, hidden cursor and raw mode again; the caller redraws. */
	resume(): void;
	/** True while the terminal is the shell's (after suspend, until resume): nothing is to be written to it, nor its mode set. */
	isLent(): boolean;
};

/** Write, ignoring a terminal that is already gone (EIO after an SSH drop, EPIPE). */
function safeWrite(stdout: Writable, text: string): void {
	try {
		stdout.write(text);
	} catch {
		// Nothing can be shown on a terminal that is gone.
	}
}

/**
 * Switch to the alternate screen; the returned restore() undoes it. In the background
 * (`socktop &`), the terminal is the shell's: it starts lent, and resume() switches.
 */
export function enterScreen({stdout, stdin}: TerminalStreams, isBackground = false): Screen {
	if (!isBackground) safeWrite(stdout, ENTER_SCREEN);
	let isRestored = false;
	let isLent = isBackground;
	const setRawMode = (mode: boolean) => {
		try {
			if (stdin.isTTY === true) {
				stdin.setRawMode?.(mode);
			}
		} catch {
			// A closed tty cannot be in raw mode any more.
		}
	};

	return {
		restore() {
			if (isRestored) {
				return;
			}

			isRestored = true;
			if (isLent) return;
			setRawMode(false);
			safeWrite(stdout, LEAVE_SCREEN);
		},
		suspend() {
			if (isRestored || isLent) return;
			isLent = true;
			setRawMode(false);
			safeWrite(stdout, LEAVE_SCREEN);
		},
		lend() {
			isLent = true;
		},
		resume() {
			if (isRestored) return;
			isLent = false;
			// The shell put the terminal back in line mode while socktop was stopped. Off first: Node sets
			// no mode it believes the terminal is in, and after SIGSTOP it still believes raw.
			setRawMode(false);
			setRawMode(true);
			safeWrite(stdout, ENTER_SCREEN);
		},
		isLent: () => isLent,
	};
}

/** How the view ended: the exit code, and for a crash the error to print once the screen is back. */
export type ExitHandler = (code: number, error?: unknown) => void;

/** The signals that end socktop (each has its exit code in EXIT_CODES). */
const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'SIGALRM'] as const;
type EndingSignal = (typeof ENDING_SIGNALS)[number];

/** The signal an exit code of EXIT_CODES stands for (143: SIGTERM); null for a quit or a crash. */
export const signalOfExitCode = (code: number): EndingSignal | null => ENDING_SIGNALS.find(signal => EXIT_CODES[signal] === code) ?? null;

/**
 * Call `onSignal` for each of ENDING_SIGNALS: SIGINT, SIGTERM, SIGHUP, SIGQUIT, and SIGUSR2
 * and SIGALRM (whose default is to end the process quietly). Listening to a signal also
 * stops Node's default of dying at once, so what must happen first (the terminal restored,
 * the tools stopped) can. Returns the function that removes the handlers.
 */
export function handleEndingSignals(events: ProcessEvents, onSignal: (signal: EndingSignal) => void): () => void {
	const handlers = ENDING_SIGNALS.map(signal => [signal, () => onSignal(signal)] as const);
	for (const [signal, listener] of handlers) {
		events.on(signal, listener);
	}

	return () => {
		for (const [signal, listener] of handlers) {
			events.off(signal, listener);
		}
	};
}

/**
 * Route SIGINT (130), SIGQUIT (131: no core dump to leave for the user, but the terminal is
 * still theirs to get back), SIGTERM (143), SIGHUP (129), SIGUSR2 (140), SIGALRM (142),
 * uncaught exceptions and unhandled rejections (1) to `onExit`, so the terminal gets
 * restored first. Returns the function that removes the handlers.
 */
export function handleExits(events: ProcessEvents, onExit: ExitHandler): () => void {
	const removeSignals = handleEndingSignals(events, signal => onExit(EXIT_CODES[signal]));
	const crashes: Array<[string, (...args: any[]) => void]> = [
		['uncaughtException', (error: unknown) => onExit(EXIT_CODES.crash, error)],
		['unhandledRejection', (reason: unknown) => onExit(EXIT_CODES.crash, reason)],
	];
	for (const [event, listener] of crashes) {
		events.on(event, listener);
	}

	return () => {
		removeSignals();
		for (const [event, listener] of crashes) {
			events.off(event, listener);
		}
	};
}

/** The one line (or stack, with SOCKTOP_DEBUG=1) printed after a crash, on the restored screen. */
export function describeCrash(error: unknown, isDebug: boolean): string {
	if (error instanceof Error) {
		return isDebug && error.stack !== undefined
			? `socktop: ${error.stack}\n`
			: `socktop: internal error: ${error.message.split('\n').join(' ')} (SOCKTOP_DEBUG=1 shows the stack)\n`;
	}

	return `socktop: internal error: ${String(error)}\n`;
}
