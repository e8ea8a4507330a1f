import {wrapKeepingEnd, wrapText} from './pid-layout.js';

/** Lines a note under the selected fd's sentence (what "ephemeral" means) may wrap to. */
export const NOTE_MAX_LINES = 5;

/** The note, indented under the sentence it belongs to (whose later lines are indented as much). */
const noteLines = (note: string | null, width: number, max = NOTE_MAX_LINES): string[] =>
	note === null || max <= 0 || width <= 2 ? [] : wrapText(note, width - 2, max).map(line => `  ${line}`);

/** Lines the selected fd's sentence (wrapped to at most `max`) and its note take. */
export function selectedLineCount(text: string, note: string | null, width: number, max: number): number {
	return wrapText(text, width, max).length + noteLines(note, width).length;
}

/**
 * The selected fd's lines within `lines`: its sentence first (wrapKeepingEnd, keeping its end),
 * then its note in what is left; on a screen too short for both the note gives way, as it only
 * explains a word of the sentence.
 */
export function selectedBlock(text: string, note: string | null, width: number, lines: number): string[] {
	// More than `lines` means it does not fit: then it takes them all, its middle cut.
	const needed = wrapText(text, width, lines + 1).length;
	const sentence = wrapKeepingEnd(text, width, Math.min(needed, lines));
	return [...sentence, ...noteLines(note, width, Math.min(NOTE_MAX_LINES, lines - sentence.length))];
}
