import {Box, Text} from 'ink';
import {SIGNALS, type SignalName} from '../model/signal.js';
import type {KillProblem} from '../hooks/use-kill-check.js';
import type {Theme} from '../theme.js';
import {earlyAnswerLine, menuHint, SIGNAL_HELP, signalChoices, signalQuestion, signalTitle} from './kill-lines.js';

/** Lines the dialog takes: a bordered box (border 2, title, four signals, hint), or three plain lines (`isCompact`: the signals on one) where that does not fit. */
export const KILL_DIALOG_LINES = 8;
export const COMPACT_KILL_DIALOG_LINES = 3;

/** Where the dialog is: choosing a signal, asking y/N, or waiting for the send. */
export type KillStep = 'menu' | 'confirm' | 'sending';

/**
 * Lines the dialog takes at `step`: compact, always three; boxed, the menu's (as while checking, or for a
 * refusal), then the question's: its border, the question and each of its `notes` (a rename, a shared socket).
 */
export function killDialogLines(step: KillStep, isCompact: boolean, notes: ReadonlyArray<string | null>): number {
	if (isCompact) return COMPACT_KILL_DIALOG_LINES;
	return step === 'menu' ? KILL_DIALOG_LINES : 3 + (step === 'confirm' ? notes.filter(note => note !== null).length : 0);
}

type Props = {
	readonly pid: number;
	/** The command, sanitized. */
	readonly name: string;
	readonly step: KillStep;
	/** The signal chosen, as an index of SIGNALS. */
	readonly choice: number;
	/** The process is still being checked: nothing is offered yet. */
	readonly isChecking: boolean;
	readonly problem: KillProblem | null;
	/** Said from the menu on when the process renamed itself since the frame ('PID 986 (was a) now calls itself b: the same process.'), sanitized; null for none. */
	readonly renamed: string | null;
	/** A line for under the question (sharedNote), sanitized; null for none. */
	readonly shared: string | null;
	/** A y typed before the question was on screen was dropped: said under it (earlyAnswerLine). */
	readonly isEarlyAnswer: boolean;
	readonly isCompact: boolean;
	/** Columns the dialog has: its title and question are shortened to fit, cutting the command name, never the PID. */
	readonly width: number;
	/** The screen's: warnings and refusals in its warning and alarm styles (bold, borders plain, without colours); arrow keys named in words where isAscii. */
	readonly theme: Theme;
};

/** The kill dialog as drawn: pure, from the state KillDialog keeps. */
export function KillDialogView({pid, name, step, choice, isChecking, problem, renamed, shared, isEarlyAnswer, isCompact, width, theme}: Props) {
	const signal = SIGNALS[choice] ?? 'SIGTERM';
	// Lines are cut at the width, as one that wrapped would push the dialog past its lines; only a problem,
	// alone in the dialog's lines, wraps (what would help comes last). The bordered box has 4 columns
	// fewer (border and padding).
	const inner = isCompact ? width : width - 4;
	const {warning, alarm, isAscii} = theme;
	// A process renamed since the frame: the menu says so in place of its title (its lines are full), as the question does under it.
	const title = step === 'menu' && !isChecking && renamed !== null ? renamed : signalTitle(pid, name, inner);
	const hint = menuHint(isCompact, isAscii, inner);
	const option = (each: SignalName, index: number) => (
		<Text key={each} inverse={index === choice} wrap="truncate-end">
			{index === choice ? '>' : ' '} {index + 1} {each.padEnd(8)} {SIGNAL_HELP[each]}
		</Text>
	);
	const question = step === 'sending' ? `Sending ${signal} to PID ${pid}…` : signalQuestion(signal, pid, name, inner, ' y/N');

	// Said before the question is answered, so the user knows killing this process leaves the socket open.
	const note = (text: string | null) =>
		text === null ? null : (
			<Text {...warning} wrap="truncate-end">
				{text}
			</Text>
		);
	const sharedLine = note(shared);
	const checking = (
		<Text dimColor wrap="truncate-end">
			Checking that socktop may signal it…
		</Text>
	);

	if (isCompact) {
		return (
			<Box flexDirection="column" height={COMPACT_KILL_DIALOG_LINES} overflow="hidden">
				{problem === null ? null : (
					<>
						{/* Two lines at most: what would help ("run as root or as alice") comes last. */}
						<Box height={2} overflow="hidden" flexShrink={0}>
							<Text {...alarm} wrap="wrap">
								{problem.shown}
							</Text>
						</Box>
						<Text dimColor wrap="truncate-end">
							Press any key.
						</Text>
					</>
				)}
				{problem === null && isChecking ? (
					<>
						<Text bold wrap="truncate-end">
							{title}
						</Text>
						{checking}
					</>
				) : null}
				{problem === null && !isChecking && step === 'menu' ? (
					<>
						<Text bold wrap="truncate-end">
							{title}
						</Text>
						<Text wrap="truncate-end">
							{signalChoices(choice, width).map(each => (
								<Text key={each.text} inverse={each.isChosen}>
									{each.text}
								</Text>
							))}
						</Text>
						<Text dimColor wrap="truncate-end">
							{hint}
						</Text>
					</>
				) : null}
				{problem === null && step === 'sending' ? (
					<Text {...warning} wrap="truncate-end">
						{question}
					</Text>
				) : null}
				{problem === null && step === 'confirm' ? (
					<>
						{/* A long command cut at the width must not take y/N with it: y/N has a line of its own. */}
						<Text {...warning} wrap="truncate-end">
							{signalQuestion(signal, pid, name, width)}
						</Text>
						{/* Three lines: the rename gives way to a shared socket, which changes what the signal does. */}
						{note(shared ?? renamed)}
						<Text {...warning} wrap="truncate-end">
							{isEarlyAnswer ? earlyAnswerLine(width) : 'y/N: y sends it, any other key cancels'}
						</Text>
					</>
				) : null}
			</Box>
		);
	}

	if (problem !== null) {
		return (
			<Box borderStyle="round" borderColor={alarm.color} flexDirection="column" paddingX={1}>
				{/* Wrapped, not cut: what would help comes last. The dialog's lines hold three. */}
				<Text {...alarm} wrap="wrap">
					{problem.shown}
				</Text>
				<Text dimColor>Press any key.</Text>
			</Box>
		);
	}

	if (isChecking) {
		return (
			<Box borderStyle="round" flexDirection="column" paddingX={1}>
				<Text bold wrap="truncate-end">
					{title}
				</Text>
				{checking}
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
		<Box borderStyle="round" borderColor={warning.color} flexDirection="column" paddingX={1}>
			<Text wrap="truncate-end">{question}</Text>
			{step === 'confirm' && isEarlyAnswer ? note(earlyAnswerLine(inner)) : null}
			{step === 'confirm' ? note(renamed) : null}
			{step === 'confirm' ? sharedLine : null}
		</Box>
	);
}
