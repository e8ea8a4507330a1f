import {tallyHeading, type Tally} from '../model/tally.js';
import type {Snapshot} from '../model/types.js';
import {stringifyJson} from './escape.js';
import {documentHead, documentSkipped, type JsonSkipped} from './json.js';

/**
 * `--tally COLUMN --once`: `uniq -c`'s shape, each group's count right-aligned under COUNT, then its
 * text (sanitized, as the table's cells), most first:
 *
 *   COUNT FOREIGN HOST
 *       5 127.0.0.2
 *       2 127.0.0.3
 *
 * The header line unless `isQuiet` (-q), the counts as wide as it all the same; nothing at all for -q and no rows.
 */
export function formatTallyText(tally: Tally, isQuiet = false): string {
	const heading = 'COUNT';
	const width = Math.max(heading.length, ...tally.groups.map(group => String(group.count).length));
	const lines = [
		...(isQuiet ? [] : [`${heading.padStart(width)} ${tallyHeading(tally.column)}`]),
		...tally.groups.map(group => `${String(group.count).padStart(width)} ${group.label}`.trimEnd()),
	];
	return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/** `--tally COLUMN --json`: --json's document with `tally` where `sockets` is. */
export type JsonTallyDocument = ReturnType<typeof documentHead> & {
	readonly tally: {
		readonly column: Tally['column'];
		readonly sockets: number;
		readonly groups: ReadonlyArray<{readonly count: number; readonly value: string}>;
	};
	readonly skipped: JsonSkipped;
};

export const toJsonTally = (snapshot: Snapshot, tally: Tally): JsonTallyDocument => ({
	...documentHead(snapshot),
	tally: {column: tally.column, sockets: tally.total, groups: tally.groups.map(group => ({count: group.count, value: group.label}))},
	skipped: documentSkipped(snapshot),
});

/** The document as text: compact (`indent` 0) for pipes, indented for reading. */
export const formatTallyJson = (snapshot: Snapshot, tally: Tally, indent = 0): string => stringifyJson(toJsonTally(snapshot, tally), indent);
