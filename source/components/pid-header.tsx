import {Text} from 'ink';
import {displayWidth, fit} from '../format/escape.js';
import type {Fact} from '../model/pid-rows.js';
import {wrapText} from './pid-layout.js';

/** The start time and the fds, with the sockets counted by state where the width leaves room: a leak's 1650 CLOSE_WAIT in one fact. */
const STARTED_LINE: readonly string[] = ['Started', 'Open FDs', 'Sockets'];
/** The Sockets fact on a line of its own, where it does not fit beside Started and Open FDs (at 80 columns it seldom does). */
const SOCKETS_LINE: readonly string[] = ['Sockets'];

/** Which facts share a line, in the order they are drawn. */
const LINES: ReadonlyArray<readonly string[]> = [
	// Netns, when shown (not the host's), before State: the sentences below are about its addresses.
	['PID', 'PPID', 'User', 'Netns', 'NSpid', 'State', 'Threads'],
	STARTED_LINE,
	SOCKETS_LINE,
	['Cmdline'],
	['Cwd', 'Exe'],
];

/**
 * The lines a short screen keeps, by what they tell (PidLayout.factLines): the Cmdline first,
 * as it says what the process is (the title names only its command), then the PID line's user
 * and state; the start time, the Sockets line (where it has one) and the paths go first.
 */
const KEPT_FIRST: readonly string[] = ['Cmdline', 'PID', 'Started', 'Sockets', 'Cwd'];

type Props = {
	readonly facts: readonly Fact[];
	readonly lines: number;
	/** Lines the Cmdline fact may wrap to (PidLayout.cmdlineLines); 1 cuts it to one line. */
	readonly cmdlineLines?: number;
	readonly width: number;
	readonly isDim: boolean;
};

const FACT_GAP = '  ';

/** The text of a group of facts: 'Label value' pairs. */
const groupText = (facts: readonly Fact[], labels: readonly string[]) =>
	facts
		.filter(fact => labels.includes(fact.label))
		.map(fact => `${fact.label} ${fact.value}`)
		.join(FACT_GAP);

/**
 * A group of facts in `width`: each whole or not at all ('State S (sleeping)', never
 * 'State S (sleepin…'), in its short form (Fact.short) where the whole does not fit, in order,
 * the ones that do not fit left out; only a first fact wider than the line is cut, so the line says something.
 */
const fitGroup = (facts: readonly Fact[], labels: readonly string[], width: number): string => {
	const shown = facts.filter(fact => labels.includes(fact.label));
	const pairs = shown.map(fact => `${fact.label} ${fact.value}`);
	let line = '';
	for (const fact of shown) {
		const fits = [fact.value, ...(fact.short === undefined ? [] : [fact.short])]
			.map(value => (line === '' ? '' : `${line}${FACT_GAP}`) + `${fact.label} ${value}`)
			.find(next => displayWidth(next) <= width);
		if (fits !== undefined) line = fits;
	}

	return line === '' ? fit(pairs[0] ?? '', width) : line;
};

/**
 * Lines the Cmdline fact takes wrapped to `width`, at most `max`: what PidLayout.cmdlineLines
 * asks for (its argument breaks at spaces, continuation lines under the value).
 */
export const cmdlineLineCount = (facts: readonly Fact[], width: number, max: number): number =>
	wrapCmdline(groupText(facts, ['Cmdline']), width, max).length;

const wrapCmdline = (text: string, width: number, max: number) => wrapText(text, width, max, width > 2 * CMDLINE_INDENT ? CMDLINE_INDENT : 2);

/** 'Cmdline ': continuation lines start under the value. */
const CMDLINE_INDENT = 'Cmdline '.length;

/** Whether the Sockets fact takes a line of its own at `width` (PidLayout's `socketsLine`): it does not fit beside Started and Open FDs. */
export const hasSocketsLine = (facts: readonly Fact[], width: number): boolean =>
	facts.some(fact => fact.label === 'Sockets') && displayWidth(groupText(facts, STARTED_LINE)) > width;

/**
 * The process block: facts as 'Label value' pairs, one group per line, as many whole facts as fit;
 * the command line wrapped over `cmdlineLines` lines, the last cut with '…' if more remains. The
 * Sockets fact goes on a line of its own where it needs one and `lines` keep it, else on the
 * Started line where it fits.
 */
export function PidHeader({facts, lines, cmdlineLines = 1, width, isDim}: Props) {
	const hasOwnLine = hasSocketsLine(facts, width);
	const kept = KEPT_FIRST.filter(label => label !== 'Sockets' || hasOwnLine).slice(0, lines);
	const isApart = kept.includes('Sockets');
	return (
		<>
			{LINES.filter(labels => kept.includes(labels[0]!) && (labels !== SOCKETS_LINE || isApart)).flatMap(labels => {
				const cmdline = labels[0] === 'Cmdline' ? groupText(facts, labels) : null;
				const drawn = isApart && labels === STARTED_LINE ? labels.filter(label => label !== 'Sockets') : labels;
				const wrapped = cmdline === null ? [fitGroup(facts, drawn, width)] : cmdlineLines > 1 ? wrapCmdline(cmdline, width, cmdlineLines) : [fit(cmdline, width)];
				return wrapped.map((line, index) => (
					<Text key={`${labels[0]}:${index}`} dimColor={isDim}>
						{line}
					</Text>
				));
			})}
		</>
	);
}
