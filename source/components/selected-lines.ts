import {wrapText} from './pid-layout.js';

/** Lines a note under the selected fd's sentence (what "ephemeral" means) may wrap to. */
const NOTE_MAX_LINES = 5;

/** The note, indented under the sentence it belongs to (whose later lines are indented as much). */
const noteLines = (note: string | null, width: number, max = NOTE_MAX_LINES): string[] =>
	note === null || max <= 0 || width <= 2 ? [] : wrapText(note, width - 2, max).map(line => `  ${line}`);

/** Lines the selected fd's sentence (wrapped to at most `max`) and its note take. */
export function selectedLineCount(text: string, note: string | null, width: number, max: number): number {
	return wrapText(text, width, max).length + noteLines(note, width).length;
}

/**
 * The selected fd's lines within `lines`: its sentence first, then its note in what is left.
 * Whatever is cut is cut at its end, with one '…' where its room runs out: a sentence cut in
 * its middle joins two fragments into a claim it does not make. A sentence cut anyway leaves
 * the note its first line (from three lines), so the word it explains is not left bare.
 */
export function selectedBlock(text: string, note: string | null, width: number, lines: number): string[] {
	const isCut = wrapText(text, width, lines + 1).length > lines;
	const sentence = wrapText(text, width, isCut && note !== null && lines >= 3 ? lines - 1 : lines);
	return [...sentence, ...noteLines(note, width, Math.min(NOTE_MAX_LINES, lines - sentence.length))];
}
