import {Box, type Key, Text, useInput} from 'ink';
import {useEffect, useRef, useState} from 'react';
import {SIGNALS, type ProcessIdentity, type SignalName, type SignalResult} from '../model/signal.js';
import {sanitize} from '../format/escape.js';
import {type ForwardKey, keyPresses, restOf, type TypedKey} from '../hooks/key-presses.js';

/** What each signal does, in words for someone choosing one. */
const signalHelp: Record<SignalName, string> = {
	SIGTERM: 'ask it to exit (default)',
	SIGINT: 'interrupt, as Ctrl-C does',
	SIGHUP: 'hang up; many daemons reload',
	SIGKILL: 'kill at once; cannot be caught',
};

/** Lines the dialog takes: a bordered box (border 2, title, four signals, hint), or three plain lines (`isCompact`) where that does not fit. */
export const KILL_DIALOG_LINES = 8;
export const COMPACT_KILL_DIALOG_LINES = 3;

type Props = {
	readonly pid: number;
	/** Command name as the user saw it in the table or PID view. */
	readonly command: string;
	/**
	 * Start token from the frame the user acted on. When absent (the table does
	 * not carry it), the token is read when the dialog opens and the command
	 * checked against `command`, so a PID reused before that is refused too.
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
	/** A short terminal: no border, and of the menu only the chosen signal (↑/↓ still choose). */
	readonly isCompact?: boolean;
	/** False while the dialog is mounted but not shown (the terminal is too small): it drops every key, and keeps its step. */
	readonly isActive?: boolean;
};

type Step = 'menu' | 'confirm' | 'sending';

/**
 * Linux measures a process's age in 10 ms ticks (start time and uptime each cut
 * down), so it can read up to ~20 ms young: a process started just before the
 * frame must not be refused as a newcomer. A PID reused that fast is still
 * caught by the command check below.
 */
const AGE_SLACK_MS = 20;

/** Why a source without send/identify offers no signals. */
const cannotSignal = 'this source cannot signal processes (a capture is not live on this machine).';

/**
 * Choose a signal (TERM, INT, HUP, KILL), then confirm with `y`; anything else
 * cancels. The PID's start time is checked again right before sending.
 */
