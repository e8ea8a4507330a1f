import {Text} from 'ink';
import {fit} from '../format/escape.js';
import type {Fact} from '../model/pid-rows.js';

/** Which facts share a line, in the order lines are dropped from the end on short screens. */
const LINES: ReadonlyArray<readonly string[]> = [
	// Netns, when shown (not the host's), before State: the sentences below are about its addresses.
	['PID', 'PPID', 'User', 'Netns', 'State', 'Threads'],
	['Started', 'Open FDs'],
	['Cmdline'],
	['Cwd', 'Exe'],
];

type Props = {
	readonly facts: readonly Fact[];
	readonly lines: number;
	readonly width: number;
	readonly isDim: boolean;
};

/** The process block: facts as 'Label value' pairs, one group per line, each cut to the width. */
export function PidHeader({facts, lines, width, isDim}: Props) {
	return (
		<>
			{LINES.slice(0, lines).map(labels => {
				const text = facts
					.filter(fact => labels.includes(fact.label))
					.map(fact => `${fact.label} ${fact.value}`)
					.join('  ');
				return (
					<Text key={labels[0]} dimColor={isDim}>
						{fit(text, width)}
					</Text>
				);
			})}
		</>
	);
}
