import {displayWidth, fit, sanitize} from '../format/escape.js';
import {keyNames} from '../glyphs.js';
import {positionForms} from '../model/scroll-position.js';
import {quotedQuery} from '../model/query.js';

/** What the PID view's title says. */
export type PidTitleInput = {
	readonly pid: number;
	/** The process's command; null before the first read or when none is known. */
	readonly command: string | null;
	readonly isPaused: boolean;
	/** k can signal the process: the title offers it. */
	readonly canSignal: boolean;
	/** The locale is not UTF-8: the arrow keys are named in words (keyNames), not drawn as '^v'. */
	readonly isAscii: boolean;
	/** The selected fd's other end is another process, whose PID view Enter opens. */
	readonly canFollow?: boolean;
	/** The `/` filter's text ('' for none). */
	readonly filter: string;
	/** The first row shown (0-based) and how many the table shows. */
	readonly top: number;
	readonly page: number;
	/** Rows the filter passes, and rows there are. */
	readonly shown: number;
	readonly total: number;
};

/**
 * Where the table is and how many rows there are, from the longest wording to the shortest:
 * '' when every row is on screen and no filter hides any.
 */
function positions({filter, top, page, shown, total}: PidTitleInput): readonly string[] {
	// Nothing read yet (or nothing to read): no count to give.
	if (total === 0) return [''];
	const isScrolled = shown > page;
	const last = top + Math.min(page, shown);
	if (filter === '') return isScrolled ? positionForms({first: top + 1, last, total}) : [''];
	const showing = `showing ${shown} of ${total}`;
	const rows = isScrolled ? ` · rows ${top + 1}-${last}` : '';
	const compact = isScrolled ? `${top + 1}-${last}/${shown} of ${total}` : `${shown}/${total} shown`;
	return [`${quotedQuery(filter)}: ${showing}${rows}`, `${showing}${rows}`, compact];
}

/**
 * The PID view's title, fitted to `width`. Hints go first, the least needed first (/, ↑↓, k, then Enter's),
 * then the position takes its short form ('194-204/1021'), then Esc's hint goes, then ?'s,
 * then the command is cut: the total of rows is never lost, nor the pause, a state said nowhere
 * else on the screen.
 */
export function pidTitle(input: PidTitleInput, width: number): string {
	const who = ` PID ${input.pid}${input.command === null ? '' : ` ${sanitize(input.command)}`}`;
	const paused = input.isPaused ? ' · paused' : '';
	const kill = input.canSignal ? ' · k kill' : '';
	// Esc clears a kept filter before it goes back.
	const esc = input.filter === '' ? ' · Esc back' : ' · Esc clear';
	const arrows = keyNames('↑↓', input.isAscii);
	// From every hint to none: ? alone says the rest (Esc included) on its screen.
	const peer = input.canFollow === true ? ' · Enter peer' : '';
	// No rows (none readable, or none read yet): nothing to select or filter.
	const rowKeys = input.total === 0 && input.filter === '' ? [] : [`${esc} · ? help${kill}${peer} · ${arrows} select · / filter`, `${esc} · ? help${kill}${peer} · ${arrows} select`];
	const hints = [
		...rowKeys,
		`${esc} · ? help${kill}${peer}`,
		`${esc} · ? help${peer}`,
		`${esc} · ? help`,
		' · ? help',
		'',
	];
	const tail = (position: string) => (position === '' ? '' : ` · ${position}`);
	const all = positions(input);
	// The longer wordings only with Esc's and ?'s hints; the shortest, without them too.
	for (const [index, position] of all.entries()) {
		const least = index === all.length - 1 ? hints.length : 5;
		for (const hint of hints.slice(0, least)) {
			const title = `${who}${paused}${hint}${tail(position)}`;
			if (displayWidth(title) <= width) return title;
		}
	}

	// Not even the shortest fits after the whole command: the command is cut, what follows it kept.
	const end = `${paused}${tail(all.at(-1)!)}`;
	const room = width - displayWidth(end);
	return room >= displayWidth(` PID ${input.pid}`) + 2 ? `${fit(who, room)}${end}` : fit(`${who}${end}`, width);
}