export function KillDialog({pid, command, startToken, shownAt, onDone, onForwardKey, takeHandedKeys, send, identify, isCompact = false, isActive = true}: Props) {
	const [step, setStep] = useState<Step>('menu');
	const [choice, setChoice] = useState(0);
	const [token, setToken] = useState<string | null | undefined>(startToken ?? undefined);
	const [problem, setProblem] = useState<string | null>(send === undefined || identify === undefined ? cannotSignal : null);
	const name = sanitize(command);
	const signal = SIGNALS[choice] ?? 'SIGTERM';

	useEffect(() => {
		if ((startToken !== undefined && startToken !== null) || identify === undefined) {
			return;
		}

		let isCurrent = true;
		void identify(pid).then(now => {
			if (!isCurrent) {
				return;
			}

			if (now === null) {
				setProblem(`PID ${pid} has already exited.`);
			} else if (shownAt !== undefined && shownAt !== null && typeof now.ageMs === 'number' && now.ageMs + AGE_SLACK_MS < Date.now() - shownAt) {
				setProblem(`PID ${pid} started after the table showed it: another process took the PID.`);
			} else if (now.command !== null && !sameCommand(now.command, command)) {
				setProblem(`PID ${pid} now runs ${sanitize(now.command)}, not ${name}: it was reused.`);
			} else {
				setToken(now.startToken);
			}
		});
		return () => {
			isCurrent = false;
		};
	}, [pid, startToken, shownAt, command, identify, name]);

	// Ink may hand a key to the handler of an earlier render (its subscription is an effect), so read state from a ref.
	const current = useRef({step, choice, token, problem, signal, isActive});
	current.current = {step, choice, token, problem, signal, isActive};

	const isDone = useRef(false);
	const finish = (message: string) => {
		isDone.current = true;
		onDone(message);
	};

	// One key of a chunk; false once the rest of the chunk is not the dialog's.
	const press = (input: string, key: Key): boolean => {
		const {step, token, problem, signal} = current.current;
		if (problem !== null) {
			finish(`Not sent: ${problem}`);
			return false;
		}

		if (step === 'menu') {
			if (key.escape || input === 'q') {
				finish('Cancelled: no signal sent.');
				return false;
			}

			if (key.upArrow || input === 'k' || key.downArrow || input === 'j') {
				const next = Math.max(0, Math.min(SIGNALS.length - 1, current.current.choice + (key.upArrow || input === 'k' ? -1 : 1)));
				setChoice(next);
				current.current = {...current.current, choice: next, signal: SIGNALS[next] ?? 'SIGTERM'};
			} else if (/^[1-4]$/.test(input)) {
				const next = Number(input) - 1;
				setChoice(next);
				setStep('confirm');
				current.current = {...current.current, choice: next, step: 'confirm', signal: SIGNALS[next] ?? 'SIGTERM'};
			} else if (key.return) {
				setStep('confirm');
				current.current = {...current.current, step: 'confirm'};
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
			finish(`Not sent: PID ${pid} could not be confirmed as the same process yet.`);
			return false;
		}

		if (send === undefined) {
			finish(`Not sent: ${cannotSignal}`);
			return false;
		}

		setStep('sending');
		void send(pid, signal, token).then(result => {
			finish(result.message);
		});
		// Keys typed while the signal is on its way are not answers to anything: dropped.
		return false;
	};

	// isTypedAhead: keys typed before the dialog was drawn. They may choose a signal, never answer the question.
	const handleKey = (input: string, key: Key, isTypedAhead = false) => {
		if (isDone.current) {
			onForwardKey?.(input, key);
			return;
		}

		// Hidden (too small): a y typed at the too-small message must not send. Still subscribed, so
		// that the first key after the terminal grows back is the dialog's.
		if (!current.current.isActive) {
			return;
		}

		const presses = keyPresses(input, key);
		for (const [index, each] of presses.entries()) {
			if (isTypedAhead && current.current.step !== 'menu') return;
			if (press(each.input, each.key)) {
				continue;
			}

			const rest = restOf(presses, index);
			if (isDone.current && rest !== null) {
				onForwardKey?.(rest.input, rest.key);
			}

			return;
		}
	};

	useInput(handleKey, {isActive: step !== 'sending'});

	useEffect(() => {
		// Listening from now on: first the keys typed since k, in order (dropped if the dialog opened hidden,
		// as any key typed at the too-small message is). They may choose a signal ('k3', k and arrows), but
		// none of them answers the question: a signal is sent only on a y typed once "Send SIGHUP to …?"
		// is on screen, so the rest are dropped once they reach it.
		for (const {input, key} of takeHandedKeys?.() ?? []) handleKey(input, key, true);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);

	// Every line is cut at the width: a line that wrapped would push the dialog past its lines.
	const title = `Send a signal to PID ${pid} (${name})`;
	const hint = '↑/↓ choose · Enter next · Esc cancel';
	const option = (each: SignalName, index: number) => (
		<Text key={each} inverse={index === choice} wrap="truncate-end">
			{index === choice ? '>' : ' '} {index + 1} {each.padEnd(8)} {signalHelp[each]}
		</Text>
	);
	const ask = `Send ${signal} to PID ${pid} (${name})?`;
	const question = step === 'sending' ? `Sending ${signal} to PID ${pid}…` : `${ask} y/N`;

	if (isCompact) {
		return (
			<Box flexDirection="column" height={COMPACT_KILL_DIALOG_LINES} overflow="hidden">
				{problem === null ? null : (
					<>
						<Text color="red" wrap="truncate-end">
							Not sending: {problem}
						</Text>
						<Text dimColor wrap="truncate-end">
							Press any key.
						</Text>
					</>
				)}
				{problem === null && step === 'menu' ? (
					<>
						<Text bold wrap="truncate-end">
							{title}
						</Text>
						{option(signal, choice)}
						<Text dimColor wrap="truncate-end">
							{hint}
						</Text>
					</>
				) : null}
				{problem === null && step === 'sending' ? (
					<Text color="yellow" wrap="truncate-end">
						{question}
					</Text>
				) : null}
				{problem === null && step === 'confirm' ? (
					<>
						{/* Two lines: a long command cut at the width must not take y/N with it. */}
						<Text color="yellow" wrap="truncate-end">
							{ask}
						</Text>
						<Text color="yellow" wrap="truncate-end">
							y/N: y sends it, any other key cancels
						</Text>
					</>
				) : null}
			</Box>
		);
	}

	if (problem !== null) {
		return (
			<Box borderStyle="round" borderColor="red" flexDirection="column" paddingX={1}>
				<Text color="red" wrap="truncate-end">
					Not sending: {problem}
				</Text>
				<Text dimColor>Press any key.</Text>
			</Box>
		);
	}

	if (step === 'menu') {
		return (
			<Box borderStyle="round" flexDirection="column" paddingX={1}>
				<Text bold wrap="truncate-end">
					{title}
				</Text>
				{SIGNALS.map((each, index) => option(each, index))}
				<Text dimColor wrap="truncate-end">
					{hint}
				</Text>
			</Box>
		);
	}

	return (
		<Box borderStyle="round" borderColor="yellow" paddingX={1}>
			<Text wrap="truncate-end">{question}</Text>
		</Box>
	);
}

/** Tables may show a command cut short (lsof: 9 characters, comm: 15), so a prefix counts as the same. */
function sameCommand(now: string, shown: string): boolean {
	return now === shown || (shown.length > 0 && (now.startsWith(shown) || shown.startsWith(now)));
}
