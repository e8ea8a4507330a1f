import {displayWidth} from './escape.js';

/** Columns a description keeps beside its option before it moves to the lines under it. */
const MIN_DESCRIPTION = 16;

/** The column a description that moved under its option starts at, as clap's (past `--pid`'s `--`). */
const UNDER_COLUMN = 10;

/**
 * `text`'s words in lines of at most `room` columns, broken only at spaces: a word longer than
 * `room` gets a line of its own, whole (the terminal wraps it), never split as meow's fixed text is.
 */
export function wrapWords(text: string, room: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ').filter(each => each !== '')) {
		if (line !== '' && displayWidth(line) + 1 + displayWidth(word) > room) {
			lines.push(line);
			line = word;
		} else {
			line = line === '' ? word : `${line} ${word}`;
		}
	}

	return line === '' ? lines : [...lines, line];
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** An option's line: its indent, the option, and the column its description starts at. */
const optionLine = /^( +)(\S(?:.*?\S)?) {2,}(\S.*)$/u;

/** One paragraph of the help (lines of one indent), or one option with its description. */
type Block = {readonly indent: number; readonly text: string; readonly option?: string; readonly column?: number};

function blocksOf(lines: readonly string[]): Array<Block | null> {
	const blocks: Array<Block | null> = [];
	for (const line of lines) {
		const last = blocks.at(-1);
		const indent = indentOf(line);
		const option = optionLine.exec(line);
		if (line.trim() === '') {
			blocks.push(null);
		} else if (last?.column !== undefined && indent > last.indent && option === null) {
			// The description's next line, under its start.
			blocks[blocks.length - 1] = {...last, text: `${last.text} ${line.trim()}`};
		} else if (option !== null) {
			blocks.push({indent, option: option[2]!, text: option[3]!, column: line.length - option[3]!.length});
		} else if (last !== undefined && last !== null && last.option === undefined && last.indent === indent) {
			blocks[blocks.length - 1] = {...last, text: `${last.text} ${line.trim()}`};
		} else {
			blocks.push({indent, text: line.trim()});
		}
	}

	return blocks;
}

/**
 * A help text laid out for `width` columns, as clap does on a narrow terminal: unchanged where
 * every line fits; else each paragraph re-wrapped at its indent, and each option's description
 * beside it at its column while MIN_DESCRIPTION columns are left there, else on the lines under
 * it, indented. No word is split.
 */
export function wrapHelp(text: string, width: number): string {
	const lines = text.split('\n');
	if (lines.every(line => displayWidth(line) <= width)) return text;
	return blocksOf(lines).flatMap(block => {
		if (block === null) return [''];
		const pad = (count: number) => ' '.repeat(count);
		const {indent, option, column = 0} = block;
		if (option === undefined) {
			// A command (`$ socktop --json | jq …`) goes on indented, so its next line reads as the same one.
			const more = block.text.startsWith('$ ') ? 2 : 0;
			const [first = '', ...rest] = wrapWords(block.text, width - indent);
			return [pad(indent) + first, ...wrapWords(rest.join(' '), width - indent - more).map(each => pad(indent + more) + each)];
		}

		const optionLines = wrapWords(option, width - indent).map(each => pad(indent) + each);
		if (width - column >= MIN_DESCRIPTION && displayWidth(optionLines.at(-1)!) + 2 <= column) {
			const [first = '', ...rest] = wrapWords(block.text, width - column);
			const last = optionLines.pop()!;
			return [...optionLines, last + pad(column - displayWidth(last)) + first, ...rest.map(each => pad(column) + each)];
		}

		return [...optionLines, ...wrapWords(block.text, width - UNDER_COLUMN).map(each => pad(UNDER_COLUMN) + each)];
	}).join('\n');
}
