/**
 * Job control for the live view, as top, less and vim do it: Ctrl-Z and SIGTSTP give the terminal
 * to the shell and stop, SIGCONT takes it back (in the foreground) or waits for `fg` (in the
 * background). The terminal itself is terminal.ts's Screen.
 */
import type {ProcessEvents} from './terminal.js';

/** How long socktop, continued in the background, waits for the signal that may end it before it stops again. */
export const BACKGROUND_GRACE_MS = 500;

/** Whom a stop is for: socktop's process group (Ctrl-Z, as the terminal's own), or socktop alone (a SIGTSTP sent to its PID). */
export type StopTarget = 'group' | 'self';

/**
 * What the screen says when Ctrl-Z stopped nothing: socktop's process group is orphaned (no shell does job control
 * for it). The way out, where q is it (the table, a PID view socktop started on); elsewhere q goes back or is typed.
 */
export const noJobControl = (isQuitKey: boolean): string => `Ctrl-Z: no shell job control here (socktop was started without one)${isQuitKey ? '; q quits' : ''}`;

/** What socktop says on stderr as it ends when no shell can bring it to the foreground (EXIT_CODES.stuckInBackground). */
export const STUCK_IN_BACKGROUND = 'socktop: the live view runs in the background, and no shell can bring it to the foreground (fg); --once prints the table\n';

/**
 * Job control, as top, less and vim do it. Ctrl-Z in raw mode is a key, not a signal, so the
 * view calls `stop`: the terminal is given back (`suspend`) and the process group gets SIGTSTP,
 * as from the terminal's own Ctrl-Z: under a wrapper the shell waits on (`npx socktop`, `npm
 * start`), the wrapper stops too, and the shell reports a stopped job. `kill -TSTP PID` stops
 * socktop alone, as it does any program. Either way socktop's own SIGTSTP listener is off while
 * the signal is sent (`stopProcess`), so its default action applies; `fg` sends SIGCONT, and
 * `resume` takes the terminal again.
 *
 * Where no shell does job control (the group is orphaned: `ssh -t host socktop`, a tmux pane's
 * own command), the kernel discards SIGTSTP, since nothing could continue the group (SIGSTOP
 * would stop it for good). The stop then returns and no SIGCONT follows: the terminal is taken
 * back at once and `onNotStopped` says why; in the background `onStuckInBackground` is told.
 *
 * A SIGCONT in the background is not `fg`: `bg`, or `kill %1` (bash sends the stopped job
 * SIGTERM, then SIGCONT, and Node may report them in either order), or `kill -CONT` after a
 * `kill -STOP`, which socktop could not see coming (the shell took the terminal then). The
 * terminal is the shell's then (`lend`: taking it, a background job is stopped by SIGTTOU, and
 * a frame would land on the shell's screen), and unless a signal ends
 * socktop within BACKGROUND_GRACE_MS, its group stops again, as a background job that wants the
 * terminal does (SIGTTOU too stops the group): `fg` continues it. `isForeground` tells (null:
 * cannot, taken as the foreground). `stopInBackground` does so at once: socktop started in the
 * background (`socktop &`) stops, as htop does, before it draws. Returns them, `stop` and the
 * function that removes the handlers.
 */
export function handleJobControl(
	events: ProcessEvents,
	{suspend, lend, resume, stopProcess, isForeground, onNotStopped, onStuckInBackground}: {
		suspend: () => void;
		lend: () => void;
		resume: () => void;
		/** Send SIGTSTP to the target; it returns once socktop is continued, or at once where the signal was discarded. */
		stopProcess: (target: StopTarget) => void;
		isForeground: () => boolean | null;
		onNotStopped: () => void;
		/** A stop in the background stopped nothing: the job is orphaned, and no `fg` will ever give socktop the terminal. */
		onStuckInBackground: () => void;
	},
): {stop: () => void; stopInBackground: () => void; remove: () => void} {
	let stopAgain: NodeJS.Timeout | undefined;
	// A stop sent whose SIGCONT has not come yet, and whether the handlers are gone (socktop is ending).
	let isStopping = false;
	let isRemoved = false;
	const sendStop = (target: StopTarget) => {
		isStopping = true;
		// Node puts back the default action (SIG_DFL) when a signal's last listener goes.
		events.off('SIGTSTP', onSignal);
		try {
			stopProcess(target);
		} finally {
			events.on('SIGTSTP', onSignal);
		}

		// Had socktop stopped, the SIGCONT that continued it was caught before the kill returned, and
		// the event loop's next poll reports it: looked for after that poll, in the next turn's immediates.
		setImmediate(() => {
			setImmediate(() => {
				if (!isStopping || isRemoved) return;
				isStopping = false;
				// In the background (`(socktop &)`, or a job whose shell exited after `bg`) the terminal stays the shell's.
				if (isForeground() === false) {
					onStuckInBackground();
					return;
				}

				resume();
				onNotStopped();
			});
		});
	};

	const stopFor = (target: StopTarget) => {
		suspend();
		sendStop(target);
	};

	const stop = () => {
		stopFor('group');
	};

	const onSignal = () => {
		stopFor('self');
	};

	const stopInBackground = () => {
		sendStop('group');
	};

	const onContinue = () => {
		isStopping = false;
		clearTimeout(stopAgain);
		if (isForeground() === false) {
			lend();
			stopAgain = setTimeout(stopInBackground, BACKGROUND_GRACE_MS);
			return;
		}

		resume();
	};

	events.on('SIGTSTP', onSignal);
	events.on('SIGCONT', onContinue);
	return {
		stop,
		stopInBackground,
		remove() {
			isRemoved = true;
			clearTimeout(stopAgain);
			events.off('SIGTSTP', onSignal);
			events.off('SIGCONT', onContinue);
		},
	};
}
