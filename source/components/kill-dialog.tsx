import {type Key, useInput} from 'ink';
import {useEffect, useRef, useState} from 'react';
import {SIGNALS, type ProcessIdentity, type SignalAccess, type SignalName, type SignalResult} from '../model/signal.js';
import {sanitize} from '../format/escape.js';
import {fkey} from '../function-keys.js';
import {isEveryScreenKey} from '../keymap.js';
import type {Theme} from '../theme.js';
import {type ForwardKey, keyPresses, restOf, type TypedKey} from '../hooks/key-presses.js';
import {notSending, useKillCheck} from '../hooks/use-kill-check.js';
import {killDialogLines, KillDialogView, type KillStep} from './kill-dialog-view.js';
import {earlyAnswerLine} from './kill-lines.js';

// The dialog's sizes, for the views that make room for it.
export {COMPACT_KILL_DIALOG_LINES, KILL_DIALOG_LINES} from './kill-dialog-view.js';

type Props = {
	readonly pid: number;
	/** Command name as the user saw it in the table or PID view. */
	readonly command: string | null;
	/**
	 * Start token from the frame the user acted on. When absent (the table does
	 * not carry it), the token is read when the dialog opens: a process that started
	 * after `shownAt` is refused, one that started before it is the one shown even if
	 * it calls itself otherwise now (said so), and without ages the command is checked
	 * against `command`, so a PID reused before that is refused too.
	 */
	readonly startToken?: string | null;
	/**
	 * When the frame the user acted on was scanned (ms since the epoch). Without a
	 * start token, a process that started after it took the PID since and is refused,
	 * even if it has the same name (a respawned worker).
	 */
	readonly shownAt?: number | null;
	/** Called once with a one-line outcome ('Sent SIGTERM to PID 1234.', 'Cancelled.'). */
	readonly onDone: (message: string) => void;
	/**
	 * Keys that reach the dialog after onDone (its handler stays subscribed until
	 * the next render) or that came in the same chunk as the key that closed it:
	 * they belong to the screen underneath.
	 */
	readonly onForwardKey?: ForwardKey;
	/**
	 * Keys typed after the k that opened the dialog, before it listened (k then 3 in one read,
	 * as tmux send-keys or a fast typist over SSH sends them): replayed once, as typed at it.
	 */
	readonly takeHandedKeys?: () => ReadonlyArray<TypedKey>;
	/**
	 * The OS calls, from the Collector (tests may pass fakes). Absent for a source
	 * with no live processes (an --import capture): the dialog says so and sends nothing.
	 */
	readonly send?: (pid: number, signal: SignalName, startToken: string | null) => Promise<SignalResult>;
	readonly identify?: (pid: number) => Promise<ProcessIdentity | null>;
	/** Whether socktop may signal the PID (Collector.checkSignal), asked before the menu; absent, the send finds out. */
	readonly check?: (pid: number) => Promise<SignalAccess>;
	/**
	 * Said under the question when other processes hold a socket of this one too (sharedNote:
	 * 'python3[986] fd 3 and 4 others also hold *:8080 — it stays bound'), sanitized; null for none.
	 */
	readonly shared?: string | null;
	/** A short terminal (40x10): no border, and the four signals on one line. */
	readonly isCompact?: boolean;
	/** Columns the dialog has: its title and question are shortened to fit, cutting the command name, never the PID. */
	readonly width?: number;
	/**
	 * The screen's theme, required so that no caller forgets it: its warnings are coloured only where the
	 * rest of the screen is (bold under NO_COLOR, --no-color, TERM=vt100), its arrow keys named in words
	 * where the locale is not UTF-8 (Theme.isAscii).
	 */
	readonly theme: Theme;
	/** False while the dialog is mounted but not shown (the terminal is too small): it drops every key, and keeps its step. */
	readonly isActive?: boolean;
	/** Said when a key changes the lines the dialog takes (killDialogLines: the y/N question takes fewer than the menu), for the screen to take back the rest. */
	readonly onLines?: (lines: number) => void;
};


/** Why a source without send/identify offers no signals. */
const cannotSignal = 'this source cannot signal processes (a capture is not live on this machine).';

/**
 * Choose a signal (TERM, INT, HUP, KILL: the arrows or 1-4), go on with Enter, then confirm
 * with `y`; anything else cancels. Before the menu, the process is checked (useKillCheck): one that has exited,
 * a reused PID or one socktop may not signal is said at once, and the menu is not offered.
 * The PID's start time is checked again right before sending.
 */
export function KillDialog({pid, command, startToken, shownAt, shared = null, onDone, onForwardKey, takeHandedKeys, send, identify, check, isCompact = false, width = Number.POSITIVE_INFINITY, theme, isActive = true, onLines}: Props) {
	const [step, setStep] = useState<KillStep>('menu');
	const [choice, setChoice] = useState(0);
	// A y typed ahead was dropped at the question: said under it, so that the question is not taken for answered.
	const [isEarlyAnswer, setIsEarlyAnswer] = useState(false);
	const {isChecking, problem, token, renamedTo} = useKillCheck({
		pid,
		command,
		startToken,
		shownAt,
		identify,
		check,
		initialProblem: send === undefined || identify === undefined ? notSending(cannotSignal) : null,
	});
	// A process that renamed itself since the frame is named as it is now, and said to be the one shown.
	const name = sanitize(renamedTo ?? command ?? '?');
	const renamed = renamedTo === null ? null : `PID ${pid} (was ${sanitize(command ?? '?')}) now calls itself ${name}: the same process.`;
	const signal = SIGNALS[choice] ?? 'SIGTERM';

	// Ink may hand a key to the handler of an earlier render (its subscription is an effect), so read state from a ref.
	const current = useRef({step, choice, token, problem, signal, isActive, isChecking});
	current.current = {step, choice, token, problem, signal, isActive, isChecking};
	// Keys typed while the process is being checked: replayed once it is, as typed ahead (they may choose a signal or cancel, never send).
	const pending = useRef<TypedKey[]>([]);
	// Keys typed after the y, while the signal is on its way (in its read or later): the screen underneath's once it is sent.
	const afterSend = useRef<TypedKey[]>([]);
	// A function, not a check TypeScript narrows: press() moves the step on within a chunk.
	const isSending = () => current.current.step === 'sending';

	// The step a key moves to, and the lines it takes, in the same batch: the screen lays out once around it.
	const moveTo = (next: KillStep) => {
		setStep(next);
		current.current = {...current.current, step: next};
		onLines?.(killDialogLines(next, isCompact, [renamed, shared]));
	};

	// The early-y note is a line of the box too: the screen gives it one, or the question above it is cut.
	const sayEarlyAnswer = () => {
		setIsEarlyAnswer(true);
		onLines?.(killDialogLines('confirm', isCompact, [renamed, shared, earlyAnswerLine(width)]));
	};

	const isDone = useRef(false);
	const finish = (message: string) => {
		isDone.current = true;
		onDone(message);
	};

	// One key of a chunk; false once the rest of the chunk is not the dialog's.
	const press = (input: string, key: Key): boolean => {
		const {step, token, problem, signal} = current.current;
		if (problem !== null) {
			finish(problem.done);
			return false;
		}

		if (step === 'menu') {
			// F10 is q (htop's Quit): it leaves the menu as it would the table.
			if (key.escape || input === 'q' || input === fkey(10)) {
				finish('Cancelled: no signal sent.');
				return false;
			}

			// Left and Right as well: the compact menu lists the signals on one line.
			if (key.upArrow || input === 'k' || key.downArrow || input === 'j' || key.leftArrow || key.rightArrow) {
				const next = Math.max(0, Math.min(SIGNALS.length - 1, current.current.choice + (key.upArrow || input === 'k' || key.leftArrow ? -1 : 1)));
				setChoice(next);
				current.current = {...current.current, choice: next, signal: SIGNALS[next] ?? 'SIGTERM'};
			} else if (/^[1-4]$/.test(input)) {
				// Chooses, as the arrows do, and Enter goes on: a digit that asked at once made htop's habit
				// (choose, then Enter) answer the question with Enter, which cancels.
				const next = Number(input) - 1;
				setChoice(next);
				current.current = {...current.current, choice: next, signal: SIGNALS[next] ?? 'SIGTERM'};
			} else if (key.return) {
				moveTo('confirm');
			}

			return true;
		}

		if (step !== 'confirm') {
			return false;
		}

		current.current = {...current.current, step: 'sending'};

		if (input !== 'y') {
			finish('Cancelled: no signal sent.');
			return false;
		}

		if (token === undefined) {
			finish(`Not sent: PID ${pid} could not be confirmed as the same process.`);
			return false;
		}

		if (send === undefined) {
			finish(`Not sent: ${cannotSignal}`);
			return false;
		}

		moveTo('sending');
		const settle = (message: string) => {
			finish(message);
			// Not answers to anything: typed at the screen underneath, in order, as if the send had been instant.
			for (const kept of afterSend.current.splice(0)) onForwardKey?.(kept.input, kept.key);
		};

		// A send that throws (a collector bug) must not leave the dialog sending, keeping every key after it.
		void send(pid, signal, token).then(
			result => {
				settle(result.message);
			},
			(error: unknown) => {
				settle(`Not sent: ${error instanceof Error ? error.message : String(error)}.`);
			},
		);
		return false;
	};

	// isTypedAhead: keys typed before the dialog was drawn. They may choose a signal or cancel (any key but y), never send.
	const handleKey = (input: string, key: Key, isTypedAhead = false) => {
		if (isDone.current) {
			onForwardKey?.(input, key);
			return;
		}

		// Hidden (too small): a y typed at the too-small message must not send. Still subscribed, so
		// that the first key after the terminal grows back is the dialog's. While the signal is on its way too, the
		// key is dropped, not kept for the screen underneath as at full size: that screen is hidden as well and would
		// drop it had the send been instant, and kept, a key typed blind at a message that says only q quits would act
		// once the terminal grows back. q, Ctrl-C, Ctrl-Z and Ctrl-L act there at once, as over every screen (useQuitKeys).
		if (!current.current.isActive) {
			return;
		}

		// Ctrl-C, Ctrl-Z and Ctrl-L are the live view's on every screen (useQuitKeys; the screen underneath acts on those it keeps
		// for the dialog): not the key that closes a refusal or cancels, nor kept while checking, to act again once it closed.
		if (isEveryScreenKey(input, key)) return;

		if (current.current.isChecking) {
			pending.current.push({input, key});
			return;
		}

		if (isSending()) {
			afterSend.current.push({input, key});
			return;
		}

		const presses = keyPresses(input, key);
		for (const [index, each] of presses.entries()) {
			if (isTypedAhead && current.current.step === 'confirm' && each.input === 'y') {
				// Typed before the question was on screen: it answers nothing, and the keys after it are dropped, so that
				// the question stays for the y that does. Any other key is taken in order: it cancels, as at the question.
				sayEarlyAnswer();
				return;
			}

			if (press(each.input, each.key)) {
				continue;
			}

			const rest = restOf(presses, index);
			if (rest !== null && isDone.current) onForwardKey?.(rest.input, rest.key);
			else if (rest !== null && isSending()) afterSend.current.push(rest);
			return;
		}
	};

	useInput(handleKey);

	useEffect(() => {
		// Listening from now on: first the keys typed since k, in order (dropped if the dialog opened hidden,
		// as any key typed at the too-small message is). They may choose a signal ('k3', k and arrows) or cancel
		// (any other key at the question, the rest then the table's), but never send: a signal is sent only on a
		// y typed once "Send SIGHUP to …?" is on screen; a y typed ahead is ignored and drops the rest.
		for (const {input, key} of takeHandedKeys?.() ?? []) handleKey(input, key, true);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);

	useEffect(() => {
		if (isChecking) return;
		// Checked: the keys typed meanwhile were typed before anything was offered, so they never answer the
		// question. As any key does, the first closes a refusal ('kq' typed fast), which then says its line
		// where the dialog's outcome goes (the footer, the PID view's status), and the rest are the screen's.
		for (const {input, key} of pending.current.splice(0)) handleKey(input, key, true);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [isChecking]);

	return <KillDialogView pid={pid} name={name} step={step} choice={choice} isChecking={isChecking} problem={problem} renamed={renamed} shared={shared} isEarlyAnswer={isEarlyAnswer} isCompact={isCompact} width={width} theme={theme} />;
}
